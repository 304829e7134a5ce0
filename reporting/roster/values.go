package roster

import (
	"bytes"
	"time"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// A word maps one way of writing a yes/no value to the value.
type word[T any] struct {
	text string
	v    T
}

// The vocabularies of the enumerations are eligibility's, one per
// enumeration (eligibility/vocab): every word a plan or a roster uses for a
// value, and every label the library prints, reads back here too.
var (
	genderWords     = eligibility.Gender(0).Vocabulary()
	employmentWords = eligibility.EmploymentKind(0).Vocabulary()
	platformWords   = eligibility.PlatformKind(0).Vocabulary()
	schemeWords     = eligibility.Scheme(0).Vocabulary()
	statusWords     = eligibility.InsuranceStatus(0).Vocabulary()
	locationWords   = eligibility.InsuranceLocation(0).Vocabulary()
	contactWords    = eligibility.ContactStatus(0).Vocabulary()
	flagWords       = flagVocabulary()
)

// flagVocabulary is the vocabulary of the single identity flags, term i
// naming the flag 1<<i (eligibility.FlagTerms).
func flagVocabulary() *vocab.Vocabulary[uint8] {
	return vocab.New[uint8]("flag", eligibility.FlagTerms()...)
}

// lookupVocab finds b in table. The comparison string(b) == e.text does not
// allocate.
func lookupVocab[T any](table []word[T], b []byte) (T, bool) {
	for _, e := range table {
		if string(b) == e.text {
			return e.v, true
		}
	}
	var zero T
	return zero, false
}

// yesNoVocab reads the yes/no columns (是否本区户籍, 低保, …).
var yesNoVocab = []word[bool]{
	{"是", true}, {"否", false},
	{"√", true}, {"×", false},
	{"Y", true}, {"N", false}, {"y", true}, {"n", false},
	{"1", true}, {"0", false},
	{"有", true}, {"无", false},
	{"本区", true}, {"区外", false}, {"本地", true}, {"外地", false},
}

// flagColumns gives the flag each yes/no flag column sets.
var flagColumns = [numColumns]eligibility.Flags{
	ColumnMinimumLiving:        eligibility.FlagMinimumLiving,
	ColumnExtremePoverty:       eligibility.FlagExtremePoverty,
	ColumnSevereDisability:     eligibility.FlagSevereDisability,
	ColumnLandAcquired:         eligibility.FlagLandAcquired,
	ColumnTownshipHire:         eligibility.FlagTownshipHire,
	ColumnVillageCadre:         eligibility.FlagVillageCadre,
	ColumnFiscallySupported:    eligibility.FlagFiscallySupported,
	ColumnIndustryLeader:       eligibility.FlagIndustryLeader,
	ColumnRuralMigrantWorker:   eligibility.FlagRuralMigrantWorker,
	ColumnRetiredFisher:        eligibility.FlagRetiredFisher,
	ColumnCollegeGraduate:      eligibility.FlagCollegeGraduate,
	ColumnEmploymentDifficulty: eligibility.FlagEmploymentDifficulty,
}

// isListSep reports whether r separates the items of a 身份标记 list. A
// space separates items too, but only when the words between other
// separators are not one term ("minimum living allowance recipient").
func isListSep(c byte) bool {
	return c == ',' || c == ';' || c == '/' || c == '|' || c == '+'
}

// parseFlagList reads a list such as "低保、被征地" (already width-folded, so
// "，" and "；" are ASCII). It reads every item it can and returns the
// first it cannot read.
func parseFlagList(b []byte) (f eligibility.Flags, bad []byte, ok bool) {
	for len(b) > 0 {
		n := 0
		for n < len(b) && !isListSep(b[n]) && !hasPrefixStr(b[n:], "、") {
			n++
		}
		item := b[:n]
		if i, ok := flagWords.LookupBytes(item); ok {
			f |= eligibility.Flags(1) << i
		} else {
			for _, w := range bytes.Fields(item) { // "低保 特困"
				if i, ok := flagWords.LookupBytes(w); ok {
					f |= eligibility.Flags(1) << i
				} else if bad == nil {
					bad = w
				}
			}
		}
		b = b[n:]
		if hasPrefixStr(b, "、") {
			b = b[len("、"):]
		} else if len(b) > 0 {
			b = b[1:]
		}
	}
	return f, bad, bad == nil
}

func hasPrefixStr(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }

// parseRosterDate reads the date forms rosters hold: 2006-01-02, 20060102,
// 2006/1/2, 2006.1.2 and 2006年1月2日, with one- or two-digit month and
// day, also followed by a time of day (2019/7/18 0:00, 2019-07-18
// 00:00:00), as Excel writes a cell formatted as a date and time; the time
// is ignored. It does not allocate. It refuses Excel serial numbers (38719 for
// 2006-01-02, what a date cell becomes when its column is formatted as a
// number): a five-digit number is also a plausible typo, and a birth date
// read wrongly is worse than a row refused.
func parseRosterDate(b []byte) (eligibility.Date, bool) {
	if i := indexByte(b, ' '); i > 0 && isClock(b[i+1:]) {
		b = b[:i] // 2019/7/18 0:00, as Excel writes a date-time cell
	}
	if len(b) == 8 {
		// 20060102, unless the 8 bytes are a short date with separators
		// such as 2006/1/2.
		y, ok1 := atoiBytes(b[0:4])
		m, ok2 := atoiBytes(b[4:6])
		d, ok3 := atoiBytes(b[6:8])
		if ok1 && ok2 && ok3 {
			return newDate(y, m, d)
		}
	}
	var parts [3]int
	p := 0
	for i := 0; i < 3; i++ {
		start := p
		for p < len(b) && b[p] >= '0' && b[p] <= '9' {
			p++
		}
		n := p - start
		if n == 0 || (i == 0 && n != 4) || (i > 0 && n > 2) {
			return eligibility.Date{}, false
		}
		parts[i], _ = atoiBytes(b[start:p])
		rest := b[p:]
		switch {
		case i < 2 && len(rest) > 0 && (rest[0] == '-' || rest[0] == '/' || rest[0] == '.'):
			p++
		case i == 0 && hasPrefixStr(rest, "年"):
			p += len("年")
		case i == 1 && hasPrefixStr(rest, "月"):
			p += len("月")
		case i == 2 && hasPrefixStr(rest, "日"):
			p += len("日")
		case i == 2 && len(rest) == 0:
		default:
			return eligibility.Date{}, false
		}
	}
	if p != len(b) {
		return eligibility.Date{}, false
	}
	return newDate(parts[0], parts[1], parts[2])
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// isClock reports whether b is a time of day: H:MM or HH:MM, with optional
// :SS.
func isClock(b []byte) bool {
	parts := 0
	for len(b) > 0 {
		n := 0
		for n < len(b) && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n == 0 || n > 2 || (parts > 0 && n != 2) {
			return false
		}
		v, _ := atoiBytes(b[:n])
		if parts == 0 && v > 23 || parts > 0 && v > 59 {
			return false
		}
		parts++
		b = b[n:]
		if len(b) > 0 {
			if b[0] != ':' || len(b) == 1 {
				return false
			}
			b = b[1:]
		}
	}
	return parts == 2 || parts == 3
}

func newDate(y, m, d int) (eligibility.Date, bool) {
	if m < 1 || m > 12 {
		return eligibility.Date{}, false
	}
	date, err := eligibility.NewDate(y, time.Month(m), d)
	return date, err == nil
}

// atoiBytes reads a short run of ASCII digits.
func atoiBytes(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
