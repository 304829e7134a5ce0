package eligibility

import "github.com/shopspring/decimal"

// Resident is the set of facts a roster row gives about one person. It is a
// plain value: copy it freely. Zero fields mean "not stated"; Gender and Birth
// may be left zero when ID is valid, and are then taken from the identity
// number (see [Resident.EffectiveGender] and [Resident.EffectiveBirth]).
type Resident struct {
	ID     IDNumber // 公民身份号码
	Name   string   // 姓名
	Gender Gender   // 性别; zero means "take it from ID"
	Birth  Date     // 出生日期; zero means "take it from ID"

	Hukou      Hukou      // 户籍
	Employment Employment // 就业状况
	Insurance  Insurance  // 参保状况

	// ResidentTier is the chosen 城乡居民基本养老保险 contribution tier (缴费档次)
	// in yuan per year; zero when the resident is not in that scheme or the
	// tier is unknown. 石堰府发〔2023〕10号 二(五) counts a resident as
	// 城乡富裕人员 only when the tier is strictly above 1000 元.
	ResidentTier decimal.Decimal

	Flags          Flags // 身份标记: 低保, 特困, 重度残疾, 被征地, …
	LandAcquiredOn Date  // 征地日期, when FlagLandAcquired is set

	Contact ContactStatus // 联系状况
}

// Hukou is a resident's household registration (户籍).
type Hukou struct {
	Area    string // 户籍地 (e.g. "重庆市长寿区" or a 6-digit area code)
	Village string // 村(社区)
	// Local reports whether the 户籍 is in the campaign's own district
	// (本区户籍). Several rules apply only to local residents.
	Local bool
}

// EmploymentKind says how a resident earns a living.
type EmploymentKind uint8

// The employment kinds. The zero value is EmploymentUnknown.
const (
	EmploymentUnknown     EmploymentKind = iota // 未知
	EmployedByUnit                              // 单位就业 (employed by an enterprise or institution)
	SelfEmployedBusiness                        // 个体工商户
	SmallBusinessEmployee                       // 小微企业从业人员
	PlatformWorker                              // 新业态从业人员 (依托平台企业就业)
	LicensedFreelancer                          // 持证自由职业者
	NotEmployed                                 // 未就业
	Student                                     // 在校学生
)

// PlatformKind is the kind of platform work of a [PlatformWorker]
// (石堰府发〔2023〕10号 二(三)).
type PlatformKind uint8

// The platform kinds named by 石堰府发〔2023〕10号 二(三).
const (
	PlatformUnknown      PlatformKind = iota // 未知
	PlatformRideHailing                      // 网约车司机
	PlatformCourier                          // 快递小哥
	PlatformFoodDelivery                     // 外卖骑手
	PlatformFreight                          // 同城货运司机
	PlatformOther                            // 其他新就业形态
)

// Employment is a resident's work situation.
type Employment struct {
	Kind     EmploymentKind // 就业类型
	Platform PlatformKind   // set when Kind is PlatformWorker
	// Licence names the practising licence of a LicensedFreelancer
	// (执业资格许可证), e.g. "导游" or "律师". Free text: the documents say
	// "导游、律师等".
	Licence string
}

// Scheme is a statutory basic pension scheme a resident may be insured in.
type Scheme uint8

// The schemes. The zero value is SchemeNone (未参保).
const (
	SchemeNone     Scheme = iota // 未参保
	SchemeEmployee               // 企业职工基本养老保险
	SchemeResident               // 城乡居民基本养老保险
	SchemeOther                  // 其他法定基本养老保险 (e.g. 机关事业单位)
)

// InsuranceStatus says whether contributions are being paid.
type InsuranceStatus uint8

// The insurance statuses.
const (
	StatusUnknown   InsuranceStatus = iota // 未知
	StatusActive                           // 正常缴费
	StatusSuspended                        // 暂停缴费
)

// InsuranceLocation says where a resident's insurance is held, relative to
// the campaign's district.
type InsuranceLocation uint8

// The insurance locations (石堰府发〔2023〕10号 二(七): 区外市内, 市外).
const (
	LocationUnknown InsuranceLocation = iota // 未知
	InDistrict                               // 本区
	ElsewhereInCity                          // 区外市内
	OutsideCity                              // 市外
)

// Insurance is a resident's basic-pension insurance record.
type Insurance struct {
	Scheme   Scheme            // SchemeNone when uninsured
	Status   InsuranceStatus   // 缴费状态: 正常缴费 or 暂停缴费
	Location InsuranceLocation // 参保地, relative to the district
}

// Flags is a set of identity markers (身份标记) a roster may carry.
type Flags uint32

// The flags. Combine them with |.
const (
	FlagMinimumLiving        Flags = 1 << iota // 低保对象
	FlagExtremePoverty                         // 特困人员
	FlagSevereDisability                       // 重度残疾人
	FlagLandAcquired                           // 被征地人员
	FlagTownshipHire                           // 镇(街道)聘用人员
	FlagVillageCadre                           // 村(社区)干部
	FlagFiscallySupported                      // 财政供养人员
	FlagIndustryLeader                         // 产业带头人
	FlagRuralMigrantWorker                     // 农村劳动力转移人员
	FlagRetiredFisher                          // 退捕渔民
	FlagCollegeGraduate                        // 高校毕业生
	FlagEmploymentDifficulty                   // 就业困难人员
)

// ContactStatus records whether the village could reach the resident
// (石堰府发〔2023〕10号 四(二)).
type ContactStatus uint8

// The contact statuses.
const (
	ContactUnknown  ContactStatus = iota // 未走访
	ContactReached                       // 已联系
	ContactNotFound                      // 找不到人、联系不上、核查无信息
	ContactNotLocal                      // 村组觉得不是当地的群众 (石堰府发〔2023〕10号 四(二))
)

// EffectiveGender returns the stated Gender, or when it is unknown the
// gender the identity number encodes (GenderUnknown if neither is known).
func (r Resident) EffectiveGender() Gender { return effectiveGender(&r) }

func effectiveGender(r *Resident) Gender {
	if r.Gender != GenderUnknown {
		return r.Gender
	}
	return r.ID.Gender()
}

// EffectiveBirth returns the stated birth date, or when it is unset the
// birth date the identity number encodes (the zero Date if neither is known).
func (r Resident) EffectiveBirth() Date { return effectiveBirth(&r) }

func effectiveBirth(r *Resident) Date {
	if !r.Birth.IsZero() {
		return r.Birth
	}
	return r.ID.BirthDate()
}
