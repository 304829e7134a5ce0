package eligibility_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
)

// TestParseIDNumberCheckEveryPosition changes each of the 17 digits of valid
// numbers to every other digit and checks that the number is refused — by the
// check character (MOD 11-2 detects every single-digit error), or earlier by
// the area or the date — and that fixing the check character makes it valid
// again whenever area and date are valid.
func TestParseIDNumberCheckEveryPosition(t *testing.T) {
	for _, base := range []string{"11010519491231002X", withCheck("50011519800101001"), withCheck("83000020000229123")} {
		for pos := 0; pos < 17; pos++ {
			for c := byte('0'); c <= '9'; c++ {
				if base[pos] == c {
					continue
				}
				s := base[:pos] + string(c) + base[pos+1:]
				_, err := eligibility.ParseIDNumber(s)
				var e *eligibility.IDError
				if !errors.As(err, &e) {
					t.Fatalf("ParseIDNumber(%s…) changed at %d = nil error", s[:6], pos+1)
				}
				if e.Err == eligibility.ErrIDCheck {
					if e.Got != base[17] || e.Expected != withCheck(s[:17])[17] {
						t.Errorf("position %d: Got %q Expected %q, want %q %q", pos+1, e.Got, e.Expected, base[17], withCheck(s[:17])[17])
					}
					if _, err := eligibility.ParseIDNumber(withCheck(s[:17])); err != nil {
						t.Errorf("position %d: corrected number refused: %v", pos+1, err)
					}
				} else if pos >= 6+8 {
					t.Errorf("position %d (sequence): kind %v, want check", pos+1, e.Err)
				}
			}
		}
		// Every wrong check character, X included, is refused.
		for _, c := range "0123456789Xx" {
			s := base[:17] + string(c)
			_, err := eligibility.ParseIDNumber(s)
			if strings.EqualFold(string(c), string(base[17])) {
				if err != nil {
					t.Errorf("ParseIDNumber(…%c) = %v, want valid", c, err)
				}
			} else if !errors.Is(err, eligibility.ErrIDCheck) {
				t.Errorf("ParseIDNumber(…%c) = %v, want ErrIDCheck", c, err)
			}
		}
	}
}

func TestParseIDNumberAreaAndDate(t *testing.T) {
	tests := []struct {
		name, s17 string
		want      error // nil: valid
	}{
		{"北京 11", "11010519800101001", nil},
		{"内蒙古 15", "15010219800101001", nil},
		{"辽宁 21", "21010219800101001", nil},
		{"黑龙江 23", "23010219800101001", nil},
		{"上海 31", "31010119800101001", nil},
		{"山东 37", "37010219800101001", nil},
		{"河南 41", "41010219800101001", nil},
		{"海南 46", "46010019800101001", nil},
		{"重庆 50", "50011519800101001", nil},
		{"西藏 54", "54010219800101001", nil},
		{"陕西 61", "61010219800101001", nil},
		{"新疆 65", "65010219800101001", nil},
		{"台湾省 71", "71000019800101001", nil},
		{"香港居民居住证 810000", "81000019800101001", nil},
		{"澳门居民居住证 820000", "82000019800101001", nil},
		{"台湾居民居住证 830000", "83000019800101001", nil},
		{"81 not 810000", "81010119800101001", eligibility.ErrIDArea},
		{"83 not 830000", "83000119800101001", eligibility.ErrIDArea},
		{"16", "16010219800101001", eligibility.ErrIDArea},
		{"24", "24010219800101001", eligibility.ErrIDArea},
		{"38", "38010219800101001", eligibility.ErrIDArea},
		{"47", "47010219800101001", eligibility.ErrIDArea},
		{"55", "55010219800101001", eligibility.ErrIDArea},
		{"66", "66010219800101001", eligibility.ErrIDArea},
		{"70", "70010219800101001", eligibility.ErrIDArea},
		{"72", "72010219800101001", eligibility.ErrIDArea},
		{"80", "80000019800101001", eligibility.ErrIDArea},
		{"84", "84000019800101001", eligibility.ErrIDArea},
		{"foreign permanent residence 9", "91115619800101001", eligibility.ErrIDArea},
		{"00", "00000019800101001", eligibility.ErrIDArea},
		{"19000229 (1900 is not leap)", "11010519000229001", eligibility.ErrIDDate},
		{"20000229 (2000 is leap)", "11010520000229001", nil},
		{"20240229", "11010520240229001", nil},
		{"20230229", "11010520230229001", eligibility.ErrIDDate},
		{"00000000", "11010500000000001", eligibility.ErrIDDate},
		{"18500101 first year", "11010518500101001", nil},
		{"20991231 last year", "11010520991231001", nil},
		{"19800431", "11010519800431001", eligibility.ErrIDDate},
		{"19800100", "11010519800100001", eligibility.ErrIDDate},
		{"19800001", "11010519800001001", eligibility.ErrIDDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := eligibility.ParseIDNumber(withCheck(tt.s17))
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("ParseIDNumber(%s) error = %v, want %v", tt.s17, err, tt.want)
			}
			if err == nil && id.BirthDate().Compact() != tt.s17[6:14] {
				t.Errorf("BirthDate = %v, want %s", id.BirthDate(), tt.s17[6:14])
			}
		})
	}
	_, err := eligibility.ParseIDNumber(withCheck("91115619800101001"))
	if err == nil || !strings.Contains(err.Error(), "外国人永久居留身份证") {
		t.Errorf("foreign permanent residence ID: error %v does not say what it is", err)
	}
}

// TestParseIDNumberLegacy checks the 15-digit upgrade: 19 inserted, the
// gender read from the last digit of the 3-digit sequence, the check
// character computed.
func TestParseIDNumberLegacy(t *testing.T) {
	tests := []struct {
		in, want string
		gender   eligibility.Gender
	}{
		{"110105491231002", "11010519491231002X", eligibility.Female},
		{"500115800101001", withCheck("50011519800101001"), eligibility.Male},
		{"500115000229013", withCheck("50011519000229013"), 0}, // 1900-02-29: refused
		{"500115991231999", withCheck("50011519991231999"), eligibility.Male},
		{"５００１１５８００１０１００１", withCheck("50011519800101001"), eligibility.Male},
		{" 500115800101008 ", withCheck("50011519800101008"), eligibility.Female},
	}
	for _, tt := range tests {
		id, err := eligibility.ParseIDNumber(tt.in)
		if tt.gender == 0 {
			if !errors.Is(err, eligibility.ErrIDDate) {
				t.Errorf("ParseIDNumber(%q) error = %v, want ErrIDDate", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseIDNumber(%q) error: %v", tt.in, err)
			continue
		}
		if id.String() != tt.want || id.Gender() != tt.gender {
			t.Errorf("ParseIDNumber(%q) = %s %v, want %s %v", tt.in, id, id.Gender(), tt.want, tt.gender)
		}
	}
}

// TestIDErrorNeverRevealsInput checks every error path with inputs of every
// length from 0 to 40: the message must not contain the input, nor (for 15
// characters or more) more than 6 leading and 4 trailing characters of it,
// and Masked must hide at least 6 characters.
func TestIDErrorNeverRevealsInput(t *testing.T) {
	digits := "5001151980010100168123456789012345678901"
	var inputs []string
	for n := 1; n <= 40; n++ {
		inputs = append(inputs, digits[:n])
	}
	inputs = append(inputs,
		"110105",                               // 6 characters
		"100105491231002",                      // 15 digits, bad area
		"110105490230002",                      // 15 digits, bad date
		"11010519491231002",                    // 17 digits
		"110105194912310021",                   // check
		withCheck("10010519491231002"),         // area
		withCheck("11010519490229002"),         // date
		"11010519491231002\x00",                // NUL
		"110105194912310\xff\xfe\xfd",          // invalid UTF-8
		"1\u03011010519491231002X",             // combining character
		"11010519491231002X11010519491231002X", // two numbers
	)
	for _, in := range inputs {
		_, err := eligibility.ParseIDNumber(in)
		if err == nil {
			continue
		}
		var e *eligibility.IDError
		if !errors.As(err, &e) {
			t.Fatalf("%T", err)
		}
		msg := err.Error()
		if len(in) >= 5 && strings.Contains(msg, in) {
			t.Errorf("error for %q contains the input: %s", in, msg)
		}
		n := len([]rune(e.Masked))
		if stars := strings.Count(e.Masked, "*"); stars < 6 && stars < n {
			t.Errorf("Masked(%q) = %q hides only %d characters", in, e.Masked, stars)
		}
		if n > 27 {
			t.Errorf("Masked(%q) has %d characters", in, n)
		}
		if len([]rune(in)) < 15 && strings.Trim(e.Masked, "*…") != "" {
			t.Errorf("Masked(%q) = %q reveals part of a short input", in, e.Masked)
		}
	}
	tests := []struct{ in, masked string }{
		{"110105", "******"},
		{"110105491331003", "110105******003"}, // 15 digits, month 13
		{"100105491231002", "100105******002"},
		{"1101051949123100", "110105*******100"},
		{"11010519491231002", "110105********002"},
		{"110105194912310021", "110105********0021"},
		{strings.Repeat("1", 100), "111111" + strings.Repeat("*", 16) + "…1111"},
		{strings.Repeat("1", 14), "**************"},
		{strings.Repeat("2", 20), "222222**********2222"},
	}
	for _, tt := range tests {
		_, err := eligibility.ParseIDNumber(tt.in)
		var e *eligibility.IDError
		if !errors.As(err, &e) {
			t.Fatalf("ParseIDNumber(%q) = %v", tt.in, err)
		}
		if e.Masked != tt.masked {
			t.Errorf("ParseIDNumber(%q).Masked = %q, want %q", tt.in, e.Masked, tt.masked)
		}
	}
}

// TestParseIDNumberHostileBounded checks that a megabyte of input is refused
// without copying it: the error's allocations stay under a few hundred bytes.
func TestParseIDNumberHostileBounded(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("1", 1<<20),
		strings.Repeat("\x00", 1<<20),
		strings.Repeat("\xff", 1<<20),
		strings.Repeat("１", 1<<18),
		strings.Repeat("e\u0301", 1<<18),
	} {
		// Average over several calls, so that an unrelated allocation of
		// the test framework does not count.
		const runs = 20
		var before, after runtime.MemStats
		var err error
		runtime.ReadMemStats(&before)
		for range runs {
			_, err = eligibility.ParseIDNumber(in)
		}
		runtime.ReadMemStats(&after)
		if !errors.Is(err, eligibility.ErrIDLength) {
			t.Errorf("error = %v, want ErrIDLength", err)
		}
		if got := (after.TotalAlloc - before.TotalAlloc) / runs; got > 1024 {
			t.Errorf("ParseIDNumber(%d bytes) allocated %d bytes", len(in), got)
		}
		if len(err.Error()) > 200 {
			t.Errorf("message is %d bytes", len(err.Error()))
		}
	}
}

func TestParseIDNumberSurroundingSpaces(t *testing.T) {
	want := eligibility.MustParseIDNumber("11010519491231002X")
	for _, in := range []string{
		"\ufeff11010519491231002X",
		"\u00a011010519491231002X\u00a0",
		"\u3000 \u00a0\t11010519491231002x\r\n",
		"\ufeff110105491231002\u3000",
	} {
		got, err := eligibility.ParseIDNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseIDNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{
		"110105 19491231 002X",
		"110105\u00a019491231002X",
		"\u200b11010519491231002X", // zero-width space is not a space
		"\xc2",
		"\xe3\x80",
		"\xef\xbb",
	} {
		if _, err := eligibility.ParseIDNumber(in); err == nil {
			t.Errorf("ParseIDNumber(%q) accepted", in)
		}
	}
}
