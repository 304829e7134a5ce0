// Package allocation splits an integer target across units exactly: the
// apportionment of a 参保扩面 task to towns and villages, with integers and
// rationals only and never a float64.
//
// # Methods
//
// A [Method] says how quotas become integers. [HalfUp], [HalfEven], [Floor]
// and [Ceil] round each unit's quota on its own, as published tables do;
// their column need not add up to the target (see [Result.Diff]).
// [Hamilton] (largest remainder) and the divisor methods [DHondt]
// (Jefferson), [SainteLague] (Webster), [Adams], [Dean] and [HuntingtonHill]
// always give exactly the target. [ParseMethod] reads the names used on
// command lines (half-up, hamilton, dhondt or jefferson, …).
//
// # Apportion
//
// [Apportion] takes the total, the [Unit]s (name, weight, optional bounds)
// and a method, and returns a [Result]: per unit a [Share] with the exact
// [Quota] (total·weight/Σweight, printable at any scale with
// [Quota.StringFixed]), the allocation and how it was rounded ([Rounding]);
// for the whole the sum and the target. Divisor methods start near the answer
// (Pukelsheim's jump-start) and finish with a heap; priorities are compared by
// cross-multiplication in 128- and 256-bit integers, including Dean's harmonic
// and Huntington-Hill's geometric signposts.
//
// # Ties
//
// When units with equal claims compete for fewer seats, Apportion returns a
// [*TieError] (errors.Is(err, [ErrTie])) that says which units tie for how
// many seats. [WithTieRule] settles ties by a documented [TieRule] instead,
// and the [Result] lists each settled [Tie].
//
// # Bounds
//
// [Unit.Min] and [Unit.Max] bound a unit's allocation; the usual maximum is
// the unit's unenrolled headcount. Hamilton fixes units whose quota falls
// outside their bounds at the bound and re-apportions the rest; divisor
// methods use the bounded divisor rule a = clamp(round(w/D)); independent
// rounding clamps each cell and reports it ([AtMin], [AtMax]). Infeasible
// bounds give a [*BoundsError].
//
// # Derived columns and audit
//
// [Derive] applies a [Rate] ("0.8", "80%", "4/5", see [ParseRate]) to the
// unrounded quotas of a result and rounds only at the end: this is how the
// 2019任务数 column of 罗政〔2019〕185号 is made. [AuditColumn] holds a published
// [Column] against a rule and lists every differing cell and the footing of
// the stated total; [Changes] lists what another method would change.
//
// # The 罗东 table
//
// 罗政〔2019〕185号 splits the town's 9777 across 14 villages in proportion to
// their 未参保人数 (15733 in all), each cell rounded half up, and takes 80 %
// of the unrounded shares for 2019. Every published cell matches; the 应扩面
// cells sum to 9778 against the stated 9777, the 2019 cells to 7821 against
// the stated 7822; Hamilton would change only 新明村, 1349 → 1348.
//
// # Errors
//
// Every failure is a typed error wrapping a sentinel: [*InputError],
// [*BoundsError], [*TooFewSeatsError], [*TieError], [*ParseError].
package allocation
