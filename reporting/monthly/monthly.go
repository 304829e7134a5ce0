package monthly

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/reporting/xlsx"
	"github.com/canbao/kuomian/routing"
)

// The files of a month's output directory, besides the state file
// ([ledger.StateFileName]).
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

// Month is what the files of a month are made of. Every field but
// MonthReport is required.
type Month struct {
	Policy routing.Policy
	AsOf   eligibility.Date
	// Baseline is true for the campaign's first run: its report has no
	// month section.
	Baseline bool
	// Figures are the village figures and the person-level changes. At the
	// baseline: the baseline's state against its own insured lists, every
	// 本月新增 and 累计完成 0.
	Figures *ledger.Month
	// Next is the state the run hands to the next month.
	Next *ledger.State
	// Bulletin is the 通报 ([NewBulletin]).
	Bulletin reporting.Bulletin
	// Rows is the masked 实名库 in its order ([LedgerRows]).
	Rows []LedgerRow
	// TaskNote says where the 任务数 come from; it ends the notes of the
	// 通报 and of the 任务分解表.
	TaskNote string
	// Report writes the 大数据比对 report of the run's files
	// ([ledger.MatchReport.WriteText]).
	Report func(io.Writer) error
	// MonthReport writes, in a month run, this month's files against the
	// state; nil means Figures.WriteText.
	MonthReport func(io.Writer) error
}

// File is one file of the output directory.
type File struct {
	Name  string
	Mode  fs.FileMode
	Write func(io.Writer) error
}

// Town is the town's short name from the policy's jurisdiction
// (重庆市长寿区石堰镇 → 石堰镇; 全镇 when there is none).
func Town(p routing.Policy) string {
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

// NewBulletin returns the month's 通报: one unit per village of the
// figures, titled with the town and the as-of date.
func NewBulletin(p routing.Policy, m *ledger.Month) (reporting.Bulletin, error) {
	units := make([]reporting.Progress, len(m.Villages))
	for i, v := range m.Villages {
		units[i] = reporting.Progress{Name: v.Name, Task: v.Task, Enrolled: v.Completed,
			Month: &reporting.MonthFigures{New: v.New, Lost: v.Lost, Previous: v.PrevCompleted, NewEmployee: v.NewEmployee}}
	}
	town := Town(p)
	return reporting.NewBulletin(reporting.BulletinInput{
		Title: town + "基本养老保险参保扩面工作进度通报（" + m.AsOf.String() + "）",
		Town:  town, AsOf: m.AsOf, Policy: p, Units: units,
	})
}

// Outputs returns every file of the month but the state, in the order of
// the File constants.
func (m *Month) Outputs() ([]File, error) {
	// The bulletin is the library's (reporting.Bulletin): its table is the
	// bulletin.csv contract, its page the HTML form.
	bt := m.Bulletin.Table()
	bt.Notes = append(bt.Notes, m.TaskNote)
	all, targets, err := m.rosterTables()
	if err != nil {
		return nil, err
	}
	modified := time.Date(m.AsOf.Year(), m.AsOf.Month(), m.AsOf.Day(), 0, 0, 0, 0, time.UTC)
	xo := xlsx.WriteOptions{Modified: modified}
	csvOf := func(t table.Table) func(io.Writer) error {
		return func(w io.Writer) error { return t.Render(w, table.FormatCSV, table.RenderOptions{}) }
	}
	xlsxOf := func(t table.Table) func(io.Writer) error {
		return func(w io.Writer) error { return xlsx.WriteTable(w, t, xo) }
	}
	return []File{
		{FileBulletinCSV, 0o644, csvOf(bt)},
		{FileBulletinXLSX, 0o644, xlsxOf(bt)},
		{FileBulletinHTML, 0o644, func(w io.Writer) error { return m.Bulletin.Render(w, table.FormatHTML, table.RenderOptions{}) }},
		{FileRosterCSV, 0o644, csvOf(all)},
		{FileRosterXLSX, 0o644, xlsxOf(all)},
		{FileTargetsCSV, 0o644, csvOf(targets)},
		{FileTargetsXLSX, 0o644, xlsxOf(targets)},
		{FileChangesCSV, 0o644, csvOf(m.changesTable())},
		{FileTasksCSV, 0o644, csvOf(m.taskTable())},
		{FileReport, 0o644, m.writeReport},
	}, nil
}

// taskTable is the 任务分解表: per village its targets, followed people
// and task.
func (m *Month) taskTable() table.Table {
	t := table.Table{
		Title: Town(m.Policy) + "基本养老保险参保扩面任务分解表",
		Columns: []table.Column{
			{Header: "村(社区)"},
			{Header: "扩面对象(应扩面人数)", Kind: table.KindInteger},
			{Header: "跟踪对象", Kind: table.KindInteger},
			{Header: "任务数", Kind: table.KindInteger},
		},
		Total: table.Total{Mode: table.ComputedTotal},
		Notes: []string{
			"扩面对象：基线时未参保缴费（未参保或暂停缴费）、经分类分流应参加基本养老保险的人员；跟踪对象：已参保缴费但仍属扩面重点人群的人员，不计入扩面任务完成数。",
			m.TaskNote,
		},
	}
	for _, v := range m.Figures.Villages {
		t.Rows = append(t.Rows, []table.Cell{table.Text(v.Name), table.Int(v.Targets), table.Int(v.Followed), table.Int(v.Task)})
	}
	return t
}

// rosterTables returns the masked 实名库 (every person) and the
// 扩面人员明细表 (its targets and followed people, as
// reporting.RosterTable lays them out, without the line column).
func (m *Month) rosterTables() (all, targets table.Table, err error) {
	town, asOf := Town(m.Policy), m.AsOf.String()
	all = table.Table{
		Title: town + "扩面对象实名库（" + asOf + "，已脱敏）",
		Columns: []table.Column{
			{Header: "序号", Kind: table.KindInteger, NoSum: true},
			{Header: "公民身份号码"}, {Header: "姓名"}, {Header: "性别"},
			{Header: "年龄", Kind: table.KindInteger, NoSum: true},
			{Header: "村(社区)"}, {Header: "类别"}, {Header: "扩面对象类别"}, {Header: "去向(险种)"},
			{Header: "参保渠道"}, {Header: "办理地点"}, {Header: "参保状况"}, {Header: "来源"},
		},
		Notes: []string{
			"实名库为本次所给文件于 " + asOf + " 的比对结果：类别按当日的参保状况判定（扩面对象 = 未参保缴费且应参加基本养老保险）；通报中的扩面任务完成数以基线实名库为准。",
			"个人信息：身份证号码只保留前6位和后4位、姓名只保留首尾字（" + m.Policy.Document + " 做好个人信息安全保密工作）。完整信息只在实名库状态文件中，勿外传。",
		},
	}
	var entries []reporting.RosterEntry
	for i, p := range m.Rows {
		row := make([]table.Cell, 0, 1+len(p.Cells))
		row = append(row, table.Int(int64(i+1)))
		for j, c := range p.Cells {
			if j == ageCell && c != "—" {
				n, err := strconv.ParseInt(c, 10, 64)
				if err != nil {
					return all, targets, fmt.Errorf("monthly: %s: 年龄 %q: %w", p.Cells[0], c, err)
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
	targets = reporting.RosterTable(town+"各村养老保险扩面人员明细表（"+asOf+"，已脱敏）", entries)
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
func (m *Month) changesTable() table.Table {
	zh := language.Chinese
	f := m.Figures
	t := table.Table{
		Title: "变动明细（" + f.Previous.String() + " → " + f.AsOf.String() + "，已脱敏）",
		Columns: []table.Column{
			{Header: "公民身份号码"}, {Header: "村(社区)"}, {Header: "类别"}, {Header: "变动"},
			{Header: "上月参保状况"}, {Header: "本月参保状况"},
		},
	}
	for _, c := range f.Changes {
		t.Rows = append(t.Rows, []table.Cell{
			table.Text(c.ID), table.Text(c.Village), table.Text(c.Role.Label(zh)), table.Text(c.Events.Label(zh)),
			table.Text(insLabel(c.Was)), table.Text(insLabel(c.Now)),
		})
	}
	return t
}

// writeReport writes the 大数据比对 report: the run, then (in a month run)
// the month against the state, then every file reconciled.
func (m *Month) writeReport(w io.Writer) error {
	bw := bufio.NewWriter(w)
	town := Town(m.Policy)
	if m.Baseline {
		fmt.Fprintf(bw, "%s 扩面实名库 基线 %s（%s，%s）\n\n", town, m.AsOf, m.Policy.Title, m.Policy.Document)
	} else {
		fmt.Fprintf(bw, "%s 扩面月报 %s（上月 %s，基线 %s；%s，%s）\n\n", town, m.AsOf, m.Figures.Previous, m.Next.Baseline(), m.Policy.Title, m.Policy.Document)
		bw.WriteString("一、本月参保库与实名库比对\n\n")
		month := m.MonthReport
		if month == nil {
			month = m.Figures.WriteText
		}
		if err := month(bw); err != nil {
			return err
		}
		bw.WriteString("\n二、本月各来源文件比对（实名库按本月文件重建）\n\n")
	}
	if err := m.Report(bw); err != nil {
		return err
	}
	return bw.Flush()
}
