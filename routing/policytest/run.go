package policytest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/language"
)

// Failure is one expectation a decision did not meet.
type Failure struct {
	Field string // e.g. "scheme", "groups", "citation"
	Want  string
	Got   string
}

// CaseResult is the outcome of running one [Case].
type CaseResult struct {
	Case     Case
	Decision routing.Decision // zero when routing failed
	Err      error            // the routing error, if any
	Skipped  bool             // the case is for another policy
	Failures []Failure
}

// OK reports whether the case passed (or was skipped).
func (r CaseResult) OK() bool { return len(r.Failures) == 0 }

// String returns a readable report: one line for a pass, or the case's
// position, each failed expectation with want and got, the decision and its
// reasons.
func (r CaseResult) String() string {
	c := r.Case
	head := fmt.Sprintf("%s:%d: case %q", c.File, c.Line, c.Name)
	if r.Skipped {
		return head + ": skipped (for policy " + c.Policy + ")"
	}
	if r.OK() {
		return head + ": ok"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d failed expectation(s)\n", head, len(r.Failures))
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "    %s: want %s, got %s\n", f.Field, f.Want, f.Got)
	}
	if r.Err != nil {
		fmt.Fprintf(&b, "    error: %v\n", r.Err)
	} else {
		fmt.Fprintf(&b, "    decision: %s (age %d, band %s)\n", r.Decision, r.Decision.Age, r.Decision.Band)
		for i := range r.Decision.NumReasons() {
			rs := r.Decision.Reason(i)
			fmt.Fprintf(&b, "    reason %d: %s %s %s\n", i+1, rs.Kind, rs.RuleID, rs.Citation)
		}
	}
	return b.String()
}

// labelled writes a value as its key and, when different, its Chinese
// label: "employee (企业职工基本养老保险)".
func labelled[E interface {
	~uint8
	String() string
	Label(language.Tag) string
}](v E) string {
	s, zh := v.String(), v.Label(language.Chinese)
	if zh != "" && zh != s {
		return s + " (" + zh + ")"
	}
	return s
}

func listString(s string) string {
	if s == "" {
		return "none"
	}
	return "[" + s + "]"
}

func quoteOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return strconv.Quote(s)
}

// RunCases routes every case with rt and checks its expectations. Cases
// whose Policy names another policy are skipped. The group and phase names
// of a case are resolved against rt's policy: a group named by its key,
// Chinese or English name or numeral, a phase by its Chinese or English
// name; a group the policy does not define is a failure of the case. The
// results are in the order of cases.
func RunCases(rt *routing.Router, cases []Case) []CaseResult {
	p := rt.Policy()
	rb := rt.Rulebook()
	out := make([]CaseResult, 0, len(cases))
	for _, c := range cases {
		res := CaseResult{Case: c}
		if c.Policy != "" && c.Policy != p.ID {
			res.Skipped = true
			out = append(out, res)
			continue
		}
		d, err := rt.Route(c.Resident, c.AsOf)
		res.Decision, res.Err = d, err
		e := c.Expect
		fail := func(field, want, got string) {
			res.Failures = append(res.Failures, Failure{Field: field, Want: want, Got: got})
		}
		if e.Fields&ExpectError != 0 {
			if got := routing.ErrorKey(err); got != e.Error {
				fail("error", e.Error, got)
			}
		} else if err != nil {
			fail("error", "none", routing.ErrorKey(err))
		}
		if err != nil {
			out = append(out, res)
			continue
		}
		check := func(f ExpectField, field string, ok bool, want, got string) {
			if e.Fields&f != 0 && !ok {
				fail(field, want, got)
			}
		}
		check(ExpectOutcome, "scheme", e.Outcome == d.Outcome, labelled(e.Outcome), labelled(d.Outcome))
		check(ExpectChannel, "channel", e.Channel == d.Channel, labelled(e.Channel), labelled(d.Channel))
		check(ExpectVenue, "venue", e.Venue == d.Venue, labelled(e.Venue), labelled(d.Venue))
		check(ExpectFallback, "fallback", e.Fallback.Outcome == d.Fallback.Outcome, e.Fallback.Outcome.String(), d.Fallback.Outcome.String())
		check(ExpectFallbackChannel, "fallback channel", e.Fallback.Channel == d.Fallback.Channel, e.Fallback.Channel.String(), d.Fallback.Channel.String())
		check(ExpectFallbackVenue, "fallback venue", e.Fallback.Venue == d.Fallback.Venue, e.Fallback.Venue.String(), d.Fallback.Venue.String())
		check(ExpectSubsidies, "subsidies", e.Subsidies == d.Subsidies, listString(e.Subsidies.String()), listString(d.Subsidies.String()))
		check(ExpectActions, "actions", e.Actions == d.Actions, listString(e.Actions.String()), listString(d.Actions.String()))
		if e.Fields&ExpectGroups != 0 {
			gotKeys := listString(rb.Keys(d.Groups))
			if want, bad := groupSet(&rb, e.Groups); bad != "" {
				var known []string
				for _, g := range rb.Groups {
					known = append(known, g.Key)
				}
				fail("groups", unknown("group", bad, known).Error(), gotKeys)
			} else if want != d.Groups {
				fail("groups", listString(rb.Keys(want)), gotKeys)
			}
		}
		check(ExpectPhase, "phase", phaseName(&p, e.Phase) == d.Phase, quoteOrNone(e.Phase), quoteOrNone(d.Phase))
		check(ExpectBand, "band", e.Band == d.Band, e.Band.String(), d.Band.String())
		check(ExpectAge, "age", e.Age == d.Age, strconv.Itoa(e.Age), strconv.Itoa(d.Age))
		if e.Fields&ExpectCitations != 0 {
			cites := d.Citations()
			for _, want := range e.Citations {
				if !slices.ContainsFunc(cites, func(c routing.Citation) bool { return c.String() == want || c.Clause == want }) {
					var got []string
					for _, c := range cites {
						got = append(got, c.String())
					}
					fail("citation", want, "["+strings.Join(got, "; ")+"]")
				}
			}
		}
		if e.Fields&ExpectRules != 0 {
			ids := d.RuleIDs()
			for _, want := range e.Rules {
				if !slices.Contains(ids, want) {
					fail("rule", want, "["+strings.Join(ids, ", ")+"]")
				}
			}
		}
		out = append(out, res)
	}
	return out
}

// groupSet resolves the groups of a case against rb; it returns the first
// word that names no group, if any.
func groupSet(rb *eligibility.Rulebook, s string) (eligibility.GroupSet, string) {
	var out eligibility.GroupSet
	if isNone(s) {
		return out, ""
	}
	bad := items(s, func(w string) bool {
		g, ok := findGroup(rb, w)
		out = out.With(g)
		return ok
	})
	return out, bad
}

// findGroup returns the group of rb whose key, name, English name or
// numeral is w.
func findGroup(rb *eligibility.Rulebook, w string) (eligibility.Group, bool) {
	w = strings.TrimSpace(w)
	if g, ok := rb.Lookup(w); ok {
		return g, true
	}
	for i, g := range rb.Groups {
		if w != "" && (w == g.Name || w == g.Numeral || strings.EqualFold(w, g.NameEN)) {
			return eligibility.Group(i + 1), true
		}
	}
	return 0, false
}

// phaseName returns the name of the policy's phase whose name or English
// name is s, or s itself.
func phaseName(p *routing.Policy, s string) string {
	for _, ph := range p.Phases {
		if s == ph.Name || s != "" && strings.EqualFold(s, ph.NameEN) {
			return ph.Name
		}
	}
	return s
}
