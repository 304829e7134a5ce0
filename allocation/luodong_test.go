package allocation_test

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// luodong is the published 罗东镇全民参保扩面任务分解表 (罗政〔2019〕185号 附件),
// read from testdata/luodong-2019-task-table.csv.
type luodong struct {
	names                     []string
	age, enrolled, unenrolled []int64
	target, task2019          []int64
	totals                    [5]int64 // 合计 row: age, enrolled, unenrolled, target, 2019
}

func readLuodong(t testing.TB) luodong {
	t.Helper()
	f, err := os.Open("testdata/luodong-2019-task-table.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var l luodong
	num := func(s string) int64 {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, r := range rows[1:] {
		if r[0] == "合计" {
			for k := range 5 {
				l.totals[k] = num(r[k+1])
			}
			continue
		}
		l.names = append(l.names, r[0])
		l.age = append(l.age, num(r[1]))
		l.enrolled = append(l.enrolled, num(r[2]))
		l.unenrolled = append(l.unenrolled, num(r[3]))
		l.target = append(l.target, num(r[4]))
		l.task2019 = append(l.task2019, num(r[5]))
	}
	return l
}

func (l luodong) units() []allocation.Unit {
	us := make([]allocation.Unit, len(l.names))
	for i, n := range l.names {
		us[i] = allocation.Unit{Name: n, Weight: l.unenrolled[i]}
	}
	return us
}

func TestLuodongTableCellForCell(t *testing.T) {
	l := readLuodong(t)
	if len(l.names) != 14 {
		t.Fatalf("read %d villages, want 14", len(l.names))
	}
	for i := range l.names {
		if l.age[i]-l.enrolled[i] != l.unenrolled[i] {
			t.Errorf("%s: 未参保 %d ≠ %d − %d", l.names[i], l.unenrolled[i], l.age[i], l.enrolled[i])
		}
	}
	target, err := allocation.Apportion(l.totals[3], l.units(), allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(l.target, target.Allocations()); diff != "" {
		t.Errorf("应扩面 half-up mismatch (-published +got):\n%s", diff)
	}
	task, err := allocation.Derive(target, allocation.MustParseRate("80%"), allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(l.task2019, task.Allocations()); diff != "" {
		t.Errorf("2019任务数 derived mismatch (-published +got):\n%s", diff)
	}
	// Rounding the rounded cell instead would be wrong for 荆坑村 and 潭溪村.
	for i, n := range l.names {
		naive, _ := allocation.NewQuota(l.target[i]*8, 10)
		switch n {
		case "荆坑村":
			if got := task.Shares[i].Quota.StringFixed(2); got != "314.69" {
				t.Errorf("荆坑村 2019 quota = %s, want 314.69", got)
			}
			if naive.Round(allocation.HalfUp) != 314 || task.Shares[i].Allocated != 315 {
				t.Errorf("荆坑村: naive %d, derived %d; want 314, 315", naive.Round(allocation.HalfUp), task.Shares[i].Allocated)
			}
		case "潭溪村":
			if naive.Round(allocation.HalfUp) != 614 || task.Shares[i].Allocated != 613 {
				t.Errorf("潭溪村: naive %d, derived %d; want 614, 613", naive.Round(allocation.HalfUp), task.Shares[i].Allocated)
			}
		}
	}
	if got := target.Shares[9].Quota.StringFixed(2); got != "393.37" {
		t.Errorf("荆坑村 quota = %s, want 393.37", got)
	}
	// Audit.
	a1, err := allocation.AuditColumn(allocation.Column{Name: "应扩面人数", Cells: l.target, Total: l.totals[3], HasTotal: true}, target)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := allocation.AuditColumn(allocation.Column{Name: "2019年任务数", Cells: l.task2019, Total: l.totals[4], HasTotal: true}, task)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"应扩面人数: 14 cells match half-up; cells sum to 9778, stated total 9777 (+1)",
		"2019年任务数: 14 cells match half-up; cells sum to 7821, stated total 7822 (-1)",
	}
	if diff := cmp.Diff(want, []string{a1.String(), a2.String()}); diff != "" {
		t.Errorf("audit mismatch (-want +got):\n%s", diff)
	}
	if got := task.Target.StringFixed(1); got != "7821.6" {
		t.Errorf("2019 target = %s, want 7821.6", got)
	}
	// The other columns foot.
	for k, col := range [][]int64{l.age, l.enrolled, l.unenrolled} {
		f, err := allocation.Foot(allocation.Column{Cells: col, Total: l.totals[k], HasTotal: true})
		if err != nil || !f.Foots() {
			t.Errorf("column %d: footing %+v, %v", k, f, err)
		}
	}
	// A sum-preserving method changes only 新明村.
	ham, err := allocation.Apportion(l.totals[3], l.units(), allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := allocation.Changes(target, ham)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]allocation.Change{{Index: 3, Name: "新明村", From: 1349, To: 1348}}, ch); diff != "" {
		t.Errorf("Changes mismatch (-want +got):\n%s", diff)
	}
	if ham.Sum != 9777 || !ham.Diff().IsInt() || ham.Diff().Sign() != 0 {
		t.Errorf("hamilton sum %d diff %v", ham.Sum, ham.Diff())
	}
	if d := target.Diff(); d.String() != "1" {
		t.Errorf("half-up Diff = %v, want 1", d)
	}
}
