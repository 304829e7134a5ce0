package allocation_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/canbao/kuomian/allocation"
)

// FuzzApportionTree builds a small tree from fuzz bytes and checks the
// promises of ApportionTree: no panic, only typed errors wrapped in a
// *TreeError, and at every node split by a method that keeps the sum the
// children's allocations add up to their parent's, within their bounds.
func FuzzApportionTree(f *testing.F) {
	f.Add([]byte{5, 0, 100, 3, 2, 7, 0, 1, 4, 9, 0, 2, 1, 1})
	f.Add([]byte{9, 3, 7, 2, 2, 1, 1, 1, 5, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		next := func() byte {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return b
		}
		m := allocation.Methods()[int(next())%len(allocation.Methods())]
		rule := allocation.TieRule(next() % 4)
		total := int64(next())
		var build func(depth int) allocation.Node
		count := 0
		build = func(depth int) allocation.Node {
			count++
			b := next()
			n := allocation.Node{Unit: allocation.Unit{Name: string(rune('a' + count%26)), Weight: int64(b % 16)}}
			if b&16 != 0 {
				n.Min = int64(next() % 4)
			}
			if b&32 != 0 {
				n.HasMax, n.Max = true, n.Min+int64(next()%8)
			}
			if depth < 3 && count < 40 {
				for range int(next() % 4) {
					n.Children = append(n.Children, build(depth+1))
				}
			}
			return n
		}
		root := build(0)
		res, err := allocation.ApportionTree(total, root, m, allocation.WithTieRule(rule))
		if err != nil {
			var tre *allocation.TreeError
			if !errors.As(err, &tre) || len(tre.Path) == 0 {
				t.Fatalf("error %v is not a *TreeError", err)
			}
			var ie *allocation.InputError
			var be *allocation.BoundsError
			var te *allocation.TieError
			var fe *allocation.TooFewSeatsError
			if !errors.As(err, &ie) && !errors.As(err, &be) && !errors.As(err, &te) && !errors.As(err, &fe) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		var walk func(ts allocation.TreeShare, n allocation.Node)
		walk = func(ts allocation.TreeShare, n allocation.Node) {
			if len(ts.Children) != len(n.Children) {
				t.Fatalf("%d children for %d", len(ts.Children), len(n.Children))
			}
			var sum int64
			for i, c := range ts.Children {
				u := n.Children[i].Unit
				if c.Allocated < u.Min || (u.HasMax && c.Allocated > u.Max) {
					t.Fatalf("%v: child %d got %d outside %+v", m, i, c.Allocated, u)
				}
				sum += c.Allocated
				walk(c, n.Children[i])
			}
			if len(n.Children) > 0 && (sum != ts.Sum || (m.KeepsSum() && sum != ts.Allocated)) {
				t.Fatalf("%v: children sum %d, Sum %d, allocated %d", m, sum, ts.Sum, ts.Allocated)
			}
		}
		walk(res, root)
	})
}

// FuzzDerive checks Derive's exact product against math/big for any quota
// and rate: the result is exact or ErrOverflow.
func FuzzDerive(f *testing.F) {
	f.Add(int64(9777), int64(633), int64(15733), int64(4), int64(5))
	f.Add(int64(1<<62), int64(3), int64(7), int64(1<<40), int64(3))
	f.Fuzz(func(t *testing.T, total, w1, w2, num, den int64) {
		if total < 0 || w1 < 0 || w2 < 0 || num < 0 || den <= 0 {
			return
		}
		base, err := allocation.Apportion(total, []allocation.Unit{{Weight: w1}, {Weight: w2}}, allocation.Floor)
		if err != nil {
			return
		}
		rate, err := allocation.NewRate(num, den)
		if err != nil {
			t.Fatal(err)
		}
		d, err := allocation.Derive(base, rate, allocation.Floor)
		if errors.Is(err, allocation.ErrOverflow) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range d.Shares {
			want := new(big.Rat).Mul(base.Shares[i].Quota.Rat(), big.NewRat(num, den))
			if s.Quota.Rat().Cmp(want) != 0 {
				t.Fatalf("unit %d: %v, want %v", i, s.Quota, want.RatString())
			}
			if fl := new(big.Int).Quo(want.Num(), want.Denom()); s.Allocated != fl.Int64() {
				t.Fatalf("unit %d: floor %d, want %v", i, s.Allocated, fl)
			}
		}
	})
}
