package reporting

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// The dimensions of a tally. Groups are 1..eligibility.MaxGroups, with 0 for
// "in no target group"; outcomes and channels are routing's (6 and 7 of
// them, each within 8).
const (
	tallyGroups   = eligibility.MaxGroups + 1
	tallyOutcomes = 8
	tallyChannels = 8
)

// GroupNone is the group under which a tally counts a resident who is in
// no target group (不属于扩面重点人群). It is not an eligibility.Group.
const GroupNone eligibility.Group = 0

// villageTally holds the counters of one village.
type villageTally struct {
	residents int64
	// routed counts each resident once, by outcome and channel.
	routed [tallyOutcomes][tallyChannels]int64
	// grouped counts each resident once per target group it is in (once
	// under GroupNone when it is in none), by outcome and channel.
	grouped [tallyGroups][tallyOutcomes][tallyChannels]int64
}

// Tally counts routed residents by village × target group × outcome
// (scheme) × channel. It is built in one pass over a roster of any length in
// memory bounded by villages × groups × outcomes × channels (about 6 KB a
// village: a town's few dozen villages take little, but a roster that gives
// every row its own village name takes memory in proportion), and tallies
// merge exactly: tallies of the shards of a roster, merged in any order and
// any grouping, equal the tally of the whole roster (Merge is associative
// and commutative; counts are integers).
//
// Each resident counts once in the village totals and in the
// outcome × channel cells ([Tally.Routes]), and once per target group it is
// in in the group cells ([Tally.Rows]); a resident in no group counts under
// [GroupNone]. So the routed cells of a village sum to its residents, and
// the whole tally to the roster's accepted rows: row for row.
//
// The zero Tally is empty and ready to use. A Tally is not safe for
// concurrent use: give each goroutine its own and merge them.
type Tally struct {
	villages map[string]*villageTally
	// groups names the target groups counted (the policy's), for the
	// tables; nil until an entry brings them.
	groups *eligibility.Rulebook
}

// TallyEntry is what a tally counts about one routed resident.
type TallyEntry struct {
	Village string               // 村(社区)
	Groups  eligibility.GroupSet // the target groups the resident is in
	Outcome routing.Outcome      // the scheme the decision sends the resident to
	Channel routing.Channel      // how the resident joins
	// Rulebook names the groups of Groups (a routing.Decision's
	// Rulebook()); it may be nil, and the tables then number the groups.
	Rulebook *eligibility.Rulebook
}

// ErrTallyRange is returned by [Tally.Add] for an entry whose outcome or
// channel lies outside the tally's dimensions.
var ErrTallyRange = errors.New("reporting: tally: outcome or channel out of range")

// Add counts one resident. It returns [ErrTallyRange] (and counts nothing)
// when the entry's outcome or channel is not one routing defines.
func (t *Tally) Add(e TallyEntry) error {
	if e.Outcome >= tallyOutcomes || e.Channel >= tallyChannels {
		return fmt.Errorf("%w: outcome %d, channel %d", ErrTallyRange, e.Outcome, e.Channel)
	}
	t.add(t.village(e.Village), e.Groups, e.Outcome, e.Channel)
	if t.groups == nil {
		t.groups = e.Rulebook
	}
	return nil
}

// village returns the counters of village v, creating them. Looking up with
// a converted byte slice does not allocate.
func (t *Tally) village(v string) *villageTally {
	if vt, ok := t.villages[v]; ok {
		return vt
	}
	if t.villages == nil {
		t.villages = make(map[string]*villageTally)
	}
	vt := new(villageTally)
	t.villages[v] = vt
	return vt
}

func (t *Tally) add(vt *villageTally, gs eligibility.GroupSet, o routing.Outcome, c routing.Channel) {
	vt.residents++
	vt.routed[o][c]++
	m := uint16(gs &^ 1)
	if m == 0 {
		vt.grouped[GroupNone][o][c]++
		return
	}
	for ; m != 0; m &= m - 1 {
		vt.grouped[bits.TrailingZeros16(m)][o][c]++
	}
}

// Merge adds the counts of u into t. u is not changed; a nil u adds
// nothing.
func (t *Tally) Merge(u *Tally) {
	if u == nil {
		return
	}
	if t.groups == nil {
		t.groups = u.groups
	}
	for v, uv := range u.villages {
		tv := t.village(v)
		tv.residents += uv.residents
		for o := range uv.routed {
			for c := range uv.routed[o] {
				tv.routed[o][c] += uv.routed[o][c]
			}
		}
		for g := range uv.grouped {
			for o := range uv.grouped[g] {
				for c := range uv.grouped[g][o] {
					tv.grouped[g][o][c] += uv.grouped[g][o][c]
				}
			}
		}
	}
}

// Clone returns an independent copy of t.
func (t *Tally) Clone() *Tally {
	u := &Tally{}
	u.Merge(t)
	return u
}

// Equal reports whether t and u hold the same counts. A nil Tally holds
// none, as the zero Tally.
func (t *Tally) Equal(u *Tally) bool {
	if t == nil || u == nil {
		return t.Total() == 0 && u.Total() == 0
	}
	if len(t.villages) != len(u.villages) {
		return false
	}
	for v, tv := range t.villages {
		uv, ok := u.villages[v]
		if !ok || *tv != *uv {
			return false
		}
	}
	return true
}

// Total returns the number of residents counted (0 for a nil Tally).
func (t *Tally) Total() int64 {
	if t == nil {
		return 0
	}
	var n int64
	for _, vt := range t.villages {
		n += vt.residents
	}
	return n
}

// Villages returns the villages counted, in Chinese collation order: by
// pinyin, numbers in numeric order (第2组 before 第10组), ties broken by
// byte order. The order depends only on the names, never on the order the
// residents came in, so merged shards print the same as one pass.
func (t *Tally) Villages() []string {
	vs := make([]string, 0, len(t.villages))
	for v := range t.villages {
		vs = append(vs, v)
	}
	sortVillages(vs)
	return vs
}

// sortVillages sorts village names by Chinese collation (pinyin, numbers
// numerically), breaking ties by byte order.
func sortVillages(vs []string) {
	col := collate.New(language.Chinese, collate.Numeric)
	slices.SortStableFunc(vs, func(a, b string) int {
		if c := col.CompareString(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}

// TallyRow is one non-zero cell of a tally.
type TallyRow struct {
	Village string            // 村(社区)
	Group   eligibility.Group // the target group, or GroupNone
	Outcome routing.Outcome   // 去向 (scheme)
	Channel routing.Channel   // 参保渠道
	Count   int64             // residents
}

// Rows returns the non-zero village × group × outcome × channel cells,
// villages in [Tally.Villages] order, then by group (GroupNone last),
// outcome and channel. A resident in two groups appears in two rows.
func (t *Tally) Rows() []TallyRow {
	var rows []TallyRow
	for _, v := range t.Villages() {
		vt := t.villages[v]
		for k := 1; k <= tallyGroups; k++ {
			g := eligibility.Group(k % tallyGroups) // 1..MaxGroups, then 0
			for o := range vt.grouped[g] {
				for c, n := range vt.grouped[g][o] {
					if n != 0 {
						rows = append(rows, TallyRow{Village: v, Group: g, Outcome: routing.Outcome(o), Channel: routing.Channel(c), Count: n})
					}
				}
			}
		}
	}
	return rows
}

// RouteRow is one non-zero village × outcome × channel cell: each resident
// in exactly one.
type RouteRow struct {
	Village string
	Outcome routing.Outcome
	Channel routing.Channel
	Count   int64
}

// Routes returns the non-zero village × outcome × channel cells, in village
// order, then by outcome and channel. Their counts sum to [Tally.Total].
func (t *Tally) Routes() []RouteRow {
	var rows []RouteRow
	for _, v := range t.Villages() {
		vt := t.villages[v]
		for o := range vt.routed {
			for c, n := range vt.routed[o] {
				if n != 0 {
					rows = append(rows, RouteRow{Village: v, Outcome: routing.Outcome(o), Channel: routing.Channel(c), Count: n})
				}
			}
		}
	}
	return rows
}

// VillageTotal is one village's count of residents, with the residents sent
// to each scheme.
type VillageTotal struct {
	Village   string
	Residents int64 // every resident counted once
	Employee  int64 // sent to 企业职工基本养老保险
	Resident  int64 // sent to 城乡居民基本养老保险
}

// Totals returns one VillageTotal per village, in village order.
func (t *Tally) Totals() []VillageTotal {
	var out []VillageTotal
	for _, v := range t.Villages() {
		vt := t.villages[v]
		tot := VillageTotal{Village: v, Residents: vt.residents}
		for c := range tallyChannels {
			tot.Employee += vt.routed[routing.OutcomeEmployee][c]
			tot.Resident += vt.routed[routing.OutcomeResident][c]
		}
		out = append(out, tot)
	}
	return out
}

// ErrTallyMismatch is returned by [Tally.Reconcile] when the tally and the
// roster disagree.
var ErrTallyMismatch = errors.New("reporting: tally does not reconcile with the roster")

// Reconcile checks the tally against the import counts of the roster it was
// built from: it must count exactly the accepted rows, each village's
// outcome cells must sum to its residents, and each village's group cells
// must count every resident at least once. It returns nil or an error
// wrapping [ErrTallyMismatch] that says where they disagree.
func (t *Tally) Reconcile(c roster.Counts) error {
	if !c.Reconciles() {
		return fmt.Errorf("%w: import counts do not balance: %s", ErrTallyMismatch, c)
	}
	if got := t.Total(); got != int64(c.Accepted) {
		return fmt.Errorf("%w: tally counts %d residents, roster accepted %d rows", ErrTallyMismatch, got, c.Accepted)
	}
	for _, v := range t.Villages() {
		vt := t.villages[v]
		var routed, grouped int64
		for o := range vt.routed {
			for c := range vt.routed[o] {
				routed += vt.routed[o][c]
			}
		}
		for g := range vt.grouped {
			for o := range vt.grouped[g] {
				for c := range vt.grouped[g][o] {
					grouped += vt.grouped[g][o][c]
				}
			}
		}
		if routed != vt.residents || grouped < vt.residents {
			return fmt.Errorf("%w: village %q: %d residents, %d routed, %d group memberships", ErrTallyMismatch, privacy.Numbers(v), vt.residents, routed, grouped)
		}
	}
	return nil
}

// Table returns the tally's cells ([Tally.Rows]) as a [table.Table] titled title:
// 村(社区), 扩面对象类别, 去向(险种), 参保渠道, 人数. A resident in two
// target groups is in two rows, so the table has no total row; see
// [Tally.TotalsTable] for counts that sum to the roster. 扩面对象类别 names
// each group by its numeral and short name in the first rulebook the tally
// was given ([TallyEntry].Rulebook; a routed decision brings its policy's),
// or 第n类 without one, and the note cites that rulebook's document.
func (t *Tally) Table(title string) table.Table {
	tbl := table.Table{
		Title: title,
		Columns: []table.Column{
			{Header: "村(社区)"}, {Header: "扩面对象类别"}, {Header: "去向(险种)"}, {Header: "参保渠道"},
			{Header: "人数", Kind: table.KindInteger, NoSum: true},
		},
		Notes: []string{t.groupNote()},
	}
	zh := language.Chinese
	for _, r := range t.Rows() {
		channel := ""
		if r.Channel != routing.ChannelNone {
			channel = r.Channel.Label(zh)
		}
		tbl.Rows = append(tbl.Rows, []table.Cell{
			table.Text(villageLabel(r.Village)), table.Text(t.groupLabel(r.Group)), table.Text(r.Outcome.Label(zh)), table.Text(channel), table.Int(r.Count),
		})
	}
	return tbl
}

// groupLabel is how the tables show a group: its numeral and short name
// from the policy, or 非扩面重点人群 for [GroupNone].
func (t *Tally) groupLabel(g eligibility.Group) string {
	return groupSetLabel(t.groups, eligibility.GroupsOf(g))
}

func (t *Tally) groupNote() string {
	doc := "方案"
	if t.groups != nil && t.groups.Document != "" {
		doc = t.groups.Document
	}
	return "扩面对象类别依据" + doc + "；同属多个类别的人员在每个类别各计一次。"
}

// villageLabel is how the tables show a village: the name, or （未填） for
// rows that gave none.
func villageLabel(v string) string {
	if v == "" {
		return "（未填）"
	}
	return v
}

// TotalsTable returns one row per village — 人数 (each resident once), then
// the residents by outcome: 企业职工基本养老保险, 城乡居民基本养老保险,
// 已参保, 不属于扩面对象, 未定 — with a computed 合计 row that equals the
// roster's accepted rows.
func (t *Tally) TotalsTable(title string) table.Table {
	zh := language.Chinese
	outcomes := []routing.Outcome{routing.OutcomeEmployee, routing.OutcomeResident, routing.OutcomeCovered, routing.OutcomeNotEligible, routing.OutcomeNone}
	tbl := table.Table{
		Title:   title,
		Columns: []table.Column{{Header: "村(社区)"}, {Header: "人数", Kind: table.KindInteger}},
		Total:   table.Total{Mode: table.ComputedTotal, Label: "合计"},
	}
	for _, o := range outcomes {
		tbl.Columns = append(tbl.Columns, table.Column{Header: o.Label(zh), Kind: table.KindInteger})
	}
	for _, v := range t.Villages() {
		vt := t.villages[v]
		row := []table.Cell{table.Text(villageLabel(v)), table.Int(vt.residents)}
		for _, o := range outcomes {
			var n int64
			for c := range tallyChannels {
				n += vt.routed[o][c]
			}
			row = append(row, table.Int(n))
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	return tbl
}
