package routing

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/canbao/kuomian/eligibility"
	"github.com/shopspring/decimal"
)

// Case is one policy test case: a resident's facts, an as-of date and the
// expected decision. Cases are written as text ([ParseCases]) so that a
// policy team can add them without writing Go.
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
	ExpectOutcome ExpectField = 1 << iota
	ExpectChannel
	ExpectVenue
	ExpectFallback
	ExpectFallbackChannel
	ExpectFallbackVenue
	ExpectSubsidies
	ExpectActions
	ExpectGroups
	ExpectPhase
	ExpectCitations
	ExpectRules
	ExpectError
	ExpectBand
	ExpectAge
)

// Expect holds a case's expectations. Only the fields named in Fields are
// checked; sets are compared exactly, Citations and Rules must each appear
// among the decision's reasons.
type Expect struct {
	Fields          ExpectField
	Outcome         Outcome
	Channel         Channel
	Venue           Venue
	Fallback        Outcome
	FallbackChannel Channel
	FallbackVenue   Venue
	Subsidies       SubsidySet
	Actions         ActionSet
	Groups          GroupMask
	Phase           string
	Citations       []string // "二(二)2(2)" or "罗政〔2019〕185号 二(二)2(2)"
	Rules           []string // rule IDs
	Error           string   // an error key (see ParseCases), e.g. "outside_period"
	Band            Band
	Age             int
}

// errorKeys names the sentinel errors a case can expect.
var errorKeys = []struct {
	key string
	err error
}{
	{"outside_period", ErrOutsidePeriod},
	{"no_birth_date", ErrNoBirthDate},
	{"born_after_as_of", ErrBornAfterAsOf},
	{"no_gender", ErrNoGender},
	{"no_rule", ErrNoRule},
}

func errorKey(err error) string {
	if err == nil {
		return "none"
	}
	for _, k := range errorKeys {
		if errors.Is(err, k.err) {
			return k.key
		}
	}
	return "other"
}

var platformNames = []name{
	{"unknown", "未知", "unknown"},
	{"ride_hailing", "网约车司机", "ride-hailing driver"},
	{"courier", "快递小哥", "courier"},
	{"food_delivery", "外卖骑手", "food-delivery rider"},
	{"freight", "同城货运司机", "freight driver"},
	{"other", "其他新就业形态", "other platform work"},
}

// CaseError reports a line of a case file that cannot be read.
type CaseError struct {
	File    string
	Line    int
	Key     string // the key as written, if any
	Suggest string // the known key it resembles, if any
	Err     error  // ErrUnknownKey, ErrDuplicate, ErrSyntax, ErrMissing, ErrBadValue, or a parse error
}

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

// Unwrap returns the underlying error.
func (e *CaseError) Unwrap() error { return e.Err }

type caseKey struct {
	canon string   // canonical English key
	zh    []string // Chinese aliases
	set   func(c *Case, v string) error
}

func setEnum[T ~uint8](dst *T, kind string, table []name) func(string) error {
	return func(v string) error {
		i, err := parseName(kind, table, v)
		*dst = T(i)
		return err
	}
}

func isNone(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "none", "无", "-", "—":
		return true
	}
	return false
}

func parseSet(v, kind string, table []name) (uint32, error) {
	if isNone(v) {
		return 0, nil
	}
	return parseBitList(splitList(v), kind, table)
}

// caseKeys lists every key of the case format (see ParseCases).
var caseKeys = []caseKey{
	{"policy", []string{"政策"}, func(c *Case, v string) error { c.Policy = v; return nil }},
	{"as of", []string{"基准日", "日期", "as of date", "asof", "date"}, func(c *Case, v string) error {
		d, err := eligibility.ParseDate(v)
		c.AsOf = d
		return err
	}},
	{"id", []string{"身份证号", "公民身份号码"}, func(c *Case, v string) error {
		id, err := eligibility.ParseIDNumber(v)
		c.Resident.ID = id
		return err
	}},
	{"gender", []string{"性别", "sex"}, func(c *Case, v string) error {
		switch strings.TrimSpace(v) {
		case "男性":
			v = "男"
		case "女性":
			v = "女"
		}
		return c.Resident.Gender.UnmarshalText([]byte(v))
	}},
	{"birth", []string{"出生日期", "生日", "birthday", "date of birth", "birth date"}, func(c *Case, v string) error {
		d, err := eligibility.ParseDate(v)
		c.Resident.Birth = d
		return err
	}},
	{"hukou", []string{"户籍"}, func(c *Case, v string) error {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "本区户籍", "本区", "本地", "长寿户籍", "是", "yes", "true":
			c.Resident.Hukou.Local = true
			return nil
		case "非本区户籍", "区外户籍", "外地", "外地户籍", "否", "no", "false":
			c.Resident.Hukou.Local = false
			return nil
		}
		var h HukouCond
		if err := setEnum(&h, "hukou", hukouNames)(v); err != nil {
			return err
		}
		c.Resident.Hukou.Local = h == HukouLocal
		return nil
	}},
	{"village", []string{"村", "村(社区)"}, func(c *Case, v string) error { c.Resident.Hukou.Village = v; return nil }},
	{"employment", []string{"就业", "就业状况", "就业情况"}, func(c *Case, v string) error {
		return setEnum(&c.Resident.Employment.Kind, "employment", employmentNames)(v)
	}},
	{"platform", []string{"平台"}, func(c *Case, v string) error {
		return setEnum(&c.Resident.Employment.Platform, "platform", platformNames)(v)
	}},
	{"licence", []string{"执业资格"}, func(c *Case, v string) error { c.Resident.Employment.Licence = v; return nil }},
	{"insured", []string{"参保险种", "参保", "参保状况", "insurance", "scheme"}, func(c *Case, v string) error {
		return setEnum(&c.Resident.Insurance.Scheme, "insured scheme", insuredNames)(v)
	}},
	{"status", []string{"缴费状态"}, func(c *Case, v string) error {
		return setEnum(&c.Resident.Insurance.Status, "insurance status", statusNames)(v)
	}},
	{"location", []string{"参保地"}, func(c *Case, v string) error {
		return setEnum(&c.Resident.Insurance.Location, "insurance location", locationNames)(v)
	}},
	{"tier", []string{"缴费档次", "档次"}, func(c *Case, v string) error {
		d, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimSpace(v), "元"))
		if err != nil {
			return fmt.Errorf("%w: not a number", ErrBadValue)
		}
		c.Resident.ResidentTier = d
		return nil
	}},
	{"flags", []string{"身份标记", "身份", "flag"}, func(c *Case, v string) error {
		f, err := parseSet(v, "flag", flagNames)
		c.Resident.Flags = eligibility.Flags(f)
		return err
	}},
	{"land acquired on", []string{"征地日期"}, func(c *Case, v string) error {
		d, err := eligibility.ParseDate(v)
		c.Resident.LandAcquiredOn = d
		return err
	}},
	{"contact", []string{"联系状况"}, func(c *Case, v string) error {
		return setEnum(&c.Resident.Contact, "contact status", contactNames)(v)
	}},
	{"note", []string{"说明", "备注"}, func(*Case, string) error { return nil }},
	{"expect scheme", []string{"预期险种", "预期结果"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectOutcome
		return setEnum(&c.Expect.Outcome, "outcome", outcomeNames)(v)
	}},
	{"expect channel", []string{"预期渠道"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectChannel
		if isNone(v) {
			return nil
		}
		return setEnum(&c.Expect.Channel, "channel", channelNames)(v)
	}},
	{"expect venue", []string{"预期地点"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectVenue
		if isNone(v) {
			return nil
		}
		return setEnum(&c.Expect.Venue, "venue", venueNames)(v)
	}},
	{"expect fallback", []string{"预期备选险种"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectFallback
		if isNone(v) {
			return nil
		}
		return setEnum(&c.Expect.Fallback, "outcome", outcomeNames)(v)
	}},
	{"expect fallback channel", []string{"预期备选渠道"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectFallbackChannel
		if isNone(v) {
			return nil
		}
		return setEnum(&c.Expect.FallbackChannel, "channel", channelNames)(v)
	}},
	{"expect fallback venue", []string{"预期备选地点"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectFallbackVenue
		if isNone(v) {
			return nil
		}
		return setEnum(&c.Expect.FallbackVenue, "venue", venueNames)(v)
	}},
	{"expect subsidies", []string{"预期补贴"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectSubsidies
		s, err := parseSet(v, "subsidy", subsidyNames)
		c.Expect.Subsidies = SubsidySet(s)
		return err
	}},
	{"expect actions", []string{"预期后续工作"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectActions
		s, err := parseSet(v, "action", actionNames)
		c.Expect.Actions = ActionSet(s)
		return err
	}},
	{"expect groups", []string{"预期人群"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectGroups
		s, err := parseSet(v, "group", groupNames)
		c.Expect.Groups = GroupMask(s)
		return err
	}},
	{"expect phase", []string{"预期阶段"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectPhase
		if !isNone(v) {
			c.Expect.Phase = v
		}
		return nil
	}},
	{"expect citations", []string{"预期依据"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectCitations
		c.Expect.Citations = splitCitations(v)
		if len(c.Expect.Citations) == 0 {
			return fmt.Errorf("%w: list at least one clause", ErrMissing)
		}
		return nil
	}},
	{"expect rules", []string{"预期规则"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectRules
		c.Expect.Rules = splitList(v)
		if len(c.Expect.Rules) == 0 {
			return fmt.Errorf("%w: list at least one rule id", ErrMissing)
		}
		return nil
	}},
	{"expect error", []string{"预期错误"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectError
		v = strings.TrimSpace(v)
		for _, k := range errorKeys {
			if k.key == v {
				c.Expect.Error = v
				return nil
			}
		}
		if v == "none" {
			c.Expect.Error = v
			return nil
		}
		var known []string
		for _, k := range errorKeys {
			known = append(known, k.key)
		}
		return &NameError{Kind: "error", Name: v, Suggest: closest(v, known)}
	}},
	{"expect band", []string{"预期年龄段"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectBand
		return setEnum(&c.Expect.Band, "band", bandNames)(v)
	}},
	{"expect age", []string{"预期年龄"}, func(c *Case, v string) error {
		c.Expect.Fields |= ExpectAge
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "周岁"))
		if err != nil || n < 0 || n > 200 {
			return fmt.Errorf("%w: not an age", ErrBadValue)
		}
		c.Expect.Age = n
		return nil
	}},
}

func splitCitations(v string) []string {
	f := strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '；' || r == ',' || r == '，' })
	out := f[:0]
	for _, s := range f {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// canonKey lowercases a key and turns '_', '.', '-' and runs of spaces into
// one space.
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
		if caseKeys[i].canon == ck || slices.Contains(caseKeys[i].zh, ck) {
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
		known = append(known, ck.zh...)
	}
	return known
}

// MaxCaseLine is the longest line ParseCases accepts, in bytes.
const MaxCaseLine = 4096

// ParseCases reads policy test cases from r. file names the source in
// errors and in each [Case].
//
// The format is line-based, UTF-8:
//
//	# 罗政〔2019〕185号 二(二)2(2): a man the day before his 45th birthday
//	policy: luodong-2019
//
//	case: 男 44 岁 未就业
//	as of: 2019-08-01
//	gender: 男
//	birth: 1974-08-02
//	employment: 未就业
//	insured: none
//	expect scheme: 企业职工基本养老保险
//	expect channel: flexible
//	expect venue: city_centre
//	expect fallback: resident
//	expect citations: 二(二)2(2); 二(三)
//
// Lines starting with # are comments; blank lines are ignored. Each line is
// "key: value" (a full-width ： works too). "case:" starts a case; a
// "policy:" line before the first case applies to every case of the file,
// one inside a case to that case only.
// Keys are case-insensitive, and "_", "." and "-" count as spaces
// ("expect.scheme" = "expect scheme"); each has a Chinese alias (性别,
// 出生日期, 预期险种, …) and some an English one (sex, birthday, date of
// birth). Values are the names used in JSON policies, their Chinese or
// English labels or a unique prefix of a Chinese label (企业职工), or
// "none"/"无" for an empty list; gender also takes 男性/女性 and M/F, hukou
// also 本区户籍, 长寿户籍, 本地, 外地, 是/否. Lists are separated by commas,
// 、 or spaces; citations by ; or commas. An unknown key or value is refused
// with the nearest known one, in the language it was written in:
//
//	cases.txt:12: "出生日起": unknown key (did you mean "出生日期"?)
//	cases.txt:15: "expect scheme": unknown outcome "企业职公基本养老保险" (did you mean "企业职工基本养老保险"?)
//
// Resident keys: id, gender, birth, hukou (local | non_local), village,
// employment, platform, licence, insured (none | employee | resident |
// other), status, location, tier, flags, land acquired on, contact, note.
// Facts left out keep eligibility's zero value: hukou non-local, employment
// unknown, uninsured, contact not yet visited.
// Expectation keys: expect scheme, expect channel, expect venue, expect
// fallback, expect fallback channel, expect fallback venue, expect
// subsidies, expect actions, expect groups, expect phase, expect citations,
// expect rules, expect error (outside_period, no_birth_date,
// born_after_as_of, no_gender, no_rule, none), expect band (younger |
// older), expect age.
//
// Every case needs "as of" and at least one expectation. The file must be
// UTF-8 (a leading byte-order mark is skipped) with lines of at most
// [MaxCaseLine] bytes. The first problem found is returned as a
// *[CaseError] with the file and line.
func ParseCases(r io.Reader, file string) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), MaxCaseLine)
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
			return &CaseError{File: file, Line: cur.Line, Key: "as of", Err: fmt.Errorf("%w: case %q has no as-of date", ErrMissing, cur.Name)}
		}
		if cur.Expect.Fields == 0 {
			return &CaseError{File: file, Line: cur.Line, Err: fmt.Errorf("%w: case %q expects nothing", ErrMissing, cur.Name)}
		}
		cases = append(cases, *cur)
		return nil
	}
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if !utf8.ValidString(text) {
			return nil, &CaseError{File: file, Line: line, Err: fmt.Errorf("%w: invalid UTF-8 (save the file as UTF-8)", ErrSyntax)}
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		i := strings.IndexAny(text, ":：")
		if i < 0 {
			return nil, &CaseError{File: file, Line: line, Err: fmt.Errorf("%w: want \"key: value\"", ErrSyntax)}
		}
		key := strings.TrimSpace(text[:i])
		w := 1
		if strings.HasPrefix(text[i:], "：") {
			w = len("：")
		}
		val := strings.TrimSpace(text[i+w:])
		if ck := canonKey(key); ck == "case" || key == "用例" {
			if err := finish(); err != nil {
				return nil, err
			}
			if val == "" {
				return nil, &CaseError{File: file, Line: line, Key: key, Err: fmt.Errorf("%w: a case needs a name", ErrMissing)}
			}
			cur = &Case{Name: val, File: file, Line: line, Policy: filePolicy}
			seen = map[string]bool{}
			continue
		}
		k, ok := findKey(key)
		if !ok {
			return nil, &CaseError{File: file, Line: line, Key: key, Suggest: closest(canonKey(key), knownKeys()), Err: ErrUnknownKey}
		}
		if cur == nil {
			if k.canon == "policy" && filePolicy == "" {
				filePolicy = val
				continue
			}
			return nil, &CaseError{File: file, Line: line, Key: key, Err: fmt.Errorf("%w: only \"policy:\" may come before the first \"case:\"", ErrSyntax)}
		}
		if seen[k.canon] {
			return nil, &CaseError{File: file, Line: line, Key: key, Err: fmt.Errorf("%w key in case %q", ErrDuplicate, cur.Name)}
		}
		seen[k.canon] = true
		if err := k.set(cur, val); err != nil {
			return nil, &CaseError{File: file, Line: line, Key: key, Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &CaseError{File: file, Line: line + 1, Err: fmt.Errorf("%w: line longer than %d bytes", ErrSyntax, MaxCaseLine)}
		}
		return nil, &CaseError{File: file, Line: line + 1, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return cases, nil
}

// Failure is one expectation a decision did not meet.
type Failure struct {
	Field string // e.g. "scheme"
	Want  string
	Got   string
}

// CaseResult is the outcome of running one [Case].
type CaseResult struct {
	Case     Case
	Decision Decision // zero when routing failed
	Err      error    // the routing error, if any
	Skipped  bool     // the case is for another policy
	Failures []Failure
}

// OK reports whether the case passed (or was skipped).
func (r CaseResult) OK() bool { return len(r.Failures) == 0 }

// String returns a readable report: one line for a pass, or the case's
// position, each failed expectation with want and got, the decision and its
// reasons.
func (r CaseResult) String() string {
	c := r.Case
	head := fmt.Sprintf("%s:%d: case %q", c.File, c.Line, c.Name)
	if r.Skipped {
		return head + ": skipped (for policy " + c.Policy + ")"
	}
	if r.OK() {
		return head + ": ok"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d failed expectation(s)\n", head, len(r.Failures))
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "    %s: want %s, got %s\n", f.Field, f.Want, f.Got)
	}
	if r.Err != nil {
		fmt.Fprintf(&b, "    error: %v\n", r.Err)
	} else {
		fmt.Fprintf(&b, "    decision: %s (age %d, band %s)\n", r.Decision, r.Decision.Age, r.Decision.Band)
		for i := range r.Decision.NumReasons() {
			rs := r.Decision.Reason(i)
			fmt.Fprintf(&b, "    reason %d: %s %s %s\n", i+1, rs.Kind, rs.RuleID, rs.Citation)
		}
	}
	return b.String()
}

func labelled[T interface {
	comparable
	String() string
}](v T, zh string) string {
	s := v.String()
	if s == "" {
		s = "none"
	}
	if zh != "" && zh != s {
		return s + " (" + zh + ")"
	}
	return s
}

func setString(s string) string {
	if s == "" {
		return "none"
	}
	return "[" + s + "]"
}

// RunCases routes every case with rt and checks its expectations. Cases
// whose Policy names another policy are skipped. The results are in the
// order of cases.
func RunCases(rt *Router, cases []Case) []CaseResult {
	out := make([]CaseResult, 0, len(cases))
	for _, c := range cases {
		res := CaseResult{Case: c}
		if c.Policy != "" && c.Policy != rt.p.ID {
			res.Skipped = true
			out = append(out, res)
			continue
		}
		d, err := rt.Route(c.Resident, c.AsOf)
		res.Decision, res.Err = d, err
		e := c.Expect
		fail := func(field, want, got string) {
			res.Failures = append(res.Failures, Failure{Field: field, Want: want, Got: got})
		}
		if e.Fields&ExpectError != 0 {
			if got := errorKey(err); got != e.Error {
				fail("error", e.Error, got)
			}
		} else if err != nil {
			fail("error", "none", errorKey(err))
		}
		if err != nil {
			out = append(out, res)
			continue
		}
		zh := zhTag
		check := func(f ExpectField, field string, ok bool, want, got string) {
			if e.Fields&f != 0 && !ok {
				fail(field, want, got)
			}
		}
		check(ExpectOutcome, "scheme", e.Outcome == d.Outcome, labelled(e.Outcome, e.Outcome.Label(zh)), labelled(d.Outcome, d.Outcome.Label(zh)))
		check(ExpectChannel, "channel", e.Channel == d.Channel, labelled(e.Channel, e.Channel.Label(zh)), labelled(d.Channel, d.Channel.Label(zh)))
		check(ExpectVenue, "venue", e.Venue == d.Venue, labelled(e.Venue, e.Venue.Label(zh)), labelled(d.Venue, d.Venue.Label(zh)))
		check(ExpectFallback, "fallback", e.Fallback == d.Fallback.Outcome, labelled(e.Fallback, ""), labelled(d.Fallback.Outcome, ""))
		check(ExpectFallbackChannel, "fallback channel", e.FallbackChannel == d.Fallback.Channel, labelled(e.FallbackChannel, ""), labelled(d.Fallback.Channel, ""))
		check(ExpectFallbackVenue, "fallback venue", e.FallbackVenue == d.Fallback.Venue, labelled(e.FallbackVenue, ""), labelled(d.Fallback.Venue, ""))
		check(ExpectSubsidies, "subsidies", e.Subsidies == d.Subsidies, setString(e.Subsidies.String()), setString(d.Subsidies.String()))
		check(ExpectActions, "actions", e.Actions == d.Actions, setString(e.Actions.String()), setString(d.Actions.String()))
		check(ExpectGroups, "groups", e.Groups == d.Groups, setString(e.Groups.String()), setString(d.Groups.String()))
		check(ExpectPhase, "phase", e.Phase == d.Phase, quoteOrNone(e.Phase), quoteOrNone(d.Phase))
		check(ExpectBand, "band", e.Band == d.Band, e.Band.String(), d.Band.String())
		check(ExpectAge, "age", e.Age == d.Age, strconv.Itoa(e.Age), strconv.Itoa(d.Age))
		if e.Fields&ExpectCitations != 0 {
			cites := d.Citations()
			for _, want := range e.Citations {
				if !slices.ContainsFunc(cites, func(c Citation) bool { return c.String() == want || c.Clause == want }) {
					var got []string
					for _, c := range cites {
						got = append(got, c.String())
					}
					fail("citation", want, "["+strings.Join(got, "; ")+"]")
				}
			}
		}
		if e.Fields&ExpectRules != 0 {
			ids := d.RuleIDs()
			for _, want := range e.Rules {
				if !slices.Contains(ids, want) {
					fail("rule", want, "["+strings.Join(ids, ", ")+"]")
				}
			}
		}
		out = append(out, res)
	}
	return out
}

func quoteOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return strconv.Quote(s)
}
