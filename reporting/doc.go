// Package reporting turns a campaign's numbers and rosters into the documents
// its plan asks for: task tables (任务分解表), monthly progress bulletins
// (通报), the 扩面人员明细表, roster import and streaming tallies, rendered
// as aligned text, CSV, Markdown and HTML.
//
// It decides no policy: quotas come from package allocation, target groups,
// schemes, reasons and the campaign's timetable from the town's policy
// (package routing, with the group rules of package eligibility). It
// lays them out, checks their arithmetic, and writes them in the forms people
// open: a terminal, Excel or WPS, a Markdown page, a browser.
//
// # Packages
//
// The work is split along its seams: package [codec] reads and writes
// character sets and CSV; package [table] holds the [table.Table] model,
// its renderers (aligned text, CSV, Markdown, HTML with SVG) and
// [table.Page]; package [roster] is the one roster reader. This package
// builds on them: it makes task tables, tallies, the masked roster and
// bulletins.
//
// # Task tables
//
// [TaskTableFromAllocation] builds the 罗东-style 任务分解表 as a
// [table.Table] from published columns and allocation results, with the
// published 合计 as a stated total that [table.Table.Audit] holds against
// the sums of the cells: the published 罗东镇 table (罗政〔2019〕185号 附件)
// states 合计 9777 and 7822 while its cells sum to 9778 and 7821.
//
// # Bulletins
//
// A [Bulletin] is the monthly progress report that 罗政〔2019〕185号 三(一)
// (镇劳保所按月汇总、通报) and 石堰府发〔2023〕10号 六(四) (建立工作定期通报机制)
// require. [NewBulletin] takes an as-of date, each village's task and
// enrolled-to-date, and the town's routing.Policy, whose timetable
// (baseline, phases, milestones and the bulletin clause) it reads without
// restating it: the milestone requirements are routing.Policy.Requirements
// and the pace (序时进度) is routing.Policy.Pace, counted at month ends. Per
// village it gives the completion rate as an exact decimal (integer
// arithmetic, half-up), the gap to the task and to the current milestone,
// the pace, the rank, and the status against the plan with the clause it
// rests on; for the town, the 基本养老保险扩面计划完成率.
// [Bulletin.Render] lays it out as a [table.Page].
//
// # Routing and tallies
//
// [RouteRoster] reads a roster with a [roster.Reader] and routes each row
// with a [Router] (a *routing.Router), calling back with each row and its
// routing.Decision; a row the router cannot decide is rejected with
// [ErrNotRouted], so the counts still reconcile. [TallyRoster] does the
// same for a roster held in memory on every core: shards of the same
// reader ([roster.NewShards]), each routed and tallied apart, merged in
// order; it keeps no row.
//
// A [Tally] counts routed residents by village × target group × outcome ×
// channel ([Tally.Add], [Tally.AddDecision]) in memory that does not grow
// with the roster. [Tally.Merge] is exact, associative and commutative:
// shards tallied apart and merged in any order equal one pass, so a roster
// may be split across workers. [Tally.Reconcile] checks a tally against the
// read's [roster.Counts] row for row; [Tally.Table] and [Tally.TotalsTable] lay it
// out, villages in pinyin order whatever the order of the input.
//
// The roster of residents to enrol (扩面人员明细表, 石堰府发〔2023〕10号 四(二))
// is a list of [RosterEntry] values made by [NewRosterEntry] from a row and
// its decision. [RosterWriter] streams it as CSV of any length;
// [RosterTable] turns it into a [table.Table] for the text, Markdown and HTML
// forms; [SortRosterEntries] orders it by village, then by what it shows,
// never by input line, so the same residents give the same roster, byte for
// byte, in whatever order the rows came (RosterTable sorts; write a
// RosterWriter's entries in that order). The roster does not show the
// input's line numbers: they belong to the import report. [MaskOptions]
// decides what it shows: by default identity numbers are masked
// (110105********002X, 15-digit numbers too, in their 18-character form),
// names keep their first and last character (张*, 张*三, 欧**明, 阿******提),
// and the input's notes are not shown — a note is free text that may name
// other people — so that 备注 says only [NoteWithheld] when there was one;
// ShowInputNotes shows the notes with the resident's name and every
// identity or phone number starred; RevealPersonalData shows everything in
// full.
//
// # Personal data
//
// 石堰府发〔2023〕10号 六(三) requires 做好个人信息安全保密工作: rendered
// reports mask identity numbers and names by default ([MaskOptions]); every
// renderer of package table masks every identity or phone number wherever
// it stands — a village cell, a unit name, a title, a note — by the one
// rule of internal/privacy, while dates, amounts, rates and counts stay
// legible (counts of 100000 or more in a bulletin's lines are written with
// thousands separators); only a revealed roster's 公民身份号码 and 备注
// columns opt out ([table.Column].RevealNumbers). Error messages never
// carry a full identity number or a full name.
package reporting
