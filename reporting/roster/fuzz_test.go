package roster_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
)

// rosIDPattern finds 15- and 18-character candidates for identity numbers.
var rosIDPattern = regexp.MustCompile(`[0-9]{17}[0-9Xx]|[0-9]{15}`)

// FuzzImportRoster feeds arbitrary rows under a full header. The import must
// never panic, must reconcile (rows read = accepted + rejected), and no row
// error may contain a valid identity number found in the input.
func FuzzImportRoster(f *testing.F) {
	for _, name := range []string{"good.csv", "bad.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		_, body, _ := bytes.Cut(b, []byte("\n"))
		f.Add(body)
	}
	f.Add([]byte("张三,500115197803150011,男,1978-3-15,村,,是,,,,,,,1000.5元,低保/特困,,,\n"))
	header := "姓名,身份证号码,性别,出生日期,村（社区）,户籍地,是否本区户籍,就业状况,平台类型,执业资格,参保状态,缴费状态,参保地,缴费档次,身份标记,征地日期,联系状况,备注\n"
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append([]byte(header), body...)
		var ids []string
		for _, m := range rosIDPattern.FindAllString(strings.ToUpper(string(data)), -1) {
			if id, err := eligibility.ParseIDNumber(m); err == nil {
				ids = append(ids, m, id.String())
			}
		}
		accepted, rejected := 0, 0
		rep, err := roster.Read(bytes.NewReader(data), roster.Options{},
			func(roster.Row) error { accepted++; return nil },
			func(e *roster.RowError) error {
				rejected++
				msg := e.Error()
				for _, id := range ids {
					if strings.Contains(msg, id) {
						t.Fatalf("row error %q holds identity number %s", msg, id)
					}
				}
				return nil
			})
		var de *codec.DecodeError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("ImportRoster() error = %v", err)
		}
		if !rep.Counts.Reconciles() || rep.Counts.Accepted != accepted || rep.Counts.Rejected != rejected {
			t.Fatalf("counts %+v, saw %d accepted and %d rejected", rep.Counts, accepted, rejected)
		}
	})
}
