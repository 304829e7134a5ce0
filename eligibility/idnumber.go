package eligibility

import (
	"encoding/binary"
	"errors"
	"strconv"
	"unicode/utf8"
)

// IDNumber is a 公民身份号码 (citizen identity number) of GB 11643-1999 in its
// canonical 18-character form: a 6-digit address code (地址码), the birth date
// as YYYYMMDD (出生日期码), a 3-digit sequence code (顺序码, odd for men, even
// for women) and a check character (校验码, 0-9 or X) computed by ISO 7064
// MOD 11-2.
//
// IDNumber is a small comparable value (18 bytes): use it as a map key and
// compare it with ==. The zero IDNumber is not an identity number
// ([IDNumber.IsZero]); every other IDNumber has passed [ParseIDNumber].
//
// An identity number is personal data. [IDNumber.String] and
// [IDNumber.MarshalText] give the full number because storing and matching
// need it; for anything shown to people use [IDNumber.Masked]. Errors of this
// package never contain a full number.
type IDNumber struct {
	b [18]byte
}

// These are the errors that can be returned in [IDError].Err, in the order
// [ParseIDNumber] checks them; errors.Is finds them through an *IDError.
var (
	ErrIDLength    = errors.New("identity number must have 18 characters (or 15 digits)")
	ErrIDCharacter = errors.New("identity number has an invalid character")
	ErrIDArea      = errors.New("identity number has an invalid address code")
	ErrIDDate      = errors.New("identity number has an invalid birth date")
	ErrIDCheck     = errors.New("identity number check character does not match")
)

// IDError reports an identity number that [ParseIDNumber] refused. It never
// holds the full input, nor any part of an input shorter than 15 characters:
// Masked keeps at most the first 6 and the last 4 characters and hides at
// least 6, and the message quotes only Masked.
type IDError struct {
	Err error // what is wrong: ErrIDLength, ErrIDCharacter, ErrIDArea, ErrIDDate or ErrIDCheck
	// Masked is the input masked (first 6 and last 4 characters kept for
	// 18 or more characters, first 6 and last 3 for 15 to 17, all stars
	// when shorter; at most 16 stars, then "…").
	Masked string
	Length int // the number of characters after trimming spaces
	// Pos is the 1-based position of the offending character (ErrIDCharacter)
	// or 0.
	Pos int
	// Expected and Got are the check characters (ErrIDCheck only): the one
	// computed from the first 17 digits, and the one found.
	Expected, Got byte

	first17 bool // the input was given to CheckCharacter: 17 digits wanted
}

// Error returns the message: the masked input and what is wrong with it
// (for ErrIDCheck, the character found and the one expected). It never
// contains the full input.
func (e *IDError) Error() string {
	msg := "eligibility: identity number " + strconv.Quote(e.Masked) + ": "
	switch e.Err {
	case ErrIDLength:
		if e.first17 {
			return msg + "has " + strconv.Itoa(e.Length) + " characters, want the 17 digits before the check character"
		}
		return msg + "has " + strconv.Itoa(e.Length) + " characters, want 18 (or 15 digits)"
	case ErrIDCharacter:
		return msg + "invalid character at position " + strconv.Itoa(e.Pos)
	case ErrIDArea:
		if len(e.Masked) > 0 && e.Masked[0] == '9' && e.Length == 18 {
			return msg + "invalid address code (地址码): a number starting with 9 is a foreign permanent residence ID card (外国人永久居留身份证), not a 公民身份号码"
		}
		return msg + "invalid address code (地址码)"
	case ErrIDDate:
		return msg + "invalid birth date (出生日期码)"
	case ErrIDCheck:
		return msg + "check character is " + string(rune(e.Got)) + ", want " + string(rune(e.Expected))
	}
	return msg + "invalid"
}

// Unwrap returns e.Err.
func (e *IDError) Unwrap() error { return e.Err }

// Birth years an identity number may carry. GB 11643 does not bound them;
// these bounds reject typing errors (e.g. 0198 or 2901) without reading the
// clock. A caller checks a birth date against its own as-of date.
const (
	minIDBirthYear = 1850
	maxIDBirthYear = 2099
)

// ParseIDNumber reads an identity number.
//
// It accepts the 18-character form of GB 11643-1999 and the 15-digit form of
// GB 11643-1989, which it upgrades by inserting "19" before the two-digit year
// and computing the check character. It ignores leading and trailing spaces
// (ASCII white space, the ideographic space U+3000, the no-break space U+00A0
// and a byte-order mark U+FEFF) but no space inside the number (110105
// 19491231 002X is refused: a roster cell holds the number as written on the
// card), accepts a lowercase x
// as check character, and folds full-width digits ０-９ and Ｘ/ｘ to ASCII, as
// spreadsheets typed with a Chinese input method often contain them.
//
// It checks, in order: the length; the characters (digits, and X only as the
// 18th); the address code; the birth date (a calendar day with the year in
// [minIDBirthYear] through [maxIDBirthYear]: 19000229 and 00000000 are
// refused, 20000229 is accepted); and the check character. Any failure is an
// [*IDError]; the sequence code (including 000) is not checked further, as
// the standard leaves it to the issuing office.
//
// Address codes: the first two digits must be a province-level code of GB/T
// 2260 — 11-15, 21-23, 31-37, 41-46, 50-54, 61-65 or 71 (台湾省) — or the
// whole code must be 810000, 820000 or 830000, the codes of the residence
// permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018),
// which carry a 公民身份号码. The six digits are not looked up further (codes
// change as districts are merged, and a number keeps the code of its first
// registration). Foreign permanent residence ID cards of the 2023 version
// (外国人永久居留身份证, 18 characters starting with 9, same check
// character) are not 公民身份号码 and are refused with [ErrIDArea]; the message
// says so.
//
// Legacy numbers: the 15-digit form has no century, and is always read as
// 19YY (GB 11643-1989 reserved sequence codes 996-999 for centenarians; such
// a number is still read as 19YY and should be checked by hand).
//
// ParseIDNumber does not allocate when it succeeds.
func ParseIDNumber(s string) (IDNumber, error) {
	// Trim spaces: ASCII white space, U+3000 (E3 80 80), U+00A0 (C2 A0)
	// and U+FEFF (EF BB BF, a byte-order mark left in a first CSV cell).
	i, j := 0, len(s)
	for i < j {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
		} else if n := wideSpaceAt(s[i:j]); n > 0 {
			i += n
		} else {
			break
		}
	}
	for j > i {
		if c := s[j-1]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			j--
		} else if n := wideSpaceBefore(s[i:j]); n > 0 {
			j -= n
		} else {
			break
		}
	}
	t := s[i:j]

	var id IDNumber
	b := &id.b
	if len(t) == 18 {
		// Fast path: 18 ASCII characters, copied and then checked and
		// weighted eight at a time (swarCheckSum).
		binary.LittleEndian.PutUint64(b[0:8], le64(t[0:8]))
		binary.LittleEndian.PutUint64(b[8:16], le64(t[8:16]))
		b[16], b[17] = t[16], t[17]
		sum, ok := swarCheckSum(b)
		if !ok {
			return parseIDSlow(t)
		}
		switch c := b[17]; {
		case c-'0' <= 9, c == 'X':
		case c == 'x':
			b[17] = 'X'
		default:
			return parseIDSlow(t)
		}
		if err := checkIDNumber(&id, t, "10X98765432"[sum%11]); err != nil {
			return IDNumber{}, err
		}
		return id, nil
	}
	return parseIDSlow(t)
}

// wideSpaceAt returns the length of the non-ASCII space (U+3000, U+00A0 or
// U+FEFF) that s starts with, or 0.
func wideSpaceAt(s string) int {
	switch {
	case len(s) >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80,
		len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF:
		return 3
	case len(s) >= 2 && s[0] == 0xC2 && s[1] == 0xA0:
		return 2
	}
	return 0
}

// wideSpaceBefore returns the length of the non-ASCII space that s ends
// with, or 0.
func wideSpaceBefore(s string) int {
	n := len(s)
	switch {
	case n >= 3 && s[n-3] == 0xE3 && s[n-2] == 0x80 && s[n-1] == 0x80,
		n >= 3 && s[n-3] == 0xEF && s[n-2] == 0xBB && s[n-1] == 0xBF:
		return 3
	case n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0xA0:
		return 2
	}
	return 0
}

// parseIDSlow parses a trimmed input that is not 18 ASCII characters:
// full-width characters, 15-digit legacy numbers, and every error.
func parseIDSlow(t string) (IDNumber, error) {
	var id IDNumber
	b := &id.b
	n := 0
	for k := 0; k < len(t); {
		c := t[k]
		if c >= 0x80 {
			// Full-width digit U+FF10..U+FF19 is EF BC 90..99; Ｘ U+FF38 is
			// EF BC B8; ｘ U+FF58 is EF BD 98.
			if k+2 < len(t) && c == 0xEF {
				c1, c2 := t[k+1], t[k+2]
				switch {
				case c1 == 0xBC && c2 >= 0x90 && c2 <= 0x99:
					c = '0' + (c2 - 0x90)
				case c1 == 0xBC && c2 == 0xB8, c1 == 0xBD && c2 == 0x98:
					c = 'X'
				default:
					return IDNumber{}, idSyntaxError(t)
				}
				k += 3
			} else {
				return IDNumber{}, idSyntaxError(t)
			}
		} else {
			k++
		}
		if n == 18 {
			return IDNumber{}, idSyntaxError(t)
		}
		b[n] = c
		n++
	}
	switch n {
	case 18:
		for k := 0; k < 17; k++ {
			if b[k]-'0' > 9 {
				return IDNumber{}, idSyntaxError(t)
			}
		}
		switch c := b[17]; {
		case c-'0' <= 9, c == 'X':
		case c == 'x':
			b[17] = 'X'
		default:
			return IDNumber{}, idSyntaxError(t)
		}
	case 15:
		for k := 0; k < 15; k++ {
			if b[k]-'0' > 9 {
				return IDNumber{}, idSyntaxError(t)
			}
		}
		// Upgrade: area(6) + "19" + YYMMDD(6) + sequence(3) + check.
		copy(b[8:17], b[6:15])
		b[6], b[7] = '1', '9'
		b[17] = idCheckChar(b)
	default:
		return IDNumber{}, idSyntaxError(t)
	}
	if err := checkIDNumber(&id, t, idCheckChar(b)); err != nil {
		return IDNumber{}, err
	}
	return id, nil
}

// checkIDNumber checks the area, the birth date and the check character of a
// number whose characters are already valid; want is the computed check
// character.
func checkIDNumber(id *IDNumber, t string, want byte) error {
	switch {
	case !plausibleArea(&id.b):
		return idErr(ErrIDArea, t)
	case !id.validBirth():
		return idErr(ErrIDDate, t)
	case id.b[17] != want:
		e := idErr(ErrIDCheck, t)
		e.Expected, e.Got = want, id.b[17]
		return e
	}
	return nil
}

// MustParseIDNumber is like [ParseIDNumber] but panics on error. It is
// intended for tests and examples with hard-coded strings.
func MustParseIDNumber(s string) IDNumber {
	id, err := ParseIDNumber(s)
	if err != nil {
		panic(err)
	}
	return id
}

// idWeights are the ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 of GB 11643.
const idWeights = "\x07\x09\x0a\x05\x08\x04\x02\x01\x06\x03\x07\x09\x0a\x05\x08\x04\x02"

// CheckCharacter returns the check character (校验码) of GB 11643-1999 for
// the first 17 digits of an identity number — the 6-digit address code, the
// 8-digit birth date and the 3-digit sequence code: with the ISO 7064
// MOD 11-2 weights w(i) = 2^(17−i) mod 11 (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4
// 2) and S the sum of each digit times its weight, the character is
// "10X98765432"[S mod 11], a digit or X. Appended to first17 it makes a
// number whose check [ParseIDNumber] accepts (the address code and birth
// date are not checked here).
//
// first17 must be exactly 17 ASCII digits (no spaces, no full-width
// digits); otherwise CheckCharacter returns an [*IDError] of kind
// [IDLength] or [IDCharacter] (with the 1-based position of the first
// character that is not a digit) and the byte 0. It does not allocate when
// it succeeds.
func CheckCharacter(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, first17Error(first17)
	}
	sum := 0
	for k := 0; k < 17; k++ {
		d := first17[k] - '0'
		if d > 9 {
			return 0, first17Error(first17)
		}
		sum += int(d) * int(idWeights[k])
	}
	return "10X98765432"[sum%11], nil
}

// first17Error classifies an input of CheckCharacter that is not 17 ASCII
// digits: a length other than 17 characters, else the first character that
// is not a digit.
func first17Error(t string) *IDError {
	n := utf8.RuneCountInString(t)
	if n != 17 {
		e := idErr(ErrIDLength, t)
		e.first17 = true
		return e
	}
	pos := 0
	for _, r := range t {
		pos++
		if r < '0' || r > '9' {
			break
		}
	}
	e := idErr(ErrIDCharacter, t)
	e.first17, e.Pos = true, pos
	return e
}

// le64 reads the first eight bytes of s as a little-endian word (the
// compiler makes it one load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// swarCheckSum returns the ISO 7064 MOD 11-2 weighted sum of the first 17
// characters of b and true when they are all ASCII digits, else false. It
// works on eight bytes at a time ("SIMD within a register"): each word
// minus '0' in every byte has every byte at most 9 exactly when no byte of
// x or of x+0x76 has its top bit set (a byte below '0' borrows and sets
// it, one above '9' reaches 0x80 when 0x76 is added). The weighted sum then
// takes one multiplication per four digits: the digits spread into 16-bit
// lanes times a constant holding the weights in reverse lane order gives
// in its top lane the sum of digit × weight (each partial sum is at most
// 4 × 9 × 10, so no lane carries into the next).
func swarCheckSum(b *[18]byte) (int, bool) {
	const (
		zeros = 0x3030303030303030
		add   = 0x7676767676767676
		high  = 0x8080808080808080
		lanes = 0x00FF00FF00FF00FF
	)
	x0 := binary.LittleEndian.Uint64(b[0:8]) - zeros
	x1 := binary.LittleEndian.Uint64(b[8:16]) - zeros
	d16 := b[16] - '0'
	if (x0|(x0+add)|x1|(x1+add))&high != 0 || d16 > 9 {
		return 0, false
	}
	// Weights 7 9 10 5 8 4 2 1 | 6 3 7 9 10 5 8 4 | 2 (idWeights): the
	// even bytes of x0 (0, 2, 4, 6) weigh 7 10 8 2, the odd ones 9 5 4 1;
	// of x1, 6 7 10 8 and 3 9 5 4.
	sum := (x0&lanes)*(7<<48|10<<32|8<<16|2)>>48 +
		(x0>>8&lanes)*(9<<48|5<<32|4<<16|1)>>48 +
		(x1&lanes)*(6<<48|7<<32|10<<16|8)>>48 +
		(x1>>8&lanes)*(3<<48|9<<32|5<<16|4)>>48
	return int(sum) + 2*int(d16), true
}

// idCheckChar computes the check character of the first 17 digits of b.
func idCheckChar(b *[18]byte) byte {
	sum := 0
	for k := 0; k < 17; k++ {
		sum += int(b[k]-'0') * int(idWeights[k])
	}
	return "10X98765432"[sum%11]
}

// plausibleArea reports whether the address code starts with a province-level
// code of GB/T 2260 (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71) or is one
// of the three whole codes of residence permits for Hong Kong, Macao and
// Taiwan residents (810000, 820000, 830000).
func plausibleArea(b *[18]byte) bool {
	p := int(b[0]-'0')*10 + int(b[1]-'0')
	switch {
	case p >= 11 && p <= 15, p >= 21 && p <= 23, p >= 31 && p <= 37,
		p >= 41 && p <= 46, p >= 50 && p <= 54, p >= 61 && p <= 65,
		p == 71:
		return true
	case p >= 81 && p <= 83:
		return b[2] == '0' && b[3] == '0' && b[4] == '0' && b[5] == '0'
	}
	return false
}

func (id *IDNumber) ymd() (y, m, d int) {
	b := &id.b
	y = int(b[6]-'0')*1000 + int(b[7]-'0')*100 + int(b[8]-'0')*10 + int(b[9]-'0')
	m = int(b[10]-'0')*10 + int(b[11]-'0')
	d = int(b[12]-'0')*10 + int(b[13]-'0')
	return
}

func (id *IDNumber) validBirth() bool {
	y, m, d := id.ymd()
	return y >= minIDBirthYear && y <= maxIDBirthYear && validYMD(y, m, d)
}

// idErr builds an error k (a sentinel) about the trimmed input t.
func idErr(k error, t string) *IDError {
	return &IDError{Err: k, Masked: maskInput(t), Length: utf8.RuneCountInString(t)}
}

// idSyntaxError classifies a length or character failure of the trimmed
// input t: a wrong length first, else the first bad character.
func idSyntaxError(t string) error {
	n := utf8.RuneCountInString(t)
	if n != 18 && n != 15 {
		return idErr(ErrIDLength, t)
	}
	pos := 0
	for _, r := range t {
		pos++
		digit := r >= '0' && r <= '9' || r >= '０' && r <= '９'
		check := pos == 18 && (r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ')
		if !digit && !check {
			break
		}
	}
	e := idErr(ErrIDCharacter, t)
	e.Pos = pos
	return e
}

// maskInput masks a possibly invalid input without revealing it: inputs of
// 18 or more characters keep their first 6 and last 4 characters (as
// [IDNumber.Masked] does), inputs of 15 to 17 characters their first 6 and
// last 3 (a 15-digit number keeps its area and sequence codes and hides the
// birth date, as the 18-character mask does); the middle is starred, with at
// most 16 stars and then "…". Shorter inputs become all stars (at most 16,
// then "…"), so nothing of a short input is revealed. Invalid UTF-8 becomes
// U+FFFD. The result is at most 26 characters whatever the input's length,
// and the input is never copied whole.
func maskInput(t string) string {
	n := utf8.RuneCountInString(t)
	out := make([]byte, 0, 6*utf8.UTFMax+16+3+4*utf8.UTFMax)
	stars := func(k int) {
		for range min(k, 16) {
			out = append(out, '*')
		}
		if k > 16 {
			out = append(out, "…"...)
		}
	}
	if n < 15 {
		stars(n)
		return string(out)
	}
	keep := 4
	if n < 18 {
		keep = 3
	}
	// Only the characters of an identity number are kept: a name or other
	// text typed into the cell with the number (黄飞鸿500115…) is starred.
	keepRune := func(r rune) rune {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' {
			return r
		}
		return '*'
	}
	rest := t
	for range 6 {
		r, w := utf8.DecodeRuneInString(rest)
		out = utf8.AppendRune(out, keepRune(r))
		rest = rest[w:]
	}
	stars(n - 6 - keep)
	var tail [4]rune
	for k := keep - 1; k >= 0; k-- {
		r, w := utf8.DecodeLastRuneInString(rest)
		tail[k] = r
		rest = rest[:len(rest)-w]
	}
	for _, r := range tail[:keep] {
		out = utf8.AppendRune(out, keepRune(r))
	}
	return string(out)
}

// IsZero reports whether id is the zero IDNumber (no number).
func (id IDNumber) IsZero() bool { return id.b[0] == 0 }

// String returns the canonical 18-character number (X uppercase), or "" for
// the zero IDNumber. It is the full number: see [IDNumber.Masked].
func (id IDNumber) String() string {
	if id.IsZero() {
		return ""
	}
	return string(id.b[:])
}

// Masked returns the number with the birth date and sequence hidden, keeping
// the first 6 and the last 4 characters: 110105********002X. It returns "" for
// the zero IDNumber.
func (id IDNumber) Masked() string {
	if id.IsZero() {
		return ""
	}
	var m [18]byte
	copy(m[:6], id.b[:6])
	for k := 6; k < 14; k++ {
		m[k] = '*'
	}
	copy(m[14:], id.b[14:])
	return string(m[:])
}

// AreaCode returns the 6-digit address code (地址码) of the place of first
// registration, e.g. "110105", or "".
func (id IDNumber) AreaCode() string {
	if id.IsZero() {
		return ""
	}
	return string(id.b[:6])
}

// BirthDate returns the birth date the number encodes (the zero Date for the
// zero IDNumber).
func (id IDNumber) BirthDate() Date {
	if id.IsZero() {
		return Date{}
	}
	y, m, d := id.ymd()
	return pack(y, m, d)
}

// Gender returns the sex the sequence code encodes: [Male] when the 17th digit
// is odd, [Female] when even, [GenderUnknown] for the zero IDNumber.
func (id IDNumber) Gender() Gender {
	if id.IsZero() {
		return GenderUnknown
	}
	if (id.b[16]-'0')%2 == 1 {
		return Male
	}
	return Female
}

// MarshalText implements encoding.TextMarshaler with the full canonical
// number (empty for the zero IDNumber).
func (id IDNumber) MarshalText() ([]byte, error) {
	if id.IsZero() {
		return []byte{}, nil
	}
	return append([]byte(nil), id.b[:]...), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseIDNumber];
// empty text gives the zero IDNumber.
func (id *IDNumber) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*id = IDNumber{}
		return nil
	}
	p, err := ParseIDNumber(string(text))
	if err != nil {
		return err
	}
	*id = p
	return nil
}
