package routing

import (
	"fmt"
	"slices"

	"github.com/canbao/kuomian/eligibility"
)

// Code identifies the kind of a validation [Finding].
type Code string

// The finding codes.
const (
	CodeMissingField      Code = "missing-field"              // a required field is empty
	CodeBadPeriod         Code = "bad-period"                 // effective period unset or inverted
	CodeAgeLineInvalid    Code = "age-line-invalid"           // an age outside 0..150, or bands that cannot be reconciled
	CodeAgeOverlap        Code = "age-line-overlap"           // the stated bands share an age
	CodeAgeGap            Code = "age-line-gap"               // an age belongs to neither stated band
	CodeAgeResolutionNoop Code = "age-line-resolution-unused" // at_line set where the bands meet exactly
	CodeDerivedAgeLines   Code = "derived-age-lines"          // the lines come from the retirement schedule
	CodeDuplicateRule     Code = "duplicate-rule-id"          // two rules share an ID
	CodeMissingCitation   Code = "missing-citation"           // a rule, phase or milestone cites nothing
	CodeRuleShape         Code = "rule-shape"                 // fields that do not fit the rule's kind
	CodeNeverFires        Code = "rule-never-fires"           // the rule can never match
	CodeUndeclaredGroup   Code = "undeclared-group"           // a rule tests a group the policy does not declare
	CodePhase             Code = "phase"                      // a phase is inverted, overlaps another or lies outside the period
	CodeMilestone         Code = "milestone"                  // a milestone is out of range or out of order
	CodeUnknownRulebook   Code = "unknown-group-rulebook"     // groups without a known eligibility rulebook
	CodeTooLarge          Code = "too-large"                  // more rules, phases or milestones than a decision can index
)

// Finding is one result of validating a policy.
type Finding struct {
	Severity Severity `json:"severity"`
	Code     Code     `json:"code"`
	Path     string   `json:"path"`              // where, e.g. "age_lines.men" or "rules[3]"
	Message  string   `json:"message"`           // English, names the resolution if any
	Citation Citation `json:"citation,omitzero"` // the clause concerned, if any
}

// String returns "severity code path: message (citation)".
func (f Finding) String() string {
	s := fmt.Sprintf("%s %s %s: %s", f.Severity, f.Code, f.Path, f.Message)
	if !f.Citation.IsZero() {
		s += " (" + f.Citation.String() + ")"
	}
	return s
}

// Fatal reports whether any finding has [SeverityError].
func Fatal(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == SeverityError })
}

type validator struct {
	p  Policy
	fs []Finding
}

func (v *validator) add(sev Severity, code Code, path string, c Citation, format string, args ...any) {
	v.fs = append(v.fs, Finding{Severity: sev, Code: code, Path: path, Message: fmt.Sprintf(format, args...), Citation: c})
}

// Validate checks a policy and returns every finding, in document order:
// missing fields (a policy without route rules included), an unset or
// inverted effective period, gaps and overlaps
// in the age lines (with the policy's resolution), rules whose fields do not
// fit their kind, rules that can never fire (an empty age range, a band the
// age range excludes, or an earlier rule of the same kind that matches
// everything they match), groups the policy does not declare, and
// inconsistent phases and milestones. Findings of [SeverityError] make
// [LoadPolicy] and [Compile] fail.
func Validate(p Policy) []Finding {
	v := &validator{p: p}
	v.header()
	if len(p.Rules) > MaxRules || len(p.Phases) > MaxPhases || len(p.Milestones) > MaxMilestones {
		return v.fs // too large: checking it rule by rule would take quadratic time
	}
	v.ageLines()
	v.rules()
	v.phases()
	v.milestones()
	return v.fs
}

// Limits on the size of a policy (they keep decisions fixed-size).
const (
	MaxRules      = 4096
	MaxPhases     = 64
	MaxMilestones = 64
)

func (v *validator) header() {
	p := v.p
	if len(p.Rules) > MaxRules || len(p.Phases) > MaxPhases || len(p.Milestones) > MaxMilestones {
		v.add(SeverityError, CodeTooLarge, "", Citation{},
			"a policy has at most %d rules, %d phases and %d milestones (this one has %d, %d and %d); nothing else was checked",
			MaxRules, MaxPhases, MaxMilestones, len(p.Rules), len(p.Phases), len(p.Milestones))
	}
	for _, f := range []struct{ name, val string }{
		{"id", p.ID}, {"version", p.Version}, {"jurisdiction", p.Jurisdiction}, {"document", p.Document},
	} {
		if f.val == "" {
			v.add(SeverityError, CodeMissingField, f.name, Citation{}, "%s is empty", f.name)
		}
	}
	if p.Groups != 0 {
		if rb, ok := groupRulebook(p.GroupRulebook); !ok {
			v.add(SeverityError, CodeUnknownRulebook, "group_rulebook", Citation{},
				"the policy uses groups but names no known group rulebook (known: \"shiyan-2023\"): %q", p.GroupRulebook)
		} else {
			v.rulebookPeriod(&rb)
		}
	}
	switch {
	case p.Effective.From.IsZero() || p.Effective.To.IsZero():
		v.add(SeverityError, CodeBadPeriod, "effective", Citation{}, "effective period needs both from and to")
	case p.Effective.From.After(p.Effective.To):
		v.add(SeverityError, CodeBadPeriod, "effective", Citation{},
			"effective period is inverted: from %s is after to %s", p.Effective.From, p.Effective.To)
	}
}

// rulebookPeriod reports an effective period the group rulebook does not
// cover: routing on such a date would fail in classification.
func (v *validator) rulebookPeriod(rb *eligibility.Rulebook) {
	p := v.p
	if p.Effective.From.IsZero() || p.Effective.To.IsZero() {
		return
	}
	if !rb.InEffect(p.Effective.From) || !rb.InEffect(p.Effective.To) {
		v.add(SeverityError, CodeBadPeriod, "effective", Citation{},
			"effective period %s..%s is not covered by group rulebook %q (%s..%s)",
			p.Effective.From, p.Effective.To, rb.ID, rb.ValidFrom, rb.ValidTo)
	}
}

func (v *validator) ageLines() {
	al := v.p.AgeLines
	for _, g := range []struct {
		path, who string
		l         AgeLine
	}{{"age_lines.men", "men", al.Men}, {"age_lines.women", "women", al.Women}} {
		l := g.l
		if l.Younger.Age < 0 || l.Younger.Age > 150 || l.Older.Age < 0 || l.Older.Age > 150 {
			v.add(SeverityError, CodeAgeLineInvalid, g.path, al.Citation, "ages must lie in 0..150")
			continue
		}
		youngMax := l.Younger.Age - 1
		if l.Younger.Inclusive {
			youngMax = l.Younger.Age
		}
		oldMin := l.Older.Age + 1
		if l.Older.Inclusive {
			oldMin = l.Older.Age
		}
		stated := fmt.Sprintf("%q (younger band up to %d, older band from %d)", l.Stated, youngMax, oldMin)
		res := func(age int) string {
			switch l.AtLine {
			case BandOlder:
				return fmt.Sprintf("the policy resolves %d → the older band%s (%s aged %d count as at or above the line)",
					age, v.bandOutcome(BandOlder), g.who, age)
			case BandYounger:
				return fmt.Sprintf("the policy resolves %d → the younger band%s (%s aged %d count as below the line)",
					age, v.bandOutcome(BandYounger), g.who, age)
			}
			return ""
		}
		switch {
		case oldMin == youngMax:
			if l.AtLine == BandAny {
				v.add(SeverityError, CodeAgeOverlap, g.path, al.Citation,
					"%s: the stated bands overlap at %d (以上/以下 include the number, 民法典 第1259条) and at_line does not resolve it",
					stated, oldMin)
			} else {
				v.add(SeverityWarning, CodeAgeOverlap, g.path, al.Citation,
					"%s: the stated bands overlap at %d (以上/以下 include the number, 民法典 第1259条); %s",
					stated, oldMin, res(oldMin))
			}
		case oldMin < youngMax:
			v.add(SeverityError, CodeAgeOverlap, g.path, al.Citation,
				"%s: the stated bands overlap at ages %d..%d", stated, oldMin, youngMax)
		case oldMin == youngMax+2:
			if l.AtLine == BandAny {
				v.add(SeverityError, CodeAgeGap, g.path, al.Citation,
					"%s: age %d belongs to neither band and at_line does not resolve it", stated, youngMax+1)
			} else {
				v.add(SeverityWarning, CodeAgeGap, g.path, al.Citation,
					"%s: age %d belongs to neither stated band; %s", stated, youngMax+1, res(youngMax+1))
			}
		case oldMin > youngMax+2:
			v.add(SeverityError, CodeAgeGap, g.path, al.Citation,
				"%s: ages %d..%d belong to neither band", stated, youngMax+1, oldMin-1)
		default:
			if l.AtLine != BandAny {
				v.add(SeverityInfo, CodeAgeResolutionNoop, g.path, al.Citation,
					"%s: the bands meet exactly; at_line %s has nothing to resolve", stated, l.AtLine)
			}
		}
	}
	if f := al.FemaleRetirementAge; f != 0 && f != 50 && f != 55 {
		v.add(SeverityError, CodeAgeLineInvalid, "age_lines.female_retirement_age", retirement2024,
			"female_retirement_age is %d; the statutory original ages are 50 and 55 (0 means 55)", f)
	}
	if al.Derive {
		v.add(SeverityInfo, CodeDerivedAgeLines, "age_lines.derive", retirement2024,
			"age lines are derived from each resident's retirement date minus the minimum contribution period, not the stated ages")
	}
	usesBand := slices.ContainsFunc(v.p.Rules, func(r Rule) bool { return r.When.Band != BandAny })
	if usesBand && (al.Citation.Document == "" || al.Citation.Clause == "") {
		v.add(SeverityError, CodeMissingCitation, "age_lines.citation", Citation{}, "rules use the age lines but the lines cite no clause")
	}
}

// bandOutcome names the outcome of the first route rule for band b, as
// " → 城乡居民基本养老保险 (rule 4.2.older)", or "".
func (v *validator) bandOutcome(b Band) string {
	for _, r := range v.p.Rules {
		if r.Kind == KindRoute && r.When.Band == b {
			return fmt.Sprintf(" → %s (rule %s)", r.Outcome.Label(zhTag), r.ID)
		}
	}
	return ""
}

func (v *validator) rules() {
	p := v.p
	seen := map[string]int{}
	var outs OutcomeSet
	var chans ChannelSet
	for _, r := range p.Rules {
		if r.Kind == KindRoute {
			o := r.Outcome
			if o == OutcomeExisting {
				outs |= OutcomesOf(OutcomeEmployee, OutcomeResident, OutcomeCovered)
			} else {
				outs |= OutcomesOf(o)
			}
			chans |= ChannelsOf(r.Channel)
			if !r.Fallback.IsZero() {
				outs |= OutcomesOf(r.Fallback.Outcome)
				chans |= ChannelsOf(r.Fallback.Channel)
			}
		}
	}
	if !slices.ContainsFunc(p.Rules, func(r Rule) bool { return r.Kind == KindRoute }) {
		v.add(SeverityError, CodeMissingField, "rules", Citation{}, "the policy has no route rule: it cannot route anyone")
	}
	for i, r := range p.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		if r.ID != "" {
			path += " (" + r.ID + ")"
		}
		if r.ID == "" {
			v.add(SeverityError, CodeMissingField, path, r.Citation, "rule has no id")
		} else if j, dup := seen[r.ID]; dup {
			v.add(SeverityError, CodeDuplicateRule, path, r.Citation, "id %q already used by rules[%d]", r.ID, j)
		} else {
			seen[r.ID] = i
		}
		if r.Citation.Document == "" || r.Citation.Clause == "" {
			v.add(SeverityError, CodeMissingCitation, path, r.Citation, "every rule must cite a document and a clause")
		}
		v.shape(path, r)
		v.condition(path, r, outs, chans)
		if r.Kind == KindRoute || r.Kind == KindVenue {
			for j := range i {
				e := p.Rules[j]
				if e.Kind == r.Kind && subsumes(e.When, r.When) {
					v.add(SeverityError, CodeNeverFires, path, r.Citation,
						"rule never fires: the earlier %s rule %q matches everything it matches", r.Kind, e.ID)
					break
				}
			}
		}
	}
}

func (v *validator) shape(path string, r Rule) {
	bad := func(format string, args ...any) {
		v.add(SeverityError, CodeRuleShape, path, r.Citation, format, args...)
	}
	switch r.Kind {
	case KindRoute:
		switch r.Outcome {
		case OutcomeNone:
			bad("route rule needs an outcome")
		case OutcomeEmployee, OutcomeResident, OutcomeExisting:
			if r.Channel == ChannelNone {
				bad("route rule to %s needs a channel", r.Outcome)
			}
		default:
			if r.Channel != ChannelNone {
				bad("route rule to %s takes no channel", r.Outcome)
			}
		}
		if !r.Fallback.IsZero() {
			switch {
			case !r.Outcome.IsJoin() && r.Outcome != OutcomeExisting:
				bad("only a rule that routes to a scheme can have a fallback")
			case r.Fallback.Venue != VenueNone:
				bad("a fallback's venue comes from the venue rules; leave fallback.venue empty")
			case r.Fallback.Outcome.IsJoin() && r.Fallback.Channel == ChannelNone:
				bad("fallback to %s needs a channel", r.Fallback.Outcome)
			case r.Fallback.Outcome == OutcomeCovered && r.Fallback.Channel != ChannelNone:
				bad("fallback to covered takes no channel")
			case !r.Fallback.Outcome.IsJoin() && r.Fallback.Outcome != OutcomeCovered:
				bad("fallback outcome must be employee, resident or covered")
			case r.Fallback.Outcome == r.Outcome && r.Fallback.Channel == r.Channel:
				bad("fallback repeats the first choice")
			}
		}
		if !r.FallbackCitation.IsZero() {
			switch {
			case r.Fallback.IsZero():
				bad("fallback_citation without a fallback")
			case r.FallbackCitation.Document == "" || r.FallbackCitation.Clause == "":
				v.add(SeverityError, CodeMissingCitation, path, r.Citation, "fallback_citation needs a document and a clause")
			}
		}
		if r.When.Outcome != 0 || r.When.Channel != 0 {
			bad("a route rule cannot test the outcome or channel it decides")
		}
		if r.Venue != VenueNone || r.Subsidy != SubsidyNone || r.Action != ActionNone {
			bad("a route rule sets no venue, subsidy or action (use venue, subsidy and action rules)")
		}
	case KindVenue:
		if r.Venue == VenueNone {
			bad("venue rule needs a venue")
		}
		v.onlyOwn(bad, r, true, false, false)
	case KindSubsidy:
		if r.Subsidy == SubsidyNone {
			bad("subsidy rule needs a subsidy")
		}
		v.onlyOwn(bad, r, false, true, false)
	case KindAction:
		if r.Action == ActionNone {
			bad("action rule needs an action")
		}
		v.onlyOwn(bad, r, false, false, true)
	default:
		bad("rule kind must be route, venue, subsidy or action")
	}
}

func (v *validator) onlyOwn(bad func(string, ...any), r Rule, venue, subsidy, action bool) {
	if r.Outcome != OutcomeNone || r.Channel != ChannelNone || !r.Fallback.IsZero() || !r.FallbackCitation.IsZero() {
		bad("only route rules set outcome, channel and fallback (test them with when.outcome and when.channel)")
	}
	if (!venue && r.Venue != VenueNone) || (!subsidy && r.Subsidy != SubsidyNone) || (!action && r.Action != ActionNone) {
		bad("a %s rule sets only its own %s", r.Kind, r.Kind)
	}
}

func (v *validator) condition(path string, r Rule, outs OutcomeSet, chans ChannelSet) {
	c := r.When
	never := func(format string, args ...any) {
		v.add(SeverityError, CodeNeverFires, path, r.Citation, "rule never fires: "+format, args...)
	}
	if c.FromAge < 0 || c.BelowAge < 0 {
		v.add(SeverityError, CodeRuleShape, path, r.Citation, "ages cannot be negative")
	}
	if c.FromAge > eligibility.MaxAge || c.BelowAge > eligibility.MaxAge {
		v.add(SeverityError, CodeRuleShape, path, r.Citation, "ages must lie in 0..%d (from_age %d, below_age %d)",
			eligibility.MaxAge, c.FromAge, c.BelowAge)
	}
	if c.BelowAge > 0 && c.FromAge >= c.BelowAge {
		never("from_age %d is not below below_age %d", c.FromAge, c.BelowAge)
	}
	if c.Band != BandAny && !v.p.AgeLines.Derive {
		m, okM := v.p.AgeLines.Men.Line()
		w, okW := v.p.AgeLines.Women.Line()
		if okM && okW && !bandPossible(c, m) && !bandPossible(c, w) {
			never("band %s is outside ages %d..%d for both lines (men %d, women %d)", c.Band, c.FromAge, c.BelowAge-1, m, w)
		}
	}
	if extra := c.GroupsAny &^ v.p.Groups; extra != 0 {
		v.add(SeverityError, CodeUndeclaredGroup, path, r.Citation,
			"tests groups %s, which the policy does not declare in groups", extra)
	}
	if r.Kind != KindRoute {
		if c.Outcome != 0 && c.Outcome&outs == 0 {
			never("no route rule yields outcome %s", c.Outcome)
		} else if c.Outcome.Has(OutcomeExisting) {
			never("decisions never carry outcome existing (it becomes employee or resident)")
		}
		if c.Channel != 0 && c.Channel&chans == 0 {
			never("no route rule yields channel %s", c.Channel)
		}
	}
}

// bandPossible reports whether some age in c's age range falls in c's band
// for a line at age line.
func bandPossible(c Condition, line int) bool {
	below := c.BelowAge
	if below == 0 {
		below = 1 << 30
	}
	if c.Band == BandYounger {
		return c.FromAge < min(below, line)
	}
	return max(c.FromAge, line) < below
}

// subsumes reports whether every resident (and choice) matching b also
// matches a.
func subsumes(a, b Condition) bool {
	set := func(x, y uint32) bool { return x == 0 || (y != 0 && y&^x == 0) }
	if !set(uint32(a.Employment), uint32(b.Employment)) ||
		!set(uint32(a.Insured), uint32(b.Insured)) ||
		!set(uint32(a.Status), uint32(b.Status)) ||
		!set(uint32(a.Location), uint32(b.Location)) ||
		!set(uint32(a.FlagsAny), uint32(b.FlagsAny)) ||
		!set(uint32(a.GroupsAny), uint32(b.GroupsAny)) ||
		!set(uint32(a.Contact), uint32(b.Contact)) ||
		!set(uint32(a.Outcome), uint32(b.Outcome)) ||
		!set(uint32(a.Channel), uint32(b.Channel)) {
		return false
	}
	if a.Hukou != HukouAny && a.Hukou != b.Hukou {
		return false
	}
	if a.Band != BandAny && a.Band != b.Band {
		return false
	}
	if a.FromAge > b.FromAge {
		return false
	}
	if a.BelowAge != 0 && (b.BelowAge == 0 || b.BelowAge > a.BelowAge) {
		return false
	}
	return true
}

func (v *validator) phases() {
	p := v.p
	type iv struct {
		i int
		Period
	}
	var ok []iv
	for i, ph := range p.Phases {
		path := fmt.Sprintf("phases[%d] (%s)", i, ph.Name)
		if ph.Name == "" {
			v.add(SeverityError, CodeMissingField, path, ph.Citation, "phase has no name")
		}
		if ph.Citation.Document == "" || ph.Citation.Clause == "" {
			v.add(SeverityError, CodeMissingCitation, path, ph.Citation, "phase cites no clause")
		}
		if ph.Period.From.IsZero() || ph.Period.To.IsZero() || ph.Period.From.After(ph.Period.To) {
			v.add(SeverityError, CodePhase, path, ph.Citation, "phase period %s..%s is unset or inverted", ph.Period.From, ph.Period.To)
			continue
		}
		if ph.Period.From.Before(p.Effective.From) || ph.Period.To.After(p.Effective.To) {
			v.add(SeverityWarning, CodePhase, path, ph.Citation, "phase %s..%s lies partly outside the effective period %s..%s",
				ph.Period.From, ph.Period.To, p.Effective.From, p.Effective.To)
		}
		ok = append(ok, iv{i, ph.Period})
	}
	slices.SortStableFunc(ok, func(a, b iv) int { return a.From.Compare(b.From) })
	for k := 1; k < len(ok); k++ {
		if !ok[k].From.After(ok[k-1].To) {
			v.add(SeverityError, CodePhase, fmt.Sprintf("phases[%d]", ok[k].i), p.Phases[ok[k].i].Citation,
				"phase overlaps phases[%d]", ok[k-1].i)
		}
	}
}

func (v *validator) milestones() {
	p := v.p
	for i, m := range p.Milestones {
		path := fmt.Sprintf("milestones[%d]", i)
		if m.Percent < 1 || m.Percent > 100 {
			v.add(SeverityError, CodeMilestone, path, m.Citation, "percent %d is outside 1..100", m.Percent)
		}
		if m.By.IsZero() {
			v.add(SeverityError, CodeMilestone, path, m.Citation, "milestone has no date")
		}
		if m.Citation.Document == "" || m.Citation.Clause == "" {
			v.add(SeverityError, CodeMissingCitation, path, m.Citation, "milestone cites no clause")
		}
		if i > 0 {
			prev := p.Milestones[i-1]
			if !m.By.After(prev.By) || m.Percent < prev.Percent {
				v.add(SeverityError, CodeMilestone, path, m.Citation,
					"milestones must be in date order with non-decreasing percentages")
			}
		}
	}
}
