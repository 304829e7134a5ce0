package routing_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
)

func encode(t *testing.T, p routing.Policy) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := routing.EncodePolicy(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPolicyRoundTrip checks that each preset encodes to its golden file,
// that the file loads back to the preset, and that encoding is stable.
func TestPolicyRoundTrip(t *testing.T) {
	for _, p := range []routing.Policy{routing.Luodong2019(), routing.Shiyan2023(), routing.Luodong2019().WithDerivedAgeLines()} {
		name := p.ID
		if p.AgeLines.Derive {
			name += "-derived"
		}
		t.Run(name, func(t *testing.T) {
			js := encode(t, p)
			golden(t, "policies/"+name+".json", js)
			back, err := routing.LoadPolicy(bytes.NewReader(js))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p, back, dateCmp); diff != "" {
				t.Errorf("LoadPolicy(EncodePolicy(p)) mismatch (-want +got):\n%s", diff)
			}
			if again := encode(t, back); !bytes.Equal(js, again) {
				t.Error("EncodePolicy(LoadPolicy(js)) != js")
			}
		})
	}
}

func TestLoadPolicyErrors(t *testing.T) {
	base := string(encode(t, routing.Shiyan2023()))
	replace := func(old, new string) string {
		if !strings.Contains(base, old) {
			t.Fatalf("golden policy lacks %q", old)
		}
		return strings.Replace(base, old, new, 1)
	}
	tests := []struct {
		name     string
		in       string
		sentinel error
		msg      string
	}{
		{"typo in a condition key", replace(`"ages": "0-15"`, `"agse": "0-15"`), routing.ErrUnknownKey,
			`routing: policy at rules[0].when: unknown key "agse" (did you mean "ages"?)`},
		{"typo in an embedded condition key", replaceAfter(base, `"rules"`, `"insured"`, `"insurd"`), routing.ErrUnknownKey,
			`routing: policy at rules[4].when: unknown key "insurd" (did you mean "insured"?)`},
		{"typo in a routing condition key", replace(`"groups_any"`, `"group_any"`), routing.ErrUnknownKey,
			`routing: policy at rules[2].when: unknown key "group_any" (did you mean "groups_any"?)`},
		{"embedded struct named as a key", replace(`"ages": "0-15"`, `"Condition": {"ages": "0-15"}`), routing.ErrUnknownKey,
			`routing: policy at rules[0].when: unknown key "Condition"`},
		{"typo in a group's condition", replace(`"flags_any"`, `"flag_any"`), routing.ErrUnknownKey,
			`routing: policy at groups[1].when: unknown key "flag_any" (did you mean "flags_any"?)`},
		{"typo in a group", replace(`"residual"`, `"residul"`), routing.ErrUnknownKey,
			`routing: policy at groups[7]: unknown key "residul" (did you mean "residual"?)`},
		{"typo at top level", replace(`"jurisdiction"`, `"jurisdicton"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "jurisdicton" (did you mean "jurisdiction"?)`},
		{"old key", replace(`"female_retirement_age"`, `"group_rulebook"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "group_rulebook"`},
		{"wrong case", replace(`"id": "shiyan-2023"`, `"ID": "shiyan-2023"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "ID" (did you mean "id"?)`},
		{"unrelated key", replace(`"title"`, `"colour"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "colour"`},
		{"duplicate key", replace(`"version": "1",`, `"version": "1", "version": "2",`), routing.ErrDuplicate,
			`routing: policy: duplicate key "version"`},
		{"unknown outcome", replace(`"outcome": "not_eligible"`, `"outcome": "not_eligable"`), routing.ErrUnknownName,
			`routing: policy at rules[0].outcome: unknown outcome "not_eligable" (did you mean "not_eligible"?)`},
		{"unknown scheme in a condition", replaceAfter(base, `"key": "affluent_resident"`, `"resident"`, `"resdent"`), routing.ErrUnknownName,
			`routing: policy at groups[4].when.insured[0]: unknown scheme "resdent" (did you mean "resident"?)`},
		{"unknown flag in a condition", replace(`"retired_fisher"`, `"retired_fishr"`), routing.ErrUnknownName,
			`routing: policy at groups[1].when.flags_any[6]: unknown flag "retired_fishr" (did you mean "retired_fisher"?)`},
		{"unknown employment in a rule", replace(`"student"`, `"studnet"`), routing.ErrUnknownName,
			`routing: policy at rules[1].when.employment[0]: unknown employment "studnet" (did you mean "student"?)`},
		{"unknown channel in a condition", replace(`"channel": [`, `"channel": ["employr", `), routing.ErrUnknownName,
			`routing: policy at rules[16].when.channel[0]: unknown channel "employr" (did you mean "employer"?)`},
		{"unknown hukou", replace(`"hukou": "local"`, `"hukou": "locl"`), routing.ErrUnknownName,
			`routing: policy at groups[6].when.hukou: unknown hukou "locl" (did you mean "local"?)`},
		{"wrong type", replaceAfter(base, `"milestones"`, `"percent": 100`, `"percent": "100"`), routing.ErrBadValue,
			`routing: policy at milestones[0].percent: bad value: want a whole number, got "100"`},
		{"bad date", replace(`"2023-03-17"`, `"2023-02-30"`), nil, `routing: policy at issued:`},
		{"trailing data", base + "{}", routing.ErrSyntax, `data after the policy object`},
		{"truncated", base[:strings.Index(base, `"rules"`)], routing.ErrSyntax, `unexpected end`},
		{"not an object", `[1,2]`, routing.ErrBadValue, `want an object`},
		{"empty input", ``, routing.ErrSyntax, `unexpected end of the document`},
		{"blank input", " \n\t ", routing.ErrSyntax, `unexpected end of the document`},
		{"null", `null`, routing.ErrBadValue, `want an object, got null`},
		{"typo in an age line", replace(`"inclusive"`, `"inclusiv"`), routing.ErrUnknownKey,
			`routing: policy at age_lines.men.younger: unknown key "inclusiv" (did you mean "inclusive"?)`},
		{"typo in a citation", replace(`"clause"`, `"clasue"`), routing.ErrUnknownKey,
			`routing: policy at age_lines.citation: unknown key "clasue" (did you mean "clause"?)`},
		{"typo in a fallback", replace(`"fallback": {`, `"fallback": {"chanel": "self_pay",`), routing.ErrUnknownKey,
			`routing: policy at rules[2].fallback: unknown key "chanel" (did you mean "channel"?)`},
		{"typo in a phase period", replaceAfter(base, `"phases"`, `"from"`, `"form"`), routing.ErrUnknownKey,
			`routing: policy at phases[0].period: unknown key "form" (did you mean "from"?)`},
		{"typo in a milestone", replaceAfter(base, `"milestones"`, `"percent"`, `"precent"`), routing.ErrUnknownKey,
			`routing: policy at milestones[0]: unknown key "precent" (did you mean "percent"?)`},
		{"typo in the bulletin", replaceAfter(base, `"bulletin"`, `"document"`, `"documnet"`), routing.ErrUnknownKey,
			`routing: policy at bulletin: unknown key "documnet" (did you mean "document"?)`},
		{"aim as a string", replace(`"aim": true`, `"aim": "true"`), routing.ErrBadValue,
			`routing: policy at milestones[0].aim: bad value: want true or false, got "true"`},
		{"duplicate nested key", replace(`"ages": "0-15"`, `"ages": "0-15", "ages": "0-16"`), routing.ErrDuplicate,
			`routing: policy at rules[0].when: duplicate key "ages"`},
		{"name listed twice", replaceAfter(base, `"key": "platform_worker"`, `"resident"`, `"resident", "resident"`), routing.ErrDuplicate,
			`routing: policy at groups[2].when.insured[2]: duplicate: "resident" is already listed`},
		{"name listed twice as key and label", replaceAfter(base, `"key": "platform_worker"`, `"resident"`, `"resident", "城乡居民"`), routing.ErrDuplicate,
			`routing: policy at groups[2].when.insured[2]: duplicate: "城乡居民" is already listed`},
		{"flag listed twice as key and alias", replace(`"minimum_living"`, `"minimum_living", "低保"`), routing.ErrDuplicate,
			`routing: policy at groups[5].when.flags_any[1]: duplicate: "低保" is already listed`},
		{"channel listed twice", replace(`"channel": [`, `"channel": ["employer", `), routing.ErrDuplicate,
			`routing: policy at rules[16].when.channel[1]: duplicate: "employer" is already listed`},
		{"list of numbers", replace(`"flags_any": [`, `"flags_any": [1, `), routing.ErrBadValue,
			`routing: policy at groups[1].when.flags_any[0]: bad value: want a name, got 1`},
		{"a name for a list", replace(`"flags_any": [`, `"flags_any": "low", "x": [`), routing.ErrBadValue,
			`routing: policy at groups[1].when.flags_any: bad value: want a list of names, got "low"`},
		{"null for a list of names", replace(`"flags_any": [`, `"flags_any": null, "x": [`), routing.ErrBadValue,
			`routing: policy at groups[1].when.flags_any: bad value: want a list of names, got null`},
		{"ages inverted", replace(`"ages": "0-15"`, `"ages": "15-0"`), nil,
			`routing: policy at rules[0].when.ages: eligibility: age band: unknown value "15-0"`},
		{"ages open at the top", replace(`"ages": "0-15"`, `"ages": "0-"`), nil, `at rules[0].when.ages: eligibility: age band: unknown value "0-"`},
		{"ages negative", replace(`"ages": "0-15"`, `"ages": "-1-15"`), nil, `at rules[0].when.ages: eligibility: age band: unknown value "-1-15"`},
		{"ages beyond MaxAge", replace(`"ages": "0-15"`, `"ages": "16-201"`), nil, `at rules[0].when.ages: eligibility: age band: unknown value "16-201"`},
		{"ages in words", replace(`"ages": "0-15"`, `"ages": "未满16周岁"`), nil, `at rules[0].when.ages: eligibility: age band: unknown value`},
		{"ages as a number", replace(`"ages": "0-15"`, `"ages": 15`), routing.ErrBadValue,
			`routing: policy at rules[0].when.ages: bad value: want a string, got 15`},
		{"ages as a list", replace(`"ages": "0-15"`, `"ages": [0, 15]`), routing.ErrBadValue,
			`routing: policy at rules[0].when.ages: bad value: want a string, got '['`},
		{"tier_above not a number", replace(`"tier_above": "1000"`, `"tier_above": "一千"`), routing.ErrBadValue,
			`routing: policy at groups[4].when.tier_above: bad value:`},
		{"tier_above as a bool", replace(`"tier_above": "1000"`, `"tier_above": true`), routing.ErrBadValue,
			`routing: policy at groups[4].when.tier_above: bad value: want a number or a string, got true`},
		{"tier_above null", replace(`"tier_above": "1000"`, `"tier_above": null`), routing.ErrBadValue,
			`routing: policy at groups[4].when.tier_above: bad value: want a number or a string, got null`},
		{"huge number", replace(`"female_retirement_age": 55`, `"female_retirement_age": 1e400`), routing.ErrBadValue,
			`routing: policy at female_retirement_age: bad value: want a whole number, got 1e400`},
		{"number beyond int64", replace(`"female_retirement_age": 55`, `"female_retirement_age": 99999999999999999999`), routing.ErrBadValue,
			`want a whole number`},
		{"fraction", replace(`"female_retirement_age": 55`, `"female_retirement_age": 55.5`), routing.ErrBadValue, `want a whole number, got 55.5`},
		{"string for a bool", replace(`"inclusive": true`, `"inclusive": "true"`), routing.ErrBadValue, `want true or false, got "true"`},
		{"deeply nested arrays", `{"rules": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`,
			routing.ErrBadValue, `at rules[0]: bad value: want an object, got '['`},
		{"too many groups", replace(`"groups": [`, `"groups": [`+strings.Repeat(`{},`, eligibility.MaxGroups)), routing.ErrBadValue,
			`routing: policy at groups: bad value: more than 15 entries`},
		{"invalid UTF-8", strings.Replace(base, "石堰镇基本", "\xff石堰镇基本", 1), routing.ErrSyntax, `invalid UTF-8 at byte`},
		{"trailing garbage", base + "garbage", routing.ErrSyntax, `data after the policy object`},
		{"too large", base + strings.Repeat(" ", 10<<20), routing.ErrBadValue, `policy larger than 4194304 bytes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := routing.LoadPolicy(strings.NewReader(tt.in))
			var le *routing.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("LoadPolicy error = %v, want a *LoadError", err)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not wrap %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error = %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	type mod func(p *routing.Policy)
	tests := []struct {
		name string
		base func() routing.Policy
		mod  mod
		code routing.Code
		sev  routing.Severity
		path string
		msg  string
	}{
		{"inverted period", routing.Luodong2019, func(p *routing.Policy) { p.Effective.From, p.Effective.To = p.Effective.To, p.Effective.From },
			routing.CodeBadPeriod, routing.SeverityError, "effective", "inverted"},
		{"unresolved overlap", routing.Shiyan2023, func(p *routing.Policy) { p.AgeLines.Men.AtLine = routing.BandAny },
			routing.CodeAgeOverlap, routing.SeverityError, "age_lines.men", "overlap at 45"},
		{"one-age gap", routing.Luodong2019, func(p *routing.Policy) { meetingLines(p); p.AgeLines.Women.Older.Inclusive = false },
			routing.CodeAgeGap, routing.SeverityError, "age_lines.women", "age 40 belongs to neither band"},
		{"resolved gap", routing.Luodong2019, func(p *routing.Policy) {
			meetingLines(p)
			p.AgeLines.Women.Older.Inclusive = false
			p.AgeLines.Women.AtLine = routing.BandOlder
		}, routing.CodeAgeGap, routing.SeverityWarning, "age_lines.women", "resolves 40 → the older band"},
		{"wide gap", routing.Luodong2019, func(p *routing.Policy) { meetingLines(p); p.AgeLines.Men.Older.Age = 50 },
			routing.CodeAgeGap, routing.SeverityError, "age_lines.men", "ages 45..49"},
		{"wide overlap", routing.Luodong2019, func(p *routing.Policy) { meetingLines(p); p.AgeLines.Men.Older.Age = 40 },
			routing.CodeAgeOverlap, routing.SeverityError, "age_lines.men", "ages 40..44"},
		{"shadowed rule", routing.Luodong2019, func(p *routing.Policy) {
			p.Rules[6], p.Rules[7] = p.Rules[7], p.Rules[6]
			p.Rules[6].When = routing.Condition{}
		}, routing.CodeNeverFires, routing.SeverityError, "rules[7] (2.2.2.1)", `earlier route rule "2.2.2.2"`},
		{"empty age range", routing.Luodong2019, func(p *routing.Policy) { p.Rules[1].When.Ages = eligibility.AgeBand{Min: 20, Max: 15} },
			routing.CodeNeverFires, routing.SeverityError, "rules[1] (scope.under-16)", "empty or negative age band 20-15"},
		{"band outside range", routing.Luodong2019, func(p *routing.Policy) { p.Rules[7].When.Ages = eligibility.AgeBand{Min: 50, Max: eligibility.MaxAge} },
			routing.CodeNeverFires, routing.SeverityError, "rules[7] (2.2.2.2)", "band younger is outside ages 50+"},
		{"band inside range", routing.Luodong2019, func(p *routing.Policy) { p.Rules[7].When.Ages = eligibility.AgeBand{Min: 16, Max: 59} },
			"", routing.SeverityInfo, "", ""},
		{"outcome no rule yields", routing.Luodong2019, func(p *routing.Policy) { p.Rules[11].When.Channel = vocab.SetOf(routing.ChannelProxyPay) },
			routing.CodeNeverFires, routing.SeverityError, "rules[11] (2.2.3.subsidy)", "no route rule yields channel proxy_pay"},
		{"undeclared group", routing.Shiyan2023, func(p *routing.Policy) {
			p.Groups = slices.DeleteFunc(p.Groups, func(g eligibility.GroupRule) bool { return g.Key == "affluent_resident" })
		}, routing.CodeUndeclaredGroup, routing.SeverityError, "rules[2] (2.5)", `"affluent_resident"`},
		{"group in a policy without groups", routing.Luodong2019, func(p *routing.Policy) { p.Rules[5].When.GroupsAny = []string{"hardship"} },
			routing.CodeUndeclaredGroup, routing.SeverityError, "rules[5] (2.2.3)", `"hardship"`},
		{"malformed group key", routing.Shiyan2023, func(p *routing.Policy) { p.Groups[0].Key = "Small Business" },
			routing.CodeGroups, routing.SeverityError, "groups", "groups[0] (Small Business): group key missing, malformed or used twice"},
		{"group key used twice", routing.Shiyan2023, func(p *routing.Policy) { p.Groups[1].Key = p.Groups[0].Key },
			routing.CodeGroups, routing.SeverityError, "groups", "groups[1] (small_business): group key missing, malformed or used twice: also groups[0]"},
		{"group without clause", routing.Shiyan2023, func(p *routing.Policy) { p.Groups[3].Clause = "" },
			routing.CodeGroups, routing.SeverityError, "groups", "groups[3] (licensed_freelancer): invalid rulebook: a group needs a name and a clause"},
		{"group that never holds", routing.Shiyan2023, func(p *routing.Policy) { p.Groups[7].When.Ages = eligibility.AgeBand{Min: 59, Max: 16} },
			routing.CodeGroups, routing.SeverityError, "groups", "groups[7] (other_uninsured): invalid rulebook: empty or negative age band 59-16"},
		{"too many groups", routing.Shiyan2023, func(p *routing.Policy) {
			for i := len(p.Groups); i <= eligibility.MaxGroups; i++ {
				g := p.Groups[0]
				g.Key = fmt.Sprintf("extra_%d", i)
				p.Groups = append(p.Groups, g)
			}
		}, routing.CodeGroups, routing.SeverityError, "groups", "more groups than MaxGroups"},
		{"female retirement age", routing.Shiyan2023, func(p *routing.Policy) { p.FemaleRetirementAge = 60 },
			routing.CodeAgeLineInvalid, routing.SeverityError, "female_retirement_age", "female_retirement_age is 60"},
		{"milestone on the baseline", routing.Luodong2019, func(p *routing.Policy) { p.Milestones[0].By = p.Baseline },
			routing.CodeMilestone, routing.SeverityError, "milestones[0]", "milestone 2019-07-18 is not after the baseline 2019-07-18"},
		{"milestone before the effective start", routing.Luodong2019, func(p *routing.Policy) { p.Baseline = eligibility.Date{}; p.Milestones[0].By = d("2019-07-01") },
			routing.CodeMilestone, routing.SeverityError, "milestones[0]", "not after the baseline 2019-07-18"},
		{"baseline outside the period", routing.Shiyan2023, func(p *routing.Policy) { p.Baseline = d("2022-12-31") },
			routing.CodeTimetable, routing.SeverityWarning, "baseline", "baseline 2022-12-31 lies outside the effective period 2023-01-01..2023-12-31"},
		{"no bulletin clause", routing.Shiyan2023, func(p *routing.Policy) { p.Bulletin = routing.Citation{} },
			routing.CodeTimetable, routing.SeverityInfo, "bulletin", "cites no clause asking for a progress bulletin"},
		{"milestone percent", routing.Shiyan2023, func(p *routing.Policy) { p.Milestones[1].Percent = 101 },
			routing.CodeMilestone, routing.SeverityError, "milestones[1]", "percent 101 is outside 1..100"},
		{"duplicate rule id", routing.Luodong2019, func(p *routing.Policy) { p.Rules[2].ID = p.Rules[1].ID },
			routing.CodeDuplicateRule, routing.SeverityError, "rules[2] (scope.under-16)", "already used by rules[1]"},
		{"missing citation", routing.Luodong2019, func(p *routing.Policy) { p.Rules[4].Citation.Clause = "" },
			routing.CodeMissingCitation, routing.SeverityError, "rules[4] (2.2.1)", "cite"},
		{"route rule without channel", routing.Luodong2019, func(p *routing.Policy) { p.Rules[4].Channel = routing.ChannelNone },
			routing.CodeRuleShape, routing.SeverityError, "rules[4] (2.2.1)", "needs a channel"},
		{"venue rule with subsidy", routing.Luodong2019, func(p *routing.Policy) { p.Rules[8].Subsidy = routing.SubsidyLandAcquired },
			routing.CodeRuleShape, routing.SeverityError, "rules[8] (venue.employer)", "sets only its own venue"},
		{"overlapping phases", routing.Shiyan2023, func(p *routing.Policy) { p.Phases[1].Period.From = d("2023-03-15") },
			routing.CodePhase, routing.SeverityError, "phases[1]", "overlaps phases[0]"},
		{"milestones out of order", routing.Luodong2019, func(p *routing.Policy) { p.Milestones[1].Percent = 50 },
			routing.CodeMilestone, routing.SeverityError, "milestones[1]", "non-decreasing"},
		{"negative age", routing.Luodong2019, func(p *routing.Policy) { p.Rules[1].When.Ages.Min = -16 },
			routing.CodeNeverFires, routing.SeverityError, "rules[1] (scope.under-16)", "empty or negative age band -16-15"},
		{"huge age", routing.Luodong2019, func(p *routing.Policy) { p.Rules[3].When.Ages = eligibility.AgeBand{Min: 1 << 40, Max: 1<<40 + 5} },
			routing.CodeRuleShape, routing.SeverityError, "rules[3] (scope.60-and-over)", "ages must lie in 0..200"},
		{"negative age line", routing.Luodong2019, func(p *routing.Policy) { p.AgeLines.Men.Younger.Age = -45 },
			routing.CodeAgeLineInvalid, routing.SeverityError, "age_lines.men", "0..150"},
		{"fallback citation without fallback", routing.Luodong2019, func(p *routing.Policy) { p.Rules[4].FallbackCitation = p.Rules[4].Citation },
			routing.CodeRuleShape, routing.SeverityError, "rules[4] (2.2.1)", "fallback_citation without a fallback"},
		{"fallback citation without clause", routing.Luodong2019, func(p *routing.Policy) { p.Rules[5].FallbackCitation.Clause = "" },
			routing.CodeMissingCitation, routing.SeverityError, "rules[5] (2.2.3)", "fallback_citation needs a document and a clause"},
		{"fallback citation on a venue rule", routing.Luodong2019, func(p *routing.Policy) { p.Rules[8].FallbackCitation = p.Rules[8].Citation },
			routing.CodeRuleShape, routing.SeverityError, "rules[8] (venue.employer)", "only route rules set outcome, channel and fallback"},
		{"no route rule", routing.Luodong2019, func(p *routing.Policy) { p.Rules = p.Rules[8:] },
			routing.CodeMissingField, routing.SeverityError, "rules", "no route rule"},
		{"no rules at all", routing.Luodong2019, func(p *routing.Policy) { p.Rules = nil },
			routing.CodeMissingField, routing.SeverityError, "rules", "no route rule"},
		{"missing id", routing.Luodong2019, func(p *routing.Policy) { p.ID = "" },
			routing.CodeMissingField, routing.SeverityError, "id", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.base()
			tt.mod(&p)
			fs := routing.Validate(p)
			if tt.code == "" {
				if routing.HasErrors(fs) {
					t.Errorf("Validate() = %v, want no error", fs)
				}
			} else if !slices.ContainsFunc(fs, func(f routing.Finding) bool {
				return f.Code == tt.code && f.Severity == tt.sev && f.Path == tt.path && strings.Contains(f.Message, tt.msg)
			}) {
				t.Errorf("Validate() = %v\nwant a %s %s at %s containing %q", fs, tt.sev, tt.code, tt.path, tt.msg)
			}
			_, err := routing.Compile(p)
			if fatal := tt.sev == routing.SeverityError; fatal != (err != nil) {
				t.Errorf("Compile() error = %v, want error: %v", err, fatal)
			}
			var ve *routing.ValidationError
			if err != nil && (!errors.As(err, &ve) || !errors.Is(err, routing.ErrInvalidPolicy)) {
				t.Errorf("Compile() error %v is not a *ValidationError", err)
			}
			// Loading the same policy from JSON fails the same way.
			var b bytes.Buffer
			if err := routing.EncodePolicy(&b, p); err != nil {
				t.Fatal(err)
			}
			if _, err := routing.LoadPolicy(&b); (err != nil) != (tt.sev == routing.SeverityError) {
				t.Errorf("LoadPolicy() error = %v", err)
			}
		})
	}
}

// replaceAfter replaces the first old after marker in s.
func replaceAfter(s, marker, old, new string) string {
	i := strings.Index(s, marker)
	if i < 0 {
		return s
	}
	return s[:i] + strings.Replace(s[i:], old, new, 1)
}

// TestLoadPolicyBOM checks that a UTF-8 byte-order mark, as some editors
// write one, is skipped.
func TestLoadPolicyBOM(t *testing.T) {
	js := encode(t, routing.Luodong2019())
	p, err := routing.LoadPolicy(bytes.NewReader(append([]byte("\ufeff"), js...)))
	if err != nil {
		t.Fatalf("LoadPolicy with a BOM: %v", err)
	}
	if diff := cmp.Diff(routing.Luodong2019(), p, dateCmp); diff != "" {
		t.Errorf("LoadPolicy with a BOM mismatch (-want +got):\n%s", diff)
	}
}

// TestPolicySizeLimits checks that an oversized policy fails fast, with one
// finding rather than one per rule, and that a ValidationError message stays
// short however many errors the policy has.
func TestPolicySizeLimits(t *testing.T) {
	rule := `{"id":"a","kind":"route","when":{}},`
	js := `{"id":"x","rules":[` + strings.TrimSuffix(strings.Repeat(rule, 4096+1), ",") + `]}`
	_, err := routing.LoadPolicy(strings.NewReader(js))
	var le *routing.LoadError
	if !errors.As(err, &le) || le.Path != "rules" || !errors.Is(err, routing.ErrBadValue) {
		t.Fatalf("LoadPolicy(%d rules) error = %v, want a *LoadError at rules", 4096+1, err)
	}
	if want := "routing: policy at rules: bad value: more than 4096 entries"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}

	// Two rules testing 150 000 group keys each, one all different, the
	// other the last of them again and again: refused with one finding per
	// rule, in time proportional to the lists (comparing them key by key,
	// to see whether one rule shadows the other, would take minutes).
	const n = 150_000
	var distinct, same strings.Builder
	for i := range n {
		fmt.Fprintf(&distinct, `"k%d",`, i)
		fmt.Fprintf(&same, `"k%d",`, n-1)
	}
	js = replaceAfter(string(encode(t, routing.Shiyan2023())), `"rules"`, `"groups_any": [`, `"groups_any": [`+distinct.String())
	js = replaceAfter(js, `"id": "3.2.1"`, `"groups_any": [`, `"groups_any": [`+same.String())
	start := time.Now()
	_, err = routing.LoadPolicy(strings.NewReader(js))
	var ve *routing.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("LoadPolicy(150 000 group keys) error = %v, want a *ValidationError", err)
	}
	if n := len(ve.Findings); n > 10 {
		t.Errorf("LoadPolicy(150 000 group keys) gives %d findings", n)
	}
	if el := time.Since(start); el > 20*time.Second {
		t.Errorf("LoadPolicy(150 000 group keys) took %v", el)
	}

	p := routing.Luodong2019()
	for len(p.Rules) <= 50*4096 {
		p.Rules = append(p.Rules, p.Rules...)
	}
	fs := routing.Validate(p)
	if len(fs) != 1 || fs[0].Code != routing.CodeTooLarge {
		t.Fatalf("Validate(%d rules) = %d findings %v…, want one %s", len(p.Rules), len(fs), fs[:min(len(fs), 3)], routing.CodeTooLarge)
	}

	p = routing.Luodong2019()
	p.Rules = append(p.Rules, p.Rules...)
	for i := range p.Rules {
		p.Rules[i].ID = "" // every rule: missing id, and duplicates
	}
	_, err = routing.Compile(p)
	if !errors.As(err, &ve) {
		t.Fatalf("Compile error = %v, want a *ValidationError", err)
	}
	msg := err.Error()
	if n := strings.Count(msg, "\n\t"); n != 21 || !strings.Contains(msg, "more errors (see Findings)") {
		t.Errorf("message lists %d lines, want 20 findings and a summary:\n%s", n, msg)
	}
}

// meetingLines makes both age lines meet exactly (younger band below the
// line, older band from it), so that a test can open a gap or an overlap of
// its own; the 罗东 preset itself states an overlap at the line (以下 and
// 及以上 both include the number).
func meetingLines(p *routing.Policy) {
	for _, l := range []*routing.AgeLine{&p.AgeLines.Men, &p.AgeLines.Women} {
		l.Younger.Inclusive = false
		l.AtLine = routing.BandAny
	}
}
