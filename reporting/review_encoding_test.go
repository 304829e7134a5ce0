package reporting_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
)

// TestReviewDecoderUTF16 checks that UTF-16, with or without a mark, is
// refused by every encoding with a *DecodeError wrapping ErrUTF16, while a
// UTF-8 text with a few NUL bytes is not taken for UTF-16.
func TestReviewDecoderUTF16(t *testing.T) {
	text := "姓名,身份证号码\nZhang San,110105194901010021\n"
	for _, bo := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		for _, bom := range []unicode.BOMPolicy{unicode.UseBOM, unicode.IgnoreBOM} {
			data, err := unicode.UTF16(bo, bom).NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			for _, enc := range []codec.Encoding{codec.Auto, codec.UTF8, codec.UTF8BOM, codec.GB18030} {
				_, err := codec.NewDecoder(bytes.NewReader(data), enc)
				var de *codec.DecodeError
				if !errors.Is(err, codec.ErrUTF16) || !errors.As(err, &de) || de.Line != 1 {
					t.Errorf("NewDecoder(UTF-16 %v/%v, %v) error = %v, want a *DecodeError with ErrUTF16", bo, bom, enc, err)
				}
			}
		}
	}
	nul := []byte("姓名,身份证号码\n张\x00三,110105194901010021\n")
	d, err := codec.NewDecoder(bytes.NewReader(nul), codec.Auto)
	if err != nil || d.Encoding() != codec.UTF8 {
		t.Errorf("NewDecoder(UTF-8 with a NUL) = %v, %v; want UTF8", d, err)
	}
}

// TestReviewDetectDamagedUTF8 checks that a UTF-8 roster with one bad byte
// is read as UTF-8 (so the error names the damaged line) while GB18030 text
// is still GB18030.
func TestReviewDetectDamagedUTF8(t *testing.T) {
	var b strings.Builder
	b.WriteString("姓名,身份证号码,村(社区),就业状况,参保状态\n")
	for range 50 {
		b.WriteString("张小三,110105194901010021,石堰村,未就业,未参保\n")
	}
	clean := b.String()
	at := 0 // the start of line 5
	for range 4 {
		at += strings.IndexByte(clean[at:], '\n') + 1
	}
	damaged := []byte(clean[:at] + "\xff" + clean[at:])
	if got := codec.DetectEncoding(damaged, true); got != codec.UTF8 {
		t.Errorf("DetectEncoding(damaged UTF-8) = %v, want utf-8", got)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(clean))
	if err != nil {
		t.Fatal(err)
	}
	for n := 4; n <= len(gb); n *= 2 {
		if got := codec.DetectEncoding(gb[:n], false); got != codec.GB18030 {
			t.Errorf("DetectEncoding(GB18030 text, first %d bytes) = %v, want gb18030", n, got)
		}
	}
	r := revRun(damaged, roster.Options{Encoding: codec.Auto})
	var de *codec.DecodeError
	if !errors.As(r.err, &de) || de.Encoding != codec.UTF8 || de.Line != 5 || r.rep.Counts.Rows != 3 {
		t.Errorf("ImportRoster(damaged UTF-8) error = %v after %v, want a UTF-8 *DecodeError on line 5 after 3 rows", r.err, r.rep.Counts)
	}
}
