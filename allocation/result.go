package allocation

import (
	"fmt"
	"strconv"
	"strings"
)

// Unit is one of the units a target is split across (a village, a town).
// Units are identified by their position in the input; names may repeat.
//
// Min and Max bound the unit's allocation. Max applies only when HasMax is
// set, so the zero Unit has no upper bound; the usual Max is the unit's
// unenrolled headcount (未参保人数): a village cannot be asked for more people
// than it has.
type Unit struct {
	Name   string // 村别, 镇街, …
	Weight int64  // what the target is split in proportion to (未参保人数)
	Min    int64  // lower bound (0: none)
	Max    int64  // upper bound, read only when HasMax is set
	HasMax bool   // whether Max bounds the allocation
}

// Option changes how [Apportion], [ApportionTree] and [Derive] work.
type Option func(*config)

type config struct {
	tie       TieRule
	rounds    int  // rounds of the iterative water-filling (tests only)
	roundsSet bool // rounds was set
}

// WithTieRule settles ties with rule r instead of returning a [*TieError].
func WithTieRule(r TieRule) Option { return func(c *config) { c.tie = r } }

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// Result is an apportionment: one [Share] per unit, in input order, and the
// totals. It is a value: the functions of this package never modify a Result
// they are given.
type Result struct {
	Method Method // the method that made the allocations
	// Target is the total that was split: the integer total for
	// [Apportion], the base target times the rate for [Derive].
	Target Quota
	// Shares holds one entry per unit, in input order.
	Shares []Share
	// Sum is the sum of the allocations.
	Sum int64
	// Ties lists the ties that a tie rule settled (empty when there were
	// none).
	Ties []Tie
}

// Diff returns Sum − Target: zero for the methods that keep the sum,
// often not for independent rounding (罗东 应扩面: 9778 − 9777 = 1).
func (r Result) Diff() Quota {
	d, err := quotaInt(r.Sum).sub(r.Target)
	if err != nil {
		return Quota{}
	}
	return d
}

// Allocations returns the allocations in input order.
func (r Result) Allocations() []int64 {
	out := make([]int64, len(r.Shares))
	for i, s := range r.Shares {
		out[i] = s.Allocated
	}
	return out
}

// Share is one unit's part of a [Result].
type Share struct {
	Index  int    // position in the input
	Name   string // the unit's name
	Weight int64  // the unit's weight
	// Quota is the exact proportional share Target·Weight/ΣWeight, before any
	// rounding or bound (zero when every weight is zero).
	Quota Quota
	// Allocated is the integer the unit gets (任务数).
	Allocated int64
	// Rounding says how Allocated relates to Quota, or that a bound set it.
	Rounding Rounding
}

// Tie describes units with equal claims competing for fewer seats: "3 units
// tie for the last 1 seat". Units lists the tied units' input positions in
// increasing order. When a rule settled the tie, Rule is that rule and Winners
// the positions (increasing) that got the seats; otherwise Rule is TieFail and
// Winners is empty.
type Tie struct {
	Units   []int
	Names   []string // the tied units' names, in the order of Units
	Seats   int64
	Rule    TieRule
	Winners []int
	// Level is the claim the tied units share: the remainder for Hamilton,
	// the quotient weight/signpost for the divisor methods, its square for
	// Huntington-Hill (whose signposts are irrational); 0 when it does not
	// fit a Quota.
	Level Quota
}

// tieListed is the most units (and winners) that [Tie.String] names; a
// longer list is cut and ends with the number left out, so that an error
// message stays short whatever the number of tied units.
const tieListed = 10

// String describes the tie: "3 units tie for the last 1 seat (#0 \"甲村\", …)",
// followed by the rule and the winners when a rule settled it. At most ten
// units and ten winners are named; the rest are counted ("… 99990 more").
func (t Tie) String() string {
	var b strings.Builder
	seat := "seats"
	if t.Seats == 1 {
		seat = "seat"
	}
	fmt.Fprintf(&b, "%d units tie for the last %d %s (", len(t.Units), t.Seats, seat)
	for k, i := range t.Units {
		if k == tieListed {
			fmt.Fprintf(&b, ", … %d more", len(t.Units)-k)
			break
		}
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString("#" + strconv.Itoa(i))
		if k < len(t.Names) && t.Names[k] != "" {
			b.WriteString(" " + quoteShort(t.Names[k]))
		}
	}
	b.WriteString(")")
	if t.Rule != TieFail {
		fmt.Fprintf(&b, ", settled by %s: [", t.Rule)
		for k, i := range t.Winners {
			if k == tieListed {
				fmt.Fprintf(&b, " … %d more", len(t.Winners)-k)
				break
			}
			if k > 0 {
				b.WriteString(" ")
			}
			b.WriteString(strconv.Itoa(i))
		}
		b.WriteString("]")
	}
	return b.String()
}

// quoteShort quotes a name for a message, cut to 40 characters.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s)
}

// Change is one unit whose allocation differs between two results.
type Change struct {
	Index    int    // the unit's input position
	Name     string // the unit's name
	From, To int64  // its allocation in the first and in the second result
}

// Changes lists the units whose allocations differ between a and b (for
// example a published half-up column and the [Hamilton] column that keeps the
// total): for 罗东 应扩面 it is the single change 新明村 1349 → 1348. The
// results must have the same number of units.
func Changes(a, b Result) ([]Change, error) {
	if len(a.Shares) != len(b.Shares) {
		return nil, &InputError{Index: -1, Field: "results", Err: ErrMismatch}
	}
	var out []Change
	for i := range a.Shares {
		if x, y := a.Shares[i].Allocated, b.Shares[i].Allocated; x != y {
			out = append(out, Change{Index: i, Name: a.Shares[i].Name, From: x, To: y})
		}
	}
	return out, nil
}
