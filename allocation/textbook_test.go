package allocation_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// Cases from the apportionment literature, each with its source.

func unitsOf(names []string, weights []int64) []allocation.Unit {
	us := make([]allocation.Unit, len(names))
	for i := range names {
		us[i] = allocation.Unit{Name: names[i], Weight: weights[i]}
	}
	return us
}

// The 1790 census, apportionment populations of the 15 states (total
// 3,615,920), as tabulated in the project "The First Apportionment of the
// House of Representatives" (tutorsglobe.com/question/the-first-apportionment-
// of-the-house-of-representatives---52333663.aspx); Virginia 630,560,
// Delaware 55,540 and New York 331,589 agree with the MAA Convergence article
// "Apportioning Representatives in the United States Congress - The Quota
// Rule" (old.maa.org/node/117258).
var (
	states1790 = []string{"Connecticut", "Delaware", "Georgia", "Kentucky", "Maryland", "Massachusetts", "New Hampshire", "New Jersey", "New York", "North Carolina", "Pennsylvania", "Rhode Island", "South Carolina", "Vermont", "Virginia"}
	pop1790    = []int64{236841, 55540, 70835, 68705, 278514, 475327, 141822, 179570, 331589, 353523, 432879, 68446, 206236, 85533, 630560}
)

func TestUSHouse1792(t *testing.T) {
	units := unitsOf(states1790, pop1790)
	// The Act of April 14, 1792 (census.gov, "Apportionment Legislation
	// 1790 - 1830"): 105 seats by Jefferson's method, one per 33,000. Seats
	// per state as in St. George Tucker's table (constitution.org/
	// 1-Constitution/tb/t1d04056.htm, "Representation according to the First
	// Census"): NH 4, MA 14, RI 2, CT 7, NY 10, NJ 5, PA 13, DE 1, MD 8,
	// VA 19, NC 10, SC 6, GA 2, VT 2, KY 2.
	jefferson := []int64{7, 1, 2, 2, 8, 14, 4, 5, 10, 10, 13, 2, 6, 2, 19}
	res, err := allocation.Apportion(105, units, allocation.DHondt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(jefferson, res.Allocations()); diff != "" {
		t.Errorf("Jefferson 1792 mismatch (-want +got):\n%s", diff)
	}
	// The divisor 33,000 itself gives those seats: ⌊population/33000⌋.
	for i, p := range pop1790 {
		if p/33000 != jefferson[i] {
			t.Errorf("%s: ⌊%d/33000⌋ = %d, want %d", states1790[i], p, p/33000, jefferson[i])
		}
	}
	// MAA Convergence ("Jefferson's Method of Apportionment"): Hamilton at
	// 105 agrees for 13 of the 15 states; Delaware gains the seat Virginia
	// got under Jefferson.
	ham, err := allocation.Apportion(105, units, allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := allocation.Changes(res, ham)
	want := []allocation.Change{{Index: 1, Name: "Delaware", From: 1, To: 2}, {Index: 14, Name: "Virginia", From: 19, To: 18}}
	if diff := cmp.Diff(want, ch); diff != "" {
		t.Errorf("Hamilton vs Jefferson at 105 (-want +got):\n%s", diff)
	}
	// The vetoed bill: Hamilton's method for 120 seats (Freeman, For All
	// Practical Purposes, 10th ed., ch. 14, Example 6, Table 14.5: "The
	// Vetoed Apportionment Bill by Hamilton's Method").
	ham120, err := allocation.Apportion(120, units, allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	want120 := []int64{8, 2, 2, 2, 9, 16, 5, 6, 11, 12, 14, 2, 7, 3, 21}
	if diff := cmp.Diff(want120, ham120.Allocations()); diff != "" {
		t.Errorf("Hamilton 120 mismatch (-want +got):\n%s", diff)
	}
	// Its quotas, to three places: Virginia 20.926, Delaware 1.843, New
	// York 11.004.
	for i, q := range map[int]string{14: "20.926", 1: "1.843", 8: "11.004"} {
		if got := ham120.Shares[i].Quota.StringFixed(3); got != q {
			t.Errorf("%s quota = %s, want %s", states1790[i], got, q)
		}
	}
	// MAA "The Quota Rule": Virginia's quota at 105 is 18.31036, Delaware's
	// 1.61278, New York's 9.628765.
	for _, c := range []struct {
		i     int
		scale int
		want  string
	}{{14, 5, "18.31036"}, {1, 5, "1.61278"}, {8, 6, "9.628765"}} {
		if got := res.Shares[c.i].Quota.StringFixed(c.scale); got != c.want {
			t.Errorf("%s quota = %s, want %s", states1790[c.i], got, c.want)
		}
	}
}

// TestAlabamaParadox: Hamilton's method is not house monotone.
func TestAlabamaParadox(t *testing.T) {
	cases := []struct {
		name          string
		source        string
		weights       []int64
		before, after []int64
		house         int64
	}{
		{
			// Wikipedia, "Alabama paradox" (as mirrored at reference.com/
			// browse/wiki/Alabama_paradox): sizes 6, 6, 2; C gets 2 of 10
			// seats but 1 of 11.
			name: "three states", weights: []int64{6, 6, 2}, house: 10,
			before: []int64{4, 4, 2}, after: []int64{5, 5, 1},
		},
		{
			// electowiki.org/wiki/Alabama_paradox and academickids.com:
			// sizes 5670, 3850, 420, 60; C gets 14 of 323 seats but 13 of 324.
			name: "four states", weights: []int64{5670, 3850, 420, 60}, house: 323,
			before: []int64{183, 124, 14, 2}, after: []int64{184, 125, 13, 2},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			units := unitsOf(make([]string, len(c.weights)), c.weights)
			a, err := allocation.Apportion(c.house, units, allocation.Hamilton)
			if err != nil {
				t.Fatal(err)
			}
			b, err := allocation.Apportion(c.house+1, units, allocation.Hamilton)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([][]int64{c.before, c.after}, [][]int64{a.Allocations(), b.Allocations()}); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			// A divisor method never does this.
			for _, m := range []allocation.Method{allocation.SainteLague, allocation.HuntingtonHill} {
				x, err1 := allocation.Apportion(c.house, units, m, allocation.WithTieRule(allocation.TieByOrder))
				y, err2 := allocation.Apportion(c.house+1, units, m, allocation.WithTieRule(allocation.TieByOrder))
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				for i := range c.weights {
					if y.Shares[i].Allocated < x.Shares[i].Allocated {
						t.Errorf("%v: unit %d lost a seat", m, i)
					}
				}
			}
		})
	}
	// 1880 (georgeszpiro.com/7-alabama-paradox): with 299 seats "the
	// appropriate divisor would be 165,120", giving Alabama (1,262,505) 7.646,
	// Texas (1,591,749) 9.640 and Illinois (3,077,871) 18.640; Alabama's
	// larger remainder won it the 8th seat. The full 38-state table is not
	// reproduced here.
	for pop, want := range map[int64]string{1262505: "7.646", 1591749: "9.640", 3077871: "18.640"} {
		q, err := allocation.NewQuota(pop, 165120)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.StringFixed(3); got != want {
			t.Errorf("quota of %d = %s, want %s", pop, got, want)
		}
	}
}

// TestThreePartyExample: A 6100, B 5000, C 900 votes, 10 seats
// (staatsrecht.honikel.de, "Berechnungsbeispiele – Lösungen"): Sainte-Laguë
// 5, 4, 1; largest remainder 5, 4, 1; D'Hondt 6, 4, 0.
func TestThreePartyExample(t *testing.T) {
	units := unitsOf([]string{"A", "B", "C"}, []int64{6100, 5000, 900})
	for m, want := range map[allocation.Method][]int64{
		allocation.SainteLague: {5, 4, 1},
		allocation.Hamilton:    {5, 4, 1},
		allocation.DHondt:      {6, 4, 0},
	} {
		res, err := allocation.Apportion(10, units, m)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, res.Allocations()); diff != "" {
			t.Errorf("%v mismatch (-want +got):\n%s", m, diff)
		}
	}
}

// TestSignposts works small cases by hand where the methods' signposts
// differ: weights 7 and 3. With 4 seats every method gives 3, 1:
// D'Hondt takes the quotients 7, 3.5, 3, 2.33; Sainte-Laguë 7, 3, 2.33 (7/3),
// 1.4 (7/5); Adams ∞, ∞, 7, 3.5; Huntington-Hill ∞, ∞, 4.95 (7/√2), 2.86
// (7/√6). The 5th seat: D'Hondt 7/4 = 1.75 beats 3/2 = 1.5 (4, 1);
// Sainte-Laguë 7/7 = 1 ties 3/3 = 1; Dean 3/d(1) = 3·3/4 = 2.25 beats
// 7/d(3) = 7·7/24 = 2.04 (3, 2); Huntington-Hill 3/√2 = 2.12 beats 7/√12 =
// 2.02 (3, 2).
func TestSignposts(t *testing.T) {
	units := unitsOf([]string{"big", "small"}, []int64{7, 3})
	cases := []struct {
		m     allocation.Method
		seats int64
		want  []int64
		tie   bool
	}{
		{allocation.DHondt, 4, []int64{3, 1}, false},
		{allocation.SainteLague, 4, []int64{3, 1}, false},
		{allocation.Adams, 4, []int64{3, 1}, false},
		{allocation.HuntingtonHill, 4, []int64{3, 1}, false},
		{allocation.DHondt, 5, []int64{4, 1}, false},
		{allocation.SainteLague, 5, nil, true},
		{allocation.Dean, 5, []int64{3, 2}, false},
		{allocation.HuntingtonHill, 5, []int64{3, 2}, false},
	}
	for _, c := range cases {
		res, err := allocation.Apportion(c.seats, units, c.m)
		if c.tie {
			if te, ok := err.(*allocation.TieError); !ok || te.Tie.Seats != 1 || len(te.Tie.Units) != 2 {
				t.Errorf("%v %d: err = %v, want a tie of 2 units for 1 seat", c.m, c.seats, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v %d: %v", c.m, c.seats, err)
		}
		if diff := cmp.Diff(c.want, res.Allocations()); diff != "" {
			t.Errorf("%v %d seats (-want +got):\n%s", c.m, c.seats, diff)
		}
	}
}
