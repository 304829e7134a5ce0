package reporting_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/encoding/unicode"
)

// Known bugs in files outside this review's reach (roster_decode.go,
// pipeline.go): each test states the behaviour wanted and is skipped until
// the file's owner fixes it.

// TallyRoster must read an identity number with Excel's text prefix
// ('110105…) as ImportRoster does.
func TestReviewKnownBugPipelineApostropheID(t *testing.T) {
	t.Skip("known bug: pipeline.go/roster_decode.go reject an identity number with a leading apostrophe ('110105…) or a zero-width space as ErrInvalidID; ImportRoster strips them (stripTextPrefix in roster.go)")
	id := revID("11010519490101002")
	router := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster([]byte("姓名,身份证号码,村(社区)\n张小三,'"+id+",石堰村\n"), router, reporting.PipelineOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil || res.Report.Counts.Accepted != 1 {
		t.Errorf("TallyRoster counts %v, error %v; want the row accepted", res.Report.Counts, err)
	}
}

// A header with empty trailing columns (Excel keeps formatted empty
// columns) and rows that stop after their last value.
func TestReviewKnownBugPipelineShortRowUnderEmptyHeaders(t *testing.T) {
	t.Skip("known bug: pipeline.go/roster_decode.go reject with ErrFieldCount a row that lacks only fields under empty trailing headers; ImportRoster pads them (padEmptyHeaders in roster.go)")
	id := revID("11010519490101002")
	router := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster([]byte("姓名,身份证号码,村(社区),,,\n张小三,"+id+",石堰村\n"), router, reporting.PipelineOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil || res.Report.Counts.Accepted != 1 {
		t.Errorf("TallyRoster counts %v, error %v; want the row accepted", res.Report.Counts, err)
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

// TallyRoster must refuse UTF-16 as ImportRoster does, and reject control
// characters in the village as ImportRoster does.
func TestReviewKnownBugPipelineUTF16AndControlChars(t *testing.T) {
	t.Skip("known bug: pipeline.go reads UTF-16 as UTF-8 (a header error, not ErrUTF16), and accepts a village holding NUL or other control characters, where ImportRoster rejects the row with ErrControlChar")
	id := revID("11010519490101002")
	router := routing.MustCompile(routing.Shiyan2023())
	opt := reporting.PipelineOptions{AsOf: eligibility.MustParseDate("2023-06-30")}
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("姓名,身份证号码\n张小三," + id + "\n"))
	if _, err := reporting.TallyRoster(u16, router, opt); !errors.Is(err, reporting.ErrUTF16) {
		t.Errorf("TallyRoster(UTF-16) error = %v, want ErrUTF16", err)
	}
	res, err := reporting.TallyRoster([]byte("姓名,身份证号码,村(社区)\n张小三,"+id+",石堰\x00村\n"), router, opt)
	if err != nil || res.Report.Counts.Rejected != 1 {
		t.Errorf("TallyRoster(village with NUL) counts %v, error %v; want the row rejected", res.Report.Counts, err)
	}
}
