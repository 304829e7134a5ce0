package reporting

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

// Router decides where one resident goes on a date. A compiled
// [*routing.Router] is one. (An interface rather than a func value: calling
// through a method value would copy every decision once more.)
//
// A Router that also has the method
//
//	RouteInto(d *routing.Decision, r *eligibility.Resident, asOf eligibility.Date) error
//
// giving the result of Route into *d, as [routing.Router.RouteInto] does, is
// called through it: the pipeline then reuses one decision per goroutine
// instead of copying a new one (about 1.3 KB) for every row.
type Router interface {
	Route(r eligibility.Resident, asOf eligibility.Date) (routing.Decision, error)
}

// routerInto is the optional fast path of a [Router].
type routerInto interface {
	RouteInto(d *routing.Decision, r *eligibility.Resident, asOf eligibility.Date) error
}

// routeInto routes r into d through fast when it is not nil, else through
// route.
func routeInto(route Router, fast routerInto, d *routing.Decision, r *eligibility.Resident, asOf eligibility.Date) error {
	if fast != nil {
		return fast.RouteInto(d, r, asOf)
	}
	var err error
	*d, err = route.Route(*r, asOf)
	return err
}

// ErrNotRouted is returned in [RowError].Err for a row that was read but for
// which the router gave no decision (a [*routing.FactError] in Cause).
var ErrNotRouted = errors.New("no routing decision for this row")

// AddDecision counts the resident of village routed by d: its target groups,
// outcome and channel.
func (t *Tally) AddDecision(village string, d *routing.Decision) error {
	return t.Add(TallyEntry{Village: village, Groups: d.Groups.Set(), Outcome: d.Outcome, Channel: d.Channel})
}

// PipelineOptions configures [TallyRoster].
type PipelineOptions struct {
	// Headers maps header names to columns; nil means DefaultHeaders().
	Headers Headers
	// AsOf is the date every resident is routed for.
	AsOf eligibility.Date
	// Encoding of the data. The zero value (UTF8BOM) detects it, as
	// AutoDetect does and as [ImportOptions] does: data that [DetectEncoding]
	// calls GB18030 is decoded to UTF-8 first, into a copy. UTF8 reads the
	// data as it is (a row whose kept text is not valid UTF-8 is rejected
	// with [ErrInvalidText]); GB18030 always decodes.
	Encoding Encoding
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Reject, when not nil, is called for every rejected row, in line
	// order, after all rows are read. (The workers hold the errors of
	// rejected rows until then: memory grows with the number of rejected
	// rows, never with accepted ones.)
	Reject func(*RowError)
}

// PipelineResult is what [TallyRoster] returns.
type PipelineResult struct {
	Tally  *Tally
	Report ImportReport // Encoding is UTF8 (or UTF8BOM when data starts with a mark)
}

// TallyRoster imports a roster held in memory as UTF-8 CSV (a byte-order mark
// is skipped), routes every accepted row with route on opt.AsOf and tallies
// the decisions. It is the streaming pipeline for large rosters: no row is
// kept, names are checked but never copied, and the work is split across
// opt.Workers goroutines, each with its own decoder and [Tally] over a shard
// of the input cut at a record boundary; the shards' tallies and counts are
// merged at the end, which gives exactly the answer of one pass (see [Tally]).
//
// It reads the rows [ImportRoster] reads, and counts them alike: the header
// is found as [NewRosterReader] finds it (up to [MaxTitleRows] title rows
// above it; Report.HeaderLine gives its line), and blank records are
// counted in Report.BlankRows, not as rows. A carriage return that no line
// feed follows (the line end of Excel's "CSV (Macintosh)", or a stray one
// in a field) is a line feed to ImportRoster; TallyRoster, which reads
// CRLF and LF in place, then reads a copy of data with every CR a line
// feed, made once — and read again from the start when the first such CR
// lies past the header. Files without one are never copied.
//
// A row the router cannot decide is rejected with [ErrNotRouted]; a
// [*routing.PeriodError] (opt.AsOf outside the policy's period) stops the
// pipeline with that error. The result's Report.Counts reconciles, and the
// tally counts exactly the accepted rows.
//
// GB18030 input (opt.Encoding) is decoded into a UTF-8 copy first; a
// [*DecodeError] is returned for bytes invalid in it, and for UTF-16 input
// ([ErrUTF16]) whatever opt.Encoding says. [NewRosterReader]
// streams either encoding without a copy, on one core.
func TallyRoster(data []byte, route Router, opt PipelineOptions) (PipelineResult, error) {
	enc := opt.Encoding
	if enc == UTF8BOM {
		enc = AutoDetect // the zero value detects, as ImportOptions does
	}
	if peek := data[:min(len(data), encUTF16Window)]; encIsUTF16(peek) { // as NewDecoder
		return PipelineResult{}, &DecodeError{Encoding: enc, Line: 1, Bytes: bytes.Clone(peek[:min(len(peek), 2)]), Err: ErrUTF16}
	}
	if enc == AutoDetect {
		const window = 64 << 10 // as NewDecoder's AutoDetect
		enc = DetectEncoding(data[:min(len(data), window)], len(data) <= window)
	}
	if enc == GB18030 {
		dec, err := NewDecoder(bytes.NewReader(data), GB18030)
		if err != nil {
			return PipelineResult{}, err
		}
		utf8Data, err := io.ReadAll(dec)
		if err != nil {
			return PipelineResult{}, err
		}
		res, err := tallyRoster(utf8Data, route, opt, minShardBytes)
		res.Report.Encoding = GB18030
		return res, err
	}
	return tallyRoster(data, route, opt, minShardBytes)
}

// minShardBytes is the least input worth a second goroutine.
const minShardBytes = 1 << 16

// tallyRoster is TallyRoster with the least shard size as a parameter, so
// that tests can shard small inputs.
func tallyRoster(data []byte, route Router, opt PipelineOptions, minShard int) (PipelineResult, error) {
	return tallyRosterSplit(data, route, opt, minShard, splitAtLines)
}

// How tallyRosterSplit cuts its input into chunks.
type splitMode uint8

const (
	splitAtLines  splitMode = iota // after any line feed: no extra pass
	splitAtParity                  // after a line feed preceded by an even number of quotes
	splitNone                      // one chunk
)

// tallyRosterSplit runs the pipeline with chunks cut as mode says. A chunk
// that ends inside a quoted field (a record cut in two) makes it start
// again with the next, safer mode; otherwise the chunks' results are
// exactly those of one pass (each chunk starts at a record boundary, and
// every record is read exactly as one pass reads it).
func tallyRosterSplit(data []byte, route Router, opt PipelineOptions, minShard int, mode splitMode) (PipelineResult, error) {
	enc := UTF8
	if bytes.HasPrefix(data, utf8BOM) {
		enc = UTF8BOM
	}
	var sc csvScanner
	sc.reset(data)
	layout, err := findHeader(sc.next, &sc, opt.Headers) // as NewRosterReader
	if hasLoneCR(data[:sc.pos]) || bytes.HasSuffix(data, []byte{'\r'}) {
		// CR-only line ends (Excel's "CSV (Macintosh)"): the header line
		// is the whole file. Read a copy with them as line feeds, as
		// NewRosterReader reads them.
		return tallyRosterSplit(crToLF(data), route, opt, minShard, mode)
	}
	if err != nil {
		return PipelineResult{}, err
	}
	headerLine := sc.recLine
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	body, firstLine := sc.pos, sc.line
	// More chunks than workers, taken in turn, so that a worker slowed down
	// (by another process on its core) does not hold up the rest.
	n := workers * chunksPerWorker
	if mode == splitNone {
		n = 1
	}
	bounds := splitRecords(data, body, n, minShard, mode == splitAtParity)
	chunks := make([]chunkResult, len(bounds)-1)
	ws := make([]shardWorker, min(workers, len(chunks)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range ws {
		w := &ws[k]
		w.init(layout)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(chunks) {
					return
				}
				// Lines count from the chunk's start; they are made
				// absolute below, once the lines of the chunks before are
				// known.
				chunks[i] = w.run(data[:bounds[i+1]], bounds[i], route, opt.AsOf, opt.Reject != nil)
			}
		}()
	}
	wg.Wait()
	for _, c := range chunks {
		if c.loneCR {
			// A carriage return alone past the header: read a copy with
			// it as a line feed, as NewRosterReader reads it.
			return tallyRosterSplit(crToLF(data), route, opt, minShard, mode)
		}
	}
	for _, c := range chunks {
		if c.fatal != nil {
			return PipelineResult{}, c.fatal
		}
	}
	for _, c := range chunks[:len(chunks)-1] {
		if c.openAtEnd {
			// A chunk boundary fell inside a quoted field: cut again,
			// counting quotes (or, when quotes cannot be trusted because of
			// a bare quote, not at all).
			return tallyRosterSplit(data, route, opt, minShard, mode+1)
		}
	}
	if opt.Reject != nil {
		offset := firstLine
		for _, c := range chunks {
			for _, e := range c.errs {
				e.Line += offset
				if se, ok := e.Cause.(*csvSyntaxError); ok {
					se.line += offset
				}
				opt.Reject(e)
			}
			offset += c.lines
		}
	}
	res := PipelineResult{Tally: &Tally{}, Report: ImportReport{Encoding: enc}}
	rej := make(map[rejKey]int)
	var order []rejKey
	for k := range ws {
		w := &ws[k]
		res.Tally.Merge(&w.tally)
		res.Report.Counts = res.Report.Counts.Add(w.counts)
		for _, k := range w.rejKeys {
			if _, seen := rej[k]; !seen {
				order = append(order, k)
			}
			rej[k] += w.rej[k]
		}
	}
	blank := 0
	for k := range ws {
		blank += ws[k].blank
	}
	rr := RosterReader{dec: &rowDecoder{layout: layout}, enc: enc, headerLine: headerLine, counts: res.Report.Counts, rej: rej, rejKeys: order, blank: blank}
	res.Report = rr.Report()
	return res, nil
}

// splitRecords cuts data[start:] into up to n chunks of about minShard
// bytes or more, just after a line feed — with parity, after one that has
// an even number of quote characters before it, and so is not inside a
// quoted field of well-formed CSV. It returns the n'+1 boundaries, from
// start to len(data).
func splitRecords(data []byte, start, n, minShard int, parity bool) []int {
	bounds := []int{start}
	size := len(data) - start
	n = min(n, size/max(minShard, 1))
	n = max(n, 1)
	quotes := 0 // quote characters in data[:pos]
	pos := 0
	prev := start
	for i := 1; i < n; i++ {
		p := start + size/n*i
		if p <= prev {
			continue
		}
		for {
			nl := bytes.IndexByte(data[p:], '\n')
			if nl < 0 {
				p = len(data)
				break
			}
			p += nl + 1
			if !parity {
				break
			}
			quotes += bytes.Count(data[pos:p], []byte{'"'})
			pos = p
			if quotes%2 == 0 {
				break
			}
		}
		if p >= len(data) {
			break
		}
		bounds = append(bounds, p)
		prev = p
	}
	return append(bounds, len(data))
}

// chunksPerWorker is how many chunks each worker gets on average: enough
// that the last chunks, taken while the other workers have none left, are
// a small part of the work (with 4, one core idled for about 1/16 of a
// run), few enough that cutting them costs nothing measurable (each cut
// is one search for a line feed).
const chunksPerWorker = 32

// shardWorker is one goroutine's state: its decoder and its share of the
// counts, over all the chunks it takes.
type shardWorker struct {
	dec     *rowDecoder
	vts     []*villageTally // by the decoder's village number
	tally   Tally
	counts  Counts
	rej     map[rejKey]int
	rejKeys []rejKey
	// The scanner's buffers, kept from one chunk to the next.
	fields  [][]byte
	spans   []csvSpan
	scratch []byte
	padded  [][]byte // a short record padded under empty headers
	blank   int      // records with every field empty: not rows
	textAt  []int    // the fields of the name, village and note columns
}

// chunkResult is what a worker found in one chunk, beyond the counts.
type chunkResult struct {
	errs      []*RowError // rejected rows, lines relative to the chunk
	lines     int         // physical lines the chunk spans
	openAtEnd bool        // the chunk ended inside a quoted field
	loneCR    bool        // the chunk holds a CR not followed by LF: read a copy without
	fatal     error       // a router error not about one row
}

func (w *shardWorker) init(layout *rosterLayout) {
	w.dec = newRowDecoder(layout)
	w.dec.skipNames = true
	w.rej = make(map[rejKey]int)
	for i, c := range layout.cols {
		switch c {
		case ColumnName, ColumnVillage, ColumnNote:
			w.textAt = append(w.textAt, i)
		}
	}
}

// controlChars rejects, as RosterReader does, a row whose name, village or
// note holds a control character. Rows without one (every usual row) are
// told apart by a look at the raw fields; a row with one is decoded again
// with its name, for RosterReader's check and message.
func (w *shardWorker) controlChars(fields [][]byte, line int, wide, control bool, row *RosterRow) *RowError {
	if !control { // the scanner saw no control character in the record
		return nil
	}
	found := false
	for _, i := range w.textAt {
		if i < len(fields) && hasControl(fields[i]) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	w.dec.skipNames = false
	e := w.dec.decode(fields, line, wide, row)
	w.dec.skipNames = true
	if e != nil {
		return e
	}
	rr := RosterReader{dec: w.dec}
	return rr.controlChars(row)
}

// hasControl reports whether b holds an ASCII control character (or DEL),
// eight bytes at a time: a byte below 0x20 borrows when 0x20 is subtracted
// and so sets its top bit, which bytes of 0x80 and above have already and
// are masked out by ^x (the usual test for a byte less than n, n ≤ 128);
// DEL is a zero byte of x ^ 0x7F….
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		y := x ^ 0x7F*ones
		if ((x-0x20*ones)&^x|(y-ones)&^y)&highs != 0 {
			return true
		}
	}
	for _, c := range b[i:] {
		if c < ' ' || c == 0x7F {
			return true
		}
	}
	return false
}

// run processes the records of window[start:]; their lines count from 1.
func (w *shardWorker) run(window []byte, start int, route Router, asOf eligibility.Date, keepErrs bool) chunkResult {
	var res chunkResult
	layout := w.dec.layout
	count := func(field int, e *RowError) {
		w.counts.Rejected++
		k := rejKey{field, e.Err}
		if _, seen := w.rej[k]; !seen {
			w.rejKeys = append(w.rejKeys, k)
		}
		w.rej[k]++
		if keepErrs {
			res.errs = append(res.errs, e)
		}
	}
	sc := csvScanner{buf: window, pos: start, atEOF: true, fields: w.fields[:0], spans: w.spans[:0], scratch: w.scratch[:0]}
	defer func() { w.fields, w.spans, w.scratch = sc.fields, sc.spans, sc.scratch }()
	var row RosterRow
	var d routing.Decision // reused: a decision is large
	fast, _ := route.(routerInto)
	for {
		from := sc.pos
		switch sc.next() {
		case csvEOF:
			res.lines = sc.line
			return res
		case csvBad:
			if hasLoneCR(window[from:sc.pos]) {
				res.loneCR = true
				return res
			}
			res.openAtEnd = sc.openAtEOF
			w.counts.Rows++
			count(-1, &RowError{Line: sc.recLine, Err: ErrMalformedCSV, Cause: csvCause(sc.err, sc.errLine)})
			continue
		}
		// A CR is a control character: the scanner flags every record
		// that may hold one.
		if sc.control && hasLoneCR(window[from:sc.pos]) {
			res.loneCR = true
			return res
		}
		fields := sc.fields
		if maybeBlank(fields, layout.idAt) && blankRecord(fields) {
			w.blank++ // a spreadsheet's empty row (",,,"), as RosterReader
			continue
		}
		w.counts.Rows++
		fields = w.padEmptyHeaders(fields)
		if !plainID(fields, layout.idAt) {
			stripTextPrefix(fields, layout.idAt) // '110105…, zero-width characters
		}
		if e := w.dec.decode(fields, sc.recLine, sc.wide, &row); e != nil {
			count(layout.fieldOf(e), e)
			continue
		}
		if e := w.controlChars(fields, sc.recLine, sc.wide, sc.control, &row); e != nil {
			count(layout.fieldOf(e), e)
			continue
		}
		if err := routeInto(route, fast, &d, &row.Resident, asOf); err != nil {
			var pe *routing.PeriodError
			if errors.As(err, &pe) {
				res.fatal = err
				return res
			}
			count(-1, &RowError{Line: sc.recLine, Value: row.Resident.ID.Masked(), Err: ErrNotRouted, Cause: err})
			continue
		}
		var vt *villageTally
		if k := w.dec.village; k >= 0 && k < len(w.vts) {
			vt = w.vts[k]
		} else {
			vt = w.tally.village(row.Resident.Hukou.Village)
			if k == len(w.vts) {
				w.vts = append(w.vts, vt)
			}
		}
		if d.Outcome >= tallyOutcomes || d.Channel >= tallyChannels {
			res.fatal = fmt.Errorf("%w: outcome %d, channel %d", ErrTallyRange, d.Outcome, d.Channel)
			return res
		}
		w.tally.add(vt, d.Groups.Set(), d.Outcome, d.Channel)
		w.counts.Accepted++
	}
}

// maybeBlank reports whether a record may be blank: its identity-number
// field is missing or does not start with a printable ASCII character (the
// usual row is decided by that one byte; blankRecord decides the rest).
func maybeBlank(fields [][]byte, idAt int) bool {
	if idAt < len(fields) {
		if f := fields[idAt]; len(f) > 0 && f[0] > ' ' && f[0] < 0x80 {
			return false
		}
	}
	return true
}

// plainID reports whether the identity-number field is 18 ASCII bytes
// starting with a digit: then stripTextPrefix has nothing to strip (no
// apostrophe, no zero-width character: those are not ASCII).
func plainID(fields [][]byte, idAt int) bool {
	if idAt >= len(fields) {
		return false
	}
	f := fields[idAt]
	if len(f) != 18 || f[0] < '0' || f[0] > '9' {
		return false
	}
	w := binary.LittleEndian.Uint64(f[0:8]) | binary.LittleEndian.Uint64(f[8:16]) | uint64(f[16]) | uint64(f[17])
	return w&0x8080808080808080 == 0
}

// padEmptyHeaders is RosterReader.padEmptyHeaders into a reused buffer: a
// record short of the header only by fields under empty headers gets them
// (empty); any other keeps its length and is rejected with ErrFieldCount.
func (w *shardWorker) padEmptyHeaders(fields [][]byte) [][]byte {
	hs := w.dec.layout.headers
	if len(fields) >= len(hs) {
		return fields
	}
	for _, h := range hs[len(fields):] {
		if strings.TrimSpace(h) != "" {
			return fields
		}
	}
	w.padded = append(w.padded[:0], fields...)
	for len(w.padded) < len(hs) {
		w.padded = append(w.padded, nil)
	}
	return w.padded
}

// RouteRoster reads a roster from r as [ImportRoster] does, routes every
// accepted row with route on asOf, and calls each with the row and its
// decision, in file order. A row the router cannot decide is rejected with
// [ErrNotRouted] and passed to reject instead; the returned report counts
// it among the rejected rows, so that Counts.Accepted is the number of rows
// each was called for and Counts still reconciles. A [*routing.PeriodError]
// (asOf outside the policy) stops the import with that error, as does an
// error returned by a callback. Either callback may be nil.
func RouteRoster(r io.Reader, opt ImportOptions, route Router, asOf eligibility.Date,
	each func(RosterRow, *routing.Decision) error, reject func(*RowError) error) (ImportReport, error) {
	rr, err := NewRosterReader(r, opt)
	if err != nil {
		return ImportReport{}, err
	}
	var d routing.Decision // reused: a decision is large
	fast, _ := route.(routerInto)
	for {
		row, err := rr.Next()
		if err == io.EOF {
			return rr.Report(), nil
		}
		var re *RowError
		if err == nil {
			if rerr := routeInto(route, fast, &d, &row.Resident, asOf); rerr != nil {
				var pe *routing.PeriodError
				if errors.As(rerr, &pe) {
					return rr.Report(), rerr
				}
				rr.counts.Accepted--
				rr.counts.Rejected++
				re = &RowError{Line: row.Line, Value: row.Resident.ID.Masked(), Err: ErrNotRouted, Cause: rerr}
				rr.count(-1, re.Err)
			} else if each != nil {
				if err := each(row, &d); err != nil {
					return rr.Report(), err
				}
				continue
			} else {
				continue
			}
		}
		if re == nil && !errors.As(err, &re) {
			return rr.Report(), err
		}
		if reject != nil {
			if err := reject(re); err != nil {
				return rr.Report(), err
			}
		}
	}
}
