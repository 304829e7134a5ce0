package reporting_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// revID completes a 17-digit body with its GB 11643-1999 check character.
func revID(body string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	s := 0
	for i := range 17 {
		s += int(body[i]-'0') * w[i]
	}
	return body + string("10X98765432"[s%11])
}

// TestReviewNotRoutedLabel checks the Chinese reason of a row the router
// cannot decide.
func TestReviewNotRoutedLabel(t *testing.T) {
	csvText := "姓名,身份证号码\n张小三," + revID("50011520240101001") + "\n"
	var got []string
	rep, err := reporting.RouteRoster(strings.NewReader(csvText), roster.Options{}, routing.MustCompile(routing.Shiyan2023()),
		eligibility.MustParseDate("2023-06-30"), nil, func(e *roster.RowError) error {
			got = append(got, e.Label(language.Chinese))
			return nil
		})
	if err != nil || !rep.Counts.Reconciles() {
		t.Fatal(rep.Counts, err)
	}
	want := []string{"第 2 行“500115********001X”：无法判定参保去向（出生日期晚于统计日期）"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Label() mismatch (-want +got):\n%s", diff)
	}
}
