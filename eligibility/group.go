package eligibility

import (
	"iter"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// Group is a target group (扩面重点人群) of an enrollment-expansion campaign:
// the eight of 石堰府发〔2023〕10号 二 and the 60+ uninsured local residents
// of 三(二)2. The zero Group is not a group ([Group.IsValid]).
type Group uint8

// The target groups, in the order of the document.
const (
	GroupSmallBusiness      Group = iota + 1 // 一 个体工商户、小微企业等未参保市场主体 (二(一))
	GroupSubsidyEligible                     // 二 新征地人员等符合政府参保缴费补贴政策人员及财政供养人员 (二(二))
	GroupPlatformWorker                      // 三 依托平台企业就业的新业态从业人员 (二(三))
	GroupLicensedFreelancer                  // 四 持有执业资格许可证群体中的自由职业者 (二(四))
	GroupAffluentResident                    // 五 城乡富裕人员: 城乡居民 tier strictly above 1000 元 (二(五))
	GroupHardship                            // 六 低保对象、特困人员、重度残疾人员等缴费困难群体 (二(六))
	GroupSuspendedElsewhere                  // 七 区外已参保且暂停缴费的人员 (二(七))
	GroupOtherUninsured                      // 八 其他符合参保条件的应参未参人员 (二(八))
	GroupElderlyBackPay                      // 60周岁以上超龄未参保本地户籍老年居民, 补缴 (三(二)2)
)

// NumGroups is the number of target groups; valid groups are 1..NumGroups.
const NumGroups = 9

type groupInfo struct {
	name, numeral, clause, zh, en string
}

func (g Group) info() groupInfo {
	switch g {
	case GroupSmallBusiness:
		return groupInfo{"SmallBusiness", "一", "二(一)", "个体工商户、小微企业等未参保市场主体", "uninsured individual businesses and small enterprises"}
	case GroupSubsidyEligible:
		return groupInfo{"SubsidyEligible", "二", "二(二)", "新征地人员等符合享受政府参保缴费补贴政策人员及财政供养人员", "people eligible for contribution subsidies (newly land-acquired and others) and fiscally supported staff"}
	case GroupPlatformWorker:
		return groupInfo{"PlatformWorker", "三", "二(三)", "依托平台企业就业的新业态从业人员", "platform workers in new forms of employment"}
	case GroupLicensedFreelancer:
		return groupInfo{"LicensedFreelancer", "四", "二(四)", "持有执业资格许可证群体中的自由职业者", "freelancers holding a practising licence"}
	case GroupAffluentResident:
		return groupInfo{"AffluentResident", "五", "二(五)", "具备城镇职工养老保险缴费能力的城乡富裕人员", "affluent residents able to pay into the employee scheme"}
	case GroupHardship:
		return groupInfo{"Hardship", "六", "二(六)", "低保对象、特困人员、重度残疾人员等缴费困难群体", "people who find contributions hard to pay (minimum living allowance, extreme poverty, severe disability)"}
	case GroupSuspendedElsewhere:
		return groupInfo{"SuspendedElsewhere", "七", "二(七)", "区外已参保且属于暂停缴费的人员", "insured outside the district with contributions suspended"}
	case GroupOtherUninsured:
		return groupInfo{"OtherUninsured", "八", "二(八)", "其他符合参保条件的应参未参人员", "other people who should be insured and are not"}
	case GroupElderlyBackPay:
		return groupInfo{"ElderlyBackPay", "", "三(二)2", "60周岁以上超龄未参保的本地户籍老年居民（补缴）", "uninsured local residents aged 60 or over (back payment)"}
	}
	return groupInfo{}
}

// IsValid reports whether g is one of the target groups.
func (g Group) IsValid() bool { return g >= 1 && g <= NumGroups }

// String returns the group's English identifier without the Group prefix,
// e.g. "PlatformWorker", or "Group(n)" for an invalid value.
func (g Group) String() string {
	if !g.IsValid() {
		return "Group(" + strconv.Itoa(int(g)) + ")"
	}
	return g.info().name
}

// Numeral returns the Chinese ordinal the document gives the group, 一 to 八,
// or "" for [GroupElderlyBackPay], which is not one of the eight.
func (g Group) Numeral() string { return g.info().numeral }

// Clause returns where 石堰府发〔2023〕10号 defines the group, e.g. "二(三)"
// or "三(二)2". A [Rulebook] may cite a different clause for its own rule.
func (g Group) Clause() string { return g.info().clause }

// Label returns the group's name in the language of t: the document's own
// words for Chinese (base language zh), an English gloss otherwise.
func (g Group) Label(t language.Tag) string {
	if !g.IsValid() {
		return g.String()
	}
	if isChinese(t) {
		return g.info().zh
	}
	return g.info().en
}

// MarshalText implements encoding.TextMarshaler with [Group.String].
func (g Group) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts the
// identifier of [Group.String] and the numerals 一 to 八.
func (g *Group) UnmarshalText(text []byte) error {
	s := string(text)
	for c := Group(1); c <= NumGroups; c++ {
		if i := c.info(); s == i.name || (i.numeral != "" && s == i.numeral) {
			*g = c
			return nil
		}
	}
	return &TextError{Type: "Group", Input: truncate(s, 40)}
}

// GroupSet is a set of target groups, a small comparable value. The zero
// GroupSet is empty. Iterate it with [GroupSet.All], in group order.
type GroupSet uint16

// AllGroups is the set of every target group.
const AllGroups GroupSet = (1<<(NumGroups+1) - 1) &^ 1

// GroupsOf returns the set of the given groups (invalid values are ignored).
func GroupsOf(gs ...Group) GroupSet {
	var s GroupSet
	for _, g := range gs {
		s = s.With(g)
	}
	return s
}

// Has reports whether g is in s.
func (s GroupSet) Has(g Group) bool { return g.IsValid() && s&(1<<g) != 0 }

// With returns s with g added (s itself when g is invalid).
func (s GroupSet) With(g Group) GroupSet {
	if !g.IsValid() {
		return s
	}
	return s | 1<<g
}

// Without returns s with g removed.
func (s GroupSet) Without(g Group) GroupSet {
	if !g.IsValid() {
		return s
	}
	return s &^ (1 << g)
}

// Len returns the number of groups in s.
func (s GroupSet) Len() int {
	n := 0
	for v := s & AllGroups; v != 0; v &= v - 1 {
		n++
	}
	return n
}

// IsEmpty reports whether s has no group.
func (s GroupSet) IsEmpty() bool { return s&AllGroups == 0 }

// All returns the groups of s in group order.
func (s GroupSet) All() iter.Seq[Group] {
	return func(yield func(Group) bool) {
		for g := Group(1); g <= NumGroups; g++ {
			if s&(1<<g) != 0 && !yield(g) {
				return
			}
		}
	}
}

// String returns the groups as "{PlatformWorker,Hardship}", or "{}".
func (s GroupSet) String() string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for g := range s.All() {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(g.String())
	}
	b.WriteByte('}')
	return b.String()
}
