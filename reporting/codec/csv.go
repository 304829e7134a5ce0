package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/bits"
	"slices"
	"strconv"
)

// csvScanner is an allocation-free RFC 4180 record scanner over a byte
// window. It accepts exactly what encoding/csv accepts with its default
// settings (Comma ',', no comment character, LazyQuotes false,
// TrimLeadingSpace false, any number of fields per record): quoted fields
// with "" escapes and embedded line breaks, CRLF or LF line ends (a CR before
// LF is dropped, also inside quoted fields), a CR before end of input dropped,
// and empty lines skipped. A UTF-8 byte-order mark at the very start of the
// input is skipped.
//
// Fields are byte slices into the input window, or into a reused scratch
// buffer when a quoted field had to be unescaped or spans lines; they are
// valid until the next call to next. In steady state the scanner does not
// allocate.
type csvScanner struct {
	buf   []byte // the input window
	pos   int    // start of unread input in buf
	line  int    // physical lines consumed before pos
	atEOF bool   // buf holds the end of input

	fields  [][]byte  // fields of the last record
	spans   []csvSpan // where each field lies
	scratch []byte    // unescaped quoted fields

	recLine int // line on which the last record started
	// openAtEOF reports that the last record was refused because the input
	// ended inside a quoted field: a window cut there would have cut a
	// record in two.
	openAtEOF bool
	// wide reports whether the last record may hold full-width forms or
	// the ideographic space (bytes EF, or E3 80 80): when false, no field
	// needs width folding.
	wide bool
	// control reports whether the last record may hold an ASCII control
	// character or DEL (exact for a one-line record without quotes, always
	// true for any other).
	control bool
	err     error // syntax error of the last record (csvBad)
	errLine int   // line on which the syntax error was found
}

// csvSpan locates one field in buf or in scratch.
type csvSpan struct {
	start, end int
	inScratch  bool
}

// csvStatus is the outcome of [csvScanner.next].
type csvStatus uint8

const (
	csvRecord csvStatus = iota // a record was read: fields holds it
	csvBad                     // a malformed record was consumed: err says why
	csvMore                    // the window ends inside a record: supply more input
	csvEOF                     // no more records
)

// These are the errors that can be returned in [SyntaxError].Err, as
// encoding/csv words them.
var (
	ErrQuote     = errors.New(`extraneous or missing " in quoted field`)
	ErrBareQuote = errors.New(`bare " in non-quoted field`)
)

// SyntaxError reports a malformed CSV record: the line on which the
// problem was found (a quoted field may span lines) and what it is.
type SyntaxError struct {
	Line int   // 1-based line where the error was found
	Err  error // ErrQuote or ErrBareQuote
}

func (e *SyntaxError) Error() string { return e.Err.Error() + " on line " + strconv.Itoa(e.Line) }

// Unwrap returns e.Err.
func (e *SyntaxError) Unwrap() error { return e.Err }

// reset makes the scanner read data as the whole input.
func (s *csvScanner) reset(data []byte) {
	s.buf = data
	s.pos = 0
	s.line = 0
	s.atEOF = true
	if bytes.HasPrefix(data, encUTF8BOM) {
		s.pos = len(encUTF8BOM)
	}
}

// lineAt finds the line starting at i: its content ends at end (a trailing
// LF and one CR before it, or one CR before end of input, are not content)
// and the next line starts at next. ok is false when the line is not
// complete in the window.
func (s *csvScanner) lineAt(i int) (end, next int, nl, ok bool) {
	j := bytes.IndexByte(s.buf[i:], '\n')
	if j < 0 {
		if !s.atEOF {
			return 0, 0, false, false
		}
		end = len(s.buf)
		if end > i && s.buf[end-1] == '\r' {
			end--
		}
		return end, len(s.buf), false, true
	}
	next = i + j + 1
	end = i + j
	if end > i && s.buf[end-1] == '\r' {
		end--
	}
	return end, next, true, true
}

// next reads the next record.
func (s *csvScanner) next() csvStatus {
	for {
		if s.pos >= len(s.buf) {
			if s.atEOF {
				return csvEOF
			}
			return csvMore
		}
		end, nxt, nl, ok := s.lineAt(s.pos)
		if !ok {
			return csvMore
		}
		if end == s.pos { // empty line
			s.pos = nxt
			s.line++
			continue
		}
		return s.record(end, nxt, nl)
	}
}

// record parses the record whose first line starts at s.pos and whose
// content ends at end.
func (s *csvScanner) record(end, nxt int, nl bool) csvStatus {
	s.openAtEOF = false
	line := s.buf[s.pos:end]
	if bytes.IndexByte(line, '"') < 0 {
		return s.plainRecord(line, nxt)
	}
	s.wide = true
	s.control = true
	s.spans = s.spans[:0]
	s.scratch = s.scratch[:0]
	s.err = nil
	lines := 1
	i := s.pos
	for {
		if i < end && s.buf[i] == '"' {
			i++
			fstart := i
			inScratch := false
			scr0 := len(s.scratch)
			for {
				q := bytes.IndexByte(s.buf[i:end], '"')
				if q >= 0 {
					if inScratch {
						s.scratch = append(s.scratch, s.buf[i:i+q]...)
					}
					closeAt := i + q
					i = closeAt + 1
					if i < end && s.buf[i] == '"' { // "" escape
						if inScratch {
							s.scratch = append(s.scratch, '"')
						} else {
							s.scratch = append(s.scratch, s.buf[fstart:i]...)
							inScratch = true
						}
						i++
						continue
					}
					sp := csvSpan{start: fstart, end: closeAt}
					if inScratch {
						sp = csvSpan{start: scr0, end: len(s.scratch), inScratch: true}
					}
					if i < end && s.buf[i] == ',' {
						s.spans = append(s.spans, sp)
						i++
						break
					}
					if i == end {
						s.spans = append(s.spans, sp)
						return s.finish(nxt, lines)
					}
					return s.fail(ErrQuote, nxt, lines)
				}
				// The quoted field goes on past the end of this line.
				if inScratch {
					s.scratch = append(s.scratch, s.buf[i:end]...)
				} else {
					s.scratch = append(s.scratch, s.buf[fstart:end]...)
					inScratch = true
				}
				if !nl {
					s.openAtEOF = true
					return s.fail(ErrQuote, nxt, lines)
				}
				s.scratch = append(s.scratch, '\n')
				e2, n2, nl2, ok := s.lineAt(nxt)
				if !ok {
					return csvMore
				}
				i, end, nxt, nl = nxt, e2, n2, nl2
				lines++
			}
			continue
		}
		fe := end
		c := bytes.IndexByte(s.buf[i:end], ',')
		if c >= 0 {
			fe = i + c
		}
		if bytes.IndexByte(s.buf[i:fe], '"') >= 0 {
			return s.fail(ErrBareQuote, nxt, lines)
		}
		s.spans = append(s.spans, csvSpan{start: i, end: fe})
		if c < 0 {
			return s.finish(nxt, lines)
		}
		i = fe + 1
	}
}

// plainRecord splits a one-line record without quotes at its commas,
// eight bytes at a time.
func (s *csvScanner) plainRecord(line []byte, nxt int) csvStatus {
	// E3 leads U+3000..U+3FFF (the ideographic space, 、 and other CJK
	// punctuation): rare enough to check only when it occurs.
	s.wide = bytes.IndexByte(line, 0xEF) >= 0 || bytes.IndexByte(line, 0xE3) >= 0 && bytes.Contains(line, ideographicSpace)
	s.recLine = s.line + 1
	s.err = nil
	f := s.fields[:0]
	start, i := 0, 0
	// ctl collects, in the top bit of its bytes, bytes below 0x20 and DEL
	// (a byte less than 0x20 borrows when 0x20 is subtracted; bytes of
	// 0x80 and above are masked out by ^w; a borrow sets a higher byte only
	// after a true control byte below it, so the "any" is exact).
	const ones = 0x0101010101010101
	var ctl uint64
	for ; i+8 <= len(line); i += 8 {
		w := binary.LittleEndian.Uint64(line[i:])
		del := w ^ 0x7F*ones
		ctl |= (w-0x20*ones)&^w | (del-ones)&^del
		// Exact per-byte match of ',' (no false positives from borrows):
		// the high bit of each byte of m is set where the byte is a comma.
		x := w ^ 0x2C2C2C2C2C2C2C2C
		m := ^((x & 0x7F7F7F7F7F7F7F7F) + 0x7F7F7F7F7F7F7F7F | x | 0x7F7F7F7F7F7F7F7F)
		for m != 0 {
			c := i + bits.TrailingZeros64(m)>>3
			f = append(f, line[start:c:c])
			start = c + 1
			m &= m - 1
		}
	}
	for ; i < len(line); i++ {
		if c := line[i]; c == ',' {
			f = append(f, line[start:i:i])
			start = i + 1
		} else if c < ' ' || c == 0x7F {
			ctl = 0x80
		}
	}
	s.control = ctl&0x8080808080808080 != 0
	s.fields = append(f, line[start:len(line):len(line)])
	s.pos = nxt
	s.line++
	return csvRecord
}

var ideographicSpace = []byte("\u3000")

// finish turns the spans of a record into fields and consumes its lines.
func (s *csvScanner) finish(nxt, lines int) csvStatus {
	s.recLine = s.line + 1
	s.fields = s.fields[:0]
	for _, sp := range s.spans {
		if sp.inScratch {
			s.fields = append(s.fields, s.scratch[sp.start:sp.end:sp.end])
		} else {
			s.fields = append(s.fields, s.buf[sp.start:sp.end:sp.end])
		}
	}
	s.pos = nxt
	s.line += lines
	return csvRecord
}

// fail consumes a malformed record through the line where it failed.
func (s *csvScanner) fail(err error, nxt, lines int) csvStatus {
	s.recLine = s.line + 1
	s.errLine = s.line + lines
	s.err = err
	s.fields = s.fields[:0]
	s.pos = nxt
	s.line += lines
	return csvBad
}

// csvStream feeds a csvScanner from an io.Reader through a window that grows
// only to the length of the longest record.
type csvStream struct {
	r       io.Reader
	sc      csvScanner
	win     []byte
	started bool
	rerr    error // a read error other than io.EOF
	pending error // a read error that came with data, returned at the next fill
}

// csvStreamWindow is the initial window size.
const csvStreamWindow = 64 << 10

func newCSVStream(r io.Reader) *csvStream {
	return &csvStream{r: r, win: make([]byte, 0, csvStreamWindow)}
}

// next reads the next record, reading more input as needed. A read error
// ends the stream: next returns csvEOF and st.rerr holds the error.
func (st *csvStream) next() csvStatus {
	for {
		if st.started {
			if status := st.sc.next(); status != csvMore {
				return status
			}
		}
		if !st.fill() {
			return csvEOF
		}
	}
}

// fill moves the unread part of the window to its front and reads more.
func (st *csvStream) fill() bool {
	if st.rerr != nil {
		return false
	}
	if st.pending != nil {
		st.rerr, st.pending = st.pending, nil
		return false
	}
	rest := st.win[st.sc.pos:]
	if st.sc.pos == 0 && len(st.win) == cap(st.win) {
		grown := make([]byte, len(st.win), 2*cap(st.win))
		copy(grown, st.win)
		st.win = grown
	} else {
		st.win = st.win[:copy(st.win[:cap(st.win)], rest)]
	}
	st.sc.pos = 0
	// Fill the whole window (or read to the end): a record longer than
	// the window is scanned again from its start after each fill, so each
	// fill must at least double what has been read of it, or a long field
	// read in small pieces takes quadratic time.
	got := false // this fill read something
	for len(st.win) < cap(st.win) {
		n, err := st.r.Read(st.win[len(st.win):cap(st.win)])
		st.win = st.win[:len(st.win)+n]
		got = got || n > 0
		if err == io.EOF {
			st.sc.atEOF = true
			break
		} else if err != nil {
			if got {
				// Scan what came before the error first.
				st.pending = err
				break
			}
			st.rerr = err
			return false
		}
	}
	st.sc.buf = st.win
	if !st.started {
		st.started = true
		if bytes.HasPrefix(st.win, encUTF8BOM) {
			st.sc.pos = len(encUTF8BOM)
		} else if len(st.win) < len(encUTF8BOM) && bytes.HasPrefix(encUTF8BOM, st.win) && !st.sc.atEOF {
			st.started = false // too short to tell yet
		}
	}
	return true
}

// hasLoneCR reports whether b holds a carriage return that no line feed
// follows (one at the end of b included): a line end of Excel's "CSV
// (Macintosh)", which crReader turns into a line feed and the scanner does
// not.
func hasLoneCR(b []byte) bool {
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 >= len(b) || b[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(b[i+2:], '\r')
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// crToLF returns a copy of b with its line ends as crReader gives them:
// every CR a line feed, and a line feed right after a CR dropped (CRLF and
// a lone CR both become LF). It also returns where, in the copy, each
// dropped line feed would have stood (in increasing order), so that an
// offset in the copy maps back to the input ([originalOffset]).
func crToLF(b []byte) (out []byte, dropped []int) {
	out = make([]byte, 0, len(b))
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(out, b...), dropped
		}
		out = append(append(out, b[:i]...), '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			dropped = append(dropped, len(out))
			b = b[1:]
		}
	}
}

// originalOffset maps an offset in crToLF's copy back to the input.
func originalOffset(at int, dropped []int) int {
	n, _ := slices.BinarySearch(dropped, at+1)
	return at + n
}

// crReader turns every carriage return that is not followed by a line feed
// into a line feed, so that a file with CR-only line ends (Excel's "CSV
// (Macintosh)") is read line by line instead of as one header row. CRLF
// stays as it is; a lone CR inside a quoted field becomes a line feed, as
// encoding/csv turns a CRLF inside a quoted field into one.
//
// It also holds back an error that comes with data until the next call, so
// that the reader of the stream sees every byte before a decode error.
type crReader struct {
	r      io.Reader
	lastCR bool  // the previous byte handed out was a CR turned into LF
	err    error // an error to return on the next call
}

func (c *crReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	for {
		n, err := c.r.Read(p)
		if n > 0 && err != nil {
			c.err, err = err, nil
		}
		if !c.lastCR && bytes.IndexByte(p[:n], '\r') < 0 {
			return n, err // the usual case: nothing to change
		}
		out := p[:0]
		for _, b := range p[:n] {
			if c.lastCR {
				c.lastCR = false
				if b == '\n' {
					// The CR was the first half of a CRLF, already given as LF.
					continue
				}
			}
			if b == '\r' {
				b, c.lastCR = '\n', true
			}
			out = append(out, b)
		}
		if len(out) > 0 || err != nil || len(p) == 0 {
			return len(out), err
		}
	}
}
