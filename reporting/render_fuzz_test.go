package reporting_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting"
)

// FuzzCSVWriter checks that what the CSV form writes, encoding/csv reads
// back to the same cells: text cells as CSVField gives them (formula guard,
// line breaks as "\n", invalid UTF-8 as U+FFFD), numbers exactly. It also
// runs every other format on the same table: none may fail or write invalid
// UTF-8, and the text form has one line per row.
func FuzzCSVWriter(f *testing.F) {
	f.Add("振兴村", "=1+1", "a,\"b\"", int64(1053), int64(8437))
	f.Add("", "", "", int64(0), int64(0))
	f.Add("-", "@x", "\r\n", int64(-1), int64(-5))
	f.Add(" 空格 ", "\t", "x\xff", int64(9223372036854775807), int64(-9223372036854775808))
	f.Fuzz(func(t *testing.T, a, b, c string, n, d int64) {
		tab := reporting.Table{
			Title: a,
			Columns: []reporting.TableColumn{
				{Header: a}, {Header: b}, {Header: "n", Kind: reporting.KindInteger}, {Header: "d", Kind: reporting.KindDecimal, Scale: 2},
			},
			Rows: [][]reporting.Cell{
				{reporting.Text(a), reporting.Text(b), reporting.Int(n), reporting.Decimal(d, 2)},
				{reporting.Text(c), reporting.Cell{}, reporting.Text(b), reporting.Int(0)},
			},
			Total: reporting.Total{Mode: reporting.StatedTotal, Cells: []reporting.Cell{reporting.Text(c), {}, reporting.Int(n), reporting.Decimal(d, 1)}},
			Notes: []string{b},
		}
		if d > 922337203685477580 || d < -922337203685477580 {
			// Decimal(d, 1) cannot be rescaled to 2 digits: a typed error.
			var buf bytes.Buffer
			if err := tab.Render(&buf, reporting.FormatCSV, reporting.RenderOptions{}); err == nil {
				t.Fatalf("Render accepted Decimal(%d, 1) in a scale-2 column", d)
			}
			return
		}
		var buf bytes.Buffer
		if err := tab.Render(&buf, reporting.FormatCSV, reporting.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		out := buf.Bytes()
		if !bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
			t.Fatalf("no BOM")
		}
		recs, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv cannot read %q: %v", out, err)
		}
		dec := func(v int64, scale int) string { return reporting.Decimal(v, scale).String() }
		want := [][]string{
			{reporting.CSVField(a), reporting.CSVField(b), "n", "d"},
			{reporting.CSVField(a), reporting.CSVField(b), strconv.FormatInt(n, 10), dec(d, 2)},
			{reporting.CSVField(c), "", reporting.CSVField(b), "0.00"},
			{reporting.CSVField(c), "", strconv.FormatInt(n, 10), dec(d*10, 2)},
		}
		if len(recs) != len(want) {
			t.Fatalf("read %d records, want %d: %q", len(recs), len(want), recs)
		}
		for i := range want {
			for j := range want[i] {
				if recs[i][j] != want[i][j] {
					t.Fatalf("record %d field %d = %q, want %q", i, j, recs[i][j], want[i][j])
				}
			}
		}
		// Guarded text never starts a formula.
		for _, r := range recs {
			for j, v := range r {
				if v != "" && strings.ContainsRune("=+@\t", rune(v[0])) && j != 2 && j != 3 {
					t.Fatalf("field %q starts a formula", v)
				}
			}
		}

		for _, format := range []reporting.Format{reporting.FormatText, reporting.FormatMarkdown, reporting.FormatHTML} {
			var o bytes.Buffer
			if err := tab.Render(&o, format, reporting.RenderOptions{}); err != nil {
				t.Fatalf("%v: %v", format, err)
			}
			if !utf8.Valid(o.Bytes()) {
				t.Fatalf("%v output is not valid UTF-8", format)
			}
			if format == reporting.FormatText {
				lines := strings.Count(o.String(), "\n")
				// title?, header, rule, 2 rows, rule, total, footnote?, note
				min := 7
				if lines < min || lines > min+2 {
					t.Fatalf("text form has %d lines:\n%s", lines, o.String())
				}
			}
		}
		if _, err := tab.Sorted(language.Chinese, reporting.SortKey{Column: 0}, reporting.SortKey{Column: 2, Descending: true}); err != nil {
			t.Fatal(err)
		}
	})
}
