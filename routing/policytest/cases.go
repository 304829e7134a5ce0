package policytest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/internal/suggest"
	"github.com/canbao/kuomian/routing"
)

// Case is one policy test case: a resident's facts, an as-of date and the
// decision expected. Cases are written as text and read by [ParseCases],
// so that a policy team can add them without writing Go.
type Case struct {
	Name     string // the text after "case:"
	File     string // file name given to ParseCases
	Line     int    // line of the "case:" line
	Policy   string // ID of the policy the case is for ("" = any)
	AsOf     eligibility.Date
	Resident eligibility.Resident
	Expect   Expect
}

// ExpectField is a set of the fields a [Case] states an expectation for.
type ExpectField uint32

// The expectation fields, one per "expect …" key.
const (
	ExpectOutcome         ExpectField = 1 << iota // expect scheme
	ExpectChannel                                 // expect channel
	ExpectVenue                                   // expect venue
	ExpectFallback                                // expect fallback (its outcome)
	ExpectFallbackChannel                         // expect fallback channel
	ExpectFallbackVenue                           // expect fallback venue
	ExpectSubsidies                               // expect subsidies
	ExpectActions                                 // expect actions
	ExpectGroups                                  // expect groups
	ExpectPhase                                   // expect phase
	ExpectCitations                               // expect citations
	ExpectRules                                   // expect rules
	ExpectError                                   // expect error
	ExpectBand                                    // expect band
	ExpectAge                                     // expect age
)

// Expect holds a case's expectations. Only the fields named in Fields are
// checked. Subsidies, Actions and Groups are compared as sets, exactly;
// each of Citations and Rules must appear among the decision's reasons.
type Expect struct {
	Fields    ExpectField
	Outcome   routing.Outcome
	Channel   routing.Channel
	Venue     routing.Venue
	Fallback  routing.Choice // Outcome, Channel and Venue checked apart
	Subsidies vocab.Set[routing.Subsidy]
	Actions   vocab.Set[routing.Action]
	// Groups are the target groups as written: keys of the policy's
	// groups (hardship), their Chinese or English names or numerals (六),
	// separated as in any list. The parser does not know the policy, so
	// RunCases resolves them against the rulebook of the policy under test.
	// "" (with ExpectGroups set) expects no group.
	Groups    string
	Phase     string   // the phase's name (重点攻坚阶段) or English name; "" for none
	Citations []string // "二(二)2(2)" or "罗政〔2019〕185号 二(二)2(2)"
	Rules     []string // rule IDs
	Error     string   // a key of routing.ErrorKey, e.g. "outside_period", or "none"
	Band      routing.Band
	Age       int
}

// CaseError reports a line of a case file that cannot be read. It quotes
// the key and value as written, with any run of ten or more digits starred
// after its sixth: it never carries an identity number.
type CaseError struct {
	File    string
	Line    int
	Key     string // the key as written (masked), if any
	Suggest string // the known key it resembles, if any
	// Err is routing.ErrUnknownKey, routing.ErrDuplicate,
	// routing.ErrSyntax, routing.ErrMissing, routing.ErrBadValue, a
	// *routing.NameError (an unknown value; it unwraps to
	// routing.ErrUnknownName), or an error of package eligibility (a date
	// or an identity number).
	Err error
}

// Error returns "file:line: "key": message (did you mean "…"?)".
func (e *CaseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	if e.Key != "" {
		fmt.Fprintf(&b, "%q: ", e.Key)
	}
	b.WriteString(e.Err.Error())
	if e.Suggest != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", e.Suggest)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *CaseError) Unwrap() error { return e.Err }

// caseKey is one key of the case format.
type caseKey struct {
	canon   string   // canonical English key
	aliases []string // Chinese names and other English spellings
	set     func(c *Case, v string) error
}

// enum parses s with E's vocabulary.
func enum[E vocab.Enum[E]](dst *E, s string) error {
	var zero E
	e, err := lookup(zero.Vocabulary(), s)
	if err == nil {
		*dst = e
	}
	return err
}

// expect returns a setter that marks field f and parses into *dst.
func expect[E vocab.Enum[E]](f ExpectField, dst func(*Case) *E) func(*Case, string) error {
	return func(c *Case, v string) error {
		c.Expect.Fields |= f
		return enum(dst(c), v)
	}
}

func date(dst func(*Case) *eligibility.Date) func(*Case, string) error {
	return func(c *Case, v string) error {
		d, err := eligibility.ParseDate(strings.TrimSpace(v))
		*dst(c) = d
		return err
	}
}

// caseKeys lists every key of the case format (see the package doc).
var caseKeys = []caseKey{
	{"policy", []string{"政策"}, func(c *Case, v string) error { c.Policy = v; return nil }},
	{"as of", []string{"基准日", "日期", "as of date", "asof", "date"}, date(func(c *Case) *eligibility.Date { return &c.AsOf })},
	{"id", []string{"身份证号", "身份证号码", "公民身份号码"}, func(c *Case, v string) error {
		id, err := eligibility.ParseIDNumber(v)
		c.Resident.ID = id
		return err
	}},
	{"gender", []string{"性别", "sex"}, func(c *Case, v string) error { return enum(&c.Resident.Gender, v) }},
	{"birth", []string{"出生日期", "生日", "birthday", "date of birth", "birth date"}, date(func(c *Case) *eligibility.Date { return &c.Resident.Birth })},
	{"hukou", []string{"户籍"}, func(c *Case, v string) error {
		var h eligibility.HukouCondition
		if err := enum(&h, v); err != nil {
			return err
		}
		if h == eligibility.HukouAny {
			return fmt.Errorf("%w: a resident's 户籍 is local or non_local, not %q", routing.ErrBadValue, mask(v))
		}
		c.Resident.Hukou.Local = h == eligibility.HukouLocal
		return nil
	}},
	{"village", []string{"村", "村(社区)", "村（社区）"}, func(c *Case, v string) error { c.Resident.Hukou.Village = v; return nil }},
	{"employment", []string{"就业", "就业状况", "就业情况"}, func(c *Case, v string) error { return enum(&c.Resident.Employment.Kind, v) }},
	{"platform", []string{"平台", "平台类型"}, func(c *Case, v string) error { return enum(&c.Resident.Employment.Platform, v) }},
	{"licence", []string{"执业资格", "license"}, func(c *Case, v string) error { c.Resident.Employment.Licence = v; return nil }},
	{"insured", []string{"参保险种", "参保", "参保状况", "insurance", "scheme"}, func(c *Case, v string) error { return enum(&c.Resident.Insurance.Scheme, v) }},
	{"status", []string{"缴费状态"}, func(c *Case, v string) error { return enum(&c.Resident.Insurance.Status, v) }},
	{"location", []string{"参保地"}, func(c *Case, v string) error { return enum(&c.Resident.Insurance.Location, v) }},
	{"tier", []string{"缴费档次", "档次"}, func(c *Case, v string) error {
		d, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimSpace(v), "元"))
		if err != nil {
			return fmt.Errorf("%w: %q is not a number of yuan", routing.ErrBadValue, mask(v))
		}
		c.Resident.ResidentTier = d
		return nil
	}},
	{"flags", []string{"身份标记", "身份", "flag"}, func(c *Case, v string) error {
		f, err := parseFlags(v)
		c.Resident.Flags = f
		return err
	}},
	{"land acquired on", []string{"征地日期"}, date(func(c *Case) *eligibility.Date { return &c.Resident.LandAcquiredOn })},
	{"contact", []string{"联系状况"}, func(c *Case, v string) error { return enum(&c.Resident.Contact, v) }},
	{"note", []string{"说明", "备注"}, func(*Case, string) error { return nil }},
	{"expect scheme", []string{"预期险种", "预期结果", "expect outcome"}, expect(ExpectOutcome, func(c *Case) *routing.Outcome { return &c.Expect.Outcome })},
	{"expect channel", []string{"预期渠道"}, expect(ExpectChannel, func(c *Case) *routing.Channel { return &c.Expect.Channel })},
	{"expect venue", []string{"预期地点", "预期办理地点"}, expect(ExpectVenue, func(c *Case) *routing.Venue { return &c.Expect.Venue })},
	{"expect fallback", []string{"预期备选险种"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectFallback
		// Explain writes a fallback with Outcome.FallbackLabel (维持原参保险种不变（已参保）):
		// it reads back too.
		var zero routing.Outcome
		for i := range zero.Vocabulary().Keys() {
			o := routing.Outcome(i)
			if w := strings.TrimSpace(v); w != "" && (w == o.FallbackLabel(language.Chinese) || strings.EqualFold(w, o.FallbackLabel(language.English))) {
				c.Expect.Fallback.Outcome = o
				return nil
			}
		}
		return enum(&c.Expect.Fallback.Outcome, v)
	}},
	{"expect fallback channel", []string{"预期备选渠道"}, expect(ExpectFallbackChannel, func(c *Case) *routing.Channel { return &c.Expect.Fallback.Channel })},
	{"expect fallback venue", []string{"预期备选地点"}, expect(ExpectFallbackVenue, func(c *Case) *routing.Venue { return &c.Expect.Fallback.Venue })},
	{"expect subsidies", []string{"预期补贴"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectSubsidies
		s, err := parseSet[routing.Subsidy](v)
		c.Expect.Subsidies = s
		return err
	}},
	{"expect actions", []string{"预期后续工作"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectActions
		s, err := parseSet[routing.Action](v)
		c.Expect.Actions = s
		return err
	}},
	{"expect groups", []string{"预期人群", "预期扩面重点人群"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectGroups
		if !isNone(v) {
			c.Expect.Groups = strings.TrimSpace(v)
		}
		return nil
	}},
	{"expect phase", []string{"预期阶段", "预期工作阶段"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectPhase
		if !isNone(v) {
			c.Expect.Phase = strings.TrimSpace(v)
		}
		return nil
	}},
	{"expect citations", []string{"预期依据"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectCitations
		c.Expect.Citations = splitCitations(v)
		if len(c.Expect.Citations) == 0 {
			return fmt.Errorf("%w: list at least one clause", routing.ErrMissing)
		}
		return nil
	}},
	{"expect rules", []string{"预期规则"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectRules
		c.Expect.Rules = splitList(v)
		if len(c.Expect.Rules) == 0 {
			return fmt.Errorf("%w: list at least one rule id", routing.ErrMissing)
		}
		return nil
	}},
	{"expect error", []string{"预期错误"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectError
		v = strings.TrimSpace(v)
		if slices.Contains(errorKeys, v) {
			c.Expect.Error = v
			return nil
		}
		return &routing.NameError{Kind: "error", Name: mask(v), Suggest: suggest.Closest(v, errorKeys)}
	}},
	{"expect band", []string{"预期年龄段"}, expect(ExpectBand, func(c *Case) *routing.Band { return &c.Expect.Band })},
	{"expect age", []string{"预期年龄"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectAge
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v), "周岁"), "岁"))
		if err != nil || n < 0 || n > eligibility.MaxAge {
			return fmt.Errorf("%w: %q is not an age", routing.ErrBadValue, mask(v))
		}
		c.Expect.Age = n
		return nil
	}},
}

// errorKeys are the keys "expect error" accepts: those routing.ErrorKey
// gives for nil and for each sentinel error a decision can fail with.
var errorKeys = []string{
	routing.ErrorKey(nil),
	routing.ErrorKey(routing.ErrOutsidePeriod),
	routing.ErrorKey(routing.ErrNoBirthDate),
	routing.ErrorKey(routing.ErrBornAfterAsOf),
	routing.ErrorKey(routing.ErrNoGender),
	routing.ErrorKey(routing.ErrNoRule),
}

// canonKey lowercases a key and turns '_', '.', '-', tabs and runs of
// spaces (ASCII or full-width) into one space.
func canonKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	k = strings.Map(func(r rune) rune {
		switch r {
		case '_', '.', '-', '\t', '　':
			return ' '
		}
		return r
	}, k)
	return strings.Join(strings.Fields(k), " ")
}

func findKey(k string) (*caseKey, bool) {
	ck := canonKey(k)
	for i := range caseKeys {
		if caseKeys[i].canon == ck || slices.Contains(caseKeys[i].aliases, ck) {
			return &caseKeys[i], true
		}
	}
	return nil, false
}

// knownKeys lists every key and alias of the case format, for suggestions.
func knownKeys() []string {
	known := []string{"case", "用例"}
	for _, ck := range caseKeys {
		known = append(known, ck.canon)
		known = append(known, ck.aliases...)
	}
	return known
}

// maxLine is the longest line ParseCases accepts, in bytes.
const maxLine = 4096

// ParseCases reads policy test cases from r; file names the source in
// errors and in each [Case]. The format is described in the package
// documentation.
//
// The first problem found is returned as a *[CaseError] with the file and
// line: an unknown key or value (with the nearest known one), a key given
// twice in a case, a line that is not "key: value", a case without an as-of
// date or without any expectation, invalid UTF-8, a line longer than 4096
// bytes.
func ParseCases(r io.Reader, file string) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), maxLine)
	var (
		cases      []Case
		cur        *Case
		seen       map[string]bool
		filePolicy string
		line       int
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		if cur.AsOf.IsZero() {
			return &CaseError{File: file, Line: cur.Line, Key: "as of", Err: fmt.Errorf("%w: the case has no as-of date", routing.ErrMissing)}
		}
		if cur.Expect.Fields == 0 {
			return &CaseError{File: file, Line: cur.Line, Err: fmt.Errorf("%w: the case expects nothing", routing.ErrMissing)}
		}
		cases = append(cases, *cur)
		return nil
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if !utf8.ValidString(text) {
			return nil, &CaseError{File: file, Line: line, Err: fmt.Errorf("%w: invalid UTF-8 (save the file as UTF-8)", routing.ErrSyntax)}
		}
		text = strings.TrimSpace(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		i := strings.IndexAny(text, ":：")
		if i < 0 {
			return nil, &CaseError{File: file, Line: line, Err: fmt.Errorf("%w: want \"key: value\"", routing.ErrSyntax)}
		}
		key := strings.TrimSpace(text[:i])
		_, w := utf8.DecodeRuneInString(text[i:])
		val := strings.TrimSpace(text[i+w:])
		if canonKey(key) == "case" || key == "用例" {
			if err := finish(); err != nil {
				return nil, err
			}
			if val == "" {
				return nil, &CaseError{File: file, Line: line, Key: mask(key), Err: fmt.Errorf("%w: a case needs a name", routing.ErrMissing)}
			}
			cur = &Case{Name: val, File: file, Line: line, Policy: filePolicy}
			seen = map[string]bool{}
			continue
		}
		k, ok := findKey(key)
		if !ok {
			return nil, &CaseError{File: file, Line: line, Key: mask(key), Suggest: suggest.Closest(canonKey(key), knownKeys()), Err: routing.ErrUnknownKey}
		}
		if cur == nil {
			if k.canon == "policy" && filePolicy == "" {
				filePolicy = val
				continue
			}
			return nil, &CaseError{File: file, Line: line, Key: mask(key), Err: fmt.Errorf("%w: only \"policy:\" may come before the first \"case:\"", routing.ErrSyntax)}
		}
		if seen[k.canon] {
			return nil, &CaseError{File: file, Line: line, Key: mask(key), Err: fmt.Errorf("%w key in the case", routing.ErrDuplicate)}
		}
		seen[k.canon] = true
		if err := k.set(cur, val); err != nil {
			return nil, &CaseError{File: file, Line: line, Key: mask(key), Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &CaseError{File: file, Line: line + 1, Err: fmt.Errorf("%w: line longer than %d bytes", routing.ErrSyntax, maxLine)}
		}
		return nil, &CaseError{File: file, Line: line + 1, Err: fmt.Errorf("%w: %v", routing.ErrSyntax, err)}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return cases, nil
}
