package codec_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/canbao/kuomian/reporting/codec"
)

// TestGB18030Refuses checks every character from U+0000 to U+10FFFF once:
// the GB18030 writer refuses exactly those whose x/text encoding does not
// decode back to themselves. When x/text changes its tables, this test
// says which ranges the writer must check.
func TestGB18030Refuses(t *testing.T) {
	if testing.Short() {
		t.Skip("checks 1.1 million characters")
	}
	enc := simplifiedchinese.GB18030.NewEncoder()
	dec := simplifiedchinese.GB18030.NewDecoder()
	var buf, out [16]byte
	var wrong []rune
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		src := utf8.AppendRune(buf[:0], r)
		enc.Reset()
		nd, _, err := enc.Transform(out[:], src, true)
		readsBack := false
		if err == nil {
			var back [16]byte
			dec.Reset()
			bd, _, err := dec.Transform(back[:], out[:nd], true)
			readsBack = err == nil && bytes.Equal(back[:bd], src)
		}
		if readsBack == codec.GBRefuses(r) {
			wrong = append(wrong, r)
		}
	}
	if len(wrong) > 0 {
		t.Errorf("%d characters misjudged, the first %U (reads back: %v)", len(wrong), wrong[0], !codec.GBRefuses(wrong[0]))
	}
}

// TestGB18030WriterRefusesCorruption checks that the GB18030 writer
// refuses a character that would read back as another one (U+E272 is
// written 83 38 D7 33, which reads as U+F286), naming it, its line and its
// byte offset, whatever the writes' sizes, and writes the text before it.
func TestGB18030WriterRefusesCorruption(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    *codec.EncodeError // nil: the text round-trips
		written string             // the text written before the refusal
	}{
		{"fuzzer's input", "000\ue272", &codec.EncodeError{Encoding: codec.GB18030, Rune: 0xE272, Offset: 3, Line: 1}, "000"},
		{"first of the area", "\ue000", &codec.EncodeError{Encoding: codec.GB18030, Rune: 0xE000, Offset: 0, Line: 1}, ""},
		{"last of the area", "张三\n李四\ue864", &codec.EncodeError{Encoding: codec.GB18030, Rune: 0xE864, Offset: 13, Line: 2}, "张三\n李四"},
		{"a private character that reads back", "姓名\ue76c", nil, ""},
		{"rare names and emoji", "𠮷野家 王𬱖 😀\n", nil, ""},
		{"plain text", "村别,应扩面人数\r\n荆坑村,393\r\n", nil, ""},
	}
	for _, tt := range tests {
		for _, size := range []int{1, 2, 3, 1 << 20} {
			var buf bytes.Buffer
			w, err := codec.NewWriter(&buf, codec.GB18030)
			if err != nil {
				t.Fatal(err)
			}
			in := []byte(tt.text)
			for len(in) > 0 && err == nil {
				k := min(size, len(in))
				_, err = w.Write(in[:k])
				in = in[k:]
			}
			if err == nil {
				err = w.Close()
			}
			if tt.want == nil {
				if err != nil {
					t.Errorf("%s, writes of %d: %v", tt.name, size, err)
					continue
				}
				d, _ := codec.NewDecoder(bytes.NewReader(buf.Bytes()), codec.GB18030)
				got, err := io.ReadAll(d)
				if diff := cmp.Diff(tt.text, string(got)); diff != "" || err != nil {
					t.Errorf("%s, writes of %d: round trip mismatch (-want +got), %v:\n%s", tt.name, size, err, diff)
				}
				continue
			}
			var ee *codec.EncodeError
			if !errors.As(err, &ee) || !errors.Is(err, codec.ErrUnencodable) {
				t.Errorf("%s, writes of %d: error %v, want an EncodeError", tt.name, size, err)
				continue
			}
			gotErr := *ee
			gotErr.Err = nil // compared with errors.Is above
			if diff := cmp.Diff(*tt.want, gotErr); diff != "" {
				t.Errorf("%s, writes of %d: EncodeError mismatch (-want +got):\n%s", tt.name, size, diff)
			}
			d, _ := codec.NewDecoder(bytes.NewReader(buf.Bytes()), codec.GB18030)
			got, _ := io.ReadAll(d)
			if diff := cmp.Diff(tt.written, string(got)); diff != "" {
				t.Errorf("%s, writes of %d: text written before the refusal mismatch (-want +got):\n%s", tt.name, size, diff)
			}
			if _, err := w.Write([]byte("a")); !errors.Is(err, codec.ErrUnencodable) {
				t.Errorf("%s, writes of %d: a write after the refusal gave %v", tt.name, size, err)
			}
		}
	}
}
