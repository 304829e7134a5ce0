package policytest_test

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/policytest"
)

// parseOne parses one case made of lines after "case:" and "as of:".
func parseOne(t *testing.T, lines string) (policytest.Case, error) {
	t.Helper()
	cs, err := policytest.ParseCases(strings.NewReader("case: t\nas of: 2023-06-01\n"+lines+"expect age: 1\n"), "vocab.txt")
	if err != nil {
		return policytest.Case{}, err
	}
	return cs[0], nil
}

// spellings returns every way a term is written: key, labels, aliases.
func spellings(t vocab.Term) []string {
	out := []string{t.Key, t.Chinese, t.English}
	for _, a := range t.Aliases {
		if a != "" {
			out = append(out, a)
		}
	}
	return out
}

// roundTrip writes every spelling of every term of E's vocabulary under
// key and checks that the case reads back the term's value.
func roundTrip[E vocab.Enum[E]](t *testing.T, key string, get func(policytest.Case) E, skip ...E) {
	t.Helper()
	var zero E
	v := zero.Vocabulary()
	for i, term := range v.Terms() {
		e := E(i)
		if contains(skip, e) {
			continue
		}
		for _, w := range spellings(term) {
			c, err := parseOne(t, key+": "+w+"\n")
			if err != nil {
				t.Errorf("%s %s: %q: %v", v.Name(), term.Key, w, err)
				continue
			}
			if got := get(c); got != e {
				t.Errorf("%s: %q reads back as %v, want %v", key, w, v.Key(got), term.Key)
			}
		}
	}
}

// roundTripSet is roundTrip for a key whose value is a set: each spelling
// alone, then every term's Chinese and English labels together as
// Set.Label prints them.
func roundTripSet[E vocab.Enum[E]](t *testing.T, key string, get func(policytest.Case) vocab.Set[E]) {
	t.Helper()
	var zero E
	v := zero.Vocabulary()
	var all vocab.Set[E]
	for i, term := range v.Terms() {
		e := E(i)
		want := vocab.SetOf(e)
		if e == zero {
			want = 0 // the zero value (none, 无) is the empty list
		}
		all |= want
		for _, w := range spellings(term) {
			c, err := parseOne(t, key+": "+w+"\n")
			if err != nil {
				t.Errorf("%s %s: %q: %v", v.Name(), term.Key, w, err)
				continue
			}
			if got := get(c); got != want {
				t.Errorf("%s: %q reads back as %v, want %v", key, w, got, want)
			}
		}
	}
	for _, printed := range []string{all.String(), all.Label(language.Chinese), all.Label(language.English)} {
		c, err := parseOne(t, key+": "+printed+"\n")
		if err != nil {
			t.Errorf("%s: %q: %v", key, printed, err)
		} else if got := get(c); got != all {
			t.Errorf("%s: %q reads back as %v, want %v", key, printed, got, all)
		}
	}
}

func contains[E comparable](s []E, e E) bool {
	for _, x := range s {
		if x == e {
			return true
		}
	}
	return false
}

// TestVocabularyRoundTrip checks issue 9: every label the library prints
// and every phrase the plans use for a value — each term's key, Chinese
// and English labels and aliases, for every enumeration a case file uses —
// reads back as that value.
func TestVocabularyRoundTrip(t *testing.T) {
	t.Run("gender", func(t *testing.T) {
		roundTrip(t, "gender", func(c policytest.Case) eligibility.Gender { return c.Resident.Gender })
	})
	t.Run("employment", func(t *testing.T) {
		roundTrip(t, "employment", func(c policytest.Case) eligibility.EmploymentKind { return c.Resident.Employment.Kind })
	})
	t.Run("platform", func(t *testing.T) {
		roundTrip(t, "platform", func(c policytest.Case) eligibility.PlatformKind { return c.Resident.Employment.Platform })
	})
	t.Run("insured", func(t *testing.T) {
		roundTrip(t, "insured", func(c policytest.Case) eligibility.Scheme { return c.Resident.Insurance.Scheme })
	})
	t.Run("status", func(t *testing.T) {
		roundTrip(t, "status", func(c policytest.Case) eligibility.InsuranceStatus { return c.Resident.Insurance.Status })
	})
	t.Run("location", func(t *testing.T) {
		roundTrip(t, "location", func(c policytest.Case) eligibility.InsuranceLocation { return c.Resident.Insurance.Location })
	})
	t.Run("contact", func(t *testing.T) {
		roundTrip(t, "contact", func(c policytest.Case) eligibility.ContactStatus { return c.Resident.Contact })
	})
	t.Run("hukou", func(t *testing.T) {
		// A resident's 户籍 is local or not: "any" (不限) is a condition of
		// a rule, never a fact, and is refused (TestParseCases).
		roundTrip(t, "hukou", func(c policytest.Case) eligibility.HukouCondition {
			if c.Resident.Hukou.Local {
				return eligibility.HukouLocal
			}
			return eligibility.HukouNonLocal
		}, eligibility.HukouAny)
	})
	t.Run("flags", func(t *testing.T) {
		var all eligibility.Flags
		for i, term := range eligibility.FlagTerms() {
			want := eligibility.Flags(1) << i
			all |= want
			for _, w := range spellings(term) {
				c, err := parseOne(t, "flags: "+w+"\n")
				if err != nil {
					t.Errorf("flag %s: %q: %v", term.Key, w, err)
				} else if c.Resident.Flags != want {
					t.Errorf("flags: %q reads back as %v, want %v", w, c.Resident.Flags, want)
				}
			}
		}
		for _, printed := range []string{all.String(), all.Label(language.Chinese), all.Label(language.English)} {
			c, err := parseOne(t, "flags: "+printed+"\n")
			if err != nil {
				t.Errorf("flags: %q: %v", printed, err)
			} else if c.Resident.Flags != all {
				t.Errorf("flags: %q reads back as %v, want %v", printed, c.Resident.Flags, all)
			}
		}
	})
	t.Run("outcome", func(t *testing.T) {
		roundTrip(t, "expect scheme", func(c policytest.Case) routing.Outcome { return c.Expect.Outcome })
		roundTrip(t, "expect fallback", func(c policytest.Case) routing.Outcome { return c.Expect.Fallback.Outcome })
		// Explain prints a fallback with FallbackLabel.
		for i := range routing.Outcome(0).Vocabulary().Keys() {
			o := routing.Outcome(i)
			for _, w := range []string{o.FallbackLabel(language.Chinese), o.FallbackLabel(language.English)} {
				c, err := parseOne(t, "expect fallback: "+w+"\n")
				if err != nil || c.Expect.Fallback.Outcome != o {
					t.Errorf("expect fallback: %q reads back as %v (%v), want %v", w, c.Expect.Fallback.Outcome, err, o)
				}
			}
		}
	})
	t.Run("channel", func(t *testing.T) {
		roundTrip(t, "expect channel", func(c policytest.Case) routing.Channel { return c.Expect.Channel })
		roundTrip(t, "expect fallback channel", func(c policytest.Case) routing.Channel { return c.Expect.Fallback.Channel })
	})
	t.Run("venue", func(t *testing.T) {
		roundTrip(t, "expect venue", func(c policytest.Case) routing.Venue { return c.Expect.Venue })
		roundTrip(t, "expect fallback venue", func(c policytest.Case) routing.Venue { return c.Expect.Fallback.Venue })
	})
	t.Run("band", func(t *testing.T) {
		roundTrip(t, "expect band", func(c policytest.Case) routing.Band { return c.Expect.Band })
	})
	t.Run("subsidies", func(t *testing.T) {
		roundTripSet(t, "expect subsidies", func(c policytest.Case) vocab.Set[routing.Subsidy] { return c.Expect.Subsidies })
	})
	t.Run("actions", func(t *testing.T) {
		roundTripSet(t, "expect actions", func(c policytest.Case) vocab.Set[routing.Action] { return c.Expect.Actions })
	})
}

// TestGroupNamesRoundTrip checks that every group of each preset reads back
// by its key, names and numeral, alone and as the rulebook prints a set.
func TestGroupNamesRoundTrip(t *testing.T) {
	for id, rt := range presets() {
		rb := rt.Rulebook()
		check := func(s string, want eligibility.GroupSet) {
			t.Helper()
			c, err := parseOne(t, "expect groups: "+s+"\n")
			if err != nil {
				t.Fatalf("%s: groups %q: %v", id, s, err)
			}
			if got, bad := policytest.ResolveGroups(&rb, c.Expect.Groups); bad != "" || got != want {
				t.Errorf("%s: groups %q read back as [%s] (unknown %q), want [%s]", id, s, rb.Keys(got), bad, rb.Keys(want))
			}
		}
		var all eligibility.GroupSet
		for i, g := range rb.Groups {
			grp := eligibility.Group(i + 1)
			all = all.With(grp)
			for _, w := range []string{g.Key, g.Name, g.NameEN, g.Numeral} {
				if w != "" {
					check(w, eligibility.GroupsOf(grp))
				}
			}
		}
		if all.IsEmpty() {
			continue
		}
		for _, printed := range []string{rb.Keys(all), rb.Labels(all, language.Chinese), rb.Labels(all, language.English)} {
			check(printed, all)
		}
	}
}
