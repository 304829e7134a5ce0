package allocation_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// checkCertificate verifies that a divisor-method result is what the method
// defines, whatever the size of the numbers: every seat given beats (or
// ties) every seat not given. A seat given is a unit's a-th seat above its
// lower bound, with priority w/d(a−1); a seat not given is a unit's next seat
// below its upper bound, with priority w/d(a).
func checkCertificate(t *testing.T, m allocation.Method, units []allocation.Unit, res allocation.Result) {
	t.Helper()
	var weakest, strongest *refSeat
	for i, u := range units {
		a := res.Shares[i].Allocated
		if u.Weight == 0 {
			if a != u.Min {
				t.Fatalf("%v: zero-weight unit %d got %d, min %d", m, i, a, u.Min)
			}
			continue
		}
		if a > u.Min {
			s := refSeat{unit: i, k: a - 1, w: u.Weight}
			if weakest == nil || refDivisorCmp(m, s, *weakest) < 0 {
				weakest = &s
			}
		}
		if !u.HasMax || a < u.Max {
			s := refSeat{unit: i, k: a, w: u.Weight}
			if strongest == nil || refDivisorCmp(m, s, *strongest) > 0 {
				strongest = &s
			}
		}
	}
	if weakest != nil && strongest != nil && refDivisorCmp(m, *strongest, *weakest) > 0 {
		t.Fatalf("%v: unit %d's seat %d (weight %d) was not given, but unit %d's seat %d (weight %d) was",
			m, strongest.unit, strongest.k+1, strongest.w, weakest.unit, weakest.k+1, weakest.w)
	}
}

func largeProblem(r *rand.Rand, n int, bounds bool) (int64, []allocation.Unit) {
	units := make([]allocation.Unit, n)
	var sumW int64
	for i := range units {
		w := r.Int64N(1 << uint(10+r.IntN(40)))
		units[i] = allocation.Unit{Weight: w}
		sumW += w
	}
	total := r.Int64N(1 << uint(1+r.IntN(50)))
	if bounds {
		for i := range units {
			// Quota-relative bounds, some binding.
			q := int64(0)
			if sumW > 0 {
				q = floorShare(total, units[i].Weight, sumW)
			}
			switch r.IntN(5) {
			case 0:
				units[i].HasMax, units[i].Max = true, q/2
			case 1:
				units[i].Min = min(q+q/3, total/int64(2*n)+1)
			}
		}
	}
	return total, units
}

// floorShare returns ⌊total·w/sum⌋ exactly (through Floor).
func floorShare(total, w, sum int64) int64 {
	res, err := allocation.Apportion(total, []allocation.Unit{{Weight: w}, {Weight: sum - w}}, allocation.Floor)
	if err != nil {
		return 0
	}
	return res.Shares[0].Allocated
}

// TestDivisorCertificateLarge checks the divisor methods on large random
// problems (weights up to 2^50, totals up to 2^51, with bounds) by the
// certificate above: no reference implementation could enumerate these.
func TestDivisorCertificateLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	methods := []allocation.Method{allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill}
	var checked int
	for iter := range 120 {
		total, units := largeProblem(r, 1+r.IntN(300), iter%2 == 1)
		for _, m := range methods {
			res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByOrder))
			var be *allocation.BoundsError
			switch {
			case errors.As(err, &be), errors.Is(err, allocation.ErrTooFewSeats), errors.Is(err, allocation.ErrZeroWeights):
				continue
			case err != nil:
				t.Fatalf("%v: %v", m, err)
			}
			checked++
			sorted, err := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByOrder), allocation.WithWaterfillRounds(0))
			if err != nil {
				t.Fatalf("%v, sorted sweep: %v", m, err)
			}
			checkCertificate(t, m, units, sorted)
			if res.Sum != total {
				t.Fatalf("%v: sum %d, total %d", m, res.Sum, total)
			}
			checkBounds(t, units, res)
			checkCertificate(t, m, units, res)
		}
	}
	if checked < 300 {
		t.Errorf("only %d checked", checked)
	}
}

// TestHamiltonLarge checks Hamilton on large random problems: the sum, the
// bounds, and without bounds the quota rule.
func TestHamiltonLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for iter := range 200 {
		bounded := iter%2 == 1
		total, units := largeProblem(r, 1+r.IntN(300), bounded)
		res, err := allocation.Apportion(total, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByName))
		var be *allocation.BoundsError
		switch {
		case errors.As(err, &be), errors.Is(err, allocation.ErrZeroWeights):
			continue
		case err != nil:
			t.Fatal(err)
		}
		if res.Sum != total {
			t.Fatalf("sum %d, total %d", res.Sum, total)
		}
		checkBounds(t, units, res)
		sorted, err := allocation.Apportion(total, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByName), allocation.WithWaterfillRounds(0))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(res.Allocations(), sorted.Allocations()); diff != "" {
			t.Fatalf("sorted sweep differs (-iterative +sorted):\n%s", diff)
		}
		if !bounded {
			for _, s := range res.Shares {
				if s.Allocated < s.Quota.Floor() || s.Allocated > s.Quota.Ceil() {
					t.Fatalf("unit %d: %d outside the quota %v", s.Index, s.Allocated, s.Quota)
				}
			}
		}
	}
}

// FuzzDivisorLarge runs the certificate on fuzzed large numbers.
func FuzzDivisorLarge(f *testing.F) {
	f.Add(uint8(0), int64(math.MaxInt64), int64(math.MaxInt64/3), int64(math.MaxInt64/3), int64(7), int64(0))
	f.Add(uint8(4), int64(1<<40), int64(123456789), int64(987654321), int64(1), int64(5))
	f.Fuzz(func(t *testing.T, mi uint8, total, w1, w2, w3, cap3 int64) {
		methods := []allocation.Method{allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill}
		m := methods[int(mi)%len(methods)]
		units := []allocation.Unit{{Weight: w1}, {Weight: w2}, {Weight: w3, Max: cap3, HasMax: cap3 >= 0}}
		res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByOrder))
		if err != nil {
			var ie *allocation.InputError
			var be *allocation.BoundsError
			var fe *allocation.TooFewSeatsError
			if !errors.As(err, &ie) && !errors.As(err, &be) && !errors.As(err, &fe) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if res.Sum != total {
			t.Fatalf("sum %d, total %d", res.Sum, total)
		}
		checkBounds(t, units, res)
		checkCertificate(t, m, units, res)
	})
}
