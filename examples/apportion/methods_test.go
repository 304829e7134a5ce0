package main

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEveryMethodName runs every -method name and alias the command documents
// on one table where the methods disagree. The expected allocations were
// computed outside the package, with Python's fractions.Fraction: independent
// rounding of total·w/Σw, largest remainders, and the divisor methods seat by
// seat with the priorities w/d(a) (d(a) = a+1, a+½, a, 2a(a+1)/(2a+1); for
// Huntington-Hill w²/(a(a+1))), Adams, Dean and Huntington-Hill starting from
// one seat each. No method meets a tie on this table.
func TestEveryMethodName(t *testing.T) {
	const in = "name,weight\nA,9824\nB,8840\nC,2698\nD,2628\nE,109\n"
	tests := []struct {
		method string
		want   []string
	}{
		{"half-up", []string{"5", "5", "1", "1", "0"}},
		{"half-even", []string{"5", "5", "1", "1", "0"}},
		{"floor", []string{"5", "4", "1", "1", "0"}},
		{"ceil", []string{"6", "5", "2", "2", "1"}},
		{"hamilton", []string{"5", "5", "2", "1", "0"}},
		{"dhondt", []string{"6", "5", "1", "1", "0"}},
		{"jefferson", []string{"6", "5", "1", "1", "0"}},
		{"sainte-lague", []string{"5", "5", "2", "1", "0"}},
		{"webster", []string{"5", "5", "2", "1", "0"}},
		{"adams", []string{"4", "4", "2", "2", "1"}},
		{"dean", []string{"5", "4", "2", "1", "1"}},
		{"huntington-hill", []string{"5", "5", "1", "1", "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"-method", tt.method, "-total", "13"}, strings.NewReader(in), &stdout, &stderr); code != exitOK {
				t.Fatalf("run() = %d; stderr: %s", code, stderr.String())
			}
			rows, err := csv.NewReader(&stdout).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows[1:] {
				got = append(got, r[2])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("allocations mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHalfEvenDiffersFromHalfUp: quotas of exactly 2.5 go up under half-up
// (四舍五入) and to the even 2 under half-even.
func TestHalfEvenDiffersFromHalfUp(t *testing.T) {
	for method, want := range map[string]string{
		"half-up":   "name,weight,allocation,quota,rounding\nA,1,3,2.5000,up\nB,1,3,2.5000,up\n",
		"half-even": "name,weight,allocation,quota,rounding\nA,1,2,2.5000,down\nB,1,2,2.5000,down\n",
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-method", method, "-total", "5"}, strings.NewReader("name,weight\nA,1\nB,1\n"), &stdout, &stderr); code != exitOK {
			t.Fatalf("%s: run() = %d; stderr: %s", method, code, stderr.String())
		}
		if diff := cmp.Diff(want, stdout.String()); diff != "" {
			t.Errorf("%s: stdout mismatch (-want +got):\n%s", method, diff)
		}
	}
}
