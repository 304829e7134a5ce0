package vocab_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility/vocab"
)

// colour is a small enumeration of the test's own, as a town's plan might
// define one.
type colour uint8

var colours = vocab.New[colour]("colour",
	vocab.Term{Key: "red", Chinese: "红", English: "red", Aliases: []string{"赤"}},
	vocab.Term{Key: "green", Chinese: "绿", English: "green"},
	vocab.Term{Key: "blue_green", Chinese: "青", English: "blue-green", Aliases: []string{"cyan"}},
)

func (colour) Vocabulary() *vocab.Vocabulary[colour] { return colours }

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want colour
		ok   bool
	}{
		{"red", 0, true}, {"RED", 0, true}, {" 红 ", 0, true}, {"赤", 0, true},
		{"green", 1, true}, {"绿", 1, true}, {"Blue-Green", 2, true}, {"cyan", 2, true}, {"青", 2, true},
		{"", 0, false}, {"purple", 0, false}, {"Cyan", 0, false}, // aliases are exact
	}
	for _, tt := range tests {
		got, err := colours.Parse(tt.in)
		if (err == nil) != tt.ok || tt.ok && got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
		var te *vocab.TextError
		if !tt.ok && (!errors.As(err, &te) || te.Type != "colour") {
			t.Errorf("Parse(%q) error = %v, want a *TextError about colour", tt.in, err)
		}
	}
}

func TestErrorMasksIdentityNumbers(t *testing.T) {
	_, err := colours.Parse("110105194901010016")
	if err == nil || err.Error() != `eligibility: colour: unknown value "110105************"` {
		t.Errorf("error = %v", err)
	}
}

func TestKeyLabelTerms(t *testing.T) {
	if colours.Key(2) != "blue_green" || colours.Key(9) != "colour(9)" || colours.Label(2, language.Chinese) != "青" ||
		colours.Label(2, language.English) != "blue-green" || colours.Name() != "colour" || colours.Valid(3) {
		t.Error("Key, Label, Name or Valid is wrong")
	}
	terms := colours.Terms()
	terms[0].Aliases[0] = "changed"
	if got, _ := colours.Parse("赤"); got != 0 {
		t.Error("Terms must return a copy")
	}
	if diff := cmp.Diff([]string{"red", "green", "blue_green"}, colours.Keys()); diff != "" {
		t.Errorf("Keys (-want +got):\n%s", diff)
	}
}

func TestSetJSON(t *testing.T) {
	s := vocab.SetOf[colour](0, 2)
	b, err := json.Marshal(s)
	if err != nil || string(b) != `["red","blue_green"]` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back vocab.Set[colour]
	if err := json.Unmarshal([]byte(`["赤","cyan"]`), &back); err != nil || back != s {
		t.Errorf("Unmarshal = %v, %v; want %v", back, err, s)
	}
	if err := json.Unmarshal([]byte(`["red","红"]`), &back); err == nil {
		t.Error("a value listed twice (as key and label) must be refused")
	}
	if err := json.Unmarshal([]byte(`"red"`), &back); err == nil {
		t.Error("a set must be a list")
	}
	if s.String() != "red,blue_green" || s.Label(language.Chinese) != "红；青" || s.Len() != 2 || !s.Has(2) || s.Has(1) ||
		!s.Contains(vocab.SetOf[colour](2)) || s.Contains(vocab.SetOf[colour](1)) {
		t.Error("set operations are wrong")
	}
}

func ExampleVocabulary_Parse() {
	c, _ := colours.Parse("赤")
	fmt.Println(colours.Key(c), colours.Label(c, language.Chinese))
	// Output: red 红
}
