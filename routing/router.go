package routing

import (
	"slices"

	"github.com/canbao/kuomian/eligibility"
)

// Option configures [Compile].
type Option func(*options)

type options struct {
	rulebook *eligibility.Rulebook
}

// WithGroupRulebook makes the router classify residents with rb instead of
// the rulebook the policy names in GroupRulebook (a town's variant of the
// eligibility preset, for instance). The policy must still declare the
// groups it uses in Groups.
func WithGroupRulebook(rb eligibility.Rulebook) Option {
	return func(o *options) { c := rb; c.Rules = append([]eligibility.Rule(nil), rb.Rules...); o.rulebook = &c }
}

// groupRulebook returns the eligibility rulebook a policy names.
func groupRulebook(id string) (eligibility.Rulebook, bool) {
	switch id {
	case "shiyan-2023":
		return eligibility.Shiyan2023(), true
	}
	return eligibility.Rulebook{}, false
}

// Router is a compiled [Policy]: the form that routes residents fast and
// without allocating. Build one with [Compile]; it is immutable and safe for
// concurrent use.
type Router struct {
	p        Policy
	findings []Finding

	route, venue, subsidy, action []crule

	men, women  int // fixed lines: first age of the older band
	derive      bool
	femaleClass eligibility.RetirementClass
	rb          *eligibility.Rulebook // nil: the policy uses no groups
}

// crule is a compiled rule: its condition as bit masks (0 = any).
type crule struct {
	idx   int
	emp   uint16
	ins   uint8
	st    uint8
	loc   uint8
	con   uint8
	outs  uint8
	chans uint8
	flags uint32
	grp   uint16
	from  int
	below int
	band  Band
	hukou HukouCond
}

// facts are a resident's facts as bits, for matching.
type facts struct {
	emp   uint16
	ins   uint8
	st    uint8
	loc   uint8
	con   uint8
	out   uint8
	ch    uint8
	flags uint32
	grp   uint16
	age   int
	band  Band
	local bool
}

func bit8[T ~uint8](v T) uint8 {
	if v >= 8 {
		return 0
	}
	return 1 << v
}

// match reports whether f satisfies c; needBand is set when c tests the age
// band and f has none (unknown gender).
func (c *crule) match(f *facts) (ok, needBand bool) {
	if c.emp != 0 && c.emp&f.emp == 0 ||
		c.ins != 0 && c.ins&f.ins == 0 ||
		c.st != 0 && c.st&f.st == 0 ||
		c.loc != 0 && c.loc&f.loc == 0 ||
		c.con != 0 && c.con&f.con == 0 ||
		c.outs != 0 && c.outs&f.out == 0 ||
		c.chans != 0 && c.chans&f.ch == 0 ||
		c.flags != 0 && c.flags&f.flags == 0 ||
		c.grp != 0 && c.grp&f.grp == 0 ||
		f.age < c.from || f.age >= c.below {
		return false, false
	}
	switch c.hukou {
	case HukouLocal:
		if !f.local {
			return false, false
		}
	case HukouNonLocal:
		if f.local {
			return false, false
		}
	}
	if c.band != BandAny {
		if f.band == BandAny {
			return false, true
		}
		if c.band != f.band {
			return false, false
		}
	}
	return true, false
}

// Compile validates p and compiles it into a [Router]. It returns a
// *[ValidationError] when Validate reports a finding of [SeverityError];
// the router keeps every finding ([Router.Findings]).
func Compile(p Policy, opts ...Option) (*Router, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	p = p.Clone()
	fs := Validate(p)
	fromOption := o.rulebook != nil
	if fromOption { // the option replaces the named rulebook
		fs = slices.DeleteFunc(fs, func(f Finding) bool { return f.Code == CodeUnknownRulebook })
	} else if p.Groups != 0 {
		if rb, ok := groupRulebook(p.GroupRulebook); ok {
			o.rulebook = &rb
		}
	}
	if o.rulebook != nil {
		if err := o.rulebook.Validate(); err != nil {
			fs = append(fs, Finding{Severity: SeverityError, Code: CodeUnknownRulebook, Path: "group_rulebook",
				Message: "group rulebook is invalid: " + err.Error()})
		}
		if fromOption { // Validate checked the period of a named rulebook only
			v := &validator{p: p}
			v.rulebookPeriod(o.rulebook)
			fs = append(fs, v.fs...)
		}
	}
	if Fatal(fs) {
		return nil, &ValidationError{Policy: p.ID, Findings: fs}
	}
	rt := &Router{p: p, findings: fs, derive: p.AgeLines.Derive}
	rt.men, _ = p.AgeLines.Men.Line()
	rt.women, _ = p.AgeLines.Women.Line()
	rt.femaleClass = eligibility.Female55
	if p.AgeLines.FemaleRetirementAge == 50 {
		rt.femaleClass = eligibility.Female50
	}
	if p.Groups != 0 {
		rt.rb = o.rulebook
	}
	for i, r := range p.Rules {
		c := crule{
			idx:   i,
			emp:   uint16(r.When.Employment),
			ins:   uint8(r.When.Insured),
			st:    uint8(r.When.Status),
			loc:   uint8(r.When.Location),
			con:   uint8(r.When.Contact),
			outs:  uint8(r.When.Outcome),
			chans: uint8(r.When.Channel),
			flags: uint32(r.When.FlagsAny),
			grp:   uint16(r.When.GroupsAny),
			from:  r.When.FromAge,
			below: r.When.BelowAge,
			band:  r.When.Band,
			hukou: r.When.Hukou,
		}
		if c.below == 0 {
			c.below = 1 << 30
		}
		switch r.Kind {
		case KindRoute:
			rt.route = append(rt.route, c)
		case KindVenue:
			rt.venue = append(rt.venue, c)
		case KindSubsidy:
			rt.subsidy = append(rt.subsidy, c)
		case KindAction:
			rt.action = append(rt.action, c)
		}
	}
	return rt, nil
}

// MustCompile is like [Compile] but panics on error. It is intended for
// the presets and for policies fixed at build time, as regexp.MustCompile.
func MustCompile(p Policy, opts ...Option) *Router {
	rt, err := Compile(p, opts...)
	if err != nil {
		panic(err)
	}
	return rt
}

// Policy returns a copy of the compiled policy.
func (rt *Router) Policy() Policy { return rt.p.Clone() }

// Findings returns the validation findings (warnings and notes; a router
// never has errors).
func (rt *Router) Findings() []Finding { return append([]Finding(nil), rt.findings...) }

// Route compiles p and routes one resident. It is a convenience for one-off
// calls: compiling allocates, so route many residents with [Compile] and
// [Router.Route].
func Route(p Policy, r eligibility.Resident, asOf eligibility.Date) (Decision, error) {
	rt, err := Compile(p)
	if err != nil {
		return Decision{}, err
	}
	return rt.Route(r, asOf)
}

// Route decides where resident r goes on the date asOf: the outcome, the
// channel and venue, the fallback, the subsidies, the follow-up actions, the
// target groups and the reasons, each citing its clause.
//
// The age is r's age in 周岁 on asOf ([eligibility.AgeOn]) from
// r.EffectiveBirth(); the age band uses r.EffectiveGender(). Route returns a
// *[PeriodError] when asOf is outside the policy's effective period and a
// *[FactError] when the facts do not allow a decision (no birth date, born
// after asOf, unknown gender where the age line decides, no rule matching).
// It does not allocate.
func (rt *Router) Route(r eligibility.Resident, asOf eligibility.Date) (d Decision, err error) {
	p := &rt.p
	if !p.Effective.Contains(asOf) {
		return Decision{}, &PeriodError{Policy: p.ID, AsOf: asOf, Period: p.Effective}
	}
	birth := r.EffectiveBirth()
	if birth.IsZero() {
		return Decision{}, &FactError{ID: r.ID.Masked(), Err: ErrNoBirthDate}
	}
	age := eligibility.AgeOn(birth, asOf)
	if age < 0 {
		return Decision{}, &FactError{ID: r.ID.Masked(), Err: ErrBornAfterAsOf}
	}
	d.rt = rt
	d.AsOf = asOf
	d.Age = age
	d.Gender = r.EffectiveGender()

	f := facts{
		ins:   bit8(r.Insurance.Scheme),
		st:    bit8(r.Insurance.Status),
		loc:   bit8(r.Insurance.Location),
		con:   bit8(r.Contact),
		flags: uint32(r.Flags),
		age:   age,
		local: r.Hukou.Local,
	}
	if k := r.Employment.Kind; k < 16 {
		f.emp = 1 << k
	}
	switch d.Gender {
	case eligibility.Male, eligibility.Female:
		d.Band = rt.band(&d, birth)
		f.band = d.Band
	}
	d.add(ReasonAge, -1, 0)
	if rt.rb != nil {
		d.Classification, err = rt.rb.Classify(r, asOf)
		if err != nil {
			return Decision{}, err
		}
		d.Groups = GroupMask(d.Classification.Groups) & p.Groups
		f.grp = uint16(d.Groups)
		for g := range d.Groups.Set().All() {
			d.add(ReasonGroup, -1, int8(g))
		}
	}

	// Route rules: the first match decides.
	var c *crule
	for i := range rt.route {
		ok, needBand := rt.route[i].match(&f)
		if needBand {
			return Decision{}, &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			c = &rt.route[i]
			break
		}
	}
	if c == nil {
		return Decision{}, &FactError{ID: r.ID.Masked(), Err: ErrNoRule}
	}
	rule := &p.Rules[c.idx]
	if c.band != BandAny {
		d.add(ReasonAgeLine, -1, 0)
	}
	d.add(ReasonRoute, c.idx, 0)
	d.Outcome, d.Channel = rule.Outcome, rule.Channel
	if d.Outcome == OutcomeExisting {
		switch r.Insurance.Scheme {
		case eligibility.SchemeEmployee:
			d.Outcome = OutcomeEmployee
		case eligibility.SchemeResident:
			d.Outcome = OutcomeResident
		default: // another statutory scheme: nothing to transfer into here
			d.Outcome, d.Channel = OutcomeCovered, ChannelNone
		}
	}
	if !rule.Fallback.IsZero() && d.Outcome.IsJoin() {
		d.Fallback = Choice{Outcome: rule.Fallback.Outcome, Channel: rule.Fallback.Channel}
		d.add(ReasonFallback, c.idx, 0)
	}

	// Venues, for the first choice and the fallback.
	if d.Outcome.IsJoin() {
		f.out, f.ch = bit8(d.Outcome), bit8(d.Channel)
		if i, err := rt.first(rt.venue, &f, &r); err != nil {
			return Decision{}, err
		} else if i >= 0 {
			d.Venue = p.Rules[i].Venue
			d.add(ReasonVenue, i, 0)
		}
	}
	if d.Fallback.Outcome.IsJoin() {
		f.out, f.ch = bit8(d.Fallback.Outcome), bit8(d.Fallback.Channel)
		if i, err := rt.first(rt.venue, &f, &r); err != nil {
			return Decision{}, err
		} else if i >= 0 {
			d.Fallback.Venue = p.Rules[i].Venue
			d.add(ReasonFallbackVenue, i, 0)
		}
	}

	// Subsidies and actions: every match counts.
	f.out, f.ch = bit8(d.Outcome), bit8(d.Channel)
	for i := range rt.subsidy {
		ok, needBand := rt.subsidy[i].match(&f)
		if needBand {
			return Decision{}, &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			idx := rt.subsidy[i].idx
			d.Subsidies = d.Subsidies.With(p.Rules[idx].Subsidy)
			d.add(ReasonSubsidy, idx, 0)
		}
	}
	for i := range rt.action {
		ok, needBand := rt.action[i].match(&f)
		if needBand {
			return Decision{}, &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			idx := rt.action[i].idx
			d.Actions = d.Actions.With(p.Rules[idx].Action)
			d.add(ReasonAction, idx, 0)
		}
	}

	// Campaign timing.
	for i := range p.Phases {
		if p.Phases[i].Period.Contains(asOf) {
			d.Phase = p.Phases[i].Name
			d.add(ReasonPhase, -1, int8(i))
			break
		}
	}
	if d.Outcome.IsJoin() {
		for i := range p.Milestones {
			if !p.Milestones[i].By.Before(asOf) {
				d.add(ReasonMilestone, -1, int8(i))
				break
			}
		}
	}
	return d, nil
}

// first returns the policy index of the first rule of rs matching f, or -1.
func (rt *Router) first(rs []crule, f *facts, r *eligibility.Resident) (int, error) {
	for i := range rs {
		ok, needBand := rs[i].match(f)
		if needBand {
			return -1, &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			return rs[i].idx, nil
		}
	}
	return -1, nil
}

// band places a resident of known gender in the younger or older band on
// d.AsOf, recording the line used in d.
func (rt *Router) band(d *Decision, birth eligibility.Date) Band {
	if rt.derive {
		class := eligibility.Male60
		if d.Gender == eligibility.Female {
			class = rt.femaleClass
		}
		d.Retirement = eligibility.RetirementDate(birth, class)
		d.MinContributionMonths = eligibility.MinContributionMonths(d.Retirement.Year())
		d.Threshold = d.Retirement.AddMonths(-d.MinContributionMonths)
		if d.AsOf.Before(d.Threshold) {
			return BandYounger
		}
		return BandOlder
	}
	d.Line = rt.men
	if d.Gender == eligibility.Female {
		d.Line = rt.women
	}
	if d.Age < d.Line {
		return BandYounger
	}
	return BandOlder
}
