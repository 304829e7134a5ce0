// Package exact holds the small pieces of exact integer arithmetic that the
// allocation engine needs: 256-bit unsigned products for comparing ratios by
// cross-multiplication, and 128-by-64-bit division. Nothing here allocates and
// nothing here uses floating point.
package exact

import "math/bits"

// U256 is an unsigned 256-bit integer, least significant limb first. The
// product of any four uint64 values fits in it exactly.
type U256 [4]uint64

// From64 returns x as a U256.
func From64(x uint64) U256 { return U256{x} }

// Mul returns z·m. The caller guarantees that the product fits in 256 bits
// (it does when z is a product of at most three uint64 values).
func (z U256) Mul(m uint64) U256 {
	var r U256
	var carry uint64
	for i := range 4 {
		hi, lo := bits.Mul64(z[i], m)
		var c uint64
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		r[i] = lo
		carry = hi
	}
	return r
}

// Add returns z+x (modulo 2^256; the callers' values never wrap).
func (z U256) Add(x U256) U256 {
	var r U256
	var c uint64
	for i := range 4 {
		r[i], c = bits.Add64(z[i], x[i], c)
	}
	return r
}

// MulU256 returns z·x, which the caller guarantees to fit in 256 bits
// (z and x are each below 2^128).
func (z U256) MulU256(x U256) U256 {
	return z.Mul(x[0]).Add(z.Mul(x[1]).shiftLimbs(1))
}

func (z U256) shiftLimbs(n int) U256 {
	var r U256
	for i := 3; i >= n; i-- {
		r[i] = z[i-n]
	}
	return r
}

// Cmp compares z and x and returns -1, 0 or +1.
func (z U256) Cmp(x U256) int {
	for i := 3; i >= 0; i-- {
		if z[i] != x[i] {
			if z[i] < x[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// IsZero reports whether z is zero.
func (z U256) IsZero() bool { return z == U256{} }

// Prod returns the exact product of the factors (at most four).
func Prod(f ...uint64) U256 {
	r := U256{1}
	for _, x := range f {
		r = r.Mul(x)
	}
	return r
}

// Cmp2 compares a·b with c·d exactly.
func Cmp2(a, b, c, d uint64) int {
	h1, l1 := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(c, d)
	switch {
	case h1 != h2:
		if h1 < h2 {
			return -1
		}
		return 1
	case l1 != l2:
		if l1 < l2 {
			return -1
		}
		return 1
	}
	return 0
}

// MulDivMod returns q and r with a·b = q·c + r and 0 ≤ r < c. ok is false
// when c is zero or the quotient does not fit in 64 bits.
func MulDivMod(a, b, c uint64) (q, r uint64, ok bool) {
	if c == 0 {
		return 0, 0, false
	}
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return 0, 0, false
	}
	q, r = bits.Div64(hi, lo, c)
	return q, r, true
}

// GCD returns the greatest common divisor of a and b (GCD(0, 0) = 0).
func GCD(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
