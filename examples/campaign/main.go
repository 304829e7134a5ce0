// Command campaign is the program a township runs each month of an
// enrollment-expansion campaign (基本养老保险参保扩面): the same command every
// month, on the files the month brings.
//
//	go run ./examples/campaign -policy shiyan-2023 -asof 2023-04-30 \
//	    -population 户籍人口.xlsx -insured 参保-2023-04.csv \
//	    -source 低保=民政低保.xlsx -source 被征地=征地名单.csv … \
//	    [-previous DIR-of-last-month] [-task 任务.csv | -target N -method hamilton] -out DIR
//
// Without -previous the run is the campaign's baseline: it builds the 实名库
// (reporting/ledger.Build), sets each village's 任务数 (from -task, from
// -target split in proportion to the villages' targets, or the targets
// themselves) and writes the state for next month; 本月新增 and 累计完成 are
// 0. With -previous DIR it reads last month's state file from DIR and runs
// the month (ledger.State.Month) on this month's insured list; the 任务数
// are the baseline's, carried in the state.
//
// Files are CSV (UTF-8, UTF-8 with BOM or GB18030, detected) or .xlsx (the
// first worksheet), told apart by their first bytes (xlsx.IsXLSX); a legacy
// .xls is refused with the message of package xlsx.
//
// -out DIR receives the bulletin (bulletin.csv, .xlsx, .html), the masked
// 实名库 (roster.csv, .xlsx), the masked 扩面人员明细表 (targets.csv, .xlsx),
// the month's person-level changes (changes.csv), the 任务分解表
// (tasks.csv), the 大数据比对 report (report.txt) and the state file for
// next month (ledger.StateFileName, owner-only: the only file with full
// identity numbers). Everything is written into a temporary directory
// beside DIR and renamed into place only when every file is complete.
//
// -demo DIR writes a seeded synthetic town's files for three months into
// DIR, with a README.txt giving the three commands of the loop.
//
// Exit status: 0 on success, 2 for bad usage or bad input (the message
// names the file, the line and the column), 1 for any other failure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/campaigncli"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

const usageLine = `usage: campaign -policy shiyan-2023 -asof 2023-04-30 -population 户籍人口.xlsx -insured 参保-2023-04.csv
       [-source 低保=民政低保.xlsx …] [-previous DIR] [-task 任务.csv | -target N -method hamilton] -out DIR
   or: campaign -demo DIR [-seed N]`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	policy     routing.Policy
	asOf       eligibility.Date
	population string
	insured    string
	sources    campaigncli.Sources
	previous   string
	taskFile   string
	target     int64
	method     allocation.Method
	tie        allocation.TieRule
	out        string
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// inputError is bad input: exit status 2. Its message names the file, and
// the line and column when the input has them.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("campaign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usageLine)
		fs.PrintDefaults()
	}
	policyFlag := fs.String("policy", "", "policy: a preset id (luodong-2019, shiyan-2023) or a policy JSON file")
	asOfFlag := fs.String("asof", "", "the day the files describe, YYYY-MM-DD (the baseline, or this month's end)")
	var cfg config
	fs.StringVar(&cfg.population, "population", "", "population base (户籍人口), CSV or .xlsx")
	fs.StringVar(&cfg.insured, "insured", "", "this month's insured list (参保库 export), CSV or .xlsx")
	fs.Var(&cfg.sources, "source", "a department list as KIND=FILE (低保=民政低保.xlsx, 被征地=征地名单.csv, …); repeat")
	fs.StringVar(&cfg.previous, "previous", "", "last month's -out directory (its state file); without it the run is the baseline")
	fs.StringVar(&cfg.taskFile, "task", "", "baseline only: task table, CSV or .xlsx with 村(社区) and 任务数 columns")
	fs.Int64Var(&cfg.target, "target", 0, "baseline only: the town's target, split across villages in proportion to their targets")
	methodFlag := fs.String("method", "hamilton", "with -target: apportionment method (hamilton, dhondt, sainte-lague, …)")
	tieFlag := fs.String("tie", "fail", "with -target: tie rule (fail, order, weight, name)")
	fs.StringVar(&cfg.out, "out", "", "directory to write the month's files into (replaced as a whole)")
	demo := fs.String("demo", "", "write a synthetic town's files for three months into this directory, and stop")
	seed := fs.Uint64("seed", 2023, "with -demo: the seed of the synthetic town")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "campaign: unexpected argument %q\n%s\n", fs.Arg(0), usageLine)
		return 2
	}
	if *demo != "" {
		if err := writeDemo(*demo, *seed); err != nil {
			fmt.Fprintln(stderr, "campaign: -demo:", err)
			return 1
		}
		fmt.Fprintf(stdout, "campaign: wrote the synthetic town (seed %d) into %s; see %s\n", *seed, *demo, filepath.Join(*demo, "README.txt"))
		return 0
	}
	if err := cfg.parse(*policyFlag, *asOfFlag, *methodFlag, *tieFlag); err != nil {
		fmt.Fprintf(stderr, "campaign: %v\n%s\n", err, usageLine)
		return 2
	}
	prog := newProgress(stderr)
	res, err := compute(&cfg, prog)
	if err != nil {
		prog.done()
		fmt.Fprintln(stderr, "campaign:", err)
		var ie *inputError
		var ue *usageError
		if errors.As(err, &ie) || errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	prog.step("writing " + cfg.out)
	files, err := res.writeAll(cfg.out)
	prog.done()
	if err != nil {
		fmt.Fprintln(stderr, "campaign:", err)
		var ue *usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	fmt.Fprintln(stdout, res.summary(cfg.out, files))
	return 0
}

// parse checks the flags and fills cfg.
func (cfg *config) parse(policy, asOf, method, tie string) error {
	switch {
	case policy == "":
		return &usageError{"-policy is required"}
	case asOf == "":
		return &usageError{"-asof is required"}
	case cfg.population == "":
		return &usageError{"-population is required"}
	case cfg.insured == "":
		return &usageError{"-insured is required"}
	case cfg.out == "":
		return &usageError{"-out is required"}
	case cfg.taskFile != "" && cfg.target != 0:
		return &usageError{"give -task or -target, not both"}
	case cfg.target < 0:
		return &usageError{"-target must be positive"}
	case cfg.previous != "" && (cfg.taskFile != "" || cfg.target != 0):
		return &usageError{"-task and -target set the baseline's tasks; a month run (-previous) carries them in the state file"}
	}
	d, err := eligibility.ParseDate(asOf)
	if err != nil {
		return &usageError{"-asof: " + err.Error()}
	}
	cfg.asOf = d
	if cfg.policy, err = loadPolicy(policy); err != nil {
		return err
	}
	if cfg.method, err = allocation.ParseMethod(method); err != nil {
		return &usageError{"-method: " + err.Error()}
	}
	if cfg.tie, err = allocation.ParseTieRule(tie); err != nil {
		return &usageError{"-tie: " + err.Error()}
	}
	return nil
}

// presets are the policies -policy names by id.
var presets = map[string]func() routing.Policy{
	"luodong-2019": routing.Luodong2019,
	"shiyan-2023":  routing.Shiyan2023,
}

// loadPolicy returns the preset called name, or the policy in the JSON file
// name.
func loadPolicy(name string) (routing.Policy, error) {
	if p, ok := presets[name]; ok {
		return p(), nil
	}
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(name, `/\.`) {
			return routing.Policy{}, &usageError{fmt.Sprintf("-policy %q: not a preset (luodong-2019, shiyan-2023) nor a file", name)}
		}
		return routing.Policy{}, &inputError{"-policy: " + err.Error()}
	}
	defer f.Close()
	p, err := routing.LoadPolicy(f)
	if err != nil {
		return routing.Policy{}, &inputError{filepath.Base(name) + ": " + err.Error()}
	}
	return p, nil
}

// readSource reads a file as a ledger source: CSV as it is (the ledger
// detects its encoding), .xlsx as the CSV text of its first worksheet.
// The source is named by the file's base name, so that reports do not
// depend on where the files were.
func readSource(kind ledger.SourceKind, path string) (ledger.Source, error) {
	data, err := readInput(path)
	if err != nil {
		return ledger.Source{}, err
	}
	return ledger.Source{Kind: kind, Name: filepath.Base(path), Data: data}, nil
}

// readInput returns a file's bytes as CSV text (see readSource).
func readInput(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &inputError{err.Error()}
	}
	csv, err := campaigncli.CSVText(path, data)
	if err != nil {
		return nil, &inputError{err.Error()}
	}
	return csv, nil
}

// progress writes what the run is doing to stderr, on one line, when
// stderr is a terminal; nothing otherwise.
type progress struct {
	w    io.Writer
	used bool
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return &progress{}
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: w}
}

func (p *progress) step(msg string) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\r\033[Kcampaign: %s…", msg)
	p.used = true
}

func (p *progress) done() {
	if p.w != nil && p.used {
		fmt.Fprint(p.w, "\r\033[K")
		p.used = false
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
