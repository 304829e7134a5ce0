package xlsx_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/canbao/kuomian/reporting/xlsx"
)

// FuzzReadSheet feeds random bytes, and random sheet XML inside a valid
// workbook, to the reader: each gives rows or an error, never a panic,
// within small limits.
func FuzzReadSheet(f *testing.F) {
	f.Add([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>43664</v></c></row>`), false)
	f.Add([]byte(`<row><c t="inlineStr"><is><t>a_x000D_b</t></is></c></row><row r="9"/>`), false)
	f.Add([]byte(`<row r="1"><c r="A1"><v>1.10105194901E+17</v></c></row>`), false)
	f.Add([]byte("PK\x03\x04garbage"), true)
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, true)
	f.Fuzz(func(t *testing.T, b []byte, raw bool) {
		data := b
		if !raw {
			data = zipOf(t, handWorkbook(string(b), `<si><t>a</t></si><si><r><t>b</t></r></si>`, handStyles, len(b)%2 == 0))
		}
		opt := xlsx.ReadOptions{UnzipSizeLimit: 4 << 20, UnzipXMLSizeLimit: 1 << 20}
		wb, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), opt)
		if err != nil {
			return
		}
		for _, name := range wb.Sheets() {
			sr, err := wb.Sheet(name)
			if err != nil {
				continue
			}
			n, err := io.Copy(io.Discard, io.LimitReader(sr, 64<<20))
			if err == nil && n == 64<<20 {
				t.Fatalf("sheet %q: more than 64 MiB of CSV from %d bytes", name, len(data))
			}
			var e *xlsx.Error
			if err != nil && !errors.As(err, &e) && !errors.Is(err, xlsx.ErrTooLarge) {
				t.Fatalf("sheet %q: error %v is not an *xlsx.Error", name, err)
			}
			sr.Close()
		}
	})
}
