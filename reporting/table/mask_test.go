package table_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/table"
)

const (
	maskID    = "11010519491231002X"
	maskPhone = "13812345678"
)

// maskTable holds identity and phone numbers where no column expects them
// — title, header, a village cell, a stated total's label, a note — next to
// the figures, dates and amounts that must stay legible.
func maskTable() table.Table {
	return table.Table{
		Title: "表" + maskPhone,
		Columns: []table.Column{
			{Header: "村别"}, {Header: "备注" + maskID},
			{Header: "人数", Kind: table.KindInteger}, {Header: "金额", Kind: table.KindDecimal, Scale: 2},
			{Header: "公民身份号码", RevealNumbers: true},
		},
		Rows: [][]table.Cell{
			{table.Text("荆坑村" + maskID), table.Text("电话 138-1234-5678，2019-07-18 走访"), table.Int(1234567), table.Decimal(100001, 2), table.Text(maskID)},
			{table.Text("潭溪村"), table.Text("1101 0519 4901 0100 2X"), table.Int(613), table.Decimal(5, 1), table.Text("")},
		},
		Total: table.Total{Mode: table.StatedTotal, Cells: []table.Cell{table.Text("合计" + maskPhone), {}, table.Int(1235180), table.Decimal(100051, 2), {}}},
		Notes: []string{"联系人电话 " + maskPhone},
	}
}

// TestRenderMasksNumbers renders a table and a page in every format and
// checks that no identity or phone number is shown whole, wherever it
// stands, but in the column that opts out; dates, amounts and number
// cells stay as they are.
func TestRenderMasksNumbers(t *testing.T) {
	tbl := maskTable()
	page := table.Page{
		Title:   "通报" + maskID,
		Lines:   []string{"截至 2019-11-30，联系电话 " + maskPhone},
		Figures: []table.Figure{{Label: "完成" + maskID, Value: maskPhone, Note: "距任务 " + maskID}},
		Chart: &table.ProgressChart{Label: "图" + maskPhone, Bars: []table.ProgressBar{{Label: "荆坑村" + maskID, Task: 10, Done: 5, Text: maskPhone, Title: maskID}},
			Legend: []table.Legend{{Label: maskPhone}}},
		Table:  tbl,
		Footer: "罗政〔2019〕185号 " + maskPhone,
	}
	bar := table.Page{Title: "柱", Chart: &table.BarChart{Label: maskID, Labels: []string{maskPhone}, Series: []table.Series{{Name: maskID, Values: []int64{1234567}, Text: []string{maskPhone}}}}, Table: tbl}
	for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
		outs := map[string]string{}
		var b bytes.Buffer
		if err := tbl.Render(&b, f, table.RenderOptions{Encoding: codec.UTF8}); err != nil {
			t.Fatal(err)
		}
		outs["table"] = b.String()
		for name, p := range map[string]table.Page{"page": page, "bar page": bar} {
			b.Reset()
			if err := p.Render(&b, f, table.RenderOptions{Encoding: codec.UTF8}); err != nil {
				t.Fatal(err)
			}
			outs[name] = b.String()
		}
		for name, out := range outs {
			out = strings.ReplaceAll(out, `\*`, "*") // Markdown escapes the stars
			// The revealed column holds the one full number: take it out.
			rest := strings.Replace(out, maskID, "", 1)
			for _, s := range []string{maskID, "194912310", maskPhone, "1234-5678", "0519 4901"} {
				if strings.Contains(rest, s) {
					t.Errorf("%v %s shows %q:\n%s", f, name, s, out)
				}
			}
			if !strings.Contains(out, maskID) {
				t.Errorf("%v %s lacks the number of its RevealNumbers column", f, name)
			}
			for _, s := range []string{"荆坑村110105********002X", "2019-07-18", "1234567", "1000.01", "0.50", "1235180"} {
				if !strings.Contains(out, s) {
					t.Errorf("%v %s lacks %q:\n%s", f, name, s, out)
				}
			}
		}
	}
}

// TestTableMasked checks Masked, the form every renderer shows: masked
// texts, revealed column and numbers untouched, idempotent, and the
// original table unchanged.
func TestTableMasked(t *testing.T) {
	tbl := maskTable()
	m := tbl.Masked()
	got := []string{m.Title, m.Columns[1].Header, m.Rows[0][0].String(), m.Rows[0][1].String(), m.Rows[0][2].String(), m.Rows[0][4].String(), m.Rows[1][1].String(), m.Total.Cells[0].String(), m.Notes[0]}
	want := []string{
		"表138*****678", "备注110105********002X", "荆坑村110105********002X", "电话 138-****-*678，2019-07-18 走访", "1234567", maskID,
		"1101 05** **** **00 2X", "合计138*****678", "联系人电话 138*****678",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Masked() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(m, m.Masked(), cmp.AllowUnexported(table.Cell{})); diff != "" {
		t.Errorf("Masked() is not idempotent (-want +got):\n%s", diff)
	}
	if tbl.Rows[0][0].String() != "荆坑村"+maskID {
		t.Error("Masked() changed the table it was given")
	}
}
