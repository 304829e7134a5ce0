package routing

// Unexported functions the external tests (package routing_test) check.
var (
	CanonicalFacts = canonicalFacts
	FactsDigest    = factsDigest
)
