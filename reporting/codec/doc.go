// Package codec reads and writes the text files a campaign exchanges with
// Excel and WPS: character sets and CSV.
//
// # Character sets
//
// An [Encoding] names UTF-8 with or without a byte-order mark
// ([UTF8BOM], [UTF8]) and [GB18030] (which reads GBK and GB2312 as well).
// Its zero value, [Auto], means "not stated": [NewDecoder] then detects the
// encoding ([DetectEncoding]), and [NewWriter] refuses it, so every option
// that writes states the encoding its zero value stands for. A [Decoder]
// stops with a [*DecodeError] (line and byte offset) at the first invalid
// byte instead of letting U+FFFD into the data; UTF-16 is refused with
// [ErrUTF16]. A GB18030 writer of [NewWriter] refuses, with an
// [*EncodeError] ([ErrUnencodable]), a character it cannot write so that
// it reads back as itself, rather than change it silently.
//
// # CSV
//
// A [Scanner] reads CSV records as encoding/csv does, and goes on after a
// malformed record ([SyntaxError]). [NewScanner] streams from an
// [io.Reader] in constant memory and linear time, however long a field;
// [NewBytesScanner] reads a text held in memory, which [Scanner.Split]
// cuts at record boundaries for parallel reads. [AppendRecord] writes a
// record with the formula-injection guard: text that a spreadsheet would
// run as a formula (=, +, -, @ at its start) gets a leading apostrophe.
package codec
