package routing

import (
	"time"

	"github.com/canbao/kuomian/eligibility"
)

// Document numbers of the two presets and of the national rule they lean on.
const (
	DocLuodong2019 = "罗政〔2019〕185号"  // 罗东镇全面推进全民参保计划实施方案
	DocShiyan2023  = "石堰府发〔2023〕10号" // 石堰镇基本养老保险参保扩面工作方案
	// DocResidentPension is 国务院关于建立统一的城乡居民基本养老保险制度的意见,
	// whose 四 sets the scope of 城乡居民基本养老保险: 年满16周岁（不含在校学生）.
	DocResidentPension = "国发〔2014〕8号"
)

func date(y int, m time.Month, d int) eligibility.Date {
	t, err := eligibility.NewDate(y, m, d)
	if err != nil {
		// Only reached if a hard-coded preset date is wrong: a programming error.
		panic("routing: bad preset date: " + err.Error())
	}
	return t
}

func lu(clause string) Citation { return Citation{Document: DocLuodong2019, Clause: clause} }
func sy(clause string) Citation { return Citation{Document: DocShiyan2023, Clause: clause} }

var scopeCitation = Citation{Document: DocResidentPension, Clause: "四"}

var (
	employed = EmploymentOf(eligibility.EmployedByUnit, eligibility.SmallBusinessEmployee)
	insured  = InsuredOf(eligibility.SchemeEmployee, eligibility.SchemeResident, eligibility.SchemeOther)
	joins    = OutcomesOf(OutcomeEmployee, OutcomeResident)
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
//   - 三(二): milestones 80 % of the task by 2019-12-31, 100 % by 2020-12-31.
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
		Document:     DocLuodong2019,
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
			Note: "“以下”包括本数（《民法典》第1259条），故二(二)2(2)“男45周岁、女40周岁以下”与二(二)2(1)“及以上”" +
				"在男45周岁、女40周岁重叠；二(二)2(1)以“及以上”明确包含本数，本规则据此将男45周岁、女40周岁归城乡居民基本养老保险。",
			NoteEN: "以下 includes the number (民法典 第1259条), so 二(二)2(2)'s 以下 and 二(二)2(1)'s 及以上 overlap at 45 (men) " +
				"and 40 (women); 二(二)2(1) claims the line age explicitly with 及以上, so the preset resolves " +
				"men aged 45 and women aged 40 → 城乡居民.",
		},
		Rules: []Rule{
			{
				ID: "2.2.insured", Kind: KindRoute, When: Condition{Insured: insured},
				Outcome: OutcomeCovered, Citation: lu("二(二)"),
				Summary:   "分类引导的对象是未参保人员；已参保的无需引导",
				SummaryEN: "only uninsured people are routed; the insured are already covered",
			},
			{
				ID: "scope.under-16", Kind: KindRoute, When: Condition{BelowAge: 16},
				Outcome: OutcomeNotEligible, Citation: lu("附件"),
				Summary:   "任务分解表以16-59周岁人员为扩面对象，未满16周岁的不在其列",
				SummaryEN: "the task table counts people aged 16 to 59; under-16s are not targets",
			},
			{
				ID: "scope.student", Kind: KindRoute,
				When:    Condition{Employment: EmploymentOf(eligibility.Student)},
				Outcome: OutcomeNotEligible, Citation: scopeCitation,
				Summary:   "城乡居民基本养老保险参保范围为年满16周岁（不含在校学生）的城乡居民",
				SummaryEN: "students (在校学生) are outside the scope of the residents' scheme",
			},
			{
				ID: "scope.60-and-over", Kind: KindRoute, When: Condition{FromAge: 60},
				Outcome: OutcomeNotEligible, Citation: lu("附件"),
				Summary:   "任务分解表以16-59周岁人员为扩面对象，60周岁及以上的不在其列",
				SummaryEN: "the task table counts people aged 16 to 59; people aged 60 or over are not targets",
			},
			{
				ID: "2.2.1", Kind: KindRoute, When: Condition{Employment: employed},
				Outcome: OutcomeEmployee, Channel: ChannelEmployer, Citation: lu("二(二)1"),
				Summary:   "已就业的，由用人单位办理企业职工基本养老保险",
				SummaryEN: "the employed are insured in the employees' scheme by their employer",
			},
			{
				ID: "2.2.3", Kind: KindRoute,
				When:    Condition{FlagsAny: FlagSet(eligibility.FlagLandAcquired)},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback:         Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay},
				FallbackCitation: lu("二(二)2"),
				Citation:         lu("二(二)3"),
				Summary:          "引导有条件的被征地农民参加企业职工基本养老保险，并按有关规定给予参保缴费补贴",
				SummaryEN: "land-acquired farmers are guided into the employees' scheme " +
					"with a contribution subsidy",
			},
			{
				ID: "2.2.2.1", Kind: KindRoute, When: Condition{Band: BandOlder},
				Outcome: OutcomeResident, Channel: ChannelSelfPay, Citation: lu("二(二)2(1)"),
				Summary:   "男45周岁、女40周岁及以上未参保对象，应引导参加城乡居民基本养老保险",
				SummaryEN: "uninsured men aged 45 and over and women aged 40 and over join the residents' scheme",
			},
			{
				ID: "2.2.2.2", Kind: KindRoute, When: Condition{Band: BandYounger},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeResident, Channel: ChannelSelfPay},
				Citation: lu("二(二)2(2)"),
				Summary: "男45周岁、女40周岁以下未参保对象，主要引导以灵活就业人员身份参保企业职工基本养老保险；" +
					"不愿意参加企业职工基本养老保险的，应引导参加城乡居民基本养老保险",
				SummaryEN: "uninsured men under 45 and women under 40 join the employees' scheme as flexibly " +
					"employed people; if unwilling, the residents' scheme",
			},
			{
				ID: "venue.employer", Kind: KindVenue,
				When:  Condition{Channel: ChannelsOf(ChannelEmployer)},
				Venue: VenueEmployer, Citation: lu("二(二)1"),
				Summary:   "由用人单位办理",
				SummaryEN: "the employer registers the employee",
			},
			{
				ID: "2.3.flexible", Kind: KindVenue,
				When:  Condition{Channel: ChannelsOf(ChannelFlexible)},
				Venue: VenueCityCentre, Citation: lu("二(三)"),
				Summary:   "以灵活就业人员身份参加企业职工基本养老保险的，到市社会保险管理中心办理参保登记",
				SummaryEN: "flexibly employed people register at the city social-insurance centre",
			},
			{
				ID: "2.3.resident", Kind: KindVenue,
				When:  Condition{Outcome: OutcomesOf(OutcomeResident)},
				Venue: VenueVillage, Citation: lu("二(三)"),
				Summary:   "参加城乡居民基本养老保险的，可直接在所属村（社区）办理参保登记和选择缴费档次",
				SummaryEN: "the residents' scheme is joined at the resident's village, choosing a contribution tier",
			},
			{
				ID: "2.2.3.subsidy", Kind: KindSubsidy,
				When: Condition{
					FlagsAny: FlagSet(eligibility.FlagLandAcquired),
					Outcome:  OutcomesOf(OutcomeEmployee),
				},
				Subsidy: SubsidyLandAcquired, Citation: lu("二(二)3"),
				Summary:   "被征地农民参加企业职工基本养老保险，按有关规定给予参保缴费补贴",
				SummaryEN: "land-acquired farmers joining the employees' scheme receive a contribution subsidy",
			},
			{
				ID: "3.1", Kind: KindAction, When: Condition{Outcome: joins},
				Action: ActionReportInBulletin, Citation: lu("三(一)"),
				Summary:   "镇劳保所按月汇总、通报上月各村（居）应扩面人数的完成情况",
				SummaryEN: "the town labour office reports each village's progress every month",
			},
		},
		Milestones: []Milestone{
			{By: date(2019, time.December, 31), Percent: 80, Citation: lu("三(二)")},
			{By: date(2020, time.December, 31), Percent: 100, Citation: lu("三(二)")},
		},
	}
}

// Shiyan2023 returns the rulebook of 石堰府发〔2023〕10号 (石堰镇, 长寿区,
// 重庆市, issued 2023-03-17, for the campaign year 2023). Each call returns a
// fresh value. It uses the nine target groups of eligibility (二(一)…二(八)
// and 三(二)2's 60+ group).
//
// Rules, in the order they are tried:
//   - 国发〔2014〕8号 四: under 16 and students → not eligible.
//   - 二(五): 城乡富裕人员 (城乡居民 with a tier above 1000 元) under 60 → 企业职工
//     as 灵活就业人员; if unwilling they stay covered. From 60 the 城乡居民
//     scheme pays out and no tier is chosen: such a resident is covered.
//   - 三(二)1: insured outside the district and suspended → 转移接续 in the
//     district, in the scheme already joined.
//   - 三(三) and 二(四): platform workers and licensed freelancers already in
//     城乡居民 and below 四(二)'s age line → 企业职工 as 灵活就业人员; if
//     unwilling they stay covered (eligibility counts them in 二(三) / 二(四)
//     because they are not yet in 企业职工). At or above the line they stay
//     covered, as 四(二) sends their age to 城乡居民.
//   - 二 (the groups are 未参保 people): other insured residents → covered.
//   - 三(二)2: uninsured local residents aged 60 and over → 城乡居民 by 补缴;
//     other people aged 60 and over → not eligible.
//   - 二(一): employed by a unit or a small business → 企业职工 through the
//     employer (一(一): 督促用人单位守法参保). This comes before 代缴: 三(二)2
//     pays for those "符合条件参加城乡居民基本养老保险", and a person the
//     employees' scheme covers is not (国发〔2014〕8号 四).
//   - 三(二)2: 低保对象, 特困人员, 重度残疾人员 not employed by a unit → 城乡居民
//     with contributions paid by the government (代缴), whatever their age
//     line: 代缴 is the specific policy for them, 四(二) a general
//     suggestion (动员参保建议). A 低保对象 aged 30 is routed to 代缴, not to
//     企业职工 as 灵活就业人员.
//   - 四(二): men 45 and over, women 40 and over → 城乡居民; younger → 企业职工 as
//     灵活就业人员. This applies to every uninsured resident not routed above,
//     whatever their group: 二(二)…二(四) and 二(八) name whom to reach, not
//     where to send them, and 三(三)'s 动员引导新就业形态从业人员参加城镇企业职工基本养老保险
//     is publicity, so a platform worker of 50 goes to 城乡居民 (listed in
//     二(三) in Decision.Groups).
//   - 三(二)2: subsidies for 高校毕业生, 就业困难人员, 被征地人员, 在职村干部, 退捕渔民.
//   - 三(一): insured outside the city → collect the 市外参保证明.
//   - 四(二): cannot be found, or thought not local (觉得不是当地的群众) → verify the 户籍 at
//     the police station and note it in 《石堰镇各村养老保险扩面人员明细表》.
//   - 六(四): routed residents are counted in the regular bulletin.
//   - 四: phases 动员部署 (to 03-15), 重点攻坚 (03-16 to 09-30), 巩固提升
//     (10-01 to 12-31); milestones 100 % by 09-30 (四(二), 力争) and by 12-31
//     (一(三)).
//
// Age lines: 四(二) says 男45岁以下、女40岁以下 → 企业职工 and 男45岁以上、女40岁以上 →
// 城乡居民. Both include the line age (《民法典》第1259条), so the stated bands
// overlap at exactly 45 (men) and 40 (women). Validation reports the overlap
// ([CodeAgeOverlap], a warning); the preset resolves it as 45 → 城乡居民 for men
// and 40 → 城乡居民 for women, consistent with 罗政〔2019〕185号's 及以上.
func Shiyan2023() Policy {
	hardship := GroupsOf(eligibility.GroupHardship)
	return Policy{
		ID:           "shiyan-2023",
		Version:      "1",
		Jurisdiction: "重庆市长寿区石堰镇",
		Document:     DocShiyan2023,
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
			Note: "“以上”“以下”均包括本数（《民法典》第1259条），原文“男45岁以下”与“男45岁以上”在45岁重叠、" +
				"“女40岁以下”与“女40岁以上”在40岁重叠；本规则将男45周岁、女40周岁归城乡居民基本养老保险，" +
				"与罗政〔2019〕185号“及以上”的表述一致。",
			NoteEN: "以下 and 以上 both include the number (民法典 第1259条): the stated bands overlap at 45 (men) " +
				"and 40 (women); the preset resolves 45 → 城乡居民 for men and 40 → 城乡居民 for women, " +
				"consistent with 罗政〔2019〕185号's 及以上.",
		},
		GroupRulebook: "shiyan-2023",
		Groups:        AllGroups,
		Rules: []Rule{
			{
				ID: "scope.under-16", Kind: KindRoute, When: Condition{BelowAge: 16},
				Outcome: OutcomeNotEligible, Citation: scopeCitation,
				Summary:   "城乡居民基本养老保险参保范围为年满16周岁（不含在校学生）的城乡居民",
				SummaryEN: "people under 16 are outside the scope of basic pension insurance",
			},
			{
				ID: "scope.student", Kind: KindRoute,
				When:    Condition{Employment: EmploymentOf(eligibility.Student)},
				Outcome: OutcomeNotEligible, Citation: scopeCitation,
				Summary:   "城乡居民基本养老保险参保范围为年满16周岁（不含在校学生）的城乡居民",
				SummaryEN: "students (在校学生) are outside the scope of the residents' scheme",
			},
			{
				ID: "2.5", Kind: KindRoute,
				When:    Condition{GroupsAny: GroupsOf(eligibility.GroupAffluentResident), BelowAge: 60},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeCovered},
				Citation: sy("二(五)"),
				Summary: "具备城镇职工养老保险缴费能力的城乡富裕人员（城乡居民缴费档次高于1000元），宣传发动后愿意参加企业职工基本养老保险；" +
					"60周岁以上的已到城乡居民养老保险待遇领取年龄、不再选择缴费档次，不在此列",
				SummaryEN: "affluent residents under 60 (residents' scheme, tier above 1000 yuan) are encouraged to move " +
					"to the employees' scheme; if unwilling they stay covered (from 60 the residents' scheme pays out and no tier is chosen)",
			},
			{
				ID: "3.2.1", Kind: KindRoute,
				When:    Condition{GroupsAny: GroupsOf(eligibility.GroupSuspendedElsewhere)},
				Outcome: OutcomeExisting, Channel: ChannelTransfer, Citation: sy("三(二)1"),
				Summary:   "对在区外参保已暂停缴费的人员积极动员通过转移、接续等方式在本区参保",
				SummaryEN: "people insured outside the district with contributions suspended transfer and continue here",
			},
			{
				ID: "3.3.platform-resident", Kind: KindRoute,
				When: Condition{
					GroupsAny: GroupsOf(eligibility.GroupPlatformWorker),
					Insured:   InsuredOf(eligibility.SchemeResident), Band: BandYounger,
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeCovered},
				Citation: sy("三(三)"),
				Summary: "动员引导新就业形态从业人员参加城镇企业职工基本养老保险（已参加城乡居民基本养老保险、" +
					"在四(二)年龄线以下的，动员转入企业职工基本养老保险）",
				SummaryEN: "platform workers are encouraged to join the employees' scheme (those already in the residents' " +
					"scheme and below 四(二)'s age line are encouraged to move; if unwilling they stay covered)",
			},
			{
				ID: "2.4.freelancer-resident", Kind: KindRoute,
				When: Condition{
					GroupsAny: GroupsOf(eligibility.GroupLicensedFreelancer),
					Insured:   InsuredOf(eligibility.SchemeResident), Band: BandYounger,
				},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible,
				Fallback: Choice{Outcome: OutcomeCovered},
				Citation: sy("二(四)"),
				Summary: "持有执业资格许可证群体中的自由职业者，宣传发动后愿意参加企业职工基本养老保险的（已参加城乡居民基本养老保险、" +
					"在四(二)年龄线以下的，动员转入企业职工基本养老保险）",
				SummaryEN: "licensed freelancers willing to join the employees' scheme after mobilisation (those already in the " +
					"residents' scheme and below 四(二)'s age line are encouraged to move; if unwilling they stay covered)",
			},
			{
				ID: "2.insured", Kind: KindRoute, When: Condition{Insured: insured},
				Outcome: OutcomeCovered, Citation: sy("二"),
				Summary:   "扩面重点是未参保人员；已参保的无需引导",
				SummaryEN: "the campaign targets uninsured people; the insured are already covered",
			},
			{
				ID: "3.2.2.back-pay", Kind: KindRoute,
				When:    Condition{GroupsAny: GroupsOf(eligibility.GroupElderlyBackPay)},
				Outcome: OutcomeResident, Channel: ChannelBackPay, Citation: sy("三(二)2"),
				Summary:   "动员60周岁以上超龄未参保的长寿户籍老年居民以补缴社会保险费的方式纳入城乡居民基本养老保险",
				SummaryEN: "uninsured local residents aged 60 and over join the residents' scheme by back-payment",
			},
			{
				ID: "3.2.2.over-60", Kind: KindRoute, When: Condition{FromAge: 60},
				Outcome: OutcomeNotEligible, Citation: sy("三(二)2"),
				Summary:   "补缴政策只适用于长寿户籍老年居民；其他60周岁以上未参保人员不是本镇扩面对象",
				SummaryEN: "back-payment is for local (长寿) residents only; others aged 60 and over are not targets here",
			},
			{
				ID: "2.1", Kind: KindRoute, When: Condition{Employment: employed},
				Outcome: OutcomeEmployee, Channel: ChannelEmployer, Citation: sy("二(一)"),
				Summary:   "个体工商户、小微企业等未参保市场主体及与劳动合同备案数据比对的未参保人员，由用人单位办理企业职工基本养老保险（已就业的不属于“符合条件参加城乡居民基本养老保险”的代缴对象，故先于三(二)2适用）",
				SummaryEN: "uninsured employees of units and small businesses join the employees' scheme through their employer (the employed are not “eligible for the residents' scheme”, so this comes before 三(二)2's 代缴)",
			},
			{
				ID: "3.2.2.proxy-pay", Kind: KindRoute, When: Condition{GroupsAny: hardship},
				Outcome: OutcomeResident, Channel: ChannelProxyPay, Citation: sy("三(二)2"),
				Summary:   "对符合条件参加城乡居民基本养老保险的低保对象、特困人员、重度残疾人员等困难群体，按政策要求为其代缴城乡居民基本养老保险费（专项政策，先于四(二)的年龄建议）",
				SummaryEN: "for 低保, 特困 and severely disabled people eligible for the residents' scheme the government pays its contributions (a specific policy, before 四(二)'s age suggestion)",
			},
			{
				ID: "4.2.older", Kind: KindRoute, When: Condition{Band: BandOlder},
				Outcome: OutcomeResident, Channel: ChannelSelfPay, Citation: sy("四(二)"),
				Summary:   "男45岁以上、女40岁以上参加城乡居民养老保险",
				SummaryEN: "men aged 45 and over and women aged 40 and over join the residents' scheme",
			},
			{
				ID: "4.2.younger", Kind: KindRoute, When: Condition{Band: BandYounger},
				Outcome: OutcomeEmployee, Channel: ChannelFlexible, Citation: sy("四(二)"),
				Summary:   "男45岁以下、女40岁以下参加城镇企业养老保险",
				SummaryEN: "men under 45 and women under 40 join the employees' scheme",
			},
			{
				ID: "venue.employer", Kind: KindVenue,
				When:  Condition{Channel: ChannelsOf(ChannelEmployer)},
				Venue: VenueEmployer, Citation: sy("一(一)"),
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
				When:   Condition{Insured: insured, Location: LocationOf(eligibility.OutsideCity)},
				Action: ActionCollectProof, Citation: sy("三(一)"),
				Summary:   "对市外参保的，各村（社区）应搜集市外参保证明，存档备查",
				SummaryEN: "for people insured outside the city, the village collects and files the proof",
			},
			{
				ID: "4.2.verify-hukou", Kind: KindAction,
				When:   Condition{Contact: ContactOf(eligibility.ContactNotFound, eligibility.ContactNotLocal)},
				Action: ActionVerifyHukou, Citation: sy("四(二)"),
				Summary:   "对于村组找不到人、联系不上、觉得不是当地的群众、核查人员无信息的建议到派出所核实真实的户籍地",
				SummaryEN: "people who cannot be found or reached, whom the village thinks are not local, or of whom the checkers have no information: verify the 户籍 at the police station",
			},
			{
				ID: "4.2.note-in-roster", Kind: KindAction,
				When:   Condition{Contact: ContactOf(eligibility.ContactNotFound, eligibility.ContactNotLocal)},
				Action: ActionNoteInRoster, Citation: sy("四(二)"),
				Summary:   "核实情况备注在《石堰镇各村养老保险扩面人员明细表》上",
				SummaryEN: "the result of the check is noted in 《石堰镇各村养老保险扩面人员明细表》",
			},
			{
				ID: "6.4", Kind: KindAction, When: Condition{Outcome: joins},
				Action: ActionReportInBulletin, Citation: sy("六(四)"),
				Summary:   "建立工作定期通报机制，对基本养老保险参保扩面工作进展情况进行通报",
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
		Milestones: []Milestone{
			{By: date(2023, time.September, 30), Percent: 100, Citation: sy("四(二)")},
			{By: date(2023, time.December, 31), Percent: 100, Citation: sy("一(三)")},
		},
	}
}

func subsidyRule(id string, flag eligibility.Flags, s Subsidy, zh, en string) Rule {
	return Rule{
		ID: id, Kind: KindSubsidy,
		When:    Condition{FlagsAny: FlagSet(flag), Outcome: joins},
		Subsidy: s, Citation: sy("三(二)2"),
		Summary: zh, SummaryEN: en,
	}
}
