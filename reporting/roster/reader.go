package roster

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/codec"
)

// Options configures a roster read. The zero value detects the encoding
// and reads the headers of [DefaultHeaders].
type Options struct {
	// Encoding is the roster's character encoding. The zero value,
	// [codec.Auto], detects it, because a township's export may come from
	// Excel or WPS in either UTF-8 or GB18030: valid UTF-8 (with or without
	// a byte-order mark) is read as UTF-8, anything else as GB18030 (see
	// [codec.DetectEncoding]). State codec.UTF8 or codec.GB18030 to insist
	// on one; invalid bytes in it then stop the read with a
	// [*codec.DecodeError].
	Encoding codec.Encoding
	// Headers maps header names to columns; nil means DefaultHeaders().
	Headers Headers
	// VillageOptional accepts a row whose 村(社区) cell is empty. By default
	// such a row is refused (ErrMissingValue): a resident without a village
	// cannot be counted in any village's figures, so every tally and
	// bulletin would refuse the town. A department list (民政, 残联, …) read
	// against a population base that gives each person's village sets it.
	VillageOptional bool

	// DiscardNames reads the 姓名 column but keeps no name: Row.Resident.Name
	// stays empty. A reader that only counts (a tally, a progress figure)
	// needs no name, and a name not kept cannot leak; it also saves one
	// allocation per row. Everything else about the row is unchanged: a
	// name holding a control character still refuses the row
	// (ErrControlChar).
	DiscardNames bool
}

// Rejection counts the rows rejected for one reason in one column.
type Rejection struct {
	Column string // the header as written; "" for whole-row errors
	Err    error  // the sentinel, e.g. ErrInvalidID
	Count  int
}

// Report summarizes a read (导入报告): what was read, what each header was
// taken to mean, and how many rows were accepted and rejected, by reason.
// Counts.Reconciles() is always true for a finished read.
type Report struct {
	Encoding   codec.Encoding // the encoding read (detected, or as stated)
	HeaderLine int            // the line of the header row: 1, or later after title rows
	Columns    []Column       // the column each header was mapped to, in file order
	Headers    []string       // the headers as written, in file order
	Ignored    []string       // headers not imported, sorted
	Counts     Counts         // rows read = accepted + rejected
	// BlankRows counts the records whose fields are all empty (the empty
	// rows of a spreadsheet, ",,,,"): like empty lines they are not rows,
	// hold no data and are not in Counts.
	BlankRows  int
	Rejections []Rejection // rejected rows by column and reason, sorted by column position then reason
	// Warnings counts the values of optional columns that were not
	// understood and were left unknown in accepted rows (Row.Warnings), by
	// column and reason, in the same order.
	Warnings []Rejection
}

// rejKey identifies a Rejection while counting.
type rejKey struct {
	field int
	err   error
	warn  bool // a warning (an accepted row's value left unknown), not a rejection
}

// Reader reads a roster one row at a time: it holds one record (and one
// window of input) at a time, never the whole roster, and one entry per
// distinct person it accepted, to refuse the same person twice
// ([ErrDuplicatePerson]; see "Duplicates" in the package doc). Create one
// with [NewReader], or several over the shards of a roster held in memory
// with [NewShards]: each is the same reader, reading its part.
type Reader struct {
	sc  *codec.Scanner
	dec *rowDecoder
	enc codec.Encoding
	// headerLine is the line of the header row (1 unless title rows come
	// first).
	headerLine int
	blank      int // records with every field empty, not rows
	counts     Counts
	rej        map[rejKey]int
	rejKeys    []rejKey // first-seen order, for stable output
	err        error    // io.EOF, or a fatal error (unreadable input)
	padded     [][]byte // a short record padded under empty headers
	// seen holds, per person accepted, the line of their first row: a
	// later row with the same number is refused with ErrDuplicatePerson.
	// Nil for the reader of a shard, which logs its people in part
	// instead (the shards are resolved together: Shards.Duplicates).
	seen map[eligibility.IDNumber]int
	part *shardLog
}

// NewReader starts reading a roster from r: it decodes the text as
// opt.Encoding says and reads the header row. Title rows above the header
// (a sheet's merged title such as 石堰镇扩面人员花名册, a date line) are
// skipped: the header is the first of the first 11 records that names
// every required column, and the report gives its line. It returns a
// [*HeaderError] when no such record names the required columns (the error
// of the first record) or the header names a column twice, and the read or
// decode error when the input cannot be read.
func NewReader(r io.Reader, opt Options) (*Reader, error) {
	sc, err := codec.NewScanner(r, opt.Encoding)
	if err != nil {
		return nil, err
	}
	layout, err := findHeader(sc, opt.Headers)
	if err != nil {
		if rerr := sc.Err(); rerr != nil { // the input ended early because it could not be read
			return nil, rerr
		}
		return nil, err
	}
	layout.villageOptional = opt.VillageOptional
	layout.discardNames = opt.DiscardNames
	return newReader(sc, layout, sc.Line()), nil
}

func newReader(sc *codec.Scanner, layout *rosterLayout, headerLine int) *Reader {
	return &Reader{sc: sc, dec: newRowDecoder(layout), enc: sc.Encoding(), headerLine: headerLine, rej: make(map[rejKey]int),
		seen: make(map[eligibility.IDNumber]int)}
}

// findHeader reads records until one names every required column: the
// header, of which sc.Line() is then the line. Records before it are title
// rows, up to maxTitleRows of them. It returns a [*HeaderError] when no
// such record comes (the error of the first record, or [ErrNoHeader]) or
// when the header names a column twice.
func findHeader(sc *codec.Scanner, h Headers) (*rosterLayout, error) {
	var first error // the header error of the first record
	for tried := 0; tried <= maxTitleRows; tried++ {
		if !sc.Scan() {
			if first != nil {
				return nil, first
			}
			return nil, &HeaderError{Err: ErrNoHeader}
		}
		if sc.RecordErr() != nil {
			if first == nil {
				first = &HeaderError{Err: ErrNoHeader}
			}
			continue
		}
		layout, err := newRosterLayout(sc.Fields(), h)
		if err == nil {
			return layout, nil
		}
		if !errors.Is(err, ErrMissingColumn) {
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// maxTitleRows is the number of title rows above the header that a
// [Reader] skips.
const maxTitleRows = 10

// Next returns the next row. For a row it rejects it returns a [*RowError]
// and the caller goes on calling Next; at the end of the roster it returns
// io.EOF; when the input cannot be read (an I/O error, or bytes invalid in
// the encoding: a [*codec.DecodeError]) it returns that error, and every
// later call returns it again. Rows read before such an error are counted.
func (rr *Reader) Next() (Row, error) {
	if rr.err != nil {
		return Row{}, rr.err
	}
	for {
		if !rr.sc.Scan() {
			rr.err = rr.sc.Err()
			if rr.err == nil {
				rr.err = io.EOF
			}
			return Row{}, rr.err
		}
		if cause := rr.sc.RecordErr(); cause != nil {
			rr.counts.Rows++
			rr.counts.Rejected++
			e := &RowError{Line: rr.sc.Line(), Err: ErrMalformedCSV, Cause: cause}
			rr.count(-1, e.Err)
			return Row{}, e
		}
		fields := rr.sc.Fields()
		if blankRecord(fields) {
			rr.blank++
			continue
		}
		rr.counts.Rows++
		fields = rr.padEmptyHeaders(fields)
		stripTextPrefix(fields, rr.dec.layout.idAt)
		var row Row
		e := rr.dec.decode(fields, rr.sc.Line(), &row)
		if e == nil {
			e = rr.controlChars(&row)
		}
		if e == nil && rr.part == nil {
			e = rr.duplicate(&row)
		}
		if e != nil {
			rr.counts.Rejected++
			rr.count(rr.dec.layout.fieldOf(e), e.Err)
			return Row{}, e
		}
		if rr.part != nil {
			rr.part.log(rr.dec.layout, &row)
		}
		rr.counts.Accepted++
		for _, w := range row.Warnings {
			rr.counts.Warnings++
			rr.countWarning(rr.dec.layout.fieldOf(w), w.Err)
		}
		return row, nil
	}
}

// duplicate returns the [ErrDuplicatePerson] error of a row whose person
// an earlier accepted row gave, or records the row as the person's first.
func (rr *Reader) duplicate(row *Row) *RowError {
	id := row.Resident.ID
	if first, ok := rr.seen[id]; ok {
		return rr.dupErr(id, row.Line, first)
	}
	rr.seen[id] = row.Line
	return nil
}

// dupErr is the error of the row on line, whose person line first gave.
func (rr *Reader) dupErr(id eligibility.IDNumber, line, first int) *RowError {
	l := rr.dec.layout
	return &RowError{Line: line, Column: l.headers[l.idAt], Value: id.Masked(), Err: ErrDuplicatePerson, FirstLine: first}
}

// Refuse turns a row that [Reader.Next] accepted into a rejected one,
// because the caller's own check of it failed (package reporting refuses
// the rows its router cannot decide): the row is counted as rejected for
// err, a sentinel, with cause, so that the counts still reconcile. It
// returns the row's [*RowError], whose Value is the masked identity number.
// Call it at most once per accepted row, and only for rows of this reader.
// The row's person stays known to the reader: a later row with the same
// number is still refused with [ErrDuplicatePerson], naming this row.
func (rr *Reader) Refuse(row Row, err, cause error) *RowError {
	rr.counts.Accepted--
	rr.counts.Rejected++
	rr.count(-1, err)
	if rr.part != nil {
		rr.part.refuse(row.Line, err)
	}
	return &RowError{Line: row.Line, Value: row.Resident.ID.Masked(), Err: err, Cause: cause}
}

// padEmptyHeaders gives a row that stops short of the header the fields
// it lacks when every header it lacks is empty: a spreadsheet saves
// formatted empty columns in the header ("姓名,身份证号码,,,") while a row
// may end after its last value. Any other short row keeps its length and
// is rejected with [ErrFieldCount].
func (rr *Reader) padEmptyHeaders(fields [][]byte) [][]byte {
	hs := rr.dec.layout.headers
	if len(fields) >= len(hs) {
		return fields
	}
	for _, h := range hs[len(fields):] {
		if strings.TrimSpace(h) != "" {
			return fields
		}
	}
	rr.padded = append(rr.padded[:0], fields...)
	for len(rr.padded) < len(hs) {
		rr.padded = append(rr.padded, nil)
	}
	return rr.padded
}

// stripTextPrefix cleans the identity-number field of what spreadsheets
// and copy-paste put around a number: the apostrophe that marks a number as
// text ('110105…, also the full-width ＇; Excel hides it and does not save
// it, but WPS and hand-edited CSV keep it) and zero-width characters
// (U+200B, U+200C, U+200D, U+2060, U+FEFF) anywhere in it.
func stripTextPrefix(fields [][]byte, at int) {
	if at < 0 || at >= len(fields) {
		return
	}
	f := bytes.TrimLeft(fields[at], " \t")
	switch {
	case bytes.HasPrefix(f, []byte("'")):
		fields[at] = f[1:]
	case bytes.HasPrefix(f, []byte("＇")):
		fields[at] = f[len("＇"):]
	}
	if bytes.IndexByte(fields[at], 0xE2) >= 0 || bytes.IndexByte(fields[at], 0xEF) >= 0 {
		fields[at] = bytes.Map(func(r rune) rune {
			switch r {
			case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
				return -1
			}
			return r
		}, fields[at])
	}
}

// controlChars rejects with [ErrControlChar] a row whose name, village or
// note holds a control character (NUL, a form feed, …): damage that would
// reach every rendered roster. Tabs and line breaks are allowed in notes.
func (rr *Reader) controlChars(row *Row) *RowError {
	bad := func(s string, lineBreaks bool) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < ' ' && !(lineBreaks && (c == '\t' || c == '\n' || c == '\r')) || c == 0x7F {
				return true
			}
		}
		return false
	}
	l := rr.dec.layout
	for i, c := range l.cols {
		var v string
		var masked func(string) string
		switch c {
		case ColumnName:
			v, masked = row.Resident.Name, privacy.Name
		case ColumnVillage:
			v, masked = row.Resident.Hukou.Village, maskText
		case ColumnNote:
			v, masked = row.Note, maskText
		default:
			continue
		}
		if bad(v, c == ColumnNote) {
			return &RowError{Line: row.Line, Column: l.headers[i], Value: strings.Map(func(r rune) rune {
				if r < ' ' || r == 0x7F {
					return '?'
				}
				return r
			}, masked(v)), Err: ErrControlChar}
		}
	}
	return nil
}

// maskText masks free text for an error message, leaving legible the
// words the roster's columns read (男, 未参保, 低保, …).
func maskText(s string) string { return privacy.Text(s, knownWord) }

// blankRecord reports whether every field of a record is empty or white
// space: a spreadsheet's empty row (",,,,"), which is not a row.
func blankRecord(fields [][]byte) bool {
	for _, f := range fields {
		if len(bytes.TrimSpace(f)) > 0 {
			return false
		}
	}
	return true
}

// fieldOf returns the index of the field a RowError names, or -1.
func (l *rosterLayout) fieldOf(e *RowError) int {
	if e.Column == "" {
		return -1
	}
	return slices.Index(l.headers, e.Column)
}

func (rr *Reader) count(field int, err error) { rr.tally(rejKey{field: field, err: err}) }

// countWarning counts a value left unknown in an accepted row.
func (rr *Reader) countWarning(field int, err error) {
	rr.tally(rejKey{field: field, err: err, warn: true})
}

func (rr *Reader) tally(k rejKey) {
	if _, seen := rr.rej[k]; !seen {
		rr.rejKeys = append(rr.rejKeys, k)
	}
	rr.rej[k]++
}

// All returns an iterator over the rows: each accepted row with a nil
// error, each rejected row as a zero Row with its [*RowError]. It ends at
// the end of input, or after yielding a fatal read error.
func (rr *Reader) All() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for {
			row, err := rr.Next()
			if err == io.EOF {
				return
			}
			if !yield(row, err) {
				return
			}
			var re *RowError
			if err != nil && !errors.As(err, &re) {
				return
			}
		}
	}
}

// Counts returns the counts so far.
func (rr *Reader) Counts() Counts { return rr.counts }

// Report returns the import report so far.
func (rr *Reader) Report() Report {
	return report(rr.dec.layout, rr.enc, rr.headerLine, rr.blank, rr.counts, rr.rej, rr.rejKeys)
}

// report builds a Report from counts.
func report(l *rosterLayout, enc codec.Encoding, headerLine, blank int, counts Counts, rej map[rejKey]int, rejKeys []rejKey) Report {
	rep := Report{
		Encoding:   enc,
		HeaderLine: headerLine,
		BlankRows:  blank,
		Columns:    slices.Clone(l.cols),
		Headers:    slices.Clone(l.headers),
		Ignored:    l.ignoredHeaders(),
		Counts:     counts,
	}
	keys := slices.Clone(rejKeys)
	slices.SortStableFunc(keys, func(a, b rejKey) int {
		if c := cmp.Compare(a.field, b.field); c != 0 {
			return c
		}
		return strings.Compare(a.err.Error(), b.err.Error())
	})
	for _, k := range keys {
		col := ""
		if k.field >= 0 {
			col = l.headers[k.field]
		}
		if k.warn {
			rep.Warnings = append(rep.Warnings, Rejection{Column: col, Err: k.err, Count: rej[k]})
		} else {
			rep.Rejections = append(rep.Rejections, Rejection{Column: col, Err: k.err, Count: rej[k]})
		}
	}
	return rep
}

// Read reads a whole roster from r, calling accept for every
// accepted row and reject for every rejected one (either may be nil). It
// stops early if a callback returns an error, and returns that error. The
// report it returns reconciles: rows read = accepted + rejected.
func Read(r io.Reader, opt Options, accept func(Row) error, reject func(*RowError) error) (Report, error) {
	rr, err := NewReader(r, opt)
	if err != nil {
		return Report{}, err
	}
	for {
		row, err := rr.Next()
		if err == io.EOF {
			return rr.Report(), nil
		}
		var re *RowError
		switch {
		case errors.As(err, &re):
			if reject != nil {
				if err := reject(re); err != nil {
					return rr.Report(), err
				}
			}
		case err != nil:
			return rr.Report(), err
		case accept != nil:
			if err := accept(row); err != nil {
				return rr.Report(), err
			}
		}
	}
}

// WriteText writes the report as plain Chinese text (导入报告), one fact per
// line: the encoding, how each header was read, the headers not imported,
// the reconciliation of rows, and the rejections by column and reason. It
// holds no personal data.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString("花名册导入报告\n")
	b.WriteString("编码: " + r.Encoding.String() + "\n")
	if r.HeaderLine > 1 {
		b.WriteString("表头: 第 " + strconv.Itoa(r.HeaderLine) + " 行（其上的标题行未导入）\n")
	} else {
		b.WriteString("表头:\n")
	}
	for i, h := range r.Headers {
		c := ColumnIgnored
		if i < len(r.Columns) {
			c = r.Columns[i]
		}
		b.WriteString("  " + strconv.Itoa(i+1) + ". " + strings.Join(strings.Fields(h), " ") + " → " + c.String() + "\n")
	}
	if len(r.Ignored) > 0 {
		ignored := make([]string, len(r.Ignored))
		for i, h := range r.Ignored {
			ignored[i] = strings.Join(strings.Fields(h), " ")
		}
		b.WriteString("未导入的列: " + strings.Join(ignored, "、") + "\n")
	}
	b.WriteString("行数: " + r.Counts.String() + "\n")
	if r.BlankRows > 0 {
		b.WriteString("空白行: " + strconv.Itoa(r.BlankRows) + " 行（各列均为空，不计入行数）\n")
	}
	if len(r.Rejections) > 0 {
		b.WriteString("拒收原因:\n")
		for _, rj := range r.Rejections {
			col := rj.Column
			if col == "" {
				col = "(整行)"
			}
			b.WriteString("  " + col + ": " + rowErrLabel(rj.Err) + " — " + strconv.Itoa(rj.Count) + " 行\n")
		}
	}
	if len(r.Warnings) > 0 {
		b.WriteString("未识别的值（行已接收，该项按未知处理）:\n")
		for _, rj := range r.Warnings {
			b.WriteString("  " + rj.Column + ": " + rowErrLabel(rj.Err) + " — " + strconv.Itoa(rj.Count) + " 处\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
