package roster

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/canbao/kuomian/eligibility/vocab"

	"golang.org/x/text/width"
)

// Column is the meaning of a column of an imported roster: which fact of an
// [eligibility.Resident] it holds. The zero value, [ColumnIgnored], marks a
// column that is not imported.
type Column uint8

// The roster columns. [ColumnName] and [ColumnID] are required; every other
// column is optional and its fact stays unset (zero) when absent or empty.
const (
	ColumnIgnored        Column = iota // 不导入 (a column the import skips)
	ColumnName                         // 姓名
	ColumnID                           // 公民身份号码
	ColumnGender                       // 性别
	ColumnBirth                        // 出生日期
	ColumnVillage                      // 村(社区)
	ColumnHukouArea                    // 户籍地
	ColumnHukouLocal                   // 是否本区户籍
	ColumnEmployment                   // 就业状况
	ColumnPlatform                     // 平台类型
	ColumnLicence                      // 执业资格
	ColumnScheme                       // 参保险种 (参保状态)
	ColumnStatus                       // 缴费状态
	ColumnLocation                     // 参保地
	ColumnTier                         // 缴费档次 (元)
	ColumnFlags                        // 身份标记: a list such as "低保、被征地"
	ColumnLandAcquiredOn               // 征地日期
	ColumnContact                      // 联系状况
	ColumnNote                         // 备注

	// One yes/no column per identity flag (是/否, √, 1/0).
	ColumnMinimumLiving        // 低保对象
	ColumnExtremePoverty       // 特困人员
	ColumnSevereDisability     // 重度残疾
	ColumnLandAcquired         // 被征地人员
	ColumnTownshipHire         // 镇(街道)聘用人员
	ColumnVillageCadre         // 村(社区)干部
	ColumnFiscallySupported    // 财政供养人员
	ColumnIndustryLeader       // 产业带头人
	ColumnRuralMigrantWorker   // 农村劳动力转移人员
	ColumnRetiredFisher        // 退捕渔民
	ColumnCollegeGraduate      // 高校毕业生
	ColumnEmploymentDifficulty // 就业困难人员

	numColumns // the number of columns; not a column
)

// columnLabels holds the canonical Chinese header of each column, the one
// the roster writers use.
var columnLabels = [numColumns]string{
	ColumnIgnored:              "(不导入)",
	ColumnName:                 "姓名",
	ColumnID:                   "公民身份号码",
	ColumnGender:               "性别",
	ColumnBirth:                "出生日期",
	ColumnVillage:              "村(社区)",
	ColumnHukouArea:            "户籍地",
	ColumnHukouLocal:           "是否本区户籍",
	ColumnEmployment:           "就业状况",
	ColumnPlatform:             "平台类型",
	ColumnLicence:              "执业资格",
	ColumnScheme:               "参保险种",
	ColumnStatus:               "缴费状态",
	ColumnLocation:             "参保地",
	ColumnTier:                 "缴费档次",
	ColumnFlags:                "身份标记",
	ColumnLandAcquiredOn:       "征地日期",
	ColumnContact:              "联系状况",
	ColumnNote:                 "备注",
	ColumnMinimumLiving:        "低保对象",
	ColumnExtremePoverty:       "特困人员",
	ColumnSevereDisability:     "重度残疾",
	ColumnLandAcquired:         "被征地人员",
	ColumnTownshipHire:         "镇(街道)聘用人员",
	ColumnVillageCadre:         "村(社区)干部",
	ColumnFiscallySupported:    "财政供养人员",
	ColumnIndustryLeader:       "产业带头人",
	ColumnRuralMigrantWorker:   "农村劳动力转移人员",
	ColumnRetiredFisher:        "退捕渔民",
	ColumnCollegeGraduate:      "高校毕业生",
	ColumnEmploymentDifficulty: "就业困难人员",
}

// columnAliases lists, per column, the other header names rosters use.
var columnAliases = [numColumns][]string{
	ColumnName:                 {"名字", "户主姓名"},
	ColumnID:                   {"身份证号码", "身份证号", "公民身份证号码", "证件号码", "身份证"},
	ColumnGender:               {"性别(男/女)"},
	ColumnBirth:                {"出生年月日", "生日"},
	ColumnVillage:              {"村别", "所属村", "村(居)", "村(居)委会", "村(社区)名称", "村居", "所在村(社区)", "村"},
	ColumnHukouArea:            {"户籍所在地", "户口所在地"},
	ColumnHukouLocal:           {"本区户籍", "是否本地户籍", "是否长寿户籍"},
	ColumnEmployment:           {"就业情况", "就业状态", "就业类型"},
	ColumnPlatform:             {"平台", "新业态类型", "从业平台"},
	ColumnLicence:              {"执业资格证", "执业资格许可证", "职业资格"},
	ColumnScheme:               {"参保状态", "参保类型", "参保情况", "养老保险参保情况"},
	ColumnStatus:               {"缴费状况", "缴费情况"},
	ColumnLocation:             {"参保地区", "参保所在地"},
	ColumnTier:                 {"缴费档次(元)", "居民养老缴费档次"},
	ColumnFlags:                {"人员类别", "人员类型", "特殊身份"},
	ColumnLandAcquiredOn:       {"被征地日期", "征地时间"},
	ColumnContact:              {"联系情况", "走访情况", "入户情况"},
	ColumnNote:                 {"说明"},
	ColumnMinimumLiving:        {"低保", "是否低保"},
	ColumnExtremePoverty:       {"特困", "是否特困"},
	ColumnSevereDisability:     {"重度残疾人", "重度残疾人员", "是否重度残疾"},
	ColumnLandAcquired:         {"被征地", "新征地人员", "是否被征地"},
	ColumnTownshipHire:         {"镇街聘用人员", "镇聘用人员"},
	ColumnVillageCadre:         {"村干部", "村社区干部", "在职村干部"},
	ColumnFiscallySupported:    {"财政供养"},
	ColumnIndustryLeader:       {"产业带头"},
	ColumnRuralMigrantWorker:   {"农村转移劳动力", "农村劳动力转移"},
	ColumnRetiredFisher:        {"退捕"},
	ColumnCollegeGraduate:      {"高校毕业"},
	ColumnEmploymentDifficulty: {"就业困难"},
}

// String returns the column's canonical Chinese header, e.g. "公民身份号码".
func (c Column) String() string {
	if c < numColumns {
		return columnLabels[c]
	}
	return "Column(" + strconv.Itoa(int(c)) + ")"
}

// Headers maps header names to the columns they hold. Keys are compared after
// [normalizeHeader], so "村（社区）" and "村(社区)" are the same key. A
// Headers value belongs to its caller: [DefaultHeaders] returns a new map
// each time, to be changed freely (add a township's own header names, or map
// a header to [ColumnIgnored] to skip it).
type Headers map[string]Column

// DefaultHeaders returns the header names rosters commonly use: the
// canonical header of each column (see [Column.String]) and the usual
// variants, such as 身份证号码, 公民身份号码 and 身份证号 for [ColumnID], or
// 村(社区), 村别 and 所属村 for [ColumnVillage].
func DefaultHeaders() Headers {
	h := make(Headers, 3*int(numColumns))
	for c := ColumnName; c < numColumns; c++ {
		h[columnLabels[c]] = c
		for _, a := range columnAliases[c] {
			h[a] = c
		}
	}
	return h
}

// normalizeHeader returns the form in which header names are compared: the
// text folded to half width (width.Fold: "（" becomes "(", "１" becomes "1"),
// without white space, without a "*" (the "required" mark of many
// templates) at either end, without a trailing note on the format in
// parentheses — one with a digit, a Latin letter or a slash, or one of
// 元, 必填, 选填, 文本: "身份证号码（18位）", "出生日期(yyyy-mm-dd)",
// "性别（男/女）", "缴费档次（元）" compare as 身份证号码, 出生日期, 性别 and
// 缴费档次, while 村（社区） keeps its parentheses — and with ASCII letters in
// lower case.
func normalizeHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\uFEFF' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	s = strings.Trim(s, "*")
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		if formatNote(s[i+1 : len(s)-1]) {
			s = strings.TrimRight(s[:i], "*")
		}
	}
	return s
}

// formatNote reports whether the text in a header's trailing parentheses
// is a note on how to fill the column rather than part of its name.
func formatNote(n string) bool {
	switch n {
	case "元", "必填", "选填", "文本":
		return true
	}
	return strings.ContainsFunc(n, func(r rune) bool {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r == '/'
	})
}

// index returns h keyed by normalized header names. When two keys
// normalize alike, the one that sorts first wins, so the result does not
// depend on map order.
func (h Headers) index() map[string]Column {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	idx := make(map[string]Column, len(h))
	for _, k := range keys {
		n := normalizeHeader(k)
		if _, dup := idx[n]; !dup {
			idx[n] = h[k]
		}
	}
	return idx
}

// knownWord reports whether w is a value some roster column reads, such as
// 男, 未参保 or 低保: such words are not personal data.
func knownWord(w string) bool {
	b := []byte(w)
	return inVocab(yesNoVocab, w) || has(genderWords, b) || has(employmentWords, b) ||
		has(platformWords, b) || has(schemeWords, b) || has(statusWords, b) ||
		has(locationWords, b) || has(contactWords, b) || has(flagWords, b)
}

func has[E ~uint8](v *vocab.Vocabulary[E], b []byte) bool {
	_, ok := v.LookupBytes(b)
	return ok
}

func inVocab[T any](table []word[T], w string) bool {
	_, ok := lookupVocab(table, []byte(w))
	return ok
}
