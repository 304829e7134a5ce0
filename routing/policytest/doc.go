// Package policytest reads policy test cases written as data and runs
// them against a compiled [routing.Policy], as net/http/httptest tests
// net/http.
//
// A policy team writes its cases in a text file — a resident's facts, an
// as-of date and the decision the plan requires — with no Go; [ParseCases]
// reads them into [Case] values and [RunCases] routes each with a
// [routing.Router] and reports, per case, every expectation the decision
// did not meet ([CaseResult], [Failure]).
//
// # The case-file format
//
// A case file is UTF-8 text (a leading byte-order mark is skipped), one
// "key: value" per line; a full-width colon ： works too. Lines starting
// with # are comments and blank lines are ignored; a comment cannot follow
// a value on its line. "case:" starts a case and names it. A "policy:" line
// before the first case gives the ID of the policy every case of the file
// is for; one inside a case, that case only.
//
//	# 罗政〔2019〕185号 二(二)2(2): a man the day before his 45th birthday
//	policy: luodong-2019
//
//	case: 男 44 岁 未就业
//	as of: 2019-08-01
//	gender: 男
//	birth: 1974-08-02
//	employment: 未就业
//	expect scheme: 企业职工基本养老保险
//	expect channel: flexible
//	expect venue: city_centre
//	expect fallback: resident
//	expect citations: 二(二)2(2); 二(三)
//
// Every case needs "as of" and at least one expectation; a key may appear
// once per case. Facts left out keep the zero value of
// [eligibility.Resident]: 户籍 non-local, employment unknown, uninsured, not
// yet visited; gender and birth date then come from "id" if it is given.
//
// Values are read through the one vocabulary of their type (the
// Vocabulary method of each enumeration of eligibility and routing, and
// [eligibility.ParseFlags] for flags): each value may be written as its
// key, its Chinese or English label or any alias of the vocabulary —
// every label the library prints reads back. Lists (flags, subsidies,
// actions, groups, rule IDs) are separated by commas, 、, semicolons, + or
// spaces; "none" or 无 is the empty list. Citations are separated by ; or
// commas. Dates are 2006-01-02 or 20060102. An unknown key or value is
// refused with the nearest known one, in the language it was written in:
//
//	cases.txt:12: "出生日起": unknown key (did you mean "出生日期"?)
//	cases.txt:15: "expect scheme": unknown outcome "企业职公基本养老保险" (did you mean "企业职工基本养老保险"?)
//
// # Keys in Chinese and English
//
// Keys are case-insensitive, and _, . and - count as spaces
// ("expect.scheme" is "expect scheme").
//
// The resident's facts:
//
//	case              用例
//	policy            政策
//	as of             基准日, 日期, date, asof, as of date
//	id                身份证号, 身份证号码, 公民身份号码
//	gender            性别, sex                 male / 男 / 女性 / M …
//	birth             出生日期, 生日, birthday, date of birth, birth date
//	hukou             户籍                      local (本区户籍) or non_local (非本区户籍)
//	village           村, 村(社区), 村（社区）
//	employment        就业, 就业状况, 就业情况   e.g. not_employed / 未就业, platform_worker / 新业态
//	platform          平台, 平台类型             e.g. courier / 快递小哥
//	licence           执业资格, license
//	insured           参保险种, 参保, 参保状况, insurance, scheme
//	                                             none (未参保), employee, resident, other
//	status            缴费状态                  active (正常缴费), suspended (暂停缴费)
//	location          参保地                    in_district, elsewhere_in_city, outside_city
//	tier              缴费档次, 档次             yuan, e.g. 2000 or 2000元
//	flags             身份标记, 身份, flag       e.g. minimum_living, 低保对象、重度残疾人
//	land acquired on  征地日期
//	contact           联系状况                  reached, not_found (找不到人), not_local
//	note              说明, 备注                 ignored
//
// The expectations; each checks one field of the [routing.Decision]:
//
//	expect scheme            预期险种, 预期结果, expect outcome
//	                                               the Outcome: employee, resident, covered, not_eligible
//	expect channel           预期渠道             flexible, employer, self_pay, transfer, back_pay, proxy_pay, none
//	expect venue             预期地点, 预期办理地点  employer, city_centre, village, none
//	expect fallback          预期备选险种          Fallback.Outcome (also as Explain prints it)
//	expect fallback channel  预期备选渠道          Fallback.Channel
//	expect fallback venue    预期备选地点          Fallback.Venue
//	expect subsidies         预期补贴             the set of subsidies, exactly
//	expect actions           预期后续工作          the set of follow-up actions, exactly
//	expect groups            预期人群, 预期扩面重点人群  the set of target groups, exactly
//	expect phase             预期阶段, 预期工作阶段  the campaign phase, e.g. 重点攻坚阶段
//	expect citations         预期依据             clauses the reasons must cite
//	expect rules             预期规则             rule IDs that must be among the reasons
//	expect error             预期错误             a key of [routing.ErrorKey], e.g. outside_period
//	expect band              预期年龄段            younger or older (the age line)
//	expect age               预期年龄             周岁 on the as-of date
//
// Target groups are data of the policy, so the parser keeps them as
// written and [RunCases] resolves them against the policy under test: a
// group may be named by its key (hardship), its Chinese or English name,
// or its numeral (六) as the policy gives them ([eligibility.GroupRule]).
//
// # Running cases
//
// [RunCases] routes each case with the router and compares the decision
// with every expectation the case states. A case for another policy is
// skipped; a routing error fails the case unless the case expects it.
// [CaseResult.String] reports a failure with the file, line and name of the
// case, each field with what was expected and what was decided, and the
// decision's reasons with their citations:
//
//	shiyan-2023.txt:9: case "男44周岁": 1 failed expectation(s)
//	    scheme: want resident (城乡居民基本养老保险), got employee (企业职工基本养老保险)
//	    decision: employee/flexible (age 44, band younger)
//	    reason 1: age
//	    …
//
// In a Go test, parse the files of a testdata directory, compile the
// policy with [routing.MustCompile] and report every result that is not
// [CaseResult.OK].
//
// # Writing cases for a new town
//
// A new town's plan is a routing policy written as JSON, groups included
// ([routing.LoadPolicy]). Write its cases in a file of their own with
// "policy:" set to the policy's ID: one case per clause at least (each
// route, venue, subsidy and action rule, the age line, each phase and
// milestone, each target group), and cases on both sides of every line the
// plan draws — the day before and the day of the 45th or 40th birthday,
// a tier equal to the threshold and one above it. Cite the clauses as the
// plan numbers them ("expect citations: 四(二)"), so that a failure points
// back to the document. The kuomian repository checks that the cases of its
// presets cite every clause of them; a new town's suite can do the same
// with [routing.Decision.Citations] and [routing.Decision.RuleIDs].
package policytest
