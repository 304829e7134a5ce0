package codec_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/canbao/kuomian/reporting/codec"
)

// tblGB encodes s in GB18030 with x/text (an independent encoder).
func tblGB(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("GB18030 encode %q: %v", s, err)
	}
	return b
}

// tblDecode reads all of in through a Decoder; chunked reads one byte at a
// time from the source.
func tblDecode(in []byte, enc codec.Encoding, oneByte bool) (string, codec.Encoding, error) {
	var r io.Reader = bytes.NewReader(in)
	if oneByte {
		r = iotest.OneByteReader(r)
	}
	d, err := codec.NewDecoder(r, enc)
	if err != nil {
		return "", 0, err
	}
	out, err := io.ReadAll(d)
	return string(out), d.Encoding(), err
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		in   string
		want codec.Encoding
	}{
		{"utf-8-bom", codec.UTF8BOM},
		{"UTF8BOM", codec.UTF8BOM},
		{"utf-8", codec.UTF8},
		{"UTF_8", codec.UTF8},
		{"gb18030", codec.GB18030},
		{"GBK", codec.GB18030},
		{"auto", codec.Auto},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := codec.ParseEncoding(tt.in)
			if err != nil {
				t.Fatalf("ParseEncoding(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseEncoding(%q) = %v, want %v", tt.in, got, tt.want)
			}
			// String round-trips.
			back, err := codec.ParseEncoding(got.String())
			if err != nil || back != got {
				t.Errorf("ParseEncoding(%q.String()) = %v, %v", got, back, err)
			}
		})
	}
	if _, err := codec.ParseEncoding("latin1"); !errors.Is(err, codec.ErrUnknownEncoding) {
		t.Errorf("ParseEncoding(latin1) error = %v, want ErrUnknownEncoding", err)
	}
	var e codec.Encoding
	if err := e.UnmarshalText([]byte("gb18030")); err != nil || e != codec.GB18030 {
		t.Errorf("UnmarshalText(gb18030) = %v, %v", e, err)
	}
	if _, err := codec.Encoding(9).MarshalText(); !errors.Is(err, codec.ErrUnknownEncoding) {
		t.Errorf("Encoding(9).MarshalText() error = %v", err)
	}
}

func TestDecoder(t *testing.T) {
	const text = "姓名,身份证号码,村(社区)\n张三,11010519491231002X,振兴村\n曾㵘,440524188001010014,罗溪村\n"
	bom := []byte{0xEF, 0xBB, 0xBF}
	gb := tblGB(t, text)
	tests := []struct {
		name    string
		in      []byte
		enc     codec.Encoding
		wantEnc codec.Encoding
	}{
		{"utf8 stated", []byte(text), codec.UTF8, codec.UTF8},
		{"utf8 bom stated", append(bytes.Clone(bom), text...), codec.UTF8BOM, codec.UTF8BOM},
		{"bom read as utf8", append(bytes.Clone(bom), text...), codec.UTF8, codec.UTF8},
		{"gb18030 stated", gb, codec.GB18030, codec.GB18030},
		{"gb18030 with its bom", append([]byte{0x84, 0x31, 0x95, 0x33}, gb...), codec.GB18030, codec.GB18030},
		{"detect utf8", []byte(text), codec.Auto, codec.UTF8},
		{"detect bom", append(bytes.Clone(bom), text...), codec.Auto, codec.UTF8BOM},
		{"detect gb18030", gb, codec.Auto, codec.GB18030},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			name := tt.name
			if oneByte {
				name += " one byte at a time"
			}
			t.Run(name, func(t *testing.T) {
				got, enc, err := tblDecode(tt.in, tt.enc, oneByte)
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if diff := cmp.Diff(text, got); diff != "" {
					t.Errorf("decoded text mismatch (-want +got):\n%s", diff)
				}
				if enc != tt.wantEnc {
					t.Errorf("Encoding() = %v, want %v", enc, tt.wantEnc)
				}
			})
		}
	}
}

func TestDecoderGenuineReplacementCharacter(t *testing.T) {
	// U+FFFD written on purpose is data, not an error, in both encodings.
	const text = "a\uFFFDb"
	for _, enc := range []codec.Encoding{codec.UTF8, codec.GB18030} {
		in := []byte(text)
		if enc == codec.GB18030 {
			in = tblGB(t, text)
		}
		got, _, err := tblDecode(in, enc, false)
		if err != nil || got != text {
			t.Errorf("%v: decode = %q, %v; want %q", enc, got, err, text)
		}
	}
}

func TestDecoderRejectsInvalidBytes(t *testing.T) {
	gbName := tblGB(t, "王伟")
	tests := []struct {
		name       string
		in         []byte
		enc        codec.Encoding
		wantText   string // decoded before the error
		wantOffset int64
		wantLine   int
		wantBytes  []byte
	}{
		{"utf8 stray byte", []byte("ab\ncd\xffef"), codec.UTF8, "ab\ncd", 5, 2, []byte{0xff}},
		{"utf8 truncated at end", []byte("ab\xe4\xb8"), codec.UTF8, "ab", 2, 1, []byte{0xe4, 0xb8}},
		{"utf8 surrogate", []byte("x\xed\xa0\x80"), codec.UTF8, "x", 1, 1, []byte{0xed}},
		{"utf8 after bom", []byte("\xef\xbb\xbfA\x80"), codec.UTF8BOM, "A", 4, 1, []byte{0x80}},
		{"gbk read as utf8", append([]byte("x,"), gbName...), codec.UTF8, "x,", 2, 1, gbName[:1]},
		{"gb18030 0xff", []byte("a\n\nb\xff"), codec.GB18030, "a\n\nb", 4, 3, []byte{0xff}},
		{"gb18030 bad trail", []byte("a\x81\x20"), codec.GB18030, "a", 1, 1, []byte{0x81}},
		{"gb18030 lead at end", append(bytes.Clone(gbName), 0x81), codec.GB18030, "王伟", 4, 1, []byte{0x81}},
		{"gb18030 unmapped four-byte", []byte("a\x84\x32\x81\x30"), codec.GB18030, "a", 1, 1, []byte{0x84}},
		{"detected utf8 then gbk", append(bytes.Repeat([]byte("a"), 70<<10), gbName...), codec.Auto, strings.Repeat("a", 70<<10), 70 << 10, 1, gbName[:1]},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			name := tt.name
			if oneByte {
				name += " one byte at a time"
			}
			t.Run(name, func(t *testing.T) {
				got, _, err := tblDecode(tt.in, tt.enc, oneByte)
				var de *codec.DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("decode error = %v, want *DecodeError", err)
				}
				if !errors.Is(err, codec.ErrInvalidBytes) {
					t.Errorf("errors.Is(err, ErrInvalidBytes) = false for %v", err)
				}
				if got != tt.wantText {
					t.Errorf("text before error = %q, want %q", got, tt.wantText)
				}
				if de.Offset != tt.wantOffset || de.Line != tt.wantLine {
					t.Errorf("error at offset %d line %d, want offset %d line %d", de.Offset, de.Line, tt.wantOffset, tt.wantLine)
				}
				if !bytes.HasPrefix(de.Bytes, tt.wantBytes) {
					t.Errorf("error bytes % x, want prefix % x", de.Bytes, tt.wantBytes)
				}
				if !bytes.HasPrefix(tt.in[de.Offset:], de.Bytes) {
					t.Errorf("error bytes % x are not at offset %d of the input", de.Bytes, de.Offset)
				}
				if strings.Contains(err.Error(), "\uFFFD") {
					t.Errorf("error message carries U+FFFD: %v", err)
				}
			})
		}
	}
}

func TestDetectEncoding(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		complete bool
		want     codec.Encoding
	}{
		{"empty", nil, true, codec.UTF8},
		{"ascii", []byte("name,weight\n"), true, codec.UTF8},
		{"bom", []byte("\xef\xbb\xbf姓名"), true, codec.UTF8BOM},
		{"utf8 cut mid character", []byte("姓名")[:4], false, codec.UTF8},
		{"utf8 cut but complete", []byte("姓名")[:4], true, codec.GB18030},
		{"gb18030", tblGB(t, "姓名,村别"), true, codec.GB18030},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codec.DetectEncoding(tt.in, tt.complete); got != tt.want {
				t.Errorf("DetectEncoding(% x, %v) = %v, want %v", tt.in, tt.complete, got, tt.want)
			}
		})
	}
}

func TestNewDecoderErrors(t *testing.T) {
	if _, err := codec.NewDecoder(strings.NewReader(""), codec.Encoding(42)); !errors.Is(err, codec.ErrUnknownEncoding) {
		t.Errorf("NewDecoder(42) error = %v, want ErrUnknownEncoding", err)
	}
	boom := errors.New("disk on fire")
	if _, err := codec.NewDecoder(iotest.ErrReader(boom), codec.Auto); !errors.Is(err, boom) {
		t.Errorf("NewDecoder(AutoDetect) on a failing reader: error = %v, want %v", err, boom)
	}
}

func TestEncodingWriter(t *testing.T) {
	const text = "村别,应扩面人数\n振兴村,1053\n𠀀,1\n"
	tests := []struct {
		enc  codec.Encoding
		want []byte
	}{
		{codec.UTF8BOM, append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{codec.UTF8, []byte(text)},
		{codec.GB18030, tblGB(t, text)},
	}
	for _, tt := range tests {
		t.Run(tt.enc.String(), func(t *testing.T) {
			var buf bytes.Buffer
			w, err := codec.NewWriter(&buf, tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			// Write in 1-byte pieces so characters are split across writes.
			for i := range len(text) {
				if _, err := w.Write([]byte(text[i : i+1])); err != nil {
					t.Fatalf("Write: %v", err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if !bytes.Equal(buf.Bytes(), tt.want) {
				t.Errorf("written bytes\n% x\nwant\n% x", buf.Bytes(), tt.want)
			}
			// And the decoder reads it back.
			got, _, err := tblDecode(buf.Bytes(), codec.Auto, false)
			if err != nil || got != text {
				t.Errorf("read back = %q, %v; want %q", got, err, text)
			}
		})
	}
	t.Run("empty text has no BOM", func(t *testing.T) {
		var buf bytes.Buffer
		w, _ := codec.NewWriter(&buf, codec.UTF8BOM)
		if err := w.Close(); err != nil || buf.Len() != 0 {
			t.Errorf("empty UTF8BOM output = % x, %v", buf.Bytes(), err)
		}
	})
	for _, enc := range []codec.Encoding{codec.Auto, 77} {
		if _, err := codec.NewWriter(io.Discard, enc); !errors.Is(err, codec.ErrUnknownEncoding) {
			t.Errorf("NewEncodingWriter(%v) error = %v, want ErrUnknownEncoding", enc, err)
		}
	}
}

func BenchmarkDecoderUTF8(b *testing.B) {
	// Target: ≥ 1 GB/s, a few allocs/op (buffers) — decoding must not be the
	// bottleneck of a roster import.
	data := bytes.Repeat([]byte("张三,11010519491231002X,振兴村,城乡居民\n"), 1<<14)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := codec.NewDecoder(bytes.NewReader(data), codec.UTF8)
		if _, err := io.Copy(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecoderGB18030(b *testing.B) {
	// Target: ≥ 100 MB/s.
	data := tblGB(b, strings.Repeat("张三,11010519491231002X,振兴村,城乡居民\n", 1<<14))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := codec.NewDecoder(bytes.NewReader(data), codec.GB18030)
		if _, err := io.Copy(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
