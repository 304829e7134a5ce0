package table_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/table"
)

func tblRender(t testing.TB, tab table.Table, f table.Format, opt table.RenderOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tab.Render(&buf, f, opt); err != nil {
		t.Fatalf("Render(%v): %v", f, err)
	}
	return buf.Bytes()
}

func TestRenderAmbiguousWidth(t *testing.T) {
	tab := table.Table{
		Columns: []table.Column{{Header: "项目"}, {Header: "n", Kind: table.KindInteger}},
		Rows:    [][]table.Cell{{table.Text("“甲”"), table.Int(1)}, {table.Text("乙乙"), table.Int(22)}},
	}
	narrow := string(tblRender(t, tab, table.FormatText, table.RenderOptions{}))
	wide := string(tblRender(t, tab, table.FormatText, table.RenderOptions{AmbiguousWide: true}))
	wantNarrow := "项目   n\n--------\n“甲”   1\n乙乙  22\n"
	wantWide := "项目     n\n----------\n“甲”   1\n乙乙    22\n"
	if narrow != wantNarrow {
		t.Errorf("narrow:\n%q\nwant\n%q", narrow, wantNarrow)
	}
	if wide != wantWide {
		t.Errorf("wide:\n%q\nwant\n%q", wide, wantWide)
	}
}

func TestRenderCSV(t *testing.T) {
	tab := table.Table{
		Title: "不进入CSV的标题",
		Columns: []table.Column{
			{Header: "姓名"}, {Header: "备注"}, {Header: "人数", Kind: table.KindInteger}, {Header: "完成率", Kind: table.KindDecimal, Scale: 2},
		},
		Rows: [][]table.Cell{
			{table.Text("=SUM(A1:A9)"), table.Text("a,b \"c\""), table.Int(-5), table.Decimal(8437, 2)},
			{table.Text("+86 138"), table.Text("line1\r\nline2\rline3"), table.Int(0), table.Decimal(5, 1)},
			{table.Text("-1"), table.Text("@cmd"), table.Text("-"), table.Cell{}},
			{table.Text("\tTab"), table.Text(" 前后空格 "), table.Int(7), table.Int(1)},
			{table.Text("bad\xffbyte"), table.Text("普通"), table.Int(1), table.Int(2)},
		},
		Total: table.Total{Mode: table.ComputedTotal},
		Notes: []string{"不进入CSV的注"},
	}
	got := tblRender(t, tab, table.FormatCSV, table.RenderOptions{})
	if !bytes.HasPrefix(got, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("CSV does not start with a BOM: % x", got[:3])
	}
	want := "\uFEFF姓名,备注,人数,完成率\r\n" +
		"'=SUM(A1:A9),\"a,b \"\"c\"\"\",-5,84.37\r\n" +
		"'+86 138,\"line1\nline2\nline3\",0,0.50\r\n" +
		"'-1,'@cmd,'-,\r\n" +
		"'\tTab,\" 前后空格 \",7,1.00\r\n" +
		"bad\uFFFDbyte,普通,1,2.00\r\n" +
		"合计,,3,87.87\r\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("CSV mismatch (-want +got):\n%s", diff)
	}
	recs, err := csv.NewReader(bytes.NewReader(got[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][0] != "'=SUM(A1:A9)" || recs[1][1] != `a,b "c"` || recs[1][2] != "-5" || recs[2][1] != "line1\nline2\nline3" {
		t.Errorf("encoding/csv read back %q", recs)
	}

	// GB18030 on request, and UTF-8 without BOM.
	gb := tblRender(t, tab, table.FormatCSV, table.RenderOptions{Encoding: codec.GB18030})
	if bytes.HasPrefix(gb, []byte{0xEF, 0xBB, 0xBF}) || utf8.Valid(gb) {
		t.Errorf("GB18030 CSV looks like UTF-8")
	}
	d, err := codec.NewDecoder(bytes.NewReader(gb), codec.GB18030)
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(d)
	if err != nil || string(back) != strings.TrimPrefix(want, "\uFEFF") {
		t.Errorf("GB18030 CSV decodes to %q, %v", back, err)
	}
	plain := tblRender(t, tab, table.FormatCSV, table.RenderOptions{Encoding: codec.UTF8})
	if string(plain) != strings.TrimPrefix(want, "\uFEFF") {
		t.Errorf("UTF8 CSV = %q", plain)
	}
	// The zero Encoding, codec.Auto, writes CSV's default: UTF-8 with a mark.
	if auto := tblRender(t, tab, table.FormatCSV, table.RenderOptions{Encoding: codec.Auto}); string(auto) != want {
		t.Errorf("Auto CSV = %q, want the UTF-8 with BOM default", auto)
	}
}

func TestCSVFieldSingleEmptyColumn(t *testing.T) {
	// A one-column row with an empty cell must not become an empty line,
	// which encoding/csv would skip.
	tab := table.Table{Columns: []table.Column{{Header: "x"}}, Rows: [][]table.Cell{{{}}, {table.Text("y")}}}
	got := tblRender(t, tab, table.FormatCSV, table.RenderOptions{Encoding: codec.UTF8})
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"x"}, {""}, {"y"}}, recs); diff != "" {
		t.Errorf("read back mismatch (-want +got):\n%s", diff)
	}
}

func TestRenderMarkdownEscapes(t *testing.T) {
	tab := table.Table{
		Title:   "A|B *title*",
		Columns: []table.Column{{Header: "a|b"}, {Header: "n", Kind: table.KindInteger, Align: table.AlignCenter}},
		Rows:    [][]table.Cell{{table.Text("x|y *z* _w_ `c` [l](u) <b> &amp; \\"), table.Int(1)}, {table.Text("two\nlines"), table.Int(2)}},
	}
	got := string(tblRender(t, tab, table.FormatMarkdown, table.RenderOptions{}))
	want := "### A\\|B \\*title\\*\n\n" +
		"| a\\|b | n |\n" +
		"| :--- | :---: |\n" +
		"| x\\|y \\*z\\* \\_w\\_ \\`c\\` \\[l\\](u) \\<b\\> \\&amp; \\\\ | 1 |\n" +
		"| two<br>lines | 2 |\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Markdown mismatch (-want +got):\n%s", diff)
	}
}

func TestRenderHTMLEscapes(t *testing.T) {
	tab := table.Table{
		Title:   "<script>alert(1)</script>",
		Columns: []table.Column{{Header: "村\"别"}, {Header: "n", Kind: table.KindInteger}},
		Rows:    [][]table.Cell{{table.Text("<img src=x onerror=alert(1)>"), table.Int(3)}, {table.Text("A&B"), table.Int(5)}},
	}
	got := string(tblRender(t, tab, table.FormatHTML, table.RenderOptions{}))
	for _, bad := range []string{"<script>alert", "<img src=x"} {
		if strings.Contains(got, bad) {
			t.Errorf("HTML contains unescaped %q", bad)
		}
	}
	for _, good := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "A&amp;B", "<svg", `<meta charset="utf-8">`} {
		if !strings.Contains(got, good) {
			t.Errorf("HTML lacks %q", good)
		}
	}
	// Self-contained: no external assets.
	for _, ext := range []string{"http://", "https://", " src=\"", "<link", "@import", "url("} {
		if strings.Contains(strings.ReplaceAll(got, `xmlns="http://www.w3.org/2000/svg"`, ""), ext) {
			t.Errorf("HTML refers to an external asset (%q)", ext)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	tab := table.Table{Columns: []table.Column{{Header: "x"}}}
	if err := tab.Render(io.Discard, table.Format(9), table.RenderOptions{}); !errors.Is(err, table.ErrUnknownFormat) {
		t.Errorf("Render(Format(9)) = %v, want ErrUnknownFormat", err)
	}
	if err := (table.Table{}).Render(io.Discard, table.FormatText, table.RenderOptions{}); !errors.Is(err, table.ErrShape) {
		t.Errorf("Render(empty table) = %v, want ErrTableShape", err)
	}
	for s, want := range map[string]table.Format{"text": table.FormatText, "CSV": table.FormatCSV, "md": table.FormatMarkdown, "Markdown": table.FormatMarkdown, "html": table.FormatHTML} {
		f, err := table.ParseFormat(s)
		if err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", s, f, err, want)
		}
		if back, _ := table.ParseFormat(f.String()); back != f {
			t.Errorf("ParseFormat(%v.String()) = %v", f, back)
		}
	}
	if _, err := table.ParseFormat("pdf"); !errors.Is(err, table.ErrUnknownFormat) {
		t.Errorf("ParseFormat(pdf) = %v", err)
	}
	w := &tblFailWriter{}
	one := table.Table{Columns: []table.Column{{Header: "村别"}}, Rows: [][]table.Cell{{table.Text("甲村")}}}
	for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
		if err := one.Render(w, f, table.RenderOptions{}); err == nil {
			t.Errorf("Render(%v) to a failing writer returned nil", f)
		}
	}
}

type tblFailWriter struct{}

func (*tblFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDecimalBadScale(t *testing.T) {
	tab := table.Table{
		Columns: []table.Column{{Header: "x", Kind: table.KindDecimal, Scale: 2}},
		Rows:    [][]table.Cell{{table.Decimal(1, 19)}},
	}
	if err := tab.Validate(); !errors.Is(err, table.ErrCellKind) {
		t.Errorf("Validate() = %v, want ErrCellKind", err)
	}
	if s := table.Decimal(1, -1).String(); s != "" {
		t.Errorf("bad-scale cell prints %q", s)
	}
}
