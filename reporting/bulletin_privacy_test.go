package reporting_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// TestBulletinMasksNumbers checks every form of a bulletin whose unit names
// hold an identity number and a phone number (a village cell typed wrong):
// the table, the lines, the figures, the chart and its tooltips show them
// masked, while counts — also counts of six digits and more, written with
// thousands separators — dates and rates stay legible.
func TestBulletinMasksNumbers(t *testing.T) {
	const id, phone = "500115197803150011", "13812345678"
	b, err := reporting.NewBulletin(reporting.BulletinInput{
		Title:  "石堰镇通报",
		Town:   "石堰镇" + phone,
		AsOf:   eligibility.MustParseDate("2023-06-30"),
		Policy: routing.Shiyan2023(),
		Units: []reporting.Progress{
			{Name: "石堰村" + id, Task: 1234567, Enrolled: 654321},
			{Name: "电话" + phone, Task: 180, Enrolled: 131},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
		var w bytes.Buffer
		if err := b.Render(&w, f, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		out := strings.ReplaceAll(w.String(), `\*`, "*")
		for _, s := range []string{id, "19780315", phone} {
			if strings.Contains(out, s) {
				t.Errorf("%v shows %q", f, s)
			}
		}
		want := []string{"石堰村500115********0011", "电话138*****678", "1234567", "654321"}
		if f != table.FormatCSV {
			want = append(want, "2023-06-30", "1,234,747", "654,452")
		}
		for _, s := range want {
			if !strings.Contains(out, s) {
				t.Errorf("%v lacks %q:\n%s", f, s, out)
			}
		}
	}
}
