package table

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortKey is one key of [Table.Sorted]: a column and a direction.
type SortKey struct {
	Column     int
	Descending bool
}

// Sorted returns a copy of t with its rows sorted by keys, in order of
// precedence. Text cells compare by the collation of lang with numbers in
// numeric order — language.Chinese sorts Han characters by pinyin (罗 luo
// before 振 zhen) and puts 第2组 before 第10组; language.TraditionalChinese
// sorts by stroke count. Number cells compare by value, and before text
// cells; empty cells come last whatever the direction. Rows equal on every
// key are ordered by all their cells in the same way, column by column, and
// then by the bytes of their text, so that the output does not depend on
// the input order. The total row stays last.
//
// A key naming a column that does not exist gives a [*Error] wrapping
// [ErrNoColumn].
func (t Table) Sorted(lang language.Tag, keys ...SortKey) (Table, error) {
	if err := t.Validate(); err != nil {
		return Table{}, err
	}
	for _, k := range keys {
		if k.Column < 0 || k.Column >= len(t.Columns) {
			return Table{}, &Error{Row: -2, Column: k.Column, Err: ErrNoColumn}
		}
	}
	// A Collator is not safe for concurrent use: make one per call.
	col := collate.New(lang, collate.Numeric)
	var buf collate.Buffer
	// Collation keys for every text cell, computed once.
	type sortRow struct {
		cells []Cell
		keys  [][]byte
	}
	rows := make([]sortRow, len(t.Rows))
	for i, r := range t.Rows {
		ks := make([][]byte, len(r))
		for j, c := range r {
			if c.kind == cellText {
				ks[j] = bytes.Clone(col.KeyFromString(&buf, c.text))
				buf.Reset()
			}
		}
		rows[i] = sortRow{cells: r, keys: ks}
	}
	scales := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		scales[j] = c.Scale
	}
	cmpCell := func(a, b sortRow, j int) int {
		ca, cb := a.cells[j], b.cells[j]
		if ca.kind != cb.kind {
			// number < text < empty
			rank := func(k cellKind) int {
				switch k {
				case cellNumber:
					return 0
				case cellText:
					return 1
				}
				return 2
			}
			return cmp.Compare(rank(ca.kind), rank(cb.kind))
		}
		switch ca.kind {
		case cellNumber:
			va, _ := tblRescale(ca.num, int(ca.scale), scales[j])
			vb, _ := tblRescale(cb.num, int(cb.scale), scales[j])
			return cmp.Compare(va, vb)
		case cellText:
			return bytes.Compare(a.keys[j], b.keys[j])
		}
		return 0
	}
	slices.SortStableFunc(rows, func(a, b sortRow) int {
		for _, k := range keys {
			c := cmpCell(a, b, k.Column)
			if c != 0 {
				if k.Descending && a.cells[k.Column].kind != cellEmpty && b.cells[k.Column].kind != cellEmpty {
					return -c
				}
				return c
			}
		}
		for j := range t.Columns {
			if c := cmpCell(a, b, j); c != 0 {
				return c
			}
		}
		for j := range t.Columns {
			if c := strings.Compare(a.cells[j].text, b.cells[j].text); c != 0 {
				return c
			}
		}
		return 0
	})
	out := t
	out.Rows = make([][]Cell, len(rows))
	for i, r := range rows {
		out.Rows[i] = r.cells
	}
	return out, nil
}
