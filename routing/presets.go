package routing

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// Document numbers of the two presets and of the national rule they lean on.
const (
	docLuodong2019 = "罗政〔2019〕185号"  // 罗东镇全面推进全民参保计划实施方案
	docShiyan2023  = "石堰府发〔2023〕10号" // 石堰镇基本养老保险参保扩面工作方案
	// docResidentPension is 国务院关于建立统一的城乡居民基本养老保险制度的意见,
	// whose 四 sets the scope of 城乡居民基本养老保险: 年满16周岁（不含在校学生）.
	docResidentPension = "国发〔2014〕8号"
)

func date(y int, m time.Month, d int) eligibility.Date {
	t, err := eligibility.NewDate(y, m, d)
	if err != nil {
		// Only reached if a hard-coded preset date is wrong: a programming error.
		panic("routing: bad preset date: " + err.Error())
	}
	return t
}

func lu(clause string) Citation { return Citation{Document: docLuodong2019, Clause: clause} }
func sy(clause string) Citation { return Citation{Document: docShiyan2023, Clause: clause} }

var scopeCitation = Citation{Document: docResidentPension, Clause: "四"}

// setOf returns the set of the given values (see [vocab.SetOf]).
func setOf[E vocab.Enum[E]](es ...E) vocab.Set[E] { return vocab.SetOf(es...) }

// onFacts is a condition on a resident's facts only.
func onFacts(c eligibility.Condition) Condition { return Condition{Condition: c} }

var (
	employed = setOf(eligibility.EmployedByUnit, eligibility.SmallBusinessEmployee)
	insured  = setOf(eligibility.SchemeEmployee, eligibility.SchemeResident, eligibility.SchemeOther)
	joins    = setOf(OutcomeEmployee, OutcomeResident)
	under16  = eligibility.AgeBand{Min: 0, Max: 15}
	from60   = eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}
)

// Luodong2019 returns the rulebook of 罗政〔2019〕185号 (罗东镇, 南安市, 福建省,
// issued 2019-07-18, in force until the end of 2020). Each call returns a
// fresh value.
//
// Rules, in the order they are tried:
//   - 二(二) (only 未参保人员 are routed): already insured → covered.
//   - 附件 (任务分解表 counts 16–59周岁): under 16 and 60 or over → not eligible;
//     国发〔2014〕8号 四: students (在校学生) → not eligible.
//   - 二(二)1: employed → 企业职工基本养老保险 through the employer.
//   - 二(二)3: 被征地农民 → 企业职工 as 灵活就业人员 with the contribution subsidy
//     (if unwilling: 城乡居民, as 二(二)2 says for everyone without an employer;
//     the fallback cites 二(二)2, since 二(二)3 names none).
//   - 二(二)2(1): men 45 and over, women 40 and over → 城乡居民.
//   - 二(二)2(2): men under 45, women under 40 → 企业职工 as 灵活就业人员; if
//     unwilling, 城乡居民 (the fallback).
//     二(二)2 speaks of 未就业; the preset applies it to everyone without an
//     employer to enrol them: the not employed, the self-employed, platform
//     workers, freelancers and residents whose employment is unknown.
//   - 二(三): 灵活就业 registers at the 市社会保险管理中心; 城乡居民 at the
//     resident's 村(社区).
//   - 三(一): every resident routed to a scheme is counted in the monthly bulletin.
//   - 三(二): milestones 80 % of the task by 2019-12-31, 100 % by 2020-12-31
//     (确保: requirements); the pace runs from the plan's issue, 2019-07-18.
//   - 三(一): the monthly bulletin (按月汇总、通报).
//
// Age lines: 二(二)2(1) says 男45周岁、女40周岁及以上 and 二(二)2(2) says
// 男45周岁、女40周岁以下. 以下 includes 45 (《民法典》第1259条), so the two
// bands overlap at 45 (and 40), and validation reports it as a warning; (1)
// claims the line age explicitly with 及以上, so the preset resolves the
// overlap (AtLine) to the older band: men 45 and women 40 go to 城乡居民.
func Luodong2019() Policy {
	return Policy{
		ID:           "luodong-2019",
		Version:      "1",
		Jurisdiction: "福建省南安市罗东镇",
		Document:     docLuodong2019,
		Title:        "罗东镇全面推进全民参保计划实施方案",
		Issued:       date(2019, time.July, 18),
		Effective:    Period{From: date(2019, time.July, 18), To: date(2020, time.December, 31)},
		AgeLines: AgeLines{
			Men: AgeLine{
				Younger: Bound{Age: 45, Inclusive: true}, Older: Bound{Age: 45, Inclusive: true},
				AtLine: BandOlder, Stated: "男45周岁以下 / 男45周岁及以上",
			},
			Women: AgeLine{
				Younger: Bound{Age: 40, Inclusive: true}, Older: Bound{Age: 40, Inclusive: true},
				AtLine: BandOlder, Stated: "女40周岁以下 / 女40周岁及以上",
			},
			Citation: lu("二(二)2"),
			Quotes:   []string{"男45周岁、女40周岁以下", "男45周岁、女40周岁及以上"},
			Note: "“以下”包括本数（《民法典》第1259条），故二(二)2(2)“男45周岁、女40周岁以下”与二(二)2(1)“及以上”" +
				"在男45周岁、女40周岁重叠；二(二)2(1)以“及以上”明确包含本数，本规则据此将男45周岁、女40周岁归城乡居民基本养老保险。",
			NoteEN: "以下 includes the number (民法典 第1259条), so 二(二)2(2)'s 以下 and 二(二)2(1)'s 及以上 overlap at 45 (men) " +
				"and 40 (women); 二(二)2(1) claims the line age explicitly with 及以上, so the preset resolves " +
				"men aged 45 and women aged 40 → 城乡居民.",
		},
		Rules: []Rule{
			{
				ID: "2.2.insured", Kind: KindRoute, When: onFacts(eligibility.Condition{Insured: insured}),
				Outcome: OutcomeCovered, Citation: lu("二(二)"),
				Quote:     "各村（居）根据未参保人员就业情况、年龄结构、经济能力、所属地区等情况分类引导其参加相应的基本养老保险",
				Summary:   "分类引导的对象是未参保人员；已参保的无需引导",
				SummaryEN: "only uninsured people are routed; the insured are already covered",
			},
			{
				ID: "scope.under-16", Kind: KindRoute, When: onFacts(eligibility.Condition{Ages: under16}),
				Outcome: OutcomeNotEligible, Citation: lu("附件"),
				Summary:   "任务分解表以16-59周岁人员为扩面对象，未满16周岁的不在其列",
				SummaryEN: "the task table counts people aged 16 to 59; under-16s are not targets",
			},
			{
				ID: "scope.student", Kind: KindRoute,
				When:    onFacts(eligibility.Condition{Employment: setOf(eligibility.Student)}),
				Outcome: OutcomeNotEligible, Citation: scopeCitation,
				Summary:   "城乡居民基本养老保险参保范围为年满16周岁（不含在校学生）的城乡居民",
				SummaryEN: "students (在校学生) are outside the scope of the residents' scheme",
			},
			{
				ID: "scope.60-and-over", Kind: KindRoute, When: onFacts(eligibility.Condition{Ages: from60}),
				Outcome: OutcomeNotEligible, Citation: lu("附件"),
				Summary:   "任务分解表以16-59周岁人员为扩面对象，60周岁及以上的不在其列",
				SummaryEN: "the task table counts people aged 16 to 59; people aged 60 or over are not targets",
			},
			{
				ID: "2.2.1", Kind: KindRoute, When: onFacts(eligibility.Condition{Employment: employed}),
				Outcome: OutcomeEmployee, Channel: ChannelEmployer, Citation: lu("二(二)1"),
				Quote:     "已就业的，由用人单位办理企业职工基本养老保险",
				Summary:   "已就业的，由用人单位办理企业职工基本养老保险",
				SummaryEN: "the employed are insured in the employees' scheme by their employer",
			},
			{
				ID: "2.2.3", Kind: KindRoute,
				When:    onFacts(eligibility.Condition{FlagsAny: eligibility.FlagLandAcquired}),
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback:         Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay},
				FallbackCitation: lu("二(二)2"),
				Citation:         lu("二(二)3"),
				Quote:            "引导有条件的被征地农民参加企业职工基本养老保险，并按有关规定给予参保缴费补贴",
				Summary:          "引导有条件的被征地农民参加企业职工基本养老保险，并按有关规定给予参保缴费补贴",
				SummaryEN: "land-acquired farmers are guided into the employees' scheme " +
					"with a contribution subsidy",
			},
			{
				ID: "2.2.2.1", Kind: KindRoute, When: Condition{Band: BandOlder},
				Outcome: OutcomeResident, Channel: ChannelSelfPay, Citation: lu("二(二)2(1)"),
				Quote:     "男45周岁、女40周岁及以上未参保对象，应引导参加城乡居民基本养老保险",
				Summary:   "男45周岁、女40周岁及以上未参保对象，应引导参加城乡居民基本养老保险",
				SummaryEN: "uninsured men aged 45 and over and women aged 40 and over join the residents' scheme",
			},
			{
				ID: "2.2.2.2", Kind: KindRoute, When: Condition{Band: BandYounger},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay},
				Citation: lu("二(二)2(2)"),
				Quote:    "男45周岁、女40周岁以下未参保对象，主要引导以灵活就业人员身份参保企业职工基本养老保险；不愿意参加企业职工基本养老保险的，应引导参加城乡居民基本养老保险",
				Summary: "男45周岁、女40周岁以下未参保对象，主要引导以灵活就业人员身份参保企业职工基本养老保险；" +
					"不愿意参加企业职工基本养老保险的，应引导参加城乡居民基本养老保险",
				SummaryEN: "uninsured men under 45 and women under 40 join the employees' scheme as flexibly " +
					"employed people; if unwilling, the residents' scheme",
			},
			{
				ID: "venue.employer", Kind: KindVenue,
				When:  Condition{Channel: setOf(ChannelEmployer)},
				Venue: VenueEmployer, Citation: lu("二(二)1"),
				Quote:     "由用人单位办理",
				Summary:   "由用人单位办理",
				SummaryEN: "the employer registers the employee",
			},
			{
				ID: "2.3.flexible", Kind: KindVenue,
				When:  Condition{Channel: setOf(ChannelFlexible)},
				Venue: VenueCityCentre, Citation: lu("二(三)"),
				Quote:     "以灵活就业人员身份参加企业职工基本养老保险的，到市社会保险管理中心办理参保登记",
				Summary:   "以灵活就业人员身份参加企业职工基本养老保险的，到市社会保险管理中心办理参保登记",
				SummaryEN: "flexibly employed people register at the city social-insurance centre",
			},
			{
				ID: "2.3.resident", Kind: KindVenue,
				When:  Condition{Outcome: setOf(OutcomeResident)},
				Venue: VenueVillage, Citation: lu("二(三)"),
				Quote:     "参加城乡居民基本养老保险的，可直接在所属村（社区）办理参保登记和选择缴费档次",
				Summary:   "参加城乡居民基本养老保险的，可直接在所属村（社区）办理参保登记和选择缴费档次",
				SummaryEN: "the residents' scheme is joined at the resident's village, choosing a contribution tier",
			},
			{
				ID: "2.2.3.subsidy", Kind: KindSubsidy,
				When: Condition{
					Condition: eligibility.Condition{FlagsAny: eligibility.FlagLandAcquired},
					Outcome:   setOf(OutcomeEmployee),
				},
				Subsidy: SubsidyLandAcquired, Citation: lu("二(二)3"),
				Quote:     "并按有关规定给予参保缴费补贴",
				Summary:   "被征地农民参加企业职工基本养老保险，按有关规定给予参保缴费补贴",
				SummaryEN: "land-acquired farmers joining the employees' scheme receive a contribution subsidy",
			},
			{
				ID: "3.1", Kind: KindAction, When: Condition{Outcome: joins},
				Action: ActionReportInBulletin, Citation: lu("三(一)"),
				Quote:     "镇劳保所按月汇总、通报上月各村（居）应扩面人数的完成情况",
				Summary:   "镇劳保所按月汇总、通报上月各村（居）应扩面人数的完成情况",
				SummaryEN: "the town labour office reports each village's progress every month",
			},
		},
		Baseline: date(2019, time.July, 18),
		Milestones: []Milestone{
			{By: date(2019, time.December, 31), Percent: 80, Citation: lu("三(二)")},
			{By: date(2020, time.December, 31), Percent: 100, Citation: lu("三(二)")},
		},
		Bulletin: lu("三(一)"),
	}
}

// Shiyan2023 returns the rulebook of 石堰府发〔2023〕10号 (石堰镇, 长寿区,
// 重庆市, issued 2023-03-17, for the campaign year 2023). Each call returns a
// fresh value. Its target groups are the eight of 二 and 三(二)2's 60+
// group (see the groups' keys in the policy's Groups).
//
// # Specific clauses and the age line: one principle
//
// 四(二) calls its age line a suggestion (动员参保建议: 男45岁以下、女40岁以下参加
// 城镇企业养老保险；男45岁以上、女40岁以上参加城乡居民养老保险). Where a group's own
// clause names the scheme for that group, the clause decides, at any age
// below the resident's statutory retirement age; 四(二) decides for everyone
// whose clause names no scheme, and gives the fallback of those who decline.
// Applied to every group:
//   - 二(一) (employed, 一(一) 督促用人单位守法参保) → 企业职工 through the employer.
//   - 二(二) (subsidy groups; 三(二)2 引导有缴费能力的人员参加城镇企业职工基本养老保险) →
//     企业职工 as 灵活就业人员, fallback 城乡居民 (二(二): 还未参加城乡居民基本养老保险的…).
//   - 二(三) (platform workers; 三(三) 动员引导新就业形态从业人员参加城镇企业职工基本养老保险)
//     → 企业职工 as 灵活就业人员, fallback 城乡居民 (uninsured) or staying covered
//     (already in 城乡居民).
//   - 二(四) (licensed freelancers; 宣传发动后愿意参加企业职工基本养老保险的人员) → the
//     same as 二(三).
//   - 二(五) (城乡富裕人员, 城乡居民 tier above 1000 元) → 企业职工, fallback staying
//     covered; under 60 only, as from 60 城乡居民 pays out and no tier is chosen.
//   - 二(六) (低保, 特困, 重度残疾; 三(二)2 代缴) → 城乡居民 with 代缴, whatever the
//     age line; those already in 城乡居民 stay covered and keep the 代缴
//     follow-up (ActionProxyPay).
//   - 二(七) (suspended elsewhere; 三(二)1 转移、接续) → transfer, in the scheme
//     already joined (企业职工 for another statutory scheme such as 机关事业).
//   - 三(二)2 60+ (补缴) → 城乡居民 by 补缴.
//   - 二(八) (other uninsured) → the age line: 城乡居民 at or above it, 企业职工 as
//     灵活就业人员 below it.
//
// Past the statutory retirement age a clause that names 企业职工 no longer
// applies (nobody starts contributing then), and the age line decides.
//
// # Rules, in the order they are tried
//
//   - 国发〔2014〕8号 四: under 16 and students → not eligible.
//   - 二(五), 三(二)1, then 三(三) and 二(四) for those already in 城乡居民.
//   - 二: other insured residents → covered (hardship residents in 城乡居民 keep
//     the 代缴 follow-up).
//   - 三(二)2: uninsured local residents aged 60 and over → 城乡居民 by 补缴;
//     other people aged 60 and over → not eligible.
//   - 二(一): employed by a unit or a small business → the employer. This
//     comes before 代缴: 三(二)2 pays for those "符合条件参加城乡居民基本养老保险",
//     and a person the employees' scheme covers is not (国发〔2014〕8号 四).
//   - 三(二)2 代缴; then 三(三), 二(四) and 三(二)2 for the uninsured of their
//     groups; then 四(二) for everyone else.
//   - 三(二)2: subsidies for 高校毕业生, 就业困难人员, 被征地人员, 在职村干部, 退捕渔民.
//   - 三(一): insured outside the city → collect the 市外参保证明.
//   - 四(二): cannot be found, or thought not local (觉得不是当地的群众) → verify the 户籍 at
//     the police station and note it in 《石堰镇各村养老保险扩面人员明细表》.
//   - 六(四): routed residents are counted in the regular bulletin.
//   - 四: phases 动员部署 (to 03-15), 重点攻坚 (03-16 to 09-30), 巩固提升
//     (10-01 to 12-31); milestones 100 % by 09-30 (四(二), 力争: an aim) and
//     by 12-31 (一(三): the requirement); the pace runs from the end of
//     动员部署, 2023-03-15; 六(四) asks for regular bulletins.
//
// 新征地 (二(二)) counts land taken from 2023-01-01 (see the group's
// land_acquired_since): the plan does not define "新", and the preset reads
// it as the campaign year.
//
// Age lines: 四(二) says 男45岁以下、女40岁以下 → 企业职工 and 男45岁以上、女40岁以上 →
// 城乡居民. Both include the line age (《民法典》第1259条), so the stated bands
// overlap at exactly 45 (men) and 40 (women). Validation reports the overlap
// ([CodeAgeOverlap], a warning); the preset resolves it as 45 → 城乡居民 for men
// and 40 → 城乡居民 for women, consistent with 罗政〔2019〕185号's 及以上.
func Shiyan2023() Policy {
	return Policy{
		ID:           "shiyan-2023",
		Version:      "1",
		Jurisdiction: "重庆市长寿区石堰镇",
		Document:     docShiyan2023,
		Title:        "石堰镇基本养老保险参保扩面工作方案",
		Issued:       date(2023, time.March, 17),
		Effective:    Period{From: date(2023, time.January, 1), To: date(2023, time.December, 31)},
		AgeLines: AgeLines{
			Men: AgeLine{
				Younger: Bound{Age: 45, Inclusive: true}, Older: Bound{Age: 45, Inclusive: true},
				AtLine: BandOlder, Stated: "男45岁以下 / 男45岁以上",
			},
			Women: AgeLine{
				Younger: Bound{Age: 40, Inclusive: true}, Older: Bound{Age: 40, Inclusive: true},
				AtLine: BandOlder, Stated: "女40岁以下 / 女40岁以上",
			},
			Citation: sy("四(二)"),
			Quotes:   []string{"男45岁以下、女40岁以下参加城镇企业养老保险", "男45岁以上、女40岁以上参加城乡居民养老保险"},
			Note: "“以上”“以下”均包括本数（《民法典》第1259条），原文“男45岁以下”与“男45岁以上”在45岁重叠、" +
				"“女40岁以下”与“女40岁以上”在40岁重叠；本规则将男45周岁、女40周岁归城乡居民基本养老保险，" +
				"与罗政〔2019〕185号“及以上”的表述一致。",
			NoteEN: "以下 and 以上 both include the number (民法典 第1259条): the stated bands overlap at 45 (men) " +
				"and 40 (women); the preset resolves 45 → 城乡居民 for men and 40 → 城乡居民 for women, " +
				"consistent with 罗政〔2019〕185号's 及以上.",
		},
		FemaleRetirementAge: 55,
		Groups:              shiyanGroups(),
		Rules: []Rule{
			{
				ID: "scope.under-16", Kind: KindRoute, When: onFacts(eligibility.Condition{Ages: under16}),
				Outcome: OutcomeNotEligible, Citation: scopeCitation,
				Summary:   "城乡居民基本养老保险参保范围为年满16周岁（不含在校学生）的城乡居民",
				SummaryEN: "people under 16 are outside the scope of basic pension insurance",
			},
			{
				ID: "scope.student", Kind: KindRoute,
				When:    onFacts(eligibility.Condition{Employment: setOf(eligibility.Student)}),
				Outcome: OutcomeNotEligible, Citation: scopeCitation,
				Summary:   "城乡居民基本养老保险参保范围为年满16周岁（不含在校学生）的城乡居民",
				SummaryEN: "students (在校学生) are outside the scope of the residents' scheme",
			},
			{
				ID: "2.5", Kind: KindRoute,
				When: Condition{GroupsAny: []string{"affluent_resident"},
					Condition: eligibility.Condition{Ages: eligibility.AgeBand{Min: 0, Max: 59}, BelowRetirement: true}},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeCovered},
				Citation: sy("二(五)"),
				Quote:    "已参加城乡居民基本养老保险且缴费档次高于 1000 元的人员、镇街宣传发动后愿意参加企业职工基本养老保险的人员",
				Summary: "具备城镇职工养老保险缴费能力的城乡富裕人员（城乡居民缴费档次高于1000元），宣传发动后愿意参加企业职工基本养老保险；" +
					"60周岁以上的已到城乡居民养老保险待遇领取年龄、不再选择缴费档次，不在此列",
				SummaryEN: "affluent residents under 60 (residents' scheme, tier above 1000 yuan) are encouraged to move " +
					"to the employees' scheme; if unwilling they stay covered (from 60 the residents' scheme pays out and no tier is chosen)",
			},
			{
				ID: "3.2.1", Kind: KindRoute,
				When:    Condition{GroupsAny: []string{"suspended_elsewhere"}},
				Outcome: OutcomeExisting, Channel: ChannelTransfer, Citation: sy("三(二)1"),
				Quote:     "对在区外参保已暂停缴费的人员积极动员通过转移、接续等方式在本区参保",
				Summary:   "对在区外参保已暂停缴费的人员积极动员通过转移、接续等方式在本区参保",
				SummaryEN: "people insured outside the district with contributions suspended transfer and continue here",
			},
			{
				ID: "3.3.platform-resident", Kind: KindRoute,
				When: Condition{
					GroupsAny: []string{"platform_worker"},
					Condition: eligibility.Condition{Insured: setOf(eligibility.SchemeResident), BelowRetirement: true},
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeCovered},
				Citation: sy("三(三)"),
				Quote:    "动员引导新就业形态从业人员参加城镇企业职工基本养老保险",
				Summary:  "新就业形态从业人员已参加城乡居民基本养老保险、未达法定退休年龄的，动员转入城镇企业职工基本养老保险（三(三)专项条款，不论四(二)年龄线）；不愿意的维持原参保",
				SummaryEN: "platform workers already in the residents' scheme and below their statutory retirement age are encouraged to move " +
					"to the employees' scheme (三(三) is the group's own clause, whatever 四(二)'s age line); if unwilling they stay covered",
			},
			{
				ID: "2.4.freelancer-resident", Kind: KindRoute,
				When: Condition{
					GroupsAny: []string{"licensed_freelancer"},
					Condition: eligibility.Condition{Insured: setOf(eligibility.SchemeResident), BelowRetirement: true},
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeCovered},
				Citation: sy("二(四)"),
				Quote:    "宣传发动后愿意参加企业职工基本养老保险的人员",
				Summary:  "持证自由职业者已参加城乡居民基本养老保险、未达法定退休年龄的，宣传发动后愿意的转入企业职工基本养老保险（二(四)专项条款，不论四(二)年龄线）；不愿意的维持原参保",
				SummaryEN: "licensed freelancers already in the residents' scheme and below their statutory retirement age who are willing move " +
					"to the employees' scheme (二(四) is the group's own clause, whatever 四(二)'s age line); if unwilling they stay covered",
			},
			{
				ID: "2.insured", Kind: KindRoute, When: onFacts(eligibility.Condition{Insured: insured}),
				Outcome: OutcomeCovered, Citation: sy("二"),
				Summary:   "扩面重点是未参保人员；已参保的无需引导",
				SummaryEN: "the campaign targets uninsured people; the insured are already covered",
			},
			{
				ID: "3.2.2.back-pay", Kind: KindRoute,
				When:    Condition{GroupsAny: []string{"elderly_back_pay"}},
				Outcome: OutcomeResident, Channel: ChannelBackPay, Citation: sy("三(二)2"),
				Quote:     "动员60周岁以上超龄未参保的长寿户籍老年居民以补缴社会保险费的方式纳入城乡居民基本养老保险",
				Summary:   "动员60周岁以上超龄未参保的长寿户籍老年居民以补缴社会保险费的方式纳入城乡居民基本养老保险",
				SummaryEN: "uninsured local residents aged 60 and over join the residents' scheme by back-payment",
			},
			{
				ID: "3.2.2.over-60", Kind: KindRoute, When: onFacts(eligibility.Condition{Ages: from60}),
				Outcome: OutcomeNotEligible, Citation: sy("三(二)2"),
				Summary:   "补缴政策只适用于长寿户籍老年居民；其他60周岁以上未参保人员不是本镇扩面对象",
				SummaryEN: "back-payment is for local (长寿) residents only; others aged 60 and over are not targets here",
			},
			{
				ID: "2.1", Kind: KindRoute, When: onFacts(eligibility.Condition{Employment: employed}),
				Outcome: OutcomeEmployee, Channel: ChannelEmployer, Citation: sy("二(一)"),
				Quote:     "与劳动合同备案数据比对的未参保人员",
				Summary:   "个体工商户、小微企业等未参保市场主体及与劳动合同备案数据比对的未参保人员，由用人单位办理企业职工基本养老保险（已就业的不属于“符合条件参加城乡居民基本养老保险”的代缴对象，故先于三(二)2适用）",
				SummaryEN: "uninsured employees of units and small businesses join the employees' scheme through their employer (the employed are not “eligible for the residents' scheme”, so this comes before 三(二)2's 代缴)",
			},
			{
				ID: "3.2.2.proxy-pay", Kind: KindRoute, When: Condition{GroupsAny: []string{"hardship"}},
				Outcome: OutcomeResident, Channel: ChannelProxyPay, Citation: sy("三(二)2"),
				Quote:     "对符合条件参加城乡居民基本养老保险的低保对象、特困人员、重度残疾人员等困难群体，按政策要求为其代缴城乡居民基本养老保险费",
				Summary:   "对符合条件参加城乡居民基本养老保险的低保对象、特困人员、重度残疾人员等困难群体，按政策要求为其代缴城乡居民基本养老保险费（专项政策，先于四(二)的年龄建议）",
				SummaryEN: "for 低保, 特困 and severely disabled people eligible for the residents' scheme the government pays its contributions (a specific policy, before 四(二)'s age suggestion)",
			},
			{
				ID: "3.3.platform", Kind: KindRoute,
				When: Condition{
					GroupsAny: []string{"platform_worker"},
					Condition: eligibility.Condition{BelowRetirement: true},
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay}, FallbackCitation: sy("四(二)"),
				Citation: sy("三(三)"),
				Quote:    "动员引导新就业形态从业人员参加城镇企业职工基本养老保险",
				Summary:  "未参保的新就业形态从业人员、未达法定退休年龄的，以灵活就业人员身份参加城镇企业职工基本养老保险（三(三)专项条款，不论四(二)年龄线）；不愿意的参加城乡居民基本养老保险",
				SummaryEN: "uninsured platform workers below their statutory retirement age join the employees' scheme as flexibly employed people " +
					"(三(三) is the group's own clause, whatever 四(二)'s age line); if unwilling, the residents' scheme",
			},
			{
				ID: "2.4.freelancer", Kind: KindRoute,
				When: Condition{
					GroupsAny: []string{"licensed_freelancer"},
					Condition: eligibility.Condition{BelowRetirement: true},
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay}, FallbackCitation: sy("四(二)"),
				Citation: sy("二(四)"),
				Quote:    "宣传发动后愿意参加企业职工基本养老保险的人员",
				Summary:  "未参保的持证自由职业者、未达法定退休年龄的，宣传发动后愿意的参加企业职工基本养老保险（二(四)专项条款，不论四(二)年龄线）；不愿意的参加城乡居民基本养老保险",
				SummaryEN: "uninsured licensed freelancers below their statutory retirement age who are willing join the employees' scheme " +
					"(二(四) is the group's own clause, whatever 四(二)'s age line); if unwilling, the residents' scheme",
			},
			{
				ID: "3.2.2.subsidy-employee", Kind: KindRoute,
				When: Condition{
					GroupsAny: []string{"subsidy_eligible"},
					Condition: eligibility.Condition{BelowRetirement: true},
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay}, FallbackCitation: sy("二(二)"),
				Citation: sy("三(二)2"),
				Quote:    "引导有缴费能力的人员参加城镇企业职工基本养老保险并持续缴费",
				Summary:  "符合参保缴费补贴政策的人员、未达法定退休年龄的，引导有缴费能力的以灵活就业人员身份参加城镇企业职工基本养老保险（三(二)2专项条款，不论四(二)年龄线）；缴费能力不足或不愿意的参加城乡居民基本养老保险（二(二)：还未参加城乡居民基本养老保险的新征地人员等）",
				SummaryEN: "people eligible for contribution subsidies below their statutory retirement age who can pay join the employees' scheme " +
					"as flexibly employed people (三(二)2 is the group's own clause, whatever 四(二)'s age line); otherwise the residents' scheme",
			},
			{
				ID: "4.2.older", Kind: KindRoute, When: Condition{Band: BandOlder},
				Outcome: OutcomeResident, Channel: ChannelSelfPay, Citation: sy("四(二)"),
				Quote:     "男45岁以上、女40岁以上参加城乡居民养老保险",
				Summary:   "男45岁以上、女40岁以上参加城乡居民养老保险",
				SummaryEN: "men aged 45 and over and women aged 40 and over join the residents' scheme",
			},
			{
				ID: "4.2.younger", Kind: KindRoute, When: Condition{Band: BandYounger},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible, Citation: sy("四(二)"),
				Quote:     "男45岁以下、女40岁以下参加城镇企业养老保险",
				Summary:   "男45岁以下、女40岁以下参加城镇企业养老保险",
				SummaryEN: "men under 45 and women under 40 join the employees' scheme",
			},
			{
				ID: "venue.employer", Kind: KindVenue,
				When:  Condition{Channel: setOf(ChannelEmployer)},
				Venue: VenueEmployer, Citation: sy("一(一)"),
				Quote:     "督促用人单位守法参保",
				Summary:   "督促用人单位守法参保",
				SummaryEN: "employers are required to insure their employees",
			},
			subsidyRule("3.2.2.college-graduate", eligibility.FlagCollegeGraduate, SubsidyCollegeGraduate,
				"落实对高校毕业生的社会保险补贴政策", "college graduates receive the social-insurance subsidy"),
			subsidyRule("3.2.2.employment-difficulty", eligibility.FlagEmploymentDifficulty, SubsidyEmploymentDifficulty,
				"落实对就业困难人员的社会保险补贴政策", "people with employment difficulty receive the social-insurance subsidy"),
			subsidyRule("3.2.2.land-acquired", eligibility.FlagLandAcquired, SubsidyLandAcquired,
				"落实被征地人员参加基本养老保险缴费补贴政策", "land-acquired residents receive the contribution subsidy"),
			subsidyRule("3.2.2.village-cadre", eligibility.FlagVillageCadre, SubsidyVillageCadre,
				"落实在职村干部参加基本养老保险缴费补贴政策", "serving village cadres receive the contribution subsidy"),
			subsidyRule("3.2.2.retired-fisher", eligibility.FlagRetiredFisher, SubsidyRetiredFisher,
				"落实退捕渔民参加基本养老保险缴费补贴政策", "retired fishers receive the contribution subsidy"),
			{
				ID: "3.1.proof", Kind: KindAction,
				When:   onFacts(eligibility.Condition{Insured: insured, Location: setOf(eligibility.OutsideCity)}),
				Action: ActionCollectProof, Citation: sy("三(一)"),
				Quote:     "对市外参保的，各村（社区）应搜集市外参保证明，存档备查",
				Summary:   "对市外参保的，各村（社区）应搜集市外参保证明，存档备查",
				SummaryEN: "for people insured outside the city, the village collects and files the proof",
			},
			{
				ID: "4.2.verify-hukou", Kind: KindAction,
				When:   onFacts(eligibility.Condition{Contact: setOf(eligibility.ContactNotFound, eligibility.ContactNotLocal)}),
				Action: ActionVerifyHukou, Citation: sy("四(二)"),
				Quote:     "对于村组找不到人、联系不上、觉得不是当地的群众、核查人员无信息的建议到派出所核实真实的户籍地",
				Summary:   "对于村组找不到人、联系不上、觉得不是当地的群众、核查人员无信息的建议到派出所核实真实的户籍地",
				SummaryEN: "people who cannot be found or reached, whom the village thinks are not local, or of whom the checkers have no information: verify the 户籍 at the police station",
			},
			{
				ID: "4.2.note-in-roster", Kind: KindAction,
				When:   onFacts(eligibility.Condition{Contact: setOf(eligibility.ContactNotFound, eligibility.ContactNotLocal)}),
				Action: ActionNoteInRoster, Citation: sy("四(二)"),
				Quote:     "并备注在《石堰镇各村养老保险扩面人员明细表》上",
				Summary:   "核实情况备注在《石堰镇各村养老保险扩面人员明细表》上",
				SummaryEN: "the result of the check is noted in 《石堰镇各村养老保险扩面人员明细表》",
			},
			{
				ID: "3.2.2.proxy-pay-enrolled", Kind: KindAction,
				When: Condition{
					GroupsAny: []string{"hardship"},
					Condition: eligibility.Condition{Insured: setOf(eligibility.SchemeResident)},
				},
				Action: ActionProxyPay, Citation: sy("三(二)2"),
				Quote:     "按政策要求为其代缴城乡居民基本养老保险费",
				Summary:   "已参加城乡居民基本养老保险的低保对象、特困人员、重度残疾人员，在政策执行期间内继续由政府代缴城乡居民基本养老保险费",
				SummaryEN: "hardship residents already in the residents' scheme keep having their contributions paid by the government while the policy runs",
			},
			{
				ID: "6.4", Kind: KindAction, When: Condition{Outcome: joins},
				Action: ActionReportInBulletin, Citation: sy("六(四)"),
				Quote:     "建立工作定期通报机制，对基本养老保险参保护面工作进展情况进行通报",
				Summary:   "定期通报基本养老保险参保扩面工作进展情况",
				SummaryEN: "progress is reported in regular bulletins",
			},
		},
		Phases: []Phase{
			{Name: "动员部署阶段", NameEN: "mobilisation",
				Period: Period{From: date(2023, time.January, 1), To: date(2023, time.March, 15)}, Citation: sy("四(一)")},
			{Name: "重点攻坚阶段", NameEN: "main push",
				Period: Period{From: date(2023, time.March, 16), To: date(2023, time.September, 30)}, Citation: sy("四(二)")},
			{Name: "巩固提升阶段", NameEN: "consolidation",
				Period: Period{From: date(2023, time.October, 1), To: date(2023, time.December, 31)}, Citation: sy("四(三)")},
		},
		Baseline: date(2023, time.March, 15),
		Milestones: []Milestone{
			{By: date(2023, time.September, 30), Percent: 100, Aim: true, Citation: sy("四(二)")},
			{By: date(2023, time.December, 31), Percent: 100, Citation: sy("一(三)")},
		},
		Bulletin: sy("六(四)"),
	}
}

func subsidyRule(id string, flag eligibility.Flags, s Subsidy, zh, en string) Rule {
	quote := "落实被征地人员、在职村干部、退捕渔民等群体参加基本养老保险缴费补贴政策"
	if flag == eligibility.FlagCollegeGraduate || flag == eligibility.FlagEmploymentDifficulty {
		quote = "落实对高校毕业生、就业困难人员等群体的社会保险补贴政策"
	}
	return Rule{
		ID: id, Kind: KindSubsidy,
		When:    Condition{Condition: eligibility.Condition{FlagsAny: flag}, Outcome: joins},
		Subsidy: s, Citation: sy("三(二)2"), Quote: quote,
		Summary: zh, SummaryEN: en,
	}
}

// shiyanGroups are the target groups of 石堰府发〔2023〕10号 二 (the eight
// groups) and 三(二)2 (uninsured local residents aged 60 and over, 补缴).
// The document names the groups by example ("主要包括…"); the criteria chosen
// for each, from its text:
//
//   - 二(一) small_business: 个体工商户, 小微企业从业人员 or 单位就业 (the text
//     names "与劳动合同备案数据比对的未参保人员", people with a filed labour
//     contract and no insurance), and 未参保.
//   - 二(二) subsidy_eligible: flagged 被征地, 镇(街道)聘用, 村(社区)干部,
//     财政供养, 产业带头人 or 农村劳动力转移 (the list of 二(二)), or 退捕渔民,
//     高校毕业生 or 就业困难人员 (the other 参保缴费补贴 groups of 三(二)2), and not
//     yet insured ("还未参加城乡居民基本养老保险的").
//   - 二(三) platform_worker: a platform worker (any platform: the list
//     网约车、快递、外卖、同城货运 ends with 等), uninsured or in 城乡居民.
//   - 二(四) licensed_freelancer: a licensed freelancer, uninsured or in
//     城乡居民.
//   - 二(五) affluent_resident: in 城乡居民 with a tier strictly above 1000 元
//     ("缴费档次高于 1000 元"; 1000 itself is not above, 1000.01 is).
//   - 二(六) hardship: flagged 低保, 特困 or 重度残疾, uninsured or in 城乡居民
//     (三(二)2 pays the contributions of those who join, and keeps paying for
//     those already enrolled).
//   - 二(七) suspended_elsewhere: insured in any scheme, contributions
//     suspended, elsewhere in the city or outside the city, and 本区户籍.
//   - 二(八) other_uninsured: 未参保, aged 16 to 59 (the contribution ages of
//     城乡居民, 国发〔2014〕8号; 在校学生 excluded), in no other group (其他).
//   - 三(二)2 elderly_back_pay: 未参保, aged 60 or over (以上 includes 60),
//     本区户籍 (长寿户籍).
//
// newLandSince is the preset's cut-off of 新征地 (二(二) 新征地人员): land
// taken in the campaign year, from 2023-01-01. The plan does not define
// "新"; it sets its targets for 2023 (一(三) 到2023年末) and asks to find
// the newly land-acquired by comparing data, so the preset reads 新征地 as
// acquisitions of the campaign year; people whose land was taken earlier
// are found through the other groups (二(八) for the uninsured), and the
// 被征地 subsidy (三(二)2) does not depend on the date. A town whose 新征地
// has another meaning (a provincial policy's start date, say) sets
// groups[…].when.land_acquired_since in its policy file.
var newLandSince = date(2023, time.January, 1)

func shiyanGroups() []eligibility.GroupRule {
	uninsured := setOf(eligibility.SchemeNone)
	notEmployee := setOf(eligibility.SchemeNone, eligibility.SchemeResident)
	return []eligibility.GroupRule{
		{
			Key: "small_business", Short: "个体工商户和小微企业", Numeral: "一", Clause: "二(一)",
			Name: "个体工商户、小微企业等未参保市场主体", NameEN: "uninsured individual businesses and small enterprises",
			When: eligibility.Condition{
				Employment: setOf(eligibility.SelfEmployedBusiness, eligibility.SmallBusinessEmployee, eligibility.EmployedByUnit),
				Insured:    uninsured,
			},
		},
		{
			Key: "subsidy_eligible", Short: "补贴政策人员和财政供养人员", Numeral: "二", Clause: "二(二)",
			Name:   "新征地人员等符合享受政府参保缴费补贴政策人员及财政供养人员",
			NameEN: "people eligible for contribution subsidies (newly land-acquired and others) and fiscally supported staff",
			When: eligibility.Condition{
				FlagsAny: eligibility.FlagLandAcquired | eligibility.FlagTownshipHire | eligibility.FlagVillageCadre |
					eligibility.FlagFiscallySupported | eligibility.FlagIndustryLeader | eligibility.FlagRuralMigrantWorker |
					eligibility.FlagRetiredFisher | eligibility.FlagCollegeGraduate | eligibility.FlagEmploymentDifficulty,
				LandAcquiredSince: newLandSince,
				Insured:           uninsured,
			},
		},
		{
			Key: "platform_worker", Short: "新业态从业人员", Numeral: "三", Clause: "二(三)",
			Name: "依托平台企业就业的新业态从业人员", NameEN: "platform workers in new forms of employment",
			When: eligibility.Condition{Employment: setOf(eligibility.PlatformWorker), Insured: notEmployee},
		},
		{
			Key: "licensed_freelancer", Short: "持证自由职业者", Numeral: "四", Clause: "二(四)",
			Name: "持有执业资格许可证群体中的自由职业者", NameEN: "freelancers holding a practising licence",
			When: eligibility.Condition{Employment: setOf(eligibility.LicensedFreelancer), Insured: notEmployee},
		},
		{
			Key: "affluent_resident", Short: "城乡富裕人员", Numeral: "五", Clause: "二(五)",
			Name: "具备城镇职工养老保险缴费能力的城乡富裕人员", NameEN: "affluent residents able to pay into the employee scheme",
			When: eligibility.Condition{
				Insured:   setOf(eligibility.SchemeResident),
				TierAbove: decimal.NewNullDecimal(decimal.New(1000, 0)),
			},
		},
		{
			Key: "hardship", Short: "缴费困难群体", Numeral: "六", Clause: "二(六)",
			Name:   "低保对象、特困人员、重度残疾人员等缴费困难群体",
			NameEN: "people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)",
			When: eligibility.Condition{
				FlagsAny: eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty | eligibility.FlagSevereDisability,
				Insured:  notEmployee,
			},
		},
		{
			Key: "suspended_elsewhere", Short: "区外参保暂停缴费人员", Numeral: "七", Clause: "二(七)",
			Name: "区外已参保且属于暂停缴费的人员", NameEN: "insured outside the district with contributions suspended",
			When: eligibility.Condition{
				Insured:  setOf(eligibility.SchemeEmployee, eligibility.SchemeResident, eligibility.SchemeOther),
				Status:   setOf(eligibility.StatusSuspended),
				Location: setOf(eligibility.ElsewhereInCity, eligibility.OutsideCity),
				Hukou:    eligibility.HukouLocal,
			},
		},
		{
			Key: "other_uninsured", Short: "其他应参未参人员", Numeral: "八", Clause: "二(八)",
			Name: "其他符合参保条件的应参未参人员", NameEN: "other people who should be insured and are not",
			When: eligibility.Condition{
				Employment: setOf(eligibility.EmploymentUnknown, eligibility.EmployedByUnit, eligibility.SelfEmployedBusiness,
					eligibility.SmallBusinessEmployee, eligibility.PlatformWorker, eligibility.LicensedFreelancer, eligibility.NotEmployed),
				Insured: uninsured,
				Ages:    eligibility.AgeBand{Min: 16, Max: 59},
			},
			Residual: true,
		},
		{
			Key: "elderly_back_pay", Short: "60周岁以上补缴人员", Clause: "三(二)2",
			Name: "60周岁以上超龄未参保的长寿户籍老年居民", NameEN: "uninsured local (长寿) residents aged 60 or over (back payment)",
			When: eligibility.Condition{Insured: uninsured, Ages: from60, Hukou: eligibility.HukouLocal},
		},
	}
}
