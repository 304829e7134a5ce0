package allocation

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/internal/exact"
)

// Rate is an exact non-negative rational rate, such as the 80 % that makes
// the 2019任务数 column from the 应扩面人数 column (罗政〔2019〕185号 三(二)).
// The zero Rate is 0.
type Rate struct {
	num, den uint64 // in lowest terms; den 0 means 1
}

// NewRate returns the rate num/den. Both must be non-negative and den
// positive.
func NewRate(num, den int64) (Rate, error) {
	if num < 0 || den <= 0 {
		return Rate{}, &ParseError{What: "rate", Input: strconv.FormatInt(num, 10) + "/" + strconv.FormatInt(den, 10), Err: ErrRate}
	}
	return makeRate(uint64(num), uint64(den)), nil
}

func makeRate(n, d uint64) Rate {
	g := exact.GCD(n, d)
	if g > 1 {
		n, d = n/g, d/g
	}
	if n == 0 {
		d = 1
	}
	return Rate{num: n, den: d}
}

// ParseRate parses a rate written as a decimal ("0.8", ".8", "1"), a
// percentage ("80%", "12.5%", also with the full-width ％) or a fraction
// ("4/5"). Signs, exponents and spaces inside the number are rejected;
// surrounding space is ignored. At most 18 digits may follow the point.
func ParseRate(s string) (Rate, error) {
	bad := &ParseError{What: "rate", Input: s, Err: ErrRate}
	t := strings.TrimSpace(s)
	pct := false
	if v, ok := strings.CutSuffix(t, "%"); ok {
		t, pct = v, true
	} else if v, ok := strings.CutSuffix(t, "％"); ok {
		t, pct = v, true
	}
	var n, d uint64
	if a, b, ok := strings.Cut(t, "/"); ok {
		if pct {
			return Rate{}, bad
		}
		x, err1 := parseDigits(a)
		y, err2 := parseDigits(b)
		if err1 != nil || err2 != nil || y == 0 {
			return Rate{}, bad
		}
		n, d = x, y
	} else {
		ip, fp, _ := strings.Cut(t, ".")
		if (ip == "" && fp == "") || len(fp) > 18 || (strings.Contains(t, ".") && fp == "" && ip == "") {
			return Rate{}, bad
		}
		if ip == "" {
			ip = "0"
		}
		x, err := parseDigits(ip)
		if err != nil {
			return Rate{}, bad
		}
		d = 1
		var f uint64
		if fp != "" {
			if f, err = parseDigits(fp); err != nil {
				return Rate{}, bad
			}
			for range len(fp) {
				d *= 10
			}
		}
		// n = x·d + f, checked for overflow with big.Int
		bn := new(big.Int).Mul(new(big.Int).SetUint64(x), new(big.Int).SetUint64(d))
		bn.Add(bn, new(big.Int).SetUint64(f))
		if !bn.IsUint64() {
			return Rate{}, bad
		}
		n = bn.Uint64()
	}
	if pct {
		g := exact.GCD(n, 100)
		n /= g
		if d > (1<<63)/(100/g) {
			return Rate{}, bad
		}
		d *= 100 / g
	}
	if n > 1<<62 || d > 1<<62 {
		return Rate{}, bad
	}
	return makeRate(n, d), nil
}

func parseDigits(s string) (uint64, error) {
	if s == "" {
		return 0, strconv.ErrSyntax
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.ParseUint(s, 10, 64)
}

// MustParseRate is like [ParseRate] but panics on error. It is intended for
// tests and examples with hard-coded rates.
func MustParseRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// Num returns the numerator in lowest terms.
func (r Rate) Num() uint64 { return r.num }

// Den returns the denominator in lowest terms (1 for the zero Rate).
func (r Rate) Den() uint64 {
	if r.den == 0 {
		return 1
	}
	return r.den
}

// Quota returns the rate as a Quota.
func (r Rate) Quota() Quota {
	d := r.Den()
	return quotaFrac(int64(r.num/d), r.num%d, d)
}

// String returns the rate as a fraction in lowest terms ("4/5", "1"); see
// [Rate.Percent] for a percentage.
func (r Rate) String() string {
	if r.Den() == 1 {
		return strconv.FormatUint(r.num, 10)
	}
	return strconv.FormatUint(r.num, 10) + "/" + strconv.FormatUint(r.Den(), 10)
}

// Percent returns the rate as a percentage with scale digits after the
// point, rounded half up ("80%").
func (r Rate) Percent(scale int) string {
	q, err := r.Quota().mulRate(makeRate(100, 1))
	if err != nil {
		return r.String()
	}
	return q.StringFixed(scale) + "%"
}

// MarshalText implements encoding.TextMarshaler with [Rate.String].
func (r Rate) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with [ParseRate].
func (r *Rate) UnmarshalText(b []byte) error {
	v, err := ParseRate(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// mulRate returns q·r exactly, or ErrOverflow.
func (q Quota) mulRate(r Rate) (Quota, error) {
	if p, ok := q.mulRateFast(r); ok {
		return p, nil
	}
	x := q.Rat()
	x.Mul(x, new(big.Rat).SetFrac(new(big.Int).SetUint64(r.num), new(big.Int).SetUint64(r.Den())))
	return quotaFromRat(x)
}

// mulRateFast computes q·r = (i·d + n)·num / (d·den) in 64- and 128-bit
// integers, without allocating, when q is non-negative and the numbers are
// small enough (as for every quota of a village table); ok is false
// otherwise, and the caller goes through math/big. The result need not be in
// lowest terms.
func (q Quota) mulRateFast(r Rate) (_ Quota, ok bool) {
	if q.i < 0 {
		return Quota{}, false
	}
	d := q.den()
	hi, t := bits.Mul64(uint64(q.i), d) // i·d
	if hi != 0 {
		return Quota{}, false
	}
	t, c := bits.Add64(t, q.n, 0) // i·d + n
	if c != 0 {
		return Quota{}, false
	}
	dh, dl := bits.Mul64(d, r.Den()) // d·den
	if dh != 0 || dl > math.MaxInt64 {
		return Quota{}, false
	}
	nh, nl := bits.Mul64(t, r.num)
	if nh >= dl {
		return Quota{}, false
	}
	fl, rem := bits.Div64(nh, nl, dl)
	if fl > math.MaxInt64 {
		return Quota{}, false
	}
	return quotaFrac(int64(fl), rem, dl), true
}

// Of returns rate·total exactly, and rounded with an independent rounding
// method m ([HalfUp], [HalfEven], [Floor], [Ceil]): the 2019 target of 罗东 is
// Of(9777, Ceil) = 7822 (80 % of 9777 is 7821.6, and "80%以上" asks for at
// least that much).
func (r Rate) Of(total int64, m Method) (int64, Quota, error) {
	q, err := quotaInt(total).mulRate(r)
	if err != nil {
		return 0, Quota{}, err
	}
	return q.Round(m), q, nil
}

// Derive makes a derived column: each unit's quota in base times rate, kept
// exact, and rounded only at the end with the independent rounding method m.
// This is how the 罗东 2019任务数 column is made: round_half_up(未参保 ×
// 9777 / 15733 × 0.8), from the unrounded 应扩面 quota (荆坑村 393.37 × 0.8 =
// 314.69 → 315, not 393 × 0.8 = 314.4 → 314). The result's Target is base's
// target times rate.
//
// m must be HalfUp, HalfEven, Floor or Ceil (an *InputError wrapping
// ErrUnknownMethod otherwise): for a derived column that keeps its total,
// apportion the derived total ([Rate.Of]) with [Apportion].
func Derive(base Result, rate Rate, m Method) (Result, error) {
	if !m.IsValid() || m.KeepsSum() {
		return Result{}, &InputError{Index: -1, Field: "method", Value: int64(m), Err: ErrUnknownMethod}
	}
	tgt, err := base.Target.mulRate(rate)
	if err != nil {
		return Result{}, err
	}
	res := Result{Method: m, Target: tgt, Shares: make([]Share, len(base.Shares))}
	var sum int64
	for i, s := range base.Shares {
		q, err := s.Quota.mulRate(rate)
		if err != nil {
			return Result{}, &InputError{Index: i, Name: s.Name, Field: "quota", Err: ErrOverflow}
		}
		a := q.Round(m)
		if sum > 1<<63-1-a {
			return Result{}, &InputError{Index: -1, Field: "sum", Err: ErrOverflow}
		}
		sum += a
		res.Shares[i] = Share{Index: s.Index, Name: s.Name, Weight: s.Weight, Quota: q, Allocated: a, Rounding: relative(a, q)}
	}
	res.Sum = sum
	return res, nil
}
