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
	Children []Node // the node's units one level down, e.g. a town's villages
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

// Error describes the error. A path deeper than eight levels is shown by its
// first two and last five names, and each name is cut to 40 characters, so
// the message stays short whatever the tree.
func (e *TreeError) Error() string {
	var b strings.Builder
	b.WriteString("allocation: at ")
	for k, name := range e.Path {
		if len(e.Path) > 8 && k == 2 {
			fmt.Fprintf(&b, " / … %d more", len(e.Path)-7)
		}
		if len(e.Path) > 8 && k >= 2 && k < len(e.Path)-5 {
			continue
		}
		if k > 0 {
			b.WriteString(" / ")
		}
		b.WriteString(cutName(name))
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// cutName cuts a name to 40 characters for a message.
func cutName(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Unwrap returns the error found at the node.
func (e *TreeError) Unwrap() error { return e.Err }

// ApportionTree splits total down a hierarchy: root's children get the total
// by method m (with opts, as [Apportion]), each child's allocation is split
// among its own children the same way, and so on to the leaves. With an
// independent rounding method each level rounds on its own, so children may
// not add up to their parent. Errors are wrapped in a [*TreeError] naming the
// node. The cost is linear in the number of nodes, whatever the depth.
func ApportionTree(total int64, root Node, m Method, opts ...Option) (TreeShare, error) {
	if total < 0 {
		return TreeShare{}, &TreeError{Path: []string{root.Name}, Err: &InputError{Index: -1, Field: "total", Value: total, Err: ErrNegative}}
	}
	wt, err := weigh(root, nil)
	if err != nil {
		return TreeShare{}, err
	}
	top := TreeShare{Share: Share{Name: root.Name, Weight: wt.w, Quota: quotaInt(total), Allocated: total}}
	if err := splitNode(&top, root, wt, m, opts, []string{root.Name}); err != nil {
		return TreeShare{}, err
	}
	return top, nil
}

// weighed holds the weight of a node and of each of its descendants, found
// in one pass.
type weighed struct {
	w    int64
	kids []weighed
}

// weigh finds the weights of n and its descendants: a node with children and
// no stated weight weighs the sum of its children. path holds the names
// above n (a stack shared down the recursion; copied only for an error).
func weigh(n Node, path []string) (weighed, error) {
	wn := weighed{w: n.Weight}
	if len(n.Children) == 0 {
		return wn, nil
	}
	path = append(path, n.Name)
	wn.kids = make([]weighed, len(n.Children))
	var sum int64
	for i, c := range n.Children {
		k, err := weigh(c, path)
		if err != nil {
			return weighed{}, err
		}
		wn.kids[i] = k
		if n.Weight != 0 {
			continue // a stated weight: the children are checked when split
		}
		if k.w < 0 {
			return weighed{}, &TreeError{Path: slices.Concat(path, []string{c.Name}), Err: &InputError{Index: -1, Name: c.Name, Field: "weight", Value: k.w, Err: ErrNegative}}
		}
		if sum > math.MaxInt64-k.w {
			return weighed{}, &TreeError{Path: slices.Clone(path), Err: &InputError{Index: -1, Field: "sum of weights", Err: ErrOverflow}}
		}
		sum += k.w
	}
	if n.Weight == 0 {
		wn.w = sum
	}
	return wn, nil
}

// splitNode splits ts.Allocated among n's children (weights in wn) and
// recurses. path holds the names from the root to n (a shared stack).
func splitNode(ts *TreeShare, n Node, wn weighed, m Method, opts []Option, path []string) error {
	if len(n.Children) == 0 {
		return nil
	}
	units := make([]Unit, len(n.Children))
	for i, c := range n.Children {
		units[i] = c.Unit
		units[i].Weight = wn.kids[i].w
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
		if err := splitNode(&ts.Children[i], c, wn.kids[i], m, opts, append(path, c.Name)); err != nil {
			return err
		}
	}
	return nil
}

// Leaves returns the shares of the leaves, depth first in input order.
func (t TreeShare) Leaves() []Share {
	var out []Share
	t.appendLeaves(&out)
	return out
}

func (t TreeShare) appendLeaves(out *[]Share) {
	if len(t.Children) == 0 {
		*out = append(*out, t.Share)
		return
	}
	for _, c := range t.Children {
		c.appendLeaves(out)
	}
}
