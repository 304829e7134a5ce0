package policytest

import (
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/internal/suggest"
	"github.com/canbao/kuomian/routing"
)

// Values are read through the vocabularies of eligibility and routing only:
// this file holds no word of its own but "none"/无, the empty list.

// lookup parses s with vocabulary v, refusing an unknown word with a
// *routing.NameError that suggests the nearest term.
func lookup[E ~uint8](v *vocab.Vocabulary[E], s string) (E, error) {
	if e, ok := v.Lookup(s); ok {
		return e, nil
	}
	return 0, unknown(v.Name(), s, words(v.Terms()))
}

// unknown reports the word s of the kind as unknown, masked, with the
// nearest of the known words.
func unknown(kind, s string, known []string) *routing.NameError {
	s = strings.TrimSpace(s)
	return &routing.NameError{Kind: kind, Name: mask(s), Suggest: suggest.Closest(s, known)}
}

// words returns every non-empty word of the terms: keys, labels, aliases.
func words(terms []vocab.Term) []string {
	var out []string
	for _, t := range terms {
		for _, w := range append([]string{t.Key, t.Chinese, t.English}, t.Aliases...) {
			if w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// isNone reports whether v is the empty list: "none", 无, "-", "—" or
// nothing.
func isNone(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "none", "无", "-", "—":
		return true
	}
	return false
}

// parseSet reads a list of values of E (see items); the zero value (none,
// 无) adds nothing.
func parseSet[E vocab.Enum[E]](s string) (vocab.Set[E], error) {
	var zero E
	v := zero.Vocabulary()
	var out vocab.Set[E]
	if isNone(s) {
		return out, nil
	}
	bad := items(s, func(w string) bool {
		e, ok := v.Lookup(w)
		if ok && e != zero {
			out = out.With(e)
		}
		return ok
	})
	if bad != "" {
		return 0, unknown(v.Name(), bad, words(v.Terms()))
	}
	return out, nil
}

// parseFlags reads identity flags with eligibility.ParseFlags; a list it
// does not split (flags separated by spaces, or an English label) is read
// as items.
func parseFlags(s string) (eligibility.Flags, error) {
	if isNone(s) {
		return 0, nil
	}
	if f, _, ok := eligibility.ParseFlags(s); ok {
		return f, nil
	}
	var f eligibility.Flags
	bad := items(s, func(w string) bool {
		g, _, ok := eligibility.ParseFlags(w)
		f |= g
		return ok
	})
	if bad != "" {
		return 0, unknown("flag", bad, words(eligibility.FlagTerms()))
	}
	return f, nil
}

// isSep reports whether r separates the items of a list: , 、 ; ＋ and
// spaces, ASCII or full-width.
func isSep(r rune) bool {
	switch r {
	case ',', '，', '、', ';', '；', ' ', '\t', '　', '+', '＋':
		return true
	}
	return false
}

// splitList splits a list on its separators (see isSep).
func splitList(s string) []string { return strings.FieldsFunc(s, isSep) }

// maxItemWords bounds the pieces one item of a list may span.
const maxItemWords = 16

// items cuts the list s into items and calls match on each; it returns the
// first piece that starts no item, or "". A label may itself hold
// separators ("contribution subsidy for retired fishers", 低保对象、特困人员、
// 重度残疾人员等缴费困难群体), so from each piece the longest run of pieces
// that match is taken as the item: what Set.Label and Rulebook.Labels print
// reads back.
func items(s string, match func(string) bool) (bad string) {
	type span struct{ from, to int }
	var pieces []span
	from := -1
	for i, r := range s {
		if isSep(r) {
			if from >= 0 {
				pieces = append(pieces, span{from, i})
				from = -1
			}
		} else if from < 0 {
			from = i
		}
	}
	if from >= 0 {
		pieces = append(pieces, span{from, len(s)})
	}
	for i := 0; i < len(pieces); {
		j := min(i+maxItemWords, len(pieces)) - 1
		for ; j >= i; j-- {
			if match(s[pieces[i].from:pieces[j].to]) {
				break
			}
		}
		if j < i {
			return s[pieces[i].from:pieces[i].to]
		}
		i = j + 1
	}
	return ""
}

// splitCitations splits a list of clauses on ; and commas (not on spaces:
// "罗政〔2019〕185号 二(二)1" is one citation).
func splitCitations(v string) []string {
	f := strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '；' || r == ',' || r == '，' })
	out := f[:0]
	for _, s := range f {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// maxQuoted bounds the bytes of a value quoted in an error.
const maxQuoted = 40

// mask prepares text for an error message ([privacy.Quote]): at most 40
// bytes, and no identity number.
func mask(s string) string { return privacy.Quote(s, maxQuoted) }
