package campaigncli

import (
	"errors"
	"flag"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
)

// Flags are the flags both programs take, as their users write them
// (-policy is loaded by each program: one reads files, the other through
// Beam's file systems). Check fills AsOf, Method and Tie.
type Flags struct {
	PolicyArg  string // -policy: a preset id or a policy JSON file
	Population string
	Insured    string
	Sources    Sources
	Previous   string
	TaskFile   string
	Target     int64
	Out        string

	AsOf   eligibility.Date
	Method allocation.Method
	Tie    allocation.TieRule

	asOf, method, tie string // as written
}

// Define defines the flags on fs.
func (f *Flags) Define(fs *flag.FlagSet) {
	fs.StringVar(&f.PolicyArg, "policy", "", "policy: a preset id (luodong-2019, shiyan-2023) or a policy JSON file")
	fs.StringVar(&f.asOf, "asof", "", "the day the files describe, YYYY-MM-DD (the baseline, or this month's end)")
	fs.StringVar(&f.Population, "population", "", "population base (户籍人口), CSV or .xlsx")
	fs.StringVar(&f.Insured, "insured", "", "this month's insured list (参保库 export), CSV or .xlsx")
	fs.Var(&f.Sources, "source", "a department list as KIND=FILE (低保=民政低保.xlsx, 被征地=征地名单.csv, …); repeat")
	fs.StringVar(&f.Previous, "previous", "", "last month's -out directory (its state file); without it the run is the baseline")
	fs.StringVar(&f.TaskFile, "task", "", "baseline only: task table, CSV or .xlsx with 村(社区) and 任务数 columns")
	fs.Int64Var(&f.Target, "target", 0, "baseline only: the town's target, split across villages in proportion to their targets")
	fs.StringVar(&f.method, "method", "hamilton", "with -target: apportionment method (hamilton, dhondt, sainte-lague, …)")
	fs.StringVar(&f.tie, "tie", "fail", "with -target: tie rule (fail, order, weight, name)")
	fs.StringVar(&f.Out, "out", "", "directory to write the month's files into (replaced as a whole)")
}

// Check checks the flags together and parses -asof, -method and -tie. Its
// error is a usage error (exit status 2), its message naming the flag.
func (f *Flags) Check() error {
	switch {
	case f.PolicyArg == "":
		return errors.New("-policy is required")
	case f.asOf == "":
		return errors.New("-asof is required")
	case f.Population == "":
		return errors.New("-population is required")
	case f.Insured == "":
		return errors.New("-insured is required")
	case f.Out == "":
		return errors.New("-out is required")
	case f.TaskFile != "" && f.Target != 0:
		return errors.New("give -task or -target, not both")
	case f.Target < 0:
		return errors.New("-target must be positive")
	case f.Previous != "" && (f.TaskFile != "" || f.Target != 0):
		return errors.New("-task and -target set the baseline's tasks; a month run (-previous) carries them in the state file")
	}
	d, err := eligibility.ParseDate(f.asOf)
	if err != nil {
		return errors.New("-asof: " + err.Error())
	}
	f.AsOf = d
	if f.Method, err = allocation.ParseMethod(f.method); err != nil {
		return errors.New("-method: " + err.Error())
	}
	if f.Tie, err = allocation.ParseTieRule(f.tie); err != nil {
		return errors.New("-tie: " + err.Error())
	}
	return nil
}
