package reporting_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

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

// A table with a stated total that does not foot: the audit names the column
// and the difference.
func ExampleTable_Audit() {
	tab := table.Table{
		Columns: []table.Column{
			{Header: "村别"},
			{Header: "应扩面人数", Kind: table.KindInteger},
		},
		Rows: [][]table.Cell{
			{table.Text("新明村"), table.Int(1349)},
			{table.Text("罗东村"), table.Int(2109)},
		},
		Total: table.Total{Mode: table.StatedTotal, Cells: []table.Cell{{}, table.Int(3457)}},
	}
	audit, err := tab.Audit()
	if err != nil {
		panic(err)
	}
	fmt.Println(audit.OK())
	fmt.Println(audit)
	// Output:
	// false
	// 应扩面人数：合计栏公布 3457，各行之和 3458（多 1）
}

// Rows sorted by Chinese collation: pinyin order, and numbers inside names
// in numeric order.
func ExampleTable_Sorted() {
	tab := table.Table{
		Columns: []table.Column{{Header: "组别"}, {Header: "任务数", Kind: table.KindInteger}},
		Rows: [][]table.Cell{
			{table.Text("振兴村第10组"), table.Int(12)},
			{table.Text("振兴村第2组"), table.Int(30)},
			{table.Text("罗溪村第1组"), table.Int(25)},
			{table.Text("蔡厝村第3组"), table.Int(8)},
		},
		Total: table.Total{Mode: table.ComputedTotal},
	}
	sorted, err := tab.Sorted(language.Chinese, table.SortKey{Column: 0})
	if err != nil {
		panic(err)
	}
	if err := sorted.Render(os.Stdout, table.FormatText, table.RenderOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// 组别          任务数
	// --------------------
	// 蔡厝村第3组        8
	// 罗溪村第1组       25
	// 振兴村第2组       30
	// 振兴村第10组      12
	// --------------------
	// 合计              75
}

// The same table as Markdown, with the stated total marked.
func ExampleTable_Render_markdown() {
	tab := table.Table{
		Title:   "任务分解",
		Columns: []table.Column{{Header: "村别"}, {Header: "任务数", Kind: table.KindInteger}},
		Rows:    [][]table.Cell{{table.Text("甲村"), table.Int(3)}, {table.Text("乙村"), table.Int(4)}},
		Total:   table.Total{Mode: table.StatedTotal, Cells: []table.Cell{{}, table.Int(8)}},
	}
	if err := tab.Render(os.Stdout, table.FormatMarkdown, table.RenderOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// ### 任务分解
	//
	// | 村别 | 任务数 |
	// | :--- | ---: |
	// | 甲村 | 3 |
	// | 乙村 | 4 |
	// | 合计 | 8\* |
	//
	// - \* 合计栏与各行之和不符（按公布数列示）：任务数：合计栏公布 8，各行之和 7（少 1）。
}
