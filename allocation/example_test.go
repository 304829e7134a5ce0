package allocation_test

import (
	"errors"
	"fmt"

	"github.com/canbao/kuomian/allocation"
)

// luodongVillages are the 14 villages of 罗政〔2019〕185号 附件 with their
// 未参保人数 (16-59周岁人数 − 已参加居民保人数).
func luodongVillages() []allocation.Unit {
	names := []string{"振兴村", "罗溪村", "维新村", "新明村", "罗东村", "埔心村", "山坂村", "蔡厝村", "霞山村", "荆坑村", "高塘村", "潭溪村", "新雨亭", "银河新城"}
	unenrolled := []int64{1694, 1141, 1562, 2170, 3394, 978, 637, 1056, 495, 633, 652, 1234, 7, 80}
	units := make([]allocation.Unit, len(names))
	for i := range names {
		units[i] = allocation.Unit{Name: names[i], Weight: unenrolled[i]}
	}
	return units
}

// The 罗东 table: the town's 9777 split by 未参保人数 and rounded half up
// cell by cell (应扩面人数), and 80 % of the unrounded shares (2019年任务数).
func Example_luodong() {
	target, err := allocation.Apportion(9777, luodongVillages(), allocation.HalfUp)
	if err != nil {
		panic(err)
	}
	task, err := allocation.Derive(target, allocation.MustParseRate("80%"), allocation.HalfUp)
	if err != nil {
		panic(err)
	}
	for i, s := range target.Shares[:4] {
		fmt.Printf("%s %s → %d, %s → %d\n", s.Name, s.Quota.StringFixed(2), s.Allocated,
			task.Shares[i].Quota.StringFixed(2), task.Shares[i].Allocated)
	}
	fmt.Printf("应扩面: sum %d, target %v, diff %v\n", target.Sum, target.Target, target.Diff())
	fmt.Printf("2019:   sum %d, target %s\n", task.Sum, task.Target.StringFixed(1))
	// Output:
	// 振兴村 1052.71 → 1053, 842.17 → 842
	// 罗溪村 709.05 → 709, 567.24 → 567
	// 维新村 970.68 → 971, 776.54 → 777
	// 新明村 1348.51 → 1349, 1078.81 → 1079
	// 应扩面: sum 9778, target 9777, diff 1
	// 2019:   sum 7821, target 7821.6
}

// Auditing the published table: every cell matches half-up, but neither
// column foots; a method that keeps the sum would change one cell.
func ExampleAuditColumn() {
	units := luodongVillages()
	target, _ := allocation.Apportion(9777, units, allocation.HalfUp)
	task, _ := allocation.Derive(target, allocation.MustParseRate("0.8"), allocation.HalfUp)

	published := allocation.Column{
		Name:  "应扩面人数",
		Cells: []int64{1053, 709, 971, 1349, 2109, 608, 396, 656, 308, 393, 405, 767, 4, 50},
		Total: 9777, HasTotal: true,
	}
	published2019 := allocation.Column{
		Name:  "2019年任务数",
		Cells: []int64{842, 567, 777, 1079, 1687, 486, 317, 525, 246, 315, 324, 613, 3, 40},
		Total: 7822, HasTotal: true,
	}
	for _, c := range []struct {
		col  allocation.Column
		rule allocation.Result
	}{{published, target}, {published2019, task}} {
		a, err := allocation.AuditColumn(c.col, c.rule)
		if err != nil {
			panic(err)
		}
		fmt.Println(a)
	}

	ham, _ := allocation.Apportion(9777, units, allocation.Hamilton)
	changes, _ := allocation.Changes(target, ham)
	for _, c := range changes {
		fmt.Printf("hamilton would change %s: %d → %d\n", c.Name, c.From, c.To)
	}
	// Output:
	// 应扩面人数: 14 cells match half-up; cells sum to 9778, stated total 9777 (+1)
	// 2019年任务数: 14 cells match half-up; cells sum to 7821, stated total 7822 (-1)
	// hamilton would change 新明村: 1349 → 1348
}

// A divisor method: the 1792 apportionment of the U.S. House, 105 seats by
// Jefferson's method (D'Hondt), from the 1790 census.
func ExampleApportion_divisor() {
	states := []allocation.Unit{
		{Name: "Virginia", Weight: 630560},
		{Name: "Massachusetts", Weight: 475327},
		{Name: "Pennsylvania", Weight: 432879},
		{Name: "North Carolina", Weight: 353523},
		{Name: "New York", Weight: 331589},
		{Name: "Maryland", Weight: 278514},
		{Name: "Connecticut", Weight: 236841},
		{Name: "South Carolina", Weight: 206236},
		{Name: "New Jersey", Weight: 179570},
		{Name: "New Hampshire", Weight: 141822},
		{Name: "Vermont", Weight: 85533},
		{Name: "Georgia", Weight: 70835},
		{Name: "Kentucky", Weight: 68705},
		{Name: "Rhode Island", Weight: 68446},
		{Name: "Delaware", Weight: 55540},
	}
	res, err := allocation.Apportion(105, states, allocation.DHondt)
	if err != nil {
		panic(err)
	}
	for _, s := range res.Shares[:3] {
		fmt.Printf("%s: quota %s, %d seats (%v)\n", s.Name, s.Quota.StringFixed(3), s.Allocated, s.Rounding)
	}
	d := res.Shares[len(res.Shares)-1]
	fmt.Printf("%s: quota %s, %d seat (%v)\n", d.Name, d.Quota.StringFixed(3), d.Allocated, d.Rounding)
	fmt.Println("sum", res.Sum)
	// Output:
	// Virginia: quota 18.310, 19 seats (up)
	// Massachusetts: quota 13.803, 14 seats (up)
	// Pennsylvania: quota 12.570, 13 seats (up)
	// Delaware: quota 1.613, 1 seat (down)
	// sum 105
}

// A tie is reported, not broken, unless a tie rule is given.
func ExampleTieError() {
	units := []allocation.Unit{{Name: "甲村", Weight: 100}, {Name: "乙村", Weight: 100}, {Name: "丙村", Weight: 100}}
	_, err := allocation.Apportion(10, units, allocation.Hamilton)
	var te *allocation.TieError
	if errors.As(err, &te) {
		fmt.Println(err)
		fmt.Println("partial:", te.Partial.Allocations(), "short by", te.Tie.Seats)
	}
	res, _ := allocation.Apportion(10, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByOrder))
	fmt.Println(res.Allocations(), res.Ties[0])
	// Output:
	// allocation: hamilton: 3 units tie for the last 1 seat (#0 "甲村", #1 "乙村", #2 "丙村")
	// partial: [3 3 3] short by 1
	// [4 3 3] 3 units tie for the last 1 seat (#0 "甲村", #1 "乙村", #2 "丙村"), settled by order: [0]
}

// Bounds: a village is asked for no more than a cap (here 银河新城 at 40), and
// the seats it cannot take go to the others.
func ExampleUnit_bounds() {
	units := []allocation.Unit{
		{Name: "新雨亭", Weight: 7, Max: 7, HasMax: true},
		{Name: "银河新城", Weight: 80, Max: 40, HasMax: true},
		{Name: "振兴村", Weight: 1694, Max: 1694, HasMax: true},
	}
	res, err := allocation.Apportion(1000, units, allocation.Hamilton)
	if err != nil {
		panic(err)
	}
	for _, s := range res.Shares {
		fmt.Println(s.Name, s.Quota.StringFixed(2), s.Allocated, s.Rounding)
	}
	_, err = allocation.Apportion(1800, units, allocation.Hamilton)
	fmt.Println(err)
	// Output:
	// 新雨亭 3.93 4 up
	// 银河新城 44.92 40 max
	// 振兴村 951.15 956 up
	// allocation: the units can take at most 1741, below the total 1800: bounds cannot be met
}

// A derived column from a rate written as a percentage, a decimal or a
// fraction.
func ExampleDerive() {
	base, _ := allocation.Apportion(9777, luodongVillages(), allocation.HalfUp)
	for _, text := range []string{"80%", "0.8", "4/5"} {
		rate, err := allocation.ParseRate(text)
		if err != nil {
			panic(err)
		}
		task, _ := allocation.Derive(base, rate, allocation.HalfUp)
		s := task.Shares[9] // 荆坑村
		fmt.Printf("%s: %s %s → %d (the rounded cell %d × %s would give %d)\n",
			text, s.Name, s.Quota.StringFixed(2), s.Allocated, base.Shares[9].Allocated, rate.Percent(0), 314)
	}
	// Output:
	// 80%: 荆坑村 314.69 → 315 (the rounded cell 393 × 80% would give 314)
	// 0.8: 荆坑村 314.69 → 315 (the rounded cell 393 × 80% would give 314)
	// 4/5: 荆坑村 314.69 → 315 (the rounded cell 393 × 80% would give 314)
}

// A district's target to towns, and each town's to its villages.
func ExampleApportionTree() {
	district := allocation.Node{
		Unit: allocation.Unit{Name: "区"},
		Children: []allocation.Node{
			{Unit: allocation.Unit{Name: "东镇"}, Children: []allocation.Node{
				{Unit: allocation.Unit{Name: "东一村", Weight: 300}},
				{Unit: allocation.Unit{Name: "东二村", Weight: 200}},
			}},
			{Unit: allocation.Unit{Name: "西镇"}, Children: []allocation.Node{
				{Unit: allocation.Unit{Name: "西一村", Weight: 250}},
				{Unit: allocation.Unit{Name: "西二村", Weight: 250}},
				{Unit: allocation.Unit{Name: "西三村", Weight: 0}},
			}},
		},
	}
	tree, err := allocation.ApportionTree(101, district, allocation.SainteLague, allocation.WithTieRule(allocation.TieByName))
	if err != nil {
		panic(err)
	}
	for _, town := range tree.Children {
		fmt.Print(town.Name, " ", town.Allocated, ":")
		for _, v := range town.Children {
			fmt.Print(" ", v.Name, " ", v.Allocated)
		}
		fmt.Println()
	}
	fmt.Println(tree.Ties[0])
	// Output:
	// 东镇 51: 东一村 31 东二村 20
	// 西镇 50: 西一村 25 西二村 25 西三村 0
	// 2 units tie for the last 1 seat (#0 "东镇", #1 "西镇"), settled by name: [0]
}
