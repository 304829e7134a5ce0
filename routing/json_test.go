package routing_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/canbao/kuomian/routing"
	"github.com/google/go-cmp/cmp"
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
		{"typo in a key", replace(`"below_age"`, `"bellow_age"`), routing.ErrUnknownKey,
			`routing: policy at rules[0].when: unknown key "bellow_age" (did you mean "below_age"?)`},
		{"typo at top level", replace(`"jurisdiction"`, `"jurisdicton"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "jurisdicton" (did you mean "jurisdiction"?)`},
		{"wrong case", replace(`"id": "shiyan-2023"`, `"ID": "shiyan-2023"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "ID" (did you mean "id"?)`},
		{"unrelated key", replace(`"title"`, `"colour"`), routing.ErrUnknownKey,
			`routing: policy: unknown key "colour"`},
		{"duplicate key", replace(`"version": "1",`, `"version": "1", "version": "2",`), routing.ErrDuplicate,
			`routing: policy: duplicate key "version"`},
		{"unknown group", replace(`"hardship"`, `"hardshp"`), routing.ErrUnknownName,
			`routing: policy at groups[5]: unknown group "hardshp" (did you mean "hardship"?)`},
		{"unknown outcome", replace(`"outcome": "not_eligible"`, `"outcome": "not_eligable"`), routing.ErrUnknownName,
			`routing: policy at rules[0].outcome: unknown outcome "not_eligable" (did you mean "not_eligible"?)`},
		{"unknown scheme in a condition", replaceAfter(base, `"insured": [`, `"resident"`, `"resdent"`), routing.ErrUnknownName,
			`unknown insured scheme "resdent" (did you mean "resident"?)`},
		{"wrong type", replace(`"below_age": 16`, `"below_age": "16"`), routing.ErrBadValue,
			`routing: policy at rules[0].when.below_age: bad value: want a whole number, got "16"`},
		{"bad date", replace(`"2023-03-17"`, `"2023-02-30"`), nil, `routing: policy at issued:`},
		{"trailing data", base + "{}", routing.ErrSyntax, `data after the policy object`},
		{"truncated", base[:len(base)/2], routing.ErrSyntax, `unexpected end`},
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
		{"duplicate nested key", replace(`"below_age": 16`, `"below_age": 16, "below_age": 17`), routing.ErrDuplicate,
			`routing: policy at rules[0].when: duplicate key "below_age"`},
		{"name listed twice", replace(`"hardship"`, `"hardship", "hardship"`), routing.ErrDuplicate,
			`routing: policy at groups[6]: duplicate: "hardship" is already listed`},
		{"name listed twice as key and label", replace(`"hardship"`, `"hardship", "低保对象、特困人员、重度残疾人员等缴费困难群体"`), routing.ErrDuplicate,
			`at groups[6]: duplicate`},
		{"list of numbers", replace(`"groups": [`, `"groups": [1, `), routing.ErrBadValue,
			`routing: policy at groups[0]: bad value: want a name, got 1`},
		{"huge number", replace(`"below_age": 16`, `"below_age": 1e400`), routing.ErrBadValue,
			`at rules[0].when.below_age: bad value: want a whole number, got 1e400`},
		{"number beyond int64", replace(`"below_age": 16`, `"below_age": 99999999999999999999`), routing.ErrBadValue,
			`want a whole number`},
		{"fraction", replace(`"below_age": 16`, `"below_age": 16.5`), routing.ErrBadValue, `want a whole number, got 16.5`},
		{"string for a bool", replace(`"inclusive": true`, `"inclusive": "true"`), routing.ErrBadValue, `want true or false, got "true"`},
		{"deeply nested arrays", `{"rules": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`,
			routing.ErrBadValue, `at rules[0]: bad value: want an object, got '['`},
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
		{"empty age range", routing.Luodong2019, func(p *routing.Policy) { p.Rules[1].When.FromAge = 20 },
			routing.CodeNeverFires, routing.SeverityError, "rules[1] (scope.under-16)", "from_age 20 is not below below_age 16"},
		{"band outside range", routing.Luodong2019, func(p *routing.Policy) { p.Rules[7].When.FromAge = 50 },
			routing.CodeNeverFires, routing.SeverityError, "rules[7] (2.2.2.2)", "band younger"},
		{"outcome no rule yields", routing.Luodong2019, func(p *routing.Policy) { p.Rules[11].When.Channel = routing.ChannelsOf(routing.ChannelProxyPay) },
			routing.CodeNeverFires, routing.SeverityError, "rules[11] (2.2.3.subsidy)", "no route rule yields channel"},
		{"undeclared group", routing.Shiyan2023, func(p *routing.Policy) { p.Groups = routing.GroupsOf(1) },
			routing.CodeUndeclaredGroup, routing.SeverityError, "rules[2] (2.5)", "affluent_resident"},
		{"unknown rulebook", routing.Shiyan2023, func(p *routing.Policy) { p.GroupRulebook = "nowhere-2023" },
			routing.CodeUnknownRulebook, routing.SeverityError, "group_rulebook", `"nowhere-2023"`},
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
		{"negative age", routing.Luodong2019, func(p *routing.Policy) { p.Rules[1].When.BelowAge = -16 },
			routing.CodeRuleShape, routing.SeverityError, "rules[1] (scope.under-16)", "negative"},
		{"huge age", routing.Luodong2019, func(p *routing.Policy) { p.Rules[3].When.FromAge = 1 << 40 },
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
			found := false
			for _, f := range fs {
				if f.Code == tt.code && f.Severity == tt.sev && f.Path == tt.path && strings.Contains(f.Message, tt.msg) {
					found = true
				}
			}
			if !found {
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
	js := `{"id":"x","rules":[` + strings.TrimSuffix(strings.Repeat(rule, routing.MaxRules+1), ",") + `]}`
	_, err := routing.LoadPolicy(strings.NewReader(js))
	var le *routing.LoadError
	if !errors.As(err, &le) || le.Path != "rules" || !errors.Is(err, routing.ErrBadValue) {
		t.Fatalf("LoadPolicy(%d rules) error = %v, want a *LoadError at rules", routing.MaxRules+1, err)
	}
	if want := "routing: policy at rules: bad value: more than 4096 entries"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}

	p := routing.Luodong2019()
	for len(p.Rules) <= 50*routing.MaxRules {
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
	var ve *routing.ValidationError
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
