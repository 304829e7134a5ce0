package eligibility_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// TestShiyanGroups pins the groups of the 石堰 rulebook (routing's preset) as
// eligibility reads them: order, keys, ordinals, clauses and names, through
// Lookup, Group and GroupRule.Label.
func TestShiyanGroups(t *testing.T) {
	rb := shiyan()
	type row struct{ Key, Numeral, Clause, Chinese, English string }
	var got []row
	for i := range rb.Groups {
		g := eligibility.Group(i + 1)
		def, ok := rb.Group(g)
		if !ok {
			t.Fatalf("Group(%d) not found", g)
		}
		got = append(got, row{def.Key, def.Numeral, def.Clause, def.Label(language.Chinese), def.Label(language.English)})
		if back, ok := rb.Lookup(def.Key); !ok || back != g {
			t.Errorf("Lookup(%q) = %d, %v, want %d", def.Key, back, ok, g)
		}
		if def.Label(language.MustParse("zh-Hant")) != def.Name || def.Label(language.French) != def.NameEN {
			t.Errorf("group %s: Label picks the wrong name", def.Key)
		}
	}
	want := []row{
		{"small_business", "一", "二(一)", "个体工商户、小微企业等未参保市场主体", "uninsured individual businesses and small enterprises"},
		{"subsidy_eligible", "二", "二(二)", "新征地人员等符合享受政府参保缴费补贴政策人员及财政供养人员", "people eligible for contribution subsidies (newly land-acquired and others) and fiscally supported staff"},
		{"platform_worker", "三", "二(三)", "依托平台企业就业的新业态从业人员", "platform workers in new forms of employment"},
		{"licensed_freelancer", "四", "二(四)", "持有执业资格许可证群体中的自由职业者", "freelancers holding a practising licence"},
		{"affluent_resident", "五", "二(五)", "具备城镇职工养老保险缴费能力的城乡富裕人员", "affluent residents able to pay into the employee scheme"},
		{"hardship", "六", "二(六)", "低保对象、特困人员、重度残疾人员等缴费困难群体", "people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)"},
		{"suspended_elsewhere", "七", "二(七)", "区外已参保且属于暂停缴费的人员", "insured outside the district with contributions suspended"},
		{"other_uninsured", "八", "二(八)", "其他符合参保条件的应参未参人员", "other people who should be insured and are not"},
		{"elderly_back_pay", "", "三(二)2", "60周岁以上超龄未参保的长寿户籍老年居民", "uninsured local (长寿) residents aged 60 or over (back payment)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("石堰 groups mismatch (-want +got):\n%s", diff)
	}
	if rb.Document != "石堰府发〔2023〕10号" || rb.FemaleRetirementAge != 55 {
		t.Errorf("rulebook header %q %d", rb.Document, rb.FemaleRetirementAge)
	}
	// Only other_uninsured is residual (其他).
	for _, def := range rb.Groups {
		if def.Residual != (def.Key == "other_uninsured") {
			t.Errorf("group %s: Residual = %v", def.Key, def.Residual)
		}
	}
	for _, key := range []string{"", "Hardship", "hardship ", "六", "GroupHardship"} {
		if g, ok := rb.Lookup(key); ok || g != 0 {
			t.Errorf("Lookup(%q) = %d, %v", key, g, ok)
		}
	}
	for _, g := range []eligibility.Group{0, eligibility.Group(len(rb.Groups) + 1), eligibility.MaxGroups, eligibility.MaxGroups + 1, 255} {
		if def, ok := rb.Group(g); ok || def.Key != "" {
			t.Errorf("Group(%d) = %q, %v", g, def.Key, ok)
		}
	}
	// Without an English name, Label falls back to the Chinese one.
	if got := (eligibility.GroupRule{Name: "其他"}).Label(language.English); got != "其他" {
		t.Errorf("Label without NameEN = %q", got)
	}
}

func TestGroupSet(t *testing.T) {
	const a, b, last = eligibility.Group(1), eligibility.Group(6), eligibility.Group(eligibility.MaxGroups)
	s := eligibility.GroupsOf(b, a, eligibility.Group(0), eligibility.MaxGroups+1, 255, last)
	if got := slices.Collect(s.All()); !slices.Equal(got, []eligibility.Group{a, b, last}) {
		t.Errorf("All() = %v", got)
	}
	if s.Len() != 3 || s.IsEmpty() || !s.Has(b) || !s.Has(last) || s.Has(2) || s.Has(0) || s.Has(eligibility.MaxGroups+1) {
		t.Errorf("set ops wrong on %b", s)
	}
	if s.With(0) != s || s.With(eligibility.MaxGroups+1) != s || s.With(a) != s || s.With(2) == s || !s.With(2).Has(2) {
		t.Error("With")
	}
	if !eligibility.Group(1).IsValid() || !last.IsValid() || eligibility.Group(0).IsValid() || (last + 1).IsValid() {
		t.Error("IsValid")
	}
	var empty eligibility.GroupSet
	if !empty.IsEmpty() || empty.Len() != 0 || slices.Collect(empty.All()) != nil || eligibility.GroupsOf() != empty {
		t.Error("the zero GroupSet must be empty")
	}
	// Bit 0 is no group: a set holding only it is empty.
	if junk := eligibility.GroupSet(1); !junk.IsEmpty() || junk.Len() != 0 || slices.Collect(junk.All()) != nil || junk.Has(0) {
		t.Error("bit 0 must not count as a group")
	}
	all := eligibility.GroupSet(0)
	for g := eligibility.Group(1); g <= eligibility.MaxGroups; g++ {
		all = all.With(g)
	}
	if all.Len() != eligibility.MaxGroups {
		t.Errorf("a full set has %d groups", all.Len())
	}
	n := 0
	for range all.All() {
		n++
		break
	}
	if n != 1 {
		t.Error("All() must stop when the loop breaks")
	}
}

func TestRulebookKeysLabels(t *testing.T) {
	rb := shiyan()
	s := groups(groupOf(&rb, "hardship"), groupOf(&rb, "small_business"), groupOf(&rb, "elderly_back_pay"))
	if got := rb.Keys(s); got != "small_business,hardship,elderly_back_pay" {
		t.Errorf("Keys() = %q", got)
	}
	if got := rb.Labels(s, language.Chinese); got != "个体工商户、小微企业等未参保市场主体；低保对象、特困人员、重度残疾人员等缴费困难群体；60周岁以上超龄未参保的长寿户籍老年居民" {
		t.Errorf("Labels(zh) = %q", got)
	}
	if got := rb.Labels(groups(groupOf(&rb, "platform_worker"), groupOf(&rb, "affluent_resident")), language.English); got != "platform workers in new forms of employment; affluent residents able to pay into the employee scheme" {
		t.Errorf("Labels(en) = %q", got)
	}
	if rb.Keys(0) != "" || rb.Labels(0, language.Chinese) != "" {
		t.Error("an empty set has no keys")
	}
	// A group the rulebook does not define is skipped, not printed.
	if got := rb.Keys(s.With(eligibility.MaxGroups)); got != "small_business,hardship,elderly_back_pay" {
		t.Errorf("Keys() with an undefined group = %q", got)
	}
}

// testRulebook is a rulebook defined here, with groups the 石堰 preset does
// not have: a platform-kind group, a contact group, a below-retirement group
// with women retiring at 50, a non-local group, and a residual one listed
// first.
func testRulebook() eligibility.Rulebook {
	return eligibility.Rulebook{
		Document:            "测试镇〔2024〕1号",
		FemaleRetirementAge: 50,
		Groups: []eligibility.GroupRule{
			{
				Key: "leftover", Numeral: "五", Clause: "二(五)", Name: "其他未参保人员", NameEN: "other uninsured people",
				When:     eligibility.Condition{Insured: vocab.SetOf(eligibility.SchemeNone)},
				Residual: true,
			},
			{
				Key: "couriers", Numeral: "一", Clause: "二(一)", Name: "快递小哥和外卖骑手", NameEN: "couriers and food-delivery riders",
				When: eligibility.Condition{
					Employment: vocab.SetOf(eligibility.PlatformWorker),
					Platforms:  vocab.SetOf(eligibility.PlatformCourier, eligibility.PlatformFoodDelivery),
				},
			},
			{
				Key: "unreachable", Numeral: "二", Clause: "二(二)", Name: "联系不上的本区户籍人员", NameEN: "local people who cannot be reached",
				When: eligibility.Condition{
					Contact: vocab.SetOf(eligibility.ContactNotFound, eligibility.ContactNotLocal),
					Hukou:   eligibility.HukouLocal,
				},
			},
			{
				Key: "working_age_fishers", Numeral: "三", Clause: "二(三)", Name: "未达退休年龄的退捕渔民", NameEN: "retired fishers below retirement age",
				When: eligibility.Condition{
					FlagsAny:        eligibility.FlagRetiredFisher,
					Insured:         vocab.SetOf(eligibility.SchemeNone, eligibility.SchemeResident),
					BelowRetirement: true,
				},
			},
			{
				Key: "young_non_local", Clause: "二(四)", Name: "非本区户籍青年", NameEN: "young people registered elsewhere",
				When: eligibility.Condition{Hukou: eligibility.HukouNonLocal, Ages: eligibility.AgeBand{Min: 16, Max: 34}},
			},
			{
				Key: "high_tier_suspended", Numeral: "六", Clause: "二(六)", Name: "高档次暂停缴费人员", NameEN: "high tier, suspended",
				When: eligibility.Condition{
					Insured:   vocab.SetOf(eligibility.SchemeResident),
					Status:    vocab.SetOf(eligibility.StatusSuspended),
					Location:  vocab.SetOf(eligibility.InDistrict),
					TierAbove: decimal.NewNullDecimal(tier("3000")),
				},
			},
		},
	}
}

func TestCustomRulebook(t *testing.T) {
	rb := testRulebook()
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	local := func(edit func(r *eligibility.Resident)) eligibility.Resident {
		return person(func(r *eligibility.Resident) {
			r.Hukou.Local = true
			if edit != nil {
				edit(r)
			}
		})
	}
	tests := []struct {
		name string
		r    eligibility.Resident
		want string // keys
	}{
		{"local, uninsured, nothing else: residual", local(nil), "leftover"},
		{"local, in 城乡居民: nothing", local(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), ""},
		{"courier", local(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
		}), "couriers"},
		{"food delivery, insured", local(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery}
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), "couriers"},
		{"ride-hailing is not couriers", local(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformRideHailing}
		}), "leftover"},
		{"a courier kind without platform work is not couriers", local(func(r *eligibility.Resident) {
			r.Employment = eligibility.Employment{Kind: eligibility.NotEmployed, Platform: eligibility.PlatformCourier}
		}), "leftover"},
		{"not found, local", local(func(r *eligibility.Resident) { r.Contact = eligibility.ContactNotFound }), "unreachable"},
		{"not local per the village, local 户籍", local(func(r *eligibility.Resident) { r.Contact = eligibility.ContactNotLocal }), "unreachable"},
		{"reached", local(func(r *eligibility.Resident) { r.Contact = eligibility.ContactReached }), "leftover"},
		{"not found, non-local 户籍, 40", person(func(r *eligibility.Resident) { r.Contact = eligibility.ContactNotFound }), "leftover"},
		{"non-local, 34", person(func(r *eligibility.Resident) { r.Birth = d("1989-06-30") }), "young_non_local"},
		{"non-local, 35 tomorrow", person(func(r *eligibility.Resident) { r.Birth = d("1988-07-01") }), "young_non_local"},
		{"non-local, 35 today", person(func(r *eligibility.Resident) { r.Birth = d("1988-06-30") }), "leftover"},
		{"fisher, man of 40", local(func(r *eligibility.Resident) { r.Flags = eligibility.FlagRetiredFisher }), "working_age_fishers"},
		{"fisher, woman of 49 (retires at 50)", local(func(r *eligibility.Resident) {
			r.Flags, r.Gender, r.Birth = eligibility.FlagRetiredFisher, eligibility.Female, d("1973-07-01")
		}), "working_age_fishers"},
		{"fisher, woman of 50: retired", local(func(r *eligibility.Resident) {
			r.Flags, r.Gender, r.Birth = eligibility.FlagRetiredFisher, eligibility.Female, d("1973-06-30")
		}), "leftover"},
		{"fisher, gender unknown", local(func(r *eligibility.Resident) {
			r.Flags, r.Gender = eligibility.FlagRetiredFisher, eligibility.GenderUnknown
		}), "leftover"},
		// Gender and birth date from the identity number alone.
		{"fisher, woman of 43 by her identity number", local(func(r *eligibility.Resident) {
			r.Flags, r.Gender, r.Birth = eligibility.FlagRetiredFisher, eligibility.GenderUnknown, eligibility.Date{}
			r.ID = eligibility.MustParseIDNumber(withCheck("50011519800315002"))
		}), "working_age_fishers"},
		{"fisher, man retiring tomorrow by his identity number", local(func(r *eligibility.Resident) {
			r.Flags, r.Gender, r.Birth = eligibility.FlagRetiredFisher, eligibility.GenderUnknown, eligibility.Date{}
			r.ID = eligibility.MustParseIDNumber(withCheck("50011519630701001"))
		}), "working_age_fishers"},
		{"fisher, man retiring today by his identity number", local(func(r *eligibility.Resident) {
			r.Flags, r.Gender, r.Birth = eligibility.FlagRetiredFisher, eligibility.GenderUnknown, eligibility.Date{}
			r.ID = eligibility.MustParseIDNumber(withCheck("50011519630630001"))
		}), "leftover"},
		{"fisher in 城乡居民", local(func(r *eligibility.Resident) {
			r.Flags = eligibility.FlagRetiredFisher
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusActive, eligibility.InDistrict)
		}), "working_age_fishers"},
		{"tier 3000.01, suspended in the district", local(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.InDistrict)
			r.ResidentTier = tier("3000.01")
		}), "high_tier_suspended"},
		{"tier 3000, suspended in the district", local(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.InDistrict)
			r.ResidentTier = tier("3000")
		}), ""},
		{"tier 5000, suspended outside the city", local(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeResident, eligibility.StatusSuspended, eligibility.OutsideCity)
			r.ResidentTier = tier("5000")
		}), ""},
		{"several at once, residual silent", person(func(r *eligibility.Resident) {
			r.Birth = d("1995-01-01")
			r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}
			r.Flags = eligibility.FlagRetiredFisher
		}), "couriers,working_age_fishers,young_non_local"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rb.Classify(tt.r, asOf2023)
			if got := rb.Keys(c.Groups); got != tt.want {
				t.Errorf("Classify() = {%s}, want {%s}", got, tt.want)
			}
			checkReasons(t, &rb, &c)
		})
	}

	// Reasons carry this rulebook's citation and the facts of its
	// conditions.
	fisher := person(func(r *eligibility.Resident) {
		r.Gender, r.Birth, r.Flags = eligibility.Female, d("1980-03-15"), eligibility.FlagRetiredFisher|eligibility.FlagMinimumLiving
	})
	fisherGroups := rb.Classify(fisher, asOf2023)
	r, ok := fisherGroups.Reason(groupOf(&rb, "working_age_fishers"))
	if !ok {
		t.Fatal("fisher not in working_age_fishers")
	}
	if r.Checks() != eligibility.CheckFlags|eligibility.CheckScheme|eligibility.CheckRetirement || r.Flags != eligibility.FlagRetiredFisher ||
		r.Retirement != eligibility.RetirementDate(d("1980-03-15"), eligibility.Female50) || r.Age != 43 {
		t.Errorf("fisher reason = %+v", r)
	}
	wantZH := "属于测试镇〔2024〕1号 二(三)「未达退休年龄的退捕渔民」：身份为退捕渔民，未参保，未达法定退休年龄（" + r.Retirement.String() + "达到）。"
	if got := r.Text(language.Chinese); got != wantZH {
		t.Errorf("Chinese = %q, want %q", got, wantZH)
	}
	courier := person(func(r *eligibility.Resident) {
		r.Employment = eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery}
	})
	courierGroups := rb.Classify(courier, asOf2023)
	r, _ = courierGroups.Reason(groupOf(&rb, "couriers"))
	if want := "In group 一 (couriers and food-delivery riders) of 测试镇〔2024〕1号 二(一): platform worker; food-delivery rider."; r.Text(language.English) != want {
		t.Errorf("English = %q, want %q", r.Text(language.English), want)
	}
	young := person(func(r *eligibility.Resident) { r.Birth = d("2000-01-01") })
	youngGroups := rb.Classify(young, asOf2023)
	r, _ = youngGroups.Reason(groupOf(&rb, "young_non_local"))
	if want := "In the group (young people registered elsewhere) of 测试镇〔2024〕1号 二(四): household registered outside the district; aged 23 (16 to 34)."; r.Text(language.English) != want {
		t.Errorf("English = %q, want %q", r.Text(language.English), want)
	}
}

// TestResidualGroups checks that residual groups match only when no
// non-residual group did, wherever they stand in the list, that several
// residual groups may match together, and that each still needs its own
// condition.
func TestResidualGroups(t *testing.T) {
	rb := eligibility.Rulebook{
		Document: "测试", FemaleRetirementAge: 55,
		Groups: []eligibility.GroupRule{
			{Key: "rest_uninsured", Clause: "1", Name: "其他未参保", Residual: true,
				When: eligibility.Condition{Insured: vocab.SetOf(eligibility.SchemeNone)}},
			{Key: "hardship", Clause: "2", Name: "困难",
				When: eligibility.Condition{FlagsAny: eligibility.FlagMinimumLiving}},
			{Key: "rest_working_age", Clause: "3", Name: "其他劳动年龄", Residual: true,
				When: eligibility.Condition{Ages: eligibility.AgeBand{Min: 16, Max: 59}}},
			{Key: "elderly", Clause: "4", Name: "老年",
				When: eligibility.Condition{Ages: eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}}},
			{Key: "everyone_else", Clause: "5", Name: "其余", Residual: true},
		},
	}
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		r    eligibility.Resident
		want string
	}{
		{"uninsured, 40", person(nil), "rest_uninsured,rest_working_age,everyone_else"},
		{"uninsured, 40, 低保", person(func(r *eligibility.Resident) { r.Flags = eligibility.FlagMinimumLiving }), "hardship"},
		{"uninsured, 70", person(func(r *eligibility.Resident) { r.Birth = d("1953-01-01") }), "elderly"},
		{"insured, 40", person(func(r *eligibility.Resident) {
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), "rest_working_age,everyone_else"},
		{"insured, age unknown", person(func(r *eligibility.Resident) {
			r.Birth = eligibility.Date{}
			r.Insurance = insured(eligibility.SchemeEmployee, eligibility.StatusActive, eligibility.InDistrict)
		}), "everyone_else"},
		{"70 and 低保", person(func(r *eligibility.Resident) {
			r.Birth = d("1953-01-01")
			r.Flags = eligibility.FlagMinimumLiving
		}), "hardship,elderly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := rb.Classify(tt.r, asOf2023)
			if got := rb.Keys(c.Groups); got != tt.want {
				t.Fatalf("Classify() = {%s}, want {%s}", got, tt.want)
			}
			checkReasons(t, &rb, &c)
			for r := range c.Reasons() {
				def, _ := rb.Group(r.Group)
				if (r.Checks()&eligibility.CheckResidual != 0) != def.Residual {
					t.Errorf("reason %s: Checks %b, residual %v", r.Key, r.Checks(), def.Residual)
				}
			}
		})
	}
	// A residual group with no condition checks only that it is residual.
	c := rb.Classify(person(nil), asOf2023)
	r, _ := c.Reason(groupOf(&rb, "everyone_else"))
	if r.Checks() != eligibility.CheckResidual || r.Text(language.Chinese) != "属于测试 5「其余」：不属于其他重点人群。" {
		t.Errorf("reason = %b %q", r.Checks(), r.Text(language.Chinese))
	}
}

// TestClassifyMaxGroups fills a rulebook with MaxGroups groups: every one
// holds, and a reused Classification drops the reasons of the groups that
// stop holding. Groups beyond MaxGroups (a rulebook Validate refuses) are
// ignored, not a panic.
func TestClassifyMaxGroups(t *testing.T) {
	rb := eligibility.Rulebook{Document: "测试"}
	for i := range eligibility.MaxGroups + 1 {
		rb.Groups = append(rb.Groups, eligibility.GroupRule{
			Key: fmt.Sprintf("g%d", i+1), Clause: fmt.Sprint(i + 1), Name: fmt.Sprint("组", i+1),
			When: eligibility.Condition{Ages: eligibility.AgeBand{Min: i, Max: eligibility.MaxAge}},
		})
	}
	old := person(nil) // 40: every band holds
	c := rb.Classify(old, asOf2023)
	if c.Groups.Len() != eligibility.MaxGroups {
		t.Fatalf("%d groups, want %d", c.Groups.Len(), eligibility.MaxGroups)
	}
	rb.Groups = rb.Groups[:eligibility.MaxGroups]
	if err := rb.Validate(); err != nil {
		t.Fatal(err)
	}
	checkReasons(t, &rb, &c)
	r, ok := c.Reason(eligibility.MaxGroups)
	if !ok || r.Key != "g15" || r.Ages.Min != 14 {
		t.Errorf("Reason(MaxGroups) = %+v, %v", r, ok)
	}
	child := person(func(r *eligibility.Resident) { r.Birth = d("2016-01-01") }) // 7: groups g1..g8
	rb.ClassifyInto(&c, &child, asOf2023)
	if want := rb.Classify(child, asOf2023); c != want || c.Groups.Len() != 8 {
		t.Errorf("reused Classification: {%s}, want {%s}", rb.Keys(c.Groups), rb.Keys(want.Groups))
	}
	if _, ok := c.Reason(9); ok {
		t.Error("a dropped group keeps its reason")
	}
}
