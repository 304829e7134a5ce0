package eligibility

import (
	"errors"
	"strconv"
	"time"
)

// Date is a civil date (公历日期): a year, month and day with no time of day
// and no time zone. It is a small comparable value: use it as a map key and
// compare it with ==.
//
// The zero Date is not a date: it means "unset" ([Date.IsZero]). Every other
// Date is a valid day of the proleptic Gregorian calendar between 0001-01-01
// and 9999-12-31; [NewDate] and [ParseDate] refuse anything else, so a Date
// can never hold 2023-02-30.
//
// Date is not a time.Time: it has no location, and adding days or months never
// meets a daylight-saving gap.
type Date struct {
	// v packs year<<9 | month<<5 | day. The packing keeps the order of dates
	// equal to the order of v, and leaves v == 0 for the unset date.
	v uint32
}

const (
	minYear = 1
	maxYear = 9999
)

// These are the errors that can be returned in [DateError].Err.
var (
	ErrDateSyntax = errors.New("not a date in the form 2006-01-02 or 20060102")
	ErrDateRange  = errors.New("no such day in the calendar (or year outside 0001-9999)")
)

// DateError reports a string that [ParseDate] could not read, or fields that
// [NewDate] could not accept.
type DateError struct {
	// Input is the input as given, or the fields formatted: at most 40
	// bytes, and a run of 10 or more digits starred after its sixth (an
	// identity number in a date column must not reach a log).
	Input string
	Err   error // ErrDateSyntax or ErrDateRange
}

// Error returns the message, quoting Input.
func (e *DateError) Error() string {
	return "eligibility: date " + quote(e.Input) + ": " + e.Err.Error()
}

// Unwrap returns e.Err, so that errors.Is(err, ErrDateRange) works.
func (e *DateError) Unwrap() error { return e.Err }

func pack(y, m, d int) Date { return Date{uint32(y)<<9 | uint32(m)<<5 | uint32(d)} }

// NewDate returns the date year-month-day. It returns a [*DateError] wrapping
// [ErrDateRange] when there is no such day (2023-02-29, month 13) or the year
// is outside 1 through 9999. It never normalizes: 2023-01-32 is an error, not
// 2023-02-01.
func NewDate(year int, month time.Month, day int) (Date, error) {
	if !validYMD(year, int(month), day) {
		return Date{}, &DateError{
			Input: truncate(strconv.Itoa(year)+"-"+strconv.Itoa(int(month))+"-"+strconv.Itoa(day), 40),
			Err:   ErrDateRange,
		}
	}
	return pack(year, int(month), day), nil
}

func validYMD(y, m, d int) bool {
	return y >= minYear && y <= maxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// isLeap reports whether year y of the Gregorian calendar has 29 February.
func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days in month m (1..12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ParseDate reads a date written as 2006-01-02 (ISO 8601 extended, as
// [Date.String] writes it) or 20060102 (ISO 8601 basic, as identity numbers
// and many rosters write it). Exactly four year digits, two month digits and
// two day digits; nothing else, not even spaces. It returns a [*DateError]
// wrapping [ErrDateSyntax] or [ErrDateRange].
func ParseDate(s string) (Date, error) {
	var y, m, d int
	var ok bool
	switch len(s) {
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return Date{}, dateErr(s, ErrDateSyntax)
		}
		y, ok = digits(s[0:4])
		if ok {
			m, ok = digits(s[5:7])
		}
		if ok {
			d, ok = digits(s[8:10])
		}
	case 8:
		y, ok = digits(s[0:4])
		if ok {
			m, ok = digits(s[4:6])
		}
		if ok {
			d, ok = digits(s[6:8])
		}
	}
	if !ok {
		return Date{}, dateErr(s, ErrDateSyntax)
	}
	if !validYMD(y, m, d) {
		return Date{}, dateErr(s, ErrDateRange)
	}
	return pack(y, m, d), nil
}

func dateErr(s string, err error) error {
	return &DateError{Input: truncate(s, 40), Err: err}
}

// digits parses a short run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int(c)
	}
	return n, true
}

// MustParseDate is like [ParseDate] but panics on error. It is intended for
// tests and examples with hard-coded strings; never call it on user input.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Year returns the year (1..9999), or 0 for the zero Date.
func (d Date) Year() int { return int(d.v >> 9) }

// Month returns the month, or 0 for the zero Date.
func (d Date) Month() time.Month { return time.Month(d.v >> 5 & 0xF) }

// Day returns the day of the month (1..31), or 0 for the zero Date.
func (d Date) Day() int { return int(d.v & 0x1F) }

// IsZero reports whether d is the zero Date, meaning "unset".
func (d Date) IsZero() bool { return d.v == 0 }

// Before reports whether d is strictly before e. The zero Date is before
// every other date.
func (d Date) Before(e Date) bool { return d.v < e.v }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.v > e.v }

// Equal reports whether d and e are the same day (as d == e; go-cmp uses
// it to compare values holding dates).
func (d Date) Equal(e Date) bool { return d == e }

// Compare returns -1 if d is before e, 0 if they are the same day, +1 if d is
// after e. It suits slices.SortFunc. The zero Date sorts first.
func (d Date) Compare(e Date) int {
	switch {
	case d.v < e.v:
		return -1
	case d.v > e.v:
		return +1
	}
	return 0
}

// days returns the number of days from 1970-01-01 to d (negative before),
// by Howard Hinnant's days_from_civil.
func (d Date) days() int {
	y, m, day := d.Year(), int(d.Month()), d.Day()
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 0 always, as years start at 1 (y-1 >= 0)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the inverse of days (civil_from_days).
func fromDays(z int) Date {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return pack(y, m, d)
}

// The first and last representable dates, 0001-01-01 and 9999-12-31.
const (
	firstV = minYear<<9 | 1<<5 | 1
	lastV  = maxYear<<9 | 12<<5 | 31
)

// AddDays returns d plus n days (n may be negative). The result saturates at
// 0001-01-01 and 9999-12-31. The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.v == 0 || n == 0 {
		return d
	}
	const span = 3652059 // days from 0001-01-01 to 9999-12-31
	if n > span {
		return Date{lastV}
	}
	if n < -span {
		return Date{firstV}
	}
	z := d.days() + n
	if z < (Date{firstV}).days() {
		return Date{firstV}
	}
	if z > (Date{lastV}).days() {
		return Date{lastV}
	}
	return fromDays(z)
}

// AddMonths returns d plus n calendar months (n may be negative).
//
// Month-end rule: the day of the month is kept when the target month has it;
// otherwise the result is clamped to the last day of the target month. So
// 2023-01-31 + 1 month is 2023-02-28, 2024-01-31 + 1 month is 2024-02-29, and
// 2023-03-31 − 1 month is 2023-02-28. Clamping means that adding one month
// twice can differ from adding two months at once (01-31 → 02-28 → 03-28, but
// 01-31 + 2 months = 03-31); add the total in one call.
//
// The result saturates at 0001-01-01 and 9999-12-31. The zero Date stays zero.
func (d Date) AddMonths(n int) Date {
	if d.v == 0 || n == 0 {
		return d
	}
	const span = 12 * (maxYear - minYear + 1)
	if n > span {
		return Date{lastV}
	}
	if n < -span {
		return Date{firstV}
	}
	idx := d.Year()*12 + int(d.Month()) - 1 + n
	y, m := idx/12, idx%12+1
	if idx < 0 || y < minYear {
		return Date{firstV}
	}
	if y > maxYear {
		return Date{lastV}
	}
	day := min(d.Day(), daysIn(y, m))
	return pack(y, m, day)
}

// AddYears returns d plus n years, with the month-end rule of
// [Date.AddMonths]: 2024-02-29 + 1 year is 2025-02-28.
func (d Date) AddYears(n int) Date {
	const span = maxYear - minYear + 1
	n = max(-span, min(span, n))
	return d.AddMonths(12 * n)
}

// DaysSince returns the number of days from e to d: positive when d is after
// e. Both must be set; with a zero Date it returns 0.
func (d Date) DaysSince(e Date) int {
	if d.v == 0 || e.v == 0 {
		return 0
	}
	return d.days() - e.days()
}

// MonthsSince returns the number of whole months from e to d, counted the way
// [Date.AddMonths] counts: for d on or after e it is the largest n with
// e.AddMonths(n) on or before d; for d before e it is −MonthsSince(e, d)
// computed the same way from d. So 2023-01-31 → 2023-02-28 is one whole month
// (the clamped month end), 2023-01-15 → 2023-02-14 is zero. With a zero Date
// it returns 0.
func (d Date) MonthsSince(e Date) int {
	if d.v == 0 || e.v == 0 {
		return 0
	}
	if d.v < e.v {
		return -e.MonthsSince(d)
	}
	n := (d.Year()-e.Year())*12 + int(d.Month()) - int(e.Month())
	if e.AddMonths(n).v > d.v {
		n--
	}
	return n
}

// String returns d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.v == 0 {
		return ""
	}
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

// Compact returns d as 20060102 (the form inside identity numbers), or "" for
// the zero Date.
func (d Date) Compact() string {
	if d.v == 0 {
		return ""
	}
	var b [8]byte
	y, m, day := d.Year(), int(d.Month()), d.Day()
	b[0] = byte('0' + y/1000)
	b[1] = byte('0' + y/100%10)
	b[2] = byte('0' + y/10%10)
	b[3] = byte('0' + y%10)
	b[4] = byte('0' + m/10)
	b[5] = byte('0' + m%10)
	b[6] = byte('0' + day/10)
	b[7] = byte('0' + day%10)
	return string(b[:])
}

func (d Date) appendISO(b []byte) []byte {
	y, m, day := d.Year(), int(d.Month()), d.Day()
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+day/10), byte('0'+day%10))
}

// AppendText appends the text of [Date.MarshalText] to b.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.v == 0 {
		return b, nil
	}
	return d.appendISO(b), nil
}

// MarshalText implements encoding.TextMarshaler: 2006-01-02, or empty text
// for the zero Date (so an unset date is an empty CSV cell or JSON "").
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts what
// [ParseDate] accepts, and empty text as the zero Date.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func quote(s string) string { return strconv.Quote(s) }
