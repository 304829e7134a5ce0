package allocation_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

func TestEdgeCases(t *testing.T) {
	u := func(name string, w int64) allocation.Unit { return allocation.Unit{Name: name, Weight: w} }
	capped := func(name string, w, lo, hi int64) allocation.Unit {
		return allocation.Unit{Name: name, Weight: w, Min: lo, Max: hi, HasMax: true}
	}
	const big = math.MaxInt64
	cases := []struct {
		name    string
		total   int64
		units   []allocation.Unit
		methods []allocation.Method // nil: all
		want    []int64
		err     error // sentinel expected, nil for success
	}{
		{name: "no units, total 0", total: 0, units: nil, want: []int64{}},
		{name: "no units, total 5", total: 5, units: nil, err: allocation.ErrZeroWeights},
		{name: "one unit", total: 7, units: []allocation.Unit{u("a", 3)}, want: []int64{7}},
		{name: "total 0", total: 0, units: []allocation.Unit{u("a", 3), u("b", 5)}, want: []int64{0, 0}},
		{name: "zero weight gets nothing", total: 10, units: []allocation.Unit{u("a", 1), u("z", 0), u("b", 1)}, want: []int64{5, 0, 5}},
		{name: "all weights zero, total 0", total: 0, units: []allocation.Unit{u("a", 0), u("b", 0)}, want: []int64{0, 0}},
		{name: "all weights zero, total 3", total: 3, units: []allocation.Unit{u("a", 0), u("b", 0)}, err: allocation.ErrZeroWeights},
		{name: "negative total", total: -1, units: []allocation.Unit{u("a", 1)}, err: allocation.ErrNegative},
		{name: "negative weight", total: 1, units: []allocation.Unit{u("a", -1)}, err: allocation.ErrNegative},
		{name: "negative min", total: 1, units: []allocation.Unit{{Name: "a", Weight: 1, Min: -1}}, err: allocation.ErrNegative},
		{name: "negative max", total: 1, units: []allocation.Unit{{Name: "a", Weight: 1, Max: -1, HasMax: true}}, err: allocation.ErrNegative},
		{name: "min above max", total: 1, units: []allocation.Unit{capped("a", 1, 3, 2)}, err: allocation.ErrMinAboveMax},
		{name: "weights overflow", total: 1, units: []allocation.Unit{u("a", big), u("b", 1)}, err: allocation.ErrOverflow},
		{
			name: "mins above total", total: 3, units: []allocation.Unit{{Name: "a", Weight: 1, Min: 2}, {Name: "b", Weight: 1, Min: 2}},
			methods: keepSum, err: allocation.ErrInfeasible,
		},
		{
			name: "total above the sum of maxima", total: 10, units: []allocation.Unit{capped("a", 1, 0, 4), capped("b", 1, 0, 5)},
			methods: keepSum, err: allocation.ErrInfeasible,
		},
		{
			name: "zero-weight units cannot absorb", total: 10, units: []allocation.Unit{capped("a", 1, 0, 4), u("z", 0)},
			methods: keepSum, err: allocation.ErrInfeasible,
		},
		{
			name: "all weights zero but mins meet the total", total: 3, units: []allocation.Unit{{Name: "a", Min: 1}, {Name: "b", Min: 2}},
			methods: keepSum, want: []int64{1, 2},
		},
		{
			// 7 seats left for b and c (2:1); Adams would tie b's 5th seat
			// (2/4) with c's 3rd (1/2).
			name: "cap moves seats to the others", total: 10, units: []allocation.Unit{capped("a", 8, 0, 3), u("b", 2), u("c", 1)},
			methods: []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague, allocation.Dean, allocation.HuntingtonHill}, want: []int64{3, 5, 2},
		},
		{
			name: "independent rounding clamps", total: 10, units: []allocation.Unit{capped("a", 8, 0, 3), u("b", 1), u("c", 1)},
			methods: []allocation.Method{allocation.HalfUp}, want: []int64{3, 1, 1},
		},
		{
			name: "floor raises a unit", total: 10, units: []allocation.Unit{u("a", 9), {Name: "b", Weight: 1, Min: 4}},
			methods: []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague}, want: []int64{6, 4},
		},
		{
			name: "Adams with fewer seats than units", total: 2, units: []allocation.Unit{u("a", 5), u("b", 4), u("c", 3)},
			methods: []allocation.Method{allocation.Adams, allocation.Dean, allocation.HuntingtonHill}, err: allocation.ErrTooFewSeats,
		},
		{
			name: "Adams with a unit capped at 0 does not owe it a seat", total: 2, units: []allocation.Unit{u("a", 5), u("b", 4), capped("c", 3, 0, 0)},
			methods: []allocation.Method{allocation.Adams, allocation.Dean, allocation.HuntingtonHill}, want: []int64{1, 1, 0},
		},
		{
			name: "Adams with exactly one seat each", total: 3, units: []allocation.Unit{u("a", 500), u("b", 4), u("c", 3)},
			methods: []allocation.Method{allocation.Adams, allocation.Dean, allocation.HuntingtonHill}, want: []int64{1, 1, 1},
		},
		{
			// Both units are fixed at their caps: no seat-by-seat loop.
			name: "caps sum to a huge total", total: 1 << 40, units: []allocation.Unit{capped("a", 3, 0, 1<<39), capped("b", 1, 0, 1<<39)},
			methods: keepSum, want: []int64{1 << 39, 1 << 39},
		},
		{
			name: "floors sum to a huge total", total: 1 << 40, units: []allocation.Unit{{Name: "a", Weight: 1, Min: 1 << 39}, {Name: "b", Weight: 3, Min: 1 << 39}},
			methods: keepSum, want: []int64{1 << 39, 1 << 39},
		},
		{
			name: "one cap binds at a huge total", total: 1 << 40, units: []allocation.Unit{capped("a", 3, 0, 1<<30), u("b", 1)},
			methods: keepSum, want: []int64{1 << 30, 1<<40 - 1<<30},
		},
		{
			name: "duplicate names", total: 3, units: []allocation.Unit{u("x", 2), u("x", 1)},
			methods: keepSum, want: []int64{2, 1},
		},
		{
			name: "int64 limit, sum kept", total: big, units: []allocation.Unit{u("a", big/2), u("b", big/2)},
			methods: []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague}, err: allocation.ErrTie,
		},
		{
			// Quotas …902 + 1/…603, …903 + 1/2 and 1 + 3074457345618258601/
			// 6148914691236517206 (just under 1/2): b's half wins the last seat.
			name: "int64 limit, uneven", total: big, units: []allocation.Unit{u("a", big/3), u("b", big/3+1), u("c", 1)},
			methods: []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague}, want: []int64{4611686018427387902, 4611686018427387904, 1},
		},
		{
			name: "int64 limit, independent sum overflows", total: big, units: []allocation.Unit{u("a", 1), u("b", 1)},
			methods: []allocation.Method{allocation.Ceil, allocation.HalfUp}, err: allocation.ErrOverflow,
		},
		{
			// Quotas 1.5000…, 0.7499…, 0.7499…
			name: "huge weights, small total", total: 3, units: []allocation.Unit{u("a", big/2), u("b", big/4), u("c", big/4)},
			methods: []allocation.Method{allocation.Hamilton, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill}, want: []int64{1, 1, 1},
		},
		{
			name: "huge weights, small total, D'Hondt", total: 3, units: []allocation.Unit{u("a", big/2), u("b", big/4), u("c", big/4)},
			methods: []allocation.Method{allocation.DHondt}, err: allocation.ErrTie,
		},
	}
	for _, c := range cases {
		methods := c.methods
		if methods == nil {
			methods = allocation.Methods()
		}
		for _, m := range methods {
			t.Run(c.name+"/"+m.String(), func(t *testing.T) {
				res, err := allocation.Apportion(c.total, c.units, m)
				if c.err != nil {
					if !errors.Is(err, c.err) {
						t.Fatalf("err = %v, want %v", err, c.err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(c.want, res.Allocations()); diff != "" {
					t.Errorf("Apportion(%d) mismatch (-want +got):\n%s", c.total, diff)
				}
				if m.KeepsSum() && res.Sum != c.total {
					t.Errorf("sum %d, want %d", res.Sum, c.total)
				}
			})
		}
	}
}

var keepSum = []allocation.Method{allocation.Hamilton, allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill}

func TestErrorTypes(t *testing.T) {
	_, err := allocation.Apportion(1, []allocation.Unit{{Name: "振兴村", Weight: -5}}, allocation.HalfUp)
	var ie *allocation.InputError
	if !errors.As(err, &ie) || ie.Index != 0 || ie.Field != "weight" || ie.Value != -5 || ie.Name != "振兴村" {
		t.Errorf("err = %#v", err)
	}
	if got, want := err.Error(), `allocation: unit 0 ("振兴村"): weight -5: negative number`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	_, err = allocation.Apportion(3, []allocation.Unit{{Weight: 1, Min: 2}, {Weight: 1, Min: 2}}, allocation.Hamilton)
	var be *allocation.BoundsError
	if !errors.As(err, &be) || be.SumMin != 4 || be.Total != 3 || be.SumMax != -1 {
		t.Errorf("err = %#v", err)
	}
	_, err = allocation.Apportion(2, []allocation.Unit{{Weight: 1}, {Weight: 1}, {Weight: 1}}, allocation.HuntingtonHill)
	var fe *allocation.TooFewSeatsError
	if !errors.As(err, &fe) || fe.Seats != 2 || fe.Units != 3 || fe.Method != allocation.HuntingtonHill {
		t.Errorf("err = %#v", err)
	}
	_, err = allocation.Apportion(1, nil, allocation.Method(0))
	if !errors.Is(err, allocation.ErrUnknownMethod) {
		t.Errorf("invalid method: err = %v", err)
	}
	_, err = allocation.Apportion(1, []allocation.Unit{{Weight: 1}}, allocation.Hamilton, allocation.WithTieRule(allocation.TieRule(99)))
	if !errors.Is(err, allocation.ErrUnknownTieRule) {
		t.Errorf("invalid tie rule: err = %v", err)
	}
}

func TestTieError(t *testing.T) {
	units := []allocation.Unit{{Name: "甲", Weight: 1}, {Name: "乙", Weight: 1}, {Name: "丙", Weight: 1}, {Name: "丁", Weight: 3}}
	_, err := allocation.Apportion(4, units, allocation.Hamilton)
	var te *allocation.TieError
	if !errors.As(err, &te) || !errors.Is(err, allocation.ErrTie) {
		t.Fatalf("err = %v", err)
	}
	want := allocation.Tie{Units: []int{0, 1, 2}, Names: []string{"甲", "乙", "丙"}, Seats: 2, Level: mustQuota(t, 2, 3)}
	if diff := cmp.Diff(want, te.Tie); diff != "" {
		t.Errorf("tie mismatch (-want +got):\n%s", diff)
	}
	if got := err.Error(); got != `allocation: hamilton: 3 units tie for the last 2 seats (#0 "甲", #1 "乙", #2 "丙")` {
		t.Errorf("Error() = %q", got)
	}
	if diff := cmp.Diff([]int64{0, 0, 0, 2}, te.Partial.Allocations()); diff != "" {
		t.Errorf("partial (-want +got):\n%s", diff)
	}
	for _, c := range []struct {
		rule allocation.TieRule
		want []int64
	}{
		{allocation.TieByOrder, []int64{1, 1, 0, 2}},
		{allocation.TieByName, []int64{0, 1, 1, 2}}, // 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532
		{allocation.TieByWeight, []int64{1, 1, 0, 2}},
	} {
		res, err := allocation.Apportion(4, units, allocation.Hamilton, allocation.WithTieRule(c.rule))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, res.Allocations()); diff != "" {
			t.Errorf("%v (-want +got):\n%s", c.rule, diff)
		}
		if len(res.Ties) != 1 || res.Ties[0].Rule != c.rule {
			t.Errorf("%v: ties %v", c.rule, res.Ties)
		}
	}
}

func mustQuota(t *testing.T, n, d int64) allocation.Quota {
	t.Helper()
	q, err := allocation.NewQuota(n, d)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestRoundingLabels(t *testing.T) {
	units := []allocation.Unit{
		{Name: "capped", Weight: 80, Max: 5, HasMax: true},
		{Name: "floored", Weight: 1, Min: 3},
		{Name: "exact", Weight: 10},
		{Name: "rest", Weight: 9},
	}
	for _, m := range []allocation.Method{allocation.HalfUp, allocation.Hamilton, allocation.SainteLague} {
		res, err := allocation.Apportion(25, units, m)
		if err != nil {
			t.Fatal(err)
		}
		var got []allocation.Rounding
		for _, s := range res.Shares {
			got = append(got, s.Rounding)
		}
		if got[0] != allocation.AtMax || got[1] != allocation.AtMin {
			t.Errorf("%v: labels %v, allocations %v", m, got, res.Allocations())
		}
	}
}
