package reporting_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// TestReviewMaskNames checks the masked form of names of every shape.
func TestReviewMaskNames(t *testing.T) {
	tests := []struct{ name, want string }{
		{"李", "*"},
		{"张三", "张*"},
		{"张小三", "张*三"},
		{"欧阳小明", "欧**明"},
		{"司马光", "司*光"},
		{"诸葛孔明亮", "诸***亮"},
		{"阿依古丽·买买提", "阿******提"},
		{"买买提·艾力", "买****力"},
		{"张　三", "张*"}, // aligned with a full-width space
		{"张 三", "张*"},
		{"John Smith", "J*******h"},
		{"王Amy", "王**y"},
		{"Li", "L*"},
	}
	for _, tc := range tests {
		row := roster.Row{Resident: eligibility.Resident{Name: tc.name}}
		e := reporting.NewRosterEntry(row, &routing.Decision{}, reporting.MaskOptions{})
		if e.Name != tc.want {
			t.Errorf("masked %q = %q, want %q", tc.name, e.Name, tc.want)
		}
		if r := reporting.NewRosterEntry(row, &routing.Decision{}, reporting.MaskOptions{RevealPersonalData: true}); r.Name != tc.name {
			t.Errorf("revealed %q = %q", tc.name, r.Name)
		}
	}
}

// TestReviewMaskedRosterForms imports a roster (18- and 15-digit numbers,
// names of every shape, personal data in the notes) and renders the masked
// roster in every form: none holds a full identity number, a full name or
// a phone number; the revealed copy holds them.
func TestReviewMaskedRosterForms(t *testing.T) {
	id18 := revID("50011519780315001")
	csvText := "姓名,身份证号码,村(社区),备注\n" +
		"欧阳小明," + id18 + ",石堰村,欧阳小明本人电话13812345678，身份证" + id18 + "\n" +
		"阿依古丽·买买提,110105490101002,桃花村,2023-06-30 已走访 缴费1500元 家属电话138-1234-5678\n" +
		"张　三," + revID("50011519850620002") + ",<script>村</script>,=1+1\n"
	var rows []roster.Row
	rep, err := roster.Read(strings.NewReader(csvText), roster.Options{},
		func(r roster.Row) error { rows = append(rows, r); return nil },
		func(e *roster.RowError) error { t.Errorf("rejected: %v", e); return nil })
	if err != nil || rep.Counts.Accepted != 3 {
		t.Fatalf("import: %v, %v", rep.Counts, err)
	}
	full := []string{id18, "110105194901010021", "110105490101002", "欧阳小明", "阿依古丽·买买提", "买买提", "13812345678", "138-1234-5678", "1234-5678", "张　三"}
	render := func(opt reporting.MaskOptions) map[string]string {
		var entries []reporting.RosterEntry
		for _, r := range rows {
			entries = append(entries, reporting.NewRosterEntry(r, &routing.Decision{Outcome: routing.OutcomeResident}, opt))
		}
		out := map[string]string{}
		var csvOut bytes.Buffer
		rw, err := reporting.NewRosterWriter(&csvOut, codec.UTF8BOM)
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
		out["csv"] = csvOut.String()
		for _, f := range []table.Format{table.FormatText, table.FormatMarkdown, table.FormatHTML, table.FormatCSV} {
			var b bytes.Buffer
			if err := reporting.RosterTable("明细表", entries).Render(&b, f, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			out["table "+f.String()] = b.String()
		}
		return out
	}
	// With the input notes shown (masked), what the notes say that is not
	// personal data stays legible; by default no input note is shown at all.
	for form, text := range render(reporting.MaskOptions{ShowInputNotes: true}) {
		for _, s := range full {
			if strings.Contains(text, s) {
				t.Errorf("masked roster (%s) holds %q", form, s)
			}
		}
		if form == "table html" && strings.Contains(text, "<script>") {
			t.Errorf("roster (%s) holds <script>", form)
		}
		for _, s := range []string{"2023-06-30", "1500"} {
			if !strings.Contains(text, s) {
				t.Errorf("masked roster (%s) lost %q from a note", form, s)
			}
		}
	}
	for form, text := range render(reporting.MaskOptions{}) {
		for _, s := range append(full, "2023-06-30", "1500") {
			if strings.Contains(text, s) {
				t.Errorf("default masked roster (%s) shows %q from the input's notes", form, s)
			}
		}
		if !strings.Contains(text, reporting.NoteWithheld) {
			t.Errorf("default masked roster (%s) does not say a note was withheld", form)
		}
	}
	revealed := render(reporting.MaskOptions{RevealPersonalData: true})["csv"]
	for _, s := range []string{id18, "110105194901010021", "欧阳小明", "阿依古丽·买买提", "13812345678"} {
		if !strings.Contains(revealed, s) {
			t.Errorf("revealed roster lacks %q", s)
		}
	}
}
