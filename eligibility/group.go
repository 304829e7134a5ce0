package eligibility

import (
	"iter"
	"math/bits"
	"strings"

	"golang.org/x/text/language"
)

// Group is a target group (扩面重点人群) of a [Rulebook], by its position in
// [Rulebook.Groups]: 1 is the first group. A group means something only
// with the rulebook that defines it ([Rulebook.Group] gives its key, names
// and clause). The zero Group is not a group.
type Group uint8

// MaxGroups is the number of groups a rulebook may define.
const MaxGroups = 15

// valid reports whether g can name a group of a rulebook (1..MaxGroups).
func (g Group) valid() bool { return g >= 1 && g <= MaxGroups }

// GroupSet is a set of groups of one rulebook, a small comparable value.
// The zero GroupSet is empty.
type GroupSet uint16

// GroupsOf returns the set of the given groups (invalid values are ignored).
func GroupsOf(gs ...Group) GroupSet {
	var s GroupSet
	for _, g := range gs {
		s = s.With(g)
	}
	return s
}

// Has reports whether g is in s.
func (s GroupSet) Has(g Group) bool { return g.valid() && s&(1<<g) != 0 }

// With returns s with g added (s itself when g is invalid).
func (s GroupSet) With(g Group) GroupSet {
	if !g.valid() {
		return s
	}
	return s | 1<<g
}

// IsEmpty reports whether s has no group.
func (s GroupSet) IsEmpty() bool { return s&^1 == 0 }

// All returns the groups of s in rulebook order.
func (s GroupSet) All() iter.Seq[Group] {
	return func(yield func(Group) bool) {
		for v := uint16(s &^ 1); v != 0; v &= v - 1 {
			if !yield(Group(bits.TrailingZeros16(v))) {
				return
			}
		}
	}
}

// GroupRule defines one target group of a [Rulebook]: who it is, in the
// document's words, and the [Condition] that puts a resident in it. A
// policy file lists its groups as GroupRules, so a town's plan brings its
// own groups as data.
type GroupRule struct {
	// Key is the group's stable name in policy files, cases, tallies and
	// reports, e.g. "hardship": lower-case ASCII letters, digits and _.
	Key     string `json:"key"`
	Numeral string `json:"numeral,omitempty"` // the document's ordinal, e.g. 六
	Clause  string `json:"clause"`            // the clause defining the group, e.g. 二(六)
	Name    string `json:"name"`              // 中文, e.g. 低保对象、特困人员、重度残疾人员等缴费困难群体
	NameEN  string `json:"name_en"`           // English
	Short   string `json:"short,omitempty"`   // a short Chinese name for tables, e.g. 缴费困难群体
	// When states the criteria: a resident is in the group when every
	// condition holds on the as-of date.
	When Condition `json:"when"`
	// Residual makes the group a catch-all (其他): it matches only when no
	// non-residual group of the rulebook matched the resident.
	Residual bool `json:"residual,omitempty"`
}

// Label returns the group's name in Chinese (base language zh) or English.
func (g GroupRule) Label(t language.Tag) string {
	if isChinese(t) || g.NameEN == "" {
		return g.Name
	}
	return g.NameEN
}

// Lookup returns the group whose key is key.
func (rb *Rulebook) Lookup(key string) (Group, bool) {
	for i := range rb.Groups {
		if rb.Groups[i].Key == key {
			return Group(i + 1), true
		}
	}
	return 0, false
}

// Group returns the definition of g, and false when rb has no group g.
func (rb *Rulebook) Group(g Group) (GroupRule, bool) {
	if !g.valid() || int(g) > len(rb.Groups) {
		return GroupRule{}, false
	}
	return rb.Groups[g-1], true
}

// Keys returns the keys of the groups of s joined by commas, in rulebook
// order.
func (rb *Rulebook) Keys(s GroupSet) string {
	return rb.join(s, ",", func(g *GroupRule) string { return g.Key })
}

// Labels returns the names of the groups of s in Chinese (joined by ；,
// since the names hold 、 themselves) or English (joined by "; ").
func (rb *Rulebook) Labels(s GroupSet, t language.Tag) string {
	sep := "; "
	if isChinese(t) {
		sep = "；"
	}
	return rb.join(s, sep, func(g *GroupRule) string { return g.Label(t) })
}

// ShortLabels returns the short names tables give the groups of s, each
// led by its numeral ("六 缴费困难群体"; the name when the group has no
// short one), joined by ；.
func (rb *Rulebook) ShortLabels(s GroupSet) string {
	return rb.join(s, "；", func(g *GroupRule) string {
		name := g.Short
		if name == "" {
			name = g.Name
		}
		if g.Numeral != "" {
			return g.Numeral + " " + name
		}
		return name
	})
}

func (rb *Rulebook) join(s GroupSet, sep string, f func(*GroupRule) string) string {
	var b strings.Builder
	for g := range s.All() {
		if int(g) > len(rb.Groups) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(f(&rb.Groups[g-1]))
	}
	return b.String()
}
