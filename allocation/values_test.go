package allocation_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

func TestParseMethod(t *testing.T) {
	cases := []struct {
		in   string
		want allocation.Method
	}{
		{"half-up", allocation.HalfUp}, {"HALF-UP", allocation.HalfUp}, {" half_up ", allocation.HalfUp},
		{"half-even", allocation.HalfEven}, {"bankers", allocation.HalfEven},
		{"floor", allocation.Floor}, {"down", allocation.Floor},
		{"ceil", allocation.Ceil}, {"Ceiling", allocation.Ceil}, {"up", allocation.Ceil},
		{"hamilton", allocation.Hamilton}, {"largest-remainder", allocation.Hamilton}, {"Hare-Niemeyer", allocation.Hamilton},
		{"dhondt", allocation.DHondt}, {"D'Hondt", allocation.DHondt}, {"jefferson", allocation.DHondt},
		{"sainte-lague", allocation.SainteLague}, {"Sainte-Laguë", allocation.SainteLague}, {"webster", allocation.SainteLague},
		{"adams", allocation.Adams}, {"dean", allocation.Dean},
		{"huntington-hill", allocation.HuntingtonHill}, {"Huntington Hill", allocation.HuntingtonHill}, {"equal-proportions", allocation.HuntingtonHill},
	}
	for _, c := range cases {
		got, err := allocation.ParseMethod(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseMethod(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "round", "hamilton2", "四舍五入"} {
		if bad == "round" {
			continue // an alias of half-up
		}
		_, err := allocation.ParseMethod(bad)
		var pe *allocation.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, allocation.ErrUnknownMethod) || pe.Input != bad {
			t.Errorf("ParseMethod(%q): err = %v", bad, err)
		}
	}
	// Round trip through String and text marshalling.
	for _, m := range allocation.Methods() {
		got, err := allocation.ParseMethod(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMethod(%v.String()) = %v, %v", m, got, err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back allocation.Method
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Errorf("JSON round trip of %v: %s → %v, %v", m, b, back, err)
		}
		if m.Label() == "" || m.Label() == m.String() {
			t.Errorf("%v has no Chinese label", m)
		}
	}
	names := []string{}
	for _, m := range allocation.Methods() {
		names = append(names, m.String())
	}
	want := []string{"half-up", "half-even", "floor", "ceil", "hamilton", "dhondt", "sainte-lague", "adams", "dean", "huntington-hill"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("canonical names (-want +got):\n%s", diff)
	}
	if s := allocation.Method(0).String(); s != "Method(0)" {
		t.Errorf("Method(0).String() = %q", s)
	}
	if _, err := allocation.Method(0).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid method succeeded")
	}
}

func TestParseTieRule(t *testing.T) {
	for in, want := range map[string]allocation.TieRule{
		"fail": allocation.TieFail, "error": allocation.TieFail, "": allocation.TieFail,
		"order": allocation.TieByOrder, "Weight": allocation.TieByWeight, "name": allocation.TieByName,
	} {
		got, err := allocation.ParseTieRule(in)
		if err != nil || got != want {
			t.Errorf("ParseTieRule(%q) = %v, %v", in, got, err)
		}
		if back, _ := allocation.ParseTieRule(got.String()); back != got {
			t.Errorf("round trip of %v", got)
		}
	}
	if _, err := allocation.ParseTieRule("coin"); !errors.Is(err, allocation.ErrUnknownTieRule) {
		t.Errorf("err = %v", err)
	}
}

func TestQuota(t *testing.T) {
	cases := []struct {
		num, den int64
		fixed    map[int]string
		str      string
		floor    int64
		ceil     int64
		round    map[allocation.Method]int64
	}{
		{
			num: 633 * 9777, den: 15733, str: "6188841/15733", floor: 393, ceil: 394,
			fixed: map[int]string{0: "393", 1: "393.4", 2: "393.37", 6: "393.366872", 30: "393.366872179495328290853619780080"},
			round: map[allocation.Method]int64{allocation.HalfUp: 393, allocation.HalfEven: 393, allocation.Floor: 393, allocation.Ceil: 394},
		},
		{
			num: 5, den: 2, str: "5/2", floor: 2, ceil: 3,
			fixed: map[int]string{0: "3", 1: "2.5", 3: "2.500"},
			round: map[allocation.Method]int64{allocation.HalfUp: 3, allocation.HalfEven: 2, allocation.Floor: 2, allocation.Ceil: 3},
		},
		{
			num: 7, den: 2, str: "7/2", floor: 3, ceil: 4,
			round: map[allocation.Method]int64{allocation.HalfUp: 4, allocation.HalfEven: 4},
		},
		{
			num: -5, den: 2, str: "-5/2", floor: -3, ceil: -2,
			fixed: map[int]string{0: "-3", 1: "-2.5"},
			round: map[allocation.Method]int64{allocation.HalfUp: -3, allocation.HalfEven: -2, allocation.Floor: -3, allocation.Ceil: -2},
		},
		{
			num: -1, den: 1000, str: "-1/1000", floor: -1, ceil: 0,
			fixed: map[int]string{2: "0.00", 3: "-0.001"},
		},
		{num: 12, den: 4, str: "3", floor: 3, ceil: 3, fixed: map[int]string{2: "3.00", -1: "3"}},
		{num: 0, den: 5, str: "0", floor: 0, ceil: 0, fixed: map[int]string{1: "0.0"}},
		{num: 1, den: 3, str: "1/3", floor: 0, ceil: 1, fixed: map[int]string{4: "0.3333"}},
		{num: 2, den: 3, str: "2/3", fixed: map[int]string{4: "0.6667"}, floor: 0, ceil: 1},
		{num: math.MaxInt64, den: 1, str: "9223372036854775807", floor: math.MaxInt64, ceil: math.MaxInt64},
		{num: math.MinInt64, den: 3, str: "-9223372036854775808/3", floor: -3074457345618258603, ceil: -3074457345618258602},
	}
	for _, c := range cases {
		q, err := allocation.NewQuota(c.num, c.den)
		if err != nil {
			t.Fatalf("NewQuota(%d, %d): %v", c.num, c.den, err)
		}
		if q.String() != c.str || q.Floor() != c.floor || q.Ceil() != c.ceil {
			t.Errorf("%d/%d: String %q Floor %d Ceil %d", c.num, c.den, q.String(), q.Floor(), q.Ceil())
		}
		for scale, want := range c.fixed {
			if got := q.StringFixed(scale); got != want {
				t.Errorf("%d/%d StringFixed(%d) = %q, want %q", c.num, c.den, scale, got, want)
			}
		}
		for m, want := range c.round {
			if got := q.Round(m); got != want {
				t.Errorf("%d/%d Round(%v) = %d, want %d", c.num, c.den, m, got, want)
			}
		}
		if q.Rat().Cmp(ratOf(c.num, c.den)) != 0 {
			t.Errorf("%d/%d: Rat() = %v", c.num, c.den, q.Rat())
		}
	}
	if _, err := allocation.NewQuota(1, 0); !errors.Is(err, allocation.ErrZeroDenominator) {
		t.Errorf("NewQuota(1, 0): %v", err)
	}
	a, b := mustQuota(t, 1, 3), mustQuota(t, 2, 6)
	if !a.Equal(b) || a.Cmp(b) != 0 || a.Cmp(mustQuota(t, 1, 2)) >= 0 || mustQuota(t, -1, 2).Cmp(a) >= 0 {
		t.Error("Cmp/Equal")
	}
	if d := mustQuota(t, 6188841, 15733).Decimal(2); d.String() != "393.37" {
		t.Errorf("Decimal(2) = %v", d)
	}
	var zero allocation.Quota
	if zero.String() != "0" || zero.Sign() != 0 || !zero.IsInt() || zero.StringFixed(2) != "0.00" {
		t.Errorf("zero Quota: %v", zero)
	}
	n, d := mustQuota(t, 7, 3).Frac()
	if n != 1 || d != 3 {
		t.Errorf("Frac = %d/%d", n, d)
	}
}

func TestParseRate(t *testing.T) {
	cases := []struct {
		in       string
		num, den uint64
	}{
		{"0.8", 4, 5}, {".8", 4, 5}, {"80%", 4, 5}, {"80％", 4, 5}, {" 4/5 ", 4, 5}, {"8/10", 4, 5},
		{"1", 1, 1}, {"100%", 1, 1}, {"0", 0, 1}, {"0%", 0, 1}, {"12.5%", 1, 8}, {"1.25", 5, 4},
		{"0.000000000000000001", 1, 1000000000000000000}, {"3.", 3, 1},
	}
	for _, c := range cases {
		r, err := allocation.ParseRate(c.in)
		if err != nil || r.Num() != c.num || r.Den() != c.den {
			t.Errorf("ParseRate(%q) = %v, %v; want %d/%d", c.in, r, err, c.num, c.den)
		}
		back, err := allocation.ParseRate(r.String())
		if err != nil || back != r {
			t.Errorf("round trip of %q: %v, %v", c.in, back, err)
		}
	}
	for _, bad := range []string{"", "%", "-0.8", "+0.8", "8e-1", "0.8.1", "1/0", "4/5%", "a", "1 /2", ".", "0.0000000000000000001", "99999999999999999999", "1/-2"} {
		_, err := allocation.ParseRate(bad)
		var pe *allocation.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, allocation.ErrRate) {
			t.Errorf("ParseRate(%q): err = %v", bad, err)
		}
	}
	r := allocation.MustParseRate("4/5")
	if r.Percent(0) != "80%" || r.String() != "4/5" {
		t.Errorf("Percent %q String %q", r.Percent(0), r.String())
	}
	due, exact, err := r.Of(9777, allocation.Ceil)
	if err != nil || due != 7822 || exact.StringFixed(1) != "7821.6" {
		t.Errorf("Of(9777, Ceil) = %d, %v, %v", due, exact, err)
	}
	if _, err := allocation.NewRate(-1, 2); !errors.Is(err, allocation.ErrRate) {
		t.Errorf("NewRate(-1, 2): %v", err)
	}
}

func TestDerive(t *testing.T) {
	base, err := allocation.Apportion(10, []allocation.Unit{{Name: "a", Weight: 1}, {Name: "b", Weight: 2}}, allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	// Quotas 10/3 and 20/3; at 3/4: 2.5 and 5.
	d, err := allocation.Derive(base, allocation.MustParseRate("75%"), allocation.HalfEven)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{2, 5}, d.Allocations()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if d.Target.String() != "15/2" || d.Sum != 7 || d.Diff().String() != "-1/2" {
		t.Errorf("target %v sum %d diff %v", d.Target, d.Sum, d.Diff())
	}
	if d.Shares[0].Rounding != allocation.RoundedDown || d.Shares[1].Rounding != allocation.Exact {
		t.Errorf("roundings %v %v", d.Shares[0].Rounding, d.Shares[1].Rounding)
	}
	if _, err := allocation.Derive(base, allocation.MustParseRate("1"), allocation.Hamilton); !errors.Is(err, allocation.ErrUnknownMethod) {
		t.Errorf("Derive with Hamilton: %v", err)
	}
	// A rate whose denominator overflows the quota's denominator.
	huge, err := allocation.Apportion(1, []allocation.Unit{{Weight: math.MaxInt64 / 2}, {Weight: 1}}, allocation.Floor)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := allocation.Derive(huge, allocation.MustParseRate("1/999999999999"), allocation.Floor); !errors.Is(err, allocation.ErrOverflow) {
		t.Errorf("overflowing Derive: %v", err)
	}
}
