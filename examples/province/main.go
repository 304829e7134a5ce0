// Command province is the monthly loop of an enrollment-expansion campaign
// (基本养老保险参保扩面) for a whole province, on Apache Beam: the same
// command line, files and outputs as examples/campaign, run as a Beam
// pipeline on the runner Beam's -runner flag names (prism, the default,
// runs in this process; flink, spark, dataflow run on a cluster).
//
//	go run . -policy shiyan-2023 -asof 2023-04-30 \
//	    -population 户籍人口.csv -insured 参保-2023-04.csv \
//	    -source 低保=民政低保.xlsx … \
//	    [-previous DIR] [-task 任务.csv | -target N -method hamilton] -out DIR \
//	    [-runner prism|flink|dataflow … Beam's own flags]
//
// Inside, each source is read by a worker with the ledger's reader
// (ledger.ReadSource), its rows keyed by the canonical identity number;
// the rows of each person and their line of last month's state are joined
// (CoGroupByKey) and merged, classified and routed by the ledger
// (ledger.Merger.Person, ledger.StateEntry.Month); each village's figures
// are a mergeable tally (ledger.VillageProgress.Merge) combined by a
// CombineFn; one last worker sorts and writes the files, which are byte for
// byte examples/campaign's for the same input.
//
// Exit status: 0 on success, 2 for bad usage or bad input, 1 for any other
// failure.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/spark"

	"github.com/canbao/kuomian/internal/campaigncli"
	"github.com/canbao/kuomian/routing"
)

const usageLine = `usage: province -policy shiyan-2023 -asof 2023-04-30 -population 户籍人口.csv -insured 参保-2023-04.csv
       [-source 低保=民政低保.xlsx …] [-previous DIR] [-task 任务.csv | -target N -method hamilton] -out DIR
       [-runner prism | flink -endpoint HOST:8099 | dataflow -project P -region R -temp_location gs://… …]`

func main() {
	cfg := defineFlags(flag.CommandLine)
	flag.CommandLine.Usage = func() {
		fmt.Fprintln(os.Stderr, usageLine)
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init() // on a worker, runs the worker and does not return
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "province: unexpected argument %q\n%s\n", flag.Arg(0), usageLine)
		os.Exit(2)
	}
	runner := *runners.Runner
	if runner == "" {
		runner = "prism"
	}
	os.Exit(execute(context.Background(), runner, cfg, os.Stdout, os.Stderr))
}

// defineFlags defines the command's own flags: examples/campaign's, and
// -xlsx.
func defineFlags(fs *flag.FlagSet) *config {
	cfg := &config{}
	cfg.Define(fs)
	fs.BoolVar(&cfg.xlsx, "xlsx", true, "write the .xlsx files too (a sheet holds at most 1,048,576 rows: a province's 实名库 does not fit)")
	return cfg
}

// run parses args (the command's own flags only) and runs the pipeline on
// runner: what a test calls.
func run(runner string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("province", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usageLine)
		fs.PrintDefaults()
	}
	cfg := defineFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "province: unexpected argument %q\n%s\n", fs.Arg(0), usageLine)
		return 2
	}
	return execute(context.Background(), runner, cfg, stdout, stderr)
}

func execute(ctx context.Context, runner string, cfg *config, stdout, stderr io.Writer) int {
	if err := cfg.parse(); err != nil {
		fmt.Fprintf(stderr, "province: %v\n%s\n", err, usageLine)
		return 2
	}
	summary, err := runPipeline(ctx, runner, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "province:", err)
		var ie *inputError
		var ue *usageError
		if errors.As(err, &ie) || errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	fmt.Fprintln(stdout, summary)
	return 0
}

// config is what the flags say, and the policy -policy names.
type config struct {
	campaigncli.Flags
	policy     routing.Policy
	preset     string // -policy as a preset id, or
	policyData []byte // the policy file
	xlsx       bool
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// inputError is bad input: exit status 2.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

// parse checks the flags and fills cfg (as examples/campaign does).
func (cfg *config) parse() error {
	if err := cfg.Check(); err != nil {
		return &usageError{err.Error()}
	}
	var err error
	if cfg.policy, cfg.policyData, err = loadPolicy(cfg.PolicyArg); err != nil {
		return err
	}
	if cfg.policyData == nil {
		cfg.preset = cfg.PolicyArg
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
func loadPolicy(name string) (routing.Policy, []byte, error) {
	if p, ok := presets[name]; ok {
		return p(), nil, nil
	}
	data, err := readFile(context.Background(), name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(name, `/\.`) {
			return routing.Policy{}, nil, &usageError{fmt.Sprintf("-policy %q: not a preset (luodong-2019, shiyan-2023) nor a file", name)}
		}
		return routing.Policy{}, nil, &inputError{"-policy: " + err.Error()}
	}
	p, err := routing.LoadPolicy(bytes.NewReader(data))
	if err != nil {
		return routing.Policy{}, nil, &inputError{filepath.Base(name) + ": " + err.Error()}
	}
	return p, data, nil
}

// readFile reads a whole file through Beam's file systems: a local path,
// or gs://… (and the others registered) on a cluster.
func readFile(ctx context.Context, path string) ([]byte, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// readInput returns a file's bytes as CSV text: CSV as it is, .xlsx as the
// CSV text of its first worksheet (as examples/campaign reads them).
func readInput(ctx context.Context, path string) ([]byte, error) {
	data, err := readFile(ctx, path)
	if err != nil {
		return nil, &inputError{err.Error()}
	}
	csv, err := campaigncli.CSVText(path, data)
	if err != nil {
		return nil, &inputError{err.Error()}
	}
	return csv, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
