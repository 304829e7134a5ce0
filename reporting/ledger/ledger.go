package ledger

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// Role is what the campaign does with a person of the ledger.
type Role uint8

// The roles. The zero Role is RoleOther.
const (
	// RoleOther: in the base, neither a target nor followed (enrolled and
	// in no group, or routed nowhere: not eligible, covered).
	RoleOther Role = iota
	// RoleTarget: a 扩面对象 — not enrolled at the baseline, and routed to a
	// scheme. Only targets count toward 本月新增 and 累计完成.
	RoleTarget
	// RoleFollowed: enrolled at the baseline but still in a target group
	// or routed to a scheme (城乡富裕人员 to move to 企业职工, hardship
	// residents whose contributions the government pays): followed with
	// their follow-up, never counted as 扩面.
	RoleFollowed
	// RoleUndecided: the router could not decide (see MatchReport.Undecided).
	RoleUndecided
	numRoles
)

var roleVocab = vocab.New[Role]("role",
	vocab.Term{Key: "other", Chinese: "非扩面对象", English: "not a target"},
	vocab.Term{Key: "target", Chinese: "扩面对象", English: "target"},
	vocab.Term{Key: "followed", Chinese: "跟踪对象", English: "followed"},
	vocab.Term{Key: "undecided", Chinese: "无法分类引导", English: "undecided"},
)

// Vocabulary returns the vocabulary of roles.
func (Role) Vocabulary() *vocab.Vocabulary[Role] { return roleVocab }

// String returns the role's key, e.g. "target".
func (r Role) String() string { return roleVocab.Key(r) }

// Label returns the role's label in Chinese (扩面对象) or English.
func (r Role) Label(t language.Tag) string { return roleVocab.Label(r, t) }

// Enrolled reports whether an insurance record counts as enrolled: in a
// basic-pension scheme (企业职工, 城乡居民 or another statutory scheme) with
// 正常缴费. It is the one definition the ledger's figures rest on.
func Enrolled(ins eligibility.Insurance) bool {
	return ins.Status == eligibility.StatusActive && ins.Scheme != eligibility.SchemeNone && ins.Scheme <= eligibility.SchemeOther
}

// NoVillage names the unit of people whose base row gives no village.
const NoVillage = "（村别未填）"

// Tasks says how the ledger gets each village's 任务数. Villages, when not
// nil, is a task table: its villages must all be in the base (a missing
// one has task 0). Otherwise Town, when positive, is the town's target,
// split across the villages in proportion to their targets with
// [allocation.Apportion] (Method, zero meaning Hamilton; ties settled by
// Tie, whose zero value makes a tie an error), no village being asked for
// more than its targets. With neither, a village's task is its number of
// targets (应扩面人数).
type Tasks struct {
	Villages map[string]int64
	Town     int64
	Method   allocation.Method
	Tie      allocation.TieRule
}

// Errors of [Build].
var (
	ErrNoBase = errors.New("ledger: no population base (户籍人口) among the sources")
	ErrTasks  = errors.New("ledger: invalid tasks")
)

// Input is what [Build] reads.
type Input struct {
	Policy routing.Policy
	// AsOf is the baseline: the day the sources describe. Classification,
	// routing and "enrolled at the baseline" are on this day; it must be in
	// the policy's effective period. It is usually the policy's
	// BaselineDate.
	AsOf    eligibility.Date
	Sources []Source
	Tasks   Tasks
}

// person is one person of the ledger, in compact form (about 64 bytes):
// strings are numbers in the ledger's tables, the name an offset.
type person struct {
	id      eligibility.IDNumber
	flags   uint16
	name    uint32
	village uint32
	area    uint32
	licence uint32
	tier    uint32
	land    eligibility.Date
	nameLen uint16
	emp     eligibility.EmploymentKind
	plat    eligibility.PlatformKind
	ins     eligibility.Insurance
	contact eligibility.ContactStatus
	local   bool
	role    Role
	outcome routing.Outcome
	groups  eligibility.GroupSet
}

// Ledger is the 实名库 (扩面对象实名库, 石堰府发〔2023〕10号 三(一)): every
// person of the population base with their merged facts, where each fact
// came from, their target groups, decision and role. Build one with
// [Build]; it is immutable and safe for concurrent reads.
type Ledger struct {
	asOf     eligibility.Date
	policy   routing.Policy
	rt       *routing.Router
	srcs     []srcMeta
	persons  []person // sorted by identity number
	provOff  []uint32 // person i's provenance is prov[provOff[i]:provOff[i+1]]
	prov     []uint64 // source<<48 | stated facts<<32 | line
	idx      index
	names    []byte
	strs     strtab
	tiers    tiertab
	villages []string // sorted; index = village number
	vnum     map[uint32]uint32
	tasks    []int64
	report   MatchReport
}

type srcMeta struct {
	name string
	kind SourceKind
}

// Build reads the sources, matches every row to the population base by
// the canonical identity number, merges each person's facts with their
// provenance, classifies and routes every person on in.AsOf, and sets each
// village's task. Sources are read in parallel, each with the one roster
// reader (under [Headers]).
//
// Facts merge by kind, not by order: the base gives the village, 户籍 and
// 联系状况; the insured list (then 区外参保, then the base) the insurance;
// 劳动合同备案, 个体工商户, 新业态, 执业资格 and then the base the employment,
// in that order; flags are the union of every list's; birth date and
// gender are always the identity number's. Among sources of equal rank
// the earlier source wins, and within a source the first row.
//
// It returns an error for an invalid policy, an as-of date outside its
// effective period, no population source, invalid tasks, and — joined,
// each a [*SourceError] naming the file — sources it cannot read at all (a
// missing required column, an unreadable encoding). Bad rows are not
// errors: they are rejected or kept with a warning, and reconciled in
// [Ledger.Report].
func Build(in Input) (*Ledger, error) {
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
	reads, err := readSources(in.Sources)
	if err != nil {
		return nil, err
	}
	l := &Ledger{asOf: in.AsOf, policy: in.Policy.Clone(), rt: rt}
	for _, s := range in.Sources {
		l.srcs = append(l.srcs, srcMeta{s.Name, s.Kind})
	}
	m := newMerger(l, in.Sources, reads)
	m.run()
	m.finish()
	l.route()
	if err := l.setTasks(in.Tasks); err != nil {
		return nil, err
	}
	return l, nil
}

// merger matches the rows of every source to the base, in order: the
// population sources first, then the others, each in line order.
type merger struct {
	l     *Ledger
	reads []*sourceRead
	srcs  []Source
	hold  [][len(rankedFacts)]uint8 // per person: rank of the source each fact came from
	seen  *seen
	base  []uint64 // per person: the first base row (source<<32 | line)
	prov  []provRec
	idx   index
}

type provRec struct {
	p uint32
	v uint64
}

func newMerger(l *Ledger, srcs []Source, reads []*sourceRead) *merger {
	n := 0
	for _, sr := range reads {
		if sr.kind == KindPopulation {
			for _, sh := range sr.shards {
				n += len(sh.recs)
			}
			if sr.recovered != nil {
				n += len(sr.recovered.recs)
			}
		}
	}
	rows := 0
	for _, sr := range reads {
		for _, sh := range sr.shards {
			rows += len(sh.recs)
		}
	}
	l.persons = make([]person, 0, n)
	return &merger{l: l, srcs: srcs, reads: reads, idx: newIndex(n), seen: newSeen(n),
		hold: make([][len(rankedFacts)]uint8, 0, n), base: make([]uint64, 0, n), prov: make([]provRec, 0, rows)}
}

func (m *merger) run() {
	l := m.l
	l.report.Sources = make([]SourceReport, len(m.reads))
	for si, sr := range m.reads {
		if sr.kind == KindPopulation {
			m.source(si, sr)
		}
	}
	notBase := func(k SourceKind) bool { return k != KindPopulation }
	resolve(m.reads, notBase, &m.idx)
	for si, sr := range m.reads {
		if notBase(sr.kind) {
			m.source(si, sr)
		}
	}
	slices.SortStableFunc(l.report.Duplicates, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
	slices.SortStableFunc(l.report.Conflicts, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(a.Other.Source, b.Other.Source), cmp.Compare(a.Other.Line, b.Other.Line), cmp.Compare(a.Fact, b.Fact))
	})
}

// source merges the rows of source si.
func (m *merger) source(si int, sr *sourceRead) {
	l := m.l
	find := func(k uint64, r *rec) (int, bool) {
		if sr.kind != KindPopulation {
			return int(r.name) - 1, r.name != 0 // resolved
		}
		if pi, ok := m.idx.find(k); ok {
			return pi, true
		}
		return m.newPerson(k, r), true
	}
	matchSource(&l.report, m.srcs, si, sr, m.seen, find, func(pi int, sh *shard, r *rec, warn []*roster.RowError, dup bool) {
		stated := r.stated
		if dup {
			stated = 0 // counted once: the first row's facts
		} else {
			if m.base[pi] == 0 {
				m.base[pi] = uint64(si+1)<<32 | uint64(r.line)
			}
			m.apply(pi, si, sr.kind, sh, r)
		}
		m.prov = append(m.prov, provRec{uint32(pi), packProv(si, stated, r.line)})
		for _, re := range warn {
			if !errors.Is(re.Err, roster.ErrInconsistent) {
				continue
			}
			fact, value := FactBirth, "" // a birth date beside a masked number would unmask it
			if sr.colOf[re.Column] == roster.ColumnGender {
				fact, value = FactGender, re.Value
			}
			l.report.Conflicts = append(l.report.Conflicts, Conflict{
				ID: r.id.Masked(), Fact: fact, Kept: m.baseMention(pi),
				Other: Mention{Source: si, Name: l.srcs[si].name, Line: int(r.line), Value: value},
			})
		}
	})
}

func packProv(si int, f Facts, line uint32) uint64 {
	return uint64(si)<<48 | uint64(f)<<32 | uint64(line)
}

func unpackProv(v uint64) (si int, f Facts, line int) {
	return int(v >> 48), Facts(v >> 32), int(uint32(v))
}

func (m *merger) baseMention(pi int) Mention {
	b := m.base[pi]
	si := int(b>>32) - 1
	return Mention{Source: si, Name: m.l.srcs[si].name, Line: int(uint32(b))}
}

// newPerson adds the person of base row r.
func (m *merger) newPerson(k uint64, r *rec) int {
	l := m.l
	pi := len(l.persons)
	l.persons = append(l.persons, person{id: r.id})
	var h [len(rankedFacts)]uint8
	for j := range h {
		h[j] = noRank
	}
	m.hold = append(m.hold, h)
	m.base = append(m.base, 0)
	m.idx.insert(k, pi)
	return pi
}

// apply merges the facts of row r of source si (of kind k) into person pi.
func (m *merger) apply(pi, si int, k SourceKind, sh *shard, r *rec) {
	l := m.l
	p := &l.persons[pi]
	h := &m.hold[pi]
	for j, f := range rankedFacts {
		if r.stated&f == 0 {
			continue
		}
		rk := rank(k, f)
		if rk >= h[j] {
			continue
		}
		h[j] = rk
		switch f {
		case FactVillage:
			p.village = l.strs.id(sh.strs.str(r.village))
		case FactHukou:
			p.area, p.local = l.strs.id(sh.strs.str(r.area)), r.local
		case FactEmployment:
			p.emp, p.plat, p.licence = r.emp, r.plat, l.strs.id(sh.strs.str(r.licence))
		case FactInsurance:
			p.ins = r.ins
		case FactTier:
			p.tier = l.tiers.id(sh.tiers.get(r.tier))
		case FactLandDate:
			p.land = r.land
		case FactContact:
			p.contact = r.contact
		}
	}
	if k == KindPopulation && p.nameLen == 0 && r.nameLen > 0 {
		p.name, p.nameLen = uint32(len(l.names)), r.nameLen
		l.names = append(l.names, sh.names[r.name:r.name+uint32(r.nameLen)]...)
	}
	if r.stated&FactFlags != 0 {
		p.flags |= r.flags
	}
	// A village that differs from the one kept (the base's) is a conflict.
	if r.village != 0 && h[0] != noRank && m.base[pi] != uint64(si+1)<<32|uint64(r.line) {
		if kept, other := l.strs.str(p.village), sh.strs.str(r.village); kept != other {
			km := m.baseMention(pi)
			km.Value = kept
			l.report.Conflicts = append(l.report.Conflicts, Conflict{
				ID: r.id.Masked(), Fact: FactVillage, Kept: km,
				Other: Mention{Source: si, Name: l.srcs[si].name, Line: int(r.line), Value: privacy.Text(other, l.isVillage)},
			})
		}
	}
}

// isVillage reports whether s is a village of the base: such names are not
// personal data.
func (l *Ledger) isVillage(s string) bool {
	_, ok := l.strs.m[s]
	return ok
}

// finish sorts the people by identity number, lays out the provenance and
// numbers the villages.
func (m *merger) finish() {
	l := m.l
	n := len(l.persons)
	type ki struct {
		key uint64
		old uint32
	}
	perm := make([]ki, n)
	for i, k := range m.idx.keys {
		perm[i] = ki{k, uint32(i)}
	}
	slices.SortFunc(perm, func(a, b ki) int { return cmp.Compare(a.key, b.key) })
	inv := make([]uint32, n)
	sorted := make([]person, n)
	sortedKeys := make([]uint64, n)
	for i, p := range perm {
		inv[p.old] = uint32(i)
		sorted[i] = l.persons[p.old]
		sortedKeys[i] = p.key
	}
	perm = nil
	l.persons = sorted
	m.hold, m.seen, m.base = nil, nil, nil
	l.idx = newIndex(n)
	for i, k := range sortedKeys {
		l.idx.insert(k, i)
	}
	// Provenance: counting sort by person, then each person's rows by
	// (source, line).
	l.provOff = make([]uint32, n+1)
	for _, pr := range m.prov {
		l.provOff[inv[pr.p]+1]++
	}
	for i := range n {
		l.provOff[i+1] += l.provOff[i]
	}
	l.prov = make([]uint64, len(m.prov))
	fill := slices.Clone(l.provOff[:n])
	for _, pr := range m.prov {
		i := inv[pr.p]
		l.prov[fill[i]] = pr.v
		fill[i]++
	}
	m.prov = nil
	for i := range n {
		ps := l.prov[l.provOff[i]:l.provOff[i+1]]
		if len(ps) > 1 {
			slices.SortFunc(ps, func(a, b uint64) int { return cmp.Compare(a>>48<<32|a&0xFFFFFFFF, b>>48<<32|b&0xFFFFFFFF) })
		}
	}
	// Villages, numbered in byte order of their names.
	seen := make([]bool, len(l.strs.list)+1)
	for i := range l.persons {
		seen[l.persons[i].village] = true
	}
	for v, ok := range seen {
		if ok {
			l.villages = append(l.villages, l.villageName(uint32(v)))
		}
	}
	slices.Sort(l.villages)
	l.vnum = make(map[uint32]uint32, len(l.villages))
	for v, ok := range seen {
		if ok {
			i, _ := slices.BinarySearch(l.villages, l.villageName(uint32(v)))
			l.vnum[uint32(v)] = uint32(i)
		}
	}
}

func (l *Ledger) villageName(v uint32) string {
	if v == 0 {
		return NoVillage
	}
	return l.strs.str(v)
}

// resident returns the facts of p as the router reads them (no name).
func (l *Ledger) resident(p *person) eligibility.Resident {
	return eligibility.Resident{
		ID:             p.id,
		Hukou:          eligibility.Hukou{Area: l.strs.str(p.area), Village: l.strs.str(p.village), Local: p.local},
		Employment:     eligibility.Employment{Kind: p.emp, Platform: p.plat, Licence: l.strs.str(p.licence)},
		Insurance:      p.ins,
		ResidentTier:   l.tiers.get(p.tier),
		Flags:          eligibility.Flags(p.flags),
		LandAcquiredOn: p.land,
		Contact:        p.contact,
	}
}

// route classifies and routes every person on the ledger's date, on all
// cores, and sets their role.
func (l *Ledger) route() {
	n := len(l.persons)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/4096+1))
	errs := make([][]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d routing.Decision
			for i := lo; i < hi; i++ {
				p := &l.persons[i]
				r := l.resident(p)
				if err := l.rt.RouteInto(&d, &r, l.asOf); err != nil {
					p.role = RoleUndecided
					errs[w] = append(errs[w], err)
					continue
				}
				p.outcome, p.groups = d.Outcome, d.Groups
				p.role = roleOf(p.ins, &d)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		l.report.Undecided = append(l.report.Undecided, e...)
	}
}

// roleOf decides a person's role from their insurance at the baseline and
// their decision.
func roleOf(ins eligibility.Insurance, d *routing.Decision) Role {
	enrolled := Enrolled(ins)
	switch {
	case !enrolled && d.Outcome.IsJoin():
		return RoleTarget
	case enrolled && (d.Outcome.IsJoin() || !d.Groups.IsEmpty()):
		return RoleFollowed
	}
	return RoleOther
}

// setTasks sets each village's 任务数 (see [Tasks]) from the targets it
// counts (splitTasks does the rest, for VillageTasks too).
func (l *Ledger) setTasks(t Tasks) error {
	targets := make([]int64, len(l.villages))
	for i := range l.persons {
		if p := &l.persons[i]; p.role == RoleTarget {
			targets[l.vnum[p.village]]++
		}
	}
	return l.splitTasks(t, targets)
}

// Report returns the 大数据比对 report of the build. The caller may keep it;
// it holds no full identity number.
func (l *Ledger) Report() *MatchReport { return &l.report }

// AsOf returns the ledger's date, the campaign's baseline.
func (l *Ledger) AsOf() eligibility.Date { return l.asOf }

// Len returns the number of people in the ledger (the distinct people of
// the population base).
func (l *Ledger) Len() int { return len(l.persons) }

// Lookup returns the index of the person with identity number id.
func (l *Ledger) Lookup(id eligibility.IDNumber) (int, bool) { return l.idx.find(idKey(id)) }

// Provenance is one row that named a person: its source and line, the
// facts it states, and those of them the ledger took.
type Provenance struct {
	Source int // index in Input.Sources
	Name   string
	Kind   SourceKind
	Line   int
	Stated Facts // what the row states (nothing for a duplicate row)
	Used   Facts // what the ledger took from it
}

// Entry is one person of the 实名库: the merged facts, the role, the
// decision with its reasons and citations, and where each fact came from.
type Entry struct {
	// Resident is the merged facts. Birth and Gender are left zero: they
	// are the identity number's (Resident.EffectiveBirth, EffectiveGender).
	Resident eligibility.Resident
	Role     Role
	// Decision is the router's on the ledger's date (recomputed from the
	// facts, so the reasons and their citations are there); zero for
	// RoleUndecided, when Err says why (masked).
	Decision routing.Decision
	Err      error
	Sources  []Provenance // in (source, line) order
}

// ErrIndex is returned by [Ledger.Entry] for an index out of range.
var ErrIndex = errors.New("ledger: index out of range")

// Entry returns person i (0 ≤ i < Len; people are in the order of their
// identity numbers).
func (l *Ledger) Entry(i int) (Entry, error) {
	if i < 0 || i >= len(l.persons) {
		return Entry{}, ErrIndex
	}
	p := &l.persons[i]
	e := Entry{Resident: l.resident(p), Role: p.role}
	e.Resident.Name = string(l.names[p.name : p.name+uint32(p.nameLen)])
	d, err := l.rt.Route(e.Resident, l.asOf)
	e.Decision, e.Err = d, err
	ps := l.prov[l.provOff[i]:l.provOff[i+1]]
	e.Sources = make([]Provenance, len(ps))
	var best [len(rankedFacts)]int
	for j := range best {
		best[j] = -1
	}
	for j, v := range ps {
		si, f, line := unpackProv(v)
		e.Sources[j] = Provenance{Source: si, Name: l.srcs[si].name, Kind: l.srcs[si].kind, Line: line, Stated: f}
		for s, fact := range rankedFacts {
			if f&fact != 0 && (best[s] < 0 || rank(l.srcs[si].kind, fact) < rank(e.Sources[best[s]].Kind, fact)) {
				best[s] = j
			}
		}
		e.Sources[j].Used |= f & FactFlags
	}
	for s, fact := range rankedFacts {
		if j := best[s]; j >= 0 && rank(e.Sources[j].Kind, fact) != noRank {
			e.Sources[j].Used |= fact
		}
	}
	return e, nil
}

// WriteText writes the 实名库 as masked text, one person a line in the
// order of their identity numbers: masked number and name, village, role,
// decision (scheme and channel), groups, and the rows that named them
// (file:line). It never writes a full identity number or name.
func (l *Ledger) WriteText(w io.Writer) error {
	zh := language.Chinese
	rb := l.rt.Rulebook()
	var b strings.Builder
	for i := range l.persons {
		p := &l.persons[i]
		b.WriteString(p.id.Masked() + " " + privacy.Name(string(l.names[p.name:p.name+uint32(p.nameLen)])) +
			" " + l.villageName(p.village) + " " + p.role.Label(zh))
		if p.role != RoleUndecided {
			b.WriteString(" " + p.outcome.Label(zh))
		}
		if !p.groups.IsEmpty() {
			b.WriteString(" [" + rb.ShortLabels(p.groups) + "]")
		}
		b.WriteString(" ←")
		for _, v := range l.prov[l.provOff[i]:l.provOff[i+1]] {
			si, _, line := unpackProv(v)
			b.WriteString(" " + l.srcs[si].name + ":" + itoa(line))
		}
		b.WriteString("\n")
		if b.Len() > 64<<10 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
