package ledger_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

func encode(t testing.TB, s *ledger.State) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestStateRoundTrip(t *testing.T) {
	l := buildSmall(t)
	m := month(t, l.State(), "张三,"+idZhang+",企业职工,正常缴费,\n")
	for _, s := range []*ledger.State{l.State(), m.Next} {
		data := encode(t, s)
		got, err := ledger.ReadState(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if again := encode(t, got); !bytes.Equal(data, again) {
			t.Errorf("re-encoding differs:\n%s\n---\n%s", data, again)
		}
		// The state read back runs the next month as the original does.
		a := month(t, s, "吴十,"+idWu+",城乡居民,正常缴费,\n")
		b := month(t, got, "吴十,"+idWu+",城乡居民,正常缴费,\n")
		if !bytes.Equal(encode(t, a.Next), encode(t, b.Next)) || a.Total != b.Total {
			t.Error("a state read back runs a different month")
		}
	}
	golden(t, "state.golden", encode(t, m.Next))
}

// TestStateInputOrder: the same files in another order, rows shuffled,
// give the same state bytes.
func TestStateInputOrder(t *testing.T) {
	want := encode(t, buildSmall(t).State())
	srcs := smallSources()
	slices.Reverse(srcs)
	for i := range srcs {
		lines := strings.Split(strings.TrimSuffix(string(srcs[i].Data), "\n"), "\n")
		slices.Reverse(lines[1:])
		srcs[i].Data = []byte(strings.Join(lines, "\n") + "\n")
	}
	l, err := ledger.Build(ledger.Input{Policy: routing.Shiyan2023(), AsOf: baseline, Sources: srcs})
	if err != nil {
		t.Fatal(err)
	}
	if got := encode(t, l.State()); !bytes.Equal(want, got) {
		t.Errorf("state depends on the input order:\n%s\n---\n%s", want, got)
	}
}

func TestReadStateHostile(t *testing.T) {
	good := string(encode(t, buildSmall(t).State()))
	lines := strings.SplitAfter(good, "\n")
	replace := func(i int, s string) string {
		c := slices.Clone(lines)
		c[i] = s
		return strings.Join(c, "")
	}
	pline := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "p ") {
			pline = i
			break
		}
	}
	tests := []struct {
		name string
		in   string
		line int
		want error
	}{
		{"empty", "", 1, ledger.ErrStateVersion},
		{"other version", "kuomian-ledger-state/2\n", 1, ledger.ErrStateVersion},
		{"no newline", strings.TrimSuffix(good, "\n"), len(lines) - 1, ledger.ErrStateSyntax},
		{"cut short", strings.Join(lines[:pline+1], ""), pline + 2, ledger.ErrStateCount},
		{"trailing data", good + "x\n", len(lines), ledger.ErrStateSyntax},
		{"bad policy quote", replace(1, "policy shiyan \"1\"\n"), 2, ledger.ErrStateValue},
		{"non-canonical date", replace(2, "baseline 2023-3-15\n"), 3, ledger.ErrStateValue},
		{"huge count", replace(4, "villages 99999999999999999999\n"), 5, ledger.ErrStateValue},
		{"leading zero", replace(4, "villages 02\n"), 5, ledger.ErrStateValue},
		{"villages out of order", replace(5, lines[6]), 7, ledger.ErrStateOrder},
		{"people out of order", replace(pline, lines[pline+1]), pline + 2, ledger.ErrStateOrder},
		{"bad number", replace(pline, "p 500115198503140012 0 target employee none unknown unknown 1\n"), pline + 1, ledger.ErrStateValue},
		{"lower-case role", replace(pline, strings.Replace(lines[pline], "target", "Target", 1)), pline + 1, ledger.ErrStateValue},
		{"alias", replace(pline, strings.Replace(lines[pline], " none ", " 未参保 ", 1)), pline + 1, ledger.ErrStateValue},
		{"village out of range", replace(pline, withField(lines[pline], 2, "7")), pline + 1, ledger.ErrStateValue},
		{"two spaces", replace(pline, strings.Replace(lines[pline], " ", "  ", 1)), pline + 1, ledger.ErrStateSyntax},
		{"long line", replace(pline, strings.Repeat("p", 5000)+"\n"), pline + 1, ledger.ErrStateSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ledger.ReadState(strings.NewReader(tt.in))
			var se *ledger.StateError
			if !errors.As(err, &se) || !errors.Is(err, tt.want) || se.Line != tt.line {
				t.Errorf("ReadState error = %v, want line %d: %v", err, tt.line, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "19850314") {
				t.Errorf("error %v quotes a birth date", err)
			}
		})
	}
}

// withField returns line with its field i (0 is the record's name)
// replaced.
func withField(line string, i int, v string) string {
	f := strings.Fields(line)
	f[i] = v
	return strings.Join(f, " ") + "\n"
}
