package reporting

import (
	"errors"
	"strconv"
	"strings"
)

// These are the errors that can be returned in [RowError].Err. Each names
// what is wrong with one row; errors.Is(err, ErrInvalidID) works on a
// *RowError.
var (
	ErrMissingValue  = errors.New("required value is empty")
	ErrInvalidID     = errors.New("invalid identity number")
	ErrInvalidDate   = errors.New("invalid date")
	ErrInvalidNumber = errors.New("invalid number")
	ErrUnknownValue  = errors.New("value not understood")
	ErrInconsistent  = errors.New("value contradicts the identity number")
	ErrFieldCount    = errors.New("wrong number of fields")
	ErrMalformedCSV  = errors.New("malformed CSV (misplaced quote)")
	ErrInvalidText   = errors.New("text is not valid UTF-8 (is the file in another encoding?)")
)

// These are the errors that can be returned in [HeaderError].Err.
var (
	ErrNoHeader        = errors.New("no header row")
	ErrMissingColumn   = errors.New("required column missing")
	ErrDuplicateColumn = errors.New("column given twice")
)

// RowError reports a roster row that was rejected. It never holds a full
// identity number or a full name: Value is masked (identity numbers keep
// their first 6 and last 4 characters, names their first and last
// character, and any long run of digits in other text is starred).
type RowError struct {
	Line   int    // line of the row in the file (the header is usually line 1)
	Column string // the column's header as written in the file; "" for the whole row
	Value  string // the offending value, masked
	Err    error  // one of ErrMissingValue, ErrInvalidID, … (see above)
	// Cause is the underlying error, when there is one: an
	// [*eligibility.IDError] for ErrInvalidID, for instance. It never holds a
	// full identity number either.
	Cause error
}

func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString("reporting: roster line ")
	b.WriteString(strconv.Itoa(e.Line))
	if e.Column != "" {
		b.WriteString(", column ")
		b.WriteString(e.Column)
	}
	if e.Value != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(e.Value))
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	if e.Cause != nil {
		b.WriteString(" (")
		b.WriteString(e.Cause.Error())
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap returns Err and Cause, so that errors.Is(err, ErrInvalidID) and
// errors.As(err, &idErr) both work.
func (e *RowError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// HeaderError reports a header row the import cannot use.
type HeaderError struct {
	Column  Column   // the column concerned
	Headers []string // the headers that map to it (ErrDuplicateColumn)
	Err     error    // ErrNoHeader, ErrMissingColumn or ErrDuplicateColumn
}

func (e *HeaderError) Error() string {
	switch {
	case errors.Is(e.Err, ErrNoHeader):
		return "reporting: roster: " + e.Err.Error()
	case len(e.Headers) > 0:
		return "reporting: roster header: " + e.Column.String() + ": " + e.Err.Error() + ": " + strings.Join(e.Headers, ", ")
	}
	return "reporting: roster header: " + e.Column.String() + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *HeaderError) Unwrap() error { return e.Err }

// Counts says how many data rows an import read, accepted and rejected.
// Empty lines are not rows; the header is not a row.
type Counts struct {
	Rows     int // data rows read
	Accepted int // rows turned into residents
	Rejected int // rows refused, each with a *RowError
}

// Reconciles reports whether every row read was either accepted or
// rejected: Rows == Accepted + Rejected. An import that does not reconcile
// has lost a row, which this package never does.
func (c Counts) Reconciles() bool { return c.Rows == c.Accepted+c.Rejected }

// Add returns the sum of c and d, e.g. of two shards of one roster.
func (c Counts) Add(d Counts) Counts {
	return Counts{Rows: c.Rows + d.Rows, Accepted: c.Accepted + d.Accepted, Rejected: c.Rejected + d.Rejected}
}

// String returns the counts as one line of Chinese, e.g.
// "读入 10 行 = 接收 9 行 + 拒收 1 行 (平衡)".
func (c Counts) String() string {
	s := "读入 " + strconv.Itoa(c.Rows) + " 行 = 接收 " + strconv.Itoa(c.Accepted) + " 行 + 拒收 " + strconv.Itoa(c.Rejected) + " 行"
	if c.Reconciles() {
		return s + " (平衡)"
	}
	return s + " (不平衡!)"
}
