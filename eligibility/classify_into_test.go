package eligibility_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

func ciResident(rng *rand.Rand) eligibility.Resident {
	birth, err := eligibility.NewDate(1935+rng.IntN(95), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
	if err != nil {
		panic(err)
	}
	if rng.IntN(20) == 0 {
		birth = eligibility.Date{}
	}
	return eligibility.Resident{
		Gender:       eligibility.Gender(rng.IntN(4)),
		Birth:        birth,
		Hukou:        eligibility.Hukou{Local: rng.IntN(4) > 0},
		Employment:   eligibility.Employment{Kind: eligibility.EmploymentKind(rng.IntN(12)), Platform: eligibility.PlatformKind(rng.IntN(8))},
		Insurance:    eligibility.Insurance{Scheme: eligibility.Scheme(rng.IntN(8)), Status: eligibility.InsuranceStatus(rng.IntN(6)), Location: eligibility.InsuranceLocation(rng.IntN(6))},
		ResidentTier: decimal.New(int64(rng.IntN(6))*50000, -2),
		Flags:        eligibility.Flags(rng.Uint32() & 0x3FFF),
		Contact:      eligibility.ContactStatus(rng.IntN(6)),
	}
}

// ClassifyInto into one reused Classification gives, resident after
// resident, exactly what Classify gives, and does not change the resident.
func TestClassifyIntoReusedEqualsClassify(t *testing.T) {
	rb := shiyan()
	rng := rand.New(rand.NewPCG(3, 4))
	from := eligibility.MustParseDate("2022-12-01")
	var reused eligibility.Classification
	groups := 0
	for i := range 5000 {
		r := ciResident(rng)
		asOf := from.AddDays(rng.IntN(420))
		if i%7 == 0 {
			reused.Groups = 0 // a caller may change the exported fields
		}
		before := r
		want := rb.Classify(r, asOf)
		rb.ClassifyInto(&reused, &r, asOf)
		if r != before {
			t.Fatalf("resident %d: ClassifyInto changed the resident", i)
		}
		if reused != want {
			t.Fatalf("resident %d: ClassifyInto into a reused value gives {%s}, Classify {%s}", i, rb.Keys(reused.Groups), rb.Keys(want.Groups))
		}
		groups += want.Groups.Len()
	}
	if groups < 1000 {
		t.Errorf("only %d groups in all: the test does not exercise clearing", groups)
	}
}

func TestClassifyIntoDoesNotAllocate(t *testing.T) {
	rb := shiyan()
	r := eligibility.Resident{Birth: eligibility.MustParseDate("1978-06-01"), Gender: eligibility.Male,
		Hukou: eligibility.Hukou{Local: true}, Employment: eligibility.Employment{Kind: eligibility.PlatformWorker},
		Flags: eligibility.FlagCollegeGraduate}
	asOf := eligibility.MustParseDate("2023-06-01")
	var c eligibility.Classification
	if n := testing.AllocsPerRun(100, func() {
		rb.ClassifyInto(&c, &r, asOf)
		if c.Groups.Len() != 2 {
			t.Fatalf("groups {%s}, want platform_worker and subsidy_eligible", rb.Keys(c.Groups))
		}
	}); n != 0 {
		t.Errorf("ClassifyInto allocates %v times, want 0", n)
	}
}

// A loop over many residents classifies each into one reused
// Classification.
func ExampleRulebook_ClassifyInto() {
	policy := routing.Shiyan2023()
	rb := policy.Rulebook()
	asOf := eligibility.MustParseDate("2023-06-30")
	residents := []eligibility.Resident{
		{ID: eligibility.MustParseIDNumber("500115198503140027"), Hukou: eligibility.Hukou{Local: true},
			Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}},
		{ID: eligibility.MustParseIDNumber("50011519600229001X"), Hukou: eligibility.Hukou{Local: true}},
	}
	var c eligibility.Classification
	for i := range residents {
		rb.ClassifyInto(&c, &residents[i], asOf)
		fmt.Println(c.Age, rb.Keys(c.Groups))
	}
	// Output:
	// 38 platform_worker
	// 63 elderly_back_pay
}
