package ledger

import (
	"errors"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/roster"
)

// SourceKind is the kind of a source file: the population base, the insured
// list, or one department's list. The zero SourceKind, KindUnknown, is not a
// kind a [Source] may have.
type SourceKind uint8

// The source kinds. Each says which facts its rows give ([SourceKind.Contribution]).
const (
	KindUnknown              SourceKind = iota // 来源未知 (not a kind)
	KindPopulation                             // 户籍人口 (常住人口): the population base
	KindInsured                                // 参保库 export: 险种, 缴费状态, 参保地, 缴费档次
	KindMinimumLiving                          // 低保对象 (民政)
	KindExtremePoverty                         // 特困人员 (民政)
	KindSevereDisability                       // 重度残疾人 (残联)
	KindLandAcquired                           // 被征地人员, with 征地日期
	KindVillageCadre                           // 村(社区)干部
	KindTownshipHire                           // 镇(街道)聘用人员
	KindFiscallySupported                      // 财政供养人员
	KindIndustryLeader                         // 产业带头人
	KindRuralMigrantWorker                     // 农村劳动力转移人员
	KindRetiredFisher                          // 退捕渔民
	KindCollegeGraduate                        // 高校毕业生
	KindEmploymentDifficulty                   // 就业困难人员
	KindBusiness                               // 个体工商户 (市场监管)
	KindLabourContract                         // 劳动合同备案: employed by a unit
	KindPlatform                               // 新业态从业人员, with 平台类型
	KindLicensed                               // 持证自由职业者, with the 执业资格
	KindInsuredElsewhere                       // 区外参保: 参保地, 险种, 缴费状态
	numKinds
)

var kindVocab = vocab.New[SourceKind]("source kind",
	vocab.Term{Key: "unknown", Chinese: "来源未知", English: "unknown source"},
	vocab.Term{Key: "population", Chinese: "户籍人口", English: "population base", Aliases: []string{"常住人口", "人口库", "户籍人口库", "人口底册", "base"}},
	vocab.Term{Key: "insured", Chinese: "参保库", English: "insured list", Aliases: []string{"参保名单", "参保人员", "参保数据", "参保库导出"}},
	vocab.Term{Key: "minimum_living", Chinese: "低保对象", English: "minimum living allowance list", Aliases: []string{"低保", "低保名单"}},
	vocab.Term{Key: "extreme_poverty", Chinese: "特困人员", English: "extreme poverty list", Aliases: []string{"特困", "特困名单"}},
	vocab.Term{Key: "severe_disability", Chinese: "重度残疾人", English: "severe disability list", Aliases: []string{"重度残疾", "重度残疾人员", "残联"}},
	vocab.Term{Key: "land_acquired", Chinese: "被征地人员", English: "land-acquired list", Aliases: []string{"被征地", "新征地人员", "被征地农民"}},
	vocab.Term{Key: "village_cadre", Chinese: "村(社区)干部", English: "village cadre list", Aliases: []string{"村干部", "村（社区）干部", "在职村干部"}},
	vocab.Term{Key: "township_hire", Chinese: "镇(街道)聘用人员", English: "township hire list", Aliases: []string{"镇街聘用", "镇街聘用人员", "镇（街道）聘用人员"}},
	vocab.Term{Key: "fiscally_supported", Chinese: "财政供养人员", English: "fiscally supported staff list", Aliases: []string{"财政供养"}},
	vocab.Term{Key: "industry_leader", Chinese: "产业带头人", English: "industry leader list"},
	vocab.Term{Key: "rural_migrant_worker", Chinese: "农村劳动力转移人员", English: "rural migrant worker list", Aliases: []string{"农村转移劳动力", "农村劳动力转移"}},
	vocab.Term{Key: "retired_fisher", Chinese: "退捕渔民", English: "retired fisher list"},
	vocab.Term{Key: "college_graduate", Chinese: "高校毕业生", English: "college graduate list"},
	vocab.Term{Key: "employment_difficulty", Chinese: "就业困难人员", English: "employment difficulty list", Aliases: []string{"就业困难"}},
	vocab.Term{Key: "business", Chinese: "个体工商户", English: "individual business register", Aliases: []string{"个体", "工商登记", "市场监管"}},
	vocab.Term{Key: "labour_contract", Chinese: "劳动合同备案", English: "labour contract filings", Aliases: []string{"劳动合同", "用工备案"}},
	vocab.Term{Key: "platform", Chinese: "新业态从业人员", English: "platform worker list", Aliases: []string{"新业态", "新就业形态", "平台就业"}},
	vocab.Term{Key: "licensed", Chinese: "持证自由职业者", English: "licensed freelancer list", Aliases: []string{"执业资格", "自由职业者", "执业资格许可证"}},
	vocab.Term{Key: "insured_elsewhere", Chinese: "区外参保", English: "insured outside the district", Aliases: []string{"区外参保人员", "市外参保", "区外已参保"}},
)

// Vocabulary returns the one vocabulary of source kinds: a kind's key
// (population, minimum_living, …), Chinese label (户籍人口, 低保对象, …),
// English label and aliases (低保, 常住人口, 劳动合同, …).
func (SourceKind) Vocabulary() *vocab.Vocabulary[SourceKind] { return kindVocab }

// String returns the kind's key, e.g. "minimum_living".
func (k SourceKind) String() string { return kindVocab.Key(k) }

// Label returns the kind's label in Chinese (base language zh), e.g. 低保对象,
// or in English.
func (k SourceKind) Label(t language.Tag) string { return kindVocab.Label(k, t) }

// MarshalText returns the key.
func (k SourceKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind as [ParseKind] does.
func (k *SourceKind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ErrUnknownKind is the error [ParseKind] wraps for a word that names no
// source kind.
var ErrUnknownKind = errors.New("ledger: unknown source kind")

// KindError reports a word [ParseKind] does not know.
type KindError struct {
	Input string // the word, quoted for a message (long digit runs starred)
}

func (e *KindError) Error() string {
	return "ledger: unknown source kind " + e.Input + " (want one of " + strings.Join(kindVocab.Keys()[1:], ", ") + ", or their Chinese names)"
}

// Unwrap returns [ErrUnknownKind].
func (e *KindError) Unwrap() error { return ErrUnknownKind }

// ParseKind reads a source kind by its key, Chinese or English label or an
// alias (see [SourceKind.Vocabulary]), so that a command line may say
// -source 低保=低保名单.csv. KindUnknown is refused with the others.
func ParseKind(s string) (SourceKind, error) {
	k, ok := kindVocab.Lookup(s)
	if !ok || k == KindUnknown {
		return KindUnknown, &KindError{Input: "\"" + privacy.Quote(s, 40) + "\""}
	}
	return k, nil
}

// Facts is a set of the facts a ledger keeps about a person; provenance
// says which row gave which ([Provenance]).
type Facts uint16

// The facts.
const (
	FactVillage    Facts = 1 << iota // 村(社区)
	FactHukou                        // 户籍地, 是否本区户籍
	FactEmployment                   // 就业状况 (with 平台类型, 执业资格)
	FactInsurance                    // 险种, 缴费状态, 参保地
	FactTier                         // 缴费档次
	FactFlags                        // 身份标记 (低保, 被征地, …)
	FactLandDate                     // 征地日期
	FactContact                      // 联系状况
	FactBirth                        // 出生日期 (always the identity number's; in conflicts only)
	FactGender                       // 性别 (always the identity number's; in conflicts only)
	numFacts       = 10
)

var factLabels = [numFacts][2]string{
	{"village", "村(社区)"}, {"hukou", "户籍"}, {"employment", "就业状况"}, {"insurance", "参保状况"},
	{"tier", "缴费档次"}, {"flags", "身份标记"}, {"land_date", "征地日期"}, {"contact", "联系状况"},
	{"birth", "出生日期"}, {"gender", "性别"},
}

// String returns the facts' keys joined by "|", e.g. "village|flags".
func (f Facts) String() string { return f.join("|", 0) }

// Label returns the facts' Chinese names joined by 、 for a Chinese tag,
// else their keys joined by ", ".
func (f Facts) Label(t language.Tag) string {
	if b, _ := t.Base(); b.String() == "zh" {
		return f.join("、", 1)
	}
	return f.join(", ", 0)
}

func (f Facts) join(sep string, which int) string {
	var parts []string
	for i := range numFacts {
		if f&(1<<i) != 0 {
			parts = append(parts, factLabels[i][which])
		}
	}
	return strings.Join(parts, sep)
}

// Contribution is what a row of one source kind adds to a person of the
// ledger.
type Contribution struct {
	Facts      Facts                      // the facts its rows give
	Flag       eligibility.Flags          // the identity flag the list confers (低保 → FlagMinimumLiving)
	Employment eligibility.EmploymentKind // the employment the list shows (劳动合同备案 → EmployedByUnit)
	// Required are the columns the source must have besides 姓名 and
	// 公民身份号码; a source without one of them is a header error.
	Required []roster.Column
}

// Contribution returns what the rows of a source of kind k give:
//
//   - 户籍人口: every fact its columns hold (village required); the base
//     decides the village, 户籍 and 联系状况.
//   - 参保库: 险种, 缴费状态 (both required), 参保地 (本区 when not stated),
//     缴费档次.
//   - 区外参保: 参保地, 险种, 缴费状态 (all required).
//   - 低保, 特困, 重度残疾, 村干部, 镇街聘用, 财政供养, 产业带头人, 农村转移劳动力,
//     退捕渔民, 高校毕业生, 就业困难: the list's flag; 被征地 also the 征地日期
//     (required).
//   - 劳动合同备案 → 单位就业, 个体工商户 → 个体工商户, 新业态 → 新业态从业人员
//     with its 平台类型 (required), 执业资格 → 持证自由职业者 with the licence
//     (required).
//
// Other columns of a department list are read (and checked) but give no
// fact: a 低保 list's 就业状况 column is not the ledger's employment.
func (k SourceKind) Contribution() Contribution {
	c := contributions[KindUnknown]
	if k < numKinds {
		c = contributions[k]
	}
	c.Required = append([]roster.Column(nil), c.Required...)
	return c
}

var contributions = [numKinds]Contribution{
	KindPopulation: {
		Facts:    FactVillage | FactHukou | FactEmployment | FactInsurance | FactTier | FactFlags | FactLandDate | FactContact,
		Required: []roster.Column{roster.ColumnVillage},
	},
	KindInsured:              {Facts: FactInsurance | FactTier, Required: []roster.Column{roster.ColumnScheme, roster.ColumnStatus}},
	KindMinimumLiving:        {Facts: FactFlags, Flag: eligibility.FlagMinimumLiving},
	KindExtremePoverty:       {Facts: FactFlags, Flag: eligibility.FlagExtremePoverty},
	KindSevereDisability:     {Facts: FactFlags, Flag: eligibility.FlagSevereDisability},
	KindLandAcquired:         {Facts: FactFlags | FactLandDate, Flag: eligibility.FlagLandAcquired, Required: []roster.Column{roster.ColumnLandAcquiredOn}},
	KindVillageCadre:         {Facts: FactFlags, Flag: eligibility.FlagVillageCadre},
	KindTownshipHire:         {Facts: FactFlags, Flag: eligibility.FlagTownshipHire},
	KindFiscallySupported:    {Facts: FactFlags, Flag: eligibility.FlagFiscallySupported},
	KindIndustryLeader:       {Facts: FactFlags, Flag: eligibility.FlagIndustryLeader},
	KindRuralMigrantWorker:   {Facts: FactFlags, Flag: eligibility.FlagRuralMigrantWorker},
	KindRetiredFisher:        {Facts: FactFlags, Flag: eligibility.FlagRetiredFisher},
	KindCollegeGraduate:      {Facts: FactFlags, Flag: eligibility.FlagCollegeGraduate},
	KindEmploymentDifficulty: {Facts: FactFlags, Flag: eligibility.FlagEmploymentDifficulty},
	KindBusiness:             {Facts: FactEmployment, Employment: eligibility.SelfEmployedBusiness},
	KindLabourContract:       {Facts: FactEmployment, Employment: eligibility.EmployedByUnit},
	KindPlatform:             {Facts: FactEmployment, Employment: eligibility.PlatformWorker, Required: []roster.Column{roster.ColumnPlatform}},
	KindLicensed:             {Facts: FactEmployment, Employment: eligibility.LicensedFreelancer, Required: []roster.Column{roster.ColumnLicence}},
	KindInsuredElsewhere:     {Facts: FactInsurance, Required: []roster.Column{roster.ColumnLocation, roster.ColumnScheme, roster.ColumnStatus}},
}

// rank orders the sources that may give fact f: the lower rank wins, then
// the earlier source, then the earlier line. noRank means k never gives f.
// Flags are a union and have no rank.
func rank(k SourceKind, f Facts) uint8 {
	switch f {
	case FactEmployment:
		switch k {
		case KindLabourContract:
			return 0 // a filed contract is the strongest evidence of work
		case KindBusiness:
			return 1
		case KindPlatform:
			return 2
		case KindLicensed:
			return 3
		case KindPopulation:
			return 4
		}
	case FactInsurance:
		switch k {
		case KindInsured:
			return 0
		case KindInsuredElsewhere:
			return 1
		case KindPopulation:
			return 2
		}
	case FactTier:
		switch k {
		case KindInsured:
			return 0
		case KindPopulation:
			return 1
		}
	case FactLandDate:
		switch k {
		case KindLandAcquired:
			return 0
		case KindPopulation:
			return 1
		}
	case FactVillage, FactHukou, FactContact:
		if k == KindPopulation {
			return 0
		}
	}
	return noRank
}

const noRank = 255

// rankedFacts are the facts decided by rank, in the order of their slot in
// a person's holder ranks.
var rankedFacts = [...]Facts{FactVillage, FactHukou, FactEmployment, FactInsurance, FactTier, FactLandDate, FactContact}
