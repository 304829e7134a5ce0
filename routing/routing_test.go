package routing_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
)

func TestPresetFindings(t *testing.T) {
	type short struct {
		Severity routing.Severity
		Code     routing.Code
		Path     string
		Citation string
	}
	for _, tc := range []struct {
		policy   routing.Policy
		citation string
		rule     string
	}{
		// 罗东: 二(二)2(2)'s 以下 and 二(二)2(1)'s 及以上 both include 45 / 40.
		{routing.Luodong2019(), "罗政〔2019〕185号 二(二)2", "2.2.2.1"},
		{routing.Shiyan2023(), "石堰府发〔2023〕10号 四(二)", "4.2.older"},
	} {
		fs := routing.Validate(tc.policy)
		var got []short
		for _, f := range fs {
			got = append(got, short{f.Severity, f.Code, f.Path, f.Citation.String()})
		}
		want := []short{
			{routing.SeverityWarning, routing.CodeAgeOverlap, "age_lines.men", tc.citation},
			{routing.SeverityWarning, routing.CodeAgeOverlap, "age_lines.women", tc.citation},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Validate(%s) mismatch (-want +got):\n%s", tc.policy.ID, diff)
		}
		for i, age := range []string{"45", "40"} {
			for _, s := range []string{"overlap at " + age, "resolves " + age + " → the older band → 城乡居民基本养老保险 (rule " + tc.rule + ")", "民法典 第1259条"} {
				if !strings.Contains(fs[i].Message, s) {
					t.Errorf("%s finding %d message %q lacks %q", tc.policy.ID, i, fs[i].Message, s)
				}
			}
		}
	}
}

func TestPresetsAreFresh(t *testing.T) {
	a := routing.Luodong2019()
	a.Rules[0].ID = "changed"
	a.Milestones[0].Percent = 1
	b := routing.Luodong2019()
	if b.Rules[0].ID == "changed" || b.Milestones[0].Percent != 80 {
		t.Error("Luodong2019 shares state between calls")
	}
	s := routing.Shiyan2023()
	s.Phases[0].Name = "x"
	if routing.Shiyan2023().Phases[0].Name != "动员部署阶段" {
		t.Error("Shiyan2023 shares state between calls")
	}
}

func TestEveryRuleCites(t *testing.T) {
	for _, p := range []routing.Policy{routing.Luodong2019(), routing.Shiyan2023()} {
		for _, r := range p.Rules {
			if r.Citation.Document == "" || r.Citation.Clause == "" || r.Summary == "" || r.SummaryEN == "" {
				t.Errorf("%s rule %s: citation %q, summary %q / %q", p.ID, r.ID, r.Citation, r.Summary, r.SummaryEN)
			}
		}
	}
}

func TestRoute(t *testing.T) {
	lu := routing.MustCompile(routing.Luodong2019())
	sy := routing.MustCompile(routing.Shiyan2023())
	suspended := man("1985-03-03", eligibility.NotEmployed)
	suspended.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeEmployee, Status: eligibility.StatusSuspended, Location: eligibility.OutsideCity}
	hardship := woman("1990-01-01", eligibility.NotEmployed)
	hardship.Flags = eligibility.FlagMinimumLiving
	insuredHardship := woman("1990-01-01", eligibility.NotEmployed)
	insuredHardship.Flags = eligibility.FlagSevereDisability
	insuredHardship.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict}
	employeeHardship := insuredHardship
	employeeHardship.Insurance.Scheme = eligibility.SchemeEmployee
	type got struct {
		Outcome   routing.Outcome
		Channel   routing.Channel
		Venue     routing.Venue
		Fallback  routing.Choice
		Subsidies vocab.Set[routing.Subsidy]
		Actions   vocab.Set[routing.Action]
		Groups    string // keys, in the policy's order
		Rules     []string
	}
	bulletin := vocab.SetOf(routing.ActionReportInBulletin)
	tests := []struct {
		name string
		rt   *routing.Router
		r    eligibility.Resident
		asOf string
		want got
	}{
		{"luodong man 44", lu, man("1974-08-02", eligibility.NotEmployed), "2019-08-01", got{
			routing.OutcomeEmployee, routing.ChannelFlexible, routing.VenueCityCentre,
			routing.Choice{Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay, Venue: routing.VenueVillage},
			0, bulletin, "", []string{"2.2.2.2", "2.3.flexible", "2.3.resident", "3.1"}}},
		{"luodong woman 40", lu, woman("1979-08-01", eligibility.NotEmployed), "2019-08-01", got{
			routing.OutcomeResident, routing.ChannelSelfPay, routing.VenueVillage, routing.Choice{},
			0, bulletin, "", []string{"2.2.2.1", "2.3.resident", "3.1"}}},
		{"shiyan suspended outside city", sy, suspended, "2023-06-01", got{
			routing.OutcomeEmployee, routing.ChannelTransfer, routing.VenueNone, routing.Choice{},
			0, bulletin.With(routing.ActionCollectProof), "suspended_elsewhere",
			[]string{"3.2.1", "3.1.proof", "6.4"}}},
		{"shiyan hardship", sy, hardship, "2023-06-01", got{
			routing.OutcomeResident, routing.ChannelProxyPay, routing.VenueNone, routing.Choice{},
			0, bulletin, "hardship", []string{"3.2.2.proxy-pay", "6.4"}}},
		// 二(六) counts hardship residents already in 城乡居民 too (三(二)2 keeps
		// paying for them), but they are covered: not routed again.
		// 三(二)2: 代缴 goes on for hardship residents already enrolled.
		{"shiyan hardship already in 城乡居民", sy, insuredHardship, "2023-06-01", got{
			routing.OutcomeCovered, routing.ChannelNone, routing.VenueNone, routing.Choice{},
			0, vocab.SetOf(routing.ActionProxyPay), "hardship", []string{"2.insured", "3.2.2.proxy-pay-enrolled"}}},
		{"shiyan hardship in 企业职工", sy, employeeHardship, "2023-06-01", got{
			routing.OutcomeCovered, routing.ChannelNone, routing.VenueNone, routing.Choice{},
			0, 0, "", []string{"2.insured"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec, err := tt.rt.Route(tt.r, d(tt.asOf))
			if err != nil {
				t.Fatal(err)
			}
			rb := tt.rt.Rulebook()
			g := got{dec.Outcome, dec.Channel, dec.Venue, dec.Fallback, dec.Subsidies, dec.Actions, rb.Keys(dec.Groups), dec.RuleIDs()}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("Route() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRouteErrors(t *testing.T) {
	lu := routing.MustCompile(routing.Luodong2019())
	id := eligibility.MustParseIDNumber("110105197408010013")

	_, err := lu.Route(eligibility.Resident{ID: id}, d("2021-01-01"))
	var pe *routing.PeriodError
	if !errors.As(err, &pe) || !errors.Is(err, routing.ErrOutsidePeriod) || pe.Policy != "luodong-2019" || pe.AsOf != d("2021-01-01") {
		t.Errorf("Route outside period: %v, want *PeriodError", err)
	}
	_, err = lu.Route(eligibility.Resident{ID: id}, eligibility.Date{})
	if !errors.Is(err, routing.ErrOutsidePeriod) {
		t.Errorf("Route with zero as-of: %v, want ErrOutsidePeriod", err)
	}

	noGender := eligibility.Resident{Birth: d("1980-01-01")}
	_, err = lu.Route(noGender, d("2019-08-01"))
	var fe *routing.FactError
	if !errors.As(err, &fe) || !errors.Is(err, routing.ErrNoGender) {
		t.Errorf("Route without gender: %v, want ErrNoGender", err)
	}
	// A resident whose ID disagrees with no stated fact still gives a masked error.
	late := eligibility.Resident{ID: id, Birth: d("2020-01-01")}
	_, err = lu.Route(late, d("2019-08-01"))
	if !errors.Is(err, routing.ErrBornAfterAsOf) {
		t.Fatalf("Route born after: %v", err)
	}
	if strings.Contains(err.Error(), id.String()) || !strings.Contains(err.Error(), id.Masked()) {
		t.Errorf("error %q must carry the masked ID only", err)
	}
	// Gender does not matter before the age line is reached.
	young := eligibility.Resident{Birth: d("2010-01-01")}
	dec, err := lu.Route(young, d("2019-08-01"))
	if err != nil || dec.Outcome != routing.OutcomeNotEligible {
		t.Errorf("Route(under 16, no gender) = %v, %v; want not eligible", dec, err)
	}
}

func TestRouteNoRule(t *testing.T) {
	p := routing.Luodong2019()
	p.Rules = p.Rules[:5] // scope, insured and employed only
	rt := routing.MustCompile(p)
	_, err := rt.Route(man("1980-01-01", eligibility.NotEmployed), d("2019-08-01"))
	if !errors.Is(err, routing.ErrNoRule) {
		t.Errorf("Route = %v, want ErrNoRule", err)
	}
}

func TestRouteFunc(t *testing.T) {
	got, err := routing.Route(routing.Luodong2019(), man("1974-08-02", eligibility.NotEmployed), d("2019-08-01"))
	if err != nil || got.Outcome != routing.OutcomeEmployee {
		t.Errorf("Route() = %v, %v", got, err)
	}
	p := routing.Luodong2019()
	p.ID = ""
	if _, err := routing.Route(p, man("1974-08-02", eligibility.NotEmployed), d("2019-08-01")); !errors.Is(err, routing.ErrInvalidPolicy) {
		t.Errorf("Route(invalid policy) error = %v, want ErrInvalidPolicy", err)
	}
}

func TestReasonsCite(t *testing.T) {
	sy := routing.MustCompile(routing.Shiyan2023())
	// A resident of 二(八) at the age line (45 on the day): 四(二) decides,
	// and the explanation states the overlap at the line. The subsidy and
	// actions come from the flag and the contact status.
	r := man("1978-06-01", eligibility.NotEmployed)
	r.Flags = eligibility.FlagCollegeGraduate
	r.LandAcquiredOn = eligibility.Date{}
	r.Contact = eligibility.ContactNotFound
	dec, err := sy.Route(r, d("2023-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	for i, rs := range dec.Reasons() {
		if rs.Kind != routing.ReasonAge && rs.Citation.IsZero() {
			t.Errorf("reason %d (%s) cites nothing", i, rs.Kind)
		}
		for _, tag := range []language.Tag{language.Chinese, language.English} {
			if txt := dec.ReasonText(i, tag); txt == "" {
				t.Errorf("reason %d has no %s text", i, tag)
			}
		}
	}
	zh, en := dec.Explain(language.Chinese), dec.Explain(language.English)
	for _, s := range []string{"城乡居民基本养老保险", "高校毕业生社会保险补贴", "到派出所核实真实户籍地", "石堰府发〔2023〕10号 四(二)", "原文：“引导有缴费能力的人员参加城镇企业职工基本养老保险并持续缴费”"} {
		if !strings.Contains(zh, s) {
			t.Errorf("Chinese explanation lacks %q:\n%s", s, zh)
		}
	}
	for _, s := range []string{"residents' basic pension", "college graduates", "police station", "石堰府发〔2023〕10号 三(二)2", "The document says: “"} {
		if !strings.Contains(en, s) {
			t.Errorf("English explanation lacks %q:\n%s", s, en)
		}
	}
	if (routing.Decision{}).Explain(language.English) != "No decision.\n" {
		t.Error("zero Decision should explain itself as no decision")
	}
}

func TestDerivedAgeLines(t *testing.T) {
	p := routing.Luodong2019()
	p.Effective = routing.Period{From: d("2000-01-01"), To: d("2030-12-31")}
	fixed := routing.MustCompile(p)
	derived := routing.MustCompile(p.WithDerivedAgeLines())
	if p.AgeLines.Derive || p.Version != "1" {
		t.Fatal("WithDerivedAgeLines changed its receiver")
	}
	if id, v := derived.Policy().ID, derived.Policy().Version; id != "luodong-2019" || v != "1+derived-age-lines" {
		t.Errorf("derived policy = %s %s", id, v)
	}
	tests := []struct {
		name         string
		r            eligibility.Resident
		asOf         string
		fixed, deriv routing.Band
	}{
		// Before the reform cohorts the derived line is 60−15 = 45 and 55−15 = 40 exactly.
		{"man 1964 day before 45", man("1964-05-05", eligibility.NotEmployed), "2009-05-04", routing.BandYounger, routing.BandYounger},
		{"man 1964 on 45th birthday", man("1964-05-05", eligibility.NotEmployed), "2009-05-05", routing.BandOlder, routing.BandOlder},
		{"woman 1969 day before 40", woman("1969-05-05", eligibility.NotEmployed), "2009-05-04", routing.BandYounger, routing.BandYounger},
		{"woman 1969 on 40th birthday", woman("1969-05-05", eligibility.NotEmployed), "2009-05-05", routing.BandOlder, routing.BandOlder},
		// Born 1976-09 or later: retirement at 63 in 2039 or later, 20 years' contributions → line 43.
		{"man 1980 aged 42", man("1980-01-01", eligibility.NotEmployed), "2022-12-31", routing.BandYounger, routing.BandYounger},
		{"man 1980 aged 43", man("1980-01-01", eligibility.NotEmployed), "2023-01-01", routing.BandYounger, routing.BandOlder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := fixed.Route(tt.r, d(tt.asOf))
			if err != nil {
				t.Fatal(err)
			}
			b, err := derived.Route(tt.r, d(tt.asOf))
			if err != nil {
				t.Fatal(err)
			}
			if a.Band != tt.fixed || b.Band != tt.deriv {
				t.Errorf("bands fixed %s derived %s, want %s and %s (threshold %s)", a.Band, b.Band, tt.fixed, tt.deriv, b.Threshold)
			}
			var cites []string
			for _, c := range b.Citations() {
				cites = append(cites, c.String())
			}
			if !strings.Contains(strings.Join(cites, "|"), "渐进式延迟法定退休年龄") {
				t.Errorf("derived decision does not cite the 2024 decision: %v", cites)
			}
		})
	}
}

func TestEnumsText(t *testing.T) {
	for _, o := range []routing.Outcome{routing.OutcomeEmployee, routing.OutcomeResident, routing.OutcomeCovered, routing.OutcomeNotEligible, routing.OutcomeExisting} {
		b, _ := o.MarshalText()
		var back routing.Outcome
		if err := back.UnmarshalText(b); err != nil || back != o {
			t.Errorf("Outcome %v round trip: %v, %v", o, back, err)
		}
		if err := back.UnmarshalText([]byte(o.Label(language.Chinese))); err != nil || back != o {
			t.Errorf("Outcome %v from Chinese label: %v, %v", o, back, err)
		}
	}
	var o routing.Outcome
	if err := o.UnmarshalText([]byte("企业职工")); err != nil || o != routing.OutcomeEmployee {
		t.Errorf("prefix 企业职工 = %v, %v", o, err)
	}
	err := o.UnmarshalText([]byte("employe"))
	var ne *routing.NameError
	if !errors.As(err, &ne) || ne.Suggest != "employee" || !errors.Is(err, routing.ErrUnknownName) {
		t.Errorf("UnmarshalText(employe) = %v, want a NameError suggesting employee", err)
	}
}

// TestRouterGroups checks that a router knows the groups of its policy by
// key, that a decision's groups index them, and that a policy without
// groups classifies nobody.
func TestRouterGroups(t *testing.T) {
	sy := routing.MustCompile(routing.Shiyan2023())
	rb := sy.Rulebook()
	var keys []string
	for _, g := range rb.Groups {
		keys = append(keys, g.Key)
	}
	want := []string{"small_business", "subsidy_eligible", "platform_worker", "licensed_freelancer", "affluent_resident",
		"hardship", "suspended_elsewhere", "other_uninsured", "elderly_back_pay"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("Rulebook().Groups keys mismatch (-want +got):\n%s", diff)
	}
	if rb.Document != "石堰府发〔2023〕10号" || rb.FemaleRetirementAge != 55 {
		t.Errorf("Rulebook() = document %q, female retirement age %d", rb.Document, rb.FemaleRetirementAge)
	}
	rb.Groups[5].Key = "changed" // a copy: the router keeps its own
	g, ok := lookup(sy, "hardship")
	if !ok || g != 6 {
		t.Fatalf("Group(hardship) = %d, %v; want 6 (二(六) is the sixth group)", g, ok)
	}
	if _, ok := lookup(sy, "changed"); ok {
		t.Error("editing the rulebook Rulebook() returned changed the router")
	}
	if _, ok := lookup(sy, "hardshp"); ok {
		t.Error("Group(hardshp) found a group")
	}
	pc := sy.Policy() // a copy too, groups and group keys of rules included
	pc.Groups[5].Key = "changed"
	pc.Rules[slices.IndexFunc(pc.Rules, func(r routing.Rule) bool { return r.ID == "3.2.2.proxy-pay" })].When.GroupsAny[0] = "changed"
	if p := sy.Policy(); p.Groups[5].Key != "hardship" || !slices.ContainsFunc(p.Rules, func(r routing.Rule) bool {
		return slices.Equal(r.When.GroupsAny, []string{"hardship"})
	}) {
		t.Error("editing the policy Policy() returned changed the router's")
	}
	r := woman("1990-01-01", eligibility.NotEmployed)
	r.Flags = eligibility.FlagMinimumLiving
	dec, err := sy.Route(r, d("2023-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	if dec.Groups != eligibility.GroupsOf(g) || !dec.Classification.Groups.Has(g) {
		t.Errorf("Route().Groups = %b, want only hardship (%d)", dec.Groups, g)
	}
	if rs, ok := dec.Classification.Reason(g); !ok || rs.Key != "hardship" || rs.Clause != "二(六)" || rs.Document != "石堰府发〔2023〕10号" {
		t.Errorf("hardship reason = %+v, %v", rs, ok)
	}

	lu := routing.MustCompile(routing.Luodong2019())
	if n := len(lu.Rulebook().Groups); n != 0 {
		t.Errorf("罗东 declares %d groups, want none", n)
	}
	if _, ok := lookup(lu, "hardship"); ok {
		t.Error("罗东 knows the group hardship")
	}
	dec, err = lu.Route(r, d("2019-08-01"))
	if err != nil {
		t.Fatal(err)
	}
	if dec.Groups != 0 || dec.Classification != (eligibility.Classification{}) {
		t.Errorf("罗东 decision has groups %b / classification %+v", dec.Groups, dec.Classification.Groups)
	}
}

// TestGroupsFromPolicy checks that a policy's groups are its own data:
// editing a group's criteria changes who is in it and where they are routed.
func TestGroupsFromPolicy(t *testing.T) {
	r := woman("1980-03-03", eligibility.NotEmployed)
	r.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict}
	r.ResidentTier = decimal.NewFromInt(1500)
	asOf := d("2023-06-01")

	dec, err := routing.MustCompile(routing.Shiyan2023()).Route(r, asOf)
	if err != nil || dec.Outcome != routing.OutcomeEmployee || !slices.Contains(dec.RuleIDs(), "2.5") {
		t.Fatalf("preset: tier 1500 → %v (rules %v), %v; want employee by 2.5", dec, dec.RuleIDs(), err)
	}
	p := routing.Shiyan2023()
	i := slices.IndexFunc(p.Groups, func(g eligibility.GroupRule) bool { return g.Key == "affluent_resident" })
	p.Groups[i].When.TierAbove = decimal.NewNullDecimal(decimal.NewFromInt(2000))
	rt := routing.MustCompile(p)
	dec, err = rt.Route(r, asOf)
	if err != nil || dec.Outcome != routing.OutcomeCovered || dec.Groups != 0 {
		t.Errorf("threshold 2000: tier 1500 → %v (groups %b), %v; want covered, in no group", dec, dec.Groups, err)
	}
	if routing.Shiyan2023().Groups[i].When.TierAbove.Decimal.String() != "1000" {
		t.Error("editing a copy of the preset changed the preset")
	}
}

func TestDerivedFemale50(t *testing.T) {
	p := routing.Luodong2019().WithDerivedAgeLines()
	p.Effective = routing.Period{From: d("2000-01-01"), To: d("2030-12-31")}
	p.FemaleRetirementAge = 50
	rt := routing.MustCompile(p)
	// A woman worker born 1969 retires at 50 in 2019; 15 years before is her 35th birthday.
	dec, err := rt.Route(woman("1969-05-05", eligibility.NotEmployed), d("2004-05-05"))
	if err != nil || dec.Band != routing.BandOlder || dec.Threshold != d("2004-05-05") || dec.Retirement != d("2019-05-05") {
		t.Errorf("Route = band %s threshold %s retirement %s, %v", dec.Band, dec.Threshold, dec.Retirement, err)
	}
	p.FemaleRetirementAge = 52
	if _, err := routing.Compile(p); !errors.Is(err, routing.ErrInvalidPolicy) {
		t.Errorf("female_retirement_age 52 accepted: %v", err)
	}
}

// TestRouteErrorGivesZeroDecision checks that a decision that fails part
// way (after the age and the target groups were filled in) comes back zero.
func TestRouteErrorGivesZeroDecision(t *testing.T) {
	sy := routing.MustCompile(routing.Shiyan2023())
	r := eligibility.Resident{Birth: d("1993-01-01"), Hukou: eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: eligibility.NotEmployed}}
	dec, err := sy.Route(r, d("2023-06-01"))
	if !errors.Is(err, routing.ErrNoGender) {
		t.Fatalf("Route error = %v, want ErrNoGender", err)
	}
	if dec != (routing.Decision{}) {
		t.Errorf("Route returned a partly filled decision with its error: %+v", dec)
	}
	if id, _ := dec.Policy(); id != "" {
		t.Errorf("failed decision names policy %q", id)
	}
}
