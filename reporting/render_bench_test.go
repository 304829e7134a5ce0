package reporting_test

import (
	"io"
	"testing"

	"github.com/canbao/kuomian/reporting/table"
)

func tblBenchRender(b *testing.B, f table.Format) {
	tab, _ := tblLuodongTable(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := tab.Render(io.Discard, f, table.RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: ≤ 50 µs/op for the 14-village 罗东 table as aligned text.
func BenchmarkRenderLuodongText(b *testing.B) { tblBenchRender(b, table.FormatText) }

// Target: ≤ 30 µs/op.
func BenchmarkRenderLuodongCSV(b *testing.B) { tblBenchRender(b, table.FormatCSV) }

// Target: ≤ 30 µs/op.
func BenchmarkRenderLuodongMarkdown(b *testing.B) { tblBenchRender(b, table.FormatMarkdown) }

// Target: ≤ 1 ms/op (html/template escaping of every attribute dominates;
// measured about 0.45 ms on a 2-core machine).
func BenchmarkRenderLuodongHTML(b *testing.B) { tblBenchRender(b, table.FormatHTML) }
