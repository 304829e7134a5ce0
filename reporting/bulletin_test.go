package reporting_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
)

// tblRow is the part of a BulletinRow the tests compare.
type tblRow struct {
	Name                         string
	Rank                         int
	Rate                         string
	Gap, Target, TargetGap, Pace int64
	Status                       reporting.ProgressStatus
}

func tblRows(b reporting.Bulletin) []tblRow {
	var out []tblRow
	for _, r := range b.Rows {
		rate := "—"
		if r.HasRate {
			rate = r.Rate.StringFixed(reporting.RateScale)
		}
		out = append(out, tblRow{r.Name, r.Rank, rate, r.Gap, r.Target, r.TargetGap, r.Pace, r.Status})
	}
	return out
}

func TestBulletinArithmetic(t *testing.T) {
	// 罗政〔2019〕185号: pace from 2019-07-18 (the plan's date) to 80 % on
	// 2019-12-31 — 166 days; 2019-11-30 is day 135.
	in := reporting.BulletinInput{
		Title: "测试通报",
		AsOf:  eligibility.MustParseDate("2019-11-30"),
		Plan:  reporting.PlanLuodong2019(),
		Units: []reporting.Progress{
			{Name: "振兴村", Task: 842, Enrolled: 710},  // 84.32 %; 80 % of 842 = 673.6 → 674: ahead
			{Name: "罗溪村", Task: 1000, Enrolled: 650}, // pace ⌈800·135/166⌉ = ⌈650.60⌉ = 651: behind by 1
			{Name: "维新村", Task: 1000, Enrolled: 651}, // exactly on the pace: on track
			{Name: "新明村", Task: 20000, Enrolled: 1},  // 0.005 % → 0.01 (half up)
			{Name: "新雨亭", Task: 0, Enrolled: 3},      // no task
			{Name: "银河新城", Task: 40, Enrolled: 40},   // done
			{Name: "高塘村", Task: 500, Enrolled: 325},  // 65.00 %, ties with 蔡厝村
			{Name: "蔡厝村", Task: 200, Enrolled: 130},  // 65.00 %
		},
	}
	b, err := reporting.NewBulletin(in)
	if err != nil {
		t.Fatal(err)
	}
	got := tblRows(b)
	wantExact := []tblRow{
		{"银河新城", 1, "100.00", 0, 32, 0, 27, reporting.StatusDone},
		{"振兴村", 2, "84.32", 132, 674, 0, 549, reporting.StatusAhead},
		{"维新村", 3, "65.10", 349, 800, 149, 651, reporting.StatusOnTrack},
		// 蔡厝村 130/200, 高塘村 325/500 and 罗溪村 650/1000 are all exactly
		// 65 %: one shared rank, in pinyin order (cai, gao, luo).
		{"蔡厝村", 4, "65.00", 70, 160, 30, 131, reporting.StatusBehind},
		{"高塘村", 4, "65.00", 175, 400, 75, 326, reporting.StatusBehind},
		{"罗溪村", 4, "65.00", 350, 800, 150, 651, reporting.StatusBehind},
		// 16000·135/166 = 13012.05 → 13013.
		{"新明村", 7, "0.01", 19999, 16000, 15999, 13013, reporting.StatusBehind},
		{"新雨亭", 0, "—", 0, 0, 0, 0, reporting.StatusNoTask},
	}
	if diff := cmp.Diff(wantExact, got); diff != "" {
		t.Errorf("NewBulletin rows mismatch (-want +got):\n%s", diff)
	}
	// The town: 23582 task, 2510 done: 10.6437… %.
	tot := b.Total
	if tot.Task != 23582 || tot.Enrolled != 2510 || tot.Rate.StringFixed(2) != "10.64" || tot.Status != reporting.StatusBehind {
		t.Errorf("Total = %+v", tot)
	}
	if b.Milestone != 0 || b.InPhase {
		t.Errorf("Milestone = %d, InPhase = %v; want 0, false", b.Milestone, b.InPhase)
	}
	for _, r := range b.Rows {
		if r.Status != reporting.StatusNoTask && r.Status != reporting.StatusDone && !strings.Contains(r.Reason, "罗政〔2019〕185号 三(二)") {
			t.Errorf("%s: reason %q does not cite the clause", r.Name, r.Reason)
		}
	}
}

func TestBulletinRateRounding(t *testing.T) {
	tests := []struct {
		enrolled, task int64
		want           string
	}{
		{0, 7, "0.00"},
		{1, 3, "33.33"},
		{2, 3, "66.67"},
		{1, 8, "12.50"},
		{1, 20000, "0.01"}, // 0.005 → 0.01: half up, not half even
		{3, 40000, "0.01"}, // 0.0075 → 0.01
		{1, 40000, "0.00"}, // 0.0025 → 0.00
		{7, 2, "350.00"},   // more than the task
		{1<<62 - 1, 1, "461168601842738790300.00"},
	}
	for _, tt := range tests {
		b, err := reporting.NewBulletin(reporting.BulletinInput{
			AsOf:  eligibility.MustParseDate("2019-08-01"),
			Plan:  reporting.PlanLuodong2019(),
			Units: []reporting.Progress{{Name: "村", Task: tt.task, Enrolled: tt.enrolled}},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := b.Rows[0]
		if got := r.Rate.StringFixed(reporting.RateScale); !r.HasRate || got != tt.want {
			t.Errorf("rate of %d/%d = %s (HasRate %v), want %s", tt.enrolled, tt.task, got, r.HasRate, tt.want)
		}
		// Exact: Rate is the half-up rounding of the exact ratio.
		exact := decimal.NewFromInt(tt.enrolled).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(tt.task), 10)
		if !r.Rate.Equal(exact.Round(reporting.RateScale)) && tt.enrolled < 1<<40 {
			t.Errorf("rate of %d/%d = %s, decimal says %s", tt.enrolled, tt.task, r.Rate, exact.Round(2))
		}
	}
}

func TestBulletinShiyanPhases(t *testing.T) {
	units := []reporting.Progress{{Name: "石堰社区", Task: 100, Enrolled: 60}, {Name: "大坪村", Task: 100, Enrolled: 50}}
	tests := []struct {
		asOf      string
		phase     string
		milestone int
		wantPace  int64
		wantState []reporting.ProgressStatus // in input order of units
	}{
		// 动员部署: the pace has not started.
		{"2023-02-01", "动员部署阶段", 0, 0, []reporting.ProgressStatus{reporting.StatusOnTrack, reporting.StatusOnTrack}},
		// 重点攻坚, day 107 of 199 from 03-15 to 09-30: ⌈100·107/199⌉ = 54.
		{"2023-06-30", "重点攻坚阶段", 0, 54, []reporting.ProgressStatus{reporting.StatusOnTrack, reporting.StatusBehind}},
		// 巩固提升: the aim of 09-30 is past; 100 % is due by 12-31.
		{"2023-11-15", "巩固提升阶段", 1, 100, []reporting.ProgressStatus{reporting.StatusBehind, reporting.StatusBehind}},
		{"2023-09-30", "重点攻坚阶段", 0, 100, []reporting.ProgressStatus{reporting.StatusBehind, reporting.StatusBehind}},
		{"2024-01-31", "", 1, 100, []reporting.ProgressStatus{reporting.StatusBehind, reporting.StatusBehind}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			b, err := reporting.NewBulletin(reporting.BulletinInput{AsOf: eligibility.MustParseDate(tt.asOf), Plan: reporting.PlanShiyan2023(), Units: units})
			if err != nil {
				t.Fatal(err)
			}
			if b.Phase.Name != tt.phase || b.InPhase != (tt.phase != "") || b.Milestone != tt.milestone {
				t.Errorf("phase %q (in %v), milestone %d; want %q, %d", b.Phase.Name, b.InPhase, b.Milestone, tt.phase, tt.milestone)
			}
			for _, r := range b.Rows {
				k := slices.IndexFunc(units, func(u reporting.Progress) bool { return u.Name == r.Name })
				if r.Pace != tt.wantPace || r.Status != tt.wantState[k] {
					t.Errorf("%s: pace %d status %v, want %d %v (%s)", r.Name, r.Pace, r.Status, tt.wantPace, tt.wantState[k], r.Reason)
				}
			}
		})
	}
	// The aim is marked as 力争 in the reason.
	b, _ := reporting.NewBulletin(reporting.BulletinInput{AsOf: eligibility.MustParseDate("2023-06-30"), Plan: reporting.PlanShiyan2023(), Units: units})
	if !strings.Contains(b.Rows[1].Reason, "力争完成") || !strings.Contains(b.Rows[1].Reason, "石堰府发〔2023〕10号 四(二)") {
		t.Errorf("reason %q should cite 四(二) and say 力争", b.Rows[1].Reason)
	}
}

func TestBulletinStatedTargets(t *testing.T) {
	// 罗东's published 2019年任务数 is the 2019-12-31 target of each village.
	b, err := reporting.NewBulletin(reporting.BulletinInput{
		AsOf:        eligibility.MustParseDate("2020-03-31"),
		Plan:        reporting.PlanLuodong2019(),
		Units:       []reporting.Progress{{Name: "振兴村", Task: 1053, Enrolled: 900, Targets: []int64{842, 1053}}},
		TownTask:    1053,
		TownTargets: []int64{842, 1053},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := b.Rows[0]
	// From 842 on 2019-12-31 to 1053 on 2020-12-31 (366 days), day 91:
	// 842 + ⌈211·91/366⌉ = 842 + ⌈52.46⌉ = 895.
	if b.Milestone != 1 || r.Target != 1053 || r.Pace != 895 || r.Status != reporting.StatusOnTrack {
		t.Errorf("row = %+v, milestone %d", r, b.Milestone)
	}
}

func TestBulletinErrors(t *testing.T) {
	plan := reporting.PlanLuodong2019()
	asOf := eligibility.MustParseDate("2019-10-31")
	bad := plan
	bad.Milestones = []reporting.Milestone{plan.Milestones[1], plan.Milestones[0]}
	tests := []struct {
		name string
		in   reporting.BulletinInput
		want error
	}{
		{"no date", reporting.BulletinInput{Plan: plan}, reporting.ErrBulletinInput},
		{"bad plan", reporting.BulletinInput{AsOf: asOf, Plan: bad}, reporting.ErrPlan},
		{"no start", reporting.BulletinInput{AsOf: asOf, Plan: reporting.Plan{}}, reporting.ErrPlan},
		{"duplicate", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Name: "甲", Task: 1}, {Name: "甲", Task: 2}}}, reporting.ErrBulletinInput},
		{"empty name", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Task: 1}}}, reporting.ErrBulletinInput},
		{"negative task", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Name: "甲", Task: -1}}}, reporting.ErrBulletinInput},
		{"negative enrolled", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Name: "甲", Enrolled: -1}}}, reporting.ErrBulletinInput},
		{"targets count", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Name: "甲", Task: 5, Targets: []int64{4}}}}, reporting.ErrBulletinInput},
		{"targets go down", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Name: "甲", Task: 5, Targets: []int64{4, 3}}}}, reporting.ErrBulletinInput},
		{"negative town task", reporting.BulletinInput{AsOf: asOf, Plan: plan, TownTask: -5}, reporting.ErrBulletinInput},
		{"overflow", reporting.BulletinInput{AsOf: asOf, Plan: plan, Units: []reporting.Progress{{Name: "甲", Task: 1 << 62}, {Name: "乙", Task: 1 << 62}}}, table.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reporting.NewBulletin(tt.in)
			var be *reporting.BulletinError
			if !errors.Is(err, tt.want) || !errors.As(err, &be) {
				t.Errorf("NewBulletin error = %v, want *BulletinError wrapping %v", err, tt.want)
			}
		})
	}
	if err := reporting.PlanLuodong2019().Validate(); err != nil {
		t.Errorf("PlanLuodong2019().Validate() = %v", err)
	}
	if err := reporting.PlanShiyan2023().Validate(); err != nil {
		t.Errorf("PlanShiyan2023().Validate() = %v", err)
	}
	overlap := reporting.PlanShiyan2023()
	overlap.Phases[1].From = overlap.Phases[0].To
	if err := overlap.Validate(); !errors.Is(err, reporting.ErrPlan) {
		t.Errorf("overlapping phases: Validate() = %v, want ErrPlan", err)
	}
	down := reporting.PlanLuodong2019()
	down.Milestones[1].Share = allocation.MustParseRate("50%")
	if err := down.Validate(); !errors.Is(err, reporting.ErrPlan) {
		t.Errorf("share going down: Validate() = %v, want ErrPlan", err)
	}
}

// tblLuodongBulletin is a month-end bulletin for the 14 villages of 罗东:
// tasks from the published 应扩面人数 column with the 2019年任务数 as the
// 2019-12-31 targets, and enrolled figures made up for the test.
func tblLuodongBulletin(t testing.TB) reporting.BulletinInput {
	t.Helper()
	d := tblReadLuodong(t)
	done := []int64{812, 431, 590, 901, 1455, 402, 300, 380, 150, 315, 203, 520, 4, 12}
	in := reporting.BulletinInput{
		Title:       "罗东镇全民参保扩面工作进度通报（2019年11月）",
		Town:        "罗东镇",
		AsOf:        eligibility.MustParseDate("2019-11-30"),
		Plan:        reporting.PlanLuodong2019(),
		TownTask:    d.totals[3],
		TownTargets: []int64{d.totals[4], d.totals[3]},
	}
	for i, n := range d.names {
		in.Units = append(in.Units, reporting.Progress{Name: n, Task: d.cols[3][i], Enrolled: done[i], Targets: []int64{d.cols[4][i], d.cols[3][i]}})
	}
	return in
}

func TestBulletinOrderIndependent(t *testing.T) {
	in := tblLuodongBulletin(t)
	first, err := reporting.NewBulletin(in)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := first.Render(&want, table.FormatText, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	for k := 1; k < len(in.Units); k += 3 {
		rot := in
		rot.Units = append(append([]reporting.Progress(nil), in.Units[k:]...), in.Units[:k]...)
		b, err := reporting.NewBulletin(rot)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tblRows(first), tblRows(b)); diff != "" {
			t.Fatalf("rotation %d changed the rows (-want +got):\n%s", k, diff)
		}
		var got bytes.Buffer
		if err := b.Render(&got, table.FormatText, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Fatalf("rotation %d rendered different bytes", k)
		}
	}
}

func TestBulletinGolden(t *testing.T) {
	lb, err := reporting.NewBulletin(tblLuodongBulletin(t))
	if err != nil {
		t.Fatal(err)
	}
	sb, err := reporting.NewBulletin(reporting.BulletinInput{
		Title: "石堰镇基本养老保险参保扩面工作通报（2023年6月）",
		Town:  "石堰镇",
		AsOf:  eligibility.MustParseDate("2023-06-30"),
		Plan:  reporting.PlanShiyan2023(),
		Units: []reporting.Progress{
			{Name: "石堰社区", Task: 180, Enrolled: 131},
			{Name: "大坪村", Task: 95, Enrolled: 40},
			{Name: "新桥村", Task: 120, Enrolled: 66},
			{Name: "第2组", Task: 10, Enrolled: 10},
			{Name: "第10组", Task: 10, Enrolled: 10},
			{Name: "桂花村", Task: 0, Enrolled: 2},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct {
		name string
		b    reporting.Bulletin
	}{{"luodong-2019-11", lb}, {"shiyan-2023-06", sb}} {
		for _, f := range []struct {
			f   table.Format
			ext string
		}{{table.FormatText, "txt"}, {table.FormatCSV, "csv"}, {table.FormatMarkdown, "md"}, {table.FormatHTML, "html"}} {
			t.Run(b.name+"."+f.ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := b.b.Render(&buf, f.f, table.RenderOptions{}); err != nil {
					t.Fatal(err)
				}
				tblGolden(t, "bulletin/"+b.name+"."+f.ext, buf.Bytes())
			})
		}
	}
}
