package allocation_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// This file holds hostile inputs: numbers at the int64 limit, huge numbers of
// units and of ties, totals far above the number of units, and every
// combination of bounds on small problems.

var divisorMethods = []allocation.Method{allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill}

// TestHugeTie: 100,000 units of equal weight and a total of 50,000. The
// methods that keep the sum (except those owing every unit a first seat)
// report one tie of all 100,000 units for 50,000 seats, with a message of
// bounded size; every tie rule settles it.
func TestHugeTie(t *testing.T) {
	const n = 100_000
	units := make([]allocation.Unit, n)
	for i := range units {
		units[i] = allocation.Unit{Name: "村" + strconv.Itoa(i), Weight: 7}
	}
	for _, m := range []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague} {
		_, err := allocation.Apportion(n/2, units, m)
		var te *allocation.TieError
		if !errors.As(err, &te) {
			t.Fatalf("%v: err = %v, want a tie", m, err)
		}
		if len(te.Tie.Units) != n || te.Tie.Seats != n/2 || te.Partial.Sum != 0 {
			t.Fatalf("%v: %d units tie for %d seats, partial sum %d", m, len(te.Tie.Units), te.Tie.Seats, te.Partial.Sum)
		}
		msg := err.Error()
		if len(msg) > 400 || !strings.Contains(msg, "100000 units tie for the last 50000 seats") || !strings.Contains(msg, "… 99990 more") {
			t.Errorf("%v: message of %d bytes: %.300s", m, len(msg), msg)
		}
		rules := []allocation.TieRule{allocation.TieByOrder, allocation.TieByWeight, allocation.TieByName}
		if m != allocation.Hamilton {
			rules = nil // the same code settles every method's tie
		}
		for _, rule := range rules {
			res, err := allocation.Apportion(n/2, units, m, allocation.WithTieRule(rule))
			if err != nil {
				t.Fatalf("%v %v: %v", m, rule, err)
			}
			if res.Sum != n/2 || len(res.Ties) != 1 || len(res.Ties[0].Winners) != n/2 {
				t.Fatalf("%v %v: sum %d, ties %d", m, rule, res.Sum, len(res.Ties))
			}
			if s := res.Ties[0].String(); len(s) > 500 {
				t.Errorf("%v %v: Tie.String is %d bytes", m, rule, len(s))
			}
			// The winners are those the rule's definition picks; by name
			// (byte order) "村0" < "村1" < "村10" < … so 村6 … 村9 lose.
			all := make([]int, n)
			for i := range all {
				all[i] = i
			}
			if diff := cmp.Diff(refWinners(rule, &refTie{units: all, seats: n / 2}, units), res.Ties[0].Winners); diff != "" {
				t.Errorf("%v %v winners (-want +got):\n%s", m, rule, diff)
			}
			if rule == allocation.TieByName {
				if diff := cmp.Diff([]int64{1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1}, res.Allocations()[:11]); diff != "" {
					t.Errorf("%v by name (-want +got):\n%s", m, diff)
				}
			}
		}
	}
	for _, m := range []allocation.Method{allocation.Adams, allocation.Dean, allocation.HuntingtonHill} {
		_, err := allocation.Apportion(n/2, units, m)
		var fe *allocation.TooFewSeatsError
		if !errors.As(err, &fe) || fe.Units != n || fe.Seats != n/2 {
			t.Errorf("%v: err = %v", m, err)
		}
	}
}

// TestLongNameMessages: a unit name of a megabyte does not make a message
// of a megabyte.
func TestLongNameMessages(t *testing.T) {
	long := strings.Repeat("长", 1<<20)
	_, err := allocation.Apportion(1, []allocation.Unit{{Name: long, Weight: -1}}, allocation.HalfUp)
	if err == nil || len(err.Error()) > 300 {
		t.Errorf("InputError message of %d bytes", len(err.Error()))
	}
	_, err = allocation.Apportion(1, []allocation.Unit{{Name: long, Weight: 1}, {Name: long, Weight: 1}}, allocation.Hamilton)
	if !errors.Is(err, allocation.ErrTie) || len(err.Error()) > 400 {
		t.Errorf("TieError message of %d bytes", len(err.Error()))
	}
}

// TestMillionZeros: a million units of weight 0 and one of weight 1. The one
// takes everything, with every method (a million units for a few methods,
// a hundred thousand for all, to keep the race detector's run short).
func TestMillionZeros(t *testing.T) {
	for _, c := range []struct {
		n       int
		total   int64
		methods []allocation.Method
	}{
		{1_000_001, 1_000_000_000_000, []allocation.Method{allocation.Hamilton, allocation.HuntingtonHill}},
		{100_001, 1, allocation.Methods()},
		{100_001, 1_000_000_000_000, allocation.Methods()},
	} {
		units := make([]allocation.Unit, c.n)
		units[77_777].Weight = 1
		total := c.total
		for _, m := range c.methods {
			res, err := allocation.Apportion(total, units, m)
			if err != nil {
				t.Fatalf("%v total %d: %v", m, total, err)
			}
			if res.Sum != total || res.Shares[77_777].Allocated != total {
				t.Fatalf("%v total %d: sum %d, unit %d", m, total, res.Sum, res.Shares[77_777].Allocated)
			}
		}
	}
}

// TestHugeTotals: totals far above the number of units, up to the int64
// limit, are exact and take no seat-by-seat loop.
func TestHugeTotals(t *testing.T) {
	const maxI = math.MaxInt64
	cases := []struct {
		name  string
		total int64
		w     []int64
		want  []int64 // nil: check the certificate only
	}{
		// Quotas 2·10^14, 333333333333333⅓, 466666666666666⅔: every method
		// that keeps the sum gives the last seat to the largest remainder.
		{"1e15 over 3", 1_000_000_000_000_000, []int64{3, 5, 7}, []int64{200_000_000_000_000, 333_333_333_333_333, 466_666_666_666_667}},
		{"2^62 over one", 1 << 62, []int64{1 << 62}, []int64{1 << 62}},
		{"2^62 over 2^62−1 and 1", 1 << 62, []int64{1<<62 - 1, 1}, []int64{1<<62 - 1, 1}},
		{"max over 1,2^62", maxI, []int64{1, 1 << 62}, nil},
		{"max over three near 2^61", maxI, []int64{1<<61 + 3, 1<<61 + 5, 1<<61 + 7}, []int64{3074457345618258600, 3074457345618258602, 3074457345618258605}},
		{"max over 3,5,7", maxI, []int64{3, 5, 7}, nil},
	}
	for _, c := range cases {
		units := make([]allocation.Unit, len(c.w))
		for i, w := range c.w {
			units[i] = allocation.Unit{Weight: w}
		}
		for _, m := range keepSum {
			res, err := allocation.Apportion(c.total, units, m, allocation.WithTieRule(allocation.TieByOrder))
			if err != nil {
				t.Fatalf("%s %v: %v", c.name, m, err)
			}
			if res.Sum != c.total {
				t.Fatalf("%s %v: sum %d", c.name, m, res.Sum)
			}
			if m.IsDivisor() {
				checkCertificate(t, m, units, res)
			} else {
				for _, s := range res.Shares {
					if s.Allocated < s.Quota.Floor() || s.Allocated > s.Quota.Ceil() {
						t.Fatalf("%s hamilton: %d outside the quota %v", c.name, s.Allocated, s.Quota)
					}
				}
			}
			if c.want != nil {
				if diff := cmp.Diff(c.want, res.Allocations()); diff != "" {
					t.Errorf("%s %v (-want +got):\n%s", c.name, m, diff)
				}
			}
		}
	}
	// 1000 random units with a total of 10^15 and 2^62.
	r := rand.New(rand.NewPCG(41, 42))
	for _, total := range []int64{1_000_000_000_000_000, 1 << 62} {
		units := make([]allocation.Unit, 1000)
		for i := range units {
			units[i] = allocation.Unit{Weight: 1 + r.Int64N(1<<40)}
		}
		for _, m := range divisorMethods {
			res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByOrder))
			if err != nil {
				t.Fatal(err)
			}
			if res.Sum != total {
				t.Fatalf("%v: sum %d", m, res.Sum)
			}
			checkCertificate(t, m, units, res)
		}
	}
}

// TestNearLimitWeights: 1000 weights that sum just below 2^63, with the
// largest total and a tiny one; and weights whose sum passes the limit.
func TestNearLimitWeights(t *testing.T) {
	units := make([]allocation.Unit, 1000)
	for i := range units {
		units[i] = allocation.Unit{Weight: math.MaxInt64/1000 - int64(i)}
	}
	for _, total := range []int64{math.MaxInt64, 7, 1001} {
		for _, m := range keepSum {
			res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByOrder))
			if errors.Is(err, allocation.ErrTooFewSeats) && total < 1000 {
				continue
			}
			if err != nil {
				t.Fatalf("%v total %d: %v", m, total, err)
			}
			if res.Sum != total {
				t.Fatalf("%v total %d: sum %d", m, total, res.Sum)
			}
			if m.IsDivisor() {
				checkCertificate(t, m, units, res)
			}
		}
	}
	units = append(units, allocation.Unit{Weight: math.MaxInt64 / 500})
	if _, err := allocation.Apportion(10, units, allocation.Hamilton); !errors.Is(err, allocation.ErrOverflow) {
		t.Errorf("weights beyond int64: err = %v", err)
	}
}

// TestAllBoundCombinations runs every combination of weight, lower bound and
// upper bound (none, 0 … 3, Min = Max included) for two units, and totals 0
// to 7, through every method that keeps the sum and against the references.
func TestAllBoundCombinations(t *testing.T) {
	type bound struct {
		min, max int64
		hasMax   bool
	}
	var bounds []bound
	for lo := int64(0); lo <= 2; lo++ {
		bounds = append(bounds, bound{min: lo})
		for hi := lo; hi <= 3; hi++ {
			bounds = append(bounds, bound{lo, hi, true})
		}
	}
	weights := []int64{0, 1, 3}
	var checked int
	for _, w1 := range weights {
		for _, w2 := range weights {
			for _, b1 := range bounds {
				for _, b2 := range bounds {
					units := []allocation.Unit{
						{Name: "a", Weight: w1, Min: b1.min, Max: b1.max, HasMax: b1.hasMax},
						{Name: "b", Weight: w2, Min: b2.min, Max: b2.max, HasMax: b2.hasMax},
					}
					for total := int64(0); total <= 7; total++ {
						for _, m := range keepSum {
							checked++
							checkOne(t, total, units, m)
						}
					}
				}
			}
		}
	}
	t.Logf("%d cases", checked)
}

// checkOne checks one problem against the references: the infeasible
// problems, the tie, or the allocation.
func checkOne(t *testing.T, total int64, units []allocation.Unit, m allocation.Method) {
	t.Helper()
	res, err := allocation.Apportion(total, units, m)
	if !feasible(total, units) {
		var be *allocation.BoundsError
		if !errors.As(err, &be) && !errors.Is(err, allocation.ErrZeroWeights) {
			t.Fatalf("%v %d %+v: err = %v, want infeasible", m, total, units, err)
		}
		return
	}
	if m == allocation.Adams || m == allocation.Dean || m == allocation.HuntingtonHill {
		if need, left := firstSeatUnits(total, units); need > left && left > 0 {
			if !errors.Is(err, allocation.ErrTooFewSeats) {
				t.Fatalf("%v %d %+v: err = %v, want ErrTooFewSeats", m, total, units, err)
			}
			return
		}
	}
	var want []int64
	var rt *refTie
	if m == allocation.Hamilton {
		want, rt = refHamiltonTie(total, units)
	} else {
		want, rt = refDivisorTie(total, units, m)
	}
	if rt != nil {
		var te *allocation.TieError
		if !errors.As(err, &te) || !cmp.Equal(rt.units, te.Tie.Units) || te.Tie.Seats != rt.seats || !cmp.Equal(rt.partial, te.Partial.Allocations()) {
			t.Fatalf("%v %d %+v: err = %v, want a tie of %v for %d", m, total, units, err, rt.units, rt.seats)
		}
		return
	}
	if err != nil {
		t.Fatalf("%v %d %+v: %v", m, total, units, err)
	}
	if diff := cmp.Diff(want, res.Allocations()); diff != "" {
		t.Fatalf("%v %d %+v (-reference +got):\n%s", m, total, units, diff)
	}
	checkBounds(t, units, res)
}

// TestNegativeMaxWithoutHasMax: Max is not read unless HasMax is set, so a
// negative Max without it is no error.
func TestNegativeMaxWithoutHasMax(t *testing.T) {
	for _, m := range allocation.Methods() {
		res, err := allocation.Apportion(4, []allocation.Unit{{Weight: 1, Max: -5}, {Weight: 1}}, m)
		if err != nil || res.Allocations()[0] != 2 {
			t.Errorf("%v: %v, %v", m, res.Allocations(), err)
		}
	}
}

// TestDeepTree: a chain of 20,000 nested nodes (each with one sibling leaf)
// is split in linear time, and an error deep down names a short path.
func TestDeepTree(t *testing.T) {
	const depth = 20_000
	n := allocation.Node{Unit: allocation.Unit{Name: "leaf", Weight: 1}}
	for range depth {
		n = allocation.Node{Unit: allocation.Unit{Name: "镇"}, Children: []allocation.Node{n, {Unit: allocation.Unit{Name: "村", Weight: 1}}}}
	}
	// The chain's weights are 1, 2, 3, …: the node at height h weighs h+1.
	res, err := allocation.ApportionTree(1<<40, n, allocation.Hamilton, allocation.WithTieRule(allocation.TieByOrder))
	if err != nil {
		t.Fatal(err)
	}
	if res.Weight != depth+1 || res.Sum != 1<<40 {
		t.Fatalf("root weight %d, sum %d", res.Weight, res.Sum)
	}
	leaves := res.Leaves()
	var sum int64
	for _, l := range leaves {
		sum += l.Allocated
	}
	if len(leaves) != depth+1 || sum != 1<<40 {
		t.Fatalf("%d leaves summing to %d", len(leaves), sum)
	}
	_, err = allocation.ApportionTree(1<<40, n, allocation.Hamilton)
	var tre *allocation.TreeError
	if !errors.As(err, &tre) || !errors.Is(err, allocation.ErrTie) {
		t.Fatalf("err = %v, want a tie deep down", err)
	}
	if msg := err.Error(); len(msg) > 300 || !strings.Contains(msg, "more") {
		t.Errorf("message of %d bytes: %.300s", len(msg), msg)
	}
}

// TestKthLargest checks the selection behind Hamilton's largest remainders
// against sorting, with the default budget of partition rounds and with the
// sort fallback forced after 0, 1 and 3 rounds (the path crafted inputs take).
func TestKthLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	for iter := range 2000 {
		n := 1 + r.IntN(60)
		xs := make([]uint64, n)
		for i := range xs {
			xs[i] = r.Uint64N(uint64(1 + iter%20)) // many repeats
		}
		orig := slices.Clone(xs)
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		k := 1 + r.IntN(n)
		want := sorted[n-k]
		for _, budget := range []int{-1, 0, 1, 3} {
			if got := allocation.KthLargest(xs, k, budget); got != want {
				t.Fatalf("KthLargest(%v, %d, budget %d) = %d, want %d", xs, k, budget, got, want)
			}
		}
		if !slices.Equal(xs, orig) {
			t.Fatal("input changed")
		}
	}
}

// TestFootingDiffLimits: a stated total at the opposite int64 limit from
// the cells' sum gives a saturated difference, not a wrapped one.
func TestFootingDiffLimits(t *testing.T) {
	for _, c := range []struct {
		sum, stated, want int64
	}{
		{9778, 9777, 1},
		{7821, 7822, -1},
		{math.MaxInt64, -1, math.MaxInt64},
		{math.MaxInt64, math.MinInt64, math.MaxInt64},
		{-2, math.MaxInt64, math.MinInt64},
		{math.MinInt64, 1, math.MinInt64},
		{math.MinInt64, math.MinInt64, 0},
		{math.MaxInt64 - 1, -1, math.MaxInt64},
	} {
		f, err := allocation.Foot(allocation.Column{Cells: []int64{c.sum}, Total: c.stated, HasTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Diff(); got != c.want {
			t.Errorf("Diff of sum %d, stated %d = %d, want %d", c.sum, c.stated, got, c.want)
		}
	}
}
