package table_test

import (
	"fmt"
	"os"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/table"
)

func ExampleTable_Render() {
	t := table.Table{
		Title:   "任务分解",
		Columns: []table.Column{{Header: "村别"}, {Header: "任务数", Kind: table.KindInteger}},
		Rows:    [][]table.Cell{{table.Text("甲村"), table.Int(3)}, {table.Text("乙村"), table.Int(4)}},
		Total:   table.Total{Mode: table.ComputedTotal},
	}
	t.Render(os.Stdout, table.FormatText, table.RenderOptions{})
	// Output:
	// 任务分解
	// 村别  任务数
	// ------------
	// 甲村       3
	// 乙村       4
	// ------------
	// 合计       7
}

func ExamplePage_Render() {
	p := table.Page{
		Title: "通报",
		Lines: []string{"截至 2019-12-31"},
		Table: table.Table{
			Columns: []table.Column{{Header: "村别"}, {Header: "已完成", Kind: table.KindInteger}},
			Rows:    [][]table.Cell{{table.Text("甲村"), table.Int(3)}},
		},
	}
	p.Render(os.Stdout, table.FormatMarkdown, table.RenderOptions{})
	// Output:
	// ### 通报
	//
	// - 截至 2019-12-31
	//
	// | 村别 | 已完成 |
	// | :--- | ---: |
	// | 甲村 | 3 |
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

// A table as Markdown: a stated total that does not foot is marked, and
// a note says by how much.
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
