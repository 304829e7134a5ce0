package table_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/table"
)

func TestTableValidate(t *testing.T) {
	cols := []table.Column{{Header: "村别"}, {Header: "人数", Kind: table.KindInteger}, {Header: "完成率", Kind: table.KindDecimal, Scale: 2}}
	tests := []struct {
		name    string
		tab     table.Table
		want    error
		row, co int
	}{
		{"no columns", table.Table{}, table.ErrShape, -2, -1},
		{"short row", table.Table{Columns: cols, Rows: [][]table.Cell{{table.Text("a")}}}, table.ErrShape, 0, -1},
		{"number in text column", table.Table{Columns: cols, Rows: [][]table.Cell{{table.Int(1), table.Int(1), table.Int(1)}}}, table.ErrCellKind, 0, 0},
		{"decimal too fine", table.Table{Columns: cols, Rows: [][]table.Cell{{table.Text("a"), table.Int(1), table.Decimal(1, 3)}}}, table.ErrCellKind, 0, 2},
		{"decimal in integer column", table.Table{Columns: cols, Rows: [][]table.Cell{{table.Text("a"), table.Decimal(15, 1), table.Int(1)}}}, table.ErrCellKind, 0, 1},
		{"rescale overflow", table.Table{Columns: cols, Rows: [][]table.Cell{{table.Text("a"), table.Int(1), table.Int(1 << 62)}}}, table.ErrOverflow, 0, 2},
		{"stated total short", table.Table{Columns: cols, Total: table.Total{Mode: table.StatedTotal, Cells: []table.Cell{{}}}}, table.ErrShape, -1, -1},
		{"bad column scale", table.Table{Columns: []table.Column{{Header: "x", Kind: table.KindInteger, Scale: 2}}}, table.ErrCellKind, -2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tab.Validate()
			var te *table.Error
			if !errors.As(err, &te) || !errors.Is(err, tt.want) {
				t.Fatalf("Validate() = %v, want *TableError wrapping %v", err, tt.want)
			}
			if te.Row != tt.row || te.Column != tt.co {
				t.Errorf("error at row %d column %d, want %d, %d", te.Row, te.Column, tt.row, tt.co)
			}
		})
	}
	ok := table.Table{Columns: cols, Rows: [][]table.Cell{{table.Text("a"), table.Text("—"), table.Int(3)}, {{}, {}, {}}}}
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate() of a good table = %v", err)
	}
}

func TestComputedTotalAndSums(t *testing.T) {
	tab := table.Table{
		Columns: []table.Column{{Header: "组"}, {Header: "人数", Kind: table.KindInteger}, {Header: "金额", Kind: table.KindDecimal, Scale: 2}, {Header: "排名", Kind: table.KindInteger, NoSum: true}},
		Rows: [][]table.Cell{
			{table.Text("第1组"), table.Int(5), table.Decimal(125, 1), table.Int(2)},
			{table.Text("第2组"), table.Text("—"), table.Decimal(-3, 2), table.Int(1)},
			{table.Text("第3组"), table.Int(-7), table.Int(2), table.Int(3)},
		},
		Total: table.Total{Mode: table.ComputedTotal, Label: "小计"},
	}
	row, err := tab.TotalRow()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range row {
		got = append(got, c.String())
	}
	if diff := cmp.Diff([]string{"小计", "-2", "14.47", ""}, got); diff != "" {
		t.Errorf("TotalRow() mismatch (-want +got):\n%s", diff)
	}
	if a, err := tab.Audit(); err != nil || len(a.Footings) != 0 || !a.OK() {
		t.Errorf("Audit() of a computed total = %+v, %v; want empty and OK", a, err)
	}
	big := table.Table{
		Columns: []table.Column{{Header: "n", Kind: table.KindInteger}},
		Rows:    [][]table.Cell{{table.Int(1 << 62)}, {table.Int(1 << 62)}},
	}
	if _, err := big.Sums(); !errors.Is(err, table.ErrOverflow) {
		t.Errorf("Sums() beyond int64 = %v, want ErrTableOverflow", err)
	}
}

func TestCellString(t *testing.T) {
	tests := []struct {
		c    table.Cell
		want string
	}{
		{table.Int(-1), "-1"},
		{table.Decimal(8437, 2), "84.37"},
		{table.Decimal(-5, 3), "-0.005"},
		{table.Decimal(-9223372036854775808, 18), "-9.223372036854775808"},
		{table.Decimal(7, 0), "7"},
		{table.Text("振兴村"), "振兴村"},
		{table.Cell{}, ""},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestSortedNumericAndDeterministic(t *testing.T) {
	cols := []table.Column{{Header: "组"}, {Header: "人数", Kind: table.KindInteger}}
	rows := [][]table.Cell{
		{table.Text("第10组"), table.Int(3)},
		{table.Text("第2组"), table.Int(3)},
		{table.Text("第1组"), table.Int(9)},
		{table.Text("第2组"), table.Text("—")},
		{table.Text("第3组"), table.Cell{}},
	}
	names := func(tb table.Table) []string {
		var s []string
		for _, r := range tb.Rows {
			s = append(s, r[0].String()+"/"+r[1].String())
		}
		return s
	}
	tests := []struct {
		name string
		keys []table.SortKey
		want []string
	}{
		{"by name, numbers in numeric order", []table.SortKey{{Column: 0}}, []string{"第1组/9", "第2组/3", "第2组/—", "第3组/", "第10组/3"}},
		{"by count descending, empty last", []table.SortKey{{Column: 1, Descending: true}}, []string{"第2组/—", "第1组/9", "第2组/3", "第10组/3", "第3组/"}},
		{"by count ascending then name", []table.SortKey{{Column: 1}, {Column: 0}}, []string{"第2组/3", "第10组/3", "第1组/9", "第2组/—", "第3组/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every rotation of the input gives the same output.
			for k := range rows {
				rot := append(append([][]table.Cell(nil), rows[k:]...), rows[:k]...)
				got, err := table.Table{Columns: cols, Rows: rot}.Sorted(language.Chinese, tt.keys...)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, names(got)); diff != "" {
					t.Fatalf("rotation %d: Sorted mismatch (-want +got):\n%s", k, diff)
				}
			}
		})
	}
	if _, err := (table.Table{Columns: cols}).Sorted(language.Chinese, table.SortKey{Column: 5}); !errors.Is(err, table.ErrNoColumn) {
		t.Errorf("Sorted(column 5) error = %v, want ErrNoColumn", err)
	}
}
