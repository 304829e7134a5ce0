package eligibility_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// TestNoAllocations pins the allocation-free paths that callers rely on:
// parsing identity numbers and dates, looking a word up in a vocabulary,
// matching a condition, and classifying a resident, reading its groups and
// reasons.
func TestNoAllocations(t *testing.T) {
	rb := shiyan()
	r := eligibility.Resident{
		ID:           eligibility.MustParseIDNumber("500115198001010011"),
		Hukou:        eligibility.Hukou{Local: true},
		Employment:   eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusSuspended, Location: eligibility.OutsideCity},
		ResidentTier: decimal.RequireFromString("1000.50"),
		Flags:        eligibility.FlagMinimumLiving,
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	cond := eligibility.Condition{
		Employment:      vocab.SetOf(eligibility.PlatformWorker),
		Platforms:       vocab.SetOf(eligibility.PlatformCourier),
		FlagsAny:        eligibility.FlagMinimumLiving,
		Insured:         vocab.SetOf(eligibility.SchemeResident),
		Status:          vocab.SetOf(eligibility.StatusSuspended),
		Location:        vocab.SetOf(eligibility.OutsideCity),
		Contact:         vocab.SetOf(eligibility.ContactUnknown),
		Hukou:           eligibility.HukouLocal,
		Ages:            eligibility.AgeBand{Min: 16, Max: 59},
		BelowRetirement: true,
		TierAbove:       decimal.NewNullDecimal(decimal.New(1000, 0)),
	}
	// Match reads the gender and birth date as they are: state them.
	stated := r
	stated.Gender, stated.Birth = r.EffectiveGender(), r.EffectiveBirth()
	var reused eligibility.Classification
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseIDNumber", func() { _, _ = eligibility.ParseIDNumber("11010519491231002X") }},
		{"ParseIDNumber full-width", func() { _, _ = eligibility.ParseIDNumber("１１０１０５１９４９１２３１００２ｘ") }},
		{"ParseIDNumber legacy", func() { _, _ = eligibility.ParseIDNumber("110105491231002") }},
		{"ParseDate", func() { _, _ = eligibility.ParseDate("20230630") }},
		{"Vocabulary.Lookup", func() {
			if k, ok := eligibility.EmploymentKind(0).Vocabulary().Lookup(" 依托平台企业就业的新业态从业人员 "); !ok || k != eligibility.PlatformWorker {
				panic("unexpected lookup")
			}
		}},
		{"Condition.Match", func() {
			if c, ok := cond.MatchChecks(&stated, asOf, 43, 55); !ok || c == 0 {
				panic("unexpected match")
			}
		}},
		{"Classify and read", func() {
			// 三, 五, 六 (低保 in 城乡居民) and 七.
			c := rb.Classify(r, asOf)
			if c.Groups.Len() != 4 {
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
			if n != 8 {
				panic("unexpected reasons")
			}
		}},
		{"ClassifyInto", func() {
			rb.ClassifyInto(&reused, &r, asOf)
			if reused.Groups.Len() != 4 {
				panic("unexpected classification")
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
