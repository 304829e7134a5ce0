package roster_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
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

// revImport is the outcome of one import.
type revImport struct {
	rep      roster.Report
	err      error
	accepted []roster.Row
	rejected []*roster.RowError
}

func revRun(data []byte, opt roster.Options) revImport {
	var r revImport
	r.rep, r.err = roster.Read(bytes.NewReader(data), opt,
		func(row roster.Row) error { r.accepted = append(r.accepted, row); return nil },
		func(e *roster.RowError) error { r.rejected = append(r.rejected, e); return nil })
	return r
}

// revMessages returns every message an import produced: the fatal error,
// each row error and the text report.
func (r revImport) messages(t *testing.T) []string {
	t.Helper()
	var out []string
	if r.err != nil {
		out = append(out, r.err.Error())
	}
	for _, e := range r.rejected {
		out = append(out, e.Error(), e.Label(language.Chinese), e.Value)
	}
	// A value left unknown is reported as a rejected value was: masked.
	for _, row := range r.accepted {
		for _, w := range row.Warnings {
			out = append(out, w.Error(), w.Label(language.Chinese), w.Value)
		}
	}
	var b strings.Builder
	if err := r.rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return append(out, b.String())
}

// revLeaks reports the first personal datum that msg holds in full: an
// identity number (also with its spaces, dashes or full-width digits
// removed) or a name.
func revLeaks(msg string, ids, names []string) string {
	flat := strings.NewReplacer(" ", "", "-", "", "\t", "", "\u3000", "").Replace(msg)
	for _, id := range ids {
		if strings.Contains(flat, id) || strings.Contains(flat, id[:6]+id[8:17]) {
			return id
		}
	}
	for _, n := range names {
		if strings.Contains(msg, n) {
			return n
		}
	}
	return ""
}

// TestReviewHostileRosters imports the files townships really send and the
// files an attacker would: every row is accounted for, bad rows get the
// sentinel that says why, and no message holds a full identity number or
// name.
func TestReviewHostileRosters(t *testing.T) {
	id1 := revID("11010519490101002") // 110105194901010021
	id2 := revID("50011519780315001")
	ids := []string{id1, id2}
	var born []string // people born on 1949-01-01, each a person of their own
	for k := range 10 {
		born = append(born, revID(fmt.Sprintf("11010519490101%03d", 100+k)))
	}
	ids = append(ids, born...)
	names := []string{"张小三", "欧阳小明", "阿依古丽·买买提"}
	gb := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	u16 := func(s string, bom bool) []byte {
		p := unicode.IgnoreBOM
		if bom {
			p = unicode.UseBOM
		}
		b, _ := unicode.UTF16(unicode.LittleEndian, p).NewEncoder().Bytes([]byte(s))
		return b
	}
	base := "姓名,身份证号码,村（社区）,出生日期\n张小三," + id1 + ",石堰村,1949-01-01\n欧阳小明," + id2 + ",桃花村,1978/3/15\n"
	ok2 := roster.Counts{Rows: 2, Accepted: 2}
	rej1 := roster.Counts{Rows: 1, Rejected: 1}
	tests := []struct {
		name       string
		data       []byte
		enc        codec.Encoding
		wantErr    error // fatal
		wantCounts roster.Counts
		wantRej    []error // sentinels of the rejected rows, in order
		wantLines  []int   // lines of the accepted rows
		wantWarn   []error // sentinels of the accepted rows' warnings, in order
	}{
		{name: "UTF-8", data: []byte(base), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "UTF-8 with BOM", data: []byte("\uFEFF" + base), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "GB18030 as Excel saves it", data: gb(base), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "GB18030 with BOM", data: append(gb("\uFEFF"), gb(base)...), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "GB18030 stated", data: gb(base), enc: codec.GB18030, wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "UTF-8 mark before GB18030 text", data: append([]byte("\xEF\xBB\xBF"), gb(base)...), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "UTF-8 mark before GB18030 text, stated", data: append([]byte("\xEF\xBB\xBF"), gb(base)...), enc: codec.GB18030, wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "UTF-16 with BOM", data: u16(base, true), wantErr: codec.ErrUTF16},
		{name: "UTF-16 without BOM", data: u16(base, false), wantErr: codec.ErrUTF16},
		{name: "UTF-16 read as UTF-8", data: u16(base, true), enc: codec.UTF8, wantErr: codec.ErrUTF16},
		{name: "CRLF", data: []byte(strings.ReplaceAll(base, "\n", "\r\n")), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "CR only", data: []byte(strings.ReplaceAll(base, "\n", "\r")), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "CR only GB18030", data: gb(strings.ReplaceAll(base, "\n", "\r")), wantCounts: ok2, wantLines: []int{2, 3}},
		{name: "blank lines", data: []byte("\n\r\n" + strings.ReplaceAll(base, "\n", "\n\n")), wantCounts: ok2, wantLines: []int{5, 7}},
		{name: "quoted newline", data: []byte("姓名,身份证号码,备注\n张小三," + id1 + ",\"第一行\r\n第二行\"\n欧阳小明," + id2 + ",\n"),
			wantCounts: ok2, wantLines: []int{2, 4}},
		{name: "empty spreadsheet rows", data: []byte("姓名,身份证号码,村\n,,\n张小三," + id1 + ",石堰村\n , ,\u3000\n,,\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{3}},
		{name: "trailing empty columns", data: []byte("姓名,身份证号码,,,\n张小三," + id1 + ",,,\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{2}},
		{name: "header with spaces and full-width parentheses", data: []byte(" 姓 名 ,\u3000身份证号码 ,村（社区）\n张小三," + id1 + ",石堰村\n"),
			wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{2}},
		{name: "duplicate header", data: []byte("姓名,身份证号码,姓名\n张小三," + id1 + ",x\n"), wantErr: roster.ErrDuplicateColumn},
		{name: "no ID column", data: []byte("姓名,村\n张小三,石堰村\n"), wantErr: roster.ErrMissingColumn},
		{name: "empty file", data: nil, wantErr: roster.ErrNoHeader},
		{name: "short row under empty headers", data: []byte("姓名,身份证号码,村,,\n张小三," + id1 + ",石堰村\n欧阳小明," + id2 + "\n"),
			wantCounts: roster.Counts{Rows: 2, Accepted: 1, Rejected: 1}, wantRej: []error{roster.ErrFieldCount}, wantLines: []int{2}},
		{name: "fewer fields", data: []byte("姓名,身份证号码,村\n张小三," + id1 + "\n"), wantCounts: rej1, wantRej: []error{roster.ErrFieldCount}},
		{name: "more fields", data: []byte("姓名,身份证号码\n张小三," + id1 + ",多余\n"), wantCounts: rej1, wantRej: []error{roster.ErrFieldCount}},
		{name: "bare quote", data: []byte("姓名,身份证号码\n张\"小三\"," + id1 + "\n欧阳小明," + id2 + "\n"),
			wantCounts: roster.Counts{Rows: 2, Accepted: 1, Rejected: 1}, wantRej: []error{roster.ErrMalformedCSV}, wantLines: []int{3}},
		{name: "scientific notation", data: []byte("姓名,身份证号码\n张小三,1.10105E+17\n"), wantCounts: rej1, wantRej: []error{roster.ErrInvalidID}},
		{name: "15-digit number", data: []byte("姓名,身份证号码\n张小三,110105490101002\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{2}},
		{name: "full-width digits", data: []byte("姓名,身份证号码\n张小三,１１０１０５１９４９０１０１００２１\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{2}},
		{name: "wrong check character", data: []byte("姓名,身份证号码\n张小三," + id1[:17] + "9\n"), wantCounts: rej1, wantRej: []error{roster.ErrInvalidID}},
		{name: "ID with spaces", data: []byte("姓名,身份证号码\n张小三,1101 0519 4901 0100 21\n"), wantCounts: rej1, wantRej: []error{roster.ErrInvalidID}},
		// An ID or a name in an optional column leaves that fact unknown (the
		// ID gives the gender): the row is accepted, and its warning is
		// masked as a rejection would be.
		{name: "ID in the gender column", data: []byte("姓名,身份证号码,性别\n张小三," + id1 + "," + id1 + "\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "spaced ID in the gender column", data: []byte("姓名,身份证号码,性别\n张小三," + id1 + ",1101 0519 4901 0100 21\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "name in the gender column", data: []byte("姓名,身份证号码,性别\n张小三," + id1 + ",张小三\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "ID in the contact column", data: []byte("姓名,身份证号码,联系状况\n张小三," + id1 + "," + id2 + "\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "name in a flag column", data: []byte("姓名,身份证号码,低保\n张小三," + id1 + ",欧阳小明\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "ID in the flag list", data: []byte("姓名,身份证号码,身份标记\n张小三," + id1 + ",低保、" + id2 + "\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "minority name in the status column", data: []byte("姓名,身份证号码,参保状态\n阿依古丽·买买提," + id1 + ",阿依古丽·买买提\n"), wantCounts: rej1, wantRej: []error{roster.ErrUnknownValue}},
		{name: "dates", data: []byte("姓名,身份证号码,出生日期\n" +
			"张小三," + born[0] + ",1949年1月1日\n张小三," + born[1] + ",19490101\n张小三," + born[2] + ",1949.01.01\n张小三," + born[3] + ",1949/1/1\n" +
			"张小三," + born[4] + ",17899\n张小三," + born[5] + ",1949-02-30\n张小三," + born[6] + ",1950-01-01\n" +
			"张小三," + born[7] + ",1949/1/1 0:00\n张小三," + born[8] + ",1949-01-01 00:00:00\n张小三," + born[9] + ",1949-01-01 25:00\n"),
			wantCounts: roster.Counts{Rows: 10, Accepted: 6, Rejected: 4},
			wantRej:    []error{roster.ErrInvalidDate, roster.ErrInvalidDate, roster.ErrInconsistent, roster.ErrInvalidDate}, wantLines: []int{2, 3, 4, 5, 9, 10}},
		{name: "invalid bytes mid-file", data: []byte(strings.Repeat("姓名,身份证号码\n", 1) + "张小三," + id1 + "\n\xff\xfe欧阳小明," + id2 + "\n"),
			wantErr: codec.ErrInvalidBytes, wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{2}},
		{name: "NUL in the name", data: []byte("姓名,身份证号码\n张\x00小三," + id1 + "\n"), wantCounts: rej1, wantRej: []error{roster.ErrControlChar}},
		{name: "control characters in village and note", data: []byte("姓名,身份证号码,村(社区),备注\n张小三," + id1 + ",石堰\x0c村,\n欧阳小明," + id2 + ",石堰村,\"第一行\r\n\t第二行\x1b\"\n张小三," + id1 + ",石堰村,\"第一行\r\n\t第二行\"\n"),
			wantCounts: roster.Counts{Rows: 3, Accepted: 1, Rejected: 2}, wantRej: []error{roster.ErrControlChar, roster.ErrControlChar}, wantLines: []int{5}},
		{name: "NUL in the ID", data: []byte("姓名,身份证号码\n张小三," + id1[:5] + "\x00" + id1[5:] + "\n"), wantCounts: rej1, wantRej: []error{roster.ErrInvalidID}},
		{name: "1 MB field", data: []byte("姓名,身份证号码,性别\n张小三," + id1 + "," + strings.Repeat(id1, 1<<20/18) + "\n"), wantCounts: roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}, wantLines: []int{2}, wantWarn: []error{roster.ErrUnknownValue}},
		{name: "100000 columns", data: []byte("姓名,身份证号码" + strings.Repeat(",x", 100000) + "\n张小三," + id1 + strings.Repeat(",y", 100000) + "\n"),
			wantCounts: roster.Counts{Rows: 1, Accepted: 1}, wantLines: []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc := tt.enc
			if enc == codec.UTF8BOM {
				enc = codec.Auto
			}
			r := revRun(tt.data, roster.Options{Encoding: enc})
			if !errors.Is(r.err, tt.wantErr) || (tt.wantErr == nil) != (r.err == nil) {
				t.Fatalf("ImportRoster() error = %v, want %v", r.err, tt.wantErr)
			}
			for _, msg := range r.messages(t) {
				if leak := revLeaks(msg, ids, names); leak != "" {
					t.Errorf("message holds %q in full: %s", leak, msg)
				}
			}
			if r.err != nil && len(r.rep.Headers) == 0 {
				return // the header itself was refused
			}
			if diff := cmp.Diff(tt.wantCounts, r.rep.Counts); diff != "" {
				t.Errorf("Counts mismatch (-want +got):\n%s", diff)
			}
			if !r.rep.Counts.Reconciles() {
				t.Errorf("Counts %v do not reconcile", r.rep.Counts)
			}
			var gotRej []error
			for _, e := range r.rejected {
				gotRej = append(gotRej, e.Err)
				if e.Line < 2 {
					t.Errorf("row error %v: line %d", e, e.Line)
				}
			}
			if diff := cmp.Diff(tt.wantRej, gotRej, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("rejections mismatch (-want +got):\n%s", diff)
			}
			var lines []int
			for _, a := range r.accepted {
				lines = append(lines, a.Line)
			}
			if diff := cmp.Diff(tt.wantLines, lines); diff != "" {
				t.Errorf("accepted lines mismatch (-want +got):\n%s", diff)
			}
			var warns []error
			for _, a := range r.accepted {
				for _, w := range a.Warnings {
					warns = append(warns, w.Err)
					if w.Line != a.Line || w.Column == "" {
						t.Errorf("warning %v of line %d: want the row's line and a column", w, a.Line)
					}
				}
			}
			if diff := cmp.Diff(tt.wantWarn, warns, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("warnings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReviewTitleRows imports sheets with title rows above the header, as
// township spreadsheets have them: the header is found, its line reported,
// and the title rows are not data rows.
func TestReviewTitleRows(t *testing.T) {
	id := revID("11010519490101002")
	body := "姓名,身份证号码\n张小三," + id + "\n"
	tests := []struct {
		name     string
		data     string
		wantLine int
		wantErr  error
	}{
		{"no title", body, 1, nil},
		{"one title row", "石堰镇养老保险扩面人员花名册,\n" + body, 2, nil},
		{"title and date rows", "\"石堰镇养老保险扩面人员花名册\"\n填报日期：2023年6月30日,,\n\n" + body, 4, nil},
		{"title with a stray quote", "石堰镇\"花名册\n" + body, 0, nil},
		{"header lacks the ID column", "花名册\n姓名,村\n张小三,石堰村\n", 0, roster.ErrMissingColumn},
		{"no header at all", strings.Repeat("张小三,"+id+"\n", 20), 0, roster.ErrMissingColumn},
		{"duplicate after a title", "花名册\n姓名,身份证号码,姓名\n", 0, roster.ErrDuplicateColumn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := revRun([]byte(tt.data), roster.Options{Encoding: codec.Auto})
			if !errors.Is(r.err, tt.wantErr) || (tt.wantErr == nil) != (r.err == nil) {
				t.Fatalf("ImportRoster() error = %v, want %v", r.err, tt.wantErr)
			}
			if tt.wantErr != nil {
				return
			}
			if tt.wantLine != 0 && r.rep.HeaderLine != tt.wantLine {
				t.Errorf("HeaderLine = %d, want %d", r.rep.HeaderLine, tt.wantLine)
			}
			if want := (roster.Counts{Rows: 1, Accepted: 1}); r.rep.Counts != want {
				t.Errorf("Counts = %v, want %v", r.rep.Counts, want)
			}
		})
	}
}

// TestReviewBlankRows checks that a spreadsheet's empty rows are counted
// apart, not as rejected rows, and that the report says so.
func TestReviewBlankRows(t *testing.T) {
	id := revID("11010519490101002")
	r := revRun([]byte("姓名,身份证号码,村\r\n,,\r\n张小三,"+id+",石堰村\r\n,,\r\n , ,\r\n"), roster.Options{})
	if r.err != nil || r.rep.BlankRows != 3 || r.rep.Counts != (roster.Counts{Rows: 1, Accepted: 1}) {
		t.Fatalf("BlankRows %d, Counts %v, error %v; want 3 blank rows and 1 row", r.rep.BlankRows, r.rep.Counts, r.err)
	}
	var b strings.Builder
	if err := r.rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "空白行: 3 行") {
		t.Errorf("report does not mention the blank rows:\n%s", b.String())
	}
}

// TestReviewExcelIDForms checks the forms Excel gives identity numbers: the
// text prefix ('110105…) is stripped, and a number shown in scientific
// notation is refused with a message that says why, in English and in
// Chinese.
func TestReviewExcelIDForms(t *testing.T) {
	id := revID("11010519490101002")
	for _, v := range []string{"'" + id, "＇" + id, " '" + id, id + "\u200b", "\u200b" + id[:6] + "\u2060" + id[6:], "\ufeff" + id} {
		r := revRun([]byte("姓名,身份证号码\n张小三,"+v+"\n"), roster.Options{})
		if r.rep.Counts.Accepted != 1 || len(r.accepted) != 1 || r.accepted[0].Resident.ID.String() != id {
			t.Errorf("ID %q: counts %v, rejections %v; want it accepted", v, r.rep.Counts, r.rejected)
		}
	}
	for _, v := range []string{"1.10105E+17", "1.10105e+17", "1.10105E17"} {
		r := revRun([]byte("姓名,身份证号码\n张小三,"+v+"\n"), roster.Options{})
		if len(r.rejected) != 1 || !errors.Is(r.rejected[0], roster.ErrInvalidID) {
			t.Fatalf("ID %q: %v", v, r.rep.Counts)
		}
		e := r.rejected[0]
		if msg := e.Error(); !strings.Contains(msg, "scientific notation") {
			t.Errorf("ID %q: error %q does not name scientific notation", v, msg)
		}
		if msg := e.Label(language.Chinese); !strings.Contains(msg, "科学计数") {
			t.Errorf("ID %q: label %q does not name 科学计数", v, msg)
		}
	}
}

// TestReviewInvalidIDsMasked checks that the messages about invalid
// identity numbers of every length never hold the number in full.
func TestReviewInvalidIDsMasked(t *testing.T) {
	for _, v := range []string{
		"110105491301002",     // 15 digits, month 13
		"11010549010100",      // 14 digits
		"1101054901010021",    // 16 digits
		"11010519491301002X",  // 18, month 13
		"110105194901010029",  // 18, wrong check character
		"110105194901010021X", // 19
		"11010519490101002Y",  // a letter
		"１１０１０５４９１３０１００２", // full width
	} {
		r := revRun([]byte("姓名,身份证号码\n张小三,"+v+"\n"), roster.Options{})
		if len(r.rejected) != 1 {
			t.Errorf("%q: counts %v", v, r.rep.Counts)
			continue
		}
		e := r.rejected[0]
		digits := strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return r
		}, v)
		for _, msg := range []string{e.Error(), e.Label(language.Chinese), e.Value} {
			if strings.Contains(msg, digits) || strings.Contains(msg, v) || strings.Contains(msg, digits[:len(digits)-1]) {
				t.Errorf("%q: message holds the number: %s", v, msg)
			}
		}
	}
}

// TestReviewHeaderNotes checks that headers carrying a note on the format
// map to their columns, while names with parentheses keep them.
func TestReviewHeaderNotes(t *testing.T) {
	id := revID("11010519490101002")
	r := revRun([]byte("*姓名,身份证号码（18位）,出生日期(yyyy-mm-dd),性别（男/女）,缴费档次（元）\n张小三,"+id+",1949-01-01,女,1500\n"), roster.Options{})
	want := []roster.Column{roster.ColumnName, roster.ColumnID, roster.ColumnBirth, roster.ColumnGender, roster.ColumnTier}
	if diff := cmp.Diff(want, r.rep.Columns); diff != "" || r.rep.Counts.Accepted != 1 {
		t.Errorf("columns mismatch (-want +got):\n%s\ncounts %v, rejected %v", diff, r.rep.Counts, r.rejected)
	}
}

// TestReviewDetectDamagedUTF8 checks that a UTF-8 roster with one bad byte
// is read as UTF-8 (so the error names the damaged line) while GB18030 text
// is still GB18030.
func TestReviewDetectDamagedUTF8(t *testing.T) {
	var b strings.Builder
	b.WriteString("姓名,身份证号码,村(社区),就业状况,参保状态\n")
	for range 50 {
		b.WriteString("张小三,110105194901010021,石堰村,未就业,未参保\n")
	}
	clean := b.String()
	at := 0 // the start of line 5
	for range 4 {
		at += strings.IndexByte(clean[at:], '\n') + 1
	}
	damaged := []byte(clean[:at] + "\xff" + clean[at:])
	if got := codec.DetectEncoding(damaged, true); got != codec.UTF8 {
		t.Errorf("DetectEncoding(damaged UTF-8) = %v, want utf-8", got)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(clean))
	if err != nil {
		t.Fatal(err)
	}
	for n := 4; n <= len(gb); n *= 2 {
		if got := codec.DetectEncoding(gb[:n], false); got != codec.GB18030 {
			t.Errorf("DetectEncoding(GB18030 text, first %d bytes) = %v, want gb18030", n, got)
		}
	}
	r := revRun(damaged, roster.Options{Encoding: codec.Auto})
	var de *codec.DecodeError
	if !errors.As(r.err, &de) || de.Encoding != codec.UTF8 || de.Line != 5 || r.rep.Counts.Rows != 3 {
		t.Errorf("ImportRoster(damaged UTF-8) error = %v after %v, want a UTF-8 *DecodeError on line 5 after 3 rows", r.err, r.rep.Counts)
	}
}
