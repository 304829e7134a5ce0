// Package reporting turns a campaign's numbers and rosters into the documents
// its plan asks for: task tables (任务分解表), monthly progress bulletins
// (通报), the 扩面人员明细表, roster import and streaming tallies, rendered
// as aligned text, CSV, Markdown and HTML.
//
// It decides no policy: quotas come from package allocation, target groups
// from package eligibility, schemes and reasons from package routing. It
// lays them out, checks their arithmetic, and writes them in the forms people
// open: a terminal, Excel or WPS, a Markdown page, a browser.
//
// # Task tables
//
// A [Table] is a generic 任务分解表: a title, [TableColumn]s (header, [Kind] —
// text, integer or exact decimal at a fixed scale — and [Align]), rows of
// [Cell]s, and a [Total] row that is either computed or stated as published.
// [Table.Audit] holds a stated total against the sum of its cells column by
// column: the published 罗东镇 table (罗政〔2019〕185号 附件) states 合计 9777
// and 7822 while its cells sum to 9778 and 7821, and a [Table] carries both,
// renders the stated figures as published, and marks each differing cell
// with a footnote. [Table.Sorted] orders rows by Chinese collation (pinyin,
// with numbers in numeric order: 第2组 before 第10组) or by value, stably and
// deterministically. [TaskTableFromAllocation] builds the 罗东-style table
// from published columns and allocation results.
//
// # Bulletins
//
// A [Bulletin] is the monthly progress report that 罗政〔2019〕185号 三(一)
// (镇劳保所按月汇总、通报) and 石堰府发〔2023〕10号 六(四) (建立工作定期通报机制)
// require. [NewBulletin] takes an as-of date, each village's task and
// enrolled-to-date, and a [Plan] of milestones and phases ([PlanLuodong2019],
// [PlanShiyan2023]); per village it gives the completion rate as an exact
// decimal (integer arithmetic, half-up), the gap to the task and to the
// current milestone, the rank, and the status against the plan with the
// clause it rests on; for the town, the 基本养老保险扩面计划完成率.
//
// # Rendering
//
// [Table.Render] and [Bulletin.Render] write a [Format]: aligned text
// (aligned by display width — Chinese characters take two columns), CSV
// (RFC 4180, UTF-8 with a byte-order mark by default so Excel opens it,
// GB18030 on request, CRLF line ends, and text cells that begin with = + - @,
// a tab or a carriage return guarded against formula injection by a leading
// apostrophe ([CSVField]) while numbers, negative ones too, stay numbers), Markdown (pipes and markup
// escaped), and HTML (one self-contained UTF-8 page, escaped by
// html/template, with an inline SVG chart and no external assets). The same
// input always gives the same bytes.
//
// # Encodings
//
// [Encoding] names UTF-8 with or without a byte-order mark and GB18030.
// [NewEncodingWriter] wraps an [io.Writer] to write in one of them;
// [NewDecoder] reads one, or detects it with [AutoDetect], and stops with a
// [*DecodeError] (line and byte offset) at the first invalid byte instead of
// letting U+FFFD into the data.
//
// # Rosters and tallies
//
// [ImportRoster] reads a resident roster exported from Excel or WPS as CSV
// and calls back once per row: with a [RosterRow] (the row's line and its
// [eligibility.Resident]) for each accepted row, with a [*RowError] for each
// rejected one. [NewRosterReader] does the same one row at a time, in
// constant memory; [RosterReader.All] ranges over the rows. Both return an
// [ImportReport] whose [Counts] reconcile: rows read = accepted + rejected
// ([Counts.Reconciles]), always — a row is never dropped silently.
//
// What the import reads ([ImportOptions]):
//   - Encodings: UTF-8 with or without a byte-order mark, and GB18030 (GBK,
//     GB2312), as Excel saves "CSV" on Chinese Windows, detected by default
//     (the zero Encoding works as [AutoDetect]) or stated. UTF-16 (Excel's "Unicode text") is refused with
//     [ErrUTF16]; bytes invalid in the encoding stop the import with a
//     [*DecodeError] that names the line, after the rows before it.
//   - Line ends CRLF, LF or CR alone; quoted fields with commas, quotes and
//     line breaks; blank lines and a spreadsheet's empty rows (",,,", not
//     rows: [ImportReport].BlankRows counts them); a byte-order mark before the
//     header; up to [MaxTitleRows] title rows above the header (a sheet's
//     merged title, a date line), which are not rows either
//     ([ImportReport].HeaderLine says where the header was).
//   - Rows that stop before empty trailing header columns ("姓名,身份证号码,,,"
//     over "张三,110105…") are read as if the empty fields were there; any
//     other row with too few fields, or with values beyond the header, is
//     [ErrFieldCount].
//   - Headers: the usual Chinese names, compared after [NormalizeHeader]
//     (full-width parentheses, spaces, a * required mark and a note on the
//     format such as （18位） or （元） do not matter: 村（社区） is 村(社区),
//     身份证号码（18位） is 身份证号码). [DefaultHeaders] returns the mapping as a
//     [Headers] map the caller may change; a header that maps to no column
//     is ignored and listed in the report. A header naming one column twice
//     is a [*HeaderError] with [ErrDuplicateColumn]; 姓名 and 身份证号码 are
//     required ([ErrMissingColumn]).
//   - Identity numbers of 18 characters or 15 digits (GB 11643-1999), in
//     full-width digits too; a wrong length, character, date or check
//     character is [ErrInvalidID], with the [eligibility.IDError] as Cause.
//     The apostrophe that marks a number as text ('110105…, as users type it
//     and WPS keeps it) and zero-width characters pasted with the number are
//     dropped. A number Excel stored as 1.10105E+17 has
//     lost its last digits and is refused; the message says so, and
//     [RowError.Label] in Chinese.
//   - Dates as 2019-07-18, 2019/7/18, 2019.07.18, 2019年7月18日 or 20190718,
//     also with a time of day after them (2019/7/18 0:00, a date-time cell).
//     Excel serial numbers (43664) are refused ([ErrInvalidDate]): a birth
//     date read wrongly is worse than a row refused.
//
// Every rejected row gets a [*RowError] with its line, the column's header
// as written, a masked value and a sentinel ([ErrMissingValue],
// [ErrInvalidID], [ErrInvalidDate], [ErrInvalidNumber], [ErrUnknownValue],
// [ErrInconsistent], [ErrFieldCount], [ErrMalformedCSV], [ErrInvalidText],
// [ErrControlChar])
// for [errors.Is]. No error message holds a full identity number or a full
// name: identity numbers keep their first 6 and last 4 characters, and text
// in other columns is masked too (a name typed into the wrong column
// included).
//
// [RouteRoster] imports and routes in one pass with a [Router] (a
// *routing.Router), calling back with each row and its routing.Decision; a
// row the router cannot decide is rejected with [ErrNotRouted], so the
// counts still reconcile. [TallyRoster] is the parallel pipeline for large
// rosters held in memory: it imports, routes and tallies without keeping a
// row.
//
// A [Tally] counts routed residents by village × target group × outcome ×
// channel ([Tally.Add], [Tally.AddDecision]) in memory that does not grow
// with the roster. [Tally.Merge] is exact, associative and commutative:
// shards tallied apart and merged in any order equal one pass, so a roster
// may be split across workers. [Tally.Reconcile] checks a tally against the
// import's [Counts] row for row; [Tally.Table] and [Tally.TotalsTable] lay it
// out, villages in pinyin order whatever the order of the input.
//
// The roster of residents to enrol (扩面人员明细表, 石堰府发〔2023〕10号 四(二))
// is a list of [RosterEntry] values made by [NewRosterEntry] from a row and
// its decision. [RosterWriter] streams it as CSV of any length;
// [RosterTable] turns it into a [Table] for the text, Markdown and HTML
// forms; [SortRosterEntries] groups it by village. [MaskOptions] decides
// what it shows: by default identity numbers are masked (110105********002X,
// 15-digit numbers too, in their 18-character form), names keep their first
// and last character (张*, 张*三, 欧**明, 阿******提), and names and long
// digit runs in notes are starred; RevealPersonalData shows them in full.
//
// # Personal data
//
// 石堰府发〔2023〕10号 六(三) requires 做好个人信息安全保密工作: rendered
// reports mask identity numbers and names by default ([MaskOptions]); tallies,
// task tables, bulletins and the [ImportReport] hold none; and error
// messages never carry a full identity number or a full name.
package reporting
