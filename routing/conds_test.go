package routing_test

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestConditionJSON(t *testing.T) {
	c := routing.Condition{
		Employment: routing.EmploymentOf(eligibility.PlatformWorker, eligibility.Student),
		Hukou:      routing.HukouNonLocal,
		FromAge:    16,
		BelowAge:   60,
		Band:       routing.BandOlder,
		Insured:    routing.InsuredOf(eligibility.SchemeNone, eligibility.SchemeOther),
		Status:     routing.StatusOf(eligibility.StatusSuspended),
		Location:   routing.LocationOf(eligibility.ElsewhereInCity, eligibility.OutsideCity),
		FlagsAny:   routing.FlagSet(eligibility.FlagRetiredFisher | eligibility.FlagMinimumLiving),
		GroupsAny:  routing.GroupsOf(eligibility.GroupHardship, eligibility.GroupElderlyBackPay),
		Contact:    routing.ContactOf(eligibility.ContactNotLocal),
		Outcome:    routing.OutcomesOf(routing.OutcomeResident),
		Channel:    routing.ChannelsOf(routing.ChannelBackPay, routing.ChannelProxyPay),
	}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"employment":["platform_worker","student"],"hukou":"non_local","from_age":16,"below_age":60,"band":"older",` +
		`"insured":["none","other"],"status":["suspended"],"location":["elsewhere_in_city","outside_city"],` +
		`"flags_any":["minimum_living","retired_fisher"],"groups_any":["hardship","elderly_back_pay"],"contact":["not_local"],` +
		`"outcome":["resident"],"channel":["back_pay","proxy_pay"]}`
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
	// Chinese labels are accepted too.
	if err := json.Unmarshal([]byte(`{"employment":["新业态从业人员"],"flags_any":["退捕渔民"],"contact":["村组觉得不是当地的群众"]}`), &back); err != nil ||
		!back.Employment.Has(eligibility.PlatformWorker) || back.FlagsAny != routing.FlagSet(eligibility.FlagRetiredFisher) ||
		!back.Contact.Has(eligibility.ContactNotLocal) {
		t.Errorf("labels: %+v, %v", back, err)
	}
	for _, bad := range []string{`{"status":["paused"]}`, `{"location":[1]}`, `{"insured":["none","none"]}`, `{"hukou":"here"}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("json.Unmarshal(%s) accepted", bad)
		}
	}
	strs := []string{c.Employment.String(), c.Insured.String(), c.Status.String(), c.Location.String(), c.FlagsAny.String(),
		c.GroupsAny.String(), c.Contact.String(), c.Outcome.String(), c.Channel.String(), c.Hukou.String(), c.Band.String()}
	wantStrs := []string{"platform_worker,student", "none,other", "suspended", "elsewhere_in_city,outside_city", "minimum_living,retired_fisher",
		"hardship,elderly_back_pay", "not_local", "resident", "back_pay,proxy_pay", "non_local", "older"}
	if diff := cmp.Diff(wantStrs, strs); diff != "" {
		t.Errorf("String() mismatch (-want +got):\n%s", diff)
	}
	if !c.Insured.Has(eligibility.SchemeOther) || c.Insured.Has(eligibility.SchemeEmployee) || !c.Status.Has(eligibility.StatusSuspended) ||
		!c.Location.Has(eligibility.OutsideCity) || !c.GroupsAny.Has(eligibility.GroupHardship) || c.GroupsAny.Has(eligibility.GroupPlatformWorker) ||
		!c.Outcome.Has(routing.OutcomeResident) || !c.Channel.Has(routing.ChannelProxyPay) {
		t.Error("Has() wrong")
	}
	if got := c.GroupsAny.Label(language.Chinese); got != "低保对象、特困人员、重度残疾人员等缴费困难群体；60周岁以上超龄未参保本地户籍老年居民" {
		t.Errorf("GroupMask.Label = %q", got)
	}
}

func TestSetsAndLabels(t *testing.T) {
	s := routing.SubsidySet(0).With(routing.SubsidyRetiredFisher).With(routing.SubsidyNone).With(routing.Subsidy(200))
	if s.String() != "retired_fisher" || !s.Has(routing.SubsidyRetiredFisher) || s.Has(routing.SubsidyNone) || s.Label(language.Chinese) != "退捕渔民参保缴费补贴" {
		t.Errorf("SubsidySet = %s / %s", s, s.Label(language.Chinese))
	}
	a := routing.ActionSet(0).With(routing.ActionVerifyHukou).With(routing.ActionNoteInRoster)
	if a.String() != "verify_hukou,note_in_roster" || a.Label(language.English) != "verify the household registration (户籍) at the police station, note it in the roster (扩面人员明细表)" {
		t.Errorf("ActionSet = %s / %s", a, a.Label(language.English))
	}
	js, _ := json.Marshal(a)
	var back routing.ActionSet
	if err := json.Unmarshal(js, &back); err != nil || back != a {
		t.Errorf("ActionSet JSON round trip: %s → %v, %v", js, back, err)
	}
	if routing.ReasonRoute.String() != "route" || routing.ReasonMilestone.Label(language.Chinese) != "进度要求" {
		t.Error("ReasonKind names")
	}
	if routing.Outcome(99).String() != "invalid" || routing.Venue(99).Label(language.English) != "" {
		t.Error("out-of-range enums")
	}
	if routing.SeverityWarning.String() != "warning" || routing.KindVenue.String() != "venue" {
		t.Error("Severity / RuleKind names")
	}
}

// TestConcurrentRoute shares one Router between goroutines (run with -race).
func TestConcurrentRoute(t *testing.T) {
	rt := routing.MustCompile(routing.Shiyan2023())
	want, err := rt.Route(man("1978-06-01", eligibility.NotEmployed), d("2023-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got, err := rt.Route(man("1978-06-01", eligibility.NotEmployed), d("2023-06-01"))
				if err != nil || got.String() != want.String() {
					t.Errorf("concurrent Route = %v, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
