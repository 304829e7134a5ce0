package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/campaigncli"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/monthly"
	"github.com/canbao/kuomian/routing"
)

// job is what every worker needs to know of the run: exported fields, as
// Beam serializes a DoFn's.
type job struct {
	Preset     string // -policy as a preset id, or
	PolicyJSON []byte // the policy file's bytes
	AsOf       string
	Sources    []srcSpec // the build's sources, in examples/campaign's order
	Previous   string    // the previous state file, or "" at the baseline
	TaskNote   string
	Tasks      map[string]int64 // -task, or nil
	Town       int64            // -target
	Method     string
	Tie        string
	Out        string
	Summary    string // the file the last worker writes the summary into
	NoXLSX     bool   // -xlsx=false
}

// srcSpec is one source file of the run.
type srcSpec struct {
	Index int
	Kind  string // ledger.SourceKind key
	Name  string
	Path  string
}

// policy returns the job's policy and baseline input.
func (j *job) input() (ledger.Input, error) {
	var in ledger.Input
	var err error
	if j.Preset != "" {
		in.Policy = presets[j.Preset]()
	} else if in.Policy, err = routing.LoadPolicy(bytes.NewReader(j.PolicyJSON)); err != nil {
		return in, err
	}
	if in.AsOf, err = eligibility.ParseDate(j.AsOf); err != nil {
		return in, err
	}
	for _, s := range j.Sources {
		k, err := ledger.ParseKind(s.Kind)
		if err != nil {
			return in, err
		}
		in.Sources = append(in.Sources, ledger.Source{Kind: k, Name: s.Name})
	}
	return in, nil
}

func (j *job) isMonth() bool { return j.Previous != "" }

func init() {
	register.DoFn4x1[context.Context, srcSpec, func(string, []byte), func([]byte), error](&readFn{})
	register.DoFn3x1[context.Context, []byte, func(string, []byte), error](&stateFn{})
	register.Emitter1[[]byte]()
	register.Emitter1[string]()
	register.Emitter2[string, []byte]()
	register.Emitter2[string, ledger.VillageProgress]()
	register.Iter1[[]byte]()
	register.Iter2[string, ledger.VillageProgress]()
	register.Combiner1[ledger.VillageProgress](&tallyFn{})
	beam.RegisterType(reflect.TypeOf((*ledger.VillageProgress)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*personFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*writeFn)(nil)).Elem())
}

// readFn reads one source with the ledger's reader and emits its rows,
// keyed by the canonical identity number, and its part of the report.
type readFn struct{ Job job }

func (f *readFn) ProcessElement(ctx context.Context, s srcSpec, row func(string, []byte), part func([]byte)) error {
	data, err := readInput(ctx, s.Path)
	if err != nil {
		return errors.New(badInput + err.Error())
	}
	kind, err := ledger.ParseKind(s.Kind)
	if err != nil {
		return err
	}
	sr, err := ledger.ReadSource(s.Index, ledger.Source{Kind: kind, Name: s.Name, Data: data})
	if err != nil {
		return errors.New(badInput + campaigncli.Describe(err))
	}
	for i := range sr.Rows {
		b, err := sr.Rows[i].MarshalBinary()
		if err != nil {
			return err
		}
		row(sr.Rows[i].Key(), b)
	}
	sp := sourcePart{Index: s.Index, Kind: s.Kind, Name: s.Name, Rows: sr.Report.Rows, Rejected: sr.Report.Rejected, Recovered: sr.Report.Recovered}
	zh := language.Chinese
	for _, e := range sr.Rejected {
		sp.RejectedText = append(sp.RejectedText, e.Label(zh))
	}
	for _, e := range sr.Warnings {
		sp.WarningText = append(sp.WarningText, e.Label(zh))
	}
	b, err := json.Marshal(sp)
	if err != nil {
		return err
	}
	part(b)
	return nil
}

// badInput marks the error of a worker that found bad input (exit 2).
const badInput = "province: bad input: "

// sourcePart is a source's part of the report.
type sourcePart struct {
	Index, Rows, Rejected, Recovered int
	Kind, Name                       string
	RejectedText, WarningText        []string
}

// stateFn reads last month's state file and emits each person's line,
// keyed by identity number.
type stateFn struct{ Job job }

func (f *stateFn) ProcessElement(ctx context.Context, _ []byte, emit func(string, []byte)) error {
	if !f.Job.isMonth() {
		return nil
	}
	st, err := readState(ctx, f.Job.Previous)
	if err != nil {
		return err
	}
	for _, e := range st.Entries() {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		emit(e.ID.String(), b)
	}
	return nil
}

func readState(ctx context.Context, path string) (*ledger.State, error) {
	data, err := readFile(ctx, path)
	if err != nil {
		return nil, &inputError{"-previous: " + err.Error()}
	}
	st, err := ledger.ReadState(bytes.NewReader(data))
	if err != nil {
		return nil, &inputError{path + ": " + err.Error()}
	}
	return st, nil
}

// personFn merges, classifies and routes one person with the ledger, and
// runs their month: the per-person work, on any worker.
type personFn struct {
	Job    job
	merger *ledger.Merger
	in     ledger.Input
	srcs   []ledger.Source
	known  map[string]bool
}

func (f *personFn) Setup() error {
	in, err := f.Job.input()
	if err != nil {
		return err
	}
	f.in, f.srcs = in, in.Sources
	f.merger, err = ledger.NewMerger(in, func(s string) bool { return f.known[s] })
	return err
}

// personOut is what the last worker needs of one person of the 实名库:
// their row of the masked 实名库 and of the 扩面人员明细表, laid out where
// the person is.
type personOut struct {
	Key string
	monthly.LedgerRow
}

// personReport is a person's part of the reports, when it has more than
// counts (a person outside the base, a duplicate, a conflict, …).
type personReport struct {
	Key    string
	Report ledger.MatchReport
	Undec  []string
	Month  ledger.MatchReport // this month's files against the state (month runs)
}

func (r *personReport) empty() bool {
	return len(r.Report.Unmatched)+len(r.Report.Duplicates)+len(r.Report.Conflicts)+len(r.Undec)+
		len(r.Month.Unmatched)+len(r.Month.Duplicates) == 0
}

// srcCount is a person's rows of one source, counted: in the build
// (matched, not in the base, duplicates) and in the month (against the
// state). Summed per source by CombinePerKey.
type srcCount struct {
	Matched, Unmatched, Duplicates    int
	MMatched, MUnmatched, MDuplicates int
}

func sumCounts(a, b srcCount) srcCount {
	return srcCount{a.Matched + b.Matched, a.Unmatched + b.Unmatched, a.Duplicates + b.Duplicates,
		a.MMatched + b.MMatched, a.MUnmatched + b.MUnmatched, a.MDuplicates + b.MDuplicates}
}

// changeOut is one person's change, keyed for the order of the numbers.
type changeOut struct {
	Key    string
	Change ledger.PersonChange
}

func (f *personFn) ProcessElement(key string, rowsIt func(*[]byte) bool, stateIt func(*[]byte) bool, known []string,
	roster, state, report func([]byte), tally func(string, ledger.VillageProgress), change func([]byte), count func(int, srcCount)) error {
	if f.known == nil {
		f.known = make(map[string]bool, len(known))
		for _, s := range known {
			f.known[s] = true
		}
	}
	var rows []ledger.Row
	var b []byte
	for rowsIt(&b) {
		var r ledger.Row
		if err := r.UnmarshalBinary(b); err != nil {
			return err
		}
		rows = append(rows, r)
	}
	var prev *ledger.StateEntry
	for stateIt(&b) {
		prev = new(ledger.StateEntry)
		if err := json.Unmarshal(b, prev); err != nil {
			return err
		}
	}
	var rep personReport
	rep.Key = key
	if len(rows) > 0 {
		p, err := f.merger.Person(rows)
		if err != nil {
			return err
		}
		rep.Report = p.Report
		for si, s := range p.Report.Sources {
			if s.Matched+s.Unmatched+s.Duplicates > 0 {
				count(si, srcCount{Matched: s.Matched, Unmatched: s.Unmatched, Duplicates: s.Duplicates})
			}
		}
		rep.Report.Sources = nil
		for _, e := range p.Report.Undecided {
			rep.Undec = append(rep.Undec, e.Error())
		}
		rep.Report.Undecided = nil
		if p.InBase {
			out := personOut{Key: key, LedgerRow: monthly.NewLedgerRow(&p.Entry)}
			b, err := json.Marshal(out)
			if err != nil {
				return err
			}
			roster(b)
			if !f.Job.isMonth() {
				// The baseline's figures: its state against its own
				// insured lists (examples/campaign's baselineMonth).
				pm := p.State.Month(f.srcs, rows, false)
				tally(p.State.Village, pm.Tally)
				if b, err = json.Marshal(p.State); err != nil {
					return err
				}
				state(b)
			}
		}
	}
	if f.Job.isMonth() {
		f.monthReport(&rep, rows, prev != nil, count)
		if prev != nil {
			pm := prev.Month(f.srcs, rows, true)
			tally(prev.Village, pm.Tally)
			b, err := json.Marshal(pm.Next)
			if err != nil {
				return err
			}
			state(b)
			if pm.Change != nil {
				b, err := json.Marshal(changeOut{Key: key, Change: *pm.Change})
				if err != nil {
					return err
				}
				change(b)
			}
		}
	}
	if rep.empty() {
		return nil
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	report(b)
	return nil
}

// monthSource reports whether a source of kind k is one of a month's
// (ledger.MonthInput: the insured lists and the base).
func monthSource(k ledger.SourceKind) bool {
	return k == ledger.KindInsured || k == ledger.KindInsuredElsewhere || k == ledger.KindPopulation
}

// monthReport sets the person's part of the month's report: their rows of
// this month's insured lists and base matched against the state, as
// ledger.State.Month reconciles them (duplicates within a source, people
// not in the state).
func (f *personFn) monthReport(rep *personReport, rows []ledger.Row, inState bool, count func(int, srcCount)) {
	slices.SortFunc(rows, func(a, b ledger.Row) int {
		return cmp.Or(cmp.Compare(a.Source(), b.Source()), cmp.Compare(a.Line(), b.Line()))
	})
	counts := make([][3]int, len(f.srcs))
	defer func() {
		for si, c := range counts {
			if c != [3]int{} {
				count(si, srcCount{MMatched: c[0], MUnmatched: c[1], MDuplicates: c[2]})
			}
		}
	}()
	first := -1
	for i := range rows {
		r := &rows[i]
		si := r.Source()
		if !monthSource(f.srcs[si].Kind) {
			continue
		}
		c := &counts[si]
		id := eligibility.MustParseIDNumber(r.Key()).Masked()
		if i == 0 || rows[i-1].Source() != si {
			first = r.Line()
			if inState {
				c[0]++
			} else {
				c[1]++
				rep.Month.Unmatched = append(rep.Month.Unmatched, ledger.Sighting{ID: id, Source: si, Name: f.srcs[si].Name, Line: r.Line()})
			}
			continue
		}
		if inState {
			c[0]++
		} else {
			c[1]++
		}
		c[2]++
		rep.Month.Duplicates = append(rep.Month.Duplicates, ledger.Duplicate{ID: id, Source: si, Name: f.srcs[si].Name, First: first, Line: r.Line()})
	}
}

// tallyFn is the CombineFn of a village's figures: ledger.VillageProgress
// merged (associative and commutative).
type tallyFn struct{}

func (tallyFn) CreateAccumulator() ledger.VillageProgress { return ledger.VillageProgress{} }

func (tallyFn) AddInput(a, v ledger.VillageProgress) ledger.VillageProgress {
	a.Merge(v)
	return a
}

func (tallyFn) MergeAccumulators(a, b ledger.VillageProgress) ledger.VillageProgress {
	a.Merge(b)
	return a
}

func (tallyFn) ExtractOutput(a ledger.VillageProgress) ledger.VillageProgress { return a }

// runPipeline builds the pipeline of the run and runs it on runner; the
// last worker writes the files into cfg.Out and the summary.
func runPipeline(ctx context.Context, runner string, cfg *config) (string, error) {
	j := job{AsOf: cfg.AsOf.String(), Out: cfg.Out, Method: cfg.Method.String(), Tie: cfg.Tie.String(), Town: cfg.Target, NoXLSX: !cfg.xlsx}
	j.Preset, j.PolicyJSON = cfg.preset, cfg.policyData
	add := func(k ledger.SourceKind, path string) {
		j.Sources = append(j.Sources, srcSpec{Index: len(j.Sources), Kind: k.String(), Name: filepath.Base(path), Path: path})
	}
	add(ledger.KindPopulation, cfg.Population)
	add(ledger.KindInsured, cfg.Insured)
	for _, a := range cfg.Sources {
		add(a.Kind, a.Path)
	}
	// A missing file is bad input (exit 2), found here rather than by a
	// worker, whose errors come back as the runner's.
	for _, sp := range j.Sources {
		if err := checkFile(ctx, sp.Path); err != nil {
			return "", &inputError{err.Error()}
		}
	}
	baseline := cfg.Previous == ""
	if !baseline {
		j.Previous = filepath.Join(cfg.Previous, ledger.StateFileName)
	}
	switch {
	case cfg.TaskFile != "":
		tasks, err := readTasks(cfg.TaskFile)
		if err != nil {
			return "", err
		}
		j.Tasks = tasks
		j.TaskNote = "任务数取自任务表 " + filepath.Base(cfg.TaskFile) + "。"
	case cfg.Target > 0:
		j.TaskNote = "全镇任务 " + itoa(cfg.Target) + " 人按各村(社区)扩面对象人数比例分配（" + cfg.Method.String() + "），各村不超过其扩面对象人数。"
	case baseline:
		j.TaskNote = "未给出任务表或全镇任务：各村(社区)任务数即其扩面对象人数（应扩面人数）。"
	default:
		j.TaskNote = "任务数为基线确定的任务，随实名库状态文件逐月沿用。"
	}
	if !baseline {
		// Checked here, as ledger.State.Month checks them, to fail early
		// with the message examples/campaign gives.
		st, err := readState(ctx, j.Previous)
		if err != nil {
			return "", err
		}
		if id, v := st.Policy(); id != cfg.policy.ID || v != cfg.policy.Version {
			return "", &inputError{fmt.Sprintf("%v: state %s/%s, policy %s/%s", ledger.ErrPolicyMismatch, id, v, cfg.policy.ID, cfg.policy.Version)}
		}
		if !cfg.AsOf.After(st.AsOf()) {
			return "", &inputError{fmt.Sprintf("%v: %s is not after %s", ledger.ErrMonthOrder, cfg.AsOf, st.AsOf())}
		}
	}
	sum, err := os.CreateTemp("", "province-summary-*")
	if err != nil {
		return "", err
	}
	sum.Close()
	defer os.Remove(sum.Name())
	j.Summary = sum.Name()

	p, s := beam.NewPipelineWithRoot()
	imp := beam.Impulse(s)
	specs := beam.CreateList(s, j.Sources)
	rows, parts := beam.ParDo2(s.Scope("ReadSources"), &readFn{Job: j}, specs)
	state := beam.ParDo(s.Scope("ReadState"), &stateFn{Job: j}, imp)
	known := filter.Distinct(s, beam.ParDo(s.Scope("BaseStrings"), baseStrings, rows, beam.SideInput{Input: beam.CreateList(s, j.baseIndexes())}))
	grouped := beam.CoGroupByKey(s.Scope("JoinPerson"), rows, state)
	outs := beam.ParDoN(s.Scope("Person"), &personFn{Job: j}, grouped, beam.SideInput{Input: known})
	people, states, reports, tallies, changes, counts := outs[0], outs[1], outs[2], outs[3], outs[4], outs[5]
	villages := beam.CombinePerKey(s.Scope("VillageTally"), &tallyFn{}, tallies)
	srcCounts := beam.CombinePerKey(s.Scope("SourceCounts"), sumCounts, counts)
	beam.ParDo0(s.Scope("Write"), &writeFn{Job: j}, imp,
		beam.SideInput{Input: villages}, beam.SideInput{Input: people}, beam.SideInput{Input: states}, beam.SideInput{Input: reports},
		beam.SideInput{Input: parts}, beam.SideInput{Input: changes}, beam.SideInput{Input: srcCounts})
	if _, err := beam.Run(ctx, runner, p); err != nil {
		// A worker's error comes back as the runner's text: bad input is
		// found by its mark, and reported as examples/campaign reports it.
		if _, msg, ok := strings.Cut(err.Error(), badInput); ok {
			return "", &inputError{strings.TrimSpace(msg)}
		}
		return "", fmt.Errorf("pipeline on %s: %w", runner, err)
	}
	b, err := os.ReadFile(sum.Name())
	if err != nil || len(b) == 0 {
		return "province: wrote " + cfg.Out + " (the summary is on the worker that wrote it)", nil
	}
	return string(b), nil
}

// checkFile returns an error when path cannot be opened.
func checkFile(ctx context.Context, path string) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return err
	}
	return r.Close()
}

// baseIndexes returns the indexes of the population sources.
func (j *job) baseIndexes() []int {
	var out []int
	for _, s := range j.Sources {
		if s.Kind == ledger.KindPopulation.String() {
			out = append(out, s.Index)
		}
	}
	return out
}

// baseStrings emits the villages, 户籍地 and licences of a population
// row: the names ledger.NewMerger's known should know.
func baseStrings(_ string, b []byte, base []int, emit func(string)) error {
	var r ledger.Row
	if err := r.UnmarshalBinary(b); err != nil {
		return err
	}
	if !slices.Contains(base, r.Source()) {
		return nil
	}
	for _, s := range r.Strings() {
		emit(s)
	}
	return nil
}

func init() {
	register.Function4x1(baseStrings)
	register.Function2x1(sumCounts)
	register.Emitter2[int, srcCount]()
	register.Iter2[int, srcCount]()
	beam.RegisterType(reflect.TypeOf((*srcCount)(nil)).Elem())
}
