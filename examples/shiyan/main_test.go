package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

var allFiles = []string{
	FileInput, FileImportReport, FileRosterCSV, FileRosterHTML, FileTallyCSV, FileTotalsCSV,
	FileTaskCSV, FileTaskHTML, FileBulletinCSV, FileBulletinHTML, FileBulletinText,
}

func testConfig(dir string) config {
	return config{out: dir, seed: 11, rows: 1500, asOf: eligibility.MustParseDate("2023-06-30"), bad: 30}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Errorf("%s has no byte-order mark: Excel would not read it as UTF-8", filepath.Base(path))
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s does not decode as CSV: %v", filepath.Base(path), err)
	}
	return recs
}

// column returns the index of the column headed h.
func column(t *testing.T, header []string, h string) int {
	t.Helper()
	for i, s := range header {
		if s == h {
			return i
		}
	}
	t.Fatalf("no column %q in %q", h, header)
	return -1
}

func TestWritesEveryFile(t *testing.T) {
	dir := t.TempDir()
	if err := run(testConfig(dir), nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range allFiles {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("missing %s: %v", f, err)
			continue
		}
		if st.Size() == 0 {
			t.Errorf("%s is empty", f)
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(f, ".csv"):
			recs := readCSV(t, filepath.Join(dir, f))
			// readCSV checks the byte-order mark; Excel also expects CRLF
			// after every record.
			if f != FileInput && (!bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\r\n")) < len(recs)) {
				t.Errorf("%s has records that do not end in CRLF", f)
			}
		case strings.HasSuffix(f, ".html"):
			if !utf8.Valid(b) || !bytes.Contains(b, []byte(`<meta charset="utf-8">`)) || bytes.Contains(b, []byte("<script")) {
				t.Errorf("%s is not a self-contained UTF-8 page without scripts", f)
			}
		}
	}
}

// TestOnlyTheInputHoldsIdentityNumbers collects every identity number and
// every name (of two characters or more) of the generated input and looks
// for them in every other file.
func TestOnlyTheInputHoldsIdentityNumbers(t *testing.T) {
	dir := t.TempDir()
	if err := run(testConfig(dir), nil); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, filepath.Join(dir, FileInput))
	var ids, names [][]byte
	for _, r := range recs[1:] {
		if name := strings.TrimSpace(r[0]); utf8.RuneCountInString(name) >= 2 {
			names = append(names, []byte(name))
		}
		if id, err := eligibility.ParseIDNumber(r[1]); err == nil {
			ids = append(ids, []byte(id.String()))
		}
		if len(r[1]) == 18 {
			ids = append(ids, []byte(r[1])) // invalid ones too
		}
	}
	if len(ids) < 1000 {
		t.Fatalf("only %d identity numbers in the input", len(ids))
	}
	anyID := regexp.MustCompile(`[0-9]{17}[0-9X]`)
	for _, f := range allFiles[1:] {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if bytes.Contains(b, id) {
				t.Errorf("%s contains the identity number %s…", f, id[:6])
				break
			}
		}
		for _, name := range names {
			if bytes.Contains(b, name) {
				t.Errorf("%s contains the full name of a resident (%d bytes)", f, len(name))
				break
			}
		}
		if m := anyID.Find(b); m != nil {
			t.Errorf("%s contains an 18-character number %s…", f, m[:6])
		}
	}
}

// TestTalliesReconcile checks the tallies against the roster row for row:
// the totals' 合计 equals the rows of the masked roster, each village's
// 人数 equals its rows in the roster, and the import report balances.
func TestTalliesReconcile(t *testing.T) {
	dir := t.TempDir()
	if err := run(testConfig(dir), nil); err != nil {
		t.Fatal(err)
	}
	roster := readCSV(t, filepath.Join(dir, FileRosterCSV))
	perVillage := map[string]int{}
	village := column(t, roster[0], "村(社区)")
	for _, r := range roster[1:] {
		perVillage[r[village]]++
	}
	totals := readCSV(t, filepath.Join(dir, FileTotalsCSV))
	seen := 0
	for _, r := range totals[1:] {
		n, err := strconv.Atoi(r[1])
		if err != nil {
			t.Fatalf("totals row %q: %v", r, err)
		}
		if r[0] == "合计" {
			if n != len(roster)-1 {
				t.Errorf("合计 %d, roster has %d rows", n, len(roster)-1)
			}
			continue
		}
		if perVillage[r[0]] != n {
			t.Errorf("village %s: totals say %d, roster has %d", r[0], n, perVillage[r[0]])
		}
		seen += n
	}
	if seen != len(roster)-1 {
		t.Errorf("villages sum to %d, roster has %d rows", seen, len(roster)-1)
	}
	// The tally cells of each village count every resident at least once.
	cells := readCSV(t, filepath.Join(dir, FileTallyCSV))
	cellSum := map[string]int{}
	for _, r := range cells[1:] {
		n, _ := strconv.Atoi(r[4])
		cellSum[r[0]] += n
	}
	for v, n := range perVillage {
		if cellSum[v] < n {
			t.Errorf("village %s: tally cells count %d, fewer than its %d residents", v, cellSum[v], n)
		}
	}
	report, err := os.ReadFile(filepath.Join(dir, FileImportReport))
	if err != nil {
		t.Fatal(err)
	}
	want := "读入 1500 行 = 接收 " + strconv.Itoa(len(roster)-1) + " 行 + 拒收 "
	if !strings.Contains(string(report), want) || !strings.Contains(string(report), "(平衡)") {
		t.Errorf("import report does not reconcile with the roster (want %q):\n%s", want, report)
	}
}

// TestGroupsAndTimetableFromThePolicy checks that the files take the
// target groups and the timetable from routing.Shiyan2023 itself: every
// 扩面对象类别 in the roster and the tally is a group of the policy (by its
// numeral and short name) or 非扩面重点人群, never a bare number, and the
// bulletin's 序时进度 on 2023-06-30 is the month-end pace of 石堰's aim (100 %
// by 2023-09-30 from the baseline 2023-03-15: 4 of the 7 checkpoints 03-31,
// 04-30, 05-31, 06-30, 07-31, 08-31, 09-30 have passed), ⌈任务数 × 4 ÷ 7⌉.
func TestGroupsAndTimetableFromThePolicy(t *testing.T) {
	dir := t.TempDir()
	if err := run(testConfig(dir), nil); err != nil {
		t.Fatal(err)
	}
	p := routing.Shiyan2023()
	rb := p.Rulebook()
	known := map[string]bool{"非扩面重点人群": true}
	for i := range rb.Groups {
		known[rb.ShortLabels(eligibility.GroupsOf(eligibility.Group(i+1)))] = true
	}
	seen := map[string]bool{}
	rosterRecs := readCSV(t, filepath.Join(dir, FileRosterCSV))
	groups := column(t, rosterRecs[0], "扩面对象类别")
	for _, r := range rosterRecs[1:] {
		for _, l := range strings.Split(r[groups], "；") {
			if !known[l] {
				t.Fatalf("roster entry %s: group %q is not one of the policy's", r[0], l)
			}
			seen[l] = true
		}
	}
	for _, r := range readCSV(t, filepath.Join(dir, FileTallyCSV))[1:] {
		if !known[r[1]] {
			t.Fatalf("tally row %q: group %q is not one of the policy's", r, r[1])
		}
		seen[r[1]] = true
	}
	if len(seen) != len(known) {
		t.Errorf("the files name %d of the %d groups (and 非扩面重点人群): %v", len(seen), len(known), seen)
	}

	bul := readCSV(t, filepath.Join(dir, FileBulletinCSV))
	taskCol, paceCol := column(t, bul[0], "任务数"), column(t, bul[0], "序时进度")
	for _, r := range bul[1:] {
		task, err1 := strconv.ParseInt(r[taskCol], 10, 64)
		pace, err2 := strconv.ParseInt(r[paceCol], 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bulletin row %q", r)
		}
		if want := (task*4 + 6) / 7; pace != want {
			t.Errorf("%s: 序时进度 %d, want ⌈%d × 4 ÷ 7⌉ = %d", r[0], pace, task, want)
		}
	}
	text, err := os.ReadFile(filepath.Join(dir, FileBulletinText))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"依据：石堰府发〔2023〕10号 六(四)", "力争完成", "石堰府发〔2023〕10号 四(二)", "重点攻坚阶段"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("bulletin.txt lacks %q", s)
		}
	}
}

func TestSummaryWithoutOut(t *testing.T) {
	var buf bytes.Buffer
	cfg := testConfig("")
	if err := run(cfg, &buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"石堰镇", "读入 1500 行", "合计", "完成率"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("summary lacks %q:\n%s", s, buf.String())
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := run(testConfig(a), nil); err != nil {
		t.Fatal(err)
	}
	if err := run(testConfig(b), nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range allFiles {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", f)
		}
	}
}

// TestRejectsHopelessRuns checks that flags out of range and a roster with
// no accepted row give an error that says so, not an internal one.
func TestRejectsHopelessRuns(t *testing.T) {
	tests := []struct {
		name string
		cfg  func(*config)
		want string
	}{
		{"no rows", func(c *config) { c.rows = 0 }, "-rows 0: want at least 1 resident"},
		{"bad share", func(c *config) { c.bad = 1001 }, "-bad 1001: want 0 to 1000 bad rows per thousand"},
		{"negative target", func(c *config) { c.target = -1 }, "-target -1: want 0 (60 % of the residents to enrol) or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t.TempDir())
			tt.cfg(&cfg)
			err := cfg.check()
			if err == nil || err.Error() != tt.want {
				t.Errorf("check() = %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("every row rejected", func(t *testing.T) {
		cfg := testConfig("")
		cfg.rows, cfg.bad = 5, 1000
		if err := cfg.check(); err != nil {
			t.Fatal(err)
		}
		err := run(cfg, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "no row of the roster was accepted") {
			t.Errorf("run() = %v, want the no-accepted-row error", err)
		}
	})
}
