package vocab

import (
	"encoding/json"
	"iter"
	"math/bits"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/internal/privacy"
)

// Term is one value of an enumeration as people write it: its key (the
// stable text form of String, MarshalText, JSON, policy files and policy
// test cases), its Chinese and English labels ([language.Tag] picks one),
// and the other words rosters and documents use for it. Every form reads
// back as the same value, through every parser of kuomian.
type Term struct {
	Key     string   // e.g. "platform_worker"
	Chinese string   // e.g. 新业态从业人员
	English string   // e.g. "platform worker"
	Aliases []string // e.g. 新业态, 新就业形态, 平台就业, PlatformWorker
}

// Vocabulary is the one table of an enumeration: the [Term] of each value,
// indexed by the value. It is immutable; every enumeration of kuomian
// returns its own from a method named Vocabulary, and its String, Label,
// MarshalText and UnmarshalText read it, as do the roster reader, the
// policy JSON and the policy test cases.
type Vocabulary[E ~uint8] struct {
	name  string // the type's name in messages, e.g. "employment"
	terms []Term
}

// New returns the vocabulary of an enumeration whose values are
// 0..len(terms)-1, term i naming value i; name is what messages call the
// enumeration (e.g. "employment"). It copies the terms.
func New[E ~uint8](name string, terms ...Term) *Vocabulary[E] {
	v := &Vocabulary[E]{name: name, terms: make([]Term, len(terms))}
	for i, t := range terms {
		t.Aliases = append([]string(nil), t.Aliases...)
		v.terms[i] = t
	}
	return v
}

// Name returns what the vocabulary names, e.g. "employment".
func (v *Vocabulary[E]) Name() string { return v.name }

// Terms returns a copy of the terms, value 0 first.
func (v *Vocabulary[E]) Terms() []Term {
	out := make([]Term, len(v.terms))
	for i, t := range v.terms {
		t.Aliases = append([]string(nil), t.Aliases...)
		out[i] = t
	}
	return out
}

// Keys returns the key of every value, value 0 first.
func (v *Vocabulary[E]) Keys() []string {
	out := make([]string, len(v.terms))
	for i, t := range v.terms {
		out[i] = t.Key
	}
	return out
}

// Valid reports whether e is a value of the enumeration.
func (v *Vocabulary[E]) Valid(e E) bool { return int(e) < len(v.terms) }

// Key returns e's key, or "name(n)" for a value outside the enumeration.
func (v *Vocabulary[E]) Key(e E) string {
	if !v.Valid(e) {
		return v.name + "(" + strconv.Itoa(int(e)) + ")"
	}
	return v.terms[e].Key
}

// Label returns e's Chinese label for a tag whose base language is zh and
// its English label otherwise.
func (v *Vocabulary[E]) Label(e E, t language.Tag) string {
	if !v.Valid(e) {
		return v.Key(e)
	}
	if isChinese(t) {
		return v.terms[e].Chinese
	}
	return v.terms[e].English
}

// Parse returns the value whose key, Chinese or English label or alias is
// s, after trimming spaces (ASCII and full-width). It returns a
// [*TextError] (masked input) when no term matches.
func (v *Vocabulary[E]) Parse(s string) (E, error) {
	if e, ok := v.Lookup(s); ok {
		return e, nil
	}
	return 0, &TextError{Type: v.name, Input: privacy.Quote(s, 40)}
}

// Lookup is [Vocabulary.Parse] reporting only whether s matched; it does
// not allocate. Keys and English labels compare without regard to ASCII
// case.
func (v *Vocabulary[E]) Lookup(s string) (E, bool) {
	s = strings.TrimFunc(s, isSpace)
	for i := range v.terms {
		t := &v.terms[i]
		if s == t.Chinese || strings.EqualFold(s, t.Key) || strings.EqualFold(s, t.English) {
			return E(i), true
		}
		for _, a := range t.Aliases {
			if s == a {
				return E(i), true
			}
		}
	}
	return 0, false
}

// LookupBytes is [Vocabulary.Lookup] for text held in a byte slice, such as
// a CSV field; the caller trims it. It does not allocate.
func (v *Vocabulary[E]) LookupBytes(b []byte) (E, bool) {
	for i := range v.terms {
		t := &v.terms[i]
		if string(b) == t.Chinese || foldEqual(b, t.Key) || foldEqual(b, t.English) {
			return E(i), true
		}
		for _, a := range t.Aliases {
			if string(b) == a {
				return E(i), true
			}
		}
	}
	return 0, false
}

// foldEqual reports whether b equals s without regard to ASCII case.
func foldEqual(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		x, y := b[i], s[i]
		if x != y {
			if 'A' <= x && x <= 'Z' {
				x += 'a' - 'A'
			}
			if 'A' <= y && y <= 'Z' {
				y += 'a' - 'A'
			}
			if x != y {
				return false
			}
		}
	}
	return true
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

// Enum is satisfied by the enumerations of kuomian: a small integer type
// with one [Vocabulary].
type Enum[E ~uint8] interface {
	~uint8
	Vocabulary() *Vocabulary[E]
}

// Set is a set of values of one enumeration (at most 64 values), a small
// comparable value. The zero Set is empty; in a [Condition] an empty Set
// places no condition. In JSON a Set is a list of keys (labels and aliases
// are accepted when reading).
type Set[E Enum[E]] uint64

// SetOf returns the set of the given values (values of 64 or more are
// ignored).
func SetOf[E Enum[E]](es ...E) Set[E] {
	var s Set[E]
	for _, e := range es {
		s = s.With(e)
	}
	return s
}

// Has reports whether e is in s.
func (s Set[E]) Has(e E) bool { return e < 64 && s&(1<<e) != 0 }

// With returns s with e added.
func (s Set[E]) With(e E) Set[E] {
	if e >= 64 {
		return s
	}
	return s | 1<<e
}

// IsEmpty reports whether s has no value.
func (s Set[E]) IsEmpty() bool { return s == 0 }

// Len returns the number of values in s.
func (s Set[E]) Len() int { return bits.OnesCount64(uint64(s)) }

// All returns the values of s in increasing order.
func (s Set[E]) All() iter.Seq[E] {
	return func(yield func(E) bool) {
		for v := uint64(s); v != 0; v &= v - 1 {
			if !yield(E(bits.TrailingZeros64(v))) {
				return
			}
		}
	}
}

// Contains reports whether every value of t is in s.
func (s Set[E]) Contains(t Set[E]) bool { return t&^s == 0 }

// String returns the keys joined by commas, e.g. "none,resident".
func (s Set[E]) String() string {
	return s.join(func(v *Vocabulary[E], e E) string { return v.Key(e) }, ",")
}

// Label returns the labels joined by ； (Chinese: labels such as
// 找不到人、联系不上、核查无信息 hold 、 themselves) or "; ".
func (s Set[E]) Label(t language.Tag) string {
	sep := "; "
	if isChinese(t) {
		sep = "；"
	}
	return s.join(func(v *Vocabulary[E], e E) string { return v.Label(e, t) }, sep)
}

func (s Set[E]) join(f func(*Vocabulary[E], E) string, sep string) string {
	var zero E
	v := zero.Vocabulary()
	var b strings.Builder
	for e := range s.All() {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(f(v, e))
	}
	return b.String()
}

// MarshalJSON writes the set as a list of keys.
func (s Set[E]) MarshalJSON() ([]byte, error) {
	var zero E
	v := zero.Vocabulary()
	keys := []string{}
	for e := range s.All() {
		keys = append(keys, v.Key(e))
	}
	return json.Marshal(keys)
}

// UnmarshalJSON reads a list of keys, labels or aliases. A value listed
// twice is an error.
func (s *Set[E]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // as encoding/json does for null
	}
	var zero E
	v := zero.Vocabulary()
	var words []string
	if err := json.Unmarshal(b, &words); err != nil {
		return &TextError{Type: v.name + " list", Input: privacy.Quote(string(b), 40)}
	}
	var out Set[E]
	for _, w := range words {
		e, err := v.Parse(w)
		if err != nil {
			return err
		}
		if out.Has(e) {
			return &TextError{Type: v.name + " (listed twice)", Input: privacy.Quote(w, 40)}
		}
		out = out.With(e)
	}
	*s = out
	return nil
}

// TextError reports text that no term of a vocabulary (or a parser of
// kuomian's text forms) recognises.
type TextError struct {
	Type  string // what was being read, e.g. "employment"
	Input string // the text, masked: at most 40 bytes, no identity number
}

// Error returns the message, quoting Input.
func (e *TextError) Error() string {
	return "eligibility: " + e.Type + ": unknown value " + strconv.Quote(e.Input)
}

// isChinese reports whether t's base language is Chinese (zh).
func isChinese(t language.Tag) bool {
	b, _ := t.Base()
	zh, _ := language.Chinese.Base()
	return b == zh
}
