package routing

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"
)

// name is one entry of an enumeration's name table: the JSON and case-file
// name, the Chinese label and the English label.
type name struct {
	key, zh, en string
}

// lookupName finds s among the keys, Chinese labels and English labels of
// table (keys compare case-insensitively). It reports the index.
func lookupName(table []name, s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	for i, n := range table {
		if n.key == "" {
			continue
		}
		if strings.EqualFold(n.key, s) || n.zh == s || strings.EqualFold(n.en, s) {
			return i, true
		}
	}
	// A unique prefix of a Chinese label, e.g. 企业职工 for 企业职工基本养老保险.
	found, at := 0, -1
	if len([]rune(s)) >= 2 {
		for i, n := range table {
			if n.key != "" && strings.HasPrefix(n.zh, s) {
				found++
				at = i
			}
		}
	}
	if found == 1 {
		return at, true
	}
	return 0, false
}

// keys returns the non-empty keys of table.
func keys(table []name) []string {
	out := make([]string, 0, len(table))
	for _, n := range table {
		if n.key != "" {
			out = append(out, n.key)
		}
	}
	return out
}

// NameError reports a name that is not in an enumeration: an unknown scheme,
// group, channel, flag, … in a policy file or a case file.
type NameError struct {
	Kind    string // what was being named, e.g. "group"
	Name    string // the unknown name as written
	Suggest string // the closest known name, or ""
}

func (e *NameError) Error() string {
	if e.Suggest != "" {
		return fmt.Sprintf("unknown %s %q (did you mean %q?)", e.Kind, e.Name, e.Suggest)
	}
	return fmt.Sprintf("unknown %s %q", e.Kind, e.Name)
}

// Unwrap returns [ErrUnknownName].
func (e *NameError) Unwrap() error { return ErrUnknownName }

// unknownName reports s as unknown, suggesting the nearest key or label: a
// Chinese typo (企业职公) gets the Chinese label, an English one the key.
func unknownName(kind string, table []name, s string) *NameError {
	cands := keys(table)
	for _, n := range table {
		if n.key != "" {
			cands = append(cands, n.zh, n.en)
		}
	}
	return &NameError{Kind: kind, Name: s, Suggest: closest(strings.TrimSpace(s), cands)}
}

// parseName parses one enumeration value.
func parseName(kind string, table []name, s string) (int, error) {
	if i, ok := lookupName(table, s); ok {
		return i, nil
	}
	return 0, unknownName(kind, table, s)
}

// closest returns the known word nearest to s by edit distance, if it is
// near enough to be a plausible typo; otherwise "".
func closest(s string, known []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, k := range known {
		d := editDistance(ls, strings.ToLower(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	limit := 2
	if n := len([]rune(s)); n > 8 {
		limit = 3
	}
	if bestD <= limit && bestD < len([]rune(s)) {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein (optimal string alignment)
// distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// bitNames lists the names of the bits set in v, in bit order.
func bitNames(v uint32, table []name) []string {
	out := make([]string, 0, bits.OnesCount32(v))
	for i, n := range table {
		if i < 32 && v&(1<<i) != 0 {
			out = append(out, n.key)
		}
	}
	return out
}

// bitLabels joins the labels of the bits set in v.
func bitLabels(v uint32, table []name, zh bool, sep string) string {
	var b strings.Builder
	for i, n := range table {
		if i < 32 && v&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			if zh {
				b.WriteString(n.zh)
			} else {
				b.WriteString(n.en)
			}
		}
	}
	return b.String()
}

func marshalBits(v uint32, table []name) ([]byte, error) {
	return json.Marshal(bitNames(v, table))
}

func unmarshalBits(data []byte, kind string, table []name) (uint32, error) {
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		return 0, fmt.Errorf("%s: want a list of names: %w", kind, err)
	}
	return parseBitList(list, kind, table)
}

func parseBitList(list []string, kind string, table []name) (uint32, error) {
	var v uint32
	for _, s := range list {
		i, err := parseName(kind, table, s)
		if err != nil {
			return 0, err
		}
		if v&(1<<i) != 0 {
			return 0, fmt.Errorf("%s %q listed twice: %w", kind, s, ErrDuplicate)
		}
		v |= 1 << i
	}
	return v, nil
}

// splitList splits a case-file list value on commas, 、, ；, ; and spaces.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', '，', '、', ';', '；', ' ', '\t', '　', '+':
			return true
		}
		return false
	})
	return f
}
