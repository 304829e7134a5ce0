package routing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/privacy"
)

// These are the sentinel errors of the package. Errors returned by its
// functions wrap one of them; test with errors.Is.
var (
	ErrOutsidePeriod  = errors.New("as-of date outside the policy's effective period")
	ErrNoBirthDate    = errors.New("resident has no birth date (neither stated nor from a valid ID number)")
	ErrBornAfterAsOf  = errors.New("resident born after the as-of date")
	ErrNoGender       = errors.New("resident's gender is unknown but the policy's age line needs it")
	ErrNoRule         = errors.New("no route rule matches the resident")
	ErrUnknownName    = errors.New("unknown name")
	ErrUnknownKey     = errors.New("unknown key")
	ErrDuplicate      = errors.New("duplicate")
	ErrSyntax         = errors.New("syntax error")
	ErrMissing        = errors.New("missing value")
	ErrBadValue       = errors.New("bad value")
	ErrInvalidPolicy  = errors.New("invalid policy")
	ErrRetirementRule = errors.New("retirement schedule gives no date for the resident")
)

// PeriodError reports an as-of date outside a policy's effective period.
type PeriodError struct {
	Policy string           // policy ID
	AsOf   eligibility.Date // the date asked for
	Period Period           // the effective period
}

func (e *PeriodError) Error() string {
	return fmt.Sprintf("routing: policy %s is in force from %s to %s, not on %s",
		e.Policy, e.Period.From, e.Period.To, e.AsOf)
}

// Unwrap returns [ErrOutsidePeriod].
func (e *PeriodError) Unwrap() error { return ErrOutsidePeriod }

// FactError reports a resident whose facts do not allow a decision. It
// never quotes a full identity number: ID is masked.
type FactError struct {
	ID  string // masked identity number, or ""
	Err error  // ErrNoBirthDate, ErrBornAfterAsOf, ErrNoGender, ErrNoRule, ErrRetirementRule
}

func (e *FactError) Error() string {
	if e.ID != "" {
		return "routing: resident " + e.ID + ": " + e.Err.Error()
	}
	return "routing: " + e.Err.Error()
}

// Unwrap returns the underlying sentinel.
func (e *FactError) Unwrap() error { return e.Err }

// LoadError reports a policy file that cannot be decoded: bad JSON, an
// unknown or duplicate key, a value of the wrong type, an unknown name.
type LoadError struct {
	Path    string // where in the document, e.g. "rules[3].when"; "" for the top level
	Key     string // the offending key, if any
	Suggest string // the known key it resembles, if any
	Err     error  // ErrUnknownKey, ErrDuplicate, ErrSyntax, ErrBadValue, a *NameError, a date error, or the reader's own error
}

func (e *LoadError) Error() string {
	// A policy file may hold an identity number where a name or key was
	// expected: the message never carries one whole.
	return privacy.Quote(e.message(), maxMessage)
}

// maxMessage bounds the messages of the errors of this package.
const maxMessage = 4096

func (e *LoadError) message() string {
	var b strings.Builder
	b.WriteString("routing: policy")
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	switch {
	case e.Key != "" && errors.Is(e.Err, ErrUnknownKey):
		fmt.Fprintf(&b, "unknown key %q", e.Key)
		if e.Suggest != "" {
			fmt.Fprintf(&b, " (did you mean %q?)", e.Suggest)
		}
	case e.Key != "" && errors.Is(e.Err, ErrDuplicate):
		fmt.Fprintf(&b, "duplicate key %q", e.Key)
	default:
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *LoadError) Unwrap() error { return e.Err }

// ValidationError reports a policy with at least one finding of
// [SeverityError]. Findings holds every finding, errors and warnings alike;
// the message lists the first twenty errors.
type ValidationError struct {
	Policy   string
	Findings []Finding
}

func (e *ValidationError) Error() string { return privacy.Quote(e.message(), maxMessage) }

func (e *ValidationError) message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "routing: policy %q is invalid:", e.Policy)
	n := 0
	for _, f := range e.Findings {
		if f.Severity != SeverityError {
			continue
		}
		if n == maxListedFindings {
			fmt.Fprintf(&b, "\n\t… and %d more errors (see Findings)", countErrors(e.Findings)-n)
			break
		}
		b.WriteString("\n\t")
		b.WriteString(f.String())
		n++
	}
	return b.String()
}

// Unwrap returns [ErrInvalidPolicy].
func (e *ValidationError) Unwrap() error { return ErrInvalidPolicy }

// maxListedFindings bounds the findings a ValidationError message lists.
const maxListedFindings = 20

func countErrors(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == SeverityError {
			n++
		}
	}
	return n
}

// errorKeys names the sentinel errors a case can expect.
var errorKeys = []struct {
	key string
	err error
}{
	{"outside_period", ErrOutsidePeriod},
	{"no_birth_date", ErrNoBirthDate},
	{"born_after_as_of", ErrBornAfterAsOf},
	{"no_gender", ErrNoGender},
	{"no_rule", ErrNoRule},
}

// ErrorKey names the sentinel error err wraps, as policy test cases write
// it: "outside_period", "no_birth_date", "born_after_as_of", "no_gender",
// "no_rule", "none" for nil, and "other".
func ErrorKey(err error) string {
	if err == nil {
		return "none"
	}
	for _, k := range errorKeys {
		if errors.Is(err, k.err) {
			return k.key
		}
	}
	return "other"
}
