package main

// The files of -out are a campaign month's, laid out by package
// reporting/monthly as examples/campaign's are: the same input gives the
// same bytes (TestDemoSameBytes).

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/campaigncli"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/monthly"
	"github.com/canbao/kuomian/routing"
)

// result is what the last worker puts together from the people's parts.
type result struct {
	policy   routing.Policy
	asOf     eligibility.Date
	baseline bool
	month    *ledger.Month
	next     *ledger.State
	bulletin reporting.Bulletin
	nsources int
	taskNote string
	people   []personOut // by village, then identity number
	// report is the build's 大数据比对 report, without the rows rejected,
	// the warnings and the undecided people, whose lines are in
	// rejected, warnings and undecided (as MatchReport.WriteText writes
	// them); monthRejected and monthWarnings are those of the month's
	// report (month.Report).
	report                        *ledger.MatchReport
	rejected, warnings, undecided []string
	monthRejected, monthWarnings  []string
	noXLSX                        bool // -xlsx=false
}

// writeFn is the last worker: it sorts the people's parts, puts the
// figures, the state and the reports together and writes the files.
type writeFn struct{ Job job }

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte,
	villages func(*string, *ledger.VillageProgress) bool,
	people, states, reports, parts, changes func(*[]byte) bool, counts func(*int, *srcCount) bool) error {
	in, err := f.Job.input()
	if err != nil {
		return err
	}
	r := &result{policy: in.Policy, asOf: in.AsOf, baseline: !f.Job.isMonth(), nsources: len(in.Sources), taskNote: f.Job.TaskNote, noXLSX: f.Job.NoXLSX}
	var b []byte

	// The sources' parts, in source order.
	srcs := make([]*ledger.SourceRows, len(in.Sources))
	rej := make([][]string, len(in.Sources))
	warn := make([][]string, len(in.Sources))
	for parts(&b) {
		var sp sourcePart
		if err := json.Unmarshal(b, &sp); err != nil {
			return err
		}
		srcs[sp.Index] = &ledger.SourceRows{Report: ledger.SourceReport{Index: sp.Index, Name: sp.Name,
			Kind: in.Sources[sp.Index].Kind, Rows: sp.Rows, Rejected: sp.Rejected, Recovered: sp.Recovered}}
		rej[sp.Index], warn[sp.Index] = sp.RejectedText, sp.WarningText
	}
	for i := range srcs {
		r.rejected = append(r.rejected, rej[i]...)
	}
	for _, base := range []bool{true, false} {
		for i, s := range in.Sources {
			if (s.Kind == ledger.KindPopulation) == base {
				r.warnings = append(r.warnings, warn[i]...)
			}
		}
	}

	// The people's parts of the reports, in the order of the numbers.
	var preps []personReport
	for reports(&b) {
		var pr personReport
		if err := json.Unmarshal(b, &pr); err != nil {
			return err
		}
		preps = append(preps, pr)
	}
	slices.SortFunc(preps, func(a, b personReport) int { return strings.Compare(a.Key, b.Key) })
	reps := make([]*ledger.MatchReport, 0, len(preps))
	for i := range preps {
		pr := &preps[i]
		reps = append(reps, &pr.Report)
		r.undecided = append(r.undecided, pr.Undec...)
	}
	r.report = ledger.MergeReports(srcs, reps)
	var si int
	var c srcCount
	sc := map[int]srcCount{}
	for counts(&si, &c) {
		sc[si] = c
		s := &r.report.Sources[si]
		s.Matched += c.Matched
		s.Unmatched += c.Unmatched
		s.Duplicates += c.Duplicates
	}

	// The villages' tallies and the state's people.
	tallies := map[string]ledger.VillageProgress{}
	var name string
	var v ledger.VillageProgress
	for villages(&name, &v) {
		tallies[name] = v
	}
	var entries []ledger.StateEntry
	for states(&b) {
		var e ledger.StateEntry
		if err := json.Unmarshal(b, &e); err != nil {
			return err
		}
		entries = append(entries, e)
	}
	if r.baseline {
		var names []string
		var targets []int64
		for name, v := range tallies {
			names = append(names, name)
			targets = append(targets, v.Targets)
		}
		tasks, err := ledger.VillageTasks(ledger.Tasks{Villages: f.Job.Tasks, Town: f.Job.Town, Method: mustMethod(f.Job.Method), Tie: mustTie(f.Job.Tie)}, names, targets)
		if err != nil {
			return &inputError{campaigncli.Describe(err)}
		}
		if r.next, err = ledger.NewState(in.Policy, in.AsOf, in.AsOf, names, tasks, entries); err != nil {
			return err
		}
		vn, vt := r.next.Villages()
		// The baseline's figures: its state against its own insured
		// lists a day later (examples/campaign's baselineMonth).
		vs, total, err := ledger.MonthFigures(in.Policy, in.AsOf.AddDays(1), vn, vt, tallies)
		if err != nil {
			return err
		}
		if total.New != 0 || total.Completed != 0 || total.PrevCompleted != 0 {
			return fmt.Errorf("internal error: the baseline has %d enrolled targets", total.Completed)
		}
		r.month = &ledger.Month{AsOf: in.AsOf, Previous: in.AsOf, Villages: vs, Total: total}
	} else {
		prev, err := readState(ctx, f.Job.Previous)
		if err != nil {
			return err
		}
		vn, vt := prev.Villages()
		if r.next, err = ledger.NewState(in.Policy, prev.Baseline(), in.AsOf, vn, vt, entries); err != nil {
			return err
		}
		vs, total, err := ledger.MonthFigures(in.Policy, in.AsOf, vn, vt, tallies)
		if err != nil {
			return err
		}
		r.month = &ledger.Month{AsOf: in.AsOf, Previous: prev.AsOf(), Villages: vs, Total: total}
		var chs []changeOut
		for changes(&b) {
			var c changeOut
			if err := json.Unmarshal(b, &c); err != nil {
				return err
			}
			chs = append(chs, c)
		}
		slices.SortFunc(chs, func(a, b changeOut) int { return strings.Compare(a.Key, b.Key) })
		for _, c := range chs {
			r.month.Changes = append(r.month.Changes, c.Change)
		}
		r.monthReport(in.Sources, srcs, rej, warn, preps, sc)
	}

	// The masked 实名库: village by village (byte order), each in the order
	// of the identity numbers.
	for people(&b) {
		var p personOut
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		r.people = append(r.people, p)
	}
	slices.SortFunc(r.people, func(a, b personOut) int {
		return cmp.Or(strings.Compare(a.Village, b.Village), strings.Compare(a.Key, b.Key))
	})

	r.bulletin, err = monthly.NewBulletin(in.Policy, r.month)
	if err != nil {
		return err
	}
	files, err := r.writeAll(f.Job.Out)
	if err != nil {
		return err
	}
	if f.Job.Summary != "" {
		os.WriteFile(f.Job.Summary, []byte(r.summary(f.Job.Out, files)), 0o600) // best effort: the launcher's file
	}
	return nil
}

// monthReport puts this month's files against the state together, as
// ledger.State.Month reports them: the sources in the month's order (the
// insured lists, then the base).
func (r *result) monthReport(srcs []ledger.Source, reads []*ledger.SourceRows, rej, warn [][]string, preps []personReport, counts map[int]srcCount) {
	var order []int // month index → build index
	for _, base := range []bool{false, true} {
		for i, s := range srcs {
			if monthSource(s.Kind) && (s.Kind == ledger.KindPopulation) == base {
				order = append(order, i)
			}
		}
	}
	mi := make([]int, len(srcs))
	rep := &r.month.Report
	for m, i := range order {
		mi[i] = m
		s := reads[i].Report
		s.Index = m
		rep.Sources = append(rep.Sources, s)
		r.monthRejected = append(r.monthRejected, rej[i]...)
		r.monthWarnings = append(r.monthWarnings, warn[i]...)
	}
	for i, c := range counts {
		if monthSource(srcs[i].Kind) {
			s := &rep.Sources[mi[i]]
			s.Matched += c.MMatched
			s.Unmatched += c.MUnmatched
			s.Duplicates += c.MDuplicates
		}
	}
	for _, pr := range preps {
		for _, u := range pr.Month.Unmatched {
			u.Source = mi[u.Source]
			rep.Unmatched = append(rep.Unmatched, u)
		}
		for _, d := range pr.Month.Duplicates {
			d.Source = mi[d.Source]
			rep.Duplicates = append(rep.Duplicates, d)
		}
	}
	slices.SortFunc(rep.Unmatched, func(a, b ledger.Sighting) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
	slices.SortFunc(rep.Duplicates, func(a, b ledger.Duplicate) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
}

// writeMatchReport writes a report as MatchReport.WriteText does, with the
// lines of its rejected rows, warnings and undecided people given apart.
func writeMatchReport(w io.Writer, rep *ledger.MatchReport, rejected, warnings, undecided []string) error {
	if err := rep.WriteText(w); err != nil {
		return err
	}
	var b strings.Builder
	for _, sec := range []struct {
		head  string
		lines []string
	}{{"拒收的行：\n", rejected}, {"保留的行（该项事实记为未知）：\n", warnings}, {"无法分类引导的人员：\n", undecided}} {
		if len(sec.lines) > 0 {
			b.WriteString(sec.head)
			for _, l := range sec.lines {
				b.WriteString("  " + l + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// monthText writes the month against the state as Month.WriteText does,
// with the month report's rejected rows and warnings given apart.
func (r *result) monthText(w io.Writer) error {
	if err := r.month.WriteText(w); err != nil {
		return err
	}
	var extra bytes.Buffer
	if err := writeMatchReport(&extra, &ledger.MatchReport{}, r.monthRejected, r.monthWarnings, nil); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimPrefix(extra.Bytes(), []byte("大数据比对报告\n")))
	return err
}

// writeAll writes the files of -out, as examples/campaign writes them
// (package reporting/monthly), less the .xlsx files under -xlsx=false. It
// returns the names of the files written.
func (r *result) writeAll(out string) ([]string, error) {
	m := &monthly.Month{
		Policy: r.policy, AsOf: r.asOf, Baseline: r.baseline,
		Figures: r.month, Next: r.next, Bulletin: r.bulletin,
		Rows: make([]monthly.LedgerRow, len(r.people)), TaskNote: r.taskNote,
		Report: func(w io.Writer) error {
			return writeMatchReport(w, r.report, r.rejected, r.warnings, r.undecided)
		},
		MonthReport: r.monthText,
	}
	for i, p := range r.people {
		m.Rows[i] = p.LedgerRow
	}
	files, err := m.Outputs()
	if err != nil {
		return nil, err
	}
	if r.noXLSX {
		files = slices.DeleteFunc(files, func(f monthly.File) bool { return strings.HasSuffix(f.Name, ".xlsx") })
	}
	names, err := monthly.WriteDir(out, files, r.next)
	if errors.Is(err, monthly.ErrNotOutput) {
		return nil, &usageError{"-out " + err.Error()}
	}
	return names, err
}

// summary is the paragraph printed on success.
func (r *result) summary(out string, files []string) string {
	var rows, matched, unmatched, rejected int
	for _, s := range r.report.Sources {
		rows += s.Rows
		matched += s.Matched
		unmatched += s.Unmatched
		rejected += s.Rejected
	}
	t := r.bulletin.Total
	rate := "—"
	if t.HasRate {
		rate = t.Rate.StringFixed(2) + "%"
	}
	var b strings.Builder
	if r.baseline {
		fmt.Fprintf(&b, "province: baseline %s of %s: ", r.asOf, monthly.Town(r.policy))
	} else {
		fmt.Fprintf(&b, "province: month %s of %s (previous %s): ", r.asOf, monthly.Town(r.policy), r.month.Previous)
	}
	fmt.Fprintf(&b, "%d files, %d rows reconciled (%d matched + %d not in the base + %d rejected; see %s); ",
		r.nsources, rows, matched, unmatched, rejected, monthly.FileReport)
	fmt.Fprintf(&b, "%d people in the 实名库, %d targets in %d villages; 本月新增 %d, 累计完成 %d of 任务数 %d (%s, %s). ",
		len(r.people), r.month.Total.Targets, len(r.month.Villages), t.Month.New, t.Enrolled, t.Task, rate, t.Status.Label(language.Chinese))
	fmt.Fprintf(&b, "Wrote %d files to %s; the state file %s holds full identity numbers (owner-only): keep it, and pass -previous %s next month.",
		len(files), out, ledger.StateFileName, out)
	return b.String()
}

// mustMethod and mustTie read what the launcher checked.
func mustMethod(s string) allocation.Method {
	m, _ := allocation.ParseMethod(s)
	return m
}

func mustTie(s string) allocation.TieRule {
	t, _ := allocation.ParseTieRule(s)
	return t
}

// readTasks reads the -task file (CSV or .xlsx) with monthly.ReadTasks.
func readTasks(path string) (map[string]int64, error) {
	data, err := readInput(context.Background(), path)
	if err != nil {
		return nil, err
	}
	tasks, _, err := monthly.ReadTasks(filepath.Base(path), data)
	if err != nil {
		return nil, &inputError{err.Error()}
	}
	return tasks, nil
}
