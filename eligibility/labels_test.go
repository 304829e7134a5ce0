package eligibility_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

func TestGroupLabels(t *testing.T) {
	type row struct{ Name, Numeral, Clause, Chinese, English string }
	var got []row
	for g := eligibility.Group(1); g <= eligibility.NumGroups; g++ {
		got = append(got, row{g.String(), g.Numeral(), g.Clause(), g.Label(language.Chinese), g.Label(language.English)})
		var back eligibility.Group
		text, _ := g.MarshalText()
		if err := back.UnmarshalText(text); err != nil || back != g {
			t.Errorf("text round trip of %v = %v, %v", g, back, err)
		}
		if g.Numeral() != "" {
			if err := back.UnmarshalText([]byte(g.Numeral())); err != nil || back != g {
				t.Errorf("UnmarshalText(%s) = %v, %v", g.Numeral(), back, err)
			}
		}
	}
	want := []row{
		{"SmallBusiness", "一", "二(一)", "个体工商户、小微企业等未参保市场主体", "uninsured individual businesses and small enterprises"},
		{"SubsidyEligible", "二", "二(二)", "新征地人员等符合享受政府参保缴费补贴政策人员及财政供养人员", "people eligible for contribution subsidies (newly land-acquired and others) and fiscally supported staff"},
		{"PlatformWorker", "三", "二(三)", "依托平台企业就业的新业态从业人员", "platform workers in new forms of employment"},
		{"LicensedFreelancer", "四", "二(四)", "持有执业资格许可证群体中的自由职业者", "freelancers holding a practising licence"},
		{"AffluentResident", "五", "二(五)", "具备城镇职工养老保险缴费能力的城乡富裕人员", "affluent residents able to pay into the employee scheme"},
		{"Hardship", "六", "二(六)", "低保对象、特困人员、重度残疾人员等缴费困难群体", "people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)"},
		{"SuspendedElsewhere", "七", "二(七)", "区外已参保且属于暂停缴费的人员", "insured outside the district with contributions suspended"},
		{"OtherUninsured", "八", "二(八)", "其他符合参保条件的应参未参人员", "other people who should be insured and are not"},
		{"ElderlyBackPay", "", "三(二)2", "60周岁以上超龄未参保的本地户籍老年居民（补缴）", "uninsured local residents aged 60 or over (back payment)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("group labels mismatch (-want +got):\n%s", diff)
	}
	if eligibility.Group(0).IsValid() || eligibility.Group(10).IsValid() || eligibility.Group(10).String() != "Group(10)" {
		t.Error("invalid groups")
	}
	var g eligibility.Group
	var te *eligibility.TextError
	if err := g.UnmarshalText([]byte("nope")); !errors.As(err, &te) {
		t.Errorf("UnmarshalText(nope) = %v", err)
	}
}

func TestGroupSet(t *testing.T) {
	s := eligibility.GroupsOf(eligibility.GroupHardship, eligibility.GroupSmallBusiness, eligibility.Group(0), eligibility.Group(12))
	if got := slices.Collect(s.All()); !slices.Equal(got, []eligibility.Group{eligibility.GroupSmallBusiness, eligibility.GroupHardship}) {
		t.Errorf("All() = %v", got)
	}
	if s.Len() != 2 || s.IsEmpty() || !s.Has(eligibility.GroupHardship) || s.Has(eligibility.GroupPlatformWorker) || s.Has(0) {
		t.Errorf("set ops wrong on %v", s)
	}
	if s.String() != "{SmallBusiness,Hardship}" || (eligibility.GroupSet(0)).String() != "{}" {
		t.Errorf("String() = %q", s.String())
	}
	if s.Without(eligibility.GroupHardship) != eligibility.GroupsOf(eligibility.GroupSmallBusiness) {
		t.Error("Without")
	}
	if eligibility.AllGroups.Len() != eligibility.NumGroups {
		t.Errorf("AllGroups has %d groups", eligibility.AllGroups.Len())
	}
	n := 0
	for range eligibility.AllGroups.All() {
		n++
		break
	}
	if n != 1 {
		t.Error("All() must stop when the loop breaks")
	}
}

func TestEnumLabels(t *testing.T) {
	zh, en := language.Chinese, language.English
	tests := []struct{ name, zh, en string }{
		{eligibility.Male.String(), eligibility.Male.Label(zh), eligibility.Male.Label(en)},
		{eligibility.PlatformWorker.String(), eligibility.PlatformWorker.Label(zh), eligibility.PlatformWorker.Label(en)},
		{eligibility.PlatformFoodDelivery.String(), eligibility.PlatformFoodDelivery.Label(zh), eligibility.PlatformFoodDelivery.Label(en)},
		{eligibility.SchemeResident.String(), eligibility.SchemeResident.Label(zh), eligibility.SchemeResident.Label(en)},
		{eligibility.StatusSuspended.String(), eligibility.StatusSuspended.Label(zh), eligibility.StatusSuspended.Label(en)},
		{eligibility.ElsewhereInCity.String(), eligibility.ElsewhereInCity.Label(zh), eligibility.ElsewhereInCity.Label(en)},
		{eligibility.ContactNotFound.String(), eligibility.ContactNotFound.Label(zh), eligibility.ContactNotFound.Label(en)},
		{eligibility.EmploymentKind(99).String(), eligibility.EmploymentKind(99).Label(zh), ""},
	}
	want := []struct{ name, zh, en string }{
		{"male", "男", "male"},
		{"PlatformWorker", "新业态从业人员", "platform worker"},
		{"PlatformFoodDelivery", "外卖骑手", "food-delivery rider"},
		{"SchemeResident", "城乡居民基本养老保险", "basic pension insurance for urban and rural residents"},
		{"StatusSuspended", "暂停缴费", "contributions suspended"},
		{"ElsewhereInCity", "区外市内参保", "insured elsewhere in the city"},
		{"ContactNotFound", "找不到人、联系不上、核查无信息", "cannot be found"},
		{"EmploymentKind(99)", "EmploymentKind(99)", ""},
	}
	if diff := cmp.Diff(want, tests, cmp.AllowUnexported(struct{ name, zh, en string }{})); diff != "" {
		t.Errorf("labels mismatch (-want +got):\n%s", diff)
	}
	f := eligibility.FlagMinimumLiving | eligibility.FlagRetiredFisher | 1<<30
	if got := f.String(); got != "FlagMinimumLiving|FlagRetiredFisher|0x40000000" {
		t.Errorf("Flags.String() = %q", got)
	}
	if got := (eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty).Label(zh); got != "低保对象、特困人员" {
		t.Errorf("Flags.Label(zh) = %q", got)
	}
	if got := eligibility.Flags(0).String(); got != "0" {
		t.Errorf("Flags(0).String() = %q", got)
	}
}

func TestGenderText(t *testing.T) {
	for in, want := range map[string]eligibility.Gender{"男": eligibility.Male, "female": eligibility.Female, "F": eligibility.Female, "": eligibility.GenderUnknown} {
		var g eligibility.Gender
		if err := g.UnmarshalText([]byte(in)); err != nil || g != want {
			t.Errorf("UnmarshalText(%q) = %v, %v", in, g, err)
		}
	}
	var g eligibility.Gender
	if err := g.UnmarshalText([]byte("x")); err == nil {
		t.Error("UnmarshalText(x) succeeded")
	}
	if eligibility.Female.Label(language.MustParse("zh-Hant")) != "女" || eligibility.GenderUnknown.Label(language.Chinese) != "未知" {
		t.Error("Chinese labels")
	}
}

func TestResidentJSONRoundTrip(t *testing.T) {
	in := eligibility.Resident{
		ID:     eligibility.MustParseIDNumber("11010519491231002X"),
		Name:   "张三",
		Gender: eligibility.Female,
		Hukou:  eligibility.Hukou{Area: "重庆市长寿区", Village: "石堰社区", Local: true},
		Employment: eligibility.Employment{
			Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFreight,
		},
		Insurance:      eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusSuspended, Location: eligibility.OutsideCity},
		ResidentTier:   tier("1000.01"),
		Flags:          eligibility.FlagLandAcquired | eligibility.FlagCollegeGraduate,
		LandAcquiredOn: d("2022-05-01"),
		Contact:        eligibility.ContactNotLocal,
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out eligibility.Resident
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	opts := cmp.Options{
		cmp.Comparer(func(a, b eligibility.Date) bool { return a == b }),
		cmp.Comparer(func(a, b eligibility.IDNumber) bool { return a == b }),
		cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	}
	if diff := cmp.Diff(in, out, opts); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestEnumUnmarshalText(t *testing.T) {
	var s eligibility.Scheme
	if err := s.UnmarshalText([]byte("城乡居民基本养老保险")); err != nil || s != eligibility.SchemeResident {
		t.Errorf("Scheme = %v, %v", s, err)
	}
	var k eligibility.EmploymentKind
	if err := k.UnmarshalText([]byte("个体工商户")); err != nil || k != eligibility.SelfEmployedBusiness {
		t.Errorf("EmploymentKind = %v, %v", k, err)
	}
	var p eligibility.PlatformKind
	if err := p.UnmarshalText([]byte("courier")); err != nil || p != eligibility.PlatformCourier {
		t.Errorf("PlatformKind = %v, %v", p, err)
	}
	var f eligibility.Flags
	if err := f.UnmarshalText([]byte("低保对象、重度残疾人")); err != nil || f != eligibility.FlagMinimumLiving|eligibility.FlagSevereDisability {
		t.Errorf("Flags = %v, %v", f, err)
	}
	if err := f.UnmarshalText([]byte("低保对象|nope")); err == nil {
		t.Error("unknown flag accepted")
	}
	var st eligibility.InsuranceStatus
	if err := st.UnmarshalText([]byte("bogus")); err == nil {
		t.Error("unknown status accepted")
	}
	var c eligibility.RetirementClass
	if err := c.UnmarshalText([]byte("Female50")); err != nil || c != eligibility.Female50 {
		t.Errorf("RetirementClass = %v, %v", c, err)
	}
}
