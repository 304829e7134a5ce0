package eligibility

// RetirementClass is a statutory retirement-age class (法定退休年龄类别) of
// the decision of 2024-09-13 on gradually raising the statutory retirement
// age (全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定, in force
// 2025-01-01) and its annex 国务院关于渐进式延迟法定退休年龄的办法 第一条.
type RetirementClass uint8

// The retirement classes. The zero value is RetirementUnknown, for which
// [RetirementDate] returns the zero Date.
const (
	RetirementUnknown RetirementClass = iota
	// Male60: men, original age 60, raised to 63 by one month for every
	// four months of birth from 1965-01 (原法定退休年龄六十周岁的男职工).
	Male60
	// Female55: women of original age 55 (women cadres, 女干部), raised to
	// 58 by one month for every four months of birth from 1970-01.
	Female55
	// Female50: women of original age 50 (women workers, 女工人), raised to
	// 55 by one month for every two months of birth from 1975-01.
	Female50
)

// retirementRule: base age in years, first delayed birth month, months of
// birth per month of delay, and the cap on delay months.
type retirementRule struct {
	baseYears, fromYear, per, maxDelay int
}

func (c RetirementClass) rule() (retirementRule, bool) {
	switch c {
	case Male60:
		return retirementRule{60, 1965, 4, 36}, true
	case Female55:
		return retirementRule{55, 1970, 4, 36}, true
	case Female50:
		return retirementRule{50, 1975, 2, 60}, true
	}
	return retirementRule{}, false
}

// delayMonths returns the delay in months for a person born in year y, month
// m (1..12).
func (r retirementRule) delayMonths(y, m int) int {
	idx := (y-r.fromYear)*12 + m - 1 // months of birth since the first delayed month
	if idx < 0 {
		return 0
	}
	return min(r.maxDelay, idx/r.per+1)
}

// RetirementAge returns the statutory retirement age of a person of class c
// born on birth, as years and months: 60 and 1 for a man born in 1965-01,
// 63 and 0 for a man born in 1976-09 or later. Only the birth month matters.
// It returns 0, 0 for an unset birth or RetirementUnknown.
//
// The delay is one month for every four months of birth (every two months for
// [Female50]) counted from the first cohort, whose members are delayed by one
// month: a man born 1965-01..1965-04 retires at 60 years 1 month, 1965-05..08
// at 60 years 2 months, and so on until the cap of 36 months (60 for
// Female50) — 国务院关于渐进式延迟法定退休年龄的办法 第一条 and its 附件 tables.
func RetirementAge(birth Date, c RetirementClass) (years, months int) {
	r, ok := c.rule()
	if !ok || birth.IsZero() {
		return 0, 0
	}
	total := r.baseYears*12 + r.delayMonths(birth.Year(), int(birth.Month()))
	return total / 12, total % 12
}

// RetirementDate returns the day a person of class c born on birth reaches
// the statutory retirement age of [RetirementAge] (改革后退休时间).
//
// The decision and its tables fix the retirement month (e.g. a man born in
// 1965-01 retires in 2025-02). Day rule: the day of the month of the birth
// date; when the retirement month has no such day, its last day, as
// [Date.AddMonths] clamps (a man born 1965-01-31 retires 2025-02-28, in the
// month the table names). For a 29 February birth whose retirement falls in
// February of a common year this is 28 February, one day before [AgeOn]
// counts the birthday as reached (1 March); the month, which is what the
// pension office uses (benefits start the month after), is the published one.
//
// It returns the zero Date for an unset birth or RetirementUnknown. For a
// birth after about 9936 the date would fall after 9999-12-31, the last day
// a [Date] holds, and RetirementDate returns 9999-12-31 ([Date.AddMonths]
// saturates); [RetirementAge] is exact for every birth date.
func RetirementDate(birth Date, c RetirementClass) Date {
	y, m := RetirementAge(birth, c)
	if y == 0 {
		return Date{}
	}
	return birth.AddMonths(y*12 + m)
}

// RetirementClassOf returns the class that applies to a person of gender g
// when a woman's original retirement age is female (55 or 50): Male60 for
// men, Female55 or Female50 for women, RetirementUnknown when g is unknown or
// female is neither 55 nor 50.
func RetirementClassOf(g Gender, female int) RetirementClass {
	switch {
	case g == Male:
		return Male60
	case g == Female && female == 55:
		return Female55
	case g == Female && female == 50:
		return Female50
	}
	return RetirementUnknown
}

// MinContributionMonths returns the minimum number of months of
// contributions for a monthly basic pension (按月领取基本养老金最低缴费年限)
// for a person retiring in retirementYear: 180 (15 years) through 2029; from
// 2030 six months more each year (2030: 186, 2031: 192, …), reaching and
// staying at 240 (20 years) from 2039 (国务院关于渐进式延迟法定退休年龄的办法
// 第二条).
func MinContributionMonths(retirementYear int) int {
	if retirementYear <= 2029 {
		return 180
	}
	if retirementYear >= 2039 {
		return 240
	}
	return 180 + 6*(retirementYear-2029)
}
