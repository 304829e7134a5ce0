package eligibility_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// conditionResident is the resident of TestConditionMatch: a local man of 40
// on asOf2023, a courier in 城乡居民 (tier 1200, contributing in the
// district), flagged 低保 and 被征地, whom the village could not find.
func conditionResident() eligibility.Resident {
	return eligibility.Resident{
		Gender:       eligibility.Male,
		Birth:        d("1983-01-01"),
		Hukou:        eligibility.Hukou{Local: true},
		Employment:   eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
		Insurance:    insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict),
		ResidentTier: tier("1200"),
		Flags:        eligibility.FlagMinimumLiving | eligibility.FlagLandAcquired,
		Contact:      eligibility.ContactNotFound,
	}
}

// TestConditionMatch checks each field of Condition alone: the resident
// meeting it matches with exactly that check, the resident changed by miss
// (or given the age missAge) does not, and returns no checks.
func TestConditionMatch(t *testing.T) {
	const noAge = -2 // keep the age of the resident
	tests := []struct {
		name      string
		c         eligibility.Condition
		female    int // FemaleRetirementAge; 55 when 0
		hit       func(r *eligibility.Resident)
		hitAge    int
		miss      func(r *eligibility.Resident)
		missAge   int
		wantCheck eligibility.Check
	}{
		{name: "employment", c: eligibility.Condition{Employment: vocab.SetOf(eligibility.Student, eligibility.PlatformWorker)},
			miss: func(r *eligibility.Resident) { r.Employment.Kind = eligibility.NotEmployed }, wantCheck: eligibility.CheckEmployment},
		{name: "employment unknown", c: eligibility.Condition{Employment: vocab.SetOf(eligibility.EmploymentUnknown)},
			hit:  func(r *eligibility.Resident) { r.Employment = eligibility.Employment{} },
			miss: func(r *eligibility.Resident) { r.Employment.Kind = eligibility.Student }, wantCheck: eligibility.CheckEmployment},
		{name: "employment out of range", c: eligibility.Condition{Employment: vocab.SetOf(eligibility.PlatformWorker)},
			miss: func(r *eligibility.Resident) { r.Employment.Kind = 200 }, wantCheck: eligibility.CheckEmployment},
		{name: "platform", c: eligibility.Condition{Platforms: vocab.SetOf(eligibility.PlatformCourier, eligibility.PlatformFreight)},
			miss: func(r *eligibility.Resident) { r.Employment.Platform = eligibility.PlatformFoodDelivery }, wantCheck: eligibility.CheckPlatform},
		{name: "flags: any of them", c: eligibility.Condition{FlagsAny: eligibility.FlagExtremePoverty | eligibility.FlagLandAcquired},
			miss: func(r *eligibility.Resident) {
				r.Flags = eligibility.FlagMinimumLiving | eligibility.FlagCollegeGraduate
			}, wantCheck: eligibility.CheckFlags},
		{name: "flags: none set", c: eligibility.Condition{FlagsAny: eligibility.FlagMinimumLiving},
			miss: func(r *eligibility.Resident) { r.Flags = 0 }, wantCheck: eligibility.CheckFlags},
		{name: "insured", c: eligibility.Condition{Insured: vocab.SetOf(eligibility.SchemeResident)},
			miss: func(r *eligibility.Resident) { r.Insurance.Scheme = eligibility.SchemeEmployee }, wantCheck: eligibility.CheckScheme},
		{name: "uninsured", c: eligibility.Condition{Insured: vocab.SetOf(eligibility.SchemeNone)},
			hit:  func(r *eligibility.Resident) { r.Insurance = eligibility.Insurance{} },
			miss: func(r *eligibility.Resident) {}, wantCheck: eligibility.CheckScheme},
		{name: "status", c: eligibility.Condition{Status: vocab.SetOf(eligibility.StatusActive)},
			miss: func(r *eligibility.Resident) { r.Insurance.Status = eligibility.StatusSuspended }, wantCheck: eligibility.CheckStatus},
		{name: "status unknown", c: eligibility.Condition{Status: vocab.SetOf(eligibility.StatusSuspended)},
			miss: func(r *eligibility.Resident) { r.Insurance.Status = eligibility.StatusUnknown },
			hit:  func(r *eligibility.Resident) { r.Insurance.Status = eligibility.StatusSuspended }, wantCheck: eligibility.CheckStatus},
		{name: "location", c: eligibility.Condition{Location: vocab.SetOf(eligibility.InDistrict)},
			miss: func(r *eligibility.Resident) { r.Insurance.Location = eligibility.OutsideCity }, wantCheck: eligibility.CheckLocation},
		{name: "contact", c: eligibility.Condition{Contact: vocab.SetOf(eligibility.ContactNotFound, eligibility.ContactNotLocal)},
			miss: func(r *eligibility.Resident) { r.Contact = eligibility.ContactReached }, wantCheck: eligibility.CheckContact},
		{name: "contact unknown", c: eligibility.Condition{Contact: vocab.SetOf(eligibility.ContactUnknown)},
			hit:  func(r *eligibility.Resident) { r.Contact = eligibility.ContactUnknown },
			miss: func(r *eligibility.Resident) {}, wantCheck: eligibility.CheckContact},
		{name: "hukou local", c: eligibility.Condition{Hukou: eligibility.HukouLocal},
			miss: func(r *eligibility.Resident) { r.Hukou.Local = false }, wantCheck: eligibility.CheckHukou},
		{name: "hukou non-local", c: eligibility.Condition{Hukou: eligibility.HukouNonLocal},
			hit:  func(r *eligibility.Resident) { r.Hukou.Local = false },
			miss: func(r *eligibility.Resident) {}, wantCheck: eligibility.CheckHukou},
		{name: "age band: lower end", c: eligibility.Condition{Ages: eligibility.AgeBand{Min: 40, Max: 44}},
			missAge: 39, wantCheck: eligibility.CheckAge},
		{name: "age band: upper end", c: eligibility.Condition{Ages: eligibility.AgeBand{Min: 16, Max: 40}},
			missAge: 41, wantCheck: eligibility.CheckAge},
		{name: "age band: unknown age", c: eligibility.Condition{Ages: eligibility.AgeBand{Min: 0, Max: eligibility.MaxAge}},
			missAge: -1, wantCheck: eligibility.CheckAge},
		{name: "age band: open-ended", c: eligibility.Condition{Ages: eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}},
			hitAge: 1000, missAge: 59, wantCheck: eligibility.CheckAge},
		{name: "age band: the age passed, not the birth date", c: eligibility.Condition{Ages: eligibility.AgeBand{Min: 16, Max: 17}},
			hitAge: 16, missAge: 40, wantCheck: eligibility.CheckAge},
		{name: "below retirement: man", c: eligibility.Condition{BelowRetirement: true},
			miss: func(r *eligibility.Resident) { r.Birth = d("1960-01-01") }, wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: man retiring today", c: eligibility.Condition{BelowRetirement: true},
			hit:       func(r *eligibility.Resident) { r.Birth = d("1963-07-01") }, // retires 2023-07-01
			miss:      func(r *eligibility.Resident) { r.Birth = d("1963-06-30") }, // retires 2023-06-30, asOf
			wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: woman of 52 retiring at 55", c: eligibility.Condition{BelowRetirement: true}, female: 55,
			hit:  func(r *eligibility.Resident) { r.Gender, r.Birth = eligibility.Female, d("1971-01-01") },
			miss: func(r *eligibility.Resident) { r.Gender, r.Birth = eligibility.Female, d("1967-01-01") }, wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: woman of 52 retiring at 50", c: eligibility.Condition{BelowRetirement: true}, female: 50,
			hit:  func(r *eligibility.Resident) { r.Gender, r.Birth = eligibility.Female, d("1976-01-01") },
			miss: func(r *eligibility.Resident) { r.Gender, r.Birth = eligibility.Female, d("1971-01-01") }, wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: woman with no female age", c: eligibility.Condition{BelowRetirement: true}, female: 60,
			miss: func(r *eligibility.Resident) { r.Gender = eligibility.Female }, wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: from the identity number", c: eligibility.Condition{BelowRetirement: true},
			hit: func(r *eligibility.Resident) {
				r.Gender, r.Birth = eligibility.GenderUnknown, eligibility.Date{}
				r.ID = eligibility.MustParseIDNumber(withCheck("50011519630701001")) // man, retires 2023-07-01
			},
			miss: func(r *eligibility.Resident) {
				r.Gender, r.Birth = eligibility.GenderUnknown, eligibility.Date{}
				r.ID = eligibility.MustParseIDNumber(withCheck("50011519630630001")) // man, retires on asOf
			},
			wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: gender unknown", c: eligibility.Condition{BelowRetirement: true},
			miss: func(r *eligibility.Resident) { r.Gender = eligibility.GenderUnknown }, wantCheck: eligibility.CheckRetirement},
		{name: "below retirement: birth unknown", c: eligibility.Condition{BelowRetirement: true},
			miss: func(r *eligibility.Resident) { r.Birth = eligibility.Date{} }, wantCheck: eligibility.CheckRetirement},
		{name: "tier above", c: eligibility.Condition{TierAbove: decimal.NewNullDecimal(tier("1000"))},
			miss: func(r *eligibility.Resident) { r.ResidentTier = tier("1000.000") }, wantCheck: eligibility.CheckTier},
		{name: "tier above: none stated", c: eligibility.Condition{TierAbove: decimal.NewNullDecimal(tier("0"))},
			miss: func(r *eligibility.Resident) { r.ResidentTier = decimal.Decimal{} }, wantCheck: eligibility.CheckTier},
		{name: "tier above: just", c: eligibility.Condition{TierAbove: decimal.NewNullDecimal(tier("1199.99"))},
			miss: func(r *eligibility.Resident) { r.ResidentTier = tier("1199.99") }, wantCheck: eligibility.CheckTier},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.hitAge == 0 {
				tt.hitAge = noAge
			}
			if tt.missAge == 0 {
				tt.missAge = noAge
			}
			female := tt.female
			if female == 0 {
				female = 55
			}
			run := func(edit func(*eligibility.Resident), age int) (eligibility.Check, bool) {
				r := conditionResident()
				if edit != nil {
					edit(&r)
				}
				if age == noAge {
					age = eligibility.AgeOn(r.Birth, asOf2023)
				}
				before := r
				checks, ok := tt.c.MatchChecks(&r, asOf2023, age, female)
				if r != before {
					t.Error("Match changed the resident")
				}
				return checks, ok
			}
			if checks, ok := run(tt.hit, tt.hitAge); !ok || checks != tt.wantCheck {
				t.Errorf("Match() = %b, %v, want %b, true", checks, ok, tt.wantCheck)
			}
			if tt.miss == nil && tt.missAge == noAge {
				t.Fatal("no miss case")
			}
			missEdit := tt.miss
			if missEdit == nil {
				missEdit = tt.hit
			}
			if checks, ok := run(missEdit, tt.missAge); ok || checks != 0 {
				t.Errorf("Match() on the missing resident = %b, %v, want 0, false", checks, ok)
			}
			if err := tt.c.Validate(); err != nil {
				t.Errorf("Validate() = %v", err)
			}
		})
	}
}

// TestConditionConjunction checks that a condition holds only when every
// field holds, and then reports every check.
func TestConditionConjunction(t *testing.T) {
	c := eligibility.Condition{
		Employment:      vocab.SetOf(eligibility.PlatformWorker),
		Platforms:       vocab.SetOf(eligibility.PlatformCourier),
		FlagsAny:        eligibility.FlagLandAcquired,
		Insured:         vocab.SetOf(eligibility.SchemeResident),
		Status:          vocab.SetOf(eligibility.StatusActive),
		Location:        vocab.SetOf(eligibility.InDistrict),
		Contact:         vocab.SetOf(eligibility.ContactNotFound),
		Hukou:           eligibility.HukouLocal,
		Ages:            eligibility.AgeBand{Min: 16, Max: 59},
		BelowRetirement: true,
		TierAbove:       decimal.NewNullDecimal(tier("1000")),
	}
	all := eligibility.CheckEmployment | eligibility.CheckPlatform | eligibility.CheckFlags | eligibility.CheckScheme |
		eligibility.CheckStatus | eligibility.CheckLocation | eligibility.CheckContact | eligibility.CheckHukou |
		eligibility.CheckAge | eligibility.CheckRetirement | eligibility.CheckTier
	r := conditionResident()
	if checks, ok := c.MatchChecks(&r, asOf2023, 40, 55); !ok || checks != all {
		t.Fatalf("Match() = %b, %v, want %b", checks, ok, all)
	}
	for name, edit := range map[string]func(r *eligibility.Resident){
		"employment": func(r *eligibility.Resident) { r.Employment.Kind = eligibility.LicensedFreelancer },
		"platform":   func(r *eligibility.Resident) { r.Employment.Platform = eligibility.PlatformOther },
		"flags":      func(r *eligibility.Resident) { r.Flags = eligibility.FlagMinimumLiving },
		"scheme":     func(r *eligibility.Resident) { r.Insurance.Scheme = eligibility.SchemeOther },
		"status":     func(r *eligibility.Resident) { r.Insurance.Status = eligibility.StatusSuspended },
		"location":   func(r *eligibility.Resident) { r.Insurance.Location = eligibility.ElsewhereInCity },
		"contact":    func(r *eligibility.Resident) { r.Contact = eligibility.ContactReached },
		"hukou":      func(r *eligibility.Resident) { r.Hukou.Local = false },
		"retirement": func(r *eligibility.Resident) { r.Gender = eligibility.GenderUnknown },
		"tier":       func(r *eligibility.Resident) { r.ResidentTier = tier("999") },
	} {
		r := conditionResident()
		edit(&r)
		if checks, ok := c.MatchChecks(&r, asOf2023, 40, 55); ok || checks != 0 {
			t.Errorf("%s fails: Match() = %b, %v", name, checks, ok)
		}
	}
	if checks, ok := c.MatchChecks(&r, asOf2023, 60, 55); ok || checks != 0 {
		t.Errorf("age fails: Match() = %b, %v", checks, ok)
	}
	// The zero Condition places no condition, on any resident.
	var zero eligibility.Condition
	for _, r := range []eligibility.Resident{{}, conditionResident()} {
		if checks, ok := zero.MatchChecks(&r, eligibility.Date{}, -1, 0); !ok || checks != 0 {
			t.Errorf("zero Condition: Match() = %b, %v", checks, ok)
		}
	}
}

func TestConditionValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    eligibility.Condition
		ok   bool
	}{
		{"zero", eligibility.Condition{}, true},
		{"one age", eligibility.Condition{Ages: eligibility.AgeBand{Min: 45, Max: 45}}, true},
		{"open band", eligibility.Condition{Ages: eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}}, true},
		{"empty band", eligibility.Condition{Ages: eligibility.AgeBand{Min: 46, Max: 45}}, false},
		{"negative band", eligibility.Condition{Ages: eligibility.AgeBand{Min: -1, Max: 45}}, false},
		{"tier 0", eligibility.Condition{TierAbove: decimal.NewNullDecimal(decimal.Zero)}, true},
		{"negative tier", eligibility.Condition{TierAbove: decimal.NewNullDecimal(tier("-0.01"))}, false},
		{"invalid negative tier is no condition", eligibility.Condition{TierAbove: decimal.NullDecimal{Decimal: tier("-5")}}, true},
	} {
		if err := tt.c.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v", tt.name, err)
		}
	}
}

// TestConditionJSON checks the form of a condition in a policy file: sets as
// lists of keys, the band as text, the threshold as a decimal; zero fields
// omitted; and that labels and aliases read back as the same condition.
func TestConditionJSON(t *testing.T) {
	c := eligibility.Condition{
		Employment:      vocab.SetOf(eligibility.PlatformWorker, eligibility.SelfEmployedBusiness),
		Platforms:       vocab.SetOf(eligibility.PlatformFoodDelivery),
		FlagsAny:        eligibility.FlagMinimumLiving | eligibility.FlagSevereDisability,
		Insured:         vocab.SetOf(eligibility.SchemeNone, eligibility.SchemeResident),
		Status:          vocab.SetOf(eligibility.StatusSuspended),
		Location:        vocab.SetOf(eligibility.ElsewhereInCity, eligibility.OutsideCity),
		Contact:         vocab.SetOf(eligibility.ContactNotLocal),
		Hukou:           eligibility.HukouNonLocal,
		Ages:            eligibility.AgeBand{Min: 16, Max: 59},
		BelowRetirement: true,
		TierAbove:       decimal.NewNullDecimal(tier("1000.5")),
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"employment":["self_employed_business","platform_worker"],"platforms":["food_delivery"],` +
		`"flags_any":["minimum_living","severe_disability"],"insured":["none","resident"],"status":["suspended"],` +
		`"location":["elsewhere_in_city","outside_city"],"contact":["not_local"],"hukou":"non_local","ages":"16-59",` +
		`"below_retirement":true,"tier_above":"1000.5"}`
	if string(b) != want {
		t.Errorf("json.Marshal() = %s\nwant %s", b, want)
	}
	opts := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
	for _, text := range []string{want,
		`{"employment":["个体工商户","新业态"],"platforms":["外卖骑手"],"flags_any":["低保","重度残疾人"],` +
			`"insured":["未参保","SchemeResident"],"status":["停缴"],"location":["区外市内","市外"],"contact":["不是当地的群众"],` +
			`"hukou":"非本区户籍","ages":"16-59","below_retirement":true,"tier_above":"1000.50"}`,
	} {
		var got eligibility.Condition
		if err := json.Unmarshal([]byte(text), &got); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", text, err)
		}
		if diff := cmp.Diff(c, got, opts); diff != "" {
			t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
		}
	}
	if b, _ := json.Marshal(eligibility.Condition{}); string(b) != "{}" {
		t.Errorf("zero Condition = %s, want {}", b)
	}
	for _, bad := range []string{
		`{"employment":["nope"]}`,
		`{"insured":["none","未参保"]}`, // listed twice
		`{"employment":"platform_worker"}`,
		`{"ages":"59-16"}`,
		`{"hukou":"somewhere"}`,
		`{"flags_any":["低保","低保对象"]}`, // listed twice
	} {
		var got eligibility.Condition
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("json.Unmarshal(%s) accepted: %+v", bad, got)
		}
	}
}

// TestGroupRuleJSON reads a group a rulebook the 石堰 preset does not have
// from policy-file JSON and classifies with it.
func TestGroupRuleJSON(t *testing.T) {
	const text = `[
	  {"key": "freight_drivers", "numeral": "一", "clause": "二(一)", "name": "同城货运司机", "name_en": "freight drivers",
	   "when": {"platforms": ["同城货运"], "insured": ["none"], "ages": "16-59"}},
	  {"key": "rest", "clause": "二(二)", "name": "其他", "name_en": "others", "when": {"insured": ["none"]}, "residual": true}
	]`
	rb := eligibility.Rulebook{Document: "测试", FemaleRetirementAge: 55}
	if err := json.Unmarshal([]byte(text), &rb.Groups); err != nil {
		t.Fatal(err)
	}
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	driver := person(func(r *eligibility.Resident) {
		r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFreight}
	})
	if got := rb.Keys(rb.Classify(driver, asOf2023).Groups); got != "freight_drivers" {
		t.Errorf("driver in {%s}", got)
	}
	if got := rb.Keys(rb.Classify(person(nil), asOf2023).Groups); got != "rest" {
		t.Errorf("other in {%s}", got)
	}
	b, err := json.Marshal(rb.Groups)
	if err != nil {
		t.Fatal(err)
	}
	var again []eligibility.GroupRule
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rb.Groups, again, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}
