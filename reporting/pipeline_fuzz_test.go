package reporting

import (
	"bytes"
	"slices"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// FuzzTallyRosterMatchesImport checks that for any input the pipeline
// reads exactly what the streaming reader reads: the same error or none,
// the same Counts, blank rows, header line and rejections, the same
// rejected lines, and a tally equal to one built from the rows
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
	} {
		f.Add([]byte(s), uint8(2))
	}
	rt := routing.MustCompile(routing.Shiyan2023())
	asOf := eligibility.MustParseDate("2023-06-30")
	f.Fuzz(func(t *testing.T, data []byte, workers uint8) {
		want := &Tally{}
		var wantLines []int
		rep, err1 := RouteRoster(bytes.NewReader(data), roster.Options{}, rt, asOf,
			func(row roster.Row, d *routing.Decision) error {
				return want.AddDecision(row.Resident.Hukou.Village, d)
			},
			func(e *roster.RowError) error { wantLines = append(wantLines, e.Line); return nil })
		var gotLines []int
		res, err2 := tallyRoster(data, rt, TallyOptions{AsOf: asOf, Workers: 1 + int(workers%8),
			Reject: func(e *roster.RowError) { gotLines = append(gotLines, e.Line) }}, 1)
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
		if !slices.Equal(gotLines, wantLines) {
			t.Fatalf("rejected lines differ: TallyRoster %v, ImportRoster %v", gotLines, wantLines)
		}
		if !res.Tally.Equal(want) {
			t.Fatal("tally differs from the rows ImportRoster accepts")
		}
		if !got.Counts.Reconciles() || res.Tally.Reconcile(got.Counts) != nil {
			t.Fatalf("does not reconcile: %+v", got.Counts)
		}
	})
}
