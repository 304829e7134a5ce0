package reporting_test

import (
	"fmt"
	"os"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/language"
)

// Tallies of shards merge into the tally of the whole, in any order.
func ExampleTally_Merge() {
	platform := eligibility.GroupsOf(eligibility.GroupPlatformWorker)
	elderly := eligibility.GroupsOf(eligibility.GroupElderlyBackPay)
	var a, b reporting.Tally
	_ = a.Add(reporting.TallyEntry{Village: "桃花村", Groups: platform, Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible})
	_ = a.Add(reporting.TallyEntry{Village: "石堰社区", Groups: elderly, Outcome: routing.OutcomeResident, Channel: routing.ChannelBackPay})
	_ = b.Add(reporting.TallyEntry{Village: "桃花村", Groups: platform, Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible})
	_ = b.Add(reporting.TallyEntry{Village: "第2组", Outcome: routing.OutcomeCovered})

	var whole reporting.Tally
	whole.Merge(&b)
	whole.Merge(&a)
	for _, r := range whole.Rows() {
		fmt.Println(r.Village, reporting.GroupShortLabel(r.Group), r.Outcome.Label(language.Chinese), r.Channel.Label(language.Chinese), r.Count)
	}
	fmt.Println("residents:", whole.Total())
	// Output:
	// 第2组 非扩面重点人群 已参保 无 1
	// 石堰社区 60周岁以上补缴人员 城乡居民基本养老保险 补缴 1
	// 桃花村 三 新业态从业人员 企业职工基本养老保险 以灵活就业人员身份参保 2
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
	res, err := reporting.TallyRoster(data, rt, reporting.PipelineOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Report.Counts)
	fmt.Println("reconciles:", res.Tally.Reconcile(res.Report.Counts) == nil)
	if err := res.Tally.TotalsTable("分村去向汇总").Render(os.Stdout, reporting.FormatText, reporting.RenderOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 读入 5000 行 = 接收 4949 行 + 拒收 51 行 (平衡)
	// reconciles: true
	// 分村去向汇总
	// 村(社区)  人数  企业职工基本养老保险  城乡居民基本养老保险  已参保  不属于扩面对象  未定
	// ----------------------------------------------------------------------------------------
	// 柏林村     631                   254                   215     152              10     0
	// 大堰村     597                   234                   184     165              14     0
	// 码头村     622                   264                   191     151              16     0
	// 楠木村     644                   247                   214     166              17     0
	// 石堰社区   624                   243                   212     155              14     0
	// 双龙村     615                   235                   195     179               6     0
	// 桃花村     612                   229                   208     159              16     0
	// 新华村     604                   232                   209     138              25     0
	// ----------------------------------------------------------------------------------------
	// 合计      4949                  1938                  1628    1265             118     0
}
