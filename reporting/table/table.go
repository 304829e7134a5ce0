package table

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/internal/privacy"
)

// Kind is the kind of value a table column holds.
type Kind uint8

// The column kinds. The zero Kind is KindText.
const (
	KindText    Kind = iota // 文本: names, labels
	KindInteger             // 整数: headcounts, tasks
	KindDecimal             // 定点小数: an exact decimal at the column's Scale (rates, quotas)
)

// String returns "text", "integer" or "decimal".
func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindInteger:
		return "integer"
	case KindDecimal:
		return "decimal"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Align is the horizontal alignment of a column in the text, Markdown and
// HTML forms.
type Align uint8

// The alignments. The zero Align, AlignAuto, puts text on the left and
// numbers on the right.
const (
	AlignAuto Align = iota
	AlignLeft
	AlignRight
	AlignCenter
)

// Column describes one column of a [Table].
type Column struct {
	Header string // 表头, e.g. 应扩面人数
	Kind   Kind
	// Scale is the number of digits after the decimal point of a KindDecimal
	// column, 0 to 18; every cell is shown at this scale.
	Scale int
	Align Align
	// NoSum keeps a numeric column out of the total row (ranks, rates):
	// its total cell is left empty and is not audited.
	NoSum bool
	// RevealNumbers shows the column's text cells as they are. By default
	// every renderer masks the identity and phone numbers in every text it
	// shows, wherever they stand (see [Table.Masked]); set it only for a
	// column that must show full numbers, such as the 公民身份号码 of a
	// roster revealed on purpose (reporting.MaskOptions.RevealPersonalData),
	// kept under the township's own protection. It does not apply to the
	// header, the title or the notes, nor to number cells, which are shown
	// as they are in every column.
	RevealNumbers bool
}

// cellKind says what a Cell holds.
type cellKind uint8

const (
	cellEmpty cellKind = iota
	cellText
	cellNumber
	cellBadScale // made by Decimal with a scale out of range
)

// Cell is one cell of a [Table]: empty (the zero Cell), a text, or an exact
// number (an integer, or a decimal kept as an unscaled integer and a scale).
// Make cells with [Text], [Int] and [Decimal].
type Cell struct {
	kind  cellKind
	scale int8
	text  string
	num   int64
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{kind: cellText, text: s} }

// Int returns an integer cell.
func Int(v int64) Cell { return Cell{kind: cellNumber, num: v} }

// Decimal returns the exact decimal cell unscaled·10^−scale: Decimal(8437, 2)
// is 84.37. scale must be 0 to 18; a cell made with another scale is
// invalid: it prints as "" and [Table.Validate] reports it.
func Decimal(unscaled int64, scale int) Cell {
	if scale < 0 || scale > tblMaxScale {
		return Cell{kind: cellBadScale}
	}
	return Cell{kind: cellNumber, num: unscaled, scale: int8(scale)}
}

// tblMaxScale is the largest decimal scale a cell or column may have.
const tblMaxScale = 18

// IsEmpty reports whether c is the empty cell.
func (c Cell) IsEmpty() bool { return c.kind == cellEmpty }

// IsNumber reports whether c holds a number.
func (c Cell) IsNumber() bool { return c.kind == cellNumber }

// Number returns the cell's number as an unscaled integer and its scale
// (Int cells have scale 0); ok is false for text and empty cells.
func (c Cell) Number() (unscaled int64, scale int, ok bool) {
	return c.num, int(c.scale), c.kind == cellNumber
}

// String returns the cell as text: the text itself, the number in decimal
// notation at its own scale (84.37, -1), or "" for the empty cell.
func (c Cell) String() string {
	switch c.kind {
	case cellText:
		return c.text
	case cellNumber:
		return tblFormatFixed(c.num, int(c.scale))
	}
	return ""
}

// tblPow10 holds 10^0 … 10^18.
var tblPow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// tblFormatFixed formats unscaled·10^−scale with exactly scale digits after
// the point.
func tblFormatFixed(unscaled int64, scale int) string {
	var buf [48]byte
	return string(tblAppendFixed(buf[:0], unscaled, scale))
}

func tblAppendFixed(b []byte, unscaled int64, scale int) []byte {
	if scale == 0 {
		return strconv.AppendInt(b, unscaled, 10)
	}
	neg := unscaled < 0
	u := uint64(unscaled)
	if neg {
		u = -u
		b = append(b, '-')
	}
	p := uint64(tblPow10[scale])
	b = strconv.AppendUint(b, u/p, 10)
	b = append(b, '.')
	frac := strconv.AppendUint(nil, u%p, 10)
	for range scale - len(frac) {
		b = append(b, '0')
	}
	return append(b, frac...)
}

// TotalMode says how a table's total row (合计) is made.
type TotalMode uint8

// The total modes. The zero TotalMode, NoTotal, gives no total row.
const (
	NoTotal TotalMode = iota
	// ComputedTotal: each numeric column's total is the sum of its cells.
	ComputedTotal
	// StatedTotal: the total row is given, as published; [Table.Audit]
	// holds it against the sums of the cells and the renderers mark every
	// stated cell that differs.
	StatedTotal
)

// Total is the total row of a [Table].
type Total struct {
	Mode TotalMode
	// Label goes in the first text column (合计 when empty) unless a stated
	// cell is given there.
	Label string
	// Cells holds the stated row for StatedTotal, one cell per column. An
	// empty cell states nothing: it is shown empty and not audited.
	Cells []Cell
}

// Table is a task table (任务分解表) or any table of a report: a title, the
// columns, the rows of cells in the order they are to be shown, an optional
// total row, and footnotes. It is a plain value; the functions of this
// package never modify a Table they are given.
//
// Every row must have one cell per column. Number cells may only stand in
// numeric columns; text cells may stand anywhere (such as "—" for a
// missing figure) and are left out of the sums; a decimal cell may have a
// smaller scale than its column, never a larger one. [Table.Validate]
// checks all this, and every renderer calls it.
type Table struct {
	Title   string
	Columns []Column
	Rows    [][]Cell
	Total   Total
	// Notes are footnotes shown under the table (source, citations).
	Notes []string
}

// Errors about tables, usable with [errors.Is]; they are the Err of a
// [*Error].
var (
	// ErrShape: a row (or the stated total) has the wrong number of
	// cells, or the table has no columns.
	ErrShape = errors.New("wrong number of cells")
	// ErrCellKind: a number in a text column, a decimal with more digits
	// than its column's scale or in an integer column, or a bad scale.
	ErrCellKind = errors.New("cell does not fit its column")
	// ErrOverflow: a sum or a rescaled number does not fit in an int64.
	ErrOverflow = errors.New("number too large")
	// ErrNoColumn: a column index out of range.
	ErrNoColumn = errors.New("no such column")
)

// Error locates a problem in a [Table]. Row is the row index from 0,
// or -1 for the total row and -2 for the columns themselves; Column is the
// column index, or -1 when the whole row is at fault.
type Error struct {
	Row    int
	Column int
	Err    error
}

func (e *Error) Error() string {
	var where string
	switch e.Row {
	case -1:
		where = "total row"
	case -2:
		where = "columns"
	default:
		where = "row " + strconv.Itoa(e.Row+1)
	}
	if e.Column >= 0 {
		where += ", column " + strconv.Itoa(e.Column+1)
	}
	return "table: " + where + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// Validate checks the table's shape and cells (see [Table]) and returns the
// first problem as a [*Error].
func (t Table) Validate() error {
	if len(t.Columns) == 0 {
		return &Error{Row: -2, Column: -1, Err: ErrShape}
	}
	for j, c := range t.Columns {
		if c.Kind > KindDecimal || c.Scale < 0 || c.Scale > tblMaxScale || (c.Kind != KindDecimal && c.Scale != 0) || c.Align > AlignCenter {
			return &Error{Row: -2, Column: j, Err: ErrCellKind}
		}
	}
	check := func(i int, row []Cell) error {
		if len(row) != len(t.Columns) {
			return &Error{Row: i, Column: -1, Err: fmt.Errorf("%w: %d cells for %d columns", ErrShape, len(row), len(t.Columns))}
		}
		for j, c := range row {
			if c.kind == cellBadScale {
				return &Error{Row: i, Column: j, Err: fmt.Errorf("%w: decimal scale out of range 0..%d", ErrCellKind, tblMaxScale)}
			}
			if c.kind != cellNumber {
				continue
			}
			col := t.Columns[j]
			if col.Kind == KindText || int(c.scale) > col.Scale {
				return &Error{Row: i, Column: j, Err: ErrCellKind}
			}
			if _, ok := tblRescale(c.num, int(c.scale), col.Scale); !ok {
				return &Error{Row: i, Column: j, Err: ErrOverflow}
			}
		}
		return nil
	}
	for i, row := range t.Rows {
		if err := check(i, row); err != nil {
			return err
		}
	}
	switch t.Total.Mode {
	case NoTotal, ComputedTotal:
	case StatedTotal:
		if err := check(-1, t.Total.Cells); err != nil {
			return err
		}
	default:
		return &Error{Row: -1, Column: -1, Err: fmt.Errorf("%w: unknown total mode %d", ErrShape, t.Total.Mode)}
	}
	return nil
}

// tblRescale returns v·10^(to−from) for to ≥ from, and whether it fits.
func tblRescale(v int64, from, to int) (int64, bool) {
	if to == from {
		return v, true
	}
	p := tblPow10[to-from]
	r := v * p
	if r/p != v {
		return 0, false
	}
	return r, true
}

// tblAdd adds with overflow detection.
func tblAdd(a, b int64) (int64, bool) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, false
	}
	return s, true
}

// Footing is the check of one column's total: the stated figure (as
// published) against the sum of the column's cells, both at the column's
// scale.
type Footing struct {
	Column int    // column index
	Header string // column header
	Scale  int    // the column's scale: Stated and Sum are unscaled at it
	Stated int64
	Sum    int64
}

// Diff returns Sum − Stated, unscaled, with the sign convention of
// allocation.Footing.Diff: the 罗东 应扩面人数 column states 9777 while its
// cells sum to 9778, so its Diff is +1 (the cells exceed the stated total).
func (f Footing) Diff() int64 { return f.Sum - f.Stated }

// Foots reports whether the stated total equals the sum.
func (f Footing) Foots() bool { return f.Stated == f.Sum }

// String describes the footing in one line in Chinese, such as
// "应扩面人数：合计栏公布 9777，各行之和 9778（多 1）".
func (f Footing) String() string {
	s := f.Header + "：合计栏公布 " + tblFormatFixed(f.Stated, f.Scale) + "，各行之和 " + tblFormatFixed(f.Sum, f.Scale)
	if f.Foots() {
		return s + "，相符"
	}
	if d := f.Diff(); d < 0 {
		return s + "（少 " + tblFormatFixed(-d, f.Scale) + "）"
	}
	return s + "（多 " + tblFormatFixed(f.Diff(), f.Scale) + "）"
}

// Audit is the audit of a table's stated total row: one footing per
// numeric column that states a number.
type Audit struct {
	Footings []Footing
}

// OK reports whether every stated total equals the sum of its cells.
func (a Audit) OK() bool {
	for _, f := range a.Footings {
		if !f.Foots() {
			return false
		}
	}
	return true
}

// Discrepancies returns the footings that do not foot, in column order.
func (a Audit) Discrepancies() []Footing {
	var out []Footing
	for _, f := range a.Footings {
		if !f.Foots() {
			out = append(out, f)
		}
	}
	return out
}

// String lists the discrepancies one per line, or says that the total foots.
func (a Audit) String() string {
	d := a.Discrepancies()
	if len(d) == 0 {
		return "合计栏与各行之和相符"
	}
	lines := make([]string, len(d))
	for i, f := range d {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// Sums returns the sum of each numeric column's number cells, unscaled at the
// column's scale (0 for text columns). A sum beyond int64 gives a
// [*Error] wrapping ErrOverflow.
func (t Table) Sums() ([]int64, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t.sums()
}

func (t Table) sums() ([]int64, error) {
	sums := make([]int64, len(t.Columns))
	for i, row := range t.Rows {
		for j, c := range row {
			if c.kind != cellNumber || t.Columns[j].NoSum {
				continue
			}
			v, _ := tblRescale(c.num, int(c.scale), t.Columns[j].Scale)
			s, ok := tblAdd(sums[j], v)
			if !ok {
				return nil, &Error{Row: i, Column: j, Err: ErrOverflow}
			}
			sums[j] = s
		}
	}
	return sums, nil
}

// Audit holds the stated total row against the sums of the cells, column by
// column (only columns whose stated cell is a number are checked). For a
// table without a stated total it returns an empty audit, which is OK.
func (t Table) Audit() (Audit, error) {
	if err := t.Validate(); err != nil {
		return Audit{}, err
	}
	return t.audit()
}

func (t Table) audit() (Audit, error) {
	if t.Total.Mode != StatedTotal {
		return Audit{}, nil
	}
	sums, err := t.sums()
	if err != nil {
		return Audit{}, err
	}
	var a Audit
	for j, c := range t.Total.Cells {
		if c.kind != cellNumber || t.Columns[j].Kind == KindText || t.Columns[j].NoSum {
			continue
		}
		v, _ := tblRescale(c.num, int(c.scale), t.Columns[j].Scale)
		a.Footings = append(a.Footings, Footing{Column: j, Header: t.Columns[j].Header, Scale: t.Columns[j].Scale, Stated: v, Sum: sums[j]})
	}
	return a, nil
}

// TotalRow returns the total row as shown: the stated cells for
// StatedTotal, the sums for ComputedTotal (with the label in the first text
// column), nil for NoTotal.
func (t Table) TotalRow() ([]Cell, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t.totalRow()
}

func (t Table) totalRow() ([]Cell, error) {
	label := t.Total.Label
	if label == "" {
		label = "合计"
	}
	switch t.Total.Mode {
	case StatedTotal:
		row := append([]Cell(nil), t.Total.Cells...)
		for j, col := range t.Columns {
			if col.Kind == KindText {
				if row[j].IsEmpty() {
					row[j] = Text(label)
				}
				break
			}
		}
		return row, nil
	case ComputedTotal:
		sums, err := t.sums()
		if err != nil {
			return nil, err
		}
		row := make([]Cell, len(t.Columns))
		labelled := false
		for j, col := range t.Columns {
			switch {
			case col.Kind == KindText && !labelled:
				row[j] = Text(label)
				labelled = true
			case col.NoSum:
			case col.Kind == KindInteger:
				row[j] = Int(sums[j])
			case col.Kind == KindDecimal:
				row[j] = Decimal(sums[j], col.Scale)
			}
		}
		return row, nil
	}
	return nil, nil
}

// Masked returns a copy of t with every text as the renderers show it:
// every identity, phone or bank number in the title, the headers, the
// text cells (except those of a column with RevealNumbers), the stated
// total and the notes is masked as the personal-data rule of 石堰府发〔2023〕10号
// 六(三) asks — a group of 6 or more digits, counted across single
// spaces and hyphens (138-1234-5678, 1101 0519 4901 0100 2X), keeps at
// most its first 6 and last 4 digits and never more than a third at each
// end — while dates (2019-07-18), amounts (1000.01), rates, counts below
// 100000 and number cells stay as they are. [Table.Render] and
// [Page.Render] apply it themselves; call it before handing a table to a
// writer of another format (such as a spreadsheet) so that it shows what
// they show. Masking is idempotent: t.Masked().Masked() equals t.Masked().
func (t Table) Masked() Table {
	m := t
	m.Title = tblMask(t.Title)
	m.Columns = make([]Column, len(t.Columns))
	for j, c := range t.Columns {
		c.Header = tblMask(c.Header)
		m.Columns[j] = c
	}
	row := func(r []Cell) []Cell {
		if r == nil {
			return nil
		}
		out := make([]Cell, len(r))
		for j, c := range r {
			out[j] = t.maskCell(j, c)
		}
		return out
	}
	if t.Rows != nil {
		m.Rows = make([][]Cell, len(t.Rows))
		for i, r := range t.Rows {
			m.Rows[i] = row(r)
		}
	}
	m.Total.Label = tblMask(t.Total.Label)
	m.Total.Cells = row(t.Total.Cells)
	if t.Notes != nil {
		m.Notes = make([]string, len(t.Notes))
		for i, n := range t.Notes {
			m.Notes[i] = tblMask(n)
		}
	}
	return m
}

// maskCell returns cell c of column j as the renderers show it: a text
// cell masked unless its column reveals numbers.
func (t Table) maskCell(j int, c Cell) Cell {
	if c.kind != cellText || j < len(t.Columns) && t.Columns[j].RevealNumbers {
		return c
	}
	if m := tblMask(c.text); m != c.text {
		c.text = m
	}
	return c
}

// tblMask masks the identity and phone numbers of a text shown in a report
// (the one rule of internal/privacy).
func tblMask(s string) string { return privacy.Numbers(s) }
