// Command apportion splits an integer target across the units of a CSV file,
// exactly, for reporting scripts:
//
//	go run ./examples/apportion -method hamilton -total 9777 < units.csv > result.csv
//
// The input is CSV with a header row naming the columns name and weight and,
// optionally, min and max (any order, any case; extra columns are ignored; the
// Chinese headings 名称/村别/单位, 权重/未参保人数, 下限 and 上限 work too).
// It may be UTF-8 with or without a byte-order mark, or GB18030 as Excel and
// WPS save "CSV" on Chinese Windows; the encoding is detected unless
// -encoding states it.
//
// The output is UTF-8 CSV with the header name,weight,allocation,quota,rounding
// and one row per input row, in input order: the allocation, the exact quota
// at -scale digits, and how the quota was rounded (up, down, exact, min, max).
//
// Methods (-method): half-up, half-even, floor, ceil (each cell rounded on its
// own, as published tables are), hamilton (largest remainder), dhondt (alias
// jefferson), sainte-lague (alias webster), adams, dean, huntington-hill.
//
// A tie the method cannot settle (units with equal claims to fewer seats) is
// reported on stderr with exit status 3, unless -tie names a rule (order,
// weight or name). Bad input is reported on stderr with its line and exit
// status 2, and nothing is written to stdout.
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/canbao/kuomian/allocation"
	"github.com/canbao/kuomian/reporting/codec"
)

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

	units, lines, err := readUnits(stdin, enc)
	if err != nil {
		fmt.Fprintf(stderr, "apportion: %v\n", err)
		return exitInput
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
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	rows := [][]string{{"name", "weight", "allocation", "quota", "rounding"}}
	for _, s := range res.Shares {
		rows = append(rows, []string{
			s.Name,
			strconv.FormatInt(s.Weight, 10),
			strconv.FormatInt(s.Allocated, 10),
			s.Quota.StringFixed(*scale),
			s.Rounding.String(),
		})
	}
	if err := w.WriteAll(rows); err != nil {
		fmt.Fprintf(stderr, "apportion: %v\n", err)
		return exitInput
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
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

// readUnits reads the units CSV and returns the units with the line of each.
// Errors name the line (and the column).
func readUnits(r io.Reader, enc codec.Encoding) ([]allocation.Unit, []int, error) {
	dec, err := codec.NewDecoder(r, enc)
	if err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(dec)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, errors.New("the input is empty: want a header row naming name and weight")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("line 1: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(width.Fold.String(h)))
		if c := columnFor(key); c != "" {
			if _, dup := col[c]; dup {
				return nil, nil, fmt.Errorf("line 1: the header names column %q twice", c)
			}
			col[c] = i
		}
	}
	for _, need := range []string{"name", "weight"} {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("line 1: the header %q has no %q column (want name and weight, optionally min and max)",
				strings.Join(header, ","), need)
		}
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
			v, err := strconv.ParseInt(width.Fold.String(s), 10, 64)
			if err != nil || v < 0 {
				return 0, false, fmt.Errorf("line %d, column %s: %q is not a non-negative integer", line, name, s)
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
