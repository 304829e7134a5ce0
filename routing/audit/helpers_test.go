package audit_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/eligibility"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func d(s string) eligibility.Date { return eligibility.MustParseDate(s) }

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func man(birth string, kind eligibility.EmploymentKind) eligibility.Resident {
	return eligibility.Resident{
		Gender: eligibility.Male, Birth: d(birth),
		Hukou:      eligibility.Hukou{Local: true},
		Employment: eligibility.Employment{Kind: kind},
	}
}

func woman(birth string, kind eligibility.EmploymentKind) eligibility.Resident {
	r := man(birth, kind)
	r.Gender = eligibility.Female
	return r
}
