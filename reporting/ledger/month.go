package ledger

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// Events is what changed for a person between two months: a set.
type Events uint8

// The events. Enrolled, Suspended and Lapsed are about the definition of
// enrolled ([Enrolled]); Switched is a change of scheme while enrolled.
const (
	EventEnrolled  Events = 1 << iota // 新参保: not enrolled last month, enrolled now
	EventSuspended                    // 暂停缴费: enrolled last month, insured with 暂停缴费 now
	EventLapsed                       // 断保: enrolled last month, not in this month's insured list (or not insured)
	EventSwitched                     // 转换险种: enrolled both months, in another scheme now
	EventLeftBase                     // 迁出: in last month's population base, not in this month's
	EventReturned                     // 迁回: back in the population base
	numEvents      = 6
)

var eventLabels = [numEvents][2]string{
	{"enrolled", "新参保"}, {"suspended", "暂停缴费"}, {"lapsed", "断保"},
	{"switched", "转换险种"}, {"left_base", "迁出"}, {"returned", "迁回"},
}

// String returns the events' keys joined by "|", e.g. "enrolled|left_base".
func (e Events) String() string { return e.join("|", 0) }

// Label returns the events' Chinese names joined by 、 for a Chinese tag,
// else their keys joined by ", ".
func (e Events) Label(t language.Tag) string {
	if b, _ := t.Base(); b.String() == "zh" {
		return e.join("、", 1)
	}
	return e.join(", ", 0)
}

func (e Events) join(sep string, which int) string {
	var parts []string
	for i := range numEvents {
		if e&(1<<i) != 0 {
			parts = append(parts, eventLabels[i][which])
		}
	}
	return strings.Join(parts, sep)
}

// PersonChange is what changed for one target or followed person this month.
type PersonChange struct {
	ID       string // masked
	Village  string
	Role     Role // RoleTarget or RoleFollowed
	Was, Now eligibility.Insurance
	Events   Events
}

// VillageProgress is one village's month (罗政〔2019〕185号 三(一) 按月汇总、通报;
// 石堰府发〔2023〕10号 六(四)), or the town's total. Name, Task and Completed
// are a reporting.Progress's Name, Task and Enrolled: feed them to
// reporting.NewBulletin for the bulletin, whose status against the
// milestones rests on the same routing.Policy arithmetic as Required and
// Pace here.
type VillageProgress struct {
	Name     string
	Task     int64 // 任务数
	Targets  int64 // 扩面对象 of the baseline ledger
	Followed int64 // 跟踪对象 (enrolled, still in a group): never counted below
	// New is 本月新增: targets enrolled now and not at the previous month
	// (one EventEnrolled change each).
	New int64
	// Lost counts the targets enrolled at the previous month and not now
	// (one EventSuspended or EventLapsed change each).
	Lost int64
	// Completed is 累计完成: targets of the baseline ledger enrolled now, in
	// any scheme; PrevCompleted is the same at the previous month, so
	// Completed == PrevCompleted + New − Lost.
	Completed, PrevCompleted int64
	// NewEmployee, NewResident and NewOther split New by the scheme joined
	// (参保结构).
	NewEmployee, NewResident, NewOther int64
	// MovedToEmployee counts the people (targets or followed) enrolled
	// both months who moved from 城乡居民 to 企业职工 (参保结构).
	MovedToEmployee int64
	// Required is the current milestone's requirement and Pace the 序时进度,
	// both from the policy's timetable (routing.Policy.Requirements, Pace)
	// for Task; 0 when the policy has no milestones.
	Required, Pace int64
}

// Rate returns 完成率, Completed ÷ Task in percent, exact to 2 decimals
// rounded half up (84.365 → 84.37), and false when Task is 0.
func (v VillageProgress) Rate() (decimal.Decimal, bool) { return percent(v.Completed, v.Task) }

// EmployeeShare returns the share of 企业职工 among the newly enrolled
// (NewEmployee ÷ New) in percent, as Rate does, and false when New is 0.
func (v VillageProgress) EmployeeShare() (decimal.Decimal, bool) {
	return percent(v.NewEmployee, v.New)
}

// percent returns n/d × 100 at 2 decimals, half up, with integers only.
func percent(n, d int64) (decimal.Decimal, bool) {
	if d <= 0 || n < 0 {
		return decimal.Decimal{}, false
	}
	// ⌊(2·n·10⁴ + d) / 2d⌋ in 128 bits.
	hi, lo := bits.Mul64(uint64(n), 20000)
	lo, c := bits.Add64(lo, uint64(d), 0)
	hi += c
	den := 2 * uint64(d)
	if hi >= den {
		x := new(big.Int).Lsh(new(big.Int).SetUint64(hi), 64)
		x.Or(x, new(big.Int).SetUint64(lo)).Quo(x, new(big.Int).SetUint64(den))
		return decimal.NewFromBigInt(x, -2), true
	}
	q, _ := bits.Div64(hi, lo, den)
	return decimal.NewFromBigInt(new(big.Int).SetUint64(q), -2), true
}

// MonthInput is what a month brings: this month's insured list, and
// optionally this month's population base.
type MonthInput struct {
	AsOf eligibility.Date // the day the files describe; after the state's
	// Insured holds this month's 参保库 export (KindInsured, at least one)
	// and any 区外参保 lists (KindInsuredElsewhere).
	Insured []Source
	// Base, when given (KindPopulation), tells who left the base.
	Base []Source
}

// Month is one month of the loop: per target what changed, per village the
// figures, the reconciliation of this month's files, and the state to
// carry to the next month.
type Month struct {
	AsOf, Previous eligibility.Date
	Changes        []PersonChange    // in the order of the identity numbers
	Villages       []VillageProgress // in byte order of the names
	Total          VillageProgress   // the town's (Name 合计)
	Report         MatchReport       // this month's files against the 实名库
	Next           *State
}

// Errors of [State.Month].
var (
	ErrPolicyMismatch = errors.New("ledger: the policy is not the one the state was built under")
	ErrMonthOrder     = errors.New("ledger: the month's date is not after the state's")
	ErrNoInsured      = errors.New("ledger: no insured list (参保库) among the month's sources")
)

// Month matches this month's insured list (and base, if given) against the
// state and returns the month.
//
// A person's insurance now is their row in this month's 参保库 (or
// 区外参保 list, which ranks after it); a person in neither keeps last
// month's insurance when it was held outside the district (the town's
// list never shows it), and is otherwise not insured.
//
// # Reconciliation
//
// The village figures are counts of the person-level changes, row for
// row: for each village, New is the number of its targets' changes with
// EventEnrolled, Lost those with EventSuspended or EventLapsed, and
// Completed − PrevCompleted == New − Lost, because a target's enrolled
// status changes exactly when one of those events is recorded. Followed
// people have changes too, but count only in MovedToEmployee (with
// targets' moves). A target who left the base still counts in Completed
// while enrolled: 累计完成 counts the baseline ledger's targets.
func (s *State) Month(p routing.Policy, in MonthInput) (*Month, error) {
	if p.ID != s.policyID || p.Version != s.policyVersion {
		return nil, fmt.Errorf("%w: state %s/%s, policy %s/%s", ErrPolicyMismatch, s.policyID, s.policyVersion, p.ID, p.Version)
	}
	if !in.AsOf.After(s.asOf) {
		return nil, fmt.Errorf("%w: %s is not after %s", ErrMonthOrder, in.AsOf, s.asOf)
	}
	srcs := make([]Source, 0, len(in.Insured)+len(in.Base))
	hasInsured := false
	for _, src := range in.Insured {
		if src.Kind != KindInsured && src.Kind != KindInsuredElsewhere {
			return nil, &SourceError{Source: len(srcs), Name: src.Name, Err: fmt.Errorf("kind %s is not an insured list", src.Kind)}
		}
		hasInsured = hasInsured || src.Kind == KindInsured
		srcs = append(srcs, src)
	}
	if !hasInsured {
		return nil, ErrNoInsured
	}
	for _, src := range in.Base {
		if src.Kind != KindPopulation {
			return nil, &SourceError{Source: len(srcs), Name: src.Name, Err: fmt.Errorf("kind %s is not a population base", src.Kind)}
		}
		srcs = append(srcs, src)
	}
	reads, err := readSources(srcs)
	if err != nil {
		return nil, err
	}
	n := len(s.people)
	now := make([]eligibility.Insurance, n)
	nowRank := make([]uint8, n)
	for i := range nowRank {
		nowRank[i] = noRank
	}
	var inBase []bool
	if len(in.Base) > 0 {
		inBase = make([]bool, n)
	}
	m := &Month{AsOf: in.AsOf, Previous: s.asOf}
	m.Report.Sources = make([]SourceReport, len(srcs))
	sn := newSeen(n)
	resolve(reads, func(SourceKind) bool { return true }, &s.idx)
	find := func(_ uint64, r *rec) (int, bool) { return int(r.name) - 1, r.name != 0 }
	for si, sr := range reads {
		matchSource(&m.Report, srcs, si, sr, sn, find, func(pi int, _ *shard, r *rec, _ []*roster.RowError, dup bool) {
			if dup {
				return
			}
			if sr.kind == KindPopulation {
				inBase[pi] = true
				return
			}
			if rk := rank(sr.kind, FactInsurance); rk < nowRank[pi] {
				now[pi], nowRank[pi] = r.ins, rk
			}
		})
	}

	next := &State{
		policyID: s.policyID, policyVersion: s.policyVersion, baseline: s.baseline, asOf: in.AsOf,
		villages: s.villages, tasks: s.tasks, people: make([]statePerson, n), idx: s.idx,
	}
	vs := make([]VillageProgress, len(s.villages))
	for i, name := range s.villages {
		vs[i] = VillageProgress{Name: name, Task: s.tasks[i]}
	}
	for i := range s.people {
		was := &s.people[i]
		np := *was
		np.ins = nextInsurance(was.ins, now[i], nowRank[i] != noRank)
		if inBase != nil {
			np.inBase = inBase[i]
		}
		next.people[i] = np
		if ev := countPerson(was, &np, &vs[was.village]); ev != 0 {
			m.Changes = append(m.Changes, PersonChange{
				ID: was.id.Masked(), Village: s.villages[was.village], Role: was.role,
				Was: was.ins, Now: np.ins, Events: ev,
			})
		}
	}
	m.Total.Name = "合计"
	for i := range vs {
		v := &vs[i]
		if err := setPace(&p, v, in.AsOf); err != nil {
			return nil, err
		}
		m.Total.Task += v.Task
		m.Total.Merge(*v)
	}
	if err := setPace(&p, &m.Total, in.AsOf); err != nil {
		return nil, err
	}
	m.Villages, m.Next = vs, next
	return m, nil
}

// nextInsurance is a person's insurance this month: the insured lists'
// (found), else none — but insurance held outside the district, which this
// month's lists of the district do not show, is kept as it was.
func nextInsurance(was, now eligibility.Insurance, found bool) eligibility.Insurance {
	if found {
		return now
	}
	if l := was.Location; l == eligibility.ElsewhereInCity || l == eligibility.OutsideCity {
		return was
	}
	return eligibility.Insurance{}
}

// countPerson counts one person's month in their village's figures v —
// targets in 本月新增, 本月减少, 累计完成 and 参保结构, followed people apart —
// and returns what changed between was and np (0 for people the campaign
// does not follow). It is the one step of the month for a person, whether
// the whole state moves at once ([State.Month]) or one person at a time
// ([StateEntry.Month]).
func countPerson(was, np *statePerson, v *VillageProgress) Events {
	if was.role != RoleTarget && was.role != RoleFollowed {
		return 0
	}
	ev := events(was, np)
	if was.role == RoleTarget {
		v.Targets++
		if Enrolled(was.ins) {
			v.PrevCompleted++
		}
		if Enrolled(np.ins) {
			v.Completed++
		}
		if ev&EventEnrolled != 0 {
			v.New++
			switch np.ins.Scheme {
			case eligibility.SchemeEmployee:
				v.NewEmployee++
			case eligibility.SchemeResident:
				v.NewResident++
			default:
				v.NewOther++
			}
		}
		if ev&(EventSuspended|EventLapsed) != 0 {
			v.Lost++
		}
	} else {
		v.Followed++
	}
	if ev&EventSwitched != 0 && was.ins.Scheme == eligibility.SchemeResident && np.ins.Scheme == eligibility.SchemeEmployee {
		v.MovedToEmployee++
	}
	return ev
}

// events returns what changed between was and now.
func events(was, now *statePerson) Events {
	var ev Events
	wasE, nowE := Enrolled(was.ins), Enrolled(now.ins)
	switch {
	case !wasE && nowE:
		ev |= EventEnrolled
	case wasE && !nowE && now.ins.Status == eligibility.StatusSuspended:
		ev |= EventSuspended
	case wasE && !nowE:
		ev |= EventLapsed
	case wasE && nowE && was.ins.Scheme != now.ins.Scheme:
		ev |= EventSwitched
	}
	switch {
	case was.inBase && !now.inBase:
		ev |= EventLeftBase
	case !was.inBase && now.inBase:
		ev |= EventReturned
	}
	return ev
}

// setPace sets v's current requirement and pace from the policy's
// timetable.
func setPace(p *routing.Policy, v *VillageProgress, asOf eligibility.Date) error {
	k := p.MilestoneOn(asOf)
	if k < 0 {
		return nil
	}
	req, err := p.Requirements(v.Task)
	if err != nil {
		return err
	}
	v.Required = req[k]
	v.Pace, err = p.Pace(req, asOf)
	return err
}

// Table lays out the month's village figures (按月汇总) as a table, with
// the town's total; render it with [table.Table.Render].
func (m *Month) Table() table.Table {
	t := table.Table{
		Title: "扩面进度 " + m.AsOf.String() + "（上月 " + m.Previous.String() + "）",
		Columns: []table.Column{
			{Header: "村(社区)", Kind: table.KindText},
			{Header: "任务数", Kind: table.KindInteger},
			{Header: "扩面对象", Kind: table.KindInteger},
			{Header: "本月新增", Kind: table.KindInteger},
			{Header: "其中企业职工", Kind: table.KindInteger},
			{Header: "企业职工占比(%)", Kind: table.KindDecimal, Scale: 2, NoSum: true},
			{Header: "本月减少", Kind: table.KindInteger},
			{Header: "累计完成", Kind: table.KindInteger},
			{Header: "完成率(%)", Kind: table.KindDecimal, Scale: 2, NoSum: true},
			{Header: "序时进度", Kind: table.KindInteger},
			{Header: "节点要求", Kind: table.KindInteger},
			{Header: "居民转职工", Kind: table.KindInteger},
		},
	}
	row := func(v VillageProgress) []table.Cell {
		dec := func(d decimal.Decimal, ok bool) table.Cell {
			if !ok {
				return table.Text("—")
			}
			return table.Decimal(d.Shift(2).IntPart(), 2)
		}
		return []table.Cell{
			table.Text(v.Name), table.Int(v.Task), table.Int(v.Targets), table.Int(v.New),
			table.Int(v.NewEmployee), dec(v.EmployeeShare()), table.Int(v.Lost), table.Int(v.Completed),
			dec(v.Rate()), table.Int(v.Pace), table.Int(v.Required), table.Int(v.MovedToEmployee),
		}
	}
	for _, v := range m.Villages {
		t.Rows = append(t.Rows, row(v))
	}
	t.Total = table.Total{Mode: table.StatedTotal, Cells: row(m.Total)}
	t.Notes = []string{
		"本月新增：扩面对象本月已参保缴费、上月未参保缴费；累计完成：基线实名库中的扩面对象本月已参保缴费（任一险种）；完成率 = 累计完成 ÷ 任务数。",
		"累计完成 = 上月累计完成 + 本月新增 − 本月减少（暂停缴费或断保），逐人可查。",
	}
	return t
}

// WriteText writes the month as masked text: the village table, then one
// line per change (masked number, village, role, events, scheme before and
// after), then the reconciliation of this month's files.
func (m *Month) WriteText(w io.Writer) error {
	if err := m.Table().Render(w, table.FormatText, table.RenderOptions{}); err != nil {
		return err
	}
	zh := language.Chinese
	var b strings.Builder
	b.WriteString("\n变动明细（" + itoa(len(m.Changes)) + " 人）：\n")
	for _, c := range m.Changes {
		b.WriteString("  " + c.ID + " " + c.Village + " " + c.Role.Label(zh) + " " + c.Events.Label(zh) +
			"：" + insLabel(c.Was) + " → " + insLabel(c.Now) + "\n")
	}
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return m.Report.WriteText(w)
}

func insLabel(ins eligibility.Insurance) string {
	zh := language.Chinese
	if ins.Scheme == eligibility.SchemeNone {
		return ins.Scheme.Label(zh)
	}
	return ins.Scheme.Label(zh) + "/" + ins.Status.Label(zh)
}
