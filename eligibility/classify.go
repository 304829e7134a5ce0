package eligibility

import (
	"cmp"
	"iter"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Check is a set of the conditions a [Rule] applied, recorded in a [Reason]
// so that it can say which facts put the resident in the group.
type Check uint16

// The conditions, one per field of [Rule].
const (
	CheckEmployment Check = 1 << iota // Employment.Kind
	CheckPlatform                     // Employment.Platform
	CheckFlags                        // identity flags (身份标记)
	CheckScheme                       // insurance scheme (or 未参保)
	CheckStatus                       // contribution status
	CheckLocation                     // where the insurance is held
	CheckHukou                        // 户籍
	CheckAge                          // age band
	CheckRetirement                   // below statutory retirement age
	CheckTier                         // 城乡居民 tier above a threshold
	CheckResidual                     // in no other group
)

// Reason says why a resident is in a group: the rule's citation and the facts
// that met each of its conditions. It is a small value of numbers and enums
// (it holds no text of its own beyond the rulebook's citation strings); its
// sentence is rendered only when asked ([Reason.Text], [Reason.Chinese],
// [Reason.English]).
type Reason struct {
	Group    Group  // the group the reason is for
	Document string // e.g. "石堰府发〔2023〕10号"
	Clause   string // e.g. "二(五)"
	Checks   Check  // the conditions the rule applied

	Age        int     // age in 周岁 on the as-of date (CheckAge), else as computed (-1 unknown)
	Ages       AgeBand // the rule's band (CheckAge)
	Retirement Date    // statutory retirement date (CheckRetirement)

	Employment EmploymentKind // the resident's (CheckEmployment)
	Platform   PlatformKind   // the resident's (CheckPlatform)
	Flags      Flags          // the resident's flags among those the rule names (CheckFlags)

	Scheme   Scheme            // the resident's (CheckScheme; SchemeNone = 未参保)
	Status   InsuranceStatus   // the resident's (CheckStatus)
	Location InsuranceLocation // the resident's (CheckLocation)
	Local    bool              // 本区户籍 (CheckHukou)

	Tier      decimal.Decimal // the resident's tier (CheckTier)
	TierAbove decimal.Decimal // the rule's threshold (CheckTier)
}

// Classification is the result of [Rulebook.Classify]: every target group the
// resident is in, each with its [Reason]. It is a fixed-size value (no
// slices), so classifying does not allocate.
type Classification struct {
	Groups   GroupSet // every group the resident is in
	Rulebook string   // the rulebook's ID
	AsOf     Date     // the as-of date of the classification
	Age      int      // age in 周岁 on AsOf, -1 when the birth date is unknown

	// filled holds the groups whose entry of reasons may be non-zero (the
	// groups last classified into this value), so that ClassifyInto clears
	// only those: every other entry is zero.
	filled  GroupSet
	reasons [NumGroups]Reason
}

// Has reports whether the resident is in group g.
func (c *Classification) Has(g Group) bool { return c.Groups.Has(g) }

// Reason returns the reason the resident is in group g, and false when the
// resident is not in g.
func (c *Classification) Reason(g Group) (Reason, bool) {
	if !c.Groups.Has(g) {
		return Reason{}, false
	}
	return c.reasons[g-1], true
}

// Reasons returns the reasons of every group the resident is in, in group
// order.
func (c *Classification) Reasons() iter.Seq[Reason] {
	return func(yield func(Reason) bool) {
		for g := Group(1); g <= NumGroups; g++ {
			if c.Groups.Has(g) && !yield(c.reasons[g-1]) {
				return
			}
		}
	}
}

// Classify returns every target group of the rulebook that resident r is in
// on the date asOf, each with the facts and the clause that put them there.
//
// Ages are in 周岁 on asOf ([AgeOn]) from r.EffectiveBirth(); gender is
// r.EffectiveGender(). Rules are evaluated in order; residual rules (其他)
// match only when no other rule did. Classify returns a [*RulebookError]
// wrapping [ErrNotInEffect] when asOf is unset or outside the rulebook's
// period ([Rulebook.InEffect]). It does not validate the rulebook (call
// [Rulebook.Validate] once after building one) and does not allocate.
//
// Classify returns a value of about 1 KB; a loop over many residents can
// reuse one with [Rulebook.ClassifyInto].
func (rb *Rulebook) Classify(r Resident, asOf Date) (c Classification, err error) {
	// c is the named result: it is filled in place, never copied.
	err = rb.ClassifyInto(&c, &r, asOf)
	return c, err
}

// ClassifyInto is [Rulebook.Classify] writing its result into *c instead of
// returning it: afterwards *c equals what Classify(*r, asOf) returns, with
// the same error, whatever *c held before. It reads *r and does not change
// it. Reusing one Classification for many residents saves copying and
// clearing about 1 KB per call: only the entries of the groups *c held are
// cleared. It does not allocate.
func (rb *Rulebook) ClassifyInto(c *Classification, r *Resident, asOf Date) error {
	for s := c.filled & AllGroups; s != 0; s &= s - 1 {
		c.reasons[bits.TrailingZeros16(uint16(s))-1] = Reason{}
	}
	c.Groups, c.filled = 0, 0
	c.Rulebook, c.AsOf, c.Age = rb.ID, asOf, -1
	if !rb.InEffect(asOf) {
		return notInEffect(rb, asOf)
	}
	birth := effectiveBirth(r)
	c.Age = AgeOn(birth, asOf)
	var retire Date
	retireDone := false

	var matched GroupSet // groups matched by non-residual rules
	for pass := 0; pass < 2; pass++ {
		if pass == 1 && !matched.IsEmpty() {
			break // residual rules match only when nothing else did
		}
		for i := range rb.Rules {
			rule := &rb.Rules[i]
			if rule.Residual != (pass == 1) || !rule.Group.IsValid() || c.Groups.Has(rule.Group) {
				continue
			}
			if rule.Residual && !matched.IsEmpty() {
				continue
			}
			var checks Check
			if !rule.Employment.IsEmpty() {
				if !rule.Employment.Has(r.Employment.Kind) {
					continue
				}
				checks |= CheckEmployment
			}
			if !rule.Platforms.IsEmpty() {
				if !rule.Platforms.Has(r.Employment.Platform) {
					continue
				}
				checks |= CheckPlatform
			}
			if rule.AnyFlag != 0 {
				if r.Flags&rule.AnyFlag == 0 {
					continue
				}
				checks |= CheckFlags
			}
			if !rule.Schemes.IsEmpty() {
				if !rule.Schemes.Has(r.Insurance.Scheme) {
					continue
				}
				checks |= CheckScheme
			}
			if !rule.Statuses.IsEmpty() {
				if !rule.Statuses.Has(r.Insurance.Status) {
					continue
				}
				checks |= CheckStatus
			}
			if !rule.Locations.IsEmpty() {
				if !rule.Locations.Has(r.Insurance.Location) {
					continue
				}
				checks |= CheckLocation
			}
			switch rule.Hukou {
			case HukouLocal:
				if !r.Hukou.Local {
					continue
				}
				checks |= CheckHukou
			case HukouNonLocal:
				if r.Hukou.Local {
					continue
				}
				checks |= CheckHukou
			}
			if !rule.Ages.IsZero() {
				if !rule.Ages.Contains(c.Age) {
					continue
				}
				checks |= CheckAge
			}
			if rule.BelowRetirement {
				if !retireDone {
					retire = RetirementDate(birth, RetirementClassOf(effectiveGender(r), rb.FemaleRetirementAge))
					retireDone = true
				}
				if retire.IsZero() || !asOf.Before(retire) {
					continue
				}
				checks |= CheckRetirement
			}
			if rule.TierAbove.Valid {
				if !decimalGreater(r.ResidentTier, rule.TierAbove.Decimal) {
					continue
				}
				checks |= CheckTier
			}
			if rule.Residual {
				checks |= CheckResidual
			}
			c.Groups = c.Groups.With(rule.Group)
			c.filled = c.Groups
			if !rule.Residual {
				matched = matched.With(rule.Group)
			}
			rs := &c.reasons[rule.Group-1]
			*rs = Reason{
				Group:      rule.Group,
				Document:   rb.Document,
				Clause:     rule.Clause,
				Checks:     checks,
				Age:        c.Age,
				Employment: r.Employment.Kind,
				Platform:   r.Employment.Platform,
				Flags:      r.Flags & rule.AnyFlag,
				Scheme:     r.Insurance.Scheme,
				Status:     r.Insurance.Status,
				Location:   r.Insurance.Location,
				Local:      r.Hukou.Local,
			}
			if checks&CheckAge != 0 {
				rs.Ages = rule.Ages
			}
			if checks&CheckRetirement != 0 {
				rs.Retirement = retire
			}
			if checks&CheckTier != 0 {
				rs.Tier, rs.TierAbove = r.ResidentTier, rule.TierAbove.Decimal
			}
		}
	}
	return nil
}

func notInEffect(rb *Rulebook, asOf Date) error {
	to := rb.ValidTo.String()
	if to == "" {
		to = "open-ended"
	}
	from := rb.ValidFrom.String()
	if from == "" {
		from = "any date"
	}
	detail := "valid from " + from + " to " + to
	if asOf.IsZero() {
		detail = "as-of date unset; " + detail
	}
	return &RulebookError{Rulebook: rb.ID, Rule: -1, AsOf: asOf, Detail: detail, Err: ErrNotInEffect}
}

// decimalGreater reports whether a > b exactly. It does not allocate when
// both coefficients have at most 15 digits (every real contribution tier);
// otherwise it compares by order of magnitude first ([decimalCmpExact]), so
// that a hostile value such as 1234567890123456789e100000000 costs time in
// proportion to its coefficient, never to its exponent (decimal.Cmp would
// rescale it to the other operand's exponent: 10^100000000).
func decimalGreater(a, b decimal.Decimal) bool {
	sa, sb := a.Sign(), b.Sign()
	if sa != sb || sa == 0 {
		return sa > sb // different signs, or both zero
	}
	if a.Exponent() == b.Exponent() {
		// The usual case (a whole number of yuan against a whole
		// threshold): the coefficients compare as they are, without
		// rescaling or allocating. (Neither is zero, so neither is the
		// uninitialised zero, which Cmp would initialise.)
		return a.Cmp(b) > 0
	}
	ca, ea, okA := smallDecimal(a)
	cb, eb, okB := smallDecimal(b)
	if !okA || !okB {
		return decimalCmpExact(a, b) > 0
	}
	return cmpScaled(ca, ea, cb, eb) > 0
}

// decimalCmpExact compares a and b exactly for any coefficient and exponent:
// by sign, then by the position of the leading digit (digits + exponent),
// and only when those agree by the coefficients scaled to a common exponent
// (a scale bounded by the coefficients' own lengths).
func decimalCmpExact(a, b decimal.Decimal) int {
	sa, sb := a.Sign(), b.Sign()
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	ma, mb := new(big.Int).Abs(a.Coefficient()), new(big.Int).Abs(b.Coefficient())
	ea, eb := int64(a.Exponent()), int64(b.Exponent())
	la, lb := int64(len(ma.Text(10)))+ea, int64(len(mb.Text(10)))+eb
	c := 0
	switch {
	case la != lb:
		c = cmp.Compare(la, lb)
	case ea >= eb:
		// ea − eb = digits(mb) − digits(ma): bounded by the input's length.
		c = new(big.Int).Mul(ma, pow10(ea-eb)).Cmp(mb)
	default:
		c = ma.Cmp(new(big.Int).Mul(mb, pow10(eb-ea)))
	}
	return c * sa
}

func pow10(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }

// smallDecimal returns d as coefficient × 10^exponent when the coefficient
// fits exactly in an int64 (at most 15 digits), without allocating.
func smallDecimal(d decimal.Decimal) (int64, int32, bool) {
	if d.Sign() == 0 {
		return 0, 0, true
	}
	// NumDigits takes an allocation-free path for coefficients up to 2^53
	// and returns at least the true digit count; 15 digits < 2^53.
	if d.NumDigits() > 15 {
		return 0, 0, false
	}
	return d.CoefficientInt64(), d.Exponent(), true
}

// cmpScaled compares a×10^ea with b×10^eb exactly, for |a|, |b| < 10^15.
func cmpScaled(a int64, ea int32, b int64, eb int32) int {
	sa, sb := cmp.Compare(a, 0), cmp.Compare(b, 0)
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	// Same non-zero sign: compare magnitudes, flip for negatives.
	ma, mb := uint64(a), uint64(b)
	if sa < 0 {
		ma, mb = uint64(-a), uint64(-b)
	}
	c := cmpMag(ma, int64(ea), mb, int64(eb))
	if sa < 0 {
		c = -c
	}
	return c
}

// cmpMag compares ma×10^ea with mb×10^eb for 0 < ma, mb < 10^15.
func cmpMag(ma uint64, ea int64, mb uint64, eb int64) int {
	if ea < eb {
		return -cmpMag(mb, eb, ma, ea)
	}
	d := ea - eb // ≥ 0: scale ma up
	if d > 18 {
		return 1 // ma×10^19 ≥ 10^19 > mb
	}
	p := uint64(1)
	for range d {
		p *= 10
	}
	hi, lo := bits.Mul64(ma, p)
	if hi != 0 {
		return 1
	}
	return cmp.Compare(lo, mb)
}
