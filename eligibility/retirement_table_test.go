package eligibility_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/canbao/kuomian/eligibility"
)

// ym is a year and month written "2006-01".
func ym(s string) (int, int) {
	var y, m int
	if _, err := fmt.Sscanf(s, "%4d-%2d", &y, &m); err != nil {
		panic(err)
	}
	return y, m
}

// TestRetirementOfficialTables checks rows of the three 对照表 annexed to
// 国务院关于渐进式延迟法定退休年龄的办法 (decision of the NPC Standing
// Committee of 2024-09-13): 附件1 男职工, 附件2 原法定退休年龄五十五周岁的女职工,
// 附件3 原法定退休年龄五十周岁的女职工. Each row gives a range of birth months
// (出生时间), the new statutory age (改革后法定退休年龄) and the range of
// retirement months (改革后退休时间); every birth month of the range is
// checked, on its first, 15th and last day.
func TestRetirementOfficialTables(t *testing.T) {
	rows := []struct {
		class              eligibility.RetirementClass
		bornFrom, bornTo   string
		years, months      int
		retireFrom, retire string
	}{
		// 附件1 男职工: one month of delay per four months of birth.
		{eligibility.Male60, "1964-09", "1964-12", 60, 0, "2024-09", "2024-12"}, // before the table: unchanged
		{eligibility.Male60, "1965-01", "1965-04", 60, 1, "2025-02", "2025-05"}, // first row
		{eligibility.Male60, "1965-05", "1965-08", 60, 2, "2025-07", "2025-10"},
		{eligibility.Male60, "1965-09", "1965-12", 60, 3, "2025-12", "2026-03"},
		{eligibility.Male60, "1966-01", "1966-04", 60, 4, "2026-05", "2026-08"},
		{eligibility.Male60, "1968-09", "1968-12", 61, 0, "2029-09", "2029-12"},
		{eligibility.Male60, "1970-01", "1970-04", 61, 4, "2031-05", "2031-08"},
		{eligibility.Male60, "1972-09", "1972-12", 62, 0, "2034-09", "2034-12"},
		{eligibility.Male60, "1975-05", "1975-08", 62, 8, "2038-01", "2038-04"},
		{eligibility.Male60, "1976-05", "1976-08", 62, 11, "2039-04", "2039-07"},
		{eligibility.Male60, "1976-09", "1976-12", 63, 0, "2039-09", "2039-12"}, // cap row
		{eligibility.Male60, "1977-01", "1977-12", 63, 0, "2040-01", "2040-12"}, // after the cap

		// 附件2 原法定退休年龄五十五周岁的女职工.
		{eligibility.Female55, "1969-09", "1969-12", 55, 0, "2024-09", "2024-12"},
		{eligibility.Female55, "1970-01", "1970-04", 55, 1, "2025-02", "2025-05"}, // first row
		{eligibility.Female55, "1970-05", "1970-08", 55, 2, "2025-07", "2025-10"},
		{eligibility.Female55, "1970-09", "1970-12", 55, 3, "2025-12", "2026-03"},
		{eligibility.Female55, "1971-01", "1971-04", 55, 4, "2026-05", "2026-08"},
		{eligibility.Female55, "1973-09", "1973-12", 56, 0, "2029-09", "2029-12"},
		{eligibility.Female55, "1977-09", "1977-12", 57, 0, "2034-09", "2034-12"},
		{eligibility.Female55, "1981-05", "1981-08", 57, 11, "2039-04", "2039-07"},
		{eligibility.Female55, "1981-09", "1981-12", 58, 0, "2039-09", "2039-12"}, // cap row
		{eligibility.Female55, "1982-01", "1982-12", 58, 0, "2040-01", "2040-12"},

		// 附件3 原法定退休年龄五十周岁的女职工: one month per two months of birth.
		{eligibility.Female50, "1974-11", "1974-12", 50, 0, "2024-11", "2024-12"},
		{eligibility.Female50, "1975-01", "1975-02", 50, 1, "2025-02", "2025-03"}, // first row
		{eligibility.Female50, "1975-03", "1975-04", 50, 2, "2025-05", "2025-06"},
		{eligibility.Female50, "1975-05", "1975-06", 50, 3, "2025-08", "2025-09"},
		{eligibility.Female50, "1975-11", "1975-12", 50, 6, "2026-05", "2026-06"},
		{eligibility.Female50, "1976-11", "1976-12", 51, 0, "2027-11", "2027-12"},
		{eligibility.Female50, "1977-01", "1977-02", 51, 1, "2028-02", "2028-03"},
		{eligibility.Female50, "1979-11", "1979-12", 52, 6, "2032-05", "2032-06"},
		{eligibility.Female50, "1984-09", "1984-10", 54, 11, "2039-08", "2039-09"},
		{eligibility.Female50, "1984-11", "1984-12", 55, 0, "2039-11", "2039-12"}, // cap row
		{eligibility.Female50, "1985-01", "1985-12", 55, 0, "2040-01", "2040-12"},
	}
	for _, row := range rows {
		t.Run(fmt.Sprintf("%v/%s..%s", row.class, row.bornFrom, row.bornTo), func(t *testing.T) {
			by, bm := ym(row.bornFrom)
			ey, em := ym(row.bornTo)
			ry, rm := ym(row.retireFrom)
			ly, lm := ym(row.retire)
			n := (ey-by)*12 + em - bm + 1
			if (ly-ry)*12+lm-rm+1 != n {
				t.Fatalf("bad row: %d birth months, retirement range of %d", n, (ly-ry)*12+lm-rm+1)
			}
			for k := 0; k < n; k++ {
				y, m := by+(bm-1+k)/12, (bm-1+k)%12+1
				wy, wm := ry+(rm-1+k)/12, (rm-1+k)%12+1
				first, _ := eligibility.NewDate(y, time.Month(m), 1)
				for _, day := range []eligibility.Date{first, first.AddDays(14), first.AddMonths(1).AddDays(-1)} {
					gy, gm := eligibility.RetirementAge(day, row.class)
					if gy != row.years || gm != row.months {
						t.Errorf("RetirementAge(%v) = %d岁%d个月, want %d岁%d个月", day, gy, gm, row.years, row.months)
					}
					got := eligibility.RetirementDate(day, row.class)
					if got.Year() != wy || int(got.Month()) != wm {
						t.Errorf("RetirementDate(%v) = %v, want in %04d-%02d", day, got, wy, wm)
					}
				}
			}
		})
	}
}

// TestRetirementPublishedResults checks single results published by other
// calculators of the reform, cited in the report: the test vectors of a
// widely used programming exercise on the decision (retire_time cases such as
// "1971-04", 原法定退休年龄55周岁女职工 → "2026-08,55.33,4") and results stated
// to agree with the 电子社保卡 mini-program (blog.csdn.net/qq_22385935,
// article 142263821).
func TestRetirementPublishedResults(t *testing.T) {
	tests := []struct {
		class        eligibility.RetirementClass
		born, retire string
		delay        int // months of delay, -1 when not published
	}{
		{eligibility.Female55, "1971-04", "2026-08", 4},
		{eligibility.Female50, "1995-12", "2050-12", 60},
		{eligibility.Male60, "1995-12", "2058-12", 36},
		{eligibility.Female55, "2000-12", "2058-12", 36},
		{eligibility.Male60, "2000-12", "2063-12", 36},
		{eligibility.Male60, "1965-12", "2026-03", 3},
		{eligibility.Male60, "1963-12", "2023-12", 0},
		{eligibility.Female55, "1963-04", "2018-04", 0},
		{eligibility.Male60, "1964-02", "2024-02", 0},
		{eligibility.Male60, "1965-01", "2025-02", 1},
		{eligibility.Male60, "1975-06", "2038-02", -1},
		{eligibility.Male60, "1988-09", "2051-09", -1},
		{eligibility.Male60, "1966-01", "2026-05", -1},
		{eligibility.Female55, "1970-06", "2025-08", -1},
		{eligibility.Female55, "1970-01", "2025-02", -1},
		{eligibility.Female55, "1971-06", "2026-11", -1},
		{eligibility.Female55, "1988-09", "2046-09", -1},
		{eligibility.Female55, "1970-09", "2025-12", -1},
		{eligibility.Female50, "1976-06", "2027-03", -1},
		{eligibility.Female50, "1975-06", "2025-09", -1},
		{eligibility.Female50, "1975-01", "2025-02", -1},
		{eligibility.Female50, "1977-01", "2028-02", -1},
		{eligibility.Female50, "1984-11", "2039-11", -1},
	}
	for _, tt := range tests {
		birth := d(tt.born + "-10")
		got := eligibility.RetirementDate(birth, tt.class)
		if got.String()[:7] != tt.retire {
			t.Errorf("RetirementDate(%s, %v) = %v, want in %s", tt.born, tt.class, got, tt.retire)
		}
		if tt.delay >= 0 {
			y, m := eligibility.RetirementAge(birth, tt.class)
			if delay := y*12 + m - tt.class.BaseAge()*12; delay != tt.delay {
				t.Errorf("delay(%s, %v) = %d months, want %d", tt.born, tt.class, delay, tt.delay)
			}
		}
	}
}

// TestRetirementFormulaEveryMonth checks every birth month from 1950-01 to
// 2000-12 in each class against the rule of 办法 第一条 written as month
// arithmetic: delay = ⌊months since the first cohort / 4⌋ + 1 (/ 2 for
// Female50), capped at 36 (60), none before the first cohort; retirement
// month = birth month + base age + delay. It also checks the shape of the
// tables: consecutive birth months retire in consecutive months except at a
// step, where one month is skipped, and never earlier.
func TestRetirementFormulaEveryMonth(t *testing.T) {
	classes := []struct {
		c               eligibility.RetirementClass
		base, from, per int
		maxDelay        int
	}{
		{eligibility.Male60, 60, 1965, 4, 36},
		{eligibility.Female55, 55, 1970, 4, 36},
		{eligibility.Female50, 50, 1975, 2, 60},
	}
	for _, cl := range classes {
		prev := -1
		for idx := 1950 * 12; idx < 2001*12; idx++ {
			y, m := idx/12, idx%12+1
			since := idx - cl.from*12
			delay := 0
			if since >= 0 {
				delay = min(since/cl.per+1, cl.maxDelay)
			}
			want := idx + cl.base*12 + delay // retirement month index
			for _, day := range []int{1, 28, 31} {
				if day == 31 && (m == 2 || m == 4 || m == 6 || m == 9 || m == 11) {
					continue
				}
				b, err := eligibility.NewDate(y, time.Month(m), day)
				if err != nil {
					t.Fatal(err)
				}
				got := eligibility.RetirementDate(b, cl.c)
				if gi := got.Year()*12 + int(got.Month()) - 1; gi != want {
					t.Fatalf("RetirementDate(%v, %v) = %v, want month %04d-%02d", b, cl.c, got, want/12, want%12+1)
				}
				gy, gm := eligibility.RetirementAge(b, cl.c)
				if gy*12+gm != cl.base*12+delay {
					t.Fatalf("RetirementAge(%v, %v) = %d y %d m, want %d months", b, cl.c, gy, gm, cl.base*12+delay)
				}
			}
			if prev >= 0 && want != prev+1 && want != prev+2 {
				t.Fatalf("%v: birth %04d-%02d retires %d months after the previous cohort", cl.c, y, m, want-prev)
			}
			prev = want
		}
	}
}

// TestMinContributionMonthsEveryYear checks 办法 第二条: 15 years until
// 2029, from 2030-01-01 six months more each year, 20 years from 2039.
func TestMinContributionMonthsEveryYear(t *testing.T) {
	want := 180
	for year := 2020; year <= 2060; year++ {
		if year >= 2030 && want < 240 {
			want += 6
		}
		if got := eligibility.MinContributionMonths(year); got != want {
			t.Errorf("MinContributionMonths(%d) = %d, want %d", year, got, want)
		}
	}
	for _, year := range []int{-1 << 62, 0, 1, 1949, 9999, 1 << 62} {
		got := eligibility.MinContributionMonths(year)
		if got != 180 && got != 240 {
			t.Errorf("MinContributionMonths(%d) = %d", year, got)
		}
	}
}

// TestRetirementDateCalendarEnds checks the documented answers at both ends
// of the calendar.
func TestRetirementDateCalendarEnds(t *testing.T) {
	tests := []struct {
		born  string
		class eligibility.RetirementClass
		want  string
	}{
		{"0001-01-01", eligibility.Male60, "0061-01-01"},
		{"0001-02-28", eligibility.Female50, "0051-02-28"},
		{"9936-12-31", eligibility.Male60, "9999-12-31"},
		{"9950-06-15", eligibility.Male60, "9999-12-31"}, // saturates
		{"9999-12-31", eligibility.Female50, "9999-12-31"},
	}
	for _, tt := range tests {
		if got := eligibility.RetirementDate(d(tt.born), tt.class); got.String() != tt.want {
			t.Errorf("RetirementDate(%s, %v) = %v, want %s", tt.born, tt.class, got, tt.want)
		}
	}
	if y, m := eligibility.RetirementAge(d("9999-12-31"), eligibility.Male60); y != 63 || m != 0 {
		t.Errorf("RetirementAge(9999-12-31) = %d y %d m, want 63 y 0 m", y, m)
	}
}
