package routing_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canbao/kuomian/routing"
)

// seedText reads a source document from ../shared/seeds (beside the
// repository), with white space removed: the transcriptions break lines
// and space digits ("到 2023 年末") where the printed text does not.
func seedText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seeds", name))
	if err != nil {
		t.Fatalf("the seeds must lie beside the repository: %v", err)
	}
	return squeeze(string(b))
}

func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// Every phrase a preset presents as the document's own words — rule
// quotes (原文), the age lines' quotes, the group names shown in 「」 and the
// phase names — is a verbatim substring of the document (issue 9).
func TestQuotesAreVerbatim(t *testing.T) {
	for _, c := range []struct {
		p    routing.Policy
		seed string
	}{
		{routing.Luodong2019(), "004_2ea4ea447e64b179.txt"},
		{routing.Shiyan2023(), "000_c9c031fdc2779b84.txt"},
	} {
		seed := seedText(t, c.seed)
		check := func(what, q string) {
			t.Helper()
			if q == "" {
				t.Errorf("%s %s: empty quote", c.p.ID, what)
			}
			if !strings.Contains(seed, squeeze(q)) {
				t.Errorf("%s %s: %q is not in %s", c.p.ID, what, q, c.p.Document)
			}
		}
		quoted := 0
		for _, r := range c.p.Rules {
			if r.Quote != "" {
				quoted++
				check("rule "+r.ID, r.Quote)
			}
		}
		if quoted*2 < len(c.p.Rules) {
			t.Errorf("%s: only %d of %d rules quote the document", c.p.ID, quoted, len(c.p.Rules))
		}
		if len(c.p.AgeLines.Quotes) == 0 {
			t.Errorf("%s: the age lines quote nothing", c.p.ID)
		}
		for _, q := range c.p.AgeLines.Quotes {
			check("age lines", q)
		}
		for _, g := range c.p.Groups {
			check("group "+g.Key, g.Name)
		}
		for _, ph := range c.p.Phases {
			check("phase", ph.Name)
		}
	}
}

// The check itself fails on words that are not the document's: the quote
// "男45周岁以下 / 男45周岁及以上" that an earlier release presented as 原文.
func TestQuoteCheckCatchesParaphrase(t *testing.T) {
	seed := seedText(t, "004_2ea4ea447e64b179.txt")
	for _, q := range []string{"男45周岁以下", "男45周岁及以上", "60周岁以上超龄未参保的本地户籍老年居民"} {
		if strings.Contains(seed, squeeze(q)) {
			t.Errorf("%q should not be found in the 罗东 plan", q)
		}
	}
}
