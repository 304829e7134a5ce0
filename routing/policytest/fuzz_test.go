package policytest_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/canbao/kuomian/routing/policytest"
)

// FuzzParseCases checks that ParseCases never panics, that it fails only
// with a *CaseError that carries a line and no identity number, and that
// every case it returns is complete and runs. The routers are compiled
// once, outside the fuzz function.
func FuzzParseCases(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("case: a\nas of: 2023-01-01\nexpect scheme: 企业职工\n"))
	f.Add([]byte("policy：x\n用例：乙\n基准日：20230101\n预期补贴：无\n"))
	f.Add([]byte("case: a\nas of: 2023-06-01\nid: 110105197408010012\nexpect groups: 六、hardship\nexpect phase: 重点攻坚阶段\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := policytest.ParseCases(bytes.NewReader(data), "fuzz.txt")
		if err != nil {
			var ce *policytest.CaseError
			if !errors.As(err, &ce) || ce.Line < 1 {
				t.Fatalf("ParseCases error %T %v is not a *CaseError with a line", err, err)
			}
			if hasIDRun(err.Error()) {
				t.Fatalf("error %q carries a run of 10 or more digits", err)
			}
			return
		}
		for _, c := range cs {
			if c.AsOf.IsZero() || c.Expect.Fields == 0 || c.Name == "" || c.Line < 1 {
				t.Fatalf("incomplete case %+v", c)
			}
		}
		if len(cs) > 8 {
			cs = cs[:8] // the seed files are run in full by TestCaseFiles
		}
		for _, res := range policytest.RunCases(shiyan, cs) {
			_ = res.String()
		}
	})
}

// hasIDRun reports whether s holds ten or more ASCII or full-width digits
// in a row.
func hasIDRun(s string) bool {
	run := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			if run++; run >= 10 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
