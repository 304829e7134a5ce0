package ledger

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
)

// Source is one file a town receives: its kind, its name (as reports name
// it, e.g. the file name) and its bytes, CSV in UTF-8 or GB18030 (the
// encoding is detected, as [roster.NewReader] does). Its rows are read
// with the one roster reader, under the headers of [Headers].
type Source struct {
	Kind SourceKind
	Name string
	Data []byte
}

// Headers returns the header names the ledger reads: [roster.DefaultHeaders]
// and the social-insurance field codes of GB/T 40217—2021 — AAC002
// 社会保障号码, AAC003 姓名, AAC004 性别, AAC006 出生日期, AAC008 个人参保状态,
// AAC031 缴费状态, AAE140 险种, AAF030N 社区或村, AAC158 低保对象标识 — and their
// Chinese names (社会保障号码, 个人参保状态, 险种, 社区或村, 低保对象标识).
//
// AAC008 and AAC031 both read as the 缴费状态 column: a file that has both
// is read with AAC031 (the contribution status, which decides whether a
// person is enrolled) and AAC008 ignored.
func Headers() roster.Headers {
	h := roster.DefaultHeaders()
	for k, c := range codeHeaders {
		h[k] = c
	}
	return h
}

var codeHeaders = map[string]roster.Column{
	"AAC002": roster.ColumnID, "社会保障号码": roster.ColumnID, "社会保障卡号": roster.ColumnID,
	"AAC003": roster.ColumnName,
	"AAC004": roster.ColumnGender,
	"AAC006": roster.ColumnBirth,
	"AAC008": roster.ColumnStatus, "个人参保状态": roster.ColumnStatus, "人员参保状态": roster.ColumnStatus,
	"AAC031": roster.ColumnStatus, "个人缴费状态": roster.ColumnStatus,
	"AAE140": roster.ColumnScheme, "险种": roster.ColumnScheme, "险种类型": roster.ColumnScheme,
	"AAF030N": roster.ColumnVillage, "社区或村": roster.ColumnVillage, "社区(村)": roster.ColumnVillage,
	"AAC158": roster.ColumnMinimumLiving, "低保对象标识": roster.ColumnMinimumLiving,
}

// headersFor returns the headers to read a source with: without AAC008
// (and its names) when the header names AAC031 too.
func headersFor(first []byte) roster.Headers {
	h := Headers()
	up := bytes.ToUpper(first)
	if bytes.Contains(up, []byte("AAC031")) || bytes.Contains(first, []byte("个人缴费状态")) {
		delete(h, "AAC008")
		delete(h, "个人参保状态")
		delete(h, "人员参保状态")
	}
	return h
}

// rec is one accepted row, in compact form: what it says about one person.
// String facts are numbers in the reading shard's tables.
type rec struct {
	key    uint64 // idKey(id)
	id     eligibility.IDNumber
	stated Facts
	line   uint32
	// name is, for a row of the base, the offset of the name in the
	// shard's names; for other rows, once resolved, 1 + the person (0:
	// not in the base).
	name    uint32
	nameLen uint16
	flags   uint16
	village uint32 // shard string numbers; 0 is none
	area    uint32
	licence uint32
	tier    uint32 // shard tier number; 0 is none
	land    eligibility.Date
	emp     eligibility.EmploymentKind
	plat    eligibility.PlatformKind
	ins     eligibility.Insurance
	contact eligibility.ContactStatus
	local   bool
}

// strtab numbers distinct strings; 0 is "".
type strtab struct {
	m    map[string]uint32
	list []string
}

func (t *strtab) id(s string) uint32 {
	if s == "" {
		return 0
	}
	if t.m == nil {
		t.m = make(map[string]uint32)
		t.list = append(t.list[:0], "")
	}
	if i, ok := t.m[s]; ok {
		return i
	}
	i := uint32(len(t.list))
	t.list = append(t.list, s)
	t.m[s] = i
	return i
}

func (t *strtab) str(i uint32) string {
	if i == 0 || int(i) >= len(t.list) {
		return ""
	}
	return t.list[i]
}

// tiertab numbers distinct tiers; 0 is none.
type tiertab struct {
	m    map[string]uint32
	list []decimal.Decimal
}

func (t *tiertab) id(d decimal.Decimal) uint32 {
	if d.IsZero() {
		return 0
	}
	if t.m == nil {
		t.m = make(map[string]uint32)
		t.list = append(t.list[:0], decimal.Decimal{})
	}
	for i := 1; i < min(len(t.list), 9); i++ { // a roster has a handful of tiers
		if t.list[i].Equal(d) {
			return uint32(i)
		}
	}
	k := d.String()
	if i, ok := t.m[k]; ok {
		return i
	}
	i := uint32(len(t.list))
	t.list = append(t.list, d)
	t.m[k] = i
	return i
}

func (t *tiertab) get(i uint32) decimal.Decimal {
	if i == 0 || int(i) >= len(t.list) {
		return decimal.Decimal{}
	}
	return t.list[i]
}

// shard is what one reader of one source produced.
type shard struct {
	recs    []rec
	names   []byte
	strs    strtab
	tiers   tiertab
	rejects []*roster.RowError
	// warn holds, by line, why a kept row has a fact left unknown: the
	// roster's Row.Warnings, or the rejections the ledger read past
	// (recoverRows). Nil for almost every shard.
	warn map[uint32][]*roster.RowError
}

// sourceRead is one source read: its rows in line order (the shards', and
// the rows recovered from rejections), its report and its problems.
type sourceRead struct {
	kind      SourceKind
	report    roster.Report
	shards    []*shard
	recovered *shard // rows kept after a recoverable rejection, in line order
	rejects   []*roster.RowError
	colOf     map[string]roster.Column // the column of each header as written
}

// each calls f for every row of the source in line order.
func (sr *sourceRead) each(f func(sh *shard, r *rec)) {
	var rv []rec
	if sr.recovered != nil {
		rv = sr.recovered.recs
	}
	j := 0
	for _, sh := range sr.shards {
		for i := range sh.recs {
			r := &sh.recs[i]
			for j < len(rv) && rv[j].line < r.line {
				f(sr.recovered, &rv[j])
				j++
			}
			f(sh, r)
		}
	}
	for ; j < len(rv); j++ {
		f(sr.recovered, &rv[j])
	}
}

// readSources reads every source on all cores: each source is cut into
// shards (roster.NewShards), the shards are read in parallel, and rows
// rejected only for a value in a column the kind does not require are
// read again without that column (see recover). Header errors and
// unreadable input are returned as *SourceError, joined.
func readSources(srcs []Source) ([]*sourceRead, error) {
	out := make([]*sourceRead, len(srcs))
	type job struct {
		sr *sourceRead
		sh *shard
		rr *roster.Reader
	}
	var jobs []job
	var errs []error
	shardsOf := make([]*roster.Shards, len(srcs))
	n := runtime.GOMAXPROCS(0)
	for i, s := range srcs {
		if s.Kind == KindUnknown || s.Kind >= numKinds {
			errs = append(errs, &SourceError{Source: i, Name: s.Name, Err: &KindError{Input: strconv.Itoa(int(s.Kind))}})
			continue
		}
		// Only the population base must give each person's village; a
		// department list may leave it empty.
		opt := roster.Options{Headers: headersFor(firstLines(s.Data)), VillageOptional: s.Kind != KindPopulation}
		shards, err := roster.NewShards(s.Data, opt, n, 0)
		if err != nil {
			errs = append(errs, &SourceError{Source: i, Name: s.Name, Err: err})
			continue
		}
		sr := &sourceRead{kind: s.Kind}
		rep := shards.Readers()[0].Report()
		if err := checkRequired(s.Kind, rep); err != nil {
			errs = append(errs, &SourceError{Source: i, Name: s.Name, Line: rep.HeaderLine, Err: err})
			continue
		}
		out[i], shardsOf[i] = sr, shards
		lines := bytes.Count(s.Data, []byte{'\n'}) // about the rows: preallocate
		for _, rr := range shards.Readers() {
			sh := &shard{recs: make([]rec, 0, lines/len(shards.Readers())+64)}
			sr.shards = append(sr.shards, sh)
			jobs = append(jobs, job{sr, sh, rr})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var wg sync.WaitGroup
	next := make(chan job)
	for range min(n, max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				readShard(j.sr.kind, j.rr, j.sh)
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	for i, sr := range out {
		rep, err := shardsOf[i].Report()
		if errors.Is(err, codec.ErrCutInQuotes) {
			// A stray quote before a cut: read the whole source in one shard.
			sr.shards = sr.shards[:0]
			rr, rerr := roster.NewReader(bytes.NewReader(srcs[i].Data), roster.Options{Headers: headersFor(firstLines(srcs[i].Data)), VillageOptional: srcs[i].Kind != KindPopulation})
			if rerr != nil {
				return nil, &SourceError{Source: i, Name: srcs[i].Name, Err: rerr}
			}
			sh := &shard{}
			sr.shards = append(sr.shards, sh)
			readShard(sr.kind, rr, sh)
			rep, err = rr.Report(), readErr(rr)
		}
		if err != nil {
			errs = append(errs, &SourceError{Source: i, Name: srcs[i].Name, Err: err})
			continue
		}
		sr.report = rep
		sr.colOf = make(map[string]roster.Column, len(rep.Headers))
		for i, h := range rep.Headers {
			if i < len(rep.Columns) {
				sr.colOf[h] = rep.Columns[i]
			}
		}
		for _, sh := range sr.shards {
			sr.rejects = append(sr.rejects, sh.rejects...)
			sh.rejects = nil
		}
		recoverRows(srcs[i], sr)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// firstLines returns the start of data, where the header row is.
func firstLines(data []byte) []byte { return data[:min(len(data), 4096)] }

// readErr returns the fatal error a reader ended with, or nil.
func readErr(rr *roster.Reader) error {
	_, err := rr.Next()
	if err == io.EOF {
		return nil
	}
	return err
}

// checkRequired returns a *roster.HeaderError when the header lacks a
// column the kind requires.
func checkRequired(k SourceKind, rep roster.Report) error {
	for _, c := range contributions[k].Required {
		if !slices.Contains(rep.Columns, c) {
			return &roster.HeaderError{Column: c, Err: roster.ErrMissingColumn}
		}
	}
	return nil
}

// readShard reads one reader to its end into sh.
func readShard(k SourceKind, rr *roster.Reader, sh *shard) {
	for {
		row, err := rr.Next()
		if err != nil {
			var re *roster.RowError
			if errors.As(err, &re) {
				sh.rejects = append(sh.rejects, re)
				continue
			}
			return // io.EOF, or a fatal error the shards' report returns
		}
		sh.add(k, &row)
	}
}

// add appends the facts row gives as a source of kind k.
func (sh *shard) add(k SourceKind, row *roster.Row) {
	r := &row.Resident
	c := &contributions[k]
	x := rec{key: idKey(r.ID), id: r.ID, line: clampLine(row.Line), village: sh.strs.id(r.Hukou.Village)}
	switch k {
	case KindPopulation:
		name := r.Name
		if len(name) > 0xFFFF {
			name = name[:0xFFFF]
		}
		x.name, x.nameLen = uint32(len(sh.names)), uint16(len(name))
		sh.names = append(sh.names, name...)
		x.area, x.local = sh.strs.id(r.Hukou.Area), r.Hukou.Local
		x.emp, x.plat, x.licence = r.Employment.Kind, r.Employment.Platform, sh.strs.id(r.Employment.Licence)
		x.ins, x.tier = r.Insurance, sh.tiers.id(r.ResidentTier)
		x.flags, x.land, x.contact = uint16(r.Flags), r.LandAcquiredOn, r.Contact
		if x.village != 0 {
			x.stated |= FactVillage
		}
		if x.area != 0 || x.local {
			x.stated |= FactHukou
		}
		if x.emp != 0 {
			x.stated |= FactEmployment
		}
		if x.ins != (eligibility.Insurance{}) {
			x.stated |= FactInsurance
		}
		if x.tier != 0 {
			x.stated |= FactTier
		}
		if x.flags != 0 {
			x.stated |= FactFlags
		}
		if !x.land.IsZero() {
			x.stated |= FactLandDate
		}
		if x.contact != 0 {
			x.stated |= FactContact
		}
	case KindInsured, KindInsuredElsewhere:
		x.ins, x.stated = r.Insurance, FactInsurance
		if k == KindInsured {
			if x.ins.Location == eligibility.LocationUnknown {
				x.ins.Location = eligibility.InDistrict // the district's own 参保库
			}
			if x.tier = sh.tiers.id(r.ResidentTier); x.tier != 0 {
				x.stated |= FactTier
			}
		}
	default:
		if c.Flag != 0 {
			x.flags, x.stated = uint16(c.Flag), FactFlags
		}
		if c.Facts&FactLandDate != 0 && !r.LandAcquiredOn.IsZero() {
			x.land = r.LandAcquiredOn
			x.stated |= FactLandDate
		}
		if c.Employment != 0 {
			x.emp, x.stated = c.Employment, FactEmployment
			switch k {
			case KindPlatform:
				x.plat = r.Employment.Platform
			case KindLicensed:
				x.licence = sh.strs.id(r.Employment.Licence)
			}
		}
	}
	sh.recs = append(sh.recs, x)
	if len(row.Warnings) > 0 {
		sh.warnAt(x.line, row.Warnings...)
	}
}

func (sh *shard) warnAt(line uint32, res ...*roster.RowError) {
	if sh.warn == nil {
		sh.warn = map[uint32][]*roster.RowError{}
	}
	sh.warn[line] = append(sh.warn[line], res...)
}

func clampLine(n int) uint32 {
	if n < 0 {
		return 0
	}
	if n > 1<<32-1 {
		return 1<<32 - 1
	}
	return uint32(n)
}

// recoverable reports whether a rejection is for a value in an optional
// column, which leaves that fact unknown instead of losing the row.
func recoverable(k SourceKind, re *roster.RowError, col roster.Column) bool {
	if re.Column == "" || col == roster.ColumnIgnored || col == roster.ColumnName || col == roster.ColumnID {
		return false
	}
	if slices.Contains(contributions[k].Required, col) {
		return false
	}
	if col == roster.ColumnVillage && errors.Is(re.Err, roster.ErrMissingValue) {
		return true // roster refuses a row without its village; a department list needs none
	}
	for _, e := range []error{roster.ErrUnknownValue, roster.ErrInvalidDate, roster.ErrInvalidNumber,
		roster.ErrInconsistent, roster.ErrInvalidText, roster.ErrControlChar} {
		if errors.Is(re.Err, e) {
			return true
		}
	}
	return false
}

// maxRecoveryPasses bounds the passes over one source: each pass reads it
// again without the columns its rows were rejected for.
const maxRecoveryPasses = 8

// recoverRows reads again, without the offending columns, the rows roster
// rejected only for a value in a column the kind does not require (an
// unknown word in 就业状况, a birth date that contradicts the number, …).
// A row so read is kept: the facts of the dropped columns stay unknown, and
// its first rejection becomes a warning. roster.Reader gives no access to
// the fields of a rejected row, so this is done by reading the source once
// more per set of dropped columns (at most maxRecoveryPasses passes; rows
// still rejected after that stay rejected).
func recoverRows(s Source, sr *sourceRead) {
	colOf := sr.colOf
	// pending maps a set of dropped columns (as a string key) to the lines
	// to read with it, and the first rejection of each line.
	type want struct {
		cols  []roster.Column
		first map[uint32][]*roster.RowError // the rejections of each line so far
	}
	pending := map[string]*want{}
	var order []string
	add := func(cols []roster.Column, line uint32, first []*roster.RowError) {
		slices.Sort(cols)
		key := string(colsKey(cols))
		w := pending[key]
		if w == nil {
			w = &want{cols: cols, first: map[uint32][]*roster.RowError{}}
			pending[key] = w
			order = append(order, key)
		}
		w.first[line] = first
	}
	var kept []*roster.RowError
	for _, re := range sr.rejects {
		if c := colOf[re.Column]; recoverable(sr.kind, re, c) {
			add([]roster.Column{c}, clampLine(re.Line), []*roster.RowError{re})
			continue
		}
		kept = append(kept, re)
	}
	if len(order) == 0 {
		return
	}
	got := &shard{}
	for pass := 0; len(order) > 0; pass++ {
		key := order[0]
		order = order[1:]
		w := pending[key]
		delete(pending, key)
		if pass >= maxRecoveryPasses {
			for _, res := range w.first {
				kept = append(kept, res[0])
			}
			continue
		}
		h := headersFor(firstLines(s.Data))
		for name, c := range h {
			if slices.Contains(w.cols, c) {
				delete(h, name)
			}
		}
		rr, err := roster.NewReader(bytes.NewReader(s.Data), roster.Options{Headers: h})
		if err != nil {
			for _, res := range w.first {
				kept = append(kept, res[0])
			}
			continue
		}
		for row, err := range rr.All() {
			if err != nil {
				var re *roster.RowError
				if !errors.As(err, &re) {
					break
				}
				line := clampLine(re.Line)
				first, ok := w.first[line]
				if !ok {
					continue
				}
				delete(w.first, line)
				if c := colOf[re.Column]; recoverable(sr.kind, re, c) && !slices.Contains(w.cols, c) {
					add(append(slices.Clone(w.cols), c), line, append(first, re))
				} else {
					kept = append(kept, first[0])
				}
				continue
			}
			first, ok := w.first[clampLine(row.Line)]
			if !ok {
				continue
			}
			delete(w.first, clampLine(row.Line))
			got.warnAt(clampLine(row.Line), first...)
			got.add(sr.kind, &row)
		}
		for _, res := range w.first { // lines the pass did not reach
			kept = append(kept, res[0])
		}
	}
	slices.SortFunc(got.recs, func(a, b rec) int { return int(a.line) - int(b.line) })
	slices.SortFunc(kept, func(a, b *roster.RowError) int { return a.Line - b.Line })
	sr.recovered, sr.rejects = got, kept
}

func colsKey(cols []roster.Column) []byte {
	b := make([]byte, len(cols))
	for i, c := range cols {
		b[i] = byte(c)
	}
	return b
}

// resolve finds, on all cores, the person of every row of the sources
// whose kind pick accepts (rec.name = 1 + the person, 0 when not found).
func resolve(reads []*sourceRead, pick func(SourceKind) bool, idx *index) {
	var shards []*shard
	for _, sr := range reads {
		if pick(sr.kind) {
			shards = append(shards, sr.shards...)
			if sr.recovered != nil {
				shards = append(shards, sr.recovered)
			}
		}
	}
	var wg sync.WaitGroup
	next := make(chan *shard)
	for range min(runtime.GOMAXPROCS(0), max(len(shards), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sh := range next {
				for i := range sh.recs {
					r := &sh.recs[i]
					r.name = 0
					if pi, ok := idx.find(r.key); ok {
						r.name = uint32(pi + 1)
					}
				}
			}
		}()
	}
	for _, sh := range shards {
		next <- sh
	}
	close(next)
	wg.Wait()
}
