package allocation_test

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/canbao/kuomian/allocation"
)

// This file holds slow reference implementations written straight from the
// definitions with math/big, to check the fast code against.

// refSeat is one seat a unit may win: its (k+1)-th seat, with priority
// w/d(k).
type refSeat struct {
	unit int
	k    int64
	w    int64
}

// refDivisorCmp compares the priorities w1/d(k1) and w2/d(k2) of two seats
// from the textbook signposts, in big integers. Infinite priorities (d = 0)
// compare equal to each other and above everything else.
func refDivisorCmp(m allocation.Method, a, b refSeat) int {
	inf := func(k int64) bool {
		return k == 0 && (m == allocation.Adams || m == allocation.Dean || m == allocation.HuntingtonHill)
	}
	ia, ib := inf(a.k), inf(b.k)
	switch {
	case ia && ib:
		return 0
	case ia:
		return 1
	case ib:
		return -1
	}
	bi := big.NewInt
	if m == allocation.HuntingtonHill {
		// w1/√(k1(k1+1)) vs w2/√(k2(k2+1)): square both sides.
		l := new(big.Int).Mul(bi(a.w), bi(a.w))
		l.Mul(l, bi(b.k))
		l.Mul(l, bi(b.k+1))
		r := new(big.Int).Mul(bi(b.w), bi(b.w))
		r.Mul(r, bi(a.k))
		r.Mul(r, bi(a.k+1))
		return l.Cmp(r)
	}
	d := func(k int64) *big.Rat {
		bk := bi(k)
		k1 := new(big.Int).Add(bk, bi(1))
		switch m {
		case allocation.DHondt:
			return new(big.Rat).SetInt(k1)
		case allocation.SainteLague:
			return new(big.Rat).SetFrac(new(big.Int).Add(bk, k1), bi(2))
		case allocation.Adams:
			return new(big.Rat).SetInt(bk)
		default: // Dean: harmonic mean of k and k+1, 2k(k+1)/(2k+1)
			num := new(big.Int).Mul(bk, k1)
			num.Lsh(num, 1)
			return new(big.Rat).SetFrac(num, new(big.Int).Add(bk, k1))
		}
	}
	pa := new(big.Rat).Quo(new(big.Rat).SetInt64(a.w), d(a.k))
	pb := new(big.Rat).Quo(new(big.Rat).SetInt64(b.w), d(b.k))
	return pa.Cmp(pb)
}

// refTie is a tie as the references see it: the units whose claim equals the
// claim of the last seat given, how many of those claims were given, and the
// claim itself (for Huntington-Hill its square).
type refTie struct {
	units   []int
	seats   int64
	level   *big.Rat
	partial []int64 // the allocation without the tied seats
}

// refDivisor apportions total by listing every seat each unit could win
// above its lower bound (up to its upper bound), sorting them by priority and
// taking the best. It reports tie = true when the last seat taken and the
// first seat left have the same priority. Only for small totals.
func refDivisor(total int64, units []allocation.Unit, m allocation.Method) (alloc []int64, tie bool) {
	alloc, t := refDivisorTie(total, units, m)
	return alloc, t != nil
}

// refDivisorTie is refDivisor with the tie described.
func refDivisorTie(total int64, units []allocation.Unit, m allocation.Method) ([]int64, *refTie) {
	alloc := make([]int64, len(units))
	left := total
	var seats []refSeat
	for i, u := range units {
		alloc[i] = u.Min
		left -= u.Min
		if u.Weight == 0 {
			continue
		}
		hi := u.Min + total
		if u.HasMax {
			hi = min(hi, u.Max)
		}
		for k := u.Min; k < hi; k++ {
			seats = append(seats, refSeat{unit: i, k: k, w: u.Weight})
		}
	}
	slices.SortStableFunc(seats, func(a, b refSeat) int { return -refDivisorCmp(m, a, b) })
	for _, s := range seats[:left] {
		alloc[s.unit]++
	}
	if left == 0 || int(left) == len(seats) || refDivisorCmp(m, seats[left-1], seats[left]) != 0 {
		return alloc, nil
	}
	last := seats[left-1]
	t := &refTie{level: refLevel(m, last), partial: slices.Clone(alloc)}
	for k, s := range seats {
		if refDivisorCmp(m, s, last) == 0 {
			t.units = append(t.units, s.unit)
			if k < int(left) {
				t.seats++
				t.partial[s.unit]--
			}
		}
	}
	slices.Sort(t.units)
	return alloc, t
}

// refLevel is the priority w/d(k) of a seat (w²/(k(k+1)) for
// Huntington-Hill), 0 when infinite.
func refLevel(m allocation.Method, s refSeat) *big.Rat {
	w, k := big.NewRat(s.w, 1), big.NewRat(s.k, 1)
	one := big.NewRat(1, 1)
	k1 := new(big.Rat).Add(k, one)
	var d *big.Rat
	switch m {
	case allocation.DHondt:
		d = k1
	case allocation.SainteLague:
		d = new(big.Rat).Add(k, big.NewRat(1, 2))
	case allocation.Adams:
		d = k
	case allocation.Dean:
		d = new(big.Rat).Mul(big.NewRat(2, 1), new(big.Rat).Mul(k, k1))
		d.Quo(d, new(big.Rat).Add(k, k1))
	default:
		w.Mul(w, w)
		d = new(big.Rat).Mul(k, k1)
	}
	if d.Sign() == 0 {
		return new(big.Rat)
	}
	return w.Quo(w, d)
}

// refHamilton apportions total by the largest remainder method within
// bounds: it finds the λ with Σ clamp(λ·w, min, max) = total by walking the
// breakpoints of that piecewise linear function, then gives each unit the
// floor of its clamped quota and the seats left to the largest remainders.
func refHamilton(total int64, units []allocation.Unit) (alloc []int64, tie bool) {
	alloc, t := refHamiltonTie(total, units)
	return alloc, t != nil
}

// refHamiltonTie is refHamilton with the tie described.
func refHamiltonTie(total int64, units []allocation.Unit) (alloc []int64, tie *refTie) {
	n := len(units)
	clamp := func(lam *big.Rat, i int) *big.Rat {
		u := units[i]
		if u.Weight == 0 {
			return new(big.Rat).SetInt64(u.Min)
		}
		q := new(big.Rat).Mul(lam, new(big.Rat).SetInt64(u.Weight))
		if q.Cmp(new(big.Rat).SetInt64(u.Min)) < 0 {
			return new(big.Rat).SetInt64(u.Min)
		}
		if u.HasMax && q.Cmp(new(big.Rat).SetInt64(u.Max)) > 0 {
			return new(big.Rat).SetInt64(u.Max)
		}
		return q
	}
	sum := func(lam *big.Rat) *big.Rat {
		s := new(big.Rat)
		for i := range n {
			s.Add(s, clamp(lam, i))
		}
		return s
	}
	T := new(big.Rat).SetInt64(total)
	points := []*big.Rat{new(big.Rat)}
	for _, u := range units {
		if u.Weight > 0 {
			points = append(points, big.NewRat(u.Min, u.Weight))
			if u.HasMax {
				points = append(points, big.NewRat(u.Max, u.Weight))
			}
		}
	}
	slices.SortFunc(points, func(a, b *big.Rat) int { return a.Cmp(b) })
	var lam *big.Rat
	prev := points[0]
	for _, p := range points {
		if sum(p).Cmp(T) >= 0 {
			// linear on [prev, p]
			s0 := sum(prev)
			slope := new(big.Rat)
			mid := new(big.Rat).Add(prev, p)
			mid.Quo(mid, big.NewRat(2, 1))
			for i, u := range units {
				if u.Weight == 0 {
					continue
				}
				q := new(big.Rat).Mul(mid, new(big.Rat).SetInt64(u.Weight))
				if q.Cmp(new(big.Rat).SetInt64(u.Min)) >= 0 && (!u.HasMax || q.Cmp(new(big.Rat).SetInt64(u.Max)) <= 0) {
					slope.Add(slope, new(big.Rat).SetInt64(units[i].Weight))
				}
			}
			lam = new(big.Rat).Set(p)
			if slope.Sign() > 0 && p.Cmp(prev) > 0 {
				d := new(big.Rat).Sub(T, s0)
				d.Quo(d, slope)
				lam = d.Add(d, prev)
			}
			break
		}
		prev = p
	}
	if lam == nil { // beyond the last breakpoint: only unbounded units grow
		var slope int64
		for _, u := range units {
			if u.Weight > 0 && !u.HasMax {
				slope += u.Weight
			}
		}
		d := new(big.Rat).Sub(T, sum(prev))
		d.Quo(d, new(big.Rat).SetInt64(slope))
		lam = d.Add(d, prev)
	}
	alloc = make([]int64, n)
	type rem struct {
		i int
		r *big.Rat
	}
	var rems []rem
	left := total
	for i := range n {
		q := clamp(lam, i)
		fl := new(big.Int).Quo(q.Num(), q.Denom())
		alloc[i] = fl.Int64()
		left -= alloc[i]
		r := new(big.Rat).Sub(q, new(big.Rat).SetInt(fl))
		rems = append(rems, rem{i, r})
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return -a.r.Cmp(b.r) })
	for _, r := range rems[:left] {
		alloc[r.i]++
	}
	if left > 0 && int(left) < n && rems[left-1].r.Cmp(rems[left].r) == 0 {
		lvl := rems[left-1].r
		tie = &refTie{level: lvl, partial: slices.Clone(alloc)}
		for k, r := range rems {
			if r.r.Cmp(lvl) == 0 {
				tie.units = append(tie.units, r.i)
				if k < int(left) {
					tie.seats++
					tie.partial[r.i]--
				}
			}
		}
		slices.Sort(tie.units)
	}
	return alloc, tie
}

func ratOf(n, d int64) *big.Rat { return big.NewRat(n, d) }

// refWinners returns the units a tie rule gives the tied seats to, in
// increasing order, straight from the rule's definition.
func refWinners(rule allocation.TieRule, t *refTie, units []allocation.Unit) []int {
	order := slices.Clone(t.units) // increasing input position
	switch rule {
	case allocation.TieByWeight:
		slices.SortStableFunc(order, func(a, b int) int { return -cmp.Compare(units[a].Weight, units[b].Weight) })
	case allocation.TieByName:
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case units[a].Name < units[b].Name:
				return -1
			case units[a].Name > units[b].Name:
				return 1
			}
			return 0
		})
	}
	w := slices.Clone(order[:t.seats])
	slices.Sort(w)
	return w
}
