package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/campaigncli"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/monthly"
	"github.com/canbao/kuomian/routing"
)

// result is what one run computes, before anything is written.
type result struct {
	policy   routing.Policy
	asOf     eligibility.Date
	baseline bool
	// ledger is the 实名库 built from this run's files on -asof: at the
	// baseline, the campaign's; in a month run, the people's standing this
	// month (for the masked roster and 明细表 only: the figures come from
	// the state).
	ledger *ledger.Ledger
	// month holds the village figures and the person-level changes. At the
	// baseline it is the state matched against the baseline's own insured
	// list (see baselineMonth): every 本月新增 and 累计完成 is 0.
	month    *ledger.Month
	next     *ledger.State
	bulletin reporting.Bulletin
	sources  []ledger.Source // this run's files, in order
	taskNote string
}

// compute reads every input and computes the month. Errors are
// *inputError or *usageError for bad input, others for failures.
func compute(cfg *config, prog *progress) (*result, error) {
	res := &result{policy: cfg.policy, asOf: cfg.AsOf, baseline: cfg.Previous == ""}
	var prev *ledger.State
	if !res.baseline {
		path := filepath.Join(cfg.Previous, ledger.StateFileName)
		f, err := os.Open(path)
		if err != nil {
			return nil, &inputError{"-previous: " + err.Error()}
		}
		prev, err = ledger.ReadState(f)
		f.Close()
		if err != nil {
			return nil, &inputError{path + ": " + err.Error()}
		}
	}

	prog.step("reading the files")
	pop, err := readSource(ledger.KindPopulation, cfg.Population)
	if err != nil {
		return nil, err
	}
	ins, err := readSource(ledger.KindInsured, cfg.Insured)
	if err != nil {
		return nil, err
	}
	res.sources = []ledger.Source{pop, ins}
	insured := []ledger.Source{ins}
	for _, a := range cfg.Sources {
		s, err := readSource(a.Kind, a.Path)
		if err != nil {
			return nil, err
		}
		res.sources = append(res.sources, s)
		if a.Kind == ledger.KindInsuredElsewhere {
			insured = append(insured, s)
		}
	}
	var tasks ledger.Tasks
	var taskLines map[string]monthly.TaskCell
	switch {
	case cfg.TaskFile != "":
		tasks.Villages, taskLines, err = readTasks(cfg.TaskFile)
		if err != nil {
			return nil, err
		}
		res.taskNote = "任务数取自任务表 " + filepath.Base(cfg.TaskFile) + "。"
	case cfg.Target > 0:
		tasks = ledger.Tasks{Town: cfg.Target, Method: cfg.Method, Tie: cfg.Tie}
		res.taskNote = "全镇任务 " + itoa(cfg.Target) + " 人按各村(社区)扩面对象人数比例分配（" + cfg.Method.String() + "），各村不超过其扩面对象人数。"
	case res.baseline:
		res.taskNote = "未给出任务表或全镇任务：各村(社区)任务数即其扩面对象人数（应扩面人数）。"
	default:
		res.taskNote = "任务数为基线确定的任务，随实名库状态文件逐月沿用。"
	}

	prog.step("matching " + strconv.Itoa(len(res.sources)) + " files (大数据比对)")
	res.ledger, err = ledger.Build(ledger.Input{Policy: cfg.policy, AsOf: cfg.AsOf, Sources: res.sources, Tasks: tasks})
	if err != nil {
		if errors.Is(err, ledger.ErrTasks) && taskLines != nil {
			return nil, taskError(cfg, res.sources, taskLines, err)
		}
		return nil, inputErr(err)
	}
	if !res.ledger.Report().Reconciles() {
		return nil, errors.New("internal error: a source does not reconcile (rows read ≠ matched + not in the base + rejected)")
	}

	prog.step("running the month")
	if res.baseline {
		res.next = res.ledger.State()
		res.month, err = baselineMonth(cfg.policy, res.next, insured)
	} else {
		res.month, err = prev.Month(cfg.policy, ledger.MonthInput{AsOf: cfg.AsOf, Insured: insured, Base: []ledger.Source{pop}})
		if err == nil {
			res.next = res.month.Next
		}
	}
	if err != nil {
		return nil, inputErr(err)
	}
	if !res.month.Report.Reconciles() {
		return nil, errors.New("internal error: this month's files do not reconcile against the state")
	}

	res.bulletin, err = monthly.NewBulletin(cfg.policy, res.month)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// baselineMonth returns the village figures at the baseline: the
// baseline's state matched against the baseline's own insured lists, a day
// later. Nobody's insurance changes, so every 本月新增 and 累计完成 is 0,
// and each village has its 任务数, 扩面对象 and 跟踪对象. (The ledger gives
// no per-village figures of its own: see the report.)
func baselineMonth(p routing.Policy, st *ledger.State, insured []ledger.Source) (*ledger.Month, error) {
	m, err := st.Month(p, ledger.MonthInput{AsOf: st.AsOf().AddDays(1), Insured: insured})
	if err != nil {
		return nil, err
	}
	if t := m.Total; t.New != 0 || t.Completed != 0 || t.PrevCompleted != 0 {
		return nil, fmt.Errorf("internal error: the baseline has %d enrolled targets", t.Completed)
	}
	m.AsOf, m.Previous, m.Changes, m.Next = st.AsOf(), st.AsOf(), nil, nil
	return m, nil
}

// inputErr classifies an error of the ledger: the files' fault (exit 2)
// unless it is plainly not.
func inputErr(err error) error {
	return &inputError{campaigncli.Describe(err)}
}

// readTasks reads the -task file (CSV or .xlsx) with monthly.ReadTasks.
func readTasks(path string) (map[string]int64, map[string]monthly.TaskCell, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, nil, err
	}
	tasks, cells, err := monthly.ReadTasks(filepath.Base(path), data)
	if err != nil {
		return nil, nil, &inputError{err.Error()}
	}
	return tasks, cells, nil
}

// taskError locates a task table the ledger refused: the first village of
// the file that is not in the population base, by line.
func taskError(cfg *config, srcs []ledger.Source, lines map[string]monthly.TaskCell, err error) error {
	l, berr := ledger.Build(ledger.Input{Policy: cfg.policy, AsOf: cfg.AsOf, Sources: srcs})
	if berr != nil {
		return inputErr(err)
	}
	have := map[string]bool{}
	for i := range l.Len() {
		e, _ := l.Entry(i)
		have[e.Resident.Hukou.Village] = true
	}
	type missingVillage struct {
		line    int
		village string
	}
	var missing []missingVillage
	for v, c := range lines {
		if !have[v] {
			missing = append(missing, missingVillage{c.Line, v})
		}
	}
	if len(missing) == 0 {
		return &inputError{filepath.Base(cfg.TaskFile) + ": " + err.Error()}
	}
	slices.SortFunc(missing, func(a, b missingVillage) int { return a.line - b.line })
	var b bytes.Buffer
	for i, m := range missing {
		if i > 0 {
			b.WriteString("\n  ")
		}
		fmt.Fprintf(&b, "%s 第 %d 行，村(社区)“%s”：户籍人口中没有这个村(社区)", filepath.Base(cfg.TaskFile), m.line, m.village)
	}
	return &inputError{b.String()}
}
