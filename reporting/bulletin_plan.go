package reporting

import (
	"errors"
	"fmt"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
)

// Milestone is a cumulative target of a campaign plan (节点目标): by Due, at
// least Share of each unit's task is done.
type Milestone struct {
	Due   eligibility.Date
	Share allocation.Rate // cumulative share of the task, e.g. 80%
	// Aim marks a target the plan asks units to strive for (力争) rather
	// than one it requires (确保).
	Aim    bool
	Clause string // the clause that sets it, e.g. 罗政〔2019〕185号 三(二)
}

// Phase is a named period of a campaign plan (工作阶段), From and To
// inclusive.
type Phase struct {
	Name     string // e.g. 重点攻坚阶段
	From, To eligibility.Date
	Clause   string // e.g. 石堰府发〔2023〕10号 四(二)
}

// Plan is a campaign's timetable: milestones in date order and the phases.
// The pace (序时进度) runs from nothing at Start to each milestone in turn.
type Plan struct {
	Name  string // e.g. 罗东镇全面推进全民参保计划实施方案
	Start eligibility.Date
	// Milestones in strictly increasing Due order with non-decreasing
	// Share; the first Due is after Start.
	Milestones []Milestone
	// Phases in date order, not overlapping.
	Phases []Phase
	// Bulletin is the clause that asks for the bulletin, e.g.
	// 罗政〔2019〕185号 三(一) 按月汇总、通报.
	Bulletin string
}

// ErrPlan is wrapped by the errors of [Plan.Validate].
var ErrPlan = errors.New("reporting: invalid plan")

// Validate checks the plan's dates and shares: Start set, milestones after
// Start in strictly increasing order with shares that do not go down, and
// phases with From ≤ To in order without overlap.
func (p Plan) Validate() error {
	if p.Start.IsZero() {
		return fmt.Errorf("%w: no start date", ErrPlan)
	}
	prev := p.Start
	var prevShare allocation.Rate
	for i, m := range p.Milestones {
		if m.Due.IsZero() || !m.Due.After(prev) {
			return fmt.Errorf("%w: milestone %d (%v) is not after %v", ErrPlan, i+1, m.Due, prev)
		}
		if m.Share.Quota().Cmp(prevShare.Quota()) < 0 {
			return fmt.Errorf("%w: milestone %d share %s is below the previous %s", ErrPlan, i+1, m.Share.Percent(2), prevShare.Percent(2))
		}
		prev, prevShare = m.Due, m.Share
	}
	var last eligibility.Date
	for i, ph := range p.Phases {
		if ph.From.IsZero() || ph.To.IsZero() || ph.To.Before(ph.From) {
			return fmt.Errorf("%w: phase %d %q runs from %v to %v", ErrPlan, i+1, ph.Name, ph.From, ph.To)
		}
		if i > 0 && !ph.From.After(last) {
			return fmt.Errorf("%w: phase %d %q starts on %v, not after the previous phase ends (%v)", ErrPlan, i+1, ph.Name, ph.From, last)
		}
		last = ph.To
	}
	return nil
}

// PlanLuodong2019 is the timetable of 罗政〔2019〕185号 (罗东镇全面推进全民参保计划实施方案,
// issued 2019-07-18): 三(二) asks each village to complete at least 80 % of
// its task by the end of 2019 (确保2019年底完成参保扩面任务的80%以上) and all of
// it by the end of 2020; 三(一) asks the 镇劳保所 for a monthly bulletin
// (按月汇总、通报). The plan has no named phases.
func PlanLuodong2019() Plan {
	return Plan{
		Name:  "罗东镇全面推进全民参保计划实施方案（罗政〔2019〕185号）",
		Start: eligibility.MustParseDate("2019-07-18"),
		Milestones: []Milestone{
			{Due: eligibility.MustParseDate("2019-12-31"), Share: allocation.MustParseRate("80%"), Clause: "罗政〔2019〕185号 三(二)"},
			{Due: eligibility.MustParseDate("2020-12-31"), Share: allocation.MustParseRate("100%"), Clause: "罗政〔2019〕185号 三(二)"},
		},
		Bulletin: "罗政〔2019〕185号 三(一) 按月汇总、通报",
	}
}

// PlanShiyan2023 is the timetable of 石堰府发〔2023〕10号 (石堰镇基本养老保险参保扩面工作方案)
// 四: 动员部署阶段 to 03-15, 重点攻坚阶段 03-16 to 09-30 with the aim of
// completing the 2023 task by the end of September (力争9月末全面完成), and
// 巩固提升阶段 10-01 to 12-31 to complete it in full (全面完成目标任务, also
// 一(三) 到2023年末完成). The pace starts at the end of 动员部署; 六(四) asks for
// regular bulletins (建立工作定期通报机制).
func PlanShiyan2023() Plan {
	return Plan{
		Name:  "石堰镇基本养老保险参保扩面工作方案（石堰府发〔2023〕10号）",
		Start: eligibility.MustParseDate("2023-03-15"),
		Milestones: []Milestone{
			{Due: eligibility.MustParseDate("2023-09-30"), Share: allocation.MustParseRate("100%"), Aim: true, Clause: "石堰府发〔2023〕10号 四(二)"},
			{Due: eligibility.MustParseDate("2023-12-31"), Share: allocation.MustParseRate("100%"), Clause: "石堰府发〔2023〕10号 四(三)、一(三)"},
		},
		Phases: []Phase{
			{Name: "动员部署阶段", From: eligibility.MustParseDate("2023-01-01"), To: eligibility.MustParseDate("2023-03-15"), Clause: "石堰府发〔2023〕10号 四(一)"},
			{Name: "重点攻坚阶段", From: eligibility.MustParseDate("2023-03-16"), To: eligibility.MustParseDate("2023-09-30"), Clause: "石堰府发〔2023〕10号 四(二)"},
			{Name: "巩固提升阶段", From: eligibility.MustParseDate("2023-10-01"), To: eligibility.MustParseDate("2023-12-31"), Clause: "石堰府发〔2023〕10号 四(三)"},
		},
		Bulletin: "石堰府发〔2023〕10号 六(四) 建立工作定期通报机制",
	}
}

// phaseOn returns the phase that contains d.
func (p Plan) phaseOn(d eligibility.Date) (Phase, bool) {
	for _, ph := range p.Phases {
		if !d.Before(ph.From) && !d.After(ph.To) {
			return ph, true
		}
	}
	return Phase{}, false
}

// milestoneOn returns the index of the current milestone on d: the first
// one due on or after d, or the last one when all are past; -1 when the plan
// has none.
func (p Plan) milestoneOn(d eligibility.Date) int {
	for i, m := range p.Milestones {
		if !m.Due.Before(d) {
			return i
		}
	}
	return len(p.Milestones) - 1
}
