package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
)

// RecordVersion is the version of the [Record] format written by this
// package. It changes whenever a field is added, removed or changes meaning.
const RecordVersion = 1

// FactsVersion is the first line of the canonical facts encoding digested
// by [FactsDigest].
const FactsVersion = "kuomian-routing-facts/1"

// Record is a decision in a form fit for audit logs: versioned JSON with a
// fixed field order, the policy's ID and version, the as-of date, a digest
// of the resident's facts and the outcome with its reasons. It holds no
// personal data: no name, no identity number, no birth date (they enter the
// digest only).
type Record struct {
	RecordVersion int            `json:"record_version"`
	Policy        RecordPolicy   `json:"policy"`
	AsOf          string         `json:"as_of"`
	InputDigest   string         `json:"input_digest"` // "sha256:" + hex, see FactsDigest
	Outcome       RecordOutcome  `json:"outcome"`
	Reasons       []RecordReason `json:"reasons"`
}

// RecordPolicy identifies the policy of a [Record].
type RecordPolicy struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Document string `json:"document"`
}

// RecordChoice is a scheme, channel and venue in a [Record] ("" for none).
type RecordChoice struct {
	Scheme  string `json:"scheme"`
	Channel string `json:"channel"`
	Venue   string `json:"venue"`
}

// RecordOutcome is the decision part of a [Record]. Lists are never null.
type RecordOutcome struct {
	RecordChoice
	Fallback  RecordChoice `json:"fallback"`
	Subsidies []string     `json:"subsidies"`
	Actions   []string     `json:"actions"`
	Groups    []string     `json:"groups"`
	Band      string       `json:"band"`  // "younger", "older" or "" (unknown gender)
	Phase     string       `json:"phase"` // campaign phase, or ""
}

// RecordReason is one reason of a [Record].
type RecordReason struct {
	Kind     string `json:"kind"`
	Rule     string `json:"rule"`
	Citation string `json:"citation"`
	Item     string `json:"item"` // group key, phase name or milestone ("2019-12-31 80%"), else ""
}

// NewRecord builds the audit record of decision d, made for resident r.
// The caller passes the same resident it routed: the record digests r's
// facts (factsDigest) and keeps nothing else of them.
func NewRecord(d routing.Decision, r eligibility.Resident) Record {
	id, version := d.Policy()
	doc := ""
	if rb := d.Rulebook(); rb != nil {
		doc = rb.Document
	}
	rec := Record{
		RecordVersion: RecordVersion,
		Policy:        RecordPolicy{ID: id, Version: version, Document: doc},
		AsOf:          d.AsOf.String(),
		InputDigest:   factsDigest(r),
		Outcome: RecordOutcome{
			RecordChoice: recordChoice(routing.Choice{Outcome: d.Outcome, Channel: d.Channel, Venue: d.Venue}),
			Fallback:     recordChoice(d.Fallback),
			Subsidies:    keyList(d.Subsidies.String()),
			Actions:      keyList(d.Actions.String()),
			Groups:       groupKeys(d),
			Band:         recordKey(d.Band),
			Phase:        d.Phase,
		},
		Reasons: make([]RecordReason, 0, d.NumReasons()),
	}
	for i := range d.NumReasons() {
		rs := d.Reason(i)
		item := rs.Item
		rec.Reasons = append(rec.Reasons, RecordReason{Kind: rs.Kind.String(), Rule: rs.RuleID, Citation: rs.Citation.String(), Item: item})
	}
	return rec
}

// EncodeRecord writes rec as indented JSON with a final newline. The same
// record always gives the same bytes.
func EncodeRecord(w io.Writer, rec Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rec)
}

// canonicalFacts returns the canonical encoding of the facts of r that
// routing reads, the input of [FactsDigest]: the line FactsVersion, then one
// "key=value" line per fact, in this order and always all of them:
//
//	birth=2006-01-02          effective birth date ("" if unknown)
//	gender=male               effective gender (male, female, unknown)
//	hukou_local=true
//	employment=not_employed   the keys of the case format
//	platform=unknown
//	licence="导游"            Go-quoted
//	insured=none
//	status=unknown
//	location=unknown
//	tier=1000.01              shortest decimal form, "0" when unset
//	flags=land_acquired,village_cadre
//	land_acquired_on=
//	contact=unknown
//
// Each line ends with "\n". The name, the identity number, the 户籍地 and
// the village are not part of it.
func canonicalFacts(r eligibility.Resident) string {
	var b strings.Builder
	line := func(k, v string) {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(v)
		b.WriteByte('\n')
	}
	b.WriteString(FactsVersion)
	b.WriteByte('\n')
	line("birth", r.EffectiveBirth().String())
	line("gender", r.EffectiveGender().String())
	line("hukou_local", strconv.FormatBool(r.Hukou.Local))
	line("employment", r.Employment.Kind.String())
	line("platform", r.Employment.Platform.String())
	line("licence", strconv.Quote(r.Employment.Licence))
	line("insured", r.Insurance.Scheme.String())
	line("status", r.Insurance.Status.String())
	line("location", r.Insurance.Location.String())
	line("tier", r.ResidentTier.String())
	line("flags", strings.ReplaceAll(r.Flags.String(), "|", ","))
	line("land_acquired_on", r.LandAcquiredOn.String())
	line("contact", r.Contact.String())
	return b.String()
}

// factsDigest returns "sha256:" followed by the hex SHA-256 of
// [canonicalFacts](r). Two residents with the same routing facts have the
// same digest whatever their names and identity numbers. A digest is not
// anonymisation (a birth date can be guessed); it lets an auditor check
// that a record was made from given facts.
func factsDigest(r eligibility.Resident) string {
	sum := sha256.Sum256([]byte(canonicalFacts(r)))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// recordChoice is c as a record writes it: "" for no outcome, channel or
// venue (not the keys "none").
func recordChoice(c routing.Choice) RecordChoice {
	return RecordChoice{Scheme: recordKey(c.Outcome), Channel: recordKey(c.Channel), Venue: recordKey(c.Venue)}
}

// recordKey is e's key, or "" for the zero value (none, any), as the
// record format has always written it.
func recordKey[E interface {
	~uint8
	String() string
}](e E) string {
	if e == 0 {
		return ""
	}
	return e.String()
}

func keyList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func groupKeys(d routing.Decision) []string {
	rb := d.Rulebook()
	if rb == nil {
		return []string{}
	}
	return keyList(rb.Keys(d.Groups))
}
