package eligibility_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
)

func ExampleParseIDNumber() {
	id, err := eligibility.ParseIDNumber("11010519491231002x")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.Masked(), id.BirthDate(), id.Gender(), id.AreaCode())

	// A 15-digit number of GB 11643-1989 is upgraded.
	legacy := eligibility.MustParseIDNumber("110105491231002")
	fmt.Println(legacy == id)
	// Output:
	// 110105********002X 1949-12-31 female 110105
	// true
}

func ExampleIDError() {
	_, err := eligibility.ParseIDNumber("110105194912310021")
	fmt.Println(err)
	var e *eligibility.IDError
	if errors.As(err, &e) {
		fmt.Println(e.Err, string(e.Expected), errors.Is(err, eligibility.ErrIDCheck))
	}
	// Output:
	// eligibility: identity number "110105********0021": check character is 1, want X
	// identity number check character does not match X true
}

func ExampleDate_AddMonths() {
	d := eligibility.MustParseDate("2023-01-31")
	fmt.Println(d.AddMonths(1), d.AddMonths(2), eligibility.MustParseDate("2024-01-31").AddMonths(1))
	// Output: 2023-02-28 2023-03-31 2024-02-29
}

func ExampleAgeOn() {
	birth := eligibility.MustParseDate("2000-02-29")
	for _, on := range []string{"2023-02-28", "2023-03-01", "2024-02-29"} {
		fmt.Println(on, eligibility.AgeOn(birth, eligibility.MustParseDate(on)))
	}
	// Output:
	// 2023-02-28 22
	// 2023-03-01 23
	// 2024-02-29 24
}

func ExampleRetirementDate() {
	for _, c := range []struct {
		born  string
		class eligibility.RetirementClass
	}{
		{"1964-12-10", eligibility.Male60},
		{"1965-01-10", eligibility.Male60},
		{"1976-09-10", eligibility.Male60},
		{"1970-01-10", eligibility.Female55},
		{"1975-01-10", eligibility.Female50},
		{"1984-11-10", eligibility.Female50},
	} {
		birth := eligibility.MustParseDate(c.born)
		y, m := eligibility.RetirementAge(birth, c.class)
		rd := eligibility.RetirementDate(birth, c.class)
		fmt.Printf("%s %-8v %d岁%d个月 %s 最低缴费%d个月\n", c.born, c.class, y, m, rd, eligibility.MinContributionMonths(rd.Year()))
	}
	// Output:
	// 1964-12-10 male60   60岁0个月 2024-12-10 最低缴费180个月
	// 1965-01-10 male60   60岁1个月 2025-02-10 最低缴费180个月
	// 1976-09-10 male60   63岁0个月 2039-09-10 最低缴费240个月
	// 1970-01-10 female55 55岁1个月 2025-02-10 最低缴费180个月
	// 1975-01-10 female50 50岁1个月 2025-02-10 最低缴费180个月
	// 1984-11-10 female50 55岁0个月 2039-11-10 最低缴费240个月
}

func ExampleRulebook_Classify() {
	// The groups of 石堰府发〔2023〕10号 are data in package routing's preset.
	policy := routing.Shiyan2023()
	rb := policy.Rulebook()
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("500115198001010011"),
		Hukou:      eligibility.Hukou{Area: "重庆市长寿区", Village: "石堰社区", Local: true},
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery},
		Insurance: eligibility.Insurance{
			Scheme:   eligibility.SchemeResident,
			Status:   eligibility.StatusSuspended,
			Location: eligibility.ElsewhereInCity,
		},
		ResidentTier: decimal.RequireFromString("1500"),
	}
	c := rb.Classify(r, eligibility.MustParseDate("2023-06-30"))
	fmt.Println(rb.Keys(c.Groups), c.Age)
	for reason := range c.Reasons() {
		fmt.Println(reason.Text(language.Chinese))
	}
	affluent, _ := rb.Lookup("affluent_resident")
	why, _ := c.Reason(affluent)
	fmt.Println(why.Text(language.English))
	// Output:
	// platform_worker,affluent_resident,suspended_elsewhere 43
	// 属于石堰府发〔2023〕10号 二(三)「依托平台企业就业的新业态从业人员」：新业态从业人员（外卖骑手），已参加城乡居民基本养老保险。
	// 属于石堰府发〔2023〕10号 二(五)「具备城镇职工养老保险缴费能力的城乡富裕人员」：已参加城乡居民基本养老保险，缴费档次1500元，高于1000元。
	// 属于石堰府发〔2023〕10号 二(七)「区外已参保且属于暂停缴费的人员」：已参加城乡居民基本养老保险，暂停缴费，区外市内参保，本区户籍。
	// In group 五 (affluent residents able to pay into the employee scheme) of 石堰府发〔2023〕10号 二(五): insured in basic pension insurance for urban and rural residents; contribution tier 1500 yuan, above 1000 yuan.
}

// A town's variant of a plan is a new value: here the affluent tier is
// raised to 2000 元.
func ExampleRulebook_variant() {
	policy := routing.Shiyan2023()
	preset := policy.Rulebook()
	rb := policy.Rulebook() // a copy of its own
	g, _ := rb.Lookup("affluent_resident")
	rb.Groups[g-1].When.TierAbove = decimal.NewNullDecimal(decimal.RequireFromString("2000"))
	if err := rb.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	r := eligibility.Resident{
		Gender:       eligibility.Female,
		Birth:        eligibility.MustParseDate("1975-04-01"),
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
		ResidentTier: decimal.RequireFromString("1500"),
	}
	on := eligibility.MustParseDate("2023-06-30")
	a, b := preset.Classify(r, on), rb.Classify(r, on)
	fmt.Printf("preset: [%s] variant: [%s]\n", preset.Keys(a.Groups), rb.Keys(b.Groups))
	// Output: preset: [affluent_resident] variant: []
}

// A rulebook is plain data: a town brings its own groups, each a
// [eligibility.Condition] on the facts, without new code.
func ExampleRulebook() {
	rb := eligibility.Rulebook{
		Document:            "某镇〔2024〕1号",
		FemaleRetirementAge: 55,
		Groups: []eligibility.GroupRule{
			{
				Key: "riders", Numeral: "一", Clause: "二(一)",
				Name: "外卖骑手", NameEN: "food-delivery riders",
				When: eligibility.Condition{
					Platforms: vocab.SetOf(eligibility.PlatformFoodDelivery),
					Insured:   vocab.SetOf(eligibility.SchemeNone),
					Ages:      eligibility.AgeBand{Min: 16, Max: 59},
				},
			},
			{
				Key: "others", Numeral: "二", Clause: "二(二)",
				Name: "其他未参保人员", NameEN: "other uninsured people",
				When:     eligibility.Condition{Insured: vocab.SetOf(eligibility.SchemeNone)},
				Residual: true, // only when no other group holds
			},
		},
	}
	if err := rb.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	on := eligibility.MustParseDate("2024-06-30")
	rider := eligibility.Resident{
		Birth:      eligibility.MustParseDate("1990-03-01"),
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery},
	}
	c := rb.Classify(rider, on)
	for reason := range c.Reasons() {
		fmt.Println(reason.Key, reason.Text(language.Chinese))
	}
	c = rb.Classify(eligibility.Resident{Birth: eligibility.MustParseDate("1990-03-01")}, on)
	fmt.Println(rb.Keys(c.Groups))

	rb.Groups[1].Key = "riders"
	fmt.Println(rb.Validate())
	// Output:
	// riders 属于某镇〔2024〕1号 二(一)「外卖骑手」：外卖骑手，未参保，年龄34周岁（16至59周岁）。
	// others
	// eligibility: rulebook groups[1] (riders): group key missing, malformed or used twice: also groups[0]
}

// Every enumeration has one vocabulary: its key is the text form, and its
// labels and aliases read back as the same value.
func ExampleVocabulary() {
	v := eligibility.Scheme(0).Vocabulary()
	for _, word := range []string{"resident", "城乡居民基本养老保险", "居民保", "SchemeResident", "企业职工"} {
		s, err := v.Parse(word)
		fmt.Println(word, "→", s, err)
	}
	fmt.Println(eligibility.SchemeEmployee.Label(language.Chinese), eligibility.SchemeEmployee.Label(language.English))
	_, err := v.Parse("社保")
	fmt.Println(err)
	// Output:
	// resident → resident <nil>
	// 城乡居民基本养老保险 → resident <nil>
	// 居民保 → resident <nil>
	// SchemeResident → resident <nil>
	// 企业职工 → employee <nil>
	// 企业职工基本养老保险 basic pension insurance for enterprise employees
	// eligibility: scheme: unknown value "社保"
}

// A Set is written in JSON as a list of keys; labels and aliases are read.
func ExampleSet() {
	var s vocab.Set[eligibility.ContactStatus]
	if err := json.Unmarshal([]byte(`["村组找不到人", "not_local"]`), &s); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(s)
	fmt.Println(string(b), s, s.Has(eligibility.ContactNotFound))
	// Output: ["not_found","not_local"] not_found,not_local true
}

func ExampleFlags_UnmarshalText() {
	var f eligibility.Flags
	if err := f.UnmarshalText([]byte("低保对象、重度残疾人")); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(f)
	fmt.Println(f, string(b), f.Label(language.Chinese))
	// Output: minimum_living|severe_disability ["minimum_living","severe_disability"] 低保对象、重度残疾人
}

func ExampleParseDate() {
	a, _ := eligibility.ParseDate("2019-07-18")
	b, _ := eligibility.ParseDate("20230317")
	fmt.Println(a, b.Compact(), b.DaysSince(a), b.MonthsSince(a), a.Before(b))
	_, err := eligibility.ParseDate("2023-02-29")
	fmt.Println(err)
	// Output:
	// 2019-07-18 20230317 1338 43 true
	// eligibility: date "2023-02-29": no such day in the calendar (or year outside 0001-9999)
}

func ExampleAgeBand() {
	band := eligibility.AgeBand{Min: 16, Max: 59} // 罗东: 16-59周岁
	birth := eligibility.MustParseDate("1963-07-18")
	for _, on := range []string{"2019-07-17", "2019-07-18", "2023-07-18"} {
		age := eligibility.AgeOn(birth, eligibility.MustParseDate(on))
		fmt.Println(on, age, band.Contains(age))
	}
	// Output:
	// 2019-07-17 55 true
	// 2019-07-18 56 true
	// 2023-07-18 60 false
}

func ExampleAgeBand_UnmarshalText() {
	for _, text := range []string{"16-59", "60+", "45", "59-16"} {
		var b eligibility.AgeBand
		err := b.UnmarshalText([]byte(text))
		fmt.Println(text, b, b.Contains(60), err)
	}
	// Output:
	// 16-59 16-59 false <nil>
	// 60+ 60+ true <nil>
	// 45 45-45 false <nil>
	// 59-16 0-0 false eligibility: age band: unknown value "59-16"
}

func ExampleResident_Validate() {
	r := eligibility.Resident{
		ID:           eligibility.MustParseIDNumber("11010519491231002X"),
		Gender:       eligibility.Male,
		ResidentTier: decimal.RequireFromString("500"),
	}
	fmt.Println(r.Validate(eligibility.MustParseDate("2023-06-30")))
	// Output:
	// eligibility: resident 110105********002X: Gender: stated gender differs from the identity number (stated male, number says female)
	// eligibility: resident 110105********002X: ResidentTier: facts contradict each other (tier without 城乡居民 insurance)
}
