// Command tour is the README's five-minute tour of kuomian, as a program
// that compiles and runs: split a target exactly, read identity numbers,
// route residents under a town's plan with cited reasons, change the plan
// as data, read and tally a roster, and publish the month's bulletin. A
// test checks that README.md shows this file and what it prints.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

func main() {
	if err := tour(); err != nil {
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}

func tour() error {
	// 1. Split 罗东's target in proportion to the unenrolled, exactly, each
	// cell rounded half up as the published table was (罗政〔2019〕185号 附件);
	// the 2019 column comes from the unrounded quota, not the rounded cell.
	units := []allocation.Unit{
		{Name: "新明村", Weight: 2170, Max: 2170, HasMax: true}, // never more than the unenrolled
		{Name: "荆坑村", Weight: 633, Max: 633, HasMax: true},
		{Name: "其他12村", Weight: 12930, Max: 12930, HasMax: true},
	}
	res, err := allocation.Apportion(9777, units, allocation.HalfUp)
	if err != nil {
		return err
	}
	task, err := allocation.Derive(res, allocation.MustParseRate("80%"), allocation.HalfUp)
	if err != nil {
		return err
	}
	s, t := res.Shares[1], task.Shares[1]
	fmt.Println(s.Name, s.Quota.StringFixed(2), "→", s.Allocated, "; 2019:", t.Quota.StringFixed(2), "→", t.Allocated)

	// 2. Identity numbers (GB 11643-1999): 15 or 18 digits, full-width or a
	// lower-case x, one canonical form; errors never echo the number.
	id, err := eligibility.ParseIDNumber("11010519491231002x")
	if err != nil {
		return err
	}
	fmt.Println(id.Masked(), id.BirthDate(), id.Gender())
	_, err = eligibility.ParseIDNumber("110105194912310021")
	fmt.Println(err)

	// 3. Route a resident under 石堰府发〔2023〕10号: target groups, scheme,
	// channel, fallback and follow-up, each with the clause it rests on.
	rt, err := routing.Compile(routing.Shiyan2023())
	if err != nil {
		return err
	}
	courier := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("500115197303150031"), // a man of 50
		Hukou:      eligibility.Hukou{Village: "石堰村", Local: true},
		Employment: eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformFoodDelivery},
	}
	asOf := eligibility.MustParseDate("2023-06-30")
	d, err := rt.Route(courier, asOf)
	if err != nil {
		return err
	}
	fmt.Println(d.Rulebook().Keys(d.Groups), d.Outcome, d.Channel, "fallback", d.Fallback.Outcome)
	fmt.Print(firstLines(d.Explain(language.Chinese), 5))

	// 4. A plan is data: encode it, edit it, load it back; the edit routes.
	// Here a town raises the 城乡富裕人员 threshold (二(五)) to 1500 元.
	var js strings.Builder
	if err := routing.EncodePolicy(&js, routing.Shiyan2023()); err != nil {
		return err
	}
	edited := strings.Replace(js.String(), `"tier_above": "1000"`, `"tier_above": "1500"`, 1)
	p, err := routing.LoadPolicy(strings.NewReader(edited))
	if err != nil {
		return err
	}
	rt2, err := routing.Compile(p)
	if err != nil {
		return err
	}
	tier1200 := eligibility.Resident{
		ID:           eligibility.MustParseIDNumber("500115198001010011"),
		Hukou:        eligibility.Hukou{Village: "石堰村", Local: true},
		Insurance:    eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive},
		ResidentTier: decimal.RequireFromString("1200"),
	}
	before, err := rt.Route(tier1200, asOf)
	if err != nil {
		return err
	}
	after, err := rt2.Route(tier1200, asOf)
	if err != nil {
		return err
	}
	fmt.Println("tier 1200:", before.Outcome, "→", after.Outcome)

	// 5. Read a roster export (Chinese headers, UTF-8 or GB18030, title rows
	// allowed), route and tally it. A bad identity number rejects its row
	// with the line, the column and a masked value; a value not understood
	// in an optional column leaves that fact unknown, with a warning; the
	// counts reconcile.
	csv := "石堰镇扩面摸底表\n" +
		"姓名,身份证号码,村(社区),就业状况,是否本区户籍\n" +
		"张三,500115197303150031,石堰村,外卖骑手,是\n" +
		"李四,500115199001010016,石堰村,灵活就业,是\n" +
		"王五,50011519900101001X,桃园村,未就业,是\n"
	var tally reporting.Tally
	var notes []string
	rep, err := reporting.RouteRoster(strings.NewReader(csv), roster.Options{}, rt, asOf,
		func(row roster.Row, d *routing.Decision) error {
			for _, w := range row.Warnings { // a value not understood: left unknown
				notes = append(notes, w.Error())
			}
			return tally.AddDecision(row.Resident.Hukou.Village, d)
		},
		func(e *roster.RowError) error { notes = append(notes, e.Error()); return nil })
	if err != nil {
		return err
	}
	fmt.Println(rep.Counts)
	fmt.Println(strings.Join(notes, "\n"))
	rb := rt.Rulebook()
	for _, r := range tally.Rows() { // village × target group × scheme × channel
		fmt.Println(r.Village, rb.Keys(eligibility.GroupsOf(r.Group)), r.Outcome, r.Channel, r.Count)
	}

	// 6. Publish the month's 通报: the plan's own timetable (milestones, the
	// 序时进度 counted at month ends, the bulletin clause) drives it.
	b, err := reporting.NewBulletin(reporting.BulletinInput{
		Title:  "石堰镇基本养老保险扩面进度通报",
		Town:   "石堰镇",
		AsOf:   asOf,
		Policy: routing.Shiyan2023(),
		Units: []reporting.Progress{
			{Name: "石堰村", Task: 120, Enrolled: 61},
			{Name: "桃园村", Task: 80, Enrolled: 30},
		},
	})
	if err != nil {
		return err
	}
	for _, r := range append(b.Rows, b.Total) {
		fmt.Println(r.Name, r.Rate.StringFixed(2)+"%", "序时进度", r.Pace, r.Status.Label(language.Chinese))
	}
	// b.Render(w, table.FormatHTML, table.RenderOptions{}) writes the page.
	return nil
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}
