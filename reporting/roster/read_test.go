package roster_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
)

// rosCmpOpts compares residents: decimals by value, IDs and dates by ==.
var rosCmpOpts = cmp.Options{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b eligibility.IDNumber) bool { return a == b }),
	cmp.Comparer(func(a, b eligibility.Date) bool { return a == b }),
}

func rosImportAll(t *testing.T, data []byte, opt roster.Options) ([]roster.Row, []*roster.RowError, roster.Report) {
	t.Helper()
	var rows []roster.Row
	var errs []*roster.RowError
	rep, err := roster.Read(bytes.NewReader(data), opt,
		func(r roster.Row) error { rows = append(rows, r); return nil },
		func(e *roster.RowError) error { errs = append(errs, e); return nil })
	if err != nil {
		t.Fatalf("ImportRoster: %v", err)
	}
	if !rep.Counts.Reconciles() {
		t.Errorf("counts do not reconcile: %+v", rep.Counts)
	}
	if rep.Counts.Accepted != len(rows) || rep.Counts.Rejected != len(errs) {
		t.Errorf("counts %+v, but %d rows accepted and %d rejected", rep.Counts, len(rows), len(errs))
	}
	return rows, errs, rep
}

func rosRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rosGoodRows() []roster.Row {
	id := eligibility.MustParseIDNumber
	date := eligibility.MustParseDate
	cq := "重庆市长寿区"
	return []roster.Row{
		{Line: 2, Resident: eligibility.Resident{
			ID: id("500115197803150011"), Name: "张三", Gender: eligibility.Male, Birth: date("1978-03-15"),
			Hukou:      eligibility.Hukou{Area: cq, Village: "石堰村", Local: true},
			Employment: eligibility.Employment{Kind: eligibility.NotEmployed},
			Contact:    eligibility.ContactReached,
		}},
		{Line: 3, Resident: eligibility.Resident{
			ID: id("500115198506200021"), Name: "李小红", Gender: eligibility.Female, Birth: date("1985-06-20"),
			Hukou:      eligibility.Hukou{Area: cq, Village: "桃花村", Local: true},
			Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery},
			Contact:    eligibility.ContactReached,
		}},
		{Line: 4, Note: "待核实", Resident: eligibility.Resident{
			ID: id("500115196301010030"), Name: "王五",
			Hukou:          eligibility.Hukou{Area: cq, Village: "石堰村", Local: true},
			Employment:     eligibility.Employment{Kind: eligibility.NotEmployed},
			Insurance:      eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
			ResidentTier:   decimal.NewFromInt(2000),
			Flags:          eligibility.FlagMinimumLiving | eligibility.FlagLandAcquired,
			LandAcquiredOn: date("2022-05-01"),
			Contact:        eligibility.ContactNotFound,
		}},
		{Line: 6, Note: `有"引号"`, Resident: eligibility.Resident{
			ID: id("500115200002290043"), Name: "赵六", Gender: eligibility.Female, Birth: date("2000-02-29"),
			Hukou:      eligibility.Hukou{Village: "第10组"},
			Employment: eligibility.Employment{Kind: eligibility.LicensedFreelancer, Licence: "导游"},
			Insurance:  eligibility.Insurance{Scheme: eligibility.SchemeEmployee, Status: eligibility.StatusSuspended, Location: eligibility.ElsewhereInCity},
		}},
		{Line: 7, Resident: eligibility.Resident{
			ID: id("500115197009090058"), Name: "欧阳小明", Gender: eligibility.Male, Birth: date("1970-09-09"),
			Hukou:      eligibility.Hukou{Area: cq, Village: "第2组", Local: true},
			Employment: eligibility.Employment{Kind: eligibility.SelfEmployedBusiness},
		}},
	}
}

func TestImportRosterGood(t *testing.T) {
	utf8BOM := rosRead(t, "good.csv")
	gb := rosRead(t, "good_gb18030.csv")
	tests := []struct {
		name    string
		data    []byte
		enc     codec.Encoding
		wantEnc codec.Encoding
	}{
		{"utf-8 with BOM, detected", utf8BOM, codec.Auto, codec.UTF8BOM},
		{"utf-8 with BOM, stated", utf8BOM, codec.UTF8, codec.UTF8},
		{"utf-8 without BOM, detected", bytes.TrimPrefix(utf8BOM, []byte("\xEF\xBB\xBF")), codec.Auto, codec.UTF8},
		{"gb18030, detected", gb, codec.Auto, codec.GB18030},
		{"gb18030, stated", gb, codec.GB18030, codec.GB18030},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, errs, rep := rosImportAll(t, tc.data, roster.Options{Encoding: tc.enc})
			if len(errs) > 0 {
				t.Fatalf("unexpected row errors: %v", errs)
			}
			if diff := cmp.Diff(rosGoodRows(), rows, rosCmpOpts); diff != "" {
				t.Errorf("ImportRoster() mismatch (-want +got):\n%s", diff)
			}
			if rep.Encoding != tc.wantEnc {
				t.Errorf("Encoding = %v, want %v", rep.Encoding, tc.wantEnc)
			}
			if diff := cmp.Diff([]string{"民族"}, rep.Ignored); diff != "" {
				t.Errorf("Ignored mismatch (-want +got):\n%s", diff)
			}
			if want := (roster.Counts{Rows: 5, Accepted: 5}); rep.Counts != want {
				t.Errorf("Counts = %+v, want %+v", rep.Counts, want)
			}
		})
	}
}

func TestImportRosterBadRows(t *testing.T) {
	data := rosRead(t, "bad.csv")
	rows, errs, rep := rosImportAll(t, data, roster.Options{})
	type rowErr struct {
		Line   int
		Column string
		Value  string
		Err    error
	}
	want := []rowErr{
		{2, "姓名", "", roster.ErrMissingValue},
		{3, "身份证号码", "500115********0012", roster.ErrInvalidID},
		{4, "身份证号码", "500115********0011", roster.ErrInvalidID},
		{5, "缴费档次", "一千", roster.ErrInvalidNumber},
		{6, "性别", "男", roster.ErrInconsistent},
		{8, "出生日期", "1985-13-01", roster.ErrInvalidDate},
		{9, "", "", roster.ErrFieldCount},
		{10, "", "", roster.ErrMalformedCSV},
		{12, "身份证号码", "", roster.ErrMissingValue},
	}
	var got []rowErr
	for _, e := range errs {
		got = append(got, rowErr{e.Line, e.Column, e.Value, e.Err})
		if !errors.Is(e, e.Err) {
			t.Errorf("errors.Is(%v, %v) = false", e, e.Err)
		}
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("row errors mismatch (-want +got):\n%s", diff)
	}
	// An unknown 就业状况 leaves the employment unknown: line 7 is accepted
	// with a warning, whose value (Chinese text the import does not know)
	// is masked as a name would be.
	if len(rows) != 2 || rows[0].Line != 7 || rows[1].Line != 11 || rows[1].Resident.ResidentTier.String() != "100" {
		t.Fatalf("accepted rows = %+v, want lines 7 and 11, 11 with tier 100", rows)
	}
	if k := rows[0].Resident.Employment.Kind; k != eligibility.EmploymentUnknown {
		t.Errorf("line 7: employment %v, want unknown", k)
	}
	var warns []rowErr
	for _, row := range rows {
		for _, w := range row.Warnings {
			warns = append(warns, rowErr{w.Line, w.Column, w.Value, w.Err})
		}
	}
	wantWarns := []rowErr{{7, "就业状况", "打*", roster.ErrUnknownValue}}
	if diff := cmp.Diff(wantWarns, warns, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
	if want := (roster.Counts{Rows: 11, Accepted: 2, Rejected: 9, Warnings: 1}); rep.Counts != want {
		t.Errorf("Counts = %+v, want %+v", rep.Counts, want)
	}
	if diff := cmp.Diff([]roster.Rejection{{Column: "就业状况", Err: roster.ErrUnknownValue, Count: 1}}, rep.Warnings,
		cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("Report.Warnings mismatch (-want +got):\n%s", diff)
	}
	var idErr *eligibility.IDError
	if !errors.As(errs[1], &idErr) || idErr.Err != eligibility.ErrIDCheck {
		t.Errorf("errors.As(line 3 error, *IDError) = %v, kind %v; want an IDCheck error", idErr != nil, idErr)
	}
	if !errors.Is(errs[2], eligibility.ErrIDDate) {
		t.Errorf("line 4 error %v does not wrap ErrIDDate", errs[2])
	}
	sum := 0
	for _, r := range rep.Rejections {
		sum += r.Count
	}
	if sum != rep.Counts.Rejected {
		t.Errorf("rejections sum to %d, want %d", sum, rep.Counts.Rejected)
	}
}

// TestRowErrorsNeverHoldFullIDs checks every message and value of the bad
// roster for the identity numbers and names it contains.
func TestRowErrorsNeverHoldFullIDs(t *testing.T) {
	data := rosRead(t, "bad.csv")
	rows, errs, _ := rosImportAll(t, data, roster.Options{})
	for _, row := range rows {
		errs = append(errs, row.Warnings...)
	}
	secrets := []string{"500115197803150012", "500115197802300011", "500115200002290043", "500115199001010067", "500115197009090058", "197803150", "李四", "孙七", "周八", "打工"}
	for _, e := range errs {
		for _, s := range secrets {
			if strings.Contains(e.Error(), s) || strings.Contains(e.Value, s) {
				t.Errorf("error %q reveals %q", e.Error(), s)
			}
		}
	}
}

func TestImportRosterHeaders(t *testing.T) {
	tests := []struct {
		name   string
		header string
		h      roster.Headers
		want   error
		column roster.Column
	}{
		{"no name", "身份证号码,性别", nil, roster.ErrMissingColumn, roster.ColumnName},
		{"no id", "姓名,性别", nil, roster.ErrMissingColumn, roster.ColumnID},
		{"two id columns", "姓名,身份证号码,公民身份号码", nil, roster.ErrDuplicateColumn, roster.ColumnID},
		{"empty input", "", nil, roster.ErrNoHeader, roster.ColumnIgnored},
		{"custom names", "户主,证件号", roster.Headers{"户主": roster.ColumnName, "证件号": roster.ColumnID}, nil, 0},
		{"full width and spaces", " 姓 名 ,＊身份证号码", nil, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := roster.NewReader(strings.NewReader(tc.header+"\n"), roster.Options{Headers: tc.h})
			if !errors.Is(err, tc.want) {
				t.Fatalf("NewRosterReader() error = %v, want %v", err, tc.want)
			}
			var he *roster.HeaderError
			if tc.want != nil && (!errors.As(err, &he) || he.Column != tc.column) {
				t.Errorf("error %v: want a *HeaderError for column %v", err, tc.column)
			}
		})
	}
}

func TestDefaultHeadersIsAFreshValue(t *testing.T) {
	h := roster.DefaultHeaders()
	h["身份证号码"] = roster.ColumnIgnored
	if roster.DefaultHeaders()["身份证号码"] != roster.ColumnID {
		t.Fatal("changing one DefaultHeaders() value changed another")
	}
	for _, name := range []string{"姓名", "身份证号码", "公民身份号码", "身份证号", "性别", "出生日期", "村(社区)", "村别", "所属村", "户籍地", "是否本区户籍", "就业状况", "平台类型", "执业资格", "参保状态", "参保险种", "缴费状态", "参保地", "缴费档次", "低保", "特困", "重度残疾", "被征地", "征地日期", "联系状况"} {
		if c, ok := roster.DefaultHeaders()[name]; !ok || c == roster.ColumnIgnored {
			t.Errorf("DefaultHeaders()[%q] = %v, %v; want a column", name, c, ok)
		}
	}
}

func TestRosterReaderReadError(t *testing.T) {
	data := rosRead(t, "good.csv")
	boom := errors.New("boom")
	r := io.MultiReader(bytes.NewReader(data[:len(data)-40]), rosFailingReader{boom})
	// Stated UTF-8: detection (the zero value) would read ahead 64 KiB and
	// meet the error before the first row; see TestRosterReaderDetectReadError.
	rr, err := roster.NewReader(r, roster.Options{Encoding: codec.UTF8})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, err := range rr.All() {
		if errors.Is(err, boom) {
			break
		}
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		n++
	}
	if _, err := rr.Next(); !errors.Is(err, boom) {
		t.Errorf("Next after read error = %v, want it again", err)
	}
	if c := rr.Counts(); !c.Reconciles() || c.Rows != n {
		t.Errorf("Counts = %+v after %d rows", c, n)
	}
}

// With the zero Encoding the reader detects the encoding from the first
// 64 KiB, so a read error there is returned at once: no row is read, and
// none is lost silently.
func TestRosterReaderDetectReadError(t *testing.T) {
	data := rosRead(t, "good.csv")
	boom := errors.New("boom")
	r := io.MultiReader(bytes.NewReader(data[:len(data)-40]), rosFailingReader{boom})
	if _, err := roster.NewReader(r, roster.Options{}); !errors.Is(err, boom) {
		t.Errorf("NewRosterReader() error = %v, want %v", err, boom)
	}
}

type rosFailingReader struct{ err error }

func (r rosFailingReader) Read([]byte) (int, error) { return 0, r.err }

func TestImportRosterInvalidGB18030(t *testing.T) {
	// A UTF-8 file stated as GB18030 holds byte sequences GB18030 refuses,
	// or decodes to other characters; an invalid byte must stop the import
	// with a DecodeError, never be replaced silently.
	data := []byte("姓名,身份证号码\n\xff\xff,500115197803150011\n")
	_, err := roster.Read(bytes.NewReader(data), roster.Options{Encoding: codec.GB18030}, nil, nil)
	var de *codec.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("ImportRoster() error = %v, want a *DecodeError", err)
	}
}

func TestCountsString(t *testing.T) {
	tests := []struct {
		c    roster.Counts
		want string
	}{
		{roster.Counts{Rows: 10, Accepted: 9, Rejected: 1}, "读入 10 行 = 接收 9 行 + 拒收 1 行 (平衡)"},
		{roster.Counts{Rows: 10, Accepted: 8, Rejected: 1}, "读入 10 行 = 接收 8 行 + 拒收 1 行 (不平衡!)"},
	}
	for _, tc := range tests {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestImportRosterBirthDates(t *testing.T) {
	tests := []struct {
		birth string
		want  error
	}{
		{"1978-03-15", nil},
		{"19780315", nil},
		{"1978/3/15", nil},
		{"1978年3月15日", nil},
		{"１９７８－０３－１５", nil},
		{"1978-03-16", roster.ErrInconsistent},
		{"1978-02-30", roster.ErrInvalidDate},
		{"15/03/1978", roster.ErrInvalidDate},
	}
	for _, tc := range tests {
		data := "姓名,身份证号码,出生日期\n张三,500115197803150011," + tc.birth + "\n"
		rows, errs, _ := rosImportAll(t, []byte(data), roster.Options{})
		switch {
		case tc.want == nil && (len(rows) != 1 || rows[0].Resident.Birth != eligibility.MustParseDate("1978-03-15")):
			t.Errorf("birth %q: rows %v, errors %v", tc.birth, rows, errs)
		case tc.want != nil && (len(errs) != 1 || !errors.Is(errs[0], tc.want) || errs[0].Column != "出生日期"):
			t.Errorf("birth %q: errors %v, want %v in 出生日期", tc.birth, errs, tc.want)
		}
	}
}
