package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// demoCommands returns the argument lists of the demo's three months, as
// the README.txt that examples/campaign -demo writes gives them, with $D
// set to dir and $D/out to out.
func demoCommands(t *testing.T, dir, out string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "README.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds [][]string
	for _, para := range strings.Split(string(b), "\n\n") {
		para = strings.TrimSpace(para)
		if !strings.HasPrefix(para, "go run ./examples/campaign") {
			continue
		}
		para = strings.ReplaceAll(para, "\\\n", " ")
		var args []string
		for _, f := range strings.Fields(strings.TrimPrefix(para, "go run ./examples/campaign")) {
			if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
				f = strings.NewReplacer(`\"`, `"`, `\\`, `\`, "\\`", "`").Replace(f[1 : len(f)-1])
			}
			f = strings.ReplaceAll(f, "$D/out", out)
			f = strings.ReplaceAll(f, "$D", dir)
			args = append(args, f)
		}
		cmds = append(cmds, args)
	}
	if len(cmds) != 3 {
		t.Fatalf("README.txt gives %d commands, want 3:\n%s", len(cmds), b)
	}
	return cmds
}

// sameTree compares every file of two directories byte for byte, and
// their permissions.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	list := func(dir string) []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}
	wn, gn := list(want), list(got)
	if !slices.Equal(wn, gn) {
		t.Fatalf("files: campaign wrote %q, province %q", wn, gn)
	}
	for _, n := range wn {
		wb, err := os.ReadFile(filepath.Join(want, n))
		if err != nil {
			t.Fatal(err)
		}
		gb, err := os.ReadFile(filepath.Join(got, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(wb, gb) {
			t.Errorf("%s: %s differs from examples/campaign's (%d bytes, want %d)%s", filepath.Base(got), n, len(gb), len(wb), firstDiff(wb, gb))
		}
		wi, _ := os.Stat(filepath.Join(want, n))
		gi, _ := os.Stat(filepath.Join(got, n))
		if wi.Mode() != gi.Mode() {
			t.Errorf("%s: mode %v, want %v", n, gi.Mode(), wi.Mode())
		}
	}
}

// firstDiff shows the first line that differs, for text files.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := range max(len(wl), len(gl)) {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			if !isText(w) || !isText(g) {
				return ""
			}
			return "\n  line " + itoa(int64(i+1)) + ":\n  campaign: " + string(w) + "\n  province: " + string(g)
		}
	}
	return ""
}

func isText(b []byte) bool { return !bytes.ContainsRune(b, 0) && len(b) < 2000 }

// TestDemoSameBytes runs the three months of examples/campaign's -demo town
// through examples/campaign and through this pipeline on Prism, and
// compares every file they write, byte for byte: bulletins, the masked
// 实名库 and 明细表, changes, tasks, the 大数据比对 report and the state file.
func TestDemoSameBytes(t *testing.T) {
	tmp := t.TempDir()
	campaign := filepath.Join(tmp, "campaign")
	build := exec.Command("go", "build", "-o", campaign, "github.com/canbao/kuomian/examples/campaign")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building examples/campaign: %v\n%s", err, out)
	}
	town := filepath.Join(tmp, "town")
	if out, err := exec.Command(campaign, "-demo", town).CombinedOutput(); err != nil {
		t.Fatalf("campaign -demo: %v\n%s", err, out)
	}
	want, got := filepath.Join(tmp, "campaign-out"), filepath.Join(tmp, "province-out")
	wantCmds, gotCmds := demoCommands(t, town, want), demoCommands(t, town, got)
	for i := range wantCmds {
		cmd := exec.Command(campaign, wantCmds[i]...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("campaign %q: %v\n%s", wantCmds[i], err, stderr.String())
		}
		var stdout, perr bytes.Buffer
		if code := run("prism", gotCmds[i], &stdout, &perr); code != 0 {
			t.Fatalf("province %q: exit %d\n%s", gotCmds[i], code, perr.String())
		}
		t.Log(strings.TrimSpace(stdout.String()))
		out := gotCmds[i][len(gotCmds[i])-1]
		sameTree(t, filepath.Join(want, filepath.Base(out)), out)
	}
}

// TestUsage: the command's own usage errors exit 2 before any pipeline.
func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"-policy", "shiyan-2023"},
		{"-policy", "nope", "-asof", "2023-03-15", "-population", "a.csv", "-insured", "b.csv", "-out", "o"},
		{"-policy", "shiyan-2023", "-asof", "2023-03-15", "-population", "a.csv", "-insured", "b.csv", "-out", "o", "-task", "t.csv", "-target", "3"},
		{"-source", "户籍人口=x.csv"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run("prism", args, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, code, stderr.String())
		}
	}
}

// TestBadInput: a file that cannot be read is bad input, exit 2, with the
// message examples/campaign gives — found by the launcher (a missing
// file) or by a worker (a header without its identity column).
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "户籍人口.csv")
	if err := os.WriteFile(bad, []byte("姓名,性别\n张三,男\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ population, want string }{
		{filepath.Join(dir, "missing.csv"), "missing.csv"},
		{bad, "户籍人口.csv 表头"},
	} {
		var stdout, stderr bytes.Buffer
		args := []string{"-policy", "shiyan-2023", "-asof", "2023-03-15", "-population", tt.population, "-insured", bad, "-out", filepath.Join(dir, "out")}
		if code := run("prism", args, &stdout, &stderr); code != 2 {
			t.Errorf("%s: exit %d, want 2", tt.population, code)
		}
		var last string
		for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
			if strings.HasPrefix(l, "province: ") {
				last = l
			}
		}
		if !strings.Contains(last, tt.want) {
			t.Errorf("%s: message %q, want one naming %q", tt.population, last, tt.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
			t.Errorf("%s: -out written", tt.population)
		}
	}
}
