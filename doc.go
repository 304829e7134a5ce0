// Package kuomian turns the rules of China's basic-pension
// enrollment-expansion campaigns (基本养老保险参保扩面, 全民参保计划) into exact,
// tested, explainable Go. This root package holds no code; the work is done
// by four packages.
//
// # Packages
//
//   - [github.com/canbao/kuomian/eligibility]: residents, civil dates, identity
//     numbers (GB 11643-1999), ages in 周岁, statutory retirement, and the target
//     groups of 石堰府发〔2023〕10号 with the reason for each match.
//   - [github.com/canbao/kuomian/routing]: effective-dated rulebooks (罗政〔2019〕185号,
//     石堰府发〔2023〕10号, or loaded from JSON) and decisions that cite their clauses.
//   - [github.com/canbao/kuomian/allocation]: exact apportionment of an integer
//     target across units (independent rounding, largest remainder, divisor
//     methods), derived columns, bounds, hierarchy, milestones and the audit of a
//     published table.
//   - [github.com/canbao/kuomian/reporting]: task tables, roster import, the
//     扩面人员明细表, monthly bulletins and streaming tallies, rendered as aligned
//     text, CSV, Markdown and HTML.
//
// # Data flow
//
// Data flows one way, and the imports follow it:
//
//	roster rows → eligibility (facts, target groups)
//	            → routing     (scheme, channel, venue, fallback, subsidies, reasons)
//	            → reporting   (roster, tallies, bulletins)
//	unit counts → allocation  (exact quotas) → reporting (task tables)
//
// # Guarantees
//
// The library never reads the clock, never uses float64 in allocation
// arithmetic, masks personal data in every rendered report unless the caller
// opts in, and gives the same bytes for the same input whatever its order.
//
// Run `go run ./examples/luodong` to reproduce and audit the published 罗东镇
// 2019 task table (罗政〔2019〕185号 附件).
package kuomian
