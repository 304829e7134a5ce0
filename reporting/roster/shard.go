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
// The readers together accept and reject exactly the rows one [Reader]
// over the whole roster accepts and rejects, with the same errors, and the
// merged report is its report — with one exception, which Report detects:
// in malformed CSV (a stray quote before a cut) a cut may fall inside a
// quoted field, and then Report returns [codec.ErrCutInQuotes]; read the
// roster again in one shard.
type Shards struct {
	readers    []*Reader
	layout     *rosterLayout
	enc        codec.Encoding
	headerLine int
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
	s := &Shards{layout: layout, enc: sc.Encoding(), headerLine: sc.Line()}
	for _, part := range sc.Split(n, minBytes) {
		s.readers = append(s.readers, newReader(part, layout, s.headerLine))
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
func (s *Shards) Report() (Report, error) {
	var counts Counts
	blank := 0
	rej := make(map[rejKey]int)
	var keys []rejKey
	var err error
	for _, rr := range s.readers {
		if errors.Is(rr.err, codec.ErrCutInQuotes) {
			return Report{}, rr.err
		}
		counts = counts.Add(rr.counts)
		blank += rr.blank
		for _, k := range rr.rejKeys {
			if _, seen := rej[k]; !seen {
				keys = append(keys, k)
			}
			rej[k] += rr.rej[k]
		}
		if rr.err != io.EOF {
			err = rr.err
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			break
		}
	}
	return report(s.layout, s.enc, s.headerLine, blank, counts, rej, keys), err
}
