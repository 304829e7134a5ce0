package exact_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/canbao/kuomian/internal/exact"
)

func toBig(z exact.U256) *big.Int {
	r := new(big.Int)
	for i := 3; i >= 0; i-- {
		r.Lsh(r, 64)
		r.Or(r, new(big.Int).SetUint64(z[i]))
	}
	return r
}

func prodBig(f ...uint64) *big.Int {
	r := big.NewInt(1)
	for _, x := range f {
		r.Mul(r, new(big.Int).SetUint64(x))
	}
	return r
}

func TestProdAndCmp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	edge := []uint64{0, 1, 2, math.MaxUint32, math.MaxInt64, math.MaxUint64 - 1, math.MaxUint64}
	pick := func() uint64 {
		if r.IntN(3) == 0 {
			return edge[r.IntN(len(edge))]
		}
		return r.Uint64() >> r.UintN(64)
	}
	for range 20000 {
		a, b, c, d := pick(), pick(), pick(), pick()
		p := exact.Prod(a, b, c, d)
		if toBig(p).Cmp(prodBig(a, b, c, d)) != 0 {
			t.Fatalf("Prod(%d, %d, %d, %d) = %v", a, b, c, d, toBig(p))
		}
		q := exact.Prod(d, c, b)
		if got, want := p.Cmp(q), prodBig(a, b, c, d).Cmp(prodBig(d, c, b)); got != want {
			t.Fatalf("Cmp = %d, want %d", got, want)
		}
		if got, want := exact.Cmp2(a, b, c, d), prodBig(a, b).Cmp(prodBig(c, d)); got != want {
			t.Fatalf("Cmp2(%d, %d, %d, %d) = %d, want %d", a, b, c, d, got, want)
		}
		x, y := exact.Prod(a, b), exact.Prod(c, d)
		if toBig(x.MulU256(y)).Cmp(prodBig(a, b, c, d)) != 0 {
			t.Fatalf("MulU256")
		}
		if toBig(x.Add(y)).Cmp(new(big.Int).Add(prodBig(a, b), prodBig(c, d))) != 0 {
			t.Fatalf("Add")
		}
		q2, r2, ok := exact.MulDivMod(a, b, c)
		want := new(big.Int)
		rem := new(big.Int)
		if c != 0 {
			want.QuoRem(prodBig(a, b), new(big.Int).SetUint64(c), rem)
		}
		if ok != (c != 0 && want.IsUint64()) {
			t.Fatalf("MulDivMod(%d, %d, %d) ok = %v", a, b, c, ok)
		}
		if ok && (q2 != want.Uint64() || r2 != rem.Uint64()) {
			t.Fatalf("MulDivMod(%d, %d, %d) = %d, %d", a, b, c, q2, r2)
		}
		g := exact.GCD(a, b)
		if new(big.Int).GCD(nil, nil, new(big.Int).SetUint64(a), new(big.Int).SetUint64(b)).Uint64() != g {
			t.Fatalf("GCD(%d, %d) = %d", a, b, g)
		}
	}
	if !exact.From64(0).IsZero() || exact.From64(1).IsZero() {
		t.Error("IsZero")
	}
}

func FuzzCmp2(f *testing.F) {
	f.Add(uint64(3), uint64(5), uint64(15), uint64(1))
	f.Fuzz(func(t *testing.T, a, b, c, d uint64) {
		if got, want := exact.Cmp2(a, b, c, d), prodBig(a, b).Cmp(prodBig(c, d)); got != want {
			t.Fatalf("Cmp2(%d, %d, %d, %d) = %d, want %d", a, b, c, d, got, want)
		}
		if toBig(exact.Prod(a, b, c, d)).Cmp(prodBig(a, b, c, d)) != 0 {
			t.Fatal("Prod")
		}
	})
}
