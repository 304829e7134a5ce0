package eligibility_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
)

func TestResidentValidate(t *testing.T) {
	id := eligibility.MustParseIDNumber("11010519491231002X") // woman born 1949-12-31
	tests := []struct {
		name  string
		r     eligibility.Resident
		field string
		want  error
	}{
		{"gender mismatch", eligibility.Resident{ID: id, Gender: eligibility.Male}, "Gender", eligibility.ErrGenderMismatch},
		{"birth mismatch", eligibility.Resident{ID: id, Birth: d("1949-12-30")}, "Birth", eligibility.ErrBirthMismatch},
		{"gender out of range", eligibility.Resident{Gender: 7}, "Gender", eligibility.ErrOutOfRange},
		{"scheme out of range", eligibility.Resident{Insurance: eligibility.Insurance{Scheme: 9}}, "Insurance.Scheme", eligibility.ErrOutOfRange},
		{"undefined flag", eligibility.Resident{Flags: 1 << 20}, "Flags", eligibility.ErrOutOfRange},
		{"platform for a non-platform worker", eligibility.Resident{Employment: eligibility.Employment{Kind: eligibility.NotEmployed, Platform: eligibility.PlatformCourier}}, "Employment.Platform", eligibility.ErrInconsistent},
		{"licence for a student", eligibility.Resident{Employment: eligibility.Employment{Kind: eligibility.Student, Licence: "律师"}}, "Employment.Licence", eligibility.ErrInconsistent},
		{"negative tier", eligibility.Resident{Insurance: eligibility.Insurance{Scheme: eligibility.SchemeResident}, ResidentTier: tier("-100")}, "ResidentTier", eligibility.ErrOutOfRange},
		{"tier without 城乡居民", eligibility.Resident{ResidentTier: tier("500")}, "ResidentTier", eligibility.ErrInconsistent},
		{"status without scheme", eligibility.Resident{Insurance: eligibility.Insurance{Status: eligibility.StatusSuspended}}, "Insurance", eligibility.ErrInconsistent},
		{"land date without flag", eligibility.Resident{LandAcquiredOn: d("2022-05-01")}, "LandAcquiredOn", eligibility.ErrInconsistent},
		{"born after as-of", eligibility.Resident{Birth: d("2024-01-01")}, "Birth", eligibility.ErrAfterAsOf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate(asOf2023)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Validate() = %v, want %v", err, tt.want)
			}
			var re *eligibility.ResidentError
			if !errors.As(err, &re) || re.Field != tt.field {
				t.Errorf("Validate() = %#v, want field %s", err, tt.field)
			}
			if strings.Contains(err.Error(), "11010519491231002X") {
				t.Errorf("error contains the identity number: %v", err)
			}
		})
	}
	ok := eligibility.Resident{
		ID: id, Gender: eligibility.Female, Birth: d("1949-12-31"),
		Insurance:      eligibility.Insurance{Scheme: eligibility.SchemeResident, Status: eligibility.StatusActive, Location: eligibility.InDistrict},
		ResidentTier:   tier("1200"),
		Flags:          eligibility.FlagLandAcquired,
		LandAcquiredOn: d("2022-05-01"),
		Employment:     eligibility.Employment{Kind: eligibility.PlatformWorker, Platform: eligibility.PlatformCourier},
	}
	if err := ok.Validate(asOf2023); err != nil {
		t.Errorf("Validate() on a consistent resident = %v", err)
	}
}

func TestEffectiveGenderBirth(t *testing.T) {
	id := eligibility.MustParseIDNumber("11010519491231002X")
	r := eligibility.Resident{ID: id}
	if r.EffectiveGender() != eligibility.Female || r.EffectiveBirth() != d("1949-12-31") {
		t.Errorf("from ID: %v %v", r.EffectiveGender(), r.EffectiveBirth())
	}
	r.Gender, r.Birth = eligibility.Male, d("1950-01-01")
	if r.EffectiveGender() != eligibility.Male || r.EffectiveBirth() != d("1950-01-01") {
		t.Errorf("stated values must win: %v %v", r.EffectiveGender(), r.EffectiveBirth())
	}
	var none eligibility.Resident
	if none.EffectiveGender() != eligibility.GenderUnknown || !none.EffectiveBirth().IsZero() {
		t.Error("no facts must give unknown values")
	}
}
