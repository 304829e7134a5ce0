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
// Err says what is wrong ([ErrIDCheck] and its siblings, also with
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
// other.
//
// Each enumeration ([Gender], [EmploymentKind], [PlatformKind], [Scheme],
// [InsuranceStatus], [InsuranceLocation], [ContactStatus], [HukouCondition],
// [RetirementClass]) has one [Vocabulary], returned by its Vocabulary method:
// a [Term] per value with its key, Chinese and English labels and the other
// words rosters and the plans use for it (the Go identifiers of earlier
// releases, such as EmployedByUnit, among them). String and MarshalText give
// the key ("employed_by_unit", "resident", "male60"); Label gives the Chinese
// label for a zh language tag and the English one otherwise; UnmarshalText
// and [Vocabulary.Parse] accept the key, either label or any alias, and
// refuse anything else with a [*TextError] that quotes a masked input. The
// roster reader, policy files and policy test cases read the same tables.
// [Set] is a set of values of one enumeration ([Enum]), written in JSON as a
// list of keys. [Flags] are written as keys joined by "|" (String) or as a
// list of keys (JSON), and read with [ParseFlags]; [FlagTerms] is their
// vocabulary. An [AgeBand] is written "16-59", "60+" or "45".
//
// # Target groups
//
// Target groups (扩面重点人群) are data, not code. A [Rulebook] holds the
// groups of one document in the document's order, each a [GroupRule]: a
// stable key ("hardship"), the document's ordinal and clause, the names in
// Chinese and English, the [Condition] that puts a resident in the group, and
// whether the group is residual (其他: it holds only when no other group of
// the rulebook does). A [Group] is a position in [Rulebook.Groups] and means
// something only with its rulebook: [Rulebook.Lookup] finds a group by key,
// [Rulebook.Group] gives its definition, a [GroupSet] holds several (at most
// [MaxGroups]) and [Rulebook.Keys] and [Rulebook.Labels] name them.
// [Rulebook.Validate] checks a rulebook once after it is built or loaded
// ([*RulebookError]).
//
// [Condition] is the one condition language of kuomian, used by target
// groups and by the routing rules of a policy alike: a conjunction of tests
// on employment kinds, platform kinds, flags, schemes, statuses, locations,
// contact status, 户籍, age band, below statutory retirement age and a tier
// strictly above a threshold, a zero field placing no condition.
// [Condition.Match] applies one to a resident.
//
// This package defines no town's groups. The nine groups of 石堰府发〔2023〕10号
// (the eight of 二 and the 60+ uninsured local residents of 三(二)2) are part
// of package routing's preset [github.com/canbao/kuomian/routing.Shiyan2023],
// whose Rulebook method returns them; a town's variant is a modified copy, or
// groups of its own in its policy file. The period in which a plan applies
// belongs to the policy too: a Rulebook applies its conditions to whatever
// as-of date it is given.
//
// [Rulebook.Classify] returns a [Classification]: every group the resident is
// in with a [Reason] each — the group's key and names, the clause cited and
// the facts that met each condition, as numbers and enums. It does not
// allocate ([Rulebook.ClassifyInto] also reuses the caller's
// Classification); a reason becomes a sentence only when asked, in Chinese or
// English ([Reason.Text]):
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
