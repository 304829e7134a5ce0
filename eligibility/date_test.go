package eligibility_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
)

func d(s string) eligibility.Date { return eligibility.MustParseDate(s) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string // String() of the result
		wantErr error
	}{
		{"2019-07-18", "2019-07-18", nil},
		{"20190718", "2019-07-18", nil},
		{"0001-01-01", "0001-01-01", nil},
		{"9999-12-31", "9999-12-31", nil},
		{"2024-02-29", "2024-02-29", nil},
		{"2000-02-29", "2000-02-29", nil},
		{"2023-02-29", "", eligibility.ErrDateRange},
		{"1900-02-29", "", eligibility.ErrDateRange},
		{"2023-04-31", "", eligibility.ErrDateRange},
		{"2023-13-01", "", eligibility.ErrDateRange},
		{"2023-00-10", "", eligibility.ErrDateRange},
		{"2023-01-00", "", eligibility.ErrDateRange},
		{"0000-01-01", "", eligibility.ErrDateRange},
		{"", "", eligibility.ErrDateSyntax},
		{"2019-7-18", "", eligibility.ErrDateSyntax},
		{"2019/07/18", "", eligibility.ErrDateSyntax},
		{" 2019-07-18", "", eligibility.ErrDateSyntax},
		{"2019-07-1x", "", eligibility.ErrDateSyntax},
		{"2019071", "", eligibility.ErrDateSyntax},
		{"201907181", "", eligibility.ErrDateSyntax},
		{"+019-07-18", "", eligibility.ErrDateSyntax},
		{"２０１９-07-18", "", eligibility.ErrDateSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := eligibility.ParseDate(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseDate(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if err != nil {
				var de *eligibility.DateError
				if !errors.As(err, &de) || de.Input != tt.in {
					t.Errorf("ParseDate(%q) error = %#v, want *DateError with the input", tt.in, err)
				}
				if !got.IsZero() {
					t.Errorf("ParseDate(%q) = %v with an error, want the zero Date", tt.in, got)
				}
				return
			}
			if got.String() != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewDate(t *testing.T) {
	got, err := eligibility.NewDate(2023, time.March, 17)
	if err != nil || got != d("2023-03-17") {
		t.Errorf("NewDate(2023, 3, 17) = %v, %v", got, err)
	}
	if got.Year() != 2023 || got.Month() != time.March || got.Day() != 17 {
		t.Errorf("fields = %d %v %d", got.Year(), got.Month(), got.Day())
	}
	for _, bad := range [][3]int{{2023, 2, 29}, {2023, 1, 32}, {0, 1, 1}, {10000, 1, 1}, {2023, 0, 1}, {2023, -1, 1}, {-5, 1, 1}} {
		if _, err := eligibility.NewDate(bad[0], time.Month(bad[1]), bad[2]); !errors.Is(err, eligibility.ErrDateRange) {
			t.Errorf("NewDate(%v) error = %v, want ErrDateRange", bad, err)
		}
	}
}

func TestDateZero(t *testing.T) {
	var z eligibility.Date
	if !z.IsZero() || z.String() != "" || z.Compact() != "" {
		t.Errorf("zero Date: IsZero %v String %q", z.IsZero(), z.String())
	}
	if z.AddDays(5) != z || z.AddMonths(5) != z || z.AddYears(5) != z {
		t.Error("arithmetic on the zero Date must keep it zero")
	}
	if !z.Before(d("0001-01-01")) {
		t.Error("the zero Date sorts first")
	}
	if z.Year() != 0 || z.Month() != 0 || z.Day() != 0 {
		t.Error("zero Date fields must be 0")
	}
}

func TestDateCompare(t *testing.T) {
	a, b := d("2023-02-28"), d("2023-03-01")
	if !a.Before(b) || a.After(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("compare %v %v wrong", a, b)
	}
	m := map[eligibility.Date]int{d("2023-01-01"): 1}
	if m[d("20230101")] != 1 {
		t.Error("Date must work as a map key across input forms")
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2023-01-31", 2, "2023-03-31"},
		{"2023-03-31", -1, "2023-02-28"},
		{"2023-05-31", 1, "2023-06-30"},
		{"2023-12-15", 1, "2024-01-15"},
		{"2023-01-15", -1, "2022-12-15"},
		{"2023-01-15", -13, "2021-12-15"},
		{"2023-01-15", 0, "2023-01-15"},
		{"1965-01-31", 60*12 + 1, "2025-02-28"},
		{"9999-12-01", 1, "9999-12-31"},
		{"0001-01-31", -1, "0001-01-01"},
		{"2023-06-15", 1 << 40, "9999-12-31"},
		{"2023-06-15", -(1 << 40), "0001-01-01"},
	}
	for _, tt := range tests {
		if got := d(tt.from).AddMonths(tt.n); got != d(tt.want) {
			t.Errorf("%s.AddMonths(%d) = %v, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestAddYears(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2024-02-29", -100, "1924-02-29"},
		{"2000-02-29", 100, "2100-02-28"},
		{"2023-07-18", 1 << 50, "9999-12-31"},
		{"2023-07-18", -(1 << 50), "0001-01-01"},
	}
	for _, tt := range tests {
		if got := d(tt.from).AddYears(tt.n); got != d(tt.want) {
			t.Errorf("%s.AddYears(%d) = %v, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

// TestDateAgainstTime checks day arithmetic, weekday and formatting against
// the time package for random dates.
func TestDateAgainstTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 20000 {
		tm := start.AddDate(0, 0, rng.IntN(3652059))
		dt, err := eligibility.NewDate(tm.Year(), tm.Month(), tm.Day())
		if err != nil {
			t.Fatal(err)
		}
		if dt.String() != tm.Format("2006-01-02") || dt.Compact() != tm.Format("20060102") {
			t.Fatalf("format %v: %s / %s", tm, dt, dt.Compact())
		}
		if got, want := dt.DaysSinceEpoch(), int(tm.Unix()/86400); got != want {
			t.Fatalf("%v day number %v, want %v", dt, got, want)
		}
		n := rng.IntN(200001) - 100000
		want := tm.AddDate(0, 0, n)
		if want.Year() < 1 || want.Year() > 9999 {
			continue
		}
		got := dt.AddDays(n)
		if got.String() != want.Format("2006-01-02") {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", dt, n, got, want.Format("2006-01-02"))
		}
		if got.DaysSince(dt) != n {
			t.Fatalf("%v.DaysSince(%v) = %d, want %d", got, dt, got.DaysSince(dt), n)
		}
	}
}

func TestAddDaysSaturates(t *testing.T) {
	if got := d("9999-12-30").AddDays(5); got != d("9999-12-31") {
		t.Errorf("AddDays past the end = %v", got)
	}
	if got := d("0001-01-02").AddDays(-5); got != d("0001-01-01") {
		t.Errorf("AddDays before the start = %v", got)
	}
	if got := d("2000-01-01").AddDays(1 << 60); got != d("9999-12-31") {
		t.Errorf("AddDays huge = %v", got)
	}
	if got := d("2000-01-01").AddDays(-(1 << 60)); got != d("0001-01-01") {
		t.Errorf("AddDays huge negative = %v", got)
	}
}

func TestMonthsSince(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2023-01-15", "2023-02-14", 0},
		{"2023-01-15", "2023-02-15", 1},
		{"2023-01-31", "2023-02-28", 1},
		{"2023-01-31", "2023-02-27", 0},
		{"2023-01-31", "2023-03-30", 1},
		{"2023-01-31", "2023-03-31", 2},
		{"1965-01-10", "2025-02-10", 721},
		{"2023-02-15", "2023-01-15", -1},
		{"2023-02-15", "2023-01-16", 0},
		{"2023-05-05", "2023-05-05", 0},
	}
	for _, tt := range tests {
		if got := d(tt.to).MonthsSince(d(tt.from)); got != tt.want {
			t.Errorf("%s.MonthsSince(%s) = %d, want %d", tt.to, tt.from, got, tt.want)
		}
	}
	if got := d("2023-01-01").MonthsSince(eligibility.Date{}); got != 0 {
		t.Errorf("MonthsSince(zero) = %d, want 0", got)
	}
}

func TestDateText(t *testing.T) {
	type row struct {
		Born eligibility.Date `json:"born"`
		Left eligibility.Date `json:"left"`
	}
	in := row{Born: d("1949-12-31")}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"born":"1949-12-31","left":""}` {
		t.Errorf("json = %s", b)
	}
	var out row
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out, cmp.Comparer(func(a, b eligibility.Date) bool { return a == b })); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	var x eligibility.Date
	if err := x.UnmarshalText([]byte("20230229")); !errors.Is(err, eligibility.ErrDateRange) {
		t.Errorf("UnmarshalText(20230229) = %v", err)
	}
	if err := x.UnmarshalText([]byte("20230228")); err != nil || x != d("2023-02-28") {
		t.Errorf("UnmarshalText(20230228) = %v, %v", x, err)
	}
	buf, _ := d("2023-03-17").AppendText([]byte("on "))
	if string(buf) != "on 2023-03-17" {
		t.Errorf("AppendText = %q", buf)
	}
}
