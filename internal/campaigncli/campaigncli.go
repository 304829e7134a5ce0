// Package campaigncli is what the two programs of the monthly loop,
// examples/campaign (one machine) and examples/province (Apache Beam),
// share of their command line: the flags (Flags, with the -source flag
// Sources), a file's bytes as the CSV
// text the ledger reads (.xlsx converted), and the Chinese message of a
// ledger error. It is internal because it is the programs' surface, not
// the library's.
package campaigncli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/xlsx"
)

// SourceArg is one -source KIND=FILE.
type SourceArg struct {
	Kind ledger.SourceKind
	Path string
}

// Sources is the repeatable -source flag (a flag.Value).
type Sources []SourceArg

func (s *Sources) String() string {
	var parts []string
	for _, a := range *s {
		parts = append(parts, a.Kind.String()+"="+a.Path)
	}
	return strings.Join(parts, " ")
}

// Set adds one KIND=FILE. The population base and the insured list have
// flags of their own and are refused here.
func (s *Sources) Set(v string) error {
	k, path, ok := strings.Cut(v, "=")
	if !ok || path == "" {
		return fmt.Errorf("want KIND=FILE, such as 低保=民政低保.xlsx")
	}
	kind, err := ledger.ParseKind(strings.TrimSpace(k))
	if err != nil {
		return err
	}
	switch kind {
	case ledger.KindPopulation:
		return fmt.Errorf("the population base goes in -population")
	case ledger.KindInsured:
		return fmt.Errorf("the insured list goes in -insured")
	}
	*s = append(*s, SourceArg{kind, path})
	return nil
}

// CSVText returns a file's bytes as CSV text: CSV as it is (the ledger
// detects its encoding), .xlsx as the CSV text of its first worksheet. Its
// error names the file by its base name, in Chinese for an .xlsx error.
func CSVText(path string, data []byte) ([]byte, error) {
	if !xlsx.IsXLSX(path, data[:min(len(data), 8)]) {
		return data, nil
	}
	csv, err := xlsx.ReadSheet(bytes.NewReader(data), "")
	if err != nil {
		var xe *xlsx.Error
		if errors.As(err, &xe) {
			return nil, errors.New(filepath.Base(path) + " " + xe.Label(language.Chinese))
		}
		return nil, errors.New(filepath.Base(path) + ": " + err.Error())
	}
	return csv, nil
}

// Describe returns the message of a ledger error: each source error in
// Chinese with its file, line and column (masked values), one per line.
func Describe(err error) string {
	var parts []string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var se *ledger.SourceError
		if errors.As(e, &se) {
			msg := se.Label(language.Chinese)
			var he *roster.HeaderError
			if errors.As(se.Err, &he) && se.Line == 0 {
				msg = se.Name + " 表头：" + se.Err.Error()
			}
			parts = append(parts, msg)
			return
		}
		parts = append(parts, e.Error())
	}
	walk(err)
	return strings.Join(parts, "\n  ")
}
