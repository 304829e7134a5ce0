package policytest

// ResolveGroups exposes groupSet to the external tests.
var ResolveGroups = groupSet

// KeyNames returns every key of the case format with its aliases.
func KeyNames() [][]string {
	out := [][]string{{"case", "用例"}}
	for _, k := range caseKeys {
		out = append(out, append([]string{k.canon}, k.aliases...))
	}
	return out
}
