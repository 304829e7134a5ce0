package codec_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/canbao/kuomian/reporting/codec"
)

// FuzzDecoder checks the decoder's promises on arbitrary bytes, in every
// encoding and with reads of every size: it never panics; it either fails
// with a *DecodeError that points at the offending bytes, or yields valid
// UTF-8; UTF-8 input comes back unchanged (less a leading BOM); and text
// encoded by NewEncodingWriter decodes back to itself.
func FuzzDecoder(f *testing.F) {
	f.Add([]byte("姓名,身份证号码\n张三,11010519491231002X\n"))
	f.Add([]byte("\xef\xbb\xbf村别,应扩面人数\n"))
	f.Add([]byte{0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a})
	f.Add([]byte{0x84, 0x31, 0xa4, 0x37, 0x81})
	f.Add([]byte{0x81, 0x30, 0x81})
	f.Add([]byte("a\xffb"))
	f.Add([]byte("000\ue272")) // also in testdata/fuzz: GB18030 wrote it as U+F286
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, enc := range []codec.Encoding{codec.UTF8, codec.GB18030, codec.Auto} {
			d, err := codec.NewDecoder(bytes.NewReader(in), enc)
			if errors.Is(err, codec.ErrUTF16) {
				if !bytes.HasPrefix(in, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(in, []byte{0xFE, 0xFF}) && bytes.Count(in, []byte{0}) < len(in[:min(len(in), 512)])/6 {
					t.Fatalf("NewDecoder(%v) took % x for UTF-16", enc, in)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewDecoder(%v): %v", enc, err)
			}
			out, err := io.ReadAll(d)
			if err != nil {
				var de *codec.DecodeError
				if !errors.As(err, &de) || !errors.Is(err, codec.ErrInvalidBytes) {
					t.Fatalf("%v: error %v is not a DecodeError", enc, err)
				}
				if de.Offset < 0 || de.Offset >= int64(len(in)) || len(de.Bytes) == 0 || !bytes.HasPrefix(in[de.Offset:], de.Bytes) {
					t.Fatalf("%v: DecodeError offset %d bytes % x do not point into the input % x", enc, de.Offset, de.Bytes, in)
				}
				if want := linesBefore(in, de.Offset) + 1; de.Line != want {
					t.Fatalf("%v: DecodeError line %d, want %d", enc, de.Line, want)
				}
				continue
			}
			if !utf8.Valid(out) {
				t.Fatalf("%v: output is not valid UTF-8: % x", enc, out)
			}
			if d.Encoding() == codec.UTF8 || d.Encoding() == codec.UTF8BOM {
				if want := bytes.TrimPrefix(in, []byte{0xEF, 0xBB, 0xBF}); !bytes.Equal(out, want) {
					t.Fatalf("%v: UTF-8 output % x, want % x", enc, out, want)
				}
			}
			if enc == codec.UTF8 && !utf8.Valid(bytes.TrimPrefix(in, []byte{0xEF, 0xBB, 0xBF})) {
				t.Fatalf("invalid UTF-8 % x accepted", in)
			}
			if enc == codec.GB18030 {
				// Every U+FFFD in the output must come from its genuine
				// 4-byte encoding in the input.
				if n, genuine := bytes.Count(out, []byte("\uFFFD")), bytes.Count(in, []byte{0x84, 0x31, 0xA4, 0x37}); n > genuine {
					t.Fatalf("GB18030: %d U+FFFD out of %d genuine in % x", n, genuine, in)
				}
			}
		}

		// Round trip: any valid UTF-8 text written in an encoding reads back.
		if !utf8.Valid(in) || bytes.HasPrefix(in, []byte("\uFEFF")) {
			return
		}
		for _, enc := range []codec.Encoding{codec.UTF8BOM, codec.UTF8, codec.GB18030} {
			var buf bytes.Buffer
			w, err := codec.NewWriter(&buf, enc)
			if err != nil {
				t.Fatal(err)
			}
			_, err = w.Write(in)
			if err == nil {
				err = w.Close()
			}
			var ee *codec.EncodeError
			if enc == codec.GB18030 && errors.As(err, &ee) && errors.Is(err, codec.ErrUnencodable) {
				// Refused, not corrupted: the error must name the
				// character at its offset and line, one that x/text does
				// not write faithfully, and nothing before it may be so.
				if ee.Offset < 0 || ee.Offset >= int64(len(in)) {
					t.Fatalf("EncodeError offset %d outside %q", ee.Offset, in)
				}
				r, _ := utf8.DecodeRune(in[ee.Offset:])
				if r != ee.Rune || gbReadsBack(r) || ee.Line != bytes.Count(in[:ee.Offset], []byte{'\n'})+1 {
					t.Fatalf("EncodeError %v does not point at an unencodable character in %q", ee, in)
				}
				for _, r := range string(in[:ee.Offset]) {
					if !gbReadsBack(r) {
						t.Fatalf("GB18030 writer let %U through before refusing %U in %q", r, ee.Rune, in)
					}
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			d, err := codec.NewDecoder(bytes.NewReader(buf.Bytes()), enc)
			if errors.Is(err, codec.ErrUTF16) {
				continue // text that looks like UTF-16 (a U+FFFE mark, many NULs) is refused on reading
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(d)
			if err != nil || !bytes.Equal(got, in) {
				t.Fatalf("%v round trip of %q = %q, %v", enc, in, got, err)
			}
			if enc == codec.GB18030 {
				want, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(in)
				if !bytes.Equal(buf.Bytes(), want) {
					t.Fatalf("GB18030 writer % x, x/text % x", buf.Bytes(), want)
				}
			}
		}
	})
}

// gbReadsBack reports whether x/text writes r in GB18030 so that it reads
// back as itself.
func gbReadsBack(r rune) bool {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(string(r)))
	if err != nil {
		return false
	}
	back, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	return err == nil && string(back) == string(r)
}

// linesBefore counts the line ends before in[off]: LF, CRLF and a lone CR
// (Excel's "CSV (Macintosh)") each end one line, as DecodeError.Line says.
// A CR is lone when the byte after it, in the whole input, is not LF.
func linesBefore(in []byte, off int64) int {
	n := 0
	for i := range in[:off] {
		switch {
		case in[i] == '\n':
			n++
		case in[i] == '\r' && (i+1 >= len(in) || in[i+1] != '\n'):
			n++
		}
	}
	return n
}
