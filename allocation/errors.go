package allocation

import (
	"errors"
	"fmt"
	"strings"
)

// These are the sentinel errors of the package. The typed errors below wrap
// them, so callers test with errors.Is and read the details with errors.As.
var (
	// ErrTie: units with equal claims compete for fewer seats, and no tie
	// rule was given. Returned in a *TieError.
	ErrTie = errors.New("tie")
	// ErrNegative: a weight, total or bound is negative. Returned in an
	// *InputError.
	ErrNegative = errors.New("negative number")
	// ErrZeroWeights: every weight is zero but there is something to
	// share. Returned in an *InputError.
	ErrZeroWeights = errors.New("all weights are zero")
	// ErrMinAboveMax: a unit's lower bound exceeds its upper bound.
	// Returned in an *InputError.
	ErrMinAboveMax = errors.New("lower bound above upper bound")
	// ErrInfeasible: the bounds cannot be met with the total (the lower
	// bounds sum above it, or the upper bounds of the units that can take
	// seats sum below it). Returned in a *BoundsError.
	ErrInfeasible = errors.New("bounds cannot be met")
	// ErrTooFewSeats: Adams, Dean and Huntington-Hill give every unit of
	// positive weight a first seat; there are seats to share (the total is
	// above the sum of the lower bounds) but fewer than such units. (With
	// nothing to share, every unit simply gets its lower bound.) Returned in
	// a *TooFewSeatsError.
	ErrTooFewSeats = errors.New("fewer seats than units of positive weight")
	// ErrOverflow: a sum or product does not fit in an int64. Returned in an
	// *InputError.
	ErrOverflow = errors.New("number too large")
	// ErrUnknownMethod: ParseMethod does not know the name, or a method
	// value is invalid. Returned in a *ParseError or *InputError.
	ErrUnknownMethod = errors.New("unknown method")
	// ErrUnknownTieRule: ParseTieRule does not know the name, or a tie rule
	// value is invalid.
	ErrUnknownTieRule = errors.New("unknown tie rule")
	// ErrRate: a rate is malformed or negative. Returned in a *ParseError.
	ErrRate = errors.New("invalid rate")
	// ErrZeroDenominator: a fraction with denominator zero.
	ErrZeroDenominator = errors.New("zero denominator")
	// ErrMismatch: two lists that must have the same length (published
	// cells and units, two results) do not.
	ErrMismatch = errors.New("lengths differ")
)

// InputError reports a bad number in the input. Index is the unit's position
// in the input (−1 when the error concerns the whole input, such as the
// total); Field names the number (weight, min, max, total, …).
type InputError struct {
	Index int
	Name  string
	Field string
	Value int64
	Err   error
}

// Error describes the error.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("allocation: ")
	if e.Index >= 0 {
		fmt.Fprintf(&b, "unit %d", e.Index)
		if e.Name != "" {
			b.WriteString(" (" + quoteShort(e.Name) + ")")
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		if e.Value != 0 {
			fmt.Fprintf(&b, " %d", e.Value)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *InputError) Unwrap() error { return e.Err }

// BoundsError reports bounds that cannot be met. SumMin is the sum of the
// lower bounds; SumMax the largest total the units can take (the upper bounds
// of units of positive weight plus the lower bounds of units of zero weight),
// or −1 when some unit of positive weight has no upper bound. Sums that do not
// fit in an int64 are reported as math.MaxInt64.
type BoundsError struct {
	Total  int64
	SumMin int64
	SumMax int64
	Err    error
}

// Error describes the error.
func (e *BoundsError) Error() string {
	if e.SumMin > e.Total {
		return fmt.Sprintf("allocation: lower bounds sum to %d, above the total %d: %v", e.SumMin, e.Total, e.Err)
	}
	return fmt.Sprintf("allocation: the units can take at most %d, below the total %d: %v", e.SumMax, e.Total, e.Err)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *BoundsError) Unwrap() error { return e.Err }

// TooFewSeatsError reports a total smaller than the number of units that
// Adams, Dean or Huntington-Hill must each give a first seat.
type TooFewSeatsError struct {
	Method Method
	Seats  int64 // seats available after the lower bounds
	Units  int   // units owed a first seat
}

// Error describes the error.
func (e *TooFewSeatsError) Error() string {
	return fmt.Sprintf("allocation: %s: %d seats for %d units that each need a first seat: %v", e.Method, e.Seats, e.Units, ErrTooFewSeats)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *TooFewSeatsError) Unwrap() error { return ErrTooFewSeats }

// TieError reports a tie that no tie rule settled. Partial holds everything
// but the tie: the allocation with the tied seats not yet given to anyone, so
// its Sum is short of the target by Tie.Seats.
type TieError struct {
	Method  Method
	Tie     Tie
	Partial Result
}

// Error describes the error.
func (e *TieError) Error() string {
	return fmt.Sprintf("allocation: %s: %s", e.Method, e.Tie)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *TieError) Unwrap() error { return ErrTie }

// ParseError reports text that is not a method, tie rule or rate. Err is
// ErrUnknownMethod, ErrUnknownTieRule or ErrRate. Input is the
// text (cut to 40 characters in the message).
type ParseError struct {
	What  string // "method", "tie rule", "rate"
	Input string
	Err   error
}

// Error describes the error; it never includes more than 40 characters of
// the input.
func (e *ParseError) Error() string {
	in := e.Input
	if r := []rune(in); len(r) > 40 {
		in = string(r[:40]) + "…"
	}
	return fmt.Sprintf("allocation: parsing %s %q: %v", e.What, in, e.Err)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *ParseError) Unwrap() error { return e.Err }
