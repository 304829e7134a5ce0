package ledger_test

import (
	"bytes"
	"testing"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/ledger"
)

// FuzzReadState: ReadState never panics, and what it accepts re-encodes
// to exactly its input (one spelling per state).
func FuzzReadState(f *testing.F) {
	f.Add(encode(f, buildSmall(f).State()))
	f.Add([]byte(ledger.StateVersion + "\npolicy \"a\" \"b\"\nbaseline 2023-01-01\nas-of 2023-01-01\nvillages 0\npeople 0\nend\n"))
	f.Add([]byte("kuomian-ledger-state/1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ledger.ReadState(bytes.NewReader(data))
		if err != nil {
			if _, ok := err.(*ledger.StateError); !ok {
				t.Fatalf("error %T %v is not a *StateError", err, err)
			}
			return
		}
		if got := encode(t, s); !bytes.Equal(got, data) {
			t.Fatalf("accepted input re-encodes differently:\n%q\n%q", data, got)
		}
	})
}

// FuzzParseKind: ParseKind never panics, and a kind it reads reads back
// from its key and both labels.
func FuzzParseKind(f *testing.F) {
	for _, w := range []string{"低保", "population", "区外参保", "", "unknown", "5001151985"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ledger.ParseKind(s)
		if err != nil {
			if k != ledger.KindUnknown {
				t.Fatalf("ParseKind(%q) = %v with an error", s, k)
			}
			return
		}
		for _, w := range []string{k.String(), k.Label(language.Chinese), k.Label(language.English)} {
			if got, err := ledger.ParseKind(w); err != nil || got != k {
				t.Fatalf("ParseKind(%q) = %v, %v; want %v", w, got, err, k)
			}
		}
	})
}
