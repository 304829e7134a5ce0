package reporting_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/internal/textwidth"
	"github.com/canbao/kuomian/reporting"
)

func tblRender(t testing.TB, tab reporting.Table, f reporting.Format, opt reporting.RenderOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tab.Render(&buf, f, opt); err != nil {
		t.Fatalf("Render(%v): %v", f, err)
	}
	return buf.Bytes()
}

func TestRenderLuodongGolden(t *testing.T) {
	tab, _ := tblLuodongTable(t)
	for _, tt := range []struct {
		f    reporting.Format
		file string
	}{
		{reporting.FormatText, "table/luodong-2019.txt"},
		{reporting.FormatCSV, "table/luodong-2019.out.csv"},
		{reporting.FormatMarkdown, "table/luodong-2019.md"},
		{reporting.FormatHTML, "table/luodong-2019.html"},
	} {
		t.Run(tt.f.String(), func(t *testing.T) {
			got := tblRender(t, tab, tt.f, reporting.RenderOptions{})
			tblGolden(t, tt.file, got)
			// Byte-identical on a second run.
			if again := tblRender(t, tab, tt.f, reporting.RenderOptions{}); !bytes.Equal(got, again) {
				t.Errorf("second rendering differs")
			}
		})
	}
}

// tblColumnStarts returns the display column at which each cell of a text
// line starts, splitting on runs of two or more spaces.
func tblColumnStarts(line string) []int {
	var starts []int
	col := 0
	prevSpace := 2
	for _, r := range line {
		if r == ' ' {
			prevSpace++
		} else {
			if prevSpace >= 2 {
				starts = append(starts, col)
			}
			prevSpace = 0
		}
		col += textwidth.Rune(r, textwidth.Narrow)
	}
	return starts
}

func TestRenderTextAlignsByDisplayWidth(t *testing.T) {
	tab, _ := tblLuodongTable(t)
	lines := strings.Split(strings.TrimSuffix(string(tblRender(t, tab, reporting.FormatText, reporting.RenderOptions{})), "\n"), "\n")
	// Title, header, rule, 14 rows, rule, total, footnote, note.
	if len(lines) != 21 {
		t.Fatalf("%d lines, want 21:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	width := textwidth.String(lines[2], textwidth.Narrow)
	// Every row's numbers end at the same display column as the header's
	// right edge of each column: compare the end columns of the last
	// column, and that every body row is as wide as the rule.
	for i, l := range lines[3:17] {
		if w := textwidth.String(l, textwidth.Narrow); w != width-1 && w != width {
			t.Errorf("row %d is %d columns wide, rule is %d:\n%s", i, w, width, l)
		}
	}
	// The village names start at column 0 and the first number column ends
	// under the end of its header.
	hdrEnd := textwidth.String("村别      16-59周岁人数", textwidth.Narrow)
	for _, l := range lines[3:17] {
		starts := tblColumnStarts(l)
		if len(starts) != 6 || starts[0] != 0 {
			t.Fatalf("row %q has cells at %v", l, starts)
		}
		fields := strings.Fields(l)
		end := starts[1] + textwidth.String(fields[1], textwidth.Narrow)
		if end != hdrEnd {
			t.Errorf("row %q: first number ends at column %d, header at %d", l, end, hdrEnd)
		}
	}
	if !strings.HasSuffix(lines[18], "9777*         7822*") {
		t.Errorf("total row %q does not mark the stated totals", lines[18])
	}
}

func TestRenderAmbiguousWidth(t *testing.T) {
	tab := reporting.Table{
		Columns: []reporting.TableColumn{{Header: "项目"}, {Header: "n", Kind: reporting.KindInteger}},
		Rows:    [][]reporting.Cell{{reporting.Text("“甲”"), reporting.Int(1)}, {reporting.Text("乙乙"), reporting.Int(22)}},
	}
	narrow := string(tblRender(t, tab, reporting.FormatText, reporting.RenderOptions{}))
	wide := string(tblRender(t, tab, reporting.FormatText, reporting.RenderOptions{AmbiguousWide: true}))
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
	tab := reporting.Table{
		Title: "不进入CSV的标题",
		Columns: []reporting.TableColumn{
			{Header: "姓名"}, {Header: "备注"}, {Header: "人数", Kind: reporting.KindInteger}, {Header: "完成率", Kind: reporting.KindDecimal, Scale: 2},
		},
		Rows: [][]reporting.Cell{
			{reporting.Text("=SUM(A1:A9)"), reporting.Text("a,b \"c\""), reporting.Int(-5), reporting.Decimal(8437, 2)},
			{reporting.Text("+86 138"), reporting.Text("line1\r\nline2\rline3"), reporting.Int(0), reporting.Decimal(5, 1)},
			{reporting.Text("-1"), reporting.Text("@cmd"), reporting.Text("-"), reporting.Cell{}},
			{reporting.Text("\tTab"), reporting.Text(" 前后空格 "), reporting.Int(7), reporting.Int(1)},
			{reporting.Text("bad\xffbyte"), reporting.Text("普通"), reporting.Int(1), reporting.Int(2)},
		},
		Total: reporting.Total{Mode: reporting.ComputedTotal},
		Notes: []string{"不进入CSV的注"},
	}
	got := tblRender(t, tab, reporting.FormatCSV, reporting.RenderOptions{})
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
	gb := tblRender(t, tab, reporting.FormatCSV, reporting.RenderOptions{Encoding: reporting.GB18030})
	if bytes.HasPrefix(gb, []byte{0xEF, 0xBB, 0xBF}) || utf8.Valid(gb) {
		t.Errorf("GB18030 CSV looks like UTF-8")
	}
	d, err := reporting.NewDecoder(bytes.NewReader(gb), reporting.GB18030)
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(d)
	if err != nil || string(back) != strings.TrimPrefix(want, "\uFEFF") {
		t.Errorf("GB18030 CSV decodes to %q, %v", back, err)
	}
	plain := tblRender(t, tab, reporting.FormatCSV, reporting.RenderOptions{Encoding: reporting.UTF8})
	if string(plain) != strings.TrimPrefix(want, "\uFEFF") {
		t.Errorf("UTF8 CSV = %q", plain)
	}
	if err := tab.Render(io.Discard, reporting.FormatCSV, reporting.RenderOptions{Encoding: reporting.AutoDetect}); !errors.Is(err, reporting.ErrUnknownEncoding) {
		t.Errorf("Render with AutoDetect: %v, want ErrUnknownEncoding", err)
	}
}

func TestCSVFieldSingleEmptyColumn(t *testing.T) {
	// A one-column row with an empty cell must not become an empty line,
	// which encoding/csv would skip.
	tab := reporting.Table{Columns: []reporting.TableColumn{{Header: "x"}}, Rows: [][]reporting.Cell{{{}}, {reporting.Text("y")}}}
	got := tblRender(t, tab, reporting.FormatCSV, reporting.RenderOptions{Encoding: reporting.UTF8})
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"x"}, {""}, {"y"}}, recs); diff != "" {
		t.Errorf("read back mismatch (-want +got):\n%s", diff)
	}
}

func TestRenderMarkdownEscapes(t *testing.T) {
	tab := reporting.Table{
		Title:   "A|B *title*",
		Columns: []reporting.TableColumn{{Header: "a|b"}, {Header: "n", Kind: reporting.KindInteger, Align: reporting.AlignCenter}},
		Rows:    [][]reporting.Cell{{reporting.Text("x|y *z* _w_ `c` [l](u) <b> &amp; \\"), reporting.Int(1)}, {reporting.Text("two\nlines"), reporting.Int(2)}},
	}
	got := string(tblRender(t, tab, reporting.FormatMarkdown, reporting.RenderOptions{}))
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
	tab := reporting.Table{
		Title:   "<script>alert(1)</script>",
		Columns: []reporting.TableColumn{{Header: "村\"别"}, {Header: "n", Kind: reporting.KindInteger}},
		Rows:    [][]reporting.Cell{{reporting.Text("<img src=x onerror=alert(1)>"), reporting.Int(3)}, {reporting.Text("A&B"), reporting.Int(5)}},
	}
	got := string(tblRender(t, tab, reporting.FormatHTML, reporting.RenderOptions{}))
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
	tab := reporting.Table{Columns: []reporting.TableColumn{{Header: "x"}}}
	if err := tab.Render(io.Discard, reporting.Format(9), reporting.RenderOptions{}); !errors.Is(err, reporting.ErrUnknownFormat) {
		t.Errorf("Render(Format(9)) = %v, want ErrUnknownFormat", err)
	}
	if err := (reporting.Table{}).Render(io.Discard, reporting.FormatText, reporting.RenderOptions{}); !errors.Is(err, reporting.ErrTableShape) {
		t.Errorf("Render(empty table) = %v, want ErrTableShape", err)
	}
	for s, want := range map[string]reporting.Format{"text": reporting.FormatText, "CSV": reporting.FormatCSV, "md": reporting.FormatMarkdown, "Markdown": reporting.FormatMarkdown, "html": reporting.FormatHTML} {
		f, err := reporting.ParseFormat(s)
		if err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", s, f, err, want)
		}
		if back, _ := reporting.ParseFormat(f.String()); back != f {
			t.Errorf("ParseFormat(%v.String()) = %v", f, back)
		}
	}
	if _, err := reporting.ParseFormat("pdf"); !errors.Is(err, reporting.ErrUnknownFormat) {
		t.Errorf("ParseFormat(pdf) = %v", err)
	}
	w := &tblFailWriter{}
	lt, _ := tblLuodongTable(t)
	if err := lt.Render(w, reporting.FormatText, reporting.RenderOptions{}); err == nil {
		t.Errorf("Render to a failing writer returned nil")
	}
}

type tblFailWriter struct{}

func (*tblFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderChartColumnsAndEncodings(t *testing.T) {
	tab, _ := tblLuodongTable(t)
	for _, cols := range [][]int{{0}, {9}, {-1}} {
		err := tab.Render(io.Discard, reporting.FormatHTML, reporting.RenderOptions{ChartColumns: cols})
		if !errors.Is(err, reporting.ErrNoColumn) {
			t.Errorf("ChartColumns %v: error %v, want ErrNoColumn", cols, err)
		}
	}
	one := string(tblRender(t, tab, reporting.FormatHTML, reporting.RenderOptions{ChartColumns: []int{3}}))
	if !strings.Contains(one, "罗东村 · 未参保人数：3394") || strings.Contains(one, " · 应扩面人数：") {
		t.Errorf("ChartColumns {3} did not chart 未参保人数 alone")
	}
	// Text in GB18030 on request; HTML stays UTF-8 whatever is asked.
	gb := tblRender(t, tab, reporting.FormatText, reporting.RenderOptions{Encoding: reporting.GB18030})
	d, _ := reporting.NewDecoder(bytes.NewReader(gb), reporting.GB18030)
	back, err := io.ReadAll(d)
	if err != nil || !bytes.Equal(back, tblRender(t, tab, reporting.FormatText, reporting.RenderOptions{})) {
		t.Errorf("GB18030 text does not decode to the UTF-8 text (%v)", err)
	}
	if h := tblRender(t, tab, reporting.FormatHTML, reporting.RenderOptions{Encoding: reporting.GB18030}); !utf8.Valid(h) || bytes.HasPrefix(h, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("HTML is not plain UTF-8")
	}
}

func TestDecimalBadScale(t *testing.T) {
	tab := reporting.Table{
		Columns: []reporting.TableColumn{{Header: "x", Kind: reporting.KindDecimal, Scale: 2}},
		Rows:    [][]reporting.Cell{{reporting.Decimal(1, 19)}},
	}
	if err := tab.Validate(); !errors.Is(err, reporting.ErrCellKind) {
		t.Errorf("Validate() = %v, want ErrCellKind", err)
	}
	if s := reporting.Decimal(1, -1).String(); s != "" {
		t.Errorf("bad-scale cell prints %q", s)
	}
}
