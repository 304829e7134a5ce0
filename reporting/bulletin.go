package reporting

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/exact"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// RateScale is the number of digits after the decimal point of every
// completion rate in a [Bulletin]: 84.37 (%).
const RateScale = 2

// ratePow is 10^(RateScale+2): a rate in percent at RateScale digits.
const ratePow = 10000

// Progress is one unit's (village's) figures for a [Bulletin].
type Progress struct {
	Name     string // 村(社区)
	Task     int64  // 任务数: the unit's whole task
	Enrolled int64  // 累计完成: the targets enrolled to date, since the campaign's baseline
	// Month optionally carries the month's movement, from the campaign
	// ledger (reporting/ledger): 本月新增 and the previous month's 累计完成.
	// A bulletin with Month set on every unit shows both columns and the
	// trend.
	Month *MonthFigures
	// Targets optionally states the unit's requirement for each milestone
	// of the policy, in order, as published (the 罗东 2019年任务数 column is
	// the 2019-12-31 target). Without it a milestone asks for
	// ⌈Task × Percent ÷ 100⌉ (routing.Policy.Requirements).
	Targets []int64
}

// MonthFigures is a unit's movement over the month (罗政〔2019〕185号 三(一)
// 通报上月各村（居）应扩面人数的完成情况): New targets enrolled this month
// (本月新增), and Previous, the 累计完成 of the month before.
type MonthFigures struct {
	New      int64 // 本月新增: targets enrolled this month
	Lost     int64 // 本月减少: targets enrolled last month and no longer (suspended, left)
	Previous int64 // 上月累计完成
	// NewEmployee is how many of New joined 企业职工基本养老保险 (参保结构:
	// 石堰府发〔2023〕10号 asks to 持续提高城镇企业职工基本养老保险参保占比).
	NewEmployee int64
}

// BulletinInput is what [NewBulletin] needs.
type BulletinInput struct {
	Title string // e.g. 罗东镇全民参保扩面工作进度通报
	Town  string // e.g. 罗东镇 (labels the total row; 全镇 when empty)
	AsOf  eligibility.Date
	// Policy is the town's plan: its timetable (baseline, phases,
	// milestones, the bulletin clause) is the bulletin's; nothing of it is
	// restated here.
	Policy routing.Policy
	Units  []Progress
	// TownTask is the town's own task when it differs from the sum of the
	// units' (罗东: 9777 stated, 9778 in the cells); 0 means the sum.
	TownTask int64
	// TownTargets optionally states the town's requirement per milestone
	// (罗东: 7822 for 2019); by default it is the sum of the units' targets
	// when they state them, else ⌈TownTask × Percent ÷ 100⌉
	// (routing.Policy.Requirements).
	TownTargets []int64
}

// ProgressStatus is a unit's standing against its plan on the as-of date.
type ProgressStatus uint8

// The statuses. The zero value is StatusNoTask.
const (
	StatusNoTask  ProgressStatus = iota // 无任务: the unit has no task
	StatusBehind                        // 滞后: below the pace to date (序时进度)
	StatusOnTrack                       // 正常: at or above the pace to date
	StatusAhead                         // 超前: the current milestone met before it is due
	StatusDone                          // 已完成: the whole task done
)

// String returns the English name: no-task, behind, on-track, ahead, done.
func (s ProgressStatus) String() string {
	switch s {
	case StatusNoTask:
		return "no-task"
	case StatusBehind:
		return "behind"
	case StatusOnTrack:
		return "on-track"
	case StatusAhead:
		return "ahead"
	case StatusDone:
		return "done"
	}
	return "ProgressStatus(" + strconv.Itoa(int(s)) + ")"
}

// Label returns the status's label in Chinese (无任务, 滞后, 正常, 超前, 已完成)
// for Chinese tags and in English otherwise.
func (s ProgressStatus) Label(tag language.Tag) string {
	if base, _ := tag.Base(); base.String() != "zh" {
		return strings.ReplaceAll(s.String(), "-", " ")
	}
	switch s {
	case StatusNoTask:
		return "无任务"
	case StatusBehind:
		return "滞后"
	case StatusOnTrack:
		return "正常"
	case StatusAhead:
		return "超前"
	case StatusDone:
		return "已完成"
	}
	return s.String()
}

// BulletinRow is one unit's line of a [Bulletin], or the town's.
type BulletinRow struct {
	Name     string
	Task     int64
	Enrolled int64
	// Month is the month's movement when every unit gave it (the town's
	// is their sum), nil otherwise.
	Month *MonthFigures
	// Rate is the completion rate in percent, Enrolled ÷ Task × 100, exact
	// to RateScale digits and rounded half up (84.365 → 84.37), computed
	// with integers. Zero and HasRate false when Task is 0.
	Rate    decimal.Decimal
	HasRate bool
	Gap     int64 // to the task: max(Task − Enrolled, 0)
	// Target is the current milestone's requirement: ⌈Task × Percent ÷ 100⌉
	// (80 % of 842 is 673.6, so 674) or the stated target; TargetGap is
	// max(Target − Enrolled, 0).
	Target    int64
	TargetGap int64
	// Pace is the requirement to date (序时进度), as routing.Policy.Pace
	// counts it: from the previous milestone's requirement (0 at the
	// baseline) the requirement rises to the current one in equal steps at
	// each month end and at the milestone's own date, rounded up; between
	// two checkpoints it stays at the last one passed.
	Pace int64
	// Rank is 1 for the highest rate; equal rates share a rank and the next
	// rank skips (1, 2, 2, 4). Units without a task have rank 0.
	Rank   int
	Status ProgressStatus
	// Reason explains Status in Chinese and cites the plan's clause.
	Reason string
}

// Bulletin is a progress bulletin (进度通报) on a date: every unit's line in
// rank order (ties by name in pinyin order), and the town's. Make one with
// [NewBulletin]; render it with [Bulletin.Render].
type Bulletin struct {
	Title  string
	Town   string
	AsOf   eligibility.Date
	Policy routing.Policy
	// Milestone is the index in Policy.Milestones of the current milestone
	// (the first due on or after AsOf, else the last), -1 if none.
	Milestone int
	// Phase is the phase that contains AsOf; InPhase is false when none
	// does.
	Phase   routing.Phase
	InPhase bool
	Rows    []BulletinRow
	// Total is the town's line: the 基本养老保险扩面计划完成率 is Total.Rate.
	Total BulletinRow
}

// Errors of [NewBulletin], wrapped in a [*BulletinError].
var (
	ErrBulletinInput = errors.New("invalid bulletin input")
)

// BulletinError reports a bad unit (Unit is its index, -1 for the town or
// the whole input) and the field at fault.
type BulletinError struct {
	Unit  int
	Name  string
	Field string
	Err   error
}

func (e *BulletinError) Error() string {
	s := "reporting: bulletin"
	if e.Unit >= 0 {
		s += " unit " + strconv.Itoa(e.Unit+1)
		if e.Name != "" {
			s += " (" + e.Name + ")"
		}
	}
	if e.Field != "" {
		s += " " + e.Field
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *BulletinError) Unwrap() error { return e.Err }

// NewBulletin computes a bulletin. Unit names must be distinct and not
// empty; numbers must not be negative; Targets, when given, must have one
// entry per milestone and not go down; the policy must be valid
// (routing.Validate reports no error; otherwise its *routing.ValidationError
// is returned, wrapped with ErrBulletinInput like the other errors) and
// AsOf set. The result does not depend on the order of the units.
//
// Any AsOf is accepted. On and before the policy's baseline the pace
// (序时进度) is 0, so every unit with a task is 正常 or better, and the first
// milestone is current; on a milestone's due date that milestone is still
// current (its requirement must be met by the end of that day) and the next
// one becomes current the day after; after the last milestone that milestone stays
// current and the pace is its requirement. InPhase is false on dates no
// phase covers (before the first phase, after the last). The rendered forms
// say when the plan has not started or every milestone is past.
func NewBulletin(in BulletinInput) (Bulletin, error) {
	if in.AsOf.IsZero() {
		return Bulletin{}, &BulletinError{Unit: -1, Field: "AsOf", Err: fmt.Errorf("%w: no as-of date", ErrBulletinInput)}
	}
	if fs := routing.Validate(in.Policy); routing.HasErrors(fs) {
		return Bulletin{}, &BulletinError{Unit: -1, Field: "Policy", Err: fmt.Errorf("%w: %w", ErrBulletinInput, &routing.ValidationError{Policy: in.Policy.ID, Findings: fs})}
	}
	nm := len(in.Policy.Milestones)
	seen := make(map[string]bool, len(in.Units))
	checkTargets := func(unit int, name string, targets []int64) error {
		if targets == nil {
			return nil
		}
		if len(targets) != nm {
			return &BulletinError{Unit: unit, Name: name, Field: "Targets", Err: fmt.Errorf("%w: %d targets for %d milestones", ErrBulletinInput, len(targets), nm)}
		}
		for k, v := range targets {
			if v < 0 || k > 0 && v < targets[k-1] {
				return &BulletinError{Unit: unit, Name: name, Field: "Targets", Err: fmt.Errorf("%w: targets must be non-negative and not go down", ErrBulletinInput)}
			}
		}
		return nil
	}
	var sumTask, sumEnrolled int64
	var sumMonth MonthFigures
	allTargets := len(in.Units) > 0
	allMonths := len(in.Units) > 0
	for i, u := range in.Units {
		switch {
		case u.Name == "":
			return Bulletin{}, &BulletinError{Unit: i, Field: "Name", Err: fmt.Errorf("%w: empty name", ErrBulletinInput)}
		case seen[u.Name]:
			return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Field: "Name", Err: fmt.Errorf("%w: duplicate name", ErrBulletinInput)}
		case u.Task < 0:
			return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Field: "Task", Err: fmt.Errorf("%w: negative", ErrBulletinInput)}
		case u.Enrolled < 0:
			return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Field: "Enrolled", Err: fmt.Errorf("%w: negative", ErrBulletinInput)}
		}
		seen[u.Name] = true
		if err := checkTargets(i, u.Name, u.Targets); err != nil {
			return Bulletin{}, err
		}
		allTargets = allTargets && u.Targets != nil
		if m := u.Month; m != nil {
			if m.New < 0 || m.Previous < 0 || m.Lost < 0 || m.NewEmployee < 0 || m.NewEmployee > m.New {
				return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Field: "Month", Err: fmt.Errorf("%w: negative", ErrBulletinInput)}
			}
			var ok1, ok2, ok3, ok4 bool
			sumMonth.New, ok1 = addInt64(sumMonth.New, m.New)
			sumMonth.Previous, ok2 = addInt64(sumMonth.Previous, m.Previous)
			sumMonth.Lost, ok3 = addInt64(sumMonth.Lost, m.Lost)
			sumMonth.NewEmployee, ok4 = addInt64(sumMonth.NewEmployee, m.NewEmployee)
			if !ok1 || !ok2 || !ok3 || !ok4 {
				return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Err: fmt.Errorf("%w: %w", ErrBulletinInput, table.ErrOverflow)}
			}
		}
		allMonths = allMonths && u.Month != nil
		var ok1, ok2 bool
		sumTask, ok1 = addInt64(sumTask, u.Task)
		sumEnrolled, ok2 = addInt64(sumEnrolled, u.Enrolled)
		if !ok1 || !ok2 {
			return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Err: fmt.Errorf("%w: %w", ErrBulletinInput, table.ErrOverflow)}
		}
	}
	if in.TownTask < 0 {
		return Bulletin{}, &BulletinError{Unit: -1, Field: "TownTask", Err: fmt.Errorf("%w: negative", ErrBulletinInput)}
	}
	if err := checkTargets(-1, "", in.TownTargets); err != nil {
		return Bulletin{}, err
	}

	b := Bulletin{Title: in.Title, Town: in.Town, AsOf: in.AsOf, Policy: in.Policy.Clone(), Milestone: in.Policy.MilestoneOn(in.AsOf)}
	if i, ok := in.Policy.PhaseOn(in.AsOf); ok {
		b.Phase, b.InPhase = in.Policy.Phases[i], true
	}
	if b.Town == "" {
		b.Town = "全镇"
	}

	rows := make([]BulletinRow, len(in.Units))
	for i, u := range in.Units {
		r, err := b.row(u.Name, u.Task, u.Enrolled, u.Targets)
		if err != nil {
			return Bulletin{}, &BulletinError{Unit: i, Name: u.Name, Err: err}
		}
		if allMonths {
			m := *u.Month
			r.Month = &m
		}
		rows[i] = r
	}
	townTask := in.TownTask
	if townTask == 0 {
		townTask = sumTask
	}
	townTargets := in.TownTargets
	if townTargets == nil && allTargets {
		townTargets = make([]int64, nm)
		for _, u := range in.Units {
			for k, v := range u.Targets {
				s, ok := addInt64(townTargets[k], v)
				if !ok {
					return Bulletin{}, &BulletinError{Unit: -1, Field: "Targets", Err: fmt.Errorf("%w: %w", ErrBulletinInput, table.ErrOverflow)}
				}
				townTargets[k] = s
			}
		}
	}
	total, err := b.row(b.Town, townTask, sumEnrolled, townTargets)
	if err != nil {
		return Bulletin{}, &BulletinError{Unit: -1, Err: err}
	}
	if allMonths {
		m := sumMonth
		total.Month = &m
	}
	b.Total = total

	// Rank by the exact rate, highest first; ties share a rank. Order ties
	// and unranked units by name in pinyin order, then by bytes.
	col := collate.New(language.Chinese, collate.Numeric)
	var cbuf collate.Buffer
	keys := make(map[string][]byte, len(rows))
	for _, r := range rows {
		keys[r.Name] = bytes.Clone(col.KeyFromString(&cbuf, r.Name))
		cbuf.Reset()
	}
	slices.SortStableFunc(rows, func(a, c BulletinRow) int {
		if x := bulCompareRate(c, a); x != 0 {
			return x
		}
		if x := bytes.Compare(keys[a.Name], keys[c.Name]); x != 0 {
			return x
		}
		return strings.Compare(a.Name, c.Name)
	})
	for i := range rows {
		if rows[i].Task == 0 {
			continue
		}
		if i > 0 && rows[i-1].Task != 0 && bulCompareRate(rows[i-1], rows[i]) == 0 {
			rows[i].Rank = rows[i-1].Rank
		} else {
			rows[i].Rank = i + 1
		}
	}
	b.Rows = rows
	return b, nil
}

// bulCompareRate compares Enrolled/Task exactly; units without a task come
// below every unit with one.
func bulCompareRate(a, c BulletinRow) int {
	switch {
	case a.Task == 0 && c.Task == 0:
		return 0
	case a.Task == 0:
		return -1
	case c.Task == 0:
		return 1
	}
	// a.E/a.T vs c.E/c.T ⇔ a.E·c.T vs c.E·a.T, in 128 bits.
	return exact.Cmp2(uint64(a.Enrolled), uint64(c.Task), uint64(c.Enrolled), uint64(a.Task))
}

// bulPercent returns enrolled/task × 100 at RateScale digits, half up.
func bulPercent(enrolled, task int64) (decimal.Decimal, bool) {
	if task <= 0 {
		return decimal.Decimal{}, false
	}
	// unscaled = ⌊(2·E·10^(RateScale+2) + T) / (2T)⌋, in 128 bits.
	hi, lo := bits.Mul64(uint64(enrolled), 2*ratePow) // ratePow = 10^(RateScale+2)
	var carry uint64
	lo, carry = bits.Add64(lo, uint64(task), 0)
	hi += carry
	den := 2 * uint64(task)
	if hi >= den {
		// Only for rates above 10^14 %: take the slow road.
		n := new(big.Int).Lsh(new(big.Int).SetUint64(hi), 64)
		n.Or(n, new(big.Int).SetUint64(lo))
		n.Quo(n, new(big.Int).SetUint64(den))
		return decimal.NewFromBigInt(n, -RateScale), true
	}
	q, _ := bits.Div64(hi, lo, den)
	if q <= 1<<63-1 {
		return decimal.New(int64(q), -RateScale), true
	}
	return decimal.NewFromBigInt(new(big.Int).SetUint64(q), -RateScale), true
}

// requirement returns a unit's requirement for milestone k.
func (b Bulletin) requirement(k int, task int64, targets []int64) (int64, error) {
	if k < 0 {
		return 0, nil
	}
	if targets != nil {
		return targets[k], nil
	}
	req, err := b.Policy.Requirements(task)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrBulletinInput, err)
	}
	return req[k], nil
}

// row computes one line (without its rank).
func (b Bulletin) row(name string, task, enrolled int64, targets []int64) (BulletinRow, error) {
	r := BulletinRow{Name: name, Task: task, Enrolled: enrolled}
	r.Rate, r.HasRate = bulPercent(enrolled, task)
	if !r.HasRate {
		r.Rate = decimal.Decimal{}
	}
	r.Gap = max(task-enrolled, 0)
	k := b.Milestone
	target, err := b.requirement(k, task, targets)
	if err != nil {
		return r, err
	}
	r.Target = target
	r.TargetGap = max(target-enrolled, 0)

	// The pace (序时进度), as the policy defines it (routing.Policy.Pace).
	if k >= 0 {
		reqs := make([]int64, len(b.Policy.Milestones))
		for i := range reqs {
			if reqs[i], err = b.requirement(i, task, targets); err != nil {
				return r, err
			}
		}
		if r.Pace, err = b.Policy.Pace(reqs, b.AsOf); err != nil {
			return r, fmt.Errorf("%w: %w", ErrBulletinInput, err)
		}
	}

	switch {
	case task == 0 && (k < 0 || target == 0):
		r.Status = StatusNoTask
		r.Reason = "无扩面任务"
	case task > 0 && enrolled >= task:
		r.Status = StatusDone
		r.Reason = "已完成全部扩面任务 " + strconv.FormatInt(task, 10) + " 人"
	case k < 0:
		r.Status = StatusOnTrack
		r.Reason = "方案未设节点目标"
	default:
		m := b.Policy.Milestones[k]
		req := "须完成"
		if m.Aim {
			req = "力争完成"
		}
		node := m.By.String() + "前" + req + " " + strconv.FormatInt(target, 10) + " 人（" + m.Citation.String() + "）"
		switch {
		case enrolled >= target && b.AsOf.Before(m.By):
			r.Status = StatusAhead
			r.Reason = "已提前达到节点要求：" + node
		case enrolled >= r.Pace:
			r.Status = StatusOnTrack
			r.Reason = "达到序时进度 " + strconv.FormatInt(r.Pace, 10) + " 人；" + node
		default:
			r.Status = StatusBehind
			r.Reason = "低于序时进度 " + strconv.FormatInt(r.Pace, 10) + " 人，差 " + strconv.FormatInt(r.Pace-enrolled, 10) + " 人；" + node
		}
	}
	return r, nil
}
