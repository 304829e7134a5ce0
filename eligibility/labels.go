package eligibility

import (
	"encoding/json"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility/vocab"
)

// The one vocabulary of each enumeration of this package. The codes of
// GB/T 40217—2021 that insured-list exports carry are aliases too: AAE140
// 险种 110 (企业职工基本养老保险), 120 (机关事业单位养老保险) and 170 (城乡居民基本养老保险);
// AAC031 缴费状态 and AAC008 个人参保状态 1 (参保缴费, 正常参保) and 2 (暂停). Keys are the
// stable text forms; the aliases are the words rosters, department lists
// and the plans themselves use (石堰府发〔2023〕10号 四(二) writes
// 村组找不到人、联系不上、觉得不是当地的群众、核查人员无信息), and the Go identifiers
// of earlier releases.
var (
	genderVocab = vocab.New[Gender]("gender",
		term("unknown", "未知", "unknown", "GenderUnknown", ""),
		term("male", "男", "male", "男性", "M", "m", "1", "Male"),
		term("female", "女", "female", "女性", "F", "f", "2", "Female"),
	)
	employmentVocab = vocab.New[EmploymentKind]("employment",
		term("unknown", "就业状况未知", "employment unknown", "EmploymentUnknown", "未知"),
		term("employed_by_unit", "单位就业", "employed by a unit", "EmployedByUnit", "已就业", "在职", "用人单位就业"),
		term("self_employed_business", "个体工商户", "individual business owner", "SelfEmployedBusiness", "个体", "self-employed business owner"),
		term("small_business_employee", "小微企业从业人员", "small-business employee", "SmallBusinessEmployee", "小微企业", "小微企业员工"),
		term("platform_worker", "新业态从业人员", "platform worker", "PlatformWorker", "新业态", "新就业形态", "新就业形态从业人员", "平台就业", "依托平台企业就业的新业态从业人员", "外卖骑手", "快递小哥", "快递员", "网约车司机", "同城货运司机"),
		term("licensed_freelancer", "持证自由职业者", "licensed freelancer", "LicensedFreelancer", "自由职业", "自由职业者", "持有执业资格许可证群体中的自由职业者"),
		term("not_employed", "未就业", "not employed", "NotEmployed", "务农", "无业", "失业"),
		term("student", "在校学生", "student", "Student", "学生"),
	)
	platformVocab = vocab.New[PlatformKind]("platform",
		term("unknown", "平台类型未知", "platform unknown", "PlatformUnknown", "未知"),
		term("ride_hailing", "网约车司机", "ride-hailing driver", "PlatformRideHailing", "网约车"),
		term("courier", "快递小哥", "courier", "PlatformCourier", "快递", "快递员"),
		term("food_delivery", "外卖骑手", "food-delivery rider", "PlatformFoodDelivery", "外卖"),
		term("freight", "同城货运司机", "same-city freight driver", "PlatformFreight", "同城货运", "货运司机", "freight driver"),
		term("other", "其他新就业形态", "other platform work", "PlatformOther", "其他"),
	)
	schemeVocab = vocab.New[Scheme]("scheme",
		term("none", "未参保", "not insured", "SchemeNone", "无", "否", "uninsured"),
		term("employee", "企业职工基本养老保险", "basic pension insurance for enterprise employees", "SchemeEmployee", "110", "企业职工", "企业职工养老保险", "城镇职工", "城镇企业职工基本养老保险", "城镇企业养老保险", "职工养老", "enterprise employees' pension"),
		term("resident", "城乡居民基本养老保险", "basic pension insurance for urban and rural residents", "SchemeResident", "170", "城乡居民", "城乡居民养老保险", "居民养老", "居民保", "residents' pension"),
		term("other", "其他法定基本养老保险", "another statutory basic pension scheme", "SchemeOther", "120", "其他基本养老保险", "机关事业", "机关事业单位养老保险", "机关事业单位基本养老保险", "其他", "other statutory pension"),
	)
	statusVocab = vocab.New[InsuranceStatus]("insurance status",
		term("unknown", "缴费状态未知", "contribution status unknown", "StatusUnknown", "未知"),
		term("active", "正常缴费", "contributing", "StatusActive", "1", "正常参保", "正常", "参保缴费", "在缴"),
		term("suspended", "暂停缴费", "contributions suspended", "StatusSuspended", "2", "暂停参保", "暂停", "中断缴费", "停缴", "断缴"),
	)
	locationVocab = vocab.New[InsuranceLocation]("insurance location",
		term("unknown", "参保地未知", "insured where unknown", "LocationUnknown", "未知"),
		term("in_district", "本区参保", "insured in the district", "InDistrict", "本区", "区内"),
		term("elsewhere_in_city", "区外市内参保", "insured elsewhere in the city", "ElsewhereInCity", "区外市内", "市内区外"),
		term("outside_city", "市外参保", "insured outside the city", "OutsideCity", "市外", "外市", "省外"),
	)
	contactVocab = vocab.New[ContactStatus]("contact status",
		term("unknown", "未走访", "not yet visited", "ContactUnknown", "未知"),
		term("reached", "已联系", "reached", "ContactReached", "已走访", "联系上", "已联系上"),
		term("not_found", "找不到人、联系不上、核查无信息", "cannot be found", "ContactNotFound",
			"找不到人", "村组找不到人", "联系不上", "核查无信息", "核查人员无信息", "查无此人"),
		term("not_local", "村组觉得不是当地的群众", "thought by the village not to be local", "ContactNotLocal",
			"觉得不是当地的群众", "不是当地的群众", "不是当地", "不是当地人", "非本地", "自称不是当地人"),
	)
	hukouVocab = vocab.New[HukouCondition]("hukou",
		term("any", "不限", "any", "HukouAny", ""),
		term("local", "本区户籍", "household registered in the district", "HukouLocal", "本地户籍", "本区", "本地", "local hukou"),
		term("non_local", "非本区户籍", "household registered outside the district", "HukouNonLocal", "非本地户籍", "外地", "外地户籍", "区外户籍", "non-local hukou"),
	)
	retirementVocab = vocab.New[RetirementClass]("retirement class",
		term("unknown", "退休年龄类别未知", "retirement class unknown", "RetirementUnknown"),
		term("male60", "男职工（原60周岁）", "men (originally 60)", "Male60"),
		term("female55", "女干部（原55周岁）", "women cadres (originally 55)", "Female55"),
		term("female50", "女工人（原50周岁）", "women workers (originally 50)", "Female50"),
	)
	// flagVocab is indexed by bit position: term i is the flag 1<<i.
	flagVocab = vocab.New[uint8]("flag",
		term("minimum_living", "低保对象", "minimum living allowance recipient", "FlagMinimumLiving", "低保"),
		term("extreme_poverty", "特困人员", "person in extreme poverty", "FlagExtremePoverty", "特困"),
		term("severe_disability", "重度残疾人", "person with a severe disability", "FlagSevereDisability", "重度残疾", "重度残疾人员"),
		term("land_acquired", "被征地人员", "land-acquired person", "FlagLandAcquired", "被征地", "新征地人员", "被征地农民"),
		term("township_hire", "镇(街道)聘用人员", "township hire", "FlagTownshipHire", "镇街聘用", "镇街聘用人员", "镇（街道）聘用人员"),
		term("village_cadre", "村(社区)干部", "village cadre", "FlagVillageCadre", "村干部", "在职村干部", "村（社区）干部"),
		term("fiscally_supported", "财政供养人员", "fiscally supported staff", "FlagFiscallySupported", "财政供养"),
		term("industry_leader", "产业带头人", "industry leader", "FlagIndustryLeader"),
		term("rural_migrant_worker", "农村劳动力转移人员", "rural migrant worker", "FlagRuralMigrantWorker", "农村劳动力转移", "农村转移劳动力"),
		term("retired_fisher", "退捕渔民", "retired fisher", "FlagRetiredFisher"),
		term("college_graduate", "高校毕业生", "college graduate", "FlagCollegeGraduate"),
		term("employment_difficulty", "就业困难人员", "person with employment difficulty", "FlagEmploymentDifficulty", "就业困难"),
	)
)

// Vocabulary returns the vocabulary of genders.
func (Gender) Vocabulary() *vocab.Vocabulary[Gender] { return genderVocab }

// String returns g's key: "male", "female" or "unknown".
func (g Gender) String() string { return genderVocab.Key(g) }

// Label returns 男, 女 or 未知 for Chinese, "male", "female" or "unknown"
// otherwise.
func (g Gender) Label(t language.Tag) string { return genderVocab.Label(g, t) }

// MarshalText returns the key.
func (g Gender) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText accepts any term of [Gender.Vocabulary] (male, 男, M, 1, …;
// empty text is unknown).
func (g *Gender) UnmarshalText(b []byte) error { return unmarshal(g, genderVocab, b) }

// Vocabulary returns the vocabulary of employment kinds.
func (EmploymentKind) Vocabulary() *vocab.Vocabulary[EmploymentKind] { return employmentVocab }

// String returns k's key, e.g. "platform_worker".
func (k EmploymentKind) String() string { return employmentVocab.Key(k) }

// Label returns k's label in Chinese (base language zh) or English.
func (k EmploymentKind) Label(t language.Tag) string { return employmentVocab.Label(k, t) }

// MarshalText returns the key.
func (k EmploymentKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText accepts any term of [EmploymentKind.Vocabulary].
func (k *EmploymentKind) UnmarshalText(b []byte) error { return unmarshal(k, employmentVocab, b) }

// Vocabulary returns the vocabulary of platform kinds.
func (PlatformKind) Vocabulary() *vocab.Vocabulary[PlatformKind] { return platformVocab }

// String returns k's key, e.g. "courier".
func (k PlatformKind) String() string { return platformVocab.Key(k) }

// Label returns k's label in Chinese (base language zh) or English.
func (k PlatformKind) Label(t language.Tag) string { return platformVocab.Label(k, t) }

// MarshalText returns the key.
func (k PlatformKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText accepts any term of [PlatformKind.Vocabulary].
func (k *PlatformKind) UnmarshalText(b []byte) error { return unmarshal(k, platformVocab, b) }

// Vocabulary returns the vocabulary of schemes.
func (Scheme) Vocabulary() *vocab.Vocabulary[Scheme] { return schemeVocab }

// String returns s's key, e.g. "resident".
func (s Scheme) String() string { return schemeVocab.Key(s) }

// Label returns s's label in Chinese (base language zh) or English.
func (s Scheme) Label(t language.Tag) string { return schemeVocab.Label(s, t) }

// MarshalText returns the key.
func (s Scheme) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText accepts any term of [Scheme.Vocabulary].
func (s *Scheme) UnmarshalText(b []byte) error { return unmarshal(s, schemeVocab, b) }

// Vocabulary returns the vocabulary of insurance statuses.
func (InsuranceStatus) Vocabulary() *vocab.Vocabulary[InsuranceStatus] { return statusVocab }

// String returns s's key, e.g. "suspended".
func (s InsuranceStatus) String() string { return statusVocab.Key(s) }

// Label returns s's label in Chinese (base language zh) or English.
func (s InsuranceStatus) Label(t language.Tag) string { return statusVocab.Label(s, t) }

// MarshalText returns the key.
func (s InsuranceStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText accepts any term of [InsuranceStatus.Vocabulary].
func (s *InsuranceStatus) UnmarshalText(b []byte) error { return unmarshal(s, statusVocab, b) }

// Vocabulary returns the vocabulary of insurance locations.
func (InsuranceLocation) Vocabulary() *vocab.Vocabulary[InsuranceLocation] { return locationVocab }

// String returns l's key, e.g. "outside_city".
func (l InsuranceLocation) String() string { return locationVocab.Key(l) }

// Label returns l's label in Chinese (base language zh) or English.
func (l InsuranceLocation) Label(t language.Tag) string { return locationVocab.Label(l, t) }

// MarshalText returns the key.
func (l InsuranceLocation) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText accepts any term of [InsuranceLocation.Vocabulary].
func (l *InsuranceLocation) UnmarshalText(b []byte) error { return unmarshal(l, locationVocab, b) }

// Vocabulary returns the vocabulary of contact statuses.
func (ContactStatus) Vocabulary() *vocab.Vocabulary[ContactStatus] { return contactVocab }

// String returns c's key, e.g. "not_found".
func (c ContactStatus) String() string { return contactVocab.Key(c) }

// Label returns c's label in Chinese (base language zh) or English.
func (c ContactStatus) Label(t language.Tag) string { return contactVocab.Label(c, t) }

// MarshalText returns the key.
func (c ContactStatus) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText accepts any term of [ContactStatus.Vocabulary], the words
// of 石堰府发〔2023〕10号 四(二) among them.
func (c *ContactStatus) UnmarshalText(b []byte) error { return unmarshal(c, contactVocab, b) }

// Vocabulary returns the vocabulary of 户籍 conditions.
func (HukouCondition) Vocabulary() *vocab.Vocabulary[HukouCondition] { return hukouVocab }

// String returns h's key: "any", "local" or "non_local".
func (h HukouCondition) String() string { return hukouVocab.Key(h) }

// MarshalText returns the key.
func (h HukouCondition) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText accepts any term of [HukouCondition.Vocabulary].
func (h *HukouCondition) UnmarshalText(b []byte) error { return unmarshal(h, hukouVocab, b) }

// Vocabulary returns the vocabulary of retirement classes.
func (RetirementClass) Vocabulary() *vocab.Vocabulary[RetirementClass] { return retirementVocab }

// String returns c's key: "male60", "female55", "female50" or "unknown".
func (c RetirementClass) String() string { return retirementVocab.Key(c) }

// MarshalText returns the key.
func (c RetirementClass) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText accepts any term of [RetirementClass.Vocabulary].
func (c *RetirementClass) UnmarshalText(b []byte) error { return unmarshal(c, retirementVocab, b) }

func unmarshal[E ~uint8](dst *E, v *vocab.Vocabulary[E], b []byte) error {
	e, err := v.Parse(string(b))
	if err == nil {
		*dst = e
	}
	return err
}

// term builds a Term: key, Chinese and English labels, then aliases.
func term(key, zh, en string, aliases ...string) vocab.Term {
	return vocab.Term{Key: key, Chinese: zh, English: en, Aliases: aliases}
}

// numFlags is the number of defined [Flags] bits.
const numFlags = 12

// FlagTerms returns the vocabulary of identity flags: term i names the flag
// 1<<i.
func FlagTerms() []vocab.Term { return flagVocab.Terms() }

// String returns the flags' keys joined by "|", e.g.
// "minimum_living|severe_disability", or "" for no flag. Undefined bits
// are written in hexadecimal.
func (f Flags) String() string {
	var b strings.Builder
	f.join(&b, "|", func(i uint8) string { return flagVocab.Key(i) })
	return b.String()
}

// Label returns the flags' labels in Chinese, joined by 、, or in English,
// joined by ", "; "" for no flag.
func (f Flags) Label(t language.Tag) string {
	var b strings.Builder
	sep := ", "
	if isChinese(t) {
		sep = "、"
	}
	f.join(&b, sep, func(i uint8) string { return flagVocab.Label(i, t) })
	return b.String()
}

func (f Flags) join(b *strings.Builder, sep string, pick func(uint8) string) {
	first := true
	for i := 0; i < numFlags; i++ {
		if f&(1<<i) == 0 {
			continue
		}
		if !first {
			b.WriteString(sep)
		}
		first = false
		b.WriteString(pick(uint8(i)))
	}
	if rest := f &^ (1<<numFlags - 1); rest != 0 {
		if !first {
			b.WriteString(sep)
		}
		b.WriteString("0x" + strings.ToLower(hex(uint64(rest))))
	}
}

func hex(v uint64) string {
	const digits = "0123456789abcdef"
	if v == 0 {
		return "0"
	}
	var b [16]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b[i:])
}

// MarshalText returns [Flags.String].
func (f Flags) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText accepts flag keys, labels or aliases separated by "|", 、,
// ",", ";" (ASCII or full-width) or "/", e.g. 低保对象、重度残疾人; "0" and
// empty text are no flag. Undefined bits written in hexadecimal by
// [Flags.String] are refused.
func (f *Flags) UnmarshalText(text []byte) error {
	out, bad, ok := ParseFlags(string(text))
	if !ok {
		return &vocab.TextError{Type: "flag", Input: truncate(bad, 40)}
	}
	*f = out
	return nil
}

// ParseFlags reads a list of flags as [Flags.UnmarshalText] does; on failure
// it returns the item it did not recognise.
func ParseFlags(s string) (f Flags, bad string, ok bool) {
	if strings.TrimFunc(s, isSpace) == "0" {
		return 0, "", true
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '|' || r == '、' || r == ',' || r == ';' || r == '，' || r == '；' || r == '/' || r == '+'
	}) {
		part = strings.TrimFunc(part, isSpace)
		if part == "" {
			continue
		}
		g, found := parseFlag(part)
		if !found {
			return 0, part, false
		}
		f |= g
	}
	return f, "", true
}

// MarshalJSON writes the flags as a list of keys, as a [Set] is written.
func (f Flags) MarshalJSON() ([]byte, error) {
	if rest := f &^ (1<<numFlags - 1); rest != 0 {
		return nil, &vocab.TextError{Type: "flag", Input: "0x" + hex(uint64(rest))}
	}
	keys := []string{}
	for i := 0; i < numFlags; i++ {
		if f&(1<<i) != 0 {
			keys = append(keys, flagVocab.Key(uint8(i)))
		}
	}
	return json.Marshal(keys)
}

// UnmarshalJSON reads a list of flag keys, labels or aliases.
func (f *Flags) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // as encoding/json does for null
	}
	var words []string
	if err := json.Unmarshal(b, &words); err != nil {
		return &vocab.TextError{Type: "flag list", Input: truncate(string(b), 40)}
	}
	var out Flags
	for _, w := range words {
		g, ok := parseFlag(w)
		if !ok {
			return &vocab.TextError{Type: "flag", Input: truncate(w, 40)}
		}
		if out&g != 0 {
			return &vocab.TextError{Type: "flag (listed twice)", Input: truncate(w, 40)}
		}
		out |= g
	}
	*f = out
	return nil
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// parseFlag returns the single flag whose key, label or alias is s.
func parseFlag(s string) (Flags, bool) {
	i, ok := flagVocab.Lookup(s)
	if !ok {
		return 0, false
	}
	return 1 << i, true
}
