package roster

import (
	"errors"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"golang.org/x/text/language"
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
	ErrControlChar   = errors.New("text holds a control character (NUL, …): is the file damaged?")
	// ErrDuplicatePerson rejects a row whose person an earlier row of the
	// same read already gave: the same identity number, in whatever form
	// (15 or 18 digits, full-width digits, x or X). [RowError].FirstLine
	// is the line of that earlier row.
	ErrDuplicatePerson = errors.New("same person as an earlier line")
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
	// FirstLine is, for ErrDuplicatePerson, the line of the row that gave
	// the person first (the row accepted, or refused by the caller); 0
	// otherwise.
	FirstLine int
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
	if e.Err == ErrDuplicatePerson && e.FirstLine > 0 {
		b.WriteString("same person as line " + strconv.Itoa(e.FirstLine))
	} else {
		b.WriteString(e.Err.Error())
	}
	if e.Cause != nil {
		b.WriteString(" (")
		b.WriteString(e.Cause.Error())
		b.WriteString(")")
	}
	var ie *eligibility.IDError
	if errors.As(e.Cause, &ie) && ie.Err == eligibility.ErrIDLength && ie.Length < 15 {
		b.WriteString("; if Excel showed the number in scientific notation (1.10105E+17), its last digits are lost: format the column as text and enter the numbers again")
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

// rowErrLabels are the Chinese names of the sentinels of [RowError].
var rowErrLabels = []struct {
	err   error
	label string
}{
	{ErrMissingValue, "必填项为空"},
	{ErrInvalidID, "身份证号码无效"},
	{ErrInvalidDate, "日期无效"},
	{ErrInvalidNumber, "数字无效"},
	{ErrUnknownValue, "无法识别的取值"},
	{ErrInconsistent, "与身份证号码不符"},
	{ErrFieldCount, "列数与表头不符"},
	{ErrMalformedCSV, "CSV 格式错误（引号位置不对）"},
	{ErrInvalidText, "文字编码错误（文件可能不是 UTF-8，请按 GB18030 读入）"},
	{ErrControlChar, "含有控制字符（如 NUL），文件可能已损坏"},
	{ErrDuplicatePerson, "与前面的行为同一人（重复）"},
}

// labeller is an error that describes itself in a language, as the
// sentinels and causes of other packages may (package reporting's
// ErrNotRouted).
type labeller interface {
	Label(language.Tag) string
}

// rowErrLabel returns the Chinese name of a sentinel, or its English message.
func rowErrLabel(err error) string {
	for _, l := range rowErrLabels {
		if err == l.err {
			return l.label
		}
	}
	if l, ok := err.(labeller); ok {
		return l.Label(language.Chinese)
	}
	return err.Error()
}

// idErrorLabel explains an identity-number error in Chinese.
func idErrorLabel(e *eligibility.IDError) string {
	switch e.Err {
	case eligibility.ErrIDLength:
		s := "位数不对：" + strconv.Itoa(e.Length) + " 位，应为 18 位（或 15 位旧号码）"
		if e.Length < 15 {
			s += "；如果 Excel 把号码显示成 1.10105E+17 这样的科学计数，末几位已经丢失，请把该列设为“文本”、补全号码后重新导出"
		}
		return s
	case eligibility.ErrIDCharacter:
		return "第 " + strconv.Itoa(e.Pos) + " 位不是数字（只有第 18 位可以是 X）"
	case eligibility.ErrIDArea:
		return "地址码无效"
	case eligibility.ErrIDDate:
		return "出生日期码无效"
	case eligibility.ErrIDCheck:
		return "校验码是 " + string(e.Got) + "，按前 17 位应为 " + string(e.Expected)
	}
	return e.Error()
}

// Label describes the error in the language of tag: in Chinese for any
// Chinese tag (第 28 行，身份证号码“500115********2705”：身份证号码无效（校验码是
// 5，按前 17 位应为 6）), otherwise as [RowError.Error]. Like Error, it
// holds only the masked value.
func (e *RowError) Label(tag language.Tag) string {
	if base, _ := tag.Base(); base.String() != "zh" {
		return e.Error()
	}
	var b strings.Builder
	b.WriteString("第 " + strconv.Itoa(e.Line) + " 行")
	switch {
	case e.Column != "":
		b.WriteString("，" + e.Column)
	case e.Value == "":
		b.WriteString("（整行）")
	}
	if e.Value != "" {
		b.WriteString("“" + e.Value + "”")
	}
	if e.Err == ErrDuplicatePerson && e.FirstLine > 0 {
		b.WriteString("：与第 " + strconv.Itoa(e.FirstLine) + " 行为同一人（重复）")
	} else {
		b.WriteString("：" + rowErrLabel(e.Err))
	}
	var ie *eligibility.IDError
	switch {
	case errors.As(e.Cause, &ie):
		b.WriteString("（" + idErrorLabel(ie) + "）")
	case e.Cause != nil:
		if l, ok := e.Cause.(labeller); ok {
			if s := l.Label(language.Chinese); s != "" {
				b.WriteString("（" + s + "）")
			}
			break
		}
		b.WriteString("（" + e.Cause.Error() + "）")
	}
	return b.String()
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
// Empty lines are not rows, nor are records whose fields are all empty (a
// spreadsheet's empty rows, counted in [Report].BlankRows); the
// header and any title rows above it are not rows.
type Counts struct {
	Rows     int // data rows read
	Accepted int // rows turned into residents
	Rejected int // rows refused, each with a *RowError
	// Warnings counts the values left unknown in accepted rows (an
	// unrecognised value in an optional column; Row.Warnings).
	Warnings int
}

// Reconciles reports whether every row read was either accepted or
// rejected: Rows == Accepted + Rejected. An import that does not reconcile
// has lost a row, which this package never does.
func (c Counts) Reconciles() bool { return c.Rows == c.Accepted+c.Rejected }

// Add returns the sum of c and d, e.g. of two shards of one roster.
func (c Counts) Add(d Counts) Counts {
	return Counts{Rows: c.Rows + d.Rows, Accepted: c.Accepted + d.Accepted, Rejected: c.Rejected + d.Rejected, Warnings: c.Warnings + d.Warnings}
}

// String returns the counts as one line of Chinese, e.g.
// "读入 10 行 = 接收 9 行 + 拒收 1 行 (平衡)".
func (c Counts) String() string {
	s := "读入 " + strconv.Itoa(c.Rows) + " 行 = 接收 " + strconv.Itoa(c.Accepted) + " 行 + 拒收 " + strconv.Itoa(c.Rejected) + " 行"
	if c.Reconciles() {
		s += " (平衡)"
	} else {
		s += " (不平衡!)"
	}
	if c.Warnings > 0 {
		s += "；" + strconv.Itoa(c.Warnings) + " 处值未识别，按未知处理"
	}
	return s
}
