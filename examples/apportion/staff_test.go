package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runCase is one run of the command on stdin with args: the exit status, the
// exact stdout, and a substring of stderr.
type runCase struct {
	name       string
	args       []string
	stdin      string
	wantCode   int
	wantOut    string   // exact stdout
	wantErrHas []string // substrings of stderr
}

func (tt runCase) check(t *testing.T) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
	if code != tt.wantCode {
		t.Fatalf("run() = %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
	}
	if diff := cmp.Diff(tt.wantOut, stdout.String()); diff != "" {
		t.Errorf("stdout mismatch (-want +got):\n%s", diff)
	}
	for _, has := range tt.wantErrHas {
		if !strings.Contains(stderr.String(), has) {
			t.Errorf("stderr %q does not contain %q", stderr.String(), has)
		}
	}
}

const outHeader = "name,weight,allocation,quota,rounding\n"

// TestTotalRow: a 合计 row is not one more village. By default the command
// refuses it, naming the line; with -total-row check it checks the row
// against the other rows and drops it; with -total-row none every row is a
// unit.
func TestTotalRow(t *testing.T) {
	const units = "村别,未参保人数\n甲村,600\n乙村,300\n丙村,100\n"
	ok := outHeader + "甲村,600,6,6.0000,exact\n乙村,300,3,3.0000,exact\n丙村,100,1,1.0000,exact\n"
	tests := []runCase{
		{name: "合计 last", args: []string{"-total", "10"}, stdin: units + "合计,1000\n", wantCode: exitInput,
			wantErrHas: []string{"line 5:", `"合计" is a total row`, "-total-row check"}},
		{name: "总计 first", args: []string{"-total", "10"}, stdin: "村别,未参保人数\n总计,1000\n甲村,600\n乙村,300\n丙村,100\n", wantCode: exitInput,
			wantErrHas: []string{"line 2:", "总计"}},
		{name: "小计 with full-width spaces", args: []string{"-total", "10"}, stdin: units + "　小　计　,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "总数", args: []string{"-total", "10"}, stdin: units + "总数,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "全镇合计", args: []string{"-total", "10"}, stdin: units + "全镇合计,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "合计 with a note", args: []string{"-total", "10"}, stdin: units + "合计（全镇）,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "Total:", args: []string{"-total", "10"}, stdin: units + "  Total: ,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "full-width ＴＯＴＡＬ", args: []string{"-total", "10"}, stdin: units + "ＴＯＴＡＬ,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "SUM", args: []string{"-total", "10"}, stdin: units + "SUM,1000\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "Grand Total", args: []string{"-total", "10"}, stdin: units + "Grand Total,999\n", wantCode: exitInput, wantErrHas: []string{"line 5:"}},
		{name: "unnamed row equal to the sum of the others", args: []string{"-total", "10"}, stdin: units + "本镇,1000\n", wantCode: exitInput,
			wantErrHas: []string{"line 5:", `the weight of "本镇", 1000, equals the sum of all the other rows`}},
		{name: "subtotals and a total", args: []string{"-total", "10"}, stdin: "村别,未参保人数\n甲村,600\n小计,600\n乙村,300\n丙村,100\n小计,400\n合计,1000\n", wantCode: exitInput,
			wantErrHas: []string{"lines 3, 6, 7: 3 total rows"}},
		{name: "check: matching total dropped", args: []string{"-total", "10", "-total-row", "check"}, stdin: units + "合计,\"1,000\"\n", wantCode: exitOK,
			wantOut: ok, wantErrHas: []string{`note: line 5: the total row "合计" (1000) matches the sum of the other rows`}},
		{name: "check: total row first", args: []string{"-total", "10", "-total-row", "check"}, stdin: "村别,未参保人数\n合计,1000\n甲村,600\n乙村,300\n丙村,100\n", wantCode: exitOK, wantOut: ok},
		{name: "check: unnamed total dropped", args: []string{"-total", "10", "-total-row", "check"}, stdin: units + "本镇,1000\n", wantCode: exitOK, wantOut: ok},
		{name: "check: mismatch names both numbers", args: []string{"-total", "10", "-total-row", "check"}, stdin: units + "合计,999\n", wantCode: exitInput,
			wantErrHas: []string{`line 5: the total row "合计" says 999, but the other rows sum to 1000`}},
		{name: "check: two total rows", args: []string{"-total", "10", "-total-row", "check"}, stdin: "村别,未参保人数\n甲村,600\n小计,600\n乙村,300\n丙村,100\n合计,1000\n", wantCode: exitInput,
			wantErrHas: []string{"lines 3, 6: 2 total rows"}},
		{name: "check: no total row", args: []string{"-total", "10", "-total-row", "check"}, stdin: units, wantCode: exitOK, wantOut: ok,
			wantErrHas: []string{"no total row"}},
		{name: "check: only a total row", args: []string{"-total", "10", "-total-row", "check"}, stdin: "name,weight\n合计,0\n", wantCode: exitInput,
			wantErrHas: []string{"no units"}},
		{name: "none: every row is a unit", args: []string{"-total", "20", "-total-row", "none"}, stdin: units + "合计,1000\n", wantCode: exitOK,
			wantOut: outHeader + "甲村,600,6,6.0000,exact\n乙村,300,3,3.0000,exact\n丙村,100,1,1.0000,exact\n合计,1000,10,10.0000,exact\n"},
		{name: "three units where one is the sum of two are units", args: []string{"-total", "10"}, stdin: "name,weight\nA,5\nB,3\nC,2\n", wantCode: exitOK,
			wantOut: outHeader + "A,5,5,5.0000,exact\nB,3,3,3.0000,exact\nC,2,2,2.0000,exact\n"},
		{name: "a village whose name holds 计 elsewhere", args: []string{"-total", "10"}, stdin: "name,weight\n计家村,1\n东合计桥村,1\n", wantCode: exitOK,
			wantOut: outHeader + "计家村,1,5,5.0000,exact\n东合计桥村,1,5,5.0000,exact\n"},
		{name: "unknown mode", args: []string{"-total", "10", "-total-row", "drop"}, stdin: units, wantCode: exitInput, wantErrHas: []string{"-total-row"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

// TestTitleRows: rows above the header (a sheet's merged title, a date
// line) are skipped, up to 10 of them, as the roster reader skips them.
func TestTitleRows(t *testing.T) {
	const body = "村别,未参保人数\n甲村,3\n乙村,1\n"
	ok := outHeader + "甲村,3,3,3.0000,exact\n乙村,1,1,1.0000,exact\n"
	tests := []runCase{
		{name: "one title", args: []string{"-total", "4"}, stdin: "罗东镇全民参保扩面任务分解表\n" + body, wantCode: exitOK, wantOut: ok},
		{name: "merged title and date line", args: []string{"-total", "4"}, stdin: "罗东镇全民参保扩面任务分解表,,\n填报日期：2019年6月30日,,\n,,\n" + body, wantCode: exitOK, wantOut: ok},
		{name: "title with a stray quote", args: []string{"-total", "4"}, stdin: "石堰镇\"花名册\n" + body, wantCode: exitOK, wantOut: ok},
		{name: "blank rows between units", args: []string{"-total", "4"}, stdin: "村别,未参保人数\n甲村,3\n,\n , \n乙村,1\n", wantCode: exitOK, wantOut: ok},
		{name: "ten titles", args: []string{"-total", "4"}, stdin: strings.Repeat("标题\n", 10) + body, wantCode: exitOK, wantOut: ok},
		{name: "eleven titles", args: []string{"-total", "4"}, stdin: strings.Repeat("标题\n", 11) + body, wantCode: exitInput,
			wantErrHas: []string{`line 1: the header "标题" has no "name" column`}},
		{name: "a title that names a column", args: []string{"-total", "4"}, stdin: "名称\n" + body, wantCode: exitOK, wantOut: ok},
		{name: "data lines keep their numbers", args: []string{"-total", "4"}, stdin: "表\n\n村别,未参保人数\n甲村,x\n", wantCode: exitInput,
			wantErrHas: []string{"line 4, column weight"}},
		{name: "duplicate column after a title", args: []string{"-total", "4"}, stdin: "表\nname,weight,名称\nA,1\n", wantCode: exitInput,
			wantErrHas: []string{`line 2: the header names column "name" twice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

// TestGroupedNumbers: weights, minima and maxima as Excel writes them, with
// grouping commas, and full-width; misplaced commas are an error.
func TestGroupedNumbers(t *testing.T) {
	tests := []runCase{
		{name: "2,170", args: []string{"-total", "3187"}, stdin: "村别,未参保人数\n新明村,\"2,170\"\n罗溪村,1017\n", wantCode: exitOK,
			wantOut: outHeader + "新明村,2170,2170,2170.0000,exact\n罗溪村,1017,1017,1017.0000,exact\n"},
		{name: "full-width ２，１７０", args: []string{"-total", "2171"}, stdin: "村别,未参保人数\n新明村,２，１７０\n罗溪村,１\n", wantCode: exitOK,
			wantOut: outHeader + "新明村,2170,2170,2170.0000,exact\n罗溪村,1,1,1.0000,exact\n"},
		{name: "millions, in min and max", args: []string{"-total", "2000000"}, stdin: "name,weight,min,max\nA,\"1,000,000\",\"1,000\",\"1,500,000\"\nB,\"1,000,000\",,\n", wantCode: exitOK,
			wantOut: outHeader + "A,1000000,1000000,1000000.0000,exact\nB,1000000,1000000,1000000.0000,exact\n"},
		{name: "2,17,0", args: []string{"-total", "1"}, stdin: "name,weight\nA,\"2,17,0\"\n", wantCode: exitInput,
			wantErrHas: []string{`line 2, column weight: "2,17,0" has a comma out of place`}},
		{name: "21,70", args: []string{"-total", "1"}, stdin: "name,weight\nA,\"21,70\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column weight", "out of place"}},
		{name: "leading comma", args: []string{"-total", "1"}, stdin: "name,weight\nA,\",170\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column weight"}},
		{name: "trailing comma", args: []string{"-total", "1"}, stdin: "name,weight\nA,\"2,\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column weight"}},
		{name: "leading zero group", args: []string{"-total", "1"}, stdin: "name,weight\nA,\"02,170\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column weight"}},
		{name: "misplaced in max", args: []string{"-total", "1"}, stdin: "name,weight,max\nA,1,\"1,0\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column max", "out of place"}},
		{name: "negative grouped", args: []string{"-total", "1"}, stdin: "name,weight\nA,\"-2,170\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column weight", "not a non-negative integer"}},
		{name: "beyond int64", args: []string{"-total", "1"}, stdin: "name,weight\nA,\"9,223,372,036,854,775,808\"\n", wantCode: exitInput, wantErrHas: []string{"line 2, column weight", "larger than"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

// TestFormulaNames: a unit name that a spreadsheet would run as a formula
// is written with a leading apostrophe, as reporting's CSV writer writes
// every text cell; numbers stay numbers.
func TestFormulaNames(t *testing.T) {
	tests := []runCase{
		{name: "=cmd", args: []string{"-total", "2"}, stdin: "name,weight\n\"=cmd|' /C calc'!A0\",1\nB,1\n", wantCode: exitOK,
			wantOut: outHeader + "'=cmd|' /C calc'!A0,1,1,1.0000,exact\nB,1,1,1.0000,exact\n"},
		{name: "@SUM", args: []string{"-total", "1"}, stdin: "name,weight\n@SUM(A1),1\n", wantCode: exitOK, wantOut: outHeader + "'@SUM(A1),1,1,1.0000,exact\n"},
		{name: "+1+1", args: []string{"-total", "1"}, stdin: "name,weight\n+1+1,1\n", wantCode: exitOK, wantOut: outHeader + "'+1+1,1,1,1.0000,exact\n"},
		{name: "-2+3", args: []string{"-total", "1"}, stdin: "name,weight\n-2+3,1\n", wantCode: exitOK, wantOut: outHeader + "'-2+3,1,1,1.0000,exact\n"},
		{name: "full-width ＝ is folded nowhere", args: []string{"-total", "1"}, stdin: "name,weight\n＝1,1\n", wantCode: exitOK, wantOut: outHeader + "＝1,1,1,1.0000,exact\n"},
		{name: "tab inside a quoted name after spaces", args: []string{"-total", "1"}, stdin: "name,weight\n\"x\t=1\",1\n", wantCode: exitOK, wantOut: outHeader + "x\t=1,1,1,1.0000,exact\n"},
		{name: "CR inside a name becomes a line feed", args: []string{"-total", "1"}, stdin: "name,weight\n\"a\rb\",1\n", wantCode: exitOK, wantOut: outHeader + "\"a\nb\",1,1,1.0000,exact\n"},
		{name: "leading tab trimmed, then guarded", args: []string{"-total", "1"}, stdin: "name,weight\n\"\t=1+2\",1\n", wantCode: exitOK, wantOut: outHeader + "'=1+2,1,1,1.0000,exact\n"},
		{name: "leading CR trimmed, then guarded", args: []string{"-total", "1"}, stdin: "name,weight\n\"\r@x\",1\n", wantCode: exitOK, wantOut: outHeader + "'@x,1,1,1.0000,exact\n"},
		{name: "a name that is a number", args: []string{"-total", "1"}, stdin: "name,weight\n-5,1\n", wantCode: exitOK, wantOut: outHeader + "'-5,1,1,1.0000,exact\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}
