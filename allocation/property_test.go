package allocation_test

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// randomProblem returns a small apportionment problem. With bounds, some
// units get lower and upper bounds (possibly infeasible ones).
func randomProblem(r *rand.Rand, bounds bool) (int64, []allocation.Unit) {
	n := 1 + r.IntN(7)
	units := make([]allocation.Unit, n)
	for i := range units {
		u := allocation.Unit{Name: fmt.Sprintf("u%d", i)}
		switch r.IntN(6) {
		case 0:
			u.Weight = 0
		case 1:
			u.Weight = 1 + r.Int64N(5) // small weights: many ties
		default:
			u.Weight = 1 + r.Int64N(1000)
		}
		if bounds {
			if r.IntN(3) == 0 {
				u.Min = r.Int64N(6)
			}
			if r.IntN(3) == 0 {
				u.HasMax = true
				u.Max = u.Min + r.Int64N(10)
			}
		}
		units[i] = u
	}
	return r.Int64N(40), units
}

func firstSeatUnits(total int64, units []allocation.Unit) (needed, left int64) {
	left = total
	for _, u := range units {
		left -= u.Min
		if u.Weight > 0 && u.Min == 0 && (!u.HasMax || u.Max > 0) {
			needed++
		}
	}
	return needed, left
}

func feasible(total int64, units []allocation.Unit) bool {
	var sumMin, capacity int64
	unbounded := false
	for _, u := range units {
		sumMin += u.Min
		switch {
		case u.Weight == 0:
			capacity += u.Min
		case u.HasMax:
			capacity += u.Max
		default:
			unbounded = true
		}
	}
	return sumMin <= total && (unbounded || capacity >= total)
}

// TestAgainstReference checks every method that keeps the sum against the
// slow reference implementations on many small random problems, with and
// without bounds: same allocation, or a tie exactly when the reference sees
// one, or the same infeasibility.
func TestAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	methods := []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill}
	var checked, ties int
	for iter := range 700 {
		total, units := randomProblem(r, iter%2 == 1)
		for _, m := range methods {
			got, err := allocation.Apportion(total, units, m)
			if !feasible(total, units) {
				var be *allocation.BoundsError
				var ie *allocation.InputError
				if !errors.As(err, &be) && !(errors.As(err, &ie) && errors.Is(err, allocation.ErrZeroWeights)) {
					t.Fatalf("%v %d %+v: err = %v, want infeasible", m, total, units, err)
				}
				continue
			}
			if m == allocation.Adams || m == allocation.Dean || m == allocation.HuntingtonHill {
				if need, left := firstSeatUnits(total, units); need > left && left > 0 {
					if !errors.Is(err, allocation.ErrTooFewSeats) {
						t.Fatalf("%v %d %+v: err = %v, want ErrTooFewSeats", m, total, units, err)
					}
					continue
				}
			}
			var want []int64
			var tie bool
			if m == allocation.Hamilton {
				want, tie = refHamilton(total, units)
			} else {
				want, tie = refDivisor(total, units, m)
			}
			if tie {
				ties++
				var te *allocation.TieError
				if !errors.As(err, &te) {
					t.Fatalf("%v %d %+v: err = %v, want a tie (reference %v)", m, total, units, err, want)
				}
				checkTie(t, te, units, want)
				continue
			}
			if err != nil {
				t.Fatalf("%v %d %+v: %v (reference %v)", m, total, units, err, want)
			}
			checked++
			if diff := cmp.Diff(want, got.Allocations()); diff != "" {
				t.Fatalf("%v total %d units %+v mismatch (-reference +got):\n%s", m, total, units, diff)
			}
			// The sorted sweep (forced with 0 rounds) and a single round
			// followed by it give the same answer.
			for _, rounds := range []int{0, 1} {
				alt, err := allocation.Apportion(total, units, m, allocation.WithWaterfillRounds(rounds))
				if err != nil {
					t.Fatalf("%v, %d rounds: %v", m, rounds, err)
				}
				if diff := cmp.Diff(want, alt.Allocations()); diff != "" {
					t.Fatalf("%v %d rounds, total %d units %+v (-reference +got):\n%s", m, rounds, total, units, diff)
				}
			}
			if got.Sum != total {
				t.Fatalf("%v: sum %d, want %d", m, got.Sum, total)
			}
			checkBounds(t, units, got)
		}
	}
	if checked < 2000 || ties < 15 {
		t.Errorf("too few cases: %d checked, %d ties", checked, ties)
	}
}

// checkTie checks a *TieError against the reference allocation: the partial
// allocation is short by exactly the tied seats, only tied units differ from
// the reference, and the tied seats can go to any of the tied units.
func checkTie(t *testing.T, te *allocation.TieError, units []allocation.Unit, ref []int64) {
	t.Helper()
	tie := te.Tie
	if tie.Seats <= 0 || int(tie.Seats) >= len(tie.Units) {
		t.Fatalf("tie %v: want 0 < seats < units", tie)
	}
	p := te.Partial.Allocations()
	var short int64
	for i := range units {
		d := ref[i] - p[i]
		if !slices.Contains(tie.Units, i) && d != 0 {
			t.Fatalf("tie %v: unit %d not tied but partial %d ≠ reference %d", tie, i, p[i], ref[i])
		}
		if d < 0 || d > 1 {
			t.Fatalf("tie %v: unit %d partial %d, reference %d", tie, i, p[i], ref[i])
		}
		short += d
	}
	if short != tie.Seats {
		t.Fatalf("tie %v: partial short by %d", tie, short)
	}
}

func checkBounds(t *testing.T, units []allocation.Unit, res allocation.Result) {
	t.Helper()
	for i, u := range units {
		a := res.Shares[i].Allocated
		if a < u.Min || (u.HasMax && a > u.Max) {
			t.Fatalf("%v: unit %d allocated %d outside [%d, %d (has %v)]", res.Method, i, a, u.Min, u.Max, u.HasMax)
		}
	}
}

// TestTieRulesSettle checks that every tie rule gives an allocation the
// reference accepts and records the tie it settled.
func TestTieRulesSettle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	rules := []allocation.TieRule{allocation.TieByOrder, allocation.TieByWeight, allocation.TieByName}
	var settled int
	for range 2000 {
		total, units := randomProblem(r, false)
		for _, m := range []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague, allocation.HuntingtonHill} {
			_, err := allocation.Apportion(total, units, m)
			var te *allocation.TieError
			if !errors.As(err, &te) {
				continue
			}
			for _, rule := range rules {
				got, err := allocation.Apportion(total, units, m, allocation.WithTieRule(rule))
				if err != nil {
					t.Fatalf("%v %v: %v", m, rule, err)
				}
				settled++
				if len(got.Ties) != 1 || got.Ties[0].Rule != rule || len(got.Ties[0].Winners) != int(te.Tie.Seats) {
					t.Fatalf("%v %v: ties %v", m, rule, got.Ties)
				}
				if got.Sum != total {
					t.Fatalf("%v %v: sum %d", m, rule, got.Sum)
				}
				for _, w := range got.Ties[0].Winners {
					if got.Shares[w].Allocated != te.Partial.Shares[w].Allocated+1 {
						t.Fatalf("%v %v: winner %d not given the seat", m, rule, w)
					}
				}
				if rule == allocation.TieByOrder {
					if diff := cmp.Diff(te.Tie.Units[:te.Tie.Seats], got.Ties[0].Winners); diff != "" {
						t.Fatalf("TieByOrder winners (-want +got):\n%s", diff)
					}
				}
			}
		}
	}
	if settled < 100 {
		t.Errorf("only %d ties settled", settled)
	}
}

// TestQuotaRule: Hamilton without bounds gives each unit the floor or the
// ceiling of its quota.
func TestQuotaRule(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		total, units := randomProblem(r, false)
		res, err := allocation.Apportion(total, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByOrder))
		if errors.Is(err, allocation.ErrZeroWeights) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Shares {
			if s.Allocated < s.Quota.Floor() || s.Allocated > s.Quota.Ceil() {
				t.Fatalf("unit %d: %d outside [⌊%v⌋, ⌈%v⌉]", s.Index, s.Allocated, s.Quota, s.Quota)
			}
		}
	}
}

// TestHouseMonotone: with a divisor method, one more seat never takes a
// seat from anyone (with ties settled by input order on both sides).
func TestHouseMonotone(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 800 {
		_, units := randomProblem(r, r.IntN(2) == 0)
		for _, m := range []allocation.Method{allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill} {
			var prev []int64
			for total := int64(0); total < 30; total++ {
				res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByOrder))
				if err != nil {
					prev = nil
					continue
				}
				cur := res.Allocations()
				for i := range prev {
					if cur[i] < prev[i] {
						t.Fatalf("%v %+v: unit %d has %d seats at %d, %d at %d", m, units, i, prev[i], total-1, cur[i], total)
					}
				}
				prev = cur
			}
		}
	}
}

// TestOrderInvariance: the same units in another order get the same
// allocations (ties settled by name, names distinct).
func TestOrderInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 1000 {
		total, units := randomProblem(r, r.IntN(2) == 0)
		perm := r.Perm(len(units))
		shuffled := make([]allocation.Unit, len(units))
		for i, p := range perm {
			shuffled[i] = units[p]
		}
		for _, m := range allocation.Methods() {
			a, errA := allocation.Apportion(total, units, m, allocation.WithTieRule(allocation.TieByName))
			b, errB := allocation.Apportion(total, shuffled, m, allocation.WithTieRule(allocation.TieByName))
			if (errA == nil) != (errB == nil) {
				t.Fatalf("%v: errors %v / %v", m, errA, errB)
			}
			if errA != nil {
				continue
			}
			for i, p := range perm {
				if b.Shares[i].Allocated != a.Shares[p].Allocated || !b.Shares[i].Quota.Equal(a.Shares[p].Quota) {
					t.Fatalf("%v: unit %q: %d vs %d", m, units[p].Name, a.Shares[p].Allocated, b.Shares[i].Allocated)
				}
			}
		}
	}
}

// TestIndependentAgainstReference checks the independent rounding methods
// against rounding big.Rat quotas by hand.
func TestIndependentAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		total, units := randomProblem(r, true)
		var sumW int64
		for _, u := range units {
			sumW += u.Weight
		}
		if sumW == 0 {
			continue
		}
		for _, m := range []allocation.Method{allocation.HalfUp, allocation.HalfEven, allocation.Floor, allocation.Ceil} {
			res, err := allocation.Apportion(total, units, m)
			if err != nil {
				t.Fatal(err)
			}
			for i, u := range units {
				q := big.NewRat(total*u.Weight, sumW)
				fl := new(big.Int).Quo(q.Num(), q.Denom()).Int64()
				frac := new(big.Rat).Sub(q, new(big.Rat).SetInt64(fl))
				half := frac.Cmp(big.NewRat(1, 2))
				want := fl
				switch m {
				case allocation.HalfUp:
					if half >= 0 {
						want++
					}
				case allocation.HalfEven:
					if half > 0 || (half == 0 && fl%2 == 1) {
						want++
					}
				case allocation.Ceil:
					if frac.Sign() > 0 {
						want++
					}
				}
				rnd := allocation.Rounding(0)
				switch {
				case want < u.Min:
					want, rnd = u.Min, allocation.AtMin
				case u.HasMax && want > u.Max:
					want, rnd = u.Max, allocation.AtMax
				default:
					switch new(big.Rat).SetInt64(want).Cmp(q) {
					case -1:
						rnd = allocation.RoundedDown
					case 1:
						rnd = allocation.RoundedUp
					default:
						rnd = allocation.Exact
					}
				}
				if s := res.Shares[i]; s.Allocated != want || s.Rounding != rnd || s.Quota.Rat().Cmp(q) != 0 {
					t.Fatalf("%v: unit %d quota %v: got %d (%v), want %d (%v)", m, i, q, s.Allocated, s.Rounding, want, rnd)
				}
			}
		}
	}
}
