package ledger_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

func TestKindVocabulary(t *testing.T) {
	v := ledger.KindUnknown.Vocabulary()
	for i, term := range v.Terms() {
		k := ledger.SourceKind(i)
		words := append([]string{term.Key, term.Chinese, term.English}, term.Aliases...)
		for _, w := range words {
			got, err := ledger.ParseKind(w)
			if k == ledger.KindUnknown {
				if err == nil {
					t.Errorf("ParseKind(%q) = %v, want an error", w, got)
				}
				continue
			}
			if err != nil || got != k {
				t.Errorf("ParseKind(%q) = %v, %v; want %v", w, got, err, k)
			}
		}
	}
	tests := []struct {
		in   string
		want ledger.SourceKind
	}{
		{"低保", ledger.KindMinimumLiving},
		{" 常住人口 ", ledger.KindPopulation},
		{"劳动合同", ledger.KindLabourContract},
		{"INSURED_ELSEWHERE", ledger.KindInsuredElsewhere},
		{"农村转移劳动力", ledger.KindRuralMigrantWorker},
	}
	for _, tt := range tests {
		if got, err := ledger.ParseKind(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	_, err := ledger.ParseKind("500115198503140011")
	if !errors.Is(err, ledger.ErrUnknownKind) || strings.Contains(err.Error(), "19850314") {
		t.Errorf("ParseKind(an identity number) error = %v: want ErrUnknownKind, number masked", err)
	}
}

func TestContribution(t *testing.T) {
	tests := []struct {
		kind ledger.SourceKind
		want ledger.Contribution
	}{
		{ledger.KindMinimumLiving, ledger.Contribution{Facts: ledger.FactFlags, Flag: eligibility.FlagMinimumLiving}},
		{ledger.KindLabourContract, ledger.Contribution{Facts: ledger.FactEmployment, Employment: eligibility.EmployedByUnit}},
		{ledger.KindInsuredElsewhere, ledger.Contribution{Facts: ledger.FactInsurance,
			Required: []roster.Column{roster.ColumnLocation, roster.ColumnScheme, roster.ColumnStatus}}},
		{ledger.KindLandAcquired, ledger.Contribution{Facts: ledger.FactFlags | ledger.FactLandDate, Flag: eligibility.FlagLandAcquired,
			Required: []roster.Column{roster.ColumnLandAcquiredOn}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.kind.Contribution()); diff != "" {
			t.Errorf("%v.Contribution() mismatch (-want +got):\n%s", tt.kind, diff)
		}
	}
}

// person is what the tests check of one entry.
type person struct {
	Role    ledger.Role
	Outcome routing.Outcome
	Channel routing.Channel
	Village string
	Flags   eligibility.Flags
	Emp     eligibility.EmploymentKind
	Ins     eligibility.Insurance
	Used    map[string]ledger.Facts // source name:line → facts used
}

func TestBuildSmall(t *testing.T) {
	l := buildSmall(t)
	none := eligibility.Insurance{}
	want := map[string]person{
		idZhang: {ledger.RoleTarget, routing.OutcomeEmployee, routing.ChannelFlexible, "码头村", 0, eligibility.NotEmployed, none,
			map[string]ledger.Facts{"户籍人口.csv:2": ledger.FactVillage | ledger.FactHukou | ledger.FactEmployment}},
		idLi: {ledger.RoleFollowed, routing.OutcomeEmployee, routing.ChannelFlexible, "码头村", 0, eligibility.NotEmployed,
			eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
			map[string]ledger.Facts{"户籍人口.csv:3": ledger.FactVillage | ledger.FactHukou | ledger.FactEmployment, "参保库.csv:2": ledger.FactInsurance | ledger.FactTier}},
		idWang: {ledger.RoleTarget, routing.OutcomeResident, routing.ChannelBackPay, "石堰社区", 0, 0, none,
			map[string]ledger.Facts{"户籍人口.csv:4": ledger.FactVillage | ledger.FactHukou}},
		idZhao: {ledger.RoleTarget, routing.OutcomeResident, routing.ChannelProxyPay, "石堰社区", eligibility.FlagMinimumLiving, 0, none,
			map[string]ledger.Facts{"户籍人口.csv:5": ledger.FactVillage | ledger.FactHukou, "低保.csv:2": ledger.FactFlags, "低保.csv:4": 0}},
		idQian: {ledger.RoleTarget, routing.OutcomeEmployee, routing.ChannelEmployer, "码头村", 0, eligibility.EmployedByUnit, none,
			map[string]ledger.Facts{"户籍人口.csv:6": ledger.FactVillage | ledger.FactHukou, "劳动合同备案.csv:2": ledger.FactEmployment}},
		idSun: {ledger.RoleOther, routing.OutcomeCovered, 0, "码头村", 0, 0,
			eligibility.Insurance{Scheme: eligibility.SchemeEmployee, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
			map[string]ledger.Facts{"户籍人口.csv:7": ledger.FactVillage | ledger.FactHukou, "参保库.csv:3": ledger.FactInsurance}},
		idZhou: {ledger.RoleTarget, routing.OutcomeEmployee, routing.ChannelTransfer, "石堰社区", 0, eligibility.NotEmployed,
			eligibility.Insurance{Scheme: eligibility.SchemeEmployee, Status: eligibility.StatusSuspended, Location: eligibility.ElsewhereInCity},
			map[string]ledger.Facts{"户籍人口.csv:8": ledger.FactVillage | ledger.FactHukou | ledger.FactEmployment, "区外参保.csv:2": ledger.FactInsurance}},
		idWu: {ledger.RoleTarget, routing.OutcomeEmployee, routing.ChannelFlexible, "码头村", 0, eligibility.PlatformWorker, none,
			map[string]ledger.Facts{"户籍人口.csv:9": ledger.FactVillage | ledger.FactHukou, "新业态.csv:2": ledger.FactEmployment}},
	}
	if l.Len() != len(want) {
		t.Fatalf("Len() = %d, want %d", l.Len(), len(want))
	}
	for id, w := range want {
		i, ok := l.Lookup(eligibility.MustParseIDNumber(id))
		if !ok {
			t.Fatalf("Lookup(%s) not found", id[:6])
		}
		e, err := l.Entry(i)
		if err != nil {
			t.Fatal(err)
		}
		got := person{e.Role, e.Decision.Outcome, e.Decision.Channel, e.Resident.Hukou.Village, e.Resident.Flags,
			e.Resident.Employment.Kind, e.Resident.Insurance, map[string]ledger.Facts{}}
		for _, p := range e.Sources {
			got.Used[p.Name+":"+strconv.Itoa(p.Line)] = p.Used
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("entry %s mismatch (-want +got):\n%s", eligibility.MustParseIDNumber(id).Masked(), diff)
		}
		if e.Role != ledger.RoleUndecided && len(e.Decision.Citations()) == 0 {
			t.Errorf("entry %s: decision without citations", eligibility.MustParseIDNumber(id).Masked())
		}
	}
	if _, err := l.Entry(l.Len()); !errors.Is(err, ledger.ErrIndex) {
		t.Errorf("Entry(Len()) error = %v, want ErrIndex", err)
	}
}

func TestMatchReport(t *testing.T) {
	r := buildSmall(t).Report()
	type counts struct{ Rows, Matched, Unmatched, Rejected, Duplicates int }
	var got []counts
	for _, s := range r.Sources {
		got = append(got, counts{s.Rows, s.Matched, s.Unmatched, s.Rejected, s.Duplicates})
		if !s.Reconciles() {
			t.Errorf("source %s does not reconcile", s.Name)
		}
	}
	want := []counts{{8, 8, 0, 0, 0}, {2, 2, 0, 0, 0}, {3, 2, 1, 0, 1}, {1, 1, 0, 0, 0}, {1, 1, 0, 0, 0}, {1, 1, 0, 0, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("source counts mismatch (-want +got):\n%s", diff)
	}
	masked := func(id string) string { return eligibility.MustParseIDNumber(id).Masked() }
	if diff := cmp.Diff([]ledger.Sighting{{ID: masked(idOut), Source: 2, Name: "低保.csv", Line: 3}}, r.Unmatched); diff != "" {
		t.Errorf("Unmatched mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]ledger.Duplicate{{ID: masked(idZhao), Source: 2, Name: "低保.csv", First: 2, Line: 4}}, r.Duplicates); diff != "" {
		t.Errorf("Duplicates mismatch (-want +got):\n%s", diff)
	}
	wantConflicts := []ledger.Conflict{{ID: masked(idWu), Fact: ledger.FactVillage,
		Kept:  ledger.Mention{Source: 0, Name: "户籍人口.csv", Line: 9, Value: "码头村"},
		Other: ledger.Mention{Source: 5, Name: "新业态.csv", Line: 2, Value: "石堰社区"}}}
	if diff := cmp.Diff(wantConflicts, r.Conflicts); diff != "" {
		t.Errorf("Conflicts mismatch (-want +got):\n%s", diff)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.golden", b.Bytes())
	b.Reset()
	if err := buildSmall(t).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "ledger.golden", b.Bytes())
	for _, id := range []string{idZhang, idLi, idWang, idZhao, idQian, idSun, idZhou, idWu, idOut} {
		if bytes.Contains(b.Bytes(), []byte(id[6:14])) {
			t.Errorf("the ledger text holds the birth date of %s", masked(id))
		}
	}
}

// TestUnknownValues: a row with an unknown word in an optional column
// (roster keeps it with a warning), or with a gender that contradicts the
// number (roster rejects it; the ledger reads it again without that
// column), stays in the ledger with that fact unknown, a warning and (for
// the gender) a conflict the number wins; an unknown 缴费状态 leaves the
// person not enrolled.
func TestUnknownValues(t *testing.T) {
	srcs := smallSources()
	srcs[0].Data = []byte(strings.Replace(base(), "张三,"+idZhang+",男,码头村,是,未就业", "张三,"+idZhang+",女,码头村,是,种地", 1))
	srcs[1].Data = []byte(insured("吴十," + idWu + ",城乡居民,不知道,\n"))
	srcs[2].Data = append(srcs[2].Data, "王五,"+idWang+",\n"...) // no village: a 低保 list needs none, and is read with none
	l, err := ledger.Build(ledger.Input{Policy: routing.Shiyan2023(), AsOf: baseline, Sources: srcs})
	if err != nil {
		t.Fatal(err)
	}
	r := l.Report()
	i, ok := l.Lookup(eligibility.MustParseIDNumber(idZhang))
	if !ok {
		t.Fatal("张三 lost")
	}
	e, _ := l.Entry(i)
	if e.Resident.Employment.Kind != eligibility.EmploymentUnknown || e.Resident.Hukou.Village != "码头村" {
		t.Errorf("张三: employment %v, village %q; want unknown, 码头村", e.Resident.Employment.Kind, e.Resident.Hukou.Village)
	}
	type counts struct{ Rows, Matched, Rejected, Recovered int }
	var got []counts
	for _, s := range r.Sources[:3] {
		got = append(got, counts{s.Rows, s.Matched, s.Rejected, s.Recovered})
		if !s.Reconciles() {
			t.Errorf("%s does not reconcile", s.Name)
		}
	}
	if diff := cmp.Diff([]counts{{8, 8, 0, 1}, {3, 3, 0, 1}, {4, 3, 0, 0}}, got); diff != "" {
		t.Errorf("source counts mismatch (-want +got):\n%s", diff)
	}
	var lines []string
	for _, w := range r.Warnings {
		var re *roster.RowError
		if !errors.As(w, &re) || re.Column == "" {
			t.Errorf("warning %v: want a row error with a column", w)
			continue
		}
		lines = append(lines, w.Name+":"+strconv.Itoa(re.Line)+":"+re.Column)
	}
	want := []string{"户籍人口.csv:2:性别", "户籍人口.csv:2:就业状况", "参保库.csv:4:AAC031"}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
	if len(r.Conflicts) != 2 || r.Conflicts[0].Fact != ledger.FactGender || r.Conflicts[0].Other.Value != "女" {
		t.Errorf("Conflicts = %+v: want the gender conflict of 张三 first", r.Conflicts)
	}
	i, _ = l.Lookup(eligibility.MustParseIDNumber(idWu))
	if e, _ := l.Entry(i); e.Role != ledger.RoleTarget || e.Resident.Insurance.Status != eligibility.StatusUnknown {
		t.Errorf("吴十: role %v, insurance %+v; want a target, status unknown", e.Role, e.Resident.Insurance)
	}
	i, _ = l.Lookup(eligibility.MustParseIDNumber(idWang))
	if e, _ := l.Entry(i); e.Resident.Flags != eligibility.FlagMinimumLiving {
		t.Errorf("王五: flags %v, want 低保", e.Resident.Flags)
	}
}

func TestBuildErrors(t *testing.T) {
	p := routing.Shiyan2023()
	tests := []struct {
		name string
		in   ledger.Input
		want error
	}{
		{"no base", ledger.Input{Policy: p, AsOf: baseline, Sources: smallSources()[1:]}, ledger.ErrNoBase},
		{"missing required column", ledger.Input{Policy: p, AsOf: baseline, Sources: append(smallSources(),
			ledger.Source{Kind: ledger.KindInsured, Name: "bad.csv", Data: []byte("姓名,身份证号码,参保险种\n")})}, roster.ErrMissingColumn},
		{"outside the period", ledger.Input{Policy: p, AsOf: eligibility.MustParseDate("2024-01-01"), Sources: smallSources()}, nil},
		{"unknown task village", ledger.Input{Policy: p, AsOf: baseline, Sources: smallSources(),
			Tasks: ledger.Tasks{Villages: map[string]int64{"无此村": 3}}}, ledger.ErrTasks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ledger.Build(tt.in)
			if err == nil {
				t.Fatal("Build succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Build error = %v, want %v", err, tt.want)
			}
			var se *ledger.SourceError
			if errors.As(err, &se) && !strings.Contains(err.Error(), "bad.csv") {
				t.Errorf("error %v does not name the file", err)
			}
		})
	}
}

func TestTasks(t *testing.T) {
	tests := []struct {
		name  string
		tasks ledger.Tasks
		want  map[string]int64
	}{
		{"targets", ledger.Tasks{}, map[string]int64{"码头村": 3, "石堰社区": 3}},
		{"table", ledger.Tasks{Villages: map[string]int64{"码头村": 2}}, map[string]int64{"码头村": 2, "石堰社区": 0}},
		// 3 and 3 targets tie for the third seat: by name (byte order), 石堰社区.
		{"split", ledger.Tasks{Town: 3, Tie: allocation.TieByName}, map[string]int64{"码头村": 1, "石堰社区": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ledger.Build(ledger.Input{Policy: routing.Shiyan2023(), AsOf: baseline, Sources: smallSources(), Tasks: tt.tasks})
			if err != nil {
				t.Fatal(err)
			}
			m := month(t, l.State(), "")
			got := map[string]int64{}
			for _, v := range m.Villages {
				got[v.Name] = v.Task
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tasks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOneNumberManyForms: 15 digits, full width and a lower-case x name one
// person.
func TestOneNumberManyForms(t *testing.T) {
	var id string
	for seq := 1; ; seq++ {
		if id = mkID("500115", "19851111", seq); strings.HasSuffix(id, "X") {
			break
		}
	}
	srcs := []ledger.Source{
		{Kind: ledger.KindPopulation, Name: "base.csv", Data: []byte("姓名,身份证号码,村(社区)\n甲," + id + ",码头村\n")},
		{Kind: ledger.KindSevereDisability, Name: "残联.csv", Data: []byte("姓名,身份证号码\n甲," + strings.ToLower(id) +
			"\n甲," + fullWidth(id) + "\n甲," + fifteen(id) + "\n")},
	}
	l, err := ledger.Build(ledger.Input{Policy: routing.Shiyan2023(), AsOf: baseline, Sources: srcs})
	if err != nil {
		t.Fatal(err)
	}
	s := l.Report().Sources[1]
	if l.Len() != 1 || s.Matched != 3 || s.Duplicates != 2 || len(l.Report().Duplicates) != 2 {
		t.Errorf("Len %d, source %+v: want 1 person, 3 matched rows, 2 duplicates", l.Len(), s)
	}
	e, _ := l.Entry(0)
	if e.Resident.Flags != eligibility.FlagSevereDisability {
		t.Errorf("flags %v", e.Resident.Flags)
	}
	if got := e.Decision.Explain(language.Chinese); !strings.Contains(got, "石堰府发〔2023〕10号") {
		t.Errorf("Explain lacks the citation: %s", got)
	}
}
