package eligibility_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
)

// Target: ≤ 50 ns/op, 0 allocs/op.
func BenchmarkParseIDNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eligibility.ParseIDNumber("11010519491231002X"); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: ≤ 80 ns/op, 0 allocs/op (full-width input, the slow folding path).
func BenchmarkParseIDNumberFullWidth(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eligibility.ParseIDNumber(" １１０１０５１９４９１２３１００２ｘ "); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: ≤ 20 ns/op, 0 allocs/op.
func BenchmarkParseDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eligibility.ParseDate("2019-07-18"); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: ≤ 5 ns/op, 0 allocs/op.
func BenchmarkAgeOn(b *testing.B) {
	birth := eligibility.MustParseDate("1980-02-29")
	asOf := eligibility.MustParseDate("2023-03-01")
	b.ReportAllocs()
	for b.Loop() {
		if eligibility.AgeOn(birth, asOf) != 43 {
			b.Fatal("wrong age")
		}
	}
}

// Target: ≤ 40 ns/op, 0 allocs/op.
func BenchmarkRetirementDate(b *testing.B) {
	birth := eligibility.MustParseDate("1971-06-15")
	b.ReportAllocs()
	for b.Loop() {
		if eligibility.RetirementDate(birth, eligibility.Female55).IsZero() {
			b.Fatal("zero")
		}
	}
}

// BenchmarkClassify classifies one resident against every group of the
// 石堰 rulebook; the resident is in three groups (一, 二 and 六) and every rule,
// the residual one included, is evaluated.
//
// Target: ≤ 300 ns/op, 0 allocs/op.
func BenchmarkClassify(b *testing.B) {
	rb := shiyan()
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("110105198001010016"),
		Hukou:      eligibility.Hukou{Area: "重庆市长寿区", Village: "石堰社区", Local: true},
		Employment: eligibility.Employment{Kind: eligibility.SelfEmployedBusiness},
		Flags:      eligibility.FlagMinimumLiving | eligibility.FlagLandAcquired,
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	b.ReportAllocs()
	for b.Loop() {
		c := rb.Classify(r, asOf)
		if c.Groups.Len() != 3 {
			b.Fatal(rb.Keys(c.Groups))
		}
	}
}

// BenchmarkClassifyTier classifies a resident in 城乡居民 whose tier needs
// the exact decimal comparison (exponent −2 against exponent 0).
//
// Target: ≤ 300 ns/op, 0 allocs/op.
func BenchmarkClassifyTier(b *testing.B) {
	rb := shiyan()
	affluent := groupOf(&rb, "affluent_resident")
	r := eligibility.Resident{
		ID:           eligibility.MustParseIDNumber("110105198001010016"),
		Hukou:        eligibility.Hukou{Local: true},
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
		ResidentTier: decimal.RequireFromString("1000.01"),
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	b.ReportAllocs()
	for b.Loop() {
		c := rb.Classify(r, asOf)
		if !c.Groups.Has(affluent) {
			b.Fatal(rb.Keys(c.Groups))
		}
	}
}

// BenchmarkClassifyInto classifies into one reused Classification, as a loop
// over a roster does.
//
// Target: ≤ 300 ns/op, 0 allocs/op.
func BenchmarkClassifyInto(b *testing.B) {
	rb := shiyan()
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("110105198001010016"),
		Hukou:      eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
		Flags:      eligibility.FlagMinimumLiving,
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	var c eligibility.Classification
	b.ReportAllocs()
	for b.Loop() {
		rb.ClassifyInto(&c, &r, asOf)
		if c.Groups.Len() != 2 {
			b.Fatal(rb.Keys(c.Groups))
		}
	}
}

// Target: ≤ 100 ns/op, 0 allocs/op (an alias near the end of the table).
func BenchmarkVocabularyLookup(b *testing.B) {
	v := eligibility.ContactStatus(0).Vocabulary()
	b.ReportAllocs()
	for b.Loop() {
		if c, ok := v.Lookup("自称不是当地人"); !ok || c != eligibility.ContactNotLocal {
			b.Fatal(c, ok)
		}
	}
}
