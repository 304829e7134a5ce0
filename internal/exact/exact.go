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

// Prod returns the exact product of the factors (at most four). Two, three
// and four factors — the cases of the allocation engine's comparisons — take
// straight-line 64-bit multiplications.
func Prod(f ...uint64) U256 {
	switch len(f) {
	case 2:
		hi, lo := bits.Mul64(f[0], f[1])
		return U256{lo, hi}
	case 3:
		hi, lo := bits.Mul64(f[0], f[1])
		return mul128x64(hi, lo, f[2])
	case 4:
		ah, al := bits.Mul64(f[0], f[1])
		bh, bl := bits.Mul64(f[2], f[3])
		return mul128x128(ah, al, bh, bl)
	}
	r := U256{1}
	for _, x := range f {
		r = r.Mul(x)
	}
	return r
}

// mul128x64 returns (ah·2^64 + al)·m.
func mul128x64(ah, al, m uint64) U256 {
	h0, l0 := bits.Mul64(al, m)
	h1, l1 := bits.Mul64(ah, m)
	r1, c := bits.Add64(h0, l1, 0)
	return U256{l0, r1, h1 + c}
}

// mul128x128 returns (ah·2^64 + al)·(bh·2^64 + bl).
func mul128x128(ah, al, bh, bl uint64) U256 {
	h00, l00 := bits.Mul64(al, bl)
	h01, l01 := bits.Mul64(al, bh)
	h10, l10 := bits.Mul64(ah, bl)
	h11, l11 := bits.Mul64(ah, bh)
	// limb 1: h00 + l01 + l10
	r1, c1 := bits.Add64(h00, l01, 0)
	r1, c2 := bits.Add64(r1, l10, 0)
	// limb 2: h01 + h10 + l11 + carries
	r2, c3 := bits.Add64(h01, h10, 0)
	r2, c4 := bits.Add64(r2, l11, 0)
	r2, c5 := bits.Add64(r2, c1+c2, 0)
	// limb 3: h11 + carries (the product fits in 256 bits)
	r3 := h11 + c3 + c4 + c5
	return U256{l00, r1, r2, r3}
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
