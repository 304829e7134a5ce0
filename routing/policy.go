package routing

import (
	"slices"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// Citation names the document and clause a rule comes from, e.g.
// {Document: "罗政〔2019〕185号", Clause: "二(二)2(1)"}.
type Citation struct {
	Document string `json:"document"` // 文号, e.g. 石堰府发〔2023〕10号
	Clause   string `json:"clause"`   // 条款, e.g. 三(二)2
}

// String returns "document clause", e.g. "罗政〔2019〕185号 二(二)2(1)".
func (c Citation) String() string {
	switch {
	case c.Document == "":
		return c.Clause
	case c.Clause == "":
		return c.Document
	}
	return c.Document + " " + c.Clause
}

// IsZero reports whether the citation names nothing.
func (c Citation) IsZero() bool { return c == Citation{} }

// Period is an inclusive range of civil dates.
type Period struct {
	From eligibility.Date `json:"from"` // first day in force
	To   eligibility.Date `json:"to"`   // last day in force
}

// Contains reports whether d lies in the period (both ends inclusive).
func (p Period) Contains(d eligibility.Date) bool {
	return !d.Before(p.From) && !d.After(p.To)
}

// Bound is one end of an age band as a document states it, e.g. 男45岁以下
// is {Age: 45, Inclusive: true}: Chinese statutes count 以上/以下 as including
// the number itself (《民法典》第1259条).
type Bound struct {
	Age       int  `json:"age"`       // 周岁
	Inclusive bool `json:"inclusive"` // whether Age itself belongs to the band
}

// AgeLine is the pair of age bands a document states for one gender: the
// younger band ("N岁以下") and the older band ("N岁以上"). When the stated
// bands overlap or leave a gap at exactly one age, AtLine says which band
// that age belongs to; validation reports the overlap or gap either way
// ([CodeAgeOverlap], [CodeAgeGap]).
type AgeLine struct {
	Younger Bound  `json:"younger"`           // ages below (or up to) Younger.Age
	Older   Bound  `json:"older"`             // ages above (or from) Older.Age
	AtLine  Band   `json:"at_line,omitempty"` // resolution of a one-age overlap or gap
	Stated  string `json:"stated"`            // the bands in words, e.g. 男45岁以下 / 男45岁以上
}

// Line returns the first age of the older band after the resolution, and
// whether the bands are consistent (no gap or overlap wider than one age,
// and any one-age overlap or gap resolved by AtLine).
func (l AgeLine) Line() (int, bool) {
	youngMax := l.Younger.Age - 1 // last age of the younger band
	if l.Younger.Inclusive {
		youngMax = l.Younger.Age
	}
	oldMin := l.Older.Age + 1 // first age of the older band
	if l.Older.Inclusive {
		oldMin = l.Older.Age
	}
	switch {
	case oldMin == youngMax+1:
		return oldMin, true
	case oldMin == youngMax: // overlap at one age
		switch l.AtLine {
		case BandOlder:
			return oldMin, true
		case BandYounger:
			return oldMin + 1, true
		}
	case oldMin == youngMax+2: // gap at one age
		switch l.AtLine {
		case BandOlder:
			return youngMax + 1, true
		case BandYounger:
			return oldMin, true
		}
	}
	return oldMin, false
}

// AgeLines holds the age lines of a policy. Residents whose age on the
// as-of date is at or above their gender's line are in [BandOlder]; the
// others are in [BandYounger].
type AgeLines struct {
	Men      AgeLine  `json:"men"`
	Women    AgeLine  `json:"women"`
	Citation Citation `json:"citation"` // the clause stating the lines
	// Quotes are the document's own words for the lines, each a verbatim
	// substring of the document (an explanation presents them as 原文).
	Quotes []string `json:"quotes,omitempty"`
	Note   string   `json:"note,omitempty"`    // how the policy reads the document's words (中文)
	NoteEN string   `json:"note_en,omitempty"` // the same in English
	// Derive, when set, replaces the fixed lines by the line each resident's
	// own retirement schedule gives: a resident is in the older band from the
	// day that leaves less than the minimum contribution period before their
	// statutory retirement date (eligibility.RetirementDate and
	// eligibility.MinContributionMonths; 全国人大常委会关于实施渐进式延迟法定退休年龄的决定,
	// 2024-09-13). Under the pre-2025 rules this is exactly 60−15 = 45 for
	// men and 55−15 = 40 for women. Presets never set it; see
	// [Policy.WithDerivedAgeLines].
	Derive bool `json:"derive,omitempty"`
}

// Condition selects residents (and, for venue, subsidy and action rules,
// the outcome chosen for them). It is the one condition language of
// kuomian, [eligibility.Condition] (employment, platforms, flags, scheme,
// status, location, contact, 户籍, ages, retirement, tier), with what only
// routing knows: the band relative to the policy's age line, the target
// groups, and the outcome and channel already chosen. Every field is
// optional; a resident matches when every set field matches.
type Condition struct {
	eligibility.Condition
	Band Band `json:"band,omitempty"` // relative to the policy's age line
	// GroupsAny lists target groups by key (Policy.Groups): the resident
	// matches when they are in any of them.
	GroupsAny []string           `json:"groups_any,omitempty"`
	Outcome   vocab.Set[Outcome] `json:"outcome,omitempty"` // chosen outcome (venue, subsidy, action rules)
	Channel   vocab.Set[Channel] `json:"channel,omitempty"` // chosen channel (venue, subsidy, action rules)
}

// Choice is a scheme and the way to join it.
type Choice struct {
	Outcome Outcome `json:"outcome,omitempty"`
	Channel Channel `json:"channel,omitempty"`
	Venue   Venue   `json:"venue,omitempty"`
}

// IsZero reports whether the choice is empty.
func (c Choice) IsZero() bool { return c == Choice{} }

// Rule is one clause of a policy, in a form the router evaluates.
//
// A route rule sets Outcome and Channel (and may set Fallback's Outcome and
// Channel); a venue rule sets Venue; a subsidy rule sets Subsidy; an action
// rule sets Action. Fields that do not belong to the rule's kind must be
// zero.
type Rule struct {
	ID       string    `json:"id"`   // unique within the policy, e.g. "2.2.1"
	Kind     RuleKind  `json:"kind"` // route, venue, subsidy or action
	When     Condition `json:"when"`
	Outcome  Outcome   `json:"outcome,omitempty"` // route
	Channel  Channel   `json:"channel,omitempty"` // route
	Fallback Choice    `json:"fallback,omitzero"` // route: if the resident declines (venue comes from venue rules)
	// FallbackCitation, when set, is the clause the fallback comes from if
	// it is not the rule's own (e.g. 罗政〔2019〕185号 二(二)3 names no
	// fallback; 二(二)2 does). Route rules with a fallback only.
	FallbackCitation Citation `json:"fallback_citation,omitzero"`
	Venue            Venue    `json:"venue,omitempty"`   // venue
	Subsidy          Subsidy  `json:"subsidy,omitempty"` // subsidy
	Action           Action   `json:"action,omitempty"`  // action
	Citation         Citation `json:"citation"`          // where the rule comes from
	// Quote is the document's own words for the rule, a verbatim substring
	// of the document; an explanation presents it as 原文. Empty when the
	// rule rests on no single phrase.
	Quote     string `json:"quote,omitempty"`
	Summary   string `json:"summary"`    // what the rule does, in Chinese (the policy's reading, not a quote)
	SummaryEN string `json:"summary_en"` // the same in English
}

// Phase is a stage of a campaign (e.g. 重点攻坚阶段).
type Phase struct {
	Name     string   `json:"name"`    // 中文, e.g. 动员部署阶段
	NameEN   string   `json:"name_en"` // English, e.g. mobilisation
	Period   Period   `json:"period"`
	Citation Citation `json:"citation"`
}

// Milestone is a share of the task to complete by a date (e.g. 80 % by
// 2019-12-31).
type Milestone struct {
	By      eligibility.Date `json:"by"`
	Percent int              `json:"percent"` // 1..100; the requirement is ⌈task × Percent / 100⌉
	// Aim marks a target the plan asks units to strive for (力争) rather
	// than one it requires (确保).
	Aim      bool     `json:"aim,omitempty"`
	Citation Citation `json:"citation"`
}

// Policy is a town's whole plan as one document: its identity, effective
// period, age lines, target groups, routing rules (with subsidies, venues
// and follow-up actions), and its timetable — the baseline, phases and
// milestones, and the clause that asks for the progress bulletin. A Policy
// is plain data: build one by hand, take a preset ([Luodong2019],
// [Shiyan2023]) or load one from JSON ([LoadPolicy]); then [Compile] it into
// a [Router]. A policy team writes a new town's plan as a JSON file, groups
// included, with no Go code.
type Policy struct {
	ID           string           `json:"id"`           // e.g. "luodong-2019"
	Version      string           `json:"version"`      // e.g. "1"
	Jurisdiction string           `json:"jurisdiction"` // e.g. 福建省南安市罗东镇
	Document     string           `json:"document"`     // 文号, e.g. 罗政〔2019〕185号
	Title        string           `json:"title"`        // e.g. 罗东镇全面推进全民参保计划实施方案
	Issued       eligibility.Date `json:"issued,omitzero"`
	Effective    Period           `json:"effective"` // the as-of dates the policy accepts
	AgeLines     AgeLines         `json:"age_lines"`
	// FemaleRetirementAge is women's original statutory retirement age,
	// 55 (女干部) or 50 (女工人), used by derived age lines and by group
	// conditions with below_retirement; 0 means 55.
	FemaleRetirementAge int `json:"female_retirement_age,omitempty"`
	// Groups are the target groups (扩面重点人群) the plan names, each with
	// its criteria; routing classifies every resident into them and rules
	// may test them (Condition.GroupsAny). Empty: the plan uses no groups.
	Groups []eligibility.GroupRule `json:"groups,omitempty"`
	Rules  []Rule                  `json:"rules"`
	// Baseline is the campaign's start: the pace (序时进度) rises from
	// nothing on this day ([Policy.Pace]), and a ledger's 累计完成 counts
	// from it. Zero: Effective.From.
	Baseline   eligibility.Date `json:"baseline,omitzero"`
	Phases     []Phase          `json:"phases,omitempty"`
	Milestones []Milestone      `json:"milestones,omitempty"`
	// Bulletin is the clause that asks for the progress bulletin (通报),
	// e.g. 罗政〔2019〕185号 三(一).
	Bulletin Citation `json:"bulletin,omitzero"`
}

// Clone returns a deep copy of p.
func (p Policy) Clone() Policy {
	p.Rules = slices.Clone(p.Rules)
	for i := range p.Rules {
		p.Rules[i].When.GroupsAny = slices.Clone(p.Rules[i].When.GroupsAny)
	}
	p.Groups = slices.Clone(p.Groups)
	p.AgeLines.Quotes = slices.Clone(p.AgeLines.Quotes)
	p.Phases = slices.Clone(p.Phases)
	p.Milestones = slices.Clone(p.Milestones)
	return p
}

// WithDerivedAgeLines returns a copy of p whose age lines are derived from
// each resident's retirement schedule and the minimum contribution period
// instead of the fixed ages (see [AgeLines.Derive]). The copy's Version
// gains the suffix "+derived-age-lines" so that records and comparisons
// never confuse it with the published rulebook.
func (p Policy) WithDerivedAgeLines() Policy {
	q := p.Clone()
	if !q.AgeLines.Derive {
		q.AgeLines.Derive = true
		q.Version += "+derived-age-lines"
	}
	return q
}

// retirement2024 is the citation of the 2024 retirement reform used by
// derived age lines.
var retirement2024 = Citation{
	Document: "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024年9月13日）",
	Clause:   "附件《国务院关于渐进式延迟法定退休年龄的办法》第一条、第二条",
}

// Rulebook returns the policy's target groups as an eligibility
// rulebook, for classifying residents without routing them.
func (p *Policy) Rulebook() eligibility.Rulebook {
	return eligibility.Rulebook{Document: p.Document, FemaleRetirementAge: p.femaleAge(), Groups: slices.Clone(p.Groups)}
}

func (p *Policy) femaleAge() int {
	if p.FemaleRetirementAge == 0 {
		return 55
	}
	return p.FemaleRetirementAge
}
