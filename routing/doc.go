// Package routing decides where an enrollment-expansion campaign
// (基本养老保险参保扩面) sends one resident on one date — the scheme, the
// channel and the venue, the fallback if they decline, the subsidies and the
// follow-up actions — and cites the clause behind every reason.
//
// It builds on package eligibility (residents, civil dates, ages in 周岁,
// retirement ages, target groups) and knows nothing of quotas or report
// layouts.
//
// # Policies
//
// A [Policy] is a rulebook: one jurisdiction's rules for one effective
// period, with the document number, the age lines for men and women, the
// target groups it uses, the campaign's phases and milestones, and a list of
// [Rule] values, each carrying a [Citation] (document and clause). A policy
// is plain data. Take a preset, build one in Go, or load one from JSON with
// [LoadPolicy]; [EncodePolicy] writes the same format back, byte for byte
// (testdata/policies/ holds both presets as JSON).
//
// Loading is strict: an unknown or misspelt key, a duplicate key, an unknown
// name (scheme, channel, group, flag …) or one listed twice, a value of the
// wrong type, invalid UTF-8, more than [maxRules] rules, a file over
// [maxPolicyBytes] or trailing data is a *[LoadError] that names the path,
// the key and the known key it resembles:
//
//	routing: policy at rules[3].when: unknown key "bellow_age" (did you mean "below_age"?)
//
// Loading then validates the policy ([Validate]): the result is a list of
// typed [Finding] values (severity, code, path, message, citation). Findings
// of [SeverityError] — an inverted period, an age-line gap or overlap left
// unresolved, a rule that can never fire ([CodeNeverFires]: an empty age
// range, a band outside the age range, an earlier rule that matches
// everything it matches, an outcome no route rule yields), a group the
// policy does not declare, a rule whose fields do not fit its kind — make
// [LoadPolicy] and [Compile] fail with a *[ValidationError].
//
// Rules come in four kinds ([RuleKind]). Route rules are tried in order and
// the first that matches decides the [Outcome], the [Channel] and the
// fallback [Choice]; venue rules are tried in order for the first choice and
// again for the fallback and give the [Venue]; every matching subsidy rule
// adds a [Subsidy], every matching action rule an [Action]. A [Condition]
// tests the resident's employment, 户籍, age range, age band, insurance
// (scheme, status, location), flags, target groups and contact status, and —
// for venue, subsidy and action rules — the outcome and channel chosen.
//
// # The presets
//
// [Luodong2019] is 罗政〔2019〕185号, 罗东镇全面推进全民参保计划实施方案
// (福建省南安市罗东镇, 2019-07-18 to 2020-12-31):
//
//   - 附件 (the task table counts 16–59周岁): under 16 and 60 or over are not
//     targets; 国发〔2014〕8号 四: nor are students (在校学生).
//   - 二(二): only uninsured people are routed; the insured are covered.
//   - 二(二)1: employed → 企业职工基本养老保险 through the employer.
//   - 二(二)3: 被征地农民 → 企业职工 as 灵活就业人员 with the contribution subsidy.
//   - 二(二)2(1): not employed, men ≥ 45, women ≥ 40 → 城乡居民基本养老保险.
//   - 二(二)2(2): not employed, men < 45, women < 40 → 企业职工 as 灵活就业人员;
//     if unwilling, 城乡居民 (the fallback).
//   - 二(三): 灵活就业 registers at the 市社会保险管理中心, 城乡居民 at the
//     resident's 村(社区).
//   - 三(一): monthly bulletin; 三(二): 80 % of the task by 2019-12-31, 100 %
//     by 2020-12-31.
//
// [Shiyan2023] is 石堰府发〔2023〕10号, 石堰镇基本养老保险参保扩面工作方案
// (重庆市长寿区石堰镇, campaign year 2023), with the nine target groups of
// eligibility.Shiyan2023:
//
//   - 二(一)…二(八): the eight groups (个体工商户与小微企业, 补贴对象与财政供养,
//     新业态, 持证自由职业者, 城乡富裕人员 with a tier above 1000 元,
//     低保/特困/重度残疾, 区外已参保暂停缴费, 其他应参未参), reported in
//     [Decision.Groups] with the reason for each.
//   - 二(五): 城乡富裕人员 under 60 → 企业职工 as 灵活就业人员; if unwilling they
//     stay covered (from 60 the 城乡居民 scheme pays out: covered).
//   - 三(二)1: insured outside the district with contributions suspended →
//     转移接续 in the scheme already joined.
//   - 三(三), 二(四): platform workers and licensed freelancers already in
//     城乡居民, below the age line → 企业职工 as 灵活就业人员; if unwilling they
//     stay covered.
//   - 三(二)2: 60+ uninsured local residents → 城乡居民 by 补缴 (others aged 60
//     or over are not targets).
//   - 二(一) and 一(一): employed by a unit or small business → through the
//     employer, 低保 or not: 三(二)2 pays only for those "符合条件参加城乡居民",
//     which the employees' scheme excludes.
//   - 三(二)2: 低保/特困/重度残疾 otherwise → 城乡居民 with contributions paid by
//     the government (代缴), whatever their age line (a 低保对象 of 30 is not
//     sent to 企业职工 as 灵活就业人员); subsidies for 高校毕业生, 就业困难人员,
//     被征地人员, 在职村干部, 退捕渔民.
//   - 四(二): men below 45 / women below 40 → 企业职工 as 灵活就业人员, older →
//     城乡居民; people who cannot be found or whom the village thinks not local → verify
//     the 户籍 at the police station and note it in
//     《石堰镇各村养老保险扩面人员明细表》.
//   - 三(一): insured outside the city → collect the 市外参保证明.
//   - 四(一)–四(三): phases 动员部署 (to 03-15), 重点攻坚 (03-16 to 09-30),
//     巩固提升 (10-01 to 12-31); milestones 09-30 (四(二)) and 12-31 (一(三));
//     六(四): regular bulletin.
//
// # Age lines
//
// Chinese statutes count 以上 and 以下 as including the number itself
// (《民法典》第1259条). Each [AgeLine] records the two bands as the document
// states them ([Bound] with Inclusive) and, where they overlap or leave a
// gap at one age, which band that age belongs to (AtLine). 石堰's "男45岁以下
// … 男45岁以上" overlap at 45: validation reports [CodeAgeOverlap] as a
// warning, and the preset resolves 45 → 城乡居民 for men and 40 → 城乡居民 for
// women, consistent with 罗东's 及以上. 罗东's own "男45周岁、女40周岁以下" and
// "及以上" overlap the same way and are reported the same way; its (1) claims
// the line age explicitly with 及以上, so the preset resolves 45 and 40 to
// 城乡居民 there too.
//
// Why 45 and 40: 60−15 and 55−15, the last age at which a new contributor
// still reaches 15 years before retirement. [Policy.WithDerivedAgeLines]
// returns a copy (version suffixed "+derived-age-lines") that derives the
// line for each resident from eligibility.RetirementDate and
// eligibility.MinContributionMonths under the 2024 reform ([Retirement2024]);
// a preset never changes silently.
//
// # Routing
//
// [Compile] validates a policy and returns a [Router]; [Router.Route] routes
// one resident on one date without allocating (classification into target
// groups included) and is safe for concurrent use; [Router.RouteInto] fills
// a Decision the caller reuses, for loops over millions of rows. [Route]
// compiles and routes in one call. A [Decision] is a fixed-size value: outcome, channel,
// venue, fallback, subsidies, actions, groups, the campaign phase, the age
// and band, and up to [maxReasons] reasons. Its texts are rendered when
// asked: [Decision.Explain] gives the whole explanation in Chinese or
// English, [Decision.ReasonText] one reason, [Decision.Citations] the
// clauses.
//
// An as-of date outside the policy's effective period is a *[PeriodError]
// ([ErrOutsidePeriod]); facts that do not allow a decision give a
// *[FactError] ([ErrNoBirthDate], [ErrBornAfterAsOf], [ErrNoGender],
// [ErrNoRule]) whose message carries a masked identity number only.
//
// # Records
//
// [NewRecord] turns a decision into a [Record] for audit logs: versioned
// JSON ([RecordVersion]) with the policy's ID and version, the as-of date,
// the outcome, the reasons with their citations, and [FactsDigest] — the
// SHA-256 of [CanonicalFacts], the resident's routing facts in a documented
// canonical form. No name, identity number or birth date appears in a
// record. [EncodeRecord] writes it with a fixed field order.
//
// # Policy test cases
//
// [ParseCases] reads test cases written as "key: value" lines, in English or
// Chinese keys, so that a policy team can add cases without writing Go;
// [RunCases] routes them and reports each failed expectation readably
// ([CaseResult.String]). testdata/cases/ holds the cases of both presets:
// every clause is covered, with the boundaries (men 44/45/46 and women
// 39/40/41 on the day before, of and after the birthday, 29 February in
// leap and common years, the 16th and 60th birthdays, a 40th birthday on
// the first day of a phase, tiers 1000 and 1000.01, suspended in the
// district, elsewhere in the city and outside it, 低保 employed and not,
// not found at 65, facts read from the identity number, missing facts and
// dates outside the effective period).
//
// # Comparing policies
//
// [Compare] routes the same residents under two routers and lists the
// residents routed differently ([Difference], with the differing parts in
// [DiffField]); [Difference.Explain] says why, rule by rule.
package routing
