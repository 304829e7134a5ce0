package eligibility

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"
)

// Set is a small set of the values of one of this package's enumerations
// (EmploymentKind, PlatformKind, Scheme, InsuranceStatus,
// InsuranceLocation). The zero Set is empty; a [Rule] reads an empty Set as
// "any value".
type Set[E ~uint8] uint64

// SetOf returns the set of the given values (values of 64 or more are
// ignored).
func SetOf[E ~uint8](es ...E) Set[E] {
	var s Set[E]
	for _, e := range es {
		if e < 64 {
			s |= 1 << e
		}
	}
	return s
}

// Has reports whether e is in s.
func (s Set[E]) Has(e E) bool { return e < 64 && s&(1<<e) != 0 }

// IsEmpty reports whether s has no value.
func (s Set[E]) IsEmpty() bool { return s == 0 }

// HukouCondition is a [Rule]'s condition on the resident's 户籍.
type HukouCondition uint8

// The 户籍 conditions.
const (
	HukouAny      HukouCondition = iota // no condition
	HukouLocal                          // 本区户籍 (Hukou.Local)
	HukouNonLocal                       // 非本区户籍
)

// Rule is one target group's criteria in a [Rulebook]: a conjunction of
// conditions on a resident's facts. A zero field places no condition, so a
// rule states only what its clause says. A resident is in the rule's Group
// when every condition holds on the as-of date.
type Rule struct {
	Group  Group  // the target group the rule defines
	Clause string // the clause of the rulebook's Document, e.g. "二(三)"

	Employment Set[EmploymentKind]    // Employment.Kind is one of these
	Platforms  Set[PlatformKind]      // Employment.Platform is one of these
	AnyFlag    Flags                  // at least one of these flags is set
	Schemes    Set[Scheme]            // Insurance.Scheme is one of these (SchemeNone = 未参保)
	Statuses   Set[InsuranceStatus]   // Insurance.Status is one of these
	Locations  Set[InsuranceLocation] // Insurance.Location is one of these
	Hukou      HukouCondition         // 户籍 condition
	// Ages is the age band in 周岁 on the as-of date; the zero AgeBand
	// places no condition. A resident whose age is unknown fails any age
	// condition.
	Ages AgeBand
	// BelowRetirement requires the as-of date to be before the resident's
	// statutory retirement date ([RetirementDate]; women use the rulebook's
	// FemaleRetirementAge). Unknown gender or birth fails it.
	BelowRetirement bool
	// TierAbove, when Valid, requires a 城乡居民 contribution tier strictly
	// above TierAbove.Decimal (高于: a tier equal to it does not count).
	TierAbove decimal.NullDecimal
	// Residual makes the rule a catch-all (其他): it matches only when no
	// non-residual rule of the rulebook matched the resident.
	Residual bool
}

// Rulebook is an effective-dated set of target-group rules: the groups of one
// document for one period. It is a plain value. A town's variant of a plan is
// a new Rulebook (start from a preset such as [Shiyan2023], which returns a
// fresh copy, and change fields), not a change to code.
type Rulebook struct {
	ID       string // stable identifier, e.g. "shiyan-2023"
	Document string // the document the rules cite, e.g. "石堰府发〔2023〕10号"
	Title    string // the document's title

	// ValidFrom and ValidTo bound the as-of dates the rulebook applies to,
	// both inclusive. A zero ValidTo means open-ended.
	ValidFrom, ValidTo Date

	// FemaleRetirementAge is the original retirement age (55 or 50) used for
	// women by rules with BelowRetirement.
	FemaleRetirementAge int

	// Rules are evaluated in order. Several rules may name the same group:
	// the group matches when any does, and the first matching rule gives
	// the reason.
	Rules []Rule
}

// Shiyan2023 returns the target groups of 石堰府发〔2023〕10号 (石堰镇基本养老保险
// 参保扩面工作方案, 2023-03-17), section 二 and 三(二)2, for the campaign year
// 2023 (ValidFrom 2023-01-01, ValidTo 2023-12-31: the plan's 目标任务 is "到
// 2023 年末" and its phases run to 12-31). Each call returns a fresh value.
//
// The document names the groups by example ("主要包括…"); the criteria chosen
// for each, from its text:
//
//   - 二(一) GroupSmallBusiness: 个体工商户, 小微企业从业人员 or 单位就业
//     (employed by a unit: the text names "与劳动合同备案数据比对的未参保人员",
//     people with a filed labour contract and no insurance), and 未参保 (no
//     statutory scheme).
//   - 二(二) GroupSubsidyEligible: flagged 被征地, 镇(街道)聘用, 村(社区)干部,
//     财政供养, 产业带头人 or 农村劳动力转移 (the list of 二(二)), or 退捕渔民,
//     高校毕业生 or 就业困难人员 (the other 参保缴费补贴 groups that 三(二)2
//     names beside 被征地人员 and 在职村干部: "符合享受政府参保缴费补贴政策
//     人员" is the group's own definition), and not yet insured (the text says
//     "还未参加城乡居民基本养老保险的"; a person already in 企业职工 or another
//     statutory scheme is covered and not a target).
//   - 二(三) GroupPlatformWorker: a platform worker (any platform: the list
//     网约车、快递、外卖、同城货运 ends with 等), not yet in 企业职工 or another
//     employee-type scheme: uninsured or in 城乡居民 (三(三): 动员引导新就业形态
//     从业人员参加城镇企业职工基本养老保险).
//   - 二(四) GroupLicensedFreelancer: a licensed freelancer, uninsured or in
//     城乡居民 (the target is 企业职工).
//   - 二(五) GroupAffluentResident: in 城乡居民 with a tier strictly above
//     1000 元 ("缴费档次高于 1000 元"; 1000 itself is not above, 1000.01 is).
//   - 二(六) GroupHardship: flagged 低保, 特困 or 重度残疾, and 未参保 ("数据
//     比对的未参保人员").
//   - 二(七) GroupSuspendedElsewhere: insured in any scheme, contributions
//     suspended, insured elsewhere in the city or outside the city, and 本区
//     户籍 (both sub-cases of the text name 本区户籍人员).
//   - 二(八) GroupOtherUninsured: 未参保, aged 16 to 59 (the contribution
//     ages of 城乡居民, 国发〔2014〕8号, and the 16-59周岁 band of the 罗东
//     table: a woman of 57 past her own retirement age can still join
//     城乡居民; 在校学生 are excluded as 国发〔2014〕8号 excludes them), and in no
//     other group (其他). From 60 the 补缴 group takes over.
//   - 三(二)2 GroupElderlyBackPay: 未参保, aged 60 or over on the as-of date
//     (60周岁以上, inclusive as 以上 is in Chinese statutes), 本区户籍 (长寿户籍).
//
// FemaleRetirementAge is 55, the original age of women not in 工人 posts
// (女干部). Where women who contribute as 灵活就业人员 retire at the 女工人 age
// (practice differs between provinces), a variant sets it to 50.
//
// A Rulebook is read, never written, by Classify: one value may serve any
// number of goroutines as long as no one modifies it meanwhile.
func Shiyan2023() Rulebook {
	uninsured := SetOf(SchemeNone)
	notEmployee := SetOf(SchemeNone, SchemeResident)
	return Rulebook{
		ID:                  "shiyan-2023",
		Document:            "石堰府发〔2023〕10号",
		Title:               "石堰镇基本养老保险参保扩面工作方案",
		ValidFrom:           pack(2023, 1, 1),
		ValidTo:             pack(2023, 12, 31),
		FemaleRetirementAge: 55,
		Rules: []Rule{
			{
				Group: GroupSmallBusiness, Clause: "二(一)",
				Employment: SetOf(SelfEmployedBusiness, SmallBusinessEmployee, EmployedByUnit),
				Schemes:    uninsured,
			},
			{
				Group: GroupSubsidyEligible, Clause: "二(二)",
				AnyFlag: FlagLandAcquired | FlagTownshipHire | FlagVillageCadre |
					FlagFiscallySupported | FlagIndustryLeader | FlagRuralMigrantWorker |
					FlagRetiredFisher | FlagCollegeGraduate | FlagEmploymentDifficulty,
				Schemes: uninsured,
			},
			{
				Group: GroupPlatformWorker, Clause: "二(三)",
				Employment: SetOf(PlatformWorker),
				Schemes:    notEmployee,
			},
			{
				Group: GroupLicensedFreelancer, Clause: "二(四)",
				Employment: SetOf(LicensedFreelancer),
				Schemes:    notEmployee,
			},
			{
				Group: GroupAffluentResident, Clause: "二(五)",
				Schemes:   SetOf(SchemeResident),
				TierAbove: decimal.NewNullDecimal(decimal.New(1000, 0)),
			},
			{
				Group: GroupHardship, Clause: "二(六)",
				AnyFlag: FlagMinimumLiving | FlagExtremePoverty | FlagSevereDisability,
				Schemes: uninsured,
			},
			{
				Group: GroupSuspendedElsewhere, Clause: "二(七)",
				Schemes:   SetOf(SchemeEmployee, SchemeResident, SchemeOther),
				Statuses:  SetOf(StatusSuspended),
				Locations: SetOf(ElsewhereInCity, OutsideCity),
				Hukou:     HukouLocal,
			},
			{
				Group: GroupOtherUninsured, Clause: "二(八)",
				Employment: SetOf(EmploymentUnknown, EmployedByUnit, SelfEmployedBusiness,
					SmallBusinessEmployee, PlatformWorker, LicensedFreelancer, NotEmployed),
				Schemes:  uninsured,
				Ages:     AgeBand{16, 59},
				Residual: true,
			},
			{
				Group: GroupElderlyBackPay, Clause: "三(二)2",
				Schemes: uninsured,
				Ages:    AgeBand{60, MaxAge},
				Hukou:   HukouLocal,
			},
		},
	}
}

// InEffect reports whether the rulebook applies on d: d is set, not before
// ValidFrom and, when ValidTo is set, not after ValidTo.
func (rb *Rulebook) InEffect(d Date) bool {
	return !d.IsZero() && !d.Before(rb.ValidFrom) && (rb.ValidTo.IsZero() || !d.After(rb.ValidTo))
}

// These are the errors that can be returned in [RulebookError].Err.
var (
	ErrNotInEffect      = errors.New("as-of date outside the rulebook's period of validity")
	ErrInvalidRulebook  = errors.New("invalid rulebook")
	ErrEmptyRulebookID  = errors.New("rulebook has no ID")
	ErrInvalidRuleGroup = errors.New("rule has no valid group")
)

// RulebookError reports a rulebook that cannot be used as it is, or an as-of
// date it does not cover.
type RulebookError struct {
	Rulebook string // the rulebook's ID
	Rule     int    // index of the offending rule, or -1
	AsOf     Date   // the as-of date (ErrNotInEffect)
	Detail   string // what is wrong, in words
	Err      error  // one of the sentinel errors above
}

// Error returns the message: the rulebook, the rule index, the as-of date
// when set, the sentinel and the detail.
func (e *RulebookError) Error() string {
	msg := "eligibility: rulebook " + strconv.Quote(e.Rulebook)
	if e.Rule >= 0 {
		msg += " rule " + strconv.Itoa(e.Rule)
	}
	if !e.AsOf.IsZero() {
		msg += " on " + e.AsOf.String()
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
// problem: a missing ID, ValidTo before ValidFrom, a FemaleRetirementAge other
// than 50 or 55 when a rule needs it, a rule without a valid group, an age
// band with Max < Min or negative bounds, or a negative tier threshold.
func (rb *Rulebook) Validate() error {
	fail := func(i int, err error, detail string) error {
		return &RulebookError{Rulebook: rb.ID, Rule: i, Detail: detail, Err: err}
	}
	if rb.ID == "" {
		return fail(-1, ErrEmptyRulebookID, "")
	}
	if !rb.ValidTo.IsZero() && rb.ValidTo.Before(rb.ValidFrom) {
		return fail(-1, ErrInvalidRulebook, "ValidTo "+rb.ValidTo.String()+" is before ValidFrom "+rb.ValidFrom.String())
	}
	for i, r := range rb.Rules {
		if !r.Group.IsValid() {
			return fail(i, ErrInvalidRuleGroup, r.Group.String())
		}
		if !r.Ages.IsZero() && (r.Ages.Min < 0 || r.Ages.Max < r.Ages.Min) {
			return fail(i, ErrInvalidRulebook, "empty or negative age band "+r.Ages.String())
		}
		if r.BelowRetirement && rb.FemaleRetirementAge != 55 && rb.FemaleRetirementAge != 50 {
			return fail(i, ErrInvalidRulebook, "FemaleRetirementAge must be 55 or 50, not "+strconv.Itoa(rb.FemaleRetirementAge))
		}
		if r.TierAbove.Valid && r.TierAbove.Decimal.Sign() < 0 {
			return fail(i, ErrInvalidRulebook, "negative tier threshold "+decimalText(r.TierAbove.Decimal))
		}
	}
	return nil
}
