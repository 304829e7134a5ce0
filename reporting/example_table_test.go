package reporting_test

import (
	"os"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
)

// The published 罗东 task table (罗政〔2019〕185号 附件) rebuilt from its
// headcounts: 应扩面人数 and 2019年任务数 come from package allocation, the 合计
// row is the published one, and the text form marks the two stated totals
// that do not match their cells.
func ExampleTaskTableFromAllocation() {
	villages := []string{"振兴村", "罗溪村", "维新村", "新明村", "罗东村", "埔心村", "山坂村", "蔡厝村", "霞山村", "荆坑村", "高塘村", "潭溪村", "新雨亭", "银河新城"}
	aged := []int64{4921, 3852, 3319, 4999, 5889, 2932, 1842, 2782, 1605, 1570, 1929, 3314, 7, 81}
	insured := []int64{3227, 2711, 1757, 2829, 2495, 1954, 1205, 1726, 1110, 937, 1277, 2080, 0, 1}

	uninsured := make([]int64, len(villages))
	units := make([]allocation.Unit, len(villages))
	for i, v := range villages {
		uninsured[i] = aged[i] - insured[i]
		units[i] = allocation.Unit{Name: v, Weight: uninsured[i]}
	}
	target, err := allocation.Apportion(9777, units, allocation.HalfUp)
	if err != nil {
		panic(err)
	}
	y2019, err := allocation.Derive(target, allocation.MustParseRate("80%"), allocation.HalfUp)
	if err != nil {
		panic(err)
	}
	tab, err := reporting.TaskTableFromAllocation(reporting.TaskTable{
		Title:      "罗东镇全民参保扩面任务分解表",
		UnitHeader: "村别",
		Units:      villages,
		Columns: []reporting.TaskColumn{
			{Header: "16-59周岁人数", Cells: aged, Total: 39042, HasTotal: true},
			{Header: "16-59周岁已参加居民保人数", Cells: insured, Total: 23309, HasTotal: true},
			{Header: "未参保人数", Cells: uninsured, Total: 15733, HasTotal: true},
			{Header: "应扩面人数", Result: &target, Total: 9777, HasTotal: true},
			{Header: "2019年任务数", Result: &y2019, Total: 7822, HasTotal: true},
		},
	})
	if err != nil {
		panic(err)
	}
	if err := tab.Render(os.Stdout, table.FormatText, table.RenderOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// 罗东镇全民参保扩面任务分解表
	// 村别      16-59周岁人数  16-59周岁已参加居民保人数  未参保人数  应扩面人数  2019年任务数
	// ----------------------------------------------------------------------------------------
	// 振兴村             4921                       3227        1694       1053           842
	// 罗溪村             3852                       2711        1141        709           567
	// 维新村             3319                       1757        1562        971           777
	// 新明村             4999                       2829        2170       1349          1079
	// 罗东村             5889                       2495        3394       2109          1687
	// 埔心村             2932                       1954         978        608           486
	// 山坂村             1842                       1205         637        396           317
	// 蔡厝村             2782                       1726        1056        656           525
	// 霞山村             1605                       1110         495        308           246
	// 荆坑村             1570                        937         633        393           315
	// 高塘村             1929                       1277         652        405           324
	// 潭溪村             3314                       2080        1234        767           613
	// 新雨亭                7                          0           7          4             3
	// 银河新城             81                          1          80         50            40
	// ----------------------------------------------------------------------------------------
	// 合计              39042                      23309       15733       9777*         7822*
	// * 合计栏与各行之和不符（按公布数列示）：应扩面人数：合计栏公布 9777，各行之和 9778（多 1）；2019年任务数：合计栏公布 7822，各行之和 7821（少 1）。
}
