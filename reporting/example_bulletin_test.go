package reporting_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// A month-end bulletin under 罗政〔2019〕185号: each village's task is its
// 应扩面人数, the plan asks for 80 % by 2019-12-31, and the pace (序时进度)
// rises from the baseline, 2019-07-18, in equal steps at each month end:
// on 2019-11-30 five of the six checkpoints have passed, so 振兴村's pace is
// ⌈843 × 5 ÷ 6⌉ = 703.
func ExampleNewBulletin() {
	b, err := reporting.NewBulletin(reporting.BulletinInput{
		Title:  "罗东镇全民参保扩面工作进度通报（2019年11月）",
		Town:   "罗东镇",
		AsOf:   eligibility.MustParseDate("2019-11-30"),
		Policy: routing.Luodong2019(),
		Units: []reporting.Progress{
			{Name: "振兴村", Task: 1053, Enrolled: 860},
			{Name: "罗溪村", Task: 709, Enrolled: 402},
			{Name: "荆坑村", Task: 393, Enrolled: 300},
		},
	})
	if err != nil {
		panic(err)
	}
	for _, r := range b.Rows {
		fmt.Printf("%d %s %s%% %s — %s\n", r.Rank, r.Name, r.Rate.StringFixed(reporting.RateScale), r.Status.Label(language.Chinese), r.Reason)
	}
	fmt.Println()
	if err := b.Render(os.Stdout, table.FormatText, table.RenderOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// 1 振兴村 81.67% 超前 — 已提前达到节点要求：2019-12-31前须完成 843 人（罗政〔2019〕185号 三(二)）
	// 2 荆坑村 76.34% 正常 — 达到序时进度 263 人；2019-12-31前须完成 315 人（罗政〔2019〕185号 三(二)）
	// 3 罗溪村 56.70% 滞后 — 低于序时进度 474 人，差 72 人；2019-12-31前须完成 568 人（罗政〔2019〕185号 三(二)）
	//
	// 罗东镇全民参保扩面工作进度通报（2019年11月）
	// 截至 2019-11-30　依据：罗政〔2019〕185号 三(一)
	// 当前节点：2019-12-31 前完成任务的 80%（罗政〔2019〕185号 三(二)），还有 31 天
	// 罗东镇基本养老保险扩面计划完成率：72.48%（累计完成 1562 人 / 任务 2155 人），正常：达到序时进度 1437 人；2019-12-31前须完成 1724 人（罗政〔2019〕185号 三(二)）
	//
	// 村(社区)  任务数  累计完成  完成率  序时进度  距任务  2019-12-31节点要求  距节点  排名  状态
	// --------------------------------------------------------------------------------------------
	// 振兴村      1053       860   81.67       703     193                 843       0   1    超前
	// 荆坑村       393       300   76.34       263      93                 315      15   2    正常
	// 罗溪村       709       402   56.70       474     307                 568     166   3    滞后
	// --------------------------------------------------------------------------------------------
	// 合计        2155      1562   72.48      1437     593                1724     162        正常
	// 完成率 = 累计完成 ÷ 任务数 × 100%（百分数），以整数精确计算，保留 2 位小数，四舍五入（逢五进一）。
	// 节点要求 = 任务数 × 80%，向上取整（不足一人按一人计），已公布节点任务数的按公布数；距节点 = 节点要求 − 累计完成（不小于 0）。
	// 序时进度按月计：上一节点（起点为 2019-07-18，要求 0）至本节点之间的各月末及本节点日为检查点，要求逐点等额增加，向上取整；通报日取已到的最后一个检查点。
	// 排名按完成率的精确值由高到低，完成率相同者名次并列；并列者及无任务者按名称拼音排序。
	// 状态：已完成 = 完成全部任务；超前 = 已提前达到当前节点要求；正常 = 不低于序时进度；滞后 = 低于序时进度。
}
