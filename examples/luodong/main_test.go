package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden runs the command in every format and compares stdout and stderr
// with the golden files.
func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "markdown", "csv", "html"} {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"-format", format}, &stdout, &stderr); code != 0 {
				t.Fatalf("run() = %d; stderr:\n%s", code, stderr.String())
			}
			golden(t, "luodong."+format+".out", stdout.Bytes())
			golden(t, "luodong."+format+".err", stderr.Bytes())
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// TestPublishedCellsReproduced checks the computed columns against the
// published ones cell for cell, independently of the golden files.
func TestPublishedCellsReproduced(t *testing.T) {
	pub, err := parsePublished(publishedCSV)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := reproduce(pub)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pub.expand, rep.expand.Allocations()); diff != "" {
		t.Errorf("应扩面人数 mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(pub.task2019, rep.task2019.Allocations()); diff != "" {
		t.Errorf("2019年任务数 mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(pub.uninsured, rep.uninsured); diff != "" {
		t.Errorf("未参保人数 mismatch (-want +got):\n%s", diff)
	}
	got := []int64{rep.auditExpand.Footing.Sum, rep.auditExpand.Footing.Stated, rep.auditTask.Footing.Sum, rep.auditTask.Footing.Stated}
	if diff := cmp.Diff([]int64{9778, 9777, 7821, 7822}, got); diff != "" {
		t.Errorf("footings mismatch (-want +got):\n%s", diff)
	}
	if len(rep.hamExpand) != 1 || rep.hamExpand[0].Name != "新明村" || rep.hamExpand[0].From != 1349 || rep.hamExpand[0].To != 1348 {
		t.Errorf("Hamilton changes to 应扩面 = %+v, want only 新明村 1349 → 1348", rep.hamExpand)
	}
	// 三(二): 80 % by the end of 2019, all by the end of 2020, each rounded
	// up from the town's 9777: 7821.6 → 7822 (the table's stated 2019
	// total), 9777.
	if diff := cmp.Diff([]int64{7822, 9777}, rep.milestones); diff != "" {
		t.Errorf("milestone requirements mismatch (-want +got):\n%s", diff)
	}
	if !rep.reproduced() {
		t.Error("reproduced() = false on the published table")
	}
}

// TestTamperedTableFails makes sure the audit can fail: change one published
// cell at a time and the command must notice it and exit 1.
func TestTamperedTableFails(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(publishedCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ row, col int }{{10, 4}, {10, 5}, {12, 5}, {4, 3}} {
		mod := make([][]string, len(rows))
		for i := range rows {
			mod[i] = append([]string(nil), rows[i]...)
		}
		mod[tc.row][tc.col] = strings.TrimSpace(mod[tc.row][tc.col]) + "1"
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.WriteAll(mod); err != nil {
			t.Fatal(err)
		}
		pub, err := parsePublished(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		rep, err := reproduce(pub)
		if err != nil {
			t.Fatal(err)
		}
		if rep.reproduced() {
			t.Errorf("cell (%d,%d) changed to %s: reproduced() = true, want false", tc.row, tc.col, mod[tc.row][tc.col])
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-format", "pdf"}, {"-encoding", "latin1"}, {"-nope"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
		if stdout.Len() != 0 {
			t.Errorf("run(%q) wrote to stdout: %q", args, stdout.String())
		}
	}
}

func BenchmarkLuodong(b *testing.B) {
	// Target: ≤ 50 µs for parse + reproduce + audit of the 罗东 table.
	b.ReportAllocs()
	for b.Loop() {
		pub, err := parsePublished(publishedCSV)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := reproduce(pub); err != nil {
			b.Fatal(err)
		}
	}
}
