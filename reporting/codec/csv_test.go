package codec

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// rosCSVResult is what a reader makes of an input: the records up to the
// first syntax error, whether there was one, and the start line of each
// record.
type rosCSVResult struct {
	Records [][]string
	Lines   []int
	Failed  bool
}

// rosReadStd reads data with encoding/csv in the configuration csvScanner
// mirrors.
func rosReadStd(data []byte) rosCSVResult {
	data = bytes.TrimPrefix(data, encUTF8BOM)
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var res rosCSVResult
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return res
		}
		if err != nil {
			res.Failed = true
			return res
		}
		line, _ := r.FieldPos(0)
		res.Records = append(res.Records, rec)
		res.Lines = append(res.Lines, line)
	}
}

func rosCollect(next func() csvStatus, sc *csvScanner) rosCSVResult {
	var res rosCSVResult
	for {
		switch next() {
		case csvEOF:
			return res
		case csvBad:
			res.Failed = true
			return res
		case csvMore:
			panic("csvMore escaped")
		}
		rec := make([]string, len(sc.fields))
		for i, f := range sc.fields {
			rec[i] = string(f)
		}
		res.Records = append(res.Records, rec)
		res.Lines = append(res.Lines, sc.recLine)
	}
}

// rosReadScanner reads data whole with csvScanner.
func rosReadScanner(data []byte) rosCSVResult {
	var sc csvScanner
	sc.reset(data)
	return rosCollect(sc.next, &sc)
}

// rosReadStream reads data through csvStream from r.
func rosReadStream(r io.Reader) (rosCSVResult, error) {
	st := newCSVStream(r)
	res := rosCollect(st.next, &st.sc)
	return res, st.rerr
}

var rosCSVCases = []struct {
	name string
	in   string
}{
	{"empty", ""},
	{"one field", "a"},
	{"simple", "a,b,c\n1,2,3\n"},
	{"no final newline", "a,b\n1,2"},
	{"crlf", "a,b\r\n1,2\r\n"},
	{"cr at eof", "a,b\r"},
	{"lone cr kept", "a\rb,c\n"},
	{"cr cr lf", "a\r\r\nb\n"},
	{"empty lines", "\n\r\na\n\n\nb\n\r\n"},
	{"empty fields", ",,\n,\n"},
	{"quoted", `"a","b,c","d""e"` + "\n"},
	{"quoted empty", `"",""` + "\n"},
	{"quoted newline", "\"a\nb\",c\n"},
	{"quoted crlf", "\"a\r\nb\",c\r\n"},
	{"quoted cr", "\"a\rb\",c\n"},
	{"quoted escape then newline", "\"a\"\"\nb\"\"\",c\n"},
	{"quoted empty lines inside", "\"\n\n\",x\n"},
	{"quoted at eof", `"a"`},
	{"quoted then cr eof", "\"a\"\r"},
	{"chinese", "姓名,身份证号码\n张三,110105194912310021\n"},
	{"bom", "\xEF\xBB\xBFa,b\n"},
	{"bare quote", "a\"b,c\n"},
	{"quote after quoted", "\"a\"b,c\n"},
	{"unterminated", "\"abc\n"},
	{"unterminated eof", "\"abc"},
	{"good then bad", "a\nb\"\nc\n"},
	{"space before quote", " \"a\",b\n"},
	{"trailing comma", "a,\n"},
	{"long plain", "一二三四五六七八,abcdefgh,,,,,,,,,,,,,-x,,1234567890123456789,z\n"},
	{"plain full width", "１２３,\u3000a\u3000,b\n"},
}

func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	for _, tc := range rosCSVCases {
		t.Run(tc.name, func(t *testing.T) {
			want := rosReadStd([]byte(tc.in))
			got := rosReadScanner([]byte(tc.in))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("scanner mismatch (-encoding/csv +csvScanner):\n%s", diff)
			}
			gotStream, err := rosReadStream(iotest.OneByteReader(strings.NewReader(tc.in)))
			if err != nil {
				t.Fatalf("stream error: %v", err)
			}
			if diff := cmp.Diff(want, gotStream); diff != "" {
				t.Errorf("stream mismatch (-encoding/csv +csvStream):\n%s", diff)
			}
		})
	}
}

func TestCSVScannerErrors(t *testing.T) {
	tests := []struct {
		in      string
		want    error
		line    int
		errLine int
	}{
		{"a\nb\"c\n", ErrBareQuote, 2, 2},
		{"a\n\"b\"c\n", ErrQuote, 2, 2},
		{"a\n\"b\n\nc", ErrQuote, 2, 4},
	}
	for _, tc := range tests {
		var sc csvScanner
		sc.reset([]byte(tc.in))
		if st := sc.next(); st != csvRecord {
			t.Fatalf("%q: first status %d", tc.in, st)
		}
		if st := sc.next(); st != csvBad {
			t.Fatalf("%q: second status %d, want csvBad", tc.in, st)
		}
		if !errors.Is(sc.err, tc.want) || sc.recLine != tc.line || sc.errLine != tc.errLine {
			t.Errorf("%q: err %v at record line %d, error line %d; want %v at %d, %d", tc.in, sc.err, sc.recLine, sc.errLine, tc.want, tc.line, tc.errLine)
		}
	}
}

func TestCSVScannerResumesAfterError(t *testing.T) {
	var sc csvScanner
	sc.reset([]byte("a\"\nb,c\n"))
	if st := sc.next(); st != csvBad {
		t.Fatalf("first status %d, want csvBad", st)
	}
	if st := sc.next(); st != csvRecord || sc.recLine != 2 || len(sc.fields) != 2 || string(sc.fields[1]) != "c" {
		t.Fatalf("after error: status %d line %d fields %q", st, sc.recLine, sc.fields)
	}
}

type rosErrReader struct{}

func (rosErrReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestCSVStreamReadError(t *testing.T) {
	st := newCSVStream(io.MultiReader(strings.NewReader("a,b\n"), rosErrReader{}))
	if status := st.next(); status != csvRecord {
		t.Fatalf("status %d, want a record", status)
	}
	if status := st.next(); status != csvEOF || st.rerr == nil {
		t.Fatalf("status %d, rerr %v: want csvEOF and the read error", status, st.rerr)
	}
}

func TestCSVStreamLongRecord(t *testing.T) {
	long := strings.Repeat("x", 3*csvStreamWindow)
	in := "a," + long + "\n\"" + long + "\n" + long + "\",b\n"
	want := rosReadStd([]byte(in))
	got, err := rosReadStream(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-encoding/csv +csvStream):\n%s", diff)
	}
}

func TestCSVScannerNoAllocs(t *testing.T) {
	data := []byte(strings.Repeat("张三,\"a\"\"b\",\"c\nd\",3\r\n", 100))
	var sc csvScanner
	sc.reset(data)
	for sc.next() == csvRecord { // warm the buffers
	}
	allocs := testing.AllocsPerRun(20, func() {
		sc.reset(data)
		for sc.next() == csvRecord {
		}
	})
	if allocs != 0 {
		t.Errorf("csvScanner allocates %v times per pass, want 0", allocs)
	}
}

func FuzzCSVScanner(f *testing.F) {
	for _, tc := range rosCSVCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := rosReadStd(data)
		got := rosReadScanner(data)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("scanner mismatch on %q (-encoding/csv +csvScanner):\n%s", data, diff)
		}
		gotStream, err := rosReadStream(iotest.OneByteReader(bytes.NewReader(data)))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, gotStream); diff != "" {
			t.Fatalf("stream mismatch on %q (-encoding/csv +csvStream):\n%s", data, diff)
		}
	})
}

func BenchmarkCSVScanner(b *testing.B) {
	// Target: ≥ 500 MB/s, 0 allocs/op.
	data := []byte(strings.Repeat("张三,110105194912310021,男,1949-12-31,\"石堰村\",城乡居民,\"a\"\"b\"\n", 1000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var sc csvScanner
	for b.Loop() {
		sc.reset(data)
		for sc.next() == csvRecord {
		}
	}
}

func BenchmarkCSVScannerPlain(b *testing.B) {
	// Target: ≥ 1 GB/s, 0 allocs/op (records without quotes take the
	// eight-bytes-at-a-time path).
	data := []byte(strings.Repeat("张三,110105194912310021,男,1949-12-31,石堰村,长寿区,是,未就业,,,城乡居民,正常缴费,本区,1000,,,已联系,\n", 1000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var sc csvScanner
	for b.Loop() {
		sc.reset(data)
		for sc.next() == csvRecord {
		}
	}
}

// crToLF gives the bytes crReader gives.
func FuzzCRToLF(f *testing.F) {
	for _, s := range []string{"a\rb\r\nc\nd\r", "\r\r\n\n\r", "", "x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var want []byte
		r := &crReader{r: bytes.NewReader(b)}
		buf := make([]byte, 3) // small reads: a CRLF split between two
		for {
			n, err := r.Read(buf)
			want = append(want, buf[:n]...)
			if err != nil {
				break
			}
		}
		if got, _ := crToLF(b); !bytes.Equal(got, want) {
			t.Fatalf("crToLF(%q) = %q, crReader gives %q", b, got, want)
		}
		if hasLoneCR(b) != (bytes.Count(b, []byte{'\r'}) != bytes.Count(b, []byte("\r\n"))) {
			t.Fatalf("hasLoneCR(%q) = %v", b, hasLoneCR(b))
		}
	})
}
