package reporting_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

func revBulletin(t *testing.T, asOf string, policy routing.Policy, units ...reporting.Progress) reporting.Bulletin {
	t.Helper()
	b, err := reporting.NewBulletin(reporting.BulletinInput{Title: "通报", Town: "石堰镇", AsOf: eligibility.MustParseDate(asOf), Policy: policy, Units: units})
	if err != nil {
		t.Fatalf("NewBulletin(%s): %v", asOf, err)
	}
	return b
}

// TestReviewBulletinRates checks completion rates to two places, half up,
// computed exactly.
func TestReviewBulletinRates(t *testing.T) {
	tests := []struct {
		task, enrolled int64
		want           string
	}{
		{842, 673, "79.93"},
		{3, 2, "66.67"},
		{8, 1, "12.50"},
		{800, 1, "0.13"},  // 0.125 exactly: half up
		{1600, 1, "0.06"}, // 0.0625
		{200000, 1, "0.00"},
		{7, 5, "71.43"},
		{10, 20, "200.00"},
		{1, 0, "0.00"},
		{1<<62 - 1, 1<<62 - 2, "100.00"},
	}
	for _, tt := range tests {
		b := revBulletin(t, "2023-06-30", routing.Shiyan2023(), reporting.Progress{Name: "石堰村", Task: tt.task, Enrolled: tt.enrolled})
		if got := b.Rows[0].Rate.StringFixed(reporting.RateScale); got != tt.want || !b.Rows[0].HasRate {
			t.Errorf("rate of %d/%d = %s, want %s", tt.enrolled, tt.task, got, tt.want)
		}
	}
}

// TestReviewBulletinRanks checks shared ranks (1, 2, 2, 4), units without a
// task at rank 0, and output independent of the order of the units.
func TestReviewBulletinRanks(t *testing.T) {
	units := []reporting.Progress{
		{Name: "桃花村", Task: 100, Enrolled: 50},
		{Name: "石堰村", Task: 100, Enrolled: 90},
		{Name: "大堰村", Task: 200, Enrolled: 100},
		{Name: "柏林村", Task: 10, Enrolled: 1},
		{Name: "新华村", Task: 0, Enrolled: 3},
	}
	b := revBulletin(t, "2023-06-30", routing.Shiyan2023(), units...)
	type nr struct {
		Name string
		Rank int
	}
	var got []nr
	for _, r := range b.Rows {
		got = append(got, nr{r.Name, r.Rank})
	}
	want := []nr{{"石堰村", 1}, {"大堰村", 2}, {"桃花村", 2}, {"柏林村", 4}, {"新华村", 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranks mismatch (-want +got):\n%s", diff)
	}
	render := func(b reporting.Bulletin) []byte {
		var out bytes.Buffer
		for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
			if err := b.Render(&out, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		return out.Bytes()
	}
	first := render(b)
	rev := slices.Clone(units)
	slices.Reverse(rev)
	if !bytes.Equal(first, render(revBulletin(t, "2023-06-30", routing.Shiyan2023(), rev...))) {
		t.Errorf("the bulletin depends on the order of the units")
	}
}

// TestReviewBulletinBoundaries checks 石堰's phase boundaries (03-15/03-16,
// 09-30/10-01) and the milestone days of both plans: the milestone is
// current on its own day and the next one the day after.
func TestReviewBulletinBoundaries(t *testing.T) {
	type state struct {
		Phase     string
		Milestone int
		Status    reporting.ProgressStatus
	}
	type phase struct {
		Phase     string
		Milestone int
	}
	shiyan := []struct {
		asOf string
		want phase
	}{
		{"2023-03-15", phase{"动员部署阶段", 0}},
		{"2023-03-16", phase{"重点攻坚阶段", 0}},
		{"2023-09-30", phase{"重点攻坚阶段", 0}},
		{"2023-10-01", phase{"巩固提升阶段", 1}},
		{"2023-12-31", phase{"巩固提升阶段", 1}},
		{"2024-01-01", phase{"", 1}},
	}
	for _, tt := range shiyan {
		b := revBulletin(t, tt.asOf, routing.Shiyan2023(), reporting.Progress{Name: "石堰村", Task: 100, Enrolled: 50})
		got := phase{"", b.Milestone}
		if b.InPhase {
			got.Phase = b.Phase.Name
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("石堰 on %s mismatch (-want +got):\n%s", tt.asOf, diff)
		}
	}
	luodong := []struct {
		asOf     string
		enrolled int64
		want     state
	}{
		{"2019-12-30", 80, state{"", 0, reporting.StatusAhead}},   // 80 % met before the day
		{"2019-12-31", 80, state{"", 0, reporting.StatusOnTrack}}, // met on the day
		{"2019-12-31", 79, state{"", 0, reporting.StatusBehind}},  // missed on the day
		{"2020-01-01", 80, state{"", 1, reporting.StatusOnTrack}}, // the 2020 pace rises at the month end, not the day after
		{"2020-01-31", 80, state{"", 1, reporting.StatusBehind}},  // 80 + ⌈20·1/12⌉ = 82
		{"2020-01-31", 82, state{"", 1, reporting.StatusOnTrack}},
		{"2020-12-31", 100, state{"", 1, reporting.StatusDone}},
	}
	for _, tt := range luodong {
		b := revBulletin(t, tt.asOf, routing.Luodong2019(), reporting.Progress{Name: "潭溪村", Task: 100, Enrolled: tt.enrolled})
		got := state{"", b.Milestone, b.Rows[0].Status}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("罗东 on %s with %d enrolled mismatch (-want +got):\n%s", tt.asOf, tt.enrolled, diff)
		}
	}
}

// TestReviewBulletinOutsidePlan checks that a bulletin dated before the
// plan starts or after its last milestone says so.
func TestReviewBulletinOutsidePlan(t *testing.T) {
	tests := []struct{ asOf, want string }{
		{"2022-12-01", "尚未开始"},
		{"2023-03-15", "尚未开始"}, // the baseline itself: nothing is due yet
		{"2024-01-15", "均已到期"},
	}
	for _, tt := range tests {
		b := revBulletin(t, tt.asOf, routing.Shiyan2023(), reporting.Progress{Name: "石堰村", Task: 100, Enrolled: 50})
		for _, f := range []table.Format{table.FormatText, table.FormatMarkdown, table.FormatHTML} {
			var out strings.Builder
			if err := b.Render(&out, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("%v bulletin on %s does not say %q", f, tt.asOf, tt.want)
			}
		}
	}
}
