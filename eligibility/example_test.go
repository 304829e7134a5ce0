package eligibility_test

import (
	"errors"
	"fmt"

	"github.com/canbao/kuomian/eligibility"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
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
		fmt.Println(e.Kind, string(e.Expected), errors.Is(err, eligibility.ErrIDCheck))
	}
	// Output:
	// eligibility: identity number "110105********0021": check character is 1, want X
	// check X true
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
	// 1964-12-10 Male60   60岁0个月 2024-12-10 最低缴费180个月
	// 1965-01-10 Male60   60岁1个月 2025-02-10 最低缴费180个月
	// 1976-09-10 Male60   63岁0个月 2039-09-10 最低缴费240个月
	// 1970-01-10 Female55 55岁1个月 2025-02-10 最低缴费180个月
	// 1975-01-10 Female50 50岁1个月 2025-02-10 最低缴费180个月
	// 1984-11-10 Female50 55岁0个月 2039-11-10 最低缴费240个月
}

func ExampleRulebook_Classify() {
	rb := eligibility.Shiyan2023()
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
	c, err := rb.Classify(r, eligibility.MustParseDate("2023-06-30"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Groups, c.Age)
	for reason := range c.Reasons() {
		fmt.Println(reason.Text(language.Chinese))
	}
	why, _ := c.Reason(eligibility.GroupAffluentResident)
	fmt.Println(why.Text(language.English))
	// Output:
	// {PlatformWorker,AffluentResident,SuspendedElsewhere} 43
	// 属于石堰府发〔2023〕10号 二(三)「依托平台企业就业的新业态从业人员」：新业态从业人员（外卖骑手），已参加城乡居民基本养老保险。
	// 属于石堰府发〔2023〕10号 二(五)「具备城镇职工养老保险缴费能力的城乡富裕人员」：已参加城乡居民基本养老保险，缴费档次1500元，高于1000元。
	// 属于石堰府发〔2023〕10号 二(七)「区外已参保且属于暂停缴费的人员」：已参加城乡居民基本养老保险，暂停缴费，区外市内参保，本区户籍。
	// In group 五 (affluent residents able to pay into the employee scheme) of 石堰府发〔2023〕10号 二(五): insured in basic pension insurance for urban and rural residents; contribution tier 1500 yuan, above 1000 yuan.
}

// A town's variant of a plan is a new value: here the affluent tier is
// raised to 2000 元.
func ExampleRulebook_variant() {
	rb := eligibility.Shiyan2023()
	rb.ID = "shiyan-2023-variant"
	for i := range rb.Rules {
		if rb.Rules[i].Group == eligibility.GroupAffluentResident {
			rb.Rules[i].TierAbove = decimal.NewNullDecimal(decimal.RequireFromString("2000"))
		}
	}
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
	preset := eligibility.Shiyan2023()
	a, _ := preset.Classify(r, on)
	b, _ := rb.Classify(r, on)
	fmt.Println(a.Groups, b.Groups)
	// Output: {AffluentResident} {}
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
