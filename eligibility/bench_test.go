package eligibility_test

import (
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/shopspring/decimal"
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

// BenchmarkClassify classifies one resident against every rule of the
// 石堰 rulebook; the resident is in three groups (一, 二 and 六) and every rule,
// the residual one included, is evaluated.
//
// Target: ≤ 300 ns/op, 0 allocs/op.
func BenchmarkClassify(b *testing.B) {
	rb := eligibility.Shiyan2023()
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("110105198001010016"),
		Hukou:      eligibility.Hukou{Area: "重庆市长寿区", Village: "石堰社区", Local: true},
		Employment: eligibility.Employment{Kind: eligibility.SelfEmployedBusiness},
		Flags:      eligibility.FlagMinimumLiving | eligibility.FlagLandAcquired,
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	b.ReportAllocs()
	for b.Loop() {
		c, err := rb.Classify(r, asOf)
		if err != nil || c.Groups.Len() != 3 {
			b.Fatal(c.Groups, err)
		}
	}
}

// BenchmarkClassifyTier classifies a resident in 城乡居民 whose tier needs
// the exact decimal comparison (exponent −2 against exponent 0).
//
// Target: ≤ 300 ns/op, 0 allocs/op.
func BenchmarkClassifyTier(b *testing.B) {
	rb := eligibility.Shiyan2023()
	r := eligibility.Resident{
		ID:           eligibility.MustParseIDNumber("110105198001010016"),
		Hukou:        eligibility.Hukou{Local: true},
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
		ResidentTier: decimal.RequireFromString("1000.01"),
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	b.ReportAllocs()
	for b.Loop() {
		c, err := rb.Classify(r, asOf)
		if err != nil || !c.Has(eligibility.GroupAffluentResident) {
			b.Fatal(c.Groups, err)
		}
	}
}
