// Package allocation splits an integer target across units exactly — the
// apportionment of a 参保扩面 task to towns and villages — with integers and
// rationals only, never a float64.
//
// # Methods
//
// A [Method] says how exact quotas become integers:
//
//   - [HalfUp] (四舍五入), [HalfEven], [Floor] and [Ceil] round each unit's
//     quota on its own, as published tables do. Their column need not add up
//     to the target; [Result.Diff] says by how much it misses.
//   - [Hamilton] (largest remainder, Hare-Niemeyer, 最大余额法) gives every
//     unit the floor of its quota and the seats left to the largest
//     remainders. It keeps the sum and the quota rule, but not house
//     monotonicity (the Alabama paradox).
//   - The divisor methods [DHondt] (Jefferson), [SainteLague] (Webster),
//     [Adams], [Dean] and [HuntingtonHill] give a unit with a seats its next
//     seat with priority weight/d(a), with signposts d(a) = a+1, a+½, a,
//     2a(a+1)/(2a+1) and √(a(a+1)). They keep the sum and are house
//     monotone. Adams, Dean and Huntington-Hill have d(0) = 0 and so give
//     every unit of positive weight a first seat.
//
// The package's tests hold the methods against published results:
// Huntington-Hill reproduces the U.S. House apportionments after the 2010 and
// 2020 censuses state by state, and the 2020 margins the Census Bureau
// announced (New York 89 residents short of Minnesota's 435th seat,
// Minnesota 26 above it); Sainte-Laguë the Bundestag's 598 regular seats of
// 2009; Hamilton those of 2005; D'Hondt (Jefferson) the House of 1792.
//
// [ParseMethod] reads the names used on command lines — half-up, half-even,
// floor, ceil, hamilton, dhondt (or jefferson), sainte-lague (or webster),
// adams, dean, huntington-hill — and [Method.String] writes them.
//
// # Apportion
//
// [Apportion] takes the total, the [Unit]s (name, weight, optional bounds) in
// any order and a method, and returns a [Result]: one [Share] per unit in
// input order with the exact [Quota] total·weight/Σweight, the allocation and
// its [Rounding] (up, down, exact, or set by a bound), and for the whole the
// exact target, the sum and the ties that a rule settled. Units are
// identified by position, so names may repeat.
//
// A Quota prints at any scale with correct rounding ([Quota.StringFixed]: the
// 荆坑村 quota 633·9777/15733 is "393.37" at two places), exactly as a fraction
// ([Quota.String]), or as a decimal.Decimal ([Quota.Decimal]).
//
// All comparisons are exact: quotas by 128-bit cross-multiplication, divisor
// priorities by 256-bit products (Dean's harmonic means as fractions,
// Huntington-Hill's geometric means by comparing squares). Divisor methods
// start from Pukelsheim's jump-start divisor (total plus or minus half the
// number of units, over the weights) and finish with a heap, so their cost
// grows with the number of units, not the total: 100,000 units and a total of
// 10,000,000 take tens of milliseconds.
//
// # Ties
//
// Units with equal claims to fewer seats than there are units tie: with
// weights 1, 1, 1 and 10 seats, three units tie for the last seat. Apportion
// never breaks a tie silently. By default it returns a [*TieError]
// (errors.Is(err, [ErrTie])) carrying the [Tie] and the partial allocation;
// with [WithTieRule] a documented [TieRule] — [TieByOrder], [TieByWeight],
// [TieByName] — settles it, and [Result.Ties] records which units won.
//
// # Bounds
//
// [Unit.Min] and [Unit.Max] (with [Unit.HasMax]) bound a unit's allocation;
// the usual maximum is the unit's unenrolled headcount. Each method applies
// them as it defines them:
//
//   - Hamilton finds the bounded quotas — the λ with Σ clamp(λ·weight, min,
//     max) = total, by fixing units whose quota falls outside their bounds at
//     the bound and re-apportioning the rest — and then takes floors and
//     largest remainders.
//   - Divisor methods use the bounded rule a = clamp(round(weight/D), min,
//     max) with one divisor D for all units.
//   - Independent rounding rounds, then clamps each cell ([AtMin], [AtMax]).
//
// For the methods that keep the sum, units of zero weight get exactly their
// lower bound, and bounds that cannot be met give a [*BoundsError]
// ([ErrInfeasible]): lower bounds summing above the total, or a total above
// what the units of positive weight can take.
//
// # Derived columns
//
// [Derive] multiplies the unrounded quotas of a result by a [Rate] and rounds
// only at the end. [ParseRate] reads "0.8", "80%" or "4/5". The 2019年任务数
// column of 罗政〔2019〕185号 is made this way: round_half_up(未参保 × 9777 /
// 15733 × 0.8), which gives 荆坑村 315 (from 393.37 × 0.8 = 314.69) where
// rounding the rounded cell would give 314.
//
// # Audit
//
// [AuditColumn] holds a published [Column] (cells and stated total) against
// a rule (a Result) and returns a [ColumnAudit]: every cell that differs,
// expected against published, and the [Footing] of the stated total against
// the sum of the cells. [Foot] checks a column with no rule. [Changes] lists
// what another method would change, cell by cell.
//
// On the published 罗东 table (罗政〔2019〕185号 附件, 14 villages, 15733
// 未参保 in all) every 应扩面人数 cell matches HalfUp of 9777 and every
// 2019年任务数 cell matches Derive at 0.8; the 应扩面 cells sum to 9778
// against the stated 9777, the 2019 cells to 7821 against the stated 7822;
// Hamilton, which keeps the total, changes only 新明村, 1349 → 1348.
//
// # Hierarchy
//
// [ApportionTree] splits a district's target among towns ([Node]s) and each
// town's allocation among its villages, with the same method and options. A
// node with children and no stated weight weighs the sum of its children.
//
// # Timetables
//
// The package has no dates: a campaign's milestones and its pace (序时进度)
// belong to the plan, and live in package routing ([routing.Policy.Pace]),
// which derives each milestone's requirement exactly.
//
// # Edge cases
//
// Every edge case has a defined answer or a typed error: total 0 gives zeros
// (an empty result when there are no units); units of zero weight get
// nothing (or their lower bound); all weights zero — or no units at all —
// with something to share is [ErrZeroWeights]; negative numbers
// are [ErrNegative]; Adams, Dean and Huntington-Hill with seats to share but
// fewer than the units owed a first seat give a [*TooFewSeatsError]; sums
// beyond int64 give [ErrOverflow], never a wrong answer. Errors are
// [*InputError], [*BoundsError], [*TooFewSeatsError], [*TieError],
// [*TreeError] and [*ParseError], each wrapping one of the sentinel errors.
package allocation
