package reporting_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
)

// The -update flag rewrites the golden files under testdata/. It is
// registered in init, after every package-level flag, and only if no other
// test file of the package has registered it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

func tblUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// tblGolden compares got with testdata/<name>, or rewrites it under -update.
func tblGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if tblUpdating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s mismatch (-want +got):\n%s", name, cmp.Diff(string(want), string(got)))
	}
}

// tblLuodongData is the published 罗东镇全民参保扩面任务分解表
// (罗政〔2019〕185号 附件) as read from testdata/table/luodong-2019.csv.
type tblLuodongData struct {
	headers []string
	names   []string
	cols    [5][]int64 // 16-59, 已参保, 未参保, 应扩面, 2019
	totals  [5]int64
}

func tblReadLuodong(t testing.TB) tblLuodongData {
	t.Helper()
	f, err := os.Open("testdata/table/luodong-2019.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var d tblLuodongData
	d.headers = recs[0]
	for _, r := range recs[1:] {
		var v [5]int64
		for k := range 5 {
			v[k], err = strconv.ParseInt(r[k+1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
		}
		if r[0] == "合计" {
			d.totals = v
			continue
		}
		d.names = append(d.names, r[0])
		for k := range 5 {
			d.cols[k] = append(d.cols[k], v[k])
		}
	}
	return d
}

// tblLuodongTable builds the 罗东 table the way examples/luodong does: the
// three published headcount columns, 应扩面人数 by allocation.HalfUp of 9777
// over 未参保人数, 2019年任务数 derived at 80 % from the unrounded quotas, and
// the published 合计 row.
func tblLuodongTable(t testing.TB) (table.Table, tblLuodongData) {
	t.Helper()
	d := tblReadLuodong(t)
	units := make([]allocation.Unit, len(d.names))
	for i, n := range d.names {
		units[i] = allocation.Unit{Name: n, Weight: d.cols[2][i]}
	}
	target, err := allocation.Apportion(d.totals[3], units, allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	task2019, err := allocation.Derive(target, allocation.MustParseRate("80%"), allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := reporting.TaskTableFromAllocation(reporting.TaskTable{
		Title:      "罗东镇全民参保扩面任务分解表",
		UnitHeader: d.headers[0],
		Units:      d.names,
		Columns: []reporting.TaskColumn{
			{Header: d.headers[1], Cells: d.cols[0], Total: d.totals[0], HasTotal: true},
			{Header: d.headers[2], Cells: d.cols[1], Total: d.totals[1], HasTotal: true},
			{Header: d.headers[3], Cells: d.cols[2], Total: d.totals[2], HasTotal: true},
			{Header: d.headers[4], Result: &target, Total: d.totals[3], HasTotal: true},
			{Header: d.headers[5], Result: &task2019, Total: d.totals[4], HasTotal: true},
		},
		Notes: []string{"资料来源：罗政〔2019〕185号 附件。应扩面人数 = 未参保人数 × 9777 ÷ 15733，四舍五入；2019年任务数 = 其未取整值 × 80%，四舍五入（三(二)）。"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return tab, d
}

func TestTaskTableFromAllocationReproducesLuodong(t *testing.T) {
	tab, d := tblLuodongTable(t)
	// Every cell as published.
	if len(tab.Rows) != 14 {
		t.Fatalf("%d rows, want 14", len(tab.Rows))
	}
	for i, row := range tab.Rows {
		if got := row[0].String(); got != d.names[i] {
			t.Errorf("row %d name %q, want %q", i, got, d.names[i])
		}
		for k := range 5 {
			v, scale, ok := row[k+1].Number()
			if !ok || scale != 0 || v != d.cols[k][i] {
				t.Errorf("%s %s = %v, want %d", d.names[i], d.headers[k+1], row[k+1], d.cols[k][i])
			}
		}
	}
	total, err := tab.TotalRow()
	if err != nil {
		t.Fatal(err)
	}
	wantTotal := []string{"合计", "39042", "23309", "15733", "9777", "7822"}
	var gotTotal []string
	for _, c := range total {
		gotTotal = append(gotTotal, c.String())
	}
	if diff := cmp.Diff(wantTotal, gotTotal); diff != "" {
		t.Errorf("TotalRow() mismatch (-want +got):\n%s", diff)
	}
	audit, err := tab.Audit()
	if err != nil {
		t.Fatal(err)
	}
	want := []table.Footing{
		{Column: 4, Header: "应扩面人数", Stated: 9777, Sum: 9778},
		{Column: 5, Header: "2019年任务数", Stated: 7822, Sum: 7821},
	}
	if diff := cmp.Diff(want, audit.Discrepancies()); diff != "" {
		t.Errorf("Audit().Discrepancies() mismatch (-want +got):\n%s", diff)
	}
	if audit.OK() || len(audit.Footings) != 5 {
		t.Errorf("Audit() = %+v: want 5 footings, not OK", audit)
	}
	if got, want := want[0].String(), "应扩面人数：合计栏公布 9777，各行之和 9778（多 1）"; got != want {
		t.Errorf("footing String() = %q, want %q", got, want)
	}
	if got, want := want[1].Diff(), int64(-1); got != want {
		t.Errorf("2019 Diff() = %d, want %d", got, want)
	}
}

func TestTaskTableFromAllocationErrors(t *testing.T) {
	res, err := allocation.Apportion(10, []allocation.Unit{{Name: "甲", Weight: 1}, {Name: "乙", Weight: 1}}, allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		spec reporting.TaskTable
		want error
	}{
		{"names differ", reporting.TaskTable{Units: []string{"甲", "丙"}, Columns: []reporting.TaskColumn{{Header: "x", Result: &res}}}, reporting.ErrUnitMismatch},
		{"too few shares", reporting.TaskTable{Units: []string{"甲", "乙", "丙"}, Columns: []reporting.TaskColumn{{Header: "x", Result: &res}}}, reporting.ErrUnitMismatch},
		{"cells short", reporting.TaskTable{Units: []string{"甲", "乙"}, Columns: []reporting.TaskColumn{{Header: "x", Cells: []int64{1}}}}, table.ErrShape},
		{"both", reporting.TaskTable{Units: []string{"甲", "乙"}, Columns: []reporting.TaskColumn{{Header: "x", Cells: []int64{1, 2}, Result: &res}}}, table.ErrShape},
		{"neither", reporting.TaskTable{Units: []string{"甲", "乙"}, Columns: []reporting.TaskColumn{{Header: "x"}}}, table.ErrShape},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reporting.TaskTableFromAllocation(tt.spec)
			var te *table.Error
			if !errors.Is(err, tt.want) || !errors.As(err, &te) {
				t.Errorf("error = %v, want a *TableError wrapping %v", err, tt.want)
			}
		})
	}
}

func TestTaskTableQuotaColumn(t *testing.T) {
	res, err := allocation.Apportion(10, []allocation.Unit{{Name: "甲", Weight: 1}, {Name: "乙", Weight: 2}}, allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := reporting.TaskTableFromAllocation(reporting.TaskTable{
		UnitHeader: "村别", Units: []string{"甲", "乙"},
		Columns: []reporting.TaskColumn{{Header: "任务数", Result: &res, QuotaScale: 2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, r := range tab.Rows {
		var row []string
		for _, c := range r {
			row = append(row, c.String())
		}
		got = append(got, row)
	}
	want := [][]string{{"甲", "3", "3.33"}, {"乙", "7", "6.67"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
	total, _ := tab.TotalRow()
	if total[1].String() != "10" || !total[2].IsEmpty() {
		t.Errorf("total row = %v, want computed 10 and an empty quota cell", total)
	}
	if a, _ := tab.Audit(); !a.OK() || len(a.Footings) != 1 {
		t.Errorf("Audit() = %+v, want one footing that foots", a)
	}
}

func TestSortedByPinyin(t *testing.T) {
	tab, _ := tblLuodongTable(t)
	sorted, err := tab.Sorted(language.Chinese, table.SortKey{Column: 0})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range sorted.Rows {
		got = append(got, r[0].String())
	}
	// 埔 bu (CLDR files the two-reading 埔 under bù, as in 大埔), 蔡 cai,
	// 高 gao, 荆 jing, 罗东 luodong, 罗溪 luoxi, 山 shan, 潭 tan, 维 wei,
	// 霞 xia, 新明 xinming, 新雨 xinyu, 银 yin, 振 zhen.
	want := []string{"埔心村", "蔡厝村", "高塘村", "荆坑村", "罗东村", "罗溪村", "山坂村", "潭溪村", "维新村", "霞山村", "新明村", "新雨亭", "银河新城", "振兴村"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sorted(pinyin) mismatch (-want +got):\n%s", diff)
	}
	if tab.Rows[0][0].String() != "振兴村" {
		t.Errorf("Sorted modified its receiver")
	}
	// The total row is kept as published.
	if a, _ := sorted.Audit(); len(a.Discrepancies()) != 2 {
		t.Errorf("sorted table lost its audit: %+v", a)
	}
}
