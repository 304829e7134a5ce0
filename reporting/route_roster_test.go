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

// TestRouteRosterCountsEachPersonOnce checks issue 9: the same person in
// three forms of their number (18 digits, 15 digits, full-width) is routed
// and tallied once, by both entry points, and the later rows are rejected
// naming the first.
func TestRouteRosterCountsEachPersonOnce(t *testing.T) {
	id := revID("50011519780315001") // 500115780315001 in 15 digits
	wide := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, id)
	data := "姓名,身份证号码,村(社区)\n张三," + id + ",石堰村\n张三,500115780315001,桃花村\n张三," + wide + ",石堰村\n"
	router := routing.MustCompile(routing.Shiyan2023())
	asOf := eligibility.MustParseDate("2023-06-30")
	var each int
	var rejected []string
	rep, err := reporting.RouteRoster(strings.NewReader(data), roster.Options{}, router, asOf,
		func(roster.Row, *routing.Decision) error { each++; return nil },
		func(e *roster.RowError) error { rejected = append(rejected, e.Label(language.Chinese)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"第 3 行，身份证号码“500115********0011”：与第 2 行为同一人（重复）",
		"第 4 行，身份证号码“500115********0011”：与第 2 行为同一人（重复）",
	}
	if diff := cmp.Diff(want, rejected); diff != "" || each != 1 {
		t.Errorf("RouteRoster routed %d rows; rejections mismatch (-want +got):\n%s", each, diff)
	}
	var tallied []string
	res, err := reporting.TallyRoster([]byte(data), router, reporting.TallyOptions{AsOf: asOf,
		Reject: func(e *roster.RowError) { tallied = append(tallied, e.Label(language.Chinese)) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Tally.Total() != 1 || res.Report.Counts != rep.Counts || !cmp.Equal(want, tallied) {
		t.Errorf("TallyRoster: %d residents, counts %+v, rejections %q; want 1, %+v, %q", res.Tally.Total(), res.Report.Counts, tallied, rep.Counts, want)
	}
	if vs := res.Tally.Villages(); len(vs) != 1 || vs[0] != "石堰村" {
		t.Errorf("TallyRoster villages %v, want the first row's only", vs)
	}
}
