package reporting

import (
	"fmt"

	"github.com/canbao/kuomian/allocation"
)

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

// TaskTableFromAllocation builds a [Table] from published columns and
// allocation results, in the order given: the unit column, then each
// [TaskColumn], then a total row that states the published 合计 where one is
// given (and the computed sum where not). Holding it against its cells with
// [Table.Audit] — the renderers do this themselves — shows the footing
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
// [*TableError] wrapping [ErrUnitMismatch] or [ErrTableShape].
func TaskTableFromAllocation(spec TaskTable) (Table, error) {
	n := len(spec.Units)
	t := Table{
		Title:   spec.Title,
		Columns: []TableColumn{{Header: spec.UnitHeader, Kind: KindText}},
		Rows:    make([][]Cell, n),
		Notes:   spec.Notes,
		Total:   Total{Mode: StatedTotal, Label: spec.TotalLabel},
	}
	for i, name := range spec.Units {
		t.Rows[i] = []Cell{Text(name)}
	}
	total := []Cell{{}}
	for _, col := range spec.Columns {
		j := len(t.Columns)
		values := col.Cells
		switch {
		case col.Result != nil && col.Cells != nil, col.Result == nil && col.Cells == nil:
			return Table{}, &TableError{Row: -2, Column: j, Err: fmt.Errorf("%w: column %q needs exactly one of Cells and Result", ErrTableShape, col.Header)}
		case col.Result != nil:
			if len(col.Result.Shares) != n {
				return Table{}, &TableError{Row: -2, Column: j, Err: fmt.Errorf("%w: column %q has %d shares for %d units", ErrUnitMismatch, col.Header, len(col.Result.Shares), n)}
			}
			values = make([]int64, n)
			for i, s := range col.Result.Shares {
				if s.Name != spec.Units[i] {
					return Table{}, &TableError{Row: i, Column: j, Err: fmt.Errorf("%w: column %q names %q where the table has %q", ErrUnitMismatch, col.Header, s.Name, spec.Units[i])}
				}
				values[i] = s.Allocated
			}
		case len(col.Cells) != n:
			return Table{}, &TableError{Row: -2, Column: j, Err: fmt.Errorf("%w: column %q has %d cells for %d units", ErrTableShape, col.Header, len(col.Cells), n)}
		}
		t.Columns = append(t.Columns, TableColumn{Header: col.Header, Kind: KindInteger})
		var sum int64
		for i, v := range values {
			t.Rows[i] = append(t.Rows[i], Int(v))
			s, ok := tblAdd(sum, v)
			if !ok {
				return Table{}, &TableError{Row: i, Column: j, Err: ErrTableOverflow}
			}
			sum = s
		}
		if col.HasTotal {
			total = append(total, Int(col.Total))
		} else {
			total = append(total, Int(sum))
		}
		if col.Result != nil && col.QuotaScale > 0 {
			scale := min(col.QuotaScale, tblMaxScale)
			t.Columns = append(t.Columns, TableColumn{Header: col.Header + "（精确值）", Kind: KindDecimal, Scale: scale, NoSum: true})
			for i, s := range col.Result.Shares {
				c, err := tblQuotaCell(s.Quota, scale)
				if err != nil {
					return Table{}, &TableError{Row: i, Column: j + 1, Err: err}
				}
				t.Rows[i] = append(t.Rows[i], c)
			}
			total = append(total, Cell{})
		}
	}
	t.Total.Cells = total
	return t, t.Validate()
}

// tblQuotaCell turns an exact quota into a decimal cell at scale (half up).
func tblQuotaCell(q allocation.Quota, scale int) (Cell, error) {
	b := q.Decimal(int32(scale)).Shift(int32(scale)).BigInt()
	if !b.IsInt64() {
		return Cell{}, ErrTableOverflow
	}
	return Decimal(b.Int64(), scale), nil
}
