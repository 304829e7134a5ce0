package allocation

import (
	"slices"

	"github.com/canbao/kuomian/internal/exact"
)

// maxWaterfillRounds bounds the rounds of the iterative water-filling. Each
// round costs one pass over the units and usually fixes a large share of
// them, so a few rounds suffice; crafted bounds can make it fix one unit per
// round, and then waterfillSorted finishes in O(n log n).
const maxWaterfillRounds = 32

// breakpoint is λ = num/den at which unit i reaches its lower (lo) or upper
// bound.
type breakpoint struct {
	num, den uint64
	unit     int32
	hi       bool
}

// waterfillSorted finds the same λ as the iterative water-filling by a sweep
// over the sorted breakpoints of S(λ) = Σ clamp(λ·w_i, min_i, max_i), which is
// continuous, non-decreasing and linear between breakpoints. st holds stZero
// for the units of zero weight; the others are classified here.
func (in *input) waterfillSorted(st []int8) (rem, wf uint64, _ []int8) {
	var bps []breakpoint
	var low uint64 // Σ min of the units still below their lower breakpoint
	for i, u := range in.units {
		if in.w[i] == 0 {
			continue
		}
		low += uint64(u.Min)
		bps = append(bps, breakpoint{num: uint64(u.Min), den: in.w[i], unit: int32(i)})
		if u.HasMax {
			bps = append(bps, breakpoint{num: uint64(u.Max), den: in.w[i], unit: int32(i), hi: true})
		}
	}
	slices.SortFunc(bps, func(a, b breakpoint) int {
		if c := exact.Cmp2(a.num, b.den, b.num, a.den); c != 0 {
			return c
		}
		switch {
		case a.hi == b.hi:
			return 0
		case !a.hi: // lower breakpoints first
			return -1
		}
		return 1
	})
	target := in.total
	for i, u := range in.units {
		if in.w[i] == 0 {
			target -= uint64(u.Min)
		}
	}
	// Sweep: S(v) = low + v·free + high, with free the weight of the units
	// between their breakpoints.
	var free, high uint64
	num, den := uint64(0), uint64(1) // λ
	found := false
	for _, b := range bps {
		// Is S(b) ≥ target?  (target − low − high)·b.den ≤ b.num·free
		if low+high >= target {
			num, den, found = 0, 1, true // only at the start (S(0) = Σ min)
			break
		}
		if exact.Cmp2(target-low-high, b.den, b.num, free) <= 0 {
			num, den, found = target-low-high, free, true
			break
		}
		u := in.units[b.unit]
		if b.hi {
			free -= in.w[b.unit]
			high += uint64(u.Max)
		} else {
			low -= uint64(u.Min)
			free += in.w[b.unit]
		}
	}
	if !found {
		if low+high >= target || free == 0 {
			num, den = 0, 1
		} else {
			num, den = target-low-high, free
		}
	}
	// Classify at λ = num/den and recompute rem and wf from the classes.
	rem, wf = target, 0
	for i, u := range in.units {
		if in.w[i] == 0 {
			continue
		}
		w := in.w[i]
		switch {
		case exact.Cmp2(num, w, uint64(u.Min), den) < 0:
			st[i] = stMin
			rem -= uint64(u.Min)
		case u.HasMax && exact.Cmp2(num, w, uint64(u.Max), den) > 0:
			st[i] = stMax
			rem -= uint64(u.Max)
		default:
			st[i] = stFree
			wf += w
		}
	}
	return rem, wf, st
}
