// Package monthly is the files of a campaign month: the tables, notes and
// report a month's run writes, and the directory it writes them into.
//
// # Tables
//
// A [Month] holds what the files are made of: the policy, the as-of date,
// the month's figures (a [ledger.Month]), the next state, the bulletin
// ([NewBulletin] makes it from the figures), the masked people of the
// 实名库 ([LedgerRows], or [NewLedgerRow] one at a time) and the note on the tasks.
// [Month.Outputs] lays them out as the files named by the File constants:
// the 通报 (CSV, .xlsx, HTML), the masked 实名库 and 扩面人员明细表 (CSV,
// .xlsx), the 变动明细, the 任务分解表 and the 大数据比对 report. The same
// Month gives the same bytes, whoever computed it: examples/campaign in one
// process, examples/province on a pipeline.
//
// # Directory
//
// [WriteDir] writes the files and the state file ([ledger.StateFileName])
// into a new directory beside the output directory, then renames it into
// place: nothing half-written is ever in the output directory. It replaces
// an existing directory only if it is empty or a campaign's output (it
// holds a state file); any other is refused with [ErrNotOutput].
//
// # Privacy
//
// Every table masks the identity numbers and the names (the first 6 and the
// last 4 digits, the first and last character of a name). Only the state
// file holds full identity numbers, and WriteDir writes it owner-only.
package monthly
