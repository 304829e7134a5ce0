package reporting_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// The -update flag rewrites golden files; whichever test file of the
// package runs init first registers it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// rosGolden compares got with testdata/<name>, or rewrites it under -update.
func rosGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s mismatch (-want +got):\n%s", name, cmp.Diff(string(want), string(got)))
	}
}

// rosGoodRows imports roster/testdata/good.csv, the roster package's own
// sample of five good rows.
func rosGoodRows(t *testing.T) []roster.Row {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("roster", "testdata", "good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []roster.Row
	rep, err := roster.Read(bytes.NewReader(data), roster.Options{},
		func(r roster.Row) error { rows = append(rows, r); return nil },
		func(e *roster.RowError) error { t.Errorf("good.csv: %v", e); return nil })
	if err != nil || rep.Counts != (roster.Counts{Rows: 5, Accepted: 5}) {
		t.Fatalf("good.csv: %v, %v", rep.Counts, err)
	}
	return rows
}

// rosShiyanRulebook is the target groups of routing.Shiyan2023, which name
// the groups of the fixed decisions.
var rosShiyanRulebook = sync.OnceValue(func() *eligibility.Rulebook {
	p := routing.Shiyan2023()
	rb := p.Rulebook()
	return &rb
})

// rosGroups returns the groups of the 石堰 rulebook with the given keys.
func rosGroups(t testing.TB, keys ...string) eligibility.GroupSet {
	t.Helper()
	var gs eligibility.GroupSet
	for _, k := range keys {
		g, ok := rosShiyanRulebook().Lookup(k)
		if !ok {
			t.Fatalf("routing.Shiyan2023 has no group %q", k)
		}
		gs = gs.With(g)
	}
	return gs
}

// rosDecisions are fixed decisions for the five rows of
// roster/testdata/good.csv, so that the golden files test this package's
// layout, not the routing presets (which have their own tests). A decision
// written out by hand has no policy to name its groups, so rosEntriesOf
// names them from the 石堰 rulebook as NewRosterEntry does from a routed
// decision's (TestRosterOfRoutedRows checks that path).
func rosDecisions(t testing.TB) []routing.Decision {
	notFound := vocab.SetOf(routing.ActionVerifyHukou, routing.ActionNoteInRoster)
	return []routing.Decision{
		{Age: 45, Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay, Venue: routing.VenueVillage,
			Groups: rosGroups(t, "other_uninsured")},
		{Age: 38, Outcome: routing.OutcomeEmployee, Channel: routing.ChannelFlexible, Venue: routing.VenueCityCentre,
			Fallback: routing.Choice{Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay},
			Groups:   rosGroups(t, "platform_worker", "other_uninsured")},
		{Age: 60, Outcome: routing.OutcomeCovered, Actions: notFound, Subsidies: vocab.SetOf(routing.SubsidyLandAcquired),
			Groups: rosGroups(t, "affluent_resident")},
		{Age: 23, Outcome: routing.OutcomeCovered},
		{Age: 52, Outcome: routing.OutcomeResident, Channel: routing.ChannelSelfPay, Venue: routing.VenueVillage,
			Groups: rosGroups(t, "small_business")},
	}
}

// rosEntriesOf pairs the rows of roster/testdata/good.csv with
// rosDecisions.
func rosEntriesOf(t *testing.T, opt reporting.MaskOptions) []reporting.RosterEntry {
	t.Helper()
	rows := rosGoodRows(t)
	ds := rosDecisions(t)
	if len(rows) != len(ds) {
		t.Fatalf("%d rows, %d decisions", len(rows), len(ds))
	}
	var out []reporting.RosterEntry
	for i, row := range rows {
		e := reporting.NewRosterEntry(row, &ds[i], opt)
		if !ds[i].Groups.IsEmpty() {
			e.Groups = rosShiyanRulebook().ShortLabels(ds[i].Groups)
		}
		out = append(out, e)
	}
	return out
}

// TestRosterOfRoutedRows routes the rows for real: whatever the preset
// decides, the roster stays masked and lists every row.
func TestRosterOfRoutedRows(t *testing.T) {
	rows := rosGoodRows(t)
	var entries []reporting.RosterEntry
	for _, row := range rows {
		d, err := rosRouter().Route(row.Resident, rosAsOf)
		if err != nil {
			t.Fatalf("line %d: %v", row.Line, err)
		}
		entries = append(entries, reporting.NewRosterEntry(row, &d, reporting.MaskOptions{}))
	}
	got := rosWriteRoster(t, entries, codec.UTF8)
	for _, s := range rosGoodIDs {
		if bytes.Contains(got, []byte(s)) {
			t.Errorf("routed roster contains %s", s)
		}
	}
	if n := bytes.Count(got, []byte("\r\n")); n != 1+len(rows) {
		t.Errorf("%d lines, want %d", n, 1+len(rows))
	}
	// 王五 cannot be found: 石堰府发〔2023〕10号 四(二) asks to verify his 户籍.
	if !bytes.Contains(got, []byte("到派出所核实真实户籍地")) {
		t.Error("the routed roster lacks the follow-up action for the resident who cannot be found")
	}
	// The groups are named by the policy that routed them: 李小红 is a
	// platform worker (二(三)); 王五, in 城乡居民 at a 2000 元 tier and on
	// 低保, is 城乡富裕人员 (二(五)) and in the hardship group (二(六)).
	groups := map[int]string{}
	for _, e := range entries {
		groups[e.Line] = e.Groups
	}
	want := map[int]string{3: "三 新业态从业人员", 4: "五 城乡富裕人员；六 缴费困难群体", 6: "非扩面重点人群"}
	for line, w := range want {
		if groups[line] != w {
			t.Errorf("line %d: groups %q, want %q", line, groups[line], w)
		}
	}
}

// TestRosterEntryGroups checks how a roster entry names the target groups
// of its decision: by the short names of the decision's own policy (a
// group without a short name by its name), numbered 第n类 when the decision
// carries no policy to name them (one written out by hand), and
// 非扩面重点人群 when there is none.
func TestRosterEntryGroups(t *testing.T) {
	row := roster.Row{Line: 2, Resident: eligibility.Resident{Name: "张三"}}
	tests := []struct {
		name string
		d    routing.Decision
		want string
	}{
		{"no decision", routing.Decision{}, "非扩面重点人群"},
		{"written out, one group", routing.Decision{Groups: eligibility.GroupsOf(8)}, "第8类"},
		{"written out, two groups", routing.Decision{Groups: eligibility.GroupsOf(8, 3)}, "第3类；第8类"},
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	d, err := rt.Route(eligibility.Resident{
		Gender: eligibility.Male, Birth: eligibility.MustParseDate("1958-01-01"),
		Hukou: eligibility.Hukou{Village: "石堰村", Local: true}, Employment: eligibility.Employment{Kind: eligibility.NotEmployed},
		Flags: eligibility.FlagMinimumLiving,
	}, rosAsOf)
	if err != nil {
		t.Fatal(err)
	}
	// 65, uninsured, 低保, local: 六 缴费困难群体 and 60周岁以上补缴人员 (三(二)2,
	// which has no numeral in the document).
	tests = append(tests, struct {
		name string
		d    routing.Decision
		want string
	}{"routed by 石堰", d, "六 缴费困难群体；60周岁以上补缴人员"})
	for _, tt := range tests {
		if got := reporting.NewRosterEntry(row, &tt.d, reporting.MaskOptions{}).Groups; got != tt.want {
			t.Errorf("%s: Groups = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func rosWriteRoster(t *testing.T, entries []reporting.RosterEntry, enc codec.Encoding) []byte {
	t.Helper()
	var buf bytes.Buffer
	rw, err := reporting.NewRosterWriter(&buf, enc)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := rw.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var rosGoodIDs = []string{"500115197803150011", "500115198506200021", "500115196301010030", "500115200002290043", "500115197009090058"}

func TestRosterWriterMasksByDefault(t *testing.T) {
	entries := rosEntriesOf(t, reporting.MaskOptions{})
	reporting.SortRosterEntries(entries)
	got := rosWriteRoster(t, entries, codec.UTF8BOM)
	rosGolden(t, "roster/masked.csv", got)
	for _, s := range append(rosGoodIDs, "张三", "李小红", "欧阳小明", "待核实", "引号") {
		if bytes.Contains(got, []byte(s)) {
			t.Errorf("masked roster contains %q", s)
		}
	}
	for _, s := range []string{"500115********0011", "张*", "李*红", "欧**明", "到派出所核实真实户籍地", reporting.NoteWithheld} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("masked roster lacks %q", s)
		}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(got, []byte("\xEF\xBB\xBF"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the roster CSV does not decode: %v", err)
	}
	if len(recs) != 1+len(rosGoodIDs) {
		t.Errorf("%d records, want header + %d", len(recs), len(rosGoodIDs))
	}
}

func TestRosterWriterRevealsOnlyWhenAsked(t *testing.T) {
	got := rosWriteRoster(t, rosEntriesOf(t, reporting.MaskOptions{RevealPersonalData: true}), codec.UTF8)
	for _, s := range append(rosGoodIDs, "张三", "李小红", "欧阳小明") {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("revealed roster lacks %q", s)
		}
	}
}

func TestRosterTableHTML(t *testing.T) {
	tbl := reporting.RosterTable("石堰镇各村养老保险扩面人员明细表", rosEntriesOf(t, reporting.MaskOptions{}))
	var buf bytes.Buffer
	if err := tbl.Render(&buf, table.FormatHTML, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, s := range rosGoodIDs {
		if strings.Contains(html, s) {
			t.Errorf("HTML roster contains %q", s)
		}
	}
	if !strings.Contains(html, "500115********0058") || !strings.Contains(html, "扩面人员明细表") {
		t.Error("HTML roster lacks its title or a masked number")
	}
}

func TestMaskedNames(t *testing.T) {
	tests := []struct{ name, want string }{
		{"张三", "张*"},
		{"王五", "王*"},
		{"张小三", "张*三"},
		{"欧阳小明", "欧**明"},
		{"李", "*"},
		{"", ""},
		{" 赵六 ", "赵*"},
	}
	for _, tc := range tests {
		row := roster.Row{Resident: eligibility.Resident{Name: tc.name}}
		if got := reporting.NewRosterEntry(row, &routing.Decision{}, reporting.MaskOptions{}).Name; got != tc.want {
			t.Errorf("masked %q = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRosterWriterGuardsFormulas(t *testing.T) {
	e := reporting.RosterEntry{Village: "=HYPERLINK(\"x\")", Note: "多行\r\n备注, 含逗号"}
	got := rosWriteRoster(t, []reporting.RosterEntry{e}, codec.UTF8)
	recs, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if v := recs[1][5]; v != "'=HYPERLINK(\"x\")" {
		t.Errorf("village cell = %q, want the formula defused", v)
	}
	if n := recs[1][13]; n != "多行\n备注, 含逗号" {
		t.Errorf("note cell = %q", n)
	}
}

func TestTallyTables(t *testing.T) {
	var tl reporting.Tally
	ds := rosDecisions(t)
	for i, e := range rosEntriesOf(t, reporting.MaskOptions{}) {
		te := reporting.TallyEntry{Village: e.Village, Groups: ds[i].Groups, Outcome: e.Outcome, Channel: e.Channel, Rulebook: rosShiyanRulebook()}
		if err := tl.Add(te); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := tl.Table("分村分类汇总").Render(&buf, table.FormatCSV, table.RenderOptions{Encoding: codec.UTF8}); err != nil {
		t.Fatal(err)
	}
	rosGolden(t, "tally/cells.csv", buf.Bytes())
	buf.Reset()
	if err := tl.TotalsTable("分村汇总").Render(&buf, table.FormatCSV, table.RenderOptions{Encoding: codec.UTF8}); err != nil {
		t.Fatal(err)
	}
	rosGolden(t, "tally/totals.csv", buf.Bytes())
	if !strings.Contains(buf.String(), "合计,5,") {
		t.Errorf("totals table does not sum to the 5 residents:\n%s", buf.String())
	}
}

// TestSortRosterEntries checks the roster's order: by village (pinyin,
// numbers numerically), then by the name and the identity number as
// shown, then by the other fields; never by line, so that the order does
// not depend on the order of the input rows.
func TestSortRosterEntries(t *testing.T) {
	entries := []reporting.RosterEntry{
		{Line: 5, Village: "石堰村", Name: "张*", ID: "500115********0011"},
		{Line: 2, Village: "第10组", Name: "赵*"},
		{Line: 3, Village: "石堰村", Name: "王*"},
		{Line: 4, Village: "第2组", Name: "欧**明"},
		{Line: 9, Village: "安乐村", Name: "李*红"},
		{Line: 1, Village: "石堰村", Name: "张*", ID: "500115********0010"},
		{Line: 8, Village: "石堰村", Name: "王*", Age: 30},
		{Line: 7, Village: "石堰村", Name: "王*", Age: 30},
	}
	reporting.SortRosterEntries(entries)
	var got []string
	for _, e := range entries {
		got = append(got, e.Village+" "+e.Name+" "+e.ID+" "+strconv.Itoa(e.Age))
	}
	want := []string{
		"安乐村 李*红  0",
		"第2组 欧**明  0",
		"第10组 赵*  0",
		"石堰村 王*  0",
		"石堰村 王*  30",
		"石堰村 王*  30",
		"石堰村 张* 500115********0010 0",
		"石堰村 张* 500115********0011 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SortRosterEntries() order mismatch (-want +got):\n%s", diff)
	}
}

// rosNoteRow is a row whose note names the resident with a space, another
// person and a phone number.
func rosNoteRow(note string) roster.Row {
	id := eligibility.MustParseIDNumber("500115197803150011")
	return roster.Row{Line: 2, Resident: eligibility.Resident{ID: id, Name: "张学友", Hukou: eligibility.Hukou{Village: "石堰村"}}, Note: note}
}

// TestMaskedRosterNotes checks what the 备注 of the roster shows: by
// default nothing of the input's free text, only NoteWithheld; with
// ShowInputNotes the note masked by privacy's rule for notes; with
// RevealPersonalData the note whole.
func TestMaskedRosterNotes(t *testing.T) {
	const note = "张 学友外出务工，户主李四光电话13812345678，2023-06-30 已走访"
	tests := []struct {
		name string
		note string
		opt  reporting.MaskOptions
		want string
	}{
		{"default", note, reporting.MaskOptions{}, reporting.NoteWithheld},
		{"default, no note", "", reporting.MaskOptions{}, ""},
		{"default, blank note", " 　", reporting.MaskOptions{}, ""},
		{"input notes shown masked", note, reporting.MaskOptions{ShowInputNotes: true}, "张*友外出务工，户主李四光电话138*****678，2023-06-30 已走访"},
		{"revealed", note, reporting.MaskOptions{RevealPersonalData: true}, note},
		{"revealed wins over input notes", note, reporting.MaskOptions{RevealPersonalData: true, ShowInputNotes: true}, note},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := reporting.NewRosterEntry(rosNoteRow(tt.note), &routing.Decision{}, tt.opt)
			if diff := cmp.Diff(tt.want, e.Note); diff != "" {
				t.Errorf("Note mismatch (-want +got):\n%s", diff)
			}
			var out bytes.Buffer
			if err := reporting.RosterTable("明细表", []reporting.RosterEntry{e}).Render(&out, table.FormatCSV, table.RenderOptions{Encoding: codec.UTF8}); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&out).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, recs[1][len(recs[1])-1]); diff != "" {
				t.Errorf("rendered 备注 mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRosterMasksNumbersInEveryColumn puts an identity number and a phone
// number where no column expects them (the village, the groups' label)
// and checks that no form of the roster shows them, masked or revealed,
// while the revealed roster still shows its own ID and note in full.
func TestRosterMasksNumbersInEveryColumn(t *testing.T) {
	const id, phone = "500115197803150011", "13812345678"
	row := rosNoteRow("电话" + phone)
	row.Resident.Hukou.Village = "石堰村" + id
	tests := []struct {
		name     string
		opt      reporting.MaskOptions
		want     []string // must be shown
		wantNone []string // must not
	}{
		{"masked", reporting.MaskOptions{}, []string{"石堰村500115********0011", reporting.NoteWithheld}, []string{id, phone, "电话"}},
		{"input notes", reporting.MaskOptions{ShowInputNotes: true}, []string{"石堰村500115********0011", "电话138*****678"}, []string{id, phone}},
		{"revealed", reporting.MaskOptions{RevealPersonalData: true}, []string{"石堰村500115********0011", "," + id + ",", "电话" + phone}, []string{"石堰村" + id}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := reporting.NewRosterEntry(row, &routing.Decision{}, tt.opt)
			e.Groups = "第" + phone + "类"
			forms := map[string]string{"writer": string(rosWriteRoster(t, []reporting.RosterEntry{e}, codec.UTF8))}
			for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
				var out bytes.Buffer
				if err := reporting.RosterTable("明细表", []reporting.RosterEntry{e}).Render(&out, f, table.RenderOptions{Encoding: codec.UTF8}); err != nil {
					t.Fatal(err)
				}
				forms[f.String()] = out.String()
			}
			for form, text := range forms {
				if strings.Contains(text, "第"+phone+"类") {
					t.Errorf("%s: a phone number in the groups' label is shown whole", form)
				}
				for _, s := range tt.wantNone {
					if strings.Contains(text, s) {
						t.Errorf("%s holds %q", form, s)
					}
				}
				if form != "writer" && form != "csv" {
					continue // the text forms align and escape; the CSV forms hold the cells as they are
				}
				for _, s := range tt.want {
					if !strings.Contains(text, s) {
						t.Errorf("%s lacks %q:\n%s", form, s, text)
					}
				}
			}
		})
	}
}

// TestRosterSameWhateverTheOrder imports a roster in 20 random orders and
// checks that every output — the masked roster as CSV (written in the
// order of SortRosterEntries, and rendered from RosterTable), HTML and
// text, the tally's tables and the bulletin in every format — is the same,
// byte for byte.
func TestRosterSameWhateverTheOrder(t *testing.T) {
	input, _, err := synth.Generate(synth.Options{Seed: 9, Rows: 300, BadPerMille: 20, AsOf: rosAsOf})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(input), "\n")+"\n", "\n")
	header, rows := lines[0], lines[1:]
	// Two residents with the same masked number and name, and the same
	// resident twice, so that the tie-breaks are exercised.
	rows = append(rows, rows[0], rows[1])
	outputs := func(data string) map[string]string {
		t.Helper()
		var entries []reporting.RosterEntry
		tl := &reporting.Tally{}
		_, err := reporting.RouteRoster(strings.NewReader(data), roster.Options{}, rosRouter(), rosAsOf,
			func(row roster.Row, d *routing.Decision) error {
				entries = append(entries, reporting.NewRosterEntry(row, d, reporting.MaskOptions{ShowInputNotes: true}))
				return tl.AddDecision(row.Resident.Hukou.Village, d)
			}, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatHTML} {
			var b bytes.Buffer
			if err := reporting.RosterTable("明细表", entries).Render(&b, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			out["roster "+f.String()] = b.String()
		}
		sorted := slices.Clone(entries)
		reporting.SortRosterEntries(sorted)
		out["roster writer"] = string(rosWriteRoster(t, sorted, codec.UTF8BOM))
		var units []reporting.Progress
		for i, v := range tl.Totals() {
			units = append(units, reporting.Progress{Name: v.Village, Task: v.Employee + v.Resident, Enrolled: int64(i) * 3})
		}
		b, err := reporting.NewBulletin(reporting.BulletinInput{Town: "石堰镇", AsOf: rosAsOf, Policy: routing.Shiyan2023(), Units: units})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown, table.FormatHTML} {
			var w bytes.Buffer
			if err := tl.Table("分村分类汇总").Render(&w, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := tl.TotalsTable("分村汇总").Render(&w, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			out["tally "+f.String()] = w.String()
			w.Reset()
			if err := b.Render(&w, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			out["bulletin "+f.String()] = w.String()
		}
		return out
	}
	want := outputs(header + strings.Join(rows, ""))
	rng := rand.New(rand.NewPCG(2023, 10))
	for i := range 20 {
		shuffled := slices.Clone(rows)
		rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		got := outputs(header + strings.Join(shuffled, ""))
		for name, w := range want {
			if got[name] != w {
				t.Errorf("shuffle %d: %s differs (-want +got):\n%s", i, name, cmp.Diff(w, got[name]))
			}
		}
	}
}
