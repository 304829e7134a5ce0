package eligibility

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// label is the triple every enumeration of this package carries: its Go
// identifier (String), its Chinese label and its English label.
type label struct{ name, zh, en string }

func (l label) pick(t language.Tag) string {
	if isChinese(t) {
		return l.zh
	}
	return l.en
}

func unknownName(typ string, v uint8) label {
	s := typ + "(" + strconv.Itoa(int(v)) + ")"
	return label{s, s, s}
}

func (k EmploymentKind) label() label {
	switch k {
	case EmploymentUnknown:
		return label{"EmploymentUnknown", "就业状况未知", "employment unknown"}
	case EmployedByUnit:
		return label{"EmployedByUnit", "单位就业", "employed by a unit"}
	case SelfEmployedBusiness:
		return label{"SelfEmployedBusiness", "个体工商户", "individual business owner"}
	case SmallBusinessEmployee:
		return label{"SmallBusinessEmployee", "小微企业从业人员", "small-business employee"}
	case PlatformWorker:
		return label{"PlatformWorker", "新业态从业人员", "platform worker"}
	case LicensedFreelancer:
		return label{"LicensedFreelancer", "持证自由职业者", "licensed freelancer"}
	case NotEmployed:
		return label{"NotEmployed", "未就业", "not employed"}
	case Student:
		return label{"Student", "在校学生", "student"}
	}
	return unknownName("EmploymentKind", uint8(k))
}

// String returns the Go identifier of k, e.g. "PlatformWorker".
func (k EmploymentKind) String() string { return k.label().name }

// Label returns k's label in Chinese (base language zh) or English.
func (k EmploymentKind) Label(t language.Tag) string { return k.label().pick(t) }

func (k PlatformKind) label() label {
	switch k {
	case PlatformUnknown:
		return label{"PlatformUnknown", "平台类型未知", "platform unknown"}
	case PlatformRideHailing:
		return label{"PlatformRideHailing", "网约车司机", "ride-hailing driver"}
	case PlatformCourier:
		return label{"PlatformCourier", "快递小哥", "courier"}
	case PlatformFoodDelivery:
		return label{"PlatformFoodDelivery", "外卖骑手", "food-delivery rider"}
	case PlatformFreight:
		return label{"PlatformFreight", "同城货运司机", "same-city freight driver"}
	case PlatformOther:
		return label{"PlatformOther", "其他新就业形态", "other platform work"}
	}
	return unknownName("PlatformKind", uint8(k))
}

// String returns the Go identifier of k, e.g. "PlatformCourier".
func (k PlatformKind) String() string { return k.label().name }

// Label returns k's label in Chinese (base language zh) or English.
func (k PlatformKind) Label(t language.Tag) string { return k.label().pick(t) }

func (s Scheme) label() label {
	switch s {
	case SchemeNone:
		return label{"SchemeNone", "未参保", "not insured"}
	case SchemeEmployee:
		return label{"SchemeEmployee", "企业职工基本养老保险", "basic pension insurance for enterprise employees"}
	case SchemeResident:
		return label{"SchemeResident", "城乡居民基本养老保险", "basic pension insurance for urban and rural residents"}
	case SchemeOther:
		return label{"SchemeOther", "其他法定基本养老保险", "another statutory basic pension scheme"}
	}
	return unknownName("Scheme", uint8(s))
}

// String returns the Go identifier of s, e.g. "SchemeResident".
func (s Scheme) String() string { return s.label().name }

// Label returns s's label in Chinese (base language zh) or English.
func (s Scheme) Label(t language.Tag) string { return s.label().pick(t) }

func (s InsuranceStatus) label() label {
	switch s {
	case StatusUnknown:
		return label{"StatusUnknown", "缴费状态未知", "contribution status unknown"}
	case StatusActive:
		return label{"StatusActive", "正常缴费", "contributing"}
	case StatusSuspended:
		return label{"StatusSuspended", "暂停缴费", "contributions suspended"}
	}
	return unknownName("InsuranceStatus", uint8(s))
}

// String returns the Go identifier of s, e.g. "StatusSuspended".
func (s InsuranceStatus) String() string { return s.label().name }

// Label returns s's label in Chinese (base language zh) or English.
func (s InsuranceStatus) Label(t language.Tag) string { return s.label().pick(t) }

func (l InsuranceLocation) label() label {
	switch l {
	case LocationUnknown:
		return label{"LocationUnknown", "参保地未知", "insured where unknown"}
	case InDistrict:
		return label{"InDistrict", "本区参保", "insured in the district"}
	case ElsewhereInCity:
		return label{"ElsewhereInCity", "区外市内参保", "insured elsewhere in the city"}
	case OutsideCity:
		return label{"OutsideCity", "市外参保", "insured outside the city"}
	}
	return unknownName("InsuranceLocation", uint8(l))
}

// String returns the Go identifier of l, e.g. "OutsideCity".
func (l InsuranceLocation) String() string { return l.label().name }

// Label returns l's label in Chinese (base language zh) or English.
func (l InsuranceLocation) Label(t language.Tag) string { return l.label().pick(t) }

func (c ContactStatus) label() label {
	switch c {
	case ContactUnknown:
		return label{"ContactUnknown", "未走访", "not yet visited"}
	case ContactReached:
		return label{"ContactReached", "已联系", "reached"}
	case ContactNotFound:
		return label{"ContactNotFound", "找不到人、联系不上、核查无信息", "cannot be found"}
	case ContactNotLocal:
		return label{"ContactNotLocal", "村组觉得不是当地的群众", "thought by the village not to be local"}
	}
	return unknownName("ContactStatus", uint8(c))
}

// String returns the Go identifier of c, e.g. "ContactNotFound".
func (c ContactStatus) String() string { return c.label().name }

// Label returns c's label in Chinese (base language zh) or English.
func (c ContactStatus) Label(t language.Tag) string { return c.label().pick(t) }

// NumFlags is the number of defined [Flags] bits.
const NumFlags = 12

func flagLabel(f Flags) label {
	switch f {
	case FlagMinimumLiving:
		return label{"FlagMinimumLiving", "低保对象", "minimum living allowance recipient"}
	case FlagExtremePoverty:
		return label{"FlagExtremePoverty", "特困人员", "person in extreme poverty"}
	case FlagSevereDisability:
		return label{"FlagSevereDisability", "重度残疾人", "person with a severe disability"}
	case FlagLandAcquired:
		return label{"FlagLandAcquired", "被征地人员", "land-acquired person"}
	case FlagTownshipHire:
		return label{"FlagTownshipHire", "镇(街道)聘用人员", "township hire"}
	case FlagVillageCadre:
		return label{"FlagVillageCadre", "村(社区)干部", "village cadre"}
	case FlagFiscallySupported:
		return label{"FlagFiscallySupported", "财政供养人员", "fiscally supported staff"}
	case FlagIndustryLeader:
		return label{"FlagIndustryLeader", "产业带头人", "industry leader"}
	case FlagRuralMigrantWorker:
		return label{"FlagRuralMigrantWorker", "农村劳动力转移人员", "rural migrant worker"}
	case FlagRetiredFisher:
		return label{"FlagRetiredFisher", "退捕渔民", "retired fisher"}
	case FlagCollegeGraduate:
		return label{"FlagCollegeGraduate", "高校毕业生", "college graduate"}
	case FlagEmploymentDifficulty:
		return label{"FlagEmploymentDifficulty", "就业困难人员", "person with employment difficulty"}
	}
	return label{}
}

// String returns the flags as their Go identifiers joined by "|", e.g.
// "FlagMinimumLiving|FlagSevereDisability", or "0" for no flag. Undefined
// bits are written in hexadecimal.
func (f Flags) String() string {
	if f == 0 {
		return "0"
	}
	var b strings.Builder
	f.join(&b, "|", func(l label) string { return l.name })
	return b.String()
}

// Label returns the flags' labels in Chinese, joined by 、, or in English,
// joined by ", "; "" for no flag.
func (f Flags) Label(t language.Tag) string {
	var b strings.Builder
	if isChinese(t) {
		f.join(&b, "、", func(l label) string { return l.zh })
	} else {
		f.join(&b, ", ", func(l label) string { return l.en })
	}
	return b.String()
}

func (f Flags) join(b *strings.Builder, sep string, pick func(label) string) {
	first := true
	for i := 0; i < NumFlags; i++ {
		g := Flags(1) << i
		if f&g == 0 {
			continue
		}
		if !first {
			b.WriteString(sep)
		}
		first = false
		b.WriteString(pick(flagLabel(g)))
	}
	if rest := f &^ (1<<NumFlags - 1); rest != 0 {
		if !first {
			b.WriteString(sep)
		}
		b.WriteString("0x" + strconv.FormatUint(uint64(rest), 16))
	}
}

// parseLabel finds the value in 0..n-1 whose Go name, Chinese label or
// English label is s.
func parseLabel[E ~uint8](typ, s string, n int, lab func(E) label) (E, error) {
	for v := 0; v < n; v++ {
		if l := lab(E(v)); s == l.name || s == l.zh || s == l.en {
			return E(v), nil
		}
	}
	return 0, &TextError{Type: typ, Input: truncate(s, 40)}
}

// MarshalText implements encoding.TextMarshaler with [EmploymentKind.String].
func (k EmploymentKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the Go name
// and the Chinese and English labels.
func (k *EmploymentKind) UnmarshalText(text []byte) error {
	v, err := parseLabel("EmploymentKind", string(text), int(Student)+1, EmploymentKind.label)
	if err == nil {
		*k = v
	}
	return err
}

// MarshalText implements encoding.TextMarshaler with [PlatformKind.String].
func (k PlatformKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the Go name
// and the Chinese and English labels.
func (k *PlatformKind) UnmarshalText(text []byte) error {
	v, err := parseLabel("PlatformKind", string(text), int(PlatformOther)+1, PlatformKind.label)
	if err == nil {
		*k = v
	}
	return err
}

// MarshalText implements encoding.TextMarshaler with [Scheme.String].
func (s Scheme) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the Go name
// and the Chinese and English labels.
func (s *Scheme) UnmarshalText(text []byte) error {
	v, err := parseLabel("Scheme", string(text), int(SchemeOther)+1, Scheme.label)
	if err == nil {
		*s = v
	}
	return err
}

// MarshalText implements encoding.TextMarshaler with [InsuranceStatus.String].
func (s InsuranceStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the Go name
// and the Chinese and English labels.
func (s *InsuranceStatus) UnmarshalText(text []byte) error {
	v, err := parseLabel("InsuranceStatus", string(text), int(StatusSuspended)+1, InsuranceStatus.label)
	if err == nil {
		*s = v
	}
	return err
}

// MarshalText implements encoding.TextMarshaler with [InsuranceLocation.String].
func (l InsuranceLocation) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the Go name
// and the Chinese and English labels.
func (l *InsuranceLocation) UnmarshalText(text []byte) error {
	v, err := parseLabel("InsuranceLocation", string(text), int(OutsideCity)+1, InsuranceLocation.label)
	if err == nil {
		*l = v
	}
	return err
}

// MarshalText implements encoding.TextMarshaler with [ContactStatus.String].
func (c ContactStatus) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the Go name
// and the Chinese and English labels.
func (c *ContactStatus) UnmarshalText(text []byte) error {
	v, err := parseLabel("ContactStatus", string(text), int(ContactNotLocal)+1, ContactStatus.label)
	if err == nil {
		*c = v
	}
	return err
}

// MarshalText implements encoding.TextMarshaler with [Flags.String], except
// that no flag is empty text.
func (f Flags) MarshalText() ([]byte, error) {
	if f == 0 {
		return []byte{}, nil
	}
	return []byte(f.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts flag names
// or Chinese or English labels separated by "|", "、", "," or ";" (e.g.
// "低保对象、重度残疾人"), "0", and empty text for no flag. Undefined bits
// written in hexadecimal by [Flags.String] are refused.
func (f *Flags) UnmarshalText(text []byte) error {
	s := string(text)
	if s == "" || s == "0" {
		*f = 0
		return nil
	}
	var out Flags
	for _, part := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '|' || r == '、' || r == ',' || r == ';' || r == '，' || r == '；'
	}) {
		part = strings.TrimSpace(part)
		found := false
		for i := 0; i < NumFlags; i++ {
			g := Flags(1) << i
			if l := flagLabel(g); part == l.name || part == l.zh || part == l.en {
				out |= g
				found = true
				break
			}
		}
		if !found {
			return &TextError{Type: "Flags", Input: truncate(part, 40)}
		}
	}
	*f = out
	return nil
}

// MarshalText implements encoding.TextMarshaler with [RetirementClass.String].
func (c RetirementClass) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the names of
// [RetirementClass.String].
func (c *RetirementClass) UnmarshalText(text []byte) error {
	for v := RetirementUnknown; v <= Female50; v++ {
		if string(text) == v.String() {
			*c = v
			return nil
		}
	}
	return &TextError{Type: "RetirementClass", Input: truncate(string(text), 40)}
}
