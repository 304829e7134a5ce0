package eligibility

import (
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/internal/privacy"
)

// Gender is a resident's sex as the identity number and the rules use it
// (性别). The zero value is GenderUnknown.
type Gender uint8

// The genders.
const (
	GenderUnknown Gender = iota // 未知
	Male                        // 男
	Female                      // 女
)

// isChinese reports whether t's base language is Chinese (zh).
func isChinese(t language.Tag) bool {
	b, _ := t.Base()
	zh, _ := language.Chinese.Base()
	return b == zh
}

// truncate prepares an input for an error message ([privacy.Quote]): at
// most n bytes, and no identity number (nor its birth date and sequence
// code) in a run of ten or more digits.
func truncate(s string, n int) string { return privacy.Quote(s, n) }
