package xlsx

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/canbao/kuomian/reporting/codec"
)

// Sheet bounds, as Excel has them.
const (
	maxRows    = 1 << 20 // 1048576
	maxColumns = 1 << 14 // 16384, XFD
)

// SheetReader reads a worksheet as CSV text: UTF-8 without a byte-order
// mark, RFC 4180, CRLF line ends, one line per sheet row, so that
// roster.NewReader reads a workbook exactly as it reads the CSV that
// Excel would save, with the same header detection, title rows and row
// errors, and error line numbers that are sheet row numbers.
//
// Each sheet row is one record, its cells from column A on. An empty row
// (also one missing from the file) is an empty line, which a CSV reader
// skips while counting it; a line break inside a cell becomes a space so
// that no record spans two lines. Each row has as many fields as the
// widest row so far (Excel leaves out a row's empty cells on the right),
// so that a data row is never shorter than the header above it.
//
// Values are written as Excel shows them, with these rules:
//   - text as it is, without the formula-injection guard of
//     codec.AppendRecord (this text is input for a reader, not a
//     spreadsheet), and the value a formula last computed;
//   - a number in a cell formatted as a date as an ISO date (2019-07-18),
//     with the time of day (2019-07-18 08:30:00) only when the format
//     shows one and it is not midnight;
//   - any other number in plain decimal notation, rounded to Excel's 15
//     significant digits, whatever its number format (1000, 0.5, 1500
//     for 1.5E+3);
//   - a number of 15 or more digits before the decimal point stops the
//     read with an [*Error] wrapping [ErrLongNumber]: Excel keeps 15
//     significant digits, so such a cell is an identity number (or a bank
//     account) stored as a number and already damaged. No count or amount
//     of a roster has that many digits, so the rule holds for every
//     column; a 15-digit legacy identity number stored as a number is
//     refused too, for its column holds numbers;
//   - TRUE and FALSE for booleans, and the text of error values (#N/A).
//
// A SheetReader holds one row at a time: its memory does not grow with the
// sheet. A damaged sheet stops the read with an error wrapping
// [ErrCorrupt]; nothing is dropped silently. Close it when done.
type SheetReader struct {
	wb     *Workbook
	name   string
	rc     io.ReadCloser
	dec    *xml.Decoder
	buf    []byte // CSV not yet read
	off    int
	err    error // sticky: io.EOF or the error that ended the read
	inData bool
	row    int   // the last sheet row written
	width  int   // fields per record: the widest row so far
	out    int64 // CSV bytes made
	limit  int64 // most CSV bytes this sheet may make
	cells  []cellValue
	fields []string
	text   []byte // scratch for a cell's text
}

// cellValue is a non-empty cell of the row being read.
type cellValue struct {
	col int
	val string
}

func newSheetReader(wb *Workbook, name string, rc io.ReadCloser, size uint64) *SheetReader {
	dec := xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	// Bound the CSV that padding rows to the widest one can make from a
	// small sheet (a cell in column XFD, then a million rows): CSV is
	// smaller than its XML, so twice the XML and some is never reached
	// by a real sheet.
	return &SheetReader{wb: wb, name: name, rc: rc, dec: dec, limit: int64(min(size, math.MaxInt64/4))*2 + 8<<20}
}

// Name returns the worksheet's name.
func (s *SheetReader) Name() string { return s.name }

// Read reads CSV text into p. It returns io.EOF after the last row, an
// [*Error] wrapping [ErrLongNumber] or [ErrCorrupt] for a cell it refuses
// or a damaged sheet, or an error wrapping [ErrTooLarge].
func (s *SheetReader) Read(p []byte) (int, error) {
	for s.off >= len(s.buf) {
		if s.err != nil {
			return 0, s.err
		}
		s.buf, s.off = s.buf[:0], 0
		if err := s.next(); err != nil {
			s.err = err
		}
	}
	n := copy(p, s.buf[s.off:])
	s.off += n
	return n, nil
}

// Close closes the worksheet's part. It does not close the Workbook.
func (s *SheetReader) Close() error {
	if s.err == nil {
		s.err = errors.New("xlsx: read of a closed sheet")
	}
	return s.rc.Close()
}

// fail makes an [*Error] of the sheet.
func (s *SheetReader) fail(row, col int, value string, err error) error {
	return &Error{Sheet: s.name, Row: row, Column: col, Value: value, Err: err}
}

// token returns the next token, refusing the end of input before the end
// of the sheet's data.
func (s *SheetReader) token() (xml.Token, error) {
	tok, err := s.dec.RawToken()
	if err == io.EOF {
		return nil, s.fail(s.row+1, 0, "", errCorrupt("the sheet ends before its last row"))
	}
	if err != nil {
		return nil, s.fail(s.row+1, 0, "", errCorrupt("%v", err))
	}
	return tok, nil
}

// next appends the CSV of the next row (and of the empty rows before it)
// to s.buf, or returns io.EOF at the end of the sheet's data.
func (s *SheetReader) next() error {
	for {
		tok, err := s.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				s.inData = true
			case "row":
				if s.inData {
					return s.readRow(t)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return io.EOF
			}
		}
	}
}

// readRow reads the row that start opens and writes its CSV.
func (s *SheetReader) readRow(start xml.StartElement) error {
	r := s.row + 1
	if v := attr(start, "r"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= s.row || n > maxRows {
			return s.fail(s.row+1, 0, "", errCorrupt("row number %q after row %d", v, s.row))
		}
		r = n
	}
	s.cells = s.cells[:0]
	col := 0
	for {
		tok, err := s.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := s.skip(); err != nil {
					return err
				}
				continue
			}
			c := col + 1
			if ref := attr(t, "r"); ref != "" {
				c = refColumn(ref)
				if c <= col || c > maxColumns {
					return s.fail(r, 0, "", errCorrupt("cell %q out of order in row %d", ref, r))
				}
			} else if c > maxColumns {
				return s.fail(r, 0, "", errCorrupt("more than %d cells in row %d", maxColumns, r))
			}
			col = c
			v, err := s.readCell(t, r, c)
			if err != nil {
				return err
			}
			if v != "" {
				s.cells = append(s.cells, cellValue{col: c, val: v})
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				return s.write(r)
			}
		}
	}
}

// write appends the CSV of row r, after an empty line for each empty row
// between the last one written and r.
func (s *SheetReader) write(r int) error {
	for ; s.row < r-1; s.row++ {
		s.buf = append(s.buf, '\r', '\n')
	}
	s.row = r
	if len(s.cells) == 0 {
		s.buf = append(s.buf, '\r', '\n')
	} else {
		s.width = max(s.width, s.cells[len(s.cells)-1].col)
		s.fields = s.fields[:0]
		for range s.width {
			s.fields = append(s.fields, "")
		}
		for _, c := range s.cells {
			s.fields[c.col-1] = c.val
		}
		s.buf = codec.AppendRecord(s.buf, s.fields, verbatim)
	}
	s.out += int64(len(s.buf))
	if s.out > s.limit {
		return s.fail(r, 0, "", errTooLargeCSV)
	}
	return nil
}

// errTooLargeCSV stops a sheet whose CSV outgrows its XML.
var errTooLargeCSV error = wrapErr{msg: "the sheet's rows are far wider than its data", err: ErrTooLarge}

// wrapErr is a sentinel with a message of its own.
type wrapErr struct {
	msg string
	err error
}

func (e wrapErr) Error() string { return e.err.Error() + ": " + e.msg }
func (e wrapErr) Unwrap() error { return e.err }

// verbatim tells codec.AppendRecord to write every field as it is,
// without the formula-injection guard.
func verbatim(int) bool { return true }

// skip skips the element just started, whatever it holds.
func (s *SheetReader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := s.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// readCell reads the cell that start opens, in row r and column c, and
// returns its value as text ("" for an empty cell).
func (s *SheetReader) readCell(start xml.StartElement, r, c int) (string, error) {
	typ := attr(start, "t")
	style := -1
	if v := attr(start, "s"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return "", s.fail(r, c, "", errCorrupt("cell style %q", v))
		}
		style = n
	}
	s.text = s.text[:0]
	var hasV, hasIS bool
	inV, inT, rph := false, false, 0
	for depth := 1; depth > 0; {
		tok, err := s.token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "v":
				inV, hasV = depth == 2, hasV || depth == 2
			case "is":
				hasIS = hasIS || depth == 2
			case "t":
				inT = hasIS && rph == 0
			case "rPh":
				rph++
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "v":
				inV = false
			case "t":
				inT = false
			case "rPh":
				rph = max(rph-1, 0)
			}
		case xml.CharData:
			if inV && typ != "inlineStr" || inT {
				s.text = append(s.text, t...)
			}
		}
	}
	switch typ {
	case "s":
		if !hasV {
			return "", nil
		}
		i, ok := atoi(s.text)
		if !ok || i >= len(s.wb.sst) {
			return "", s.fail(r, c, "", errCorrupt("shared string %q does not exist", s.text))
		}
		return s.wb.sst[i], nil
	case "inlineStr", "str", "e":
		return cleanText(string(s.text)), nil
	case "b":
		switch strings.TrimSpace(string(s.text)) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return cleanText(string(s.text)), nil
	case "d":
		return isoDateText(strings.TrimSpace(string(s.text))), nil
	}
	// A number ("n", or no type).
	raw := strings.TrimSpace(string(s.text))
	if raw == "" {
		return "", nil
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return "", s.fail(r, c, maskDigits(raw), errCorrupt("number %q", maskDigits(raw)))
	}
	kind := notDate
	if style >= 0 && style < len(s.wb.styles) {
		kind = s.wb.styles[style]
	}
	if kind != notDate {
		if d, ok := serialDate(v, s.wb.date1904, kind == dateTime); ok {
			return d, nil
		}
	}
	if math.Abs(v) >= 1e14 {
		return "", s.fail(r, c, maskDigits(strconv.FormatFloat(v, 'f', 0, 64)), ErrLongNumber)
	}
	return plainNumber(raw, v), nil
}

// plainNumber writes a number as Excel's General format shows it, in
// plain decimal notation: raw itself when it is already plain with at
// most 15 significant digits, otherwise v rounded to 15 significant
// digits.
func plainNumber(raw string, v float64) string {
	sig, plain := 0, true
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c >= '0' && c <= '9':
			if sig > 0 || c != '0' {
				sig++
			}
		case c == '.' || c == '-' && i == 0:
		default:
			plain = false
		}
	}
	if plain && sig <= 15 && !strings.HasSuffix(raw, ".") && !strings.HasPrefix(raw, ".") && !strings.HasPrefix(raw, "-.") {
		return raw
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if r == 0 {
		return "0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// serialDate turns an Excel date serial number into an ISO date, with the
// time of day when withTime and it is not midnight. In the 1900 date
// system serial 1 is 1900-01-01 and 60 is the 1900-02-29 that Lotus
// invented (refused); in the 1904 system serial 0 is 1904-01-01. Serials
// before the first day or after 9999-12-31 are not dates.
func serialDate(v float64, date1904, withTime bool) (string, bool) {
	if v < 0 || v >= 2958466 {
		return "", false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	d := int(days)
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1+d, 0, 0, 0, 0, time.UTC)
	case d == 0 || d == 60:
		return "", false
	case d < 60:
		t = time.Date(1899, 12, 31+d, 0, 0, 0, 0, time.UTC)
	default:
		t = time.Date(1899, 12, 30+d, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 9999 {
		return "", false
	}
	if withTime && secs > 0 {
		return t.Add(time.Duration(secs) * time.Second).Format("2006-01-02 15:04:05"), true
	}
	return t.Format("2006-01-02"), true
}

// isoDateText writes the value of an ISO 8601 date cell (t="d"), such as
// 2019-07-18T00:00:00Z, as a date, with its time of day when it is not
// midnight.
func isoDateText(s string) string {
	date, clock, ok := strings.Cut(s, "T")
	if !ok {
		return s
	}
	clock = strings.TrimSuffix(clock, "Z")
	if i := strings.IndexByte(clock, '.'); i >= 0 {
		clock = clock[:i]
	}
	if clock == "" || clock == "00:00:00" || clock == "00:00" {
		return date
	}
	return date + " " + clock
}

// atoi reads a non-negative decimal number, allowing white space around
// it.
func atoi(b []byte) (int, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// attr returns the value of the attribute called name (any prefix).
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// refColumn returns the column of a cell reference such as "C5" or
// "$C$5", or 0 when it has none.
func refColumn(ref string) int {
	c := 0
	for i := 0; i < len(ref); i++ {
		switch b := ref[i]; {
		case b == '$' && i == 0:
		case b >= 'A' && b <= 'Z':
			c = c*26 + int(b-'A'+1)
		case b >= 'a' && b <= 'z':
			c = c*26 + int(b-'a'+1)
		default:
			return c
		}
		if c > maxColumns {
			return maxColumns + 1
		}
	}
	return c
}
