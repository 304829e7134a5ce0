package eligibility

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility/vocab"
)

// HukouCondition is a [Condition] on the resident's 户籍.
type HukouCondition uint8

// The 户籍 conditions.
const (
	HukouAny      HukouCondition = iota // no condition
	HukouLocal                          // 本区户籍 (Hukou.Local)
	HukouNonLocal                       // 非本区户籍
)

// Condition is the one condition language of kuomian: a conjunction of
// tests on a resident's facts. Target groups ([GroupRule]) and the routing
// rules of a policy both state their conditions with it. A zero field
// places no condition, so a condition states only what its clause says.
type Condition struct {
	Employment vocab.Set[EmploymentKind] `json:"employment,omitempty"` // 就业状况 is one of these
	Platforms  vocab.Set[PlatformKind]   `json:"platforms,omitempty"`  // 平台类型 is one of these
	FlagsAny   Flags                     `json:"flags_any,omitempty"`  // at least one of these 身份标记
	// LandAcquiredSince, when set, is the cut-off of 新征地 (newly
	// land-acquired): FlagLandAcquired counts toward FlagsAny only when the
	// land was taken on or after it (a resident whose 征地日期 is unknown
	// still counts, so that the township checks rather than loses them).
	LandAcquiredSince Date                         `json:"land_acquired_since,omitzero"`
	Insured           vocab.Set[Scheme]            `json:"insured,omitempty"`  // 参保险种 is one of these (none = 未参保)
	Status            vocab.Set[InsuranceStatus]   `json:"status,omitempty"`   // 缴费状态 is one of these
	Location          vocab.Set[InsuranceLocation] `json:"location,omitempty"` // 参保地 is one of these
	Contact           vocab.Set[ContactStatus]     `json:"contact,omitempty"`  // 联系状况 is one of these
	Hukou             HukouCondition               `json:"hukou,omitempty"`    // 户籍
	// Ages is the age band in 周岁 on the as-of date, written "16-59",
	// "60+" or "0-15"; the zero AgeBand places no condition. A resident
	// whose age is unknown fails any age condition.
	Ages AgeBand `json:"ages,omitzero"`
	// BelowRetirement requires the as-of date to be before the resident's
	// statutory retirement date ([RetirementDate]; women use the
	// rulebook's FemaleRetirementAge). Unknown gender or birth fails it.
	BelowRetirement bool `json:"below_retirement,omitempty"`
	// TierAbove, when Valid, requires a 城乡居民 contribution tier strictly
	// above it (高于: a tier equal to it does not count).
	TierAbove decimal.NullDecimal `json:"tier_above,omitzero"`
}

// check is a set of the conditions a [Condition] applied, recorded in a
// [Reason] so that it can say which facts put the resident in the group.
type check uint16

// The conditions, one per field of [Condition].
const (
	checkEmployment check = 1 << iota // Employment.Kind
	checkPlatform                     // Employment.Platform
	checkFlags                        // identity flags (身份标记)
	checkScheme                       // insurance scheme (or 未参保)
	checkStatus                       // contribution status
	checkLocation                     // where the insurance is held
	checkHukou                        // 户籍
	checkAge                          // age band
	checkRetirement                   // below statutory retirement age
	checkTier                         // 城乡居民 tier above a threshold
	checkResidual                     // in no other group
	checkContact                      // 联系状况
)

// Match reports whether resident r meets every test of c on asOf, given
// r's age in 周岁 on that day (-1 when unknown) and the original retirement
// age of women (55 or 50) for BelowRetirement. Gender and birth date are r's effective ones (stated, or read
// from the identity number). It does not allocate.
func (c *Condition) Match(r *Resident, asOf Date, age int, femaleRetirementAge int) bool {
	_, ok := c.match(r, asOf, age, femaleRetirementAge)
	return ok
}

// match is Match returning the tests it applied.
func (c *Condition) match(r *Resident, asOf Date, age int, femaleRetirementAge int) (check, bool) {
	var checks check
	if c.Employment != 0 {
		if !c.Employment.Has(r.Employment.Kind) {
			return 0, false
		}
		checks |= checkEmployment
	}
	if c.Platforms != 0 {
		if !c.Platforms.Has(r.Employment.Platform) {
			return 0, false
		}
		checks |= checkPlatform
	}
	if c.FlagsAny != 0 {
		if c.flags(r.Flags, r.LandAcquiredOn)&c.FlagsAny == 0 {
			return 0, false
		}
		checks |= checkFlags
	}
	if c.Insured != 0 {
		if !c.Insured.Has(r.Insurance.Scheme) {
			return 0, false
		}
		checks |= checkScheme
	}
	if c.Status != 0 {
		if !c.Status.Has(r.Insurance.Status) {
			return 0, false
		}
		checks |= checkStatus
	}
	if c.Location != 0 {
		if !c.Location.Has(r.Insurance.Location) {
			return 0, false
		}
		checks |= checkLocation
	}
	if c.Contact != 0 {
		if !c.Contact.Has(r.Contact) {
			return 0, false
		}
		checks |= checkContact
	}
	switch c.Hukou {
	case HukouLocal:
		if !r.Hukou.Local {
			return 0, false
		}
		checks |= checkHukou
	case HukouNonLocal:
		if r.Hukou.Local {
			return 0, false
		}
		checks |= checkHukou
	}
	if !c.Ages.IsZero() {
		if !c.Ages.Contains(age) {
			return 0, false
		}
		checks |= checkAge
	}
	if c.BelowRetirement {
		retire := RetirementDate(effectiveBirth(r), RetirementClassOf(effectiveGender(r), femaleRetirementAge))
		if retire.IsZero() || !asOf.Before(retire) {
			return 0, false
		}
		checks |= checkRetirement
	}
	if c.TierAbove.Valid {
		if !decimalGreater(r.ResidentTier, c.TierAbove.Decimal) {
			return 0, false
		}
		checks |= checkTier
	}
	return checks, true
}

// flags returns the flags of a resident that count for c: all of them,
// but FlagLandAcquired only for land taken on or after LandAcquiredSince.
func (c *Condition) flags(f Flags, landOn Date) Flags {
	if !c.LandAcquiredSince.IsZero() && !landOn.IsZero() && landOn.Before(c.LandAcquiredSince) {
		return f &^ FlagLandAcquired
	}
	return f
}

// Validate reports a condition that can never hold or cannot be read: an
// empty or negative age band, or a negative tier threshold.
func (c *Condition) Validate() error {
	if !c.Ages.IsZero() && (c.Ages.Min < 0 || c.Ages.Max < c.Ages.Min) {
		return errors.New("empty or negative age band " + c.Ages.String())
	}
	if c.TierAbove.Valid && c.TierAbove.Decimal.Sign() < 0 {
		return errors.New("negative tier threshold " + decimalText(c.TierAbove.Decimal))
	}
	return nil
}

// Rulebook is the target groups of one document: their definitions and
// criteria, in the document's order. It is plain data; a policy
// (package routing) carries one as its groups, so a town's plan brings its
// own groups as data, not code. A Rulebook is read, never written, by
// Classify: one value may serve any number of goroutines as long as no one
// modifies it meanwhile.
type Rulebook struct {
	Document string // the document the groups cite, e.g. 石堰府发〔2023〕10号
	// FemaleRetirementAge is the original retirement age (55 or 50) used
	// for women by conditions with BelowRetirement.
	FemaleRetirementAge int
	Groups              []GroupRule // at most MaxGroups
}

// These are the errors that can be returned in [RulebookError].Err.
var (
	ErrInvalidRulebook = errors.New("invalid rulebook")
	ErrGroupKey        = errors.New("group key missing, malformed or used twice")
	ErrTooManyGroups   = errors.New("more groups than MaxGroups")
)

// RulebookError reports a rulebook that cannot be used as it is.
type RulebookError struct {
	Group  int    // index of the offending group in Rulebook.Groups, or -1
	Key    string // its key
	Detail string // what is wrong, in words
	Err    error  // one of the sentinel errors above
}

// Error returns the message: the group, the sentinel and the detail.
func (e *RulebookError) Error() string {
	msg := "eligibility: rulebook"
	if e.Group >= 0 {
		msg += " groups[" + strconv.Itoa(e.Group) + "]"
		if e.Key != "" {
			msg += " (" + truncate(e.Key, 40) + ")"
		}
	}
	msg += ": " + e.Err.Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap returns e.Err.
func (e *RulebookError) Unwrap() error { return e.Err }

// Validate checks the rulebook and returns a [*RulebookError] for the first
// problem: more than [MaxGroups] groups, a key that is empty, not made of
// a-z, 0-9 and _, or used twice, a group without a name or clause, a
// FemaleRetirementAge other than 50 or 55 when a condition needs it, or a
// condition that cannot hold ([Condition.Validate]).
func (rb *Rulebook) Validate() error {
	if len(rb.Groups) > MaxGroups {
		return &RulebookError{Group: -1, Detail: strconv.Itoa(len(rb.Groups)) + " groups", Err: ErrTooManyGroups}
	}
	for i := range rb.Groups {
		g := &rb.Groups[i]
		fail := func(err error, detail string) error {
			return &RulebookError{Group: i, Key: g.Key, Detail: detail, Err: err}
		}
		if !validKey(g.Key) {
			return fail(ErrGroupKey, "keys are lower-case ASCII letters, digits and _")
		}
		if j, _ := rb.Lookup(g.Key); int(j) != i+1 {
			return fail(ErrGroupKey, "also groups["+strconv.Itoa(int(j)-1)+"]")
		}
		if g.Name == "" || g.Clause == "" {
			return fail(ErrInvalidRulebook, "a group needs a name and a clause")
		}
		if g.When.BelowRetirement && rb.FemaleRetirementAge != 55 && rb.FemaleRetirementAge != 50 {
			return fail(ErrInvalidRulebook, "FemaleRetirementAge must be 55 or 50, not "+strconv.Itoa(rb.FemaleRetirementAge))
		}
		if err := g.When.Validate(); err != nil {
			return fail(ErrInvalidRulebook, err.Error())
		}
	}
	return nil
}

func validKey(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
