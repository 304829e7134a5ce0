package textwidth_test

import (
	"fmt"
	"testing"

	"golang.org/x/text/width"

	"github.com/canbao/kuomian/internal/textwidth"
)

func TestString(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		narrow int // with Narrow ambiguous
		wide   int // with Wide ambiguous
	}{
		{"empty", "", 0, 0},
		{"ascii", "Luodong 2019", 12, 12},
		{"village", "振兴村", 6, 6},
		{"name with rare character", "曾㵘", 4, 4},
		{"supplementary han", "𠀀𪚥", 4, 4},
		{"full-width digits", "１２３－", 8, 8},
		{"full-width punctuation", "村（社区）", 10, 10},
		{"mixed header", "16-59周岁人数", 13, 13},
		{"published header with full-width hyphen", "16－59周岁已参加居民保人数", 26, 26},
		{"combining acute", "e\u0301", 1, 1},
		{"combining marks stacked", "a\u0300\u0323", 1, 1},
		{"zero width space and joiner", "a\u200bb\u200d", 2, 2},
		{"byte order mark", "\ufeffx", 1, 1},
		{"variation selector", "葛\ufe00", 2, 2},
		{"ambiguous middle dot", "村别·人数", 9, 10},
		{"ambiguous quotes", "“合计”", 6, 8},
		{"ambiguous circled digit", "①", 1, 2},
		{"greek", "αβ", 2, 4},
		{"hangul syllable", "한", 2, 2},
		{"hangul jamo sequence", "\u1100\u1161\u11a8", 2, 2},
		{"emoji", "\U0001F600", 2, 2},
		{"controls", "a\tb\nc\x7f\u0085", 3, 3},
		{"invalid utf8 counts one per byte", "a\xffb\xe4\xb8", 5, 5},
		{"half-width katakana", "ｶﾀｶﾅ", 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textwidth.String(tt.in, textwidth.Narrow); got != tt.narrow {
				t.Errorf("String(%q, Narrow) = %d, want %d", tt.in, got, tt.narrow)
			}
			if got := textwidth.String(tt.in, textwidth.Wide); got != tt.wide {
				t.Errorf("String(%q, Wide) = %d, want %d", tt.in, got, tt.wide)
			}
			sum := 0
			for _, r := range tt.in {
				sum += textwidth.Rune(r, textwidth.Narrow)
			}
			if sum != tt.narrow {
				t.Errorf("sum of Rune over %q = %d, want %d", tt.in, sum, tt.narrow)
			}
		})
	}
}

func TestAmbiguousOtherValuesAreNarrow(t *testing.T) {
	if got := textwidth.Rune('·', 0); got != 1 {
		t.Errorf("Rune('·', 0) = %d, want 1", got)
	}
	if got := textwidth.Rune('·', 7); got != 1 {
		t.Errorf("Rune('·', 7) = %d, want 1", got)
	}
}

func TestPad(t *testing.T) {
	tests := []struct {
		name                string
		in                  string
		w                   int
		left, right, center string
	}{
		{"chinese", "罗东村", 10, "    罗东村", "罗东村    ", "  罗东村  "},
		{"odd gap", "振兴村", 9, "   振兴村", "振兴村   ", " 振兴村  "},
		{"number", "1053", 6, "  1053", "1053  ", " 1053 "},
		{"full-width digits", "１２", 6, "  １２", "１２  ", " １２ "},
		{"combining", "e\u0301", 3, "  e\u0301", "e\u0301  ", " e\u0301 "},
		{"already wide", "银河新城", 8, "银河新城", "银河新城", "银河新城"},
		{"too wide", "银河新城", 3, "银河新城", "银河新城", "银河新城"},
		{"negative", "x", -2, "x", "x", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textwidth.PadLeft(tt.in, tt.w, textwidth.Narrow); got != tt.left {
				t.Errorf("PadLeft(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.left)
			}
			if got := textwidth.PadRight(tt.in, tt.w, textwidth.Narrow); got != tt.right {
				t.Errorf("PadRight(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.right)
			}
			if got := textwidth.PadCenter(tt.in, tt.w, textwidth.Narrow); got != tt.center {
				t.Errorf("PadCenter(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.center)
			}
		})
	}
	// Ambiguous characters pad according to the choice.
	if got := textwidth.PadRight("·", 3, textwidth.Wide); got != "· " {
		t.Errorf("PadRight(·, 3, Wide) = %q, want %q", got, "· ")
	}
	if got := textwidth.PadRight("·", 3, textwidth.Narrow); got != "·  " {
		t.Errorf("PadRight(·, 3, Narrow) = %q, want %q", got, "·  ")
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want string
	}{
		{"罗东镇全民参保", 14, "罗东镇全民参保"},
		{"罗东镇全民参保", 9, "罗东镇全…"},
		{"罗东镇全民参保", 8, "罗东镇…"},
		{"abc", 0, ""},
		{"ab\u0301cd", 3, "ab\u0301…"},
	}
	for _, tt := range tests {
		got := textwidth.Truncate(tt.in, tt.w, "…", textwidth.Narrow)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
		if w := textwidth.String(got, textwidth.Narrow); w > tt.w {
			t.Errorf("Truncate(%q, %d) is %d columns wide", tt.in, tt.w, w)
		}
	}
}

func ExamplePadRight() {
	rows := [][2]string{{"振兴村", "842"}, {"银河新城", "40"}, {"Total", "882"}}
	for _, r := range rows {
		fmt.Printf("%s|%s\n", textwidth.PadRight(r[0], 8, textwidth.Narrow), textwidth.PadLeft(r[1], 4, textwidth.Narrow))
	}
	// Output:
	// 振兴村  | 842
	// 银河新城|  40
	// Total   | 882
}

func FuzzWidth(f *testing.F) {
	for _, s := range []string{"", "振兴村", "１２３", "e\u0301", "“·”", "a\tb", "\xff\xe4", "𠀀"} {
		f.Add(s, 7, false)
	}
	f.Fuzz(func(t *testing.T, s string, w int, wide bool) {
		amb := textwidth.Narrow
		if wide {
			amb = textwidth.Wide
		}
		n := textwidth.String(s, amb)
		if n < 0 || n > 2*len(s) {
			t.Fatalf("String(%q) = %d, out of [0, 2·len]", s, n)
		}
		if nn := textwidth.String(s, textwidth.Narrow); nn > n && wide {
			t.Fatalf("String(%q): wide %d < narrow %d", s, n, nn)
		}
		w %= 1000
		for name, pad := range map[string]func(string, int, textwidth.Ambiguous) string{
			"PadLeft": textwidth.PadLeft, "PadRight": textwidth.PadRight, "PadCenter": textwidth.PadCenter,
		} {
			got := pad(s, w, amb)
			gw := textwidth.String(got, amb)
			if w > n && gw != w {
				t.Fatalf("%s(%q, %d) is %d columns wide, want %d", name, s, w, gw, w)
			}
			if w <= n && got != s {
				t.Fatalf("%s(%q, %d) changed a string already wide enough", name, s, w)
			}
		}
		if w >= 1 {
			tr := textwidth.Truncate(s, w, "…", amb)
			if tw := textwidth.String(tr, amb); tw > w && n > w {
				t.Fatalf("Truncate(%q, %d) = %q is %d wide", s, w, tr, tw)
			}
		}
	})
}

func BenchmarkString(b *testing.B) {
	// Target: ≤ 100 ns/op for a 26-column header, 0 allocs/op.
	const s = "16－59周岁已参加居民保人数"
	b.ReportAllocs()
	for b.Loop() {
		_ = textwidth.String(s, textwidth.Narrow)
	}
}

func BenchmarkStringASCII(b *testing.B) {
	// Target: ≤ 20 ns/op for a short number, 0 allocs/op.
	b.ReportAllocs()
	for b.Loop() {
		_ = textwidth.String("39042", textwidth.Narrow)
	}
}

// TestFastPathAgreesWithUnicode checks the ranges Rune answers without a
// table lookup against x/text's East Asian Width data.
func TestFastPathAgreesWithUnicode(t *testing.T) {
	for _, rg := range [][2]rune{{0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xff01, 0xff60}} {
		for r := rg[0]; r <= rg[1]; r++ {
			k := width.LookupRune(r).Kind()
			if k != width.EastAsianWide && k != width.EastAsianFullwidth {
				t.Fatalf("U+%04X has East Asian Width %v, but Rune gives 2", r, k)
			}
			if got := textwidth.Rune(r, textwidth.Narrow); got != 2 {
				t.Fatalf("Rune(U+%04X) = %d, want 2", r, got)
			}
		}
	}
}
