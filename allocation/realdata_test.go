package allocation_test

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// This file holds published apportionments from outside the 扩面 campaign,
// each checked cell for cell, so that the methods are held against results
// nobody computed with this package.

// published is a table of units (name, weight) and their published seats.
type published struct {
	units []allocation.Unit
	seats []int64
}

func readPublished(t testing.TB, path string) published {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var p published
	for _, r := range rows[1:] {
		w, err1 := strconv.ParseInt(r[1], 10, 64)
		s, err2 := strconv.ParseInt(r[2], 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: bad row %q", path, r)
		}
		p.units = append(p.units, allocation.Unit{Name: r[0], Weight: w})
		p.seats = append(p.seats, s)
	}
	return p
}

func (p published) sums() (weight, seats int64) {
	for i, u := range p.units {
		weight += u.Weight
		seats += p.seats[i]
	}
	return weight, seats
}

// with returns a copy of the units with delta added to the named unit's
// weight.
func (p published) with(name string, delta int64) []allocation.Unit {
	us := append([]allocation.Unit(nil), p.units...)
	for i := range us {
		if us[i].Name == name {
			us[i].Weight += delta
		}
	}
	return us
}

func seatsOf(t *testing.T, res allocation.Result, name string) int64 {
	t.Helper()
	for _, s := range res.Shares {
		if s.Name == name {
			return s.Allocated
		}
	}
	t.Fatalf("no unit %q", name)
	return 0
}

// TestUSHouse checks the apportionment of the 435 seats of the U.S. House of
// Representatives after the 2010 and 2020 censuses. Huntington-Hill (the
// method of equal proportions, 2 U.S.C. §2a) reproduces every state's seats;
// each other method fails on both, so the test tells the methods apart.
//
// Sources: U.S. Census Bureau, "Apportionment Population and Number of
// Representatives by State: 2020 Census" (Table 1,
// https://www2.census.gov/programs-surveys/decennial/2020/data/apportionment/apportionment-2020-table01.pdf)
// and its 2010 counterpart. The figures in testdata/us-house-{2010,2020}.csv
// were taken from two independent transcriptions of those tables (the R
// package proporz's test suite and a C++ apportionment sandbox for 2020; a
// Python and a JavaScript electoral-college study for 2010, seats = electoral
// votes − 2), which agree figure for figure, and the columns foot to the
// totals the Bureau states: apportionment populations 331,108,434 (2020) and
// 309,183,463 (2010), 435 seats each.
func TestUSHouse(t *testing.T) {
	for _, c := range []struct {
		year string
		pop  int64
		// states where Sainte-Laguë (Webster) differs from the census,
		// computed by this package (not published): they make the test
		// fail if the two divisor methods were swapped.
		webstr map[string]int64
	}{
		{"2020", 331_108_434, map[string]int64{"Montana": 1, "New York": 27, "Ohio": 16, "Rhode Island": 1}},
		{"2010", 309_183_463, map[string]int64{"North Carolina": 14, "Rhode Island": 1}},
	} {
		t.Run(c.year, func(t *testing.T) {
			p := readPublished(t, "testdata/us-house-"+c.year+".csv")
			if pop, seats := p.sums(); len(p.units) != 50 || pop != c.pop || seats != 435 {
				t.Fatalf("data: %d states, population %d, seats %d", len(p.units), pop, seats)
			}
			res, err := allocation.Apportion(435, p.units, allocation.HuntingtonHill)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p.seats, res.Allocations()); diff != "" {
				t.Errorf("Huntington-Hill %s mismatch (-census +got):\n%s", c.year, diff)
			}
			// Every state is guaranteed one seat (U.S. Const. art. I §2): a
			// lower bound of 1 changes nothing.
			bounded := append([]allocation.Unit(nil), p.units...)
			for i := range bounded {
				bounded[i].Min = 1
			}
			b, err := allocation.Apportion(435, bounded, allocation.HuntingtonHill)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p.seats, b.Allocations()); diff != "" {
				t.Errorf("Huntington-Hill with min 1 (-census +got):\n%s", diff)
			}
			web, err := allocation.Apportion(435, p.units, allocation.SainteLague)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range c.webstr {
				if got := seatsOf(t, web, name); got != want {
					t.Errorf("Webster %s: %d, want %d", name, got, want)
				}
			}
			for _, m := range []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean} {
				other, err := allocation.Apportion(435, p.units, m)
				if err != nil {
					t.Fatal(err)
				}
				if m == allocation.Hamilton && c.year == "2010" {
					// Hamilton happens to agree with the census in 2010.
					continue
				}
				if cmp.Equal(p.seats, other.Allocations()) {
					t.Errorf("%v reproduces the %s census too: the test cannot tell it from Huntington-Hill", m, c.year)
				}
			}
		})
	}
}

// TestUSHouse2020Margins checks the two closest margins of the 2020
// apportionment, both announced by the Census Bureau on 26 April 2021 and
// widely reported (Washington Post, "How 89 former New Yorkers reshaped the
// House race", 2021-04-26; NPR, "How 26 people in the census count helped
// Minnesota beat New York for a House seat", 2021-05-01): Minnesota won the
// 435th seat and New York was next in line; with 89 more residents, all else
// equal, New York would have taken it from Minnesota, and with 26 fewer
// residents Minnesota would have lost it to New York. One person either way
// of each margin decides the seat, which only exact comparison gets right.
func TestUSHouse2020Margins(t *testing.T) {
	p := readPublished(t, "testdata/us-house-2020.csv")
	for _, c := range []struct {
		name   string
		delta  int64
		ny, mn int64
	}{
		{"New York", 0, 26, 8},
		{"New York", 88, 26, 8},
		{"New York", 89, 27, 7},
		{"Minnesota", -25, 26, 8},
		{"Minnesota", -26, 27, 7},
	} {
		res, err := allocation.Apportion(435, p.with(c.name, c.delta), allocation.HuntingtonHill)
		if err != nil {
			t.Fatal(err)
		}
		if ny, mn := seatsOf(t, res, "New York"), seatsOf(t, res, "Minnesota"); ny != c.ny || mn != c.mn {
			t.Errorf("%s %+d: New York %d, Minnesota %d; want %d, %d", c.name, c.delta, ny, mn, c.ny, c.mn)
		}
		if res.Sum != 435 {
			t.Errorf("sum %d", res.Sum)
		}
	}
}

// TestBundestag2009 checks the Sainte-Laguë/Schepers distribution of the 598
// regular seats of the 17th German Bundestag (election of 27 September 2009)
// among the six parties by their valid Zweitstimmen. Seats: Bundestag,
// "Sitzverteilung" (webarchiv.bundestag.de/archive/2010/0304/bundestag/plenum/sitzverteilung.html)
// and the Bundeswahlausschuss's final result of 14 October 2009 — CDU 194 of
// which 21 Überhangmandate, CSU 45 of which 3, SPD 146, FDP 93, DIE LINKE 76,
// GRÜNE 68: 598 + 24 = 622. Zweitstimmen: the Bundeswahlleiter's final result
// as transcribed in the R package proporz's tests and in a Java seat
// calculator, which agree.
func TestBundestag2009(t *testing.T) {
	p := readPublished(t, "testdata/bundestag-2009.csv")
	if _, seats := p.sums(); seats != 598 {
		t.Fatalf("data: seats %d", seats)
	}
	res, err := allocation.Apportion(598, p.units, allocation.SainteLague)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p.seats, res.Allocations()); diff != "" {
		t.Errorf("Sainte-Laguë mismatch (-published +got):\n%s", diff)
	}
	dh, err := allocation.Apportion(598, p.units, allocation.DHondt)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(p.seats, dh.Allocations()) {
		t.Error("D'Hondt gives the published seats too: the test cannot tell the methods apart")
	}
}

// TestBundestag2005 checks the Hare-Niemeyer (Hamilton) distribution of the
// 598 regular seats of the 16th German Bundestag (election of 18 September
// 2005), the last one made by that method. Seats without Überhangmandate:
// Bundestag, Datenhandbuch 1.13 (webarchiv.bundestag.de/archive/2011/1104/
// dokumente/datenhandbuch/01/01_13/01_13_05.html): CDU/CSU 219, SPD 213,
// FDP 61, DIE LINKE 54, GRÜNE 51. Zweitstimmen (CDU and CSU together, as in
// that table): the Bundeswahlleiter's final result as transcribed in an R
// election study; they agree with the published shares (SPD 34.2 %, FDP
// 9.8 %, DIE LINKE 8.7 %, GRÜNE 8.1 %).
func TestBundestag2005(t *testing.T) {
	p := readPublished(t, "testdata/bundestag-2005.csv")
	if _, seats := p.sums(); seats != 598 {
		t.Fatalf("data: seats %d", seats)
	}
	res, err := allocation.Apportion(598, p.units, allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p.seats, res.Allocations()); diff != "" {
		t.Errorf("Hare-Niemeyer mismatch (-published +got):\n%s", diff)
	}
	// D'Hondt, used before 1985, would give another distribution (the
	// other divisor methods happen to agree with Hare-Niemeyer here).
	dh, err := allocation.Apportion(598, p.units, allocation.DHondt)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(p.seats, dh.Allocations()) {
		t.Error("D'Hondt gives the published seats too")
	}
	for _, m := range []allocation.Method{allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill} {
		other, err := allocation.Apportion(598, p.units, m)
		if err != nil || !cmp.Equal(p.seats, other.Allocations()) {
			t.Errorf("%v: %v, %v", m, other.Allocations(), err)
		}
	}
}
