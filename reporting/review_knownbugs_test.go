package reporting_test

import (
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/routing"
)

// Known bugs in files outside this review's reach (roster_decode.go,
// pipeline.go): each test states the behaviour wanted and is skipped until
// the file's owner fixes it.

// An identity number typed with Excel's text prefix ('110105…) is the
// number: Excel users type the apostrophe to stop the column turning the
// number into 1.10105E+17, and WPS and hand-edited CSV keep it.
func TestReviewKnownBugApostropheID(t *testing.T) {
	t.Skip("known bug: roster_decode.go rejects an identity number with a leading apostrophe ('110105…) as ErrInvalidID instead of stripping the prefix")
	id := revID("11010519490101002")
	for _, v := range []string{"'" + id, "＇" + id, "`" + id} {
		r := revRun([]byte("姓名,身份证号码\n张小三,"+v+"\n"), reporting.ImportOptions{})
		if r.rep.Counts.Accepted != 1 {
			t.Errorf("ID %q: counts %v, rejections %v; want it accepted", v, r.rep.Counts, r.rejected)
		}
	}
}

// An ID column that Excel turned into a number (1.10105E+17) has lost its
// last digits for good: the row must say so, not "has 11 characters".
func TestReviewKnownBugScientificID(t *testing.T) {
	t.Skip("known bug: roster_decode.go reports 1.10105E+17 as `\"***********\": has 11 characters, want 18`; it should name the cause (Excel stored the number in scientific notation, set the column to text and export again)")
	for _, v := range []string{"1.10105E+17", "1.10105e+17", "1.10105E17"} {
		r := revRun([]byte("姓名,身份证号码\n张小三,"+v+"\n"), reporting.ImportOptions{})
		if len(r.rejected) != 1 {
			t.Fatalf("ID %q: %v", v, r.rep.Counts)
		}
		if msg := r.rejected[0].Error(); !strings.Contains(msg, "科学计数") && !strings.Contains(strings.ToLower(msg), "scientific") {
			t.Errorf("ID %q: error %q does not say the number was stored in scientific notation", v, msg)
		}
	}
}

// A header with empty trailing columns (Excel keeps formatted empty
// columns) and rows that stop after their last value.
func TestReviewKnownBugShortRowUnderEmptyHeaders(t *testing.T) {
	t.Skip("known bug: roster_decode.go rejects with ErrFieldCount a row that lacks only fields under empty (ignored) trailing headers; the missing fields are empty")
	id := revID("11010519490101002")
	r := revRun([]byte("姓名,身份证号码,,,\n张小三,"+id+"\n"), reporting.ImportOptions{})
	if r.rep.Counts.Accepted != 1 {
		t.Errorf("counts %v, want the row accepted", r.rep.Counts)
	}
}

// TallyRoster must read what ImportRoster reads.
func TestReviewKnownBugPipelineLineEnds(t *testing.T) {
	t.Skip("known bug: pipeline.go/csvscan.go read a CR-only file (Excel's CSV (Macintosh)) as one header row and report 0 rows read, silently")
	id1, id2 := revID("11010519490101002"), revID("50011519780315001")
	base := "姓名,身份证号码,村(社区)\n张小三," + id1 + ",石堰村\n欧阳小明," + id2 + ",桃花村\n"
	router := routing.MustCompile(routing.Shiyan2023())
	opt := reporting.PipelineOptions{AsOf: eligibility.MustParseDate("2023-06-30"), Encoding: reporting.AutoDetect}
	res, err := reporting.TallyRoster([]byte(strings.ReplaceAll(base, "\n", "\r")), router, opt)
	if err != nil || res.Report.Counts.Rows != 2 {
		t.Errorf("CR only: counts %v, error %v; want 2 rows read", res.Report.Counts, err)
	}
}

// TallyRoster must count what ImportRoster counts: title rows above the
// header and a spreadsheet's empty rows (",,,,") are not rows.
func TestReviewKnownBugPipelineTitleAndBlankRows(t *testing.T) {
	t.Skip("known bug: pipeline.go takes the first record as the header (a title row above it stops TallyRoster with ErrMissingColumn) and counts all-empty records (\",,,\") as rejected rows, where ImportRoster skips both (MaxTitleRows, ImportReport.BlankRows)")
	id := revID("11010519490101002")
	data := []byte("石堰镇花名册\n姓名,身份证号码,村(社区)\n张小三," + id + ",石堰村\n,,\n")
	router := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster(data, router, reporting.PipelineOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil || res.Report.Counts != (reporting.Counts{Rows: 1, Accepted: 1}) {
		t.Errorf("TallyRoster counts %v, error %v; want 1 row accepted", res.Report.Counts, err)
	}
}
