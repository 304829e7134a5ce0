package allocation

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Node is a unit in a hierarchy: a district whose children are towns, a
// town whose children are villages. A node with children and a zero Weight
// takes the sum of its children's weights; a stated positive Weight is used
// as given. Min, Max and HasMax bound the node's allocation within its
// parent, as for a [Unit].
type Node struct {
	Unit
	Children []Node
}

// TreeShare is one node's part of a hierarchical apportionment: its [Share]
// of its parent's allocation (for the root: Allocated is the total and the
// quota is the total), and the split of that allocation among its children.
type TreeShare struct {
	Share
	// Children holds the children's shares in input order.
	Children []TreeShare
	// Ties lists the ties settled when this node's allocation was split.
	Ties []Tie
	// Sum is the sum of the children's allocations (equal to Allocated for
	// the methods that keep the sum; 0 for a leaf).
	Sum int64
}

// TreeError reports an error found while splitting the allocation of the
// node at Path (the names from the root down).
type TreeError struct {
	Path []string
	Err  error
}

// Error describes the error.
func (e *TreeError) Error() string {
	return fmt.Sprintf("allocation: at %s: %v", strings.Join(e.Path, " / "), e.Err)
}

// Unwrap returns the error found at the node.
func (e *TreeError) Unwrap() error { return e.Err }

// ApportionTree splits total down a hierarchy: root's children get the total
// by method m (with opts, as [Apportion]), each child's allocation is split
// among its own children the same way, and so on to the leaves. With an
// independent rounding method each level rounds on its own, so children may
// not add up to their parent. Errors are wrapped in a [*TreeError] naming the
// node.
func ApportionTree(total int64, root Node, m Method, opts ...Option) (TreeShare, error) {
	if total < 0 {
		return TreeShare{}, &TreeError{Path: []string{root.Name}, Err: &InputError{Index: -1, Field: "total", Value: total, Err: ErrNegative}}
	}
	w, err := nodeWeight(root, nil)
	if err != nil {
		return TreeShare{}, err
	}
	top := TreeShare{Share: Share{Name: root.Name, Weight: w, Quota: quotaInt(total), Allocated: total}}
	if err := splitNode(&top, root, m, opts, []string{root.Name}); err != nil {
		return TreeShare{}, err
	}
	return top, nil
}

func nodeWeight(n Node, path []string) (int64, error) {
	if len(n.Children) == 0 || n.Weight != 0 {
		return n.Weight, nil
	}
	var sum int64
	for _, c := range n.Children {
		w, err := nodeWeight(c, slices.Concat(path, []string{n.Name}))
		if err != nil {
			return 0, err
		}
		if w < 0 {
			return 0, &TreeError{Path: slices.Concat(path, []string{n.Name, c.Name}), Err: &InputError{Index: -1, Name: c.Name, Field: "weight", Value: w, Err: ErrNegative}}
		}
		if sum > math.MaxInt64-w {
			return 0, &TreeError{Path: slices.Concat(path, []string{n.Name}), Err: &InputError{Index: -1, Field: "weight", Err: ErrOverflow}}
		}
		sum += w
	}
	return sum, nil
}

func splitNode(ts *TreeShare, n Node, m Method, opts []Option, path []string) error {
	if len(n.Children) == 0 {
		return nil
	}
	units := make([]Unit, len(n.Children))
	for i, c := range n.Children {
		w, err := nodeWeight(c, path)
		if err != nil {
			return err
		}
		units[i] = c.Unit
		units[i].Weight = w
	}
	res, err := Apportion(ts.Allocated, units, m, opts...)
	if err != nil {
		return &TreeError{Path: slices.Clone(path), Err: err}
	}
	ts.Ties = res.Ties
	ts.Sum = res.Sum
	ts.Children = make([]TreeShare, len(n.Children))
	for i, c := range n.Children {
		ts.Children[i] = TreeShare{Share: res.Shares[i]}
		if err := splitNode(&ts.Children[i], c, m, opts, slices.Concat(path, []string{c.Name})); err != nil {
			return err
		}
	}
	return nil
}

// Leaves returns the shares of the leaves, depth first in input order.
func (t TreeShare) Leaves() []Share {
	if len(t.Children) == 0 {
		return []Share{t.Share}
	}
	var out []Share
	for _, c := range t.Children {
		out = append(out, c.Leaves()...)
	}
	return out
}
