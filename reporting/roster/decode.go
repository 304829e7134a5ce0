package roster

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

// Row is one accepted row of an imported roster.
type Row struct {
	Line     int                  // line of the row in the file (the header is usually line 1)
	Resident eligibility.Resident // the facts the row gives
	Note     string               // 备注, as written
	// Warnings are the values of optional columns the reader did not
	// understand (ErrUnknownValue): each such fact is left unknown, and the
	// row is accepted. Nil for almost every row.
	Warnings []*RowError
}

// rosterLayout is what the header row says: the column of each field.
type rosterLayout struct {
	cols    []Column // per field
	headers []string // per field, as written
	has     [numColumns]bool
	idAt    int      // the field of ColumnID
	ignored []string // headers not imported
	// villageOptional lets a row leave 村(社区) empty (Options.VillageOptional).
	villageOptional bool
	// discardNames keeps no name (Options.DiscardNames).
	discardNames bool
}

// newRosterLayout maps a header record to columns.
func newRosterLayout(fields [][]byte, h Headers) (*rosterLayout, error) {
	if h == nil {
		h = DefaultHeaders()
	}
	idx := h.index()
	l := &rosterLayout{}
	byCol := make(map[Column][]string)
	for _, f := range fields {
		name := strings.TrimSpace(string(f))
		c, ok := idx[normalizeHeader(name)]
		if !ok {
			c = ColumnIgnored
		}
		if c >= numColumns {
			c = ColumnIgnored
		}
		l.cols = append(l.cols, c)
		l.headers = append(l.headers, name)
		if c == ColumnIgnored {
			if name != "" {
				l.ignored = append(l.ignored, name)
			}
			continue
		}
		l.has[c] = true
		if c == ColumnID {
			l.idAt = len(l.cols) - 1
		}
		byCol[c] = append(byCol[c], name)
	}
	for c := ColumnName; c < numColumns; c++ {
		if len(byCol[c]) > 1 {
			return nil, &HeaderError{Column: c, Headers: byCol[c], Err: ErrDuplicateColumn}
		}
	}
	for _, c := range []Column{ColumnName, ColumnID} {
		if !l.has[c] {
			return nil, &HeaderError{Column: c, Err: ErrMissingColumn}
		}
	}
	return l, nil
}

// The bounds of a rowDecoder's caches: past them, new strings are
// allocated per row (still correct, only slower). A cache holds at most
// maxInterned entries of each kind, no entry longer than maxInternLen
// bytes (a long note is rarely repeated, and keeping it would keep its
// text for the whole read), and at most maxInternBytes bytes of text in
// all: a roster of many long distinct values does not grow the reader.
const (
	maxInterned    = 4096
	maxInternLen   = 256
	maxInternBytes = 1 << 20
)

// rowDecoder turns the fields of a record into a Row. It reuses its
// buffers and interns the few distinct strings a roster repeats (villages,
// areas, licences) and the few distinct tiers, so that decoding a valid row
// allocates nothing but the resident's name. It is not safe for concurrent
// use: each goroutine has its own.
type rowDecoder struct {
	layout   *rosterLayout
	fold     []byte
	wide     bool   // the current record may need width folding
	lastArea string // the last 户籍地: most rows repeat it
	// internBytes is the text held by the caches, at most maxInternBytes.
	internBytes int
	// villages numbers the distinct villages in order of first
	// appearance; village is the number of the current row's village (-1:
	// none, or past maxInterned).
	villages     map[string]int
	villageNames []string
	village      int
	strs         map[string]string
	tiers        map[string]tierEntry
	recentTiers  [4]tierEntry // the last distinct tiers read, newest first: a roster has a handful
	// villageSlots caches, by shortHash of a name, its number + 1 (0:
	// empty), so that a known village is found with one comparison.
	villageSlots [64]int32
}

// shortHash mixes the length and a few bytes of b (the first, the middle
// and three near the end: where the characters of short Chinese values
// differ). Distinct values may collide: callers compare the value itself,
// and look in two slots (h and h^1).
func shortHash(b []byte) uint64 {
	n := len(b)
	if n == 0 {
		return 0
	}
	h := uint64(n) | uint64(b[0])<<8 | uint64(b[n/2])<<16 | uint64(b[n-1])<<24 |
		uint64(b[max(n-4, 0)])<<32 | uint64(b[max(n-2, 0)])<<40
	h *= 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// slotFor returns where to cache a value of hash slot h in slots: h when
// it is empty, else h^1 when that is empty, else h (replacing its value).
func slotFor[E comparable](slots []E, h uint64) uint64 {
	var zero E
	if slots[h] != zero && slots[h^1] == zero {
		return h ^ 1
	}
	return h
}

func newRowDecoder(l *rosterLayout) *rowDecoder {
	return &rowDecoder{
		layout:   l,
		fold:     make([]byte, 0, 256),
		strs:     make(map[string]string),
		tiers:    make(map[string]tierEntry),
		villages: make(map[string]int),
	}
}

// mayIntern reports whether the caches may keep s, and counts it when
// they may (see maxInternBytes).
func (d *rowDecoder) mayIntern(s string) bool {
	if len(s) > maxInternLen || d.internBytes+len(s) > maxInternBytes {
		return false
	}
	d.internBytes += len(s)
	return true
}

// intern returns b as a string, shared with earlier equal strings.
// It reports false when b is not valid UTF-8 (checked only for strings not
// seen before: the interned ones are valid).
func (d *rowDecoder) intern(b []byte) (string, bool) {
	if len(b) == 0 {
		return "", true
	}
	if s, ok := d.strs[string(b)]; ok {
		return s, true
	}
	if !utf8.Valid(b) {
		return "", false
	}
	s := string(b)
	if d.mayIntern(s) {
		d.strs[s] = s
	}
	return s, true
}

// internVillage returns the village name b, interned, and its number: -1
// past maxInterned villages, -2 when b is not valid UTF-8.
func (d *rowDecoder) internVillage(b []byte) (string, int) {
	// A town has a handful of villages: one comparison with the village
	// cached under the name's short hash usually finds it.
	h := shortHash(b) % uint64(len(d.villageSlots))
	for _, k := range [2]int{int(d.villageSlots[h]), int(d.villageSlots[h^1])} {
		if k > 0 {
			if name := d.villageNames[k-1]; string(b) == name {
				return name, k - 1
			}
		}
	}
	if i, ok := d.villages[string(b)]; ok {
		d.villageSlots[slotFor(d.villageSlots[:], h)] = int32(i + 1)
		return d.villageNames[i], i
	}
	if !utf8.Valid(b) {
		return "", -2
	}
	s := string(b)
	if len(d.villageNames) >= maxInterned || !d.mayIntern(s) {
		return s, -1
	}
	d.villages[s] = len(d.villageNames)
	d.villageNames = append(d.villageNames, s)
	d.villageSlots[slotFor(d.villageSlots[:], h)] = int32(len(d.villageNames))
	return s, len(d.villageNames) - 1
}

// clean trims white space (ASCII and U+3000) and, when b holds full-width
// forms, folds them to half width (width.Fold) into d.fold.
func (d *rowDecoder) clean(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	if c, e := b[0], b[len(b)-1]; c == ' ' || c == '\t' || c == 0xE3 || e == ' ' || e == '\t' || e == 0x80 {
		b = trimSpaceBytes(b)
	}
	if !d.wide || !needsFold(b) {
		return b
	}
	d.fold = d.fold[:cap(d.fold)]
	for {
		n, _, err := width.Fold.Transform(d.fold, b, true)
		if err == nil {
			return trimSpaceBytes(d.fold[:n])
		}
		d.fold = make([]byte, 2*len(d.fold)+len(b))
	}
}

// needsFold reports whether b holds a full-width form (U+FF01..U+FF9F, lead
// bytes EF BC / EF BD / EF BE) or the ideographic space U+3000 (E3 80 80).
func needsFold(b []byte) bool {
	for i := bytes.IndexByte(b, 0xEF); i >= 0 && i+1 < len(b); {
		if c := b[i+1]; c >= 0xBC && c <= 0xBE {
			return true
		}
		j := bytes.IndexByte(b[i+1:], 0xEF)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i := bytes.IndexByte(b, 0xE3); i >= 0 && i+2 < len(b); {
		if b[i+1] == 0x80 && b[i+2] == 0x80 {
			return true
		}
		j := bytes.IndexByte(b[i+1:], 0xE3)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 {
		if c := b[0]; c == ' ' || c == '\t' {
			b = b[1:]
		} else if len(b) >= 3 && b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x80 {
			b = b[3:]
		} else {
			break
		}
	}
	for len(b) > 0 {
		if c := b[len(b)-1]; c == ' ' || c == '\t' {
			b = b[:len(b)-1]
		} else if len(b) >= 3 && b[len(b)-3] == 0xE3 && b[len(b)-2] == 0x80 && b[len(b)-1] == 0x80 {
			b = b[:len(b)-3]
		} else {
			break
		}
	}
	return b
}

// rowErr builds the error for field i of the row on line.
func (d *rowDecoder) rowErr(line, i int, raw []byte, sentinel, cause error) *RowError {
	e := &RowError{Line: line, Err: sentinel, Cause: cause}
	if i >= 0 {
		e.Column = d.layout.headers[i]
		switch d.layout.cols[i] {
		case ColumnName:
			e.Value = privacy.Name(string(raw))
		case ColumnID:
			var ie *eligibility.IDError
			if errors.As(cause, &ie) {
				e.Value = ie.Masked
			} else {
				e.Value = maskText(string(raw))
			}
		default:
			e.Value = maskText(string(raw))
		}
	}
	return e
}

// decode reads the fields of the record on line into row.
func (d *rowDecoder) decode(fields [][]byte, line int, row *Row) *RowError {
	d.wide = true
	l := d.layout
	if len(fields) < len(l.cols) {
		return &RowError{Line: line, Err: ErrFieldCount}
	}
	for _, extra := range fields[len(l.cols):] {
		if len(trimSpaceBytes(extra)) > 0 {
			return &RowError{Line: line, Err: ErrFieldCount}
		}
	}
	*row = Row{Line: line}
	d.village = -1
	r := &row.Resident
	// The identity number first: the gender and birth date columns are
	// checked against it.
	idRaw := fields[l.idAt]
	idText := d.clean(idRaw)
	if len(idText) == 0 {
		return d.rowErr(line, l.idAt, idRaw, ErrMissingValue, nil)
	}
	id, err := eligibility.ParseIDNumber(string(idText))
	if err != nil {
		return d.rowErr(line, l.idAt, idRaw, ErrInvalidID, err)
	}
	r.ID = id
	idBirth := id.BirthDate()
	var genderAt, birthAt = -1, -1
	for i, c := range l.cols {
		if c == ColumnIgnored || c == ColumnID {
			continue
		}
		raw := fields[i]
		if len(raw) == 0 && c != ColumnName && (c != ColumnVillage || l.villageOptional) {
			continue
		}
		v := raw
		if d.wide || len(raw) == 0 || raw[0] <= ' ' || raw[len(raw)-1] <= ' ' || raw[0] == 0xE3 || raw[len(raw)-1] == 0x80 {
			v = d.clean(raw)
		}
		if len(v) == 0 {
			switch c {
			case ColumnName, ColumnID:
				return d.rowErr(line, i, raw, ErrMissingValue, nil)
			case ColumnVillage:
				// A row without its 村(社区) cannot be counted in any
				// village's figures: it is refused, as a row without a
				// name or number is — unless the caller takes the village
				// from elsewhere (Options.VillageOptional).
				if !l.villageOptional {
					return d.rowErr(line, i, raw, ErrMissingValue, nil)
				}
			}
			continue
		}
		switch c {
		case ColumnName:
			// A discarded name is still checked: one with a control
			// character is kept so that the row is refused as it would
			// be otherwise (Reader.controlChars).
			if !l.discardNames || hasControlChar(v) {
				r.Name = string(v)
			}
		case ColumnGender:
			g, ok := genderWords.LookupBytes(v)
			if !ok { // the identity number gives the gender
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
				continue
			}
			if g != eligibility.GenderUnknown { // 未知 states nothing to check
				r.Gender, genderAt = g, i
			}
		case ColumnBirth:
			if !d.wide && len(idText) == 18 && len(v) == 10 && v[4] == '-' && v[7] == '-' &&
				string(v[0:4]) == string(idText[6:10]) && string(v[5:7]) == string(idText[10:12]) && string(v[8:10]) == string(idText[12:14]) {
				// The date as the identity number writes it (compared as
				// text: neither was folded).
				r.Birth = idBirth
				continue
			}
			if sameDate(v, idBirth) { // the usual case, without validation
				r.Birth = idBirth
				continue
			}
			date, ok := parseRosterDate(v)
			if !ok {
				return d.rowErr(line, i, raw, ErrInvalidDate, nil)
			}
			r.Birth, birthAt = date, i
		case ColumnVillage:
			r.Hukou.Village, d.village = d.internVillage(v)
			if d.village == -2 {
				d.village = -1
				return d.rowErr(line, i, raw, ErrInvalidText, nil)
			}
		case ColumnHukouArea:
			if string(v) != d.lastArea {
				area, ok := d.intern(v)
				if !ok {
					return d.rowErr(line, i, raw, ErrInvalidText, nil)
				}
				d.lastArea = area
			}
			r.Hukou.Area = d.lastArea
		case ColumnHukouLocal:
			yes, ok := lookupVocab(yesNoVocab, v)
			if !ok {
				return d.rowErr(line, i, raw, ErrUnknownValue, nil)
			}
			r.Hukou.Local = yes
		case ColumnEmployment:
			k, ok := employmentWords.LookupBytes(v)
			if !ok {
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
				continue
			}
			r.Employment.Kind = k
		case ColumnPlatform:
			k, ok := platformWords.LookupBytes(v)
			if !ok {
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
				continue
			}
			r.Employment.Platform = k
		case ColumnLicence:
			lic, ok := d.intern(v)
			if !ok {
				return d.rowErr(line, i, raw, ErrInvalidText, nil)
			}
			r.Employment.Licence = lic
		case ColumnScheme:
			s, ok := schemeWords.LookupBytes(v)
			if !ok {
				return d.rowErr(line, i, raw, ErrUnknownValue, nil)
			}
			r.Insurance.Scheme = s
		case ColumnStatus:
			s, ok := statusWords.LookupBytes(v)
			if !ok {
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
				continue
			}
			r.Insurance.Status = s
		case ColumnLocation:
			s, ok := locationWords.LookupBytes(v)
			if !ok {
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
				continue
			}
			r.Insurance.Location = s
		case ColumnTier:
			t, ok := d.tier(v)
			if !ok {
				return d.rowErr(line, i, raw, ErrInvalidNumber, nil)
			}
			r.ResidentTier = t
		case ColumnFlags:
			f, _, ok := parseFlagList(v)
			if !ok { // the flags read are kept; the unknown item is reported
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
			}
			r.Flags |= f
		case ColumnLandAcquiredOn:
			date, ok := parseRosterDate(v)
			if !ok {
				return d.rowErr(line, i, raw, ErrInvalidDate, nil)
			}
			r.LandAcquiredOn = date
		case ColumnContact:
			s, ok := contactWords.LookupBytes(v)
			if !ok {
				row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
				continue
			}
			r.Contact = s
		case ColumnNote:
			note, ok := d.intern(v)
			if !ok {
				return d.rowErr(line, i, raw, ErrInvalidText, nil)
			}
			row.Note = note
		default:
			if f := flagColumns[c]; f != 0 {
				yes, ok := lookupVocab(yesNoVocab, v)
				if !ok { // the flag stays unset (unknown)
					row.Warnings = append(row.Warnings, d.rowErr(line, i, raw, ErrUnknownValue, nil))
					continue
				}
				if yes {
					r.Flags |= f
				}
			}
		}
	}
	if genderAt >= 0 && r.Gender != r.ID.Gender() {
		return d.rowErr(line, genderAt, fields[genderAt], ErrInconsistent, nil)
	}
	if birthAt >= 0 && r.Birth != idBirth {
		return d.rowErr(line, birthAt, fields[birthAt], ErrInconsistent, nil)
	}
	return nil
}

// sameDate reports whether v is written 2006-01-02 or 20060102 and names
// the date want.
func sameDate(v []byte, want eligibility.Date) bool {
	var y, m, dd int
	var ok1, ok2, ok3 bool
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		y, ok1 = atoiBytes(v[0:4])
		m, ok2 = atoiBytes(v[5:7])
		dd, ok3 = atoiBytes(v[8:10])
	case len(v) == 8:
		y, ok1 = atoiBytes(v[0:4])
		m, ok2 = atoiBytes(v[4:6])
		dd, ok3 = atoiBytes(v[6:8])
	default:
		return false
	}
	return ok1 && ok2 && ok3 && !want.IsZero() && y == want.Year() && m == int(want.Month()) && dd == want.Day()
}

// tier reads a contribution tier in yuan: digits with an optional decimal
// point and an optional trailing 元. Decoded tiers are cached: a roster
// uses a handful of them.
func (d *rowDecoder) tier(v []byte) (decimal.Decimal, bool) {
	v = bytes.TrimSuffix(v, []byte("元"))
	for k := range d.recentTiers {
		if e := &d.recentTiers[k]; e.text != "" && string(v) == e.text {
			return e.t, true
		}
	}
	if e, ok := d.tiers[string(v)]; ok {
		d.rememberTier(e)
		return e.t, true
	}
	if len(v) == 0 || len(v) > 18 {
		return decimal.Decimal{}, false
	}
	dots := 0
	for k, c := range v {
		switch {
		case c == '.':
			dots++
			if dots > 1 || k == 0 || k == len(v)-1 {
				return decimal.Decimal{}, false
			}
		case c < '0' || c > '9':
			return decimal.Decimal{}, false
		}
	}
	t, err := decimal.NewFromString(string(v))
	if err != nil {
		return decimal.Decimal{}, false
	}
	if len(d.tiers) < maxInterned && d.mayIntern(string(v)) {
		e := tierEntry{text: string(v), t: t}
		d.tiers[e.text] = e
		d.rememberTier(e)
	}
	return t, true
}

// rememberTier puts e first among the recent tiers.
func (d *rowDecoder) rememberTier(e tierEntry) {
	copy(d.recentTiers[1:], d.recentTiers[:len(d.recentTiers)-1])
	d.recentTiers[0] = e
}

// tierEntry is a decoded tier and its text.
type tierEntry struct {
	text string
	t    decimal.Decimal
}

// ignoredHeaders returns the headers the layout does not import, sorted.
func (l *rosterLayout) ignoredHeaders() []string {
	return slices.Sorted(slices.Values(l.ignored))
}

// hasControlChar reports whether v holds a byte below space or DEL.
func hasControlChar(v []byte) bool {
	for _, c := range v {
		if c < ' ' || c == 0x7F {
			return true
		}
	}
	return false
}
