package ledger_test

import (
	"fmt"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

// Build a small 实名库 from in-memory CSV files, run one month, and print
// each village's progress.
func Example() {
	id := func(birth string, seq int) string { return mkID("500115", birth, seq) }
	a, b, c, d := id("19850314", 11), id("19900202", 42), id("19700601", 22), id("19920909", 82)
	sources := []ledger.Source{
		{Kind: ledger.KindPopulation, Name: "户籍人口.csv", Data: []byte("姓名,身份证号码,村(社区),是否本区户籍\n" +
			"张三," + a + ",码头村,是\n赵六," + b + ",石堰社区,是\n李四," + c + ",码头村,是\n吴十," + d + ",码头村,是\n")},
		{Kind: ledger.KindInsured, Name: "参保库.csv", Data: []byte("AAC003,AAC002,AAE140,AAC031\n李四," + c + ",企业职工,正常缴费\n")},
		{Kind: ledger.KindMinimumLiving, Name: "低保.csv", Data: []byte("姓名,身份证号码\n赵六," + b + "\n")},
	}
	policy := routing.Shiyan2023()
	l, err := ledger.Build(ledger.Input{Policy: policy, AsOf: policy.BaselineDate(), Sources: sources})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range l.Len() {
		e, _ := l.Entry(i)
		fmt.Println(e.Resident.ID.Masked(), e.Role, e.Decision.Outcome, e.Decision.Channel)
	}

	april := ledger.MonthInput{
		AsOf: eligibility.MustParseDate("2023-04-30"),
		Insured: []ledger.Source{{Kind: ledger.KindInsured, Name: "参保库-04.csv", Data: []byte("姓名,身份证号码,参保险种,缴费状态\n" +
			"李四," + c + ",企业职工,正常缴费\n张三," + a + ",企业职工,正常缴费\n赵六," + b + ",城乡居民,正常缴费\n")}},
	}
	m, err := l.State().Month(policy, april)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range append(m.Villages, m.Total) {
		rate, _ := v.Rate()
		fmt.Printf("%s 任务数 %d 本月新增 %d 累计完成 %d 完成率 %s%% 序时进度 %d\n", v.Name, v.Task, v.New, v.Completed, rate.StringFixed(2), v.Pace)
	}
	// Output:
	// 500115********0227 other covered none
	// 500115********0115 target employee flexible
	// 500115********0427 target resident proxy_pay
	// 500115********0828 target employee flexible
	// 石堰社区 任务数 1 本月新增 1 累计完成 1 完成率 100.00% 序时进度 1
	// 码头村 任务数 2 本月新增 1 累计完成 1 完成率 50.00% 序时进度 1
	// 合计 任务数 3 本月新增 2 累计完成 2 完成率 66.67% 序时进度 1
}
