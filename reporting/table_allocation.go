package reporting

import (
	"errors"
	"fmt"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/reporting/table"
)

// ErrUnitMismatch is the Err of the [*table.Error] that
// [TaskTableFromAllocation] returns when an allocation result does not
// match the table's units (count or names).
var ErrUnitMismatch = errors.New("units do not match")

// maxScale is the largest decimal scale of a table cell.
const maxScale = 18

// addInt64 adds with overflow detection.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, false
	}
	return s, true
}

// TaskColumn is one numeric column of a task table built by
// [TaskTableFromAllocation]: either published integers (Cells) or the
// allocations of an allocation result (Result), with the 合计 as published.
type TaskColumn struct {
	Header string // 表头, e.g. 应扩面人数
	// Cells are published integers, one per unit in table order. Leave nil
	// when Result gives the column.
	Cells []int64
	// Result is an allocation whose Allocated values fill the column, one
	// share per unit in table order; its share names must be the units'
	// names.
	Result *allocation.Result
	// Total is the 合计 cell as published, read only when HasTotal is set.
	// A column without a stated total shows the sum of its cells.
	Total    int64
	HasTotal bool
	// QuotaScale, when positive and Result is set, adds a column right after
	// this one with each unit's exact quota at that many decimals (half up),
	// headed "<Header>（精确值）". It is left out of the total.
	QuotaScale int
}

// TaskTable describes a task table (任务分解表) for [TaskTableFromAllocation].
type TaskTable struct {
	Title      string   // e.g. 罗东镇全民参保扩面任务分解表
	UnitHeader string   // header of the first column, e.g. 村别
	Units      []string // unit names in the order to show them
	Columns    []TaskColumn
	// TotalLabel is the first cell of the total row (合计 when empty).
	TotalLabel string
	Notes      []string
}

// TaskTableFromAllocation builds a [table.Table] from published columns and
// allocation results, in the order given: the unit column, then each
// [TaskColumn], then a total row that states the published 合计 where one is
// given (and the computed sum where not). Holding it against its cells with
// [table.Table.Audit] — the renderers do this themselves — shows the footing
// discrepancies of a published table.
//
// For the 罗东 table of 罗政〔2019〕185号 附件 the columns are 16-59周岁人数,
// 16-59周岁已参加居民保人数 and 未参保人数 as published, 应扩面人数 from
// allocation.Apportion(9777, …, allocation.HalfUp) over 未参保人数, and
// 2019年任务数 from allocation.Derive at 80 %, with the published totals 9777
// and 7822; the audit then finds 9778 and 7821.
//
// A column with the wrong number of cells, a result whose share names differ
// from Units, or a column with both or neither of Cells and Result gives a
// [*table.Error] wrapping [ErrUnitMismatch] or [table.ErrShape].
func TaskTableFromAllocation(spec TaskTable) (table.Table, error) {
	n := len(spec.Units)
	t := table.Table{
		Title:   spec.Title,
		Columns: []table.Column{{Header: spec.UnitHeader, Kind: table.KindText}},
		Rows:    make([][]table.Cell, n),
		Notes:   spec.Notes,
		Total:   table.Total{Mode: table.StatedTotal, Label: spec.TotalLabel},
	}
	for i, name := range spec.Units {
		t.Rows[i] = []table.Cell{table.Text(name)}
	}
	total := []table.Cell{{}}
	for _, col := range spec.Columns {
		j := len(t.Columns)
		values := col.Cells
		switch {
		case col.Result != nil && col.Cells != nil, col.Result == nil && col.Cells == nil:
			return table.Table{}, &table.Error{Row: -2, Column: j, Err: fmt.Errorf("%w: column %q needs exactly one of Cells and Result", table.ErrShape, col.Header)}
		case col.Result != nil:
			if len(col.Result.Shares) != n {
				return table.Table{}, &table.Error{Row: -2, Column: j, Err: fmt.Errorf("%w: column %q has %d shares for %d units", ErrUnitMismatch, col.Header, len(col.Result.Shares), n)}
			}
			values = make([]int64, n)
			for i, s := range col.Result.Shares {
				if s.Name != spec.Units[i] {
					return table.Table{}, &table.Error{Row: i, Column: j, Err: fmt.Errorf("%w: column %q names %q where the table has %q", ErrUnitMismatch, col.Header, s.Name, spec.Units[i])}
				}
				values[i] = s.Allocated
			}
		case len(col.Cells) != n:
			return table.Table{}, &table.Error{Row: -2, Column: j, Err: fmt.Errorf("%w: column %q has %d cells for %d units", table.ErrShape, col.Header, len(col.Cells), n)}
		}
		t.Columns = append(t.Columns, table.Column{Header: col.Header, Kind: table.KindInteger})
		var sum int64
		for i, v := range values {
			t.Rows[i] = append(t.Rows[i], table.Int(v))
			s, ok := addInt64(sum, v)
			if !ok {
				return table.Table{}, &table.Error{Row: i, Column: j, Err: table.ErrOverflow}
			}
			sum = s
		}
		if col.HasTotal {
			total = append(total, table.Int(col.Total))
		} else {
			total = append(total, table.Int(sum))
		}
		if col.Result != nil && col.QuotaScale > 0 {
			scale := min(col.QuotaScale, maxScale)
			t.Columns = append(t.Columns, table.Column{Header: col.Header + "（精确值）", Kind: table.KindDecimal, Scale: scale, NoSum: true})
			for i, s := range col.Result.Shares {
				c, err := quotaCell(s.Quota, scale)
				if err != nil {
					return table.Table{}, &table.Error{Row: i, Column: j + 1, Err: err}
				}
				t.Rows[i] = append(t.Rows[i], c)
			}
			total = append(total, table.Cell{})
		}
	}
	t.Total.Cells = total
	return t, t.Validate()
}

// quotaCell turns an exact quota into a decimal cell at scale (half up).
func quotaCell(q allocation.Quota, scale int) (table.Cell, error) {
	b := q.Decimal(int32(scale)).Shift(int32(scale)).BigInt()
	if !b.IsInt64() {
		return table.Cell{}, table.ErrOverflow
	}
	return table.Decimal(b.Int64(), scale), nil
}
