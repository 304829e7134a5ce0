// Package audit keeps the account of routing decisions: records fit for an
// audit log, and comparisons of two policies over the same residents.
//
// # Records
//
// [NewRecord] turns a [routing.Decision] into a [Record]: versioned JSON
// ([RecordVersion]) with a fixed field order — the policy's ID, version and
// document, the as-of date, a SHA-256 digest of the resident's routing
// facts, and the outcome with every reason and its citation. A record holds
// no personal data: no name, no identity number, no birth date (they enter
// the digest only), as 石堰府发〔2023〕10号 六(三) asks
// (做好个人信息安全保密工作). [EncodeRecord] writes it; the same record always
// gives the same bytes.
//
// # Comparisons
//
// [Compare] routes the same residents under two compiled policies — the
// published rulebook and a town's variant, or a rulebook and its
// derived-age-line form — and returns each resident routed differently, as
// a [Difference] that explains itself in Chinese or English.
package audit
