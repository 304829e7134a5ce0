package allocation_test

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

func FuzzParseMethod(f *testing.F) {
	for _, s := range []string{"half-up", "Jefferson", "webster", "huntington_hill", "", "x", "sainte-laguë"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := allocation.ParseMethod(s)
		if err != nil {
			if !errors.Is(err, allocation.ErrUnknownMethod) {
				t.Fatalf("err = %v", err)
			}
			return
		}
		if !m.IsValid() {
			t.Fatalf("ParseMethod(%q) = invalid %v", s, m)
		}
		if back, err := allocation.ParseMethod(m.String()); err != nil || back != m {
			t.Fatalf("round trip %q → %v → %v, %v", s, m, back, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"0.8", "80%", "4/5", ".5", "12.5%", "1/3", "0", "-1", "1e3", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := allocation.ParseRate(s)
		if err != nil {
			if !errors.Is(err, allocation.ErrRate) {
				t.Fatalf("err = %v", err)
			}
			return
		}
		// The value is what the text says.
		text := strings.TrimSpace(s)
		scale := big.NewRat(1, 1)
		if v, ok := strings.CutSuffix(text, "%"); ok {
			text, scale = v, big.NewRat(1, 100)
		} else if v, ok := strings.CutSuffix(text, "％"); ok {
			text, scale = v, big.NewRat(1, 100)
		}
		want, ok := decimalRat(text)
		if !ok {
			t.Fatalf("ParseRate accepted %q", s)
		}
		want.Mul(want, scale)
		got := new(big.Rat).SetFrac(new(big.Int).SetUint64(r.Num()), new(big.Int).SetUint64(r.Den()))
		if got.Cmp(want) != 0 {
			t.Fatalf("ParseRate(%q) = %v, want %v", s, got, want)
		}
		if back, err := allocation.ParseRate(r.String()); err != nil || back != r {
			t.Fatalf("round trip %q: %v, %v", r, back, err)
		}
	})
}

// decimalRat reads "12.5", ".5", "3." or "4/5" in base 10 with math/big,
// as an oracle for ParseRate.
func decimalRat(s string) (*big.Rat, bool) {
	if a, b, ok := strings.Cut(s, "/"); ok {
		x, ok1 := new(big.Int).SetString(a, 10)
		y, ok2 := new(big.Int).SetString(b, 10)
		if !ok1 || !ok2 || y.Sign() == 0 || strings.ContainsAny(a+b, "+-_") {
			return nil, false
		}
		return new(big.Rat).SetFrac(x, y), true
	}
	ip, fp, _ := strings.Cut(s, ".")
	digits := ip + fp
	if digits == "" || strings.ContainsAny(digits, "+-_") {
		return nil, false
	}
	x, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return nil, false
	}
	return new(big.Rat).SetFrac(x, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(fp))), nil)), true
}

func FuzzStringFixed(f *testing.F) {
	f.Add(int64(6188841), int64(15733), uint8(2))
	f.Add(int64(-5), int64(2), uint8(0))
	f.Add(int64(math.MinInt64), int64(-1), uint8(3))
	f.Fuzz(func(t *testing.T, num, den int64, scale uint8) {
		q, err := allocation.NewQuota(num, den)
		if err != nil {
			if den != 0 && !errors.Is(err, allocation.ErrOverflow) {
				t.Fatalf("NewQuota(%d, %d): %v", num, den, err)
			}
			return
		}
		s := int(scale % 40)
		out := q.StringFixed(s)
		got, ok := new(big.Rat).SetString(out)
		if !ok {
			t.Fatalf("StringFixed(%d) = %q is not a number", s, out)
		}
		// |got − q| ≤ ½·10^−s, and at exactly ½ the result is away from zero.
		exact := big.NewRat(num, den)
		diff := new(big.Rat).Sub(got, exact)
		half := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(s)), nil)))
		c := new(big.Rat).Abs(diff).Cmp(half)
		if c > 0 || (c == 0 && diff.Sign() != exact.Sign()) {
			t.Fatalf("StringFixed(%d) of %v = %q", s, exact, out)
		}
		if frac := strings.IndexByte(out, '.'); (s == 0) != (frac < 0) || (frac >= 0 && len(out)-frac-1 != s) {
			t.Fatalf("StringFixed(%d) = %q: wrong number of digits", s, out)
		}
	})
}

// decodeProblem turns fuzz bytes into a small problem: a method, a tie rule,
// a total and units with bounds.
func decodeProblem(data []byte) (allocation.Method, allocation.TieRule, int64, []allocation.Unit) {
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
	total := int64(next() % 64)
	var units []allocation.Unit
	for len(data) >= 4 && len(units) < 8 {
		b := [4]byte{next(), next(), next(), next()}
		u := allocation.Unit{Name: string(rune('a' + len(units))), Weight: int64(binary.LittleEndian.Uint16(b[:2]) % 2000)}
		if b[2]&1 != 0 {
			u.Min = int64(b[2] >> 5)
		}
		if b[3]&1 != 0 {
			u.HasMax = true
			u.Max = u.Min + int64(b[3]>>4)
		}
		units = append(units, u)
	}
	return m, rule, total, units
}

// FuzzApportion checks the promises on any small input: no panic, only
// typed errors, bounds respected, sums kept by the methods that keep them,
// and agreement with the reference implementations.
func FuzzApportion(f *testing.F) {
	f.Add([]byte{4, 0, 10, 6, 0, 0, 0, 6, 0, 0, 0, 2, 0, 0, 0})
	f.Add([]byte{5, 1, 63, 255, 1, 0, 0, 1, 0, 0, 1})
	f.Add([]byte{9, 0, 2, 5, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, rule, total, units := decodeProblem(data)
		res, err := allocation.Apportion(total, units, m, allocation.WithTieRule(rule))
		if err != nil {
			var ie *allocation.InputError
			var be *allocation.BoundsError
			var te *allocation.TieError
			var fe *allocation.TooFewSeatsError
			if !errors.As(err, &ie) && !errors.As(err, &be) && !errors.As(err, &te) && !errors.As(err, &fe) {
				t.Fatalf("untyped error %v", err)
			}
			if te != nil && rule != allocation.TieFail {
				t.Fatalf("tie with rule %v", rule)
			}
			return
		}
		if len(res.Shares) != len(units) {
			t.Fatalf("%d shares for %d units", len(res.Shares), len(units))
		}
		var sum int64
		for i, s := range res.Shares {
			u := units[i]
			if s.Allocated < u.Min || (u.HasMax && s.Allocated > u.Max) {
				t.Fatalf("%v: unit %d: %d outside bounds %+v", m, i, s.Allocated, u)
			}
			sum += s.Allocated
		}
		if sum != res.Sum || (m.KeepsSum() && sum != total) {
			t.Fatalf("%v: sum %d, Sum %d, total %d", m, sum, res.Sum, total)
		}
		if !m.KeepsSum() || len(res.Ties) > 0 {
			return
		}
		var want []int64
		var tie bool
		if m == allocation.Hamilton {
			want, tie = refHamilton(total, units)
		} else {
			want, tie = refDivisor(total, units, m)
		}
		if tie {
			t.Fatalf("%v: the reference sees a tie, Apportion settled none", m)
		}
		if diff := cmp.Diff(want, res.Allocations()); diff != "" {
			t.Fatalf("%v %d %+v (-reference +got):\n%s", m, total, units, diff)
		}
	})
}
