package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestRun(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("村别,未参保人数\n荆坑村,633\n潭溪村,1234\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantOut    string // exact stdout
		wantErrHas string // substring of stderr
	}{
		{
			name:     "hamilton keeps the sum",
			args:     []string{"-method", "hamilton", "-total", "10"},
			stdin:    "name,weight\nA,5\nB,3\nC,2\n",
			wantCode: exitOK,
			wantOut:  "name,weight,allocation,quota,rounding\nA,5,5,5.0000,exact\nB,3,3,3.0000,exact\nC,2,2,2.0000,exact\n",
		},
		{
			// Alabama-paradox style data: largest remainders 0.6 and 0.5.
			name:     "columns in any order, extra columns ignored, BOM",
			args:     []string{"-method", "hamilton", "-total", "7", "-scale", "2"},
			stdin:    "\ufeffnote,weight,name\nx,5,A\ny,3,B\nz,2,C\n",
			wantCode: exitOK,
			wantOut:  "name,weight,allocation,quota,rounding\nA,5,4,3.50,up\nB,3,2,2.10,down\nC,2,1,1.40,down\n",
		},
		{
			name:     "bounds: min and max",
			args:     []string{"-method", "dhondt", "-total", "10"},
			stdin:    "name,weight,min,max\nA,90,,5\nB,1,2,\nC,6,,\n",
			wantCode: exitOK,
			wantOut:  "name,weight,allocation,quota,rounding\nA,90,5,9.2784,max\nB,1,2,0.1031,min\nC,6,3,0.6186,up\n",
		},
		{
			name:       "half-up reports the footing on stderr",
			args:       []string{"-method", "half-up", "-total", "3"},
			stdin:      "name,weight\nA,1\nB,1\n",
			wantCode:   exitOK,
			wantOut:    "name,weight,allocation,quota,rounding\nA,1,2,1.5000,up\nB,1,2,1.5000,up\n",
			wantErrHas: "sum to 4, the target is 3",
		},
		{
			name:     "GB18030 input detected, Chinese headers",
			args:     []string{"-method", "half-up", "-total", "9777", "-scale", "2"},
			stdin:    gb,
			wantCode: exitOK,
			wantOut:  "name,weight,allocation,quota,rounding\n荆坑村,633,3315,3314.86,up\n潭溪村,1234,6462,6462.14,down\n",
		},
		{
			name:       "tie without a rule",
			args:       []string{"-total", "1"},
			stdin:      "name,weight\nA,1\nB,1\n",
			wantCode:   exitTie,
			wantErrHas: "2 units tie for the last 1 seat",
		},
		{
			name:       "tie settled by rule",
			args:       []string{"-total", "1", "-tie", "name"},
			stdin:      "name,weight\nB,1\nA,1\n",
			wantCode:   exitOK,
			wantOut:    "name,weight,allocation,quota,rounding\nB,1,0,0.5000,down\nA,1,1,0.5000,up\n",
			wantErrHas: "note:",
		},
		{name: "empty input", args: []string{"-total", "1"}, stdin: "", wantCode: exitInput, wantErrHas: "empty"},
		{name: "header only", args: []string{"-total", "1"}, stdin: "name,weight\n", wantCode: exitInput, wantErrHas: "no units"},
		{name: "missing weight column", args: []string{"-total", "1"}, stdin: "name,people\nA,1\n", wantCode: exitInput, wantErrHas: `no "weight" column`},
		{name: "negative weight", args: []string{"-total", "1"}, stdin: "name,weight\nA,1\nB,-2\n", wantCode: exitInput, wantErrHas: "line 3, column weight"},
		{name: "non-numeric weight", args: []string{"-total", "1"}, stdin: "name,weight\nA,abc\n", wantCode: exitInput, wantErrHas: "line 2, column weight"},
		{name: "missing weight cell", args: []string{"-total", "1"}, stdin: "name,weight\nA\n", wantCode: exitInput, wantErrHas: "line 2, column weight: the weight is missing"},
		{name: "infeasible bounds", args: []string{"-total", "10", "-method", "hamilton"}, stdin: "name,weight,max\nA,1,3\nB,1,3\n", wantCode: exitInput, wantErrHas: "apportion:"},
		{name: "min above max names the line", args: []string{"-total", "2"}, stdin: "name,weight,min,max\nA,1,0,5\n\nB,1,3,1\n", wantCode: exitInput, wantErrHas: "line 4: allocation: unit 1 (\"B\"): min 3: lower bound above upper bound"},
		{name: "weights beyond int64", args: []string{"-total", "1"}, stdin: "name,weight\nA,9223372036854775807\nB,1\n", wantCode: exitInput, wantErrHas: "sum of weights: number too large"},
		{name: "unknown method", args: []string{"-total", "1", "-method", "borda"}, stdin: "name,weight\nA,1\n", wantCode: exitInput, wantErrHas: "-method"},
		{name: "no total", args: []string{}, stdin: "name,weight\nA,1\n", wantCode: exitInput, wantErrHas: "-total is required"},
		{name: "invalid UTF-8 stated", args: []string{"-total", "1", "-encoding", "utf-8"}, stdin: "name,weight\n\xff,1\n", wantCode: exitInput, wantErrHas: "apportion:"},
		{name: "full-width digits folded", args: []string{"-total", "2"}, stdin: "name,weight\nA,１\nB,１\n", wantCode: exitOK,
			wantOut: "name,weight,allocation,quota,rounding\nA,1,1,1.0000,exact\nB,1,1,1.0000,exact\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("run() = %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if tt.wantCode != exitOK && stdout.Len() != 0 {
				t.Errorf("run() failed but wrote to stdout:\n%s", stdout.String())
			}
			if diff := cmp.Diff(tt.wantOut, stdout.String()); diff != "" {
				t.Errorf("stdout mismatch (-want +got):\n%s", diff)
			}
			if !strings.Contains(stderr.String(), tt.wantErrHas) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.wantErrHas)
			}
		})
	}
}

// TestLuodong runs the published 罗东 table through the command: half-up
// reproduces every published 应扩面 cell, and Hamilton keeps the total.
func TestLuodong(t *testing.T) {
	in, err := os.ReadFile("testdata/luodong-units.csv")
	if err != nil {
		t.Fatal(err)
	}
	published := map[string]string{
		"振兴村": "1053", "罗溪村": "709", "维新村": "971", "新明村": "1349", "罗东村": "2109",
		"埔心村": "608", "山坂村": "396", "蔡厝村": "656", "霞山村": "308", "荆坑村": "393",
		"高塘村": "405", "潭溪村": "767", "新雨亭": "4", "银河新城": "50",
	}
	for _, method := range []string{"half-up", "hamilton"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-method", method, "-total", "9777"}, bytes.NewReader(in), &stdout, &stderr); code != exitOK {
			t.Fatalf("%s: run() = %d; stderr: %s", method, code, stderr.String())
		}
		rows, err := csv.NewReader(&stdout).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range rows[1:] {
			got[r[0]] = r[2]
		}
		want := published
		if method == "hamilton" {
			want = map[string]string{}
			for k, v := range published {
				want[k] = v
			}
			want["新明村"] = "1348" // the one change that makes the column sum to 9777
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s allocations mismatch (-want +got):\n%s", method, diff)
		}
	}
}
