package routing

import (
	"slices"

	"github.com/canbao/kuomian/eligibility"
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
	Stated  string `json:"stated"`            // the document's words, e.g. 男45岁以下 / 男45岁以上
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
	Citation Citation `json:"citation"`          // the clause stating the lines
	Note     string   `json:"note,omitempty"`    // how the policy reads the document's words (中文)
	NoteEN   string   `json:"note_en,omitempty"` // the same in English
	// Derive, when set, replaces the fixed lines by the line each resident's
	// own retirement schedule gives: a resident is in the older band from the
	// day that leaves less than the minimum contribution period before their
	// statutory retirement date (eligibility.RetirementDate and
	// eligibility.MinContributionMonths; 全国人大常委会关于实施渐进式延迟法定退休年龄的决定,
	// 2024-09-13). Under the pre-2025 rules this is exactly 60−15 = 45 for
	// men and 55−15 = 40 for women. Presets never set it; see
	// [Policy.WithDerivedAgeLines].
	Derive bool `json:"derive,omitempty"`
	// FemaleRetirementAge is women's original statutory retirement age (55
	// for 女干部, 50 for 女工人) used by derived lines; 0 means 55, the age
	// behind the fixed line 40 = 55 − 15.
	FemaleRetirementAge int `json:"female_retirement_age,omitempty"`
}

// Condition selects residents (and, for venue, subsidy and action rules, the
// outcome chosen for them). Every field is optional; a resident matches when
// every set field matches. A set field of set type matches when the
// resident's value is in the set (for FlagsAny and GroupsAny: when the
// resident has any member of the set).
type Condition struct {
	Employment EmploymentSet `json:"employment,omitempty"` // 就业状况
	Hukou      HukouCond     `json:"hukou,omitempty"`      // 户籍
	FromAge    int           `json:"from_age,omitempty"`   // age ≥ FromAge (周岁); 0: no lower bound
	BelowAge   int           `json:"below_age,omitempty"`  // age < BelowAge (周岁); 0: no upper bound
	Band       Band          `json:"band,omitempty"`       // relative to the policy's age line
	Insured    InsuredSet    `json:"insured,omitempty"`    // scheme the resident is insured in (none = 未参保)
	Status     StatusSet     `json:"status,omitempty"`     // 缴费状态
	Location   LocationSet   `json:"location,omitempty"`   // 参保地
	FlagsAny   FlagSet       `json:"flags_any,omitempty"`  // 身份标记
	GroupsAny  GroupMask     `json:"groups_any,omitempty"` // 扩面重点人群 (needs Policy.Groups)
	Contact    ContactSet    `json:"contact,omitempty"`    // 联系状况
	Outcome    OutcomeSet    `json:"outcome,omitempty"`    // chosen outcome (venue, subsidy, action rules)
	Channel    ChannelSet    `json:"channel,omitempty"`    // chosen channel (venue, subsidy, action rules)
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
	Summary          string   `json:"summary"`           // the clause in the document's words (中文)
	SummaryEN        string   `json:"summary_en"`        // the clause in English
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
	By       eligibility.Date `json:"by"`
	Percent  int              `json:"percent"` // 1..100
	Citation Citation         `json:"citation"`
}

// Policy is a rulebook: one jurisdiction's routing rules for one effective
// period, each rule citing its clause. A Policy is plain data: build one by
// hand, take a preset ([Luodong2019], [Shiyan2023]) or load one from JSON
// ([LoadPolicy]); then [Compile] it into a [Router] (or call [Route]).
type Policy struct {
	ID           string           `json:"id"`           // e.g. "luodong-2019"
	Version      string           `json:"version"`      // e.g. "1"
	Jurisdiction string           `json:"jurisdiction"` // e.g. 福建省南安市罗东镇
	Document     string           `json:"document"`     // 文号, e.g. 罗政〔2019〕185号
	Title        string           `json:"title"`        // e.g. 罗东镇全面推进全民参保计划实施方案
	Issued       eligibility.Date `json:"issued,omitzero"`
	Effective    Period           `json:"effective"` // the as-of dates the policy accepts
	AgeLines     AgeLines         `json:"age_lines"`
	// GroupRulebook names the eligibility rulebook that puts residents in
	// target groups (扩面重点人群); the only one known is "shiyan-2023"
	// (eligibility.Shiyan2023). Empty: the policy uses no groups.
	GroupRulebook string `json:"group_rulebook,omitempty"`
	// Groups lists the target groups the policy uses. When it is not empty,
	// routing classifies each resident with GroupRulebook and rules may test
	// GroupsAny.
	Groups     GroupMask   `json:"groups,omitempty"`
	Rules      []Rule      `json:"rules"`
	Phases     []Phase     `json:"phases,omitempty"`
	Milestones []Milestone `json:"milestones,omitempty"`
}

// Clone returns a deep copy of p.
func (p Policy) Clone() Policy {
	p.Rules = slices.Clone(p.Rules)
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

// Retirement2024 returns the citation of the 2024 retirement reform that
// derived age lines rest on.
func Retirement2024() Citation { return retirement2024 }
