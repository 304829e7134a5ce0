package routing

import (
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility/vocab"
)

type term = vocab.Term

var zhTag = language.Chinese

// isChinese reports whether tag asks for Chinese text.
func isChinese(tag language.Tag) bool {
	base, _ := tag.Base()
	return base.String() == "zh"
}

// Outcome is the scheme a decision sends a resident to, or why it sends
// them nowhere. The zero value OutcomeNone means "no decision".
type Outcome uint8

// The outcomes.
const (
	OutcomeNone        Outcome = iota // 未定 (no decision)
	OutcomeEmployee                   // 企业职工基本养老保险
	OutcomeResident                   // 城乡居民基本养老保险
	OutcomeCovered                    // 已参保 (already covered; nothing to do)
	OutcomeNotEligible                // 不属于扩面对象 (not eligible)
	// OutcomeExisting is used only in rules: "keep the scheme the resident is
	// already insured in" (转移接续). A decision never carries it: Route
	// replaces it with OutcomeEmployee or OutcomeResident — OutcomeEmployee
	// for another statutory scheme (机关事业), whose record continues in
	// 企业职工 once the post is left.
	OutcomeExisting // 原参保险种
)

var outcomeVocab = vocab.New[Outcome]("outcome",
	term{Key: "none", Chinese: "未定", English: "no decision", Aliases: []string{""}},
	term{Key: "employee", Chinese: "企业职工基本养老保险", English: "enterprise employees' basic pension", Aliases: []string{"企业职工", "城镇企业职工基本养老保险", "城镇企业养老保险"}},
	term{Key: "resident", Chinese: "城乡居民基本养老保险", English: "urban and rural residents' basic pension", Aliases: []string{"城乡居民", "城乡居民养老保险"}},
	term{Key: "covered", Chinese: "已参保", English: "already covered"},
	term{Key: "not_eligible", Chinese: "不属于扩面对象", English: "not eligible"},
	term{Key: "existing", Chinese: "原参保险种", English: "the scheme already joined"},
)

// Vocabulary returns the vocabulary of outcomes.
func (Outcome) Vocabulary() *vocab.Vocabulary[Outcome] { return outcomeVocab }

// String returns the outcome's key, e.g. "employee".
func (o Outcome) String() string { return outcomeVocab.Key(o) }

// Label returns the outcome's name in Chinese (zh) or English.
func (o Outcome) Label(tag language.Tag) string { return outcomeVocab.Label(o, tag) }

// FallbackLabel names o as a decision's fallback, what a resident who
// declines the first choice is left with. OutcomeCovered reads
// 维持原参保险种不变（已参保） ("stays in the scheme already joined"), not a
// bare 已参保; every other outcome reads as its [Outcome.Label].
func (o Outcome) FallbackLabel(tag language.Tag) string {
	if o == OutcomeCovered {
		if isChinese(tag) {
			return "维持原参保险种不变（已参保）"
		}
		return "stays in the scheme already joined (already covered)"
	}
	return o.Label(tag)
}

// IsJoin reports whether the outcome asks the resident to join a scheme.
func (o Outcome) IsJoin() bool { return o == OutcomeEmployee || o == OutcomeResident }

// MarshalText returns the key.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText accepts any term of [Outcome.Vocabulary].
func (o *Outcome) UnmarshalText(b []byte) error { return parseInto(o, outcomeVocab, b) }

// Channel is how a resident joins: through whom and on what terms.
type Channel uint8

// The channels. The zero value ChannelNone means "no channel".
const (
	ChannelNone     Channel = iota // 无
	ChannelEmployer                // 由用人单位办理 (through the employer)
	ChannelFlexible                // 以灵活就业人员身份参保 (as a flexibly employed person)
	ChannelSelfPay                 // 个人参保缴费, 选择缴费档次 (enrols and pays in person)
	ChannelTransfer                // 转移接续 (transfer and continue insurance held elsewhere)
	ChannelBackPay                 // 补缴 (back-payment by residents aged 60 and over)
	ChannelProxyPay                // 政府代缴 (the government pays the contributions)
)

var channelVocab = vocab.New[Channel]("channel",
	term{Key: "none", Chinese: "无", English: "none", Aliases: []string{""}},
	term{Key: "employer", Chinese: "由用人单位办理", English: "through the employer"},
	term{Key: "flexible", Chinese: "以灵活就业人员身份参保", English: "as a flexibly employed person (灵活就业人员)", Aliases: []string{"灵活就业", "灵活就业人员"}},
	term{Key: "self_pay", Chinese: "个人参保缴费", English: "enrols and pays in person"},
	term{Key: "transfer", Chinese: "转移接续", English: "transfer and continuation (转移接续)", Aliases: []string{"转移、接续"}},
	term{Key: "back_pay", Chinese: "补缴", English: "back-payment (补缴)"},
	term{Key: "proxy_pay", Chinese: "政府代缴", English: "paid by the government (代缴)", Aliases: []string{"代缴"}},
)

// Vocabulary returns the vocabulary of channels.
func (Channel) Vocabulary() *vocab.Vocabulary[Channel] { return channelVocab }

// String returns the channel's key, e.g. "flexible".
func (c Channel) String() string { return channelVocab.Key(c) }

// Label returns the channel's name in Chinese (zh) or English.
func (c Channel) Label(tag language.Tag) string { return channelVocab.Label(c, tag) }

// MarshalText returns the key.
func (c Channel) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText accepts any term of [Channel.Vocabulary].
func (c *Channel) UnmarshalText(b []byte) error { return parseInto(c, channelVocab, b) }

// Venue is where a resident registers.
type Venue uint8

// The venues. The zero value VenueNone means the document names no venue.
const (
	VenueNone       Venue = iota // 文件未规定
	VenueEmployer                // 用人单位
	VenueCityCentre              // 市社会保险管理中心 (the city social-insurance centre)
	VenueVillage                 // 所属村(社区) (the resident's village or community)
)

var venueVocab = vocab.New[Venue]("venue",
	term{Key: "none", Chinese: "文件未规定", English: "not stated by the document", Aliases: []string{"", "无"}},
	term{Key: "employer", Chinese: "用人单位", English: "the employer"},
	term{Key: "city_centre", Chinese: "市社会保险管理中心", English: "the city social-insurance centre"},
	term{Key: "village", Chinese: "所属村(社区)", English: "the resident's village (community)", Aliases: []string{"所属村（社区）"}},
)

// Vocabulary returns the vocabulary of venues.
func (Venue) Vocabulary() *vocab.Vocabulary[Venue] { return venueVocab }

// String returns the venue's key, e.g. "village".
func (v Venue) String() string { return venueVocab.Key(v) }

// Label returns the venue's name in Chinese (zh) or English.
func (v Venue) Label(tag language.Tag) string { return venueVocab.Label(v, tag) }

// MarshalText returns the key.
func (v Venue) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText accepts any term of [Venue.Vocabulary].
func (v *Venue) UnmarshalText(b []byte) error { return parseInto(v, venueVocab, b) }

// Subsidy is a contribution subsidy a resident may receive.
type Subsidy uint8

// The subsidies. The zero value SubsidyNone is no subsidy.
const (
	SubsidyNone                 Subsidy = iota // 无
	SubsidyLandAcquired                        // 被征地人员参保缴费补贴
	SubsidyVillageCadre                        // 在职村(社区)干部参保缴费补贴
	SubsidyRetiredFisher                       // 退捕渔民参保缴费补贴
	SubsidyCollegeGraduate                     // 高校毕业生社会保险补贴
	SubsidyEmploymentDifficulty                // 就业困难人员社会保险补贴
)

var subsidyVocab = vocab.New[Subsidy]("subsidy",
	term{Key: "none", Chinese: "无", English: "none", Aliases: []string{""}},
	term{Key: "land_acquired", Chinese: "被征地人员参保缴费补贴", English: "contribution subsidy for land-acquired residents"},
	term{Key: "village_cadre", Chinese: "在职村(社区)干部参保缴费补贴", English: "contribution subsidy for serving village cadres"},
	term{Key: "retired_fisher", Chinese: "退捕渔民参保缴费补贴", English: "contribution subsidy for retired fishers"},
	term{Key: "college_graduate", Chinese: "高校毕业生社会保险补贴", English: "social-insurance subsidy for college graduates"},
	term{Key: "employment_difficulty", Chinese: "就业困难人员社会保险补贴", English: "social-insurance subsidy for people with employment difficulty"},
)

// Vocabulary returns the vocabulary of subsidies.
func (Subsidy) Vocabulary() *vocab.Vocabulary[Subsidy] { return subsidyVocab }

// String returns the subsidy's key, e.g. "land_acquired".
func (s Subsidy) String() string { return subsidyVocab.Key(s) }

// Label returns the subsidy's name in Chinese (zh) or English.
func (s Subsidy) Label(tag language.Tag) string { return subsidyVocab.Label(s, tag) }

// MarshalText returns the key.
func (s Subsidy) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText accepts any term of [Subsidy.Vocabulary].
func (s *Subsidy) UnmarshalText(b []byte) error { return parseInto(s, subsidyVocab, b) }

// Action is a follow-up task for the village or the social-insurance office.
type Action uint8

// The actions. The zero value ActionNone is no action.
const (
	ActionNone             Action = iota // 无
	ActionVerifyHukou                    // 到派出所核实真实户籍地 (verify the household registration at the police station)
	ActionNoteInRoster                   // 备注在扩面人员明细表 (note it in the roster)
	ActionCollectProof                   // 搜集市外参保证明, 存档备查 (collect proof of insurance outside the city)
	ActionReportInBulletin               // 纳入按月进度通报 (count in the monthly progress bulletin)
	ActionProxyPay                       // 按政策代缴城乡居民基本养老保险费 (the government keeps paying the contributions)
)

var actionVocab = vocab.New[Action]("action",
	term{Key: "none", Chinese: "无", English: "none", Aliases: []string{""}},
	term{Key: "verify_hukou", Chinese: "到派出所核实真实户籍地", English: "verify the household registration (户籍) at the police station"},
	term{Key: "note_in_roster", Chinese: "备注在扩面人员明细表", English: "note it in the roster (扩面人员明细表)"},
	term{Key: "collect_proof", Chinese: "搜集市外参保证明并存档备查", English: "collect and file the proof of insurance outside the city"},
	term{Key: "report_in_bulletin", Chinese: "纳入进度通报", English: "count in the progress bulletin"},
	term{Key: "proxy_pay", Chinese: "按政策代缴城乡居民基本养老保险费", English: "the government pays the residents' scheme contributions (代缴)"},
)

// Vocabulary returns the vocabulary of actions.
func (Action) Vocabulary() *vocab.Vocabulary[Action] { return actionVocab }

// String returns the action's key, e.g. "verify_hukou".
func (a Action) String() string { return actionVocab.Key(a) }

// Label returns the action's name in Chinese (zh) or English.
func (a Action) Label(tag language.Tag) string { return actionVocab.Label(a, tag) }

// MarshalText returns the key.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText accepts any term of [Action.Vocabulary].
func (a *Action) UnmarshalText(b []byte) error { return parseInto(a, actionVocab, b) }

// RuleKind says what a [Rule] decides.
type RuleKind uint8

// The rule kinds. The zero value is invalid in a policy.
const (
	_ RuleKind = iota // invalid
	// KindRoute rules are tried in order; the first that matches the
	// resident decides the outcome, the channel and the fallback.
	KindRoute // 分类引导
	// KindVenue rules are tried in order for the chosen scheme and channel
	// (and again for the fallback); the first that matches gives the venue.
	KindVenue // 办理地点
	// KindSubsidy rules all apply when they match: each adds its subsidy.
	KindSubsidy // 补贴
	// KindAction rules all apply when they match: each adds its action.
	KindAction // 后续工作
)

var kindVocab = vocab.New[RuleKind]("rule kind",
	term{Key: "invalid", Chinese: "无效", English: "invalid"},
	term{Key: "route", Chinese: "分类引导", English: "route"},
	term{Key: "venue", Chinese: "办理地点", English: "venue"},
	term{Key: "subsidy", Chinese: "补贴", English: "subsidy"},
	term{Key: "action", Chinese: "后续工作", English: "follow-up action"},
)

// Vocabulary returns the vocabulary of rule kinds.
func (RuleKind) Vocabulary() *vocab.Vocabulary[RuleKind] { return kindVocab }

// String returns the kind's key, e.g. "route".
func (k RuleKind) String() string { return kindVocab.Key(k) }

// MarshalText returns the key.
func (k RuleKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText accepts any term of [RuleKind.Vocabulary].
func (k *RuleKind) UnmarshalText(b []byte) error { return parseInto(k, kindVocab, b) }

// Band selects residents by the policy's age line for their gender
// ([Policy.AgeLines]).
type Band uint8

// The bands. The zero value BandAny does not look at the age line.
const (
	BandAny     Band = iota // 不限
	BandYounger             // 年龄线以下 (below the line: 男45周岁、女40周岁以下)
	BandOlder               // 年龄线及以上 (at or above the line)
)

var bandVocab = vocab.New[Band]("band",
	term{Key: "any", Chinese: "不限", English: "any", Aliases: []string{""}},
	term{Key: "younger", Chinese: "年龄线以下", English: "below the age line"},
	term{Key: "older", Chinese: "年龄线及以上", English: "at or above the age line"},
)

// Vocabulary returns the vocabulary of bands.
func (Band) Vocabulary() *vocab.Vocabulary[Band] { return bandVocab }

// String returns the band's key, e.g. "younger".
func (b Band) String() string { return bandVocab.Key(b) }

// MarshalText returns the key.
func (b Band) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText accepts any term of [Band.Vocabulary].
func (b *Band) UnmarshalText(t []byte) error { return parseInto(b, bandVocab, t) }

// Severity grades a validation [Finding].
type Severity uint8

// The severities. Error findings make [LoadPolicy] and [Compile] fail.
const (
	SeverityInfo    Severity = iota // 提示
	SeverityWarning                 // 警告 (the policy works, with a stated resolution)
	SeverityError                   // 错误 (the policy cannot be used)
)

var severityVocab = vocab.New[Severity]("severity",
	term{Key: "info", Chinese: "提示", English: "info"},
	term{Key: "warning", Chinese: "警告", English: "warning"},
	term{Key: "error", Chinese: "错误", English: "error"},
)

// String returns "info", "warning" or "error".
func (s Severity) String() string { return severityVocab.Key(s) }

// MarshalText returns the key.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// parseInto parses b with v into *dst, wrapping an unknown word in a
// *NameError that suggests the nearest key.
func parseInto[E ~uint8](dst *E, v *vocab.Vocabulary[E], b []byte) error {
	e, ok := v.Lookup(string(b))
	if !ok {
		return unknownName(v.Name(), v.Keys(), string(b))
	}
	*dst = e
	return nil
}
