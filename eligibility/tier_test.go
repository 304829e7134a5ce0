package eligibility_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
)

// TestTierBoundaries checks 石堰府发〔2023〕10号 二(五) "缴费档次高于1000元"
// on and around the threshold, with tiers written at many scales and in
// exponent form, and with hostile values: negative, huge and tiny exponents,
// and very long coefficients. Every answer is decided exactly.
func TestTierBoundaries(t *testing.T) {
	rb := shiyan()
	affluent := groupOf(&rb, "affluent_resident")
	tests := []struct {
		tier string
		want bool // in GroupAffluentResident
	}{
		{"1000", false},
		{"1000.00", false},
		{"1000.000000000000000000000000000000", false},
		{"1e3", false},
		{"0.001e6", false},
		{"10000e-1", false},
		{"1000.01", true},
		{"1000.0000000001", true},
		{"1000.00000000000000000000000000001", true},
		{"999.99", false},
		{"999.99999999999999999999999999999", false},
		{"1500", true},
		{"0", false},
		{"-1000.01", false},
		{"-1e100000000", false},
		{"1e100000000", true},
		{"1234567890123456789e100000000", true},
		{"1234567890123456789e-100000000", false},
		{"1e-2147483648", false},
		{"1e2147483647", true},
		{"-999999999999999999999999999999e2147483647", false},
		{"999999999999999", true},                       // 15 nines: NumDigits overestimates, exact path
		{"1" + strings.Repeat("0", 51) + "e-48", false}, // exactly 1000
		{"1" + strings.Repeat("0", 50) + "1e-48", true},
		{strings.Repeat("9", 51) + "e-48", false}, // 999.999…
	}
	for _, tt := range tests {
		t.Run(tt.tier, func(t *testing.T) {
			v := decimal.RequireFromString(tt.tier)
			r := eligibility.Resident{
				Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive},
				ResidentTier: v,
			}
			start := time.Now()
			c := rb.Classify(r, asOf2023)
			if got := c.Groups.Has(affluent); got != tt.want {
				t.Errorf("Classify(tier %s): in AffluentResident = %v, want %v", tt.tier, got, tt.want)
			}
			if tt.want {
				reason, _ := c.Reason(affluent)
				for _, text := range []string{reason.Text(language.Chinese), reason.Text(language.English)} {
					if len(text) > 400 {
						t.Errorf("reason text is %d bytes long: %.80q…", len(text), text)
					}
				}
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Classify(tier %s) took %v", tt.tier, d)
			}
			// Validate renders a negative tier: it must stay short too.
			for _, err := range []error{r.Validate(eligibility.Date{})} {
				if err != nil && len(err.Error()) > 400 {
					t.Errorf("Validate message is %d bytes long", len(err.Error()))
				}
			}
		})
	}
}

// TestTierReasonTextHuge checks how a reason writes a tier whose exponent is
// out of the plain range: coefficient and exponent, not millions of digits.
func TestTierReasonTextHuge(t *testing.T) {
	rb := shiyan()
	affluent := groupOf(&rb, "affluent_resident")
	r := eligibility.Resident{
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident},
		ResidentTier: decimal.RequireFromString("12e100000000"),
	}
	c := rb.Classify(r, asOf2023)
	reason, ok := c.Reason(affluent)
	if !ok {
		t.Fatal("not in AffluentResident")
	}
	if got := reason.Text(language.Chinese); !strings.Contains(got, "缴费档次12e100000000元，高于1000元") {
		t.Errorf("Chinese() = %q", got)
	}
	// A plain tier keeps its plain form, with its own scale.
	r.ResidentTier = decimal.RequireFromString("1000.50")
	c = rb.Classify(r, asOf2023)
	reason, _ = c.Reason(affluent)
	if got := reason.Text(language.English); !strings.Contains(got, "contribution tier 1000.5 yuan, above 1000 yuan") {
		t.Errorf("English() = %q", got)
	}
}
