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
// GB18030 on request, and text cells that begin with = + - @ guarded against
// formula injection while numbers stay numbers), Markdown (pipes and markup
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
// The package also imports resident rosters from CSV exports (UTF-8 or
// GB18030, usual Chinese headers such as 姓名 and 身份证号码, full-width digits
// folded, one typed error per bad row, rows in = rows accepted + rows
// rejected), keeps streaming tallies by village × target group × scheme that
// merge exactly across shards, and writes the 扩面人员明细表 with identity
// numbers and names masked unless the caller opts in. The types for these
// are documented with their own functions below.
//
// # Personal data
//
// 石堰府发〔2023〕10号 六(三) requires 做好个人信息安全保密工作: rendered
// reports mask identity numbers and names by default, and error messages
// never carry a full identity number.
package reporting
