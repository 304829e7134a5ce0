package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// These are the errors that can be returned by [Open], [Workbook.Sheet] and
// the reads of a [SheetReader], alone or as the Err of an [*Error] or a
// [*SheetError]. Callers use [errors.Is].
var (
	// ErrLegacyXLS: the file is a legacy .xls workbook (an OLE2 compound
	// file, the binary format of Excel 97–2003).
	ErrLegacyXLS = errors.New("legacy .xls workbook: save it as .xlsx in Excel or WPS (旧版 .xls 文件，请用 Excel 或 WPS 另存为 .xlsx)")
	// ErrEncrypted: the workbook is protected by a password to open.
	ErrEncrypted = errors.New("workbook is encrypted: remove its password in Excel or WPS and save it again (工作簿已加密，请在 Excel 或 WPS 中取消打开密码后另存)")
	// ErrNotXLSX: the file is neither an .xlsx workbook nor a legacy .xls
	// (a CSV file, a PDF, a .zip of something else).
	ErrNotXLSX = errors.New("not an .xlsx workbook (不是 .xlsx 工作簿)")
	// ErrCorrupt: a damaged zip archive or workbook part (truncated,
	// malformed XML, a cell outside the sheet, a string that does not
	// exist).
	ErrCorrupt = errors.New("damaged .xlsx workbook (.xlsx 文件已损坏)")
	// ErrTooLarge: the workbook or one of its parts is larger than the
	// limits of [ReadOptions] (a zip bomb is refused with it).
	ErrTooLarge = errors.New(".xlsx workbook too large (.xlsx 文件过大)")
	// ErrNoSheet: no worksheet of that name, or no worksheet at all.
	ErrNoSheet = errors.New("no such worksheet")
	// ErrLongNumber: a cell holds a number of 15 or more digits (see
	// [Error]).
	ErrLongNumber = errors.New("number of 15 or more digits: Excel keeps only 15 significant digits, so an identity number stored as a number has lost its last digits; set the column to Text and enter the identity numbers again")
)

// Error locates a problem in a worksheet: the sheet, the cell, its masked
// value and the sentinel (ErrLongNumber or ErrCorrupt).
//
// The error of a number of 15 or more digits (ErrLongNumber) is the one a
// user meets: Excel stores every number in 15 significant digits, so an
// identity number typed into a General or Number column comes back as
// 1.10105E+17, or as 110105194901010000 with its last digits zeroed, and
// cannot be repaired from the file. Its Value keeps only the first 6
// digits ("110105************").
type Error struct {
	Sheet  string // the worksheet's name
	Row    int    // sheet row, from 1 (0 when the error is not about a row)
	Column int    // sheet column, from 1 (A is 1; 0 when not about a cell)
	Value  string // the cell's value, masked (digits after the 6th starred)
	Err    error
}

// Cell returns the cell's reference, such as "C5", or "" when the error is
// not about a cell.
func (e *Error) Cell() string {
	if e.Row <= 0 || e.Column <= 0 {
		return ""
	}
	return columnName(e.Column) + strconv.Itoa(e.Row)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("xlsx: sheet ")
	b.WriteString(strconv.Quote(e.Sheet))
	switch {
	case e.Cell() != "":
		b.WriteString(", cell " + e.Cell())
	case e.Row > 0:
		b.WriteString(", row " + strconv.Itoa(e.Row))
	}
	if e.Value != "" {
		b.WriteString(" " + strconv.Quote(e.Value))
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// Label describes the error in the language of tag: in Chinese for any
// Chinese tag (工作表“花名册”第 5 行 C 列“110105************”：…), otherwise as
// [Error.Error].
func (e *Error) Label(tag language.Tag) string {
	if base, _ := tag.Base(); base.String() != "zh" {
		return e.Error()
	}
	var b strings.Builder
	b.WriteString("工作表“" + e.Sheet + "”")
	if e.Row > 0 {
		b.WriteString("第 " + strconv.Itoa(e.Row) + " 行")
	}
	if e.Column > 0 {
		b.WriteString(" " + columnName(e.Column) + " 列")
	}
	if e.Value != "" {
		b.WriteString("“" + e.Value + "”")
	}
	b.WriteString("：")
	switch {
	case errors.Is(e.Err, ErrLongNumber):
		b.WriteString("数字达到 15 位或以上，Excel 只保留 15 位有效数字，以数字格式保存的身份证号码已丢失末几位；请把该列设置为文本格式后重新录入身份证号码")
	case errors.Is(e.Err, ErrCorrupt):
		b.WriteString(".xlsx 文件已损坏（" + e.Err.Error() + "）")
	default:
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// SheetError reports a worksheet that is not in the workbook, and lists the
// ones that are.
type SheetError struct {
	Name   string   // the name asked for
	Sheets []string // the workbook's worksheets, in order
}

func (e *SheetError) Error() string {
	if len(e.Sheets) == 0 {
		return "xlsx: the workbook has no worksheet"
	}
	q := make([]string, len(e.Sheets))
	for i, s := range e.Sheets {
		q[i] = strconv.Quote(s)
	}
	return "xlsx: no worksheet " + strconv.Quote(e.Name) + "; the workbook has " + strings.Join(q, ", ")
}

// Unwrap returns ErrNoSheet.
func (e *SheetError) Unwrap() error { return ErrNoSheet }

// Limits of a read; see [ReadOptions].
const (
	// DefaultUnzipSizeLimit is the default bound of the total uncompressed
	// size of a workbook: 1 GiB, some 15 million cells.
	DefaultUnzipSizeLimit = 1 << 30
	// DefaultUnzipXMLSizeLimit is the default bound of the uncompressed
	// size of each part held in memory (the shared-string table, the
	// styles, the workbook): 256 MiB, several million distinct strings.
	DefaultUnzipXMLSizeLimit = 256 << 20
)

// ReadOptions bounds a read. The zero value uses the defaults. The limits
// are named after excelize's options of the same meaning.
type ReadOptions struct {
	// UnzipSizeLimit bounds the sum of the uncompressed sizes of all the
	// parts of the workbook, and the size of the file itself; 0 means
	// DefaultUnzipSizeLimit. Sizes are those the zip archive declares,
	// and archive/zip refuses a part that inflates to more than it
	// declares, so a zip bomb stops with ErrTooLarge before it is inflated.
	UnzipSizeLimit int64
	// UnzipXMLSizeLimit bounds the uncompressed size of each part that is
	// held in memory: the shared-string table (every distinct text of the
	// workbook), the styles and the workbook part; 0 means
	// DefaultUnzipXMLSizeLimit. Worksheets are never held in memory: they
	// are read as a stream, whatever their size.
	UnzipXMLSizeLimit int64
}

func (o ReadOptions) unzipLimit() int64 {
	if o.UnzipSizeLimit <= 0 {
		return DefaultUnzipSizeLimit
	}
	return o.UnzipSizeLimit
}

func (o ReadOptions) xmlLimit() int64 {
	if o.UnzipXMLSizeLimit <= 0 {
		return DefaultUnzipXMLSizeLimit
	}
	return min(o.UnzipXMLSizeLimit, o.unzipLimit())
}

// Magic bytes of the formats this package tells apart.
var (
	magicZIP  = []byte("PK\x03\x04")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// IsXLSX reports whether a file should be read with this package rather
// than as CSV, from its name and its first bytes (head, at least 8 of them
// when the file has that many): an .xlsx workbook (a zip archive), or a
// legacy .xls (an OLE2 compound file), which [Open] refuses with
// [ErrLegacyXLS] so that the user learns to save it as .xlsx. The magic
// bytes decide; the name (.xlsx, .xlsm, .xls, in any case) decides only
// when head is too short to tell. A CSV file is never taken for a
// workbook, whatever its name.
func IsXLSX(name string, head []byte) bool {
	if bytes.HasPrefix(head, magicZIP) || bytes.HasPrefix(head, magicOLE2) {
		return true
	}
	if len(head) >= len(magicOLE2) {
		return false
	}
	if bytes.HasPrefix(magicZIP, head[:min(len(head), len(magicZIP))]) || bytes.HasPrefix(magicOLE2, head) {
		switch strings.ToLower(path.Ext(name)) {
		case ".xlsx", ".xlsm", ".xls":
			return true
		}
	}
	return false
}

// Workbook is an .xlsx workbook opened for reading: its worksheets'
// names, styles and shared strings. Read a worksheet with
// [Workbook.Sheet]. A Workbook holds no open file and needs no closing;
// it reads its parts from the io.ReaderAt it was opened on, which must
// stay readable while it is used. It is not safe for concurrent use.
type Workbook struct {
	zr       *zip.Reader
	opt      ReadOptions
	parts    map[string]*zip.File // by lower-case name
	sheets   []sheetInfo
	date1904 bool
	styles   []dateKind // per cell style (xf index)
	sstPath  string
	sst      []string
	sstRead  bool
}

// sheetInfo is a worksheet of the workbook.
type sheetInfo struct {
	name string
	part string
}

// Open opens the .xlsx workbook of size bytes read from r. It returns
// [ErrLegacyXLS] for a legacy .xls file, [ErrEncrypted] for a workbook
// with a password to open, [ErrNotXLSX] for anything else that is not an
// .xlsx workbook, [ErrTooLarge] beyond the limits of opt, and an error
// wrapping [ErrCorrupt] for a damaged one.
func Open(r io.ReaderAt, size int64, opt ReadOptions) (*Workbook, error) {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, magicOLE2):
		if oleEncrypted(r, size) {
			return nil, ErrEncrypted
		}
		return nil, ErrLegacyXLS
	case !bytes.HasPrefix(head, magicZIP):
		return nil, ErrNotXLSX
	}
	if size > opt.unzipLimit() {
		return nil, fmt.Errorf("%w: the file has %d bytes, more than the limit of %d", ErrTooLarge, size, opt.unzipLimit())
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	wb := &Workbook{zr: zr, opt: opt, parts: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(opt.unzipLimit()) {
			return nil, fmt.Errorf("%w: its parts inflate to more than the limit of %d bytes", ErrTooLarge, opt.unzipLimit())
		}
		wb.parts[strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))] = f
	}
	if err := wb.load(); err != nil {
		return nil, err
	}
	return wb, nil
}

// oleEncrypted reports whether an OLE2 compound file is an encrypted
// .xlsx: one that holds an EncryptedPackage stream (its name is in UTF-16
// in a directory sector, looked for in the first MiB).
func oleEncrypted(r io.ReaderAt, size int64) bool {
	buf := make([]byte, min(size, 1<<20))
	n, _ := r.ReadAt(buf, 0)
	name := []byte{}
	for _, c := range "EncryptedPackage" {
		name = append(name, byte(c), 0)
	}
	return bytes.Contains(buf[:n], name)
}

// Sheets returns the names of the workbook's worksheets, in the order of
// their tabs (hidden ones included; chart sheets are not worksheets).
func (wb *Workbook) Sheets() []string {
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	return names
}

// Sheet returns a reader of the worksheet called name (compared as Excel
// does, ignoring case), or of the first worksheet when name is empty. It
// returns a [*SheetError] when there is no such worksheet.
func (wb *Workbook) Sheet(name string) (*SheetReader, error) {
	i := -1
	switch {
	case name == "" && len(wb.sheets) > 0:
		i = 0
	case name != "":
		i = slices.IndexFunc(wb.sheets, func(s sheetInfo) bool { return s.name == name })
		if i < 0 {
			i = slices.IndexFunc(wb.sheets, func(s sheetInfo) bool { return strings.EqualFold(s.name, name) })
		}
	}
	if i < 0 {
		return nil, &SheetError{Name: name, Sheets: wb.Sheets()}
	}
	if err := wb.loadStrings(); err != nil {
		return nil, err
	}
	info := wb.sheets[i]
	f := wb.parts[info.part]
	if f == nil {
		return nil, &Error{Sheet: info.name, Err: fmt.Errorf("%w: worksheet part %s missing", ErrCorrupt, info.part)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Sheet: info.name, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	return newSheetReader(wb, info.name, rc, f.UncompressedSize64), nil
}

// ReadSheet reads the worksheet called sheet (the first one when sheet is
// empty) of the .xlsx workbook read from r, with the default
// [ReadOptions], and returns it as CSV: what [SheetReader] gives. The
// whole file is read into memory first (a zip archive is read from its
// end); for large workbooks on disk, [Open] an *os.File and read the
// sheet as a stream instead.
func ReadSheet(r io.Reader, sheet string) ([]byte, error) {
	var opt ReadOptions
	data, err := io.ReadAll(io.LimitReader(r, opt.unzipLimit()+1))
	if err != nil {
		return nil, err
	}
	wb, err := Open(bytes.NewReader(data), int64(len(data)), opt)
	if err != nil {
		return nil, err
	}
	sr, err := wb.Sheet(sheet)
	if err != nil {
		return nil, err
	}
	defer sr.Close()
	return io.ReadAll(sr)
}

// columnName returns the letters of a 1-based column number: 1 → A,
// 27 → AA.
func columnName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// maskDigits stars every digit after the 6th, so that an error never
// shows a whole identity number.
func maskDigits(s string) string {
	b := []byte(s)
	seen := 0
	for i, c := range b {
		if c >= '0' && c <= '9' {
			seen++
			if seen > 6 {
				b[i] = '*'
			}
		}
	}
	return string(b)
}
