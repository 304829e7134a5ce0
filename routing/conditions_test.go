package routing_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/routing"
)

// TestConditionJSON checks the JSON form of a routing condition: the keys of
// the embedded eligibility condition stand in the same object as routing's
// own (band, groups_any, outcome, channel), sets are lists of keys, and
// labels and aliases read back as the same values.
func TestConditionJSON(t *testing.T) {
	c := routing.Condition{
		Condition: eligibility.Condition{
			Employment:      vocab.SetOf(eligibility.PlatformWorker, eligibility.Student),
			Platforms:       vocab.SetOf(eligibility.PlatformCourier),
			FlagsAny:        eligibility.FlagRetiredFisher | eligibility.FlagMinimumLiving,
			Insured:         vocab.SetOf(eligibility.SchemeNone, eligibility.SchemeOther),
			Status:          vocab.SetOf(eligibility.StatusSuspended),
			Location:        vocab.SetOf(eligibility.ElsewhereInCity, eligibility.OutsideCity),
			Contact:         vocab.SetOf(eligibility.ContactNotLocal),
			Hukou:           eligibility.HukouNonLocal,
			Ages:            eligibility.AgeBand{Min: 16, Max: 59},
			BelowRetirement: true,
			TierAbove:       decimal.NewNullDecimal(decimal.RequireFromString("1000.5")),
		},
		Band:      routing.BandOlder,
		GroupsAny: []string{"hardship", "elderly_back_pay"},
		Outcome:   vocab.SetOf(routing.OutcomeResident),
		Channel:   vocab.SetOf(routing.ChannelBackPay, routing.ChannelProxyPay),
	}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"employment":["platform_worker","student"],"platforms":["courier"],"flags_any":["minimum_living","retired_fisher"],` +
		`"insured":["none","other"],"status":["suspended"],"location":["elsewhere_in_city","outside_city"],"contact":["not_local"],` +
		`"hukou":"non_local","ages":"16-59","below_retirement":true,"tier_above":"1000.5",` +
		`"band":"older","groups_any":["hardship","elderly_back_pay"],"outcome":["resident"],"channel":["back_pay","proxy_pay"]}`
	if string(js) != want {
		t.Errorf("json.Marshal(Condition) =\n%s\nwant\n%s", js, want)
	}
	var back routing.Condition
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	if js, _ := json.Marshal(routing.Condition{}); string(js) != `{}` {
		t.Errorf("json.Marshal(zero Condition) = %s, want {}", js)
	}
	if js, _ := json.Marshal(routing.Condition{Condition: eligibility.Condition{Ages: eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}}}); string(js) != `{"ages":"60+"}` {
		t.Errorf("json.Marshal(60 and over) = %s", js)
	}

	// Chinese labels and aliases are accepted too.
	back = routing.Condition{}
	err = json.Unmarshal([]byte(`{"employment":["新业态从业人员"],"flags_any":["退捕渔民"],"contact":["村组觉得不是当地的群众"],`+
		`"insured":["城乡居民"],"hukou":"本区户籍","band":"年龄线及以上","outcome":["城乡居民"],"channel":["代缴"],"tier_above":1000}`), &back)
	wantBack := routing.Condition{
		Condition: eligibility.Condition{
			Employment: vocab.SetOf(eligibility.PlatformWorker),
			FlagsAny:   eligibility.FlagRetiredFisher,
			Contact:    vocab.SetOf(eligibility.ContactNotLocal),
			Insured:    vocab.SetOf(eligibility.SchemeResident),
			Hukou:      eligibility.HukouLocal,
			TierAbove:  decimal.NewNullDecimal(decimal.NewFromInt(1000)),
		},
		Band:    routing.BandOlder,
		Outcome: vocab.SetOf(routing.OutcomeResident),
		Channel: vocab.SetOf(routing.ChannelProxyPay),
	}
	if diff := cmp.Diff(wantBack, back); err != nil || diff != "" {
		t.Errorf("labels: error %v, mismatch (-want +got):\n%s", err, diff)
	}
	for _, bad := range []string{`{"status":["paused"]}`, `{"location":[1]}`, `{"insured":["none","none"]}`, `{"insured":["resident","城乡居民"]}`,
		`{"hukou":"here"}`, `{"ages":"60-"}`, `{"ages":"59-16"}`, `{"outcome":["nowhere"]}`, `{"band":"middle"}`, `{"channel":["proxy_pay","代缴"]}`,
		`{"flags_any":["低保","minimum_living"]}`, `{"flags_any":["rich"]}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("json.Unmarshal(%s) accepted", bad)
		}
	}

	strs := []string{c.Employment.String(), c.Platforms.String(), c.Insured.String(), c.Status.String(), c.Location.String(), c.FlagsAny.String(),
		c.Contact.String(), c.Outcome.String(), c.Channel.String(), c.Hukou.String(), c.Band.String(), c.Ages.String()}
	wantStrs := []string{"platform_worker,student", "courier", "none,other", "suspended", "elsewhere_in_city,outside_city", "minimum_living|retired_fisher",
		"not_local", "resident", "back_pay,proxy_pay", "non_local", "older", "16-59"}
	if diff := cmp.Diff(wantStrs, strs); diff != "" {
		t.Errorf("String() mismatch (-want +got):\n%s", diff)
	}
	if !c.Insured.Has(eligibility.SchemeOther) || c.Insured.Has(eligibility.SchemeEmployee) || !c.Status.Has(eligibility.StatusSuspended) ||
		!c.Location.Has(eligibility.OutsideCity) || c.Location.Has(eligibility.InDistrict) ||
		!c.Outcome.Has(routing.OutcomeResident) || c.Outcome.Has(routing.OutcomeEmployee) || !c.Channel.Has(routing.ChannelProxyPay) {
		t.Error("Has() wrong")
	}
	sy := routing.Shiyan2023()
	rb := sy.Rulebook()
	var gs eligibility.GroupSet
	for _, k := range c.GroupsAny {
		g, ok := rb.Lookup(k)
		if !ok {
			t.Fatalf("石堰 has no group %q", k)
		}
		gs = gs.With(g)
	}
	if got := rb.Labels(gs, language.Chinese); got != "低保对象、特困人员、重度残疾人员等缴费困难群体；60周岁以上超龄未参保的长寿户籍老年居民" {
		t.Errorf("Rulebook.Labels = %q", got)
	}
	if got := rb.Keys(gs); got != "hardship,elderly_back_pay" {
		t.Errorf("Rulebook.Keys = %q", got)
	}
}

func TestSetsAndLabels(t *testing.T) {
	s := vocab.SetOf(routing.SubsidyRetiredFisher).With(routing.Subsidy(200))
	if s != vocab.SetOf(routing.SubsidyRetiredFisher) || s.String() != "retired_fisher" || !s.Has(routing.SubsidyRetiredFisher) ||
		s.Has(routing.SubsidyNone) || s.Has(routing.Subsidy(200)) || s.Len() != 1 || s.Label(language.Chinese) != "退捕渔民参保缴费补贴" {
		t.Errorf("Set[Subsidy] = %s / %s", s, s.Label(language.Chinese))
	}
	a := vocab.SetOf(routing.ActionNoteInRoster, routing.ActionVerifyHukou)
	if a.String() != "verify_hukou,note_in_roster" ||
		a.Label(language.English) != "verify the household registration (户籍) at the police station; note it in the roster (扩面人员明细表)" ||
		a.Label(language.Chinese) != "到派出所核实真实户籍地；备注在扩面人员明细表" {
		t.Errorf("Set[Action] = %s / %s / %s", a, a.Label(language.English), a.Label(language.Chinese))
	}
	if got := slices.Collect(a.All()); !slices.Equal(got, []routing.Action{routing.ActionVerifyHukou, routing.ActionNoteInRoster}) {
		t.Errorf("Set[Action].All() = %v", got)
	}
	js, _ := json.Marshal(a)
	var back vocab.Set[routing.Action]
	if err := json.Unmarshal(js, &back); err != nil || back != a || string(js) != `["verify_hukou","note_in_roster"]` {
		t.Errorf("Set[Action] JSON round trip: %s → %v, %v", js, back, err)
	}
	if routing.ActionProxyPay.String() != "proxy_pay" || routing.ActionProxyPay.Label(language.Chinese) != "按政策代缴城乡居民基本养老保险费" {
		t.Errorf("ActionProxyPay = %s / %s", routing.ActionProxyPay, routing.ActionProxyPay.Label(language.Chinese))
	}
	if routing.ReasonRoute.String() != "route" || routing.ReasonMilestone.Label(language.Chinese) != "进度要求" {
		t.Error("ReasonKind names")
	}
	if routing.Outcome(99).String() != "outcome(99)" || routing.Venue(99).Label(language.English) != "venue(99)" {
		t.Errorf("out-of-range enums: %q, %q", routing.Outcome(99).String(), routing.Venue(99).Label(language.English))
	}
	if routing.SeverityWarning.String() != "warning" || routing.KindVenue.String() != "venue" {
		t.Error("Severity / RuleKind names")
	}
}

// enum is an enumeration of routing with its one vocabulary.
type enum[E ~uint8] interface {
	~uint8
	Vocabulary() *vocab.Vocabulary[E]
	String() string
	MarshalText() ([]byte, error)
}

// checkVocabulary checks that every form of every term of E's vocabulary —
// key, Chinese, English, aliases — reads back as its value, that String
// and MarshalText give the key, and that an unknown word is a *NameError
// suggesting the nearest key.
func checkVocabulary[E enum[E], P interface {
	*E
	UnmarshalText([]byte) error
}](t *testing.T, typo, suggest string) {
	var zero E
	v := zero.Vocabulary()
	t.Run(v.Name(), func(t *testing.T) {
		terms := v.Terms()
		if len(terms) < 2 {
			t.Fatalf("%d terms", len(terms))
		}
		for i, term := range terms {
			e := E(i)
			if e.String() != term.Key {
				t.Errorf("%d.String() = %q, want %q", i, e.String(), term.Key)
			}
			if b, _ := e.MarshalText(); string(b) != term.Key {
				t.Errorf("%d.MarshalText() = %q, want %q", i, b, term.Key)
			}
			for _, form := range append([]string{term.Key, term.Chinese, term.English}, term.Aliases...) {
				got := E(255)
				if err := P(&got).UnmarshalText([]byte(form)); err != nil || got != e {
					t.Errorf("UnmarshalText(%q) = %v, %v; want %s", form, got, err, term.Key)
				}
			}
		}
		var got E
		err := P(&got).UnmarshalText([]byte(typo))
		var ne *routing.NameError
		if !errors.As(err, &ne) || !errors.Is(err, routing.ErrUnknownName) || ne.Suggest != suggest || ne.Kind != v.Name() {
			t.Errorf("UnmarshalText(%q) = %v, want a NameError suggesting %q", typo, err, suggest)
		}
	})
}

func TestEnumVocabularies(t *testing.T) {
	checkVocabulary[routing.Outcome](t, "employe", "employee")
	checkVocabulary[routing.Channel](t, "proxypay", "proxy_pay")
	checkVocabulary[routing.Venue](t, "city_center", "city_centre")
	checkVocabulary[routing.Subsidy](t, "land_aquired", "land_acquired")
	checkVocabulary[routing.Action](t, "verify_hukuo", "verify_hukou")
	checkVocabulary[routing.RuleKind](t, "rout", "route")
	checkVocabulary[routing.Band](t, "olderr", "older")

	var o routing.Outcome
	if err := o.UnmarshalText([]byte("企业职工")); err != nil || o != routing.OutcomeEmployee {
		t.Errorf("alias 企业职工 = %v, %v", o, err)
	}
	if err := o.UnmarshalText([]byte(" Resident ")); err != nil || o != routing.OutcomeResident {
		t.Errorf("key with spaces and capitals = %v, %v", o, err)
	}
	err := o.UnmarshalText([]byte("pension"))
	var ne *routing.NameError
	if !errors.As(err, &ne) || ne.Suggest != "" || !strings.Contains(err.Error(), `unknown outcome "pension"`) {
		t.Errorf("UnmarshalText(pension) = %v, want a NameError without suggestion", err)
	}
}

// TestConcurrentRoute shares one Router between goroutines (run with -race).
func TestConcurrentRoute(t *testing.T) {
	rt := routing.MustCompile(routing.Shiyan2023())
	r := man("1978-06-01", eligibility.NotEmployed)
	r.Flags = eligibility.FlagMinimumLiving | eligibility.FlagCollegeGraduate
	want, err := rt.Route(r, d("2023-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got, err := rt.Route(r, d("2023-06-01"))
				if err != nil || got != want {
					t.Errorf("concurrent Route = %v, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
