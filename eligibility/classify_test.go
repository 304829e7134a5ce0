package eligibility_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

// asOf2023 is a day of the 石堰 campaign year.
var asOf2023 = eligibility.MustParseDate("2023-06-30")

// shiyan returns a fresh copy of the 石堰 rulebook, the groups of routing's
// preset: changing it changes no one else's.
func shiyan() eligibility.Rulebook {
	p := routing.Shiyan2023()
	return p.Rulebook()
}

// groupOf returns the group of rb whose key is key. It panics when rb has no
// such group, so that a renamed group fails every test that uses it rather
// than matching nothing.
func groupOf(rb *eligibility.Rulebook, key string) eligibility.Group {
	g, ok := rb.Lookup(key)
	if !ok {
		panic("rulebook has no group " + key)
	}
	return g
}

// ruleOf returns a pointer to the definition of the group key of rb, to
// change a copy of a rulebook.
func ruleOf(rb *eligibility.Rulebook, key string) *eligibility.GroupRule {
	return &rb.Groups[groupOf(rb, key)-1]
}

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
	rb := shiyan()
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	var (
		G1 = groupOf(&rb, "small_business")
		G2 = groupOf(&rb, "subsidy_eligible")
		G3 = groupOf(&rb, "platform_worker")
		G4 = groupOf(&rb, "licensed_freelancer")
		G5 = groupOf(&rb, "affluent_resident")
		G6 = groupOf(&rb, "hardship")
		G7 = groupOf(&rb, "suspended_elsewhere")
		G8 = groupOf(&rb, "other_uninsured")
		GE = groupOf(&rb, "elderly_back_pay")
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
		// 三(二)2's 代缴 goes on for hardship residents already in 城乡居民:
		// they stay in the group, followed in the 实名库.
		{"六 低保 already in 城乡居民", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagMinimumLiving
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), groups(G6)},
		{"六 特困 in 城乡居民, suspended", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagExtremePoverty
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.InDistrict)
		}), groups(G6)},
		{"六 重度残疾 in 企业职工 is not 六", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagSevereDisability
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},
		{"六 低保 in another statutory scheme is not 六", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagMinimumLiving
			r.Insurance = insured(eligibility.SchemeOther, eligibility.StatusActive, eligibility.InDistrict)
		}), groups()},
		{"六 with tier above 1000: 五 and 六", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagSevereDisability
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			r.ResidentTier = tier("1500")
		}), groups(G5, G6)},
		{"六 flag outside 六's list (高校毕业生) in 城乡居民", person(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagCollegeGraduate
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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rb.Classify(tt.r, asOf2023)
			if c.Groups != tt.want {
				t.Errorf("Classify() groups = {%s}, want {%s}", rb.Keys(c.Groups), rb.Keys(tt.want))
			}
			checkReasons(t, &rb, &c)
		})
	}
}

// checkReasons checks that every group has a reason that names it and
// carries its rulebook's key, names and citation, and that no other group has
// one.
func checkReasons(t *testing.T, rb *eligibility.Rulebook, c *eligibility.Classification) {
	t.Helper()
	n := 0
	for r := range c.Reasons() {
		n++
		if !c.Groups.Has(r.Group) {
			t.Errorf("reason for %d, which is not in {%s}", r.Group, rb.Keys(c.Groups))
		}
		def, ok := rb.Group(r.Group)
		if !ok {
			t.Errorf("reason for group %d, which the rulebook does not define", r.Group)
			continue
		}
		if r.Document != rb.Document || r.Clause != def.Clause || r.Key != def.Key || r.Numeral != def.Numeral ||
			r.Name != def.Name || r.NameEN != def.NameEN || r.Checks() == 0 || r.Age != c.Age {
			t.Errorf("reason %+v lacks its group's key, names, citation or checks", r)
		}
	}
	if n != c.Groups.Len() {
		t.Errorf("%d reasons for %d groups", n, c.Groups.Len())
	}
	for g := eligibility.Group(0); g <= eligibility.MaxGroups+1; g++ {
		r, ok := c.Reason(g)
		if ok != c.Groups.Has(g) || (ok && r.Group != g) || (!ok && r != (eligibility.Reason{})) {
			t.Errorf("Reason(%d) = %v, %v", g, r.Group, ok)
		}
	}
}

func TestClassifyReasonFacts(t *testing.T) {
	rb := shiyan()
	r := person(func(r *eligibility.Resident) {
		r.Hukou.Local = true
		r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
		r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.OutsideCity)
		r.ResidentTier = tier("1500")
	})
	c := rb.Classify(r, asOf2023)
	got, ok := c.Reason(groupOf(&rb, "affluent_resident"))
	if !ok {
		t.Fatal("not in group 五")
	}
	if got.Checks() != eligibility.CheckScheme|eligibility.CheckTier || !got.Tier.Equal(tier("1500")) || !got.TierAbove.Equal(tier("1000")) {
		t.Errorf("reason 五 = %+v", got)
	}
	if got.Key != "affluent_resident" || got.Numeral != "五" || got.Clause != "二(五)" || got.Document != "石堰府发〔2023〕10号" ||
		got.Name != "具备城镇职工养老保险缴费能力的城乡富裕人员" || got.NameEN != "affluent residents able to pay into the employee scheme" {
		t.Errorf("reason 五 cites %q %q %q %q %q %q", got.Key, got.Numeral, got.Clause, got.Document, got.Name, got.NameEN)
	}
	got, _ = c.Reason(groupOf(&rb, "suspended_elsewhere"))
	wantChecks := eligibility.CheckScheme | eligibility.CheckStatus | eligibility.CheckLocation | eligibility.CheckHukou
	if got.Checks() != wantChecks || got.Location != eligibility.OutsideCity || got.Status != eligibility.StatusSuspended || !got.Local {
		t.Errorf("reason 七 = %+v", got)
	}
	// A check the rule did not apply leaves its rule-side fields zero.
	if !got.Ages.IsZero() || !got.Retirement.IsZero() || !got.TierAbove.IsZero() {
		t.Errorf("reason 七 carries the band, retirement or threshold of checks it did not apply: %+v", got)
	}
	got, _ = c.Reason(groupOf(&rb, "platform_worker"))
	if got.Checks() != eligibility.CheckEmployment|eligibility.CheckScheme || got.Employment != eligibility.PlatformWorker ||
		got.Platform != eligibility.PlatformCourier || got.Scheme != eligibility.SchemeResident {
		t.Errorf("reason 三 = %+v", got)
	}
	if c.Age != 40 || c.AsOf != asOf2023 {
		t.Errorf("classification header = %d %v", c.Age, c.AsOf)
	}
	if got := rb.Keys(c.Groups); got != "platform_worker,affluent_resident,suspended_elsewhere" {
		t.Errorf("groups = %s", got)
	}
}

func TestReasonText(t *testing.T) {
	rb := shiyan()
	tests := []struct {
		name   string
		r      eligibility.Resident
		group  string
		zh, en string
	}{
		{
			"affluent", person(func(r *eligibility.Resident) {
				r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
				r.ResidentTier = tier("1000.01")
			}), "affluent_resident",
			"属于石堰府发〔2023〕10号 二(五)「具备城镇职工养老保险缴费能力的城乡富裕人员」：已参加城乡居民基本养老保险，缴费档次1000.01元，高于1000元。",
			"In group 五 (affluent residents able to pay into the employee scheme) of 石堰府发〔2023〕10号 二(五): insured in basic pension insurance for urban and rural residents; contribution tier 1000.01 yuan, above 1000 yuan.",
		},
		{
			"hardship", person(func(r *eligibility.Resident) {
				r.Flags = eligibility.FlagMinimumLiving | eligibility.FlagSevereDisability | eligibility.FlagCollegeGraduate
			}), "hardship",
			"属于石堰府发〔2023〕10号 二(六)「低保对象、特困人员、重度残疾人员等缴费困难群体」：身份为低保对象、重度残疾人，未参保。",
			"In group 六 (people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)) of 石堰府发〔2023〕10号 二(六): marked as minimum living allowance recipient, person with a severe disability; not insured.",
		},
		{
			"hardship already in 城乡居民", person(func(r *eligibility.Resident) {
				r.Flags = eligibility.FlagExtremePoverty
				r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
			}), "hardship",
			"属于石堰府发〔2023〕10号 二(六)「低保对象、特困人员、重度残疾人员等缴费困难群体」：身份为特困人员，已参加城乡居民基本养老保险。",
			"In group 六 (people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)) of 石堰府发〔2023〕10号 二(六): marked as person in extreme poverty; insured in basic pension insurance for urban and rural residents.",
		},
		{
			"other", person(nil), "other_uninsured",
			"属于石堰府发〔2023〕10号 二(八)「其他符合参保条件的应参未参人员」：未就业，未参保，年龄40周岁（16至59周岁），不属于其他重点人群。",
			"In group 八 (other people who should be insured and are not) of 石堰府发〔2023〕10号 二(八): not employed; not insured; aged 40 (16 to 59); in no other target group.",
		},
		{
			"platform kind named", person(func(r *eligibility.Resident) {
				r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
			}), "platform_worker",
			"属于石堰府发〔2023〕10号 二(三)「依托平台企业就业的新业态从业人员」：新业态从业人员（快递小哥），未参保。",
			"In group 三 (platform workers in new forms of employment) of 石堰府发〔2023〕10号 二(三): platform worker (courier); not insured.",
		},
		{
			"platform kind unknown", person(func(r *eligibility.Resident) {
				r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker}
			}), "platform_worker",
			"属于石堰府发〔2023〕10号 二(三)「依托平台企业就业的新业态从业人员」：新业态从业人员，未参保。",
			"In group 三 (platform workers in new forms of employment) of 石堰府发〔2023〕10号 二(三): platform worker; not insured.",
		},
		{
			"elderly", person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = d("1950-05-05") }), "elderly_back_pay",
			"属于石堰府发〔2023〕10号 三(二)2「60周岁以上超龄未参保的长寿户籍老年居民」：未参保，本区户籍，年龄73周岁（60周岁以上）。",
			"In the group (uninsured local (长寿) residents aged 60 or over (back payment)) of 石堰府发〔2023〕10号 三(二)2: not insured; household registered in the district; aged 73 (60 or over).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rb.Classify(tt.r, asOf2023)
			r, ok := c.Reason(groupOf(&rb, tt.group))
			if !ok {
				t.Fatalf("not in %s: {%s}", tt.group, rb.Keys(c.Groups))
			}
			if diff := cmp.Diff(tt.zh, r.Text(language.Chinese)); diff != "" {
				t.Errorf("Chinese mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.en, r.Text(language.English)); diff != "" {
				t.Errorf("English mismatch (-want +got):\n%s", diff)
			}
			if r.Text(language.MustParse("zh-Hant-TW")) != r.Text(language.Chinese) {
				t.Error("Text must pick Chinese for any zh tag")
			}
		})
	}
}

// TestRulebookVariant shows a town's variant as a new value: a tier
// threshold of 2000 元, elderly from 65, and group 八 only below the
// statutory retirement age, with women retiring at 50.
func TestRulebookVariant(t *testing.T) {
	rb := shiyan()
	rb.FemaleRetirementAge = 50
	ruleOf(&rb, "affluent_resident").When.TierAbove = decimal.NewNullDecimal(tier("2000"))
	ruleOf(&rb, "elderly_back_pay").When.Ages = eligibility.AgeBand{Min: 65, Max: eligibility.MaxAge}
	other := ruleOf(&rb, "other_uninsured")
	other.When.Ages = eligibility.AgeBand{Min: 16, Max: eligibility.MaxAge}
	other.When.BelowRetirement = true
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	affluent := person(func(r *eligibility.Resident) {
		r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		r.ResidentTier = tier("1500")
	})
	elderly := person(func(r *eligibility.Resident) { r.Hukou.Local = true; r.Birth = d("1961-01-01") })
	woman := person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = d("1972-01-01") })
	youngWoman := person(func(r *eligibility.Resident) { r.Gender = eligibility.Female; r.Birth = d("1980-01-01") })
	preset := shiyan()
	for _, tt := range []struct {
		name            string
		r               eligibility.Resident
		preset, variant string
	}{
		{"tier 1500", affluent, "affluent_resident", ""},
		{"local man of 62", elderly, "elderly_back_pay", ""},
		{"woman of 51, retired at 50", woman, "other_uninsured", ""},
		{"woman of 43", youngWoman, "other_uninsured", "other_uninsured"},
	} {
		c1, c2 := preset.Classify(tt.r, asOf2023), rb.Classify(tt.r, asOf2023)
		if got1, got2 := preset.Keys(c1.Groups), rb.Keys(c2.Groups); got1 != tt.preset || got2 != tt.variant {
			t.Errorf("%s: preset {%s} (want {%s}), variant {%s} (want {%s})", tt.name, got1, tt.preset, got2, tt.variant)
		}
	}
	youngGroups := rb.Classify(youngWoman, asOf2023)
	r, ok := youngGroups.Reason(groupOf(&rb, "other_uninsured"))
	if !ok || r.Checks()&eligibility.CheckRetirement == 0 || r.Retirement != eligibility.RetirementDate(d("1980-01-01"), eligibility.Female50) {
		t.Errorf("variant reason = %+v", r)
	}
	// The preset is untouched: each call is a fresh value.
	fresh := shiyan()
	if fresh.FemaleRetirementAge != 55 || !ruleOf(&fresh, "affluent_resident").When.TierAbove.Decimal.Equal(tier("1000")) ||
		ruleOf(&fresh, "other_uninsured").When.BelowRetirement {
		t.Error("routing.Shiyan2023 returned a modified value")
	}
}

func TestRulebookValidate(t *testing.T) {
	named := func(key string) eligibility.GroupRule {
		return eligibility.GroupRule{Key: key, Clause: "一", Name: "名称 " + key, NameEN: key}
	}
	many := func(n int) func(rb *eligibility.Rulebook) {
		return func(rb *eligibility.Rulebook) {
			rb.Groups = nil
			for i := range n {
				rb.Groups = append(rb.Groups, named(fmt.Sprintf("g%d", i)))
			}
		}
	}
	tests := []struct {
		name   string
		edit   func(rb *eligibility.Rulebook)
		want   error // nil: valid
		group  int   // RulebookError.Group
		key    string
		detail string // in the message
	}{
		{"preset", func(rb *eligibility.Rulebook) {}, nil, 0, "", ""},
		{"no groups", func(rb *eligibility.Rulebook) { rb.Groups = nil }, nil, 0, "", ""},
		{"15 groups", many(15), nil, 0, "", ""},
		{"16 groups", many(16), eligibility.ErrTooManyGroups, -1, "", "16 groups"},
		{"empty key", func(rb *eligibility.Rulebook) { rb.Groups[2].Key = "" }, eligibility.ErrGroupKey, 2, "", "lower-case"},
		{"upper-case key", func(rb *eligibility.Rulebook) { rb.Groups[0].Key = "SmallBusiness" }, eligibility.ErrGroupKey, 0, "SmallBusiness", "lower-case"},
		{"hyphen in key", func(rb *eligibility.Rulebook) { rb.Groups[1].Key = "subsidy-eligible" }, eligibility.ErrGroupKey, 1, "subsidy-eligible", "lower-case"},
		{"Chinese key", func(rb *eligibility.Rulebook) { rb.Groups[5].Key = "困难群体" }, eligibility.ErrGroupKey, 5, "困难群体", "lower-case"},
		{"key of 65 bytes", func(rb *eligibility.Rulebook) { rb.Groups[5].Key = strings.Repeat("k", 65) }, eligibility.ErrGroupKey, 5, strings.Repeat("k", 40), ""},
		{"duplicate key", func(rb *eligibility.Rulebook) { rb.Groups[6].Key = "hardship" }, eligibility.ErrGroupKey, 6, "hardship", "also groups[5]"},
		{"no name", func(rb *eligibility.Rulebook) { rb.Groups[3].Name = "" }, eligibility.ErrInvalidRulebook, 3, "licensed_freelancer", "name and a clause"},
		{"no clause", func(rb *eligibility.Rulebook) { rb.Groups[4].Clause = "" }, eligibility.ErrInvalidRulebook, 4, "affluent_resident", "name and a clause"},
		{"no English name is fine", func(rb *eligibility.Rulebook) { rb.Groups[4].NameEN = "" }, nil, 0, "", ""},
		{"empty band", func(rb *eligibility.Rulebook) { rb.Groups[7].When.Ages = eligibility.AgeBand{Min: 60, Max: 16} }, eligibility.ErrInvalidRulebook, 7, "other_uninsured", "60-16"},
		{"negative band", func(rb *eligibility.Rulebook) { rb.Groups[7].When.Ages = eligibility.AgeBand{Min: -5, Max: 16} }, eligibility.ErrInvalidRulebook, 7, "other_uninsured", "-5-16"},
		{"female age 60", func(rb *eligibility.Rulebook) {
			rb.FemaleRetirementAge = 60
			rb.Groups[7].When.BelowRetirement = true
		}, eligibility.ErrInvalidRulebook, 7, "other_uninsured", "not 60"},
		{"female age unset", func(rb *eligibility.Rulebook) {
			rb.FemaleRetirementAge = 0
			rb.Groups[0].When.BelowRetirement = true
		}, eligibility.ErrInvalidRulebook, 0, "small_business", "not 0"},
		{"female age 50", func(rb *eligibility.Rulebook) {
			rb.FemaleRetirementAge = 50
			rb.Groups[7].When.BelowRetirement = true
		}, nil, 0, "", ""},
		{"female age unused", func(rb *eligibility.Rulebook) { rb.FemaleRetirementAge = 60 }, nil, 0, "", ""},
		{"negative tier", func(rb *eligibility.Rulebook) {
			rb.Groups[4].When.TierAbove = decimal.NewNullDecimal(tier("-1"))
		}, eligibility.ErrInvalidRulebook, 4, "affluent_resident", "negative tier threshold -1"},
		{"tier 0 is fine", func(rb *eligibility.Rulebook) {
			rb.Groups[4].When.TierAbove = decimal.NewNullDecimal(tier("0"))
		}, nil, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rb := shiyan()
			tt.edit(&rb)
			err := rb.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Validate() = %v, want %v", err, tt.want)
			}
			var re *eligibility.RulebookError
			if !errors.As(err, &re) || re.Group != tt.group || (re.Group >= 0 && re.Key != rb.Groups[re.Group].Key) {
				t.Fatalf("Validate() = %#v, want groups[%d]", err, tt.group)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "eligibility: rulebook") || !strings.Contains(msg, tt.want.Error()) ||
				!strings.Contains(msg, tt.key) || !strings.Contains(msg, tt.detail) {
				t.Errorf("message %q lacks the key %q, sentinel or detail %q", msg, tt.key, tt.detail)
			}
			if tt.group >= 0 && !strings.Contains(msg, fmt.Sprintf("groups[%d]", tt.group)) {
				t.Errorf("message %q does not name groups[%d]", msg, tt.group)
			}
		})
	}
}
