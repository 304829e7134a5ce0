package routing

import (
	"golang.org/x/text/language"
)

var zhTag = language.Chinese

// isChinese reports whether tag asks for Chinese text.
func isChinese(tag language.Tag) bool {
	base, _ := tag.Base()
	return base.String() == "zh"
}

func label(table []name, i int, tag language.Tag) string {
	if i < 0 || i >= len(table) {
		return ""
	}
	if isChinese(tag) {
		return table[i].zh
	}
	return table[i].en
}

func keyOf(table []name, i int) string {
	if i < 0 || i >= len(table) {
		return "invalid"
	}
	return table[i].key
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
	// replaces it with OutcomeEmployee or OutcomeResident.
	OutcomeExisting // 原参保险种
)

var outcomeNames = []name{
	{"", "未定", "no decision"},
	{"employee", "企业职工基本养老保险", "enterprise employees' basic pension"},
	{"resident", "城乡居民基本养老保险", "urban and rural residents' basic pension"},
	{"covered", "已参保", "already covered"},
	{"not_eligible", "不属于扩面对象", "not eligible"},
	{"existing", "原参保险种", "the scheme already joined"},
}

// String returns the outcome's key, e.g. "employee".
func (o Outcome) String() string { return keyOf(outcomeNames, int(o)) }

// Label returns the outcome's name in Chinese (zh) or English.
func (o Outcome) Label(tag language.Tag) string { return label(outcomeNames, int(o), tag) }

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

// UnmarshalText accepts a key, a Chinese label or an English label.
func (o *Outcome) UnmarshalText(b []byte) error {
	i, err := parseName("outcome", outcomeNames, string(b))
	*o = Outcome(i)
	return err
}

func (Outcome) knownNames() []string { return keys(outcomeNames) }

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

var channelNames = []name{
	{"", "无", "none"},
	{"employer", "由用人单位办理", "through the employer"},
	{"flexible", "以灵活就业人员身份参保", "as a flexibly employed person (灵活就业人员)"},
	{"self_pay", "个人参保缴费", "enrols and pays in person"},
	{"transfer", "转移接续", "transfer and continuation (转移接续)"},
	{"back_pay", "补缴", "back-payment (补缴)"},
	{"proxy_pay", "政府代缴", "paid by the government (代缴)"},
}

// String returns the channel's key, e.g. "flexible".
func (c Channel) String() string { return keyOf(channelNames, int(c)) }

// Label returns the channel's name in Chinese (zh) or English.
func (c Channel) Label(tag language.Tag) string { return label(channelNames, int(c), tag) }

// MarshalText returns the key.
func (c Channel) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText accepts a key, a Chinese label or an English label.
func (c *Channel) UnmarshalText(b []byte) error {
	i, err := parseName("channel", channelNames, string(b))
	*c = Channel(i)
	return err
}

func (Channel) knownNames() []string { return keys(channelNames) }

// Venue is where a resident registers.
type Venue uint8

// The venues. The zero value VenueNone means the document names no venue.
const (
	VenueNone       Venue = iota // 文件未规定
	VenueEmployer                // 用人单位
	VenueCityCentre              // 市社会保险管理中心 (the city social-insurance centre)
	VenueVillage                 // 所属村(社区) (the resident's village or community)
)

var venueNames = []name{
	{"", "文件未规定", "not stated by the document"},
	{"employer", "用人单位", "the employer"},
	{"city_centre", "市社会保险管理中心", "the city social-insurance centre"},
	{"village", "所属村(社区)", "the resident's village (community)"},
}

// String returns the venue's key, e.g. "village".
func (v Venue) String() string { return keyOf(venueNames, int(v)) }

// Label returns the venue's name in Chinese (zh) or English.
func (v Venue) Label(tag language.Tag) string { return label(venueNames, int(v), tag) }

// MarshalText returns the key.
func (v Venue) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText accepts a key, a Chinese label or an English label.
func (v *Venue) UnmarshalText(b []byte) error {
	i, err := parseName("venue", venueNames, string(b))
	*v = Venue(i)
	return err
}

func (Venue) knownNames() []string { return keys(venueNames) }

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

var subsidyNames = []name{
	{"", "无", "none"},
	{"land_acquired", "被征地人员参保缴费补贴", "contribution subsidy for land-acquired residents"},
	{"village_cadre", "在职村(社区)干部参保缴费补贴", "contribution subsidy for serving village cadres"},
	{"retired_fisher", "退捕渔民参保缴费补贴", "contribution subsidy for retired fishers"},
	{"college_graduate", "高校毕业生社会保险补贴", "social-insurance subsidy for college graduates"},
	{"employment_difficulty", "就业困难人员社会保险补贴", "social-insurance subsidy for people with employment difficulty"},
}

// String returns the subsidy's key, e.g. "land_acquired".
func (s Subsidy) String() string { return keyOf(subsidyNames, int(s)) }

// Label returns the subsidy's name in Chinese (zh) or English.
func (s Subsidy) Label(tag language.Tag) string { return label(subsidyNames, int(s), tag) }

// MarshalText returns the key.
func (s Subsidy) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText accepts a key, a Chinese label or an English label.
func (s *Subsidy) UnmarshalText(b []byte) error {
	i, err := parseName("subsidy", subsidyNames, string(b))
	*s = Subsidy(i)
	return err
}

func (Subsidy) knownNames() []string { return keys(subsidyNames) }

// SubsidySet is a set of subsidies (a bitset; the zero value is empty).
type SubsidySet uint16

// Has reports whether s is in the set.
func (ss SubsidySet) Has(s Subsidy) bool { return s != SubsidyNone && ss&(1<<s) != 0 }

// With returns the set with s added.
func (ss SubsidySet) With(s Subsidy) SubsidySet {
	if s == SubsidyNone || int(s) >= len(subsidyNames) {
		return ss
	}
	return ss | 1<<s
}

// Label joins the subsidies' names in Chinese (zh, with 、) or English.
func (ss SubsidySet) Label(tag language.Tag) string {
	return bitLabels(uint32(ss), subsidyNames, isChinese(tag), sepFor(tag))
}

// String lists the keys, separated by commas.
func (ss SubsidySet) String() string { return joinKeys(uint32(ss), subsidyNames) }

// MarshalJSON encodes the set as a list of keys.
func (ss SubsidySet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(ss), subsidyNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (ss *SubsidySet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "subsidy", subsidyNames)
	*ss = SubsidySet(v &^ 1)
	return err
}

func (SubsidySet) knownNames() []string { return keys(subsidyNames) }

// Action is a follow-up task for the village or the social-insurance office.
type Action uint8

// The actions. The zero value ActionNone is no action.
const (
	ActionNone             Action = iota // 无
	ActionVerifyHukou                    // 到派出所核实真实户籍地 (verify the household registration at the police station)
	ActionNoteInRoster                   // 备注在扩面人员明细表 (note it in the roster)
	ActionCollectProof                   // 搜集市外参保证明, 存档备查 (collect proof of insurance outside the city)
	ActionReportInBulletin               // 纳入按月进度通报 (count in the monthly progress bulletin)
)

var actionNames = []name{
	{"", "无", "none"},
	{"verify_hukou", "到派出所核实真实户籍地", "verify the household registration (户籍) at the police station"},
	{"note_in_roster", "备注在扩面人员明细表", "note it in the roster (扩面人员明细表)"},
	{"collect_proof", "搜集市外参保证明并存档备查", "collect and file the proof of insurance outside the city"},
	{"report_in_bulletin", "纳入进度通报", "count in the progress bulletin"},
}

// String returns the action's key, e.g. "verify_hukou".
func (a Action) String() string { return keyOf(actionNames, int(a)) }

// Label returns the action's name in Chinese (zh) or English.
func (a Action) Label(tag language.Tag) string { return label(actionNames, int(a), tag) }

// MarshalText returns the key.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText accepts a key, a Chinese label or an English label.
func (a *Action) UnmarshalText(b []byte) error {
	i, err := parseName("action", actionNames, string(b))
	*a = Action(i)
	return err
}

func (Action) knownNames() []string { return keys(actionNames) }

// ActionSet is a set of actions (a bitset; the zero value is empty).
type ActionSet uint16

// Has reports whether a is in the set.
func (as ActionSet) Has(a Action) bool { return a != ActionNone && as&(1<<a) != 0 }

// With returns the set with a added.
func (as ActionSet) With(a Action) ActionSet {
	if a == ActionNone || int(a) >= len(actionNames) {
		return as
	}
	return as | 1<<a
}

// Label joins the actions' names in Chinese (zh, with 、) or English.
func (as ActionSet) Label(tag language.Tag) string {
	return bitLabels(uint32(as), actionNames, isChinese(tag), sepFor(tag))
}

// String lists the keys, separated by commas.
func (as ActionSet) String() string { return joinKeys(uint32(as), actionNames) }

// MarshalJSON encodes the set as a list of keys.
func (as ActionSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(as), actionNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (as *ActionSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "action", actionNames)
	*as = ActionSet(v &^ 1)
	return err
}

func (ActionSet) knownNames() []string { return keys(actionNames) }

// RuleKind says what a [Rule] decides.
type RuleKind uint8

// The rule kinds. The zero value is invalid in a policy.
const (
	KindInvalid RuleKind = iota
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

var kindNames = []name{
	{"", "无效", "invalid"},
	{"route", "分类引导", "route"},
	{"venue", "办理地点", "venue"},
	{"subsidy", "补贴", "subsidy"},
	{"action", "后续工作", "follow-up action"},
}

// String returns the kind's key, e.g. "route".
func (k RuleKind) String() string { return keyOf(kindNames, int(k)) }

// MarshalText returns the key.
func (k RuleKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText accepts a key or a label.
func (k *RuleKind) UnmarshalText(b []byte) error {
	i, err := parseName("rule kind", kindNames, string(b))
	*k = RuleKind(i)
	return err
}

func (RuleKind) knownNames() []string { return keys(kindNames) }

// Band selects residents by the policy's age line for their gender
// ([Policy.AgeLines]).
type Band uint8

// The bands. The zero value BandAny does not look at the age line.
const (
	BandAny     Band = iota // 不限
	BandYounger             // 年龄线以下 (below the line: 男45周岁、女40周岁以下)
	BandOlder               // 年龄线及以上 (at or above the line)
)

var bandNames = []name{
	{"", "不限", "any"},
	{"younger", "年龄线以下", "below the age line"},
	{"older", "年龄线及以上", "at or above the age line"},
}

// String returns the band's key, e.g. "younger".
func (b Band) String() string { return keyOf(bandNames, int(b)) }

// MarshalText returns the key.
func (b Band) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText accepts a key or a label.
func (b *Band) UnmarshalText(t []byte) error {
	i, err := parseName("band", bandNames, string(t))
	*b = Band(i)
	return err
}

func (Band) knownNames() []string { return keys(bandNames) }

// HukouCond selects residents by whether their 户籍 is local.
type HukouCond uint8

// The hukou conditions. The zero value HukouAny does not look at the 户籍.
const (
	HukouAny      HukouCond = iota // 不限
	HukouLocal                     // 本地户籍
	HukouNonLocal                  // 非本地户籍
)

var hukouNames = []name{
	{"", "不限", "any"},
	{"local", "本地户籍", "local hukou"},
	{"non_local", "非本地户籍", "non-local hukou"},
}

// String returns the condition's key, e.g. "local".
func (h HukouCond) String() string { return keyOf(hukouNames, int(h)) }

// MarshalText returns the key.
func (h HukouCond) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText accepts a key or a label.
func (h *HukouCond) UnmarshalText(t []byte) error {
	i, err := parseName("hukou", hukouNames, string(t))
	*h = HukouCond(i)
	return err
}

func (HukouCond) knownNames() []string { return keys(hukouNames) }

// Severity grades a validation [Finding].
type Severity uint8

// The severities. Error findings make [LoadPolicy] and [Compile] fail.
const (
	SeverityInfo    Severity = iota // 提示
	SeverityWarning                 // 警告 (the policy works, with a stated resolution)
	SeverityError                   // 错误 (the policy cannot be used)
)

var severityNames = []name{
	{"info", "提示", "info"},
	{"warning", "警告", "warning"},
	{"error", "错误", "error"},
}

// String returns "info", "warning" or "error".
func (s Severity) String() string { return keyOf(severityNames, int(s)) }

// MarshalText returns the key.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func sepFor(tag language.Tag) string {
	if isChinese(tag) {
		return "、"
	}
	return ", "
}

func joinKeys(v uint32, table []name) string {
	s := ""
	for i, n := range table {
		if i < 32 && v&(1<<i) != 0 && n.key != "" {
			if s != "" {
				s += ","
			}
			s += n.key
		}
	}
	return s
}
