package codec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// ErrUnencodable is the Err of an [EncodeError]: the text holds a
// character that the encoding cannot write so that it reads back as
// itself.
var ErrUnencodable = errors.New("character cannot be written so that it reads back")

// EncodeError reports a character that a writer of [NewWriter] refuses
// rather than write it wrongly. In GB18030 these are the characters of
// the Private Use Area U+E000–U+E864 that golang.org/x/text encodes as a
// four-byte sequence which decodes to another character (U+E272 is
// written 83 38 D7 33, which reads back as U+F286): a name or a note
// holding one would be changed silently. Nothing of the text is carried
// but the character, which is not personal data.
type EncodeError struct {
	Encoding Encoding // the encoding being written (GB18030)
	Rune     rune     // the refused character
	Offset   int64    // byte offset of the character in the UTF-8 text written, from 0
	Line     int      // 1-based line of the character (count of '\n' before it, plus one)
	Err      error    // ErrUnencodable
}

func (e *EncodeError) Error() string {
	return fmt.Sprintf("codec: line %d, byte offset %d: %U: %v in %v", e.Line, e.Offset, e.Rune, e.Err, e.Encoding)
}

// Unwrap returns e.Err.
func (e *EncodeError) Unwrap() error { return e.Err }

// gbUnencodable lists, as inclusive ranges, the characters whose GB18030
// encoding by golang.org/x/text does not decode back to themselves. It
// holds every such character from U+0000 to U+10FFFF (TestGB18030Refuses
// checks each one against x/text), all in the Private Use Area. Their
// UTF-8 forms all begin with the byte EE.
var gbUnencodable = [...][2]rune{
	{0xE000, 0xE76B}, {0xE76D, 0xE7C7}, {0xE7C9, 0xE7E6}, {0xE7F4, 0xE814},
	{0xE816, 0xE818}, {0xE81E, 0xE81E}, {0xE826, 0xE826}, {0xE82B, 0xE82C},
	{0xE831, 0xE832}, {0xE83B, 0xE83B}, {0xE843, 0xE843}, {0xE854, 0xE855},
	{0xE864, 0xE864},
}

// gbRefuses reports whether the GB18030 writer refuses r.
func gbRefuses(r rune) bool {
	if r < gbUnencodable[0][0] || r > gbUnencodable[len(gbUnencodable)-1][1] {
		return false
	}
	for _, g := range gbUnencodable {
		if r <= g[1] {
			return r >= g[0]
		}
	}
	return false
}

// gbLead is the first byte of the UTF-8 form of every character gbRefuses.
const gbLead = 0xEE

// gbWriter writes UTF-8 text as GB18030 through x/text's encoder after
// checking that every character reads back as itself. It passes only whole
// characters to the encoder and holds back an incomplete one (at most 3
// bytes) until the next write or Close.
type gbWriter struct {
	w     io.WriteCloser // the x/text transform writer
	held  [utf8.UTFMax]byte
	nheld int
	pos   int64 // offset in the text of the first byte not yet encoded
	line  int   // line of that byte, from 1
	err   error
}

func newGBWriter(w io.Writer) *gbWriter {
	return &gbWriter{w: transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder()), line: 1}
}

// Write encodes p. It returns an [*EncodeError] at the first character
// that GB18030 cannot write faithfully, having written the text before it;
// the writer then refuses further writes.
func (g *gbWriter) Write(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n := 0
	if g.nheld > 0 {
		// Complete the character held back by the last write.
		for n < len(p) && !utf8.FullRune(g.held[:g.nheld]) {
			g.held[g.nheld] = p[n]
			g.nheld++
			n++
		}
		if !utf8.FullRune(g.held[:g.nheld]) {
			return n, nil // still incomplete: p was short
		}
		k := g.nheld
		g.nheld = 0
		if _, err := g.encode(g.held[:k]); err != nil {
			return 0, err
		}
	}
	rest := p[n:]
	// Hold back an incomplete character at the end.
	cut := len(rest)
	for i := len(rest) - 1; i >= 0 && i > len(rest)-utf8.UTFMax; i-- {
		if utf8.RuneStart(rest[i]) {
			if !utf8.FullRune(rest[i:]) {
				cut = i
			}
			break
		}
	}
	if m, err := g.encode(rest[:cut]); err != nil {
		return n + m, err
	}
	g.nheld = copy(g.held[:], rest[cut:])
	return len(p), nil
}

// encode checks and encodes b, which holds whole characters (or invalid
// bytes), and returns the bytes of b encoded: all of them, or those before
// a refused character.
func (g *gbWriter) encode(b []byte) (int, error) {
	ok := len(b)
	for i := 0; i < len(b); i++ {
		k := bytes.IndexByte(b[i:], gbLead)
		if k < 0 {
			break
		}
		i += k
		if r, _ := utf8.DecodeRune(b[i:]); gbRefuses(r) {
			ok = i
			g.err = &EncodeError{Encoding: GB18030, Rune: r, Err: ErrUnencodable}
			break
		}
	}
	m, err := g.w.Write(b[:ok])
	g.pos += int64(m)
	g.line += bytes.Count(b[:m], []byte{'\n'})
	if err != nil {
		g.err = err
		return m, err
	}
	if e, refused := g.err.(*EncodeError); refused {
		e.Offset, e.Line = g.pos, g.line
		return m, e
	}
	return m, nil
}

// Close encodes a character held back (an incomplete one becomes U+FFFD,
// as x/text writes it) and flushes the encoder; it does not close the
// underlying writer. After a refused character it returns that error.
func (g *gbWriter) Close() error {
	if g.err != nil {
		return g.err
	}
	if g.nheld > 0 {
		k := g.nheld
		g.nheld = 0
		if _, err := g.w.Write(g.held[:k]); err != nil {
			return err
		}
	}
	return g.w.Close()
}
