package ledger_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/routing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// mkID returns the 18-character identity number for an area, a birth date
// (YYYYMMDD) and a sequence code, with its check character.
func mkID(area, birth string, seq int) string {
	first17 := area + birth + fmt.Sprintf("%03d", seq)
	c, err := eligibility.CheckCharacter(first17)
	if err != nil {
		panic(err)
	}
	return first17 + string(c)
}

// fifteen returns the legacy 15-digit form of an 18-character number of a
// person born in the 1900s.
func fifteen(id18 string) string { return id18[:6] + id18[8:17] }

// fullWidth writes the digits (and X) of s in full width.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r - '0' + '０'
		case r == 'X':
			return 'Ｘ'
		}
		return r
	}, s)
}

// The people of the small town of the tests (石堰, baseline 2023-03-15).
var (
	idZhang = mkID("500115", "19850314", 11) // man, 37, uninsured, not employed → target (企业职工, 灵活就业)
	idLi    = mkID("500115", "19700601", 22) // woman, 52, 城乡居民 tier 2000, active → followed (城乡富裕人员)
	idWang  = mkID("500115", "19600101", 31) // man, 63, uninsured, local → target (补缴)
	idZhao  = mkID("500115", "19900202", 42) // woman, 33, 低保 → target (代缴)
	idQian  = mkID("500115", "19880808", 51) // man, 34, 劳动合同备案 → target (用人单位)
	idSun   = mkID("500115", "19950505", 62) // woman, 27, 企业职工 active → other
	idZhou  = mkID("500115", "19750303", 71) // man, 48, 区外参保 暂停缴费 → target (转移接续)
	idWu    = mkID("500115", "19920909", 82) // woman, 30, 新业态 外卖 → target
	idOut   = mkID("500115", "19800101", 91) // in the 低保 list, not in the base
)

func base() string {
	return "姓名,身份证号码,性别,村(社区),是否本区户籍,就业状况\n" +
		"张三," + idZhang + ",男,码头村,是,未就业\n" +
		"李四," + idLi + ",女,码头村,是,务农\n" +
		"王五," + idWang + ",男,石堰社区,是,\n" +
		"赵六," + idZhao + ",女,石堰社区,是,\n" +
		"钱七," + idQian + ",男,码头村,是,\n" +
		"孙八," + idSun + ",女,码头村,是,\n" +
		"周九," + idZhou + ",男,石堰社区,是,未就业\n" +
		"吴十," + idWu + ",女,码头村,是,\n"
}

// insured returns the insured list at the baseline (李四 in 城乡居民, 孙八 in
// 企业职工) with extra rows; extra rows for 李四 replace hers.
func insured(extra string) string {
	li := "李四," + strings.ToLower(idLi) + ",城乡居民,正常缴费,2000\n"
	if strings.Contains(extra, idLi) {
		li = ""
	}
	return "AAC003,AAC002,AAE140,AAC031,缴费档次\n" + li +
		"孙八," + idSun + ",企业职工,正常缴费,\n" + extra
}

// smallSources are the files of the small town: the base, the insured list
// (with GB/T 40217 codes as headers), and department lists with a 15-digit
// number, a full-width number, a duplicate, a person outside the base and
// a village that disagrees with the base.
func smallSources() []ledger.Source {
	return []ledger.Source{
		{Kind: ledger.KindPopulation, Name: "户籍人口.csv", Data: []byte(base())},
		{Kind: ledger.KindInsured, Name: "参保库.csv", Data: []byte(insured(""))},
		{Kind: ledger.KindMinimumLiving, Name: "低保.csv", Data: []byte("姓名,身份证号码,村(社区)\n" +
			"赵六," + fullWidth(idZhao) + ",石堰社区\n" +
			"某某," + idOut + ",码头村\n" +
			"赵六," + idZhao + ",码头村\n")},
		{Kind: ledger.KindLabourContract, Name: "劳动合同备案.csv", Data: []byte("姓名,公民身份号码\n" +
			"钱七," + fifteen(idQian) + "\n")},
		{Kind: ledger.KindInsuredElsewhere, Name: "区外参保.csv", Data: []byte("姓名,身份证号码,参保地,参保险种,缴费状态\n" +
			"周九," + idZhou + ",区外市内,企业职工,暂停缴费\n")},
		{Kind: ledger.KindPlatform, Name: "新业态.csv", Data: []byte("姓名,身份证号码,平台类型,村(社区)\n" +
			"吴十," + idWu + ",外卖骑手,石堰社区\n")},
	}
}

var baseline = eligibility.MustParseDate("2023-03-15")

func buildSmall(t testing.TB) *ledger.Ledger {
	t.Helper()
	l, err := ledger.Build(ledger.Input{Policy: routing.Shiyan2023(), AsOf: baseline, Sources: smallSources()})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- want\n%s\n--- got\n%s", name, want, got)
	}
}
