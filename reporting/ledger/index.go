package ledger

import "github.com/canbao/kuomian/eligibility"

// idKey returns the first 17 digits of a canonical identity number as a
// number: they decide the check character, so the key is unique, and keys
// sort as the numbers do. The zero IDNumber has key 0.
func idKey(id eligibility.IDNumber) uint64 {
	s := id.String() // inlined: the bytes stay on the stack
	if len(s) != 18 {
		return 0
	}
	var k uint64
	for i := range 17 {
		k = k*10 + uint64(s[i]-'0')
	}
	return k
}

// index finds a person by key: open addressing with linear probing over
// slots that hold person+1 (0 is empty), at most half full. It costs 16
// bytes a person (the key and two slots).
type index struct {
	keys  []uint64 // per person
	slots []uint32
	shift uint
}

func newIndex(n int) index {
	size, shift := 16, uint(60)
	for size < 2*n {
		size *= 2
		shift--
	}
	return index{keys: make([]uint64, 0, n), slots: make([]uint32, size), shift: shift}
}

func (x *index) slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> x.shift }

// find returns the person with key k.
func (x *index) find(k uint64) (int, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(x.slots) - 1)
	for s := x.slot(k); ; s = (s + 1) & mask {
		v := x.slots[s]
		if v == 0 {
			return 0, false
		}
		if x.keys[v-1] == k {
			return int(v - 1), true
		}
	}
}

// insert adds person i (the next one: i == len(keys)) with key k, absent
// so far; it grows the table when it would be more than half full.
func (x *index) insert(k uint64, i int) {
	x.keys = append(x.keys, k)
	if 2*len(x.keys) > len(x.slots) {
		old := x.keys
		*x = newIndex(2 * len(old))
		for j, kj := range old[:len(old)-1] {
			x.put(kj, j)
		}
		x.keys = old
	}
	x.put(k, i)
}

func (x *index) put(k uint64, i int) {
	mask := uint64(len(x.slots) - 1)
	s := x.slot(k)
	for x.slots[s] != 0 {
		s = (s + 1) & mask
	}
	x.slots[s] = uint32(i + 1)
}
