package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/reporting/xlsx"
)

var update = flag.Bool("update", false, "rewrite the golden files and fixtures under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// fixture returns testdata/name, made by build and stored with -update.
func fixture(t *testing.T, name string, build func(t *testing.T) []byte) []byte {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		b := build(t)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return b
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	return b
}

// idNumber returns a valid 18-character identity number (GB 11643-1999)
// for an area, a birth date yyyymmdd and a sequence number.
func idNumber(area, birth string, seq int) string {
	s := fmt.Sprintf("%s%s%03d", area, birth, seq%1000)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return s + string("10X98765432"[sum%11])
}

// saveFile returns the bytes of an excelize workbook.
func saveFile(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rosterWorkbook builds a department list as a township saves it: a
// merged title row, a header, dates as date cells (one as a date-time),
// an empty row, a note with a line break, a formula, text that looks like
// a formula, and a second sheet.
func rosterWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	const sh = "花名册"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", sh))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	cnDate := `yyyy"年"m"月"d"日"`
	cnStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &cnDate})
	must(err)
	dtStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	must(err)
	moneyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	must(err)
	must(f.SetCellStr(sh, "A1", "石堰镇低保对象名单（2023年3月）"))
	must(f.MergeCell(sh, "A1", "F1"))
	must(f.SetSheetRow(sh, "A2", &[]any{"姓名", "身份证号码", "出生日期", "村（社区）", "缴费档次", "备注"}))
	must(f.SetSheetRow(sh, "A3", &[]any{"张三", "500115197803150011", 28564, "石堰村", 1000, "户主"}))
	must(f.SetCellStyle(sh, "C3", "C3", dateStyle))
	must(f.SetCellStyle(sh, "E3", "E3", moneyStyle))
	// Row 4 is empty.
	must(f.SetSheetRow(sh, "A5", &[]any{"李小红", "500115198506200021", 31218.375, "桃花村", 1500.5}))
	must(f.SetCellStyle(sh, "C5", "C5", dtStyle))
	must(f.SetSheetRow(sh, "A6", &[]any{"王五", "500115196301010030", 23012, "石堰村", nil, "住址：二组\n电话另告"}))
	must(f.SetCellStyle(sh, "C6", "C6", cnStyle))
	must(f.SetCellStr(sh, "A7", "=赵六"))
	must(f.SetCellStr(sh, "B7", "50011519700101005X"))
	must(f.SetCellFormula(sh, "E7", "E3*2"))
	must(f.SetCellValue(sh, "E7", 2000)) // the cached value of the formula
	must(f.SetCellStr(sh, "D7", "石堰村"))
	_, err = f.NewSheet("说明")
	must(err)
	must(f.SetCellStr("说明", "A1", "本表由民政办提供"))
	return saveFile(t, f)
}

func TestReadSheetGolden(t *testing.T) {
	data := fixture(t, "roster.xlsx", rosterWorkbook)
	for _, tc := range []struct {
		name, sheet, golden string
	}{
		{"first", "", "roster.csv"},
		{"by name", "花名册", "roster.csv"},
		{"any case", "说明", "roster-note.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := xlsx.ReadSheet(bytes.NewReader(data), tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, got)
		})
	}
}

// The roster reader reads the workbook as it reads CSV: the title row is
// skipped, the empty row keeps the numbering, and line numbers are sheet
// rows.
func TestReadSheetRoster(t *testing.T) {
	data := fixture(t, "roster.xlsx", rosterWorkbook)
	wb, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), xlsx.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"花名册", "说明"}, wb.Sheets()); diff != "" {
		t.Errorf("Sheets() mismatch (-want +got):\n%s", diff)
	}
	sr, err := wb.Sheet("")
	if err != nil {
		t.Fatal(err)
	}
	defer sr.Close()
	rr, err := roster.NewReader(sr, roster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for row, err := range rr.All() {
		if err != nil {
			got = append(got, err.Error())
			continue
		}
		got = append(got, fmt.Sprintf("line %d: %s %s %s tier %s", row.Line, row.Resident.Name, row.Resident.Birth, row.Resident.Hukou.Village, row.Resident.ResidentTier))
	}
	want := []string{
		"line 3: 张三 1978-03-15 石堰村 tier 1000",
		"line 5: 李小红 1985-06-20 桃花村 tier 1500.5",
		"line 6: 王五 1963-01-01 石堰村 tier 0",
		"line 7: =赵六  石堰村 tier 2000",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
	rep := rr.Report()
	if rep.HeaderLine != 2 || !rep.Counts.Reconciles() || rep.Counts.Rows != 4 {
		t.Errorf("report: header line %d, counts %v", rep.HeaderLine, rep.Counts)
	}
}

// zipOf builds a zip archive of the given parts, for workbooks excelize
// would not write.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// handWorkbook returns the parts of a minimal workbook whose only sheet
// holds sheetData, with the shared strings sst and styles as given.
func handWorkbook(sheetData, sst, styles string, date1904 bool) map[string]string {
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + pr +
			`<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` + sheetData + `</x:sheetData></x:worksheet>`,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`
	}
	if styles != "" {
		parts["xl/styles.xml"] = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + styles + `</styleSheet>`
	}
	return parts
}

// A style sheet with xf 0 General, 1 a built-in date, 2 a custom date,
// 3 Text, 4 a Chinese built-in date (31), 5 a time of day.
const handStyles = `<numFmts count="1"><numFmt numFmtId="176" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>` +
	`<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="49"/><xf numFmtId="31"/><xf numFmtId="20"/></cellXfs>`

// Workbooks that excelize does not write but Excel, WPS and other tools
// do: namespace prefixes, inline strings, rich text with phonetic runs,
// _xHHHH_ escapes, cells without references, the 1904 date system.
func TestReadHandMade(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sheetData string
		sst       string
		date1904  bool
		want      string
	}{
		{
			name:      "shared and inline strings",
			sst:       `<si><t>姓名</t></si><si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si><si><t xml:space="preserve"> a_x000D_b </t></si>`,
			sheetData: `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row><x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="C3" t="s"><x:v>2</x:v></x:c></x:row>`,
			want:      "姓名,,备注\r\n\r\n张三,,\" a b \"\r\n",
		},
		{
			name:      "no references",
			sheetData: `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c t="b"><v>1</v></c></row><row><c><v>7</v></c></row>`,
			want:      "a,,TRUE\r\n7,,\r\n",
		},
		{
			name:      "dates",
			sheetData: `<row r="1"><c r="A1" s="1"><v>43664</v></c><c r="B1" s="2"><v>43664.5</v></c><c r="C1" s="4"><v>1</v></c><c r="D1" s="5"><v>0.5</v></c><c r="E1" s="3"><v>43664</v></c><c r="F1" t="d"><v>2019-07-18T00:00:00Z</v></c><c r="G1" s="1"><v>60</v></c><c r="H1" s="1"><v>-1</v></c></row>`,
			want:      "2019-07-18,2019-07-18,1900-01-01,0.5,43664,2019-07-18,60,-1\r\n",
		},
		{
			name:      "1904 dates",
			date1904:  true,
			sheetData: `<row r="2"><c r="B2" s="1"><v>42202</v></c></row>`,
			want:      "\r\n,2019-07-18\r\n",
		},
		{
			name:      "numbers",
			sheetData: `<row r="1"><c r="A1"><v>0.30000000000000004</v></c><c r="B1"><v>1.5E+3</v></c><c r="C1"><v>-12.50</v></c><c r="D1"><v>99999999999999</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="str"><f>A1</f><v>=x</v></c></row>`,
			want:      "0.3,1500,-12.50,99999999999999,#N/A,=x\r\n",
		},
		{
			name:      "rows padded to the widest",
			sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>4</v></c></row><row r="3"><c r="B3"><v>2</v></c></row><row r="4"><c r="A4" s="0"/></row>`,
			want:      "title\r\n1,,,4\r\n,2,,\r\n\r\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := zipOf(t, handWorkbook(tc.sheetData, tc.sst, handStyles, tc.date1904))
			got, err := xlsx.ReadSheet(bytes.NewReader(data), "")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("ReadSheet mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	numericID := func(t *testing.T) []byte {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号码"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"张三", "500115197803150011"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"李四", 110105194901010000})
		return saveFile(t, f)
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	encrypted := append(bytes.Clone(ole), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)
	hand := func(sheetData string) []byte {
		return zipOf(t, handWorkbook(sheetData, `<si><t>a</t></si>`, handStyles, false))
	}
	truncated := handWorkbook(`<row r="1"><c r="A1"><v>1</v></c></row>`, "", "", false)
	truncated["xl/worksheets/sheet1.xml"] = strings.TrimSuffix(truncated["xl/worksheets/sheet1.xml"], "</x:sheetData></x:worksheet>")
	for _, tc := range []struct {
		name    string
		data    []byte
		sheet   string
		want    error
		message string // a substring of the error's message
	}{
		{name: "numeric identity number", data: numericID(t), want: xlsx.ErrLongNumber,
			message: `xlsx: sheet "Sheet1", cell B3 "110105************": number of 15 or more digits`},
		{name: "scientific notation", data: hand(`<row r="4"><c r="C4"><v>1.10105194901E+17</v></c></row>`), want: xlsx.ErrLongNumber, message: `cell C4 "110105************"`},
		{name: "15 digits", data: hand(`<row r="1"><c r="A1"><v>110105490101001</v></c></row>`), want: xlsx.ErrLongNumber, message: `"110105*********"`},
		{name: "legacy xls", data: ole, want: xlsx.ErrLegacyXLS, message: "旧版 .xls 文件，请用 Excel 或 WPS 另存为 .xlsx"},
		{name: "encrypted", data: encrypted, want: xlsx.ErrEncrypted},
		{name: "csv", data: []byte("姓名,身份证号码\n"), want: xlsx.ErrNotXLSX},
		{name: "empty", data: nil, want: xlsx.ErrNotXLSX},
		{name: "zip of something else", data: zipOf(t, map[string]string{"a.txt": "a"}), want: xlsx.ErrNotXLSX},
		{name: "cut zip", data: numericID(t)[:300], want: xlsx.ErrCorrupt},
		{name: "no such sheet", data: numericID(t), sheet: "花名册", want: xlsx.ErrNoSheet, message: `no worksheet "花名册"; the workbook has "Sheet1"`},
		{name: "truncated sheet", data: zipOf(t, truncated), want: xlsx.ErrCorrupt, message: "ends before its last row"},
		{name: "bad xml", data: hand(`<row r="1"><c r="A1"><v>1</c></row>`), want: xlsx.ErrCorrupt},
		{name: "rows out of order", data: hand(`<row r="2"/><row r="1"/>`), want: xlsx.ErrCorrupt},
		{name: "cells out of order", data: hand(`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>`), want: xlsx.ErrCorrupt},
		{name: "beyond XFD", data: hand(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), want: xlsx.ErrCorrupt},
		{name: "beyond the last row", data: hand(`<row r="1048577"/>`), want: xlsx.ErrCorrupt},
		{name: "missing shared string", data: hand(`<row r="1"><c r="A1" t="s"><v>5</v></c></row>`), want: xlsx.ErrCorrupt},
		{name: "bad number", data: hand(`<row r="1"><c r="A1"><v>1x</v></c></row>`), want: xlsx.ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := xlsx.ReadSheet(bytes.NewReader(tc.data), tc.sheet)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ReadSheet error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not hold %q", err, tc.message)
			}
			if strings.Contains(err.Error(), "110105194901") {
				t.Errorf("error %q holds an unmasked number", err)
			}
		})
	}
}

func TestErrorLabel(t *testing.T) {
	e := &xlsx.Error{Sheet: "花名册", Row: 5, Column: 3, Value: "110105************", Err: xlsx.ErrLongNumber}
	want := "工作表“花名册”第 5 行 C 列“110105************”：数字达到 15 位或以上，Excel 只保留 15 位有效数字，以数字格式保存的身份证号码已丢失末几位；请把该列设置为文本格式后重新录入身份证号码"
	if got := e.Label(language.Chinese); got != want {
		t.Errorf("Label(zh) = %q, want %q", got, want)
	}
	if got := e.Label(language.English); got != e.Error() {
		t.Errorf("Label(en) = %q, want Error()", got)
	}
}

// A zip bomb: parts that declare more than the limits are refused before
// they are inflated.
func TestReadLimits(t *testing.T) {
	big := strings.Repeat("<row/>", 1<<16) // 384 KiB of rows, compressing to little
	data := zipOf(t, handWorkbook(big, strings.Repeat("<si><t>aaaaaaaa</t></si>", 1<<14), handStyles, false))
	for _, tc := range []struct {
		name string
		opt  xlsx.ReadOptions
		want error
	}{
		{"total", xlsx.ReadOptions{UnzipSizeLimit: 100 << 10}, xlsx.ErrTooLarge},
		{"shared strings", xlsx.ReadOptions{UnzipXMLSizeLimit: 100 << 10}, xlsx.ErrTooLarge},
		{"within", xlsx.ReadOptions{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), tc.opt)
			if err == nil {
				var sr *xlsx.SheetReader
				if sr, err = wb.Sheet(""); err == nil {
					_, err = io.Copy(io.Discard, sr)
				}
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
	// A sheet whose rows are padded far beyond its size.
	wide := `<row r="1"><c r="XFD1"><v>1</v></c></row>` + strings.Repeat(`<row><c><v>1</v></c></row>`, 2000)
	_, err := xlsx.ReadSheet(bytes.NewReader(zipOf(t, handWorkbook(wide, "", "", false))), "")
	if !errors.Is(err, xlsx.ErrTooLarge) {
		t.Errorf("wide rows: error %v, want ErrTooLarge", err)
	}
}

func TestIsXLSX(t *testing.T) {
	for _, tc := range []struct {
		name string
		head string
		want bool
	}{
		{"a.xlsx", "PK\x03\x04\x14\x00\x06\x00", true},
		{"a.csv", "PK\x03\x04\x14\x00\x06\x00", true},
		{"a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", true},
		{"a.xlsx", "姓名,身份证号码", false},
		{"a.csv", "姓名,身份证号码", false},
		{"A.XLSX", "", true},
		{"a.xls", "\xD0\xCF", true},
		{"a.csv", "", false},
		{"a.xlsx", "PK", true},
		{"a.xlsx", "ab", false},
	} {
		if got := xlsx.IsXLSX(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("IsXLSX(%q, %q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}

// sampleTable is a task table with text, integer and decimal columns, a
// computed total, a title and notes.
func sampleTable() table.Table {
	return table.Table{
		Title: "罗东镇全民参保扩面任务分解表",
		Columns: []table.Column{
			{Header: "村别"},
			{Header: "身份证号码", RevealNumbers: true}, // full numbers, to test that they stay text
			{Header: "2019年任务数", Kind: table.KindInteger},
			{Header: "完成率", Kind: table.KindDecimal, Scale: 2},
		},
		Rows: [][]table.Cell{
			{table.Text("荆坑村"), table.Text("500115197803150011"), table.Int(315), table.Decimal(8437, 2)},
			{table.Text("=HYPERLINK(\"http://x\")"), table.Text("13812345678"), table.Int(613), table.Decimal(5, 1)},
			{table.Text("-1"), table.Text("+86 138"), table.Int(0), table.Text("—")},
			{table.Text("@SUM(A1)"), table.Text(""), table.Int(-2), table.Decimal(0, 0)},
		},
		Total: table.Total{Mode: table.ComputedTotal},
		Notes: []string{"资料来源：罗政〔2019〕185号"},
	}
}

// sheetXML returns the XML of the first worksheet of a workbook.
func sheetXML(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsx.WriteTable(&buf, sampleTable(), xlsx.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "table-sheet1.xml", []byte(sheetXML(t, buf.Bytes())))
	// Read back with excelize: types, formats, formulas.
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	if sh != "罗东镇全民参保扩面任务分解表" {
		t.Errorf("sheet name %q", sh)
	}
	for _, tc := range []struct {
		cell   string
		typ    excelize.CellType
		value  string
		format int // built-in number format, or -1 for a custom one
	}{
		{"A1", excelize.CellTypeInlineString, "罗东镇全民参保扩面任务分解表", 49},
		{"A2", excelize.CellTypeInlineString, "村别", 49},
		{"B3", excelize.CellTypeInlineString, "500115197803150011", 49},
		{"B4", excelize.CellTypeInlineString, "13812345678", 49},
		{"A4", excelize.CellTypeInlineString, `=HYPERLINK("http://x")`, 49},
		{"A5", excelize.CellTypeInlineString, "-1", 49},
		{"B5", excelize.CellTypeInlineString, "+86 138", 49},
		{"A6", excelize.CellTypeInlineString, "@SUM(A1)", 49},
		{"C3", excelize.CellTypeUnset, "315", 1},
		{"D3", excelize.CellTypeUnset, "84.37", -1},
		{"D4", excelize.CellTypeUnset, "0.50", -1},
		{"D5", excelize.CellTypeInlineString, "—", 49},
		{"A7", excelize.CellTypeInlineString, "合计", 49},
		{"C7", excelize.CellTypeUnset, "926", 1},
		{"D7", excelize.CellTypeUnset, "84.87", -1},
		{"A9", excelize.CellTypeInlineString, "资料来源：罗政〔2019〕185号", 49},
	} {
		typ, err := f.GetCellType(sh, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.GetCellValue(sh, tc.cell)
		if typ != tc.typ || v != tc.value {
			t.Errorf("%s: type %v value %q, want %v %q", tc.cell, typ, v, tc.typ, tc.value)
		}
		if formula, _ := f.GetCellFormula(sh, tc.cell); formula != "" {
			t.Errorf("%s: formula %q", tc.cell, formula)
		}
		sid, _ := f.GetCellStyle(sh, tc.cell)
		st, _ := f.GetStyle(sid)
		if tc.format >= 0 && st.NumFmt != tc.format || tc.format < 0 && st.CustomNumFmt == nil {
			t.Errorf("%s: number format %d %v, want %d", tc.cell, st.NumFmt, st.CustomNumFmt, tc.format)
		}
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes %+v, want the header frozen", panes)
	}
	merged, _ := f.GetMergeCells(sh)
	if len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "D1" {
		t.Errorf("merged cells %v", merged)
	}
	if w, _ := f.GetColWidth(sh, "A"); w < 12 || w > 50 {
		t.Errorf("width of A = %v", w)
	}
}

func TestWriteDeterministic(t *testing.T) {
	write := func() []byte {
		var buf bytes.Buffer
		sheets := []xlsx.Sheet{{Table: sampleTable()}, {Name: "明细", Table: sampleTable()}, {Table: table.Table{Columns: []table.Column{{Header: "a"}}}}}
		if err := xlsx.WriteTables(&buf, sheets, xlsx.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := write(), write()
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same tables differ")
	}
	wb, err := xlsx.Open(bytes.NewReader(a), int64(len(a)), xlsx.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"罗东镇全民参保扩面任务分解表", "明细", "Sheet3"}, wb.Sheets()); diff != "" {
		t.Errorf("Sheets() mismatch (-want +got):\n%s", diff)
	}
	zr, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	core, _ := zr.Open("docProps/core.xml")
	cb, _ := io.ReadAll(core)
	if !strings.Contains(string(cb), "2000-01-01T00:00:00Z") {
		t.Errorf("core.xml holds no fixed time: %s", cb)
	}
}

func TestWriteErrors(t *testing.T) {
	ok := table.Table{Columns: []table.Column{{Header: "a"}}}
	for _, tc := range []struct {
		name   string
		sheets []xlsx.Sheet
		want   error
	}{
		{"no sheet", nil, xlsx.ErrSheetName},
		{"bad name", []xlsx.Sheet{{Name: "a/b", Table: ok}}, xlsx.ErrSheetName},
		{"long name", []xlsx.Sheet{{Name: strings.Repeat("表", 32), Table: ok}}, xlsx.ErrSheetName},
		{"duplicate", []xlsx.Sheet{{Name: "A", Table: ok}, {Name: "a", Table: ok}}, xlsx.ErrSheetName},
		{"invalid table", []xlsx.Sheet{{Table: table.Table{}}}, table.ErrShape},
		{"long text", []xlsx.Sheet{{Table: table.Table{Columns: []table.Column{{Header: "a"}}, Rows: [][]table.Cell{{table.Text(strings.Repeat("x", 32768))}}}}}, xlsx.ErrCellTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := xlsx.WriteTables(&buf, tc.sheets, xlsx.WriteOptions{})
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
}

// Titles are made into sheet names Excel accepts, unique in the workbook.
func TestSheetNamesFromTitles(t *testing.T) {
	tbl := func(title string) xlsx.Sheet {
		return xlsx.Sheet{Table: table.Table{Title: title, Columns: []table.Column{{Header: "a"}}}}
	}
	var buf bytes.Buffer
	sheets := []xlsx.Sheet{tbl("2019/7 通报: [一]"), tbl("2019/7 通报: [一]"), tbl(strings.Repeat("长", 40)), tbl("'history'")}
	if err := xlsx.WriteTables(&buf, sheets, xlsx.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), xlsx.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2019_7 通报_ _一_", "2019_7 通报_ _一_ (2)", strings.Repeat("长", 31), "history_"}
	if diff := cmp.Diff(want, wb.Sheets()); diff != "" {
		t.Errorf("Sheets() mismatch (-want +got):\n%s", diff)
	}
}

// A table written as .xlsx and read back gives the roster reader the same
// rows as the same table written as CSV.
func TestRoundTripRoster(t *testing.T) {
	tb := table.Table{
		Title: "石堰镇扩面人员花名册",
		Columns: []table.Column{
			{Header: "姓名"}, {Header: "身份证号码", RevealNumbers: true}, {Header: "出生日期"}, {Header: "村（社区）"},
			{Header: "缴费档次", Kind: table.KindDecimal, Scale: 2}, {Header: "备注", RevealNumbers: true},
		},
	}
	for i := range 50 {
		birth := fmt.Sprintf("19%02d%02d%02d", 50+i%40, 1+i%12, 1+i%28)
		tier := table.Decimal(int64(100000+i*5000), 2)
		if i%7 == 0 {
			tier = table.Cell{}
		}
		tb.Rows = append(tb.Rows, []table.Cell{
			table.Text("居民" + strconv.Itoa(i)), table.Text(idNumber("500115", birth, i*2+1)),
			table.Text(birth[:4] + "-" + birth[4:6] + "-" + birth[6:]), table.Text([]string{"石堰村", "桃花村", "=村"}[i%3]),
			tier, table.Text([]string{"", "-", "电话 13812345678"}[i%3]),
		})
	}
	tb.Rows = append(tb.Rows, []table.Cell{table.Text("坏号"), table.Text("500115197803150012"), {}, table.Text("石堰村"), {}, {}})
	var buf bytes.Buffer
	if err := xlsx.WriteTable(&buf, tb, xlsx.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	data, err := xlsx.ReadSheet(bytes.NewReader(buf.Bytes()), "")
	if err != nil {
		t.Fatal(err)
	}
	fromXLSX := readRoster(t, data)
	// The same table as CSV, verbatim (no formula guard), without the title
	// row: lines are one less.
	var csv bytes.Buffer
	csv.WriteString("\r\n")
	record := func(cells []string) {
		for j, c := range cells {
			if j > 0 {
				csv.WriteByte(',')
			}
			csv.WriteString(c)
		}
		csv.WriteString("\r\n")
	}
	var hs []string
	for _, c := range tb.Columns {
		hs = append(hs, c.Header)
	}
	record(hs)
	for _, r := range tb.Rows {
		var cs []string
		for _, c := range r {
			cs = append(cs, c.String())
		}
		record(cs)
	}
	fromCSV := readRoster(t, csv.Bytes())
	if diff := cmp.Diff(fromCSV, fromXLSX); diff != "" {
		t.Errorf("rows from .xlsx differ from CSV (-csv +xlsx):\n%s", diff)
	}
	if len(fromXLSX) != 51 || !strings.Contains(fromXLSX[50], "invalid identity number") {
		t.Errorf("got %d rows, last %q", len(fromXLSX), fromXLSX[len(fromXLSX)-1])
	}
}

// readRoster reads a roster and describes each row.
func readRoster(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	rep, err := roster.Read(bytes.NewReader(data), roster.Options{},
		func(row roster.Row) error {
			r := row.Resident
			out = append(out, fmt.Sprintf("%d %s %s %s %s %s %q", row.Line, r.Name, r.ID.Masked(), r.Birth, r.Hukou.Village, r.ResidentTier, row.Note))
			return nil
		},
		func(e *roster.RowError) error {
			out = append(out, e.Error())
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Counts.Reconciles() {
		t.Errorf("counts %v", rep.Counts)
	}
	return out
}
