// Package privacy masks the personal data that text may hold — names,
// identity numbers, phone and bank numbers — before it is shown in a
// report or an error message (石堰府发〔2023〕10号 六(三)
// 做好个人信息安全保密工作). It is the one home of that masking: the
// roster reader masks the values of its row errors with it, the masked
// roster (扩面人员明细表) its names and notes, and every renderer of
// reporting/table every text it shows.
//
// # Functions
//
// [Name] keeps a name's first and, from three characters, last character;
// [Numbers] masks the identity and phone numbers in any text, wherever
// they stand, and leaves dates, amounts and counts legible; [Text] masks
// free text for an error message; [Note] masks a roster's note for a
// masked roster; [Quote] quotes an input in an error message.
package privacy

import (
	"strconv"
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
// into a masked roster: the resident's own name (as [Name] masks it),
// also when spaces split it (张 学友), and every identity or phone number,
// as [Numbers] masks them. Other people's names (户主李四光) are not
// recognised: a masked roster shows a note only when its caller opts in.
func Note(note, name string) string {
	if note == "" {
		return ""
	}
	note = maskNameIn(note, name)
	return Numbers(note)
}

// maskNameIn replaces every occurrence of name in s — its characters in
// order, white space allowed between them — by Name(name). Names of fewer
// than two characters are left alone (one character is no name to find).
func maskNameIn(s, name string) string {
	nr := []rune(strings.Join(strings.Fields(name), ""))
	if len(nr) < 2 || !strings.ContainsRune(s, nr[0]) {
		return s
	}
	masked := []rune(Name(string(nr)))
	sr := []rune(s)
	out := make([]rune, 0, len(sr))
	for i := 0; i < len(sr); {
		j, k := i, 0
	match:
		for j < len(sr) && k < len(nr) {
			switch {
			case sr[j] == nr[k]:
				j++
				k++
			case k > 0 && unicode.IsSpace(sr[j]):
				j++
			default:
				break match
			}
		}
		if k == len(nr) {
			out = append(out, masked...)
			i = j
			continue
		}
		out = append(out, sr[i])
		i++
	}
	return string(out)
}

// Numbers masks every identity, phone or bank number in s and leaves the
// rest as it is: it is what a rendered report applies to every text it
// shows. A number is a group of 6 or more digits (ASCII, full-width or of
// any other script, with an identity number's final X), counted across
// single separators — a space of any kind, a line break, a control or
// invisible format character, or a hyphen or dash — as in 138-1234-5678 or
// 1101 0519 4901 0100 2X. A group of 11 digits or more is masked whole;
// otherwise each part between hyphens is masked on its own when it holds 6
// digits or more, so that a date such as 2019-07-18 stays legible, and so
// do amounts (1000.01), rates (84.37%) and counts below 100000. A masked
// group keeps at most its first 6 and last 4 digits, and never more than a
// third of them at each end: 110105194912310021 → 110105********0021,
// 13812345678 → 138*****678.
//
// A star inside a group stands for a digit already hidden, so masking is
// idempotent: Numbers(Numbers(s)) == Numbers(s), and a number masked
// before (110105********002X, as eligibility.IDNumber.Masked writes it)
// comes out unchanged.
func Numbers(s string) string {
	if !mayHoldNumber(s) {
		return s
	}
	runes := []rune(s)
	if !maskDigitGroups(runes) {
		return s
	}
	return string(runes)
}

// mayHoldNumber reports whether s might hold a group that Numbers masks:
// whether it has 6 digits or more (ASCII digits, or any non-ASCII
// character, which may be a digit of another script).
func mayHoldNumber(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		if '0' <= c && c <= '9' {
			if n++; n >= 6 {
				return true
			}
		}
	}
	return false
}

// Text masks free text that might hold personal data before it goes
// into an error message. The text is folded to half width and cut to 24
// characters (an ellipsis marks the cut). Then:
//   - every identity, phone or bank number is masked as [Numbers] masks
//     it (a group of 6 or more digits keeps at most its first 6 and last
//     4, never more than a third at each end), so no identity number
//     survives, while a date such as 1985-13-01 stays legible;
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
			i, _ = maskDigitGroup(runes, i)
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

// maskIsDigit reports whether r is a decimal digit of any script (0-9,
// full-width ０-９, …).
func maskIsDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// maskIsCheck reports whether r is an identity number's check character X,
// which belongs to a group only after a digit.
func maskIsCheck(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }

// maskIsHyphen reports whether r is a hyphen or dash.
func maskIsHyphen(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '-'
	}
	return r == '−' || unicode.Is(unicode.Pd, r)
}

// maskIsSep reports whether r may stand between two digits of one group:
// white space, a control or format (invisible) character, or a hyphen.
func maskIsSep(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '-' || r < 0x20 || r == 0x7f
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || maskIsHyphen(r)
}

// maskDigitGroups masks every group of digits in runes (see [Numbers]) and
// reports whether it changed any.
func maskDigitGroups(runes []rune) bool {
	changed := false
	for i := 0; i < len(runes); {
		if maskIsDigit(runes[i]) {
			var c bool
			i, c = maskDigitGroup(runes, i)
			changed = changed || c
		} else {
			i++
		}
	}
	return changed
}

// maskDigitGroup masks the group of digits that starts at the digit
// runes[i] — digits, stars (digits already hidden) and a final X, with
// single separators between them (a CR LF pair counts as one) — and
// returns the index after it and whether it starred any digit. A group of
// 11 digits or more is masked whole, so that a phone number written
// 138-1234-5678 does not survive; otherwise each part between hyphens is
// masked on its own when it holds 6 digits or more, so that a date such as
// 2023-06-30 stays legible.
func maskDigitGroup(runes []rune, i int) (int, bool) {
	j, digits := i, 0
scan:
	for j < len(runes) {
		r := runes[j]
		switch {
		case maskIsDigit(r):
			digits++
			j++
		case r == '*':
			j++
		case maskIsCheck(r) && !maskIsSep(runes[j-1]):
			digits++
			j++
			break scan // the check character ends a number
		case r == '\r' && j+2 < len(runes) && runes[j+1] == '\n' && (maskIsDigit(runes[j+2]) || runes[j+2] == '*'):
			j += 2
		case maskIsSep(r) && j+1 < len(runes) && (maskIsDigit(runes[j+1]) || runes[j+1] == '*'):
			j++
		default:
			break scan
		}
	}
	if digits >= 11 {
		return j, maskDigitSpan(runes[i:j])
	}
	if digits < 6 {
		return j, false
	}
	changed := false
	for p := i; p < j; {
		q, n := p, 0
		for q < j && !maskIsHyphen(runes[q]) {
			if maskIsDigit(runes[q]) || maskIsCheck(runes[q]) {
				n++
			}
			q++
		}
		if n >= 6 {
			changed = maskDigitSpan(runes[p:q]) || changed
		}
		p = q + 1
	}
	return j, changed
}

// maskDigitSpan stars the members of span (its digits, stars and check
// character) but at most its first 6 and last 4, and never more than a
// third at each end, and reports whether it starred a digit.
func maskDigitSpan(span []rune) bool {
	n := 0
	for _, r := range span {
		if r == '*' || maskIsDigit(r) || maskIsCheck(r) {
			n++
		}
	}
	keepHead, keepTail := min(6, n/3), min(4, n/3)
	k := 0
	changed := false
	for p, r := range span {
		if r == '*' || maskIsDigit(r) || maskIsCheck(r) {
			if k >= keepHead && k < n-keepTail && r != '*' {
				span[p] = '*'
				changed = true
			}
			k++
		}
	}
	return changed
}

// Quote prepares an input for an error message that must name it, such as
// an unknown word in a policy file: it keeps at most max bytes (never
// splitting a character; … marks a cut) and stars every character after
// the sixth of each run of ID characters (digits, ASCII or full-width, and
// X) that holds ten or more digits, so that no message carries an identity
// number, nor its birth date and sequence code. Words stay legible. A
// character that %q would escape with a number (a control character
// other than a line break or tab, invalid UTF-8) becomes '?', so that
// quoting the result with %q adds no digits.
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
	// A character %q would escape with a number becomes '?': its escape
	// (\x05, \u2028) writes digits of its own, which could complete a run
	// of ten. Line breaks and tabs stay (%q writes \n, \t).
	for i, r := range rs {
		if strings.ContainsRune("\a\b\f\n\r\t\v", r) {
			continue
		}
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			rs[i], changed = '?', true
		}
	}
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
