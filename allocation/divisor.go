package allocation

import (
	"math"
	"math/bits"

	"github.com/canbao/kuomian/internal/exact"
)

// The divisor methods give unit i with a seats its next seat with priority
// w_i/d(a), where d is the method's signpost sequence; equivalently a_i is
// w_i/D rounded at the signposts, for a common divisor D. Priorities are
// compared by cross-multiplication in 256-bit integers, never by division.

// infinite reports whether d(k) = 0 (a first seat under Adams, Dean and
// Huntington-Hill).
func infinite(m Method, k uint64) bool {
	return k == 0 && (m == Adams || m == Dean || m == HuntingtonHill)
}

// cmpPrio compares w1/d(k1) with w2/d(k2) for positive weights.
func cmpPrio(m Method, w1, k1, w2, k2 uint64) int {
	i1, i2 := infinite(m, k1), infinite(m, k2)
	switch {
	case i1 && i2:
		return 0
	case i1:
		return 1
	case i2:
		return -1
	}
	switch m {
	case DHondt: // d(k) = k+1
		return exact.Cmp2(w1, k2+1, w2, k1+1)
	case SainteLague: // d(k) = (2k+1)/2
		return exact.Cmp2(w1, 2*k2+1, w2, 2*k1+1)
	case Adams: // d(k) = k
		return exact.Cmp2(w1, k2, w2, k1)
	case Dean: // d(k) = 2k(k+1)/(2k+1)
		if (w1|w2) < 1<<31 && (k1|k2) < 1<<30 { // every factor pair fits in 64 bits
			return exact.Cmp2(w1*(2*k1+1), k2*(k2+1), w2*(2*k2+1), k1*(k1+1))
		}
		return exact.Prod(w1, 2*k1+1, k2, k2+1).Cmp(exact.Prod(w2, 2*k2+1, k1, k1+1))
	default: // HuntingtonHill: d(k) = √(k(k+1)); compare squares
		if (w1|w2) < 1<<32 && (k1|k2) < 1<<31 {
			return exact.Cmp2(w1*w1, k2*(k2+1), w2*w2, k1*(k1+1))
		}
		return exact.Prod(w1, w1, k2, k2+1).Cmp(exact.Prod(w2, w2, k1, k1+1))
	}
}

// level returns w/d(k) as a Quota (0 when infinite), for reporting a tie.
// For Huntington-Hill the level is irrational; it reports w²/(k(k+1)), the
// square of the priority.
func level(m Method, w, k uint64) Quota {
	if infinite(m, k) {
		return Quota{}
	}
	var num, den uint64
	switch m {
	case DHondt:
		num, den = w, k+1
	case SainteLague:
		hi, lo := bits.Mul64(w, 2)
		if hi != 0 {
			return Quota{}
		}
		num, den = lo, 2*k+1
	case Adams:
		num, den = w, k
	case Dean:
		h1, n := bits.Mul64(w, 2*k+1)
		h2, d := bits.Mul64(2*k, k+1)
		if h1 != 0 || h2 != 0 {
			return Quota{}
		}
		num, den = n, d
	default:
		h1, n := bits.Mul64(w, w)
		h2, d := bits.Mul64(k, k+1)
		if h1 != 0 || h2 != 0 {
			return Quota{}
		}
		num, den = n, d
	}
	if num/den > math.MaxInt64 {
		return Quota{}
	}
	return quotaFrac(int64(num/den), num%den, den)
}

// roundAt returns #{k ≥ 0 : d(k) < x} for x = num/den (num a 128-bit value
// hi:lo, den > 0): the seats a unit gets when its weight over the divisor is x.
// The result is ceil(x)−1 or ceil(x).
func roundAt(m Method, hi, lo, den uint64) uint64 {
	if hi == 0 && lo == 0 {
		return 0
	}
	fl, r := bits.Div64(hi, lo, den) // caller guarantees hi < den
	c := fl
	if r != 0 {
		c++
	}
	k := c - 1 // is d(k) < x?
	num := exact.U256{lo, hi}
	var less bool
	switch m {
	case DHondt: // d(k) = k+1 = c ≥ x
		less = false
	case Adams: // d(k) = k < x
		less = true
	case SainteLague: // (2k+1)·den < 2·num
		less = exact.Prod(2*k+1, den).Cmp(num.Mul(2)) < 0
	case Dean: // 2k(k+1)·den < num·(2k+1)
		less = exact.Prod(2*k, k+1, den).Cmp(num.Mul(2*k+1)) < 0
	default: // HuntingtonHill: k(k+1)·den² < num²
		less = exact.Prod(k, k+1, den, den).Cmp(num.MulU256(num)) < 0
	}
	if less {
		return c
	}
	return k
}

// seatHeap is a binary heap of unit indices ordered by priority: in the add
// phase the largest next-seat priority w/d(a) on top, in the remove phase the
// smallest last-seat priority w/d(a−1).
type seatHeap struct {
	m      Method
	w      []uint64
	a      []int64
	remove bool
	idx    []int32
}

func (h *seatHeap) key(i int32) uint64 {
	if h.remove {
		return uint64(h.a[i] - 1)
	}
	return uint64(h.a[i])
}

// above reports whether unit i belongs above unit j.
func (h *seatHeap) above(i, j int32) bool {
	c := cmpPrio(h.m, h.w[i], h.key(i), h.w[j], h.key(j))
	if c == 0 {
		return i < j
	}
	if h.remove {
		return c < 0
	}
	return c > 0
}

func (h *seatHeap) down(p int) {
	n := len(h.idx)
	for {
		l := 2*p + 1
		if l >= n {
			return
		}
		best := l
		if r := l + 1; r < n && h.above(h.idx[r], h.idx[l]) {
			best = r
		}
		if !h.above(h.idx[best], h.idx[p]) {
			return
		}
		h.idx[p], h.idx[best] = h.idx[best], h.idx[p]
		p = best
	}
}

func (h *seatHeap) init() {
	for p := len(h.idx)/2 - 1; p >= 0; p-- {
		h.down(p)
	}
}

func (h *seatHeap) pop() {
	n := len(h.idx) - 1
	h.idx[0] = h.idx[n]
	h.idx = h.idx[:n]
	h.down(0)
}

func (in *input) canAdd(i int, a int64) bool {
	u := in.units[i]
	return in.w[i] > 0 && (!u.HasMax || a < u.Max)
}

func (in *input) canRemove(i int, a int64) bool {
	return in.w[i] > 0 && a > in.units[i].Min && a > 0
}

func (in *input) divisor() (Result, error) {
	if err := in.feasible(); err != nil {
		return Result{}, err
	}
	n := len(in.units)
	m := in.m
	rem, wf, st := in.waterfill()
	// Jump-start (Pukelsheim): λ = (rem + c·nFree/2)/wf with c = +1 for
	// D'Hondt, −1 for Adams, 0 otherwise; a_i = clamp(round_d(λ·w_i)).
	var nFree uint64
	for i := range st {
		if st[i] == stFree {
			nFree++
		}
	}
	num, den := 2*rem, 2*wf // λ = num/den
	if wf == 0 {
		num, den = 0, 1
	} else if rem > math.MaxInt64/2 || nFree > math.MaxInt64/2 {
		num, den = rem, wf
	} else if m == DHondt {
		num += nFree
	} else if m == Adams && num >= nFree {
		num -= nFree
	}
	alloc := make([]int64, n)
	var sumHi, sumLo uint64 // the start's sum, in 128 bits
	for i, u := range in.units {
		a := u.Min
		if in.w[i] > 0 && den > 0 {
			hi, lo := bits.Mul64(in.w[i], num)
			var x uint64
			if hi >= den { // λ·w_i beyond 2^64: far above any bound or total
				x = math.MaxInt64
			} else {
				x = roundAt(m, hi, lo, den)
			}
			if x > math.MaxInt64 {
				x = math.MaxInt64
			}
			a = max(int64(x), u.Min)
			if u.HasMax {
				a = min(a, u.Max)
			}
		}
		if den == 1 && num == 0 && wf == 0 && st[i] == stMax {
			a = u.Max // every unit is fixed: the bounds are the answer
		}
		alloc[i] = a
		var c uint64
		sumLo, c = bits.Add64(sumLo, uint64(a), 0)
		sumHi += c
	}
	h := &seatHeap{m: m, w: in.w, a: alloc}
	switch {
	case sumHi == 0 && sumLo < in.total:
		h.idx = make([]int32, 0, n)
		for i := range in.units {
			if in.canAdd(i, alloc[i]) {
				h.idx = append(h.idx, int32(i))
			}
		}
		h.init()
		for sum := sumLo; sum < in.total; sum++ {
			if len(h.idx) == 0 { // unreachable when feasible
				return Result{}, &BoundsError{Total: int64(in.total), Err: ErrInfeasible}
			}
			i := h.idx[0]
			alloc[i]++
			if in.canAdd(int(i), alloc[i]) {
				h.down(0)
			} else {
				h.pop()
			}
		}
	case sumHi > 0 || sumLo > in.total:
		h.remove = true
		h.idx = make([]int32, 0, n)
		for i := range in.units {
			if in.canRemove(i, alloc[i]) {
				h.idx = append(h.idx, int32(i))
			}
		}
		h.init()
		for sumHi > 0 || sumLo > in.total {
			if len(h.idx) == 0 {
				return Result{}, &BoundsError{Total: int64(in.total), Err: ErrInfeasible}
			}
			i := h.idx[0]
			if infinite(m, uint64(alloc[i]-1)) {
				return Result{}, in.tooFew()
			}
			alloc[i]--
			var b uint64
			sumLo, b = bits.Sub64(sumLo, 1, 0)
			sumHi -= b
			if in.canRemove(int(i), alloc[i]) {
				h.down(0)
			} else {
				h.pop()
			}
		}
	}
	return in.divisorFinish(alloc)
}

func (in *input) tooFew() error {
	seats := int64(in.total)
	units := 0
	for i, u := range in.units {
		seats -= u.Min
		if in.w[i] > 0 && u.Min == 0 && (!u.HasMax || u.Max > 0) {
			units++
		}
	}
	return &TooFewSeatsError{Method: in.m, Seats: seats, Units: units}
}

// divisorFinish finds a tie at the margin, labels the roundings and builds
// the result. The margin is the weakest seat given (the smallest w/d(a−1)
// over units above their lower bound) against the strongest seat not given
// (the largest w/d(a) over units below their upper bound).
func (in *input) divisorFinish(alloc []int64) (Result, error) {
	m := in.m
	n := len(in.units)
	last, next := -1, -1
	for i := range n {
		if in.canRemove(i, alloc[i]) {
			if last < 0 || cmpPrio(m, in.w[i], uint64(alloc[i]-1), in.w[last], uint64(alloc[last]-1)) < 0 {
				last = i
			}
		}
		if in.canAdd(i, alloc[i]) {
			if next < 0 || cmpPrio(m, in.w[i], uint64(alloc[i]), in.w[next], uint64(alloc[next])) > 0 {
				next = i
			}
		}
	}
	rnd := make([]Rounding, n)
	for i, u := range in.units {
		a := alloc[i]
		switch {
		case u.HasMax && a == u.Max && in.w[i] > 0 && in.boundBinds(alloc, true, i, last):
			rnd[i] = AtMax
		case a == u.Min && u.Min > 0 && (in.w[i] == 0 || in.boundBinds(alloc, false, i, next)):
			rnd[i] = AtMin
		default:
			rnd[i] = relative(a, in.quotas[i])
		}
	}
	var tie *Tie
	if last >= 0 && next >= 0 {
		wl, kl := in.w[last], uint64(alloc[last]-1)
		if cmpPrio(m, in.w[next], uint64(alloc[next]), wl, kl) >= 0 {
			if infinite(m, kl) { // units owed a first seat outnumber the seats
				return Result{}, in.tooFew()
			}
			var units []int
			var seats int64
			for i := range n {
				if in.canRemove(i, alloc[i]) && cmpPrio(m, in.w[i], uint64(alloc[i]-1), wl, kl) == 0 {
					units = append(units, i)
					seats++
					alloc[i]--
				} else if in.canAdd(i, alloc[i]) && cmpPrio(m, in.w[i], uint64(alloc[i]), wl, kl) == 0 {
					units = append(units, i)
				}
			}
			tie = &Tie{Units: units, Seats: seats, Level: level(m, wl, kl)}
		}
	}
	return in.finish(alloc, rnd, tie, func(i int) { alloc[i]++ })
}

// boundBinds reports whether unit i's bound at a took or gave a seat: for
// the upper bound, whether its claim to one more seat beats the weakest seat
// given (unit ref); for the lower bound, whether its last seat is weaker than
// the strongest seat not given (unit ref). Without a reference unit the bound
// binds nothing: with no seat given above a lower bound, the lower bounds
// take the whole total and no unit could get more without its upper bound;
// with every unit of positive weight at its upper bound, they take it all and
// no unit could get less without its lower bound.
func (in *input) boundBinds(alloc []int64, upper bool, i int, ref int) bool {
	if ref < 0 {
		return false
	}
	m := in.m
	a := alloc[i]
	if upper {
		return cmpPrio(m, in.w[i], uint64(a), in.w[ref], uint64(alloc[ref]-1)) > 0
	}
	if a == 0 {
		return false
	}
	return cmpPrio(m, in.w[i], uint64(a-1), in.w[ref], uint64(alloc[ref])) < 0
}
