package reporting_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// TallyRoster reads what ImportRoster reads: each test here was a
// divergence between the two (FuzzTallyRosterMatchesImport checks the rest).

// TallyRoster must read an identity number with Excel's text prefix
// ('110105…) as ImportRoster does.
func TestPipelineCompatApostropheID(t *testing.T) {
	id := revID("11010519490101002")
	router := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster([]byte("姓名,身份证号码,村(社区)\n张小三,'"+id+",石堰村\n"), router, reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil || res.Report.Counts.Accepted != 1 {
		t.Errorf("TallyRoster counts %v, error %v; want the row accepted", res.Report.Counts, err)
	}
}

// A header with empty trailing columns (Excel keeps formatted empty
// columns) and rows that stop after their last value.
func TestPipelineCompatShortRowUnderEmptyHeaders(t *testing.T) {
	id := revID("11010519490101002")
	router := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster([]byte("姓名,身份证号码,村(社区),,,\n张小三,"+id+",石堰村\n"), router, reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil || res.Report.Counts.Accepted != 1 {
		t.Errorf("TallyRoster counts %v, error %v; want the row accepted", res.Report.Counts, err)
	}
}

// TallyRoster must read what ImportRoster reads.
func TestPipelineCompatLineEnds(t *testing.T) {
	id1, id2 := revID("11010519490101002"), revID("50011519780315001")
	base := "姓名,身份证号码,村(社区)\n张小三," + id1 + ",石堰村\n欧阳小明," + id2 + ",桃花村\n"
	router := routing.MustCompile(routing.Shiyan2023())
	opt := reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30"), Roster: roster.Options{Encoding: codec.Auto}}
	for name, data := range map[string]string{
		"CR only":                         strings.ReplaceAll(base, "\n", "\r"),
		"CR only, title row":              strings.ReplaceAll("石堰镇花名册\n"+base, "\n", "\r"),
		"CR only, no final line end":      strings.TrimSuffix(strings.ReplaceAll(base, "\n", "\r"), "\r"),
		"CRLF":                            strings.ReplaceAll(base, "\n", "\r\n"),
		"one CR line end past the header": strings.Replace(base, "石堰村\n", "石堰村\r", 1),
	} {
		res, err := reporting.TallyRoster([]byte(data), router, opt)
		if err != nil || res.Report.Counts != (roster.Counts{Rows: 2, Accepted: 2}) || res.Tally.Total() != 2 {
			t.Errorf("%s: counts %v, error %v; want 2 rows read and accepted", name, res.Report.Counts, err)
		}
		rep, err := roster.Read(strings.NewReader(data), roster.Options{Encoding: codec.Auto}, nil, nil)
		if err != nil || rep.Counts != res.Report.Counts || rep.HeaderLine != res.Report.HeaderLine {
			t.Errorf("%s: ImportRoster counts %v, header on line %d, error %v; TallyRoster %v, line %d",
				name, rep.Counts, rep.HeaderLine, err, res.Report.Counts, res.Report.HeaderLine)
		}
	}
}

// TallyRoster must count what ImportRoster counts: title rows above the
// header and a spreadsheet's empty rows (",,,,") are not rows.
func TestPipelineCompatTitleAndBlankRows(t *testing.T) {
	id := revID("11010519490101002")
	data := []byte("石堰镇花名册\n姓名,身份证号码,村(社区)\n张小三," + id + ",石堰村\n,,\n")
	router := routing.MustCompile(routing.Shiyan2023())
	res, err := reporting.TallyRoster(data, router, reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	if err != nil || res.Report.Counts != (roster.Counts{Rows: 1, Accepted: 1}) || res.Report.HeaderLine != 2 || res.Report.BlankRows != 1 {
		t.Errorf("TallyRoster counts %v, header on line %d, %d blank rows, error %v; want 1 row accepted, the header on line 2, 1 blank row",
			res.Report.Counts, res.Report.HeaderLine, res.Report.BlankRows, err)
	}
	// Beyond 10 title rows, both give the first record's error.
	many := []byte(strings.Repeat("标题\n", 10+1) + string(data))
	_, err = reporting.TallyRoster(many, router, reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")})
	_, ierr := roster.Read(bytes.NewReader(many), roster.Options{}, nil, nil)
	if !errors.Is(err, roster.ErrMissingColumn) || ierr == nil || err.Error() != ierr.Error() {
		t.Errorf("%d title rows: TallyRoster error %v, ImportRoster error %v; want the same ErrMissingColumn", 10+1, err, ierr)
	}
}

// TallyRoster must refuse UTF-16 as ImportRoster does, and reject control
// characters in the village as ImportRoster does.
func TestPipelineCompatUTF16AndControlChars(t *testing.T) {
	id := revID("11010519490101002")
	router := routing.MustCompile(routing.Shiyan2023())
	opt := reporting.TallyOptions{AsOf: eligibility.MustParseDate("2023-06-30")}
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("姓名,身份证号码\n张小三," + id + "\n"))
	if _, err := reporting.TallyRoster(u16, router, opt); !errors.Is(err, codec.ErrUTF16) {
		t.Errorf("TallyRoster(UTF-16) error = %v, want ErrUTF16", err)
	}
	res, err := reporting.TallyRoster([]byte("姓名,身份证号码,村(社区)\n张小三,"+id+",石堰\x00村\n"), router, opt)
	if err != nil || res.Report.Counts.Rejected != 1 {
		t.Errorf("TallyRoster(village with NUL) counts %v, error %v; want the row rejected", res.Report.Counts, err)
	}
}
