package main

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/canbao/kuomian/reporting/codec"
)

// FuzzRun feeds the command arbitrary input. It must never panic; when it
// fails, stdout must be empty and stderr must say why; when it succeeds,
// stdout is CSV with the header name,weight,allocation,… and one row per
// unit (the rows read, less a checked total row), in input order: the name
// as the project's CSV writer guards it (never a formula), the weight as
// read.
func FuzzRun(f *testing.F) {
	f.Add("name,weight\nA,1\nB,2\n", "hamilton", "3", "fail", "fail")
	f.Add("\ufeffweight,extra,name\n10,x,a\n20,y,b\n30,z,c\n", "dhondt", "10", "order", "fail")
	f.Add("name,weight,min,max\nA,1,0,5\n\nB,1,3,1\n", "adams", "2", "name", "fail")
	f.Add("村别,未参保人数\n荆坑村,633\n潭溪村,1234\n", "huntington-hill", "1000", "weight", "fail")
	f.Add("name,weight\nA,9223372036854775807\nB,1\n", "ceil", "9223372036854775807", "fail", "fail")
	f.Add("name,weight\nA,\"1\nB,2\n", "sainte-lague", "0", "fail", "fail")
	f.Add("任务分解表,,\n填报日期：2019年6月30日,,\n村别,未参保人数\n甲村,\"2,170\"\n乙村,１，０００\n丙村,30\n丁村,7\n合计,\"3,207\"\n", "half-up", "100", "fail", "check")
	f.Add("name,weight\n=cmd|' /C calc'!A0,1\n@SUM(A1),2\n+1+1,3\n-2+3,4\n总　计,10\n", "hamilton", "5", "order", "none")
	f.Fuzz(func(t *testing.T, in, method, total, tie, totalRow string) {
		var stdout, stderr bytes.Buffer
		code := run([]string{"-method", method, "-total", total, "-tie", tie, "-total-row", totalRow}, strings.NewReader(in), &stdout, &stderr)
		if code != exitOK {
			if stdout.Len() != 0 {
				t.Fatalf("run() = %d but wrote to stdout:\n%s", code, stdout.String())
			}
			if stderr.Len() == 0 {
				t.Fatalf("run() = %d with nothing on stderr", code)
			}
			if code != exitInput && code != exitTie {
				t.Fatalf("run() = %d, want %d or %d", code, exitInput, exitTie)
			}
			return
		}
		rows, err := csv.NewReader(&stdout).ReadAll()
		if err != nil {
			t.Fatalf("output is not CSV: %v", err)
		}
		if len(rows) < 2 || strings.Join(rows[0][:3], ",") != "name,weight,allocation" {
			t.Fatalf("output has no header or no rows: %q", rows)
		}
		units, lines, err := readUnits(strings.NewReader(in), codec.Auto)
		if err != nil {
			t.Fatalf("run() succeeded but readUnits fails: %v", err)
		}
		mode, err := parseTotalRowMode(totalRow)
		if err != nil {
			t.Fatalf("run() succeeded with -total-row %q: %v", totalRow, err)
		}
		units, _, _, err = applyTotalRow(units, lines, mode)
		if err != nil {
			t.Fatalf("run() succeeded but applyTotalRow fails: %v", err)
		}
		if len(rows)-1 != len(units) {
			t.Fatalf("%d output rows for %d units", len(rows)-1, len(units))
		}
		for i, u := range units {
			r := rows[i+1]
			if want := guarded(u.Name); r[0] != want {
				t.Errorf("row %d: name %q, want %q", i+1, r[0], want)
			}
			if r[0] != "" && strings.ContainsRune("=+-@\t\r", rune(r[0][0])) {
				t.Errorf("row %d: name %q would run as a formula", i+1, r[0])
			}
			if want := strconv.FormatInt(u.Weight, 10); r[1] != want {
				t.Errorf("row %d: weight %q, want %q", i+1, r[1], want)
			}
		}
	})
}

// guarded is how the program writes a unit's name: through the project's
// CSV writer, read back as one field.
func guarded(name string) string {
	rec, err := csv.NewReader(bytes.NewReader(codec.AppendRecord(nil, []string{name}, nil))).Read()
	if err != nil || len(rec) != 1 {
		return "<unreadable>"
	}
	return rec[0]
}
