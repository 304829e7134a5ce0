package routing

import (
	"fmt"
	"slices"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
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
	CodeGroups            Code = "groups"                     // a target group is malformed, or there are too many
	CodeTimetable         Code = "timetable"                  // the baseline or the bulletin clause is missing or out of place
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

// HasErrors reports whether any finding has [SeverityError].
func HasErrors(fs []Finding) bool {
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
	if len(p.Rules) > maxRules || len(p.Phases) > maxPhases || len(p.Milestones) > maxMilestones {
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
	maxRules      = 4096
	maxPhases     = 64
	maxMilestones = 64
)

func (v *validator) header() {
	p := v.p
	if len(p.Rules) > maxRules || len(p.Phases) > maxPhases || len(p.Milestones) > maxMilestones {
		v.add(SeverityError, CodeTooLarge, "", Citation{},
			"a policy has at most %d rules, %d phases and %d milestones (this one has %d, %d and %d); nothing else was checked",
			maxRules, maxPhases, maxMilestones, len(p.Rules), len(p.Phases), len(p.Milestones))
	}
	for _, f := range []struct{ name, val string }{
		{"id", p.ID}, {"version", p.Version}, {"jurisdiction", p.Jurisdiction}, {"document", p.Document},
	} {
		if f.val == "" {
			v.add(SeverityError, CodeMissingField, f.name, Citation{}, "%s is empty", f.name)
		}
	}
	if len(p.Groups) > 0 {
		rb := p.Rulebook()
		if err := rb.Validate(); err != nil {
			v.add(SeverityError, CodeGroups, "groups", Citation{Document: p.Document}, "%v", err)
		}
	}
	if f := p.FemaleRetirementAge; f != 0 && f != 50 && f != 55 {
		v.add(SeverityError, CodeAgeLineInvalid, "female_retirement_age", retirement2024,
			"female_retirement_age is %d; the statutory original ages are 50 and 55 (0 means 55)", f)
	}
	switch {
	case p.Effective.From.IsZero() || p.Effective.To.IsZero():
		v.add(SeverityError, CodeBadPeriod, "effective", Citation{}, "effective period needs both from and to")
	case p.Effective.From.After(p.Effective.To):
		v.add(SeverityError, CodeBadPeriod, "effective", Citation{},
			"effective period is inverted: from %s is after to %s", p.Effective.From, p.Effective.To)
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
	var outs vocab.Set[Outcome]
	var chans vocab.Set[Channel]
	for _, r := range p.Rules {
		if r.Kind == KindRoute {
			o := r.Outcome
			if o == OutcomeExisting {
				outs |= setOf(OutcomeEmployee, OutcomeResident, OutcomeCovered)
			} else {
				outs = outs.With(o)
			}
			chans = chans.With(r.Channel)
			if !r.Fallback.IsZero() {
				outs = outs.With(r.Fallback.Outcome)
				chans = chans.With(r.Fallback.Channel)
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

func (v *validator) condition(path string, r Rule, outs vocab.Set[Outcome], chans vocab.Set[Channel]) {
	c := r.When
	never := func(format string, args ...any) {
		v.add(SeverityError, CodeNeverFires, path, r.Citation, "rule never fires: "+format, args...)
	}
	if err := c.Condition.Validate(); err != nil {
		never("%v", err)
	}
	ages := c.Ages
	if ages.IsZero() {
		ages = eligibility.AgeBand{Min: 0, Max: eligibility.MaxAge}
	}
	if ages.Max > eligibility.MaxAge {
		v.add(SeverityError, CodeRuleShape, path, r.Citation, "ages must lie in 0..%d (ages %s)", eligibility.MaxAge, ages)
	}
	if c.Band != BandAny && !v.p.AgeLines.Derive {
		m, okM := v.p.AgeLines.Men.Line()
		w, okW := v.p.AgeLines.Women.Line()
		if okM && okW && !bandPossible(c.Band, ages, m) && !bandPossible(c.Band, ages, w) {
			never("band %s is outside ages %s for both lines (men %d, women %d)", c.Band, ages, m, w)
		}
	}
	rb := v.p.Rulebook()
	if len(c.GroupsAny) > eligibility.MaxGroups {
		// Some key is undeclared or repeated; one finding, not one per key
		// of a hostile list.
		v.add(SeverityError, CodeRuleShape, path, r.Citation,
			"groups_any lists %d groups; a policy declares at most %d", len(c.GroupsAny), eligibility.MaxGroups)
	} else {
		for i, k := range c.GroupsAny {
			if slices.Contains(c.GroupsAny[:i], k) {
				v.add(SeverityError, CodeRuleShape, path, r.Citation, "groups_any lists group %q twice", k)
			}
			if _, ok := rb.Lookup(k); !ok {
				v.add(SeverityError, CodeUndeclaredGroup, path, r.Citation,
					"tests group %q, which the policy does not declare in groups", k)
			}
		}
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

// bandPossible reports whether some age of ages falls in band for a line
// at age line.
func bandPossible(band Band, ages eligibility.AgeBand, line int) bool {
	if band == BandYounger {
		return ages.Min < line
	}
	return ages.Max >= line || ages.Max >= eligibility.MaxAge
}

// subsumes reports whether every resident (and choice) matching b also
// matches a.
func subsumes(a, b Condition) bool {
	set := func(x, y uint64) bool { return x == 0 || (y != 0 && y&^x == 0) }
	ac, bc := &a.Condition, &b.Condition
	if !set(uint64(ac.Employment), uint64(bc.Employment)) ||
		!set(uint64(ac.Platforms), uint64(bc.Platforms)) ||
		!set(uint64(ac.Insured), uint64(bc.Insured)) ||
		!set(uint64(ac.Status), uint64(bc.Status)) ||
		!set(uint64(ac.Location), uint64(bc.Location)) ||
		!set(uint64(ac.FlagsAny), uint64(bc.FlagsAny)) ||
		!set(uint64(ac.Contact), uint64(bc.Contact)) ||
		!set(uint64(a.Outcome), uint64(b.Outcome)) ||
		!set(uint64(a.Channel), uint64(b.Channel)) {
		return false
	}
	if len(a.GroupsAny) > eligibility.MaxGroups || len(b.GroupsAny) > eligibility.MaxGroups {
		return false // an invalid list (see condition): do not compare it key by key
	}
	if len(a.GroupsAny) > 0 && (len(b.GroupsAny) == 0 || slices.ContainsFunc(b.GroupsAny, func(k string) bool { return !slices.Contains(a.GroupsAny, k) })) {
		return false
	}
	if ac.Hukou != eligibility.HukouAny && ac.Hukou != bc.Hukou {
		return false
	}
	if a.Band != BandAny && a.Band != b.Band {
		return false
	}
	if ac.BelowRetirement && !bc.BelowRetirement {
		return false
	}
	// Thresholds compare by representation only: a hostile exponent must
	// not make validation rescale a number to millions of digits.
	if ac.TierAbove.Valid && (!bc.TierAbove.Valid || bc.TierAbove.Decimal.Exponent() != ac.TierAbove.Decimal.Exponent() ||
		bc.TierAbove.Decimal.Coefficient().Cmp(ac.TierAbove.Decimal.Coefficient()) != 0) {
		return false
	}
	if !ac.Ages.IsZero() {
		if bc.Ages.IsZero() || bc.Ages.Min < ac.Ages.Min || (ac.Ages.Max < eligibility.MaxAge && bc.Ages.Max > ac.Ages.Max) {
			return false
		}
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
	base := p.BaselineDate()
	if !p.Baseline.IsZero() && !p.Effective.Contains(p.Baseline) && !p.Effective.From.IsZero() && !p.Effective.To.IsZero() {
		v.add(SeverityWarning, CodeTimetable, "baseline", Citation{},
			"baseline %s lies outside the effective period %s..%s", p.Baseline, p.Effective.From, p.Effective.To)
	}
	for i, m := range p.Milestones {
		path := fmt.Sprintf("milestones[%d]", i)
		if m.Percent < 1 || m.Percent > 100 {
			v.add(SeverityError, CodeMilestone, path, m.Citation, "percent %d is outside 1..100", m.Percent)
		}
		if m.By.IsZero() {
			v.add(SeverityError, CodeMilestone, path, m.Citation, "milestone has no date")
		} else if i == 0 && !base.IsZero() && !m.By.After(base) {
			v.add(SeverityError, CodeMilestone, path, m.Citation, "milestone %s is not after the baseline %s", m.By, base)
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
	if len(p.Milestones) > 0 && p.Bulletin.IsZero() {
		v.add(SeverityInfo, CodeTimetable, "bulletin", Citation{},
			"the policy sets milestones but cites no clause asking for a progress bulletin")
	}
}
