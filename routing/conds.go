package routing

import (
	"github.com/canbao/kuomian/eligibility"
	"golang.org/x/text/language"
)

// EmploymentSet is a set of [eligibility.EmploymentKind] values (a bitset
// indexed by the kind). The zero value is empty; in a [Condition] an empty
// set means "any".
type EmploymentSet uint16

var employmentNames = []name{
	{"unknown", "未知", "unknown"},
	{"employed_by_unit", "单位就业", "employed by a unit"},
	{"self_employed_business", "个体工商户", "self-employed business owner"},
	{"small_business_employee", "小微企业从业人员", "small-business employee"},
	{"platform_worker", "新业态从业人员", "platform worker"},
	{"licensed_freelancer", "持证自由职业者", "licensed freelancer"},
	{"not_employed", "未就业", "not employed"},
	{"student", "在校学生", "student"},
}

// EmploymentOf returns the set holding the given kinds.
func EmploymentOf(kinds ...eligibility.EmploymentKind) EmploymentSet {
	var s EmploymentSet
	for _, k := range kinds {
		if int(k) < len(employmentNames) {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in the set.
func (s EmploymentSet) Has(k eligibility.EmploymentKind) bool { return k < 16 && s&(1<<k) != 0 }

// String lists the keys, separated by commas.
func (s EmploymentSet) String() string { return joinKeys(uint32(s), employmentNames) }

// MarshalJSON encodes the set as a list of keys.
func (s EmploymentSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), employmentNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *EmploymentSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "employment", employmentNames)
	*s = EmploymentSet(v)
	return err
}

func (EmploymentSet) knownNames() []string { return keys(employmentNames) }

// InsuredSet is a set of [eligibility.Scheme] values a resident is insured
// in (SchemeNone = 未参保). In a [Condition] an empty set means "any".
type InsuredSet uint8

var insuredNames = []name{
	{"none", "未参保", "uninsured"},
	{"employee", "企业职工基本养老保险", "enterprise employees' pension"},
	{"resident", "城乡居民基本养老保险", "residents' pension"},
	{"other", "其他基本养老保险", "other statutory pension"},
}

// InsuredOf returns the set holding the given schemes.
func InsuredOf(schemes ...eligibility.Scheme) InsuredSet {
	var s InsuredSet
	for _, k := range schemes {
		if int(k) < len(insuredNames) {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in the set.
func (s InsuredSet) Has(k eligibility.Scheme) bool { return k < 8 && s&(1<<k) != 0 }

// String lists the keys, separated by commas.
func (s InsuredSet) String() string { return joinKeys(uint32(s), insuredNames) }

// MarshalJSON encodes the set as a list of keys.
func (s InsuredSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), insuredNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *InsuredSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "insured scheme", insuredNames)
	*s = InsuredSet(v)
	return err
}

func (InsuredSet) knownNames() []string { return keys(insuredNames) }

// StatusSet is a set of [eligibility.InsuranceStatus] values. In a
// [Condition] an empty set means "any".
type StatusSet uint8

var statusNames = []name{
	{"unknown", "未知", "unknown"},
	{"active", "正常缴费", "active"},
	{"suspended", "暂停缴费", "suspended"},
}

// StatusOf returns the set holding the given statuses.
func StatusOf(st ...eligibility.InsuranceStatus) StatusSet {
	var s StatusSet
	for _, k := range st {
		if int(k) < len(statusNames) {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in the set.
func (s StatusSet) Has(k eligibility.InsuranceStatus) bool { return k < 8 && s&(1<<k) != 0 }

// String lists the keys, separated by commas.
func (s StatusSet) String() string { return joinKeys(uint32(s), statusNames) }

// MarshalJSON encodes the set as a list of keys.
func (s StatusSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), statusNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *StatusSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "insurance status", statusNames)
	*s = StatusSet(v)
	return err
}

func (StatusSet) knownNames() []string { return keys(statusNames) }

// LocationSet is a set of [eligibility.InsuranceLocation] values. In a
// [Condition] an empty set means "any".
type LocationSet uint8

var locationNames = []name{
	{"unknown", "未知", "unknown"},
	{"in_district", "本区", "in the district"},
	{"elsewhere_in_city", "区外市内", "elsewhere in the city"},
	{"outside_city", "市外", "outside the city"},
}

// LocationOf returns the set holding the given locations.
func LocationOf(ls ...eligibility.InsuranceLocation) LocationSet {
	var s LocationSet
	for _, k := range ls {
		if int(k) < len(locationNames) {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in the set.
func (s LocationSet) Has(k eligibility.InsuranceLocation) bool { return k < 8 && s&(1<<k) != 0 }

// String lists the keys, separated by commas.
func (s LocationSet) String() string { return joinKeys(uint32(s), locationNames) }

// MarshalJSON encodes the set as a list of keys.
func (s LocationSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), locationNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *LocationSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "insurance location", locationNames)
	*s = LocationSet(v)
	return err
}

func (LocationSet) knownNames() []string { return keys(locationNames) }

// ContactSet is a set of [eligibility.ContactStatus] values. In a
// [Condition] an empty set means "any".
type ContactSet uint8

var contactNames = []name{
	{"unknown", "未走访", "not yet visited"},
	{"reached", "已联系", "reached"},
	{"not_found", "找不到人、联系不上、核查无信息", "cannot be found"},
	{"not_local", "村组觉得不是当地的群众", "thought by the village not to be local"},
}

// ContactOf returns the set holding the given statuses.
func ContactOf(cs ...eligibility.ContactStatus) ContactSet {
	var s ContactSet
	for _, k := range cs {
		if int(k) < len(contactNames) {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in the set.
func (s ContactSet) Has(k eligibility.ContactStatus) bool { return k < 8 && s&(1<<k) != 0 }

// String lists the keys, separated by commas.
func (s ContactSet) String() string { return joinKeys(uint32(s), contactNames) }

// MarshalJSON encodes the set as a list of keys.
func (s ContactSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), contactNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *ContactSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "contact status", contactNames)
	*s = ContactSet(v)
	return err
}

func (ContactSet) knownNames() []string { return keys(contactNames) }

// FlagSet is a set of [eligibility.Flags] (身份标记). In a [Condition] the
// resident matches when they carry any flag of the set; empty means "any".
type FlagSet eligibility.Flags

// flagNames follows the bit order of the eligibility.Flag… constants.
var flagNames = []name{
	{"minimum_living", "低保对象", "minimum-living-allowance recipient"},
	{"extreme_poverty", "特困人员", "person in extreme poverty"},
	{"severe_disability", "重度残疾人", "person with severe disability"},
	{"land_acquired", "被征地人员", "land-acquired resident"},
	{"township_hire", "镇(街道)聘用人员", "township hire"},
	{"village_cadre", "村(社区)干部", "village cadre"},
	{"fiscally_supported", "财政供养人员", "fiscally supported person"},
	{"industry_leader", "产业带头人", "industry leader"},
	{"rural_migrant_worker", "农村劳动力转移人员", "rural migrant worker"},
	{"retired_fisher", "退捕渔民", "retired fisher"},
	{"college_graduate", "高校毕业生", "college graduate"},
	{"employment_difficulty", "就业困难人员", "person with employment difficulty"},
}

// String lists the keys, separated by commas.
func (s FlagSet) String() string { return joinKeys(uint32(s), flagNames) }

// MarshalJSON encodes the set as a list of keys.
func (s FlagSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), flagNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *FlagSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "flag", flagNames)
	*s = FlagSet(v)
	return err
}

func (FlagSet) knownNames() []string { return keys(flagNames) }

var groupNames = []name{
	{"", "", ""},
	{"small_business", "个体工商户、小微企业等未参保市场主体", "uninsured small businesses and the self-employed"},
	{"subsidy_eligible", "新征地人员等补贴对象及财政供养人员", "subsidy-eligible and fiscally supported people"},
	{"platform_worker", "新业态从业人员", "platform workers"},
	{"licensed_freelancer", "持证自由职业者", "licensed freelancers"},
	{"affluent_resident", "城乡富裕人员", "affluent residents (tier above 1000 yuan)"},
	{"hardship", "低保对象、特困人员、重度残疾人员等缴费困难群体", "hardship group (低保, 特困, 重度残疾)"},
	{"suspended_elsewhere", "区外已参保且暂停缴费人员", "insured outside the district, contributions suspended"},
	{"other_uninsured", "其他应参未参人员", "other uninsured people"},
	{"elderly_back_pay", "60周岁以上超龄未参保本地户籍老年居民", "uninsured local residents aged 60 and over"},
}

// GroupMask is a set of target groups ([eligibility.Group]) with the same
// bits as [eligibility.GroupSet] (bit g for group g), named in JSON and case
// files by keys such as "hardship". In a [Condition] the resident matches
// when they are in any group of the mask; empty means "any".
type GroupMask eligibility.GroupSet

// GroupsOf returns the mask holding the given groups (invalid ones ignored).
func GroupsOf(gs ...eligibility.Group) GroupMask {
	return GroupMask(eligibility.GroupsOf(gs...))
}

// AllGroups is the mask of every target group.
const AllGroups = GroupMask(eligibility.AllGroups)

// Has reports whether g is in the mask.
func (m GroupMask) Has(g eligibility.Group) bool { return eligibility.GroupSet(m).Has(g) }

// Set returns the mask as an [eligibility.GroupSet].
func (m GroupMask) Set() eligibility.GroupSet { return eligibility.GroupSet(m) }

// Label joins the groups' names in Chinese (zh) or English. Chinese names
// contain 、 themselves (低保对象、特困人员…), so they are joined with ；.
func (m GroupMask) Label(tag language.Tag) string {
	if isChinese(tag) {
		return bitLabels(uint32(m), groupNames, true, "；")
	}
	return bitLabels(uint32(m), groupNames, false, sepFor(tag))
}

// String lists the keys, separated by commas.
func (m GroupMask) String() string { return joinKeys(uint32(m), groupNames) }

// MarshalJSON encodes the mask as a list of keys.
func (m GroupMask) MarshalJSON() ([]byte, error) { return marshalBits(uint32(m), groupNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (m *GroupMask) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "group", groupNames)
	*m = GroupMask(v)
	return err
}

func (GroupMask) knownNames() []string { return keys(groupNames) }

// OutcomeSet is a set of [Outcome] values, used by venue, subsidy and action
// rules to look at the outcome chosen by the route rules. Empty means "any".
type OutcomeSet uint8

// OutcomesOf returns the set holding the given outcomes.
func OutcomesOf(os ...Outcome) OutcomeSet {
	var s OutcomeSet
	for _, o := range os {
		if int(o) < len(outcomeNames) {
			s |= 1 << o
		}
	}
	return s
}

// Has reports whether o is in the set.
func (s OutcomeSet) Has(o Outcome) bool { return o < 8 && s&(1<<o) != 0 }

// String lists the keys, separated by commas.
func (s OutcomeSet) String() string { return joinKeys(uint32(s), outcomeNames) }

// MarshalJSON encodes the set as a list of keys.
func (s OutcomeSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), outcomeNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *OutcomeSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "outcome", outcomeNames)
	*s = OutcomeSet(v)
	return err
}

func (OutcomeSet) knownNames() []string { return keys(outcomeNames) }

// ChannelSet is a set of [Channel] values, used by venue, subsidy and action
// rules to look at the channel chosen by the route rules. Empty means "any".
type ChannelSet uint8

// ChannelsOf returns the set holding the given channels.
func ChannelsOf(cs ...Channel) ChannelSet {
	var s ChannelSet
	for _, c := range cs {
		if int(c) < len(channelNames) {
			s |= 1 << c
		}
	}
	return s
}

// Has reports whether c is in the set.
func (s ChannelSet) Has(c Channel) bool { return c < 8 && s&(1<<c) != 0 }

// String lists the keys, separated by commas.
func (s ChannelSet) String() string { return joinKeys(uint32(s), channelNames) }

// MarshalJSON encodes the set as a list of keys.
func (s ChannelSet) MarshalJSON() ([]byte, error) { return marshalBits(uint32(s), channelNames) }

// UnmarshalJSON decodes a list of keys or labels.
func (s *ChannelSet) UnmarshalJSON(b []byte) error {
	v, err := unmarshalBits(b, "channel", channelNames)
	*s = ChannelSet(v)
	return err
}

func (ChannelSet) knownNames() []string { return keys(channelNames) }
