package ledger

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

// StateVersion is the first line of a state file.
const StateVersion = "kuomian-ledger-state/1"

// StateFileName is the name to give a state file: it holds full identity
// numbers, and its name says so.
const StateFileName = "实名库-state-DO-NOT-SHARE.kmstate"

// State is the 实名库 carried from one month to the next: the policy and
// the baseline, each village's task, and per person of the baseline
// ledger the village, role, routed scheme, insurance as of the last
// month, and whether they were still in the population base. It holds full
// identity numbers: write it only with [WriteStateFile] (owner-only),
// never into a report.
//
// # File format
//
// A state file is UTF-8 text, one record a line, each line ending in LF,
// fields separated by one space:
//
//	kuomian-ledger-state/1
//	policy "shiyan-2023" "1"
//	baseline 2023-03-15
//	as-of 2023-04-30
//	villages 2
//	v "码头村" 12
//	v "石堰社区" 30
//	people 2
//	p 110105194912310021 0 target employee none unknown unknown 1
//	p 500115198503140021 1 followed employee resident active in_district 1
//	end
//
// Strings are quoted as strconv.Quote writes them; dates are YYYY-MM-DD;
// a village line gives its name and task (任务数), villages in byte order
// of their names, numbered from 0 in that order; a person line gives the
// canonical 18-character identity number, the village number, the role,
// the routed outcome (routing.Outcome keys), the insurance as of the
// as-of date (eligibility.Scheme, InsuranceStatus and InsuranceLocation
// keys) and 1 or 0 for "in the population base". People are in increasing
// order of their numbers. Every value has one spelling, so the same state
// is always the same bytes, whatever order the sources came in, and a
// file that reads back re-encodes to itself byte for byte. Anything else —
// another version, a missing or extra line, a value out of place, a count
// that does not match, a file cut short — is a [*StateError] naming the
// line.
type State struct {
	policyID, policyVersion string
	baseline, asOf          eligibility.Date
	villages                []string
	tasks                   []int64
	people                  []statePerson
	idx                     index
}

type statePerson struct {
	id      eligibility.IDNumber
	village uint32
	role    Role
	outcome routing.Outcome
	ins     eligibility.Insurance
	inBase  bool
}

// State returns the ledger's state at its baseline, the start of the
// month-over-month loop ([State.Month]).
func (l *Ledger) State() *State {
	s := &State{
		policyID: l.policy.ID, policyVersion: l.policy.Version,
		baseline: l.asOf, asOf: l.asOf,
		villages: slices.Clone(l.villages), tasks: slices.Clone(l.tasks),
		people: make([]statePerson, len(l.persons)),
	}
	for i := range l.persons {
		p := &l.persons[i]
		s.people[i] = statePerson{id: p.id, village: l.vnum[p.village], role: p.role, outcome: p.outcome, ins: p.ins, inBase: true}
	}
	s.index()
	return s
}

func (s *State) index() {
	s.idx = newIndex(len(s.people))
	for i := range s.people {
		s.idx.insert(idKey(s.people[i].id), i)
	}
}

// Len returns the number of people in the state.
func (s *State) Len() int { return len(s.people) }

// AsOf returns the date of the state: the baseline, or the last month.
func (s *State) AsOf() eligibility.Date { return s.asOf }

// Baseline returns the campaign's baseline, the date of the ledger the
// state started from.
func (s *State) Baseline() eligibility.Date { return s.baseline }

// Policy returns the ID and version of the policy the state was built
// under.
func (s *State) Policy() (id, version string) { return s.policyID, s.policyVersion }

// WriteTo writes the state in the format of [State] (it implements
// io.WriterTo).
func (s *State) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var n int64
	line := make([]byte, 0, 128)
	put := func(b []byte) error {
		k, err := bw.Write(b)
		n += int64(k)
		return err
	}
	line = append(line, StateVersion+"\npolicy "...)
	line = strconv.AppendQuote(line, s.policyID)
	line = append(line, ' ')
	line = strconv.AppendQuote(line, s.policyVersion)
	line = append(line, "\nbaseline "...)
	line, _ = s.baseline.AppendText(line)
	line = append(line, "\nas-of "...)
	line, _ = s.asOf.AppendText(line)
	line = append(line, "\nvillages "...)
	line = strconv.AppendInt(line, int64(len(s.villages)), 10)
	line = append(line, '\n')
	if err := put(line); err != nil {
		return n, err
	}
	for i, v := range s.villages {
		line = append(line[:0], "v "...)
		line = strconv.AppendQuote(line, v)
		line = append(line, ' ')
		line = strconv.AppendInt(line, s.tasks[i], 10)
		line = append(line, '\n')
		if err := put(line); err != nil {
			return n, err
		}
	}
	line = append(line[:0], "people "...)
	line = strconv.AppendInt(line, int64(len(s.people)), 10)
	line = append(line, '\n')
	if err := put(line); err != nil {
		return n, err
	}
	for i := range s.people {
		p := &s.people[i]
		line = append(line[:0], "p "...)
		line = append(line, p.id.String()...)
		line = append(line, ' ')
		line = strconv.AppendUint(line, uint64(p.village), 10)
		line = append(line, ' ')
		line = append(line, p.role.String()...)
		line = append(line, ' ')
		line = append(line, p.outcome.String()...)
		line = append(line, ' ')
		line = append(line, p.ins.Scheme.String()...)
		line = append(line, ' ')
		line = append(line, p.ins.Status.String()...)
		line = append(line, ' ')
		line = append(line, p.ins.Location.String()...)
		if p.inBase {
			line = append(line, " 1\n"...)
		} else {
			line = append(line, " 0\n"...)
		}
		if err := put(line); err != nil {
			return n, err
		}
	}
	if err := put([]byte("end\n")); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// WriteStateFile writes s to path with owner-only permissions (0600): to a
// temporary file in the same directory, then renamed over path, so that a
// failure leaves nothing half-written. Name the file [StateFileName].
func WriteStateFile(path string, s *State) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".kmstate-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if _, err = s.WriteTo(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// These are the errors a [*StateError] wraps.
var (
	ErrStateVersion = errors.New("not a kuomian ledger state of version 1")
	ErrStateSyntax  = errors.New("malformed line")
	ErrStateValue   = errors.New("invalid value")
	ErrStateOrder   = errors.New("out of order or repeated")
	ErrStateCount   = errors.New("count does not match the lines (file cut short?)")
)

// StateError reports a state file [ReadState] cannot read: the line and
// what is wrong. It never quotes an identity number.
type StateError struct {
	Line  int    // 1-based
	Field string // what was being read, e.g. "people count" or "role"
	Err   error
}

func (e *StateError) Error() string {
	s := "ledger: state line " + strconv.Itoa(e.Line)
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *StateError) Unwrap() error { return e.Err }

// maxStateLine bounds a line of a state file.
const maxStateLine = 4096

// ReadState reads a state written by [State.WriteTo]. It accepts only the
// canonical form (see [State]): what it reads re-encodes to the same bytes.
// Errors are [*StateError]s; it never panics, and it allocates in
// proportion to the lines it reads, not to the counts a file claims.
func ReadState(r io.Reader) (*State, error) {
	br := bufio.NewReaderSize(r, maxStateLine+1)
	st := &State{}
	ln := 0
	next := func(field string) ([]byte, error) {
		ln++
		b, err := br.ReadSlice('\n')
		switch {
		case err == bufio.ErrBufferFull:
			return nil, &StateError{Line: ln, Field: field, Err: ErrStateSyntax}
		case err == io.EOF && len(b) == 0:
			return nil, &StateError{Line: ln, Field: field, Err: ErrStateCount}
		case err != nil && err != io.EOF:
			return nil, err
		case len(b) == 0 || b[len(b)-1] != '\n':
			return nil, &StateError{Line: ln, Field: field, Err: ErrStateSyntax}
		}
		return b[:len(b)-1], nil
	}
	bad := func(field string, e error) error { return &StateError{Line: ln, Field: field, Err: e} }

	b, err := next("version")
	if err != nil {
		var se *StateError
		if errors.As(err, &se) {
			se.Err = ErrStateVersion
		}
		return nil, err
	}
	if string(b) != StateVersion {
		return nil, bad("version", ErrStateVersion)
	}
	if b, err = next("policy"); err != nil {
		return nil, err
	}
	f, ok := fields(b, "policy", 2)
	if !ok {
		return nil, bad("policy", ErrStateSyntax)
	}
	if st.policyID, ok = unquote(f[0]); !ok {
		return nil, bad("policy id", ErrStateValue)
	}
	if st.policyVersion, ok = unquote(f[1]); !ok {
		return nil, bad("policy version", ErrStateValue)
	}
	for _, d := range []struct {
		key string
		dst *eligibility.Date
	}{{"baseline", &st.baseline}, {"as-of", &st.asOf}} {
		if b, err = next(d.key); err != nil {
			return nil, err
		}
		f, ok := fields(b, d.key, 1)
		if !ok {
			return nil, bad(d.key, ErrStateSyntax)
		}
		if *d.dst, ok = canonicalDate(f[0]); !ok {
			return nil, bad(d.key, ErrStateValue)
		}
	}
	if st.asOf.Before(st.baseline) {
		return nil, bad("as-of", ErrStateOrder)
	}
	nv, err := count(next, bad, "villages")
	if err != nil {
		return nil, err
	}
	for i := 0; i < nv; i++ {
		if b, err = next("village"); err != nil {
			return nil, err
		}
		f, ok := fields(b, "v", 2)
		if !ok {
			return nil, bad("village", ErrStateSyntax)
		}
		name, ok := unquote(f[0])
		if !ok {
			return nil, bad("village name", ErrStateValue)
		}
		if i > 0 && name <= st.villages[i-1] {
			return nil, bad("village name", ErrStateOrder)
		}
		task, ok := canonicalInt(f[1])
		if !ok {
			return nil, bad("village task", ErrStateValue)
		}
		st.villages = append(st.villages, name)
		st.tasks = append(st.tasks, task)
	}
	np, err := count(next, bad, "people")
	if err != nil {
		return nil, err
	}
	st.people = make([]statePerson, 0, min(np, 1<<16))
	var prev uint64
	for i := 0; i < np; i++ {
		if b, err = next("person"); err != nil {
			return nil, err
		}
		f, ok := fields(b, "p", 8)
		if !ok {
			return nil, bad("person", ErrStateSyntax)
		}
		var p statePerson
		id, err := eligibility.ParseIDNumber(string(f[0]))
		if err != nil || id.String() != string(f[0]) {
			return nil, bad("identity number", ErrStateValue)
		}
		p.id = id
		k := idKey(id)
		if i > 0 && k <= prev {
			return nil, bad("identity number", ErrStateOrder)
		}
		prev = k
		v, ok := canonicalInt(f[1])
		if !ok || v >= int64(nv) {
			return nil, bad("village number", ErrStateValue)
		}
		p.village = uint32(v)
		if p.role, ok = key[Role](roleKeys, f[2]); !ok {
			return nil, bad("role", ErrStateValue)
		}
		if p.outcome, ok = key[routing.Outcome](outcomeKeys, f[3]); !ok {
			return nil, bad("outcome", ErrStateValue)
		}
		if p.ins.Scheme, ok = key[eligibility.Scheme](schemeKeys, f[4]); !ok {
			return nil, bad("scheme", ErrStateValue)
		}
		if p.ins.Status, ok = key[eligibility.InsuranceStatus](statusKeys, f[5]); !ok {
			return nil, bad("status", ErrStateValue)
		}
		if p.ins.Location, ok = key[eligibility.InsuranceLocation](locationKeys, f[6]); !ok {
			return nil, bad("location", ErrStateValue)
		}
		switch string(f[7]) {
		case "1":
			p.inBase = true
		case "0":
		default:
			return nil, bad("in base", ErrStateValue)
		}
		st.people = append(st.people, p)
	}
	if b, err = next("end"); err != nil {
		return nil, err
	}
	if string(b) != "end" {
		return nil, bad("end", ErrStateCount)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		ln++
		return nil, bad("after end", ErrStateSyntax)
	}
	st.index()
	return st, nil
}

// fields splits a line "name f1 … fn" on single spaces, checking the name
// and the number of fields. Quoted fields may hold spaces.
func fields(b []byte, name string, n int) ([][]byte, bool) {
	rest, ok := bytes.CutPrefix(b, []byte(name+" "))
	if !ok {
		return nil, false
	}
	out := make([][]byte, 0, n)
	for len(rest) > 0 && len(out) < n {
		var f []byte
		if rest[0] == '"' {
			end := quotedEnd(rest)
			if end < 0 {
				return nil, false
			}
			f, rest = rest[:end], rest[end:]
		} else if i := bytes.IndexByte(rest, ' '); i >= 0 {
			f, rest = rest[:i], rest[i:]
		} else {
			f, rest = rest, nil
		}
		out = append(out, f)
		if len(rest) > 0 {
			if rest[0] != ' ' || len(rest) == 1 {
				return nil, false
			}
			rest = rest[1:]
		}
	}
	return out, len(out) == n && len(rest) == 0
}

// quotedEnd returns the length of the quoted string that b starts with, or
// -1.
func quotedEnd(b []byte) int {
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// unquote reads a string quoted as strconv.Quote quotes it, and only so.
func unquote(b []byte) (string, bool) {
	s, err := strconv.Unquote(string(b))
	if err != nil || strconv.Quote(s) != string(b) {
		return "", false
	}
	return s, true
}

func canonicalDate(b []byte) (eligibility.Date, bool) {
	d, err := eligibility.ParseDate(string(b))
	if err != nil || d.String() != string(b) {
		return eligibility.Date{}, false
	}
	return d, true
}

// canonicalInt reads a non-negative decimal integer without sign or
// leading zeros.
func canonicalInt(b []byte) (int64, bool) {
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || v < 0 || strconv.FormatInt(v, 10) != string(b) {
		return 0, false
	}
	return v, true
}

func count(next func(string) ([]byte, error), bad func(string, error) error, name string) (int, error) {
	b, err := next(name + " count")
	if err != nil {
		return 0, err
	}
	f, ok := fields(b, name, 1)
	if !ok {
		return 0, bad(name+" count", ErrStateSyntax)
	}
	n, ok := canonicalInt(f[0])
	if !ok || n > 1<<31 {
		return 0, bad(name+" count", ErrStateValue)
	}
	return int(n), nil
}

// The keys of the enumerations a state file holds, indexed by value.
var (
	roleKeys     = roleVocab.Keys()
	outcomeKeys  = routing.Outcome(0).Vocabulary().Keys()
	schemeKeys   = eligibility.Scheme(0).Vocabulary().Keys()
	statusKeys   = eligibility.InsuranceStatus(0).Vocabulary().Keys()
	locationKeys = eligibility.InsuranceLocation(0).Vocabulary().Keys()
)

// key reads an enumeration value by its key only (the canonical form).
func key[E ~uint8](keys []string, b []byte) (E, bool) {
	for i, k := range keys {
		if k == string(b) {
			return E(i), true
		}
	}
	return 0, false
}
