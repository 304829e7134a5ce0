package routing

import (
	"fmt"
	"strings"

	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/internal/suggest"
)

// NameError reports a name that is not in an enumeration: an unknown scheme,
// group, channel, flag, … in a policy file or a case file.
type NameError struct {
	Kind    string // what was being named, e.g. "group"
	Name    string // the unknown name as written
	Suggest string // the closest known name, or ""
}

func (e *NameError) Error() string {
	if e.Suggest != "" {
		return fmt.Sprintf("unknown %s %q (did you mean %q?)", e.Kind, e.Name, e.Suggest)
	}
	return fmt.Sprintf("unknown %s %q", e.Kind, e.Name)
}

// Unwrap returns [ErrUnknownName].
func (e *NameError) Unwrap() error { return ErrUnknownName }

// unknownName reports s as unknown, suggesting the nearest of the known
// keys.
func unknownName(kind string, known []string, s string) *NameError {
	// The name as written is masked (an identity number typed where a name
	// belongs never comes back whole); the suggestion is a known word.
	return &NameError{Kind: kind, Name: privacy.Quote(s, 40), Suggest: suggest.Closest(strings.TrimSpace(s), known)}
}
