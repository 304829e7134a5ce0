package eligibility

import (
	"cmp"
	"iter"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Reason says why a resident is in a group: the group, the rulebook's
// citation and the facts that met each of its conditions. It is a small
// value of numbers, enums and the rulebook's own strings; its sentence is
// rendered only when asked ([Reason.Text]).
type Reason struct {
	Group    Group  // the group the reason is for
	Key      string // the group's key, e.g. "hardship"
	Numeral  string // the group's ordinal in the document, e.g. 六
	Name     string // the group's name in Chinese
	NameEN   string // the group's name in English
	Document string // e.g. "石堰府发〔2023〕10号"
	Clause   string // e.g. "二(五)"
	checks   check  // the conditions the rule applied; Text states the facts behind each

	Age        int     // age in 周岁 on the as-of date (-1 unknown)
	Ages       AgeBand // the rule's band (checkAge)
	Retirement Date    // statutory retirement date (checkRetirement)

	Employment EmploymentKind // the resident's (checkEmployment)
	Platform   PlatformKind   // the resident's (checkPlatform)
	Flags      Flags          // the resident's flags among those the rule names (checkFlags)
	// LandAcquiredOn and LandAcquiredSince are the resident's 征地日期 and
	// the rule's 新征地 cut-off, when the rule counted FlagLandAcquired
	// under a cut-off (checkFlags).
	LandAcquiredOn, LandAcquiredSince Date

	Scheme   Scheme            // the resident's (checkScheme; SchemeNone = 未参保)
	Status   InsuranceStatus   // the resident's (checkStatus)
	Location InsuranceLocation // the resident's (checkLocation)
	Contact  ContactStatus     // the resident's (checkContact)
	Local    bool              // 本区户籍 (checkHukou)

	Tier      decimal.Decimal // the resident's tier (checkTier)
	TierAbove decimal.Decimal // the rule's threshold (checkTier)
}

// Classification is the result of [Rulebook.Classify]: every target group the
// resident is in, each with its [Reason]. It is a small fixed-size value (no
// slices): it keeps the conditions each group applied and the facts they
// read, and builds a Reason only when asked, from the rulebook that
// classified (which must not be modified while the Classification is in
// use).
type Classification struct {
	Groups GroupSet // every group the resident is in
	AsOf   Date     // the as-of date of the classification
	Age    int      // age in 周岁 on AsOf, -1 when the birth date is unknown

	rb     *Rulebook
	checks [MaxGroups]check // the conditions each group of Groups applied
	facts  reasonFacts
}

// reasonFacts are the facts of the resident a Reason reports.
type reasonFacts struct {
	employment EmploymentKind
	platform   PlatformKind
	scheme     Scheme
	status     InsuranceStatus
	location   InsuranceLocation
	contact    ContactStatus
	local      bool
	gender     Gender
	birth      Date
	flags      Flags
	landOn     Date
	tier       decimal.Decimal
}

// Reason returns the reason the resident is in group g, and false when the
// resident is not in g.
func (c *Classification) Reason(g Group) (Reason, bool) {
	if !c.Groups.Has(g) || c.rb == nil || int(g) > len(c.rb.Groups) {
		return Reason{}, false
	}
	rule := &c.rb.Groups[g-1]
	f := &c.facts
	checks := c.checks[g-1]
	rs := Reason{
		Group:      g,
		Key:        rule.Key,
		Numeral:    rule.Numeral,
		Name:       rule.Name,
		NameEN:     rule.NameEN,
		Document:   c.rb.Document,
		Clause:     rule.Clause,
		checks:     checks,
		Age:        c.Age,
		Employment: f.employment,
		Platform:   f.platform,
		Flags:      rule.When.flags(f.flags, f.landOn) & rule.When.FlagsAny,
		Scheme:     f.scheme,
		Status:     f.status,
		Location:   f.location,
		Contact:    f.contact,
		Local:      f.local,
	}
	if checks&checkFlags != 0 && rs.Flags&FlagLandAcquired != 0 && !rule.When.LandAcquiredSince.IsZero() {
		rs.LandAcquiredOn, rs.LandAcquiredSince = f.landOn, rule.When.LandAcquiredSince
	}
	if checks&checkAge != 0 {
		rs.Ages = rule.When.Ages
	}
	if checks&checkRetirement != 0 {
		rs.Retirement = RetirementDate(f.birth, RetirementClassOf(f.gender, c.rb.FemaleRetirementAge))
	}
	if checks&checkTier != 0 {
		rs.Tier, rs.TierAbove = f.tier, rule.When.TierAbove.Decimal
	}
	return rs, true
}

// Reasons returns the reasons of every group the resident is in, in group
// order.
func (c *Classification) Reasons() iter.Seq[Reason] {
	return func(yield func(Reason) bool) {
		// A flat loop over the bits: ranging over c.Groups.All() here would
		// move c to the heap.
		for v := uint16(c.Groups &^ 1); v != 0; v &= v - 1 {
			if rs, ok := c.Reason(Group(bits.TrailingZeros16(v))); ok && !yield(rs) {
				return
			}
		}
	}
}

// Classify returns every target group of the rulebook that resident r is in
// on the date asOf, each with the facts and the clause that put them there.
//
// Ages are in 周岁 on asOf ([AgeOn]) from r.EffectiveBirth(); gender is
// r.EffectiveGender(). Groups are evaluated in order; residual groups (其他)
// match only when no other group did. It does not validate the rulebook
// (call [Rulebook.Validate] once after building one) and does not allocate.
// The Classification refers to rb for its reasons.
func (rb *Rulebook) Classify(r Resident, asOf Date) (c Classification) {
	rb.ClassifyInto(&c, &r, asOf)
	return c
}

// ClassifyInto is [Rulebook.Classify] writing its result into *c instead of
// returning it: afterwards *c equals what Classify(*r, asOf) returns,
// whatever *c held before. It reads *r and does not change it, and does
// not allocate.
func (rb *Rulebook) ClassifyInto(c *Classification, r *Resident, asOf Date) {
	birth, gender := effectiveBirth(r), effectiveGender(r)
	c.Groups, c.AsOf, c.rb = 0, asOf, rb
	c.Age = AgeOn(birth, asOf)
	c.checks = [MaxGroups]check{}
	c.facts = reasonFacts{
		employment: r.Employment.Kind, platform: r.Employment.Platform,
		scheme: r.Insurance.Scheme, status: r.Insurance.Status, location: r.Insurance.Location,
		contact: r.Contact, local: r.Hukou.Local, gender: gender, birth: birth,
		flags: r.Flags, landOn: r.LandAcquiredOn, tier: r.ResidentTier,
	}
	n := min(len(rb.Groups), MaxGroups)
	for pass := 0; pass < 2; pass++ {
		if pass == 1 && !c.Groups.IsEmpty() {
			break // residual groups match only when nothing else did
		}
		for i := 0; i < n; i++ {
			rule := &rb.Groups[i]
			if rule.Residual != (pass == 1) {
				continue
			}
			checks, ok := rule.When.match(r, asOf, c.Age, rb.FemaleRetirementAge)
			if !ok {
				continue
			}
			if rule.Residual {
				checks |= checkResidual
			}
			c.Groups = c.Groups.With(Group(i + 1))
			c.checks[i] = checks
		}
	}
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
