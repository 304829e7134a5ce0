package audit

// Unexported functions the external tests (package audit_test) check.
var (
	CanonicalFacts = canonicalFacts
	FactsDigest    = factsDigest
)
