package eligibility_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
)

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
		{"platform_worker", "新业态从业人员", "platform worker"},
		{"food_delivery", "外卖骑手", "food-delivery rider"},
		{"resident", "城乡居民基本养老保险", "basic pension insurance for urban and rural residents"},
		{"suspended", "暂停缴费", "contributions suspended"},
		{"elsewhere_in_city", "区外市内参保", "insured elsewhere in the city"},
		{"not_found", "找不到人、联系不上、核查无信息", "cannot be found"},
		{"employment(99)", "employment(99)", ""},
	}
	if diff := cmp.Diff(want, tests, cmp.AllowUnexported(struct{ name, zh, en string }{})); diff != "" {
		t.Errorf("labels mismatch (-want +got):\n%s", diff)
	}
	f := eligibility.FlagMinimumLiving | eligibility.FlagRetiredFisher | 1<<30
	if got := f.String(); got != "minimum_living|retired_fisher|0x40000000" {
		t.Errorf("Flags.String() = %q", got)
	}
	if got := (eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty).Label(zh); got != "低保对象、特困人员" {
		t.Errorf("Flags.Label(zh) = %q", got)
	}
	if got := eligibility.Flags(0).String(); got != "" {
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
	// Enumerations are written by key, flags as a list of keys.
	for _, want := range []string{`"Gender":"female"`, `"Kind":"platform_worker"`, `"Platform":"freight"`, `"Scheme":"resident"`,
		`"Status":"suspended"`, `"Location":"outside_city"`, `"Flags":["land_acquired","college_graduate"]`, `"Contact":"not_local"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
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
