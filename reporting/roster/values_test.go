package roster_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/reporting/roster"
)

// csvRoster writes a roster with encoding/csv, quoting what needs quotes.
func csvRoster(t *testing.T, header []string, rows ...[]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// personID returns the identity number of person k (0 ≤ k < 500), born
// 1980-01-01, male or female as asked.
func personID(k int, male bool) string {
	seq := 2 * k
	if male {
		seq++
	}
	return revID(fmt.Sprintf("11010519800101%03d", seq))
}

var errEq = cmp.Comparer(func(a, b error) bool { return a == b })

// TestUnknownOptionalValues checks that an unrecognised value in each
// optional column leaves that fact unknown (zero) and accepts the row, with
// a warning that names the line, the column and the masked value, counted
// in Counts and the Report and listed by WriteText.
func TestUnknownOptionalValues(t *testing.T) {
	id := personID(1, true)
	base := eligibility.Resident{ID: eligibility.MustParseIDNumber(id), Name: "张小三"}
	tests := []struct {
		header string
		value  string
		want   eligibility.Resident // what the row gives
	}{
		{header: "性别", value: "外星人", want: base},
		{header: "就业状况", value: "外星人", want: base},
		{header: "平台类型", value: "外星人", want: base},
		{header: "缴费状态", value: "外星人", want: base},
		{header: "参保地", value: "外星人", want: base},
		{header: "联系状况", value: "外星人", want: base},
		{header: "身份标记", value: "外星人", want: base},
		// One unknown item of a list: the known items are kept.
		{header: "身份标记", value: "低保、外星人、特困", want: func() eligibility.Resident {
			r := base
			r.Flags = eligibility.FlagMinimumLiving | eligibility.FlagExtremePoverty
			return r
		}()},
		{header: "身份标记", value: "低保 外星人", want: func() eligibility.Resident {
			r := base
			r.Flags = eligibility.FlagMinimumLiving
			return r
		}()},
		{header: "低保", value: "外星人", want: base},
		{header: "特困", value: "外星人", want: base},
		{header: "重度残疾", value: "外星人", want: base},
		{header: "被征地", value: "外星人", want: base},
		{header: "镇街聘用人员", value: "外星人", want: base},
		{header: "村干部", value: "外星人", want: base},
		{header: "财政供养", value: "外星人", want: base},
		{header: "产业带头人", value: "外星人", want: base},
		{header: "农村劳动力转移人员", value: "外星人", want: base},
		{header: "退捕渔民", value: "外星人", want: base},
		{header: "高校毕业生", value: "外星人", want: base},
		{header: "就业困难人员", value: "外星人", want: base},
	}
	for _, tt := range tests {
		t.Run(tt.header+"="+tt.value, func(t *testing.T) {
			data := csvRoster(t, []string{"姓名", "身份证号码", tt.header}, []string{"张小三", id, tt.value})
			rows, errs, rep := rosImportAll(t, data, roster.Options{})
			if len(errs) != 0 || len(rows) != 1 {
				t.Fatalf("rows %v, errors %v; want the row accepted", rows, errs)
			}
			if rep.Columns[2] == roster.ColumnIgnored {
				t.Fatalf("header %q is not imported", tt.header)
			}
			if diff := cmp.Diff(tt.want, rows[0].Resident, rosCmpOpts); diff != "" {
				t.Errorf("Resident mismatch (-want +got):\n%s", diff)
			}
			ws := rows[0].Warnings
			if len(ws) != 1 {
				t.Fatalf("warnings %v, want 1", ws)
			}
			w := ws[0]
			if w.Line != 2 || w.Column != tt.header || w.Err != roster.ErrUnknownValue || w.Value == "" || w.Value == tt.value ||
				strings.Contains(w.Value, "星") || !strings.Contains(w.Error(), strconv.Quote(w.Value)) ||
				!strings.Contains(w.Label(language.Chinese), "“"+w.Value+"”") {
				t.Errorf("warning %+v (%v): want line 2, column %s, the value masked", w, w, tt.header)
			}
			if want := (roster.Counts{Rows: 1, Accepted: 1, Warnings: 1}); rep.Counts != want {
				t.Errorf("Counts = %+v, want %+v", rep.Counts, want)
			}
			if diff := cmp.Diff([]roster.Rejection{{Column: tt.header, Err: roster.ErrUnknownValue, Count: 1}}, rep.Warnings, errEq); diff != "" {
				t.Errorf("Report.Warnings mismatch (-want +got):\n%s", diff)
			}
			if len(rep.Rejections) != 0 {
				t.Errorf("Report.Rejections = %v, want none", rep.Rejections)
			}
			var b strings.Builder
			if err := rep.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "未识别的值") || !strings.Contains(b.String(), "  "+tt.header+": 无法识别的取值 — 1 处") {
				t.Errorf("WriteText does not list the warning:\n%s", b.String())
			}
		})
	}
}

// TestUnknownRequiredValues checks the columns whose unknown value still
// rejects the row: 险种 (its zero value would claim 未参保) and 是否本区户籍
// (非本区户籍), and an empty 村(社区).
func TestUnknownRequiredValues(t *testing.T) {
	id := personID(2, true)
	tests := []struct {
		header, value string
		want          error
	}{
		{"参保险种", "外星人", roster.ErrUnknownValue},
		{"参保状态", "外星人", roster.ErrUnknownValue},
		{"是否本区户籍", "外星人", roster.ErrUnknownValue},
		{"村(社区)", "", roster.ErrMissingValue},
		{"村(社区)", " \u3000", roster.ErrMissingValue},
		{"村别", "", roster.ErrMissingValue},
	}
	for _, tt := range tests {
		t.Run(tt.header+"="+tt.value, func(t *testing.T) {
			data := csvRoster(t, []string{"姓名", "身份证号码", tt.header}, []string{"张小三", id, tt.value})
			rows, errs, rep := rosImportAll(t, data, roster.Options{})
			if len(rows) != 0 || len(errs) != 1 || errs[0].Err != tt.want || errs[0].Line != 2 || errs[0].Column != tt.header {
				t.Fatalf("rows %v, errors %v; want line 2 rejected with %v in %s", rows, errs, tt.want, tt.header)
			}
			if want := (roster.Counts{Rows: 1, Rejected: 1}); rep.Counts != want {
				t.Errorf("Counts = %+v, want %+v", rep.Counts, want)
			}
			if diff := cmp.Diff([]roster.Rejection{{Column: tt.header, Err: tt.want, Count: 1}}, rep.Rejections, errEq); diff != "" {
				t.Errorf("Rejections mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// Without a village column, rows are accepted: the village is unknown.
	rows, errs, _ := rosImportAll(t, csvRoster(t, []string{"姓名", "身份证号码"}, []string{"张小三", id}), roster.Options{})
	if len(rows) != 1 || len(errs) != 0 || rows[0].Resident.Hukou.Village != "" {
		t.Errorf("no village column: rows %v, errors %v; want the row accepted", rows, errs)
	}
}

// vocabWords returns every way of writing each term: key, Chinese,
// English and each alias (not the empty one), with the term's index.
func vocabWords(terms []vocab.Term) (words []string, index []int) {
	for i, tm := range terms {
		for _, w := range append([]string{tm.Key, tm.Chinese, tm.English}, tm.Aliases...) {
			if strings.TrimSpace(w) != "" {
				words, index = append(words, w), append(index, i)
			}
		}
	}
	return words, index
}

// checkVocabulary reads every word of terms in a column with header and
// checks that each row reads back as its term, without warning.
func checkVocabulary[E ~uint8](t *testing.T, header string, terms []vocab.Term, male func(E) bool, get func(*eligibility.Resident) E) {
	t.Helper()
	words, index := vocabWords(terms)
	var rows [][]string
	for k, w := range words {
		rows = append(rows, []string{"张小三", personID(k, male(E(index[k]))), w})
	}
	got, errs, rep := rosImportAll(t, csvRoster(t, []string{"姓名", "身份证号码", header}, rows...), roster.Options{})
	for _, e := range errs {
		t.Errorf("%s %q: %v", header, words[e.Line-2], e)
	}
	if rep.Counts.Warnings != 0 {
		t.Errorf("%s: %d warnings, want none", header, rep.Counts.Warnings)
	}
	for _, row := range got {
		k := row.Line - 2
		if v := get(&row.Resident); v != E(index[k]) || len(row.Warnings) != 0 {
			t.Errorf("%s %q reads as %d (warnings %v), want %d", header, words[k], v, row.Warnings, index[k])
		}
	}
	if len(got) != len(words) {
		t.Errorf("%s: %d rows accepted, want %d", header, len(got), len(words))
	}
}

// TestVocabulariesReadBack reads every term of every vocabulary the roster
// uses — key, Chinese, English and each alias — back through a roster cell
// as its value.
func TestVocabulariesReadBack(t *testing.T) {
	anyGender := func(uint8) bool { return true }
	checkVocabulary(t, "性别", eligibility.Gender(0).Vocabulary().Terms(),
		func(g eligibility.Gender) bool { return g != eligibility.Female },
		func(r *eligibility.Resident) eligibility.Gender { return r.Gender })
	checkVocabulary(t, "就业状况", eligibility.EmploymentKind(0).Vocabulary().Terms(),
		func(eligibility.EmploymentKind) bool { return true },
		func(r *eligibility.Resident) eligibility.EmploymentKind { return r.Employment.Kind })
	checkVocabulary(t, "平台类型", eligibility.PlatformKind(0).Vocabulary().Terms(),
		func(eligibility.PlatformKind) bool { return true },
		func(r *eligibility.Resident) eligibility.PlatformKind { return r.Employment.Platform })
	checkVocabulary(t, "参保险种", eligibility.Scheme(0).Vocabulary().Terms(),
		func(eligibility.Scheme) bool { return true },
		func(r *eligibility.Resident) eligibility.Scheme { return r.Insurance.Scheme })
	checkVocabulary(t, "缴费状态", eligibility.InsuranceStatus(0).Vocabulary().Terms(),
		func(eligibility.InsuranceStatus) bool { return true },
		func(r *eligibility.Resident) eligibility.InsuranceStatus { return r.Insurance.Status })
	checkVocabulary(t, "参保地", eligibility.InsuranceLocation(0).Vocabulary().Terms(),
		func(eligibility.InsuranceLocation) bool { return true },
		func(r *eligibility.Resident) eligibility.InsuranceLocation { return r.Insurance.Location })
	checkVocabulary(t, "联系状况", eligibility.ContactStatus(0).Vocabulary().Terms(),
		func(eligibility.ContactStatus) bool { return true },
		func(r *eligibility.Resident) eligibility.ContactStatus { return r.Contact })
	// Each flag term, alone in a 身份标记 cell, is its flag.
	checkVocabulary(t, "身份标记", eligibility.FlagTerms(), anyGender,
		func(r *eligibility.Resident) uint8 {
			f := uint64(r.Flags)
			for i := range 64 {
				if f == 1<<i {
					return uint8(i)
				}
			}
			return 255
		})
}

// TestContactPhrasesOfThePlan reads the words of 石堰府发〔2023〕10号 四(二)
// for people who cannot be found in the 联系状况 column.
func TestContactPhrasesOfThePlan(t *testing.T) {
	tests := []struct {
		phrase string
		want   eligibility.ContactStatus
	}{
		{"村组找不到人", eligibility.ContactNotFound},
		{"联系不上", eligibility.ContactNotFound},
		{"觉得不是当地的群众", eligibility.ContactNotLocal},
		{"核查人员无信息", eligibility.ContactNotFound},
	}
	for k, tt := range tests {
		data := csvRoster(t, []string{"姓名", "身份证号码", "联系状况"}, []string{"张小三", personID(k, true), tt.phrase})
		rows, errs, _ := rosImportAll(t, data, roster.Options{})
		if len(errs) != 0 || len(rows) != 1 || rows[0].Resident.Contact != tt.want || len(rows[0].Warnings) != 0 {
			t.Errorf("联系状况 %q: rows %v, errors %v; want %v", tt.phrase, rows, errs, tt.want)
		}
	}
}

// TestGenderUnknownWord checks that a gender cell saying 未知 states
// nothing to check against the identity number.
func TestGenderUnknownWord(t *testing.T) {
	data := csvRoster(t, []string{"姓名", "身份证号码", "性别"}, []string{"张小三", personID(3, false), "未知"})
	rows, errs, _ := rosImportAll(t, data, roster.Options{})
	if len(errs) != 0 || len(rows) != 1 || rows[0].Resident.Gender != eligibility.GenderUnknown {
		t.Errorf("rows %v, errors %v; want the row accepted, gender unknown", rows, errs)
	}
}

// A department list read against a population base may leave 村(社区)
// empty (Options.VillageOptional); by default the row is refused.
func TestVillageOptional(t *testing.T) {
	data := "姓名,身份证号码,村(社区)\n张三,500115197803150011,\n"
	for _, c := range []struct {
		opt  roster.Options
		want roster.Counts
	}{
		{roster.Options{}, roster.Counts{Rows: 1, Rejected: 1}},
		{roster.Options{VillageOptional: true}, roster.Counts{Rows: 1, Accepted: 1}},
	} {
		rep, err := roster.Read(strings.NewReader(data), c.opt, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Counts != c.want {
			t.Errorf("VillageOptional=%v: counts %v, want %v", c.opt.VillageOptional, rep.Counts, c.want)
		}
		sh, err := roster.NewShards([]byte(data), c.opt, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sh.Readers() {
			for range r.All() {
			}
		}
		if srep, err := sh.Report(); err != nil || srep.Counts != c.want {
			t.Errorf("shards, VillageOptional=%v: counts %v, %v; want %v", c.opt.VillageOptional, srep.Counts, err, c.want)
		}
	}
}

// Options.DiscardNames keeps no name and changes nothing else about a row,
// in the reader and in shards alike.
func TestDiscardNames(t *testing.T) {
	data := csvRoster(t, []string{"姓名", "身份证号码", "村(社区)"},
		[]string{"张小三", personID(3, false), "罗东村"},
		[]string{"李四", personID(4, true), "罗西村"})
	kept, errs, _ := rosImportAll(t, data, roster.Options{})
	if len(errs) != 0 || len(kept) != 2 || kept[0].Resident.Name != "张小三" {
		t.Fatalf("without DiscardNames: rows %v, errors %v", kept, errs)
	}
	dropped, errs, _ := rosImportAll(t, data, roster.Options{DiscardNames: true})
	if len(errs) != 0 {
		t.Fatalf("errors %v", errs)
	}
	want := slices.Clone(kept)
	for i := range want {
		want[i].Resident.Name = ""
	}
	if diff := cmp.Diff(want, dropped, cmp.Comparer(func(a, b eligibility.IDNumber) bool { return a == b })); diff != "" {
		t.Errorf("DiscardNames rows (-want +got):\n%s", diff)
	}
	bad := csvRoster(t, []string{"姓名", "身份证号码", "村(社区)"}, []string{"张\x00三", personID(3, false), "罗东村"})
	if _, errs, _ := rosImportAll(t, bad, roster.Options{DiscardNames: true}); len(errs) != 1 || !errors.Is(errs[0], roster.ErrControlChar) {
		t.Errorf("DiscardNames, a name with NUL: errors %v, want one ErrControlChar", errs)
	}
	sh, err := roster.NewShards(data, roster.Options{DiscardNames: true}, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sh.Readers() {
		for row := range r.All() {
			if row.Resident.Name != "" {
				t.Errorf("shard row on line %d kept a name", row.Line)
			}
		}
	}
}
