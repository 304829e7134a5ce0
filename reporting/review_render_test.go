package reporting_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// TestReviewBulletinChartSizes renders bulletins of 0, 1 and 1,000
// villages, a task of 0 and enrolment above the task: each renders in every
// form, the SVG parses and has finite, non-negative geometry.
func TestReviewBulletinChartSizes(t *testing.T) {
	asOf := eligibility.MustParseDate("2023-06-30")
	many := make([]reporting.Progress, 1000)
	for i := range many {
		many[i] = reporting.Progress{Name: fmt.Sprintf("第%d村", i+1), Task: int64(i % 7), Enrolled: int64(i % 11)}
	}
	tests := []struct {
		name  string
		units []reporting.Progress
	}{
		{"no village", nil},
		{"one village", []reporting.Progress{{Name: "石堰村", Task: 100, Enrolled: 50}}},
		{"task 0", []reporting.Progress{{Name: "石堰村", Task: 0, Enrolled: 0}, {Name: "桃花村", Task: 0, Enrolled: 5}}},
		{"above task", []reporting.Progress{{Name: "石堰村", Task: 10, Enrolled: 1000}}},
		{"1000 villages", many},
		{"hostile name", []reporting.Progress{{Name: "<script>alert(1)</script>", Task: 10, Enrolled: 3}}},
		{"huge", []reporting.Progress{{Name: "石堰村", Task: 1 << 62, Enrolled: 1<<62 - 1}, {Name: "桃花村", Task: 1, Enrolled: 1 << 62}}},
	}
	num := regexp.MustCompile(`\s(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := reporting.NewBulletin(reporting.BulletinInput{Title: "通报", AsOf: asOf, Policy: routing.Shiyan2023(), Units: tt.units})
			if err != nil {
				t.Fatalf("NewBulletin: %v", err)
			}
			for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
				var out bytes.Buffer
				if err := b.Render(&out, f, table.RenderOptions{}); err != nil {
					t.Fatalf("Render(%v): %v", f, err)
				}
				if f != table.FormatHTML {
					continue
				}
				page := out.String()
				if strings.Contains(page, "<script>") {
					t.Errorf("HTML holds <script>")
				}
				svg := regexp.MustCompile(`(?s)<svg.*</svg>`).FindString(page)
				if svg == "" {
					if len(tt.units) > 0 {
						t.Errorf("no chart for %d units", len(tt.units))
					}
					continue
				}
				d := xml.NewDecoder(strings.NewReader(svg))
				for {
					if _, err := d.Token(); err != nil {
						if err.Error() != "EOF" {
							t.Errorf("SVG is not well-formed XML: %v", err)
						}
						break
					}
				}
				for _, m := range num.FindAllStringSubmatch(svg, -1) {
					var v float64
					if _, err := fmt.Sscan(m[1], &v); err != nil || v < 0 || v != v {
						t.Errorf("SVG attribute %s", m[0])
					}
				}
			}
		})
	}
}
