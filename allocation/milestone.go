package allocation

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a civil date (no time zone, no clock): a day as a plan or a
// bulletin writes it. Only Year, Month and Day exist; the package never reads
// the current time. The zero Date is not valid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses an RFC 3339 full date ("2019-12-31").
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, &ParseError{What: "date", Input: s, Err: ErrDate}
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// IsValid reports whether d names a real day of the proleptic Gregorian
// calendar between years 1 and 9999.
func (d Date) IsValid() bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Year() == d.Year && t.Month() == d.Month && t.Day() == d.Day
}

// String returns the date as "2019-12-31".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(int(d.Month), int(e.Month))
	}
	return cmp.Compare(d.Day, e.Day)
}

// monthEnd returns the last day of d's month.
func (d Date) monthEnd() Date {
	t := time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// nextMonthEnd returns the last day of the month after d's.
func (d Date) nextMonthEnd() Date {
	t := time.Date(d.Year, d.Month+2, 0, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Milestone is a cumulative target: by Date, at least Share of the task
// must be done. 罗政〔2019〕185号 三(二): 80 % by 2019-12-31, 100 % by
// 2020-12-31.
type Milestone struct {
	Date  Date
	Share Rate
}

// Checkpoint is a cumulative target on a date.
type Checkpoint struct {
	Date Date
	// Quota is the exact cumulative target (task × share, or the even pace
	// between two milestones).
	Quota Quota
	// Due is Quota rounded with the schedule's method: the number that must
	// be done by Date.
	Due int64
	// Step is Due minus the previous checkpoint's Due (the first step counts
	// from zero).
	Step int64
	// Milestone is true for a milestone's own date, false for a month end
	// in between.
	Milestone bool
}

// Milestones returns the cumulative target of each milestone: task × share,
// rounded with the independent rounding method m. "80%以上" asks for at least
// 80 %, so [Ceil] is the faithful reading: for the 罗东 task of 9777, 80 % by
// 2019-12-31 is ⌈7821.6⌉ = 7822 (the stated 2019 total) and 100 % by
// 2020-12-31 is 9777. Milestones must be valid dates in strictly increasing
// order with non-decreasing shares; the result is then non-decreasing.
func Milestones(task int64, ms []Milestone, m Method) ([]Checkpoint, error) {
	return Pace(task, Date{}, ms, m)
}

// Pace spreads the task evenly over the months from start to each milestone
// and returns a checkpoint at every month end after start and at every
// milestone date. Between two milestones (or start, with nothing done, and
// the first milestone) with exact cumulative targets Q0 and Q1 and n
// checkpoints, the k-th checkpoint's exact target is Q0 + (Q1 − Q0)·k/n,
// rounded with m (an independent rounding method); the targets are therefore
// non-decreasing and end at the last milestone's target (the task itself when
// the last share is 100 %). A zero start gives the milestones only, as
// [Milestones] does.
func Pace(task int64, start Date, ms []Milestone, m Method) ([]Checkpoint, error) {
	if task < 0 {
		return nil, &InputError{Index: -1, Field: "task", Value: task, Err: ErrNegative}
	}
	if !m.IsValid() || m.KeepsSum() {
		return nil, &InputError{Index: -1, Field: "method " + m.String() + " (milestones round each target on its own: half-up, half-even, floor or ceil)", Err: ErrUnknownMethod}
	}
	paced := start != Date{}
	if paced && !start.IsValid() {
		return nil, &InputError{Index: -1, Field: "start " + start.String() + " (no such day)", Err: ErrMilestone}
	}
	prevDate := start
	var prevShare Rate
	for i, ms := range ms {
		if !ms.Date.IsValid() {
			return nil, &InputError{Index: -1, Field: fmt.Sprintf("milestone %d: date %s (no such day)", i, ms.Date), Err: ErrMilestone}
		}
		if (i > 0 || paced) && ms.Date.Compare(prevDate) <= 0 {
			return nil, &InputError{Index: -1, Field: fmt.Sprintf("milestone %d: date %s (not after %s)", i, ms.Date, prevDate), Err: ErrMilestone}
		}
		if cmpRate(ms.Share, prevShare) < 0 {
			return nil, &InputError{Index: -1, Field: fmt.Sprintf("milestone %d: share %s (below the previous milestone's %s)", i, ms.Share, prevShare), Err: ErrMilestone}
		}
		prevDate, prevShare = ms.Date, ms.Share
	}
	var out []Checkpoint
	var prevDue int64
	q0 := Quota{}
	from := start
	for _, ms := range ms {
		q1, err := quotaInt(task).mulRate(ms.Share)
		if err != nil {
			return nil, err
		}
		var dates []Date
		if paced {
			for d := from.monthEnd(); d.Compare(ms.Date) < 0; d = d.nextMonthEnd() {
				if d.Compare(from) > 0 {
					dates = append(dates, d)
				}
			}
		}
		dates = append(dates, ms.Date)
		n := int64(len(dates))
		for k, d := range dates {
			q := q1
			if int64(k+1) < n {
				// q0 + (q1 − q0)·(k+1)/n, exactly
				step, err := q1.sub(q0)
				if err != nil {
					return nil, err
				}
				r := step.Rat()
				r.Mul(r, ratFrac(int64(k+1), n))
				r.Add(r, q0.Rat())
				if q, err = quotaFromRat(r); err != nil {
					return nil, err
				}
			}
			due := q.Round(m)
			out = append(out, Checkpoint{Date: d, Quota: q, Due: due, Step: due - prevDue, Milestone: k+1 == len(dates)})
			prevDue = due
		}
		q0, from = q1, ms.Date
	}
	return out, nil
}

func cmpRate(a, b Rate) int { return a.Quota().Cmp(b.Quota()) }
