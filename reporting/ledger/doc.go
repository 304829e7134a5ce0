// Package ledger is the campaign ledger, the 实名库 (扩面对象实名库,
// 石堰府发〔2023〕10号 三(一)): from the files a town receives to each
// month's progress per village.
//
// # Sources
//
// A [Source] is one file: the population base (户籍人口), the insured list
// (参保库), or a department's list — 低保, 特困, 重度残疾, 被征地, 村干部,
// 镇街聘用, 财政供养, 产业带头人, 农村转移劳动力, 退捕渔民, 高校毕业生, 就业困难,
// 个体工商户, 劳动合同备案, 新业态, 执业资格, 区外参保 — each a [SourceKind] with one
// vocabulary ([ParseKind] reads 低保, minimum_living, 低保对象 …, so that a
// command line may say -source 低保=低保名单.csv). [SourceKind.Contribution] says
// which facts a kind's rows give (低保 → the 低保 flag, 劳动合同备案 → employed
// by a unit, 区外参保 → the insurance with its place) and which columns it
// requires. Rows are read by the one roster reader (package roster) under
// [Headers]: the usual Chinese headers and the GB/T 40217—2021 field codes
// (AAC002, AAC003, …).
//
// # Matching
//
// [Build] matches every row to the base by the canonical identity number
// (15 or 18 digits, full-width, x or X: one person), merges each person's
// facts — by kind, not by file order ([Build] says how) — and keeps, per
// person, which row of which source said what ([Provenance]), compactly:
// one 8-byte (source, facts, line) entry per row in one shared arena,
// strings numbered once. Its [MatchReport] reconciles every source (rows
// read = matched + unmatched + rejected), lists the people found in a
// source but not in the base (reported, and left out of the ledger: the
// town's base decides whom the campaign counts), the duplicates within a
// source (both lines; the person counts once), the conflicts between
// sources (a village, birth date or gender stated differently: the base
// wins for the village, the identity number for birth date and gender),
// the rejected rows and the rows kept with a warning. Everything in it is
// masked; errors name the source, the line and the column.
//
// # Unknown values
//
// An unknown word in an optional column is not fatal: the roster reader
// keeps the row with that fact unknown and says so (roster.Row.Warnings),
// and the ledger lists each such value as a warning (line, column, masked
// value). The reader still rejects a row whose gender or birth date
// contradicts the identity number (roster.ErrInconsistent), whose date or
// number in an optional column cannot be read, or whose 村(社区) cell is
// empty. The ledger does not lose such a person when the column is not one
// the source's kind requires: it reads the source again without that
// column, keeps the row with the fact unknown and lists the rejection as a
// warning; a contradicting gender or birth date is also a conflict, which
// the identity number wins. Required columns (姓名, 公民身份号码, and those
// of [SourceKind.Contribution]) still reject the row.
//
// # Targets
//
// [Build] classifies and routes every person on the baseline date with the
// policy's router, and gives each a [Role]: a target (扩面对象) is not
// enrolled at the baseline and routed to a scheme (uninsured, or insured
// with 暂停缴费); a person enrolled ([Enrolled]: in a basic-pension scheme
// with 正常缴费) but still in a group or routed to a scheme (城乡富裕人员,
// hardship residents under 代缴) is followed, never counted as 扩面. Each
// village gets its 任务数 from a task table or from the town's target split
// with package allocation ([Tasks]). [Ledger.Entry] gives a person's facts,
// decision with reasons and citations, and provenance.
//
// # Month over month
//
// [Ledger.State] is the loop's start; [State.Month] matches a month's
// insured list (and base, if given) against it and returns, per target and
// followed person, what changed ([PersonChange], [Events]), per village the
// [VillageProgress] — 任务数, 本月新增, 累计完成, 完成率, 参保结构, and the
// requirement and 序时进度 of the policy's timetable — and the next state.
// Name, Task and Completed are what reporting.NewBulletin takes as a
// Progress's Name, Task and Enrolled. The figures reconcile with the
// changes row for row: 本月新增 counts the EventEnrolled changes of the
// village's targets, and 累计完成 = last month's 累计完成 + 本月新增 − the
// targets' EventSuspended and EventLapsed changes.
//
// # State
//
// The state between months is a versioned, line-oriented text file (see
// [State] for the format), the same bytes for the same state, read back
// exactly by [ReadState], hostile input rejected with a [*StateError]
// naming the line. It holds full identity numbers, by necessity: write it
// with [WriteStateFile] (owner-only, 0600) under [StateFileName]. Every
// other output of the package is masked.
package ledger
