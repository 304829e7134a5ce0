package reporting

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/shopspring/decimal"
)

// FuzzTallyRosterShards checks that any input, cut into chunks as small as
// a few bytes and run on up to eight workers, gives the tally, counts and
// rejections of one pass in one chunk — quoted line breaks, bare quotes and
// all.
func FuzzTallyRosterShards(f *testing.F) {
	f.Add([]byte("张三,500115197803150011,石堰村\n\"李\n四\",500115198506200021,桃花村\n"), uint8(3))
	f.Add([]byte("王\"五,500115196301010030,石堰村\n赵六,500115200002290043,\"第\"\"10\"\"组\"\r\n"), uint8(5))
	f.Add([]byte("\"x\n,500115197009090058,a\nb,500115197009090058,\"c\nd\"\n"), uint8(2))
	f.Add([]byte("张三,500115197803150011,石堰村\r李四,500115198506200021,桃花村\r"), uint8(2))
	f.Add([]byte("张三,500115197803150011,石堰村\r\n,,\n李四,500115198506200021,\"桃\r花村\"\r\r\n"), uint8(4))
	rt := routing.MustCompile(routing.Shiyan2023())
	asOf := eligibility.MustParseDate("2023-06-30")
	f.Fuzz(func(t *testing.T, body []byte, workers uint8) {
		data := append([]byte("姓名,身份证号码,村(社区)\n"), body...)
		var oneErrs, manyErrs []int
		one, err1 := tallyRoster(data, rt, PipelineOptions{AsOf: asOf, Workers: 1, Reject: func(e *RowError) { oneErrs = append(oneErrs, e.Line) }}, len(data)+1)
		many, err2 := tallyRoster(data, rt, PipelineOptions{AsOf: asOf, Workers: 1 + int(workers%8), Reject: func(e *RowError) { manyErrs = append(manyErrs, e.Line) }}, 1)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v and %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		if !one.Tally.Equal(many.Tally) || one.Report.Counts != many.Report.Counts {
			t.Fatalf("sharded result differs: counts %+v and %+v", one.Report.Counts, many.Report.Counts)
		}
		if !bytes.Equal(intsBytes(oneErrs), intsBytes(manyErrs)) {
			t.Fatalf("rejected lines differ: %v and %v", oneErrs, manyErrs)
		}
		if !one.Report.Counts.Reconciles() || one.Tally.Reconcile(one.Report.Counts) != nil {
			t.Fatalf("does not reconcile: %+v", one.Report.Counts)
		}
	})
}

func intsBytes(xs []int) []byte {
	var b []byte
	for _, x := range xs {
		b = append(b, byte(x), byte(x>>8), byte(x>>16))
	}
	return b
}

// internVillage numbers villages in order of first appearance and gives
// each back under its own number, however many share a short-hash slot.
func TestInternVillageSlots(t *testing.T) {
	d := newRowDecoder(&rosterLayout{})
	var names []string
	for i := range 300 {
		names = append(names, string([]rune{'村', rune('一' + i%17), rune('甲' + i/17)}))
	}
	for round := range 3 {
		for k := range names {
			i := (k*7 + round*31) % len(names)
			if round == 0 {
				i = k
			}
			got, num := d.internVillage([]byte(names[i]))
			if got != names[i] || num != i {
				t.Fatalf("round %d: internVillage(%q) = %q, %d; want %q, %d", round, names[i], got, num, names[i], i)
			}
		}
	}
	if _, num := d.internVillage([]byte("\xff村")); num != -2 {
		t.Errorf("invalid UTF-8 village: number %d, want -2", num)
	}
}

// The recent-tier cache gives each tier its own value, in any order and
// with more distinct tiers than it holds.
func TestTierCache(t *testing.T) {
	d := newRowDecoder(&rosterLayout{})
	texts := []string{"1000", "1500元", "200", "3000", "500", "1000.5", "1500", "2000", "200"}
	for round := range 4 {
		for k := range texts {
			v := texts[(k*5+round)%len(texts)]
			got, ok := d.tier([]byte(v))
			want, err := decimal.NewFromString(strings.TrimSuffix(v, "元"))
			if !ok || err != nil || !got.Equal(want) {
				t.Fatalf("tier(%q) = %v, %v; want %v", v, got, ok, want)
			}
		}
	}
	if _, ok := d.tier([]byte("1e3")); ok {
		t.Error("tier(1e3) accepted")
	}
}

// hasControl agrees with a byte-by-byte check for every byte value in
// every position of inputs of several lengths.
func TestHasControl(t *testing.T) {
	slow := func(b []byte) bool {
		for _, c := range b {
			if c < ' ' || c == 0x7F {
				return true
			}
		}
		return false
	}
	for n := 1; n <= 19; n++ {
		for pos := 0; pos < n; pos++ {
			for v := range 256 {
				b := bytes.Repeat([]byte("村"), n)[:n]
				b[pos] = byte(v)
				if got, want := hasControl(b), slow(b); got != want {
					t.Fatalf("hasControl(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

func FuzzHasControl(f *testing.F) {
	f.Add([]byte("石堰\x00村"))
	f.Add([]byte("abcdefgh\x7f"))
	f.Fuzz(func(t *testing.T, b []byte) {
		want := false
		for _, c := range b {
			if c < ' ' || c == 0x7F {
				want = true
			}
		}
		if got := hasControl(b); got != want {
			t.Fatalf("hasControl(%q) = %v, want %v", b, got, want)
		}
		ids := [][]byte{b}
		want18 := len(b) == 18 && b[0] >= '0' && b[0] <= '9' && !slices.ContainsFunc(b, func(c byte) bool { return c >= 0x80 })
		if got := plainID(ids, 0); got != want18 {
			t.Fatalf("plainID(%q) = %v, want %v", b, got, want18)
		}
	})
}

// The scanner's control flag is exact for one-line records without
// quotes, whatever the position of the control byte, and set for quoted
// records.
func TestScannerControlFlag(t *testing.T) {
	for n := 1; n <= 20; n++ {
		for pos := -1; pos < n; pos++ {
			for _, v := range []byte{0, 0x09, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xE6} {
				line := bytes.Repeat([]byte("a,"), n)[:n]
				if pos >= 0 {
					line[pos] = v
				}
				var sc csvScanner
				sc.reset(append(line, '\n'))
				if sc.next() != csvRecord {
					continue // an empty line (pos 0 of length 1) or the like
				}
				if got, want := sc.control, hasControl(line); got != want {
					t.Fatalf("%q: control = %v, want %v", line, got, want)
				}
			}
		}
	}
	var sc csvScanner
	sc.reset([]byte("\"a\",b\n"))
	if sc.next() != csvRecord || !sc.control {
		t.Error("a quoted record does not have the control flag set")
	}
}
