package codec

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encoding is the character encoding of a text file. The zero value,
// [Auto], means "not stated": a reader ([NewDecoder]) detects the encoding
// from the text, and a writer cannot write it ([NewWriter] refuses it), so
// every option that writes says which encoding its zero value stands for
// (the renderers of package table write CSV as [UTF8BOM], the form Excel
// and WPS open as UTF-8).
type Encoding uint8

// The encodings.
const (
	// Auto is the zero Encoding: not stated. [NewDecoder] chooses: a UTF-8
	// byte-order mark means UTF-8; otherwise the first 64 KiB are checked,
	// and UTF-8 (valid, or with a few damaged bytes, see [DetectEncoding])
	// means UTF-8, anything else GB18030. UTF-16 is refused ([ErrUTF16]).
	// [NewWriter] refuses it.
	Auto Encoding = iota
	// UTF8BOM is UTF-8 preceded by the byte-order mark EF BB BF (带BOM的UTF-8),
	// the form in which Excel and WPS open a CSV file as UTF-8. When
	// reading, UTF8BOM and UTF8 are the same: a leading mark is skipped if
	// present.
	UTF8BOM
	// UTF8 is UTF-8 without a byte-order mark.
	UTF8
	// GB18030 is GB 18030, the superset of GB2312 and GBK that Excel and WPS
	// on Chinese Windows use for "CSV" files. Unlike GBK it encodes every
	// Unicode character, so no name is lost.
	GB18030
)

// String returns the name that [ParseEncoding] accepts: "utf-8-bom",
// "utf-8", "gb18030" or "auto".
func (e Encoding) String() string {
	switch e {
	case UTF8BOM:
		return "utf-8-bom"
	case UTF8:
		return "utf-8"
	case GB18030:
		return "gb18030"
	case Auto:
		return "auto"
	}
	return fmt.Sprintf("Encoding(%d)", uint8(e))
}

// IsValid reports whether e is one of the defined encodings.
func (e Encoding) IsValid() bool { return e <= GB18030 }

// MarshalText implements [encoding.TextMarshaler]; it returns [Encoding.String].
func (e Encoding) MarshalText() ([]byte, error) {
	if !e.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownEncoding, uint8(e))
	}
	return []byte(e.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseEncoding].
func (e *Encoding) UnmarshalText(b []byte) error {
	v, err := ParseEncoding(string(b))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// ParseEncoding parses an encoding name as a command-line flag would give it,
// ignoring case, spaces, '-' and '_': "utf-8-bom" (also "utf8bom", "bom"),
// "utf-8" ("utf8"), "gb18030" (also "gbk" and "gb2312", which GB18030 reads
// and writes as a superset) and "auto". Other names give an error wrapping
// [ErrUnknownEncoding].
func ParseEncoding(s string) (Encoding, error) {
	k := strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
	switch k {
	case "utf8bom", "bom", "utf8withbom":
		return UTF8BOM, nil
	case "utf8":
		return UTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return GB18030, nil
	case "auto", "detect":
		return Auto, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownEncoding, s)
}

// Errors of the encoding layer, usable with [errors.Is].
var (
	// ErrUnknownEncoding: an Encoding value or name that is not defined, or
	// Auto given to a writer.
	ErrUnknownEncoding = errors.New("codec: unknown encoding")
	// ErrInvalidBytes is the Err of a [DecodeError] when the input holds a
	// byte sequence that is not valid in its encoding.
	ErrInvalidBytes = errors.New("invalid byte sequence")
	// ErrUTF16 is the Err of a [DecodeError] when the input is UTF-16
	// (Excel's "Unicode text", a UTF-16 byte-order mark FF FE or FE FF, or
	// text in which every other byte is NUL). This package does not read
	// UTF-16: save the file as "CSV UTF-8" or as GB18030 CSV instead.
	ErrUTF16 = errors.New("UTF-16 text is not supported (save the file as CSV UTF-8 or as GB18030 CSV)")
)

// DecodeError reports a byte sequence that is not valid in the encoding being
// read. The decoder stops there rather than let a U+FFFD replacement
// character into the data silently. It carries no text of the input other
// than the offending bytes (never a name or an identity number).
type DecodeError struct {
	Encoding Encoding // the encoding being read (UTF8 or GB18030)
	Offset   int64    // byte offset of the first invalid byte in the input, from 0
	Line     int      // 1-based line of that byte (line ends before it — LF, CRLF or a lone CR — plus one)
	Bytes    []byte   // the invalid bytes (at most 4)
	Err      error    // ErrInvalidBytes, or ErrUTF16 (then Offset is 0 and Line 1)
}

func (e *DecodeError) Error() string {
	if errors.Is(e.Err, ErrUTF16) {
		return fmt.Sprintf("codec: line %d, byte offset %d: %v", e.Line, e.Offset, e.Err)
	}
	enc := "UTF-8"
	if e.Encoding == GB18030 {
		enc = "GB18030"
	}
	hint := ""
	if enc == "UTF-8" {
		hint = " (if the file was saved by Excel or WPS on Chinese Windows, read it as gb18030)"
	}
	return fmt.Sprintf("codec: line %d, byte offset %d: %v in %s: % x%s", e.Line, e.Offset, e.Err, enc, e.Bytes, hint)
}

// Unwrap returns e.Err.
func (e *DecodeError) Unwrap() error { return e.Err }

// encUTF8BOM is the UTF-8 byte-order mark; encGBBOM is U+FEFF in GB18030.
var (
	encUTF8BOM = []byte{0xEF, 0xBB, 0xBF}
	encGBBOM   = []byte{0x84, 0x31, 0x95, 0x33}
	// encGBReplacement is U+FFFD in GB18030: the only sequence that may
	// legitimately decode to it.
	encGBReplacement = []byte{0x84, 0x31, 0xA4, 0x37}
	encUTF8FFFD      = []byte{0xEF, 0xBF, 0xBD}
)

// detectWindow is how much input [Auto] inspects: the first 64 KiB.
const detectWindow = 64 << 10

// Decoder reads text in a stated or detected [Encoding] and yields UTF-8
// without a byte-order mark. Any byte sequence that is invalid in the
// encoding stops it with a [*DecodeError]; it never substitutes U+FFFD.
// A Decoder is an [io.Reader]; it is not safe for concurrent use.
type Decoder struct {
	enc Encoding
	r   io.Reader
}

// NewDecoder returns a [Decoder] reading r in the encoding enc. UTF8 and
// UTF8BOM both read UTF-8 and skip a leading byte-order mark; GB18030 reads
// GB 18030 (and so GBK and GB2312) and skips a leading U+FEFF, in GB18030
// or in UTF-8 (some tools put a UTF-8 mark before GB18030 text, and
// Auto reads such text as GB18030);
// Auto peeks at up to 64 KiB of r to choose (see [Auto]); a
// stated encoding peeks at up to 512 bytes. Whatever the encoding, text that
// is UTF-16 (see [ErrUTF16]) gives a [*DecodeError] at once, and so does a
// failing first read. An undefined enc gives an error wrapping
// [ErrUnknownEncoding].
//
// The detected or stated encoding is available from [Decoder.Encoding].
func NewDecoder(r io.Reader, enc Encoding) (*Decoder, error) {
	if !enc.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownEncoding, uint8(enc))
	}
	window := encUTF16Window
	if enc == Auto {
		window = detectWindow
	}
	br := bufio.NewReaderSize(r, window)
	peek, err := br.Peek(window)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if encIsUTF16(peek) {
		return nil, &DecodeError{Encoding: enc, Line: 1, Bytes: bytes.Clone(peek[:2]), Err: ErrUTF16}
	}
	if enc == Auto {
		enc = DetectEncoding(peek, err == io.EOF)
	}
	if enc == GB18030 {
		return &Decoder{enc: enc, r: transform.NewReader(br, newEncStrictGB())}, nil
	}
	return &Decoder{enc: enc, r: transform.NewReader(br, &encStrictUTF8{})}, nil
}

// encUTF16Window is how much input a decoder for a stated encoding checks
// for UTF-16.
const encUTF16Window = 512

// encIsUTF16 reports whether a text starts with a UTF-16 byte-order mark, or
// has a NUL in at least a third of the even or of the odd positions of its
// first 512 bytes and in few of the others (ASCII in UTF-16 without a mark;
// a file padded with NULs everywhere is not UTF-16).
func encIsUTF16(prefix []byte) bool {
	if bytes.HasPrefix(prefix, []byte{0xFF, 0xFE}) || bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}) {
		return true
	}
	p := prefix[:min(len(prefix), encUTF16Window)]
	if len(p) < 8 {
		return false
	}
	var nul [2]int
	for i, c := range p {
		if c == 0 {
			nul[i%2]++
		}
	}
	big, small := max(nul[0], nul[1]), min(nul[0], nul[1])
	return 3*big >= len(p)/2 && 4*small <= big
}

// Read implements [io.Reader]. After an invalid byte sequence it returns the
// text before it and then a [*DecodeError].
func (d *Decoder) Read(p []byte) (int, error) { return d.r.Read(p) }

// Encoding returns the encoding being read: the stated one, or for
// Auto the detected one (UTF8BOM when a byte-order mark was seen,
// UTF8 for valid UTF-8 without it, GB18030 otherwise).
func (d *Decoder) Encoding() Encoding { return d.enc }

// DetectEncoding guesses the encoding of a text from its first bytes: UTF8BOM
// when they start with the UTF-8 byte-order mark (unless the text after it
// is GB18030, which some tools put behind a UTF-8 mark); UTF8 when they are valid
// UTF-8 (an incomplete character at the end is allowed unless complete is
// true, i.e. prefix is the whole text), and also when they hold a few
// invalid bytes among many valid multi-byte UTF-8 characters (at least 3
// valid ones per invalid sequence: a UTF-8 file damaged in a few places,
// which the UTF-8 decoder then reports at the right line, rather than a
// GB18030 file, in which valid UTF-8 sequences are rare); GB18030
// otherwise. Plain ASCII is UTF8.
func DetectEncoding(prefix []byte, complete bool) Encoding {
	if bytes.HasPrefix(prefix, encUTF8BOM) {
		if encDetect(prefix[len(encUTF8BOM):], complete) == GB18030 {
			return GB18030 // GB18030 text behind a UTF-8 mark
		}
		return UTF8BOM
	}
	return encDetect(prefix, complete)
}

// encDetect is DetectEncoding without the byte-order mark: UTF8 or GB18030.
func encDetect(prefix []byte, complete bool) Encoding {
	n := encValidUTF8Prefix(prefix)
	if n == len(prefix) {
		return UTF8
	}
	rest := prefix[n:]
	if !complete && len(rest) < utf8.UTFMax && !utf8.FullRune(rest) {
		return UTF8
	}
	valid, invalid := 0, 0
	for i := 0; i < len(prefix); {
		if prefix[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(prefix[i:])
		switch {
		case r != utf8.RuneError || size > 1:
			valid++
		case !complete && len(prefix)-i < utf8.UTFMax && !utf8.FullRune(prefix[i:]):
			// an incomplete character cut by the window
		default:
			invalid++
		}
		i += size
	}
	if valid >= 3*invalid {
		return UTF8
	}
	return GB18030
}

// encValidUTF8Prefix returns the length of the longest prefix of b made of
// complete, valid UTF-8 characters.
func encValidUTF8Prefix(b []byte) int {
	if utf8.Valid(b) {
		return len(b)
	}
	i := 0
	for i < len(b) {
		if c := b[i]; c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return i
}

// encPosition tracks where in the input a transformer is.
type encPosition struct {
	off    int64 // bytes consumed
	lines  int   // line ends consumed (lineEnds)
	lastCR bool  // the last byte consumed was '\r'
}

func (p *encPosition) advance(consumed []byte) {
	p.off += int64(len(consumed))
	p.lines += lineEnds(consumed, p.lastCR)
	if len(consumed) > 0 {
		p.lastCR = consumed[len(consumed)-1] == '\r'
	}
}

// lineEnds counts the line ends in b as the CSV scanner reads them: LF,
// CRLF and a lone CR (Excel's "CSV (Macintosh)") each end one line.
// afterCR says whether the byte before b was a CR, so that a CRLF split
// across two reads counts once.
func lineEnds(b []byte, afterCR bool) int {
	n := 0
	for i, c := range b {
		switch c {
		case '\r':
			n++
		case '\n':
			if i > 0 && b[i-1] == '\r' || i == 0 && afterCR {
				continue // the LF of a CRLF: counted at the CR
			}
			n++
		}
	}
	return n
}

func (p *encPosition) fail(enc Encoding, src []byte, i, n int) *DecodeError {
	bad := src[i:min(len(src), i+n)]
	return &DecodeError{
		Encoding: enc,
		Offset:   p.off + int64(i),
		Line:     p.lines + lineEnds(src[:i], p.lastCR) + 1,
		Bytes:    bytes.Clone(bad),
		Err:      ErrInvalidBytes,
	}
}

// encStrictUTF8 copies valid UTF-8, drops a leading byte-order mark and fails
// on anything invalid.
type encStrictUTF8 struct {
	pos     encPosition
	started bool
}

func (t *encStrictUTF8) Reset() { *t = encStrictUTF8{} }

func (t *encStrictUTF8) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	if !t.started {
		if len(src) < len(encUTF8BOM) && !atEOF && bytes.HasPrefix(encUTF8BOM, src) {
			return 0, 0, transform.ErrShortSrc
		}
		t.started = true
		if bytes.HasPrefix(src, encUTF8BOM) {
			nSrc = len(encUTF8BOM)
			t.pos.advance(src[:nSrc])
		}
	}
	rest := src[nSrc:]
	chunk := rest[:min(len(rest), len(dst))]
	n := encValidUTF8Prefix(chunk)
	nDst = copy(dst, chunk[:n])
	t.pos.advance(chunk[:n])
	nSrc += n
	if n == len(rest) {
		return nDst, nSrc, nil
	}
	tail := rest[n:]
	if !utf8.FullRune(tail) {
		// An incomplete character at the very end of the input so far.
		if !atEOF {
			return nDst, nSrc, transform.ErrShortSrc
		}
		return nDst, nSrc, t.pos.fail(UTF8, tail, 0, len(tail))
	}
	if r, size := utf8.DecodeRune(tail); r != utf8.RuneError || size > 1 {
		// A valid character that did not fit in dst.
		return nDst, nSrc, transform.ErrShortDst
	}
	return nDst, nSrc, t.pos.fail(UTF8, tail, 0, 1)
}

// encStrictGB decodes GB18030 with x/text and fails where x/text would have
// substituted U+FFFD for an invalid or unmapped sequence.
type encStrictGB struct {
	inner   transform.Transformer
	pos     encPosition
	started bool
}

func newEncStrictGB() *encStrictGB {
	return &encStrictGB{inner: simplifiedchinese.GB18030.NewDecoder()}
}

func (t *encStrictGB) Reset() {
	t.inner.Reset()
	t.pos = encPosition{}
	t.started = false
}

func (t *encStrictGB) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	if !t.started {
		if len(src) < len(encGBBOM) && !atEOF && (bytes.HasPrefix(encGBBOM, src) || bytes.HasPrefix(encUTF8BOM, src)) {
			return 0, 0, transform.ErrShortSrc
		}
		t.started = true
		switch {
		case bytes.HasPrefix(src, encGBBOM):
			nSrc = len(encGBBOM)
		case bytes.HasPrefix(src, encUTF8BOM):
			// A UTF-8 mark before GB18030 text, as some tools prepend it
			// blindly: EF BB BF would read as 锘 and a broken byte.
			nSrc = len(encUTF8BOM)
		}
		t.pos.advance(src[:nSrc])
	}
	rest := src[nSrc:]
	d, s, err := t.inner.Transform(dst, rest, atEOF)
	if !bytes.Contains(dst[:d], encUTF8FFFD) {
		t.pos.advance(rest[:s])
		return d, nSrc + s, err
	}
	// Slow path: decode one character at a time to tell a genuine U+FFFD
	// (the 4-byte sequence 84 31 A4 37) from a substitution.
	d = 0
	i := 0
	var one [utf8.UTFMax]byte
	for i < len(rest) {
		k := encGBCharLen(rest[i:])
		if i+k > len(rest) {
			if !atEOF {
				t.pos.advance(rest[:i])
				return d, nSrc + i, transform.ErrShortSrc
			}
			k = len(rest) - i
		}
		od, _, _ := t.inner.Transform(one[:], rest[i:i+k], true)
		if r, _ := utf8.DecodeRune(one[:od]); r == utf8.RuneError && !bytes.HasPrefix(rest[i:], encGBReplacement) {
			t.pos.advance(rest[:i])
			return d, nSrc + i, t.pos.fail(GB18030, rest[i:], 0, k)
		}
		if d+od > len(dst) {
			t.pos.advance(rest[:i])
			return d, nSrc + i, transform.ErrShortDst
		}
		d += copy(dst[d:], one[:od])
		i += k
	}
	t.pos.advance(rest)
	return d, nSrc + i, nil
}

// encGBCharLen returns the length of the GB18030 character that b starts
// with, judged by its structure alone: 1 for ASCII and the stray bytes 0x80
// and 0xFF, 4 when the second byte is a digit, else 2.
func encGBCharLen(b []byte) int {
	c0 := b[0]
	if c0 <= 0x80 || c0 == 0xFF {
		return 1
	}
	if len(b) >= 2 && 0x30 <= b[1] && b[1] <= 0x39 {
		return 4
	}
	return 2
}

// NewWriter returns a writer that takes UTF-8 text and writes it to w
// in the encoding enc: for UTF8BOM the byte-order mark goes before the first
// byte written (an empty text stays empty); UTF8 passes bytes through;
// GB18030 encodes them. Call Close when done: it flushes any incomplete
// character held back between writes and does not close w. Invalid UTF-8 in
// the input is passed through by UTF8 and UTF8BOM and becomes U+FFFD under
// GB18030; this package's renderers never write invalid UTF-8 (they replace
// it with U+FFFD first). GB18030 refuses a character that it cannot write
// so that it reads back as itself (some of the Private Use Area, see
// [EncodeError]): Write returns an [*EncodeError] wrapping [ErrUnencodable]
// that names the character and its line and byte offset, after writing
// the text before it, and the writer refuses every later call. Auto and
// undefined values give an error wrapping [ErrUnknownEncoding].
func NewWriter(w io.Writer, enc Encoding) (io.WriteCloser, error) {
	switch enc {
	case UTF8BOM:
		return &encBOMWriter{w: w}, nil
	case UTF8:
		return encNopCloser{w}, nil
	case GB18030:
		return newGBWriter(w), nil
	}
	return nil, fmt.Errorf("%w for writing: %v", ErrUnknownEncoding, enc)
}

type encNopCloser struct{ io.Writer }

func (encNopCloser) Close() error { return nil }

type encBOMWriter struct {
	w       io.Writer
	started bool
}

func (b *encBOMWriter) Write(p []byte) (int, error) {
	if !b.started && len(p) > 0 {
		if _, err := b.w.Write(encUTF8BOM); err != nil {
			return 0, err
		}
		b.started = true
	}
	return b.w.Write(p)
}

func (b *encBOMWriter) Close() error { return nil }
