package table_test

import (
	"os"

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
