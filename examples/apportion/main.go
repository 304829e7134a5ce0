// Command apportion splits an integer target across the units of a CSV file,
// exactly, for reporting scripts:
//
//	go run ./examples/apportion -method hamilton -total 9777 < units.csv > result.csv
//
// The input is CSV with a header row naming the columns name and weight and,
// optionally, min and max (any order, any case; extra columns are ignored; the
// Chinese headings 名称/村别/单位, 权重/未参保人数, 下限 and 上限 work too).
// Up to 10 title rows may stand above the header, as in a sheet saved from
// Excel (a merged title, a date line): the header is the first row that names
// the name and weight columns, and the rows above it are skipped, as the
// project's roster reader skips them. Rows whose cells are all empty are not
// units. It may be UTF-8 with or without a byte-order mark, or GB18030 as
// Excel and WPS save "CSV" on Chinese Windows; the encoding is detected unless
// -encoding states it.
//
// Weights, minima and maxima are non-negative integers. They may be written
// with full-width digits (２１７０) and with grouping commas in groups of
// three digits, as Excel writes them ("2,170", "1,234,567", "２，１７０");
// a comma anywhere else ("2,17,0") is an error.
//
// # Total rows
//
// A total row (合计, 总计, 小计, 总数, 全镇合计, Total, Sum, … — spaces and
// full-width forms do not matter) is not a unit: taken as one, it would claim
// half of the target. By default the command refuses an input that has one,
// naming its line; a row whose weight equals the sum of all the other weights
// (when there are at least three others with a positive weight) is taken as
// a total row too. -total-row says what to do instead:
//
//	-total-row fail   refuse the input (the default)
//	-total-row check  check the total row against the sum of the other rows
//	                  (a mismatch is an error naming both numbers) and drop it
//	-total-row none   there is no total row: every row is a unit
//
// # Output
//
// The output is UTF-8 CSV with the header name,weight,allocation,quota,rounding
// and one row per unit, in input order: the allocation, the exact quota at
// -scale digits, and how the quota was rounded (up, down, exact, min, max).
// A name that a spreadsheet would run as a formula (one that begins with =,
// +, -, @, a tab or a carriage return) gets a leading apostrophe, as in every
// CSV file the project writes; numbers are written as they are.
//
// Methods (-method): half-up, half-even, floor, ceil (each cell rounded on its
// own, as published tables are), hamilton (largest remainder), dhondt (alias
// jefferson), sainte-lague (alias webster), adams, dean, huntington-hill.
//
// # Exit status
//
// A tie the method cannot settle (units with equal claims to fewer seats) is
// reported on stderr with exit status 3, unless -tie names a rule (order,
// weight or name). Bad input is reported on stderr with its line and exit
// status 2, and nothing is written to stdout.
//
// These are the statuses of the built program. Under go run the shell sees
// 1 whatever the program's status was: go run prints "exit status 3" on
// stderr and exits 1. To branch on 2 or 3 in a script, build it first:
//
//	go build -o apportion ./examples/apportion
//	./apportion -total 9777 < units.csv > result.csv; echo $?
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/reporting/codec"
)

// maxTitleRows is how many title rows may stand above the header, as the
// roster reader allows (reporting/roster).
const maxTitleRows = 10

// Exit statuses.
const (
	exitOK    = 0
	exitInput = 2 // bad flags or bad input
	exitTie   = 3 // a tie no rule settled
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, separated from main so that tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("apportion", flag.ContinueOnError)
	fs.SetOutput(stderr)
	methodName := fs.String("method", "hamilton", "apportionment method: "+methodNames())
	totalText := fs.String("total", "", "the integer target to split (required)")
	encName := fs.String("encoding", "auto", "input encoding: auto, utf-8, gb18030")
	tieName := fs.String("tie", "fail", "tie rule: fail (report and exit 3), order, weight, name")
	scale := fs.Int("scale", 4, "digits after the point in the quota column (0 to 30)")
	totalRowName := fs.String("total-row", "fail", "a total row (合计, 总计, Total, …): fail (report it and exit 2), check (check it against the other rows and drop it), none (every row is a unit)")
	if err := fs.Parse(args); err != nil {
		return exitInput
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "apportion: unexpected arguments %q; the units are read from stdin\n", fs.Args())
		return exitInput
	}
	method, err := allocation.ParseMethod(*methodName)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: -method: %v (known: %s)\n", err, methodNames())
		return exitInput
	}
	if *totalText == "" {
		fmt.Fprintln(stderr, "apportion: -total is required")
		return exitInput
	}
	total, err := strconv.ParseInt(strings.TrimSpace(*totalText), 10, 64)
	if err != nil || total < 0 {
		fmt.Fprintf(stderr, "apportion: -total %q is not a non-negative integer\n", *totalText)
		return exitInput
	}
	enc, err := codec.ParseEncoding(*encName)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: -encoding: %v\n", err)
		return exitInput
	}
	tie, err := allocation.ParseTieRule(*tieName)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: -tie: %v\n", err)
		return exitInput
	}
	if *scale < 0 || *scale > 30 {
		fmt.Fprintf(stderr, "apportion: -scale %d is outside 0..30\n", *scale)
		return exitInput
	}

	totalRow, err := parseTotalRowMode(*totalRowName)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: -total-row: %v\n", err)
		return exitInput
	}

	units, lines, err := readUnits(stdin, enc)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: %v\n", err)
		return exitInput
	}
	units, lines, note, err := applyTotalRow(units, lines, totalRow)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: %v\n", err)
		return exitInput
	}
	if note != "" {
		fmt.Fprintf(stderr, "apportion: note: %s\n", note)
	}
	var opts []allocation.Option
	if tie != allocation.TieFail {
		opts = append(opts, allocation.WithTieRule(tie))
	}
	res, err := allocation.Apportion(total, units, method, opts...)
	if err != nil {
		var ie *allocation.InputError
		switch {
		case errors.As(err, &ie) && ie.Index >= 0 && ie.Index < len(lines):
			fmt.Fprintf(stderr, "apportion: line %d: %v\n", lines[ie.Index], err)
		case errors.Is(err, allocation.ErrOverflow):
			fmt.Fprintf(stderr, "apportion: %v (the weights, and the allocations, must sum to at most %d)\n", err, int64(math.MaxInt64))
		default:
			fmt.Fprintf(stderr, "apportion: %v\n", err)
		}
		var te *allocation.TieError
		if errors.As(err, &te) {
			fmt.Fprintln(stderr, "apportion: choose a tie rule with -tie order|weight|name to settle it")
			return exitTie
		}
		return exitInput
	}
	for _, t := range res.Ties {
		fmt.Fprintf(stderr, "apportion: note: %v\n", t)
	}
	if !method.KeepsSum() && res.Sum != total {
		fmt.Fprintf(stderr, "apportion: note: %s rounds each cell on its own; the allocations sum to %d, the target is %d\n",
			method, res.Sum, total)
	}

	// Build the whole output first: nothing reaches stdout unless it is a
	// complete result.
	// Rows are written as every CSV of the project is (codec.AppendRecord):
	// a name that a spreadsheet would run as a formula is guarded by a
	// leading apostrophe, and the numbers stay numbers. Line ends are LF, as
	// a command's output is piped (the guard leaves no CR inside a field).
	out := codec.AppendRecord(nil, []string{"name", "weight", "allocation", "quota", "rounding"}, nil)
	number := func(i int) bool { return i >= 1 && i <= 3 }
	for _, s := range res.Shares {
		out = codec.AppendRecord(out, []string{
			s.Name,
			strconv.FormatInt(s.Weight, 10),
			strconv.FormatInt(s.Allocated, 10),
			s.Quota.StringFixed(*scale),
			s.Rounding.String(),
		}, number)
	}
	out = bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n"))
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "apportion: %v\n", err)
		return exitInput
	}
	return exitOK
}

func methodNames() string {
	var names []string
	for _, m := range allocation.Methods() {
		names = append(names, m.String())
	}
	return strings.Join(names, ", ")
}

// columnFor returns the column a folded header names, or "".
func columnFor(header string) string {
	switch header {
	case "name", "名称", "村别", "单位", "村(社区)":
		return "name"
	case "weight", "权重", "未参保人数":
		return "weight"
	case "min", "下限", "最小":
		return "min"
	case "max", "上限", "最大":
		return "max"
	}
	return ""
}

// readUnits reads the units CSV and returns every unit row with the line of
// each, total rows included (see [applyTotalRow]). Title rows above the
// header and rows whose cells are all empty are skipped. Errors name the
// line (and the column).
func readUnits(r io.Reader, enc codec.Encoding) ([]allocation.Unit, []int, error) {
	dec, err := codec.NewDecoder(r, enc)
	if err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(dec)
	cr.FieldsPerRecord = -1
	col, err := readHeader(cr)
	if err != nil {
		return nil, nil, err
	}
	var units []allocation.Unit
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err // *csv.ParseError names the line
		}
		if blank(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		field := func(name string) (string, bool) {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return "", false
			}
			return strings.TrimSpace(rec[i]), true
		}
		number := func(name string) (int64, bool, error) {
			s, ok := field(name)
			if !ok || s == "" {
				return 0, false, nil
			}
			v, err := parseCount(s)
			if err != nil {
				return 0, false, fmt.Errorf("line %d, column %s: %w", line, name, err)
			}
			return v, true, nil
		}
		var u allocation.Unit
		u.Name, _ = field("name")
		w, ok, err := number("weight")
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, fmt.Errorf("line %d, column weight: the weight is missing", line)
		}
		u.Weight = w
		if u.Min, _, err = number("min"); err != nil {
			return nil, nil, err
		}
		if u.Max, u.HasMax, err = number("max"); err != nil {
			return nil, nil, err
		}
		units = append(units, u)
		lines = append(lines, line)
	}
	if len(units) == 0 {
		return nil, nil, errors.New("the input has a header but no units")
	}
	return units, lines, nil
}

// readHeader reads records until one names the name and weight columns, and
// returns the index of each column it names. Records before it are title
// rows (a sheet's merged title, a date line), up to [maxTitleRows]
// of them, as the roster reader allows; rows whose cells are all empty do
// not count. When no header comes, the error is that of the first record.
func readHeader(cr *csv.Reader) (map[string]int, error) {
	var first error // why the first record is not the header
	for titles := 0; titles <= maxTitleRows; {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err == nil && blank(rec) {
			continue
		}
		titles++
		if err != nil {
			// A title row may hold what CSV cannot parse (a stray quote
			// in 石堰镇"花名册); it is not the header either.
			if first == nil {
				first = err // *csv.ParseError names the line
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		col := map[string]int{}
		var dup string
		for i, h := range rec {
			key := strings.ToLower(strings.TrimSpace(width.Fold.String(h)))
			if c := columnFor(key); c != "" {
				if _, ok := col[c]; ok && dup == "" {
					dup = c
				}
				col[c] = i
			}
		}
		_, hasName := col["name"]
		_, hasWeight := col["weight"]
		if hasName && hasWeight {
			if dup != "" {
				return nil, fmt.Errorf("line %d: the header names column %q twice", line, dup)
			}
			return col, nil
		}
		if first == nil {
			need := "name"
			if hasName {
				need = "weight"
			}
			first = fmt.Errorf("line %d: the header %q has no %q column (want name and weight, optionally min and max; up to %d title rows may stand above the header)",
				line, strings.Join(rec, ","), need, maxTitleRows)
		}
	}
	if first == nil {
		return nil, errors.New("the input is empty: want a header row naming name and weight")
	}
	return nil, first
}

// blank reports whether every field of rec is empty or spaces: a
// spreadsheet's empty row (",,,"), which is not a row of data.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parseCount parses a non-negative integer cell: ASCII or full-width digits,
// optionally with grouping commas in the standard groups of three digits
// ("2,170", "1,234,567", "２，１７０"), as Excel writes formatted numbers.
func parseCount(cell string) (int64, error) {
	s := strings.TrimSpace(width.Fold.String(cell))
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		ok := len(groups[0]) >= 1 && len(groups[0]) <= 3 && groups[0][0] != '0' && digits(groups[0])
		for _, g := range groups[1:] {
			ok = ok && len(g) == 3 && digits(g)
		}
		if !ok {
			if digits(strings.ReplaceAll(s, ",", "")) {
				return 0, fmt.Errorf("%q has a comma out of place: commas may only group digits by three (2,170 or 1,234,567)", cell)
			}
			return 0, fmt.Errorf("%q is not a non-negative integer", cell)
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) && !strings.HasPrefix(s, "-") {
			return 0, fmt.Errorf("%q is larger than %d", cell, int64(math.MaxInt64))
		}
		return 0, fmt.Errorf("%q is not a non-negative integer", cell)
	}
	return v, nil
}

// digits reports whether s is ASCII digits only.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// totalRowMode says what the command does with a total row.
type totalRowMode int

const (
	totalRowFail  totalRowMode = iota // report the total row, exit 2
	totalRowCheck                     // check it against the other rows, drop it
	totalRowNone                      // no row is a total row
)

func parseTotalRowMode(s string) (totalRowMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fail":
		return totalRowFail, nil
	case "check":
		return totalRowCheck, nil
	case "none":
		return totalRowNone, nil
	}
	return 0, fmt.Errorf("unknown mode %q (known: fail, check, none)", s)
}

// isTotalName reports whether a unit name is that of a total row: 合计, 总计,
// 小计 (alone or at either end, as in 全镇合计 or 合计(全镇)), 总数, 共计, 总和,
// Total, Sum, Subtotal, Grand total — whatever the case, the spaces, the
// punctuation and full-width forms.
func isTotalName(name string) bool {
	s := strings.ToLower(width.Fold.String(name))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, s)
	switch s {
	case "总数", "共计", "总和", "total", "totals", "sum", "subtotal", "grandtotal":
		return true
	}
	for _, w := range []string{"合计", "总计", "小计"} {
		if strings.HasPrefix(s, w) || strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// minOthersForWeightRule is how many other rows with a positive weight a
// row needs before a weight equal to their sum marks it as a total row: in a
// table of three (5, 3, 2) that is as likely to be chance as a total.
const minOthersForWeightRule = 3

// totalRows returns the indices of the total rows of units: the rows named
// as totals ([isTotalName]) or, when there are none, the one row whose
// weight equals the sum of all the others (with at least
// [minOthersForWeightRule] others of positive weight). byName says which.
func totalRows(units []allocation.Unit) (idx []int, byName bool) {
	for i, u := range units {
		if isTotalName(u.Name) {
			idx = append(idx, i)
		}
	}
	if len(idx) > 0 {
		return idx, true
	}
	sum := new(big.Int) // weights may sum beyond int64
	positive := 0
	for _, u := range units {
		sum.Add(sum, big.NewInt(u.Weight))
		if u.Weight > 0 {
			positive++
		}
	}
	twice := new(big.Int)
	for i, u := range units {
		others := positive
		if u.Weight > 0 {
			others--
		}
		// w = Σ others ⇔ 2w = Σ all. At most one row can satisfy it when
		// two or more others are positive.
		if others >= minOthersForWeightRule && twice.Lsh(big.NewInt(u.Weight), 1).Cmp(sum) == 0 {
			return []int{i}, false
		}
	}
	return nil, false
}

// applyTotalRow finds the total rows of units (see [totalRows]) and does
// what mode says: totalRowFail returns an error naming the line;
// totalRowCheck checks the one total row against the sum of the other rows
// (a mismatch is an error naming both numbers) and returns the units without
// it, with a note for stderr; totalRowNone returns the units as they are.
func applyTotalRow(units []allocation.Unit, lines []int, mode totalRowMode) ([]allocation.Unit, []int, string, error) {
	if mode == totalRowNone {
		return units, lines, "", nil
	}
	idx, byName := totalRows(units)
	if len(idx) == 0 {
		if mode == totalRowCheck {
			return units, lines, "-total-row check: the input has no total row; every row is a unit", nil
		}
		return units, lines, "", nil
	}
	var at []string
	for _, i := range idx {
		at = append(at, strconv.Itoa(lines[i]))
	}
	const how = "delete it, or pass -total-row check to check it against the other rows and drop it (-total-row none if every row is a unit)"
	t := units[idx[0]]
	switch {
	case mode == totalRowFail && byName && len(idx) == 1:
		return nil, nil, "", fmt.Errorf("line %s: %q is a total row, not a unit (it would take a share of the target as one more unit); %s", at[0], t.Name, how)
	case mode == totalRowFail && byName:
		return nil, nil, "", fmt.Errorf("lines %s: %d total rows (合计, 小计, …), which are not units; delete them, or keep the one grand total and pass -total-row check (-total-row none if every row is a unit)", strings.Join(at, ", "), len(idx))
	case mode == totalRowFail:
		return nil, nil, "", fmt.Errorf("line %s: the weight of %q, %d, equals the sum of all the other rows: it looks like a total row, not a unit; %s", at[0], t.Name, t.Weight, how)
	case len(idx) > 1:
		return nil, nil, "", fmt.Errorf("lines %s: %d total rows; -total-row check takes one grand total (delete the subtotals 小计)", strings.Join(at, ", "), len(idx))
	}
	i := idx[0]
	others := new(big.Int)
	for j, u := range units {
		if j != i {
			others.Add(others, big.NewInt(u.Weight))
		}
	}
	if others.Cmp(big.NewInt(t.Weight)) != 0 {
		return nil, nil, "", fmt.Errorf("line %d: the total row %q says %d, but the other rows sum to %s", lines[i], t.Name, t.Weight, others)
	}
	if len(units) == 1 {
		return nil, nil, "", fmt.Errorf("line %d: the input has a total row %q and no units", lines[i], t.Name)
	}
	kept := append(slices.Clone(units[:i]), units[i+1:]...)
	keptLines := append(slices.Clone(lines[:i]), lines[i+1:]...)
	return kept, keptLines, fmt.Sprintf("line %d: the total row %q (%d) matches the sum of the other rows and is not a unit", lines[i], t.Name, t.Weight), nil
}
