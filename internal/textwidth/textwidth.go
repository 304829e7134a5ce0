// Package textwidth measures how many terminal columns a string occupies and
// pads strings to a column width, so that tables mixing Chinese and Latin
// text line up in a monospaced terminal.
//
// The width of a character follows its East Asian Width property (Unicode
// Standard Annex #11, looked up with golang.org/x/text/width), which is a
// property and not a column count; this package turns it into one:
//
//   - Wide (W) and Fullwidth (F): 2 columns — 罗, 东, １, ，
//   - Ambiguous (A): the caller's explicit choice, [Narrow] (1) or [Wide] (2)
//     — ·, “”, –, ①, Greek and Cyrillic letters; Chinese terminals often
//     draw them wide, Western ones narrow
//   - nonspacing and enclosing combining marks (Mn, Me), format characters
//     (Cf, e.g. U+200B, U+200D, U+FEFF) and the Hangul medial/final jamo:
//     0 columns
//   - control characters (C0, DEL, C1): 0 columns; they do not belong in
//     an aligned table, and callers should replace them before printing
//   - everything else, including invalid UTF-8 bytes (which terminals show
//     as one replacement character each): 1 column
package textwidth

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Ambiguous is the number of columns given to characters whose East Asian
// Width is Ambiguous. Pass [Narrow] or [Wide] explicitly; any other value is
// treated as Narrow.
type Ambiguous uint8

// The two choices for ambiguous-width characters.
const (
	Narrow Ambiguous = 1 // 1 column, as most Western terminals draw them
	Wide   Ambiguous = 2 // 2 columns, as CJK terminal profiles draw them
)

// Rune returns the number of columns r occupies (0, 1 or 2).
func Rune(r rune, amb Ambiguous) int {
	if r < utf8.RuneSelf {
		if r < 0x20 || r == 0x7f {
			return 0
		}
		return 1
	}
	if r < 0xa0 {
		return 0 // C1 controls
	}
	if 0x4e00 <= r && r <= 0x9fff || 0x3400 <= r && r <= 0x4dbf || 0xff01 <= r && r <= 0xff60 {
		return 2 // fast path: CJK Unified Ideographs (and Ext. A), fullwidth forms
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	case width.EastAsianAmbiguous:
		if isZero(r) {
			return 0
		}
		if amb == Wide {
			return 2
		}
		return 1
	}
	if isZero(r) {
		return 0
	}
	return 1
}

// isZero reports whether r is a zero-width character: a nonspacing or
// enclosing mark, a format character, or a Hangul medial vowel or final
// consonant (which join the preceding syllable).
func isZero(r rune) bool {
	if 0x1160 <= r && r <= 0x11ff || 0xd7b0 <= r && r <= 0xd7ff {
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// String returns the number of columns s occupies: the sum of [Rune] over
// its characters, counting each invalid UTF-8 byte as 1.
func String(s string, amb Ambiguous) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		} else {
			n += Rune(r, amb)
		}
		i += size
	}
	return n
}

// PadRight returns s followed by spaces to make it w columns wide (s is
// left-aligned). If s is already w columns or wider it is returned unchanged.
func PadRight(s string, w int, amb Ambiguous) string {
	gap := w - String(s, amb)
	if gap <= 0 {
		return s
	}
	return s + strings.Repeat(" ", gap)
}

// PadLeft returns s preceded by spaces to make it w columns wide (s is
// right-aligned). If s is already w columns or wider it is returned unchanged.
func PadLeft(s string, w int, amb Ambiguous) string {
	gap := w - String(s, amb)
	if gap <= 0 {
		return s
	}
	return strings.Repeat(" ", gap) + s
}

// PadCenter returns s with spaces on both sides to make it w columns wide;
// when the padding is odd the extra space goes on the right. If s is already
// w columns or wider it is returned unchanged.
func PadCenter(s string, w int, amb Ambiguous) string {
	gap := w - String(s, amb)
	if gap <= 0 {
		return s
	}
	left := gap / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", gap-left)
}

// Truncate returns the longest prefix of s, cut at a character boundary,
// that fits in w columns, followed by ellipsis when anything was cut; the
// result including the ellipsis is at most w columns wide. Zero-width
// characters that follow the last kept character are kept with it.
func Truncate(s string, w int, ellipsis string, amb Ambiguous) string {
	if String(s, amb) <= w {
		return s
	}
	room := w - String(ellipsis, amb)
	if room < 0 {
		return ""
	}
	n, end := 0, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rw := 1
		if !(r == utf8.RuneError && size == 1) {
			rw = Rune(r, amb)
		}
		if n+rw > room {
			break
		}
		n += rw
		i += size
		end = i
	}
	return s[:end] + ellipsis
}
