package allocation

import (
	"fmt"
	"math"
)

// Column is one column of a published table (an 公布的任务分解表): its cells
// in row order and, when the table has a 合计 row, the total it states.
type Column struct {
	Name     string  // the column heading, e.g. 应扩面人数
	Cells    []int64 // the published cells, in row order
	Total    int64   // the stated total (合计), read only when HasTotal
	HasTotal bool    // whether the table states a total for the column
}

// Footing is the check of a stated total against the sum of its cells.
type Footing struct {
	Stated   int64 // the stated total
	Sum      int64 // the sum of the published cells
	HasTotal bool  // false when the column states no total
}

// Foots reports whether the stated total equals the sum of the cells (true
// when no total is stated).
func (f Footing) Foots() bool { return !f.HasTotal || f.Stated == f.Sum }

// Diff returns Sum − Stated (0 when no total is stated). A difference
// beyond int64 (a stated total near the opposite limit) saturates at
// math.MaxInt64 or math.MinInt64.
func (f Footing) Diff() int64 {
	if !f.HasTotal {
		return 0
	}
	d := f.Sum - f.Stated
	switch {
	case f.Stated < 0 && d < f.Sum: // overflow upwards
		return math.MaxInt64
	case f.Stated > 0 && d > f.Sum: // overflow downwards
		return math.MinInt64
	}
	return d
}

// Foot checks a column's stated total against the sum of its cells. Cells
// that sum beyond int64 give an *InputError wrapping ErrOverflow.
func Foot(col Column) (Footing, error) {
	var sum int64
	for _, c := range col.Cells {
		if (c > 0 && sum > math.MaxInt64-c) || (c < 0 && sum < math.MinInt64-c) {
			return Footing{}, &InputError{Index: -1, Field: "cells", Err: ErrOverflow}
		}
		sum += c
	}
	return Footing{Stated: col.Total, Sum: sum, HasTotal: col.HasTotal}, nil
}

// CellDiff is a published cell that differs from what the rule gives.
type CellDiff struct {
	Row       int    // position of the row
	Name      string // the row's unit name
	Published int64  // the cell as printed
	Expected  int64  // the rule's allocation for it
	Quota     Quota  // the rule's exact quota for the cell
}

// ColumnAudit is a published column held against a rule (a [Result]).
type ColumnAudit struct {
	Column string // the column's heading
	Method Method // the rule's method
	Rows   int    // number of cells held against the rule
	// Cells lists every cell that differs from the rule, in row order.
	Cells []CellDiff
	// Footing checks the stated total against the sum of the published
	// cells.
	Footing Footing
	// Target is the rule's exact target (9777 for 应扩面, 7821.6 for the
	// 2019 column of 罗东).
	Target Quota
	// RuleSum is the sum of the rule's allocations.
	RuleSum int64
}

// OK reports whether every cell matches and the total foots.
func (a ColumnAudit) OK() bool { return len(a.Cells) == 0 && a.Footing.Foots() }

// String summarises the audit in one line, such as
// "应扩面人数: 14 cells match half-up; cells sum to 9778, stated total 9777 (+1)".
func (a ColumnAudit) String() string {
	s := cutName(a.Column) + ": "
	if len(a.Cells) == 0 {
		s += fmt.Sprintf("%d cells match %s", a.Rows, a.Method)
	} else {
		s += fmt.Sprintf("%d of %d cells differ from %s", len(a.Cells), a.Rows, a.Method)
	}
	f := a.Footing
	switch {
	case !f.HasTotal:
		s += fmt.Sprintf("; cells sum to %d, no total stated", f.Sum)
	case f.Foots():
		s += fmt.Sprintf("; cells sum to the stated total %d", f.Stated)
	default:
		s += fmt.Sprintf("; cells sum to %d, stated total %d (%+d)", f.Sum, f.Stated, f.Diff())
	}
	return s
}

// AuditColumn holds a published column against a rule: every cell that
// differs from rule's allocation, and the footing of the stated total. The
// column must have one cell per share of rule (an *InputError wrapping
// ErrMismatch otherwise).
//
// On the 罗东 table (罗政〔2019〕185号 附件), every cell of 应扩面人数 matches
// [HalfUp] of 未参保 × 9777 / 15733 but the cells sum to 9778 against the
// stated 9777; every cell of 2019年任务数 matches the [Derive]d column at 0.8
// but the cells sum to 7821 against the stated 7822.
func AuditColumn(col Column, rule Result) (ColumnAudit, error) {
	if len(col.Cells) != len(rule.Shares) {
		return ColumnAudit{}, &InputError{Index: -1, Field: "cells", Value: int64(len(col.Cells)), Err: ErrMismatch}
	}
	f, err := Foot(col)
	if err != nil {
		return ColumnAudit{}, err
	}
	a := ColumnAudit{Column: col.Name, Method: rule.Method, Rows: len(col.Cells), Footing: f, Target: rule.Target, RuleSum: rule.Sum}
	for i, c := range col.Cells {
		s := rule.Shares[i]
		if c != s.Allocated {
			a.Cells = append(a.Cells, CellDiff{Row: i, Name: s.Name, Published: c, Expected: s.Allocated, Quota: s.Quota})
		}
	}
	return a, nil
}
