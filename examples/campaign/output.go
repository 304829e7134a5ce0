package main

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/monthly"
)

// The files of -out are a campaign month's (package reporting/monthly):
// the tables, their notes, the report and the state, written into place
// at once.

// files returns what the files of -out are made of.
func (r *result) files() (*monthly.Month, error) {
	people, err := monthly.LedgerRows(r.ledger)
	if err != nil {
		return nil, err
	}
	return &monthly.Month{
		Policy: r.policy, AsOf: r.asOf, Baseline: r.baseline,
		Figures: r.month, Next: r.next, Bulletin: r.bulletin,
		Rows: people, TaskNote: r.taskNote,
		Report: r.ledger.Report().WriteText,
	}, nil
}

// writeAll writes every file of -out, the state last, as monthly.WriteDir
// does: nothing half-written is ever in out, and an out that a campaign
// run did not write is refused (a usage error). It returns the names of
// the files written.
func (r *result) writeAll(out string) ([]string, error) {
	m, err := r.files()
	if err != nil {
		return nil, err
	}
	files, err := m.Outputs()
	if err != nil {
		return nil, err
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
		fmt.Fprintf(&b, "campaign: baseline %s of %s: ", r.asOf, monthly.Town(r.policy))
	} else {
		fmt.Fprintf(&b, "campaign: month %s of %s (previous %s): ", r.asOf, monthly.Town(r.policy), r.month.Previous)
	}
	fmt.Fprintf(&b, "%d files, %d rows reconciled (%d matched + %d not in the base + %d rejected; see %s); ",
		len(r.sources), rows, matched, unmatched, rejected, monthly.FileReport)
	fmt.Fprintf(&b, "%d people in the 实名库, %d targets in %d villages; 本月新增 %d, 累计完成 %d of 任务数 %d (%s, %s). ",
		r.ledger.Len(), r.month.Total.Targets, len(r.month.Villages), t.Month.New, t.Enrolled, t.Task, rate, t.Status.Label(language.Chinese))
	fmt.Fprintf(&b, "Wrote %d files to %s: %s; the state file %s holds full identity numbers (owner-only): keep it, and pass -previous %s next month.",
		len(files), out, strings.Join(files[:len(files)-1], ", "), ledger.StateFileName, out)
	return b.String()
}
