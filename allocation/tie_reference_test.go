package allocation_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

// TestTiesAgainstReference holds every reported tie against the slow
// references, for every method that keeps the sum, with and without bounds:
// the same tied units, the same number of tied seats, the same level, the
// same partial allocation; and for every tie rule the winners its definition
// picks. Where the reference sees no tie, Apportion must report none.
func TestTiesAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	rules := []allocation.TieRule{allocation.TieByOrder, allocation.TieByWeight, allocation.TieByName}
	ties := map[allocation.Method]int{}
	for iter := range 700 {
		total, units := randomProblem(r, iter%2 == 1)
		if iter%4 != 3 {
			// Weights from a few small values with common factors tie often.
			for i := range units {
				units[i].Weight = []int64{0, 1, 2, 3, 4, 6, 12}[r.IntN(7)]
			}
			total %= 20
		}
		if iter%3 == 0 {
			// Repeated names make TieByName fall back to input order.
			for i := range units {
				units[i].Name = string(rune('a' + r.IntN(3)))
			}
		}
		if !feasible(total, units) {
			continue
		}
		for _, m := range keepSum {
			if m == allocation.Adams || m == allocation.Dean || m == allocation.HuntingtonHill {
				if need, left := firstSeatUnits(total, units); need > left && left > 0 {
					continue
				}
			}
			var want []int64
			var rt *refTie
			if m == allocation.Hamilton {
				want, rt = refHamiltonTie(total, units)
			} else {
				want, rt = refDivisorTie(total, units, m)
			}
			_, err := allocation.Apportion(total, units, m)
			if rt == nil {
				if err != nil {
					t.Fatalf("%v %d %+v: %v, reference %v", m, total, units, err, want)
				}
				continue
			}
			ties[m]++
			var te *allocation.TieError
			if !errors.As(err, &te) {
				t.Fatalf("%v %d %+v: err = %v, want a tie", m, total, units, err)
			}
			names := make([]string, len(rt.units))
			for k, i := range rt.units {
				names[k] = units[i].Name
			}
			got := te.Tie
			if diff := cmp.Diff(rt.units, got.Units); diff != "" {
				t.Fatalf("%v %d %+v: tied units (-reference +got):\n%s", m, total, units, diff)
			}
			if got.Seats != rt.seats || !cmp.Equal(names, got.Names) || got.Rule != allocation.TieFail || len(got.Winners) != 0 {
				t.Fatalf("%v %d %+v: tie %+v, reference %d seats", m, total, units, got, rt.seats)
			}
			if got.Level.Rat().Cmp(rt.level) != 0 {
				t.Fatalf("%v %d %+v: level %v, reference %v", m, total, units, got.Level, rt.level.RatString())
			}
			if diff := cmp.Diff(rt.partial, te.Partial.Allocations()); diff != "" {
				t.Fatalf("%v %d %+v: partial (-reference +got):\n%s", m, total, units, diff)
			}
			if te.Partial.Sum != total-rt.seats {
				t.Fatalf("%v: partial sum %d, want %d", m, te.Partial.Sum, total-rt.seats)
			}
			for _, rule := range rules {
				res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(rule))
				if err != nil {
					t.Fatalf("%v %v: %v", m, rule, err)
				}
				win := refWinners(rule, rt, units)
				wantAlloc := append([]int64(nil), rt.partial...)
				for _, i := range win {
					wantAlloc[i]++
				}
				if diff := cmp.Diff(wantAlloc, res.Allocations()); diff != "" {
					t.Fatalf("%v %v %d %+v (-reference +got):\n%s", m, rule, total, units, diff)
				}
				if len(res.Ties) != 1 || res.Ties[0].Rule != rule || !cmp.Equal(win, res.Ties[0].Winners) || !cmp.Equal(rt.units, res.Ties[0].Units) {
					t.Fatalf("%v %v: ties %+v, want winners %v", m, rule, res.Ties, win)
				}
				checkBounds(t, units, res)
			}
		}
	}
	for _, m := range keepSum {
		if ties[m] < 30 {
			t.Errorf("%v: only %d ties seen", m, ties[m])
		} else {
			t.Logf("%v: %d ties", m, ties[m])
		}
	}
}
