package roster

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/canbao/kuomian/eligibility"
)

// numParts is the number of partitions of the people of a sharded read:
// the shards log each person in the partition its number hashes to, and
// the partitions are resolved apart (in parallel, each in a table small
// enough to stay in cache).
const numParts = 16

// partSeed hashes identity numbers to partitions. Which partition a number
// falls in changes nothing in the result, only where the work is done.
var partSeed = maphash.MakeSeed()

// A Column fits a bit of a uint32 (seenEntry.warn).
var _ [32 - numColumns]struct{}

// seenEntry is a row a reader of a shard accepted.
type seenEntry struct {
	id   eligibility.IDNumber
	warn uint32 // 1<<Column for each column of the row's warnings
	line int
}

// shardLog is what the reader of a shard logs of the rows it accepts, to
// find the people accepted twice once every shard is read.
type shardLog struct {
	parts   [numParts][]seenEntry // in line order in each partition
	refused map[int]error         // line → the sentinel of Reader.Refuse
}

// log records an accepted row.
func (g *shardLog) log(l *rosterLayout, row *Row) {
	e := seenEntry{id: row.Resident.ID, line: row.Line}
	for _, w := range row.Warnings {
		if f := l.fieldOf(w); f >= 0 {
			e.warn |= 1 << l.cols[f]
		}
	}
	p := maphash.Comparable(partSeed, e.id) % numParts
	g.parts[p] = append(g.parts[p], e)
}

// refuse records that the caller refused the row on line with err.
func (g *shardLog) refuse(line int, err error) {
	if g.refused == nil {
		g.refused = make(map[int]error)
	}
	g.refused[line] = err
}

// resolveDuplicates finds, in the logs of the shards in order, the rows
// whose person an earlier row gave, and returns their errors (made by dup)
// in line order.
func resolveDuplicates(logs []*shardLog, dup func(shard int, e *seenEntry) *RowError) []Duplicate {
	type late struct {
		shard int
		e     *seenEntry
		first int
	}
	var found [numParts][]late
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), numParts) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p := int(next.Add(1)) - 1
				if p >= numParts {
					return
				}
				n := 0
				for _, g := range logs {
					n += len(g.parts[p])
				}
				if n < 2 {
					continue
				}
				first := make(map[eligibility.IDNumber]int, n)
				for k, g := range logs {
					for i := range g.parts[p] {
						e := &g.parts[p][i]
						if f, ok := first[e.id]; ok {
							found[p] = append(found[p], late{k, e, f})
							continue
						}
						first[e.id] = e.line
					}
				}
			}
		}()
	}
	wg.Wait()
	var all []late
	for _, f := range found {
		all = append(all, f...)
	}
	if len(all) == 0 {
		return nil
	}
	slices.SortFunc(all, func(a, b late) int { return cmp.Compare(a.e.line, b.e.line) })
	dups := make([]Duplicate, len(all))
	for i, d := range all {
		e := dup(d.shard, d.e)
		e.FirstLine = d.first
		dups[i] = Duplicate{Shard: d.shard, Err: e}
	}
	return dups
}

// lateDuplicate counts the row of e, which this reader accepted, as one
// reader over the whole roster counts it: rejected with
// ErrDuplicatePerson (not accepted, or not refused by the caller), its
// warnings not counted. It returns the row's error, FirstLine not set.
func (rr *Reader) lateDuplicate(e *seenEntry) *RowError {
	l := rr.dec.layout
	if err, ok := rr.part.refused[e.line]; ok {
		rr.uncount(rejKey{field: -1, err: err})
	} else {
		rr.counts.Accepted--
		rr.counts.Rejected++
	}
	rr.count(l.idAt, ErrDuplicatePerson)
	for m := e.warn; m != 0; m &= m - 1 {
		c := Column(bits.TrailingZeros32(m))
		rr.counts.Warnings--
		rr.uncount(rejKey{field: slices.Index(l.cols, c), err: ErrUnknownValue, warn: true})
	}
	return rr.dupErr(e.id, e.line, 0)
}

// uncount takes one back from the count of k, forgetting k at zero.
func (rr *Reader) uncount(k rejKey) {
	if rr.rej[k]--; rr.rej[k] > 0 {
		return
	}
	delete(rr.rej, k)
	if i := slices.Index(rr.rejKeys, k); i >= 0 {
		rr.rejKeys = slices.Delete(rr.rejKeys, i, i+1)
	}
}
