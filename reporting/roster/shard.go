package roster

import (
	"errors"
	"io"

	"github.com/canbao/kuomian/reporting/codec"
)

// Shards is a roster held in memory cut into parts at record boundaries,
// to be read in parallel: one [Reader] per part, each the same reader as
// [NewReader] makes, reading its part with the lines of the whole roster.
// Read every reader to its end (on as many goroutines as there are
// readers, or fewer), then [Shards.Report] merges their counts in order.
//
// The readers together accept and reject the rows one [Reader] over the
// whole roster accepts and rejects, with the same errors, and the merged
// report is its report — with two exceptions. First, a reader of a shard
// does not know the people of the other shards, so it does not refuse a
// person given twice: it accepts every such row, and [Shards.Duplicates]
// then names the rows one reader refuses with [ErrDuplicatePerson] (the
// later rows of each person, in file order, whatever the cuts), which
// Report counts as rejected; a caller that counts the accepted rows
// takes those out again. Second, in malformed CSV (a stray quote before
// a cut) a cut may fall inside a quoted field, and then Report returns
// [codec.ErrCutInQuotes]; read the roster again in one shard.
type Shards struct {
	readers    []*Reader
	layout     *rosterLayout
	enc        codec.Encoding
	headerLine int

	resolved bool        // Duplicates or Report has run
	dups     []Duplicate // the rows one reader refuses as duplicates
	upto     int         // the readers counted: up to the first that failed
	err      error       // the error of the merged report
}

// A Duplicate is a row that a reader of [Shards] accepted (and its caller
// may have refused with [Reader.Refuse]) but that one [Reader] over the
// whole roster refuses, because an earlier row gave the same person.
type Duplicate struct {
	Shard int       // the index of the row's reader in [Shards.Readers]
	Err   *RowError // the row's error: ErrDuplicatePerson, with Line and FirstLine
}

// minShardBytes is the least input worth a shard of its own.
const minShardBytes = 64 << 10

// NewShards reads the header of a roster held in memory, as [NewReader]
// reads it, and cuts the rest into up to n shards of at least minBytes
// bytes each (0 means 64 KiB, the least worth a goroutine; tests cut
// smaller). It returns the errors NewReader returns for the same input.
func NewShards(data []byte, opt Options, n, minBytes int) (*Shards, error) {
	if minBytes <= 0 {
		minBytes = minShardBytes
	}
	sc, err := codec.NewBytesScanner(data, opt.Encoding)
	if err != nil {
		return nil, err
	}
	layout, err := findHeader(sc, opt.Headers)
	if err != nil {
		if rerr := sc.Err(); rerr != nil {
			return nil, rerr
		}
		return nil, err
	}
	layout.villageOptional = opt.VillageOptional
	layout.discardNames = opt.DiscardNames
	s := &Shards{layout: layout, enc: sc.Encoding(), headerLine: sc.Line()}
	for _, part := range sc.Split(n, minBytes) {
		rr := newReader(part, layout, s.headerLine)
		rr.seen, rr.part = nil, &shardLog{}
		s.readers = append(s.readers, rr)
	}
	return s, nil
}

// Readers returns the readers of the shards, in the order of the roster.
func (s *Shards) Readers() []*Reader { return s.readers }

// Report merges the reports of the shards' readers, in order: the report
// of one [Reader] over the whole roster. When a reader ended with an error
// (the input cannot be read: a [*codec.DecodeError]), the report counts
// the rows of the shards up to it and the error is returned, as
// [Reader.Next] returns it after the rows before it; a reader not read to
// its end gives [io.ErrUnexpectedEOF].
//
// The report counts the rows of [Shards.Duplicates] as rejected with
// [ErrDuplicatePerson], as one reader does.
func (s *Shards) Report() (Report, error) {
	s.resolve()
	if errors.Is(s.err, codec.ErrCutInQuotes) {
		return Report{}, s.err
	}
	var counts Counts
	blank := 0
	rej := make(map[rejKey]int)
	var keys []rejKey
	for _, rr := range s.readers[:s.upto] {
		counts = counts.Add(rr.counts)
		blank += rr.blank
		for _, k := range rr.rejKeys {
			if _, seen := rej[k]; !seen {
				keys = append(keys, k)
			}
			rej[k] += rr.rej[k]
		}
	}
	return report(s.layout, s.enc, s.headerLine, blank, counts, rej, keys), s.err
}

// Duplicates returns, in line order, the rows that the readers accepted
// but that one [Reader] over the whole roster refuses with
// [ErrDuplicatePerson]: every row after the first (in file order) of a
// person accepted more than once, in the same shard or in different
// ones. Call it after every reader is read to its end; it returns the
// error [Shards.Report] returns, and only the rows Report counts. A
// caller that counted the rows it accepted takes these out again; a row
// it refused ([Reader.Refuse]) is one too, now rejected as a duplicate
// rather than for the caller's reason, as one reader would have rejected
// it before the caller saw it.
//
// It resolves the people of all shards together, partition by partition
// on up to GOMAXPROCS goroutines, in memory of about 40 bytes per row
// accepted (released when it returns), on top of the 32 bytes per
// accepted row that the readers log while they read.
func (s *Shards) Duplicates() ([]Duplicate, error) {
	s.resolve()
	if errors.Is(s.err, codec.ErrCutInQuotes) {
		return nil, s.err
	}
	return s.dups, s.err
}

// resolve finds the duplicates of the shards read (once) and counts them
// in their readers as one reader would have: rejected, not accepted (or
// refused by the caller), their warnings not counted.
func (s *Shards) resolve() {
	if s.resolved {
		return
	}
	s.resolved = true
	s.upto = len(s.readers)
	for i, rr := range s.readers {
		if errors.Is(rr.err, codec.ErrCutInQuotes) {
			s.err = rr.err
			return
		}
		if rr.err != io.EOF {
			s.err = rr.err
			if s.err == nil {
				s.err = io.ErrUnexpectedEOF
			}
			s.upto = i + 1
			break
		}
	}
	logs := make([]*shardLog, s.upto)
	for i, rr := range s.readers[:s.upto] {
		logs[i] = rr.part
	}
	s.dups = resolveDuplicates(logs, func(shard int, e *seenEntry) *RowError {
		return s.readers[shard].lateDuplicate(e)
	})
	for _, rr := range s.readers {
		rr.part = &shardLog{} // the log is spent; a row read later is not resolved
	}
}
