package eligibility_test

import (
	"encoding"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
)

// TestNoErrorCarriesIdentityNumber feeds identity numbers (and large parts
// of them) to every parser and UnmarshalText method of the package, as a
// roster with shifted columns would, and checks that no error message holds
// more than the first six characters of the number's digits in a row.
func TestNoErrorCarriesIdentityNumber(t *testing.T) {
	ids := []string{
		"11010519491231002X",
		"11010519491231002x",
		"110105491231002",
		"１１０１０５１９４９１２３１００２Ｘ",
		"出生 11010519491231002X 备注",
		strings.Repeat("此", 5) + "11010519491231002X",
	}
	// leaks reports whether msg holds 7 or more consecutive characters of
	// the number's 18-character or 15-character form.
	leaks := func(msg string) bool {
		for _, full := range []string{"11010519491231002X", "11010519491231002x", "110105491231002", "１１０１０５１９４９１２３１００２Ｘ"} {
			rs := []rune(full)
			for i := 0; i+7 <= len(rs); i++ {
				if strings.Contains(msg, string(rs[i:i+7])) {
					return true
				}
			}
		}
		return false
	}
	jsonUnmarshalers := map[string]func() json.Unmarshaler{
		"Set[Scheme]":         func() json.Unmarshaler { return new(vocab.Set[eligibility.Scheme]) },
		"Set[EmploymentKind]": func() json.Unmarshaler { return new(vocab.Set[eligibility.EmploymentKind]) },
		"Set[ContactStatus]":  func() json.Unmarshaler { return new(vocab.Set[eligibility.ContactStatus]) },
		"Flags":               func() json.Unmarshaler { return new(eligibility.Flags) },
	}
	unmarshalers := map[string]func() encoding.TextUnmarshaler{
		"Date":              func() encoding.TextUnmarshaler { return new(eligibility.Date) },
		"IDNumber":          func() encoding.TextUnmarshaler { return new(eligibility.IDNumber) },
		"Gender":            func() encoding.TextUnmarshaler { return new(eligibility.Gender) },
		"HukouCondition":    func() encoding.TextUnmarshaler { return new(eligibility.HukouCondition) },
		"AgeBand":           func() encoding.TextUnmarshaler { return new(eligibility.AgeBand) },
		"EmploymentKind":    func() encoding.TextUnmarshaler { return new(eligibility.EmploymentKind) },
		"Scheme":            func() encoding.TextUnmarshaler { return new(eligibility.Scheme) },
		"InsuranceStatus":   func() encoding.TextUnmarshaler { return new(eligibility.InsuranceStatus) },
		"InsuranceLocation": func() encoding.TextUnmarshaler { return new(eligibility.InsuranceLocation) },
		"PlatformKind":      func() encoding.TextUnmarshaler { return new(eligibility.PlatformKind) },
		"ContactStatus":     func() encoding.TextUnmarshaler { return new(eligibility.ContactStatus) },
		"Flags":             func() encoding.TextUnmarshaler { return new(eligibility.Flags) },
		"RetirementClass":   func() encoding.TextUnmarshaler { return new(eligibility.RetirementClass) },
	}
	for _, in := range ids {
		for _, wrong := range []string{in, in[:len(in)-1] + "9", "X" + in} {
			if _, err := eligibility.ParseDate(wrong); err == nil || leaks(err.Error()) {
				t.Errorf("ParseDate(%q) error %v", wrong, err)
			}
			if _, err := eligibility.ParseIDNumber(wrong); err != nil && leaks(err.Error()) {
				t.Errorf("ParseIDNumber(%q) error %v", wrong, err)
			}
			for name, mk := range unmarshalers {
				if err := mk().UnmarshalText([]byte(wrong)); err != nil && leaks(err.Error()) {
					t.Errorf("%s.UnmarshalText(%q) error %v", name, wrong, err)
				}
			}
			quoted, _ := json.Marshal(wrong)
			for name, mk := range jsonUnmarshalers {
				// As a list item, and as a value that is not a list.
				for _, doc := range []string{"[" + string(quoted) + "]", `["resident", ` + string(quoted) + "]", string(quoted)} {
					if err := mk().UnmarshalJSON([]byte(doc)); err == nil || leaks(err.Error()) {
						t.Errorf("%s.UnmarshalJSON(%s) error %v", name, doc, err)
					}
				}
			}
		}
	}
	// An identity number's digits passed as a year.
	if _, err := eligibility.NewDate(110105194912310, time.December, 31); err == nil || leaks(err.Error()) {
		t.Errorf("NewDate error %v", err)
	}
	// Ordinary bad input is still quoted as given.
	_, err := eligibility.ParseDate("2019-07-18T12:00")
	if err == nil || !strings.Contains(err.Error(), `"2019-07-18T12:00"`) {
		t.Errorf("ParseDate error %v does not quote a short input", err)
	}
	_, err = eligibility.ParseDate(strings.Repeat("年", 30))
	if err == nil || !strings.Contains(err.Error(), strings.Repeat("年", 13)+"…") {
		t.Errorf("ParseDate error %v: want the input cut at a character boundary", err)
	}
}

// A name typed into the identity-number cell with the number (issue 9:
// "黄飞鸿500115197803150011") reaches no error message, nor the number.
func TestIDErrorMasksTextAroundTheNumber(t *testing.T) {
	for _, in := range []string{"黄飞鸿500115197803150011", "500115197803150011黄飞鸿", "张 三500115197803150011", "李四光 500115197803150011"} {
		_, err := eligibility.ParseIDNumber(in)
		if err == nil {
			t.Fatalf("ParseIDNumber(%q) accepted it", in)
		}
		msg := err.Error()
		for _, leak := range []string{"黄", "飞", "鸿", "张", "三", "李", "四", "光", "500115197803150011", "19780315"} {
			if strings.Contains(msg, leak) {
				t.Errorf("ParseIDNumber(%q) error %q carries %q", in, msg, leak)
			}
		}
	}
}
