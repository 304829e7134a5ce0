package campaigncli_test

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/internal/campaigncli"
	"github.com/canbao/kuomian/reporting/ledger"
)

func TestSourcesSet(t *testing.T) {
	var s campaigncli.Sources
	for _, c := range []struct{ arg, wantErr string }{
		{"低保=民政低保.xlsx", ""},
		{" 被征地 =征地名单.csv", ""},
		{"低保", "want KIND=FILE"},
		{"低保=", "want KIND=FILE"},
		{"户籍人口=a.csv", "-population"},
		{"insured=a.csv", "-insured"},
		{"外星人=a.csv", "外星人"},
	} {
		err := s.Set(c.arg)
		if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
			t.Errorf("Set(%q) = %v, want error containing %q", c.arg, err, c.wantErr)
		}
	}
	want := campaigncli.Sources{{ledger.KindMinimumLiving, "民政低保.xlsx"}, {ledger.KindLandAcquired, "征地名单.csv"}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if got := s.String(); !strings.Contains(got, "民政低保.xlsx") || !strings.Contains(got, "征地名单.csv") {
		t.Errorf("String() = %q", got)
	}
}

func TestCSVText(t *testing.T) {
	csv := []byte("姓名,身份证号码\n")
	if got, err := campaigncli.CSVText("a.csv", csv); err != nil || string(got) != string(csv) {
		t.Errorf("CSV: %q, %v; want the bytes as they are", got, err)
	}
	_, err := campaigncli.CSVText("/x/y/list.xlsx", []byte("PK\x03\x04 not a zip"))
	if err == nil || !strings.HasPrefix(err.Error(), "list.xlsx") {
		t.Errorf("broken .xlsx: error %v, want one naming list.xlsx by its base name", err)
	}
}

func TestDescribe(t *testing.T) {
	err := errors.Join(errors.New("first"), fmt.Errorf("wrapped: %w", errors.New("second")))
	if got, want := campaigncli.Describe(err), "first\n  wrapped: second"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}

func TestFlagsCheck(t *testing.T) {
	base := []string{"-policy", "shiyan-2023", "-asof", "2023-04-30", "-population", "p.csv", "-insured", "i.csv", "-out", "o"}
	for _, c := range []struct {
		args    []string
		wantErr string
	}{
		{base, ""},
		{append(base[2:], "-policy", ""), "-policy is required"},
		{base[:8], "-out is required"},
		{append(base, "-asof", "2023-02-30"), "-asof: "},
		{append(base, "-task", "t.csv", "-target", "9"), "not both"},
		{append(base, "-target", "-1"), "-target must be positive"},
		{append(base, "-previous", "d", "-target", "9"), "a month run (-previous)"},
		{append(base, "-method", "coin"), "-method: "},
		{append(base, "-tie", "coin"), "-tie: "},
	} {
		var f campaigncli.Flags
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		f.Define(fs)
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		err := f.Check()
		if c.wantErr == "" {
			if err != nil || f.AsOf.String() != "2023-04-30" || f.Method != allocation.Hamilton || f.Tie != allocation.TieFail {
				t.Errorf("%v: %v, %+v", c.args, err, f)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%v: error %v, want one containing %q", c.args, err, c.wantErr)
		}
	}
}
