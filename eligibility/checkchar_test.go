package eligibility_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
)

func TestCheckCharacter(t *testing.T) {
	tests := []struct {
		first17 string
		want    byte
	}{
		{"11010519491231002", 'X'}, // the example number of GB 11643-1999
		{"50011519780315001", '1'},
		{"00000000000000000", '1'}, // S = 0
		{"99999999999999999", withCheck("99999999999999999")[17]},
		{"44052418800101001", '4'},
	}
	for _, tt := range tests {
		t.Run(tt.first17, func(t *testing.T) {
			got, err := eligibility.CheckCharacter(tt.first17)
			if err != nil {
				t.Fatalf("CheckCharacter(%q) error %v", tt.first17, err)
			}
			if got != tt.want {
				t.Errorf("CheckCharacter(%q) = %q, want %q", tt.first17, got, tt.want)
			}
			if want := withCheck(tt.first17)[17]; got != want {
				t.Errorf("CheckCharacter(%q) = %q, independent computation %q", tt.first17, got, want)
			}
		})
	}
}

// Every one of the eleven check characters is reached, and each agrees
// with the independent computation and with ParseIDNumber.
func TestCheckCharacterAllResidues(t *testing.T) {
	seen := map[byte]bool{}
	for seq := 0; seq < 1000; seq++ {
		first17 := fmt.Sprintf("50011519850314%03d", seq)
		c, err := eligibility.CheckCharacter(first17)
		if err != nil {
			t.Fatal(err)
		}
		if want := withCheck(first17)[17]; c != want {
			t.Fatalf("CheckCharacter(%q) = %q, want %q", first17, c, want)
		}
		if _, err := eligibility.ParseIDNumber(first17 + string(c)); err != nil {
			t.Fatalf("ParseIDNumber of %q + its check character: %v", first17[:6], err)
		}
		seen[c] = true
	}
	if len(seen) != 11 {
		t.Errorf("%d distinct check characters, want 11", len(seen))
	}
}

func TestCheckCharacterErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     eligibility.IDError
		sentinel error
	}{
		{"empty", "", eligibility.IDError{Err: eligibility.ErrIDLength, Masked: "", Length: 0}, eligibility.ErrIDLength},
		{"16 digits", "5001151978031500", eligibility.IDError{Err: eligibility.ErrIDLength, Masked: "500115*******500", Length: 16}, eligibility.ErrIDLength},
		{"18 digits", "500115197803150011", eligibility.IDError{Err: eligibility.ErrIDLength, Masked: "500115********0011", Length: 18}, eligibility.ErrIDLength},
		{"letter", "5001151978031500X", eligibility.IDError{Err: eligibility.ErrIDCharacter, Masked: "500115********00X", Length: 17, Pos: 17}, eligibility.ErrIDCharacter},
		{"space", " 5001151978031500", eligibility.IDError{Err: eligibility.ErrIDCharacter, Masked: "*50011********500", Length: 17, Pos: 1}, eligibility.ErrIDCharacter},
		{"full-width", "５00115197803150０1", eligibility.IDError{Err: eligibility.ErrIDCharacter, Masked: "５00115********0０1", Length: 17, Pos: 1}, eligibility.ErrIDCharacter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := eligibility.CheckCharacter(tt.in)
			if c != 0 {
				t.Errorf("CheckCharacter(%q) = %q with an error, want 0", tt.in, c)
			}
			var ie *eligibility.IDError
			if !errors.As(err, &ie) {
				t.Fatalf("CheckCharacter(%q) error %v, want an *IDError", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, *ie, cmp.Comparer(func(a, b eligibility.IDError) bool {
				return a.Err == b.Err && a.Masked == b.Masked && a.Length == b.Length && a.Pos == b.Pos
			})); diff != "" {
				t.Errorf("CheckCharacter(%q) error mismatch (-want +got):\n%s", tt.in, diff)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v is not %v", err, tt.sentinel)
			}
			if len(tt.in) >= 15 && strings.Contains(err.Error(), tt.in) {
				t.Errorf("message %q contains the input", err.Error())
			}
			if ie.Err == eligibility.ErrIDLength && !strings.Contains(err.Error(), "want the 17 digits") {
				t.Errorf("message %q does not say 17 digits are wanted", err.Error())
			}
		})
	}
}

func TestCheckCharacterDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() {
		if _, err := eligibility.CheckCharacter("11010519491231002"); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("CheckCharacter allocates %v times, want 0", n)
	}
}

// FuzzCheckCharacter checks that CheckCharacter accepts exactly the strings
// of 17 ASCII digits, agrees with an independent computation, and that its
// character completes a number ParseIDNumber never refuses for its check;
// a wrong character is refused with IDCheck and the same expected one.
func FuzzCheckCharacter(f *testing.F) {
	f.Add("11010519491231002")
	f.Add("5001151978031500")
	f.Add("５00115197803150０1")
	f.Add("50011519000229001")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := eligibility.CheckCharacter(s)
		digits := len(s) == 17 && strings.Trim(s, "0123456789") == ""
		if err != nil {
			if digits {
				t.Fatalf("CheckCharacter(%q) refused 17 digits: %v", s, err)
			}
			var ie *eligibility.IDError
			if !errors.As(err, &ie) || ie.Err != eligibility.ErrIDLength && ie.Err != eligibility.ErrIDCharacter {
				t.Fatalf("CheckCharacter(%q) error %v, want an IDLength or IDCharacter *IDError", s, err)
			}
			// An input that already holds the mask's stars ("000000******000")
			// looks like its own masked form; only a real leak counts.
			if len(s) >= 15 && !strings.Contains(s, "*") && strings.Contains(err.Error(), s) {
				t.Fatalf("message %q contains the input", err.Error())
			}
			return
		}
		if !digits {
			t.Fatalf("CheckCharacter(%q) = %q, want an error", s, c)
		}
		if want := withCheck(s)[17]; c != want {
			t.Fatalf("CheckCharacter(%q) = %q, want %q", s, c, want)
		}
		if _, err := eligibility.ParseIDNumber(s + string(c)); errors.Is(err, eligibility.ErrIDCheck) {
			t.Fatalf("ParseIDNumber refuses the check character CheckCharacter gives: %v", err)
		}
		wrong := byte('0')
		if c == '0' {
			wrong = '1'
		}
		var ie *eligibility.IDError
		if _, err := eligibility.ParseIDNumber(s + string(wrong)); errors.As(err, &ie) && ie.Err == eligibility.ErrIDCheck && ie.Expected != c {
			t.Fatalf("ParseIDNumber expects %q, CheckCharacter gives %q", ie.Expected, c)
		} else if err == nil {
			t.Fatalf("ParseIDNumber accepts a wrong check character")
		}
	})
}

// BenchmarkCheckCharacter computes one check character.
// Target: ≤ 20 ns/op, 0 allocs/op.
func BenchmarkCheckCharacter(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if c, err := eligibility.CheckCharacter("11010519491231002"); err != nil || c != 'X' {
			b.Fatal(c, err)
		}
	}
}

func ExampleCheckCharacter() {
	c, err := eligibility.CheckCharacter("11010519491231002")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("check character %c\n", c)
	_, err = eligibility.CheckCharacter("1101051949123100")
	fmt.Println(err)
	// Output:
	// check character X
	// eligibility: identity number "110105*******100": has 16 characters, want the 17 digits before the check character
}
