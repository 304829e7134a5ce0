package monthly_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/monthly"
	"github.com/canbao/kuomian/routing"
)

// mkID returns a valid 18-character identity number.
func mkID(birth string, seq int) string {
	first17 := "500115" + birth + fmt.Sprintf("%03d", seq)
	c, err := eligibility.CheckCharacter(first17)
	if err != nil {
		panic(err)
	}
	return first17 + string(c)
}

// baseline builds a small town's 实名库 and the month of its baseline (the
// state against its own insured list a day later, as examples/campaign
// does).
func baseline() (*monthly.Month, error) {
	a, b, c, d := mkID("19850314", 11), mkID("19900202", 42), mkID("19700601", 22), mkID("19920909", 82)
	insured := ledger.Source{Kind: ledger.KindInsured, Name: "参保库.csv", Data: []byte("AAC003,AAC002,AAE140,AAC031\n李四," + c + ",企业职工,正常缴费\n")}
	policy := routing.Shiyan2023()
	l, err := ledger.Build(ledger.Input{Policy: policy, AsOf: policy.BaselineDate(), Sources: []ledger.Source{
		{Kind: ledger.KindPopulation, Name: "户籍人口.csv", Data: []byte("姓名,身份证号码,村(社区),是否本区户籍\n" +
			"张三," + a + ",码头村,是\n赵六," + b + ",石堰社区,是\n李四," + c + ",码头村,是\n吴十," + d + ",码头村,是\n")},
		insured,
		{Kind: ledger.KindMinimumLiving, Name: "低保.csv", Data: []byte("姓名,身份证号码\n赵六," + b + "\n")},
	}})
	if err != nil {
		return nil, err
	}
	st := l.State()
	fig, err := st.Month(policy, ledger.MonthInput{AsOf: st.AsOf().AddDays(1), Insured: []ledger.Source{insured}})
	if err != nil {
		return nil, err
	}
	fig.AsOf, fig.Previous, fig.Changes, fig.Next = st.AsOf(), st.AsOf(), nil, nil
	people, err := monthly.LedgerRows(l)
	if err != nil {
		return nil, err
	}
	bulletin, err := monthly.NewBulletin(policy, fig)
	if err != nil {
		return nil, err
	}
	return &monthly.Month{
		Policy: policy, AsOf: st.AsOf(), Baseline: true,
		Figures: fig, Next: st, Bulletin: bulletin, Rows: people,
		TaskNote: "各村(社区)任务数即其扩面对象人数。",
		Report:   l.Report().WriteText,
	}, nil
}

// Write a baseline's files into a new directory and print its 任务分解表.
func Example() {
	m, err := baseline()
	if err != nil {
		fmt.Println(err)
		return
	}
	files, err := m.Outputs()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := os.MkdirTemp("", "monthly-example-")
	defer os.RemoveAll(out)
	names, err := monthly.WriteDir(filepath.Join(out, "2023-03"), files, m.Next)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(names, " "))
	tasks, _ := os.ReadFile(filepath.Join(out, "2023-03", monthly.FileTasksCSV))
	// The CSV files are for Excel: a byte-order mark, CRLF line ends.
	fmt.Print(strings.ReplaceAll(strings.TrimPrefix(string(tasks), "\ufeff"), "\r\n", "\n"))
	// Output:
	// bulletin.csv bulletin.xlsx bulletin.html roster.csv roster.xlsx targets.csv targets.xlsx changes.csv tasks.csv report.txt 实名库-state-DO-NOT-SHARE.kmstate
	// 村(社区),扩面对象(应扩面人数),跟踪对象,任务数
	// 石堰社区,1,0,1
	// 码头村,2,0,2
	// 合计,3,0,3
}

// listing returns the names in dir and what each file holds.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		m[e.Name()] = string(b)
	}
	return m
}

func TestWriteDir(t *testing.T) {
	m, err := baseline()
	if err != nil {
		t.Fatal(err)
	}
	files, err := m.Outputs()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range files {
		want = append(want, f.Name)
	}
	want = append(want, ledger.StateFileName)

	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	names, err := monthly.WriteDir(out, files, m.Next)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, want) {
		t.Errorf("names = %v, want %v", names, want)
	}
	if fi, err := os.Stat(filepath.Join(out, ledger.StateFileName)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state file: %v, %v; want owner-only", fi, err)
	}
	for name, body := range listing(t, out) {
		if strings.Contains(body, mkID("19850314", 11)) && name != ledger.StateFileName {
			t.Errorf("%s holds a full identity number", name)
		}
	}
	first := listing(t, out)

	// A failing file: the error names it, out is as it was, and nothing
	// is left beside it.
	bad := slices.Clone(files)
	bad[3].Write = func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk on fire")
	}
	if _, err := monthly.WriteDir(out, bad, m.Next); err == nil || !strings.Contains(err.Error(), bad[3].Name) {
		t.Errorf("a failing file: err = %v", err)
	}
	if got := listing(t, out); fmt.Sprint(got) != fmt.Sprint(first) {
		t.Error("a failed write changed out")
	}
	if got := listing(t, parent); len(got) != 1 {
		t.Errorf("beside out after a failed write: %v", slices.Sorted(func(yield func(string) bool) {
			for k := range got {
				if !yield(k) {
					return
				}
			}
		}))
	}

	// A campaign's output is replaced, and nothing is left beside it.
	if _, err := monthly.WriteDir(out+string(filepath.Separator), files, m.Next); err != nil {
		t.Fatalf("replacing a campaign output: %v", err)
	}
	if got := listing(t, parent); len(got) != 1 {
		t.Errorf("beside out after a replacement: %d entries", len(got))
	}
}

func TestWriteDirRefuses(t *testing.T) {
	m, err := baseline()
	if err != nil {
		t.Fatal(err)
	}
	files, err := m.Outputs()
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	mine := filepath.Join(parent, "mine")
	os.Mkdir(mine, 0o755)
	keep := filepath.Join(mine, "keep.txt")
	os.WriteFile(keep, []byte("keep me"), 0o644)
	plain := filepath.Join(parent, "plain.txt")
	os.WriteFile(plain, []byte("a file"), 0o644)

	for _, out := range []string{mine, plain} {
		_, err := monthly.WriteDir(out, files, m.Next)
		if !errors.Is(err, monthly.ErrNotOutput) || !strings.HasPrefix(err.Error(), out+": ") {
			t.Errorf("WriteDir(%s): err = %v, want ErrNotOutput", out, err)
		}
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "keep me" {
		t.Errorf("the user's file: %q, %v", b, err)
	}
	if got := listing(t, parent); len(got) != 2 {
		t.Errorf("beside the refused directories: %d entries, want 2", len(got))
	}
	// An empty directory is taken.
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := monthly.WriteDir(empty, files, m.Next); err != nil {
		t.Errorf("an empty directory: %v", err)
	}
}

func TestTown(t *testing.T) {
	for in, want := range map[string]string{
		"重庆市长寿区石堰镇": "石堰镇", "福建省南安市罗东镇": "罗东镇", "": "全镇", "石堰镇": "石堰镇", "长寿区": "长寿区",
	} {
		if got := monthly.Town(routing.Policy{Jurisdiction: in}); got != want {
			t.Errorf("Town(%q) = %q, want %q", in, got, want)
		}
	}
}
