package routing_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/audit"
)

// viaJSON encodes p, loads it back and compiles it.
func viaJSON(t *testing.T, p routing.Policy) *routing.Router {
	t.Helper()
	loaded, err := routing.LoadPolicy(bytes.NewReader(encode(t, p)))
	if err != nil {
		t.Fatalf("LoadPolicy(EncodePolicy(%s)): %v", p.ID, err)
	}
	rt, err := routing.Compile(loaded)
	if err != nil {
		t.Fatalf("Compile(LoadPolicy(EncodePolicy(%s))): %v", p.ID, err)
	}
	return rt
}

// decisionText is everything a decision says: its fields, its explanation
// in both languages (every reason with its citation, the groups with the
// facts that put the resident in them) and its audit record; or the error.
func decisionText(t *testing.T, rt *routing.Router, r eligibility.Resident, asOf eligibility.Date) string {
	t.Helper()
	dec, err := rt.Route(r, asOf)
	if err != nil {
		return "error: " + err.Error()
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s age %d %s band %s line %d threshold %s retirement %s groups %s phase %q\n",
		dec, dec.Age, dec.Gender, dec.Band, dec.Line, dec.Threshold, dec.Retirement, groupKeys(rt, dec.Groups), dec.Phase)
	b.WriteString(dec.Explain(language.Chinese))
	b.WriteString(dec.Explain(language.English))
	if err := audit.EncodeRecord(&b, audit.NewRecord(dec, r)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// groupKeys names the groups of gs by their keys in rt's policy.
func groupKeys(rt *routing.Router, gs eligibility.GroupSet) string {
	rb := rt.Rulebook()
	return rb.Keys(gs)
}

// residentsFor draws n residents and an as-of date for each in the
// policy's effective period.
func residentsFor(p routing.Policy, n int, seed uint64) ([]eligibility.Resident, []eligibility.Date) {
	rng := rand.New(rand.NewPCG(seed, 99))
	days := p.Effective.To.DaysSince(p.Effective.From) + 1
	rs := make([]eligibility.Resident, n)
	ds := make([]eligibility.Date, n)
	for i := range rs {
		rs[i] = riRandom(rng)
		ds[i] = p.Effective.From.AddDays(rng.IntN(days))
	}
	return rs, ds
}

// sameDecisions checks that two routers decide every resident alike, word
// for word, and that enough of them were decided for that to mean something.
func sameDecisions(t *testing.T, want, got *routing.Router, rs []eligibility.Resident, ds []eligibility.Date) {
	t.Helper()
	decided := 0
	for i, r := range rs {
		w, g := decisionText(t, want, r, ds[i]), decisionText(t, got, r, ds[i])
		if w != g {
			t.Fatalf("resident %d on %s decided differently (-want +got):\n%s", i, ds[i], cmp.Diff(w, g))
		}
		if !strings.HasPrefix(w, "error: ") {
			decided++
		}
	}
	if decided < len(rs)/2 {
		t.Errorf("only %d of %d residents decided", decided, len(rs))
	}
}

// TestEncodeLoadCompileRoutesAsPreset checks that a preset written as JSON
// and read back routes every resident exactly as the preset does.
func TestEncodeLoadCompileRoutesAsPreset(t *testing.T) {
	for _, p := range []routing.Policy{routing.Luodong2019(), routing.Shiyan2023(), routing.Luodong2019().WithDerivedAgeLines()} {
		t.Run(p.ID+p.Version, func(t *testing.T) {
			rs, ds := residentsFor(p, 400, 1)
			sameDecisions(t, routing.MustCompile(p), viaJSON(t, p), rs, ds)
		})
	}
}

// TestEditedPolicyRoutesAsEdited edits a preset the way a policy team would,
// and checks both that the edited policy survives JSON unchanged and that
// the edit changes exactly the decisions it should.
func TestEditedPolicyRoutesAsEdited(t *testing.T) {
	tests := []struct {
		name string
		base func() routing.Policy
		edit func(p *routing.Policy)
		// affected reports whether resident r may be decided differently
		// from the preset on asOf (d is the preset's decision).
		affected func(r eligibility.Resident, d routing.Decision) bool
		fields   audit.DiffField // the parts that may differ
	}{
		{
			name: "罗东 id and version", base: routing.Luodong2019,
			edit: func(p *routing.Policy) { p.ID, p.Version = "luodong-2019-local", "2" },
		},
		{
			name: "罗东 men's line at 50", base: routing.Luodong2019,
			edit: func(p *routing.Policy) {
				p.AgeLines.Men = routing.AgeLine{Younger: routing.Bound{Age: 50}, Older: routing.Bound{Age: 50, Inclusive: true}, Stated: "男50周岁以下 / 男50周岁及以上"}
			},
			affected: func(r eligibility.Resident, d routing.Decision) bool {
				return d.Gender == eligibility.Male && d.Age >= 45 && d.Age < 50
			},
			fields: audit.DiffOutcome | audit.DiffChannel | audit.DiffVenue | audit.DiffFallback,
		},
		{
			name: "石堰 women's line at 38", base: routing.Shiyan2023,
			edit: func(p *routing.Policy) {
				p.AgeLines.Women = routing.AgeLine{Younger: routing.Bound{Age: 38}, Older: routing.Bound{Age: 38, Inclusive: true}, Stated: "女38岁以下 / 女38岁以上"}
			},
			affected: func(r eligibility.Resident, d routing.Decision) bool {
				return d.Gender == eligibility.Female && d.Age >= 38 && d.Age < 40
			},
			fields: audit.DiffOutcome | audit.DiffChannel | audit.DiffVenue | audit.DiffFallback,
		},
		{
			name: "石堰 affluent above 1500", base: routing.Shiyan2023,
			edit: func(p *routing.Policy) {
				p.Groups[slices.IndexFunc(p.Groups, func(g eligibility.GroupRule) bool { return g.Key == "affluent_resident" })].When.TierAbove =
					decimal.NewNullDecimal(decimal.NewFromInt(1500))
			},
			affected: func(r eligibility.Resident, d routing.Decision) bool {
				return r.Insurance.Scheme == eligibility.SchemeResident && r.ResidentTier.GreaterThan(decimal.NewFromInt(1000)) &&
					!r.ResidentTier.GreaterThan(decimal.NewFromInt(1500))
			},
			// Without the group, a resident of unknown gender reaches a rule
			// that needs the age line: an error.
			fields: audit.DiffOutcome | audit.DiffChannel | audit.DiffFallback | audit.DiffActions | audit.DiffSubsidies | audit.DiffGroups | audit.DiffError,
		},
		{
			name: "石堰 a tenth group", base: routing.Shiyan2023,
			edit: func(p *routing.Policy) {
				p.Groups = append(p.Groups, eligibility.GroupRule{
					Key: "retired_fisher", Clause: "三(二)2", Name: "退捕渔民", NameEN: "retired fishers",
					When: eligibility.Condition{FlagsAny: eligibility.FlagRetiredFisher},
				})
				p.Rules = append(p.Rules, routing.Rule{
					ID: "3.2.2.fisher-roster", Kind: routing.KindAction,
					When:   routing.Condition{GroupsAny: []string{"retired_fisher"}},
					Action: routing.ActionNoteInRoster, Citation: routing.Citation{Document: "石堰府发〔2023〕10号", Clause: "三(二)2"},
					Summary: "退捕渔民备注在扩面人员明细表", SummaryEN: "retired fishers are noted in the roster",
				})
			},
			affected: func(r eligibility.Resident, d routing.Decision) bool {
				return r.Flags&eligibility.FlagRetiredFisher != 0
			},
			fields: audit.DiffGroups | audit.DiffActions,
		},
		{
			name: "罗东 its first group", base: routing.Luodong2019,
			edit: func(p *routing.Policy) {
				p.Groups = []eligibility.GroupRule{{
					Key: "land_acquired", Clause: "二(二)3", Name: "被征地农民", NameEN: "land-acquired farmers",
					When: eligibility.Condition{FlagsAny: eligibility.FlagLandAcquired, Insured: vocab.SetOf(eligibility.SchemeNone)},
				}}
			},
			affected: func(r eligibility.Resident, d routing.Decision) bool {
				return r.Flags&eligibility.FlagLandAcquired != 0 && r.Insurance.Scheme == eligibility.SchemeNone
			},
			fields: audit.DiffGroups,
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			preset := tt.base()
			p := tt.base()
			tt.edit(&p)
			edited := routing.MustCompile(p)
			rs, ds := residentsFor(p, 400, uint64(i+2))
			sameDecisions(t, edited, viaJSON(t, p), rs, ds)

			// Against the preset: only the affected residents differ, only
			// in the expected parts, and the residents drawn include some.
			asOf := p.Effective.From.AddDays(160)
			many, _ := residentsFor(p, 4000, uint64(i+100))
			diffs := audit.Compare(routing.MustCompile(preset), edited, many, asOf)
			for _, df := range diffs {
				if tt.affected == nil || !tt.affected(many[df.Index], df.A) || df.Fields&^tt.fields != 0 {
					t.Errorf("resident %d differs in %s:\n%s", df.Index, df.Fields, df.Explain(language.English))
				}
			}
			if tt.affected != nil && len(diffs) < 5 {
				t.Errorf("the edit changes %d decisions of the residents drawn, want at least 5", len(diffs))
			}
			if tt.affected == nil {
				dec, err := edited.Route(man("1990-01-01", eligibility.NotEmployed), asOf)
				if err != nil {
					t.Fatal(err)
				}
				if rec := audit.NewRecord(dec, eligibility.Resident{}); rec.Policy.ID != p.ID || rec.Policy.Version != p.Version {
					t.Errorf("record names policy %s %s, want %s %s", rec.Policy.ID, rec.Policy.Version, p.ID, p.Version)
				}
			}
		})
	}
}

// ownGroupsPolicy is a town's plan written as a JSON file, groups included,
// with no Go code: a made-up document of a made-up town.
const ownGroupsPolicy = `{
  "id": "qingxi-2024",
  "version": "1",
  "jurisdiction": "示例县清溪镇",
  "document": "清政〔2024〕1号",
  "title": "清溪镇参保扩面工作方案（测试用例）",
  "effective": {"from": "2024-01-01", "to": "2024-12-31"},
  "age_lines": {
    "men": {"younger": {"age": 45, "inclusive": false}, "older": {"age": 45, "inclusive": true}, "stated": "男45周岁以下 / 男45周岁及以上"},
    "women": {"younger": {"age": 40, "inclusive": false}, "older": {"age": 40, "inclusive": true}, "stated": "女40周岁以下 / 女40周岁及以上"},
    "citation": {"document": "清政〔2024〕1号", "clause": "三"}
  },
  "groups": [
    {"key": "fisher", "numeral": "一", "clause": "二(一)", "name": "退捕渔民", "name_en": "retired fishers",
     "when": {"flags_any": ["退捕渔民"], "insured": ["none"]}},
    {"key": "platform", "numeral": "二", "clause": "二(二)", "name": "新业态从业人员", "name_en": "platform workers",
     "when": {"employment": ["新业态从业人员"], "insured": ["none", "城乡居民"]}},
    {"key": "others", "numeral": "三", "clause": "二(三)", "name": "其他未参保人员", "name_en": "other uninsured people",
     "when": {"insured": ["none"], "ages": "16-59"}, "residual": true}
  ],
  "rules": [
    {"id": "scope", "kind": "route", "when": {"ages": "0-15"}, "outcome": "not_eligible",
     "citation": {"document": "清政〔2024〕1号", "clause": "一"}, "summary": "未满16周岁的不是扩面对象", "summary_en": "under-16s are not targets"},
    {"id": "platform-move", "kind": "route", "when": {"groups_any": ["platform"], "insured": ["resident"], "band": "younger"},
     "outcome": "employee", "channel": "flexible", "fallback": {"outcome": "covered"},
     "citation": {"document": "清政〔2024〕1号", "clause": "三(二)"}, "summary": "动员转入企业职工基本养老保险", "summary_en": "encouraged to move to the employees' scheme"},
    {"id": "insured", "kind": "route", "when": {"insured": ["employee", "resident", "other"]}, "outcome": "covered",
     "citation": {"document": "清政〔2024〕1号", "clause": "一"}, "summary": "已参保", "summary_en": "already insured"},
    {"id": "fisher", "kind": "route", "when": {"groups_any": ["fisher"]}, "outcome": "resident", "channel": "self_pay",
     "citation": {"document": "清政〔2024〕1号", "clause": "三(一)"}, "summary": "退捕渔民参加城乡居民基本养老保险", "summary_en": "retired fishers join the residents' scheme"},
    {"id": "older", "kind": "route", "when": {"band": "older"}, "outcome": "resident", "channel": "self_pay",
     "citation": {"document": "清政〔2024〕1号", "clause": "三"}, "summary": "年龄线及以上参加城乡居民", "summary_en": "at or above the line: residents' scheme"},
    {"id": "younger", "kind": "route", "when": {"band": "younger"}, "outcome": "employee", "channel": "flexible",
     "citation": {"document": "清政〔2024〕1号", "clause": "三"}, "summary": "年龄线以下参加企业职工", "summary_en": "below the line: employees' scheme"},
    {"id": "fisher-subsidy", "kind": "subsidy", "when": {"groups_any": ["fisher"], "outcome": ["resident"]}, "subsidy": "retired_fisher",
     "citation": {"document": "清政〔2024〕1号", "clause": "四"}, "summary": "退捕渔民参保缴费补贴", "summary_en": "contribution subsidy for retired fishers"},
    {"id": "others-roster", "kind": "action", "when": {"groups_any": ["others"]}, "action": "note_in_roster",
     "citation": {"document": "清政〔2024〕1号", "clause": "五"}, "summary": "备注在扩面人员明细表", "summary_en": "noted in the roster"}
  ]
}
`

// TestPolicyWithOwnGroups loads a plan that brings its own target groups
// and routes by them.
func TestPolicyWithOwnGroups(t *testing.T) {
	p, err := routing.LoadPolicy(strings.NewReader(ownGroupsPolicy))
	if err != nil {
		t.Fatal(err)
	}
	rt, err := routing.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if fs := rt.Findings(); len(fs) != 0 {
		t.Errorf("findings %v, want none", fs)
	}
	if g, ok := lookup(rt, "others"); !ok || g != 3 {
		t.Errorf("Group(others) = %d, %v", g, ok)
	}
	fisher := man("1994-05-05", eligibility.NotEmployed)
	fisher.Flags = eligibility.FlagRetiredFisher
	platform := woman("1994-05-05", eligibility.PlatformWorker)
	platform.Insurance.Scheme = eligibility.SchemeResident
	platformOlder := platform
	platformOlder.Birth = d("1980-05-05")
	fisherInsured := fisher
	fisherInsured.Insurance.Scheme = eligibility.SchemeEmployee
	tests := []struct {
		name   string
		r      eligibility.Resident
		want   string // Decision.String
		groups string
		rules  []string
	}{
		{"fisher", fisher, "resident/self_pay subsidies retired_fisher", "fisher", []string{"fisher", "fisher-subsidy"}},
		{"fisher insured", fisherInsured, "covered", "", []string{"insured"}},
		{"others", man("1994-05-05", eligibility.NotEmployed), "employee/flexible actions note_in_roster", "others", []string{"younger", "others-roster"}},
		{"others older", man("1974-05-05", eligibility.NotEmployed), "resident/self_pay actions note_in_roster", "others", []string{"older", "others-roster"}},
		{"platform in 城乡居民", platform, "employee/flexible fallback covered", "platform", []string{"platform-move"}},
		{"platform in 城乡居民 above the line", platformOlder, "covered", "platform", []string{"insured"}},
		{"child", man("2014-05-05", eligibility.NotEmployed), "not_eligible", "", []string{"scope"}},
		{"over 59, no group", man("1960-05-05", eligibility.NotEmployed), "resident/self_pay", "", []string{"older"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec, err := rt.Route(tt.r, d("2024-06-01"))
			if err != nil {
				t.Fatal(err)
			}
			if dec.String() != tt.want || groupKeys(rt, dec.Groups) != tt.groups || !slices.Equal(dec.RuleIDs(), tt.rules) {
				t.Errorf("Route = %q groups %q rules %v; want %q groups %q rules %v",
					dec, groupKeys(rt, dec.Groups), dec.RuleIDs(), tt.want, tt.groups, tt.rules)
			}
			for _, rs := range dec.Reasons() {
				if rs.Kind == routing.ReasonGroup && rs.Citation.Document != "清政〔2024〕1号" {
					t.Errorf("group reason cites %s", rs.Citation)
				}
			}
		})
	}
	dec, _ := rt.Route(fisher, d("2024-06-01"))
	zh := dec.Explain(language.Chinese)
	for _, s := range []string{"扩面重点人群：退捕渔民\n", "清政〔2024〕1号 二(一)", "退捕渔民参保缴费补贴"} {
		if !strings.Contains(zh, s) {
			t.Errorf("explanation lacks %q:\n%s", s, zh)
		}
	}
	// What was loaded encodes and loads back unchanged.
	back, err := routing.LoadPolicy(bytes.NewReader(encode(t, p)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, back, dateCmp); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

// TestLoadPolicyTierAbove checks that a threshold may be written as a
// string or a number, and means the same either way: strictly above.
func TestLoadPolicyTierAbove(t *testing.T) {
	base := string(encode(t, routing.Shiyan2023()))
	if !strings.Contains(base, `"tier_above": "1000"`) {
		t.Fatal(`the 石堰 policy lacks "tier_above": "1000"`)
	}
	preset := routing.MustCompile(routing.Shiyan2023())
	for _, form := range []string{`"1000"`, `1000`, `"1000.00"`, `1000.0`, `1e3`, `"1E3"`} {
		js := strings.Replace(base, `"tier_above": "1000"`, `"tier_above": `+form, 1)
		p, err := routing.LoadPolicy(strings.NewReader(js))
		if err != nil {
			t.Errorf("tier_above %s: %v", form, err)
			continue
		}
		rt := routing.MustCompile(p)
		for _, tier := range []string{"999.99", "1000", "1000.00", "1000.01", "1200"} {
			r := woman("1980-03-03", eligibility.NotEmployed)
			r.Insurance = eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict}
			r.ResidentTier = decimal.RequireFromString(tier)
			want, _ := preset.Route(r, d("2023-06-01"))
			got, err := rt.Route(r, d("2023-06-01"))
			if err != nil || got.String() != want.String() || got.Groups != want.Groups {
				t.Errorf("tier_above %s, tier %s: %v (groups %b), %v; preset %v (groups %b)", form, tier, got, got.Groups, err, want, want.Groups)
			}
			if affluent := want.Outcome == routing.OutcomeEmployee; affluent != (tier == "1000.01" || tier == "1200") {
				t.Errorf("preset, tier %s: %v; 高于1000元 means strictly above", tier, want)
			}
		}
	}
	js := strings.Replace(base, `"tier_above": "1000"`, `"tier_above": -5`, 1)
	_, err := routing.LoadPolicy(strings.NewReader(js))
	var ve *routing.ValidationError
	if !errors.As(err, &ve) || !slices.ContainsFunc(ve.Findings, func(f routing.Finding) bool {
		return f.Code == routing.CodeGroups && strings.Contains(f.Message, "negative tier threshold -5")
	}) {
		t.Errorf("tier_above -5: %v, want a ValidationError with a groups finding", err)
	}
}

// TestLoadPolicyGroupsAny checks the group keys rules test: a key the policy
// does not declare, or one listed twice, makes the policy invalid.
func TestLoadPolicyGroupsAny(t *testing.T) {
	base := string(encode(t, routing.Shiyan2023()))
	tests := []struct {
		name string
		in   string
		code routing.Code
		path string
		msg  string
	}{
		{"undeclared", replaceAfter(base, `"groups_any": [`, `"affluent_resident"`, `"afluent_resident"`),
			routing.CodeUndeclaredGroup, "rules[2] (2.5)", `tests group "afluent_resident", which the policy does not declare in groups`},
		{"a label, not a key", replaceAfter(base, `"groups_any": [`, `"affluent_resident"`, `"具备城镇职工养老保险缴费能力的城乡富裕人员"`),
			routing.CodeUndeclaredGroup, "rules[2] (2.5)", `does not declare`},
		{"declared group removed", strings.Replace(base, `"key": "hardship"`, `"key": "hardship_group"`, 1),
			routing.CodeUndeclaredGroup, "rules[10] (3.2.2.proxy-pay)", `tests group "hardship"`},
		{"listed twice", replaceAfter(base, `"groups_any": [`, `"affluent_resident"`, `"affluent_resident", "affluent_resident"`),
			routing.CodeRuleShape, "rules[2] (2.5)", `groups_any lists group "affluent_resident" twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == base {
				t.Fatal("the edit did not apply")
			}
			_, err := routing.LoadPolicy(strings.NewReader(tt.in))
			var ve *routing.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, routing.ErrInvalidPolicy) {
				t.Fatalf("LoadPolicy error = %v, want a *ValidationError", err)
			}
			if !slices.ContainsFunc(ve.Findings, func(f routing.Finding) bool {
				return f.Severity == routing.SeverityError && f.Code == tt.code && f.Path == tt.path && strings.Contains(f.Message, tt.msg)
			}) {
				t.Errorf("findings %v\nwant an error %s at %s containing %q", ve.Findings, tt.code, tt.path, tt.msg)
			}
		})
	}
}
