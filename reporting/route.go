package reporting

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// Router decides where one resident goes on a date. A compiled
// [*routing.Router] is one. (An interface rather than a func value: calling
// through a method value would copy every decision once more.)
//
// A Router that also has the method
//
//	RouteInto(d *routing.Decision, r *eligibility.Resident, asOf eligibility.Date) error
//
// giving the result of Route into *d, as [routing.Router.RouteInto] does, is
// called through it: the pipeline then reuses one decision per goroutine
// instead of copying a new one (about 1.3 KB) for every row.
type Router interface {
	Route(r eligibility.Resident, asOf eligibility.Date) (routing.Decision, error)
}

// routerInto is the optional fast path of a [Router].
type routerInto interface {
	RouteInto(d *routing.Decision, r *eligibility.Resident, asOf eligibility.Date) error
}

// routeInto routes r into d through fast when it is not nil, else through
// route.
func routeInto(route Router, fast routerInto, d *routing.Decision, r *eligibility.Resident, asOf eligibility.Date) error {
	if fast != nil {
		return fast.RouteInto(d, r, asOf)
	}
	var err error
	*d, err = route.Route(*r, asOf)
	return err
}

// ErrNotRouted is returned in [roster.RowError].Err for a row that was read
// but for which the router gave no decision (the router's error, such as a
// [*routing.FactError], in Cause).
var ErrNotRouted error = &labelledError{msg: "no routing decision for this row", zh: "无法判定参保去向"}

// labelledError is a sentinel with a Chinese label, which
// [roster.RowError.Label] and [roster.Report.WriteText] use.
type labelledError struct{ msg, zh string }

func (e *labelledError) Error() string { return e.msg }

// Label returns the error's Chinese label for a Chinese tag, else its
// message.
func (e *labelledError) Label(tag language.Tag) string {
	if base, _ := tag.Base(); base.String() == "zh" {
		return e.zh
	}
	return e.msg
}

// routeCause is the Cause of an [ErrNotRouted] row error: the router's
// error, labelled in Chinese for the reasons a router gives no decision.
type routeCause struct{ err error }

func (c *routeCause) Error() string { return c.err.Error() }
func (c *routeCause) Unwrap() error { return c.err }

// Label returns the Chinese name of the reason, or "" when it has none.
func (c *routeCause) Label(tag language.Tag) string {
	if base, _ := tag.Base(); base.String() != "zh" {
		return c.err.Error()
	}
	for _, l := range routeErrLabels {
		if errors.Is(c.err, l.err) {
			return l.label
		}
	}
	return ""
}

// routeErrLabels are the Chinese names of the reasons a router gives no
// decision.
var routeErrLabels = []struct {
	err   error
	label string
}{
	{routing.ErrNoBirthDate, "缺少出生日期"},
	{routing.ErrBornAfterAsOf, "出生日期晚于统计日期"},
	{routing.ErrNoGender, "缺少性别，无法按年龄分流"},
	{routing.ErrNoRule, "没有适用的分流规则"},
	{routing.ErrRetirementRule, "无法确定法定退休年龄"},
}

// AddDecision counts the resident of village routed by d: its target groups,
// outcome and channel.
func (t *Tally) AddDecision(village string, d *routing.Decision) error {
	return t.Add(TallyEntry{Village: village, Groups: d.Groups, Outcome: d.Outcome, Channel: d.Channel, Rulebook: d.Rulebook()})
}

// TallyOptions configures [TallyRoster].
type TallyOptions struct {
	// Roster says how the roster is read: its encoding and headers.
	Roster roster.Options
	// AsOf is the date every resident is routed for.
	AsOf eligibility.Date
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Reject, when not nil, is called for every rejected row, in line
	// order, after all rows are read. (The workers hold the errors of
	// rejected rows until then: memory grows with the number of rejected
	// rows, never with accepted ones.)
	Reject func(*roster.RowError)
}

// TallyResult is what [TallyRoster] returns.
type TallyResult struct {
	Tally  *Tally
	Report roster.Report
}

// TallyRoster reads a roster held in memory, routes every accepted row
// with route on opt.AsOf and tallies the decisions, on opt.Workers
// goroutines: the roster is cut into shards at record boundaries
// ([roster.NewShards]), each read by the same [roster.Reader] that
// [RouteRoster] uses, routed and tallied into a [Tally] of its own; the
// tallies and reports are merged in order at the end, which gives exactly
// the answer of one pass (see [Tally]).
//
// A person given twice counts once, as [RouteRoster] counts them: the
// later rows of each person (in file order, whatever the cuts) are
// rejected with [roster.ErrDuplicatePerson]. The shards cannot see each
// other's people, so each worker tallies what its reader accepts and
// notes, per tallied row, its line and cell (24 bytes); the rows
// [roster.Shards.Duplicates] names afterwards are taken out of the tally
// again. With the readers' own log, memory grows by about 100 bytes per
// accepted row; no row itself is kept.
//
// It accepts and rejects the rows [RouteRoster] accepts and rejects, with
// the same errors, and its report is the same: a row the router cannot
// decide is rejected with [ErrNotRouted]; a [*routing.PeriodError]
// (opt.AsOf outside the policy's period) stops it with that error, as do
// bytes invalid in the encoding (a [*codec.DecodeError]). The result's
// Report.Counts reconciles, and the tally counts exactly the accepted rows.
func TallyRoster(data []byte, route Router, opt TallyOptions) (TallyResult, error) {
	return tallyRoster(data, route, opt, 0)
}

// tallyRoster is TallyRoster with the least shard size as a parameter, so
// that tests can cut small inputs (0: the default).
func tallyRoster(data []byte, route Router, opt TallyOptions, minShard int) (TallyResult, error) {
	ropt := opt.Roster
	ropt.DiscardNames = true // a tally shows no name
	split := func(n int) (*roster.Shards, error) {
		return roster.NewShards(data, ropt, n, minShard)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// More shards than workers, taken in turn, so that a worker slowed down
	// (by another process on its core) does not hold up the rest.
	res, err := tallyShards(route, opt, workers, workers*shardsPerWorker, split)
	if errors.Is(err, codec.ErrCutInQuotes) {
		// A cut fell inside a quoted field of malformed CSV: read it whole.
		return tallyShards(route, opt, 1, 1, split)
	}
	return res, err
}

// shardsPerWorker is how many shards each worker gets on average: enough
// that the last shards, taken while the other workers have none left, are
// a small part of the work, few enough that cutting them costs nothing
// measurable.
const shardsPerWorker = 32

// shardResult is what a worker found in one shard beyond its tally.
type shardResult struct {
	errs  []*roster.RowError // rejected rows, when opt.Reject is set
	fatal error              // an error not about one row
	marks []tallyMark        // the rows tallied, in line order
}

// tallyMark is where one row was tallied, to take it out again when it
// turns out to repeat a person of an earlier shard.
type tallyMark struct {
	vt   *villageTally
	line int
	gs   eligibility.GroupSet
	o    routing.Outcome
	c    routing.Channel
}

// untally takes out of vt one resident that [Tally.add] counted with gs,
// o and c.
func untally(vt *villageTally, gs eligibility.GroupSet, o routing.Outcome, c routing.Channel) {
	vt.residents--
	vt.routed[o][c]--
	m := uint16(gs &^ 1)
	if m == 0 {
		vt.grouped[GroupNone][o][c]--
		return
	}
	for ; m != 0; m &= m - 1 {
		vt.grouped[bits.TrailingZeros16(m)][o][c]--
	}
}

func tallyShards(route Router, opt TallyOptions, workers, n int, split func(n int) (*roster.Shards, error)) (TallyResult, error) {
	sh, err := split(n)
	if err != nil {
		return TallyResult{}, err
	}
	readers := sh.Readers()
	results := make([]shardResult, len(readers))
	tallies := make([]Tally, min(workers, len(readers)))
	fast, _ := route.(routerInto)
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range tallies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d routing.Decision // reused: a decision is large
			for {
				i := int(next.Add(1)) - 1
				if i >= len(readers) {
					return
				}
				results[i] = tallyShard(readers[i], &tallies[k], route, fast, &d, opt)
			}
		}()
	}
	wg.Wait()
	dups, err := sh.Duplicates()
	if errors.Is(err, codec.ErrCutInQuotes) {
		return TallyResult{}, err
	}
	for _, r := range results {
		if r.fatal != nil {
			return TallyResult{}, r.fatal
		}
	}
	if err != nil {
		return TallyResult{}, err
	}
	rep, _ := sh.Report() // the error is Duplicates'
	for len(dups) > 0 {
		k := dups[0].Shard
		n := 1
		for n < len(dups) && dups[n].Shard == k {
			n++
		}
		results[k].takeOut(dups[:n], opt.Reject != nil)
		dups = dups[n:]
	}
	for k := range tallies {
		for v, vt := range tallies[k].villages {
			if vt.residents == 0 { // every row of it repeated a person
				delete(tallies[k].villages, v)
			}
		}
	}
	if opt.Reject != nil {
		for _, r := range results {
			for _, e := range r.errs {
				opt.Reject(e)
			}
		}
	}
	res := TallyResult{Tally: &Tally{}, Report: rep}
	for k := range tallies {
		res.Tally.Merge(&tallies[k])
	}
	return res, nil
}

// takeOut counts the rows of dups, all of this shard and in line order, as
// rejected duplicates: each row tallied is taken out of its tally; with
// errs, each row's error takes its place in line order (replacing the
// error of a row refused as not routed).
func (r *shardResult) takeOut(dups []roster.Duplicate, errs bool) {
	var merged []*roster.RowError
	i := 0
	for _, d := range dups {
		line := d.Err.Line
		if j, ok := slices.BinarySearchFunc(r.marks, line, func(m tallyMark, line int) int { return cmp.Compare(m.line, line) }); ok {
			m := &r.marks[j]
			untally(m.vt, m.gs, m.o, m.c)
		}
		if !errs {
			continue
		}
		for i < len(r.errs) && r.errs[i].Line < line {
			merged = append(merged, r.errs[i])
			i++
		}
		if i < len(r.errs) && r.errs[i].Line == line {
			i++ // refused as not routed: one reader refuses it as a duplicate first
		}
		merged = append(merged, d.Err)
	}
	if errs {
		r.errs = append(merged, r.errs[i:]...)
	}
}

// tallyShard reads, routes and tallies the rows of one shard.
func tallyShard(rr *roster.Reader, t *Tally, route Router, fast routerInto, d *routing.Decision, opt TallyOptions) shardResult {
	var res shardResult
	// The resident is routed from one variable the shard reuses: passing
	// &row.Resident to the router (an interface) would move every row to
	// the heap.
	resident := new(eligibility.Resident)
	var re *roster.RowError // declared once: errors.As takes its address
	for {
		row, err := rr.Next()
		if err == io.EOF {
			return res
		}
		re = nil
		if err != nil && !errors.As(err, &re) {
			return res // a read error: the merged report returns it
		}
		if err == nil {
			*resident = row.Resident
			if rerr := routeInto(route, fast, d, resident, opt.AsOf); rerr != nil {
				var pe *routing.PeriodError
				if errors.As(rerr, &pe) {
					res.fatal = rerr
					return res
				}
				re = rr.Refuse(row, ErrNotRouted, &routeCause{rerr})
			} else {
				if d.Outcome >= tallyOutcomes || d.Channel >= tallyChannels {
					res.fatal = fmt.Errorf("%w: outcome %d, channel %d", ErrTallyRange, d.Outcome, d.Channel)
					return res
				}
				vt := t.village(row.Resident.Hukou.Village)
				t.add(vt, d.Groups, d.Outcome, d.Channel)
				res.marks = append(res.marks, tallyMark{vt: vt, line: row.Line, gs: d.Groups, o: d.Outcome, c: d.Channel})
				if t.groups == nil {
					t.groups = d.Rulebook()
				}
				continue
			}
		}
		if opt.Reject != nil {
			res.errs = append(res.errs, re)
		}
	}
}

// RouteRoster reads a roster from r with a [roster.Reader], routes every
// accepted row with route on asOf, and calls each with the row and its
// decision, in file order. A row the router cannot decide is rejected with
// [ErrNotRouted] and passed to reject instead; the returned report counts
// it among the rejected rows, so that Counts.Accepted is the number of rows
// each was called for and Counts still reconciles. A [*routing.PeriodError]
// (asOf outside the policy) stops the read with that error, as does an
// error returned by a callback. Either callback may be nil.
func RouteRoster(r io.Reader, opt roster.Options, route Router, asOf eligibility.Date,
	each func(roster.Row, *routing.Decision) error, reject func(*roster.RowError) error) (roster.Report, error) {
	rr, err := roster.NewReader(r, opt)
	if err != nil {
		return roster.Report{}, err
	}
	var d routing.Decision // reused: a decision is large
	fast, _ := route.(routerInto)
	for {
		row, err := rr.Next()
		if err == io.EOF {
			return rr.Report(), nil
		}
		var re *roster.RowError
		if err == nil {
			rerr := routeInto(route, fast, &d, &row.Resident, asOf)
			if rerr == nil {
				if each != nil {
					if err := each(row, &d); err != nil {
						return rr.Report(), err
					}
				}
				continue
			}
			var pe *routing.PeriodError
			if errors.As(rerr, &pe) {
				return rr.Report(), rerr
			}
			re = rr.Refuse(row, ErrNotRouted, &routeCause{rerr})
		} else if !errors.As(err, &re) {
			return rr.Report(), err
		}
		if reject != nil {
			if err := reject(re); err != nil {
				return rr.Report(), err
			}
		}
	}
}
