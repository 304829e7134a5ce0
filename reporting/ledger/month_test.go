package ledger_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

var april = eligibility.MustParseDate("2023-04-30")

// month runs one month on s with the insured list plus extra rows.
func month(t testing.TB, s *ledger.State, extra string, base ...ledger.Source) *ledger.Month {
	t.Helper()
	asOf := april
	if s.AsOf().After(baseline) {
		asOf = s.AsOf().AddMonths(1)
	}
	m, err := s.Month(routing.Shiyan2023(), ledger.MonthInput{
		AsOf:    asOf,
		Insured: []ledger.Source{{Kind: ledger.KindInsured, Name: "参保库-" + asOf.String() + ".csv", Data: []byte(insured(extra))}},
		Base:    base,
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMonth(t *testing.T) {
	l := buildSmall(t)
	// April: 张三 joins 企业职工, 赵六 城乡居民, 李四 moves to 企业职工, a
	// stranger is in the list; 王五 left the base.
	m1 := month(t, l.State(),
		"张三,"+idZhang+",企业职工,正常缴费,\n"+
			"赵六,"+idZhao+",城乡居民,正常缴费,200\n"+
			"李四,"+idLi+",企业职工,正常缴费,\n"+
			"某某,"+idOut+",企业职工,正常缴费,\n"+
			"张三,"+fifteen(idZhang)+",城乡居民,正常缴费,\n",
		ledger.Source{Kind: ledger.KindPopulation, Name: "户籍人口-04.csv", Data: []byte(strings.Replace(base(), "王五,"+idWang+",男,石堰社区,是,\n", "", 1))},
	)
	// The insured list repeats 张三 (15 digits): the first row wins.
	type fig struct{ Targets, New, Lost, Completed, Prev, NewEmployee, Moved int64 }
	figs := func(m *ledger.Month) map[string]fig {
		out := map[string]fig{}
		for _, v := range append(m.Villages, m.Total) {
			out[v.Name] = fig{v.Targets, v.New, v.Lost, v.Completed, v.PrevCompleted, v.NewEmployee, v.MovedToEmployee}
		}
		return out
	}
	want := map[string]fig{
		"码头村":  {Targets: 3, New: 1, Completed: 1, NewEmployee: 1, Moved: 1},
		"石堰社区": {Targets: 3, New: 1, Completed: 1},
		"合计":   {Targets: 6, New: 2, Completed: 2, NewEmployee: 1, Moved: 1},
	}
	if diff := cmp.Diff(want, figs(m1)); diff != "" {
		t.Errorf("April figures mismatch (-want +got):\n%s", diff)
	}
	reconcile(t, m1)
	var ev []string
	for _, c := range m1.Changes {
		ev = append(ev, c.Village+" "+c.Role.String()+" "+c.Events.String())
	}
	if diff := cmp.Diff([]string{"石堰社区 target left_base", "码头村 followed switched", "码头村 target enrolled", "石堰社区 target enrolled"}, ev); diff != "" {
		t.Errorf("April changes mismatch (-want +got):\n%s", diff)
	}
	if got := m1.Report.Sources[0]; got.Unmatched != 1 || got.Duplicates != 1 || !got.Reconciles() {
		t.Errorf("April insured list report %+v", got)
	}

	// May: 张三 suspended, 吴十 joins 城乡居民, 周九 transfers in.
	m2 := month(t, m1.Next,
		"张三,"+idZhang+",企业职工,暂停缴费,\n"+
			"赵六,"+idZhao+",城乡居民,正常缴费,200\n"+
			"吴十,"+idWu+",城乡居民,正常缴费,100\n"+
			"周九,"+idZhou+",企业职工,正常缴费,\n")
	want = map[string]fig{
		"码头村":  {Targets: 3, New: 1, Lost: 1, Completed: 1, Prev: 1},
		"石堰社区": {Targets: 3, New: 1, Completed: 2, Prev: 1, NewEmployee: 1},
		"合计":   {Targets: 6, New: 2, Lost: 1, Completed: 3, Prev: 2, NewEmployee: 1},
	}
	if diff := cmp.Diff(want, figs(m2)); diff != "" {
		t.Errorf("May figures mismatch (-want +got):\n%s", diff)
	}
	reconcile(t, m2)
	var b bytes.Buffer
	if err := m2.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "month.golden", b.Bytes())

	// The bulletin takes Name, Task and Completed.
	var units []reporting.Progress
	for _, v := range m2.Villages {
		units = append(units, reporting.Progress{Name: v.Name, Task: v.Task, Enrolled: v.Completed})
	}
	bul, err := reporting.NewBulletin(reporting.BulletinInput{Title: "石堰镇扩面进度通报", Town: "石堰镇", AsOf: m2.AsOf, Policy: routing.Shiyan2023(), Units: units})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range bul.Rows {
		for _, v := range m2.Villages {
			if v.Name == row.Name && (row.Pace != v.Pace || row.Target != v.Required) {
				t.Errorf("%s: bulletin pace %d target %d, ledger %d %d", v.Name, row.Pace, row.Target, v.Pace, v.Required)
			}
		}
	}
}

// reconcile checks the village figures against the person-level changes,
// row for row.
func reconcile(t *testing.T, m *ledger.Month) {
	t.Helper()
	type sums struct{ New, Lost, NewEmployee, Moved int64 }
	got := map[string]sums{}
	for _, c := range m.Changes {
		s := got[c.Village]
		if c.Role == ledger.RoleTarget && c.Events&ledger.EventEnrolled != 0 {
			s.New++
			if c.Now.Scheme == eligibility.SchemeEmployee {
				s.NewEmployee++
			}
		}
		if c.Role == ledger.RoleTarget && c.Events&(ledger.EventSuspended|ledger.EventLapsed) != 0 {
			s.Lost++
		}
		if c.Events&ledger.EventSwitched != 0 && c.Was.Scheme == eligibility.SchemeResident && c.Now.Scheme == eligibility.SchemeEmployee {
			s.Moved++
		}
		got[c.Village] = s
	}
	var total ledger.VillageProgress
	for _, v := range m.Villages {
		if diff := cmp.Diff(sums{v.New, v.Lost, v.NewEmployee, v.MovedToEmployee}, got[v.Name]); diff != "" {
			t.Errorf("%s: figures vs changes mismatch (-figures +changes):\n%s", v.Name, diff)
		}
		if v.Completed != v.PrevCompleted+v.New-v.Lost {
			t.Errorf("%s: 累计完成 %d != %d + %d − %d", v.Name, v.Completed, v.PrevCompleted, v.New, v.Lost)
		}
		total.New += v.New
		total.Completed += v.Completed
	}
	if total.New != m.Total.New || total.Completed != m.Total.Completed {
		t.Errorf("total %+v does not sum the villages", m.Total)
	}
}

func TestMonthErrors(t *testing.T) {
	s := buildSmall(t).State()
	ins := []ledger.Source{{Kind: ledger.KindInsured, Name: "i.csv", Data: []byte(insured(""))}}
	other := routing.Luodong2019()
	tests := []struct {
		name string
		p    routing.Policy
		in   ledger.MonthInput
		want error
	}{
		{"policy", other, ledger.MonthInput{AsOf: april, Insured: ins}, ledger.ErrPolicyMismatch},
		{"order", routing.Shiyan2023(), ledger.MonthInput{AsOf: baseline, Insured: ins}, ledger.ErrMonthOrder},
		{"no insured list", routing.Shiyan2023(), ledger.MonthInput{AsOf: april}, ledger.ErrNoInsured},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Month(tt.p, tt.in); !errors.Is(err, tt.want) {
				t.Errorf("Month error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		done, task int64
		want       string
		ok         bool
	}{
		{1, 3, "33.33", true},
		{2, 3, "66.67", true},
		{674, 842, "80.05", true},
		{1, 8, "12.5", true}, // 12.50: decimal prints no trailing zero
		{0, 0, "0", false},
		{5, 5, "100", true},
	}
	for _, tt := range tests {
		got, ok := ledger.VillageProgress{Completed: tt.done, Task: tt.task}.Rate()
		if ok != tt.ok || got.String() != tt.want {
			t.Errorf("Rate(%d/%d) = %s, %v; want %s, %v", tt.done, tt.task, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWriteStateFile(t *testing.T) {
	s := buildSmall(t).State()
	path := filepath.Join(t.TempDir(), ledger.StateFileName)
	if err := ledger.WriteStateFile(path, s); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	var b bytes.Buffer
	s.WriteTo(&b)
	if !bytes.Equal(data, b.Bytes()) {
		t.Error("the file differs from WriteTo")
	}
}
