package routing_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

// loadTown reads the third town's plan, written only as JSON: its own
// groups, age lines (50/45, bands that meet exactly), milestones (an aim of
// 60 % by 06-30, the task by 12-31) and bulletin clause.
func loadTown(t testing.TB) routing.Policy {
	t.Helper()
	f, err := os.Open("testdata/towns/qingshan-2025.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := routing.LoadPolicy(f)
	if err != nil {
		t.Fatalf("LoadPolicy: %v", err)
	}
	return p
}

func TestThirdTownLoadsValidatesAndRoutes(t *testing.T) {
	p := loadTown(t)
	for _, f := range routing.Validate(p) {
		if f.Severity != routing.SeverityInfo {
			t.Errorf("unexpected finding: %v", f)
		}
	}
	rt, err := routing.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	asOf := eligibility.MustParseDate("2025-05-15")
	born := eligibility.MustParseDate
	type want struct {
		Outcome  routing.Outcome
		Channel  routing.Channel
		Venue    routing.Venue
		Fallback routing.Outcome
		Groups   string
	}
	tests := []struct {
		name string
		r    eligibility.Resident
		want want
	}{
		{"returning entrepreneur, 35", eligibility.Resident{Gender: eligibility.Male, Birth: born("1990-01-01"),
			Employment: eligibility.Employment{Kind: eligibility.SelfEmployedBusiness}},
			want{routing.OutcomeEmployee, routing.ChannelFlexible, routing.VenueCityCentre, routing.OutcomeResident, "returning_entrepreneur"}},
		{"woman of 47, not employed: older band", eligibility.Resident{Gender: eligibility.Female, Birth: born("1978-03-01"),
			Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
			want{routing.OutcomeResident, routing.ChannelSelfPay, routing.VenueVillage, 0, "other_uninsured"}},
		{"woman of 44: younger band", eligibility.Resident{Gender: eligibility.Female, Birth: born("1981-01-01"),
			Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
			want{routing.OutcomeEmployee, routing.ChannelFlexible, routing.VenueCityCentre, routing.OutcomeResident, "other_uninsured"}},
		{"man of exactly 50: older band (及以上)", eligibility.Resident{Gender: eligibility.Male, Birth: born("1975-05-15")},
			want{routing.OutcomeResident, routing.ChannelSelfPay, routing.VenueVillage, 0, "other_uninsured"}},
		{"man one day short of 50: younger band (以下, 不含)", eligibility.Resident{Gender: eligibility.Male, Birth: born("1975-05-16")},
			want{routing.OutcomeEmployee, routing.ChannelFlexible, routing.VenueCityCentre, routing.OutcomeResident, "other_uninsured"}},
		{"低保 man of 30 (flag by its Chinese label in the JSON)", eligibility.Resident{Gender: eligibility.Male, Birth: born("1995-01-01"),
			Flags: eligibility.FlagMinimumLiving},
			want{routing.OutcomeResident, routing.ChannelProxyPay, routing.VenueVillage, 0, "hardship"}},
		{"platform worker of 30: gig worker below retirement", eligibility.Resident{Gender: eligibility.Male, Birth: born("1995-01-01"),
			Employment: eligibility.Employment{Kind: eligibility.PlatformWorker}},
			want{routing.OutcomeEmployee, routing.ChannelFlexible, routing.VenueCityCentre, routing.OutcomeResident, "gig_worker"}},
		{"platform worker, woman of 52, past retirement at 50: not a gig worker", eligibility.Resident{Gender: eligibility.Female, Birth: born("1973-01-10"),
			Employment: eligibility.Employment{Kind: eligibility.PlatformWorker}},
			want{routing.OutcomeResident, routing.ChannelSelfPay, routing.VenueVillage, 0, "other_uninsured"}},
		{"70, uninsured: not this year's target", eligibility.Resident{Gender: eligibility.Male, Birth: born("1955-01-01")},
			want{Outcome: routing.OutcomeNotEligible}},
		{"insured employee: covered", eligibility.Resident{Gender: eligibility.Male, Birth: born("1990-01-01"),
			Insurance: eligibility.Insurance{Scheme: eligibility.SchemeEmployee, Status: eligibility.StatusActive}},
			want{Outcome: routing.OutcomeCovered}},
	}
	rb := rt.Rulebook()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := rt.Route(tt.r, asOf)
			if err != nil {
				t.Fatal(err)
			}
			got := want{d.Outcome, d.Channel, d.Venue, d.Fallback.Outcome, rb.Keys(d.Groups)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Route mismatch (-want +got):\n%s\n%s", diff, d.Explain(language.Chinese))
			}
		})
	}
}

// The third town's file round-trips through EncodePolicy byte for byte after
// its first encoding, and its timetable drives the pace.
func TestThirdTownEncodeAndPace(t *testing.T) {
	p := loadTown(t)
	var a, b bytes.Buffer
	if err := routing.EncodePolicy(&a, p); err != nil {
		t.Fatal(err)
	}
	q, err := routing.LoadPolicy(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := routing.EncodePolicy(&b, q); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatalf("EncodePolicy(LoadPolicy(EncodePolicy(p))) differs")
	}
	req, err := p.Requirements(845)
	if err != nil {
		t.Fatal(err)
	}
	// 60 % of 845 is 507 exactly; 100 % is 845.
	if diff := cmp.Diff([]int64{507, 845}, req); diff != "" {
		t.Errorf("Requirements (-want +got):\n%s", diff)
	}
	// Baseline 2025-01-31; checkpoints to 06-30 are the five month ends
	// 02-28 … 06-30, then 07-31 … 12-31 (six).
	for _, c := range []struct {
		on   string
		want int64
	}{
		{"2025-01-31", 0},
		{"2025-02-27", 0},
		{"2025-02-28", 102},      // ⌈507 × 1/5⌉
		{"2025-03-15", 102},      // between checkpoints: the last one passed
		{"2025-05-31", 406},      // ⌈507 × 4/5⌉ = ⌈405.6⌉
		{"2025-06-30", 507},      // the aim's own day
		{"2025-07-31", 507 + 57}, // ⌈338 × 1/6⌉ = 57
		{"2025-12-31", 845},      // the requirement
		{"2026-03-01", 845},      // after the last milestone
	} {
		got, err := p.Pace(req, eligibility.MustParseDate(c.on))
		if err != nil || got != c.want {
			t.Errorf("Pace on %s = %d, %v; want %d", c.on, got, err, c.want)
		}
	}
	if i := p.MilestoneOn(eligibility.MustParseDate("2025-07-01")); i != 1 || !p.Milestones[0].Aim {
		t.Errorf("MilestoneOn(07-01) = %d (aim %v); want 1 after the aim of 06-30", i, p.Milestones[0].Aim)
	}
}
