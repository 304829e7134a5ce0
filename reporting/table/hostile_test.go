package table_test

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/canbao/kuomian/reporting/table"
)

// revHostileTable is a table whose text cells attack every form.
func revHostileTable() table.Table {
	return table.Table{
		Title: "<script>alert(1)</script> | 表",
		Columns: []table.Column{
			{Header: "村(社区) | <b>"},
			{Header: "人数", Kind: table.KindInteger},
			{Header: "率", Kind: table.KindDecimal, Scale: 2},
		},
		Rows: [][]table.Cell{
			{table.Text("<script>alert('x')</script>"), table.Int(-5), table.Decimal(-125, 2)},
			{table.Text("=HYPERLINK(\"http://x\")"), table.Int(3), table.Decimal(300, 2)},
			{table.Text("+1"), table.Int(0), table.Decimal(0, 2)},
			{table.Text("-2"), table.Int(1), table.Decimal(1, 2)},
			{table.Text("@SUM(A1)"), table.Int(1), table.Decimal(1, 2)},
			{table.Text("\tTAB"), table.Int(1), table.Decimal(1, 2)},
			{table.Text("\rCR"), table.Int(1), table.Decimal(1, 2)},
			{table.Text("a|b\nc*d_e`f`[g](h)"), table.Int(1), table.Decimal(1, 2)},
			{table.Text("]]></svg><img src=x onerror=alert(1)>"), table.Int(7), table.Decimal(1, 2)},
		},
		Total: table.Total{Mode: table.ComputedTotal},
	}
}

// TestReviewCSVInjection reads the CSV form back: text cells that a
// spreadsheet would run carry a leading apostrophe, numbers (negative ones
// too) stay numbers, and the file has a BOM and CRLF line ends.
func TestReviewCSVInjection(t *testing.T) {
	var b bytes.Buffer
	if err := revHostileTable().Render(&b, table.FormatCSV, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	if !bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
		t.Errorf("CSV has no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) < len(recs) {
		t.Errorf("CSV records do not end in CRLF: %q", out)
	}
	for _, rec := range recs[1:] {
		if c := rec[0]; c != "" && strings.ContainsAny(c[:1], "=+-@\t\r\n") {
			t.Errorf("text cell %q is not guarded", c)
		}
		for _, num := range rec[1:] {
			if strings.HasPrefix(num, "'") {
				t.Errorf("number %q was guarded as text", num)
			}
		}
	}
	if got := recs[1][1:]; got[0] != "-5" || got[1] != "-1.25" {
		t.Errorf("negative numbers = %q, want -5 and -1.25", got)
	}
}

// TestReviewHTMLInert checks that no hostile text reaches the HTML page as
// markup and that the page (and its SVG) is well-formed enough to parse.
func TestReviewHTMLInert(t *testing.T) {
	var b bytes.Buffer
	if err := revHostileTable().Render(&b, table.FormatHTML, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script", "<img", "<b>", "onerror=alert(1)>"} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML holds %q unescaped", bad)
		}
	}
	svg := regexp.MustCompile(`(?s)<svg.*</svg>`).FindString(page)
	if svg == "" {
		t.Fatal("no chart")
	}
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("SVG is not well-formed XML: %v", err)
			}
			break
		}
	}
	// Negative cells draw no bar, not a bar of negative width.
	for _, m := range regexp.MustCompile(`\s(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"`).FindAllStringSubmatch(svg, -1) {
		var v float64
		if _, err := fmt.Sscan(m[1], &v); err != nil || v < 0 || v != v {
			t.Errorf("SVG attribute %s", m[0])
		}
	}
}

// TestReviewMarkdownEscapes checks that a pipe or a line break in a cell
// does not break the Markdown table: every line of the table has the same
// number of unescaped pipes.
func TestReviewMarkdownEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := revHostileTable().Render(&b, table.FormatMarkdown, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	pipes := regexp.MustCompile(`(^|[^\\])\|`)
	want := -1
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		n := len(pipes.FindAllString(line, -1))
		if want < 0 {
			want = n
		}
		if n != want {
			t.Errorf("Markdown row %q has %d cell separators, want %d", line, n, want)
		}
	}
	if want != 4 {
		t.Errorf("Markdown header has %d separators, want 4:\n%s", want, b.String())
	}
}
