package reporting

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// FuzzTallyRosterMatchesImport checks that for any input the pipeline
// reads exactly what the streaming reader reads: the same error or none,
// the same Counts, blank rows, header line, rejections and warnings, the
// same rejected rows with the same errors (a duplicate naming the same
// first line), and a tally equal to one built from the rows
// [RouteRoster] accepts — cut into chunks as small as a few bytes, on up to
// eight workers. Input that is not valid UTF-8 included: both stop at
// it with the same *codec.DecodeError.
func FuzzTallyRosterMatchesImport(f *testing.F) {
	const head = "姓名,身份证号码,村(社区)"
	for _, s := range []string{
		head + "\n张三,500115197803150011,石堰村\n\"李\n四\",500115198506200021,桃花村\n",
		head + "\r\n张三,500115197803150011,石堰村\r\n,,\r\n",
		// CR-only line ends (Excel's "CSV (Macintosh)").
		head + "\r张三,500115197803150011,石堰村\r李四,500115198506200021,桃花村\r",
		// Title rows and blank rows above the header, blank rows below.
		"石堰镇花名册\n,,\n2023年6月\n" + head + "\n张三,500115197803150011,石堰村\n,,\n\n李四,500115198506200021,桃花村\n",
		"石堰镇花名册\r" + head + "\r张三,500115197803150011,石堰村\r",
		// A lone CR past the header only, inside and outside quotes, and
		// CR CR LF.
		head + "\n张三,500115197803150011,石堰村\n李四,500115198506200021,桃\r花村\n",
		head + "\n张三,500115197803150011,\"石堰\r村\"\n王五,500115196301010030,石堰村\r\r\n",
		head + "\n张三,500115197803150011,\"石堰村\r",
		// More title rows than allowed; a header naming a column twice.
		"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n" + head + "\n张三,500115197803150011,石堰村\n",
		"标题\n姓名,身份证号码,姓名\n",
		"\xEF\xBB\xBF" + head + "\n张三,'500115197803150011,石堰村\n",
		// The same person in three forms, a village left empty, a
		// person the router cannot decide given twice.
		head + "\n张三,500115197803150011,石堰村\n李四,500115780315001,桃花村\n张三,５００１１５１９７８０３１５００１１,石堰村\n王五,500115196301010030,\n" +
			"小宝,50011520240101001X,石堰村\n张三,500115197803150011,桃花村\n小宝,50011520240101001x,石堰村\n",
		// Values left unknown (warnings), also in a duplicate row.
		head + ",联系状况,性别\n张三,500115197803150011,石堰村,外星人,男\n李四,500115198506200021,桃花村,已联系,外星人\n张三,500115197803150011,石堰村,外星人,外星人\n",
	} {
		f.Add([]byte(s), uint8(2))
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	asOf := eligibility.MustParseDate("2023-06-30")
	f.Fuzz(func(t *testing.T, data []byte, workers uint8) {
		want := &Tally{}
		var wantErrs []string
		rep, err1 := RouteRoster(bytes.NewReader(data), roster.Options{}, rt, asOf,
			func(row roster.Row, d *routing.Decision) error {
				return want.AddDecision(row.Resident.Hukou.Village, d)
			},
			func(e *roster.RowError) error { wantErrs = append(wantErrs, e.Error()); return nil })
		var gotErrs []string
		res, err2 := tallyRoster(data, rt, TallyOptions{AsOf: asOf, Workers: 1 + int(workers%8),
			Reject: func(e *roster.RowError) { gotErrs = append(gotErrs, e.Error()) }}, 1)
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("errors differ: ImportRoster %v, TallyRoster %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		got := res.Report
		if got.Counts != rep.Counts || got.BlankRows != rep.BlankRows || got.HeaderLine != rep.HeaderLine {
			t.Fatalf("TallyRoster counts %+v, %d blank, header on %d; ImportRoster %+v, %d blank, header on %d",
				got.Counts, got.BlankRows, got.HeaderLine, rep.Counts, rep.BlankRows, rep.HeaderLine)
		}
		if !slices.Equal(got.Rejections, rep.Rejections) {
			t.Fatalf("rejections differ: TallyRoster %v, ImportRoster %v", got.Rejections, rep.Rejections)
		}
		if !slices.Equal(got.Warnings, rep.Warnings) {
			t.Fatalf("warnings differ: TallyRoster %v, ImportRoster %v", got.Warnings, rep.Warnings)
		}
		if !slices.Equal(gotErrs, wantErrs) {
			t.Fatalf("rejected rows differ: TallyRoster %q, ImportRoster %q", gotErrs, wantErrs)
		}
		if !res.Tally.Equal(want) {
			t.Fatal("tally differs from the rows ImportRoster accepts")
		}
		if !got.Counts.Reconciles() || res.Tally.Reconcile(got.Counts) != nil {
			t.Fatalf("does not reconcile: %+v", got.Counts)
		}
	})
}

// dupPipelineRoster is a generated roster in which about a third of the
// people come again, in the other forms of their number (15 digits,
// full-width digits, lower-case x), before or after their first row; some
// rows carry a value left unknown (a warning), and one person the router
// cannot decide (born after the as-of date) comes twice, so that a row
// refused as not routed is a duplicate's first row.
func dupPipelineRoster(t testing.TB) []byte {
	t.Helper()
	data, _, err := synth.Generate(synth.Options{Seed: 11, Rows: 600, BadPerMille: 30})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	head, body := lines[0], lines[1:]
	var out []string
	unborn := "张小宝," + "50011520240101001X" + ",,,石堰社区,重庆市长寿区,是,,,,,,,,,,,\n"
	for i, l := range body {
		f := strings.Split(strings.TrimSuffix(l, "\n"), ",")
		if len(f) == 18 && i%9 == 2 {
			f[16] = "外星人" // 联系状况 not understood
			l = strings.Join(f, ",") + "\n"
		}
		out = append(out, l)
		if i == 3 || i == len(body)-3 {
			out = append(out, unborn)
		}
		if len(f) != 18 || i%3 != 0 {
			continue
		}
		id := f[1]
		switch i % 4 {
		case 0:
			if strings.HasPrefix(id[6:], "19") {
				id = id[:6] + id[8:17] // 15 digits
			}
		case 1:
			id = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r - '0' + '０'
				}
				return r
			}, id)
		case 2:
			id = strings.ToLower(id)
		}
		f[1] = id
		f[4] = "桃花村" // another village: the person counts in the first row's
		again := strings.Join(f, ",") + "\n"
		if i%2 == 0 {
			out = append(out, again) // soon after: the same shard, mostly
		} else {
			at := len(out) / 3 // earlier in the file: the copy is the first row
			out = append(out[:at], append([]string{again}, out[at:]...)...)
		}
	}
	return []byte(head + strings.Join(out, ""))
}

// TestTallyRosterDuplicates checks, on shards cut as small as one record,
// that TallyRoster counts each person once, as RouteRoster does: the same
// rows rejected with the same errors (duplicates naming the same first
// line), the same counts, rejections and warnings, and a tally equal to
// the one built from RouteRoster's rows, with each person in it once.
func TestTallyRosterDuplicates(t *testing.T) {
	data := dupPipelineRoster(t)
	rt := routing.MustCompile(routing.Shiyan2023())
	asOf := eligibility.MustParseDate("2023-06-30")
	want := &Tally{}
	var wantErrs []string
	people := map[eligibility.IDNumber]int{}
	rep, err := RouteRoster(bytes.NewReader(data), roster.Options{}, rt, asOf,
		func(row roster.Row, d *routing.Decision) error {
			people[row.Resident.ID]++
			return want.AddDecision(row.Resident.Hukou.Village, d)
		},
		func(e *roster.RowError) error { wantErrs = append(wantErrs, e.Error()); return nil })
	if err != nil {
		t.Fatal(err)
	}
	dups, notRouted := 0, 0
	for _, r := range rep.Rejections {
		switch r.Err {
		case roster.ErrDuplicatePerson:
			dups = r.Count
		case ErrNotRouted:
			notRouted = r.Count
		}
	}
	if dups < 100 || notRouted == 0 || rep.Counts.Warnings == 0 {
		t.Fatalf("%d duplicates, %d not routed, %d warnings: not a test (%v)", dups, notRouted, rep.Counts.Warnings, rep.Rejections)
	}
	for id, n := range people {
		if n != 1 {
			t.Errorf("RouteRoster accepted %s %d times", id.Masked(), n)
		}
	}
	if want.Total() != int64(len(people)) {
		t.Errorf("tally counts %d residents, %d people", want.Total(), len(people))
	}
	for _, minShard := range []int{1, 100, 4096, 1 << 20} {
		for _, workers := range []int{1, 2, 3, 8} {
			var gotErrs []string
			res, err := tallyRoster(data, rt, TallyOptions{AsOf: asOf, Workers: workers,
				Reject: func(e *roster.RowError) { gotErrs = append(gotErrs, e.Error()) }}, minShard)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("shards of %d bytes, %d workers", minShard, workers)
			if diff := cmp.Diff(wantErrs, gotErrs); diff != "" {
				t.Errorf("%s: rejected rows mismatch (-RouteRoster +TallyRoster):\n%s", name, diff)
			}
			if diff := cmp.Diff(rep, res.Report, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("%s: Report mismatch (-RouteRoster +TallyRoster):\n%s", name, diff)
			}
			if !res.Tally.Equal(want) {
				t.Errorf("%s: tally differs from RouteRoster's rows (%d residents, want %d)", name, res.Tally.Total(), want.Total())
			}
			if err := res.Tally.Reconcile(res.Report.Counts); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}
