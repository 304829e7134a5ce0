package ledger_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

// byParts builds the ledger's people, state and report from the building
// blocks, as a pipeline would: every source read on its own, the rows
// grouped by person, each person merged on their own, the parts put
// together.
func byParts(t *testing.T, in ledger.Input) ([]*ledger.Person, *ledger.State, *ledger.MatchReport) {
	t.Helper()
	var reads []*ledger.SourceRows
	groups := map[string][]ledger.Row{}
	known := map[string]bool{}
	for si, s := range in.Sources {
		sr, err := ledger.ReadSource(si, s)
		if err != nil {
			t.Fatal(err)
		}
		reads = append(reads, sr)
		for _, r := range sr.Rows {
			// Through the row's bytes, as a pipeline's shuffle carries it.
			b, err := r.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var back ledger.Row
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			groups[back.Key()] = append([]ledger.Row{back}, groups[back.Key()]...) // any order
		}
	}
	for _, rows := range groups {
		for _, r := range rows {
			if in.Sources[r.Source()].Kind == ledger.KindPopulation {
				for _, s := range r.Strings() {
					known[s] = true
				}
			}
		}
	}
	m, err := ledger.NewMerger(in, func(s string) bool { return known[s] })
	if err != nil {
		t.Fatal(err)
	}
	var people []*ledger.Person
	var reps []*ledger.MatchReport
	var entries []ledger.StateEntry
	targets := map[string]int64{}
	for _, rows := range groups {
		p, err := m.Person(rows)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, &p.Report)
		if p.InBase {
			people = append(people, p)
			entries = append(entries, p.State)
			if _, ok := targets[p.State.Village]; !ok {
				targets[p.State.Village] = 0
			}
			if p.State.Role == ledger.RoleTarget {
				targets[p.State.Village]++
			}
		}
	}
	var villages []string
	var counts []int64
	for v, n := range targets {
		villages = append(villages, v)
		counts = append(counts, n)
	}
	tasks, err := ledger.VillageTasks(in.Tasks, villages, counts)
	if err != nil {
		t.Fatal(err)
	}
	st, err := ledger.NewState(in.Policy, in.AsOf, in.AsOf, villages, tasks, entries)
	if err != nil {
		t.Fatal(err)
	}
	return people, st, ledger.MergeReports(reads, reps)
}

func stateBytes(t *testing.T, s *ledger.State) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func reportText(t *testing.T, r *ledger.MatchReport) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// monthByParts runs a month person by person.
func monthByParts(t *testing.T, p routing.Policy, s *ledger.State, in ledger.MonthInput) ([]ledger.VillageProgress, ledger.VillageProgress, []ledger.PersonChange, *ledger.State) {
	t.Helper()
	srcs := append(append([]ledger.Source(nil), in.Insured...), in.Base...)
	groups := map[string][]ledger.Row{}
	for si, src := range srcs {
		sr, err := ledger.ReadSource(si, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sr.Rows {
			groups[r.Key()] = append([]ledger.Row{r}, groups[r.Key()]...)
		}
	}
	villages, tasks := s.Villages()
	tallies := map[string]ledger.VillageProgress{}
	var next []ledger.StateEntry
	var changes []ledger.PersonChange
	for _, e := range s.Entries() {
		pm := e.Month(srcs, groups[e.ID.String()], len(in.Base) > 0)
		next = append(next, pm.Next)
		if pm.Change != nil {
			changes = append(changes, *pm.Change)
		}
		v := tallies[e.Village]
		v.Merge(pm.Tally)
		tallies[e.Village] = v
	}
	vs, total, err := ledger.MonthFigures(p, in.AsOf, villages, tasks, tallies)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := ledger.NewState(p, s.Baseline(), in.AsOf, villages, tasks, next)
	if err != nil {
		t.Fatal(err)
	}
	return vs, total, changes, ns
}

// TestPartsEqualBuild: the building blocks give Build's people (every
// entry), state (byte for byte) and report (its text), and State.Month's
// figures, changes and next state, on the small town, on its variant with
// unknown values and recovered rows, and on a generated town.
func TestPartsEqualBuild(t *testing.T) {
	unknown := smallSources()
	unknown[0].Data = []byte(strings.Replace(base(), "张三,"+idZhang+",男,码头村,是,未就业", "张三,"+idZhang+",女,码头村,是,种地", 1))
	unknown[1].Data = []byte(insured("吴十," + idWu + ",城乡居民,不知道,\n"))
	unknown[2].Data = append(unknown[2].Data, "王五,"+idWang+",\n"...)
	gen := genTown(3000)
	tests := []struct {
		name  string
		srcs  []ledger.Source
		tasks ledger.Tasks
		april ledger.Source
	}{
		{"small", smallSources(), ledger.Tasks{}, ledger.Source{Kind: ledger.KindInsured, Name: "参保库-04.csv",
			Data: []byte(insured("张三," + idZhang + ",企业职工,正常缴费,\n王五," + idWang + ",城乡居民,正常缴费,300\n"))}},
		{"unknown values", unknown, ledger.Tasks{Town: 3, Tie: allocation.TieByName}, ledger.Source{Kind: ledger.KindInsured, Name: "参保库-04.csv",
			Data: []byte(insured("张三," + idZhang + ",企业职工,正常缴费,\n"))}},
		{"generated", gen.sources, ledger.Tasks{Town: 500, Method: allocation.SainteLague, Tie: allocation.TieByName}, gen.april},
	}
	p := routing.Shiyan2023()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ledger.Input{Policy: p, AsOf: baseline, Sources: tt.srcs, Tasks: tt.tasks}
			l, err := ledger.Build(in)
			if err != nil {
				t.Fatal(err)
			}
			people, st, rep := byParts(t, in)
			if got, want := stateBytes(t, st), stateBytes(t, l.State()); got != want {
				t.Errorf("state differs:\n--- Build\n%s\n--- parts\n%s", want, got)
			}
			if diff := cmp.Diff(reportText(t, l.Report()), reportText(t, rep)); diff != "" {
				t.Errorf("report text mismatch (-Build +parts):\n%s", diff)
			}
			if diff := cmp.Diff(fmt.Sprint(l.Report().Sources), fmt.Sprint(rep.Sources)); diff != "" {
				t.Errorf("source reports mismatch (-Build +parts):\n%s", diff)
			}
			if len(people) != l.Len() {
				t.Fatalf("%d people by parts, Build has %d", len(people), l.Len())
			}
			for _, pp := range people {
				i, ok := l.Lookup(pp.Entry.Resident.ID)
				if !ok {
					t.Fatalf("%s not in Build's ledger", pp.Entry.Resident.ID.Masked())
				}
				want, _ := l.Entry(i)
				if !reflect.DeepEqual(want, pp.Entry) {
					t.Errorf("%s: entry differs:\nBuild %+v\nparts %+v", pp.Entry.Resident.ID.Masked(), want, pp.Entry)
				}
			}
			// The month, on both.
			mi := ledger.MonthInput{AsOf: eligibility.MustParseDate("2023-04-30"), Insured: []ledger.Source{tt.april}, Base: tt.srcs[:1]}
			m, err := l.State().Month(p, mi)
			if err != nil {
				t.Fatal(err)
			}
			vs, total, changes, next := monthByParts(t, p, st, mi)
			if diff := cmp.Diff(m.Villages, vs); diff != "" {
				t.Errorf("villages mismatch (-Month +parts):\n%s", diff)
			}
			if diff := cmp.Diff(m.Total, total); diff != "" {
				t.Errorf("total mismatch (-Month +parts):\n%s", diff)
			}
			if diff := cmp.Diff(m.Changes, changes); diff != "" {
				t.Errorf("changes mismatch (-Month +parts):\n%s", diff)
			}
			if got, want := stateBytes(t, next), stateBytes(t, m.Next); got != want {
				t.Errorf("next state differs")
			}
		})
	}
}

// TestRowBytes: a row's bytes read back to the same row; cut or altered
// bytes are refused with ErrRowBytes, never a panic.
func TestRowBytes(t *testing.T) {
	sr, err := ledger.ReadSource(0, smallSources()[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sr.Rows {
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back ledger.Row
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, back) {
			t.Errorf("row %d: read back %+v, want %+v", r.Line(), back, r)
		}
		for i := range b {
			var x ledger.Row
			if err := x.UnmarshalBinary(b[:i]); err == nil {
				t.Errorf("row %d cut at %d: no error", r.Line(), i)
			}
			c := bytes.Clone(b)
			c[i] ^= 0xFF
			x.UnmarshalBinary(c) // must not panic
		}
	}
}
