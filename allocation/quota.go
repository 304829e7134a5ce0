package allocation

import (
	"math"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/internal/exact"
)

// Quota is an exact rational number, kept as an integer part and a proper
// fraction: the value is Floor() + n/d with 0 ≤ n < d. It is the exact share
// of the target a unit is entitled to before rounding (total·weight/Σweight),
// or such a share times a [Rate]. The zero Quota is 0.
//
// Quota is a comparable value, but two equal numbers may be stored with
// different denominators: compare with [Quota.Equal] or [Quota.Cmp], not ==.
// go-cmp uses Equal automatically.
type Quota struct {
	i int64  // floor of the value
	n uint64 // numerator of the fractional part, n < d
	d uint64 // denominator of the fractional part; 0 means 1
}

// NewQuota returns the Quota num/den. den must not be zero; the numbers may
// be negative.
func NewQuota(num, den int64) (Quota, error) {
	if den == 0 {
		return Quota{}, &InputError{Index: -1, Field: "denominator", Err: ErrZeroDenominator}
	}
	b := new(big.Rat).SetFrac(big.NewInt(num), big.NewInt(den))
	return quotaFromRat(b)
}

// quotaFrac returns i + n/d for 0 ≤ n < d, d ≥ 1 (no checks).
func quotaFrac(i int64, n, d uint64) Quota { return Quota{i: i, n: n, d: d} }

func quotaInt(i int64) Quota { return Quota{i: i} }

// quotaFromRat converts an exact big.Rat, reporting overflow when the integer
// part or the reduced denominator does not fit in an int64.
func quotaFromRat(r *big.Rat) (Quota, error) {
	num, den := r.Num(), r.Denom() // den > 0, reduced
	fl, md := new(big.Int).DivMod(num, den, new(big.Int))
	if !fl.IsInt64() || !den.IsInt64() {
		return Quota{}, &InputError{Index: -1, Field: "quota", Err: ErrOverflow}
	}
	return Quota{i: fl.Int64(), n: md.Uint64(), d: den.Uint64()}, nil
}

func (q Quota) den() uint64 {
	if q.d == 0 {
		return 1
	}
	return q.d
}

// Floor returns the largest integer not above q.
func (q Quota) Floor() int64 { return q.i }

// Ceil returns the smallest integer not below q. It saturates at
// math.MaxInt64, which no quota of this package reaches.
func (q Quota) Ceil() int64 {
	if q.n == 0 || q.i == math.MaxInt64 {
		return q.i
	}
	return q.i + 1
}

// Frac returns the fractional part q − Floor(q) as numerator and denominator
// (not necessarily in lowest terms), with 0 ≤ num < den.
func (q Quota) Frac() (num, den uint64) { return q.n, q.den() }

// IsInt reports whether q is an integer.
func (q Quota) IsInt() bool { return q.n == 0 }

// Sign returns -1, 0 or +1.
func (q Quota) Sign() int {
	switch {
	case q.i < 0:
		return -1
	case q.i == 0 && q.n == 0:
		return 0
	}
	return 1
}

// Cmp compares q and o exactly and returns -1, 0 or +1.
func (q Quota) Cmp(o Quota) int {
	if q.i != o.i {
		if q.i < o.i {
			return -1
		}
		return 1
	}
	return exact.Cmp2(q.n, o.den(), o.n, q.den())
}

// Equal reports whether q and o are the same number.
func (q Quota) Equal(o Quota) bool { return q.Cmp(o) == 0 }

// Rat returns q as a new big.Rat.
func (q Quota) Rat() *big.Rat {
	r := new(big.Rat).SetFrac(new(big.Int).SetUint64(q.n), new(big.Int).SetUint64(q.den()))
	return r.Add(r, new(big.Rat).SetInt64(q.i))
}

// Round rounds q to an integer with one of the independent rounding methods
// ([HalfUp], [HalfEven], [Floor], [Ceil]); any other method rounds half up.
// Halves are rounded away from zero by HalfUp (四舍五入).
func (q Quota) Round(m Method) int64 {
	n, d := q.n, q.den()
	if n == 0 {
		return q.i
	}
	up := false
	switch m {
	case Floor:
		up = false
	case Ceil:
		up = true
	case HalfEven:
		switch c := cmpHalf(n, d); {
		case c > 0:
			up = true
		case c == 0:
			up = q.i%2 != 0 // q.i odd: round to the even neighbour above
		}
	default: // HalfUp, away from zero
		c := cmpHalf(n, d)
		if q.i >= 0 {
			up = c >= 0
		} else {
			up = c > 0
		}
	}
	if up {
		if q.i == math.MaxInt64 {
			return q.i
		}
		return q.i + 1
	}
	return q.i
}

// cmpHalf compares n/d with 1/2 for 0 < n < d.
func cmpHalf(n, d uint64) int {
	r := d - n // 2n vs d  ⇔  n vs d−n
	switch {
	case n < r:
		return -1
	case n > r:
		return 1
	}
	return 0
}

// StringFixed returns q as a decimal with exactly scale digits after the
// point (none when scale ≤ 0), rounded half away from zero: for the 荆坑村
// quota 633·9777/15733, StringFixed(2) is "393.37". Any scale is exact.
func (q Quota) StringFixed(scale int) string {
	if scale < 0 {
		scale = 0
	}
	r := q.Rat()
	neg := r.Sign() < 0
	num := new(big.Int).Abs(r.Num())
	den := r.Denom()
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)
	num.Mul(num, p)
	num.Lsh(num, 1)
	num.Add(num, den)
	den2 := new(big.Int).Lsh(den, 1)
	num.Quo(num, den2) // floor((2·|q|·10^s + den) / (2·den)) = round half up of |q|·10^s
	s := num.String()
	if scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if neg && strings.Trim(s, "0.") != "" {
		s = "-" + s
	}
	return s
}

// String returns q exactly: an integer ("393"), or a fraction in lowest terms
// ("6188733/15733"). Use [Quota.StringFixed] for a decimal.
func (q Quota) String() string {
	return q.Rat().RatString()
}

// Decimal returns q rounded half away from zero to scale digits after the
// point, as a decimal.Decimal.
func (q Quota) Decimal(scale int32) decimal.Decimal {
	if scale < 0 {
		scale = 0
	}
	d, err := decimal.NewFromString(q.StringFixed(int(scale)))
	if err != nil { // unreachable: StringFixed always returns a decimal
		return decimal.Zero
	}
	return d
}

// sub returns q − o exactly (used for differences of small values).
func (q Quota) sub(o Quota) (Quota, error) {
	return quotaFromRat(new(big.Rat).Sub(q.Rat(), o.Rat()))
}
