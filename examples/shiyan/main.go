// Command shiyan runs a whole enrollment-expansion campaign on a synthetic
// 石堰-like town (石堰府发〔2023〕10号): it generates a seeded roster,
// imports it, classifies and routes every resident under routing's
// Shiyan2023 preset, tallies the decisions by village, splits the town's
// target across the villages, and writes the documents the plan asks for.
//
// Usage:
//
//	go run ./examples/shiyan                 # print a summary
//	go run ./examples/shiyan -out DIR        # write the files into DIR
//	go run ./examples/shiyan -seed 7 -rows 5000 -asof 2023-08-31 -out DIR
//
// The files written into DIR are listed in README.md beside this file. Only
// input-roster.csv holds full identity numbers and names: it is the
// generated input. Every other file masks them or holds none.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// The files the program writes into -out.
const (
	FileInput        = "input-roster.csv"  // the generated roster (full personal data)
	FileImportReport = "import-report.txt" // 导入报告 with every rejected row, masked
	FileRosterCSV    = "roster.csv"        // 扩面人员明细表, masked
	FileRosterHTML   = "roster.html"       // the same, as a page
	FileTallyCSV     = "tally.csv"         // village × group × scheme × channel
	FileTotalsCSV    = "tally-totals.csv"  // village × scheme, with 合计
	FileTaskCSV      = "task-table.csv"    // 任务分解表
	FileTaskHTML     = "task-table.html"   // the same, with a chart
	FileBulletinCSV  = "bulletin.csv"      // month-end 通报
	FileBulletinHTML = "bulletin.html"     // the same, with a chart
	FileBulletinText = "bulletin.txt"      // the same, as aligned text
	fileMode         = 0o644
)

// config is what the flags say.
type config struct {
	out    string
	seed   uint64
	rows   int
	asOf   eligibility.Date
	target int64
	bad    int
}

func main() {
	var cfg config
	var asOf string
	flag.StringVar(&cfg.out, "out", "", "directory to write the files into (default: print a summary)")
	flag.Uint64Var(&cfg.seed, "seed", 2023, "seed of the synthetic town")
	flag.IntVar(&cfg.rows, "rows", 2000, "residents on the generated roster")
	flag.StringVar(&asOf, "asof", "2023-06-30", "as-of date of the decisions and the bulletin (month end)")
	flag.Int64Var(&cfg.target, "target", 0, "the town's target (扩面任务); 0 means 60 % of the residents to enrol")
	flag.IntVar(&cfg.bad, "bad", 20, "bad rows per thousand in the generated roster")
	flag.Parse()
	d, err := eligibility.ParseDate(asOf)
	if err != nil {
		fmt.Fprintln(os.Stderr, "shiyan:", err)
		os.Exit(2)
	}
	cfg.asOf = d
	if err := cfg.check(); err != nil {
		fmt.Fprintln(os.Stderr, "shiyan:", err)
		os.Exit(2)
	}
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "shiyan:", err)
		os.Exit(1)
	}
}

// check reports flags out of range, naming the flag.
func (cfg config) check() error {
	switch {
	case cfg.rows < 1:
		return fmt.Errorf("-rows %d: want at least 1 resident", cfg.rows)
	case cfg.bad < 0 || cfg.bad > 1000:
		return fmt.Errorf("-bad %d: want 0 to 1000 bad rows per thousand", cfg.bad)
	case cfg.target < 0:
		return fmt.Errorf("-target %d: want 0 (60 %% of the residents to enrol) or more", cfg.target)
	}
	return nil
}

// campaign holds what one run computes.
type campaign struct {
	input    []byte
	report   roster.Report
	rejected []*roster.RowError
	entries  []reporting.RosterEntry
	tally    *reporting.Tally
	villages []string
	weights  []int64
	result   allocation.Result
	task     table.Table
	bulletin reporting.Bulletin
}

func run(cfg config, stdout io.Writer) error {
	c, err := compute(cfg)
	if err != nil {
		return err
	}
	if cfg.out == "" {
		return summary(c, cfg, stdout)
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	return write(c, cfg.out)
}

func compute(cfg config) (*campaign, error) {
	input, _, err := synth.Generate(synth.Options{Seed: cfg.seed, Rows: cfg.rows, BadPerMille: cfg.bad, AsOf: cfg.asOf})
	if err != nil {
		return nil, err
	}
	c := &campaign{input: input, tally: &reporting.Tally{}}
	rt, err := routing.Compile(routing.Shiyan2023())
	if err != nil {
		return nil, err
	}
	c.report, err = reporting.RouteRoster(bytes.NewReader(input), roster.Options{Encoding: codec.Auto}, rt, cfg.asOf,
		func(row roster.Row, d *routing.Decision) error {
			c.entries = append(c.entries, reporting.NewRosterEntry(row, d, reporting.MaskOptions{}))
			return c.tally.AddDecision(row.Resident.Hukou.Village, d)
		},
		func(e *roster.RowError) error {
			c.rejected = append(c.rejected, e)
			return nil
		})
	if err != nil {
		return nil, err
	}
	if err := c.tally.Reconcile(c.report.Counts); err != nil {
		return nil, err
	}
	reporting.SortRosterEntries(c.entries) // village by village

	// Split the town's target across the villages in proportion to the
	// residents each must enrol (石堰府发〔2023〕10号 三(二)1: 根据全镇参保扩面
	// 任务向各村(社区)分配任务), by largest remainder so that the tasks sum
	// to the target.
	c.villages = c.tally.Villages()
	if len(c.villages) == 0 {
		return nil, fmt.Errorf("no row of the roster was accepted (%s): no village to give a task to", c.report.Counts)
	}
	var units []allocation.Unit
	var toEnrol int64
	for _, v := range c.tally.Totals() {
		w := v.Employee + v.Resident
		c.weights = append(c.weights, w)
		toEnrol += w
		units = append(units, allocation.Unit{Name: v.Village, Weight: w, Max: w, HasMax: true})
	}
	target := cfg.target
	if target == 0 {
		target = toEnrol * 60 / 100
	}
	c.result, err = allocation.Apportion(target, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByName))
	if err != nil {
		return nil, err
	}
	c.task, err = reporting.TaskTableFromAllocation(reporting.TaskTable{
		Title:      "石堰镇2023年基本养老保险参保扩面任务分解表（合成数据）",
		UnitHeader: "村(社区)",
		Units:      c.villages,
		Columns: []reporting.TaskColumn{
			{Header: "应参未参人数", Cells: c.weights},
			{Header: "2023年任务数", Result: &c.result, QuotaScale: 2},
		},
		Notes: []string{
			"任务按各村(社区)应参未参人数（花名册经石堰府发〔2023〕10号 二、四(二) 分类和分流后应参加企业职工或城乡居民基本养老保险的人数）以最大余数法分配，合计等于全镇任务。",
			"合成数据：村名、人员和任务均为示例生成，不是真实数据。",
		},
	})
	if err != nil {
		return nil, err
	}

	tasks := c.result.Allocations()
	enrolled := synth.Enrolled(cfg.seed, tasks)
	var progress []reporting.Progress
	for i, v := range c.villages {
		progress = append(progress, reporting.Progress{Name: v, Task: tasks[i], Enrolled: enrolled[i]})
	}
	c.bulletin, err = reporting.NewBulletin(reporting.BulletinInput{
		Title:  "石堰镇基本养老保险参保扩面工作进度通报（合成数据）",
		Town:   "石堰镇",
		AsOf:   cfg.asOf,
		Policy: routing.Shiyan2023(),
		Units:  progress,
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// write puts every file into dir.
func write(c *campaign, dir string) error {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{FileInput, func(w io.Writer) error {
			// The generated input, with a byte-order mark so that Excel
			// reads it as UTF-8. The only file with full personal data.
			if _, err := w.Write([]byte("\xEF\xBB\xBF")); err != nil {
				return err
			}
			_, err := w.Write(c.input)
			return err
		}},
		{FileImportReport, func(w io.Writer) error {
			if err := c.report.WriteText(w); err != nil {
				return err
			}
			if len(c.rejected) > 0 {
				if _, err := io.WriteString(w, "拒收的行（已脱敏）:\n"); err != nil {
					return err
				}
			}
			for _, e := range c.rejected {
				if _, err := io.WriteString(w, "  "+e.Label(language.Chinese)+"\n"); err != nil {
					return err
				}
			}
			return nil
		}},
		{FileRosterCSV, func(w io.Writer) error {
			rw, err := reporting.NewRosterWriter(w, codec.UTF8BOM)
			if err != nil {
				return err
			}
			for _, e := range c.entries {
				if err := rw.Write(e); err != nil {
					return err
				}
			}
			return rw.Close()
		}},
		{FileRosterHTML, func(w io.Writer) error {
			return reporting.RosterTable("石堰镇各村养老保险扩面人员明细表（合成数据）", c.entries).Render(w, table.FormatHTML, table.RenderOptions{})
		}},
		{FileTallyCSV, func(w io.Writer) error {
			return c.tally.Table("分村分类扩面对象汇总").Render(w, table.FormatCSV, table.RenderOptions{})
		}},
		{FileTotalsCSV, func(w io.Writer) error {
			return c.tally.TotalsTable("分村去向汇总").Render(w, table.FormatCSV, table.RenderOptions{})
		}},
		{FileTaskCSV, func(w io.Writer) error { return c.task.Render(w, table.FormatCSV, table.RenderOptions{}) }},
		{FileTaskHTML, func(w io.Writer) error { return c.task.Render(w, table.FormatHTML, table.RenderOptions{}) }},
		{FileBulletinCSV, func(w io.Writer) error { return c.bulletin.Render(w, table.FormatCSV, table.RenderOptions{}) }},
		{FileBulletinHTML, func(w io.Writer) error { return c.bulletin.Render(w, table.FormatHTML, table.RenderOptions{}) }},
		{FileBulletinText, func(w io.Writer) error { return c.bulletin.Render(w, table.FormatText, table.RenderOptions{}) }},
	}
	for _, f := range files {
		var buf bytes.Buffer
		if err := f.write(&buf); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), buf.Bytes(), fileMode); err != nil {
			return err
		}
	}
	return nil
}

// summary prints the counts, the village totals, the task table and the
// bulletin as text.
func summary(c *campaign, cfg config, w io.Writer) error {
	fmt.Fprintf(w, "石堰镇（合成数据，种子 %d）截至 %v\n", cfg.seed, cfg.asOf)
	fmt.Fprintf(w, "花名册: %s\n", c.report.Counts)
	fmt.Fprintf(w, "明细表: %d 人，其中应参加企业职工或城乡居民基本养老保险 %d 人\n\n", len(c.entries), sum(c.weights))
	var errs []error
	errs = append(errs, c.tally.TotalsTable("分村去向汇总").Render(w, table.FormatText, table.RenderOptions{}))
	io.WriteString(w, "\n")
	errs = append(errs, c.task.Render(w, table.FormatText, table.RenderOptions{}))
	io.WriteString(w, "\n")
	errs = append(errs, c.bulletin.Render(w, table.FormatText, table.RenderOptions{}))
	if cfg.out == "" {
		io.WriteString(w, "\n"+strings.TrimSpace("用 -out DIR 写出全部文件（见 examples/shiyan/README.md）。")+"\n")
	}
	return errors.Join(errs...)
}

func sum(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}
