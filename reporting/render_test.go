package reporting_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/canbao/kuomian/internal/textwidth"
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

func TestRenderLuodongGolden(t *testing.T) {
	tab, _ := tblLuodongTable(t)
	for _, tt := range []struct {
		f    table.Format
		file string
	}{
		{table.FormatText, "table/luodong-2019.txt"},
		{table.FormatCSV, "table/luodong-2019.out.csv"},
		{table.FormatMarkdown, "table/luodong-2019.md"},
		{table.FormatHTML, "table/luodong-2019.html"},
	} {
		t.Run(tt.f.String(), func(t *testing.T) {
			got := tblRender(t, tab, tt.f, table.RenderOptions{})
			tblGolden(t, tt.file, got)
			// Byte-identical on a second run.
			if again := tblRender(t, tab, tt.f, table.RenderOptions{}); !bytes.Equal(got, again) {
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
	lines := strings.Split(strings.TrimSuffix(string(tblRender(t, tab, table.FormatText, table.RenderOptions{})), "\n"), "\n")
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

func TestRenderChartColumnsAndEncodings(t *testing.T) {
	tab, _ := tblLuodongTable(t)
	for _, cols := range [][]int{{0}, {9}, {-1}} {
		err := tab.Render(io.Discard, table.FormatHTML, table.RenderOptions{ChartColumns: cols})
		if !errors.Is(err, table.ErrNoColumn) {
			t.Errorf("ChartColumns %v: error %v, want ErrNoColumn", cols, err)
		}
	}
	one := string(tblRender(t, tab, table.FormatHTML, table.RenderOptions{ChartColumns: []int{3}}))
	if !strings.Contains(one, "罗东村 · 未参保人数：3394") || strings.Contains(one, " · 应扩面人数：") {
		t.Errorf("ChartColumns {3} did not chart 未参保人数 alone")
	}
	// Text in GB18030 on request; HTML stays UTF-8 whatever is asked.
	gb := tblRender(t, tab, table.FormatText, table.RenderOptions{Encoding: codec.GB18030})
	d, _ := codec.NewDecoder(bytes.NewReader(gb), codec.GB18030)
	back, err := io.ReadAll(d)
	if err != nil || !bytes.Equal(back, tblRender(t, tab, table.FormatText, table.RenderOptions{})) {
		t.Errorf("GB18030 text does not decode to the UTF-8 text (%v)", err)
	}
	if h := tblRender(t, tab, table.FormatHTML, table.RenderOptions{Encoding: codec.GB18030}); !utf8.Valid(h) || bytes.HasPrefix(h, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("HTML is not plain UTF-8")
	}
}
