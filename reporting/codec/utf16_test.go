package codec_test

import (
	"bytes"
	"errors"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/canbao/kuomian/reporting/codec"
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
