package eligibility_test

import (
	"errors"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// asOf2023 is inside the 石堰 rulebook's period.
var asOf2023 = eligibility.MustParseDate("2023-06-30")

// person returns an uninsured, non-local, male resident born 1983-01-01 (40
// on asOf2023) who is not employed, changed by edit.
func person(edit func(r *eligibility.Resident)) eligibility.Resident {
	r := eligibility.Resident{
		Name:       "测试",
		Gender:     eligibility.Male,
		Birth:      d("1983-01-01"),
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed},
	}
	if edit != nil {
		edit(&r)
	}
	return r
}

func groups(gs ...eligibility.Group) eligibility.GroupSet { return eligibility.GroupsOf(gs...) }

func tier(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func insured(s eligibility.Scheme, st eligibility.InsuranceStatus, l eligibility.InsuranceLocation) eligibility.Insurance {
	return eligibility.Insurance{Scheme: s, Status: st, Location: l}
}

func TestClassifyShiyan2023(t *testing.T) {
	const (
		G1 = eligibility.GroupSmallBusiness
		G2 = eligibility.GroupSubsidyEligible
		G3 = eligibility.GroupPlatformWorker
		G4 = eligibility.GroupLicensedFreelancer
		G5 = eligibility.GroupAffluentResident
		G6 = eligibility.GroupHardship
		G7 = eligibility.GroupSuspendedElsewhere
		G8 = eligibility.GroupOtherUninsured
		GE = eligibility.GroupElderlyBackPay
	)
	// born returns the birth date of someone who turns age on asOf2023+offset days.
	born := func(age, offset int) eligibility.Date { return asOf2023.AddDays(-offset).AddYears(-age) }
	tests := []struct {
		name string
		r    eligibility.Resident
		want eligibility.GroupSet
	}{
		// 二(一)
		{"一 self-employed uninsured", person(func(r *eligibility.Resident) { r.Employment.Kind = eligibility.SelfEmployedBusiness }), groups(G1)},
		{"一 small-business employee uninsured", person(func(r *eligibility.Resident) { r.Employment.Kind = eligibility.SmallBusinessEmployee }), groups(G1)},
		{"一 self-employed in 城乡居民", person(func(r *eligibility.Resident) {
			r.Employment.Kind = eligibility.SelfEmployedBusiness
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},
		{"一 employed by a unit, uninsured (劳动合同备案)", person(func(r *eligibility.Resident) { r.Employment.Kind = eligibility.EmployedByUnit }), groups(G1)},
		{"employed by a unit, in 企业职工", person(func(r *eligibility.Resident) {
			r.Employment.Kind = eligibility.EmployedByUnit
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},

		// 二(二)
		{"二 land acquired", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagLandAcquired }), groups(G2)},
		{"二 township hire", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagTownshipHire }), groups(G2)},
		{"二 village cadre", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagVillageCadre }), groups(G2)},
		{"二 fiscally supported", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagFiscallySupported }), groups(G2)},
		{"二 industry leader", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagIndustryLeader }), groups(G2)},
		{"二 rural migrant worker", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagRuralMigrantWorker }), groups(G2)},
		{"二 land acquired already in 城乡居民", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagLandAcquired
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},
		{"二 village cadre already in 企业职工", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagVillageCadre
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},
		{"二 retired fisher (三(二)2 缴费补贴)", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagRetiredFisher }), groups(G2)},
		{"二 college graduate (三(二)2 社会保险补贴)", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagCollegeGraduate }), groups(G2)},
		{"二 employment difficulty (三(二)2 社会保险补贴)", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagEmploymentDifficulty }), groups(G2)},
		{"retired fisher in 城乡居民 is not 二", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagRetiredFisher
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},

		// 二(三)
		{"三 courier uninsured", person(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
		}), groups(G3)},
		{"三 ride-hailing in 城乡居民", person(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformRideHailing}
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups(G3)},
		{"三 platform worker in 企业职工", person(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery}
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},

		// 二(四)
		{"四 tour guide uninsured", person(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.LicensedFreelancer, Licence: "导游"}
		}), groups(G4)},
		{"四 lawyer in 企业职工", person(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.LicensedFreelancer, Licence: "律师"}
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},

		// 二(五): strictly above 1000 元
		{"五 tier 1000 is not above", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1000")
		}), groups()},
		{"五 tier 1000.00 is not above", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1000.00")
		}), groups()},
		{"五 tier 1E3 is not above", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1E3")
		}), groups()},
		{"五 tier 1000.01", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1000.01")
		}), groups(G5)},
		{"五 tier 1.00001E3", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1.00001E3")
		}), groups(G5)},
		{"五 tier 1000 plus 10^-30 (slow path)", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1000.000000000000000000000000000001")
		}), groups(G5)},
		{"五 tier 999.99", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("999.99")
		}), groups()},
		{"五 tier 2000 but in 企业职工", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("2000")
		}), groups()},
		{"五 tier 3000, suspended", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.InDistrict)
			r.ResidentTier = tier("3000")
		}), groups(G5)},

		// 二(六)
		{"六 低保 uninsured", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagMinimumLiving }), groups(G6)},
		{"六 特困 uninsured", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagExtremePoverty }), groups(G6)},
		{"六 重度残疾 uninsured", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagSevereDisability }), groups(G6)},
		{"六 低保 already in 城乡居民", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagMinimumLiving
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},

		// 二(七)
		{"七 suspended elsewhere in the city, local", person(func(r *eligibility.Resident) {
			r.Hukou.Local = true
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusSuspended, eligibility.ElsewhereInCity)
		}), groups(G7)},
		{"七 suspended outside the city, local", person(func(r *eligibility.Resident) {
			r.Hukou.Local = true
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.OutsideCity)
		}), groups(G7)},
		{"七 active elsewhere", person(func(r *eligibility.Resident) {
			r.Hukou.Local = true
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.ElsewhereInCity)
		}), groups()},
		{"七 suspended in the district", person(func(r *eligibility.Resident) {
			r.Hukou.Local = true
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusSuspended, eligibility.InDistrict)
		}), groups()},
		{"七 suspended elsewhere, not local", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusSuspended, eligibility.OutsideCity)
		}), groups()},

		// 二(八): 16 up to the retirement age
		{"八 16 the day before", person(func(r *eligibility.Resident) { r.Birth = born(16, -1) }), groups()},
		{"八 16 on the birthday", person(func(r *eligibility.Resident) { r.Birth = born(16, 0) }), groups(G8)},
		{"八 16 the day after", person(func(r *eligibility.Resident) { r.Birth = born(16, 1) }), groups(G8)},
		{"八 40 woman", person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = born(40, 0) }), groups(G8)},
		{"八 45 man", person(func(r *eligibility.Resident) { r.Birth = born(45, 0) }), groups(G8)},
		{"八 59 man", person(func(r *eligibility.Resident) { r.Birth = born(59, 0) }), groups(G8)},
		{"八 man turning 60 tomorrow", person(func(r *eligibility.Resident) { r.Birth = born(60, -1) }), groups(G8)},
		{"man of 60 today, not local: retired", person(func(r *eligibility.Resident) { r.Birth = born(60, 0) }), groups()},
		{"八 woman turning 55 tomorrow", person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = born(55, -1) }), groups(G8)},
		// 城乡居民 takes contributions from 16 to 59 whatever the retirement age.
		{"八 woman of 55 today", person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = born(55, 0) }), groups(G8)},
		{"八 woman of 59", person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = born(59, 0) }), groups(G8)},
		{"woman of 60 today, not local: none", person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = born(60, 0) }), groups()},
		{"八 man turning 16 today", person(func(r *eligibility.Resident) { r.Birth = born(16, 0) }), groups(G8)},
		{"man turning 16 tomorrow: none", person(func(r *eligibility.Resident) { r.Birth = born(16, -1) }), groups()},
		{"student is not 八", person(func(r *eligibility.Resident) { r.Employment.Kind = eligibility.Student; r.Birth = born(19, 0) }), groups()},
		{"八 whatever the gender", person(func(r *eligibility.Resident) { r.Gender = eligibility.GenderUnknown }), groups(G8)},
		{"unknown birth is not 八", person(func(r *eligibility.Resident) { r.Birth = eligibility.Date{} }), groups()},
		{"八 from the identity number", person(func(r *eligibility.Resident) {
			r.Gender, r.Birth = eligibility.GenderUnknown, eligibility.Date{}
			r.ID = eligibility.MustParseIDNumber(withCheck("50011519830101002")) // woman, 40
		}), groups(G8)},

		// 三(二)2: 60 and over, local, uninsured
		{"elderly: local man 60 tomorrow", person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = born(60, -1) }), groups(G8)},
		{"elderly: local man 60 today", person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = born(60, 0) }), groups(GE)},
		{"elderly: local woman 60 yesterday", person(func(r *eligibility.Resident) {
			r.Gender = eligibility.Female
			r.Hukou.Local = true
			r.Birth = born(60, 1)
		}), groups(GE)},
		{"elderly: 85, local", person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = d("1938-02-01") }), groups(GE)},
		{"elderly: 70, not local", person(func(r *eligibility.Resident) { r.Birth = d("1953-02-01") }), groups()},
		{"elderly: 70, local, in 城乡居民", person(func(r *eligibility.Resident) {
			r.Hukou.Local = true
			r.Birth = d("1953-02-01")
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},

		// Several groups at once.
		{"一 二 六 together", person(func(r *eligibility.Resident) {
			r.Employment.Kind = eligibility.SelfEmployedBusiness
			r.Flags = eligibility.FlagMinimumLiving | eligibility.FlagLandAcquired
		}), groups(G1, G2, G6)},
		{"一 and elderly", person(func(r *eligibility.Resident) {
			r.Employment.Kind = eligibility.SelfEmployedBusiness
			r.Hukou.Local = true
			r.Birth = d("1950-05-05")
		}), groups(G1, GE)},
		{"三 五 七 together", person(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFreight}
			r.Hukou.Local = true
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.ElsewhereInCity)
			r.ResidentTier = tier("1500")
		}), groups(G3, G5, G7)},
	}
	rb := eligibility.Shiyan2023()
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := rb.Classify(tt.r, asOf2023)
			if err != nil {
				t.Fatal(err)
			}
			if c.Groups != tt.want {
				t.Errorf("Classify() groups = %v, want %v", c.Groups, tt.want)
			}
			checkReasons(t, &c)
		})
	}
}

// checkReasons checks that every group has a reason that names it and cites
// the rulebook, and that no other group has one.
func checkReasons(t *testing.T, c *eligibility.Classification) {
	t.Helper()
	n := 0
	for r := range c.Reasons() {
		n++
		if !c.Has(r.Group) {
			t.Errorf("reason for %v, which is not in %v", r.Group, c.Groups)
		}
		if r.Document != "石堰府发〔2023〕10号" || r.Clause != r.Group.Clause() || r.Checks == 0 {
			t.Errorf("reason %+v lacks its citation or checks", r)
		}
	}
	if n != c.Groups.Len() {
		t.Errorf("%d reasons for %d groups", n, c.Groups.Len())
	}
	for g := eligibility.Group(1); g <= eligibility.NumGroups; g++ {
		r, ok := c.Reason(g)
		if ok != c.Has(g) || (ok && r.Group != g) {
			t.Errorf("Reason(%v) = %v, %v", g, r.Group, ok)
		}
	}
}

func TestClassifyReasonFacts(t *testing.T) {
	rb := eligibility.Shiyan2023()
	r := person(func(r *eligibility.Resident) {
		r.Hukou.Local = true
		r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
		r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.OutsideCity)
		r.ResidentTier = tier("1500")
	})
	c, err := rb.Classify(r, asOf2023)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := c.Reason(eligibility.GroupAffluentResident)
	if !ok {
		t.Fatal("not in group 五")
	}
	if got.Checks != eligibility.CheckScheme|eligibility.CheckTier || !got.Tier.Equal(tier("1500")) || !got.TierAbove.Equal(tier("1000")) {
		t.Errorf("reason 五 = %+v", got)
	}
	got, _ = c.Reason(eligibility.GroupSuspendedElsewhere)
	wantChecks := eligibility.CheckScheme | eligibility.CheckStatus | eligibility.CheckLocation | eligibility.CheckHukou
	if got.Checks != wantChecks || got.Location != eligibility.OutsideCity || got.Status != eligibility.StatusSuspended || !got.Local {
		t.Errorf("reason 七 = %+v", got)
	}
	if c.Age != 40 || c.AsOf != asOf2023 || c.Rulebook != "shiyan-2023" {
		t.Errorf("classification header = %d %v %q", c.Age, c.AsOf, c.Rulebook)
	}
}

func TestReasonText(t *testing.T) {
	rb := eligibility.Shiyan2023()
	tests := []struct {
		name   string
		r      eligibility.Resident
		group  eligibility.Group
		zh, en string
	}{
		{
			"affluent", person(func(r *eligibility.Resident) {
				r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
				r.ResidentTier = tier("1000.01")
			}), eligibility.GroupAffluentResident,
			"属于石堰府发〔2023〕10号 二(五)「具备城镇职工养老保险缴费能力的城乡富裕人员」：已参加城乡居民基本养老保险，缴费档次1000.01元，高于1000元。",
			"In group 五 (affluent residents able to pay into the employee scheme) of 石堰府发〔2023〕10号 二(五): insured in basic pension insurance for urban and rural residents; contribution tier 1000.01 yuan, above 1000 yuan.",
		},
		{
			"hardship", person(func(r *eligibility.Resident) {
				r.Flags = eligibility.FlagMinimumLiving | eligibility.FlagSevereDisability | eligibility.FlagCollegeGraduate
			}), eligibility.GroupHardship,
			"属于石堰府发〔2023〕10号 二(六)「低保对象、特困人员、重度残疾人员等缴费困难群体」：身份为低保对象、重度残疾人，未参保。",
			"In group 六 (people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)) of 石堰府发〔2023〕10号 二(六): marked as minimum living allowance recipient, person with a severe disability; not insured.",
		},
		{
			"other", person(nil), eligibility.GroupOtherUninsured,
			"属于石堰府发〔2023〕10号 二(八)「其他符合参保条件的应参未参人员」：未就业，未参保，年龄40周岁（16至59周岁），不属于其他重点人群。",
			"In group 八 (other people who should be insured and are not) of 石堰府发〔2023〕10号 二(八): not employed; not insured; aged 40 (16 to 59); in no other target group.",
		},
		{
			"platform kind named", person(func(r *eligibility.Resident) {
				r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
			}), eligibility.GroupPlatformWorker,
			"属于石堰府发〔2023〕10号 二(三)「依托平台企业就业的新业态从业人员」：新业态从业人员（快递小哥），未参保。",
			"In group 三 (platform workers in new forms of employment) of 石堰府发〔2023〕10号 二(三): platform worker (courier); not insured.",
		},
		{
			"platform kind unknown", person(func(r *eligibility.Resident) {
				r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker}
			}), eligibility.GroupPlatformWorker,
			"属于石堰府发〔2023〕10号 二(三)「依托平台企业就业的新业态从业人员」：新业态从业人员，未参保。",
			"In group 三 (platform workers in new forms of employment) of 石堰府发〔2023〕10号 二(三): platform worker; not insured.",
		},
		{
			"elderly", person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = d("1950-05-05") }), eligibility.GroupElderlyBackPay,
			"属于石堰府发〔2023〕10号 三(二)2「60周岁以上超龄未参保的本地户籍老年居民（补缴）」：未参保，本区户籍，年龄73周岁（60周岁以上）。",
			"In the group (uninsured local residents aged 60 or over (back payment)) of 石堰府发〔2023〕10号 三(二)2: not insured; household registered in the district; aged 73 (60 or over).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := rb.Classify(tt.r, asOf2023)
			if err != nil {
				t.Fatal(err)
			}
			r, ok := c.Reason(tt.group)
			if !ok {
				t.Fatalf("not in %v: %v", tt.group, c.Groups)
			}
			if diff := cmp.Diff(tt.zh, r.Text(language.Chinese)); diff != "" {
				t.Errorf("Chinese mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.en, r.Text(language.English)); diff != "" {
				t.Errorf("English mismatch (-want +got):\n%s", diff)
			}
			if r.Text(language.MustParse("zh-Hant-TW")) != r.Chinese() || r.String() != r.English() {
				t.Error("Text must pick Chinese for any zh tag and String must be English")
			}
		})
	}
}

func TestClassifyNotInEffect(t *testing.T) {
	rb := eligibility.Shiyan2023()
	for _, on := range []eligibility.Date{{}, d("2022-12-31"), d("2024-01-01")} {
		_, err := rb.Classify(person(nil), on)
		var re *eligibility.RulebookError
		if !errors.Is(err, eligibility.ErrNotInEffect) || !errors.As(err, &re) || re.Rulebook != "shiyan-2023" {
			t.Errorf("Classify on %v: error = %v, want ErrNotInEffect", on, err)
		}
	}
	for _, on := range []eligibility.Date{d("2023-01-01"), d("2023-12-31")} {
		if _, err := rb.Classify(person(nil), on); err != nil {
			t.Errorf("Classify on %v: %v", on, err)
		}
	}
	rb.ValidTo = eligibility.Date{}
	if _, err := rb.Classify(person(nil), d("2030-01-01")); err != nil {
		t.Errorf("open-ended rulebook: %v", err)
	}
}

// TestRulebookVariant shows a town's variant as a new value: a tier
// threshold of 2000 元, elderly from 65, and group 八 only below the
// statutory retirement age, with women retiring at 50.
func TestRulebookVariant(t *testing.T) {
	rb := eligibility.Shiyan2023()
	rb.ID = "variant"
	rb.FemaleRetirementAge = 50
	for i := range rb.Rules {
		switch rb.Rules[i].Group {
		case eligibility.GroupAffluentResident:
			rb.Rules[i].TierAbove = decimal.NewNullDecimal(tier("2000"))
		case eligibility.GroupElderlyBackPay:
			rb.Rules[i].Ages = eligibility.AgeBand{Min: 65, Max: eligibility.MaxAge}
		case eligibility.GroupOtherUninsured:
			rb.Rules[i].Ages = eligibility.AgeBand{Min: 16, Max: eligibility.MaxAge}
			rb.Rules[i].BelowRetirement = true
		}
	}
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	affluent := person(func(r *eligibility.Resident) {
		r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		r.ResidentTier = tier("1500")
	})
	elderly := person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = d("1961-01-01") })
	woman := person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = d("1972-01-01") })
	for _, tt := range []struct {
		r               eligibility.Resident
		preset, variant eligibility.GroupSet
	}{
		{affluent, groups(eligibility.GroupAffluentResident), groups()},
		{elderly, groups(eligibility.GroupElderlyBackPay), groups()},
		{woman, groups(eligibility.GroupOtherUninsured), groups()},
	} {
		preset := eligibility.Shiyan2023()
		c1, _ := preset.Classify(tt.r, asOf2023)
		c2, _ := rb.Classify(tt.r, asOf2023)
		if c1.Groups != tt.preset || c2.Groups != tt.variant {
			t.Errorf("preset %v (want %v), variant %v (want %v)", c1.Groups, tt.preset, c2.Groups, tt.variant)
		}
	}
	// The preset is untouched: each call is a fresh value.
	if fresh := eligibility.Shiyan2023(); fresh.FemaleRetirementAge != 55 || fresh.ID != "shiyan-2023" {
		t.Error("Shiyan2023 returned a modified value")
	}
}

func TestRulebookValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(rb *eligibility.Rulebook)
		want error
	}{
		{"no ID", func(rb *eligibility.Rulebook) { rb.ID = "" }, eligibility.ErrEmptyRulebookID},
		{"ValidTo before ValidFrom", func(rb *eligibility.Rulebook) { rb.ValidTo = d("2022-01-01") }, eligibility.ErrInvalidRulebook},
		{"bad group", func(rb *eligibility.Rulebook) { rb.Rules[0].Group = 0 }, eligibility.ErrInvalidRuleGroup},
		{"empty band", func(rb *eligibility.Rulebook) { rb.Rules[0].Ages = eligibility.AgeBand{Min: 60, Max: 16} }, eligibility.ErrInvalidRulebook},
		{"female age", func(rb *eligibility.Rulebook) {
			rb.FemaleRetirementAge = 60
			rb.Rules[len(rb.Rules)-2].BelowRetirement = true
		}, eligibility.ErrInvalidRulebook},
		{"negative tier", func(rb *eligibility.Rulebook) {
			rb.Rules[4].TierAbove = decimal.NewNullDecimal(tier("-1"))
		}, eligibility.ErrInvalidRulebook},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rb := eligibility.Shiyan2023()
			tt.edit(&rb)
			if err := rb.Validate(); !errors.Is(err, tt.want) {
				t.Errorf("Validate() = %v, want %v", err, tt.want)
			}
		})
	}
}
