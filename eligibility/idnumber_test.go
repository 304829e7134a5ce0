package eligibility_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
)

// withCheck appends the ISO 7064 MOD 11-2 check character to 17 digits,
// computed independently of the package.
func withCheck(s17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s17[i]-'0') * w
	}
	return s17 + string("10X98765432"[sum%11])
}

func TestParseIDNumberValid(t *testing.T) {
	type result struct {
		Canonical, Masked, Area, Birth string
		Gender                         eligibility.Gender
		Sequence                       int
	}
	tests := []struct {
		name, in string
		want     result
	}{
		// The example of GB 11643-1999 itself.
		{"standard example", "11010519491231002X", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"lowercase x", "11010519491231002x", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"15-digit legacy upgrade", "110105491231002", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"full-width", "１１０１０５１９４９１２３１００２Ｘ", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"full-width lowercase x", "１１０１０５１９４９１２３１００２ｘ", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"mixed widths", "110105１９４９1231002X", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"spaces", "  11010519491231002X\t\n", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"ideographic spaces", "\u300011010519491231002X\u3000", result{"11010519491231002X", "110105********002X", "110105", "1949-12-31", eligibility.Female, 2}},
		{"male, 重庆长寿", withCheck("50011519800101001"), result{withCheck("50011519800101001"), "500115********001" + withCheck("50011519800101001")[17:], "500115", "1980-01-01", eligibility.Male, 1}},
		{"leap day", withCheck("50011520000229123"), result{withCheck("50011520000229123"), "500115********123" + withCheck("50011520000229123")[17:], "500115", "2000-02-29", eligibility.Male, 123}},
		{"Hong Kong residence permit", withCheck("81000019900101004"), result{withCheck("81000019900101004"), "810000********004" + withCheck("81000019900101004")[17:], "810000", "1990-01-01", eligibility.Female, 4}},
		{"sequence 000", withCheck("11010519800101000"), result{withCheck("11010519800101000"), "110105********000" + withCheck("11010519800101000")[17:], "110105", "1980-01-01", eligibility.Female, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := eligibility.ParseIDNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseIDNumber(%q) error: %v", tt.in, err)
			}
			got := result{id.String(), id.Masked(), id.AreaCode(), id.BirthDate().String(), id.Gender(), id.Sequence()}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseIDNumber(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			if id.IsZero() {
				t.Error("valid number is zero")
			}
		})
	}
}

func TestParseIDNumberEqual(t *testing.T) {
	a := eligibility.MustParseIDNumber("110105491231002")
	b := eligibility.MustParseIDNumber("11010519491231002x")
	if a != b {
		t.Errorf("legacy and canonical forms differ: %v %v", a, b)
	}
}

func TestParseIDNumberErrors(t *testing.T) {
	good := "11010519491231002X"
	tests := []struct {
		name, in string
		kind     error
		sentinel error
		pos      int
		expected byte
	}{
		{"empty", "", eligibility.ErrIDLength, eligibility.ErrIDLength, 0, 0},
		{"spaces only", "   ", eligibility.ErrIDLength, eligibility.ErrIDLength, 0, 0},
		{"17 chars", good[:17], eligibility.ErrIDLength, eligibility.ErrIDLength, 0, 0},
		{"19 chars", good + "1", eligibility.ErrIDLength, eligibility.ErrIDLength, 0, 0},
		{"16 chars", good[:16], eligibility.ErrIDLength, eligibility.ErrIDLength, 0, 0},
		{"letter inside", "1101051949123A002X", eligibility.ErrIDCharacter, eligibility.ErrIDCharacter, 14, 0},
		{"X not last", "X1010519491231002X", eligibility.ErrIDCharacter, eligibility.ErrIDCharacter, 1, 0},
		{"inner space", "110105 9491231002X", eligibility.ErrIDCharacter, eligibility.ErrIDCharacter, 7, 0},
		{"full-width letter", "11010519491231002Ａ", eligibility.ErrIDCharacter, eligibility.ErrIDCharacter, 18, 0},
		{"15 with X", "11010549123100X", eligibility.ErrIDCharacter, eligibility.ErrIDCharacter, 15, 0},
		{"invalid UTF-8", "110105194912310\xff2X", eligibility.ErrIDCharacter, eligibility.ErrIDCharacter, 16, 0},
		{"area starts with 0", withCheck("01010519491231002"), eligibility.ErrIDArea, eligibility.ErrIDArea, 0, 0},
		{"province 10", withCheck("10010519491231002"), eligibility.ErrIDArea, eligibility.ErrIDArea, 0, 0},
		{"province 99", withCheck("99010519491231002"), eligibility.ErrIDArea, eligibility.ErrIDArea, 0, 0},
		{"province 84", withCheck("84010519491231002"), eligibility.ErrIDArea, eligibility.ErrIDArea, 0, 0},
		{"Feb 29 in common year", withCheck("11010519490229002"), eligibility.ErrIDDate, eligibility.ErrIDDate, 0, 0},
		{"month 13", withCheck("11010519491331002"), eligibility.ErrIDDate, eligibility.ErrIDDate, 0, 0},
		{"day 00", withCheck("11010519491200002"), eligibility.ErrIDDate, eligibility.ErrIDDate, 0, 0},
		{"year 1849", withCheck("11010518491231002"), eligibility.ErrIDDate, eligibility.ErrIDDate, 0, 0},
		{"year 2100", withCheck("11010521000101002"), eligibility.ErrIDDate, eligibility.ErrIDDate, 0, 0},
		{"legacy bad date", "110105490230002", eligibility.ErrIDDate, eligibility.ErrIDDate, 0, 0},
		{"wrong check digit", "110105194912310021", eligibility.ErrIDCheck, eligibility.ErrIDCheck, 0, 'X'},
		{"wrong check X", "11010519800101001X", eligibility.ErrIDCheck, eligibility.ErrIDCheck, 0, '6'},
		{"transposed digits", "11010519491213002X", eligibility.ErrIDCheck, eligibility.ErrIDCheck, 0, withCheck("11010519491213002")[17]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := eligibility.ParseIDNumber(tt.in)
			if !id.IsZero() {
				t.Errorf("ParseIDNumber(%q) = %v with error, want zero", tt.in, id)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("ParseIDNumber(%q) error = %v, want %v", tt.in, err, tt.sentinel)
			}
			var e *eligibility.IDError
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *IDError", err)
			}
			if e.Err != tt.kind || e.Pos != tt.pos || e.Expected != tt.expected {
				t.Errorf("IDError = %+v, want kind %v pos %d expected %q", e, tt.kind, tt.pos, tt.expected)
			}
			trimmed := strings.TrimSpace(tt.in)
			if len(trimmed) >= 15 && strings.Contains(err.Error(), trimmed) {
				t.Errorf("error %q contains the full input", err)
			}
		})
	}
}

func TestIDErrorMessage(t *testing.T) {
	_, err := eligibility.ParseIDNumber("110105194912310021")
	want := `eligibility: identity number "110105********0021": check character is 1, want X`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	_, err = eligibility.ParseIDNumber("12345")
	want = `eligibility: identity number "*****": has 5 characters, want 18 (or 15 digits)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	long := strings.Repeat("1", 100)
	_, err = eligibility.ParseIDNumber(long)
	if err == nil || strings.Contains(err.Error(), strings.Repeat("1", 11)) {
		t.Errorf("long input leaks into error: %v", err)
	}
}

func TestIDNumberZero(t *testing.T) {
	var z eligibility.IDNumber
	if !z.IsZero() || z.String() != "" || z.Masked() != "" || z.AreaCode() != "" ||
		!z.BirthDate().IsZero() || z.Gender() != eligibility.GenderUnknown || z.Sequence() != -1 {
		t.Error("zero IDNumber accessors must return zero values")
	}
}

func TestIDNumberText(t *testing.T) {
	type row struct {
		ID eligibility.IDNumber `json:"id"`
	}
	b, err := json.Marshal(row{eligibility.MustParseIDNumber("110105491231002")})
	if err != nil || string(b) != `{"id":"11010519491231002X"}` {
		t.Fatalf("json = %s, %v", b, err)
	}
	var r row
	if err := json.Unmarshal([]byte(`{"id":"11010519491231002x"}`), &r); err != nil || r.ID.String() != "11010519491231002X" {
		t.Errorf("unmarshal = %v, %v", r.ID, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"110105194912310021"}`), &r); !errors.Is(err, eligibility.ErrIDCheck) {
		t.Errorf("unmarshal bad = %v", err)
	}
	if err := json.Unmarshal([]byte(`{"id":""}`), &r); err != nil || !r.ID.IsZero() {
		t.Errorf("unmarshal empty = %v, %v", r.ID, err)
	}
}

func TestMustParseIDNumberPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseIDNumber did not panic on a bad number")
		}
	}()
	eligibility.MustParseIDNumber("bad")
}
