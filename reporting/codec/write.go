package codec

import "strings"

// AppendRecord appends one CSV record to dst, ended by CRLF, as Excel and
// WPS read it (RFC 4180), and returns the extended slice. A field is quoted
// when it holds a comma, a quote or a line break, begins or ends with a
// space, or is the only field of the record and empty.
//
// Every field is text unless number(i) reports that field i is a number
// (number may be nil: all text). Text goes through the formula-injection
// guard: line breaks become "\n", invalid UTF-8 becomes U+FFFD, and a text
// that a spreadsheet would run as a formula — one that begins with =, +, -,
// @, a tab or a line break — gets a leading apostrophe, which Excel and WPS
// show as text. Numbers, negative ones too, are written as they are.
func AppendRecord(dst []byte, fields []string, number func(i int) bool) []byte {
	for i, f := range fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		if number == nil || !number(i) {
			f = guardField(f)
		}
		dst = appendField(dst, f, len(fields) == 1)
	}
	return append(dst, '\r', '\n')
}

// guardField returns how a text field is written, before quoting (see
// [AppendRecord]).
func guardField(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\n':
			s = "'" + s
		}
	}
	return s
}

// appendField appends one field, quoted when it must be.
func appendField(b []byte, f string, only bool) []byte {
	quote := f == "" && only || f != "" && (f[0] == ' ' || f[len(f)-1] == ' ') || strings.ContainsAny(f, ",\"\n\r")
	if !quote {
		return append(b, f...)
	}
	b = append(b, '"')
	for i := 0; i < len(f); i++ {
		if f[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, f[i])
	}
	return append(b, '"')
}
