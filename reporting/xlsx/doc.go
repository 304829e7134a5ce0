// Package xlsx reads and writes Excel .xlsx workbooks for a campaign's
// rosters, department lists, task tables and bulletins.
//
// It is a package of its own so that a program that does not import it
// does not link github.com/xuri/excelize/v2.
//
// # Reading
//
// Department lists (低保, 残联, 市场监管 …) travel as .xlsx. [Open] opens a
// workbook from an [io.ReaderAt], and [Workbook.Sheet] reads one of its
// worksheets as CSV text through a [SheetReader], which is an
// [io.Reader]: hand it to roster.NewReader, and the one roster reader
// reads the workbook exactly as it reads CSV — header detection, title
// rows, row errors — with line numbers that are the sheet's row numbers.
// [ReadSheet] does it all for a workbook read from an [io.Reader]:
//
//	data, err := xlsx.ReadSheet(f, "") // the first worksheet, as CSV
//	...
//	rr, err := roster.NewReader(bytes.NewReader(data), roster.Options{})
//
// A date cell comes out as an ISO date (2019-07-18), not as its serial
// number. An identity number that Excel stored as a number has lost its
// last digits (1.10105E+17): a number cell of 15 or more digits stops the
// read with an [*Error] that names the sheet and the cell, masks the
// value and says how to fix it ([ErrLongNumber]). [IsXLSX] tells a
// workbook from a CSV file by its first bytes; a legacy .xls file is
// refused with [ErrLegacyXLS], an encrypted one with [ErrEncrypted].
//
// # Limits
//
// A workbook is a zip archive of XML parts, and a hostile one can be a
// zip bomb. [ReadOptions] bound the total inflated size (1 GiB by default)
// and the size of each part held in memory — the shared strings, the
// styles (256 MiB by default); worksheets are read as a stream and never
// held in memory. A damaged workbook gives an error wrapping [ErrCorrupt],
// never a panic and never a silently shortened sheet.
//
// # Writing
//
// [WriteTable] writes a table.Table as a workbook of one worksheet, and
// [WriteTables] several ([Sheet]): the title merged over the first row,
// the header frozen, numbers as numbers at their column's scale, text as
// text cells in the Text format (an identity number never becomes
// 1.1E+17, and a text beginning with = is never a formula), the total row
// and the notes. The same tables always give the same bytes
// ([WriteOptions] fixes the recorded time).
package xlsx
