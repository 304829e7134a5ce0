package reporting_test

import (
	"fmt"
	"os"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// Tallies of shards merge into the tally of the whole, in any order. The
// entries name their groups by the policy's rulebook (a routed decision's
// Rulebook()), so the table shows the town's own group names.
func ExampleTally_Merge() {
	p := routing.Shiyan2023()
	rb := p.Rulebook()
	platform, _ := rb.Lookup("platform_worker")
	elderly, _ := rb.Lookup("elderly_back_pay")
	var a, b reporting.Tally
	_ = a.Add(reporting.TallyEntry{Village: "桃花村", Groups: eligibility.GroupsOf(platform), Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible, Rulebook: &rb})
	_ = a.Add(reporting.TallyEntry{Village: "石堰社区", Groups: eligibility.GroupsOf(elderly), Outcome: routing.OutcomeResident, Channel: routing.ChannelBackPay, Rulebook: &rb})
	_ = b.Add(reporting.TallyEntry{Village: "桃花村", Groups: eligibility.GroupsOf(platform), Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible, Rulebook: &rb})
	_ = b.Add(reporting.TallyEntry{Village: "第2组", Outcome: routing.OutcomeCovered, Rulebook: &rb})

	var whole reporting.Tally
	whole.Merge(&b)
	whole.Merge(&a)
	if err := whole.Table("分村分类汇总").Render(os.Stdout, table.FormatText, table.RenderOptions{}); err != nil {
		fmt.Println(err)
	}
	fmt.Println("residents:", whole.Total())
	// Output:
	// 分村分类汇总
	// 村(社区)  扩面对象类别        去向(险种)            参保渠道                人数
	// --------------------------------------------------------------------------------
	// 第2组     非扩面重点人群      已参保                                           1
	// 石堰社区  60周岁以上补缴人员  城乡居民基本养老保险  补缴                       1
	// 桃花村    三 新业态从业人员   企业职工基本养老保险  以灵活就业人员身份参保     2
	// 扩面对象类别依据石堰府发〔2023〕10号；同属多个类别的人员在每个类别各计一次。
	// residents: 4
}

// TallyRoster runs the whole pipeline — CSV decode, identity numbers,
// classification, routing, tally — on every core, and the result reconciles
// with the roster row for row.
func ExampleTallyRoster() {
	data, _, err := synth.Generate(synth.Options{Seed: 1, Rows: 5000, BadPerMille: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster(data, rt, reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Report.Counts)
	fmt.Println("villages:", len(res.Tally.Villages()), "residents:", res.Tally.Total())
	fmt.Println("reconciles:", res.Tally.Reconcile(res.Report.Counts) == nil)
	// Output:
	// 读入 5000 行 = 接收 4949 行 + 拒收 51 行 (平衡)
	// villages: 8 residents: 4949
	// reconciles: true
}
