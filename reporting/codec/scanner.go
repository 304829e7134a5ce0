package codec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Scanner reads the records of a CSV text, as Excel and WPS save it, in a
// stated or detected [Encoding]. It accepts what encoding/csv accepts with
// its default settings (Comma ',', no comment character, LazyQuotes false,
// any number of fields per record): quoted fields with "" escapes and
// embedded line breaks; line ends CRLF, LF or CR alone (Excel's "CSV
// (Macintosh)"); empty lines skipped; a byte-order mark at the start
// skipped. Unlike encoding/csv it goes on after a malformed record: that
// record is consumed through the line where the error was found, reported
// by [Scanner.RecordErr], and the next record is read.
//
// A Scanner made by [NewScanner] streams: it holds one record at a time,
// in a window that grows only to the length of the longest record, and
// reads a long field in linear time. One made by [NewBytesScanner] reads a
// text held in memory and can be cut into parts at record boundaries
// ([Scanner.Split]) to be read in parallel, each part exactly as the one
// scanner would have read it.
//
// Bytes invalid in the encoding end the scan with a [*DecodeError] from
// [Scanner.Err], after the records before the line that holds them. A
// Scanner is not safe for concurrent use; the parts of a split are
// independent.
type Scanner struct {
	enc Encoding
	st  *csvStream // the streaming form; nil for text in memory

	// The form in memory: sc scans data[:end] from from.
	sc      csvScanner
	data    []byte
	from    int
	end     int
	final   bool  // data[:end] is the end of the input (else tailErr follows)
	tailErr error // the error after data[:end] (a decode error), or nil
	checked bool  // data[from:end] was checked to be UTF-8
	dropped []int // where crToLF dropped the LF of a CRLF, for error offsets

	notLast bool // a part of a split other than the last
	status  csvStatus
	err     error
}

// NewScanner returns a Scanner that reads CSV from r, decoding it as enc
// says ([Auto] detects; see [NewDecoder]). It returns the errors of
// NewDecoder: UTF-16 input, an undefined encoding, a failing first read.
func NewScanner(r io.Reader, enc Encoding) (*Scanner, error) {
	dec, err := NewDecoder(r, enc)
	if err != nil {
		return nil, err
	}
	return &Scanner{enc: dec.Encoding(), st: newCSVStream(&crReader{r: dec})}, nil
}

// NewBytesScanner returns a Scanner over data, a whole CSV text held in
// memory, in the encoding enc ([Auto] detects from the first 64 KiB, as
// [NewDecoder] does). UTF-8 is read in place (and checked a part at a time,
// so that the parts of a split check theirs in parallel); GB18030 is
// decoded into a copy first; a text with a carriage return that no line
// feed follows is read from a copy in which it is one. It returns the
// errors NewDecoder returns for the same input, except read errors.
func NewBytesScanner(data []byte, enc Encoding) (*Scanner, error) {
	if !enc.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownEncoding, uint8(enc))
	}
	if peek := data[:min(len(data), encUTF16Window)]; encIsUTF16(peek) {
		return nil, &DecodeError{Encoding: enc, Line: 1, Bytes: bytes.Clone(peek[:min(len(peek), 2)]), Err: ErrUTF16}
	}
	if enc == Auto {
		enc = DetectEncoding(data[:min(len(data), detectWindow)], len(data) <= detectWindow)
	}
	s := &Scanner{enc: enc, final: true}
	if enc == GB18030 {
		dec, err := NewDecoder(bytes.NewReader(data), GB18030)
		if err != nil {
			return nil, err
		}
		text, err := io.ReadAll(dec)
		if err != nil {
			s.final, s.tailErr = false, err
		}
		data = text
		s.checked = true
	}
	if hasLoneCR(data) {
		data, s.dropped = crToLF(data)
	}
	s.data, s.end = data, len(data)
	if bytes.HasPrefix(data, encUTF8BOM) {
		s.from = len(encUTF8BOM)
	}
	s.sc = csvScanner{buf: data[:s.end], pos: s.from, atEOF: s.final}
	return s, nil
}

// Encoding returns the encoding being read: the stated one, or the one
// detected for [Auto].
func (s *Scanner) Encoding() Encoding { return s.enc }

// check makes sure the text scanned in memory is UTF-8: at the first
// invalid byte the text is cut there and the scan ends with a DecodeError,
// after the records before it, as a decoder would end it.
func (s *Scanner) check() {
	s.checked = true
	win := s.data[s.from:s.end]
	if utf8.Valid(win) {
		return
	}
	n := encValidUTF8Prefix(win)
	at := s.from + n
	bad := 1
	if !utf8.FullRune(s.data[at:s.end]) {
		bad = s.end - at
	}
	s.tailErr = &DecodeError{
		Encoding: UTF8,
		Offset:   int64(originalOffset(at, s.dropped)),
		Line:     lineEnds(s.data[:at], false) + 1,
		Bytes:    bytes.Clone(s.data[at : at+bad]),
		Err:      ErrInvalidBytes,
	}
	s.end, s.final = at, false
	s.sc.buf, s.sc.atEOF = s.data[:at], false
}

// Scan advances to the next record, well-formed or not: it returns true
// when there is one ([Scanner.Fields], or [Scanner.RecordErr] for a
// malformed one), false at the end of the input or when the input cannot
// be read or decoded ([Scanner.Err]).
func (s *Scanner) Scan() bool {
	if s.err != nil {
		return false
	}
	if s.st != nil {
		s.status = s.st.next()
		if s.status == csvEOF {
			s.err = s.st.rerr
			if s.err == nil {
				s.err = io.EOF
			}
			return false
		}
		return true
	}
	if !s.checked {
		s.check()
	}
	s.status = s.sc.next()
	if s.status == csvBad && s.sc.openAtEOF && s.notLast {
		s.err = ErrCutInQuotes
		return false
	}
	switch s.status {
	case csvEOF, csvMore:
		s.err = s.tailErr
		if s.err == nil {
			s.err = io.EOF
		}
		return false
	}
	return true
}

func (s *Scanner) scanner() *csvScanner {
	if s.st != nil {
		return &s.st.sc
	}
	return &s.sc
}

// Fields returns the fields of the record read by the last Scan, nil for a
// malformed one. The slices are valid until the next call to Scan, and may
// be changed by the caller until then.
func (s *Scanner) Fields() [][]byte {
	if s.status != csvRecord {
		return nil
	}
	return s.scanner().fields
}

// Line returns the line on which the record read by the last Scan starts,
// from 1.
func (s *Scanner) Line() int { return s.scanner().recLine }

// RecordErr returns a [*SyntaxError] when the record read by the last Scan
// is malformed, else nil.
func (s *Scanner) RecordErr() error {
	if s.status != csvBad {
		return nil
	}
	sc := s.scanner()
	return &SyntaxError{Line: sc.errLine, Err: sc.err}
}

// Err returns the error that ended the scan: nil at the end of the input,
// else a read error or a [*DecodeError].
func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

// ErrCutInQuotes is returned by [Scanner.Err] for a part of a split (see
// [Scanner.Split]) that ends inside a quoted field: the cut fell inside a
// record, which only malformed CSV (a stray quote before the cut) can
// cause. The parts do not read as one scanner would: read the text again
// unsplit.
var ErrCutInQuotes = errors.New("codec: a part of a split CSV text ends inside a quoted field")

// Split cuts the rest of a text held in memory — what the scanner has not
// yet read — into up to n parts of at least minBytes bytes each, and
// returns a Scanner for each, in order. Each part starts just after a line
// feed that has an even number of quote characters between the scanner's
// position and itself, so that in well-formed CSV it starts a record; each
// reads its records with their lines in the whole text, and checks its own
// part for invalid UTF-8. The scanner itself is then at the end of its
// input. A streaming Scanner cannot be split: Split returns it alone.
//
// A part other than the last that ends inside a quoted field reports
// [ErrCutInQuotes] after its last record: the parts then do not read the
// text as one scanner does, and the text must be read unsplit.
func (s *Scanner) Split(n, minBytes int) []*Scanner {
	if s.st != nil || s.err != nil {
		return []*Scanner{s}
	}
	start := s.sc.pos
	bounds := splitRecords(s.data[:s.end], start, n, minBytes)
	parts := make([]*Scanner, 0, len(bounds)-1)
	line := s.sc.line
	for k := 0; k+1 < len(bounds); k++ {
		from, to := bounds[k], bounds[k+1]
		last := k+2 == len(bounds)
		p := &Scanner{enc: s.enc, data: s.data, from: from, end: to, final: true, checked: s.checked, dropped: s.dropped}
		if last {
			p.final, p.tailErr = s.final, s.tailErr
		}
		p.sc = csvScanner{buf: s.data[:to], pos: from, line: line, atEOF: p.final}
		p.notLast = !last
		parts = append(parts, p)
		if !last {
			line += bytes.Count(s.data[from:to], []byte{'\n'})
		}
	}
	s.sc.pos = s.end
	s.err = io.EOF
	return parts
}

// splitRecords cuts data[start:] into up to n chunks of at least minBytes
// bytes, each just after a line feed with an even number of quote
// characters between start and itself. It returns the boundaries, from
// start to len(data).
func splitRecords(data []byte, start, n, minBytes int) []int {
	bounds := []int{start}
	size := len(data) - start
	n = min(n, size/max(minBytes, 1))
	n = max(n, 1)
	quotes := 0 // quote characters in data[start:pos]
	pos := start
	prev := start
	for i := 1; i < n; i++ {
		p := start + size/n*i
		if p <= prev {
			continue
		}
		for {
			nl := bytes.IndexByte(data[p:], '\n')
			if nl < 0 {
				p = len(data)
				break
			}
			p += nl + 1
			quotes += bytes.Count(data[pos:p], []byte{'"'})
			pos = p
			if quotes%2 == 0 {
				break
			}
		}
		if p >= len(data) {
			break
		}
		bounds = append(bounds, p)
		prev = p
	}
	return append(bounds, len(data))
}
