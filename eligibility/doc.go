// Package eligibility turns a roster row about one person into typed facts —
// civil dates, a checked identity number, age in 周岁, statutory retirement —
// and says which target groups (扩面重点人群) of an enrollment-expansion
// campaign the person is in, and why, citing the clause.
//
// It imports no other package of the module and never reads the clock:
// every rule takes its as-of date explicitly.
//
// # Dates
//
// [Date] is a civil date (公历日期) with no time zone: a 4-byte comparable
// value whose zero value means "unset". [ParseDate] reads 2006-01-02 and
// 20060102; [Date.String] writes 2006-01-02 and [Date.Compact] 20060102.
// [Date.AddDays], [Date.AddMonths] and [Date.AddYears] do calendar
// arithmetic; months clamp to the month end (2023-01-31 + 1 month =
// 2023-02-28). [Date.DaysSince] and [Date.MonthsSince] measure spans. Dates
// marshal as text, so they fit JSON and CSV directly.
//
// # Identity numbers
//
// [IDNumber] is a 公民身份号码 of GB 11643-1999, stored in 18 bytes and
// comparable. [ParseIDNumber] checks the length, the characters, the address
// code, the birth date and the ISO 7064 MOD 11-2 check character; it accepts
// a lowercase x, full-width digits and surrounding spaces, and upgrades
// 15-digit numbers of GB 11643-1989 by inserting 19 and computing the check.
// It does not allocate on success. The address code must start with a
// province-level code (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71) or be
// 810000, 820000 or 830000 (residence permits of Hong Kong, Macao and Taiwan
// residents); foreign permanent residence ID cards (starting with 9) are not
// 公民身份号码 and are refused. A refused number gives an [*IDError] whose
// [IDErrorKind] says what is wrong ([ErrIDCheck] and its siblings work with
// errors.Is) and whose message carries only a masked form, never more than
// the first 6 and last 4 characters, nothing of an input shorter than 15
// characters, and never a copy of a long input. [CheckCharacter] computes
// the check character of 17 digits. [IDNumber.Masked] gives
// 110105********002X for display; [IDNumber.BirthDate] and [IDNumber.Gender]
// read the number.
//
// # Ages and retirement
//
// [AgeOn] gives the age in 周岁 on a date: a person reaches age n on the n-th
// birthday, and a person born on 29 February reaches it on 1 March in a
// common year (see [AgeOn] for the reasoning); it is -1 when a date is unset
// or asOf is before the birth. [AgeBand] is an inclusive range such as the
// 罗东 table's 16-59周岁; a band with Max [MaxAge] has no upper bound
// (60周岁以上).
//
// [RetirementAge] and [RetirementDate] apply the decision of the NPC Standing
// Committee of 2024-09-13 on gradually raising the statutory retirement age
// (in force 2025-01-01) for the classes [Male60], [Female55] and [Female50]:
// men from 60 to 63 and women of original age 55 to 58 by one month for every
// four months of birth from 1965-01 and 1970-01, women of original age 50 to
// 55 by one month for every two months of birth from 1975-01. The results
// agree, month for month, with the three 对照表 annexed to the decision's
// 办法 (附件1-3): a man born in 1965-01 retires at 60岁1个月 in 2025-02, one
// born in 1976-09 or later at 63; women of original age 55 reach 58 from
// births in 1981-09, women of original age 50 reach 55 from births in
// 1984-11. [RetirementDate] keeps the day of the month of the birth date
// (the last day of a shorter month). [MinContributionMonths] gives the
// minimum contribution for a monthly pension by retirement year: 180 months
// to 2029, then 6 more a year from 2030 (2030: 186) up to 240 from 2039.
//
// # Residents
//
// [Resident] holds the facts a roster gives: identity number, name, gender,
// birth date, 户籍 ([Hukou]), [Employment], [Insurance], the 城乡居民
// contribution tier as a decimal, identity [Flags] (低保, 特困, 被征地, …) and
// the [ContactStatus]. [Resident.EffectiveGender] and
// [Resident.EffectiveBirth] fall back to the identity number;
// [Resident.Validate] reports facts that are out of range or contradict each
// other. Every enumeration has String (its Go name) and Label (Chinese for a
// zh language tag, English otherwise).
//
// # Target groups
//
// [Group] names the eight groups of 石堰府发〔2023〕10号 二 and the 60+
// uninsured local residents of 三(二)2 ([GroupElderlyBackPay]); a [GroupSet]
// holds several. The criteria are values in a [Rulebook]: an effective-dated
// list of [Rule] values, each a conjunction of conditions on the facts
// (employment kinds, flags, schemes, statuses, locations, 户籍, age band,
// below retirement, tier strictly above a threshold, residual). [Shiyan2023]
// returns the 石堰 preset and documents the criteria chosen for each group; a
// town's variant is a modified copy, not new code. [Rulebook.Validate] checks
// one once. A rulebook applies only within its period: [Shiyan2023] covers the
// campaign year 2023 (the plan's target is "到2023年末"), and Classify refuses
// an as-of date outside it with [ErrNotInEffect] rather than apply a 2023
// campaign's rules to 2024; a later campaign on the same rules is a copy with
// new ValidFrom and ValidTo.
//
// [Rulebook.Classify] returns a [Classification]: every group the resident is
// in with a [Reason] each — the clause cited and the facts that met each
// condition, as numbers and enums. It does not allocate
// ([Rulebook.ClassifyInto] also reuses the caller's Classification); a reason becomes a
// sentence only when asked, in Chinese or English ([Reason.Text]):
//
//	属于石堰府发〔2023〕10号 二(五)「具备城镇职工养老保险缴费能力的城乡富裕人员」：已参加城乡居民基本养老保险，缴费档次1000.01元，高于1000元。
//
// Boundaries follow the documents exactly: 以上 and 以下 include the number
// (60周岁以上 includes 60), and 高于1000元 excludes 1000 itself.
//
// # Errors
//
// Every error is a pointer to an exported type with fields ([*DateError],
// [*IDError], [*RulebookError], [*ResidentError], [*TextError]) that unwraps
// to a sentinel listed beside it. No error message contains a full identity
// number.
package eligibility
