// Command luodong reproduces the published task table of 罗政〔2019〕185号
// (罗东镇全民参保扩面任务分解表, 附件) with package allocation, and audits it.
//
//	go run ./examples/luodong                  # aligned text, then the audit
//	go run ./examples/luodong -format markdown # or csv, html
//
// The published figures are embedded (luodong-2019-task-table.csv, the table
// transcribed cell for cell, 合计 row as printed). The program keeps only the
// inputs a town would have — the villages, their 16-59周岁人数 and
// 已参加居民保人数, the town's target of 9777 and the 80 % of 三(二) — and
// computes every other cell: 未参保人数 by subtraction, 应扩面人数 by
// independent half-up rounding of 未参保 × 9777 / 15733, and 2019年任务数 by
// half-up rounding of that unrounded quota × 0.8. It then holds the published
// cells against the computed ones, foots the printed 合计 row (9777 and 7822,
// while the cells sum to 9778 and 7821), shows what the sum-preserving
// largest-remainder method would change, and gives the milestones of 三(二).
//
// With -format text or markdown the audit follows the table on stdout; with
// csv or html stdout holds the table alone and the audit goes to stderr.
// The exit status is 1 if any published cell is not reproduced.
package main

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

//go:embed luodong-2019-task-table.csv
var publishedCSV []byte

// The plan's parameters (罗政〔2019〕185号 附件 and 三(二)).
const (
	townTarget = 9777  // 应扩面人数 合计: the task handed down for the town
	year2019   = "0.8" // 2019年任务数 = 80 % of 应扩面 (三(二): 2019年底完成参保扩面任务的80%以上)
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// published is the table as printed.
type published struct {
	villages                           []string
	aged, enrolled, uninsured          []int64 // 16-59周岁人数, 已参加居民保人数, 未参保人数
	expand, task2019                   []int64 // 应扩面人数, 2019年任务数
	totAged, totEnrolled, totUninsured int64   // the 合计 row as printed
	totExpand, totTask2019             int64
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("luodong", flag.ContinueOnError)
	fs.SetOutput(stderr)
	formatName := fs.String("format", "text", "output form: text, csv, markdown, html")
	encName := fs.String("encoding", "", "CSV encoding: utf-8-bom (default for csv), utf-8, gb18030")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	format, err := table.ParseFormat(*formatName)
	if err != nil {
		fmt.Fprintf(stderr, "luodong: -format: %v\n", err)
		return 2
	}
	opt := table.RenderOptions{}
	if format != table.FormatCSV {
		opt.Encoding = codec.UTF8
	}
	if *encName != "" {
		if opt.Encoding, err = codec.ParseEncoding(*encName); err != nil {
			fmt.Fprintf(stderr, "luodong: -encoding: %v\n", err)
			return 2
		}
	}
	pub, err := parsePublished(publishedCSV)
	if err != nil {
		fmt.Fprintf(stderr, "luodong: embedded table: %v\n", err)
		return 1
	}
	rep, err := reproduce(pub)
	if err != nil {
		fmt.Fprintf(stderr, "luodong: %v\n", err)
		return 1
	}
	var out bytes.Buffer
	if err := rep.table.Render(&out, format, opt); err != nil {
		fmt.Fprintf(stderr, "luodong: %v\n", err)
		return 1
	}
	auditOut := stdout
	if format == table.FormatCSV || format == table.FormatHTML {
		auditOut = stderr
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		return 1
	}
	markdown := format == table.FormatMarkdown
	if auditOut == stdout {
		fmt.Fprintln(stdout)
	}
	writeAudit(auditOut, rep, markdown)
	if !rep.reproduced() {
		fmt.Fprintln(stderr, "luodong: the published table is NOT reproduced")
		return 1
	}
	return 0
}

// reproduction is what the library computes from the plan's inputs, and the
// audit of the published table against it.
type reproduction struct {
	pub         published
	uninsured   []int64                // 16-59周岁人数 − 已参加居民保人数
	uninsuredOK []bool                 // per row: equals the published 未参保人数
	expand      allocation.Result      // 应扩面人数, half-up
	task2019    allocation.Result      // 2019年任务数, derived at 80 %
	auditExpand allocation.ColumnAudit // published 应扩面 vs expand
	auditTask   allocation.ColumnAudit // published 2019 vs task2019
	hamExpand   []allocation.Change    // what Hamilton would change in 应扩面
	hamTask     []allocation.Change    // … in 2019年任务数 (Hamilton of the 80 % target)
	hamTaskSize int64                  // the 2019 target Hamilton splits
	milestones  []int64                // the requirement of each milestone of routing.Luodong2019
	policy      routing.Policy
	table       table.Table
}

func (r reproduction) reproduced() bool {
	for _, ok := range r.uninsuredOK {
		if !ok {
			return false
		}
	}
	return len(r.auditExpand.Cells) == 0 && len(r.auditTask.Cells) == 0
}

func reproduce(pub published) (reproduction, error) {
	r := reproduction{pub: pub}
	units := make([]allocation.Unit, len(pub.villages))
	for i, v := range pub.villages {
		u := pub.aged[i] - pub.enrolled[i]
		r.uninsured = append(r.uninsured, u)
		r.uninsuredOK = append(r.uninsuredOK, u == pub.uninsured[i])
		// A village cannot be asked for more people than it has unenrolled.
		units[i] = allocation.Unit{Name: v, Weight: u, Max: u, HasMax: true}
	}
	var err error
	if r.expand, err = allocation.Apportion(townTarget, units, allocation.HalfUp); err != nil {
		return r, err
	}
	rate := allocation.MustParseRate(year2019)
	if r.task2019, err = allocation.Derive(r.expand, rate, allocation.HalfUp); err != nil {
		return r, err
	}
	if r.auditExpand, err = allocation.AuditColumn(allocation.Column{
		Name: "应扩面人数", Cells: pub.expand, Total: pub.totExpand, HasTotal: true,
	}, r.expand); err != nil {
		return r, err
	}
	if r.auditTask, err = allocation.AuditColumn(allocation.Column{
		Name: "2019年任务数", Cells: pub.task2019, Total: pub.totTask2019, HasTotal: true,
	}, r.task2019); err != nil {
		return r, err
	}

	// What a sum-preserving method would do instead.
	ham, err := allocation.Apportion(townTarget, units, allocation.Hamilton)
	if err != nil {
		return r, err
	}
	if r.hamExpand, err = allocation.Changes(r.expand, ham); err != nil {
		return r, err
	}
	if r.hamTaskSize, _, err = rate.Of(townTarget, allocation.HalfUp); err != nil {
		return r, err
	}
	ham2019, err := allocation.Apportion(r.hamTaskSize, units, allocation.Hamilton)
	if err != nil {
		return r, err
	}
	if r.hamTask, err = allocation.Changes(r.task2019, ham2019); err != nil {
		return r, err
	}

	// 三(二): 80 % or more by the end of 2019, all of it by the end of 2020.
	// The timetable is the policy's, not restated here.
	r.policy = routing.Luodong2019()
	if r.milestones, err = r.policy.Requirements(townTarget); err != nil {
		return r, err
	}

	r.table, err = reporting.TaskTableFromAllocation(reporting.TaskTable{
		Title:      "罗东镇全民参保扩面任务分解表",
		UnitHeader: "村别",
		Units:      pub.villages,
		Columns: []reporting.TaskColumn{
			{Header: "16-59周岁人数", Cells: pub.aged, Total: pub.totAged, HasTotal: true},
			{Header: "16-59周岁已参加居民保人数", Cells: pub.enrolled, Total: pub.totEnrolled, HasTotal: true},
			{Header: "未参保人数", Cells: r.uninsured, Total: pub.totUninsured, HasTotal: true},
			{Header: "应扩面人数", Result: &r.expand, Total: pub.totExpand, HasTotal: true},
			{Header: "2019年任务数", Result: &r.task2019, Total: pub.totTask2019, HasTotal: true},
		},
		Notes: []string{
			"资料来源：罗政〔2019〕185号 附件（合计栏按公布数列示）。",
			"未参保人数 = 16-59周岁人数 − 已参加居民保人数；应扩面人数 = 未参保人数 × 9777 ÷ 15733，逐格四舍五入；" +
				"2019年任务数 = 应扩面人数的未取整值 × 80%，逐格四舍五入（三(二)）。",
		},
	})
	return r, err
}

// writeAudit explains the reproduction and the audit, in Chinese and English.
func writeAudit(w io.Writer, r reproduction, markdown bool) {
	head := func(s string) {
		if markdown {
			fmt.Fprintf(w, "## %s\n\n", s)
		} else {
			fmt.Fprintf(w, "%s\n", s)
		}
	}
	item := func(format string, a ...any) {
		if markdown {
			fmt.Fprintf(w, "- "+format+"\n", a...)
		} else {
			fmt.Fprintf(w, "  "+format+"\n", a...)
		}
	}
	end := func() { fmt.Fprintln(w) }

	head("核对 Audit (罗政〔2019〕185号 附件)")
	bad := 0
	for i, ok := range r.uninsuredOK {
		if !ok {
			bad++
			item("未参保人数 %s: published %d, 16-59周岁人数 − 已参保 = %d", r.pub.villages[i], r.pub.uninsured[i], r.uninsured[i])
		}
	}
	if bad == 0 {
		item("未参保人数 = 16-59周岁人数 − 已参加居民保人数 in all %d rows.", len(r.uninsured))
	}
	for _, a := range []allocation.ColumnAudit{r.auditExpand, r.auditTask} {
		item("%s", a)
		for _, c := range a.Cells {
			item("  %s: published %d, rule gives %d (exact %s)", c.Name, c.Published, c.Expected, c.Quota.StringFixed(4))
		}
	}
	item("应扩面人数 = round_half_up(未参保 × %d / %d); e.g. 荆坑村 %s → %d.",
		townTarget, sum(r.uninsured), quotaOf(r.expand, "荆坑村").StringFixed(4), allocOf(r.expand, "荆坑村"))
	rate := allocation.MustParseRate(year2019)
	for _, v := range []string{"荆坑村", "潭溪村"} {
		// The tempting shortcut: 80 % of the rounded cell.
		naive, naiveQ, err := rate.Of(allocOf(r.expand, v), allocation.HalfUp)
		if err != nil {
			continue
		}
		item("2019年任务数 %s = round_half_up(unrounded 应扩面 %s × %s) = round(%s) = %d, not round(%d × %s = %s) = %d.",
			v, quotaOf(r.expand, v).StringFixed(4), year2019, quotaOf(r.task2019, v).StringFixed(4), allocOf(r.task2019, v),
			allocOf(r.expand, v), year2019, naiveQ.StringFixed(1), naive)
	}
	item("The printed 合计 row does not foot: 应扩面 cells sum to %d against %d (%+d); 2019 cells sum to %d against %d (%+d). Independent rounding does not keep totals.",
		r.auditExpand.Footing.Sum, r.auditExpand.Footing.Stated, r.auditExpand.Footing.Diff(),
		r.auditTask.Footing.Sum, r.auditTask.Footing.Stated, r.auditTask.Footing.Diff())
	end()

	head("保总数的方法 What a sum-preserving method would change (Hamilton, 最大余额法)")
	item("应扩面人数 (target %d): %s", townTarget, changes(r.hamExpand))
	item("2019年任务数 (target %d = 80%% of %d, half up): %s", r.hamTaskSize, townTarget, changes(r.hamTask))
	end()

	head("进度节点 Milestones (三(二): 2019年底完成80%以上, 2020年底完成)")
	for i, due := range r.milestones {
		m := r.policy.Milestones[i]
		exact := decimal.New(townTarget*int64(m.Percent), -2) // townTarget × Percent ÷ 100, exactly
		item("by %s: at least %d of %d (%d%% = %s, rounded up; %s)", m.By, due, townTarget, m.Percent, exact, m.Citation)
	}
}

func changes(cs []allocation.Change) string {
	if len(cs) == 0 {
		return "no change"
	}
	var b bytes.Buffer
	for i, c := range cs {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %d → %d", c.Name, c.From, c.To)
	}
	return b.String()
}

func quotaOf(r allocation.Result, name string) allocation.Quota {
	for _, s := range r.Shares {
		if s.Name == name {
			return s.Quota
		}
	}
	return allocation.Quota{}
}

func allocOf(r allocation.Result, name string) int64 {
	for _, s := range r.Shares {
		if s.Name == name {
			return s.Allocated
		}
	}
	return 0
}

func sum(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}

// parsePublished reads the embedded transcription: a header, one row per
// village, and the 合计 row last.
func parsePublished(data []byte) (published, error) {
	var p published
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return p, err
	}
	if len(rows) < 3 {
		return p, errors.New("want a header, villages and a 合计 row")
	}
	for i, row := range rows[1:] {
		if len(row) != 6 {
			return p, fmt.Errorf("line %d: %d cells, want 6", i+2, len(row))
		}
		var n [5]int64
		for j := range n {
			if n[j], err = strconv.ParseInt(row[j+1], 10, 64); err != nil {
				return p, fmt.Errorf("line %d, column %s: %w", i+2, rows[0][j+1], err)
			}
		}
		if i == len(rows)-2 {
			if row[0] != "合计" {
				return p, fmt.Errorf("line %d: the last row is %q, want 合计", i+2, row[0])
			}
			p.totAged, p.totEnrolled, p.totUninsured, p.totExpand, p.totTask2019 = n[0], n[1], n[2], n[3], n[4]
			break
		}
		p.villages = append(p.villages, row[0])
		p.aged = append(p.aged, n[0])
		p.enrolled = append(p.enrolled, n[1])
		p.uninsured = append(p.uninsured, n[2])
		p.expand = append(p.expand, n[3])
		p.task2019 = append(p.task2019, n[4])
	}
	return p, nil
}
