// Command genprovince writes a generated province's files, for measuring
// examples/province against the single-machine ledger on the same input:
// a population base of -people rows (default 2,000,000) in 2,000
// villages, an insured list and six department lists (低保, 特困, 重度残疾,
// 劳动合同备案, 新业态, 区外参保), each with about 1 % of its rows naming
// people outside the base, and a README.txt with the two commands.
//
//	go run ./genprovince -out /tmp/province -people 2000000
//	go run ./genprovince -single -out /tmp/province   # the single-machine ledger on those files
//
// With -single it reads the files back and runs the single-machine ledger
// on them (ledger.Build, the state, the baseline's figures by
// ledger.State.Month, the state file and the masked 实名库 text), for
// /usr/bin/time to measure. Everything is seeded: the same -people gives
// the same bytes.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

// The files, as -source names their kinds.
var files = []struct{ kind, name, header string }{
	{"", "户籍人口.csv", "姓名,身份证号码,村(社区),是否本区户籍,就业状况"},
	{"", "参保.csv", "AAC003,AAC002,AAE140,AAC031,缴费档次"},
	{"低保", "低保.csv", "姓名,身份证号码"},
	{"特困", "特困.csv", "姓名,身份证号码"},
	{"重度残疾", "重度残疾.csv", "姓名,身份证号码"},
	{"劳动合同备案", "劳动合同备案.csv", "姓名,身份证号码"},
	{"新业态", "新业态.csv", "姓名,身份证号码,平台类型"},
	{"区外参保", "区外参保.csv", "姓名,身份证号码,参保地,参保险种,缴费状态"},
}

// share is each department list's rows per 1000 people.
var share = map[string]int{"低保": 30, "特困": 10, "重度残疾": 20, "劳动合同备案": 200, "新业态": 50, "区外参保": 50}

const villages = 2000

func main() {
	out := flag.String("out", "", "directory to write the files into (or, with -single, to read them from)")
	people := flag.Int("people", 2_000_000, "people in the population base")
	single := flag.Bool("single", false, "run the single-machine ledger on the files in -out instead")
	statePath := flag.String("state", "", "with -single: write the state file here too, to compare it with the pipeline's")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: genprovince -out DIR [-people N] | genprovince -single -out DIR")
		os.Exit(2)
	}
	var err error
	if *single {
		err = runSingle(*out, *statePath)
	} else {
		err = generate(*out, *people)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genprovince:", err)
		os.Exit(1)
	}
}

func mkID(area string, birth string, seq int) string {
	first17 := area + birth + fmt.Sprintf("%03d", seq)
	c, err := eligibility.CheckCharacter(first17)
	if err != nil {
		panic(err)
	}
	return first17 + string(c)
}

func generate(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(2026, uint64(n)))
	start := eligibility.MustParseDate("1950-01-01")
	// n people of the base and 2 % more outside it; 1000 people a birth
	// date, areas by the thousand.
	ids := make([]string, n+n/50)
	for i := range ids {
		birth := start.AddDays(i / 1000 % 25000).Compact()
		ids[i] = mkID(strconv.Itoa(500101+i/25_000_000), birth, i%1000)
	}
	pick := func() string {
		if rng.IntN(100) == 0 {
			return ids[n+rng.IntN(len(ids)-n)]
		}
		return ids[rng.IntN(n)]
	}
	write := func(name string, b []byte) error { return os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	// The base.
	b := []byte(files[0].header + "\n")
	for i := range n {
		b = append(b, "张三,"...)
		b = append(b, ids[i]...)
		b = fmt.Appendf(b, ",第%04d村,是,", i%villages)
		if i%3 == 0 {
			b = append(b, "未就业"...)
		}
		b = append(b, '\n')
	}
	if err := write(files[0].name, b); err != nil {
		return err
	}
	// The insured list: 60 % of the base.
	b = []byte(files[1].header + "\n")
	for i := range n * 6 / 10 {
		scheme, tier := "城乡居民", "300"
		if i%4 == 0 {
			scheme, tier = "企业职工", ""
		}
		status := "正常缴费"
		if i%10 == 0 {
			status = "暂停缴费"
		}
		b = append(b, "张三,"+ids[(i*7)%n]+","+scheme+","+status+","+tier+"\n"...)
	}
	if err := write(files[1].name, b); err != nil {
		return err
	}
	for _, f := range files[2:] {
		b = []byte(f.header + "\n")
		for range n * share[f.kind] / 1000 {
			b = append(b, "张三,"...)
			b = append(b, pick()...)
			switch f.kind {
			case "新业态":
				b = append(b, ",外卖骑手"...)
			case "区外参保":
				b = append(b, ",区外市内,企业职工,暂停缴费"...)
			}
			b = append(b, '\n')
		}
		if err := write(f.name, b); err != nil {
			return err
		}
	}
	readme := fmt.Sprintf("A generated province of %d people in %d villages (genprovince, seeded).\n\n"+
		"examples/province on Prism (the .xlsx files cannot hold a province's 实名库):\n\n    go run . %s -xlsx=false -out OUT\n\n"+
		"The single-machine ledger on the same files:\n\n    go run ./genprovince -single -out %s\n", n, villages, argsFor(dir), dir)
	return write("README.txt", []byte(readme))
}

// argsFor returns the command line of the province run on dir's files.
func argsFor(dir string) string {
	s := "-policy shiyan-2023 -asof 2023-03-15 -population " + filepath.Join(dir, files[0].name) + " -insured " + filepath.Join(dir, files[1].name)
	for _, f := range files[2:] {
		s += " -source " + f.kind + "=" + filepath.Join(dir, f.name)
	}
	return s
}

// runSingle runs the single-machine ledger on the files of dir: what
// examples/campaign does at the baseline, less its tables.
func runSingle(dir, statePath string) error {
	var srcs []ledger.Source
	for i, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			return err
		}
		kind := ledger.KindPopulation
		switch {
		case i == 1:
			kind = ledger.KindInsured
		case i > 1:
			if kind, err = ledger.ParseKind(f.kind); err != nil {
				return err
			}
		}
		srcs = append(srcs, ledger.Source{Kind: kind, Name: f.name, Data: data})
	}
	p := routing.Shiyan2023()
	asOf := eligibility.MustParseDate("2023-03-15")
	l, err := ledger.Build(ledger.Input{Policy: p, AsOf: asOf, Sources: srcs})
	if err != nil {
		return err
	}
	st := l.State()
	insured := []ledger.Source{srcs[1], srcs[len(srcs)-1]}
	m, err := st.Month(p, ledger.MonthInput{AsOf: asOf.AddDays(1), Insured: insured})
	if err != nil {
		return err
	}
	out, err := os.MkdirTemp("", "genprovince-single-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	if err := ledger.WriteStateFile(filepath.Join(out, ledger.StateFileName), st); err != nil {
		return err
	}
	if statePath != "" {
		if err := ledger.WriteStateFile(statePath, st); err != nil {
			return err
		}
	}
	f, err := os.Create(filepath.Join(out, "ledger.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := l.WriteText(f); err != nil {
		return err
	}
	fmt.Printf("genprovince -single: %d people, %d targets in %d villages\n", l.Len(), m.Total.Targets, len(m.Villages))
	return nil
}
