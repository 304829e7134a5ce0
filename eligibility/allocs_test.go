package eligibility_test

import (
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/shopspring/decimal"
)

// TestNoAllocations pins the allocation-free paths that callers rely on:
// parsing identity numbers and dates, and classifying a resident, reading its
// groups and reasons.
func TestNoAllocations(t *testing.T) {
	rb := eligibility.Shiyan2023()
	r := eligibility.Resident{
		ID:           eligibility.MustParseIDNumber("500115198001010011"),
		Hukou:        eligibility.Hukou{Local: true},
		Employment:   eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusSuspended, Location: eligibility.OutsideCity},
		ResidentTier: decimal.RequireFromString("1000.50"),
		Flags:        eligibility.FlagMinimumLiving,
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseIDNumber", func() { _, _ = eligibility.ParseIDNumber("11010519491231002X") }},
		{"ParseIDNumber full-width", func() { _, _ = eligibility.ParseIDNumber("１１０１０５１９４９１２３１００２ｘ") }},
		{"ParseIDNumber legacy", func() { _, _ = eligibility.ParseIDNumber("110105491231002") }},
		{"ParseDate", func() { _, _ = eligibility.ParseDate("20230630") }},
		{"Classify and read", func() {
			c, err := rb.Classify(r, asOf)
			if err != nil || c.Groups.Len() != 3 {
				panic("unexpected classification")
			}
			n := 0
			for g := range c.Groups.All() {
				if _, ok := c.Reason(g); ok {
					n++
				}
			}
			for range c.Reasons() {
				n++
			}
			if n != 6 {
				panic("unexpected reasons")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testing.AllocsPerRun(100, tt.f); got != 0 {
				t.Errorf("%s allocates %v times per run, want 0", tt.name, got)
			}
		})
	}
}
