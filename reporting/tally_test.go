package reporting_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

var rosVillages = []string{"石堰村", "桃花村", "第10组", "第2组", "安乐村", "双龙社区"}

// rosEntries returns n pseudo-random tally entries from seed.
func rosEntries(seed uint64, n int) []reporting.TallyEntry {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]reporting.TallyEntry, n)
	for i := range out {
		var gs eligibility.GroupSet
		for g := eligibility.Group(1); g <= eligibility.MaxGroups; g++ {
			if rng.IntN(4) == 0 {
				gs = gs.With(g)
			}
		}
		out[i] = reporting.TallyEntry{
			Village: rosVillages[rng.IntN(len(rosVillages))],
			Groups:  gs,
			Outcome: routing.Outcome(rng.IntN(6)),
			Channel: routing.Channel(rng.IntN(7)),
		}
	}
	return out
}

func rosTallyOf(t testing.TB, es []reporting.TallyEntry) *reporting.Tally {
	var tl reporting.Tally
	for _, e := range es {
		if err := tl.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	return &tl
}

func TestTallyMergeEqualsOnePass(t *testing.T) {
	for seed := range uint64(20) {
		es := rosEntries(seed, 500)
		whole := rosTallyOf(t, es)
		rng := rand.New(rand.NewPCG(seed, 99))
		// Deal the entries to k shards at random, shuffled within each.
		k := 1 + rng.IntN(5)
		shards := make([][]reporting.TallyEntry, k)
		for _, e := range es {
			i := rng.IntN(k)
			shards[i] = append(shards[i], e)
		}
		tallies := make([]*reporting.Tally, k)
		for i, s := range shards {
			rng.Shuffle(len(s), func(a, b int) { s[a], s[b] = s[b], s[a] })
			tallies[i] = rosTallyOf(t, s)
		}
		// Merge left to right, and right to left in a tree.
		var left reporting.Tally
		for _, tl := range tallies {
			left.Merge(tl)
		}
		right := tallies[k-1].Clone()
		for i := k - 2; i >= 0; i-- {
			u := tallies[i].Clone()
			u.Merge(right)
			right = u
		}
		if !whole.Equal(&left) || !whole.Equal(right) {
			t.Fatalf("seed %d: merged shards differ from one pass", seed)
		}
		if diff := cmp.Diff(whole.Rows(), right.Rows()); diff != "" {
			t.Fatalf("seed %d: Rows() mismatch (-one pass +merged):\n%s", seed, diff)
		}
		if err := left.Reconcile(roster.Counts{Rows: 510, Accepted: 500, Rejected: 10}); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
}

func TestTallyMergeLeavesArgumentUnchanged(t *testing.T) {
	a := rosTallyOf(t, rosEntries(1, 50))
	b := rosTallyOf(t, rosEntries(2, 50))
	bBefore := b.Clone()
	a.Merge(b)
	if !b.Equal(bBefore) {
		t.Fatal("Merge changed its argument")
	}
	if a.Total() != 100 {
		t.Fatalf("Total() = %d, want 100", a.Total())
	}
}

func TestTallyVillageOrder(t *testing.T) {
	var tl reporting.Tally
	for _, v := range rosVillages {
		if err := tl.Add(reporting.TallyEntry{Village: v}); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"安乐村", "第2组", "第10组", "石堰村", "双龙社区", "桃花村"}
	if diff := cmp.Diff(want, tl.Villages()); diff != "" {
		t.Errorf("Villages() mismatch (-want +got):\n%s", diff)
	}
}

func TestTallyCells(t *testing.T) {
	var tl reporting.Tally
	add := func(v string, gs eligibility.GroupSet, o routing.Outcome, c routing.Channel) {
		t.Helper()
		if err := tl.Add(reporting.TallyEntry{Village: v, Groups: gs, Outcome: o, Channel: c}); err != nil {
			t.Fatal(err)
		}
	}
	// Groups are positions in a rulebook: 3, 8 and 9 are 石堰's
	// platform_worker, other_uninsured and elderly_back_pay; the tally
	// counts positions whatever names them.
	const platform, other, elderly eligibility.Group = 3, 8, 9
	add("石堰村", eligibility.GroupsOf(platform, other), routing.OutcomeEmployee, routing.ChannelFlexible)
	add("石堰村", 0, routing.OutcomeCovered, routing.ChannelNone)
	add("石堰村", eligibility.GroupsOf(platform), routing.OutcomeEmployee, routing.ChannelFlexible)
	add("安乐村", eligibility.GroupsOf(elderly), routing.OutcomeResident, routing.ChannelBackPay)
	// The top group a rulebook may define is counted like any other.
	add("安乐村", eligibility.GroupsOf(eligibility.MaxGroups), routing.OutcomeResident, routing.ChannelSelfPay)

	wantRows := []reporting.TallyRow{
		{Village: "安乐村", Group: elderly, Outcome: routing.OutcomeResident, Channel: routing.ChannelBackPay, Count: 1},
		{Village: "安乐村", Group: eligibility.MaxGroups, Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay, Count: 1},
		{Village: "石堰村", Group: platform, Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible, Count: 2},
		{Village: "石堰村", Group: other, Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible, Count: 1},
		{Village: "石堰村", Group: reporting.GroupNone, Outcome: routing.OutcomeCovered, Channel: routing.ChannelNone, Count: 1},
	}
	if diff := cmp.Diff(wantRows, tl.Rows()); diff != "" {
		t.Errorf("Rows() mismatch (-want +got):\n%s", diff)
	}
	wantRoutes := []reporting.RouteRow{
		{Village: "安乐村", Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay, Count: 1},
		{Village: "安乐村", Outcome: routing.OutcomeResident, Channel: routing.ChannelBackPay, Count: 1},
		{Village: "石堰村", Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible, Count: 2},
		{Village: "石堰村", Outcome: routing.OutcomeCovered, Channel: routing.ChannelNone, Count: 1},
	}
	if diff := cmp.Diff(wantRoutes, tl.Routes()); diff != "" {
		t.Errorf("Routes() mismatch (-want +got):\n%s", diff)
	}
	wantTotals := []reporting.VillageTotal{
		{Village: "安乐村", Residents: 2, Resident: 2},
		{Village: "石堰村", Residents: 3, Employee: 2},
	}
	if diff := cmp.Diff(wantTotals, tl.Totals()); diff != "" {
		t.Errorf("Totals() mismatch (-want +got):\n%s", diff)
	}
	if err := tl.Reconcile(roster.Counts{Rows: 5, Accepted: 5}); err != nil {
		t.Errorf("Reconcile() = %v", err)
	}
	if err := tl.Reconcile(roster.Counts{Rows: 6, Accepted: 6}); !errors.Is(err, reporting.ErrTallyMismatch) {
		t.Errorf("Reconcile(6 rows) = %v, want ErrTallyMismatch", err)
	}
	if err := tl.Reconcile(roster.Counts{Rows: 6, Accepted: 5}); !errors.Is(err, reporting.ErrTallyMismatch) {
		t.Errorf("Reconcile(unbalanced counts) = %v, want ErrTallyMismatch", err)
	}
}

func TestTallyAddOutOfRange(t *testing.T) {
	var tl reporting.Tally
	err := tl.Add(reporting.TallyEntry{Village: "石堰村", Outcome: 9})
	if !errors.Is(err, reporting.ErrTallyRange) || tl.Total() != 0 {
		t.Fatalf("Add(outcome 9) = %v, total %d; want ErrTallyRange and nothing counted", err, tl.Total())
	}
}

// FuzzTallyMerge checks that any split of any entries into two shards,
// merged either way, equals one pass.
func FuzzTallyMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint64(0b1010))
	f.Add([]byte{}, uint64(0))
	f.Add([]byte{5, 255, 255, 0, 0, 0, 3, 1, 2, 4, 9, 9}, uint64(0x9a3f))
	f.Fuzz(func(t *testing.T, data []byte, split uint64) {
		var es []reporting.TallyEntry
		for i := 0; i+2 < len(data); i += 3 {
			es = append(es, reporting.TallyEntry{
				Village: rosVillages[int(data[i])%len(rosVillages)],
				Groups:  eligibility.GroupSet(uint16(data[i+1])<<1 | uint16(data[i+2]&1)<<9),
				Outcome: routing.Outcome(data[i+2] >> 1 % 6),
				Channel: routing.Channel(data[i+2] >> 4 % 7),
			})
		}
		whole := rosTallyOf(t, es)
		// Three shards, chosen by two bits of split per entry.
		var shard [3][]reporting.TallyEntry
		for i, e := range es {
			k := int(split>>(2*(i%32))&3) % 3
			shard[k] = append(shard[k], e)
		}
		a, b, c := rosTallyOf(t, shard[0]), rosTallyOf(t, shard[1]), rosTallyOf(t, shard[2])
		// (a ⊕ b) ⊕ c, a ⊕ (b ⊕ c), c ⊕ b ⊕ a.
		left := a.Clone()
		left.Merge(b)
		left.Merge(c)
		bc := b.Clone()
		bc.Merge(c)
		right := a.Clone()
		right.Merge(bc)
		rev := c.Clone()
		rev.Merge(b)
		rev.Merge(a)
		for name, got := range map[string]*reporting.Tally{"(a+b)+c": left, "a+(b+c)": right, "c+b+a": rev} {
			if !whole.Equal(got) {
				t.Fatalf("%s differs from one pass", name)
			}
			if diff := cmp.Diff(whole.Rows(), got.Rows()); diff != "" {
				t.Fatalf("%s rows mismatch (-want +got):\n%s", name, diff)
			}
			if err := got.Reconcile(roster.Counts{Rows: len(es), Accepted: len(es)}); err != nil {
				t.Fatal(err)
			}
		}
		// The shards are unchanged by merging.
		if !a.Equal(rosTallyOf(t, shard[0])) || !b.Equal(rosTallyOf(t, shard[1])) {
			t.Fatal("Merge changed its argument")
		}
		// The rendered tables do not depend on the order of the entries.
		var w1, w2 bytes.Buffer
		reversed := slices.Clone(es)
		slices.Reverse(reversed)
		if err := whole.Table("t").Render(&w1, table.FormatCSV, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := rosTallyOf(t, reversed).Table("t").Render(&w2, table.FormatCSV, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
			t.Fatal("the tally table depends on the order of the entries")
		}
		if err := whole.Reconcile(roster.Counts{Rows: len(es) + 1, Accepted: len(es) + 1}); !errors.Is(err, reporting.ErrTallyMismatch) {
			t.Fatalf("Reconcile with one row too many = %v, want ErrTallyMismatch", err)
		}
	})
}

// TestTallyNil checks that a nil tally merges and compares as an empty one.
func TestTallyNil(t *testing.T) {
	var tl reporting.Tally
	tl.Merge(nil)
	if !tl.Equal(nil) || tl.Total() != 0 {
		t.Errorf("empty tally and nil differ")
	}
	one := rosTallyOf(t, rosEntries(1, 1))
	if one.Equal(nil) {
		t.Errorf("a tally of one resident equals nil")
	}
}

// TestTallyGroupNames checks how the tally's table names groups: 第n类
// until an entry brings a rulebook, then by the first rulebook given (a
// tally counts one policy's groups), with the note citing its document.
func TestTallyGroupNames(t *testing.T) {
	cells := func(tl *reporting.Tally) (groups []string, notes []string) {
		tbl := tl.Table("t")
		for _, r := range tbl.Rows {
			groups = append(groups, r[1].String())
		}
		return groups, tbl.Notes
	}
	shiyan := rosShiyanRulebook()
	other := &eligibility.Rulebook{Document: "别处〔2025〕1号", Groups: []eligibility.GroupRule{
		{Key: "a", Numeral: "甲", Clause: "一", Name: "甲类人员"}, {Key: "b", Clause: "二", Name: "乙类人员"}, {Key: "c", Clause: "三", Name: "丙类人员"},
	}}
	var tl reporting.Tally
	if err := tl.Add(reporting.TallyEntry{Village: "石堰村", Groups: eligibility.GroupsOf(3), Outcome: routing.OutcomeEmployee}); err != nil {
		t.Fatal(err)
	}
	if err := tl.Add(reporting.TallyEntry{Village: "石堰村", Outcome: routing.OutcomeCovered}); err != nil {
		t.Fatal(err)
	}
	groups, notes := cells(&tl)
	if diff := cmp.Diff([]string{"第3类", "非扩面重点人群"}, groups); diff != "" {
		t.Errorf("without a rulebook: groups mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"扩面对象类别依据方案；同属多个类别的人员在每个类别各计一次。"}, notes); diff != "" {
		t.Errorf("without a rulebook: notes mismatch (-want +got):\n%s", diff)
	}

	// A merge brings the rulebook of the tally merged in.
	var named reporting.Tally
	if err := named.Add(reporting.TallyEntry{Village: "桃花村", Groups: eligibility.GroupsOf(8), Outcome: routing.OutcomeResident, Rulebook: shiyan}); err != nil {
		t.Fatal(err)
	}
	tl.Merge(&named)
	// A later entry with another rulebook does not rename the groups.
	if err := tl.Add(reporting.TallyEntry{Village: "桃花村", Groups: eligibility.GroupsOf(1), Outcome: routing.OutcomeResident, Rulebook: other}); err != nil {
		t.Fatal(err)
	}
	groups, notes = cells(&tl)
	if diff := cmp.Diff([]string{"三 新业态从业人员", "非扩面重点人群", "一 个体工商户和小微企业", "八 其他应参未参人员"}, groups); diff != "" {
		t.Errorf("with 石堰's rulebook: groups mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"扩面对象类别依据石堰府发〔2023〕10号；同属多个类别的人员在每个类别各计一次。"}, notes); diff != "" {
		t.Errorf("with 石堰's rulebook: notes mismatch (-want +got):\n%s", diff)
	}

	// A group the rulebook does not define is numbered.
	var short reporting.Tally
	if err := short.Add(reporting.TallyEntry{Village: "石堰村", Groups: eligibility.GroupsOf(2, 5), Outcome: routing.OutcomeResident, Rulebook: other}); err != nil {
		t.Fatal(err)
	}
	if groups, _ := cells(&short); !slices.Equal(groups, []string{"乙类人员", "第5类"}) {
		t.Errorf("groups %q, want 乙类人员 (no numeral, no short name) and 第5类 (undefined)", groups)
	}
}

// TestTallyTablesMaskNumbers checks that an identity or phone number typed
// into the village column is masked in every form of the tally's tables.
func TestTallyTablesMaskNumbers(t *testing.T) {
	const id, phone = "500115197803150011", "138-1234-5678"
	var tl reporting.Tally
	for _, v := range []string{"石堰村" + id, "电话" + phone, "第2组"} {
		if err := tl.Add(reporting.TallyEntry{Village: v, Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		tbl  table.Table
	}{
		{"cells", tl.Table("分村分类汇总")},
		{"totals", tl.TotalsTable("分村汇总")},
	}
	for _, tt := range tests {
		for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
			var b bytes.Buffer
			if err := tt.tbl.Render(&b, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			out := strings.ReplaceAll(b.String(), `\*`, "*")
			for _, s := range []string{id, "19780315", phone, "1234-5678"} {
				if strings.Contains(out, s) {
					t.Errorf("%s %v shows %q", tt.name, f, s)
				}
			}
			for _, s := range []string{"石堰村500115********0011", "电话138-****-*678", "第2组"} {
				if !strings.Contains(out, s) {
					t.Errorf("%s %v lacks %q:\n%s", tt.name, f, s, out)
				}
			}
		}
	}
}
