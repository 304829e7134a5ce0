package allocation_test

import (
	"errors"
	"testing"

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
