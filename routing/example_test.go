package routing_test

import (
	"fmt"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/language"
)

// Route a man the day before his 45th birthday under 罗政〔2019〕185号: he is
// below the age line, so 二(二)2(2) sends him to the employees' scheme as a
// flexibly employed person, with the residents' scheme if he declines.
func ExampleRouter_Route() {
	rt := routing.MustCompile(routing.Luodong2019())
	r := eligibility.Resident{
		Gender:     eligibility.Male,
		Birth:      eligibility.MustParseDate("1974-08-02"),
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed},
	}
	d, err := rt.Route(r, eligibility.MustParseDate("2019-08-01"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Age, d.Band)
	fmt.Println(d.Outcome.Label(language.Chinese), "·", d.Channel.Label(language.Chinese), "·", d.Venue.Label(language.Chinese))
	fmt.Println("不愿意时:", d.Fallback.Outcome.Label(language.Chinese), "·", d.Fallback.Venue.Label(language.Chinese))
	for _, c := range d.Citations() {
		fmt.Println(c)
	}
	// Output:
	// 44 younger
	// 企业职工基本养老保险 · 以灵活就业人员身份参保 · 市社会保险管理中心
	// 不愿意时: 城乡居民基本养老保险 · 所属村(社区)
	// 罗政〔2019〕185号 二(二)2
	// 罗政〔2019〕185号 二(二)2(2)
	// 罗政〔2019〕185号 二(三)
	// 罗政〔2019〕185号 三(一)
	// 罗政〔2019〕185号 三(二)
}

// A decision explains itself in Chinese or English.
func ExampleDecision_Explain() {
	rt := routing.MustCompile(routing.Luodong2019())
	r := eligibility.Resident{
		Gender:     eligibility.Male,
		Birth:      eligibility.MustParseDate("1969-05-05"),
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed},
		Flags:      eligibility.FlagLandAcquired,
	}
	d, _ := rt.Route(r, eligibility.MustParseDate("2019-08-01"))
	fmt.Print(d.Explain(language.English))
	// Output:
	// Routing under 罗政〔2019〕185号 (luodong-2019, version 1) on 2019-08-01
	// Outcome: enterprise employees' basic pension; as a flexibly employed person (灵活就业人员); at the city social-insurance centre.
	// If unwilling: urban and rural residents' basic pension; enrols and pays in person; at the resident's village (community).
	// Subsidies: contribution subsidy for land-acquired residents
	// Follow-up: count in the progress bulletin
	// Reasons:
	// 1. Aged 50 on 2019-08-01 (male).
	// 2. 罗政〔2019〕185号 二(二)3: land-acquired farmers are guided into the employees' scheme with a contribution subsidy. The document says: “引导有条件的被征地农民参加企业职工基本养老保险，并按有关规定给予参保缴费补贴”.
	// 3. If unwilling: urban and rural residents' basic pension (罗政〔2019〕185号 二(二)2).
	// 4. Venue: the city social-insurance centre (罗政〔2019〕185号 二(三): flexibly employed people register at the city social-insurance centre).
	// 5. Venue if unwilling: the resident's village (community) (罗政〔2019〕185号 二(三): the residents' scheme is joined at the resident's village, choosing a contribution tier).
	// 6. 罗政〔2019〕185号 二(二)3: land-acquired farmers joining the employees' scheme receive a contribution subsidy. The document says: “并按有关规定给予参保缴费补贴”.
	// 7. 罗政〔2019〕185号 三(一): the town labour office reports each village's progress every month. The document says: “镇劳保所按月汇总、通报上月各村（居）应扩面人数的完成情况”.
	// 8. Milestone: 80% of the task by 2019-12-31 (罗政〔2019〕185号 三(二)).
}

// A policy file with a typo in a key is refused with the key, where it is,
// and the key it resembles.
func ExampleLoadPolicy() {
	var b strings.Builder
	_ = routing.EncodePolicy(&b, routing.Luodong2019())
	typo := strings.Replace(b.String(), `"ages"`, `"age"`, 1)
	_, err := routing.LoadPolicy(strings.NewReader(typo))
	fmt.Println(err)
	// Output:
	// routing: policy at rules[1].when: unknown key "age" (did you mean "ages"?)
}

// 石堰's "男45岁以下 … 男45岁以上" both include 45: validation reports the
// overlap and the preset's resolution.
func ExampleValidate() {
	for _, f := range routing.Validate(routing.Shiyan2023()) {
		fmt.Println(f.Severity, f.Code, f.Path, f.Citation)
	}
	// Output:
	// warning age-line-overlap age_lines.men 石堰府发〔2023〕10号 四(二)
	// warning age-line-overlap age_lines.women 石堰府发〔2023〕10号 四(二)
}
