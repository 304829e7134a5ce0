package main

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/canbao/kuomian/reporting/codec"
)

// FuzzRun feeds the command arbitrary input. It must never panic; when it
// fails, stdout must be empty and stderr must say why; when it succeeds,
// stdout is CSV with the header name,weight,allocation,… and one row per
// input unit, in input order (the weights echo the input's).
func FuzzRun(f *testing.F) {
	f.Add("name,weight\nA,1\nB,2\n", "hamilton", "3", "fail")
	f.Add("\ufeffweight,extra,name\n10,x,a\n20,y,b\n30,z,c\n", "dhondt", "10", "order")
	f.Add("name,weight,min,max\nA,1,0,5\n\nB,1,3,1\n", "adams", "2", "name")
	f.Add("村别,未参保人数\n荆坑村,633\n潭溪村,1234\n", "huntington-hill", "1000", "weight")
	f.Add("name,weight\nA,9223372036854775807\nB,1\n", "ceil", "9223372036854775807", "fail")
	f.Add("name,weight\nA,\"1\nB,2\n", "sainte-lague", "0", "fail")
	f.Fuzz(func(t *testing.T, in, method, total, tie string) {
		var stdout, stderr bytes.Buffer
		code := run([]string{"-method", method, "-total", total, "-tie", tie}, strings.NewReader(in), &stdout, &stderr)
		if code != exitOK {
			if stdout.Len() != 0 {
				t.Fatalf("run() = %d but wrote to stdout:\n%s", code, stdout.String())
			}
			if stderr.Len() == 0 {
				t.Fatalf("run() = %d with nothing on stderr", code)
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
		units, _, err := readUnits(strings.NewReader(in), codec.Auto)
		if err != nil {
			t.Fatalf("run() succeeded but readUnits fails: %v", err)
		}
		if len(rows)-1 != len(units) {
			t.Fatalf("%d output rows for %d units", len(rows)-1, len(units))
		}
	})
}
