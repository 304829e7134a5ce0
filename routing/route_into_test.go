package routing_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// riResident builds a resident from fuzzed or random facts (any enum value,
// out-of-range ones included).
func riResident(y, m, day int, gender, emp, platform, scheme, status, loc uint8, flags uint32, contact uint8, local bool, tierCents int64) eligibility.Resident {
	birth, err := eligibility.NewDate(y, time.Month(m), day)
	if err != nil {
		birth = eligibility.Date{}
	}
	return eligibility.Resident{
		Gender:       eligibility.Gender(gender % 4),
		Birth:        birth,
		Hukou:        eligibility.Hukou{Local: local, Village: "石堰村"},
		Employment:   eligibility.Employment{Kind: eligibility.EmploymentKind(emp % 12), Platform: eligibility.PlatformKind(platform % 8)},
		Insurance:    eligibility.Insurance{Scheme: eligibility.Scheme(scheme % 8), Status: eligibility.InsuranceStatus(status % 6), Location: eligibility.InsuranceLocation(loc % 6)},
		ResidentTier: decimal.New(tierCents, -2),
		Flags:        eligibility.Flags(flags),
		Contact:      eligibility.ContactStatus(contact % 6),
	}
}

// riRandom draws a resident: varied enough that successive decisions
// differ in every field (groups, reasons, fallback, subsidies, phase…).
func riRandom(rng *rand.Rand) eligibility.Resident {
	return riResident(1935+rng.IntN(95), 1+rng.IntN(12), 1+rng.IntN(28),
		uint8(rng.IntN(4)), uint8(rng.IntN(12)), uint8(rng.IntN(8)), uint8(rng.IntN(8)), uint8(rng.IntN(6)), uint8(rng.IntN(6)),
		rng.Uint32()&0x3FFF, uint8(rng.IntN(6)), rng.IntN(4) > 0, int64(rng.IntN(5))*50000)
}

type riCase struct {
	name string
	rt   *routing.Router
	from eligibility.Date
	days int
}

func riCases() []riCase {
	return []riCase{
		{"石堰府发〔2023〕10号", routing.MustCompile(routing.Shiyan2023()), d("2022-12-25"), 380},
		{"罗政〔2019〕185号", routing.MustCompile(routing.Luodong2019()), d("2019-07-10"), 540},
	}
}

// decisionEq compares two decisions field by field, unexported fields
// (reasons, the router) included.
func decisionEq(a, b routing.Decision) bool { return a == b }

// RouteInto into one reused Decision gives, for every resident in turn,
// exactly what Route gives (the zero Decision and the same error when it
// fails), whatever the Decision held before.
func TestRouteIntoReusedEqualsRoute(t *testing.T) {
	for _, c := range riCases() {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, uint64(len(c.name))))
			var reused routing.Decision
			var ok, failed int
			for i := range 5000 {
				r := riRandom(rng)
				asOf := c.from.AddDays(rng.IntN(c.days))
				before := r
				want, wantErr := c.rt.Route(r, asOf)
				gotErr := c.rt.RouteInto(&reused, &r, asOf)
				if r != before {
					t.Fatalf("resident %d: RouteInto changed the resident", i)
				}
				if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
					t.Fatalf("resident %d: RouteInto error %v, Route error %v", i, gotErr, wantErr)
				}
				if !decisionEq(want, reused) {
					t.Fatalf("resident %d: RouteInto into a reused decision differs from Route:\n%s",
						i, cmp.Diff(want.String(), reused.String()))
				}
				if wantErr != nil {
					failed++
				} else {
					ok++
				}
			}
			if ok < 1000 || failed < 10 {
				t.Errorf("%d decided and %d refused residents: the test does not cover both", ok, failed)
			}
		})
	}
}

// The decisions of the test above differ from one another in every field
// that clearing must reset; this lists those fields, so that a field added
// to Decision without being cleared by RouteInto is noticed here.
func TestDecisionFieldsCleared(t *testing.T) {
	want := []string{"AsOf", "Age", "Gender", "Band", "Line", "Retirement", "MinContributionMonths", "Threshold",
		"Outcome", "Channel", "Venue", "Fallback", "Subsidies", "Actions", "Groups", "Phase", "Classification",
		"rt", "n", "dropped", "reasons"}
	var got []string
	typ := reflect.TypeFor[routing.Decision]()
	for i := range typ.NumField() {
		got = append(got, typ.Field(i).Name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decision fields changed: update Decision.clearHead and this list (-want +got):\n%s", diff)
	}
	// Every field that clearing must reset is set by some decision.
	rt := routing.MustCompile(routing.Shiyan2023())
	rng := rand.New(rand.NewPCG(8, 9))
	var seen [7]bool
	for range 5000 {
		r := riRandom(rng)
		dec, err := rt.Route(r, d("2023-01-01").AddDays(rng.IntN(360)))
		if err != nil {
			continue
		}
		for k, set := range []bool{dec.Line != 0 || !dec.Retirement.IsZero(), !dec.Fallback.IsZero(), dec.Subsidies != 0,
			dec.Actions != 0, dec.Groups != 0, dec.Phase != "", dec.Venue != 0} {
			seen[k] = seen[k] || set
		}
	}
	for k, s := range seen {
		if !s {
			t.Errorf("no decision sets field #%d: the reuse test does not cover it", k)
		}
	}
}

func TestRouteIntoDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	r := man("1978-06-01", eligibility.PlatformWorker)
	r.Flags = eligibility.FlagCollegeGraduate | eligibility.FlagVillageCadre
	r.Contact = eligibility.ContactNotFound
	asOf := d("2023-06-01")
	var dec routing.Decision
	if n := testing.AllocsPerRun(100, func() {
		if err := rt.RouteInto(&dec, &r, asOf); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Router.RouteInto allocates %v times per call, want 0", n)
	}
}

// FuzzRouteInto checks that RouteInto into a Decision that held another
// resident's decision gives exactly what Route gives.
func FuzzRouteInto(f *testing.F) {
	f.Add(1974, 8, 2, uint8(1), uint8(6), uint8(0), uint8(0), uint8(0), uint8(0), uint32(0), uint8(0), true, int64(0), 10, uint64(1))
	f.Add(1963, 6, 1, uint8(2), uint8(6), uint8(0), uint8(0), uint8(0), uint8(0), uint32(1), uint8(2), true, int64(100001), 300, uint64(2))
	f.Add(2030, 3, 3, uint8(0), uint8(4), uint8(2), uint8(1), uint8(2), uint8(3), uint32(1<<10), uint8(3), false, int64(5), 0, uint64(3))
	cases := riCases()
	f.Fuzz(func(t *testing.T, y, m, day int, gender, emp, platform, scheme, status, loc uint8, flags uint32, contact uint8, local bool, tierCents int64, offset int, seed uint64) {
		r := riResident(y, m, day, gender, emp, platform, scheme, status, loc, flags, contact, local, tierCents)
		if offset < 0 {
			offset = -offset
		}
		rng := rand.New(rand.NewPCG(seed, 0))
		for _, c := range cases {
			asOf := c.from.AddDays(offset % c.days)
			var dec routing.Decision
			for { // fill dec with other decisions first
				other := riRandom(rng)
				_ = c.rt.RouteInto(&dec, &other, c.from.AddDays(rng.IntN(c.days)))
				if rng.IntN(8) == 0 {
					break
				}
			}
			want, wantErr := c.rt.Route(r, asOf)
			gotErr := c.rt.RouteInto(&dec, &r, asOf)
			if (wantErr == nil) != (gotErr == nil) || !decisionEq(want, dec) {
				t.Fatalf("%s: RouteInto (error %v) differs from Route (error %v):\n%s", c.name, gotErr, wantErr, cmp.Diff(want.String(), dec.String()))
			}
		}
	})
}

// BenchmarkRouteInto is BenchmarkRoute with one reused Decision.
// Target: ≤ 400 ns/op, 0 allocs/op.
func BenchmarkRouteInto(b *testing.B) {
	rt := routing.MustCompile(routing.Shiyan2023())
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("110105198503140021"),
		Hukou:      eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
		Flags:      eligibility.FlagCollegeGraduate,
		Contact:    eligibility.ContactNotFound,
	}
	asOf := eligibility.MustParseDate("2023-06-01")
	var dec routing.Decision
	b.ReportAllocs()
	for b.Loop() {
		if err := rt.RouteInto(&dec, &r, asOf); err != nil || dec.Outcome != routing.OutcomeEmployee {
			b.Fatal(dec, err)
		}
	}
}

// A loop over many residents routes each into one reused Decision.
func ExampleRouter_RouteInto() {
	rt := routing.MustCompile(routing.Luodong2019())
	asOf := eligibility.MustParseDate("2019-08-01")
	residents := []eligibility.Resident{
		{Gender: eligibility.Male, Birth: eligibility.MustParseDate("1974-08-02"), Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
		{Gender: eligibility.Female, Birth: eligibility.MustParseDate("1968-03-15"), Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
		{Gender: eligibility.Male, Birth: eligibility.MustParseDate("2020-01-01")},
	}
	var d routing.Decision
	for i := range residents {
		if err := rt.RouteInto(&d, &residents[i], asOf); err != nil {
			fmt.Println("refused:", errors.Is(err, routing.ErrBornAfterAsOf))
			continue
		}
		fmt.Println(d.Age, d.Band, d.Outcome)
	}
	// Output:
	// 44 younger employee
	// 51 older resident
	// refused: true
}
