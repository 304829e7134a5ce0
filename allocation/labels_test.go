package allocation_test

import (
	"math/rand/v2"
	"testing"

	"github.com/canbao/kuomian/allocation"
)

// TestBoundLabelsAgainstRemoval checks the AtMin and AtMax labels of the
// methods that keep the sum by their definition: for a divisor method a unit
// is AtMax exactly when its upper bound lowered its allocation, so that
// without that bound (all else equal) it would get more; AtMin exactly when
// its lower bound raised it, so that without it it would get less. Hamilton
// labels a unit whose bounded quota its bound cut, which includes every unit
// whose allocation the bound changed (and may include one whose rounding
// would have landed on the bound anyway). Every label names the bound the
// allocation sits on. Problems with a tie in either run are skipped.
func TestBoundLabelsAgainstRemoval(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	var atMax, atMin, notBinding int
	for range 1500 {
		total, units := randomProblem(r, true)
		for _, m := range keepSum {
			res, err := allocation.Apportion(total, units, m)
			if err != nil {
				continue
			}
			for i, u := range units {
				s := res.Shares[i]
				if (s.Rounding == allocation.AtMax && s.Allocated != u.Max) || (s.Rounding == allocation.AtMin && s.Allocated != u.Min) {
					t.Fatalf("%v: unit %d labelled %v with %d, bounds %+v", m, i, s.Rounding, s.Allocated, u)
				}
				if u.Weight == 0 {
					continue
				}
				if u.HasMax && s.Allocated == u.Max {
					free := append([]allocation.Unit(nil), units...)
					free[i].HasMax = false
					alt, err := allocation.Apportion(total, free, m)
					if err != nil {
						continue
					}
					binds := alt.Shares[i].Allocated > u.Max
					if binds != (s.Rounding == allocation.AtMax) && (m != allocation.Hamilton || binds) {
						t.Fatalf("%v %d %+v: unit %d at its max %d labelled %v, without the max it gets %d", m, total, units, i, u.Max, s.Rounding, alt.Shares[i].Allocated)
					}
					if binds {
						atMax++
					} else {
						notBinding++
					}
				}
				if u.Min > 0 && s.Allocated == u.Min && s.Rounding != allocation.AtMax {
					free := append([]allocation.Unit(nil), units...)
					free[i].Min = 0
					alt, err := allocation.Apportion(total, free, m)
					if err != nil {
						continue
					}
					binds := alt.Shares[i].Allocated < u.Min
					if binds != (s.Rounding == allocation.AtMin) && (m != allocation.Hamilton || binds) {
						t.Fatalf("%v %d %+v: unit %d at its min %d labelled %v, without the min it gets %d", m, total, units, i, u.Min, s.Rounding, alt.Shares[i].Allocated)
					}
					if binds {
						atMin++
					} else {
						notBinding++
					}
				}
			}
		}
	}
	if atMax < 50 || atMin < 50 || notBinding < 50 {
		t.Errorf("too few cases: %d AtMax, %d AtMin, %d not binding", atMax, atMin, notBinding)
	}
}
