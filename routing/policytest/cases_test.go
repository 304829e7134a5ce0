package policytest_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/policytest"
)

func d(s string) eligibility.Date { return eligibility.MustParseDate(s) }

// dateCmp compares eligibility dates (which have unexported fields).
var dateCmp = cmp.Comparer(func(a, b eligibility.Date) bool { return a == b })

var (
	luodong = routing.MustCompile(routing.Luodong2019())
	shiyan  = routing.MustCompile(routing.Shiyan2023())
)

func presets() map[string]*routing.Router {
	return map[string]*routing.Router{"luodong-2019": luodong, "shiyan-2023": shiyan}
}

// loadCaseFiles parses testdata/cases/*.txt.
func loadCaseFiles(t testing.TB) []policytest.Case {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	var all []policytest.Case
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := policytest.ParseCases(fh, filepath.Base(f))
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
	}
	return all
}

// TestCaseFiles runs every case of testdata/cases/*.txt against its preset.
func TestCaseFiles(t *testing.T) {
	rts := presets()
	ran := map[string]int{}
	for _, c := range loadCaseFiles(t) {
		rt, ok := rts[c.Policy]
		if !ok {
			t.Errorf("%s:%d: case %q names unknown policy %q", c.File, c.Line, c.Name, c.Policy)
			continue
		}
		for _, res := range policytest.RunCases(rt, []policytest.Case{c}) {
			if res.Skipped || !res.OK() {
				t.Errorf("%s", res)
			}
			ran[c.Policy]++
		}
	}
	for id := range rts {
		if ran[id] < 30 {
			t.Errorf("only %d cases for %s", ran[id], id)
		}
	}
}

// TestCaseCoverage checks that every clause a preset cites — each rule (and
// its fallback clause), the age line, each phase and milestone, each target
// group, the bulletin — appears among the
// citations of some passing case, and that every rule fires in some case.
func TestCaseCoverage(t *testing.T) {
	rts := presets()
	cited := map[string]map[routing.Citation]bool{}
	fired := map[string]map[string]bool{}
	for id := range rts {
		cited[id], fired[id] = map[routing.Citation]bool{}, map[string]bool{}
	}
	for _, c := range loadCaseFiles(t) {
		rt := rts[c.Policy]
		if rt == nil {
			continue
		}
		for _, res := range policytest.RunCases(rt, []policytest.Case{c}) {
			if !res.OK() || res.Err != nil {
				continue
			}
			for _, ct := range res.Decision.Citations() {
				cited[c.Policy][ct] = true
			}
			for _, id := range res.Decision.RuleIDs() {
				fired[c.Policy][id] = true
			}
		}
	}
	for id, rt := range rts {
		p := rt.Policy()
		want := []routing.Citation{p.AgeLines.Citation, p.Bulletin}
		for _, r := range p.Rules {
			want = append(want, r.Citation)
			if !r.FallbackCitation.IsZero() {
				want = append(want, r.FallbackCitation)
			}
			if !fired[id][r.ID] {
				t.Errorf("%s: rule %s (%s) fires in no case", id, r.ID, r.Citation)
			}
		}
		for _, ph := range p.Phases {
			want = append(want, ph.Citation)
		}
		for _, m := range p.Milestones {
			want = append(want, m.Citation)
		}
		for _, g := range p.Groups {
			want = append(want, routing.Citation{Document: p.Document, Clause: g.Clause})
		}
		for _, c := range want {
			if !cited[id][c] {
				t.Errorf("%s: clause %s is covered by no case", id, c)
			}
		}
	}
}

func TestRunCasesReportsFailures(t *testing.T) {
	src := `policy: shiyan-2023
case: 男45周岁（故意写错的预期）
as of: 2023-06-01
gender: 男
birth: 1978-06-01
hukou: local
employment: 未就业
expect scheme: employee
expect groups: hardship
expect citations: 二(九)
expect rules: 4.2.older

case: for another policy
policy: luodong-2019
as of: 2019-08-01
expect error: no_birth_date
`
	cs, err := policytest.ParseCases(strings.NewReader(src), "bad.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := policytest.RunCases(shiyan, cs)
	if len(res) != 2 || res[0].OK() || !res[1].Skipped || !res[1].OK() {
		t.Fatalf("RunCases = %v, want one failure and one skipped case", res)
	}
	want := []policytest.Failure{
		{Field: "scheme", Want: "employee (企业职工基本养老保险)", Got: "resident (城乡居民基本养老保险)"},
		{Field: "groups", Want: "[hardship]", Got: "[other_uninsured]"},
		{Field: "citation", Want: "二(九)", Got: "[石堰府发〔2023〕10号 二(八); 石堰府发〔2023〕10号 四(二); 石堰府发〔2023〕10号 六(四)]"},
	}
	if diff := cmp.Diff(want, res[0].Failures); diff != "" {
		t.Errorf("failures mismatch (-want +got):\n%s", diff)
	}
	s := res[0].String()
	for _, part := range []string{`bad.txt:2: case "男45周岁（故意写错的预期）": 3 failed expectation(s)`, "scheme: want employee", "route 4.2.older 石堰府发〔2023〕10号 四(二)"} {
		if !strings.Contains(s, part) {
			t.Errorf("report lacks %q:\n%s", part, s)
		}
	}
	lu := policytest.RunCases(luodong, cs)
	if !lu[0].Skipped || lu[1].Skipped || !lu[1].OK() {
		t.Errorf("RunCases(luodong) = %v, want the first skipped and the second run", lu)
	}
}

// TestRunCasesGroups checks that a group can be named by its key, its
// Chinese or English name or its numeral, as the policy under test gives
// them, and that a group the policy does not define fails the case.
func TestRunCasesGroups(t *testing.T) {
	const facts = "case: 低保对象65岁\nas of: 2023-06-01\ngender: 女\nbirth: 1958-01-01\nhukou: local\nflags: 低保对象\n"
	rb := shiyan.Rulebook()
	hard, _ := rb.Lookup("hardship")
	old, _ := rb.Lookup("elderly_back_pay")
	h, o := rb.Groups[hard-1], rb.Groups[old-1]
	for _, groups := range []string{
		"hardship, elderly_back_pay",
		"elderly_back_pay hardship",
		h.Numeral + "、" + o.Key,
		h.Name + "；" + o.Name,
		h.NameEN + "; " + o.NameEN,
		rb.Labels(eligibility.GroupsOf(hard, old), language.Chinese),
		rb.Labels(eligibility.GroupsOf(hard, old), language.English),
		rb.Keys(eligibility.GroupsOf(hard, old)),
	} {
		cs, err := policytest.ParseCases(strings.NewReader(facts+"expect groups: "+groups+"\n"), "g.txt")
		if err != nil {
			t.Fatalf("groups %q: %v", groups, err)
		}
		if res := policytest.RunCases(shiyan, cs)[0]; !res.OK() {
			t.Errorf("groups %q:\n%s", groups, res)
		}
	}
	cs, err := policytest.ParseCases(strings.NewReader(facts+"expect groups: hardshp\n"), "g.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := policytest.RunCases(shiyan, cs)[0]
	want := []policytest.Failure{{Field: "groups", Want: `unknown group "hardshp" (did you mean "hardship"?)`, Got: "[hardship,elderly_back_pay]"}}
	if diff := cmp.Diff(want, res.Failures); diff != "" {
		t.Errorf("failures mismatch (-want +got):\n%s", diff)
	}
	// 罗东 defines no groups: a case naming one fails there.
	cs, _ = policytest.ParseCases(strings.NewReader("case: a\nas of: 2019-08-01\ngender: 男\nbirth: 1980-01-01\nexpect groups: hardship\n"), "g.txt")
	if res := policytest.RunCases(luodong, cs)[0]; res.OK() {
		t.Errorf("a group unknown to the policy passed: %s", res)
	}
}

func TestParseCases(t *testing.T) {
	cs, err := policytest.ParseCases(strings.NewReader("\ufeff# c\npolicy: p\n\n用例：甲\n基准日：2023-06-01\n性别：女\n出生日期：19900101\n身份标记：低保对象、退捕渔民\n缴费档次：1000.5元\n预期险种：城乡居民\nexpect.fallback: none\nEXPECT_SUBSIDIES: 无\n预期人群：六、hardship\n"), "zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	if c.Name != "甲" || c.Policy != "p" || c.Line != 4 || c.AsOf != d("2023-06-01") ||
		c.Resident.Gender != eligibility.Female || c.Resident.Birth != d("1990-01-01") ||
		c.Resident.Flags != eligibility.FlagMinimumLiving|eligibility.FlagRetiredFisher ||
		c.Resident.ResidentTier.String() != "1000.5" ||
		c.Expect.Outcome != routing.OutcomeResident || c.Expect.Groups != "六、hardship" ||
		c.Expect.Fields != policytest.ExpectOutcome|policytest.ExpectFallback|policytest.ExpectSubsidies|policytest.ExpectGroups {
		t.Errorf("ParseCases = %+v", c)
	}
	const id = "110105197408010012" // a wrong check character
	tests := []struct {
		name, in string
		line     int
		sentinel error
		msg      string
	}{
		{"typo in a key", "case: a\nas of: 2023-01-01\nexpect sheme: employee\n", 3, routing.ErrUnknownKey, `(did you mean "expect scheme"?)`},
		{"duplicate key", "case: a\nas of: 2023-01-01\nbirth: 1990-01-01\nbirth: 1990-01-02\nexpect age: 3\n", 4, routing.ErrDuplicate, "duplicate"},
		{"no as-of", "case: a\nexpect age: 3\n", 1, routing.ErrMissing, "no as-of date"},
		{"no expectation", "case: a\nas of: 2023-01-01\n", 1, routing.ErrMissing, "expects nothing"},
		{"key before case", "gender: 男\n", 1, routing.ErrSyntax, "before the first"},
		{"no colon", "case: a\njust text\n", 2, routing.ErrSyntax, `want "key: value"`},
		{"bad name", "case: a\nas of: 2023-01-01\nexpect scheme: employe\n", 3, routing.ErrUnknownName, `did you mean "employee"`},
		{"bad date", "case: a\nas of: 2023-02-30\n", 2, eligibility.ErrDateRange, "as of"},
		{"bad id", "case: a\nas of: 2023-01-01\nid: " + id + "\n", 3, eligibility.ErrIDCheck, "110105********0012"},
		{"id in a value", "case: a\nas of: 2023-01-01\ngender: " + id + "\n", 3, routing.ErrUnknownName, `unknown gender "110105************"`},
		{"id in a key", "case: a\n" + id + ": x\n", 2, routing.ErrUnknownKey, `"110105************": unknown key`},
		{"id in an age", "case: a\nas of: 2023-01-01\nexpect age: " + id + "\n", 3, routing.ErrBadValue, "not an age"},
		{"bad error key", "case: a\nas of: 2023-01-01\nexpect error: outside_perod\n", 3, routing.ErrUnknownName, `did you mean "outside_period"`},
		{"empty case name", "case:\n", 1, routing.ErrMissing, "needs a name"},
		{"Chinese key typo", "用例：甲\n基准日：2023-01-01\n出生日起：1990-01-01\n", 3, routing.ErrUnknownKey,
			`f.txt:3: "出生日起": unknown key (did you mean "出生日期"?)`},
		{"traditional character in a key", "case: a\nas of: 2023-01-01\n性別: 男\n", 3, routing.ErrUnknownKey, `(did you mean "性别"?)`},
		{"Chinese value typo", "case: a\nas of: 2023-01-01\nexpect scheme: 企业职公基本养老保险\n", 3, routing.ErrUnknownName,
			`unknown outcome "企业职公基本养老保险" (did you mean "企业职工基本养老保险"?)`},
		{"Chinese flag typo", "case: a\nas of: 2023-01-01\nflags: 被征地人员、低保对像\n", 3, routing.ErrUnknownName,
			`unknown flag "低保对像" (did you mean "低保对象"?)`},
		{"subsidy typo", "case: a\nas of: 2023-01-01\nexpect subsidies: land_acquired retired_fsher\n", 3, routing.ErrUnknownName,
			`unknown subsidy "retired_fsher" (did you mean "retired_fisher"?)`},
		{"hukou any is not a fact", "case: a\nas of: 2023-01-01\nhukou: 不限\n", 3, routing.ErrBadValue, `local or non_local, not "不限"`},
		{"invalid UTF-8", "case: a\nas of: 2023-01-01\n\xff\xfe: x\n", 3, routing.ErrSyntax, "invalid UTF-8"},
		{"line too long", "case: a\nnote: " + strings.Repeat("长", 4096) + "\n", 2, routing.ErrSyntax, "line longer than 4096 bytes"},
		{"bad tier", "case: a\nas of: 2023-01-01\ntier: 一千元\n", 3, routing.ErrBadValue, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policytest.ParseCases(strings.NewReader(tt.in), "f.txt")
			var ce *policytest.CaseError
			if !errors.As(err, &ce) || ce.Line != tt.line || !errors.Is(err, tt.sentinel) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("ParseCases error = %v (line %v), want line %d, %v, %q", err, lineOf(ce), tt.line, tt.sentinel, tt.msg)
			}
			if regexp.MustCompile(`\d{10}`).MatchString(err.Error()) {
				t.Errorf("error %q carries an identity number", err)
			}
		})
	}
}

// TestParseCasesAliases checks the spellings a policy officer may use for
// the same fact.
func TestParseCasesAliases(t *testing.T) {
	parse := func(lines string) policytest.Case {
		t.Helper()
		cs, err := policytest.ParseCases(strings.NewReader("case: a\n"+lines+"expect age: 3\n"), "a.txt")
		if err != nil {
			t.Fatal(err)
		}
		return cs[0]
	}
	want := parse("as of: 2023-01-01\ngender: 男\nbirth: 1990-01-01\nhukou: local\n")
	for _, in := range []string{
		"As_Of: 2023-01-01\nsex: male\nbirthday: 1990-01-01\nhukou: 本地户籍\n",
		"基准日：20230101\n性别：男性\n生日：19900101\n户籍：本区户籍\n",
		"date: 2023-01-01\nGender: M\ndate of birth: 1990-01-01\n户籍: HOUSEHOLD REGISTERED IN THE DISTRICT\n",
	} {
		got := parse(in)
		got.Line, want.Line = 0, 0
		if diff := cmp.Diff(want, got, dateCmp, cmp.Comparer(func(a, b eligibility.IDNumber) bool { return a == b })); diff != "" {
			t.Errorf("ParseCases(%q) mismatch (-want +got):\n%s", in, diff)
		}
	}
	if c := parse("as of: 2023-01-01\nhukou: 非本区户籍\n"); c.Resident.Hukou.Local {
		t.Error("hukou 非本区户籍 parsed as local")
	}
	// Lists: the old separators, spaces among them, still split.
	c := parse("as of: 2023-01-01\nflags: land_acquired minimum_living\nexpect actions: verify_hukou note_in_roster；report_in_bulletin\n")
	if c.Resident.Flags != eligibility.FlagLandAcquired|eligibility.FlagMinimumLiving ||
		c.Expect.Actions != vocab.SetOf(routing.ActionVerifyHukou, routing.ActionNoteInRoster, routing.ActionReportInBulletin) {
		t.Errorf("lists parsed as %v, %v", c.Resident.Flags, c.Expect.Actions)
	}
}

func lineOf(ce *policytest.CaseError) int {
	if ce == nil {
		return -1
	}
	return ce.Line
}

func TestCaseKeysDocumented(t *testing.T) {
	// Every expectation field has a key that sets it.
	var all policytest.ExpectField
	for _, k := range []string{"scheme", "channel", "venue", "fallback", "fallback channel", "fallback venue", "subsidies", "actions", "groups", "phase", "citations", "rules", "error", "band", "age"} {
		v := map[string]string{"citations": "二", "rules": "x", "error": "none", "band": "older", "age": "3", "scheme": "employee", "channel": "flexible", "venue": "village", "fallback": "resident", "fallback channel": "self_pay", "fallback venue": "village"}[k]
		if v == "" {
			v = "none"
		}
		cs, err := policytest.ParseCases(strings.NewReader("case: a\nas of: 2023-01-01\nexpect "+k+": "+v+"\n"), "k.txt")
		if err != nil {
			t.Fatalf("expect %s: %v", k, err)
		}
		all |= cs[0].Expect.Fields
	}
	if want := policytest.ExpectAge<<1 - 1; all != want {
		t.Errorf("expectation fields set = %b, want %b", all, want)
	}
}

// TestREADMETemplate checks that the commented template of
// testdata/cases/README.md still parses and passes against 石堰.
func TestREADMETemplate(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "cases", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for i, part := range strings.Split(string(b), "```") {
		if i%2 == 1 && strings.Contains(part, "case:") {
			blocks = append(blocks, strings.TrimPrefix(part, "\n"))
		}
	}
	if len(blocks) != 1 {
		t.Fatalf("README has %d template blocks, want 1", len(blocks))
	}
	cs, err := policytest.ParseCases(strings.NewReader(blocks[0]), "README.md")
	if err != nil {
		t.Fatalf("the README template does not parse: %v", err)
	}
	if len(cs) != 1 || cs[0].Expect.Fields == 0 {
		t.Fatalf("README template = %+v", cs)
	}
	for _, res := range policytest.RunCases(shiyan, cs) {
		if !res.OK() {
			t.Errorf("the README template fails:\n%s", res)
		}
	}
}

// TestKeysInPackageDoc checks that the key tables of the package
// documentation list every key of the case format and every alias.
func TestKeysInPackageDoc(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	cols := regexp.MustCompile(`\s{2,}`)
	for _, line := range strings.Split(string(doc), "\n") {
		row, ok := strings.CutPrefix(line, "//\t")
		if !ok || strings.HasPrefix(row, " ") {
			continue
		}
		f := cols.Split(row, 3)
		listed[f[0]] = true
		if len(f) > 1 {
			for _, a := range strings.Split(f[1], ", ") {
				listed[a] = true
			}
		}
	}
	for _, names := range policytest.KeyNames() {
		for _, n := range names {
			if !listed[n] {
				t.Errorf("doc.go does not list the key %q", n)
			}
		}
	}
}
