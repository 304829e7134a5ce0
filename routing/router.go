package routing

import (
	"math/bits"
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

// crule is a compiled rule. The enumerated facts (employment, insured
// scheme, status, location, contact, chosen outcome and channel) are one-hot
// lanes of one uint64 (see facts.bits); mask holds, per lane, the values the
// rule accepts (every bit when the rule places no condition), so the rule
// accepts the resident's values when every lane of mask&bits is non-zero:
// when it has exactly numLanes bits set.
type crule struct {
	mask    uint64
	flags   uint32 // any of these (0 = any)
	grp     uint16 // any of these (0 = any)
	band    Band
	hukou   HukouCond
	from    int
	below   int
	idx     int     // index in Policy.Rules
	venue   Venue   // the rule's payload, copied from Policy.Rules
	subsidy Subsidy //
	action  Action  //
}

// The lanes of facts.bits and crule.mask: offset and width in bits. The top
// bit of each lane stands for a value outside the enumeration (or, for the
// outcome and channel lanes, for "not chosen yet"): only a lane without a
// condition accepts it.
const (
	laneEmp, laneIns, laneSt, laneLoc, laneCon, laneOut, laneCh = 0, 16, 24, 32, 40, 48, 56
	numLanes                                                    = 7
)

func laneAll(off uint) uint64 {
	if off == laneEmp {
		return 0xFFFF
	}
	return 0xFF << off
}

// laneMask is the mask of one lane for a condition set s of the given width
// (0 = any).
func laneMask(s uint64, off, width uint) uint64 {
	if s == 0 {
		return laneAll(off)
	}
	s &= 1<<(width-1) - 1 // never the out-of-range bit
	return s << off
}

// laneBit is the one-hot bit of value v in a lane of the given width.
func laneBit[T ~uint8](v T, off, width uint) uint64 {
	if uint(v) >= width-1 {
		return 1 << (off + width - 1)
	}
	return 1 << (off + uint(v))
}

// facts are a resident's facts as bits, for matching.
type facts struct {
	bits  uint64 // one bit in each lane
	flags uint32
	grp   uint16
	age   int
	band  Band
	local bool
}

// setChoice sets the outcome and channel lanes of f.
func (f *facts) setChoice(o Outcome, c Channel) {
	f.bits = f.bits&^(laneAll(laneOut)|laneAll(laneCh)) | laneBit(o, laneOut, 8) | laneBit(c, laneCh, 8)
}

// match reports whether f satisfies c; needBand is set when c tests the age
// band and f has none (unknown gender).
func (c *crule) match(f *facts) (ok, needBand bool) {
	if bits.OnesCount64(c.mask&f.bits) != numLanes ||
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
		w := r.When
		c := crule{
			mask: laneMask(uint64(w.Employment), laneEmp, 16) |
				laneMask(uint64(w.Insured), laneIns, 8) |
				laneMask(uint64(w.Status), laneSt, 8) |
				laneMask(uint64(w.Location), laneLoc, 8) |
				laneMask(uint64(w.Contact), laneCon, 8) |
				laneMask(uint64(w.Outcome), laneOut, 8) |
				laneMask(uint64(w.Channel), laneCh, 8),
			flags:   uint32(w.FlagsAny),
			grp:     uint16(w.GroupsAny),
			band:    w.Band,
			hukou:   w.Hukou,
			from:    w.FromAge,
			below:   w.BelowAge,
			idx:     i,
			venue:   r.Venue,
			subsidy: r.Subsidy,
			action:  r.Action,
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
// after asOf, unknown gender where the age line decides, no rule matching);
// the Decision is then zero. A stated gender or birth date wins over the one
// the identity number encodes; Route does not check that they agree (call
// r.Validate for that). It does not allocate.
//
// A Decision is about 1.3 KB: a loop over many residents can reuse one with
// [Router.RouteInto] instead.
func (rt *Router) Route(r eligibility.Resident, asOf eligibility.Date) (d Decision, err error) {
	// The decision is filled in place through a pointer to the named
	// result: it is never copied inside the package.
	err = rt.RouteInto(&d, &r, asOf)
	return
}

// RouteInto is [Router.Route] writing its result into *d instead of
// returning it: afterwards *d equals what Route(*r, asOf) returns (the zero
// Decision when it returns an error), with the same error, whatever *d held
// before. It reads *r and does not change it.
//
// Reusing one Decision for many residents saves copying and clearing about
// 1.3 KB per call: only the parts *d filled before are cleared. It does not
// allocate, and is safe for concurrent use with distinct d.
func (rt *Router) RouteInto(d *Decision, r *eligibility.Resident, asOf eligibility.Date) error {
	d.clearHead()
	if r.Birth.IsZero() || r.Gender == eligibility.GenderUnknown {
		// Read the birth date and gender from the identity number once,
		// into a copy: classification then does not read them again.
		rc := *r
		rc.Birth, rc.Gender = rc.EffectiveBirth(), rc.EffectiveGender()
		r = &rc
	}
	if err := rt.decide(d, r, asOf); err != nil {
		*d = Decision{}
		return err
	}
	return nil
}

// decide fills d, which is zero except perhaps for its Classification
// (see Decision.clearHead), for resident *r on asOf; r.Birth and r.Gender
// are the effective ones (RouteInto sees to it). It reads *r only. On
// error d is left partly filled: the caller clears it.
func (rt *Router) decide(d *Decision, r *eligibility.Resident, asOf eligibility.Date) error {
	p := &rt.p
	if !p.Effective.Contains(asOf) {
		return &PeriodError{Policy: p.ID, AsOf: asOf, Period: p.Effective}
	}
	birth := r.Birth // RouteInto has set it to r.EffectiveBirth()
	if birth.IsZero() {
		return &FactError{ID: r.ID.Masked(), Err: ErrNoBirthDate}
	}
	age := eligibility.AgeOn(birth, asOf)
	if age < 0 {
		return &FactError{ID: r.ID.Masked(), Err: ErrBornAfterAsOf}
	}
	d.rt = rt
	d.AsOf = asOf
	d.Age = age
	d.Gender = r.Gender // RouteInto has set it to r.EffectiveGender()

	f := facts{
		bits: laneBit(r.Employment.Kind, laneEmp, 16) |
			laneBit(r.Insurance.Scheme, laneIns, 8) |
			laneBit(r.Insurance.Status, laneSt, 8) |
			laneBit(r.Insurance.Location, laneLoc, 8) |
			laneBit(r.Contact, laneCon, 8),
		flags: uint32(r.Flags),
		age:   age,
		local: r.Hukou.Local,
	}
	f.setChoice(OutcomeNone, ChannelNone)
	switch d.Gender {
	case eligibility.Male, eligibility.Female:
		d.Band = rt.band(d, birth)
		f.band = d.Band
	}
	d.add(ReasonAge, -1, 0)
	if rt.rb == nil {
		d.Classification = eligibility.Classification{}
	} else {
		// Written in place: ClassifyInto overwrites all of it.
		if err := rt.rb.ClassifyInto(&d.Classification, r, asOf); err != nil {
			return err
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
			return &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			c = &rt.route[i]
			break
		}
	}
	if c == nil {
		return &FactError{ID: r.ID.Masked(), Err: ErrNoRule}
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
		f.setChoice(d.Outcome, d.Channel)
		if i, err := rt.first(rt.venue, &f, r); err != nil {
			return err
		} else if i >= 0 {
			d.Venue = p.Rules[i].Venue
			d.add(ReasonVenue, i, 0)
		}
	}
	if d.Fallback.Outcome.IsJoin() {
		f.setChoice(d.Fallback.Outcome, d.Fallback.Channel)
		if i, err := rt.first(rt.venue, &f, r); err != nil {
			return err
		} else if i >= 0 {
			d.Fallback.Venue = p.Rules[i].Venue
			d.add(ReasonFallbackVenue, i, 0)
		}
	}

	// Subsidies and actions: every match counts.
	f.setChoice(d.Outcome, d.Channel)
	for i := range rt.subsidy {
		ok, needBand := rt.subsidy[i].match(&f)
		if needBand {
			return &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			d.Subsidies = d.Subsidies.With(rt.subsidy[i].subsidy)
			d.add(ReasonSubsidy, rt.subsidy[i].idx, 0)
		}
	}
	for i := range rt.action {
		ok, needBand := rt.action[i].match(&f)
		if needBand {
			return &FactError{ID: r.ID.Masked(), Err: ErrNoGender}
		}
		if ok {
			d.Actions = d.Actions.With(rt.action[i].action)
			d.add(ReasonAction, rt.action[i].idx, 0)
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
	return nil
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
