package allocation_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/canbao/kuomian/allocation"
)

// TestDeriveAgainstBig checks Derive's exact quotas (the fast 128-bit path
// and the math/big path alike) against big.Rat products: small village
// numbers, numbers near the int64 limit, and rates with large terms. A
// result is either exact or an ErrOverflow, never a wrong number.
func TestDeriveAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	var fast, overflow int
	for iter := range 3000 {
		bitsW := 12
		if iter%3 == 0 {
			bitsW = 62
		}
		n := 1 + r.IntN(5)
		units := make([]allocation.Unit, n)
		for i := range units {
			units[i] = allocation.Unit{Weight: r.Int64N(1 << uint(1+r.IntN(bitsW)))}
		}
		total := r.Int64N(1 << uint(1+r.IntN(bitsW)))
		base, err := allocation.Apportion(total, units, allocation.HalfUp)
		if errors.Is(err, allocation.ErrZeroWeights) || errors.Is(err, allocation.ErrOverflow) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		num, den := r.Int64N(1<<uint(1+r.IntN(40))), 1+r.Int64N(1<<uint(1+r.IntN(40)))
		if iter%2 == 0 {
			num, den = r.Int64N(200), 100
		}
		rate, err := allocation.NewRate(num, den)
		if err != nil {
			t.Fatal(err)
		}
		rr := big.NewRat(num, den)
		for _, m := range []allocation.Method{allocation.HalfUp, allocation.Floor} {
			d, err := allocation.Derive(base, rate, m)
			if errors.Is(err, allocation.ErrOverflow) {
				overflow++
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			fast++
			for i, s := range d.Shares {
				want := new(big.Rat).Mul(base.Shares[i].Quota.Rat(), rr)
				if s.Quota.Rat().Cmp(want) != 0 {
					t.Fatalf("unit %d: %v × %v = %v, want %v", i, base.Shares[i].Quota, rate, s.Quota, want.RatString())
				}
				fl := new(big.Int).Quo(want.Num(), want.Denom())
				if s.Quota.Floor() != fl.Int64() || (m == allocation.Floor && s.Allocated != fl.Int64()) {
					t.Fatalf("unit %d: floor %d, allocated %d, want %v", i, s.Quota.Floor(), s.Allocated, fl)
				}
			}
			if tgt := new(big.Rat).Mul(big.NewRat(total, 1), rr); d.Target.Rat().Cmp(tgt) != 0 {
				t.Fatalf("target %v, want %v", d.Target, tgt.RatString())
			}
		}
	}
	if fast < 2000 || overflow == 0 {
		t.Errorf("%d checked, %d overflowed", fast, overflow)
	}
}
