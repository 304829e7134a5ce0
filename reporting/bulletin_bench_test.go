package reporting_test

import (
	"io"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// tblBigBulletin is a town of n villages with seeded random tasks and
// progress.
func tblBigBulletin(n int) reporting.BulletinInput {
	rng := rand.New(rand.NewPCG(2019, 7))
	in := reporting.BulletinInput{
		Title:  "合成镇扩面进度通报",
		Town:   "合成镇",
		AsOf:   eligibility.MustParseDate("2019-11-30"),
		Policy: routing.Luodong2019(),
		Units:  make([]reporting.Progress, n),
	}
	for i := range in.Units {
		task := int64(rng.IntN(2000))
		in.Units[i] = reporting.Progress{Name: "第" + strconv.Itoa(i+1) + "村", Task: task, Enrolled: int64(rng.IntN(int(task)*11/10 + 1))}
	}
	return in
}

// Target: ≤ 3 ms/op to compute a 1,000-village bulletin (ranking by exact
// rates and pinyin collation included).
func BenchmarkNewBulletin1000(b *testing.B) {
	in := tblBigBulletin(1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reporting.NewBulletin(in); err != nil {
			b.Fatal(err)
		}
	}
}

func tblBenchBulletinRender(b *testing.B, f table.Format) {
	bul, err := reporting.NewBulletin(tblBigBulletin(1000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := bul.Render(io.Discard, f, table.RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: ≤ 5 ms/op for the text form of a 1,000-village bulletin.
func BenchmarkBulletin1000Text(b *testing.B) { tblBenchBulletinRender(b, table.FormatText) }

// Target: ≤ 3 ms/op.
func BenchmarkBulletin1000CSV(b *testing.B) { tblBenchBulletinRender(b, table.FormatCSV) }

// Target: ≤ 100 ms/op for the HTML page with its 1,000-bar chart (about
// 6,000 escaped SVG elements; measured about 40 ms).
func BenchmarkBulletin1000HTML(b *testing.B) { tblBenchBulletinRender(b, table.FormatHTML) }
