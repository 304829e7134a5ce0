// Package privacy masks the personal data that text may hold — names,
// identity numbers, phone and bank numbers — before it is shown in a
// report or an error message (石堰府发〔2023〕10号 六(三)
// 做好个人信息安全保密工作). It is the one home of that masking: the
// roster reader masks the values of its row errors with it, the masked
// roster (扩面人员明细表) its names and notes.
//
// # Functions
//
// [Name] keeps a name's first and, from three characters, last character;
// [Text] masks free text for an error message; [Note] masks a roster's
// note for a masked roster.
package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Name masks a personal name for display: white space inside the name
// is dropped (a roster often writes 张　三 to line up with three-character
// names), then the first character and, for names of three or more
// characters, the last are kept and the rest starred (张三 → 张*, 张小三 →
// 张*三, 欧阳小明 → 欧**明, 阿依古丽·买买提 → 阿******提, 李 → *).
func Name(name string) string {
	name = strings.Join(strings.Fields(name), "")
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return ""
	case n == 1:
		return "*"
	}
	first, size := utf8.DecodeRuneInString(name)
	if n == 2 {
		return string(first) + "*"
	}
	last, _ := utf8.DecodeLastRuneInString(name[size:])
	return string(first) + strings.Repeat("*", n-2) + string(last)
}

// Note masks the personal data a free-text note may hold before it goes
// into a masked roster: the resident's own name (as [Name] masks it)
// and every group of 6 or more digits, as [Text] masks them (identity,
// phone and bank numbers). Dates and amounts stay legible.
func Note(note, name string) string {
	if note == "" {
		return ""
	}
	if n := strings.Join(strings.Fields(name), ""); utf8.RuneCountInString(n) >= 2 {
		note = strings.ReplaceAll(note, n, Name(n))
	}
	runes := []rune(note)
	maskDigitGroups(runes)
	return string(runes)
}

// Text masks free text that might hold personal data before it goes
// into an error message. The text is folded to half width and cut to 24
// characters (an ellipsis marks the cut). Then:
//   - every group of 6 or more digits (or X), counted across single
//     spaces such as those of "1101 0519 4901 0100 2X" (a date such as
//     1985-13-01 stays legible), keeps at most its first 6 and last 4
//     digits, and never more than a third of its digits at each end, so
//     no identity number survives;
//   - every run of Chinese characters (with the middle dot · of minority
//     names) that is not a known word (known reports the words a roster
//     column reads, such as 男, 未参保, 低保; nil knows none) nor an amount
//     in words (一千) is masked as a name is
//     ([Name]): a name typed into the wrong column does not reach the
//     message either.
func Text(s string, known func(string) bool) string {
	n := 0
	for i := range s {
		if n == 25 {
			s = s[:i] // enough to tell whether the text is cut
			break
		}
		n++
	}
	runes := []rune(width.Fold.String(s))
	cut := len(runes) > 24
	if cut {
		runes = runes[:24]
	}
	isHan := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	for i := 0; i < len(runes); {
		switch {
		case maskIsDigit(runes[i]):
			i = maskDigitGroup(runes, i)
		case isHan(runes[i]):
			j := i
			for j < len(runes) && (isHan(runes[j]) || (runes[j] == '·' || runes[j] == '•') && j+1 < len(runes) && isHan(runes[j+1])) {
				j++
			}
			if word := string(runes[i:j]); (known == nil || !known(word)) && strings.Trim(word, chineseNumerals) != "" {
				copy(runes[i:j], []rune(Name(word)))
			}
			i = j
		default:
			i++
		}
	}
	if cut {
		return string(runes) + "…"
	}
	return string(runes)
}

// chineseNumerals are the characters of amounts written in words (一千,
// 二百元), which maskText leaves legible.
const chineseNumerals = "零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟元档"

// maskIsDigit reports whether r belongs to a number Text masks.
func maskIsDigit(r rune) bool {
	return r >= '0' && r <= '9' || r == 'X' || r == 'x' || r >= '０' && r <= '９' || r == 'Ｘ' || r == 'ｘ'
}

// maskDigitGroups masks every group of digits in runes (see maskText).
func maskDigitGroups(runes []rune) {
	for i := 0; i < len(runes); {
		if maskIsDigit(runes[i]) {
			i = maskDigitGroup(runes, i)
		} else {
			i++
		}
	}
}

// maskDigitGroup masks the group of digits that starts at runes[i] — digits
// and single spaces, tabs or hyphens between digits — and returns the index
// after it. A group of 11 digits or more is masked whole, so that a phone
// number written 138-1234-5678 does not survive; otherwise each part
// between hyphens is masked on its own when it holds 6 digits or more, so
// that a date such as 2023-06-30 stays legible.
func maskDigitGroup(runes []rune, i int) int {
	isHyphen := func(r rune) bool { return r == '-' || r == '－' }
	isSep := func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || isHyphen(r) }
	j, digits := i, 0
	for j < len(runes) {
		if maskIsDigit(runes[j]) {
			digits++
			j++
		} else if isSep(runes[j]) && j+1 < len(runes) && maskIsDigit(runes[j+1]) {
			j++
		} else {
			break
		}
	}
	if digits >= 11 {
		maskDigitSpan(runes[i:j], digits)
		return j
	}
	for p := i; p < j; {
		q, n := p, 0
		for q < j && !isHyphen(runes[q]) {
			if maskIsDigit(runes[q]) {
				n++
			}
			q++
		}
		if n >= 6 {
			maskDigitSpan(runes[p:q], n)
		}
		p = q + 1
	}
	return j
}

// maskDigitSpan stars the digits of span (which holds digits of them) but
// at most its first 6 and last 4, and never more than a third at each end.
func maskDigitSpan(span []rune, digits int) {
	keepHead, keepTail := min(6, digits/3), min(4, digits/3)
	k := 0
	for p := range span {
		if maskIsDigit(span[p]) {
			if k >= keepHead && k < digits-keepTail {
				span[p] = '*'
			}
			k++
		}
	}
}

// Quote prepares an input for an error message that must name it, such as
// an unknown word in a policy file: it keeps at most max bytes (never
// splitting a character; … marks a cut) and stars every character after
// the sixth of each run of ID characters (digits, ASCII or full-width, and
// X) that holds ten or more digits, so that no message carries an identity
// number, nor its birth date and sequence code. Words stay legible.
func Quote(s string, limit int) string {
	cut := false
	if len(s) > limit {
		k := limit
		for k > 0 && !utf8.RuneStart(s[k]) {
			k--
		}
		s, cut = s[:k], true
	}
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
	isIDChar := func(r rune) bool { return isDigit(r) || r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }
	rs := []rune(s)
	changed := false
	for i := 0; i < len(rs); {
		j, digits := i, 0
		for j < len(rs) && isIDChar(rs[j]) {
			if isDigit(rs[j]) {
				digits++
			}
			j++
		}
		if digits >= 10 {
			for k := i + 6; k < j; k++ {
				rs[k] = '*'
			}
			changed = true
		}
		i = max(j, i+1)
	}
	if changed {
		s = string(rs)
	}
	if cut {
		s += "…"
	}
	return s
}
