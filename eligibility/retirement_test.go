package eligibility_test

import (
	"fmt"
	"testing"

	"github.com/canbao/kuomian/eligibility"
)

// TestRetirementCohortBoundaries checks the month before each cohort starts,
// the first cohort, the step to the next delay month, the month before the
// cap and the cap, against the 附件 tables of 国务院关于渐进式延迟法定退休年龄的办法.
func TestRetirementCohortBoundaries(t *testing.T) {
	tests := []struct {
		class          eligibility.RetirementClass
		born           string // first of the birth month
		years, months  int
		retirementDate string
	}{
		{eligibility.Male60, "1964-12-01", 60, 0, "2024-12-01"},
		{eligibility.Male60, "1965-01-01", 60, 1, "2025-02-01"},
		{eligibility.Male60, "1965-04-01", 60, 1, "2025-05-01"},
		{eligibility.Male60, "1965-05-01", 60, 2, "2025-07-01"},
		{eligibility.Male60, "1966-01-01", 60, 4, "2026-05-01"},
		{eligibility.Male60, "1970-01-01", 61, 4, "2031-05-01"},
		{eligibility.Male60, "1976-08-01", 62, 11, "2039-07-01"},
		{eligibility.Male60, "1976-09-01", 63, 0, "2039-09-01"},
		{eligibility.Male60, "1990-06-01", 63, 0, "2053-06-01"},

		{eligibility.Female55, "1969-12-01", 55, 0, "2024-12-01"},
		{eligibility.Female55, "1970-01-01", 55, 1, "2025-02-01"},
		{eligibility.Female55, "1970-05-01", 55, 2, "2025-07-01"},
		{eligibility.Female55, "1981-08-01", 57, 11, "2039-07-01"},
		{eligibility.Female55, "1981-09-01", 58, 0, "2039-09-01"},

		{eligibility.Female50, "1974-12-01", 50, 0, "2024-12-01"},
		{eligibility.Female50, "1975-01-01", 50, 1, "2025-02-01"},
		{eligibility.Female50, "1975-02-01", 50, 1, "2025-03-01"},
		{eligibility.Female50, "1975-03-01", 50, 2, "2025-05-01"},
		{eligibility.Female50, "1980-01-01", 52, 7, "2032-08-01"},
		{eligibility.Female50, "1984-10-01", 54, 11, "2039-09-01"},
		{eligibility.Female50, "1984-11-01", 55, 0, "2039-11-01"},
		{eligibility.Female50, "1995-03-01", 55, 0, "2050-03-01"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/%s", tt.class, tt.born[:7]), func(t *testing.T) {
			// Every day of the birth month gives the same age and month.
			born := d(tt.born)
			for day := born; day.Month() == born.Month(); day = day.AddDays(1) {
				y, m := eligibility.RetirementAge(day, tt.class)
				if y != tt.years || m != tt.months {
					t.Fatalf("RetirementAge(%v) = %d y %d m, want %d y %d m", day, y, m, tt.years, tt.months)
				}
				got := eligibility.RetirementDate(day, tt.class)
				if got.Year() != d(tt.retirementDate).Year() || got.Month() != d(tt.retirementDate).Month() {
					t.Fatalf("RetirementDate(%v) = %v, want in %s", day, got, tt.retirementDate[:7])
				}
			}
			if got := eligibility.RetirementDate(born, tt.class); got != d(tt.retirementDate) {
				t.Errorf("RetirementDate(%v) = %v, want %s", born, got, tt.retirementDate)
			}
		})
	}
}

func TestRetirementDateDayRule(t *testing.T) {
	tests := []struct {
		born  string
		class eligibility.RetirementClass
		want  string
	}{
		{"1965-01-31", eligibility.Male60, "2025-02-28"},   // 60 y 1 m: clamped to February's last day
		{"1965-01-15", eligibility.Male60, "2025-02-15"},   // the birth day of month
		{"1964-02-29", eligibility.Female55, "2019-02-28"}, // no delay, common year: clamped
		{"1964-02-29", eligibility.Male60, "2024-02-29"},   // no delay, leap year
		{"1975-12-31", eligibility.Female50, "2026-06-30"}, // delay 11/2+1 = 6 months: 50 y 6 m
		{"1968-02-29", eligibility.Male60, "2028-12-29"},   // delay 37/4+1 = 10 months
	}
	for _, tt := range tests {
		if got := eligibility.RetirementDate(d(tt.born), tt.class); got != d(tt.want) {
			t.Errorf("RetirementDate(%s, %v) = %v, want %s", tt.born, tt.class, got, tt.want)
		}
	}
}

func TestRetirementUnknown(t *testing.T) {
	if !eligibility.RetirementDate(eligibility.Date{}, eligibility.Male60).IsZero() {
		t.Error("unset birth must give the zero Date")
	}
	if !eligibility.RetirementDate(d("1970-01-01"), eligibility.RetirementUnknown).IsZero() {
		t.Error("unknown class must give the zero Date")
	}
	if y, m := eligibility.RetirementAge(d("1970-01-01"), eligibility.RetirementClass(9)); y != 0 || m != 0 {
		t.Error("invalid class must give 0, 0")
	}
}

func TestRetirementClassOf(t *testing.T) {
	tests := []struct {
		g      eligibility.Gender
		female int
		want   eligibility.RetirementClass
	}{
		{eligibility.Male, 55, eligibility.Male60},
		{eligibility.Female, 55, eligibility.Female55},
		{eligibility.Female, 50, eligibility.Female50},
		{eligibility.Female, 60, eligibility.RetirementUnknown},
		{eligibility.GenderUnknown, 55, eligibility.RetirementUnknown},
	}
	for _, tt := range tests {
		if got := eligibility.RetirementClassOf(tt.g, tt.female); got != tt.want {
			t.Errorf("RetirementClassOf(%v, %d) = %v, want %v", tt.g, tt.female, got, tt.want)
		}
	}
	if eligibility.Male60.BaseAge() != 60 || eligibility.Female55.BaseAge() != 55 || eligibility.Female50.BaseAge() != 50 {
		t.Error("BaseAge wrong")
	}
}

func TestMinContributionMonths(t *testing.T) {
	tests := map[int]int{
		1990: 180, 2025: 180, 2029: 180,
		2030: 186, 2031: 192, 2032: 198, 2035: 216, 2038: 234,
		2039: 240, 2040: 240, 2100: 240,
	}
	for year, want := range tests {
		if got := eligibility.MinContributionMonths(year); got != want {
			t.Errorf("MinContributionMonths(%d) = %d, want %d", year, got, want)
		}
	}
}
