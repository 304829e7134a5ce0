package reporting_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
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
	// 罗政〔2019〕185号: 80 % by 2019-12-31, the pace rising from the
	// baseline 2019-07-18 at six checkpoints (the month ends 07-31 … 11-30
	// and 12-31 itself). On 2019-11-30 five have passed: the pace is
	// ⌈requirement × 5 ÷ 6⌉.
	in := reporting.BulletinInput{
		Title:  "测试通报",
		AsOf:   eligibility.MustParseDate("2019-11-30"),
		Policy: routing.Luodong2019(),
		Units: []reporting.Progress{
			{Name: "振兴村", Task: 842, Enrolled: 710},  // 84.32 %; 80 % of 842 = 673.6 → 674: ahead
			{Name: "罗溪村", Task: 1000, Enrolled: 650}, // pace ⌈800·5/6⌉ = ⌈666.67⌉ = 667: behind by 17
			{Name: "维新村", Task: 1000, Enrolled: 667}, // exactly on the pace: on track
			{Name: "埔心村", Task: 1000, Enrolled: 666}, // one below the pace: behind
			{Name: "新明村", Task: 20000, Enrolled: 1},  // 0.005 % → 0.01 (half up)
			{Name: "新雨亭", Task: 0, Enrolled: 3},      // no task
			{Name: "银河新城", Task: 40, Enrolled: 40},   // done
			{Name: "高塘村", Task: 500, Enrolled: 325},  // 65.00 %, ties with 蔡厝村 and 罗溪村
			{Name: "蔡厝村", Task: 200, Enrolled: 130},  // 65.00 %
		},
	}
	b, err := reporting.NewBulletin(in)
	if err != nil {
		t.Fatal(err)
	}
	got := tblRows(b)
	wantExact := []tblRow{
		// 80 % of 40 = 32; ⌈32·5/6⌉ = ⌈26.67⌉ = 27.
		{"银河新城", 1, "100.00", 0, 32, 0, 27, reporting.StatusDone},
		// ⌈674·5/6⌉ = ⌈561.67⌉ = 562.
		{"振兴村", 2, "84.32", 132, 674, 0, 562, reporting.StatusAhead},
		{"维新村", 3, "66.70", 333, 800, 133, 667, reporting.StatusOnTrack},
		{"埔心村", 4, "66.60", 334, 800, 134, 667, reporting.StatusBehind},
		// 蔡厝村 130/200, 高塘村 325/500 and 罗溪村 650/1000 are all exactly
		// 65 %: one shared rank, in pinyin order (cai, gao, luo).
		// ⌈160·5/6⌉ = ⌈133.33⌉ = 134; ⌈400·5/6⌉ = ⌈333.33⌉ = 334.
		{"蔡厝村", 5, "65.00", 70, 160, 30, 134, reporting.StatusBehind},
		{"高塘村", 5, "65.00", 175, 400, 75, 334, reporting.StatusBehind},
		{"罗溪村", 5, "65.00", 350, 800, 150, 667, reporting.StatusBehind},
		// ⌈16000·5/6⌉ = ⌈13333.33⌉ = 13334.
		{"新明村", 8, "0.01", 19999, 16000, 15999, 13334, reporting.StatusBehind},
		{"新雨亭", 0, "—", 0, 0, 0, 0, reporting.StatusNoTask},
	}
	if diff := cmp.Diff(wantExact, got); diff != "" {
		t.Errorf("NewBulletin rows mismatch (-want +got):\n%s", diff)
	}
	// The town: 24582 task, 3192 done: 12.98511… %; 80 % of 24582 is
	// 19665.6 → 19666, and ⌈19666·5/6⌉ = ⌈16388.33⌉ = 16389.
	tot := b.Total
	if tot.Task != 24582 || tot.Enrolled != 3192 || tot.Rate.StringFixed(2) != "12.99" || tot.Target != 19666 || tot.Pace != 16389 || tot.Status != reporting.StatusBehind {
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
	if r := b.Rows[3]; r.Name != "埔心村" || !strings.Contains(r.Reason, "低于序时进度 667 人，差 1 人") {
		t.Errorf("%s: reason %q does not give the pace and the shortfall", r.Name, r.Reason)
	}
}

// TestBulletinPaceByMonthEnds checks the pace (序时进度) of both presets
// against figures worked out by hand from the month-end rule: between the
// baseline (or a milestone) and the next milestone the requirement rises in
// equal steps at each month end and at the milestone's own date, rounded
// up; between checkpoints it stays at the last one passed.
func TestBulletinPaceByMonthEnds(t *testing.T) {
	tests := []struct {
		name    string
		policy  routing.Policy
		asOf    string
		task    int64
		targets []int64 // stated per milestone, or nil for ⌈task × percent⌉
		want    int64
	}{
		// 罗东: baseline 2019-07-18; 80 % by 2019-12-31 (6 checkpoints:
		// 07-31, 08-31, 09-30, 10-31, 11-30, 12-31); 100 % by 2020-12-31
		// (12 checkpoints: 2020-01-31 … 2020-11-30, 2020-12-31).
		{"罗东 on the baseline", routing.Luodong2019(), "2019-07-18", 1000, nil, 0},
		{"罗东 before the first month end", routing.Luodong2019(), "2019-07-30", 1000, nil, 0},
		{"罗东 first month end", routing.Luodong2019(), "2019-07-31", 1000, nil, 134}, // ⌈800·1/6⌉ = ⌈133.33⌉
		{"罗东 third month end", routing.Luodong2019(), "2019-09-30", 1000, nil, 400}, // 800·3/6
		{"罗东 the day before a month end", routing.Luodong2019(), "2019-10-30", 1000, nil, 400},
		{"罗东 the town on 2019-09-30", routing.Luodong2019(), "2019-09-30", 9777, []int64{7822, 9777}, 3911}, // ⌈7822·3/6⌉; by days it was 3487
		{"罗东 on the milestone", routing.Luodong2019(), "2019-12-31", 1000, nil, 800},
		{"罗东 the day after the milestone", routing.Luodong2019(), "2020-01-01", 1000, nil, 800},
		{"罗东 first month end of 2020", routing.Luodong2019(), "2020-01-31", 1000, nil, 817}, // 800 + ⌈200·1/12⌉ = 800 + ⌈16.67⌉
		{"罗东 leap February", routing.Luodong2019(), "2020-02-29", 1000, nil, 834},           // 800 + ⌈200·2/12⌉ = 800 + ⌈33.33⌉
		{"罗东 third month end of 2020", routing.Luodong2019(), "2020-03-31", 1000, nil, 850}, // 800 + 200·3/12
		{"罗东 after the last milestone", routing.Luodong2019(), "2021-03-31", 1000, nil, 1000},
		// 石堰: baseline 2023-03-15; 100 % (an aim) by 2023-09-30 (7
		// checkpoints: 03-31 … 08-31, 09-30); 100 % by 2023-12-31.
		{"石堰 before the baseline", routing.Shiyan2023(), "2023-02-01", 100, nil, 0},
		{"石堰 on the baseline", routing.Shiyan2023(), "2023-03-15", 100, nil, 0},
		{"石堰 first month end", routing.Shiyan2023(), "2023-03-31", 100, nil, 15}, // ⌈100·1/7⌉ = ⌈14.29⌉
		{"石堰 2023-06-30", routing.Shiyan2023(), "2023-06-30", 100, nil, 58},      // ⌈100·4/7⌉ = ⌈57.14⌉
		{"石堰 2023-07-30", routing.Shiyan2023(), "2023-07-30", 100, nil, 58},
		{"石堰 2023-07-31", routing.Shiyan2023(), "2023-07-31", 100, nil, 72}, // ⌈100·5/7⌉ = ⌈71.43⌉
		{"石堰 after the aim", routing.Shiyan2023(), "2023-10-31", 100, nil, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := reporting.NewBulletin(reporting.BulletinInput{
				AsOf:   eligibility.MustParseDate(tt.asOf),
				Policy: tt.policy,
				Units:  []reporting.Progress{{Name: "村", Task: tt.task, Targets: tt.targets}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Rows[0].Pace; got != tt.want {
				t.Errorf("pace on %s = %d, want %d", tt.asOf, got, tt.want)
			}
			if got := b.Total.Pace; got != tt.want {
				t.Errorf("town pace on %s = %d, want %d", tt.asOf, got, tt.want)
			}
		})
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
			AsOf:   eligibility.MustParseDate("2019-08-01"),
			Policy: routing.Luodong2019(),
			Units:  []reporting.Progress{{Name: "村", Task: tt.task, Enrolled: tt.enrolled}},
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
		// 重点攻坚: 4 of the 7 checkpoints from 03-15 to 09-30 (03-31,
		// 04-30, 05-31, 06-30): ⌈100·4/7⌉ = ⌈57.14⌉ = 58.
		{"2023-06-30", "重点攻坚阶段", 0, 58, []reporting.ProgressStatus{reporting.StatusOnTrack, reporting.StatusBehind}},
		// 巩固提升: the aim of 09-30 is past; 100 % is due by 12-31.
		{"2023-11-15", "巩固提升阶段", 1, 100, []reporting.ProgressStatus{reporting.StatusBehind, reporting.StatusBehind}},
		{"2023-09-30", "重点攻坚阶段", 0, 100, []reporting.ProgressStatus{reporting.StatusBehind, reporting.StatusBehind}},
		{"2024-01-31", "", 1, 100, []reporting.ProgressStatus{reporting.StatusBehind, reporting.StatusBehind}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			b, err := reporting.NewBulletin(reporting.BulletinInput{AsOf: eligibility.MustParseDate(tt.asOf), Policy: routing.Shiyan2023(), Units: units})
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
	b, _ := reporting.NewBulletin(reporting.BulletinInput{AsOf: eligibility.MustParseDate("2023-06-30"), Policy: routing.Shiyan2023(), Units: units})
	if !strings.Contains(b.Rows[1].Reason, "力争完成") || !strings.Contains(b.Rows[1].Reason, "石堰府发〔2023〕10号 四(二)") {
		t.Errorf("reason %q should cite 四(二) and say 力争", b.Rows[1].Reason)
	}
}

func TestBulletinStatedTargets(t *testing.T) {
	// 罗东's published 2019年任务数 is the 2019-12-31 target of each village.
	// From 842 on 2019-12-31 to 1053 on 2020-12-31 the pace rises at 12
	// checkpoints (2020-01-31 … 2020-11-30, 2020-12-31).
	tests := []struct {
		asOf   string
		pace   int64
		status reporting.ProgressStatus
	}{
		{"2020-03-30", 878, reporting.StatusOnTrack}, // 2 passed: 842 + ⌈211·2/12⌉ = 842 + ⌈35.17⌉
		{"2020-03-31", 895, reporting.StatusBehind},  // 3 passed: 842 + ⌈211·3/12⌉ = 842 + ⌈52.75⌉
	}
	for _, tt := range tests {
		b, err := reporting.NewBulletin(reporting.BulletinInput{
			AsOf:        eligibility.MustParseDate(tt.asOf),
			Policy:      routing.Luodong2019(),
			Units:       []reporting.Progress{{Name: "振兴村", Task: 1053, Enrolled: 890, Targets: []int64{842, 1053}}},
			TownTask:    1053,
			TownTargets: []int64{842, 1053},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := b.Rows[0]
		if b.Milestone != 1 || r.Target != 1053 || r.Pace != tt.pace || r.Status != tt.status {
			t.Errorf("%s: row = %+v, milestone %d; want target 1053, pace %d, %v", tt.asOf, r, b.Milestone, tt.pace, tt.status)
		}
	}
}

func TestBulletinErrors(t *testing.T) {
	policy := routing.Luodong2019()
	asOf := eligibility.MustParseDate("2019-10-31")
	reversed := policy.Clone()
	reversed.Milestones = []routing.Milestone{policy.Milestones[1], policy.Milestones[0]}
	down := policy.Clone()
	down.Milestones[1].Percent = 50
	early := policy.Clone()
	early.Baseline = eligibility.MustParseDate("2020-01-01")
	overlap := routing.Shiyan2023()
	overlap.Phases[1].Period.From = overlap.Phases[0].Period.To
	tests := []struct {
		name string
		in   reporting.BulletinInput
		want error
	}{
		{"no date", reporting.BulletinInput{Policy: policy}, reporting.ErrBulletinInput},
		{"milestones out of order", reporting.BulletinInput{AsOf: asOf, Policy: reversed}, routing.ErrInvalidPolicy},
		{"percent going down", reporting.BulletinInput{AsOf: asOf, Policy: down}, routing.ErrInvalidPolicy},
		{"milestone before the baseline", reporting.BulletinInput{AsOf: asOf, Policy: early}, routing.ErrInvalidPolicy},
		{"overlapping phases", reporting.BulletinInput{AsOf: asOf, Policy: overlap}, routing.ErrInvalidPolicy},
		{"no policy", reporting.BulletinInput{AsOf: asOf}, routing.ErrInvalidPolicy},
		{"duplicate", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Task: 1}, {Name: "甲", Task: 2}}}, reporting.ErrBulletinInput},
		{"empty name", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Task: 1}}}, reporting.ErrBulletinInput},
		{"negative task", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Task: -1}}}, reporting.ErrBulletinInput},
		{"negative enrolled", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Enrolled: -1}}}, reporting.ErrBulletinInput},
		{"targets count", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Task: 5, Targets: []int64{4}}}}, reporting.ErrBulletinInput},
		{"targets go down", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Task: 5, Targets: []int64{4, 3}}}}, reporting.ErrBulletinInput},
		{"negative town task", reporting.BulletinInput{AsOf: asOf, Policy: policy, TownTask: -5}, reporting.ErrBulletinInput},
		{"town targets count", reporting.BulletinInput{AsOf: asOf, Policy: policy, TownTargets: []int64{1, 2, 3}}, reporting.ErrBulletinInput},
		{"overflow", reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Task: 1 << 62}, {Name: "乙", Task: 1 << 62}}}, table.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reporting.NewBulletin(tt.in)
			var be *reporting.BulletinError
			if !errors.Is(err, tt.want) || !errors.As(err, &be) {
				t.Errorf("NewBulletin error = %v, want *BulletinError wrapping %v", err, tt.want)
			}
			if tt.want == routing.ErrInvalidPolicy {
				// A bad policy is bad input like the rest, and says why.
				var ve *routing.ValidationError
				if !errors.Is(err, reporting.ErrBulletinInput) || !errors.As(err, &ve) || len(ve.Findings) == 0 || be.Field != "Policy" {
					t.Errorf("NewBulletin error = %v, want ErrBulletinInput and a *routing.ValidationError with findings, on field Policy", err)
				}
			}
		})
	}
	// The policy is the caller's: NewBulletin keeps a copy.
	b, err := reporting.NewBulletin(reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{{Name: "甲", Task: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	policy.Milestones[0].Percent = 1
	if b.Policy.Milestones[0].Percent != 80 {
		t.Errorf("changing the caller's policy changed the bulletin's milestone to %d %%", b.Policy.Milestones[0].Percent)
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
		Policy:      routing.Luodong2019(),
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
		Title:  "石堰镇基本养老保险参保扩面工作通报（2023年6月）",
		Town:   "石堰镇",
		AsOf:   eligibility.MustParseDate("2023-06-30"),
		Policy: routing.Shiyan2023(),
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
