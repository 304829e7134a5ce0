package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/reporting/xlsx"
	"github.com/canbao/kuomian/routing"
)

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

// rosterTables returns the masked 实名库 (every person of this run's
// ledger) and the 扩面人员明细表 (its targets and followed people, as
// reporting.RosterTable lays them out, without the line column).
func (r *result) rosterTables() (all, targets table.Table, err error) {
	zh := language.Chinese
	l := r.ledger
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
	type person struct {
		village string
		row     []table.Cell
		entry   reporting.RosterEntry
		target  bool
	}
	people := make([]person, 0, l.Len())
	for i := range l.Len() {
		e, err := l.Entry(i)
		if err != nil {
			return all, targets, err
		}
		res := e.Resident
		d := &e.Decision
		var kinds []string
		for _, s := range e.Sources {
			if k := s.Kind.Label(zh); !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		groups, outcome, channel, venue, age := "—", "—", "", "", table.Text("—")
		if e.Role != ledger.RoleUndecided {
			if rb := d.Rulebook(); rb != nil && !d.Groups.IsEmpty() {
				groups = rb.ShortLabels(d.Groups)
			}
			outcome = d.Outcome.Label(zh)
			if d.Channel != routing.ChannelNone {
				channel = d.Channel.Label(zh)
			}
			if d.Venue != routing.VenueNone {
				venue = d.Venue.Label(zh)
			}
			age = table.Int(int64(d.Age))
		}
		village := res.Hukou.Village
		if village == "" {
			village = ledger.NoVillage
		}
		p := person{village: village, row: []table.Cell{
			{}, table.Text(res.ID.Masked()), table.Text(privacy.Name(res.Name)), table.Text(res.EffectiveGender().Label(zh)), age,
			table.Text(village), table.Text(e.Role.Label(zh)), table.Text(groups), table.Text(outcome),
			table.Text(channel), table.Text(venue), table.Text(insLabel(res.Insurance)), table.Text(strings.Join(kinds, "、")),
		}}
		if e.Role == ledger.RoleTarget || e.Role == ledger.RoleFollowed {
			p.target = true
			p.entry = reporting.NewRosterEntry(roster.Row{Resident: res}, d, reporting.MaskOptions{})
			p.entry.Village = village
		}
		people = append(people, p)
	}
	// Village by village (byte order), each in the order of the identity
	// numbers: no order of the input shows through.
	slices.SortStableFunc(people, func(a, b person) int { return strings.Compare(a.village, b.village) })
	var entries []reporting.RosterEntry
	for i, p := range people {
		p.row[0] = table.Int(int64(i + 1))
		all.Rows = append(all.Rows, p.row)
		if p.target {
			entries = append(entries, p.entry)
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
		if err := r.month.WriteText(bw); err != nil {
			return err
		}
		bw.WriteString("\n二、本月各来源文件比对（实名库按本月文件重建）\n\n")
	}
	if err := r.ledger.Report().WriteText(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// output is one file of -out.
type output struct {
	name  string
	mode  os.FileMode
	write func(io.Writer) error
}

// outputs returns every file of -out but the state.
func (r *result) outputs() ([]output, error) {
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

// summary is the paragraph printed on success.
func (r *result) summary(out string, files []string) string {
	var rows, matched, unmatched, rejected int
	for _, s := range r.ledger.Report().Sources {
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
		fmt.Fprintf(&b, "campaign: baseline %s of %s: ", r.asOf, townName(r.policy))
	} else {
		fmt.Fprintf(&b, "campaign: month %s of %s (previous %s): ", r.asOf, townName(r.policy), r.month.Previous)
	}
	fmt.Fprintf(&b, "%d files, %d rows reconciled (%d matched + %d not in the base + %d rejected; see %s); ",
		len(r.sources), rows, matched, unmatched, rejected, FileReport)
	fmt.Fprintf(&b, "%d people in the 实名库, %d targets in %d villages; 本月新增 %d, 累计完成 %d of 任务数 %d (%s, %s). ",
		r.ledger.Len(), r.month.Total.Targets, len(r.month.Villages), t.Month.New, t.Enrolled, t.Task, rate, t.Status.Label(language.Chinese))
	fmt.Fprintf(&b, "Wrote %d files to %s: %s; the state file %s holds full identity numbers (owner-only): keep it, and pass -previous %s next month.",
		len(files), out, strings.Join(files[:len(files)-1], ", "), ledger.StateFileName, out)
	return b.String()
}
