package eligibility

import (
	"math/bits"

	"golang.org/x/text/language"
)

// What the external tests (package eligibility_test) check of the
// conditions a rule applied, which the package keeps to itself.

type Check = check

const (
	CheckEmployment = checkEmployment
	CheckPlatform   = checkPlatform
	CheckFlags      = checkFlags
	CheckScheme     = checkScheme
	CheckStatus     = checkStatus
	CheckLocation   = checkLocation
	CheckHukou      = checkHukou
	CheckAge        = checkAge
	CheckRetirement = checkRetirement
	CheckTier       = checkTier
	CheckResidual   = checkResidual
	CheckContact    = checkContact
)

// Checks returns the conditions the rule behind r applied.
func (r Reason) Checks() check { return r.checks }

// MatchChecks is Match returning the conditions applied.
func (c *Condition) MatchChecks(r *Resident, asOf Date, age int, femaleRetirementAge int) (check, bool) {
	return c.match(r, asOf, age, femaleRetirementAge)
}

// BaseAge returns the original statutory retirement age of c (60, 55 or
// 50), or 0.
func (c RetirementClass) BaseAge() int {
	r, _ := c.rule()
	return r.baseYears
}

// Sequence returns the 3-digit sequence code (顺序码) of id, or -1.
func (id IDNumber) Sequence() int {
	if id.IsZero() {
		return -1
	}
	return int(id.b[14]-'0')*100 + int(id.b[15]-'0')*10 + int(id.b[16]-'0')
}

// DaysSinceEpoch returns the day number of d (1970-01-01 is 0), for the
// tests that check the calendar against package time.
func (d Date) DaysSinceEpoch() int { return d.days() }

// IsValid reports whether g can name a group.
func (g Group) IsValid() bool { return g.valid() }

// NumFlags is the number of defined flags.
const NumFlags = numFlags

// ParseFlag returns the single flag whose key, label or alias is s.
func ParseFlag(s string) (Flags, bool) { return parseFlag(s) }

// Label gives the tests of every enumeration the same shape.
func (h HukouCondition) Label(t language.Tag) string { return hukouVocab.Label(h, t) }

// Label gives the tests of every enumeration the same shape.
func (c RetirementClass) Label(t language.Tag) string { return retirementVocab.Label(c, t) }

// Len returns the number of groups in s.
func (s GroupSet) Len() int { return bits.OnesCount16(uint16(s &^ 1)) }
