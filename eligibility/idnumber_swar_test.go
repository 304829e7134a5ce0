package eligibility

import (
	"math/rand/v2"
	"testing"
)

// swarScalarSum is the weighted sum of the first 17 characters of b, one
// byte at a time: what swarCheckSum must equal.
func swarScalarSum(b *[18]byte) (int, bool) {
	sum := 0
	for k := 0; k < 17; k++ {
		d := b[k] - '0'
		if d > 9 {
			return 0, false
		}
		sum += int(d) * int(idWeights[k])
	}
	return sum, true
}

func swarCompare(t *testing.T, b *[18]byte) {
	t.Helper()
	got, gotOK := swarCheckSum(b)
	want, wantOK := swarScalarSum(b)
	if gotOK != wantOK || gotOK && got != want {
		t.Fatalf("swarCheckSum(%q) = %d, %v; byte by byte %d, %v", b[:17], got, gotOK, want, wantOK)
	}
}

// swarCheckSum agrees with the byte-by-byte sum on digits, on every byte
// value in every position (the bytes next to '0' and '9' above all), and
// on random mixtures.
func TestSwarCheckSum(t *testing.T) {
	var b [18]byte
	for k := range b {
		b[k] = '9'
	}
	swarCompare(t, &b) // the largest sum
	for pos := range 17 {
		for v := range 256 {
			c := b
			c[pos] = byte(v)
			swarCompare(t, &c)
		}
	}
	rng := rand.New(rand.NewPCG(11, 7))
	for range 200000 {
		for k := range b {
			b[k] = byte('0' + rng.IntN(10))
			if rng.IntN(30) == 0 {
				b[k] = byte(rng.IntN(256))
			}
		}
		swarCompare(t, &b)
	}
}

func FuzzSwarCheckSum(f *testing.F) {
	f.Add([]byte("11010519491231002X"))
	f.Add([]byte("/:0000000000000000"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var b [18]byte
		copy(b[:], in)
		swarCompare(t, &b)
	})
}
