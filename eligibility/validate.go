package eligibility

import (
	"errors"
	"strconv"
)

// These are the errors that can be returned in [ResidentError].Err.
var (
	ErrGenderMismatch = errors.New("stated gender differs from the identity number")
	ErrBirthMismatch  = errors.New("stated birth date differs from the identity number")
	ErrOutOfRange     = errors.New("value out of range")
	ErrInconsistent   = errors.New("facts contradict each other")
	ErrAfterAsOf      = errors.New("date after the as-of date")
)

// ResidentError reports one problem with a [Resident]'s facts.
type ResidentError struct {
	Field  string // the Go field path, e.g. "Insurance.Status" or "ResidentTier"
	Masked string // the resident's identity number, masked ("" when none)
	Detail string // what is wrong, in words
	Err    error  // one of the sentinel errors above
}

// Error returns the message: the masked identity number, the field, the
// sentinel and the detail.
func (e *ResidentError) Error() string {
	msg := "eligibility: resident"
	if e.Masked != "" {
		msg += " " + e.Masked
	}
	msg += ": " + e.Field + ": " + e.Err.Error()
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap returns e.Err.
func (e *ResidentError) Unwrap() error { return e.Err }

// Validate checks that r's facts are in range and agree with each other, and
// returns every problem found, joined with errors.Join (each a
// [*ResidentError]; use errors.As for the first or errors.Is with a
// sentinel). It returns nil when there is none.
//
// It checks: enumeration values in range and no undefined flag; a stated
// gender or birth date agreeing with the identity number; a platform kind
// only for a platform worker and a licence only for a licensed freelancer;
// a 城乡居民 tier that is not negative and is set only for a resident in
// 城乡居民; a contribution status or location only for an insured resident;
// a 征地日期 only with [FlagLandAcquired]; a birth date not before
// [minIDBirthYear] (an earlier one is a typing error, and would make the
// person older than any age band's bound). When asOf is set, it also refuses
// a birth date or 征地日期 after asOf. It does not read the clock.
func (r Resident) Validate(asOf Date) error {
	var errs []error
	add := func(field string, err error, detail string) {
		errs = append(errs, &ResidentError{Field: field, Masked: r.ID.Masked(), Detail: detail, Err: err})
	}
	if r.Gender > Female {
		add("Gender", ErrOutOfRange, strconv.Itoa(int(r.Gender)))
	}
	if r.Employment.Kind > Student {
		add("Employment.Kind", ErrOutOfRange, r.Employment.Kind.String())
	}
	if r.Employment.Platform > PlatformOther {
		add("Employment.Platform", ErrOutOfRange, r.Employment.Platform.String())
	}
	if r.Insurance.Scheme > SchemeOther {
		add("Insurance.Scheme", ErrOutOfRange, r.Insurance.Scheme.String())
	}
	if r.Insurance.Status > StatusSuspended {
		add("Insurance.Status", ErrOutOfRange, r.Insurance.Status.String())
	}
	if r.Insurance.Location > OutsideCity {
		add("Insurance.Location", ErrOutOfRange, r.Insurance.Location.String())
	}
	if r.Contact > ContactNotLocal {
		add("Contact", ErrOutOfRange, r.Contact.String())
	}
	if undefined := r.Flags &^ (1<<numFlags - 1); undefined != 0 {
		add("Flags", ErrOutOfRange, undefined.String())
	}
	if !r.ID.IsZero() {
		if r.Gender != GenderUnknown && r.Gender <= Female && r.Gender != r.ID.Gender() {
			add("Gender", ErrGenderMismatch, "stated "+r.Gender.String()+", number says "+r.ID.Gender().String())
		}
		if !r.Birth.IsZero() && r.Birth != r.ID.BirthDate() {
			add("Birth", ErrBirthMismatch, "stated "+r.Birth.String())
		}
	}
	if r.Employment.Platform != PlatformUnknown && r.Employment.Kind != PlatformWorker {
		add("Employment.Platform", ErrInconsistent, "platform kind for "+r.Employment.Kind.String())
	}
	if r.Employment.Licence != "" && r.Employment.Kind != LicensedFreelancer {
		add("Employment.Licence", ErrInconsistent, "licence for "+r.Employment.Kind.String())
	}
	if r.ResidentTier.Sign() < 0 {
		add("ResidentTier", ErrOutOfRange, "negative tier "+decimalText(r.ResidentTier))
	} else if r.ResidentTier.Sign() > 0 && r.Insurance.Scheme != SchemeResident {
		add("ResidentTier", ErrInconsistent, "tier without 城乡居民 insurance")
	}
	if r.Insurance.Scheme == SchemeNone && (r.Insurance.Status != StatusUnknown || r.Insurance.Location != LocationUnknown) {
		add("Insurance", ErrInconsistent, "status or location without a scheme")
	}
	if !r.LandAcquiredOn.IsZero() && r.Flags&FlagLandAcquired == 0 {
		add("LandAcquiredOn", ErrInconsistent, "date without FlagLandAcquired")
	}
	if b := r.EffectiveBirth(); !b.IsZero() && b.Year() < minIDBirthYear {
		add("Birth", ErrOutOfRange, "born "+b.String()+", before "+strconv.Itoa(minIDBirthYear))
	}
	if !asOf.IsZero() {
		if b := r.EffectiveBirth(); b.After(asOf) {
			add("Birth", ErrAfterAsOf, "born after "+asOf.String())
		}
		if r.LandAcquiredOn.After(asOf) {
			add("LandAcquiredOn", ErrAfterAsOf, r.LandAcquiredOn.String())
		}
	}
	return errors.Join(errs...)
}
