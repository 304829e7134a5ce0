package routing

import (
	"errors"
	"math/bits"

	"github.com/canbao/kuomian/eligibility"
)

// This file is the one home of a campaign's timetable arithmetic: the
// requirement of each milestone and the pace (序时进度) between them. The
// bulletin (package reporting) and the ledger read it from here.

// ErrTask is returned for a negative task or requirement.
var ErrTask = errors.New("routing: task and requirements must not be negative")

// BaselineDate returns the day the campaign's pace starts from: Baseline,
// or Effective.From when Baseline is unset.
func (p *Policy) BaselineDate() eligibility.Date {
	if p.Baseline.IsZero() {
		return p.Effective.From
	}
	return p.Baseline
}

// Requirements returns, for a unit whose task is task, the number of
// people each milestone requires: ⌈task × Percent ÷ 100⌉. "80%以上" asks
// for at least 80 %, so the exact share is rounded up: 80 % of 9777 is
// 7821.6, so 7822 (the 罗东 table's stated 2019 total).
func (p *Policy) Requirements(task int64) ([]int64, error) {
	if task < 0 {
		return nil, ErrTask
	}
	out := make([]int64, len(p.Milestones))
	for i, m := range p.Milestones {
		out[i] = ceilMulDiv(task, int64(m.Percent), 100)
	}
	return out, nil
}

// MilestoneOn returns the index of the current milestone on d: the first
// one due on or after d (its requirement must be met by the end of its
// day), or the last one when all are past; -1 when the policy has none.
func (p *Policy) MilestoneOn(d eligibility.Date) int {
	for i, m := range p.Milestones {
		if !m.By.Before(d) {
			return i
		}
	}
	return len(p.Milestones) - 1
}

// PhaseOn returns the index of the phase that contains d, and false when
// no phase does.
func (p *Policy) PhaseOn(d eligibility.Date) (int, bool) {
	for i, ph := range p.Phases {
		if ph.Period.Contains(d) {
			return i, true
		}
	}
	return -1, false
}

// Pace returns the 序时进度 on d for a unit whose milestones require req
// (one entry per milestone, not going down; [Policy.Requirements] gives
// them from a task, or a plan states them).
//
// The pace is counted in months, as a monthly bulletin reports (罗政〔2019〕185号
// 三(一) 按月汇总、通报; 石堰府发〔2023〕10号 六(四) 定期通报): between two
// milestones — or the baseline, with nothing required, and the first
// milestone — the rise is spread evenly over the checkpoints, which are the
// month ends after the earlier date and the later milestone's own date; on
// a day between checkpoints the pace is that of the last checkpoint
// passed, rounded up. For 罗东 (baseline 2019-07-18, 7822 by 2019-12-31)
// the checkpoints are 07-31 … 12-31, six of them, and the pace on
// 2019-09-30 is ⌈7822 × 3 ÷ 6⌉ = 3911. On or before the baseline it is 0;
// after the last milestone it is that milestone's requirement.
func (p *Policy) Pace(req []int64, d eligibility.Date) (int64, error) {
	if len(req) != len(p.Milestones) {
		return 0, errors.New("routing: one requirement per milestone is needed")
	}
	for _, r := range req {
		if r < 0 {
			return 0, ErrTask
		}
	}
	prevDate, prevReq := p.BaselineDate(), int64(0)
	if !d.After(prevDate) {
		return 0, nil
	}
	for k, m := range p.Milestones {
		if d.After(m.By) {
			prevDate, prevReq = m.By, req[k]
			continue
		}
		n, passed := checkpoints(prevDate, m.By, d)
		rise := max(req[k]-prevReq, 0)
		return prevReq + ceilMulDiv(rise, int64(passed), int64(n)), nil
	}
	return prevReq, nil
}

// checkpoints counts the checkpoints after from up to and including to
// (the month ends strictly between, and to itself), and how many of them
// are on or before d.
func checkpoints(from, to, d eligibility.Date) (n, passed int) {
	for e := monthEnd(from); e.Before(to); e = monthEnd(e.AddDays(1)) {
		if e.After(from) {
			n++
			if !e.After(d) {
				passed++
			}
		}
	}
	n++
	if !to.After(d) {
		passed++
	}
	return n, passed
}

func monthEnd(d eligibility.Date) eligibility.Date {
	return d.AddDays(-d.Day() + 1).AddMonths(1).AddDays(-1)
}

// ceilMulDiv returns ⌈a × b ÷ c⌉ for a, b ≥ 0 and c > 0, exactly (128-bit
// product), saturating at the largest int64.
func ceilMulDiv(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return 1<<63 - 1
	}
	q, r := bits.Div64(hi, lo, uint64(c))
	if r != 0 {
		q++
	}
	if q > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(q)
}
