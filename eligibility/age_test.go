package eligibility_test

import (
	"errors"
	"testing"

	"github.com/canbao/kuomian/eligibility"
)

func TestAgeOnBirthdayBoundaries(t *testing.T) {
	// For each age the routing rules use, the day before, of and after the
	// birthday.
	for _, age := range []int{16, 40, 45, 59, 60} {
		birth := d("1980-06-15").AddYears(-age + 43) // born so that the birthday falls in 2023
		birthday := birth.AddYears(age)
		tests := []struct {
			on   eligibility.Date
			want int
		}{
			{birthday.AddDays(-1), age - 1},
			{birthday, age},
			{birthday.AddDays(1), age},
		}
		for _, tt := range tests {
			if got := eligibility.AgeOn(birth, tt.on); got != tt.want {
				t.Errorf("AgeOn(%v, %v) = %d, want %d", birth, tt.on, got, tt.want)
			}
		}
	}
}

func TestAgeOn(t *testing.T) {
	tests := []struct {
		name, birth, asOf string
		want              int
	}{
		{"birth day", "2000-05-10", "2000-05-10", 0},
		{"day before first birthday", "2000-05-10", "2001-05-09", 0},
		{"first birthday", "2000-05-10", "2001-05-10", 1},
		{"year end", "1949-12-31", "2023-12-30", 73},
		{"year end birthday", "1949-12-31", "2023-12-31", 74},
		{"new year's day birth", "1980-01-01", "2023-12-31", 43},
		// 29 February: in a common year the birthday is reached on 1 March.
		{"leap birth, 28 Feb common year", "2000-02-29", "2023-02-28", 22},
		{"leap birth, 1 Mar common year", "2000-02-29", "2023-03-01", 23},
		{"leap birth, 28 Feb leap year", "2000-02-29", "2024-02-28", 23},
		{"leap birth, 29 Feb leap year", "2000-02-29", "2024-02-29", 24},
		{"leap birth, 16 on 1 Mar", "2004-02-29", "2020-02-29", 16},
		{"leap birth, 60 on 1 Mar 2023", "1964-02-29", "2023-03-01", 59},
		{"28 Feb birth in a leap year", "2000-02-28", "2024-02-28", 24},
		{"1 Mar birth in a leap year", "2000-03-01", "2024-02-29", 23},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := eligibility.AgeOn(d(tt.birth), d(tt.asOf)); got != tt.want {
				t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.birth, tt.asOf, got, tt.want)
			}
		})
	}
}

func TestAgeOnUnknown(t *testing.T) {
	var z eligibility.Date
	if got := eligibility.AgeOn(z, d("2023-01-01")); got != -1 {
		t.Errorf("AgeOn(zero, …) = %d, want -1", got)
	}
	if got := eligibility.AgeOn(d("2000-01-01"), z); got != -1 {
		t.Errorf("AgeOn(…, zero) = %d, want -1", got)
	}
	if got := eligibility.AgeOn(d("2000-01-02"), d("2000-01-01")); got != -1 {
		t.Errorf("AgeOn before birth = %d, want -1", got)
	}
}

func TestBirthdayOn(t *testing.T) {
	tests := []struct {
		birth string
		year  int
		want  string
	}{
		{"2000-02-29", 2023, "2023-03-01"},
		{"2000-02-29", 2024, "2024-02-29"},
		{"1980-06-15", 2023, "2023-06-15"},
		{"1980-06-15", 0, ""},
	}
	for _, tt := range tests {
		got := eligibility.BirthdayOn(d(tt.birth), tt.year)
		if got.String() != tt.want {
			t.Errorf("BirthdayOn(%s, %d) = %v, want %q", tt.birth, tt.year, got, tt.want)
		}
		if !got.IsZero() && eligibility.AgeOn(d(tt.birth), got) != tt.year-d(tt.birth).Year() {
			t.Errorf("AgeOn disagrees with BirthdayOn(%s, %d)", tt.birth, tt.year)
		}
		if !got.IsZero() && eligibility.AgeOn(d(tt.birth), got.AddDays(-1)) != tt.year-d(tt.birth).Year()-1 {
			t.Errorf("AgeOn the day before BirthdayOn(%s, %d) is not one less", tt.birth, tt.year)
		}
	}
}

func TestAgeBand(t *testing.T) {
	band := eligibility.AgeBand{Min: 16, Max: 59} // 罗东: 16-59周岁
	for age, want := range map[int]bool{-1: false, 0: false, 15: false, 16: true, 40: true, 59: true, 60: false} {
		if got := band.Contains(age); got != want {
			t.Errorf("%v.Contains(%d) = %v, want %v", band, age, got, want)
		}
	}
	over := eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}
	if !over.Contains(60) || !over.Contains(120) || over.Contains(59) {
		t.Errorf("60+ band wrong")
	}
	if band.String() != "16-59" || over.String() != "60+" {
		t.Errorf("String = %q, %q", band, over)
	}
	if !(eligibility.AgeBand{}).IsZero() || band.IsZero() {
		t.Error("IsZero wrong")
	}
}

// TestAgeOnExtremes checks documented answers at the ends of the calendar and
// for 29 February births in the years around it.
func TestAgeOnExtremes(t *testing.T) {
	tests := []struct {
		birth, asOf string
		want        int
	}{
		{"0001-01-01", "9999-12-31", 9998},
		{"0001-01-02", "9999-01-01", 9997},
		{"9999-12-31", "9999-12-31", 0},
		{"9999-12-31", "9999-12-30", -1}, // before birth
		{"0004-02-29", "0005-02-28", 0},
		{"0004-02-29", "0005-03-01", 1},
		{"1896-02-29", "1900-02-28", 3}, // 1900 is a common year
		{"1896-02-29", "1900-03-01", 4},
		{"1996-02-29", "2000-02-29", 4},
		{"2000-02-29", "2100-02-28", 99},
		{"2000-02-29", "2100-03-01", 100},
	}
	for _, tt := range tests {
		if got := eligibility.AgeOn(d(tt.birth), d(tt.asOf)); got != tt.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.birth, tt.asOf, got, tt.want)
		}
	}
}

// TestAgeBandOpenEnded checks that MaxAge makes a band open-ended: an
// implausible age still falls in 60周岁以上, and a closed band keeps its
// bound.
func TestAgeBandOpenEnded(t *testing.T) {
	over := eligibility.AgeBand{Min: 60, Max: eligibility.MaxAge}
	age := eligibility.AgeOn(d("1023-05-01"), d("2023-06-30"))
	if age != 1000 || !over.Contains(age) || !over.Contains(eligibility.MaxAge+1) {
		t.Errorf("60+ band does not contain age %d", age)
	}
	closed := eligibility.AgeBand{Min: 16, Max: 59}
	if closed.Contains(1000) {
		t.Error("16-59 band contains 1000")
	}
	// Such a birth date is reported by Validate.
	r := eligibility.Resident{Birth: d("1023-05-01")}
	if err := r.Validate(eligibility.Date{}); !errors.Is(err, eligibility.ErrOutOfRange) {
		t.Errorf("Validate(born 1023) = %v, want ErrOutOfRange", err)
	}
}
