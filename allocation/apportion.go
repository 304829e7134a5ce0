package allocation

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/canbao/kuomian/internal/exact"
)

// Apportion splits the integer total across units in proportion to their
// weights with method m, within the units' bounds.
//
// The independent rounding methods ([HalfUp], [HalfEven], [Floor], [Ceil])
// round each quota on its own and then clamp it into the unit's bounds; the
// sum may differ from the total (see [Result.Diff]). [Hamilton] and the
// divisor methods always give exactly total; for them the bounds must be
// feasible (a [*BoundsError] otherwise) and units of zero weight get exactly
// their lower bound.
//
// A tie (units with equal claims to fewer seats than there are units) makes
// Apportion return a [*TieError] unless a rule is given with [WithTieRule];
// settled ties are listed in [Result.Ties].
//
// Edge cases: a total of 0 gives every unit 0, or its lower bound (which the
// methods that keep the sum then find infeasible unless it is 0); no units
// with a positive total is ErrZeroWeights; a unit with HasMax and Max 0 takes nothing; Min = Max fixes a unit; names
// may repeat or be empty (units are told apart by position); Max is ignored
// unless HasMax is set. Weights and totals may go up to math.MaxInt64 as long
// as the weights' sum fits in an int64; every comparison stays exact.
//
// Cost: O(n) for the independent rounding methods and Hamilton (plus
// O(n log n) for crafted bounds), O(n log n) for the divisor methods, for n
// units, whatever the total: 10^15 seats over 3 units take microseconds.
//
// Errors: [*InputError] for negative numbers, a lower bound above the upper
// bound, weights that sum beyond int64, an invalid method or tie rule, all
// weights zero with a positive total, or (independent rounding only) a sum of
// allocations beyond int64; [*BoundsError]; [*TooFewSeatsError] (Adams, Dean,
// Huntington-Hill); [*TieError], whose message names at most ten of the tied
// units.
func Apportion(total int64, units []Unit, m Method, opts ...Option) (Result, error) {
	cfg := newConfig(opts)
	in, err := prepare(total, units, m, cfg)
	if err != nil {
		return Result{}, err
	}
	switch {
	case !m.KeepsSum():
		return in.independent()
	case m == Hamilton:
		return in.hamilton()
	default:
		return in.divisor()
	}
}

// input is a validated apportionment problem.
type input struct {
	m         Method
	cfg       config
	total     uint64
	units     []Unit
	w         []uint64 // weights
	sumW      uint64
	hasBounds bool
	quotas    []Quota // proportional quotas total·w/ΣW
}

func prepare(total int64, units []Unit, m Method, cfg config) (*input, error) {
	if !m.IsValid() {
		return nil, &InputError{Index: -1, Field: "method", Value: int64(m), Err: ErrUnknownMethod}
	}
	if int(cfg.tie) >= len(tieNames) {
		return nil, &InputError{Index: -1, Field: "tie rule", Value: int64(cfg.tie), Err: ErrUnknownTieRule}
	}
	if total < 0 {
		return nil, &InputError{Index: -1, Field: "total", Value: total, Err: ErrNegative}
	}
	in := &input{m: m, cfg: cfg, total: uint64(total), units: units, w: make([]uint64, len(units))}
	var sum uint64
	for i, u := range units {
		switch {
		case u.Weight < 0:
			return nil, &InputError{Index: i, Name: u.Name, Field: "weight", Value: u.Weight, Err: ErrNegative}
		case u.Min < 0:
			return nil, &InputError{Index: i, Name: u.Name, Field: "min", Value: u.Min, Err: ErrNegative}
		case u.HasMax && u.Max < 0:
			return nil, &InputError{Index: i, Name: u.Name, Field: "max", Value: u.Max, Err: ErrNegative}
		case u.HasMax && u.Min > u.Max:
			return nil, &InputError{Index: i, Name: u.Name, Field: "min", Value: u.Min, Err: ErrMinAboveMax}
		}
		if u.Min > 0 || u.HasMax {
			in.hasBounds = true
		}
		in.w[i] = uint64(u.Weight)
		var c uint64
		sum, c = bits.Add64(sum, uint64(u.Weight), 0)
		if c != 0 || sum > math.MaxInt64 {
			return nil, &InputError{Index: -1, Field: "sum of weights", Err: ErrOverflow}
		}
	}
	in.sumW = sum
	in.quotas = make([]Quota, len(units))
	if sum > 0 {
		for i, w := range in.w {
			q, r, _ := exact.MulDivMod(in.total, w, sum) // quotient ≤ total: always fits
			in.quotas[i] = quotaFrac(int64(q), r, sum)
		}
	}
	return in, nil
}

// satAdd adds non-negative numbers, saturating at math.MaxInt64.
func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func (in *input) result(alloc []int64, rounding []Rounding) (Result, error) {
	res := Result{Method: in.m, Target: quotaInt(int64(in.total)), Shares: make([]Share, len(in.units))}
	var sum int64
	for i, u := range in.units {
		a := alloc[i]
		if sum > math.MaxInt64-a {
			return Result{}, &InputError{Index: -1, Field: "sum", Err: ErrOverflow}
		}
		sum += a
		res.Shares[i] = Share{Index: i, Name: u.Name, Weight: u.Weight, Quota: in.quotas[i], Allocated: a, Rounding: rounding[i]}
	}
	res.Sum = sum
	return res, nil
}

// relative says how a compares with quota q.
func relative(a int64, q Quota) Rounding {
	switch q.Cmp(quotaInt(a)) {
	case 1:
		return RoundedDown
	case -1:
		return RoundedUp
	}
	return Exact
}

func (in *input) independent() (Result, error) {
	if in.sumW == 0 && in.total > 0 {
		return Result{}, &InputError{Index: -1, Field: "weight", Err: ErrZeroWeights}
	}
	alloc := make([]int64, len(in.units))
	rnd := make([]Rounding, len(in.units))
	for i, u := range in.units {
		a := in.quotas[i].Round(in.m)
		switch {
		case a < u.Min:
			alloc[i], rnd[i] = u.Min, AtMin
		case u.HasMax && a > u.Max:
			alloc[i], rnd[i] = u.Max, AtMax
		default:
			alloc[i], rnd[i] = a, relative(a, in.quotas[i])
		}
	}
	return in.result(alloc, rnd)
}

// feasible checks that the bounds can be met by a method that keeps the sum.
func (in *input) feasible() error {
	var sumMin, capacity int64
	unbounded := false
	for i, u := range in.units {
		sumMin = satAdd(sumMin, u.Min)
		switch {
		case in.w[i] == 0:
			capacity = satAdd(capacity, u.Min)
		case u.HasMax:
			capacity = satAdd(capacity, u.Max)
		default:
			unbounded = true
		}
	}
	t := int64(in.total)
	if sumMin > t {
		e := &BoundsError{Total: t, SumMin: sumMin, SumMax: capacity, Err: ErrInfeasible}
		if unbounded {
			e.SumMax = -1
		}
		return e
	}
	if !unbounded && capacity < t {
		if in.sumW == 0 {
			return &InputError{Index: -1, Field: "weight", Err: ErrZeroWeights}
		}
		return &BoundsError{Total: t, SumMin: sumMin, SumMax: capacity, Err: ErrInfeasible}
	}
	return nil
}

// Status of a unit in the bounded water-filling.
const (
	stFree int8 = iota
	stMin       // fixed at its lower bound: its quota fell below it
	stMax       // fixed at its upper bound: its quota rose above it
	stZero      // zero weight: fixed at its lower bound
)

// waterfill finds the bounded quotas: the λ with Σ clamp(λ·w_i, min_i, max_i)
// = total. It returns λ = rem/wf (wf = 0 when every unit is fixed) and each
// unit's status. Upper violators are fixed when their excess is at least the
// deficit of the lower violators, and conversely; each round fixes at least
// one unit, and a fixed unit stays fixed at the true λ.
func (in *input) waterfill() (rem, wf uint64, st []int8) {
	st = make([]int8, len(in.units))
	rem, wf = in.total, in.sumW
	for i, u := range in.units {
		if in.w[i] == 0 {
			st[i] = stZero
			rem -= uint64(u.Min)
		}
	}
	if !in.hasBounds {
		return rem, wf, st
	}
	rounds := in.cfg.rounds
	if !in.cfg.roundsSet {
		rounds = maxWaterfillRounds
	}
	for round := 0; wf > 0; round++ {
		if round >= rounds {
			return in.waterfillSorted(st)
		}
		var uw, ub, lw, lb uint64
		for i, u := range in.units {
			if st[i] != stFree {
				continue
			}
			w := in.w[i]
			if u.HasMax && exact.Cmp2(rem, w, uint64(u.Max), wf) > 0 {
				uw += w
				ub += uint64(u.Max)
			} else if exact.Cmp2(rem, w, uint64(u.Min), wf) < 0 {
				lw += w
				lb += uint64(u.Min)
			}
		}
		if uw == 0 && lw == 0 {
			break
		}
		c := exact.Cmp2(rem, uw+lw, wf, ub+lb) // excess vs deficit
		fixUp, fixLow := c >= 0, c <= 0
		nrem, nwf := rem, wf
		for i, u := range in.units {
			if st[i] != stFree {
				continue
			}
			w := in.w[i]
			if u.HasMax && exact.Cmp2(rem, w, uint64(u.Max), wf) > 0 {
				if fixUp {
					st[i] = stMax
					nrem -= uint64(u.Max)
					nwf -= w
				}
			} else if exact.Cmp2(rem, w, uint64(u.Min), wf) < 0 {
				if fixLow {
					st[i] = stMin
					nrem -= uint64(u.Min)
					nwf -= w
				}
			}
		}
		rem, wf = nrem, nwf
	}
	return rem, wf, st
}

func (in *input) hamilton() (Result, error) {
	if err := in.feasible(); err != nil {
		return Result{}, err
	}
	n := len(in.units)
	rem, wf, st := in.waterfill()
	alloc := make([]int64, n)
	rnd := make([]Rounding, n)
	var fracs []uint64 // remainders of the free units, over the common denominator wf
	var free []int32
	left := rem
	for i, u := range in.units {
		switch st[i] {
		case stZero:
			alloc[i] = u.Min
			if u.Min > 0 {
				rnd[i] = AtMin
			}
		case stMin:
			alloc[i], rnd[i] = u.Min, AtMin
		case stMax:
			alloc[i], rnd[i] = u.Max, AtMax
		default:
			var q, r uint64
			if in.hasBounds {
				q, r, _ = exact.MulDivMod(rem, in.w[i], wf)
			} else {
				q, r = uint64(in.quotas[i].i), in.quotas[i].n
			}
			alloc[i] = int64(q)
			left -= q
			if r > 0 {
				if fracs == nil {
					fracs = make([]uint64, 0, n)
					free = make([]int32, 0, n)
				}
				fracs = append(fracs, r)
				free = append(free, int32(i))
			}
		}
	}
	var tie *Tie
	if left > uint64(len(fracs)) { // unreachable when the bounds are feasible
		return Result{}, &BoundsError{Total: int64(in.total), Err: ErrInfeasible}
	}
	if left > 0 {
		// left < number of positive remainders; find the left-th largest.
		v := kthLargest(fracs, int(left))
		var g int
		for _, r := range fracs {
			if r > v {
				g++
			}
		}
		var tied []int
		for k, r := range fracs {
			switch {
			case r > v:
				alloc[free[k]]++
			case r == v:
				tied = append(tied, int(free[k]))
			}
		}
		seats := int(left) - g
		if seats == len(tied) {
			for _, i := range tied {
				alloc[i]++
			}
		} else {
			lvl := quotaFrac(0, v, wf)
			tie = &Tie{Units: tied, Seats: int64(seats), Level: lvl}
		}
	}
	for i := range in.units {
		if st[i] == stFree {
			rnd[i] = relative(alloc[i], in.quotas[i])
		}
	}
	return in.finish(alloc, rnd, tie, func(i int) { alloc[i]++ })
}

// finish settles a pending tie (or reports it) and builds the result. give
// adds one seat to unit i. The labels of the tied units are recomputed.
func (in *input) finish(alloc []int64, rnd []Rounding, tie *Tie, give func(int)) (Result, error) {
	if tie == nil {
		return in.result(alloc, rnd)
	}
	label := func() {
		for _, i := range tie.Units {
			rnd[i] = relative(alloc[i], in.quotas[i])
		}
	}
	tie.Names = make([]string, len(tie.Units))
	for k, i := range tie.Units {
		tie.Names[k] = in.units[i].Name
	}
	if in.cfg.tie == TieFail {
		label()
		partial, err := in.result(alloc, rnd)
		if err != nil {
			return Result{}, err
		}
		return Result{}, &TieError{Method: in.m, Tie: *tie, Partial: partial}
	}
	order := slices.Clone(tie.Units)
	switch in.cfg.tie {
	case TieByWeight:
		slices.SortStableFunc(order, func(a, b int) int {
			wa, wb := in.units[a].Weight, in.units[b].Weight
			switch {
			case wa > wb:
				return -1
			case wa < wb:
				return 1
			}
			return a - b
		})
	case TieByName:
		slices.SortStableFunc(order, func(a, b int) int {
			if c := strings.Compare(in.units[a].Name, in.units[b].Name); c != 0 {
				return c
			}
			return a - b
		})
	}
	win := slices.Clone(order[:tie.Seats])
	slices.Sort(win)
	for _, i := range win {
		give(i)
	}
	tie.Rule = in.cfg.tie
	tie.Winners = win
	label()
	res, err := in.result(alloc, rnd)
	if err != nil {
		return Result{}, err
	}
	res.Ties = []Tie{*tie}
	return res, nil
}

// kthLargest returns the k-th largest value of xs (1 ≤ k ≤ len(xs)) without
// changing xs. Quickselect with a median-of-three pivot takes linear time on
// any ordinary input; crafted inputs that defeat the pivot choice make it
// sort what is left after 2·log₂(n) + 16 rounds, so it is O(n log n) at
// worst.
func kthLargest(xs []uint64, k int) uint64 {
	budget := 16
	for n := len(xs); n > 0; n >>= 1 {
		budget += 2
	}
	return kthLargestBudget(xs, k, budget)
}

// kthLargestBudget is kthLargest with at most budget partition rounds
// before the sort.
func kthLargestBudget(xs []uint64, k, budget int) uint64 {
	s := slices.Clone(xs)
	lo, hi := 0, len(s)-1
	target := len(s) - k // index in ascending order
	for lo < hi {
		if budget--; budget < 0 {
			slices.Sort(s[lo : hi+1])
			return s[target]
		}
		// median of three as pivot
		mid := lo + (hi-lo)/2
		a, b, c := s[lo], s[mid], s[hi]
		p := b
		if (a <= b) == (b <= c) {
			p = b
		} else if (b <= a) == (a <= c) {
			p = a
		} else {
			p = c
		}
		i, j := lo, hi
		for i <= j {
			for s[i] < p {
				i++
			}
			for s[j] > p {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case target <= j:
			hi = j
		case target >= i:
			lo = i
		default:
			return s[target]
		}
	}
	return s[target]
}
