package allocation_test

import (
	"container/heap"
	"math"
	"slices"
	"testing"

	"github.com/canbao/kuomian/allocation"
)

// These benchmarks set the package beside the code a user would otherwise
// write: float64 quotas and priorities, Hamilton by sorting the remainders,
// a divisor method by giving the seats one by one from a heap
// (container/heap), as most apportionment scripts do. The float64 code is
// inexact (it can misorder priorities that differ in the 16th digit, see
// TestUSHouse2020Margins for margins of one person) and reports no ties;
// it is here only for the clock.

type floatSeat struct {
	unit int
	prio float64
}

type floatHeap []floatSeat

func (h floatHeap) Len() int           { return len(h) }
func (h floatHeap) Less(i, j int) bool { return h[i].prio > h[j].prio }
func (h floatHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *floatHeap) Push(x any)        { *h = append(*h, x.(floatSeat)) }
func (h *floatHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// naiveHuntingtonHill gives every unit one seat, then the others one by one
// to the largest w/√(a(a+1)).
func naiveHuntingtonHill(total int64, w []int64) []int64 {
	a := make([]int64, len(w))
	h := make(floatHeap, len(w))
	for i := range w {
		a[i] = 1
		h[i] = floatSeat{i, float64(w[i]) / math.Sqrt(2)}
	}
	heap.Init(&h)
	for s := int64(len(w)); s < total; s++ {
		i := h[0].unit
		a[i]++
		h[0].prio = float64(w[i]) / math.Sqrt(float64(a[i]*(a[i]+1)))
		heap.Fix(&h, 0)
	}
	return a
}

// naiveHamilton takes float64 quotas, floors them and gives the rest to the
// largest remainders by sorting.
func naiveHamilton(total int64, w []int64) []int64 {
	var sum float64
	for _, x := range w {
		sum += float64(x)
	}
	a := make([]int64, len(w))
	rem := make([]floatSeat, len(w))
	left := total
	for i, x := range w {
		q := float64(total) * float64(x) / sum
		a[i] = int64(q)
		left -= a[i]
		rem[i] = floatSeat{i, q - math.Floor(q)}
	}
	slices.SortFunc(rem, func(x, y floatSeat) int {
		switch {
		case x.prio > y.prio:
			return -1
		case x.prio < y.prio:
			return 1
		}
		return x.unit - y.unit
	})
	for k := int64(0); k < left; k++ {
		a[rem[k].unit]++
	}
	return a
}

func weightsOf(units []allocation.Unit) []int64 {
	w := make([]int64, len(units))
	for i, u := range units {
		w[i] = u.Weight
	}
	return w
}

// Target: kuomian at least 3× faster than the seat-by-seat float64 heap,
// 100,000 units and a total of 1,000,000 (the naive code's cost grows with
// the total, kuomian's does not).
func BenchmarkVersusNaiveHuntingtonHill(b *testing.B) {
	units := benchUnits(100_000, 5)
	w := weightsOf(units)
	b.Run("kuomian", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := allocation.Apportion(1_000_000, units, allocation.HuntingtonHill, allocation.WithTieRule(allocation.TieByOrder)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive-float64-heap", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			naiveHuntingtonHill(1_000_000, w)
		}
	})
}

// Target: kuomian within 2× of float64 quotas sorted by remainder, 1,000,000
// units (kuomian is exact, finds the ties and builds a full Result).
func BenchmarkVersusNaiveHamilton(b *testing.B) {
	units := benchUnits(1_000_000, 6)
	w := weightsOf(units)
	b.Run("kuomian", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := allocation.Apportion(10_000_000, units, allocation.Hamilton, allocation.WithTieRule(allocation.TieByOrder)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive-float64-sort", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			naiveHamilton(10_000_000, w)
		}
	})
}
