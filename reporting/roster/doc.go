// Package roster reads a resident roster (花名册) exported from Excel or WPS
// as CSV into [eligibility.Resident] values: one reader, which maps
// headers to columns, parses values, and rejects bad rows with errors that
// hold no personal data.
//
// # Reading
//
// [NewReader] reads a roster one row at a time, holding one record at a
// time (and one entry per person: see Duplicates); [Reader.Next] returns a
// [Row] or a [*RowError], and [Reader.All] ranges over them. [Read] calls
// back once per row. The [Report] of a read ([Reader.Report]) says what
// each header was taken to mean and how many rows were accepted and
// rejected, by reason, and which values were left unknown (warnings); its
// [Counts] always reconcile: rows read = accepted + rejected
// ([Counts.Reconciles]).
//
// # Duplicates
//
// A person is counted once, whatever form their number takes: a row whose
// identity number, made canonical ([eligibility.IDNumber]: 15 digits
// upgraded to 18, full-width digits folded, x read as X), an earlier
// accepted row of the same read already gave is rejected with
// [ErrDuplicatePerson], and its [RowError] names that earlier row
// (FirstLine) — never the full number. Only the first row of a person is
// accepted, so every count and tally built from the accepted rows counts
// each person once. A row the caller refused ([Reader.Refuse]) still
// holds its person: the later rows of that person are duplicates of it.
//
// Memory: a [Reader] keeps one map entry per distinct person accepted (an
// [eligibility.IDNumber] and a line, about 40 bytes with the map's own
// overhead, twice that for a moment while the map grows): 40 MB for a
// million people. The rest of a read holds one record at a time.
//
// # Shards
//
// [NewShards] cuts a roster held in memory at record boundaries into
// shards, each read by the same [Reader] on a goroutine of its own;
// [Shards.Report] merges their reports in order. Every row is accepted or
// rejected exactly as one reader over the whole roster would, except the
// duplicates of a person, which a shard cannot see alone:
// [Shards.Duplicates] names them after the read (the later rows of each
// person in file order, whatever the cuts) and Report counts them as
// rejected. The readers of shards log 32 bytes per accepted row for this
// (instead of the map entry of one reader), and Duplicates uses about 40
// bytes more per row while it runs.
//
// # Headers and values
//
// [DefaultHeaders] maps the usual Chinese headers (and their variants) to
// [Column]s; a caller may add its own. Headers are compared after folding
// full-width forms and dropping notes on the format such as （18位）. 姓名
// and 身份证号码 are required ([ErrMissingColumn]); a header naming a column
// twice is a [*HeaderError]. Identity numbers of 18 characters or 15
// digits, dates in the usual forms, yes/no and the enumerated values of
// each column are read, in the one vocabulary of each enumeration
// (eligibility's). A bad identity number, an empty 姓名 or 村(社区), an
// unreadable date, number or text, and an unknown 险种 or 是否本区户籍
// (whose zero values would claim 未参保 or 非本区户籍) reject the row with
// a sentinel such as [ErrInvalidID] or [ErrUnknownValue]. An unknown value
// in another column (性别, 就业状况, 平台类型, 缴费状态, 参保地, 联系状况,
// an item of 身份标记, a yes/no flag) leaves that fact unknown: the row is
// accepted with a warning ([Row].Warnings, [Counts].Warnings,
// [Report].Warnings).
//
// # Personal data
//
// No error message holds a full identity number or a full name: a
// [RowError]'s Value is masked (identity numbers keep their first 6 and
// last 4 characters, names their first and last character, long digit
// runs in other text are starred).
package roster
