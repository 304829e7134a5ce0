package eligibility

import (
	"unicode/utf8"

	"golang.org/x/text/language"
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

// String returns "male", "female" or "unknown".
func (g Gender) String() string {
	switch g {
	case Male:
		return "male"
	case Female:
		return "female"
	}
	return "unknown"
}

// Label returns the gender's name in the language of t: 男, 女 or 未知 for
// Chinese (any tag whose base language is zh), "male", "female" or "unknown"
// otherwise.
func (g Gender) Label(t language.Tag) string {
	if !isChinese(t) {
		return g.String()
	}
	switch g {
	case Male:
		return "男"
	case Female:
		return "女"
	}
	return "未知"
}

// MarshalText implements encoding.TextMarshaler with [Gender.String].
func (g Gender) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts "male",
// "female", "unknown", 男, 女, 未知, "M", "F" and empty text (unknown).
func (g *Gender) UnmarshalText(text []byte) error {
	switch string(text) {
	case "male", "男", "M", "m":
		*g = Male
	case "female", "女", "F", "f":
		*g = Female
	case "unknown", "未知", "":
		*g = GenderUnknown
	default:
		return &TextError{Type: "Gender", Input: truncate(string(text), 40)}
	}
	return nil
}

// TextError reports text that an UnmarshalText method of this package does
// not recognise.
type TextError struct {
	Type  string // the Go type, e.g. "Gender"
	Input string // the text (at most 40 bytes; a run of 10 or more digits is starred after its sixth)
}

// Error returns the message, quoting Input.
func (e *TextError) Error() string {
	return "eligibility: " + e.Type + ": unknown value " + quote(e.Input)
}

// isChinese reports whether t's base language is Chinese (zh).
func isChinese(t language.Tag) bool {
	b, _ := t.Base()
	zh, _ := language.Chinese.Base()
	return b == zh
}

// truncate prepares an input for an error message: it keeps at most n bytes
// (never splitting a character; "…" marks a cut) and, when what is kept has a
// run of 10 or more digits (ASCII or full-width) — an identity number, or a
// large part of one, typed into the wrong column — stars every digit and X of
// such a run after its first six, so that no error of this package carries an
// identity number (nor its birth date and sequence code).
func truncate(s string, n int) string {
	cut := false
	if len(s) > n {
		k := n
		for k > 0 && !utf8.RuneStart(s[k]) {
			k--
		}
		s, cut = s[:k], true
	}
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
	isIDChar := func(r rune) bool { return isDigit(r) || r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }
	run, longest := 0, 0
	for _, r := range s {
		if isDigit(r) {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	if longest >= 10 {
		rs := []rune(s)
		for i := 0; i < len(rs); {
			j := i
			for j < len(rs) && isIDChar(rs[j]) {
				j++
			}
			if j-i >= 10 {
				for k := i + 6; k < j; k++ {
					rs[k] = '*'
				}
			}
			i = max(j, i+1)
		}
		s = string(rs)
	}
	if cut {
		s += "…"
	}
	return s
}
