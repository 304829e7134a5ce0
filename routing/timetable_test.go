package routing_test

import (
	"errors"
	"math"
	"math/big"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/google/go-cmp/cmp"
)

func TestRequirements(t *testing.T) {
	lu := routing.Luodong2019()
	sy := routing.Shiyan2023()
	tests := []struct {
		name string
		p    *routing.Policy
		task int64
		want []int64
	}{
		// 80 % of 9777 is 7821.6: "80%以上" asks for at least that, so 7822,
		// the 罗东 table's 2019 total.
		{"罗东 town", &lu, 9777, []int64{7822, 9777}},
		{"罗东 荆坑村", &lu, 393, []int64{315, 393}}, // 314.4 → 315
		{"罗东 one person", &lu, 1, []int64{1, 1}},
		{"罗东 no task", &lu, 0, []int64{0, 0}},
		{"石堰 two 100 % milestones", &sy, 1234, []int64{1234, 1234}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Requirements(tt.task)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Requirements(%d) mismatch (-want +got):\n%s", tt.task, diff)
			}
		})
	}
	// Exact for any task: ⌈task × 80 ÷ 100⌉ by big integers.
	for _, task := range []int64{math.MaxInt64, math.MaxInt64 - 1, 1 << 62, 999_999_999_999_999_999, 5, 24} {
		got, err := lu.Requirements(task)
		if err != nil {
			t.Fatal(err)
		}
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(task), big.NewInt(80)), big.NewInt(100), new(big.Int))
		if r.Sign() != 0 {
			q.Add(q, big.NewInt(1))
		}
		if got[0] != q.Int64() || got[1] != task {
			t.Errorf("Requirements(%d) = %v, want [%s %d]", task, got, q, task)
		}
	}
	if _, err := lu.Requirements(-1); !errors.Is(err, routing.ErrTask) {
		t.Errorf("Requirements(-1) error = %v, want ErrTask", err)
	}
	none := routing.Policy{}
	if got, err := none.Requirements(100); err != nil || len(got) != 0 {
		t.Errorf("Requirements without milestones = %v, %v", got, err)
	}
}

func TestPaceLuodong(t *testing.T) {
	p := routing.Luodong2019()
	req, err := p.Requirements(9777)
	if err != nil {
		t.Fatal(err)
	}
	// From the baseline 2019-07-18 to 7822 by 2019-12-31: six checkpoints,
	// 07-31 … 12-31; then 1955 more by 2020-12-31 over twelve, 2020-01-31 … 12-31.
	tests := []struct {
		date string
		want int64
	}{
		{"2019-01-01", 0},
		{"2019-07-17", 0},
		{"2019-07-18", 0}, // the baseline: nothing is due yet
		{"2019-07-19", 0},
		{"2019-07-30", 0},
		{"2019-07-31", 1304}, // ⌈7822 × 1/6⌉ = ⌈1303.67⌉
		{"2019-08-01", 1304},
		{"2019-08-30", 1304},
		{"2019-08-31", 2608}, // ⌈2607.33⌉
		{"2019-09-29", 2608},
		{"2019-09-30", 3911}, // ⌈7822 × 3/6⌉, exactly half
		{"2019-10-31", 5215}, // ⌈5214.67⌉
		{"2019-11-30", 6519}, // ⌈6518.33⌉
		{"2019-12-30", 6519},
		{"2019-12-31", 7822}, // the first milestone's day: its requirement
		{"2020-01-01", 7822},
		{"2020-01-30", 7822},
		{"2020-01-31", 7985}, // 7822 + ⌈1955/12⌉ = 7822 + ⌈162.92⌉
		{"2020-02-29", 8148}, // 7822 + ⌈325.83⌉
		{"2020-06-30", 8800}, // 7822 + ⌈977.5⌉
		{"2020-12-30", 9615}, // 7822 + ⌈1955 × 11/12⌉ = 7822 + ⌈1792.08⌉
		{"2020-12-31", 9777}, // the last milestone's day
		{"2021-01-01", 9777}, // after the last milestone: its requirement
		{"2030-06-15", 9777},
	}
	for _, tt := range tests {
		got, err := p.Pace(req, d(tt.date))
		if err != nil || got != tt.want {
			t.Errorf("Pace(%v, %s) = %d, %v; want %d", req, tt.date, got, err, tt.want)
		}
	}
	// The pace for the 2019 task alone, as the brief of the bulletin states it.
	if got, err := p.Pace([]int64{7822, 9777}, d("2019-09-30")); err != nil || got != 3911 {
		t.Errorf("Pace on 2019-09-30 = %d, %v; want 3911", got, err)
	}
}

// TestPaceShiyan: 石堰 asks for 100 % by 09-30 (力争) and 100 % by 12-31
// (一(三)); the pace runs from the end of 动员部署, 2023-03-15.
func TestPaceShiyan(t *testing.T) {
	p := routing.Shiyan2023()
	if !p.Milestones[0].Aim || p.Milestones[1].Aim {
		t.Errorf("milestones aim = %v, %v; want the 09-30 one only (力争)", p.Milestones[0].Aim, p.Milestones[1].Aim)
	}
	if p.BaselineDate() != d("2023-03-15") {
		t.Errorf("BaselineDate() = %s", p.BaselineDate())
	}
	req, err := p.Requirements(100)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		date string
		want int64
	}{
		{"2023-01-01", 0}, // 动员部署: before the baseline
		{"2023-03-15", 0},
		{"2023-03-16", 0},
		{"2023-03-31", 15}, // seven checkpoints 03-31 … 09-30: ⌈100/7⌉
		{"2023-04-30", 29}, // ⌈28.57⌉
		{"2023-06-30", 58}, // ⌈57.14⌉
		{"2023-08-31", 86}, // ⌈85.71⌉
		{"2023-09-29", 86},
		{"2023-09-30", 100},
		{"2023-10-31", 100}, // nothing more to rise to
		{"2023-12-31", 100},
		{"2024-03-01", 100},
	}
	for _, tt := range tests {
		got, err := p.Pace(req, d(tt.date))
		if err != nil || got != tt.want {
			t.Errorf("Pace(%v, %s) = %d, %v; want %d", req, tt.date, got, err, tt.want)
		}
	}
}

// TestPaceStepsAtMonthEnds walks every day of both presets' campaigns and
// checks the pace against a day-by-day count of the checkpoints: it stays
// flat between month ends, never goes down, and reaches each milestone's
// requirement on its day.
func TestPaceStepsAtMonthEnds(t *testing.T) {
	for _, tc := range []struct {
		p    routing.Policy
		task int64
	}{{routing.Luodong2019(), 9777}, {routing.Luodong2019(), 7}, {routing.Shiyan2023(), 431}, {routing.Shiyan2023(), 0}} {
		p := tc.p
		req, err := p.Requirements(tc.task)
		if err != nil {
			t.Fatal(err)
		}
		last := p.Milestones[len(p.Milestones)-1].By
		prev := int64(0)
		for day := p.BaselineDate().AddDays(-3); !day.After(last.AddDays(40)); day = day.AddDays(1) {
			got, err := p.Pace(req, day)
			if err != nil {
				t.Fatal(err)
			}
			want := paceByDays(p, req, day)
			if got != want {
				t.Fatalf("%s task %d: Pace on %s = %d, want %d", p.ID, tc.task, day, got, want)
			}
			monthEnd := day.AddDays(1).Day() == 1
			if got != prev && !monthEnd {
				t.Fatalf("%s task %d: pace changes on %s (%d → %d), not a month end", p.ID, tc.task, day, prev, got)
			}
			if got < prev {
				t.Fatalf("%s task %d: pace goes down on %s (%d → %d)", p.ID, tc.task, day, prev, got)
			}
			for k, m := range p.Milestones {
				if day == m.By && got != req[k] {
					t.Fatalf("%s task %d: pace on milestone day %s = %d, want %d", p.ID, tc.task, day, got, req[k])
				}
			}
			prev = got
		}
		if prev != req[len(req)-1] {
			t.Errorf("%s task %d: pace after the last milestone = %d, want %d", p.ID, tc.task, prev, req[len(req)-1])
		}
	}
}

// paceByDays is the pace counted day by day: in the segment from the
// previous milestone (or the baseline, requiring 0) to the next one, the
// checkpoints are the month ends after the segment's start and the
// milestone's day; the pace is the previous requirement plus the rise times
// the share of checkpoints passed, rounded up.
func paceByDays(p routing.Policy, req []int64, day eligibility.Date) int64 {
	from, base := p.BaselineDate(), int64(0)
	if !day.After(from) {
		return 0
	}
	for k, m := range p.Milestones {
		if day.After(m.By) {
			from, base = m.By, req[k]
			continue
		}
		var n, passed int64
		for x := from.AddDays(1); !x.After(m.By); x = x.AddDays(1) {
			if x == m.By || x.AddDays(1).Day() == 1 {
				n++
				if !x.After(day) {
					passed++
				}
			}
		}
		rise := req[k] - base
		return base + (rise*passed+n-1)/n
	}
	return base
}

func TestPaceErrors(t *testing.T) {
	p := routing.Luodong2019()
	if _, err := p.Pace([]int64{7822}, d("2019-09-30")); err == nil {
		t.Error("Pace with one requirement for two milestones: no error")
	}
	if _, err := p.Pace([]int64{-1, 9777}, d("2019-09-30")); !errors.Is(err, routing.ErrTask) {
		t.Errorf("Pace with a negative requirement: %v, want ErrTask", err)
	}
	// A plan may state requirements that do not follow one percentage: the
	// pace never falls below what an earlier milestone required.
	if got, err := p.Pace([]int64{100, 60}, d("2020-06-30")); err != nil || got != 100 {
		t.Errorf("Pace with a falling requirement = %d, %v; want 100", got, err)
	}
	// Without a baseline the pace starts from the effective period.
	p.Baseline = eligibility.Date{}
	p.Effective.From = d("2019-06-30")
	if p.BaselineDate() != d("2019-06-30") {
		t.Fatalf("BaselineDate() = %s, want Effective.From", p.BaselineDate())
	}
	// A start on a month end is not a checkpoint: 07-31 … 12-31, six.
	if got, err := p.Pace([]int64{7822, 9777}, d("2019-09-30")); err != nil || got != 3911 {
		t.Errorf("Pace from a month-end start = %d, %v; want 3911", got, err)
	}
	p.Effective.From = d("2019-06-29")
	// A day earlier, 06-30 is a checkpoint too: seven, three passed by 08-31.
	if got, err := p.Pace([]int64{7822, 9777}, d("2019-08-31")); err != nil || got != 3353 {
		t.Errorf("Pace from 06-29 on 08-31 = %d, %v; want ⌈7822 × 3/7⌉ = 3353", got, err)
	}
}

func TestMilestoneAndPhaseOn(t *testing.T) {
	lu := routing.Luodong2019()
	for _, tt := range []struct {
		date string
		want int
	}{{"2019-07-01", 0}, {"2019-08-01", 0}, {"2019-12-31", 0}, {"2020-01-01", 1}, {"2020-12-31", 1}, {"2021-06-01", 1}} {
		if got := lu.MilestoneOn(d(tt.date)); got != tt.want {
			t.Errorf("罗东 MilestoneOn(%s) = %d, want %d", tt.date, got, tt.want)
		}
	}
	if _, ok := lu.PhaseOn(d("2019-08-01")); ok {
		t.Error("罗东 has no phases, but PhaseOn found one")
	}
	none := routing.Policy{}
	if got := none.MilestoneOn(d("2019-08-01")); got != -1 {
		t.Errorf("MilestoneOn without milestones = %d, want -1", got)
	}
	sy := routing.Shiyan2023()
	for _, tt := range []struct {
		date  string
		want  int
		found bool
	}{
		{"2022-12-31", -1, false}, {"2023-01-01", 0, true}, {"2023-03-15", 0, true}, {"2023-03-16", 1, true},
		{"2023-09-30", 1, true}, {"2023-10-01", 2, true}, {"2023-12-31", 2, true}, {"2024-01-01", -1, false},
	} {
		got, ok := sy.PhaseOn(d(tt.date))
		if got != tt.want || ok != tt.found {
			t.Errorf("石堰 PhaseOn(%s) = %d, %v; want %d, %v", tt.date, got, ok, tt.want, tt.found)
		}
	}
	// A decision names the same phase and the same milestone.
	rt := routing.MustCompile(sy)
	for _, date := range []string{"2023-03-15", "2023-03-16", "2023-09-30", "2023-10-01"} {
		dec, err := rt.Route(man("1990-01-01", eligibility.NotEmployed), d(date))
		if err != nil {
			t.Fatal(err)
		}
		i, _ := sy.PhaseOn(d(date))
		m := sy.MilestoneOn(d(date))
		var milestone routing.Citation
		for _, rs := range dec.Reasons() {
			if rs.Kind == routing.ReasonMilestone {
				milestone = rs.Citation
			}
		}
		if dec.Phase != sy.Phases[i].Name || milestone != sy.Milestones[m].Citation {
			t.Errorf("on %s: decision phase %q milestone %s; want %q and %s", date, dec.Phase, milestone, sy.Phases[i].Name, sy.Milestones[m].Citation)
		}
	}
}
