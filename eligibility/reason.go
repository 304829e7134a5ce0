package eligibility

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// Text renders the reason as one sentence in the language of t: Chinese for
// a tag whose base language is zh, English otherwise. The sentence names the
// group, cites the document and clause, and states each fact the rule
// checked, e.g.
//
//	属于石堰府发〔2023〕10号 二(五)「具备城镇职工养老保险缴费能力的城乡富裕人员」：参加城乡居民基本养老保险，缴费档次1200元，高于1000元。
func (r Reason) Text(t language.Tag) string {
	if isChinese(t) {
		return r.chinese()
	}
	return r.english()
}

// chinese renders the reason in Chinese (see [Reason.Text]).
func (r Reason) chinese() string {
	zh := language.Chinese
	var b strings.Builder
	b.WriteString("属于")
	b.WriteString(r.Document)
	if r.Clause != "" {
		b.WriteString(" ")
		b.WriteString(r.Clause)
	}
	b.WriteString("「")
	b.WriteString(r.Name)
	b.WriteString("」：")
	var parts []string
	if r.checks&checkEmployment != 0 {
		if r.platformAside() {
			parts = append(parts, r.Employment.Label(zh)+"（"+r.Platform.Label(zh)+"）")
		} else {
			parts = append(parts, r.Employment.Label(zh))
		}
	}
	if r.checks&checkPlatform != 0 {
		parts = append(parts, r.Platform.Label(zh))
	}
	if r.checks&checkFlags != 0 {
		parts = append(parts, "身份为"+r.Flags.Label(zh))
		if !r.LandAcquiredSince.IsZero() {
			if r.LandAcquiredOn.IsZero() {
				parts = append(parts, "征地日期不明（"+r.LandAcquiredSince.String()+"起征地的为新征地，待核实）")
			} else {
				parts = append(parts, "征地日期"+r.LandAcquiredOn.String()+"（"+r.LandAcquiredSince.String()+"起征地的为新征地）")
			}
		}
	}
	if r.checks&checkScheme != 0 {
		if r.Scheme == SchemeNone {
			parts = append(parts, "未参保")
		} else {
			parts = append(parts, "已参加"+r.Scheme.Label(zh))
		}
	}
	if r.checks&checkStatus != 0 {
		parts = append(parts, r.Status.Label(zh))
	}
	if r.checks&checkLocation != 0 {
		parts = append(parts, r.Location.Label(zh))
	}
	if r.checks&checkContact != 0 {
		parts = append(parts, r.Contact.Label(zh))
	}
	if r.checks&checkHukou != 0 {
		if r.Local {
			parts = append(parts, "本区户籍")
		} else {
			parts = append(parts, "非本区户籍")
		}
	}
	if r.checks&checkAge != 0 {
		band := strconv.Itoa(r.Ages.Min) + "周岁以上"
		if r.Ages.Max < MaxAge {
			band = strconv.Itoa(r.Ages.Min) + "至" + strconv.Itoa(r.Ages.Max) + "周岁"
		}
		parts = append(parts, "年龄"+strconv.Itoa(r.Age)+"周岁（"+band+"）")
	}
	if r.checks&checkRetirement != 0 {
		parts = append(parts, "未达法定退休年龄（"+r.Retirement.String()+"达到）")
	}
	if r.checks&checkTier != 0 {
		parts = append(parts, "缴费档次"+decimalText(r.Tier)+"元，高于"+decimalText(r.TierAbove)+"元")
	}
	if r.checks&checkResidual != 0 {
		parts = append(parts, "不属于其他重点人群")
	}
	b.WriteString(strings.Join(parts, "，"))
	b.WriteString("。")
	return b.String()
}

// english renders the reason in English (see [Reason.Text]).
func (r Reason) english() string {
	en := language.English
	var b strings.Builder
	b.WriteString("In ")
	if r.Numeral != "" {
		b.WriteString("group " + r.Numeral + " ")
	} else {
		b.WriteString("the group ")
	}
	name := r.NameEN
	if name == "" {
		name = r.Name
	}
	b.WriteString("(" + name + ") of " + r.Document)
	if r.Clause != "" {
		b.WriteString(" " + r.Clause)
	}
	b.WriteString(": ")
	var parts []string
	if r.checks&checkEmployment != 0 {
		if r.platformAside() {
			parts = append(parts, r.Employment.Label(en)+" ("+r.Platform.Label(en)+")")
		} else {
			parts = append(parts, r.Employment.Label(en))
		}
	}
	if r.checks&checkPlatform != 0 {
		parts = append(parts, r.Platform.Label(en))
	}
	if r.checks&checkFlags != 0 {
		parts = append(parts, "marked as "+r.Flags.Label(en))
		if !r.LandAcquiredSince.IsZero() {
			if r.LandAcquiredOn.IsZero() {
				parts = append(parts, "land acquisition date unknown (newly acquired means from "+r.LandAcquiredSince.String()+"; to be checked)")
			} else {
				parts = append(parts, "land acquired on "+r.LandAcquiredOn.String()+" (newly acquired means from "+r.LandAcquiredSince.String()+")")
			}
		}
	}
	if r.checks&checkScheme != 0 {
		if r.Scheme == SchemeNone {
			parts = append(parts, "not insured")
		} else {
			parts = append(parts, "insured in "+r.Scheme.Label(en))
		}
	}
	if r.checks&checkStatus != 0 {
		parts = append(parts, r.Status.Label(en))
	}
	if r.checks&checkLocation != 0 {
		parts = append(parts, r.Location.Label(en))
	}
	if r.checks&checkContact != 0 {
		parts = append(parts, r.Contact.Label(en))
	}
	if r.checks&checkHukou != 0 {
		if r.Local {
			parts = append(parts, "household registered in the district")
		} else {
			parts = append(parts, "household registered outside the district")
		}
	}
	if r.checks&checkAge != 0 {
		band := strconv.Itoa(r.Ages.Min) + " or over"
		if r.Ages.Max < MaxAge {
			band = strconv.Itoa(r.Ages.Min) + " to " + strconv.Itoa(r.Ages.Max)
		}
		parts = append(parts, "aged "+strconv.Itoa(r.Age)+" ("+band+")")
	}
	if r.checks&checkRetirement != 0 {
		parts = append(parts, "below statutory retirement age (reached on "+r.Retirement.String()+")")
	}
	if r.checks&checkTier != 0 {
		parts = append(parts, "contribution tier "+decimalText(r.Tier)+" yuan, above "+decimalText(r.TierAbove)+" yuan")
	}
	if r.checks&checkResidual != 0 {
		parts = append(parts, "in no other target group")
	}
	b.WriteString(strings.Join(parts, "; "))
	b.WriteString(".")
	return b.String()
}

// decimalText writes d in plain notation (1000.01) when its exponent is
// between −40 and 20, and otherwise as coefficient and exponent
// (1234567890123456789e100000000), so that rendering a hostile value never
// writes millions of zeros.
func decimalText(d decimal.Decimal) string {
	if e := d.Exponent(); e >= -40 && e <= 20 {
		return d.String()
	}
	return d.Coefficient().String() + "e" + strconv.FormatInt(int64(d.Exponent()), 10)
}

// platformAside reports whether a sentence names the platform kind beside the
// employment kind: the rule checked the employment but not the platform (any
// platform counts, as 二(三)'s list ends with 等), and the roster states one.
func (r Reason) platformAside() bool {
	return r.Employment == PlatformWorker && r.checks&checkPlatform == 0 && r.Platform != PlatformUnknown
}
