package reporting_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/routing"
)

// The five-minute tour of the README: split a target, read an identity
// number, classify a resident and route them, each answer with its reason.
func Example_tour() {
	// 1. Split the town's target of 9777 across villages in proportion to
	// their unenrolled people (罗政〔2019〕185号 附件), exactly.
	units := []allocation.Unit{
		{Name: "新明村", Weight: 2170, Max: 2170, HasMax: true},
		{Name: "荆坑村", Weight: 633, Max: 633, HasMax: true},
		{Name: "其他12村", Weight: 12930, Max: 12930, HasMax: true},
	}
	res, _ := allocation.Apportion(9777, units, allocation.HalfUp)
	task, _ := allocation.Derive(res, allocation.MustParseRate("80%"), allocation.HalfUp)
	for i, s := range res.Shares {
		fmt.Printf("%s 应扩面 %s → %d, 2019年 %s → %d\n", s.Name,
			s.Quota.StringFixed(2), s.Allocated, task.Shares[i].Quota.StringFixed(2), task.Shares[i].Allocated)
	}

	// 2. Read an identity number (GB 11643-1999); errors never echo it.
	id, _ := eligibility.ParseIDNumber("11010519491231002x")
	fmt.Println(id.Masked(), id.BirthDate(), id.Gender())
	_, err := eligibility.ParseIDNumber("110105194912310021")
	fmt.Println(err)

	// 3. Route a resident under 石堰府发〔2023〕10号: target groups and scheme,
	// each reason citing its clause.
	rt := routing.MustCompile(routing.Shiyan2023())
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("500115199003150039"),
		Hukou:      eligibility.Hukou{Village: "石堰村", Local: true},
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery},
	}
	d, err := rt.Route(r, eligibility.MustParseDate("2023-06-30"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for rs := range d.Classification.Reasons() {
		fmt.Println("group:", rs.Name)
	}
	fmt.Println(d.Outcome.Label(language.Chinese), "·", d.Channel.Label(language.Chinese))
	fmt.Println(d.Citations()[0])

	// 4. A whole roster export: import, classify, route and tally on every
	// core; rows in = rows accepted + rows rejected.
	csvText := []byte("姓名,身份证号码,村(社区),是否本区户籍,就业状况,参保状态\n" +
		"张三,500115199003150039,石堰村,是,新业态,未参保\n" +
		"李四,500115196301010030,石堰村,是,未就业,未参保\n" +
		"王五,500115196301010031,石堰村,是,未就业,未参保\n") // 王五: wrong check character
	out, err := reporting.TallyRoster(csvText, rt, reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Report.Counts)
	for _, v := range out.Tally.Totals() {
		fmt.Println(v.Village, v.Residents, "企业职工", v.Employee, "城乡居民", v.Resident)
	}
	// Output:
	// 新明村 应扩面 1348.51 → 1349, 2019年 1078.81 → 1079
	// 荆坑村 应扩面 393.37 → 393, 2019年 314.69 → 315
	// 其他12村 应扩面 8035.12 → 8035, 2019年 6428.10 → 6428
	// 110105********002X 1949-12-31 female
	// eligibility: identity number "110105********0021": check character is 1, want X
	// group: 依托平台企业就业的新业态从业人员
	// 企业职工基本养老保险 · 以灵活就业人员身份参保
	// 石堰府发〔2023〕10号 二(三)
	// 读入 3 行 = 接收 2 行 + 拒收 1 行 (平衡)
	// 石堰村 2 企业职工 1 城乡居民 1
}
