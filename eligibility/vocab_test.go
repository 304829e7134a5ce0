package eligibility_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// enum is what every enumeration of the package provides.
type enum[E ~uint8] interface {
	vocab.Enum[E]
	String() string
	Label(language.Tag) string
	MarshalText() ([]byte, error)
}

// textPtr is a pointer to an enumeration, which reads text.
type textPtr[E any] interface {
	*E
	UnmarshalText([]byte) error
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkVocabulary checks one enumeration against its vocabulary: the values
// and keys are those listed (value i is term i); String and MarshalText give
// the key and Label the labels; every key, label and alias (also with the key
// in upper case and with spaces around) reads back as its value through
// UnmarshalText, Vocabulary.Parse and Vocabulary.Lookup, so no word names two
// values; unknown words give a *TextError with a masked input and leave the
// destination alone.
func checkVocabulary[E enum[E], P textPtr[E]](t *testing.T, name string, values []E, keys []string) {
	t.Helper()
	var zero E
	v := zero.Vocabulary()
	if v.Name() != name {
		t.Errorf("Name() = %q, want %q", v.Name(), name)
	}
	terms := v.Terms()
	if len(terms) != len(values) || !slices.Equal(v.Keys(), keys) {
		t.Fatalf("vocabulary %s has keys %q, want %q", name, v.Keys(), keys)
	}
	seen := map[string]E{}
	for i, e := range values {
		if int(e) != i {
			t.Fatalf("value %d of %s is %d", i, name, e)
		}
		term := terms[i]
		if !keyPattern.MatchString(term.Key) || term.Chinese == "" || term.English == "" {
			t.Errorf("%s term %d: key %q, labels %q, %q", name, i, term.Key, term.Chinese, term.English)
		}
		if !v.Valid(e) || v.Key(e) != term.Key || e.String() != term.Key {
			t.Errorf("%s(%d).String() = %q, Key = %q, want %q", name, i, e.String(), v.Key(e), term.Key)
		}
		if b, err := e.MarshalText(); err != nil || string(b) != term.Key {
			t.Errorf("%s(%d).MarshalText() = %q, %v", name, i, b, err)
		}
		if e.Label(language.Chinese) != term.Chinese || e.Label(language.MustParse("zh-Hant-TW")) != term.Chinese ||
			e.Label(language.English) != term.English || e.Label(language.German) != term.English ||
			v.Label(e, language.Chinese) != term.Chinese || v.Label(e, language.English) != term.English {
			t.Errorf("%s(%d) labels %q, %q, want %q, %q", name, i, e.Label(language.Chinese), e.Label(language.English), term.Chinese, term.English)
		}
		words := append([]string{term.Key, strings.ToUpper(term.Key), term.Chinese, term.English, strings.ToUpper(term.English),
			" " + term.Key + "\u3000", "\t" + term.Chinese + " "}, term.Aliases...)
		for _, w := range words {
			if other, dup := seen[w]; dup && other != e {
				t.Errorf("%s: %q names both %v and %v", name, w, other, e)
			}
			seen[w] = e
			var got E
			if err := P(&got).UnmarshalText([]byte(w)); err != nil || got != e {
				t.Errorf("%s UnmarshalText(%q) = %v, %v, want %v", name, w, got, err, e)
			}
			if got, err := v.Parse(w); err != nil || got != e {
				t.Errorf("%s Parse(%q) = %v, %v, want %v", name, w, got, err, e)
			}
			if got, ok := v.Lookup(w); !ok || got != e {
				t.Errorf("%s Lookup(%q) = %v, %v, want %v", name, w, got, ok, e)
			}
		}
		// Terms returns a copy.
		if len(terms[i].Aliases) > 0 {
			terms[i].Aliases[0] = "changed"
			if v.Terms()[i].Aliases[0] == "changed" {
				t.Errorf("%s: Terms() shares its aliases", name)
			}
		}
	}
	// Outside the enumeration.
	out := E(len(values))
	if v.Valid(out) || out.String() != fmt.Sprintf("%s(%d)", name, len(values)) || out.Label(language.Chinese) != out.String() {
		t.Errorf("%s(%d): Valid %v, String %q, Label %q", name, out, v.Valid(out), out.String(), out.Label(language.Chinese))
	}
	if b, _ := E(255).MarshalText(); string(b) != name+"(255)" {
		t.Errorf("MarshalText of 255 = %q", b)
	}
	// Unknown words.
	for _, w := range []string{"nope", "未知的值", "0x1", "11010519491231002X", "出生11010519491231002X备注", strings.Repeat("长", 30)} {
		if _, dup := seen[w]; dup {
			continue
		}
		got := E(len(values) - 1)
		err := P(&got).UnmarshalText([]byte(w))
		var te *vocab.TextError
		if !errors.As(err, &te) || te.Type != name || got != E(len(values)-1) {
			t.Errorf("%s UnmarshalText(%q) = %v (%T), value %v", name, w, err, err, got)
			continue
		}
		if _, perr := v.Parse(w); perr == nil || perr.Error() != err.Error() {
			t.Errorf("%s Parse(%q) = %v, UnmarshalText %v", name, w, perr, err)
		}
		if _, ok := v.Lookup(w); ok {
			t.Errorf("%s Lookup(%q) matched", name, w)
		}
		if strings.Contains(err.Error(), "1949123") || len(te.Input) > 40+len("…") {
			t.Errorf("%s error %q does not mask or cut its input", name, err)
		}
		if w == "nope" && err.Error() != "eligibility: "+name+`: unknown value "nope"` {
			t.Errorf("%s error = %q", name, err)
		}
	}
}

func TestVocabularies(t *testing.T) {
	t.Run("Gender", func(t *testing.T) {
		checkVocabulary[eligibility.Gender](t, "gender",
			[]eligibility.Gender{eligibility.GenderUnknown, eligibility.Male, eligibility.Female},
			[]string{"unknown", "male", "female"})
	})
	t.Run("EmploymentKind", func(t *testing.T) {
		checkVocabulary[eligibility.EmploymentKind](t, "employment",
			[]eligibility.EmploymentKind{eligibility.EmploymentUnknown, eligibility.EmployedByUnit, eligibility.SelfEmployedBusiness,
				eligibility.SmallBusinessEmployee, eligibility.PlatformWorker, eligibility.LicensedFreelancer, eligibility.NotEmployed, eligibility.Student},
			[]string{"unknown", "employed_by_unit", "self_employed_business", "small_business_employee", "platform_worker",
				"licensed_freelancer", "not_employed", "student"})
	})
	t.Run("PlatformKind", func(t *testing.T) {
		checkVocabulary[eligibility.PlatformKind](t, "platform",
			[]eligibility.PlatformKind{eligibility.PlatformUnknown, eligibility.PlatformRideHailing, eligibility.PlatformCourier,
				eligibility.PlatformFoodDelivery, eligibility.PlatformFreight, eligibility.PlatformOther},
			[]string{"unknown", "ride_hailing", "courier", "food_delivery", "freight", "other"})
	})
	t.Run("Scheme", func(t *testing.T) {
		checkVocabulary[eligibility.Scheme](t, "scheme",
			[]eligibility.Scheme{eligibility.SchemeNone, eligibility.SchemeEmployee, eligibility.SchemeResident, eligibility.SchemeOther},
			[]string{"none", "employee", "resident", "other"})
	})
	t.Run("InsuranceStatus", func(t *testing.T) {
		checkVocabulary[eligibility.InsuranceStatus](t, "insurance status",
			[]eligibility.InsuranceStatus{eligibility.StatusUnknown, eligibility.StatusActive, eligibility.StatusSuspended},
			[]string{"unknown", "active", "suspended"})
	})
	t.Run("InsuranceLocation", func(t *testing.T) {
		checkVocabulary[eligibility.InsuranceLocation](t, "insurance location",
			[]eligibility.InsuranceLocation{eligibility.LocationUnknown, eligibility.InDistrict, eligibility.ElsewhereInCity, eligibility.OutsideCity},
			[]string{"unknown", "in_district", "elsewhere_in_city", "outside_city"})
	})
	t.Run("ContactStatus", func(t *testing.T) {
		checkVocabulary[eligibility.ContactStatus](t, "contact status",
			[]eligibility.ContactStatus{eligibility.ContactUnknown, eligibility.ContactReached, eligibility.ContactNotFound, eligibility.ContactNotLocal},
			[]string{"unknown", "reached", "not_found", "not_local"})
	})
	t.Run("HukouCondition", func(t *testing.T) {
		checkVocabulary[eligibility.HukouCondition](t, "hukou",
			[]eligibility.HukouCondition{eligibility.HukouAny, eligibility.HukouLocal, eligibility.HukouNonLocal},
			[]string{"any", "local", "non_local"})
	})
	t.Run("RetirementClass", func(t *testing.T) {
		checkVocabulary[eligibility.RetirementClass](t, "retirement class",
			[]eligibility.RetirementClass{eligibility.RetirementUnknown, eligibility.Male60, eligibility.Female55, eligibility.Female50},
			[]string{"unknown", "male60", "female55", "female50"})
	})
}

// TestVocabularyWords pins words that rosters and the plans use, and the Go
// identifiers of earlier releases, which must keep reading.
func TestVocabularyWords(t *testing.T) {
	type word struct {
		in   string
		want any
	}
	for _, w := range []word{
		{"EmployedByUnit", eligibility.EmployedByUnit},
		{"个体", eligibility.SelfEmployedBusiness},
		{"新就业形态", eligibility.PlatformWorker},
		{"依托平台企业就业的新业态从业人员", eligibility.PlatformWorker},
		{"持有执业资格许可证群体中的自由职业者", eligibility.LicensedFreelancer},
		{"快递小哥", eligibility.PlatformCourier},
		{"PlatformFoodDelivery", eligibility.PlatformFoodDelivery},
		{"城乡居民", eligibility.SchemeResident},
		{"SchemeResident", eligibility.SchemeResident},
		{"企业职工", eligibility.SchemeEmployee},
		{"机关事业单位养老保险", eligibility.SchemeOther},
		{"停缴", eligibility.StatusSuspended},
		{"区外市内", eligibility.ElsewhereInCity},
		{"村组找不到人", eligibility.ContactNotFound},
		{"核查人员无信息", eligibility.ContactNotFound},
		{"觉得不是当地的群众", eligibility.ContactNotLocal},
		{"Male60", eligibility.Male60},
		{"Female50", eligibility.Female50},
		{"男", eligibility.Male},
		{"F", eligibility.Female},
		{"", eligibility.GenderUnknown},
		{"本地户籍", eligibility.HukouLocal},
	} {
		var got any
		var err error
		switch want := w.want.(type) {
		case eligibility.Gender:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.EmploymentKind:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.PlatformKind:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.Scheme:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.InsuranceStatus:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.InsuranceLocation:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.ContactStatus:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.RetirementClass:
			got, err = want.Vocabulary().Parse(w.in)
		case eligibility.HukouCondition:
			got, err = want.Vocabulary().Parse(w.in)
		default:
			t.Fatalf("no case for %T", want)
		}
		if err != nil || got != w.want {
			t.Errorf("%q = %v, %v, want %v", w.in, got, err, w.want)
		}
	}
	// Keys and English labels ignore ASCII case; Chinese labels and aliases
	// are exact.
	if _, ok := eligibility.Scheme(0).Vocabulary().Lookup("schemeresident"); ok {
		t.Error("an alias matched without regard to case")
	}
}

func TestNewVocabulary(t *testing.T) {
	aliases := []string{"甲", "A"}
	v := vocab.New[uint8]("letter",
		vocab.Term{Key: "a", Chinese: "甲", English: "alpha", Aliases: aliases},
		vocab.Term{Key: "b", Chinese: "乙", English: "beta"},
	)
	aliases[1] = "B" // NewVocabulary copied the terms
	if e, ok := v.Lookup("A"); !ok || e != 0 {
		t.Errorf("Lookup(A) = %v, %v: NewVocabulary must copy the aliases", e, ok)
	}
	if e, ok := v.Lookup("B"); !ok || e != 1 {
		t.Errorf("Lookup(B) = %v, %v (key b, case ignored)", e, ok)
	}
	if v.Key(2) != "letter(2)" || v.Valid(2) || !v.Valid(1) || v.Label(1, language.Chinese) != "乙" || v.Label(0, language.English) != "alpha" {
		t.Error("accessors")
	}
	var te *vocab.TextError
	if _, err := v.Parse("gamma"); !errors.As(err, &te) || te.Type != "letter" || te.Input != "gamma" {
		t.Errorf("Parse(gamma) = %v", err)
	}
}

func TestSet(t *testing.T) {
	type S = vocab.Set[eligibility.Scheme]
	s := vocab.SetOf(eligibility.SchemeResident, eligibility.SchemeNone, eligibility.SchemeResident, eligibility.Scheme(64), eligibility.Scheme(200))
	if got := slices.Collect(s.All()); !slices.Equal(got, []eligibility.Scheme{eligibility.SchemeNone, eligibility.SchemeResident}) {
		t.Errorf("All() = %v", got)
	}
	if s.Len() != 2 || s.IsEmpty() || !s.Has(eligibility.SchemeNone) || s.Has(eligibility.SchemeEmployee) || s.Has(64) || s.Has(200) {
		t.Errorf("set ops wrong on %v", s)
	}
	if s.With(64) != s || s.With(eligibility.SchemeNone) != s || !s.With(eligibility.SchemeOther).Has(eligibility.SchemeOther) {
		t.Error("With")
	}
	if !s.Contains(vocab.SetOf(eligibility.SchemeResident)) || !s.Contains(0) || !s.Contains(s) ||
		s.Contains(vocab.SetOf(eligibility.SchemeResident, eligibility.SchemeEmployee)) {
		t.Error("Contains")
	}
	var empty S
	if !empty.IsEmpty() || empty.Len() != 0 || empty.String() != "" || empty.Label(language.Chinese) != "" || vocab.SetOf[eligibility.Scheme]() != empty {
		t.Error("the zero Set must be empty")
	}
	if s.String() != "none,resident" {
		t.Errorf("String() = %q", s.String())
	}
	if got := s.Label(language.Chinese); got != "未参保；城乡居民基本养老保险" {
		t.Errorf("Label(zh) = %q", got)
	}
	if got := s.Label(language.English); got != "not insured; basic pension insurance for urban and rural residents" {
		t.Errorf("Label(en) = %q", got)
	}
	n := 0
	for range vocab.SetOf(eligibility.SchemeNone, eligibility.SchemeOther).All() {
		n++
		break
	}
	if n != 1 {
		t.Error("All() must stop when the loop breaks")
	}
	// A value outside the vocabulary (but below 64) prints as name(n).
	if got := vocab.SetOf[eligibility.Scheme](eligibility.SchemeEmployee, 9).String(); got != "employee,scheme(9)" {
		t.Errorf("String() = %q", got)
	}
}

func TestSetJSON(t *testing.T) {
	// Every subset of every contact status round-trips.
	for bits := range 1 << 4 {
		s := vocab.Set[eligibility.ContactStatus](bits)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		if err := json.Unmarshal(b, &keys); err != nil || len(keys) != s.Len() || strings.Join(keys, ",") != s.String() {
			t.Errorf("%v marshals as %s", s, b)
		}
		var back vocab.Set[eligibility.ContactStatus]
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("round trip of %s = %v, %v", b, back, err)
		}
	}
	if b, _ := json.Marshal(vocab.Set[eligibility.Scheme](0)); string(b) != "[]" {
		t.Errorf("empty set = %s, want []", b)
	}
	var s vocab.Set[eligibility.EmploymentKind]
	if err := json.Unmarshal([]byte(`["个体工商户", "PlatformWorker", "platform worker", " student "]`), &s); err == nil {
		t.Error("platform_worker listed twice (alias and English label) was accepted")
	}
	if err := json.Unmarshal([]byte(`["个体工商户", "PlatformWorker", " student "]`), &s); err != nil ||
		s != vocab.SetOf(eligibility.SelfEmployedBusiness, eligibility.PlatformWorker, eligibility.Student) {
		t.Errorf("labels and aliases = %v, %v", s, err)
	}
	for _, tt := range []struct {
		in, typ, input string
	}{
		{`["employee","企业职工"]`, "scheme (listed twice)", "企业职工"},
		{`["resident","resident"]`, "scheme (listed twice)", "resident"},
		{`["employee","nope"]`, "scheme", "nope"},
		{`"employee"`, "scheme list", `"employee"`},
		{`[1]`, "scheme list", `[1]`},
		{`{"a":1}`, "scheme list", `{"a":1}`},
		{`["11010519491231002X"]`, "scheme", "110105************"},
	} {
		before := vocab.SetOf(eligibility.SchemeOther)
		got := before
		err := json.Unmarshal([]byte(tt.in), &got)
		var te *vocab.TextError
		if !errors.As(err, &te) || te.Type != tt.typ || te.Input != tt.input || got != before {
			t.Errorf("Unmarshal(%s) = %v (%+v), set %v", tt.in, err, te, got)
		}
	}
}

func TestFlagsText(t *testing.T) {
	terms := eligibility.FlagTerms()
	if len(terms) != eligibility.NumFlags {
		t.Fatalf("%d flag terms, want NumFlags = %d", len(terms), eligibility.NumFlags)
	}
	wantKeys := []string{"minimum_living", "extreme_poverty", "severe_disability", "land_acquired", "township_hire", "village_cadre",
		"fiscally_supported", "industry_leader", "rural_migrant_worker", "retired_fisher", "college_graduate", "employment_difficulty"}
	consts := []eligibility.Flags{eligibility.FlagMinimumLiving, eligibility.FlagExtremePoverty, eligibility.FlagSevereDisability,
		eligibility.FlagLandAcquired, eligibility.FlagTownshipHire, eligibility.FlagVillageCadre, eligibility.FlagFiscallySupported,
		eligibility.FlagIndustryLeader, eligibility.FlagRuralMigrantWorker, eligibility.FlagRetiredFisher,
		eligibility.FlagCollegeGraduate, eligibility.FlagEmploymentDifficulty}
	seen := map[string]eligibility.Flags{}
	for i, term := range terms {
		f := eligibility.Flags(1) << i
		if term.Key != wantKeys[i] || consts[i] != f || !keyPattern.MatchString(term.Key) {
			t.Errorf("flag %d: key %q, want %q (constant %#x)", i, term.Key, wantKeys[i], consts[i])
		}
		if f.String() != term.Key || f.Label(language.Chinese) != term.Chinese || f.Label(language.English) != term.English {
			t.Errorf("flag %s: String %q, labels %q %q", term.Key, f.String(), f.Label(language.Chinese), f.Label(language.English))
		}
		if b, err := f.MarshalText(); err != nil || string(b) != term.Key {
			t.Errorf("MarshalText = %q, %v", b, err)
		}
		for _, w := range append([]string{term.Key, strings.ToUpper(term.Key), term.Chinese, term.English, " " + term.Chinese + "\u3000"}, term.Aliases...) {
			if other, dup := seen[w]; dup && other != f {
				t.Errorf("%q names flags %v and %v", w, other, f)
			}
			seen[w] = f
			if g, ok := eligibility.ParseFlag(w); !ok || g != f {
				t.Errorf("ParseFlag(%q) = %v, %v, want %v", w, g, ok, f)
			}
			var g eligibility.Flags
			if err := g.UnmarshalText([]byte(w)); err != nil || g != f {
				t.Errorf("UnmarshalText(%q) = %v, %v, want %v", w, g, err, f)
			}
			if err := json.Unmarshal([]byte(fmt.Sprintf("[%q]", w)), &g); err != nil || g != f {
				t.Errorf("UnmarshalJSON([%q]) = %v, %v, want %v", w, g, err, f)
			}
		}
	}
	// Every combination round-trips as text and as JSON.
	for f := eligibility.Flags(0); f < 1<<eligibility.NumFlags; f++ {
		text, _ := f.MarshalText()
		var back eligibility.Flags
		if err := back.UnmarshalText(text); err != nil || back != f {
			t.Fatalf("text round trip of %#x via %q = %#x, %v", uint32(f), text, uint32(back), err)
		}
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		back = 0
		if err := json.Unmarshal(b, &back); err != nil || back != f {
			t.Fatalf("JSON round trip of %#x via %s = %#x, %v", uint32(f), b, uint32(back), err)
		}
	}
	f := eligibility.FlagMinimumLiving | eligibility.FlagSevereDisability
	if f.String() != "minimum_living|severe_disability" || eligibility.Flags(0).String() != "" {
		t.Errorf("String() = %q, %q", f.String(), eligibility.Flags(0).String())
	}
	if b, _ := json.Marshal(f); string(b) != `["minimum_living","severe_disability"]` {
		t.Errorf("JSON = %s", b)
	}
	if b, _ := json.Marshal(eligibility.Flags(0)); string(b) != `[]` {
		t.Errorf("JSON of no flag = %s", b)
	}
	if got := (f | eligibility.FlagRetiredFisher | 1<<30).String(); got != "minimum_living|severe_disability|retired_fisher|0x40000000" {
		t.Errorf("String() with an undefined bit = %q", got)
	}
	if got := (eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty).Label(language.Chinese); got != "低保对象、特困人员" {
		t.Errorf("Label(zh) = %q", got)
	}
	if got := (eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty).Label(language.English); got != "minimum living allowance recipient, person in extreme poverty" {
		t.Errorf("Label(en) = %q", got)
	}
	for _, tt := range []struct {
		in   string
		want eligibility.Flags
	}{
		{"", 0},
		{"0", 0},
		{" 0 ", 0},
		{"低保对象、重度残疾人", f},
		{"低保，重度残疾", f},
		{"minimum_living|severe_disability", f},
		{"低保; 重度残疾人员 ; ", f},
		{"低保/重度残疾+低保", f},
		{"低保,,重度残疾", f},
	} {
		var got eligibility.Flags
		if err := got.UnmarshalText([]byte(tt.in)); err != nil || got != tt.want {
			t.Errorf("UnmarshalText(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
		if got, bad, ok := eligibility.ParseFlags(tt.in); !ok || bad != "" || got != tt.want {
			t.Errorf("ParseFlags(%q) = %v, %q, %v", tt.in, got, bad, ok)
		}
	}
	for _, tt := range []struct{ in, bad string }{
		{"低保对象|nope", "nope"},
		{"minimum_living|0x40000000", "0x40000000"},
		{"00", "00"},
		{"低保 11010519491231002X", "低保 11010519491231002X"},
	} {
		got := eligibility.FlagRetiredFisher
		err := got.UnmarshalText([]byte(tt.in))
		var te *vocab.TextError
		if !errors.As(err, &te) || te.Type != "flag" || got != eligibility.FlagRetiredFisher {
			t.Errorf("UnmarshalText(%q) = %v, flags %v", tt.in, err, got)
		}
		if strings.Contains(err.Error(), "1949123") {
			t.Errorf("error %q does not mask its input", err)
		}
		if _, bad, ok := eligibility.ParseFlags(tt.in); ok || bad != tt.bad {
			t.Errorf("ParseFlags(%q) = %q, %v, want %q", tt.in, bad, ok, tt.bad)
		}
	}
	for _, tt := range []struct{ in, typ string }{
		{`["低保","minimum_living"]`, "flag (listed twice)"},
		{`["nope"]`, "flag"},
		{`"minimum_living"`, "flag list"},
		{`3`, "flag list"},
	} {
		got := eligibility.FlagRetiredFisher
		err := json.Unmarshal([]byte(tt.in), &got)
		var te *vocab.TextError
		if !errors.As(err, &te) || te.Type != tt.typ || got != eligibility.FlagRetiredFisher {
			t.Errorf("Unmarshal(%s) = %v, flags %v", tt.in, err, got)
		}
	}
	if _, ok := eligibility.ParseFlag("低保|特困"); ok {
		t.Error("ParseFlag accepted a list")
	}
}

func TestAgeBandText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want eligibility.AgeBand
		out  string
	}{
		{"16-59", eligibility.AgeBand{Min: 16, Max: 59}, "16-59"},
		{"0-15", eligibility.AgeBand{Min: 0, Max: 15}, "0-15"},
		{"60+", eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}, "60+"},
		{"0+", eligibility.AgeBand{Min: 0, Max: eligibility.MaxAge}, "0+"},
		{"45", eligibility.AgeBand{Min: 45, Max: 45}, "45-45"},
		{"45-45", eligibility.AgeBand{Min: 45, Max: 45}, "45-45"},
		{"16-200", eligibility.AgeBand{Min: 16, Max: eligibility.MaxAge}, "16+"},
		{"200+", eligibility.AgeBand{Min: 200, Max: eligibility.MaxAge}, "200+"},
		{"016-059", eligibility.AgeBand{Min: 16, Max: 59}, "16-59"},
	} {
		var b eligibility.AgeBand
		if err := b.UnmarshalText([]byte(tt.in)); err != nil || b != tt.want {
			t.Errorf("UnmarshalText(%q) = %v, %v, want %v", tt.in, b, err, tt.want)
			continue
		}
		if text, err := b.MarshalText(); err != nil || string(text) != tt.out || b.String() != tt.out {
			t.Errorf("MarshalText(%v) = %q, %v, want %q", b, text, err, tt.out)
		}
		var back eligibility.AgeBand
		if err := back.UnmarshalText([]byte(b.String())); err != nil || back != b {
			t.Errorf("round trip of %v = %v, %v", b, back, err)
		}
	}
	for _, in := range []string{"", "-", "+", "59-16", "16-", "-16", "16--59", "1-2-3", "+16", "16-+59", "60++", "+60",
		" 16-59", "16 - 59", "16-59 ", "201", "0-201", "1000+", "0x10", "1e2", "十六", "１６-５９", "16–59", "-1-5", "45.5",
		"11010519491231002X"} {
		b := eligibility.AgeBand{Min: 3, Max: 4}
		err := b.UnmarshalText([]byte(in))
		var te *vocab.TextError
		if !errors.As(err, &te) || te.Type != "age band" || b != (eligibility.AgeBand{Min: 3, Max: 4}) {
			t.Errorf("UnmarshalText(%q) = %v, %v", in, b, err)
			continue
		}
		if strings.Contains(err.Error(), "1949123") {
			t.Errorf("error %q does not mask its input", err)
		}
	}
	for _, in := range []string{"0", "0-0"} {
		var b eligibility.AgeBand
		if err := b.UnmarshalText([]byte(in)); err == nil {
			t.Errorf("UnmarshalText(%q) accepted the zero band", in)
		}
	}
	// Every band the text form can write reads back.
	for lo := 0; lo <= eligibility.MaxAge; lo += 7 {
		for _, hi := range []int{lo, lo + 1, lo + 13, eligibility.MaxAge} {
			if hi > eligibility.MaxAge {
				continue
			}
			b := eligibility.AgeBand{Min: lo, Max: hi}
			if b.IsZero() {
				continue // the zero band is "no condition": refused as text (below)
			}
			var back eligibility.AgeBand
			if err := back.UnmarshalText([]byte(b.String())); err != nil || back != b {
				t.Errorf("round trip of %v via %q = %v, %v", b, b.String(), back, err)
			}
		}
	}
}
