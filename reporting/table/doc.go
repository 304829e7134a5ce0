// Package table lays out the tables of a campaign's reports — task tables
// (任务分解表), bulletins, rosters, tallies — and renders them as aligned
// text, CSV, Markdown and HTML with an inline SVG chart.
//
// # Tables
//
// A [Table] is a title, [Column]s (header, [Kind] — text, integer or exact
// decimal at a fixed scale — and [Align]), rows of [Cell]s made with
// [Text], [Int] and [Decimal], a [Total] row either computed or stated as
// published, and footnotes. [Table.Audit] holds a stated total against the
// sums of the cells ([Footing]); [Table.Sorted] orders rows by Chinese
// collation or by value, deterministically.
//
// # Rendering
//
// [Table.Render] writes a [Format] ([ParseFormat]) with [RenderOptions]:
// text aligned by display width, CSV (UTF-8 with a byte-order mark by
// default, formula-guarded by codec.AppendRecord), Markdown, and one
// self-contained HTML page. The same input always gives the same bytes.
//
// # Personal data
//
// Every renderer masks the identity and phone numbers in every text it
// shows — title, headers, text cells, notes, a page's lines, figures,
// chart labels and footer — wherever they stand ([Table.Masked]), by the
// one rule of internal/privacy: a group of 6 or more digits, counted
// across single spaces and hyphens, keeps at most its first 6 and last 4
// digits. Dates, amounts, rates and number cells stay legible. A column
// that must show full numbers (a revealed roster's 公民身份号码) opts out
// with [Column].RevealNumbers.
//
// # Pages and charts
//
// A [Page] is a table with a title, summary lines, headline [Figure]s, a
// [Chart] and a footer: a bulletin is one. A [BarChart] draws labelled
// [Series] of values; a [ProgressChart] draws [ProgressBar]s against a
// task with target and pace marks. Charts draw the values they are given
// and compute only their geometry.
package table
