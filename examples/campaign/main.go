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

// config is what the flags say, and the policy -policy names.
type config struct {
	campaigncli.Flags
	policy routing.Policy
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
	var cfg config
	cfg.Define(fs)
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
	if err := cfg.parse(); err != nil {
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
	prog.step("writing " + cfg.Out)
	files, err := res.writeAll(cfg.Out)
	prog.done()
	if err != nil {
		fmt.Fprintln(stderr, "campaign:", err)
		var ue *usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	fmt.Fprintln(stdout, res.summary(cfg.Out, files))
	return 0
}

// parse checks the flags and fills cfg.
func (cfg *config) parse() error {
	if err := cfg.Check(); err != nil {
		return &usageError{err.Error()}
	}
	var err error
	cfg.policy, err = loadPolicy(cfg.PolicyArg)
	return err
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
