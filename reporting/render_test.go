package reporting_test

import (
	"bytes"
	"testing"

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
