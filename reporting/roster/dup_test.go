package roster_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/roster"
)

// fullWidth writes the digits and X of s in full width.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, strings.ReplaceAll(strings.ReplaceAll(s, "X", "Ｘ"), "x", "ｘ"))
}

// idWithX returns an 18-character number whose check character is X.
func idWithX() string {
	for seq := 0; ; seq++ {
		if id := revID(fmt.Sprintf("11010519490101%03d", seq)); strings.HasSuffix(id, "X") {
			return id
		}
	}
}

// TestDuplicatePerson checks that the same person given twice, in any form
// of their number, is accepted once: the later row is rejected with
// ErrDuplicatePerson naming the first line, and no message holds the
// number.
func TestDuplicatePerson(t *testing.T) {
	id18 := revID("11010519490101002") // 110105490101002 in 15 digits
	x := idWithX()
	tests := []struct {
		name   string
		first  string
		second string
	}{
		{"same number", id18, id18},
		{"15 then 18 digits", "110105490101002", id18},
		{"18 then 15 digits", id18, "110105490101002"},
		{"full-width digits", id18, fullWidth(id18)},
		{"lower-case x", x, strings.ToLower(x)},
		{"full-width lower-case x", strings.ToLower(x), fullWidth(strings.ToLower(x))},
		{"text prefix and spaces", id18, " '" + id18 + " "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := csvRoster(t, []string{"姓名", "身份证号码", "村(社区)"},
				[]string{"张小三", tt.first, "石堰村"}, []string{"李四", personID(9, true), "石堰村"}, []string{"张小三", tt.second, "桃花村"})
			rows, errs, rep := rosImportAll(t, data, roster.Options{})
			if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 3 || len(errs) != 1 {
				t.Fatalf("accepted %v, rejected %v; want lines 2 and 3 accepted, 4 rejected", rows, errs)
			}
			e := errs[0]
			want := eligibility.MustParseIDNumber(id18)
			if tt.first == x || strings.EqualFold(tt.first, x) {
				want = eligibility.MustParseIDNumber(x)
			}
			if !errors.Is(e, roster.ErrDuplicatePerson) || e.Line != 4 || e.FirstLine != 2 || e.Column != "身份证号码" || e.Value != want.Masked() {
				t.Errorf("error %+v, want line 4, first line 2, column 身份证号码, value %s", e, want.Masked())
			}
			for _, msg := range []string{e.Error(), e.Label(language.Chinese), e.Label(language.English)} {
				if strings.Contains(msg, want.String()) || strings.Contains(msg, want.String()[:17]) {
					t.Errorf("message holds the number: %s", msg)
				}
			}
			if msg := e.Error(); !strings.HasSuffix(msg, "same person as line 2") {
				t.Errorf("Error() = %q, want it to end with same person as line 2", msg)
			}
			if msg, want := e.Label(language.Chinese), "第 4 行，身份证号码“"+want.Masked()+"”：与第 2 行为同一人（重复）"; msg != want {
				t.Errorf("Label() = %q, want %q", msg, want)
			}
			if want := (roster.Counts{Rows: 3, Accepted: 2, Rejected: 1}); rep.Counts != want {
				t.Errorf("Counts = %+v, want %+v", rep.Counts, want)
			}
			if diff := cmp.Diff([]roster.Rejection{{Column: "身份证号码", Err: roster.ErrDuplicatePerson, Count: 1}}, rep.Rejections, errEq); diff != "" {
				t.Errorf("Rejections mismatch (-want +got):\n%s", diff)
			}
			var b strings.Builder
			if err := rep.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "身份证号码: 与前面的行为同一人（重复） — 1 行") {
				t.Errorf("WriteText does not list the duplicate:\n%s", b.String())
			}
		})
	}
}

// TestDuplicateOfWhichRow checks which row a duplicate is of: the first
// row of the person that was accepted (a rejected row holds no person),
// also when the caller refused it; a duplicate's warnings are not counted.
func TestDuplicateOfWhichRow(t *testing.T) {
	id := personID(5, true)
	data := csvRoster(t, []string{"姓名", "身份证号码", "出生日期", "村(社区)", "联系状况"},
		[]string{"张小三", id, "1980-13-01", "石堰村", ""},     // 2: bad date, rejected
		[]string{"张小三", id, "1980-01-01", "石堰村", ""},     // 3: the person's first row
		[]string{"张小三", id, "1980-01-01", "石堰村", "外星"},   // 4: duplicate (its warning not counted)
		[]string{"张小三", id, "1980-01-01", "", ""},        // 5: no village: rejected as such
		[]string{"李四", personID(6, true), "", "石堰村", ""}, // 6: refused by the caller below
		[]string{"李四", personID(6, true), "", "石堰村", ""}, // 7: duplicate of the refused row
	)
	rr, err := roster.NewReader(bytes.NewReader(data), roster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for row, err := range rr.All() {
		switch {
		case err != nil:
			var re *roster.RowError
			errors.As(err, &re)
			got = append(got, fmt.Sprintf("%d rejected: %v (first %d)", re.Line, re.Err, re.FirstLine))
		case row.Line == 6:
			rr.Refuse(row, errRefused, nil)
			got = append(got, "6 refused")
		default:
			got = append(got, fmt.Sprintf("%d accepted", row.Line))
		}
	}
	want := []string{
		"2 rejected: invalid date (first 0)",
		"3 accepted",
		"4 rejected: same person as an earlier line (first 3)",
		"5 rejected: required value is empty (first 0)",
		"6 refused",
		"7 rejected: same person as an earlier line (first 6)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}
	if want := (roster.Counts{Rows: 6, Accepted: 1, Rejected: 5}); rr.Counts() != want {
		t.Errorf("Counts = %+v, want %+v", rr.Counts(), want)
	}
}

var errRefused = errors.New("refused by the test")

// dupRoster is a roster of people given up to four times, in the forms a
// number takes, with bad rows, blank lines and values left unknown among
// them: every case of duplicates, cut anywhere.
func dupRoster(t *testing.T) []byte {
	var rows [][]string
	for k := range 240 {
		p := k % 60 // person p, seen again every 60 rows
		if k%9 == 4 {
			p = k/7%60 + 60 // some people only once
		}
		id := revID(fmt.Sprintf("11010519%02d0101%03d", 40+p%50, p))
		switch k / 60 {
		case 1:
			id = id[:6] + id[8:17] // 15 digits
		case 2:
			id = fullWidth(id)
		case 3:
			id = strings.ToLower(id)
		}
		contact, birth, village := "已联系", "", "石堰村"
		switch {
		case k%7 == 3:
			contact = "外星人" // a warning
		case k%11 == 5:
			birth = "1900-13-01" // rejected
		case k%13 == 6:
			village = "" // rejected
		}
		rows = append(rows, []string{"张小三", id, birth, village, contact})
	}
	return csvRoster(t, []string{"姓名", "身份证号码", "出生日期", "村(社区)", "联系状况"}, rows...)
}

// readOutcome is what a read did with each row, by line, and its report.
type readOutcome struct {
	lines map[int]string // "accepted", "refused", or the row error
	rep   roster.Report
}

// refuseLine says which accepted rows the tests' caller refuses.
func refuseLine(line int) bool { return line%8 == 0 }

// readWhole reads data with one reader, refusing the rows refuseLine names.
func readWhole(t *testing.T, data []byte) readOutcome {
	t.Helper()
	rr, err := roster.NewReader(bytes.NewReader(data), roster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := readOutcome{lines: map[int]string{}}
	readRows(t, rr, out.lines)
	out.rep = rr.Report()
	return out
}

func readRows(t *testing.T, rr *roster.Reader, lines map[int]string) {
	t.Helper()
	for {
		row, err := rr.Next()
		if err == io.EOF {
			return
		}
		var re *roster.RowError
		switch {
		case errors.As(err, &re):
			lines[re.Line] = re.Error()
		case err != nil:
			t.Fatal(err)
		case refuseLine(row.Line):
			lines[row.Line] = rr.Refuse(row, errRefused, nil).Error()
		default:
			lines[row.Line] = "accepted"
		}
	}
}

// TestShardsDuplicates checks that the shards of a roster, cut anywhere,
// reject as duplicates exactly the rows one reader rejects (the later rows
// of each person, in file order), with the same errors, and that the merged
// report — rejections and warnings — is one reader's.
func TestShardsDuplicates(t *testing.T) {
	data := dupRoster(t)
	whole := readWhole(t, data)
	dups := 0
	for _, s := range whole.lines {
		if strings.Contains(s, "same person as line") {
			dups++
		}
	}
	if dups < 100 || whole.rep.Counts.Warnings == 0 {
		t.Fatalf("the roster has %d duplicates and %d warnings: not a test", dups, whole.rep.Counts.Warnings)
	}
	for _, n := range []int{1, 2, 3, 5, 17, 64, 1000} {
		sh, err := roster.NewShards(data, roster.Options{}, n, 1)
		if err != nil {
			t.Fatal(err)
		}
		lines := map[int]string{}
		for _, rr := range sh.Readers() {
			readRows(t, rr, lines)
		}
		ds, err := sh.Duplicates()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSortedFunc(ds, func(a, b roster.Duplicate) int { return a.Err.Line - b.Err.Line }) {
			t.Errorf("%d shards: duplicates not in line order", n)
		}
		for _, d := range ds {
			if s := lines[d.Err.Line]; s != "accepted" && !strings.Contains(s, errRefused.Error()) {
				t.Errorf("%d shards: duplicate on line %d was %q, not accepted", n, d.Err.Line, s)
			}
			if d.Shard < 0 || d.Shard >= len(sh.Readers()) {
				t.Errorf("%d shards: duplicate in shard %d", n, d.Shard)
			}
			lines[d.Err.Line] = d.Err.Error()
		}
		if diff := cmp.Diff(whole.lines, lines); diff != "" {
			t.Errorf("%d shards (%d readers): rows mismatch (-one reader +shards):\n%s", n, len(sh.Readers()), diff)
		}
		rep, err := sh.Report()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(whole.rep, rep, errEq); diff != "" {
			t.Errorf("%d shards: Report mismatch (-one reader +shards):\n%s", n, diff)
		}
		if again, _ := sh.Duplicates(); len(again) != len(ds) {
			t.Errorf("%d shards: Duplicates again gives %d, want %d", n, len(again), len(ds))
		}
		if rep2, _ := sh.Report(); rep2.Counts != rep.Counts {
			t.Errorf("%d shards: Report again gives %+v, want %+v", n, rep2.Counts, rep.Counts)
		}
	}
}
