package audit_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/audit"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestCompare(t *testing.T) {
	a := routing.MustCompile(routing.Shiyan2023())
	variant := routing.Shiyan2023()
	variant.Version = "2"
	variant.AgeLines.Men.AtLine = routing.BandYounger // read 45 as 以下 instead
	b := routing.MustCompile(variant)
	residents := []eligibility.Resident{
		man("1978-06-02", eligibility.NotEmployed),   // 44: same
		man("1978-06-01", eligibility.NotEmployed),   // 45: differs
		woman("1983-06-01", eligibility.NotEmployed), // 40: same (women unchanged)
		man("1977-06-01", eligibility.NotEmployed),   // 46: same
		{Birth: d("1990-01-01")},                     // no gender: same error
	}
	residents[1].ID = eligibility.MustParseIDNumber("500115197806010014")
	diffs := audit.Compare(a, b, residents, d("2023-06-01"))
	type short struct {
		Index  int
		ID     string
		Fields string
		A, B   routing.Outcome
	}
	var got []short
	for _, df := range diffs {
		got = append(got, short{df.Index, df.ID, df.Fields.String(), df.A.Outcome, df.B.Outcome})
	}
	want := []short{{1, "500115********0014", "scheme,channel", routing.OutcomeResident, routing.OutcomeEmployee}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Compare() mismatch (-want +got):\n%s", diff)
	}
	ex := diffs[0].Explain(language.English)
	for _, s := range []string{"resident #1 500115********0014: scheme,channel differ", "A (shiyan-2023 1): resident/self_pay", "B (shiyan-2023 2): employee/flexible", "age 45 is below the line", "age 45 is at or above the line"} {
		if !strings.Contains(ex, s) {
			t.Errorf("Explain lacks %q:\n%s", s, ex)
		}
	}
	if zh := diffs[0].Explain(language.Chinese); !strings.Contains(zh, "居民#1 500115********0014：险种、渠道不同") || !strings.Contains(zh, "四(二)") {
		t.Errorf("Chinese explanation:\n%s", zh)
	}
}

func TestCompareDerived(t *testing.T) {
	fixed := routing.MustCompile(routing.Luodong2019())
	derived := routing.MustCompile(routing.Luodong2019().WithDerivedAgeLines())
	residents := []eligibility.Resident{
		man("1974-08-02", eligibility.NotEmployed),      // 44 in 2019: derived line ≈ 42.6 → older
		man("1985-01-01", eligibility.NotEmployed),      // 34: younger either way
		woman("1980-01-01", eligibility.EmployedByUnit), // employed: no age line
	}
	diffs := audit.Compare(fixed, derived, residents, d("2019-08-01"))
	if len(diffs) != 1 || diffs[0].Index != 0 || diffs[0].Fields&audit.DiffOutcome == 0 {
		t.Fatalf("Compare = %v", diffs)
	}
	if ex := diffs[0].Explain(language.English); !strings.Contains(ex, "渐进式延迟法定退休年龄") {
		t.Errorf("explanation does not cite the 2024 decision:\n%s", ex)
	}
	// A date outside one policy's period is a difference of kind error.
	sy := routing.MustCompile(routing.Shiyan2023())
	diffs = audit.Compare(fixed, sy, residents[:1], d("2019-08-01"))
	if len(diffs) != 1 || diffs[0].Fields != audit.DiffError || !errors.Is(diffs[0].ErrB, routing.ErrOutsidePeriod) {
		t.Errorf("Compare across periods = %v", diffs)
	}
}
