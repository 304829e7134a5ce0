package ledger

// The building blocks of Build and State.Month, one person at a time, for
// a pipeline that reads the sources on some machines, groups each person's
// rows by identity number on others and writes the results on a last one
// (examples/province runs them on Apache Beam). [Build] and [State.Month]
// are the reference: parts_test.go checks that these blocks give the same
// ledger, state and figures, byte for byte.

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// Row is one accepted row of one source, as [Build] reads it: what the row
// says about one person, and where it is (source and line). Its bytes
// ([Row.MarshalBinary]) hold the full identity number.
type Row struct {
	source  int
	r       rec
	name    string
	village string
	area    string
	licence string
	tier    decimal.Decimal
	warns   []rowWarn
}

// rowWarn is one warning of a row: what the merge needs of it.
type rowWarn struct {
	column string
	col    roster.Column
	value  string
	incons bool // roster.ErrInconsistent
}

// Key returns the canonical identity number of the row's person: the key
// to group a person's rows by.
func (r *Row) Key() string { return r.r.id.String() }

// Source returns the index of the row's source.
func (r *Row) Source() int { return r.source }

// Line returns the row's line in its source.
func (r *Row) Line() int { return int(r.r.line) }

// SourceRows is one source read as [Build] reads it: its accepted rows (in
// line order, those kept with a fact left unknown included), its report
// (Rows, Rejected and Recovered set; the matching counts are the people's,
// see [Merger.Person]), and its rejected rows and warnings, in line order.
type SourceRows struct {
	Rows     []Row
	Report   SourceReport
	Rejected []*SourceError
	Warnings []*SourceError
}

// ReadSource reads s, the source of index si among a build's (or a
// month's) sources, with the one roster reader, exactly as [Build] and
// [State.Month] read it (on all cores; rows rejected only for an optional
// column read again without it). It returns the errors Build returns for
// a source it cannot read, naming si.
func ReadSource(si int, s Source) (*SourceRows, error) {
	reads, err := readSources([]Source{s})
	if err != nil {
		var se *SourceError
		if errors.As(err, &se) {
			se.Source = si
		}
		return nil, err
	}
	sr := reads[0]
	out := &SourceRows{Report: SourceReport{Index: si, Name: s.Name, Kind: s.Kind, Roster: sr.report,
		Rows: sr.report.Counts.Rows, Rejected: len(sr.rejects)}}
	for _, re := range sr.rejects {
		out.Rejected = append(out.Rejected, &SourceError{Source: si, Name: s.Name, Err: re})
	}
	sr.each(func(sh *shard, r *rec) {
		row := Row{source: si, r: *r,
			village: sh.strs.str(r.village), area: sh.strs.str(r.area), licence: sh.strs.str(r.licence), tier: sh.tiers.get(r.tier)}
		if s.Kind == KindPopulation {
			row.name = string(sh.names[r.name : r.name+uint32(r.nameLen)])
		}
		// The shard's numbers mean nothing outside it: the strings hold
		// the values (Merger.Person numbers them again).
		row.r.village, row.r.area, row.r.licence, row.r.tier, row.r.name = 0, 0, 0, 0, 0
		if sh.warn != nil {
			if ws := sh.warn[r.line]; ws != nil {
				out.Report.Recovered++
				for _, re := range ws {
					out.Warnings = append(out.Warnings, &SourceError{Source: si, Name: s.Name, Err: re})
					row.warns = append(row.warns, rowWarn{column: re.Column, col: sr.colOf[re.Column], value: re.Value,
						incons: errors.Is(re.Err, roster.ErrInconsistent)})
				}
			}
		}
		out.Rows = append(out.Rows, row)
	})
	return out, nil
}

// errWarned stands for a warning other than roster.ErrInconsistent inside
// a person's merge, where only its presence counts.
var errWarned = errors.New("warned")

// Merger merges and decides one person at a time, as [Build] does for all.
// Make one with [NewMerger]; it is safe for concurrent use.
type Merger struct {
	in    Input
	rt    *routing.Router
	known func(string) bool
}

// NewMerger checks in as [Build] does (policy, date, number of sources, a
// population base among them) and returns a merger for its sources. The
// sources' Data is not read: only their kinds and names matter.
//
// known reports whether a string is a village (or 户籍地, or licence) the
// whole ledger keeps: [Build] shows such a name as it is in a village
// conflict, and masks any other. Give it the villages, 户籍地 and licences
// of the population base's rows; nil knows only the person's own.
func NewMerger(in Input, known func(string) bool) (*Merger, error) {
	rt, err := routing.Compile(in.Policy)
	if err != nil {
		return nil, err
	}
	if !in.Policy.Effective.Contains(in.AsOf) {
		return nil, &routing.PeriodError{Policy: in.Policy.ID, AsOf: in.AsOf, Period: in.Policy.Effective}
	}
	if len(in.Sources) > 1<<16-1 {
		return nil, fmt.Errorf("ledger: %d sources, at most %d", len(in.Sources), 1<<16-1)
	}
	if !slices.ContainsFunc(in.Sources, func(s Source) bool { return s.Kind == KindPopulation }) {
		return nil, ErrNoBase
	}
	in.Policy = in.Policy.Clone()
	in.Sources = slices.Clone(in.Sources)
	for i := range in.Sources {
		in.Sources[i].Data = nil
	}
	return &Merger{in: in, rt: rt, known: known}, nil
}

// Person is one identity number's rows merged as [Build] merges them: the
// person of the 实名库 when a population base names them, and what the
// 大数据比对 report says of these rows.
type Person struct {
	// InBase reports whether a population source names the person; if not,
	// Entry and State are zero and the rows are only in Report.
	InBase bool
	Entry  Entry      // as Ledger.Entry gives it
	State  StateEntry // the person's line of Ledger.State
	// Report holds this person's part of the build's report: per source
	// the Matched, Unmatched and Duplicates counts (Rows, Rejected and
	// Recovered are the source's, see ReadSource), and the people not in
	// the base, duplicates and conflicts. [MergeReports] puts the parts
	// together in the order Build gives.
	Report MatchReport
}

// Person merges the rows of one person — every row of every source whose
// [Row.Key] is the same, in any order — and classifies and routes them on
// the baseline, exactly as [Build] does.
func (m *Merger) Person(rows []Row) (*Person, error) {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b Row) int { return cmp.Or(cmp.Compare(a.source, b.source), cmp.Compare(a.r.line, b.r.line)) })
	n := len(m.in.Sources)
	reads := make([]*sourceRead, n)
	for si, s := range m.in.Sources {
		reads[si] = &sourceRead{kind: s.Kind, shards: []*shard{{}}, colOf: map[string]roster.Column{}}
	}
	for i := range rows {
		row := &rows[i]
		if row.source < 0 || row.source >= n {
			return nil, fmt.Errorf("ledger: row of source %d, there are %d", row.source, n)
		}
		sr := reads[row.source]
		sh := sr.shards[0]
		r := row.r
		r.village, r.area, r.licence = sh.strs.id(row.village), sh.strs.id(row.area), sh.strs.id(row.licence)
		r.tier = sh.tiers.id(row.tier)
		if sr.kind == KindPopulation {
			r.name = uint32(len(sh.names))
			sh.names = append(sh.names, row.name...)
		}
		for _, w := range row.warns {
			err := errWarned
			if w.incons {
				err = roster.ErrInconsistent
			}
			sh.warnAt(r.line, &roster.RowError{Line: int(r.line), Column: w.column, Value: w.value, Err: err})
			sr.colOf[w.column] = w.col
		}
		sh.recs = append(sh.recs, r)
	}
	l := &Ledger{asOf: m.in.AsOf, policy: m.in.Policy, rt: m.rt}
	if m.known != nil {
		for i := range rows {
			for _, s := range [...]string{rows[i].village, rows[i].area, rows[i].licence} {
				if s != "" && m.known(s) {
					l.strs.id(s)
				}
			}
		}
	}
	for _, s := range m.in.Sources {
		l.srcs = append(l.srcs, srcMeta{s.Name, s.Kind})
	}
	mg := newMerger(l, m.in.Sources, reads)
	mg.run()
	mg.finish()
	l.route()
	p := &Person{Report: l.report}
	for i := range p.Report.Sources {
		s := &p.Report.Sources[i]
		s.Rows, s.Rejected, s.Recovered = 0, 0, 0
	}
	p.Report.Warnings = nil
	if l.Len() == 1 {
		e, err := l.Entry(0)
		if err != nil {
			return nil, err
		}
		pp := &l.persons[0]
		p.InBase, p.Entry = true, e
		p.State = StateEntry{ID: pp.id, Village: l.villageName(pp.village), Role: pp.role, Outcome: pp.outcome, Insurance: pp.ins, InBase: true}
	}
	return p, nil
}

// MergeReports puts a build's report together from its sources'
// ([ReadSource], in source order) and its people's ([Person.Report]), in
// the order [Build] gives. The people may come in any order, except that
// Undecided keeps theirs: give them in the order of their identity numbers
// for Build's.
func MergeReports(srcs []*SourceRows, people []*MatchReport) *MatchReport {
	r := &MatchReport{Sources: make([]SourceReport, len(srcs))}
	for i, s := range srcs {
		r.Sources[i] = s.Report
		r.Rejected = append(r.Rejected, s.Rejected...)
	}
	// Warnings: the population sources first, then the others (Build's
	// order of matching), each in line order.
	for _, base := range []bool{true, false} {
		for _, s := range srcs {
			if (s.Report.Kind == KindPopulation) == base {
				r.Warnings = append(r.Warnings, s.Warnings...)
			}
		}
	}
	for _, p := range people {
		for i, s := range p.Sources {
			if i < len(r.Sources) {
				r.Sources[i].Matched += s.Matched
				r.Sources[i].Unmatched += s.Unmatched
				r.Sources[i].Duplicates += s.Duplicates
			}
		}
		r.Unmatched = append(r.Unmatched, p.Unmatched...)
		r.Duplicates = append(r.Duplicates, p.Duplicates...)
		r.Conflicts = append(r.Conflicts, p.Conflicts...)
		r.Undecided = append(r.Undecided, p.Undecided...)
	}
	slices.SortFunc(r.Unmatched, func(a, b Sighting) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
	slices.SortFunc(r.Duplicates, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
	slices.SortStableFunc(r.Conflicts, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(a.Other.Source, b.Other.Source), cmp.Compare(a.Other.Line, b.Other.Line), cmp.Compare(a.Fact, b.Fact))
	})
	return r
}

// StateEntry is one person of a [State]: a line of the state file, with
// the village by name.
type StateEntry struct {
	ID        eligibility.IDNumber
	Village   string
	Role      Role
	Outcome   routing.Outcome
	Insurance eligibility.Insurance // as of the state's date
	InBase    bool                  // in the population base at the state's date
}

// Entries returns the people of the state in the order of their identity
// numbers.
func (s *State) Entries() []StateEntry {
	out := make([]StateEntry, len(s.people))
	for i, p := range s.people {
		out[i] = StateEntry{ID: p.id, Village: s.villages[p.village], Role: p.role, Outcome: p.outcome, Insurance: p.ins, InBase: p.inBase}
	}
	return out
}

// Villages returns the state's villages, in byte order of their names,
// and their tasks (任务数).
func (s *State) Villages() (names []string, tasks []int64) {
	return slices.Clone(s.villages), slices.Clone(s.tasks)
}

// NewState assembles a state from its parts: the policy it was built
// under, the baseline and its date, the villages with their tasks (in any
// order) and the people (in any order; each village among the villages).
// It is the state [Ledger.State] or [Month.Next] gives for the same
// people, byte for byte.
func NewState(p routing.Policy, baseline, asOf eligibility.Date, villages []string, tasks []int64, people []StateEntry) (*State, error) {
	if len(villages) != len(tasks) {
		return nil, fmt.Errorf("ledger: %d villages, %d tasks", len(villages), len(tasks))
	}
	s := &State{policyID: p.ID, policyVersion: p.Version, baseline: baseline, asOf: asOf}
	order := make([]int, len(villages))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(villages[a], villages[b]) })
	num := make(map[string]uint32, len(villages))
	for _, i := range order {
		if _, dup := num[villages[i]]; dup {
			return nil, fmt.Errorf("ledger: village %q given twice", villages[i])
		}
		num[villages[i]] = uint32(len(s.villages))
		s.villages = append(s.villages, villages[i])
		s.tasks = append(s.tasks, tasks[i])
	}
	s.people = make([]statePerson, len(people))
	for i, e := range people {
		v, ok := num[e.Village]
		if !ok {
			return nil, fmt.Errorf("ledger: %s: village %q is not among the state's villages", e.ID.Masked(), e.Village)
		}
		s.people[i] = statePerson{id: e.ID, village: v, role: e.Role, outcome: e.Outcome, ins: e.Insurance, inBase: e.InBase}
	}
	slices.SortFunc(s.people, func(a, b statePerson) int { return cmp.Compare(idKey(a.id), idKey(b.id)) })
	for i := 1; i < len(s.people); i++ {
		if idKey(s.people[i].id) == idKey(s.people[i-1].id) {
			return nil, fmt.Errorf("ledger: %s given twice", s.people[i].id.Masked())
		}
	}
	s.index()
	return s, nil
}

// VillageTasks returns the 任务数 of each village, given each village's
// number of targets, as [Build] sets them from t (see [Tasks]).
func VillageTasks(t Tasks, villages []string, targets []int64) ([]int64, error) {
	if len(villages) != len(targets) {
		return nil, fmt.Errorf("ledger: %d villages, %d target counts", len(villages), len(targets))
	}
	// setTasks with the targets counted.
	l := &Ledger{villages: slices.Clone(villages)}
	slices.Sort(l.villages)
	sorted := make([]int64, len(villages))
	for i, v := range villages {
		j, _ := slices.BinarySearch(l.villages, v)
		sorted[j] = targets[i]
	}
	if err := l.splitTasks(t, sorted); err != nil {
		return nil, err
	}
	out := make([]int64, len(villages))
	for i, v := range villages {
		j, _ := slices.BinarySearch(l.villages, v)
		out[i] = l.tasks[j]
	}
	return out, nil
}

// splitTasks is setTasks with each village's targets given (l.villages
// set, sorted).
func (l *Ledger) splitTasks(t Tasks, targets []int64) error {
	l.tasks = make([]int64, len(l.villages))
	switch {
	case t.Villages != nil:
		names := make([]string, 0, len(t.Villages))
		for v := range t.Villages {
			names = append(names, v)
		}
		slices.Sort(names)
		for _, v := range names {
			i, ok := slices.BinarySearch(l.villages, v)
			if !ok {
				return fmt.Errorf("%w: village %q of the task table is not in the population base", ErrTasks, privacy.Text(v, nil))
			}
			if t.Villages[v] < 0 {
				return fmt.Errorf("%w: village %q has a negative task", ErrTasks, v)
			}
			l.tasks[i] = t.Villages[v]
		}
	case t.Town > 0:
		units := make([]allocation.Unit, len(l.villages))
		for i, v := range l.villages {
			units[i] = allocation.Unit{Name: v, Weight: targets[i], Max: targets[i], HasMax: true}
		}
		method := t.Method
		if method == 0 {
			method = allocation.Hamilton
		}
		res, err := allocation.Apportion(t.Town, units, method, allocation.WithTieRule(t.Tie))
		if err != nil {
			return fmt.Errorf("%w: splitting the town's target: %w", ErrTasks, err)
		}
		copy(l.tasks, res.Allocations())
	case t.Town < 0:
		return fmt.Errorf("%w: negative town target", ErrTasks)
	default:
		copy(l.tasks, targets)
	}
	return nil
}

// PersonMonth is one person's month, as [State.Month] computes it.
type PersonMonth struct {
	Next   StateEntry
	Change *PersonChange // nil when nothing changed or the person is not followed
	// Tally is the person's contribution to their village's figures: add
	// the people's with [VillageProgress.Merge].
	Tally VillageProgress
}

// Month computes one person's month from their state entry and their rows
// of this month's files, exactly as [State.Month] does for every person:
// rows index srcs, the month's sources in [MonthInput]'s order (Insured,
// then Base), and baseGiven says that Base is not empty. Rows of sources
// of other kinds are ignored, so srcs may as well be a build's sources, in
// the order examples/campaign gives them (the base, the insured list, the
// department lists with any 区外参保 lists), and rows the person's rows of
// that build: the insured lists keep their order.
func (e StateEntry) Month(srcs []Source, rows []Row, baseGiven bool) PersonMonth {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b Row) int { return cmp.Or(cmp.Compare(a.source, b.source), cmp.Compare(a.r.line, b.r.line)) })
	was := statePerson{id: e.ID, role: e.Role, outcome: e.Outcome, ins: e.Insurance, inBase: e.InBase}
	np := was
	var now eligibility.Insurance
	nowRank := uint8(noRank)
	inBase := false
	lastSrc := -1
	for i := range rows {
		r := &rows[i]
		if r.source == lastSrc || r.source < 0 || r.source >= len(srcs) {
			continue // a duplicate: the first row counts
		}
		lastSrc = r.source
		k := srcs[r.source].Kind
		if k == KindPopulation {
			inBase = true
			continue
		}
		if rk := rank(k, FactInsurance); rk < nowRank {
			now, nowRank = r.r.ins, rk
		}
	}
	np.ins = nextInsurance(was.ins, now, nowRank != noRank)
	if baseGiven {
		np.inBase = inBase
	}
	pm := PersonMonth{Next: StateEntry{ID: e.ID, Village: e.Village, Role: e.Role, Outcome: e.Outcome, Insurance: np.ins, InBase: np.inBase}}
	pm.Tally.Name = e.Village
	if ev := countPerson(&was, &np, &pm.Tally); ev != 0 {
		pm.Change = &PersonChange{ID: e.ID.Masked(), Village: e.Village, Role: was.role, Was: was.ins, Now: np.ins, Events: ev}
	}
	return pm
}

// Merge adds the counts of o to v: Targets, Followed, New, Lost,
// Completed, PrevCompleted, NewEmployee, NewResident, NewOther and
// MovedToEmployee. It is the mergeable tally of a village's month
// (associative and commutative); Name, Task, Required and Pace are left
// as they are.
func (v *VillageProgress) Merge(o VillageProgress) {
	v.Targets += o.Targets
	v.Followed += o.Followed
	v.New += o.New
	v.Lost += o.Lost
	v.Completed += o.Completed
	v.PrevCompleted += o.PrevCompleted
	v.NewEmployee += o.NewEmployee
	v.NewResident += o.NewResident
	v.NewOther += o.NewOther
	v.MovedToEmployee += o.MovedToEmployee
}

// MonthFigures returns the month's per-village figures and the town's
// total, as [State.Month] gives them in Month.Villages and Month.Total:
// villages and tasks as [State.Villages] gives them (byte order), tallies
// the villages' merged tallies ([PersonMonth.Tally]) by name, with each
// village's requirement and pace from the policy's timetable on asOf.
func MonthFigures(p routing.Policy, asOf eligibility.Date, villages []string, tasks []int64, tallies map[string]VillageProgress) ([]VillageProgress, VillageProgress, error) {
	vs := make([]VillageProgress, len(villages))
	total := VillageProgress{Name: "合计"}
	for i, name := range villages {
		v := tallies[name]
		v.Name, v.Task = name, tasks[i]
		if err := setPace(&p, &v, asOf); err != nil {
			return nil, total, err
		}
		vs[i] = v
		total.Task += v.Task
		total.Merge(v)
	}
	if err := setPace(&p, &total, asOf); err != nil {
		return nil, total, err
	}
	return vs, total, nil
}

// rowVersion is the first byte of a Row's bytes.
const rowVersion = 1

// MarshalBinary encodes the row (it implements encoding.BinaryMarshaler).
// The bytes hold the full identity number: they are for a pipeline's own
// shuffles, never for a report.
func (r *Row) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 96)
	b = append(b, rowVersion)
	b = binary.AppendUvarint(b, uint64(r.source))
	b = appendStr(b, r.r.id.String())
	b = binary.AppendUvarint(b, uint64(r.r.stated))
	b = binary.AppendUvarint(b, uint64(r.r.line))
	b = binary.AppendUvarint(b, uint64(r.r.flags))
	b = appendStr(b, r.name)
	b = appendStr(b, r.village)
	b = appendStr(b, r.area)
	b = appendStr(b, r.licence)
	if r.tier.IsZero() {
		b = appendStr(b, "")
	} else {
		b = appendStr(b, r.tier.String())
	}
	land := ""
	if !r.r.land.IsZero() {
		land = r.r.land.String()
	}
	b = appendStr(b, land)
	b = append(b, byte(r.r.emp), byte(r.r.plat), byte(r.r.ins.Scheme), byte(r.r.ins.Status), byte(r.r.ins.Location), byte(r.r.contact))
	if r.r.local {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(r.warns)))
	for _, w := range r.warns {
		b = appendStr(b, w.column)
		b = append(b, byte(w.col))
		b = appendStr(b, w.value)
		if w.incons {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b, nil
}

// ErrRowBytes is returned by [Row.UnmarshalBinary] for bytes that
// MarshalBinary did not write.
var ErrRowBytes = errors.New("ledger: invalid row bytes")

// UnmarshalBinary decodes bytes written by [Row.MarshalBinary].
func (r *Row) UnmarshalBinary(b []byte) error {
	d := rowDecoder{b: b, ok: true}
	if d.byte() != rowVersion {
		return ErrRowBytes
	}
	var x Row
	x.source = int(d.uvarint())
	id, err := eligibility.ParseIDNumber(d.str())
	if err != nil && d.ok {
		return ErrRowBytes
	}
	x.r.id, x.r.key = id, idKey(id)
	x.r.stated = Facts(d.uvarint())
	x.r.line = uint32(d.uvarint())
	x.r.flags = uint16(d.uvarint())
	x.name, x.village, x.area, x.licence = d.str(), d.str(), d.str(), d.str()
	x.r.nameLen = uint16(min(len(x.name), 0xFFFF))
	if t := d.str(); t != "" {
		if x.tier, err = decimal.NewFromString(t); err != nil {
			return ErrRowBytes
		}
	}
	if s := d.str(); s != "" {
		if x.r.land, err = eligibility.ParseDate(s); err != nil {
			return ErrRowBytes
		}
	}
	x.r.emp, x.r.plat = eligibility.EmploymentKind(d.byte()), eligibility.PlatformKind(d.byte())
	x.r.ins = eligibility.Insurance{Scheme: eligibility.Scheme(d.byte()), Status: eligibility.InsuranceStatus(d.byte()), Location: eligibility.InsuranceLocation(d.byte())}
	x.r.contact = eligibility.ContactStatus(d.byte())
	x.r.local = d.byte() == 1
	nw := d.uvarint()
	for i := uint64(0); i < nw && d.ok; i++ {
		w := rowWarn{column: d.str(), col: roster.Column(d.byte()), value: d.str(), incons: d.byte() == 1}
		x.warns = append(x.warns, w)
	}
	if !d.ok || len(d.b) != 0 {
		return ErrRowBytes
	}
	*r = x
	return nil
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

type rowDecoder struct {
	b  []byte
	ok bool
}

func (d *rowDecoder) byte() byte {
	if len(d.b) == 0 {
		d.ok = false
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *rowDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.ok = false
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *rowDecoder) str() string {
	n := d.uvarint()
	if !d.ok || n > uint64(len(d.b)) {
		d.ok = false
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// Strings returns the village, 户籍地 and licence the row states (those
// not empty): for a row of the population base, the names [NewMerger]'s
// known should know.
func (r *Row) Strings() []string {
	var out []string
	for _, s := range [...]string{r.village, r.area, r.licence} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
