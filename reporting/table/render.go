package table

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/canbao/kuomian/internal/textwidth"
	"github.com/canbao/kuomian/reporting/codec"
)

// Format is an output form of a table or bulletin.
type Format uint8

// The formats. The zero Format is FormatText.
const (
	// FormatText is a table aligned by display width for a monospaced
	// terminal: Chinese characters count two columns.
	FormatText Format = iota
	// FormatCSV is RFC 4180 CSV for Excel and WPS: UTF-8 with a byte-order
	// mark unless RenderOptions.Encoding says otherwise, CRLF line ends,
	// numbers as plain numbers, text cells guarded against formula
	// injection. It carries the grid only (header, rows, total row as
	// stated); footnotes are in the other forms.
	FormatCSV
	// FormatMarkdown is a GitHub-flavoured Markdown table with pipes and
	// markup characters escaped.
	FormatMarkdown
	// FormatHTML is one self-contained UTF-8 HTML page with an inline SVG
	// chart and no external assets.
	FormatHTML
)

// ErrUnknownFormat is returned for a Format value or name that is not defined.
var ErrUnknownFormat = errors.New("table: unknown format")

// String returns the name [ParseFormat] accepts: text, csv, markdown or html.
func (f Format) String() string {
	switch f {
	case FormatText:
		return "text"
	case FormatCSV:
		return "csv"
	case FormatMarkdown:
		return "markdown"
	case FormatHTML:
		return "html"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ParseFormat parses a format name, ignoring case: text (also txt), csv,
// markdown (also md) or html (also htm).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt":
		return FormatText, nil
	case "csv":
		return FormatCSV, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "html", "htm":
		return FormatHTML, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownFormat, s)
}

// RenderOptions adjusts rendering. The zero value gives the defaults.
type RenderOptions struct {
	// Encoding of the output. For CSV the zero value, [codec.Auto], means
	// [codec.UTF8BOM], the form Excel and WPS open as UTF-8; any other
	// encoding is used as given. Text and Markdown are UTF-8 without a
	// mark unless it is codec.GB18030. HTML is always UTF-8, as its page
	// declares.
	Encoding codec.Encoding
	// AmbiguousWide counts East Asian Ambiguous characters (·, “”, ①, Greek
	// letters) as two columns in the text form, as CJK terminal profiles
	// draw them; by default they count one.
	AmbiguousWide bool
	// ChartColumns lists the numeric columns a table's HTML chart shows as
	// bars, in order; by default the last two numeric columns that are
	// summed (for the 罗东 table, 应扩面人数 and 2019年任务数). Naming a
	// text column or one that does not exist is an error wrapping
	// ErrNoColumn.
	ChartColumns []int
}

func (o RenderOptions) amb() textwidth.Ambiguous {
	if o.AmbiguousWide {
		return textwidth.Wide
	}
	return textwidth.Narrow
}

// tblOutput wraps w in the encoding the format asks for and a buffer.
func tblOutput(w io.Writer, f Format, o RenderOptions) (*bufio.Writer, io.Closer, error) {
	enc := codec.UTF8
	switch f {
	case FormatCSV:
		enc = o.Encoding
		if enc == codec.Auto {
			enc = codec.UTF8BOM
		}
	case FormatText, FormatMarkdown:
		if o.Encoding == codec.GB18030 {
			enc = codec.GB18030
		}
	}
	ew, err := codec.NewWriter(w, enc)
	if err != nil {
		return nil, nil, err
	}
	return bufio.NewWriter(ew), ew, nil
}

// finish flushes the buffer and closes the encoder.
func tblFinish(bw *bufio.Writer, c io.Closer, err error) error {
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return c.Close()
}

// Render writes the table in format f. It validates the table first (see
// [Table.Validate]); the same table and options always give the same bytes.
func (t Table) Render(w io.Writer, f Format, opt RenderOptions) error {
	if f > FormatHTML {
		return fmt.Errorf("%w: %v", ErrUnknownFormat, f)
	}
	if err := t.Validate(); err != nil {
		return err
	}
	lay, err := t.layout()
	if err != nil {
		return err
	}
	bw, c, err := tblOutput(w, f, opt)
	if err != nil {
		return err
	}
	switch f {
	case FormatText:
		err = lay.writeText(bw, opt.amb())
	case FormatCSV:
		err = lay.writeCSV(bw)
	case FormatMarkdown:
		err = lay.writeMarkdown(bw)
	case FormatHTML:
		err = t.writeHTML(bw, lay, opt)
	}
	return tblFinish(bw, c, err)
}

// tblLayout is a table turned into strings, ready for any format.
type tblLayout struct {
	title   string
	headers []string
	numeric []bool // column is numeric
	align   []Align
	rows    [][]tblOut
	total   []tblOut // nil when there is no total row
	marked  []bool   // total cell differs from the sum
	notes   []string // footnotes: audit first, then the table's notes
	hasMark bool
}

// tblOut is one formatted cell: its text (valid UTF-8, not yet cleaned of
// line breaks) and whether it is a number.
type tblOut struct {
	s   string
	num bool
}

// tblMark is the marker on a stated total that differs from its cells.
const tblMark = "*"

// layout formats every cell at its column's scale and audits the total row.
func (t Table) layout() (*tblLayout, error) {
	n := len(t.Columns)
	l := &tblLayout{
		title:   tblMask(strings.ToValidUTF8(t.Title, "\uFFFD")),
		headers: make([]string, n),
		numeric: make([]bool, n),
		align:   make([]Align, n),
		rows:    make([][]tblOut, len(t.Rows)),
	}
	for j, c := range t.Columns {
		l.headers[j] = tblMask(strings.ToValidUTF8(c.Header, "\uFFFD"))
		l.numeric[j] = c.Kind != KindText
		l.align[j] = c.Align
		if c.Align == AlignAuto {
			l.align[j] = AlignLeft
			if l.numeric[j] {
				l.align[j] = AlignRight
			}
		}
	}
	format := func(row []Cell) []tblOut {
		out := make([]tblOut, n)
		for j, c := range row {
			switch c.kind {
			case cellNumber:
				v, _ := tblRescale(c.num, int(c.scale), t.Columns[j].Scale)
				out[j] = tblOut{s: tblFormatFixed(v, t.Columns[j].Scale), num: true}
			case cellText:
				c.text = strings.ToValidUTF8(c.text, "\uFFFD")
				out[j] = tblOut{s: t.maskCell(j, c).text}
			}
		}
		return out
	}
	for i, r := range t.Rows {
		l.rows[i] = format(r)
	}
	total, err := t.totalRow()
	if err != nil {
		return nil, err
	}
	if total != nil {
		l.total = format(total)
		l.marked = make([]bool, n)
		audit, err := t.audit()
		if err != nil {
			return nil, err
		}
		var d []string
		for _, f := range audit.Discrepancies() {
			l.marked[f.Column] = true
			l.hasMark = true
			d = append(d, f.String())
		}
		if len(d) > 0 {
			l.notes = append(l.notes, tblMask(tblMark+" 合计栏与各行之和不符（按公布数列示）："+strings.Join(d, "；")+"。"))
		}
	}
	for _, s := range t.Notes {
		l.notes = append(l.notes, tblMask(strings.ToValidUTF8(s, "\uFFFD")))
	}
	return l, nil
}

// tblClean makes a string safe to lay out on one line: invalid UTF-8 becomes
// U+FFFD, line breaks and other control characters become spaces.
func tblClean(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || 0x7f <= r && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// tblCleanMask is tblClean of the masked text (see [Table.Masked]).
func tblCleanMask(s string) string { return tblClean(tblMask(s)) }

// writeText writes the aligned text form.
func (l *tblLayout) writeText(w *bufio.Writer, amb textwidth.Ambiguous) error {
	n := len(l.headers)
	// Columns with a marked total cell reserve room for the marker after
	// every number so that the digits stay aligned.
	markCol := make([]bool, n)
	if l.marked != nil {
		copy(markCol, l.marked)
	}
	type shown struct {
		s string
		w int
	}
	show := func(row []tblOut, marks []bool) []shown {
		out := make([]shown, n)
		for j, c := range row {
			s := c.s
			if !c.num {
				s = tblClean(s)
			}
			if markCol[j] {
				if marks != nil && marks[j] {
					s += tblMark
				} else if c.num {
					s += " "
				}
			}
			out[j] = shown{s, textwidth.String(s, amb)}
		}
		return out
	}
	head := make([]shown, n)
	widths := make([]int, n)
	for j, h := range l.headers {
		h = tblClean(h)
		head[j] = shown{h, textwidth.String(h, amb)}
		widths[j] = head[j].w
	}
	body := make([][]shown, len(l.rows))
	for i, r := range l.rows {
		body[i] = show(r, nil)
	}
	var total []shown
	if l.total != nil {
		total = show(l.total, l.marked)
	}
	for _, r := range body {
		for j, c := range r {
			widths[j] = max(widths[j], c.w)
		}
	}
	for j, c := range total {
		widths[j] = max(widths[j], c.w)
	}
	ruleW := 2 * (n - 1)
	for _, wd := range widths {
		ruleW += wd
	}

	line := make([]byte, 0, 4*ruleW)
	spaces := func(b []byte, k int) []byte {
		for range k {
			b = append(b, ' ')
		}
		return b
	}
	emit := func(cells []shown) {
		line = line[:0]
		for j, c := range cells {
			if j > 0 {
				line = append(line, ' ', ' ')
			}
			gap := max(widths[j]-c.w, 0)
			switch l.align[j] {
			case AlignRight:
				line = spaces(line, gap)
				line = append(line, c.s...)
			case AlignCenter:
				line = spaces(line, gap/2)
				line = append(line, c.s...)
				line = spaces(line, gap-gap/2)
			default:
				line = append(line, c.s...)
				line = spaces(line, gap)
			}
		}
		for len(line) > 0 && line[len(line)-1] == ' ' {
			line = line[:len(line)-1]
		}
		line = append(line, '\n')
		w.Write(line)
	}
	rule := func() {
		for range ruleW {
			w.WriteByte('-')
		}
		w.WriteByte('\n')
	}
	if l.title != "" {
		w.WriteString(tblClean(l.title))
		w.WriteByte('\n')
	}
	emit(head)
	rule()
	for _, r := range body {
		emit(r)
	}
	if total != nil {
		rule()
		emit(total)
	}
	for _, s := range l.notes {
		w.WriteString(tblClean(s))
		w.WriteByte('\n')
	}
	return nil
}

// writeCSV writes the RFC 4180 grid (see [codec.AppendRecord]).
func (l *tblLayout) writeCSV(w *bufio.Writer) error {
	var rec []byte
	var texts []string
	write := func(fields []tblOut) {
		texts = texts[:0]
		for _, f := range fields {
			texts = append(texts, f.s)
		}
		rec = codec.AppendRecord(rec[:0], texts, func(i int) bool { return fields[i].num })
		w.Write(rec)
	}
	head := make([]tblOut, len(l.headers))
	for j, h := range l.headers {
		head[j] = tblOut{s: h}
	}
	write(head)
	for _, r := range l.rows {
		write(r)
	}
	if l.total != nil {
		write(l.total)
	}
	return nil
}

// writeMarkdown writes a GitHub-flavoured Markdown table.
func (l *tblLayout) writeMarkdown(w *bufio.Writer) error {
	if l.title != "" {
		w.WriteString("### ")
		w.WriteString(tblMarkdownEscape(l.title))
		w.WriteString("\n\n")
	}
	row := func(cells []tblOut, marks []bool) {
		w.WriteByte('|')
		for j, c := range cells {
			w.WriteByte(' ')
			w.WriteString(tblMarkdownEscape(c.s))
			if marks != nil && marks[j] {
				w.WriteString(`\` + tblMark)
			}
			w.WriteString(" |")
		}
		w.WriteByte('\n')
	}
	head := make([]tblOut, len(l.headers))
	for j, h := range l.headers {
		head[j] = tblOut{s: h}
	}
	row(head, nil)
	w.WriteByte('|')
	for j := range l.headers {
		switch l.align[j] {
		case AlignRight:
			w.WriteString(" ---: |")
		case AlignCenter:
			w.WriteString(" :---: |")
		default:
			w.WriteString(" :--- |")
		}
	}
	w.WriteByte('\n')
	for _, r := range l.rows {
		row(r, nil)
	}
	if l.total != nil {
		row(l.total, l.marked)
	}
	if len(l.notes) > 0 {
		w.WriteByte('\n')
		for _, s := range l.notes {
			w.WriteString("- ")
			w.WriteString(tblMarkdownEscape(s))
			w.WriteByte('\n')
		}
	}
	return nil
}

// tblMarkdownEscape escapes the characters that Markdown would read as
// markup or as a table's cell separator.
func tblMarkdownEscape(s string) string {
	if !strings.ContainsAny(s, "\\|*_`[]<>&#~!\r\n") && tblClean(s) == s {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '|', '*', '_', '`', '[', ']', '<', '>', '&', '#', '~', '!':
			b.WriteByte('\\')
		case '\n', '\r':
			b.WriteString("<br>")
			continue
		}
		if r < 0x20 || 0x7f <= r && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}
