package allocation_test

import (
	"math/rand/v2"
	"testing"

	"github.com/canbao/kuomian/allocation"
)

// benchUnits returns n units with deterministic weights from a seeded
// generator: village-sized headcounts between 1 and 5000.
func benchUnits(n int, seed uint64) []allocation.Unit {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	us := make([]allocation.Unit, n)
	for i := range us {
		us[i] = allocation.Unit{Weight: 1 + r.Int64N(5000)}
	}
	return us
}

// Target: ≤ 0.5 s/op for 1,000,000 units.
func BenchmarkHamilton1M(b *testing.B) {
	units := benchUnits(1_000_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := allocation.Apportion(10_000_000, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByOrder)); err != nil {
			b.Fatal(err)
		}
	}
}

// Target: ≤ 0.5 s/op for each divisor method, 100,000 units, total
// 10,000,000.
func BenchmarkDivisor100k(b *testing.B) {
	units := benchUnits(100_000, 2)
	for _, m := range []allocation.Method{allocation.DHondt, allocation.SainteLague, allocation.Adams, allocation.Dean, allocation.HuntingtonHill} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := allocation.Apportion(10_000_000, units, m, allocation.WithTieRule(allocation.TieByOrder)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Target: ≤ 0.5 s/op for 100,000 units when a tenth of them are capped
// below their share and a tenth have a floor above it.
func BenchmarkBounded100k(b *testing.B) {
	units := benchUnits(100_000, 3)
	for i := range units {
		switch i % 10 {
		case 0:
			units[i].HasMax, units[i].Max = true, units[i].Weight/2
		case 1:
			units[i].Min = units[i].Weight * 3
		}
	}
	for _, m := range []allocation.Method{allocation.Hamilton, allocation.SainteLague} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := allocation.Apportion(250_000_000, units, m, allocation.WithTieRule(allocation.TieByOrder)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Target: ≤ 50 µs/op for the whole 罗东 table: the 应扩面 column (half-up),
// the derived 2019 column, both audits and the Hamilton comparison.
func BenchmarkLuodongTable(b *testing.B) {
	l := readLuodong(b)
	units := l.units()
	rate := allocation.MustParseRate("80%")
	c1 := allocation.Column{Name: "应扩面人数", Cells: l.target, Total: l.totals[3], HasTotal: true}
	c2 := allocation.Column{Name: "2019年任务数", Cells: l.task2019, Total: l.totals[4], HasTotal: true}
	b.ReportAllocs()
	for b.Loop() {
		target, err := allocation.Apportion(9777, units, allocation.HalfUp)
		if err != nil {
			b.Fatal(err)
		}
		task, err := allocation.Derive(target, rate, allocation.HalfUp)
		if err != nil {
			b.Fatal(err)
		}
		a1, err1 := allocation.AuditColumn(c1, target)
		a2, err2 := allocation.AuditColumn(c2, task)
		ham, err3 := allocation.Apportion(9777, units, allocation.Hamilton)
		ch, err4 := allocation.Changes(target, ham)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || a1.OK() || a2.OK() || len(ch) != 1 {
			b.Fatal("unexpected audit")
		}
	}
}

// Target: ≤ 200 ns/op per unit of a small table (Hamilton, 14 units).
func BenchmarkHamiltonSmall(b *testing.B) {
	units := benchUnits(14, 4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := allocation.Apportion(9777, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByOrder)); err != nil {
			b.Fatal(err)
		}
	}
}
