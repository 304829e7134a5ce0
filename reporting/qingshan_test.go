package reporting_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// The third town, 青山镇 (青政〔2025〕7号, invented for the tests), exists only
// as a policy file: no Go preset, no Go group constants. These tests drive
// the bulletin and the tally from that file alone.

const qsPolicyFile = "../routing/testdata/towns/qingshan-2025.json"

func qsPolicy(t *testing.T) routing.Policy {
	t.Helper()
	f, err := os.Open(qsPolicyFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := routing.LoadPolicy(f)
	if err != nil {
		t.Fatalf("LoadPolicy(%s): %v", qsPolicyFile, err)
	}
	return p
}

// TestBulletinQingshanFromJSON builds 青山镇's bulletin on two month ends.
// The file says: baseline 2025-01-31; 60 % by 2025-06-30 as an aim (力争,
// 五(二)); 100 % by 2025-12-31 (一); the bulletin clause is 四(一).
//
// Requirements are rounded up: 60 % of 37 is 22.2 → 23, of 1 is 0.6 → 1, of
// 2023 is 1213.8 → 1214. The pace rises at the checkpoints after the
// baseline: 02-28, 03-31, 04-30, 05-31 and 06-30 for the aim (5), then
// 07-31, 08-31, 09-30, 10-31, 11-30 and 12-31 for the task (6).
//   - 2025-05-31: 4 of 5 passed, pace ⌈req × 4 ÷ 5⌉.
//   - 2025-07-31: 1 of 6 passed, pace req + ⌈(task − req) × 1 ÷ 6⌉.
func TestBulletinQingshanFromJSON(t *testing.T) {
	policy := qsPolicy(t)
	type row struct {
		Name     string
		Task     int64
		Enrolled int64
		Target   int64
		Pace     int64
		Status   reporting.ProgressStatus
	}
	tests := []struct {
		asOf      string
		milestone int
		phase     string
		rows      []row // in input order
		total     row
		want      []string          // in the rendered text
		wantNot   []string          // nowhere in it
		reasons   map[string]string // part of a row's Reason
	}{
		{
			asOf: "2025-05-31", milestone: 0, phase: "集中攻坚阶段",
			rows: []row{
				{"青山村", 100, 50, 60, 48, reporting.StatusOnTrack},     // ⌈60·4/5⌉ = 48
				{"石门村", 37, 23, 23, 19, reporting.StatusAhead},        // ⌈23·4/5⌉ = ⌈18.4⌉; the aim met early
				{"竹林村", 1, 0, 1, 1, reporting.StatusBehind},           // ⌈1·4/5⌉ = ⌈0.8⌉
				{"新塘村", 0, 0, 0, 0, reporting.StatusNoTask},           //
				{"河口村", 2023, 971, 1214, 972, reporting.StatusBehind}, // ⌈1214·4/5⌉ = ⌈971.2⌉: one short
			},
			// 2161 in all: 60 % is 1296.6 → 1297, ⌈1297·4/5⌉ = ⌈1037.6⌉ = 1038.
			total: row{"青山镇", 2161, 1044, 1297, 1038, reporting.StatusOnTrack},
			want: []string{
				"依据：青政〔2025〕7号 四(一)",
				"当前阶段：集中攻坚阶段（2025-04-01 至 2025-12-31，青政〔2025〕7号 五(二)）",
				"当前节点：2025-06-30 前力争完成任务的 60%（青政〔2025〕7号 五(二)），还有 30 天",
				"正常：达到序时进度 1038 人；2025-06-30前力争完成 1297 人（青政〔2025〕7号 五(二)）",
				"起点为 2025-01-31",
			},
			reasons: map[string]string{
				"河口村": "低于序时进度 972 人，差 1 人；2025-06-30前力争完成 1214 人（青政〔2025〕7号 五(二)）",
				"石门村": "已提前达到节点要求：2025-06-30前力争完成 23 人（青政〔2025〕7号 五(二)）",
			},
			wantNot: []string{"须完成"},
		},
		{
			asOf: "2025-07-31", milestone: 1, phase: "集中攻坚阶段",
			rows: []row{
				{"青山村", 100, 66, 100, 67, reporting.StatusBehind},        // 60 + ⌈40·1/6⌉ = 60 + 7
				{"石门村", 37, 26, 37, 26, reporting.StatusOnTrack},         // 23 + ⌈14·1/6⌉ = 23 + 3
				{"竹林村", 1, 1, 1, 1, reporting.StatusDone},                // 1 + 0
				{"新塘村", 0, 2, 0, 0, reporting.StatusNoTask},              //
				{"河口村", 2023, 1349, 2023, 1349, reporting.StatusOnTrack}, // 1214 + ⌈809·1/6⌉ = 1214 + ⌈134.83⌉
			},
			// 1297 + ⌈864·1/6⌉ = 1297 + 144 = 1441.
			total: row{"青山镇", 2161, 1444, 2161, 1441, reporting.StatusOnTrack},
			want: []string{
				"依据：青政〔2025〕7号 四(一)",
				"当前节点：2025-12-31 前完成任务的 100%（青政〔2025〕7号 一），还有 153 天",
				"正常：达到序时进度 1441 人；2025-12-31前须完成 2161 人（青政〔2025〕7号 一）",
			},
			reasons: map[string]string{
				"青山村": "低于序时进度 67 人，差 1 人；2025-12-31前须完成 100 人（青政〔2025〕7号 一）",
				"竹林村": "已完成全部扩面任务 1 人",
			},
			wantNot: []string{"力争"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			in := reporting.BulletinInput{
				Title:  "青山镇基本养老保险参保扩面工作进度通报",
				Town:   "青山镇",
				AsOf:   eligibility.MustParseDate(tt.asOf),
				Policy: policy,
			}
			for _, r := range tt.rows {
				in.Units = append(in.Units, reporting.Progress{Name: r.Name, Task: r.Task, Enrolled: r.Enrolled})
			}
			b, err := reporting.NewBulletin(in)
			if err != nil {
				t.Fatal(err)
			}
			if b.Milestone != tt.milestone || !b.InPhase || b.Phase.Name != tt.phase {
				t.Errorf("milestone %d, phase %q (in %v); want %d, %q", b.Milestone, b.Phase.Name, b.InPhase, tt.milestone, tt.phase)
			}
			got := map[string]row{}
			for _, r := range b.Rows {
				got[r.Name] = row{r.Name, r.Task, r.Enrolled, r.Target, r.Pace, r.Status}
				if want, ok := tt.reasons[r.Name]; ok && !strings.Contains(r.Reason, want) {
					t.Errorf("%s: reason %q, want it to hold %q", r.Name, r.Reason, want)
				}
			}
			for _, want := range tt.rows {
				if diff := cmp.Diff(want, got[want.Name]); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", want.Name, diff)
				}
			}
			tot := b.Total
			if diff := cmp.Diff(tt.total, row{tot.Name, tot.Task, tot.Enrolled, tot.Target, tot.Pace, tot.Status}); diff != "" {
				t.Errorf("town mismatch (-want +got):\n%s", diff)
			}
			var text bytes.Buffer
			if err := b.Render(&text, table.FormatText, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.want {
				if !strings.Contains(text.String(), s) {
					t.Errorf("the bulletin lacks %q:\n%s", s, text.String())
				}
			}
			for _, s := range tt.wantNot {
				if strings.Contains(text.String(), s) {
					t.Errorf("the bulletin says %q:\n%s", s, text.String())
				}
			}
			var html bytes.Buffer
			if err := b.Render(&html, table.FormatHTML, table.RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			if footer := "青山镇2025年基本养老保险参保扩面工作方案（示例）（青政〔2025〕7号）"; !strings.Contains(html.String(), footer) {
				t.Errorf("the HTML page does not name the plan: want %q", footer)
			}
		})
	}
}

// TestBulletinQingshanBetweenCheckpoints checks that between two month ends
// the pace stays where the last one left it: on 2025-06-15 it is still
// ⌈req × 4 ÷ 5⌉, as on 2025-05-31 (counted by days it would be
// ⌈req × 135 ÷ 150⌉: 54 rather than 48 for a task of 100).
func TestBulletinQingshanBetweenCheckpoints(t *testing.T) {
	policy := qsPolicy(t)
	pace := func(asOf string, task int64) int64 {
		t.Helper()
		b, err := reporting.NewBulletin(reporting.BulletinInput{AsOf: eligibility.MustParseDate(asOf), Policy: policy,
			Units: []reporting.Progress{{Name: "青山村", Task: task}}})
		if err != nil {
			t.Fatal(err)
		}
		return b.Rows[0].Pace
	}
	for _, tt := range []struct{ task, want int64 }{{100, 48}, {37, 19}, {2023, 972}} {
		for _, d := range []string{"2025-05-31", "2025-06-15", "2025-06-29"} {
			if got := pace(d, tt.task); got != tt.want {
				t.Errorf("task %d on %s: pace %d, want %d", tt.task, d, got, tt.want)
			}
		}
		if got, want := pace("2025-06-30", tt.task), (tt.task*60+99)/100; got != want {
			t.Errorf("task %d on the aim's date: pace %d, want the requirement %d", tt.task, got, want)
		}
	}
}

// TestTallyQingshanGroups routes five residents under 青山镇's policy and
// tallies them: the table names the groups as the policy file does (it
// gives no short names, so the full names, led by their numerals) and its
// note cites the town's document.
func TestTallyQingshanGroups(t *testing.T) {
	rt, err := routing.Compile(qsPolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	asOf := eligibility.MustParseDate("2025-05-31")
	date := eligibility.MustParseDate
	local := func(v string) eligibility.Hukou { return eligibility.Hukou{Village: v, Local: true} }
	residents := []eligibility.Resident{
		// 二(一) 返乡创业人员: a business owner aged 18-54, uninsured.
		{Gender: eligibility.Male, Birth: date("1995-03-01"), Hukou: local("青山村"),
			Employment: eligibility.Employment{Kind: eligibility.SelfEmployedBusiness}},
		// 二(三) 低保: the government pays (三(二)).
		{Gender: eligibility.Male, Birth: date("1975-03-01"), Hukou: local("青山村"),
			Employment: eligibility.Employment{Kind: eligibility.NotEmployed}, Flags: eligibility.FlagMinimumLiving},
		// Insured and contributing: in no group.
		{Gender: eligibility.Female, Birth: date("1990-03-01"), Hukou: local("青山村"),
			Employment: eligibility.Employment{Kind: eligibility.EmployedByUnit},
			Insurance:  eligibility.Insurance{Scheme: eligibility.SchemeEmployee, Status: eligibility.StatusActive}},
		// 二(二) 新就业形态, a woman of 40: below the line of 45.
		{Gender: eligibility.Female, Birth: date("1985-03-01"), Hukou: local("石门村"),
			Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier}},
		// 二(四) 其他: a man of 52, above the line of 50.
		{Gender: eligibility.Male, Birth: date("1973-03-01"), Hukou: local("石门村"),
			Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
	}
	var tl reporting.Tally
	for i, r := range residents {
		d, err := rt.Route(r, asOf)
		if err != nil {
			t.Fatalf("resident %d: %v", i, err)
		}
		if err := tl.AddDecision(r.Hukou.Village, &d); err != nil {
			t.Fatal(err)
		}
	}
	tbl := tl.Table("青山镇分村分类汇总")
	var got [][]string
	for _, r := range tbl.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.String())
		}
		got = append(got, cells)
	}
	want := [][]string{
		{"青山村", "一 返乡创业人员", "企业职工基本养老保险", "以灵活就业人员身份参保", "1"},
		{"青山村", "三 低保、特困及重度残疾人员", "城乡居民基本养老保险", "政府代缴", "1"},
		{"青山村", "非扩面重点人群", "已参保", "", "1"},
		{"石门村", "二 灵活就业及新就业形态人员", "企业职工基本养老保险", "以灵活就业人员身份参保", "1"},
		{"石门村", "四 其他应参未参人员", "城乡居民基本养老保险", "个人参保缴费", "1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tally table mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"扩面对象类别依据青政〔2025〕7号；同属多个类别的人员在每个类别各计一次。"}, tbl.Notes); diff != "" {
		t.Errorf("tally notes mismatch (-want +got):\n%s", diff)
	}
	// The rulebook travels with the counts: a tally merged from this one
	// names the groups the same way.
	var merged reporting.Tally
	merged.Merge(&tl)
	var before, after bytes.Buffer
	if err := tbl.Render(&before, table.FormatText, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := merged.Table("青山镇分村分类汇总").Render(&after, table.FormatText, table.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before.String(), after.String()); diff != "" {
		t.Errorf("merged tally table mismatch (-want +got):\n%s", diff)
	}
}
