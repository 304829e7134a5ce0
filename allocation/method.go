package allocation

import (
	"strconv"
	"strings"
)

// Method is an apportionment method. The zero Method is not valid.
type Method uint8

// The methods. The first four round each unit's quota on its own, as
// published tables usually do; they do not keep the column total. The others
// keep it: every seat of the target is given to exactly one unit.
const (
	// HalfUp rounds each quota on its own, halves away from zero (四舍五入).
	// The 罗东 table of 罗政〔2019〕185号 is made this way.
	HalfUp Method = iota + 1
	// HalfEven rounds each quota on its own, halves to the even neighbour
	// (银行家舍入).
	HalfEven
	// Floor rounds each quota down on its own (去尾).
	Floor
	// Ceil rounds each quota up on its own (进一).
	Ceil
	// Hamilton is the largest remainder method (最大余额法, Hare-Niemeyer):
	// every unit gets the floor of its quota and the seats left go to the
	// largest remainders.
	Hamilton
	// DHondt is the divisor method with rounding down (Jefferson, 最高均数法):
	// signposts d(a) = a+1.
	DHondt
	// SainteLague is the divisor method with standard rounding (Webster):
	// signposts d(a) = a+½.
	SainteLague
	// Adams is the divisor method with rounding up: signposts d(a) = a. Every
	// unit of positive weight gets at least one seat.
	Adams
	// Dean is the divisor method with harmonic-mean rounding: signposts
	// d(a) = 2a(a+1)/(2a+1). Every unit of positive weight gets at least one
	// seat.
	Dean
	// HuntingtonHill is the divisor method with geometric-mean rounding (the
	// method of equal proportions, used for the U.S. House since 1941):
	// signposts d(a) = √(a(a+1)). Every unit of positive weight gets at least
	// one seat.
	HuntingtonHill
)

var methodNames = [...]string{
	HalfUp:         "half-up",
	HalfEven:       "half-even",
	Floor:          "floor",
	Ceil:           "ceil",
	Hamilton:       "hamilton",
	DHondt:         "dhondt",
	SainteLague:    "sainte-lague",
	Adams:          "adams",
	Dean:           "dean",
	HuntingtonHill: "huntington-hill",
}

var methodAliases = map[string]Method{
	"half-up": HalfUp, "halfup": HalfUp, "round": HalfUp, "round-half-up": HalfUp,
	"half-even": HalfEven, "halfeven": HalfEven, "bankers": HalfEven, "round-half-even": HalfEven,
	"floor": Floor, "down": Floor,
	"ceil": Ceil, "ceiling": Ceil, "up": Ceil,
	"hamilton": Hamilton, "largest-remainder": Hamilton, "hare-niemeyer": Hamilton, "hare": Hamilton, "vinton": Hamilton,
	"dhondt": DHondt, "d'hondt": DHondt, "d-hondt": DHondt, "jefferson": DHondt,
	"sainte-lague": SainteLague, "sainte-laguë": SainteLague, "saintelague": SainteLague, "webster": SainteLague,
	"adams":           Adams,
	"dean":            Dean,
	"huntington-hill": HuntingtonHill, "huntingtonhill": HuntingtonHill, "hill": HuntingtonHill, "equal-proportions": HuntingtonHill,
}

// Methods returns every method in the order of their constants.
func Methods() []Method {
	return []Method{HalfUp, HalfEven, Floor, Ceil, Hamilton, DHondt, SainteLague, Adams, Dean, HuntingtonHill}
}

// ParseMethod returns the method named s, ignoring case and surrounding
// space. It accepts the canonical names (see [Method.String]) and aliases:
// jefferson for dhondt, webster for sainte-lague, largest-remainder and
// hare-niemeyer for hamilton, down and up for floor and ceil, hill and
// equal-proportions for huntington-hill; '_' and ' ' may stand for '-'.
func ParseMethod(s string) (Method, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer("_", "-", " ", "-").Replace(k)
	if m, ok := methodAliases[k]; ok {
		return m, nil
	}
	return 0, &ParseError{What: "method", Input: s, Err: ErrUnknownMethod}
}

// String returns the canonical name (half-up, half-even, floor, ceil,
// hamilton, dhondt, sainte-lague, adams, dean, huntington-hill).
func (m Method) String() string {
	if m.IsValid() {
		return methodNames[m]
	}
	return "Method(" + itoa(int64(m)) + ")"
}

// IsValid reports whether m is one of the defined methods.
func (m Method) IsValid() bool { return m >= HalfUp && m <= HuntingtonHill }

// KeepsSum reports whether the method always gives exactly the target in
// total (Hamilton and the divisor methods), as opposed to rounding each unit
// on its own.
func (m Method) KeepsSum() bool { return m >= Hamilton && m <= HuntingtonHill }

// IsDivisor reports whether m is a divisor method.
func (m Method) IsDivisor() bool { return m >= DHondt && m <= HuntingtonHill }

// Label returns the Chinese name of the method (四舍五入, 最大余额法, …).
func (m Method) Label() string {
	switch m {
	case HalfUp:
		return "四舍五入"
	case HalfEven:
		return "四舍六入五成双"
	case Floor:
		return "去尾法"
	case Ceil:
		return "进一法"
	case Hamilton:
		return "最大余额法"
	case DHondt:
		return "最高均数法(洪德法)"
	case SainteLague:
		return "圣拉古法"
	case Adams:
		return "亚当斯法"
	case Dean:
		return "迪安法"
	case HuntingtonHill:
		return "亨廷顿-希尔法"
	}
	return m.String()
}

// MarshalText implements encoding.TextMarshaler with [Method.String].
func (m Method) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, &ParseError{What: "method", Input: m.String(), Err: ErrUnknownMethod}
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseMethod].
func (m *Method) UnmarshalText(b []byte) error {
	v, err := ParseMethod(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// TieRule says how to settle a tie: several units with equal claims to fewer
// seats than there are units. The zero TieRule, [TieFail], settles nothing and
// makes the call return a [*TieError].
type TieRule uint8

// The tie rules.
const (
	// TieFail returns a *TieError describing the tie (the default).
	TieFail TieRule = iota
	// TieByOrder gives the tied seats to the units that come first in the
	// input.
	TieByOrder
	// TieByWeight gives the tied seats to the units of larger weight, then to
	// those that come first in the input.
	TieByWeight
	// TieByName gives the tied seats to the units whose names sort first
	// (byte order), then to those that come first in the input. With
	// distinct names the answer does not depend on the input order.
	TieByName
)

var tieNames = [...]string{TieFail: "fail", TieByOrder: "order", TieByWeight: "weight", TieByName: "name"}

// ParseTieRule returns the tie rule named s: fail (also error, none), order,
// weight or name, ignoring case.
func ParseTieRule(s string) (TieRule, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fail", "error", "none", "":
		return TieFail, nil
	case "order", "input", "first", "input-order", "by-order":
		return TieByOrder, nil
	case "weight", "larger-weight", "by-weight":
		return TieByWeight, nil
	case "name", "by-name":
		return TieByName, nil
	}
	return 0, &ParseError{What: "tie rule", Input: s, Err: ErrUnknownTieRule}
}

// String returns the canonical name of the rule (fail, order, weight, name).
func (r TieRule) String() string {
	if int(r) < len(tieNames) {
		return tieNames[r]
	}
	return "TieRule(" + itoa(int64(r)) + ")"
}

// Rounding says how a unit's allocation relates to its exact quota.
type Rounding uint8

// The roundings. The zero Rounding is Exact.
const (
	// Exact: the allocation equals the quota.
	Exact Rounding = iota
	// RoundedDown: the allocation is below the quota.
	RoundedDown
	// RoundedUp: the allocation is above the quota.
	RoundedUp
	// AtMin: the unit's lower bound raised its allocation: without it (all
	// else equal) the unit would get less. For Hamilton: the bound raised
	// the unit's bounded quota (λ·weight fell below it), which may also
	// label a unit whose rounding would have reached the bound anyway. A
	// unit of zero weight with a positive lower bound is always AtMin.
	AtMin
	// AtMax: the unit's upper bound lowered its allocation: without it (all
	// else equal) the unit would get more. For Hamilton: the bound cut the
	// unit's bounded quota (λ·weight rose above it), which may also label a
	// unit whose rounding would have stayed at the bound anyway.
	AtMax
)

var roundingNames = [...]string{Exact: "exact", RoundedDown: "down", RoundedUp: "up", AtMin: "min", AtMax: "max"}

// String returns exact, down, up, min or max.
func (r Rounding) String() string {
	if int(r) < len(roundingNames) {
		return roundingNames[r]
	}
	return "Rounding(" + itoa(int64(r)) + ")"
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
