package allocation_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
)

func TestApportionTree(t *testing.T) {
	l := readLuodong(t)
	var villages []allocation.Node
	for _, u := range l.units() {
		villages = append(villages, allocation.Node{Unit: u})
	}
	district := allocation.Node{
		Unit: allocation.Unit{Name: "南安市"},
		Children: []allocation.Node{
			{Unit: allocation.Unit{Name: "罗东镇"}, Children: villages}, // weight: Σ 未参保 = 15733
			{Unit: allocation.Unit{Name: "甲镇", Weight: 15733}},
			{Unit: allocation.Unit{Name: "乙镇", Weight: 0}},
		},
	}
	// 19554 = 2 × 9777: 罗东 gets exactly 9777, split as the published
	// half-up cells (independent rounding) or Hamilton (sum kept).
	tr, err := allocation.ApportionTree(19554, district, allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Allocated != 19554 || tr.Weight != 31466 || tr.Sum != 19554 {
		t.Errorf("root %+v", tr.Share)
	}
	luodong := tr.Children[0]
	if luodong.Weight != 15733 || luodong.Allocated != 9777 || luodong.Sum != 9778 {
		t.Errorf("罗东镇: weight %d allocated %d sum %d", luodong.Weight, luodong.Allocated, luodong.Sum)
	}
	var got []int64
	for _, c := range luodong.Children {
		got = append(got, c.Allocated)
	}
	if diff := cmp.Diff(l.target, got); diff != "" {
		t.Errorf("罗东 villages (-published +got):\n%s", diff)
	}
	ham, err := allocation.ApportionTree(19554, district, allocation.Hamilton)
	if err != nil {
		t.Fatal(err)
	}
	leaves := ham.Leaves()
	if len(leaves) != 16 || leaves[3].Name != "新明村" || leaves[3].Allocated != 1348 || ham.Children[0].Sum != 9777 {
		t.Errorf("Hamilton leaves: %d, %+v", len(leaves), leaves[3])
	}
	// Errors name the node.
	bad := district
	bad.Children = append([]allocation.Node{}, district.Children...)
	bad.Children[0] = allocation.Node{Unit: allocation.Unit{Name: "罗东镇"}, Children: []allocation.Node{{Unit: allocation.Unit{Name: "x", Weight: 1, Min: 20000}}}}
	_, err = allocation.ApportionTree(19554, bad, allocation.Hamilton)
	var te *allocation.TreeError
	if !errors.As(err, &te) || !errors.Is(err, allocation.ErrInfeasible) {
		t.Fatalf("err = %v", err)
	}
	if diff := cmp.Diff([]string{"南安市", "罗东镇"}, te.Path); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
	tied := allocation.Node{Unit: allocation.Unit{Name: "r"}, Children: []allocation.Node{
		{Unit: allocation.Unit{Name: "a"}, Children: []allocation.Node{{Unit: allocation.Unit{Name: "a1", Weight: 1}}, {Unit: allocation.Unit{Name: "a2", Weight: 1}}}},
		{Unit: allocation.Unit{Name: "b", Weight: 4}},
	}}
	_, err = allocation.ApportionTree(9, tied, allocation.Hamilton) // a gets 3: a1, a2 tie
	if !errors.As(err, &te) || !errors.Is(err, allocation.ErrTie) || len(te.Path) != 2 || te.Path[1] != "a" {
		t.Errorf("tie in a subtree: %v", err)
	}
	res, err := allocation.ApportionTree(9, tied, allocation.Hamilton, allocation.WithTieRule(allocation.TieByName))
	if err != nil || len(res.Children[0].Ties) != 1 || res.Children[0].Children[0].Allocated != 2 {
		t.Errorf("settled tie: %+v, %v", res, err)
	}
	if _, err := allocation.ApportionTree(-1, tied, allocation.Hamilton); !errors.Is(err, allocation.ErrNegative) {
		t.Errorf("negative total: %v", err)
	}
}

func TestMilestones(t *testing.T) {
	d := func(y int, m time.Month, day int) allocation.Date {
		return allocation.Date{Year: y, Month: m, Day: day}
	}
	// 罗政〔2019〕185号 三(二): 80 % of the task by the end of 2019 ("80%以上":
	// at least, so Ceil), all of it by the end of 2020.
	ms := []allocation.Milestone{
		{Date: d(2019, 12, 31), Share: allocation.MustParseRate("80%")},
		{Date: d(2020, 12, 31), Share: allocation.MustParseRate("100%")},
	}
	cps, err := allocation.Milestones(9777, ms, allocation.Ceil)
	if err != nil {
		t.Fatal(err)
	}
	var due []int64
	for _, c := range cps {
		due = append(due, c.Due)
	}
	if diff := cmp.Diff([]int64{7822, 9777}, due); diff != "" {
		t.Errorf("Milestones (-want +got):\n%s", diff)
	}
	// Even monthly pace from the plan's date, 2019-07-18.
	cps, err = allocation.Pace(9777, d(2019, 7, 18), ms, allocation.Ceil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cps) != 18 {
		t.Fatalf("%d checkpoints, want 18", len(cps))
	}
	// 7821.6·k/6 rounded up: 1303.6, 2607.2, 3910.8, 5214.4, 6518, 7821.6.
	want2019 := []int64{1304, 2608, 3911, 5215, 6518, 7822}
	var got2019 []int64
	for _, c := range cps[:6] {
		got2019 = append(got2019, c.Due)
	}
	if diff := cmp.Diff(want2019, got2019); diff != "" {
		t.Errorf("2019 pace (-want +got):\n%s", diff)
	}
	if cps[0].Date != d(2019, 7, 31) || cps[1].Date != d(2019, 8, 31) || cps[2].Date != d(2019, 9, 30) || !cps[5].Milestone || cps[4].Milestone {
		t.Errorf("dates: %v %v %v", cps[0].Date, cps[1].Date, cps[2].Date)
	}
	// 2020: 7821.6 + 1955.4·k/12; January is 7984.55 → 7985.
	if cps[6].Date != d(2020, 1, 31) || cps[6].Due != 7985 || cps[6].Quota.StringFixed(2) != "7984.55" || cps[17].Due != 9777 || cps[17].Date != d(2020, 12, 31) {
		t.Errorf("2020: %+v … %+v", cps[6], cps[17])
	}
	var sum int64
	for i, c := range cps {
		if i > 0 && c.Due < cps[i-1].Due {
			t.Errorf("not monotone at %v", c.Date)
		}
		sum += c.Step
	}
	if sum != 9777 {
		t.Errorf("steps sum to %d", sum)
	}
	// 石堰府发〔2023〕10号 四(二) phases end on 3-15, 9-30 and 12-31:
	// checkpoints at month ends and at each phase end.
	shiyan := []allocation.Milestone{
		{Date: d(2023, 3, 15), Share: allocation.MustParseRate("10%")},
		{Date: d(2023, 9, 30), Share: allocation.MustParseRate("80%")},
		{Date: d(2023, 12, 31), Share: allocation.MustParseRate("1")},
	}
	cps, err = allocation.Pace(1000, d(2023, 1, 1), shiyan, allocation.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	due = nil
	for _, c := range cps {
		dates = append(dates, c.Date.String())
		due = append(due, c.Due)
	}
	wantDates := []string{"2023-01-31", "2023-02-28", "2023-03-15", "2023-03-31", "2023-04-30", "2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"}
	if diff := cmp.Diff(wantDates, dates); diff != "" {
		t.Errorf("石堰 dates (-want +got):\n%s", diff)
	}
	// 100/3 → 33, 67, 100; then 100 + 700·k/7; then 800 + 200·k/3.
	if diff := cmp.Diff([]int64{33, 67, 100, 200, 300, 400, 500, 600, 700, 800, 867, 933, 1000}, due); diff != "" {
		t.Errorf("石堰 pace (-want +got):\n%s", diff)
	}
	// Errors: each message names the milestone and what is wrong with it.
	for name, tc := range map[string]struct {
		ms   []allocation.Milestone
		want string
	}{
		"out of order": {[]allocation.Milestone{ms[1], ms[0]}, "allocation: milestone 1: date " + ms[0].Date.String() + " (not after " + ms[1].Date.String() + "): invalid milestone"},
		"share down": {[]allocation.Milestone{{Date: d(2019, 12, 31), Share: allocation.MustParseRate("1")}, {Date: d(2020, 12, 31), Share: allocation.MustParseRate("0.5")}},
			"allocation: milestone 1: share 1/2 (below the previous milestone's 1): invalid milestone"},
		"invalid date": {[]allocation.Milestone{{Date: d(2019, 2, 29), Share: allocation.MustParseRate("1")}}, "allocation: milestone 0: date 2019-02-29 (no such day): invalid milestone"},
		"repeated":     {[]allocation.Milestone{ms[0], ms[0]}, "allocation: milestone 1: date " + ms[0].Date.String() + " (not after " + ms[0].Date.String() + "): invalid milestone"},
	} {
		_, err := allocation.Pace(100, allocation.Date{}, tc.ms, allocation.Ceil)
		if !errors.Is(err, allocation.ErrMilestone) {
			t.Errorf("%s: err = %v", name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
			t.Errorf("%s: message mismatch (-want +got):\n%s", name, diff)
		}
	}
	if _, err := allocation.Pace(100, d(2020, 1, 1), ms, allocation.Ceil); !errors.Is(err, allocation.ErrMilestone) {
		t.Errorf("start after a milestone: %v", err)
	}
	if _, err := allocation.Pace(-1, allocation.Date{}, ms, allocation.Ceil); !errors.Is(err, allocation.ErrNegative) {
		t.Errorf("negative task: %v", err)
	}
	if _, err := allocation.Pace(1, allocation.Date{}, ms, allocation.Hamilton); !errors.Is(err, allocation.ErrUnknownMethod) {
		t.Errorf("Hamilton pace: %v", err)
	}
	if got, err := allocation.ParseDate("2019-12-31"); err != nil || got != d(2019, 12, 31) || got.String() != "2019-12-31" {
		t.Errorf("ParseDate: %v %v", got, err)
	}
	if _, err := allocation.ParseDate("2019-02-29"); err == nil {
		t.Error("ParseDate accepted 2019-02-29")
	}
}
