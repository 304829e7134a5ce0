package xlsx_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/reporting/xlsx"
)

// A roster written as .xlsx and read back: the roster reader skips the
// title row, and its line numbers are the sheet's rows.
func Example() {
	t := table.Table{
		Title:   "石堰镇扩面人员花名册",
		Columns: []table.Column{{Header: "姓名"}, {Header: "身份证号码", RevealNumbers: true}, {Header: "村（社区）"}, {Header: "缴费档次", Kind: table.KindInteger}},
		Rows: [][]table.Cell{
			{table.Text("张三"), table.Text("500115197803150011"), table.Text("石堰村"), table.Int(1000)},
			{table.Text("李小红"), table.Text("500115198506200021"), table.Text("桃花村"), table.Int(1500)},
		},
	}
	var file bytes.Buffer
	if err := xlsx.WriteTable(&file, t, xlsx.WriteOptions{}); err != nil {
		fmt.Println(err)
		return
	}

	data, err := xlsx.ReadSheet(&file, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(string(data), "\r\n", "\n")) // CSV lines end in CRLF
	rr, err := roster.NewReader(bytes.NewReader(data), roster.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for row, err := range rr.All() {
		fmt.Println(row.Line, row.Resident.ID.Masked(), row.Resident.Hukou.Village, row.Resident.ResidentTier, err)
	}
	// Output:
	// 石堰镇扩面人员花名册
	// 姓名,身份证号码,村（社区）,缴费档次
	// 张三,500115197803150011,石堰村,1000
	// 李小红,500115198506200021,桃花村,1500
	// 3 500115********0011 石堰村 1000 <nil>
	// 4 500115********0021 桃花村 1500 <nil>
}

// An identity number typed into a column formatted as a number has lost
// its last digits: the read stops and says where, and how to fix it.
func ExampleError() {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号码"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"张三", 110105194901010000})
	var file bytes.Buffer
	f.WriteTo(&file)

	_, err := xlsx.ReadSheet(&file, "")
	var e *xlsx.Error
	if errors.As(err, &e) {
		fmt.Println(e.Cell(), errors.Is(err, xlsx.ErrLongNumber))
		fmt.Println(e.Label(language.Chinese))
	}
	// Output:
	// B2 true
	// 工作表“Sheet1”第 2 行 B 列“110105************”：数字达到 15 位或以上，Excel 只保留 15 位有效数字，以数字格式保存的身份证号码已丢失末几位；请把该列设置为文本格式后重新录入身份证号码
}

// A file is read as a workbook or as CSV by its first bytes.
func ExampleIsXLSX() {
	fmt.Println(xlsx.IsXLSX("低保名单.xlsx", []byte("PK\x03\x04\x14\x00\x06\x00")))
	fmt.Println(xlsx.IsXLSX("低保名单.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}))
	fmt.Println(xlsx.IsXLSX("低保名单.xlsx", []byte("姓名,身份证号码\r\n")))
	// Output:
	// true
	// true
	// false
}
