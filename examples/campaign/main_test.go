package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/monthly"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// runOK runs the command and fails the test unless it exits 0.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("run(%q) = %d; stderr:\n%s", args, code, stderr.String())
	}
	return stdout.String()
}

// runFail runs the command, wants exit status 2, and returns stderr.
func runFail(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 2 {
		t.Fatalf("run() = %d, want 2; stdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	return stderr.String()
}

// loop writes the demo town into dir/town and runs its three months into
// dir/out. It is shared by the tests (run once).
type loop struct {
	town, out string
	demo      *demoTown
}

var theLoop *loop

func demoLoop(t *testing.T) *loop {
	t.Helper()
	if theLoop != nil {
		return theLoop
	}
	dir, err := os.MkdirTemp("", "campaign-test-")
	if err != nil {
		t.Fatal(err)
	}
	l := &loop{town: filepath.Join(dir, "town"), out: filepath.Join(dir, "out")}
	runOK(t, "-demo", l.town)
	if l.demo, err = newDemoTown(2023); err != nil {
		t.Fatal(err)
	}
	for i := range demoMonths {
		runOK(t, demoArgs(l.town, l.out, i)...)
	}
	theLoop = l
	return l
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if theLoop != nil {
		os.RemoveAll(filepath.Dir(theLoop.town))
	}
	os.Exit(code)
}

// bulletinRow is one row of bulletin.csv, by header.
type bulletinRow map[string]string

func (r bulletinRow) int(t *testing.T, col string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(r[col], 10, 64)
	if err != nil {
		t.Fatalf("%s %q of %s: %v", col, r[col], r["村(社区)"], err)
	}
	return n
}

// readCSV reads a CSV file the command wrote: UTF-8 with a BOM.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("%s: no UTF-8 byte-order mark", path)
	}
	sc, err := codec.NewBytesScanner(data, codec.UTF8BOM)
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	for sc.Scan() {
		var rec []string
		for _, f := range sc.Fields() {
			rec = append(rec, string(f))
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// readBulletin checks the contract of bulletin.csv and returns its village
// rows and its 合计 row.
func readBulletin(t *testing.T, path string, villages int) ([]bulletinRow, bulletinRow) {
	t.Helper()
	recs := readCSV(t, path)
	header := recs[0]
	for _, want := range []string{"村(社区)", "任务数", "本月新增", "累计完成", "完成率"} {
		if !slices.Contains(header, want) {
			t.Errorf("%s: header %q lacks %q", path, header, want)
		}
	}
	if got := len(recs) - 2; got != villages {
		t.Errorf("%s: %d village rows, want %d", path, got, villages)
	}
	if last := recs[len(recs)-1]; last[0] != "合计" {
		t.Errorf("%s: last row starts with %q, want 合计", path, last[0])
	}
	var rows []bulletinRow
	seen := map[string]bool{}
	for _, rec := range recs[1:] {
		r := bulletinRow{}
		for i, h := range header {
			r[h] = rec[i]
		}
		rows = append(rows, r)
		if seen[r["村(社区)"]] {
			t.Errorf("%s: village %s twice", path, r["村(社区)"])
		}
		seen[r["村(社区)"]] = true
	}
	return rows[:len(rows)-1], rows[len(rows)-1]
}

// TestLoop runs the demo's three months and checks each bulletin against
// its contract, its golden file and the person-level changes, row for row.
func TestLoop(t *testing.T) {
	l := demoLoop(t)
	villages := map[string]bool{}
	for _, p := range l.demo.people {
		villages[p.village] = true
	}
	prev := map[string]int64{} // last month's 累计完成 by village
	for i, month := range demoMonths {
		dir := filepath.Join(l.out, month)
		golden(t, "bulletin-"+month+".csv", dir, monthly.FileBulletinCSV)
		rows, total := readBulletin(t, filepath.Join(dir, monthly.FileBulletinCSV), len(villages))

		// The changes, summed per village.
		type sums struct{ new, lost int64 }
		byVillage := map[string]*sums{}
		changes := readCSV(t, filepath.Join(dir, monthly.FileChangesCSV))
		if i == 0 && len(changes) != 1 {
			t.Errorf("baseline: %d changes, want none", len(changes)-1)
		}
		for _, c := range changes[1:] {
			village, role, events := c[1], c[2], c[3]
			if role != "扩面对象" {
				continue
			}
			s := byVillage[village]
			if s == nil {
				s = &sums{}
				byVillage[village] = s
			}
			if strings.Contains(events, "新参保") {
				s.new++
			}
			if strings.Contains(events, "暂停缴费") || strings.Contains(events, "断保") {
				s.lost++
			}
		}
		var sumNew, sumDone, sumTask int64
		for _, r := range rows {
			v := r["村(社区)"]
			if !villages[v] {
				t.Errorf("%s: village %q is not in the base", month, v)
			}
			s := byVillage[v]
			if s == nil {
				s = &sums{}
			}
			newN, lost, done, before := r.int(t, "本月新增"), r.int(t, "本月减少"), r.int(t, "累计完成"), r.int(t, "上月累计")
			if newN != s.new || lost != s.lost {
				t.Errorf("%s %s: 本月新增 %d, 本月减少 %d; the changes give %d and %d", month, v, newN, lost, s.new, s.lost)
			}
			if before != prev[v] {
				t.Errorf("%s %s: 上月累计 %d, last month's bulletin said %d", month, v, before, prev[v])
			}
			if done != before+newN-lost {
				t.Errorf("%s %s: 累计完成 %d ≠ 上月累计 %d + 本月新增 %d − 本月减少 %d", month, v, done, before, newN, lost)
			}
			if i == 0 && (newN != 0 || done != 0) {
				t.Errorf("baseline %s: 本月新增 %d, 累计完成 %d, want 0", v, newN, done)
			}
			prev[v] = done
			sumNew += newN
			sumDone += done
			sumTask += r.int(t, "任务数")
		}
		if total.int(t, "本月新增") != sumNew || total.int(t, "累计完成") != sumDone || total.int(t, "任务数") != sumTask {
			t.Errorf("%s: 合计 %v does not foot: 本月新增 %d, 累计完成 %d, 任务数 %d", month, total, sumNew, sumDone, sumTask)
		}
		if i > 0 && sumNew == 0 {
			t.Errorf("%s: nobody enrolled: the demo should move", month)
		}
		if i == 2 && total.int(t, "本月减少") == 0 {
			t.Errorf("%s: nobody suspended: the demo should show 本月减少", month)
		}
	}
}

// TestPrivacy scans every output file (inside the workbooks too) for the
// identity numbers and names of the demo's population: only the state file
// may hold them, and it holds every number.
func TestPrivacy(t *testing.T) {
	l := demoLoop(t)
	var ids, names []string
	for _, p := range l.demo.people {
		ids = append(ids, p.id, strings.ToLower(p.id))
		if p.id[6:8] == "19" {
			ids = append(ids, p.id[:6]+p.id[8:17]) // the 15-digit form
		}
		names = append(names, p.name)
	}
	for _, month := range demoMonths {
		dir := filepath.Join(l.out, month)
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) != 11 {
			t.Errorf("%s: %d files, want 11", month, len(ents))
		}
		for _, e := range ents {
			path := filepath.Join(dir, e.Name())
			data := fileText(t, path)
			if e.Name() == ledger.StateFileName {
				for _, p := range l.demo.people {
					if !bytes.Contains(data, []byte(p.id)) {
						t.Errorf("%s: the state lacks %s…", path, p.id[:6])
					}
				}
				if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
					t.Errorf("%s: mode %v, want 0600", path, fi.Mode().Perm())
				}
				continue
			}
			for _, id := range ids {
				if bytes.Contains(data, []byte(id)) {
					t.Errorf("%s holds a full identity number (%s…)", path, id[:6])
				}
			}
			for _, n := range names {
				if bytes.Contains(data, []byte(n)) {
					t.Errorf("%s holds a full name (%s)", path, n)
				}
			}
		}
	}
}

// fileText returns a file's bytes, and for a workbook the bytes of every
// part of its archive.
func fileText(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".xlsx") {
		return data
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var all []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// sameDirs reports every file that differs between two output directories.
func sameDirs(t *testing.T, want, got string) {
	t.Helper()
	ents, err := os.ReadDir(want)
	if err != nil {
		t.Fatal(err)
	}
	gotEnts, err := os.ReadDir(got)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(gotEnts) {
		t.Errorf("%s has %d files, %s has %d", want, len(ents), got, len(gotEnts))
	}
	for _, e := range ents {
		a, err := os.ReadFile(filepath.Join(want, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(got, e.Name()))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the runs", e.Name())
		}
	}
}

// TestMonthTwice runs the second month again into another directory: the
// same bytes.
func TestMonthTwice(t *testing.T) {
	l := demoLoop(t)
	args := demoArgs(l.town, l.out, 1)
	again := filepath.Join(t.TempDir(), "again")
	args[len(args)-1] = again
	runOK(t, args...)
	sameDirs(t, filepath.Join(l.out, demoMonths[1]), again)
	// And once more into the same directory: it is replaced whole.
	runOK(t, args...)
	sameDirs(t, filepath.Join(l.out, demoMonths[1]), again)
}

// TestShuffledPopulation runs the baseline on the population base in
// another order: the same bytes.
func TestShuffledPopulation(t *testing.T) {
	l := demoLoop(t)
	town := copyTown(t, l.town)
	perm := rand.New(rand.NewPCG(7, 7)).Perm(len(l.demo.people))
	pop, err := l.demo.population(perm)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(town, demoPopulation), pop, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	runOK(t, demoArgs(town, out, 0)...)
	sameDirs(t, filepath.Join(l.out, demoMonths[0]), filepath.Join(out, demoMonths[0]))
}

// TestDemoDeterministic writes the demo twice: the same bytes.
func TestDemoDeterministic(t *testing.T) {
	l := demoLoop(t)
	again := filepath.Join(t.TempDir(), "town")
	runOK(t, "-demo", again)
	sameDirs(t, l.town, again)
	readme, err := os.ReadFile(filepath.Join(again, demoReadme))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(readme, []byte("go run ./examples/campaign")); n != 3 {
		t.Errorf("README.txt shows %d commands, want 3", n)
	}
}

// copyTown copies the demo's input files into a new directory.
func copyTown(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "town")
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return to
}

// TestBadInput: bad files exit 2 with a message naming the file and the
// line, and nothing is written in -out.
func TestBadInput(t *testing.T) {
	l := demoLoop(t)
	tests := []struct {
		name  string
		file  string
		data  string
		wants []string
	}{
		{"missing required column", "征地名单.csv", "姓名,身份证号码\n张三,110105194912310021\n", []string{"征地名单.csv", "第 1 行", "征地日期"}},
		{"bad task", demoTasks, "村(社区),任务数\n码头村,12\n石堰社区,十二\n", []string{demoTasks, "第 3 行", "任务数", "十二"}},
		{"unknown village in tasks", demoTasks, "村(社区),任务数\n码头村,12\n月亮村,3\n", []string{demoTasks, "第 3 行", "月亮村"}},
		{"legacy xls", "民政低保.xlsx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 600), []string{"民政低保.xlsx", ".xls"}},
		{"identity number as a number in a workbook", demoPopulation, "", []string{demoPopulation, "第 2 行", "B 列"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			town := copyTown(t, l.town)
			data := []byte(tt.data)
			if tt.file == demoPopulation {
				data = numberIDWorkbook(t)
			}
			if err := os.WriteFile(filepath.Join(town, tt.file), data, 0o644); err != nil {
				t.Fatal(err)
			}
			parent := t.TempDir()
			args := demoArgs(town, parent, 0)
			msg := runFail(t, args...)
			for _, w := range tt.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			ents, err := os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			if len(ents) != 0 {
				t.Errorf("%s holds %d entries after a failed run, want none", parent, len(ents))
			}
		})
	}
}

// numberIDWorkbook returns a population workbook whose identity number is a
// number cell (Excel's 1.10105E+17).
func numberIDWorkbook(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="户籍" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>公民身份号码</t></is></c><c r="C1" t="inlineStr"><is><t>村(社区)</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>1.10105194912310E+17</v></c><c r="C2" t="inlineStr"><is><t>码头村</t></is></c></row></sheetData></worksheet>`,
	}
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestOutRefused: an -out directory that a campaign run did not write is
// never replaced.
func TestOutRefused(t *testing.T) {
	l := demoLoop(t)
	out := t.TempDir()
	keep := filepath.Join(out, "mine.txt")
	if err := os.WriteFile(keep, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := demoArgs(l.town, l.out, 0)
	args[len(args)-1] = out
	msg := runFail(t, args...)
	if !strings.Contains(msg, "not a campaign output directory") {
		t.Errorf("message: %s", msg)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the user's file is gone: %v", err)
	}
}

// TestUsage: bad flags exit 2.
func TestUsage(t *testing.T) {
	l := demoLoop(t)
	for _, args := range [][]string{
		{},
		{"-policy", "nowhere-2020", "-asof", "2023-03-15", "-population", "a", "-insured", "b", "-out", "c"},
		{"-policy", "shiyan-2023", "-asof", "2023-03-15", "-population", "a", "-insured", "b", "-out", "c", "-source", "月亮=x.csv"},
		append(demoArgs(l.town, l.out, 1), "-target", "100"),
	} {
		runFail(t, args...)
	}
}

// golden compares a written file with testdata/name, rewriting it under
// -update.
func golden(t *testing.T, name, dir, file string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}
