package table_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/table"
)

// guarded returns a text field as the CSV form shows it — its identity
// and phone numbers masked (privacy.Numbers) — and guards it (see
// codec.AppendRecord), read back by encoding/csv.
func guarded(s string) string {
	rec, err := csv.NewReader(bytes.NewReader(codec.AppendRecord(nil, []string{privacy.Numbers(strings.ToValidUTF8(s, "\uFFFD")), ""}, nil))).Read()
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return rec[0]
}

// FuzzCSVWriter checks that what the CSV form writes, encoding/csv reads
// back to the same cells: text cells masked as every renderer masks them
// and as codec.AppendRecord guards them (formula guard,
// line breaks as "\n", invalid UTF-8 as U+FFFD), numbers exactly. It also
// runs every other format on the same table: none may fail or write invalid
// UTF-8, and the text form has one line per row.
func FuzzCSVWriter(f *testing.F) {
	f.Add("振兴村", "=1+1", "a,\"b\"", int64(1053), int64(8437))
	f.Add("", "", "", int64(0), int64(0))
	f.Add("-", "@x", "\r\n", int64(-1), int64(-5))
	f.Add(" 空格 ", "\t", "x\xff", int64(9223372036854775807), int64(-9223372036854775808))
	f.Add("荆坑村11010519491231002X", "138-1234-5678", "2019-07-18 1000.01", int64(13812345678), int64(100001))
	f.Fuzz(func(t *testing.T, a, b, c string, n, d int64) {
		tab := table.Table{
			Title: a,
			Columns: []table.Column{
				{Header: a}, {Header: b}, {Header: "n", Kind: table.KindInteger}, {Header: "d", Kind: table.KindDecimal, Scale: 2},
			},
			Rows: [][]table.Cell{
				{table.Text(a), table.Text(b), table.Int(n), table.Decimal(d, 2)},
				{table.Text(c), table.Cell{}, table.Text(b), table.Int(0)},
			},
			Total: table.Total{Mode: table.StatedTotal, Cells: []table.Cell{table.Text(c), {}, table.Int(n), table.Decimal(d, 1)}},
			Notes: []string{b},
		}
		if d > 922337203685477580 || d < -922337203685477580 {
			// Decimal(d, 1) cannot be rescaled to 2 digits: a typed error.
			var buf bytes.Buffer
			if err := tab.Render(&buf, table.FormatCSV, table.RenderOptions{}); err == nil {
				t.Fatalf("Render accepted Decimal(%d, 1) in a scale-2 column", d)
			}
			return
		}
		var buf bytes.Buffer
		if err := tab.Render(&buf, table.FormatCSV, table.RenderOptions{}); err != nil {
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
		dec := func(v int64, scale int) string { return table.Decimal(v, scale).String() }
		want := [][]string{
			{guarded(a), guarded(b), "n", "d"},
			{guarded(a), guarded(b), strconv.FormatInt(n, 10), dec(d, 2)},
			{guarded(c), "", guarded(b), "0.00"},
			{guarded(c), "", strconv.FormatInt(n, 10), dec(d*10, 2)},
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

		for _, format := range []table.Format{table.FormatText, table.FormatMarkdown, table.FormatHTML} {
			var o bytes.Buffer
			if err := tab.Render(&o, format, table.RenderOptions{}); err != nil {
				t.Fatalf("%v: %v", format, err)
			}
			if !utf8.Valid(o.Bytes()) {
				t.Fatalf("%v output is not valid UTF-8", format)
			}
			if format == table.FormatText {
				lines := strings.Count(o.String(), "\n")
				// title?, header, rule, 2 rows, rule, total, footnote?, note
				min := 7
				if lines < min || lines > min+2 {
					t.Fatalf("text form has %d lines:\n%s", lines, o.String())
				}
			}
		}
		if _, err := tab.Sorted(language.Chinese, table.SortKey{Column: 0}, table.SortKey{Column: 2, Descending: true}); err != nil {
			t.Fatal(err)
		}
	})
}
