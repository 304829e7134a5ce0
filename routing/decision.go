package routing

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// maxReasons is the number of reasons a [Decision] can hold. A decision
// that needed more keeps the first maxReasons and reports the rest in
// [Decision.Dropped]; the presets never need more than about fifteen.
const maxReasons = 32

// ReasonKind says what a reason of a [Decision] explains.
type ReasonKind uint8

// The reason kinds.
const (
	reasonInvalid       ReasonKind = iota
	ReasonAge                      // the resident's age in 周岁 on the as-of date
	ReasonGroup                    // a target group the resident is in
	ReasonAgeLine                  // the age line that placed the resident in a band
	ReasonRoute                    // the route rule that decided the outcome and channel
	ReasonFallback                 // the fallback if the resident declines
	ReasonVenue                    // the venue rule for the first choice
	ReasonFallbackVenue            // the venue rule for the fallback
	ReasonSubsidy                  // a subsidy rule that applies
	ReasonAction                   // an action rule that applies
	ReasonPhase                    // the campaign phase on the as-of date
	ReasonMilestone                // the next milestone of the campaign
)

var reasonKindVocab = vocab.New[ReasonKind]("reason kind",
	term{Key: "invalid", Chinese: "无效", English: "invalid"},
	term{Key: "age", Chinese: "年龄", English: "age"},
	term{Key: "group", Chinese: "扩面重点人群", English: "target group"},
	term{Key: "age_line", Chinese: "年龄线", English: "age line"},
	term{Key: "route", Chinese: "分类引导", English: "route"},
	term{Key: "fallback", Chinese: "不愿意时", English: "fallback"},
	term{Key: "venue", Chinese: "办理地点", English: "venue"},
	term{Key: "fallback_venue", Chinese: "不愿意时的办理地点", English: "fallback venue"},
	term{Key: "subsidy", Chinese: "补贴", English: "subsidy"},
	term{Key: "action", Chinese: "后续工作", English: "follow-up action"},
	term{Key: "phase", Chinese: "工作阶段", English: "phase"},
	term{Key: "milestone", Chinese: "进度要求", English: "milestone"},
)

// String returns the kind's key, e.g. "route".
func (k ReasonKind) String() string { return reasonKindVocab.Key(k) }

// Label returns the kind's name in Chinese (zh) or English.
func (k ReasonKind) Label(tag language.Tag) string { return reasonKindVocab.Label(k, tag) }

type reason struct {
	kind ReasonKind
	item int8 // group, phase or milestone index
	rule int16
}

// Decision is where [Router.Route] sends one resident, and why. It is a
// fixed-size value (no slices), so routing does not allocate; its texts are
// rendered only when asked ([Decision.Explain], [Decision.ReasonText]).
//
// The zero Decision is "no decision" (Outcome is OutcomeNone).
type Decision struct {
	AsOf   eligibility.Date   // the date routed for
	Age    int                // 周岁 on AsOf
	Gender eligibility.Gender // the resident's effective gender
	Band   Band               // younger or older than the age line (BandAny when gender is unknown)
	Line   int                // fixed age line for the resident's gender (0 when derived)

	// Retirement, MinContributionMonths and Threshold are set when the
	// policy derives its age lines: the statutory retirement date, the
	// minimum contribution period at that date, and the day from which the
	// resident is in the older band (Retirement − MinContributionMonths).
	Retirement            eligibility.Date
	MinContributionMonths int
	Threshold             eligibility.Date

	Outcome   Outcome              // the scheme, or covered / not eligible
	Channel   Channel              // how to join
	Venue     Venue                // where to register
	Fallback  Choice               // if the resident declines the first choice (zero: none stated)
	Subsidies vocab.Set[Subsidy]   // 补贴
	Actions   vocab.Set[Action]    // 后续工作
	Groups    eligibility.GroupSet // target groups of the policy (Policy.Groups), if it has any
	Phase     string               // campaign phase on AsOf (e.g. 重点攻坚阶段), or ""

	// Classification is the eligibility result behind Groups, with the
	// reason for each group (zero when the policy uses no groups).
	Classification eligibility.Classification

	rt      *Router
	n       uint8
	dropped uint8
	reasons [maxReasons]reason
}

// clearHead makes every field of d but Classification zero, as in the zero
// Decision: decide then overwrites Classification whole. Only the reasons d
// holds are cleared (those past d.n are zero). The fields are listed one by
// one, so that a field added to Decision must be added here too
// (TestDecisionFieldsCleared checks the list).
func (d *Decision) clearHead() {
	d.AsOf, d.Age, d.Gender, d.Band, d.Line = eligibility.Date{}, 0, 0, 0, 0
	d.Retirement, d.MinContributionMonths, d.Threshold = eligibility.Date{}, 0, eligibility.Date{}
	d.Outcome, d.Channel, d.Venue, d.Fallback = 0, 0, 0, Choice{}
	d.Subsidies, d.Actions, d.Groups, d.Phase = 0, 0, 0, ""
	d.rt = nil
	clear(d.reasons[:min(int(d.n), maxReasons)])
	d.n, d.dropped = 0, 0
}

func (d *Decision) add(k ReasonKind, rule int, item int8) {
	if int(d.n) >= maxReasons {
		if d.dropped < 255 {
			d.dropped++
		}
		return
	}
	d.reasons[d.n] = reason{kind: k, rule: int16(rule), item: item}
	d.n++
}

// Policy returns the ID and version of the policy that made the decision.
func (d Decision) Policy() (id, version string) {
	if d.rt == nil {
		return "", ""
	}
	return d.rt.p.ID, d.rt.p.Version
}

// Rulebook returns the target groups of the policy that made the decision,
// to name the groups of Decision.Groups; nil for the zero Decision. It is
// the router's own: read it, never modify it.
func (d Decision) Rulebook() *eligibility.Rulebook {
	if d.rt == nil {
		return nil
	}
	return &d.rt.rb
}

// Dropped returns how many reasons did not fit in [maxReasons] (0 for every
// preset decision).
func (d Decision) Dropped() int { return int(d.dropped) }

// NumReasons returns the number of reasons.
func (d Decision) NumReasons() int { return int(d.n) }

// Reason is one reason of a decision: what it explains, the rule it comes
// from (if any) and the clause it cites.
type Reason struct {
	Kind     ReasonKind
	RuleID   string   // the policy rule, or "" for age, group, phase and milestone reasons
	Citation Citation // zero when the reason cites nothing (the age itself)
	// Item names what a group, phase or milestone reason is about: the
	// group's key, the phase's name, or the milestone as "2019-12-31 80%".
	Item string
}

// Reason returns reason i (0 ≤ i < NumReasons).
func (d Decision) Reason(i int) Reason {
	if i < 0 || i >= int(d.n) || d.rt == nil {
		return Reason{}
	}
	rs := d.reasons[i]
	p := &d.rt.p
	out := Reason{Kind: rs.kind}
	if rs.rule >= 0 {
		out.RuleID = p.Rules[rs.rule].ID
		out.Citation = p.Rules[rs.rule].Citation
		if fc := p.Rules[rs.rule].FallbackCitation; rs.kind == ReasonFallback && !fc.IsZero() {
			out.Citation = fc
		}
	}
	switch rs.kind {
	case ReasonGroup:
		g := eligibility.Group(rs.item)
		gr, _ := d.rt.rb.Group(g)
		out.Citation = Citation{Document: p.Document, Clause: gr.Clause}
		out.Item = gr.Key
	case ReasonAgeLine:
		if d.rt.derive {
			out.Citation = retirement2024
		} else {
			out.Citation = p.AgeLines.Citation
		}
	case ReasonPhase:
		out.Citation = p.Phases[rs.item].Citation
		out.Item = p.Phases[rs.item].Name
	case ReasonMilestone:
		m := &p.Milestones[rs.item]
		out.Citation = m.Citation
		out.Item = m.By.String() + " " + strconv.Itoa(m.Percent) + "%"
	}
	return out
}

// Reasons returns every reason, in the order they were found.
func (d Decision) Reasons() []Reason {
	out := make([]Reason, d.n)
	for i := range out {
		out[i] = d.Reason(i)
	}
	return out
}

// Citations returns the distinct citations of the reasons, in order.
func (d Decision) Citations() []Citation {
	var out []Citation
	seen := map[Citation]bool{}
	for i := range int(d.n) {
		c := d.Reason(i).Citation
		if !c.IsZero() && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// RuleIDs returns the IDs of the rules behind the reasons, in order, without
// repeats.
func (d Decision) RuleIDs() []string {
	var out []string
	for i := range int(d.n) {
		if id := d.Reason(i).RuleID; id != "" && !contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, t := range ss {
		if t == s {
			return true
		}
	}
	return false
}

// ReasonText renders reason i as one sentence in Chinese (zh) or English,
// ending with its citation.
func (d Decision) ReasonText(i int, tag language.Tag) string {
	if i < 0 || i >= int(d.n) || d.rt == nil {
		return ""
	}
	zh := isChinese(tag)
	rs := d.reasons[i]
	p := &d.rt.p
	cite := d.Reason(i).Citation.String()
	pick := func(c, e string) string {
		if zh {
			return c
		}
		return e
	}
	switch rs.kind {
	case ReasonAge:
		gender := d.Gender.Label(tag)
		if d.Gender == eligibility.GenderUnknown {
			gender = pick("性别不明", "gender unknown")
		}
		return pick(
			fmt.Sprintf("%s时%d周岁（%s）。", d.AsOf, d.Age, gender),
			fmt.Sprintf("Aged %d on %s (%s).", d.Age, d.AsOf, gender))
	case ReasonGroup:
		g := eligibility.Group(rs.item)
		if gr, ok := d.Classification.Reason(g); ok {
			return gr.Text(tag)
		}
		def, _ := d.rt.rb.Group(g)
		return pick(fmt.Sprintf("属于%s「%s」。", cite, def.Label(tag)), fmt.Sprintf("In the group %q (%s).", def.Label(tag), cite))
	case ReasonAgeLine:
		return d.ageLineText(zh, cite)
	case ReasonRoute, ReasonSubsidy, ReasonAction:
		r := &p.Rules[rs.rule]
		if zh && r.Quote != "" && r.Quote == r.Summary {
			return fmt.Sprintf("%s 原文：“%s”。", cite, r.Quote)
		}
		return pick(fmt.Sprintf("%s：%s。%s", cite, r.Summary, quoteText(r.Quote, true)), fmt.Sprintf("%s: %s.%s", cite, r.SummaryEN, quoteText(r.Quote, false)))
	case ReasonFallback:
		return pick(
			fmt.Sprintf("不愿意时：%s（%s）。", d.Fallback.Outcome.FallbackLabel(tag), cite),
			fmt.Sprintf("If unwilling: %s (%s).", d.Fallback.Outcome.FallbackLabel(tag), cite))
	case ReasonVenue, ReasonFallbackVenue:
		r := &p.Rules[rs.rule]
		prefix := pick("办理地点", "Venue")
		if rs.kind == ReasonFallbackVenue {
			prefix = pick("不愿意时的办理地点", "Venue if unwilling")
		}
		return pick(fmt.Sprintf("%s：%s（%s：%s）。", prefix, r.Venue.Label(tag), cite, r.Summary),
			fmt.Sprintf("%s: %s (%s: %s).", prefix, r.Venue.Label(tag), cite, r.SummaryEN))
	case ReasonPhase:
		ph := &p.Phases[rs.item]
		return pick(fmt.Sprintf("%s处于%s（%s至%s，%s）。", d.AsOf, ph.Name, ph.Period.From, ph.Period.To, cite),
			fmt.Sprintf("On %s the campaign is in its %s phase (%s, %s to %s, %s).", d.AsOf, ph.NameEN, ph.Name, ph.Period.From, ph.Period.To, cite))
	case ReasonMilestone:
		m := &p.Milestones[rs.item]
		if m.Aim {
			return pick(fmt.Sprintf("进度要求：%s前力争完成扩面任务的%d%%（%s）。", m.By, m.Percent, cite),
				fmt.Sprintf("Milestone (an aim, 力争): %d%% of the task by %s (%s).", m.Percent, m.By, cite))
		}
		return pick(fmt.Sprintf("进度要求：%s前完成扩面任务的%d%%（%s）。", m.By, m.Percent, cite),
			fmt.Sprintf("Milestone: %d%% of the task by %s (%s).", m.Percent, m.By, cite))
	}
	return ""
}

func (d Decision) ageLineText(zh bool, cite string) string {
	p := &d.rt.p
	if d.rt.derive {
		if zh {
			return fmt.Sprintf("年龄线按退休年龄推算（%s；%s %s）：法定退休日期%s，最低缴费年限%d个月，须在%s前开始缴费；%s%s。",
				cite, p.Document, p.AgeLines.Citation.Clause, d.Retirement, d.MinContributionMonths, d.Threshold,
				d.AsOf, map[Band]string{BandYounger: "在此之前，属年龄线以下", BandOlder: "已到此日，属年龄线及以上"}[d.Band])
		}
		return fmt.Sprintf("Age line derived from the retirement schedule (%s; in place of %s %s): statutory retirement on %s, "+
			"minimum contribution %d months, so contributions must start before %s; %s is %s.",
			cite, p.Document, p.AgeLines.Citation.Clause, d.Retirement, d.MinContributionMonths, d.Threshold, d.AsOf,
			map[Band]string{BandYounger: "before that day: below the line", BandOlder: "on or after that day: at or above the line"}[d.Band])
	}
	l := p.AgeLines.Men
	who, whoEN := "男", "men"
	if d.Gender == eligibility.Female {
		l, who, whoEN = p.AgeLines.Women, "女", "women"
	}
	var b strings.Builder
	if zh {
		fmt.Fprintf(&b, "年龄线：%s%d周岁（%s，%s）；%d周岁", who, d.Line, cite, statedText(l.Stated, p.AgeLines.Quotes, true), d.Age)
		if d.Band == BandYounger {
			b.WriteString("在年龄线以下。")
		} else {
			b.WriteString("达到年龄线。")
		}
	} else {
		fmt.Fprintf(&b, "Age line for %s: %d (%s, %s); age %d is ", whoEN, d.Line, cite, statedText(l.Stated, p.AgeLines.Quotes, false), d.Age)
		if d.Band == BandYounger {
			b.WriteString("below the line.")
		} else {
			b.WriteString("at or above the line.")
		}
	}
	if d.Age == d.Line || d.Age == d.Line-1 {
		if _, ok := oneAgeAmbiguity(l); ok {
			if zh && p.AgeLines.Note != "" {
				b.WriteString("文件表述在年龄线处重叠或留空，本规则的处理：" + p.AgeLines.Note)
			} else if !zh && p.AgeLines.NoteEN != "" {
				b.WriteString(" The stated bands overlap or leave a gap at the line; the policy's resolution: " + p.AgeLines.NoteEN)
			}
		}
	}
	return b.String()
}

// oneAgeAmbiguity reports the single age at which l's stated bands overlap
// or leave a gap, if any.
func oneAgeAmbiguity(l AgeLine) (int, bool) {
	youngMax := l.Younger.Age - 1
	if l.Younger.Inclusive {
		youngMax = l.Younger.Age
	}
	oldMin := l.Older.Age + 1
	if l.Older.Inclusive {
		oldMin = l.Older.Age
	}
	switch oldMin {
	case youngMax:
		return oldMin, true
	case youngMax + 2:
		return youngMax + 1, true
	}
	return 0, false
}

// Explain returns the whole decision as text in Chinese (zh) or English:
// the outcome, channel, venue, fallback, subsidies, actions and groups,
// then every reason with its citation, numbered.
func (d Decision) Explain(tag language.Tag) string {
	if d.rt == nil {
		if isChinese(tag) {
			return "无分类结果。\n"
		}
		return "No decision.\n"
	}
	zh := isChinese(tag)
	p := &d.rt.p
	var b strings.Builder
	none := "none"
	if zh {
		none = "无"
		fmt.Fprintf(&b, "%s（%s %s，版本%s）%s分类引导结果\n", p.Title, p.Document, p.ID, p.Version, d.AsOf)
		fmt.Fprintf(&b, "结论：%s", d.Outcome.Label(tag))
	} else {
		fmt.Fprintf(&b, "Routing under %s (%s, version %s) on %s\n", p.Document, p.ID, p.Version, d.AsOf)
		fmt.Fprintf(&b, "Outcome: %s", d.Outcome.Label(tag))
	}
	choice := func(c Choice) {
		if c.Channel != ChannelNone {
			fmt.Fprintf(&b, pick(zh, "，%s", "; %s"), c.Channel.Label(tag))
		}
		if c.Venue != VenueNone {
			fmt.Fprintf(&b, pick(zh, "，办理地点：%s", "; at %s"), c.Venue.Label(tag))
		}
		b.WriteString(pick(zh, "。\n", ".\n"))
	}
	choice(Choice{Outcome: d.Outcome, Channel: d.Channel, Venue: d.Venue})
	if !d.Fallback.IsZero() {
		fmt.Fprintf(&b, pick(zh, "不愿意时：%s", "If unwilling: %s"), d.Fallback.Outcome.FallbackLabel(tag))
		choice(d.Fallback)
	}
	list := func(zhLabel, enLabel, val string) {
		if val == "" {
			val = none
		}
		fmt.Fprintf(&b, pick(zh, "%s：%s\n", "%s: %s\n"), pick(zh, zhLabel, enLabel), val)
	}
	list("补贴", "Subsidies", d.Subsidies.Label(tag))
	list("后续工作", "Follow-up", d.Actions.Label(tag))
	if len(p.Groups) > 0 {
		list("扩面重点人群", "Target groups", d.rt.rb.Labels(d.Groups, tag))
	}
	b.WriteString(pick(zh, "依据：\n", "Reasons:\n"))
	for i := range int(d.n) {
		fmt.Fprintf(&b, "%d. %s\n", i+1, d.ReasonText(i, tag))
	}
	if d.dropped > 0 {
		fmt.Fprintf(&b, pick(zh, "（另有%d条依据未能记录）\n", "(%d more reasons not recorded)\n"), d.dropped)
	}
	return b.String()
}

func pick(zh bool, c, e string) string {
	if zh {
		return c
	}
	return e
}

// String returns a one-line English summary, e.g.
// "employee/flexible@city_centre fallback resident/self_pay@village".
func (d Decision) String() string {
	s := d.Outcome.String()
	if s == "" {
		s = "none"
	}
	if d.Channel != ChannelNone {
		s += "/" + d.Channel.String()
	}
	if d.Venue != VenueNone {
		s += "@" + d.Venue.String()
	}
	if !d.Fallback.IsZero() {
		s += " fallback " + d.Fallback.Outcome.String()
		if d.Fallback.Channel != ChannelNone {
			s += "/" + d.Fallback.Channel.String()
		}
		if d.Fallback.Venue != VenueNone {
			s += "@" + d.Fallback.Venue.String()
		}
	}
	if d.Subsidies != 0 {
		s += " subsidies " + d.Subsidies.String()
	}
	if d.Actions != 0 {
		s += " actions " + d.Actions.String()
	}
	return s
}

// quoteText presents a rule's quote as the document's own words (原文),
// after the rule's summary; nothing when there is no quote.
func quoteText(q string, zh bool) string {
	if q == "" {
		return ""
	}
	if zh {
		return "原文：“" + q + "”。"
	}
	return " The document says: “" + q + "”."
}

// statedText names the age line's words: the document's own (原文) when
// the policy quotes them, else the policy's statement of the bands.
func statedText(stated string, quotes []string, zh bool) string {
	if len(quotes) == 0 {
		if zh {
			return "表述为“" + stated + "”"
		}
		return "stated as “" + stated + "”"
	}
	var b strings.Builder
	if zh {
		b.WriteString("原文")
	} else {
		b.WriteString("the document says ")
	}
	for i, q := range quotes {
		if i > 0 && !zh {
			b.WriteString(" and ")
		}
		b.WriteString("“" + q + "”")
	}
	return b.String()
}
