package eligibility

import (
	"strconv"
	"strings"

	"github.com/canbao/kuomian/eligibility/vocab"
)

// AgeOn returns the age in 周岁 (completed years) of a person born on birth,
// on the day asOf: the number of birthdays that have come by asOf, the
// birthday itself included. A person born 2000-05-10 is 0 on 2001-05-09 and 1
// on 2001-05-10.
//
// 29 February: in a common year a person born on 29 February reaches the
// new age on 1 March, not on 28 February. Reasoning: 民法典 counts an age from
// the day of birth, and a year of life is complete only when the calendar has
// passed the date of birth; in a common year 28 February still comes before
// that point and 1 March is the first day after it. Statutes that settle the
// question expressly take the same day (e.g. Hong Kong's Age of Majority
// (Related Provisions) Ordinance, Cap. 410, s. 5); the other convention, 28
// February (which a period-end rule such as 民法典 第二百零二条's "没有对应日的，
// 月末日为期间的最后一日" suggests), would count a person n years old one day
// before n full calendar years have passed. The rule is also what comparing
// (month, day) pairs gives. Under it a person born 2000-02-29 is 22 on
// 2023-02-28, 23 on 2023-03-01, and 24 on 2024-02-29. [BirthdayOn] returns
// the day on which the age changes in a given year.
//
// AgeOn returns -1 when birth or asOf is unset or asOf is before birth. It is
// non-decreasing in asOf.
func AgeOn(birth, asOf Date) int {
	if birth.IsZero() || asOf.IsZero() || asOf.Before(birth) {
		return -1
	}
	age := asOf.Year() - birth.Year()
	// Compare month and day: the packed month<<5|day orders them, and
	// 02-28 < 02-29 < 03-01 gives the 1 March rule.
	if asOf.v&0x1FF < birth.v&0x1FF {
		age--
	}
	return age
}

// BirthdayOn returns the day in year on which a person born on birth reaches
// the age year−birth.Year() under the rule of [AgeOn] (1 March for a 29
// February birth in a common year). It returns the zero Date when birth is
// unset or year is outside 1..9999.
func BirthdayOn(birth Date, year int) Date {
	if birth.IsZero() || year < minYear || year > maxYear {
		return Date{}
	}
	m, d := int(birth.Month()), birth.Day()
	if m == 2 && d == 29 && !isLeap(year) {
		return pack(year, 3, 1)
	}
	return pack(year, m, d)
}

// AgeBand is an inclusive range of ages in 周岁, as the 罗东 table's
// 16-59周岁 counts (16 and 59 both inside). Max < Min makes an empty band.
type AgeBand struct {
	Min, Max int // 周岁, both inclusive; Max MaxAge means no upper bound
}

// MaxAge marks an open-ended [AgeBand]: use it as Max for "and above"
// (60周岁以上 is AgeBand{60, MaxAge}). A band whose Max is MaxAge or more has
// no upper bound at all, so that an implausible age (a birth date typed as
// 1023-05-01 gives 1000 周岁) still falls in 60周岁以上 rather than in no
// band; [Resident.Validate] is where implausible birth dates are reported.
const MaxAge = 200

// Contains reports whether Min <= age <= Max, with no upper bound when Max is
// [MaxAge] or more. A negative age (unknown) is in no band.
func (b AgeBand) Contains(age int) bool {
	return age >= 0 && age >= b.Min && (age <= b.Max || b.Max >= MaxAge)
}

// IsZero reports whether b is the zero AgeBand{0, 0}, which a [Rule] reads as
// "no age condition".
func (b AgeBand) IsZero() bool { return b == AgeBand{} }

// String returns the band as "16-59", or "60+" when Max is [MaxAge].
func (b AgeBand) String() string {
	if b.Max >= MaxAge {
		return strconv.Itoa(b.Min) + "+"
	}
	return strconv.Itoa(b.Min) + "-" + strconv.Itoa(b.Max)
}

// MarshalText returns [AgeBand.String].
func (b AgeBand) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads "16-59" (both ends inclusive), "60+" (no upper
// bound) or a single age "45"; the ages are whole numbers from 0 to
// [MaxAge]. "0" and "0-0" are refused: they would read as the zero band,
// which places no condition.
func (b *AgeBand) UnmarshalText(text []byte) error {
	s := string(text)
	bad := &vocab.TextError{Type: "age band", Input: truncate(s, 40)}
	num := func(t string) (int, bool) {
		n, err := strconv.Atoi(t)
		return n, err == nil && n >= 0 && n <= MaxAge && len(t) <= 3 && t[0] >= '0' && t[0] <= '9'
	}
	if t, ok := strings.CutSuffix(s, "+"); ok {
		n, ok := num(t)
		if !ok {
			return bad
		}
		*b = AgeBand{n, MaxAge}
		return nil
	}
	lo, hi, found := strings.Cut(s, "-")
	if !found {
		hi = lo
	}
	x, ok1 := num(lo)
	y, ok2 := num(hi)
	if !ok1 || !ok2 || y < x || x == 0 && y == 0 {
		return bad // 0-0 would be the zero band, which places no condition
	}
	*b = AgeBand{x, y}
	return nil
}
