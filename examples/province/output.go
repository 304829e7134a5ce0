package main

// The files of -out, laid out as examples/campaign lays them out (its
// output.go and compute.go): the same tables, notes and file names, so that
// the same input gives the same bytes. TestDemoSameBytes fails when the two
// drift apart.

import (
	"bufio"
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
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/width"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/reporting/xlsx"
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
			return &inputError{describe(err)}
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

	units := make([]reporting.Progress, len(r.month.Villages))
	for i, v := range r.month.Villages {
		units[i] = reporting.Progress{Name: v.Name, Task: v.Task, Enrolled: v.Completed,
			Month: &reporting.MonthFigures{New: v.New, Lost: v.Lost, Previous: v.PrevCompleted, NewEmployee: v.NewEmployee}}
	}
	town := townName(in.Policy)
	r.bulletin, err = reporting.NewBulletin(reporting.BulletinInput{
		Title: town + "基本养老保险参保扩面工作进度通报（" + in.AsOf.String() + "）",
		Town:  town, AsOf: in.AsOf, Policy: in.Policy, Units: units,
	})
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

// writeReport writes the 大数据比对 report: the run, then (in a month run)
// the month against the state, then every file reconciled.
func (r *result) writeReport(w io.Writer) error {
	bw := bufio.NewWriter(w)
	town := townName(r.policy)
	if r.baseline {
		fmt.Fprintf(bw, "%s 扩面实名库 基线 %s（%s，%s）\n\n", town, r.asOf, r.policy.Title, r.policy.Document)
	} else {
		fmt.Fprintf(bw, "%s 扩面月报 %s（上月 %s，基线 %s；%s，%s）\n\n", town, r.asOf, r.month.Previous, r.next.Baseline(), r.policy.Title, r.policy.Document)
		bw.WriteString("一、本月参保库与实名库比对\n\n")
		// Month.WriteText, with the report's rejected rows and warnings
		// given apart.
		m := *r.month
		var buf bytes.Buffer
		if err := m.WriteText(&buf); err != nil {
			return err
		}
		bw.Write(buf.Bytes())
		var extra bytes.Buffer
		if err := writeMatchReport(&extra, &ledger.MatchReport{}, r.monthRejected, r.monthWarnings, nil); err != nil {
			return err
		}
		bw.Write(bytes.TrimPrefix(extra.Bytes(), []byte("大数据比对报告\n")))
		bw.WriteString("\n二、本月各来源文件比对（实名库按本月文件重建）\n\n")
	}
	if err := writeMatchReport(bw, r.report, r.rejected, r.warnings, r.undecided); err != nil {
		return err
	}
	return bw.Flush()
}

// rosterTables returns the masked 实名库 (every person of this run's
// ledger) and the 扩面人员明细表 (its targets and followed people, as
// reporting.RosterTable lays them out, without the line column).
func (r *result) rosterTables() (all, targets table.Table, err error) {
	all = table.Table{
		Title: townName(r.policy) + "扩面对象实名库（" + r.asOf.String() + "，已脱敏）",
		Columns: []table.Column{
			{Header: "序号", Kind: table.KindInteger, NoSum: true},
			{Header: "公民身份号码"}, {Header: "姓名"}, {Header: "性别"},
			{Header: "年龄", Kind: table.KindInteger, NoSum: true},
			{Header: "村(社区)"}, {Header: "类别"}, {Header: "扩面对象类别"}, {Header: "去向(险种)"},
			{Header: "参保渠道"}, {Header: "办理地点"}, {Header: "参保状况"}, {Header: "来源"},
		},
		Notes: []string{
			"实名库为本次所给文件于 " + r.asOf.String() + " 的比对结果：类别按当日的参保状况判定（扩面对象 = 未参保缴费且应参加基本养老保险）；通报中的扩面任务完成数以基线实名库为准。",
			"个人信息：身份证号码只保留前6位和后4位、姓名只保留首尾字（" + r.policy.Document + " 做好个人信息安全保密工作）。完整信息只在实名库状态文件中，勿外传。",
		},
	}
	var entries []reporting.RosterEntry
	for i, p := range r.people {
		row := []table.Cell{table.Int(int64(i + 1))}
		for j, c := range strings.Split(p.Cells, cellSep) {
			if j == 3 && c != "—" { // 年龄
				n, err := strconv.ParseInt(c, 10, 64)
				if err != nil {
					return all, targets, err
				}
				row = append(row, table.Int(n))
				continue
			}
			row = append(row, table.Text(c))
		}
		all.Rows = append(all.Rows, row)
		if p.Target != nil {
			entries = append(entries, *p.Target)
		}
	}
	targets = reporting.RosterTable(townName(r.policy)+"各村养老保险扩面人员明细表（"+r.asOf.String()+"，已脱敏）", entries)
	// The 行号 column (line in an imported roster) means nothing here: a
	// person of the 实名库 comes from several files.
	if len(targets.Columns) > 1 && targets.Columns[1].Header == "行号" {
		targets.Columns = slices.Delete(targets.Columns, 1, 2)
		for i := range targets.Rows {
			targets.Rows[i] = slices.Delete(targets.Rows[i], 1, 2)
		}
	}
	return all, targets, nil
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
		fmt.Fprintf(&b, "province: baseline %s of %s: ", r.asOf, townName(r.policy))
	} else {
		fmt.Fprintf(&b, "province: month %s of %s (previous %s): ", r.asOf, townName(r.policy), r.month.Previous)
	}
	fmt.Fprintf(&b, "%d files, %d rows reconciled (%d matched + %d not in the base + %d rejected; see %s); ",
		r.nsources, rows, matched, unmatched, rejected, FileReport)
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

// taskLine is where a village of the task file is.
type taskLine struct {
	line, col int
	cell      string
}

// The files a run writes into -out.
const (
	FileBulletinCSV  = "bulletin.csv"  // 通报: the contract columns, one row per village, 合计 last
	FileBulletinXLSX = "bulletin.xlsx" // the same table
	FileBulletinHTML = "bulletin.html" // the same, with the plan's summary and a chart
	FileRosterCSV    = "roster.csv"    // 实名库, masked: every person of the base
	FileRosterXLSX   = "roster.xlsx"
	FileTargetsCSV   = "targets.csv" // 扩面人员明细表, masked: targets and followed people
	FileTargetsXLSX  = "targets.xlsx"
	FileChangesCSV   = "changes.csv" // 变动明细: per person what changed this month, masked
	FileTasksCSV     = "tasks.csv"   // 任务分解表
	FileReport       = "report.txt"  // 大数据比对 report: every source reconciled, every problem located
)

// taskTable is the 任务分解表: per village its targets, followed people
// and task.
func (r *result) taskTable() table.Table {
	t := table.Table{
		Title: townName(r.policy) + "基本养老保险参保扩面任务分解表",
		Columns: []table.Column{
			{Header: "村(社区)"},
			{Header: "扩面对象(应扩面人数)", Kind: table.KindInteger},
			{Header: "跟踪对象", Kind: table.KindInteger},
			{Header: "任务数", Kind: table.KindInteger},
		},
		Total: table.Total{Mode: table.ComputedTotal},
		Notes: []string{
			"扩面对象：基线时未参保缴费（未参保或暂停缴费）、经分类分流应参加基本养老保险的人员；跟踪对象：已参保缴费但仍属扩面重点人群的人员，不计入扩面任务完成数。",
			r.taskNote,
		},
	}
	for _, v := range r.month.Villages {
		t.Rows = append(t.Rows, []table.Cell{table.Text(v.Name), table.Int(v.Targets), table.Int(v.Followed), table.Int(v.Task)})
	}
	return t
}

// changesTable lists the month's person-level changes (masked): the
// bulletin's 本月新增 and 本月减少 are their counts, village by village.
func (r *result) changesTable() table.Table {
	zh := language.Chinese
	t := table.Table{
		Title: "变动明细（" + r.month.Previous.String() + " → " + r.month.AsOf.String() + "，已脱敏）",
		Columns: []table.Column{
			{Header: "公民身份号码"}, {Header: "村(社区)"}, {Header: "类别"}, {Header: "变动"},
			{Header: "上月参保状况"}, {Header: "本月参保状况"},
		},
	}
	for _, c := range r.month.Changes {
		t.Rows = append(t.Rows, []table.Cell{
			table.Text(c.ID), table.Text(c.Village), table.Text(c.Role.Label(zh)), table.Text(c.Events.Label(zh)),
			table.Text(insLabel(c.Was)), table.Text(insLabel(c.Now)),
		})
	}
	return t
}

// outputs returns every file of -out but the state.
func (r *result) allOutputs() ([]output, error) {
	// The bulletin is the library's (reporting.Bulletin): its table is the
	// bulletin.csv contract, its page the HTML form.
	bt := r.bulletin.Table()
	bt.Notes = append(bt.Notes, r.taskNote)
	all, targets, err := r.rosterTables()
	if err != nil {
		return nil, err
	}
	modified := time.Date(r.asOf.Year(), r.asOf.Month(), r.asOf.Day(), 0, 0, 0, 0, time.UTC)
	xo := xlsx.WriteOptions{Modified: modified}
	csvOf := func(t table.Table) func(io.Writer) error {
		return func(w io.Writer) error { return t.Render(w, table.FormatCSV, table.RenderOptions{}) }
	}
	xlsxOf := func(t table.Table) func(io.Writer) error {
		return func(w io.Writer) error { return xlsx.WriteTable(w, t, xo) }
	}
	return []output{
		{FileBulletinCSV, 0o644, csvOf(bt)},
		{FileBulletinXLSX, 0o644, xlsxOf(bt)},
		{FileBulletinHTML, 0o644, func(w io.Writer) error { return r.bulletin.Render(w, table.FormatHTML, table.RenderOptions{}) }},
		{FileRosterCSV, 0o644, csvOf(all)},
		{FileRosterXLSX, 0o644, xlsxOf(all)},
		{FileTargetsCSV, 0o644, csvOf(targets)},
		{FileTargetsXLSX, 0o644, xlsxOf(targets)},
		{FileChangesCSV, 0o644, csvOf(r.changesTable())},
		{FileTasksCSV, 0o644, csvOf(r.taskTable())},
		{FileReport, 0o644, r.writeReport},
	}, nil
}

// outputs returns the files of -out but the state: examples/campaign's,
// less the .xlsx files under -xlsx=false.
func (r *result) outputs() ([]output, error) {
	outs, err := r.allOutputs()
	if err != nil || !r.noXLSX {
		return outs, err
	}
	return slices.DeleteFunc(outs, func(o output) bool { return strings.HasSuffix(o.name, ".xlsx") }), nil
}

// writeAll writes every file into a new directory beside out, then puts
// it in out's place: nothing half-written is ever in out. An existing out
// is replaced only if it is empty or a campaign's output (it holds a state
// file); it is renamed aside first and removed once the new one is in
// place. It returns the names of the files written.
func (r *result) writeAll(out string) (names []string, err error) {
	outs, err := r.outputs()
	if err != nil {
		return nil, err
	}
	out = filepath.Clean(out)
	if err := replaceable(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, o := range outs {
		var buf bytes.Buffer
		if err := o.write(&buf); err != nil {
			return nil, fmt.Errorf("%s: %w", o.name, err)
		}
		if err := os.WriteFile(filepath.Join(tmp, o.name), buf.Bytes(), o.mode); err != nil {
			return nil, err
		}
		names = append(names, o.name)
	}
	if err := ledger.WriteStateFile(filepath.Join(tmp, ledger.StateFileName), r.next); err != nil {
		return nil, fmt.Errorf("%s: %w", ledger.StateFileName, err)
	}
	names = append(names, ledger.StateFileName)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	var old string
	if _, serr := os.Lstat(out); serr == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return nil, err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return names, nil
}

// replaceable returns an error unless out does not exist, is an empty
// directory, or is a directory a campaign run wrote (it holds a state
// file).
func replaceable(out string) error {
	fi, err := os.Lstat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &usageError{"-out " + out + ": exists and is not a directory"}
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(ents) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, ledger.StateFileName)); err == nil {
		return nil
	}
	return &usageError{"-out " + out + ": exists and is not a campaign output directory (no " + ledger.StateFileName + "); give a new or empty directory"}
}

// townName is the town's short name from the policy's jurisdiction
// (重庆市长寿区石堰镇 → 石堰镇).
func townName(p routing.Policy) string {
	j := p.Jurisdiction
	for _, sep := range []string{"区", "县", "市", "省"} {
		if i := strings.LastIndex(j, sep); i >= 0 && i+len(sep) < len(j) {
			return j[i+len(sep):]
		}
	}
	if j == "" {
		return "全镇"
	}
	return j
}

// readTasks reads a task table: a CSV or .xlsx file with a 村(社区) column
// and a 任务数 column (a header that contains 任务数, such as 2023年任务数).
// A 合计 row is checked against the sum of the villages'.
func readTasks(path string) (map[string]int64, map[string]taskLine, error) {
	data, err := readInput(context.Background(), path)
	if err != nil {
		return nil, nil, err
	}
	name := filepath.Base(path)
	sc, err := codec.NewBytesScanner(data, codec.Auto)
	if err != nil {
		return nil, nil, &inputError{name + ": " + err.Error()}
	}
	bad := func(line int, col string, msg string) error {
		s := name + " 第 " + strconv.Itoa(line) + " 行"
		if col != "" {
			s += "，" + col
		}
		return &inputError{s + "：" + msg}
	}
	vcol, tcol, tname := -1, -1, ""
	tasks := map[string]int64{}
	lines := map[string]taskLine{}
	var sum, stated int64
	statedLine := 0
	for sc.Scan() {
		fields := sc.Fields()
		cells := make([]string, len(fields))
		for i, f := range fields {
			cells[i] = strings.TrimSpace(string(f))
		}
		if vcol < 0 {
			for i, c := range cells {
				h := strings.ReplaceAll(width.Fold.String(c), " ", "")
				switch {
				case vcol < 0 && (h == "村(社区)" || h == "村别" || h == "村(居)" || h == "村" || h == "社区"):
					vcol = i
				case tcol < 0 && strings.Contains(h, "任务数"):
					tcol, tname = i, c
				}
			}
			if vcol >= 0 && tcol < 0 || vcol < 0 && tcol >= 0 {
				return nil, nil, bad(sc.Line(), "", "表头须有“村(社区)”和“任务数”两列")
			}
			continue // title rows until the header
		}
		if slices.IndexFunc(cells, func(c string) bool { return c != "" }) < 0 {
			continue
		}
		v, t := "", ""
		if vcol < len(cells) {
			v = cells[vcol]
		}
		if tcol < len(cells) {
			t = cells[tcol]
		}
		n, err := strconv.ParseInt(width.Fold.String(t), 10, 64)
		if err != nil || n < 0 {
			return nil, nil, bad(sc.Line(), tname, "“"+t+"”不是非负整数")
		}
		switch {
		case v == "":
			return nil, nil, bad(sc.Line(), "村(社区)", "村(社区)为空")
		case v == "合计" || v == "总计":
			stated, statedLine = n, sc.Line()
			continue
		}
		if first, dup := lines[v]; dup {
			return nil, nil, bad(sc.Line(), "村(社区)", "“"+v+"”与第 "+strconv.Itoa(first.line)+" 行重复")
		}
		tasks[v] = n
		lines[v] = taskLine{line: sc.Line(), col: vcol + 1, cell: v}
		sum += n
	}
	if err := sc.Err(); err != nil {
		return nil, nil, &inputError{name + ": " + err.Error()}
	}
	if vcol < 0 {
		return nil, nil, &inputError{name + "：找不到表头（须有“村(社区)”和“任务数”两列）"}
	}
	if statedLine > 0 && stated != sum {
		return nil, nil, bad(statedLine, tname, "合计 "+itoa(stated)+" 与各村之和 "+itoa(sum)+" 不符")
	}
	return tasks, lines, nil
}

// insLabel names an insurance record in Chinese: 企业职工/正常缴费, 未参保.
func insLabel(ins eligibility.Insurance) string {
	zh := language.Chinese
	if ins.Scheme == eligibility.SchemeNone {
		return ins.Scheme.Label(zh)
	}
	return ins.Scheme.Label(zh) + "/" + ins.Status.Label(zh)
}

// output is one file of -out.
type output struct {
	name  string
	mode  os.FileMode
	write func(io.Writer) error
}
