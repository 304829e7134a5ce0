// Package roster reads a resident roster (花名册) exported from Excel or WPS
// as CSV into [eligibility.Resident] values: one reader, which maps
// headers to columns, parses values, and rejects bad rows with errors that
// hold no personal data.
//
// # Reading
//
// [NewReader] reads a roster one row at a time, in constant memory;
// [Reader.Next] returns a [Row] or a [*RowError], and [Reader.All] ranges
// over them. [Read] calls back once per row. The [Report] of a read
// ([Reader.Report]) says what each header was taken to mean and how many
// rows were accepted and rejected, by reason; its [Counts] always
// reconcile: rows read = accepted + rejected ([Counts.Reconciles]).
//
// # Shards
//
// [NewShards] cuts a roster held in memory at record boundaries into
// shards, each read by the same [Reader] on a goroutine of its own;
// [Shards.Report] merges their reports in order. Every row is accepted or
// rejected exactly as one reader over the whole roster would.
//
// # Headers and values
//
// [DefaultHeaders] maps the usual Chinese headers (and their variants) to
// [Column]s; a caller may add its own. Headers are compared after folding
// full-width forms and dropping notes on the format such as （18位）. 姓名
// and 身份证号码 are required ([ErrMissingColumn]); a header naming a column
// twice is a [*HeaderError]. Identity numbers of 18 characters or 15
// digits, dates in the usual forms, yes/no and the enumerated values of
// each column are read; an unreadable value rejects the row with a
// sentinel such as [ErrInvalidID] or [ErrUnknownValue].
//
// # Personal data
//
// No error message holds a full identity number or a full name: a
// [RowError]'s Value is masked (identity numbers keep their first 6 and
// last 4 characters, names their first and last character, long digit
// runs in other text are starred).
package roster
