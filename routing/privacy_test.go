package routing_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/canbao/kuomian/routing"
)

// An identity number typed into a policy file — as a key, as a name in a
// list, as a value of the wrong kind, as a rule ID — never comes back whole
// in an error (石堰府发〔2023〕10号 六(三)).
func TestPolicyErrorsMaskIdentityNumbers(t *testing.T) {
	const id = "500115197803150011"
	var b strings.Builder
	if err := routing.EncodePolicy(&b, routing.Shiyan2023()); err != nil {
		t.Fatal(err)
	}
	good := b.String()
	for _, c := range []struct{ name, edit string }{
		{"as a key", strings.Replace(good, `"summary_en"`, `"`+id+`"`, 1)},
		{"as an employment name", strings.Replace(good, `"employed_by_unit"`, `"`+id+`"`, 1)},
		{"as a flag", strings.Replace(good, `"minimum_living"`, `"`+id+`"`, 1)},
		{"as a group key in a rule", strings.Replace(good, `"groups_any": [
          "hardship"`, `"groups_any": [
          "`+id+`"`, 1)},
		{"as a number", strings.Replace(good, `"percent": 100`, `"percent": "`+id+`"`, 1)},
		{"as a rule id listed twice", strings.Replace(strings.Replace(good, `"id": "2.1"`, `"id": "`+id+`"`, 1), `"id": "2.5"`, `"id": "`+id+`"`, 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.edit == good {
				t.Fatal("the edit did not apply")
			}
			_, err := routing.LoadPolicy(strings.NewReader(c.edit))
			if err == nil {
				t.Fatal("LoadPolicy accepted the edited policy")
			}
			if strings.Contains(err.Error(), id) || strings.Contains(err.Error(), id[6:]) {
				t.Errorf("error carries the identity number: %v", err)
			}
			var ne *routing.NameError
			if errors.As(err, &ne) && strings.Contains(ne.Name, id[6:]) {
				t.Errorf("NameError.Name carries the identity number: %q", ne.Name)
			}
		})
	}
}
