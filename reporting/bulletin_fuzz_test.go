package reporting_test

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// FuzzBulletin checks the bulletin's promises on arbitrary figures: a typed
// error or a bulletin whose rates are the half-up rounding of the exact
// ratio, whose gaps and paces are consistent, whose ranks go up and are
// shared only by equal rates, and which does not change when the units come
// in the opposite order.
func FuzzBulletin(f *testing.F) {
	f.Add(int64(842), int64(710), int64(1000), int64(650), int64(0), int64(3), uint16(135), false)
	f.Add(int64(1), int64(0), int64(1), int64(1), int64(-1), int64(0), uint16(0), true)
	f.Add(int64(1<<62), int64(1<<62), int64(3), int64(2), int64(7), int64(9), uint16(900), true)
	f.Fuzz(func(t *testing.T, t1, e1, t2, e2, t3, e3 int64, day uint16, shiyan bool) {
		policy := routing.Luodong2019()
		if shiyan {
			policy = routing.Shiyan2023()
		}
		asOf := policy.BaselineDate().AddDays(int(day) - 30)
		in := reporting.BulletinInput{AsOf: asOf, Policy: policy, Units: []reporting.Progress{
			{Name: "振兴村", Task: t1, Enrolled: e1},
			{Name: "罗溪村", Task: t2, Enrolled: e2},
			{Name: "第2组", Task: t3, Enrolled: e3},
		}}
		b, err := reporting.NewBulletin(in)
		if err != nil {
			var be *reporting.BulletinError
			if !errors.As(err, &be) || !errors.Is(err, reporting.ErrBulletinInput) {
				t.Fatalf("error %v is not a *BulletinError wrapping ErrBulletinInput", err)
			}
			return
		}
		if len(b.Rows) != 3 {
			t.Fatalf("%d rows", len(b.Rows))
		}
		half := decimal.New(5, -1-reporting.RateScale)
		for i, r := range b.Rows {
			if r.Task > 0 {
				// Half up: (Rate − ½ulp)·T ≤ 100·E < (Rate + ½ulp)·T, exactly.
				e100 := decimal.NewFromInt(r.Enrolled).Mul(decimal.NewFromInt(100))
				tk := decimal.NewFromInt(r.Task)
				if !r.HasRate || r.Rate.Sub(half).Mul(tk).GreaterThan(e100) || !r.Rate.Add(half).Mul(tk).GreaterThan(e100) {
					t.Fatalf("%s: rate %s is not %d/%d rounded half up", r.Name, r.Rate, r.Enrolled, r.Task)
				}
			} else if r.HasRate || r.Rank != 0 {
				t.Fatalf("%s: no task but rate %v rank %d", r.Name, r.HasRate, r.Rank)
			}
			if r.Gap != max(r.Task-r.Enrolled, 0) || r.TargetGap != max(r.Target-r.Enrolled, 0) {
				t.Fatalf("%s: gaps %d %d", r.Name, r.Gap, r.TargetGap)
			}
			if r.Pace < 0 || r.Pace > r.Target || r.Target > r.Task {
				t.Fatalf("%s: pace %d target %d task %d", r.Name, r.Pace, r.Target, r.Task)
			}
			if (r.Status == reporting.StatusBehind) != (r.Task > 0 && r.Enrolled < r.Pace && r.Enrolled < r.Task) {
				t.Fatalf("%s: status %v with enrolled %d pace %d", r.Name, r.Status, r.Enrolled, r.Pace)
			}
			if i > 0 {
				p := b.Rows[i-1]
				if r.Rank != 0 && (p.Rank == 0 || r.Rank < p.Rank) {
					t.Fatalf("ranks out of order: %d then %d", p.Rank, r.Rank)
				}
				if r.Rank != 0 && r.Rank == p.Rank && !r.Rate.Equal(p.Rate) {
					t.Fatalf("shared rank %d for rates %s and %s", r.Rank, p.Rate, r.Rate)
				}
			}
		}
		rev := in
		rev.Units = slices.Clone(in.Units)
		slices.Reverse(rev.Units)
		b2, err := reporting.NewBulletin(rev)
		if err != nil {
			t.Fatal(err)
		}
		var o1, o2 bytes.Buffer
		if err := b.Render(&o1, table.FormatText, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := b2.Render(&o2, table.FormatText, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(o1.Bytes(), o2.Bytes()) {
			t.Fatalf("reversed input rendered differently:\n%s\n%s", o1.String(), o2.String())
		}
		if err := b.Render(io.Discard, table.FormatHTML, table.RenderOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
