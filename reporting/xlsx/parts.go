package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// The relationship types this package follows (transitional and strict
// OOXML name them differently; only the last path element is compared).
const (
	relOfficeDocument = "officeDocument"
	relWorksheet      = "worksheet"
	relSharedStrings  = "sharedStrings"
	relStyles         = "styles"
)

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"id,attr"` // r:id
	} `xml:"sheets>sheet"`
}

type xmlStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// readPart reads a part held in memory, within the XML size limit. A
// missing part gives nil and no error.
func (wb *Workbook) readPart(name string) ([]byte, error) {
	f := wb.parts[strings.ToLower(name)]
	if f == nil {
		return nil, nil
	}
	limit := wb.opt.xmlLimit()
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: part %s inflates to %d bytes, more than the limit of %d", ErrTooLarge, name, f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	return b, nil
}

// unmarshalPart decodes a part held in memory into v.
func (wb *Workbook) unmarshalPart(name string, v any) (found bool, err error) {
	b, err := wb.readPart(name)
	if err != nil || b == nil {
		return false, err
	}
	if err := xml.Unmarshal(b, v); err != nil {
		return true, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
	}
	return true, nil
}

// relsOf returns the relationships of a part, by id, with their targets
// resolved to part names.
func (wb *Workbook) relsOf(part string) (map[string]resolvedRel, error) {
	dir, file := path.Split(part)
	var rels xmlRels
	if _, err := wb.unmarshalPart(dir+"_rels/"+file+".rels", &rels); err != nil {
		return nil, err
	}
	out := make(map[string]resolvedRel, len(rels.Rels))
	for _, r := range rels.Rels {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t[1:])
		} else {
			t = path.Join(dir, t)
		}
		out[r.ID] = resolvedRel{typ: path.Base(r.Type), part: strings.ToLower(t)}
	}
	return out, nil
}

type resolvedRel struct {
	typ  string // last element of the relationship type
	part string // lower-case part name
}

// load reads the workbook part, its relationships and the styles.
func (wb *Workbook) load() error {
	root, err := wb.relsOf("")
	if err != nil {
		return err
	}
	wbPart := "xl/workbook.xml"
	for _, r := range root {
		if r.typ == relOfficeDocument {
			wbPart = r.part
		}
	}
	var w xmlWorkbook
	found, err := wb.unmarshalPart(wbPart, &w)
	if err != nil {
		return err
	}
	if !found {
		if wb.parts["[content_types].xml"] == nil {
			return ErrNotXLSX
		}
		return fmt.Errorf("%w: no workbook part", ErrCorrupt)
	}
	wb.date1904 = w.Pr.Date1904 == "1" || strings.EqualFold(w.Pr.Date1904, "true")
	rels, err := wb.relsOf(wbPart)
	if err != nil {
		return err
	}
	dir := path.Dir(wbPart)
	wb.sstPath = strings.ToLower(path.Join(dir, "sharedStrings.xml"))
	stylesPath := strings.ToLower(path.Join(dir, "styles.xml"))
	for _, r := range rels {
		switch r.typ {
		case relSharedStrings:
			wb.sstPath = r.part
		case relStyles:
			stylesPath = r.part
		}
	}
	for _, s := range w.Sheets {
		if r, ok := rels[s.ID]; ok && r.typ == relWorksheet {
			wb.sheets = append(wb.sheets, sheetInfo{name: s.Name, part: r.part})
		}
	}
	var st xmlStyles
	if _, err := wb.unmarshalPart(stylesPath, &st); err != nil {
		return err
	}
	custom := make(map[int]string, len(st.NumFmts))
	for _, nf := range st.NumFmts {
		custom[nf.ID] = nf.Code
	}
	wb.styles = make([]dateKind, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			wb.styles[i] = formatDateKind(code)
		} else {
			wb.styles[i] = builtinDateKind(xf.NumFmtID)
		}
	}
	return nil
}

// loadStrings reads the shared-string table, once.
func (wb *Workbook) loadStrings() error {
	if wb.sstRead {
		return nil
	}
	f := wb.parts[wb.sstPath]
	if f == nil {
		wb.sstRead = true
		return nil
	}
	limit := wb.opt.xmlLimit()
	if f.UncompressedSize64 > uint64(limit) {
		return fmt.Errorf("%w: the shared strings inflate to %d bytes, more than the limit of %d", ErrTooLarge, f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: shared strings: %v", ErrCorrupt, err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var sst []string
	var sb strings.Builder
	inSI, inT, rph := false, false, 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: shared strings: %v", ErrCorrupt, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				sb.Reset()
			case "t":
				inT = inSI && rph == 0
			case "rPh":
				rph++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if inSI {
					sst = append(sst, cleanText(sb.String()))
				}
				inSI = false
			case "t":
				inT = false
			case "rPh":
				rph = max(rph-1, 0)
			}
		case xml.CharData:
			if inT {
				sb.Write(t)
			}
		}
	}
	wb.sst, wb.sstRead = sst, true
	return nil
}

// dateKind says whether a cell style shows a number as a date.
type dateKind uint8

const (
	notDate  dateKind = iota
	dateOnly          // a date
	dateTime          // a date and a time of day
)

// builtinDateKind classifies the built-in number formats: 14–17 and 22,
// and the Chinese, Japanese and Korean built-ins 27–31, 36, 50–54, 57 and
// 58 (yyyy"年"m"月"d"日" and the like) are dates; the time-only formats
// (18–21, 32–35, 45–47, 55, 56) are not.
func builtinDateKind(id int) dateKind {
	switch id {
	case 22:
		return dateTime
	case 14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58:
		return dateOnly
	}
	return notDate
}

// formatDateKind classifies a custom number format code: a date when its
// first section, outside quoted text, escaped characters and [...]
// brackets, has a year or a day (y, d); a date and time when it has an
// hour or second as well.
func formatDateKind(code string) dateKind {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	var date, clock bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return notDate
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return notDate
			}
			i += j
		case 'y', 'Y', 'd', 'D':
			date = true
		case 'h', 'H', 's', 'S':
			clock = true
		}
	}
	switch {
	case date && clock:
		return dateTime
	case date:
		return dateOnly
	}
	return notDate
}

// cleanText decodes the _xHHHH_ escapes of OOXML strings (Excel writes a
// carriage return as _x000D_) and turns every line break into a space, so
// that each row of a sheet is one line of CSV.
func cleanText(s string) string {
	if strings.Contains(s, "_x") {
		s = unescapeX(s)
	}
	if strings.ContainsAny(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", " ")
		s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	}
	return s
}

// unescapeX decodes _xHHHH_ escapes, left to right (_x005F_ is an
// underscore, whose decoded form is not read again).
func unescapeX(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			b.WriteString(s)
			return b.String()
		}
		if s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteString(s[:i])
				b.WriteRune(rune(v))
				s = s[i+7:]
				continue
			}
		}
		b.WriteString(s[:i+2])
		s = s[i+2:]
	}
}

// errCorrupt makes an ErrCorrupt error with a reason.
func errCorrupt(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, a...)...)
}
