package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/canbao/kuomian/internal/textwidth"
	"github.com/canbao/kuomian/reporting/table"
)

// Sheet is one worksheet of a workbook to write: the name of its tab and
// its table.
type Sheet struct {
	// Name is the tab's name: at most 31 characters, none of : \ / ? * [ ],
	// not beginning or ending with an apostrophe, unique in the workbook
	// ignoring case. When empty, the table's title is made into one (the
	// forbidden characters become _, cut to 31 characters, made unique
	// with (2), (3)…), or Sheet1, Sheet2… for a table without a title.
	Name  string
	Table table.Table
}

// WriteOptions says what a written workbook records about itself.
type WriteOptions struct {
	// Modified is recorded as the workbook's creation and modification
	// time (docProps/core.xml). The zero value records 2000-01-01T00:00:00Z:
	// a fixed time, never the clock, so that the same tables always give
	// the same bytes.
	Modified time.Time
	// Creator is recorded as the workbook's author; empty means
	// "kuomian".
	Creator string
}

// Errors of [WriteTables] besides those of [table.Table.Validate].
var (
	// ErrSheetName: a Sheet's Name that Excel does not accept, or that
	// another sheet of the workbook already has.
	ErrSheetName = errors.New("xlsx: invalid or duplicate worksheet name")
	// ErrCellTooLong: a text of more than 32767 characters (UTF-16 code
	// units), the most an Excel cell holds.
	ErrCellTooLong = errors.New("xlsx: text longer than an Excel cell holds (32767 characters)")
)

// Layout of a written sheet.
const (
	maxCellChars = 32767 // UTF-16 code units in a cell
	minColWidth  = 6
	maxColWidth  = 50
)

// WriteTable writes t as an .xlsx workbook of one worksheet to w (see
// [WriteTables]).
func WriteTable(w io.Writer, t table.Table, opt WriteOptions) error {
	return WriteTables(w, []Sheet{{Table: t}}, opt)
}

// WriteTables writes an .xlsx workbook to w with one worksheet per Sheet,
// in order (a bulletin and its roster, say). Each sheet holds:
//   - the table's title in its first row, merged across the columns (no
//     such row when the title is empty);
//   - the header row, bold on a grey fill, frozen so that it stays in view;
//   - the rows, then the total row (stated or computed) in bold;
//   - the notes, one per row, after an empty row.
//
// Numbers are numbers: integer columns in the format 0, decimal columns
// at their scale (0.00 for scale 2), so that Excel sums and sorts them.
// Text is text: every text cell is a string cell in the Text format (@),
// so that an identity number or any long digit string is never turned
// into 1.10105E+17, and a text beginning with = + - @ is a string, never
// a formula. A number Excel cannot hold exactly (more than 15 significant
// digits) is written as text. Column widths follow the content, a Chinese
// character counting two, between 6 and 50.
//
// Personal data is masked as by every renderer of package table: identity
// and phone numbers in text keep at most their first 6 and last 4 digits,
// except in columns with RevealNumbers.
//
// The same tables and options always give the same bytes: the parts of
// the archive are in a fixed order and carry no clock time. Every table is
// validated first ([table.Table.Validate]); nothing is written to w when
// a table is invalid.
func WriteTables(w io.Writer, sheets []Sheet, opt WriteOptions) error {
	if len(sheets) == 0 {
		return fmt.Errorf("%w: no sheet to write", ErrSheetName)
	}
	names, err := sheetNames(sheets)
	if err != nil {
		return err
	}
	// Every text cell, title and note is masked as every renderer masks
	// them (table.Table.Masked): identity and phone numbers keep at most
	// their first 6 and last 4 digits, except in columns that reveal them.
	masked := make([]Sheet, len(sheets))
	for i, s := range sheets {
		masked[i] = Sheet{Name: s.Name, Table: s.Table.Masked()}
	}
	sheets = masked
	for _, s := range sheets {
		if err := s.Table.Validate(); err != nil {
			return err
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w} })
	st := &styles{f: f, ids: make(map[styleKey]int)}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", names[0]); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return err
		}
		if err := writeSheet(f, st, names[i], s.Table); err != nil {
			return err
		}
	}
	modified := opt.Modified
	if modified.IsZero() {
		modified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := modified.UTC().Format("2006-01-02T15:04:05Z")
	creator := cmp.Or(opt.Creator, "kuomian")
	if err := f.SetDocProps(&excelize.DocProperties{
		Created: stamp, Modified: stamp, Creator: creator, LastModifiedBy: creator,
		Title: sheets[0].Table.Title,
	}); err != nil {
		return err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	_, err = buf.WriteTo(w)
	return err
}

// sheetNames returns the tab names of the sheets: those given, checked,
// and the others made from the titles.
func sheetNames(sheets []Sheet) ([]string, error) {
	names := make([]string, len(sheets))
	taken := make(map[string]bool)
	for i, s := range sheets {
		if s.Name == "" {
			continue
		}
		if !validSheetName(s.Name) || taken[strings.ToLower(s.Name)] {
			return nil, fmt.Errorf("%w: %q", ErrSheetName, s.Name)
		}
		names[i] = s.Name
		taken[strings.ToLower(s.Name)] = true
	}
	for i, s := range sheets {
		if names[i] != "" {
			continue
		}
		base := sanitizeSheetName(s.Table.Title)
		if base == "" {
			base = "Sheet" + strconv.Itoa(i+1)
		}
		name := base
		for k := 2; taken[strings.ToLower(name)]; k++ {
			suffix := " (" + strconv.Itoa(k) + ")"
			name = truncateRunes(base, 31-len(suffix)) + suffix
		}
		names[i] = name
		taken[strings.ToLower(name)] = true
	}
	return names, nil
}

// validSheetName reports whether Excel accepts name for a tab.
func validSheetName(name string) bool {
	return name != "" && utf8.ValidString(name) && utf8.RuneCountInString(name) <= 31 &&
		!strings.ContainsAny(name, `:\/?*[]`) && name[0] != '\'' && name[len(name)-1] != '\'' &&
		!strings.EqualFold(name, "History") && !strings.ContainsFunc(name, func(r rune) bool { return r < ' ' })
}

// sanitizeSheetName makes a title into a tab name.
func sanitizeSheetName(title string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			return '_'
		case r < ' ' || r == utf8.RuneError:
			return ' '
		}
		return r
	}, strings.ToValidUTF8(title, "\uFFFD"))
	s = strings.Trim(strings.Join(strings.Fields(s), " "), "'")
	s = strings.Trim(truncateRunes(s, 31), " '")
	if strings.EqualFold(s, "History") {
		s += "_"
	}
	return s
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// styleKey identifies a cell style of a written sheet.
type styleKey struct {
	role  uint8 // roleTitle, roleHeader, roleCell, roleTotal, roleNote
	kind  table.Kind
	scale int
}

const (
	roleCell uint8 = iota
	roleTotal
	roleHeader
	roleTitle
	roleNote
)

// styles makes each style of the workbook once.
type styles struct {
	f   *excelize.File
	ids map[styleKey]int
}

// id returns the style of a cell: a text cell (kind KindText) in the Text
// format, a number at its column's scale.
func (s *styles) id(k styleKey) (int, error) {
	if id, ok := s.ids[k]; ok {
		return id, nil
	}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "top", Color: "BFBFBF", Style: 1},
		{Type: "right", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	st := &excelize.Style{Border: border}
	switch k.kind {
	case table.KindInteger:
		st.NumFmt = 1 // 0
	case table.KindDecimal:
		code := "0"
		if k.scale > 0 {
			code += "." + strings.Repeat("0", k.scale)
		}
		st.CustomNumFmt = &code
	default:
		st.NumFmt = 49 // @, Text
	}
	switch k.role {
	case roleTitle:
		st = &excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true, Size: 14},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}
	case roleHeader:
		st.Font = &excelize.Font{Bold: true}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}
		st.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	case roleTotal:
		st.Font = &excelize.Font{Bold: true}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	case roleNote:
		st = &excelize.Style{NumFmt: 49}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.ids[k] = id
	return id, nil
}

// writeSheet writes one table into the sheet called name.
func writeSheet(f *excelize.File, st *styles, name string, t table.Table) error {
	total, err := t.TotalRow()
	if err != nil {
		return err
	}
	ncol := len(t.Columns)
	rows := make([][]excelize.Cell, 0, len(t.Rows)+1)
	widths := make([]int, ncol)
	for j, c := range t.Columns {
		widths[j] = textwidth.String(c.Header, textwidth.Wide)
	}
	addRow := func(cells []table.Cell, role uint8) error {
		out := make([]excelize.Cell, ncol)
		for j, c := range cells {
			v, kind, err := writeValue(c, t.Columns[j])
			if err != nil {
				return err
			}
			sid, err := st.id(styleKey{role: role, kind: kind, scale: t.Columns[j].Scale})
			if err != nil {
				return err
			}
			out[j] = excelize.Cell{StyleID: sid, Value: v}
			widths[j] = max(widths[j], textwidth.String(displayText(c, t.Columns[j]), textwidth.Wide))
		}
		rows = append(rows, out)
		return nil
	}
	for _, r := range t.Rows {
		if err := addRow(r, roleCell); err != nil {
			return err
		}
	}
	if total != nil {
		if err := addRow(total, roleTotal); err != nil {
			return err
		}
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for j, wd := range widths {
		if err := sw.SetColWidth(j+1, j+1, float64(min(max(wd+2, minColWidth), maxColWidth))); err != nil {
			return err
		}
	}
	headerRow := 1
	if t.Title != "" {
		headerRow = 2
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A" + strconv.Itoa(headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 1
	if t.Title != "" {
		if err := checkText(t.Title); err != nil {
			return err
		}
		sid, err := st.id(styleKey{role: roleTitle})
		if err != nil {
			return err
		}
		title := make([]any, ncol)
		title[0] = excelize.Cell{StyleID: sid, Value: t.Title}
		for j := 1; j < ncol; j++ {
			title[j] = excelize.Cell{StyleID: sid}
		}
		if err := sw.SetRow("A1", title, excelize.RowOpts{Height: 24}); err != nil {
			return err
		}
		if ncol > 1 {
			if err := sw.MergeCell("A1", columnName(ncol)+"1"); err != nil {
				return err
			}
		}
		row++
	}
	hid, err := st.id(styleKey{role: roleHeader})
	if err != nil {
		return err
	}
	header := make([]any, ncol)
	for j, c := range t.Columns {
		if err := checkText(c.Header); err != nil {
			return err
		}
		header[j] = excelize.Cell{StyleID: hid, Value: c.Header}
	}
	if err := sw.SetRow("A"+strconv.Itoa(row), header); err != nil {
		return err
	}
	row++
	vals := make([]any, ncol)
	for _, r := range rows {
		for j := range r {
			vals[j] = r[j]
		}
		if err := sw.SetRow("A"+strconv.Itoa(row), vals); err != nil {
			return err
		}
		row++
	}
	if len(t.Notes) > 0 {
		nid, err := st.id(styleKey{role: roleNote})
		if err != nil {
			return err
		}
		row++
		for _, n := range t.Notes {
			if err := checkText(n); err != nil {
				return err
			}
			if err := sw.SetRow("A"+strconv.Itoa(row), []any{excelize.Cell{StyleID: nid, Value: n}}); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}

// writeValue returns what a cell of column col is written as, and the kind
// of style it takes: a number (int64 or float64) in the column's kind, or
// a string in the Text format.
func writeValue(c table.Cell, col table.Column) (any, table.Kind, error) {
	if c.IsEmpty() {
		return nil, col.Kind, nil
	}
	if unscaled, scale, ok := c.Number(); ok && exactInExcel(unscaled) {
		if scale == 0 && col.Kind == table.KindInteger {
			return unscaled, table.KindInteger, nil
		}
		v, err := strconv.ParseFloat(c.String(), 64)
		if err == nil {
			return v, col.Kind, nil
		}
	}
	s := c.String()
	if err := checkText(s); err != nil {
		return nil, 0, err
	}
	return s, table.KindText, nil
}

// exactInExcel reports whether Excel holds the digits of an unscaled
// number exactly: at most 15 significant digits.
func exactInExcel(v int64) bool {
	for v%10 == 0 && v != 0 {
		v /= 10
	}
	return v > -1e15 && v < 1e15
}

// displayText is a cell as Excel shows it, for the column's width.
func displayText(c table.Cell, col table.Column) string {
	if unscaled, scale, ok := c.Number(); ok && col.Kind == table.KindDecimal && scale < col.Scale {
		return table.Decimal(unscaled*pow10(col.Scale-scale), col.Scale).String()
	}
	return c.String()
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// checkText refuses a text longer than a cell holds; excelize would cut
// it silently.
func checkText(s string) error {
	if len(s) <= maxCellChars {
		return nil
	}
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	if n > maxCellChars {
		return fmt.Errorf("%w: %d", ErrCellTooLong, n)
	}
	return nil
}

// sortedZip is the zip writer of excelize that writes the parts in a fixed
// order ([Content_Types].xml first, then by name) with no modification
// time, whatever order excelize creates them in: the same workbook, the
// same bytes.
type sortedZip struct {
	w     io.Writer
	parts []zipPart
}

type zipPart struct {
	name string
	data *bytes.Buffer
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.parts = append(z.parts, zipPart{name: name, data: b})
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("xlsx: AddFS is not supported")
}

func (z *sortedZip) Close() error {
	slices.SortStableFunc(z.parts, func(a, b zipPart) int {
		ac, bc := a.name == "[Content_Types].xml", b.name == "[Content_Types].xml"
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	zw := zip.NewWriter(z.w)
	for _, p := range z.parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := p.data.WriteTo(fw); err != nil {
			return err
		}
	}
	return zw.Close()
}
