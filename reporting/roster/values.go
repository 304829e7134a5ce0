package roster

import (
	"time"

	"github.com/canbao/kuomian/eligibility"
)

// A vocab entry maps one way of writing a value to the value.
type vocab[T any] struct {
	text string
	v    T
}

// lookupVocab finds b in table. The comparison string(b) == e.text does not
// allocate.
func lookupVocab[T any](table []vocab[T], b []byte) (T, bool) {
	for _, e := range table {
		if string(b) == e.text {
			return e.v, true
		}
	}
	var zero T
	return zero, false
}

var genderVocab = []vocab[eligibility.Gender]{
	{"男", eligibility.Male}, {"女", eligibility.Female},
	{"男性", eligibility.Male}, {"女性", eligibility.Female},
	{"M", eligibility.Male}, {"F", eligibility.Female},
	{"m", eligibility.Male}, {"f", eligibility.Female},
	{"1", eligibility.Male}, {"2", eligibility.Female},
}

// yesNoVocab reads the yes/no columns (是否本区户籍, 低保, …).
var yesNoVocab = []vocab[bool]{
	{"是", true}, {"否", false},
	{"√", true}, {"×", false},
	{"Y", true}, {"N", false}, {"y", true}, {"n", false},
	{"1", true}, {"0", false},
	{"有", true}, {"无", false},
	{"本区", true}, {"区外", false}, {"本地", true}, {"外地", false},
}

// employmentVocab lists the commonest values first: most rows of a campaign
// roster are people without work.
var employmentVocab = []vocab[eligibility.EmploymentKind]{
	{"未就业", eligibility.NotEmployed},
	{"务农", eligibility.NotEmployed},
	{"单位就业", eligibility.EmployedByUnit},
	{"已就业", eligibility.EmployedByUnit},
	{"在职", eligibility.EmployedByUnit},
	{"用人单位就业", eligibility.EmployedByUnit},
	{"个体工商户", eligibility.SelfEmployedBusiness},
	{"个体", eligibility.SelfEmployedBusiness},
	{"小微企业", eligibility.SmallBusinessEmployee},
	{"小微企业从业人员", eligibility.SmallBusinessEmployee},
	{"小微企业员工", eligibility.SmallBusinessEmployee},
	{"新业态", eligibility.PlatformWorker},
	{"新业态从业人员", eligibility.PlatformWorker},
	{"新就业形态", eligibility.PlatformWorker},
	{"平台就业", eligibility.PlatformWorker},
	{"自由职业", eligibility.LicensedFreelancer},
	{"自由职业者", eligibility.LicensedFreelancer},
	{"持证自由职业者", eligibility.LicensedFreelancer},
	{"无业", eligibility.NotEmployed},
	{"失业", eligibility.NotEmployed},
	{"学生", eligibility.Student},
	{"在校学生", eligibility.Student},
}

var platformVocab = []vocab[eligibility.PlatformKind]{
	{"网约车", eligibility.PlatformRideHailing},
	{"网约车司机", eligibility.PlatformRideHailing},
	{"快递", eligibility.PlatformCourier},
	{"快递小哥", eligibility.PlatformCourier},
	{"快递员", eligibility.PlatformCourier},
	{"外卖", eligibility.PlatformFoodDelivery},
	{"外卖骑手", eligibility.PlatformFoodDelivery},
	{"同城货运", eligibility.PlatformFreight},
	{"同城货运司机", eligibility.PlatformFreight},
	{"货运司机", eligibility.PlatformFreight},
	{"其他", eligibility.PlatformOther},
}

var schemeVocab = []vocab[eligibility.Scheme]{
	{"未参保", eligibility.SchemeNone},
	{"无", eligibility.SchemeNone},
	{"否", eligibility.SchemeNone},
	{"企业职工", eligibility.SchemeEmployee},
	{"企业职工基本养老保险", eligibility.SchemeEmployee},
	{"企业职工养老保险", eligibility.SchemeEmployee},
	{"城镇职工", eligibility.SchemeEmployee},
	{"职工养老", eligibility.SchemeEmployee},
	{"城乡居民", eligibility.SchemeResident},
	{"城乡居民基本养老保险", eligibility.SchemeResident},
	{"城乡居民养老保险", eligibility.SchemeResident},
	{"居民养老", eligibility.SchemeResident},
	{"居民保", eligibility.SchemeResident},
	{"机关事业", eligibility.SchemeOther},
	{"机关事业单位养老保险", eligibility.SchemeOther},
	{"其他", eligibility.SchemeOther},
}

var statusVocab = []vocab[eligibility.InsuranceStatus]{
	{"正常", eligibility.StatusActive},
	{"正常缴费", eligibility.StatusActive},
	{"参保缴费", eligibility.StatusActive},
	{"在缴", eligibility.StatusActive},
	{"暂停", eligibility.StatusSuspended},
	{"暂停缴费", eligibility.StatusSuspended},
	{"中断缴费", eligibility.StatusSuspended},
	{"停缴", eligibility.StatusSuspended},
	{"断缴", eligibility.StatusSuspended},
}

var locationVocab = []vocab[eligibility.InsuranceLocation]{
	{"本区", eligibility.InDistrict},
	{"区内", eligibility.InDistrict},
	{"本区参保", eligibility.InDistrict},
	{"区外市内", eligibility.ElsewhereInCity},
	{"市内区外", eligibility.ElsewhereInCity},
	{"市外", eligibility.OutsideCity},
	{"外市", eligibility.OutsideCity},
	{"省外", eligibility.OutsideCity},
}

var contactVocab = []vocab[eligibility.ContactStatus]{
	{"已联系", eligibility.ContactReached},
	{"已走访", eligibility.ContactReached},
	{"联系上", eligibility.ContactReached},
	{"已联系上", eligibility.ContactReached},
	{"找不到人", eligibility.ContactNotFound},
	{"联系不上", eligibility.ContactNotFound},
	{"核查无信息", eligibility.ContactNotFound},
	{"查无此人", eligibility.ContactNotFound},
	{"不是当地", eligibility.ContactNotLocal},
	{"不是当地人", eligibility.ContactNotLocal},
	{"非本地", eligibility.ContactNotLocal},
	{"自称不是当地人", eligibility.ContactNotLocal},
	{"未走访", eligibility.ContactUnknown},
}

var flagVocab = []vocab[eligibility.Flags]{
	{"低保", eligibility.FlagMinimumLiving},
	{"低保对象", eligibility.FlagMinimumLiving},
	{"特困", eligibility.FlagExtremePoverty},
	{"特困人员", eligibility.FlagExtremePoverty},
	{"重度残疾", eligibility.FlagSevereDisability},
	{"重度残疾人", eligibility.FlagSevereDisability},
	{"重度残疾人员", eligibility.FlagSevereDisability},
	{"被征地", eligibility.FlagLandAcquired},
	{"被征地人员", eligibility.FlagLandAcquired},
	{"新征地人员", eligibility.FlagLandAcquired},
	{"被征地农民", eligibility.FlagLandAcquired},
	{"镇街聘用", eligibility.FlagTownshipHire},
	{"镇(街道)聘用人员", eligibility.FlagTownshipHire},
	{"镇街聘用人员", eligibility.FlagTownshipHire},
	{"村干部", eligibility.FlagVillageCadre},
	{"村(社区)干部", eligibility.FlagVillageCadre},
	{"在职村干部", eligibility.FlagVillageCadre},
	{"财政供养", eligibility.FlagFiscallySupported},
	{"财政供养人员", eligibility.FlagFiscallySupported},
	{"产业带头人", eligibility.FlagIndustryLeader},
	{"农村劳动力转移", eligibility.FlagRuralMigrantWorker},
	{"农村劳动力转移人员", eligibility.FlagRuralMigrantWorker},
	{"农村转移劳动力", eligibility.FlagRuralMigrantWorker},
	{"退捕渔民", eligibility.FlagRetiredFisher},
	{"高校毕业生", eligibility.FlagCollegeGraduate},
	{"就业困难", eligibility.FlagEmploymentDifficulty},
	{"就业困难人员", eligibility.FlagEmploymentDifficulty},
}

// flagColumns gives the flag each yes/no flag column sets.
var flagColumns = [numColumns]eligibility.Flags{
	ColumnMinimumLiving:        eligibility.FlagMinimumLiving,
	ColumnExtremePoverty:       eligibility.FlagExtremePoverty,
	ColumnSevereDisability:     eligibility.FlagSevereDisability,
	ColumnLandAcquired:         eligibility.FlagLandAcquired,
	ColumnTownshipHire:         eligibility.FlagTownshipHire,
	ColumnVillageCadre:         eligibility.FlagVillageCadre,
	ColumnFiscallySupported:    eligibility.FlagFiscallySupported,
	ColumnIndustryLeader:       eligibility.FlagIndustryLeader,
	ColumnRuralMigrantWorker:   eligibility.FlagRuralMigrantWorker,
	ColumnRetiredFisher:        eligibility.FlagRetiredFisher,
	ColumnCollegeGraduate:      eligibility.FlagCollegeGraduate,
	ColumnEmploymentDifficulty: eligibility.FlagEmploymentDifficulty,
}

// isListSep reports whether r separates the items of a 身份标记 list.
func isListSep(c byte) bool {
	return c == ',' || c == ';' || c == '/' || c == ' ' || c == '|' || c == '+'
}

// parseFlagList reads a list such as "低保、被征地" (already width-folded, so
// "，" and "；" are ASCII). It returns the first item it cannot read.
func parseFlagList(b []byte) (eligibility.Flags, []byte, bool) {
	var f eligibility.Flags
	for len(b) > 0 {
		n := 0
		for n < len(b) && !isListSep(b[n]) && !hasPrefixStr(b[n:], "、") {
			n++
		}
		item := b[:n]
		if len(item) > 0 {
			g, ok := lookupVocab(flagVocab, item)
			if !ok {
				return f, item, false
			}
			f |= g
		}
		b = b[n:]
		if hasPrefixStr(b, "、") {
			b = b[len("、"):]
		} else if len(b) > 0 {
			b = b[1:]
		}
	}
	return f, nil, true
}

func hasPrefixStr(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// parseRosterDate reads the date forms rosters hold: 2006-01-02, 20060102,
// 2006/1/2, 2006.1.2 and 2006年1月2日, with one- or two-digit month and
// day, also followed by a time of day (2019/7/18 0:00, 2019-07-18
// 00:00:00), as Excel writes a cell formatted as a date and time; the time
// is ignored. It does not allocate. It refuses Excel serial numbers (38719 for
// 2006-01-02, what a date cell becomes when its column is formatted as a
// number): a five-digit number is also a plausible typo, and a birth date
// read wrongly is worse than a row refused.
func parseRosterDate(b []byte) (eligibility.Date, bool) {
	if i := indexByte(b, ' '); i > 0 && isClock(b[i+1:]) {
		b = b[:i] // 2019/7/18 0:00, as Excel writes a date-time cell
	}
	if len(b) == 8 {
		// 20060102, unless the 8 bytes are a short date with separators
		// such as 2006/1/2.
		y, ok1 := atoiBytes(b[0:4])
		m, ok2 := atoiBytes(b[4:6])
		d, ok3 := atoiBytes(b[6:8])
		if ok1 && ok2 && ok3 {
			return newDate(y, m, d)
		}
	}
	var parts [3]int
	p := 0
	for i := 0; i < 3; i++ {
		start := p
		for p < len(b) && b[p] >= '0' && b[p] <= '9' {
			p++
		}
		n := p - start
		if n == 0 || (i == 0 && n != 4) || (i > 0 && n > 2) {
			return eligibility.Date{}, false
		}
		parts[i], _ = atoiBytes(b[start:p])
		rest := b[p:]
		switch {
		case i < 2 && len(rest) > 0 && (rest[0] == '-' || rest[0] == '/' || rest[0] == '.'):
			p++
		case i == 0 && hasPrefixStr(rest, "年"):
			p += len("年")
		case i == 1 && hasPrefixStr(rest, "月"):
			p += len("月")
		case i == 2 && hasPrefixStr(rest, "日"):
			p += len("日")
		case i == 2 && len(rest) == 0:
		default:
			return eligibility.Date{}, false
		}
	}
	if p != len(b) {
		return eligibility.Date{}, false
	}
	return newDate(parts[0], parts[1], parts[2])
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// isClock reports whether b is a time of day: H:MM or HH:MM, with optional
// :SS.
func isClock(b []byte) bool {
	parts := 0
	for len(b) > 0 {
		n := 0
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n == 0 || n > 2 || (parts > 0 && n != 2) {
			return false
		}
		v, _ := atoiBytes(b[:n])
		if parts == 0 && v > 23 || parts > 0 && v > 59 {
			return false
		}
		parts++
		b = b[n:]
		if len(b) > 0 {
			if b[0] != ':' || len(b) == 1 {
				return false
			}
			b = b[1:]
		}
	}
	return parts == 2 || parts == 3
}

func newDate(y, m, d int) (eligibility.Date, bool) {
	if m < 1 || m > 12 {
		return eligibility.Date{}, false
	}
	date, err := eligibility.NewDate(y, time.Month(m), d)
	return date, err == nil
}

// atoiBytes reads a short run of ASCII digits.
func atoiBytes(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
