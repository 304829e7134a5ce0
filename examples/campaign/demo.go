package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/synth"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/reporting/xlsx"
	"github.com/canbao/kuomian/routing"
)

// The demo town: 石堰-like, under the shiyan-2023 preset, three months.
const (
	demoPolicy = "shiyan-2023"
	demoRows   = 800 // rows the generator draws (a few are dropped as repeats)
)

// demoMonths are the as-of dates of the three runs: the plan's baseline,
// then two month ends.
var demoMonths = []string{"2023-03-15", "2023-04-30", "2023-05-31"}

// The demo's files.
const (
	demoPopulation = "户籍人口.xlsx"
	demoTasks      = "任务.csv"
	demoReadme     = "README.txt"
)

// demoInsured is the insured list of month i.
var demoInsured = []string{"参保-2023-03.csv", "参保-2023-04.csv", "参保-2023-05.xlsx"}

// demoSource is one department list of the demo: its kind (as -source
// names it) and file.
type demoSource struct {
	kind string
	file string
}

var demoSources = []demoSource{
	{"低保", "民政低保.xlsx"},
	{"特困", "民政特困.csv"},
	{"重度残疾", "残联重度残疾.xlsx"},
	{"被征地", "征地名单.csv"},
	{"村干部", "村干部.csv"},
	{"镇街聘用", "镇街聘用.csv"},
	{"财政供养", "财政供养.csv"},
	{"个体工商户", "市场监管个体工商户.xlsx"},
	{"劳动合同备案", "劳动合同备案.csv"},
	{"新业态", "新业态.xlsx"},
	{"执业资格", "执业资格.csv"},
	{"区外参保", "区外参保.csv"},
}

// demoArgs returns the arguments of the command of month i (0, 1, 2), with
// the input files in dir and the outputs in out/<as-of>.
func demoArgs(dir, out string, i int) []string {
	args := []string{"-policy", demoPolicy, "-asof", demoMonths[i],
		"-population", filepath.Join(dir, demoPopulation), "-insured", filepath.Join(dir, demoInsured[i])}
	for _, s := range demoSources {
		args = append(args, "-source", s.kind+"="+filepath.Join(dir, s.file))
	}
	if i == 0 {
		args = append(args, "-task", filepath.Join(dir, demoTasks))
	} else {
		args = append(args, "-previous", filepath.Join(out, demoMonths[i-1]))
	}
	return append(args, "-out", filepath.Join(out, demoMonths[i]))
}

// person is one resident of the demo town, as the generator drew them.
type person struct {
	name, id, gender, birth, village, area, local string
	employment, platform, licence                 string
	scheme, status, location, tier                string
	flags                                         []string
	land, contact                                 string
}

// demoTown is the generated town and its files.
type demoTown struct {
	people []person
	files  map[string][]byte
}

// writeDemo writes the demo's files into dir.
func writeDemo(dir string, seed uint64) error {
	town, err := newDemoTown(seed)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(town.files))
	for n := range town.files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), town.files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// newDemoTown generates the town of seed and every file of its three
// months.
func newDemoTown(seed uint64) (*demoTown, error) {
	baseline := eligibility.MustParseDate(demoMonths[0])
	raw, _, err := synth.Generate(synth.Options{Seed: seed, Rows: demoRows, AsOf: baseline})
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, err
	}
	t := &demoTown{files: map[string][]byte{}}
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		if seen[r[1]] {
			continue // the generator may draw one number twice
		}
		seen[r[1]] = true
		p := person{name: r[0], id: r[1], gender: r[2], birth: r[3], village: r[4], area: r[5], local: r[6],
			employment: r[7], platform: r[8], licence: r[9], scheme: r[10], status: r[11], location: r[12], tier: r[13],
			land: r[15], contact: r[16]}
		if r[14] != "" {
			p.flags = strings.Split(r[14], "、")
		}
		t.people = append(t.people, p)
	}
	rng := rand.New(rand.NewPCG(seed, 0x63616d706169676e))

	// The population base, in the generator's order.
	pop, err := t.population(nil)
	if err != nil {
		return nil, err
	}
	t.files[demoPopulation] = pop

	// Department lists.
	has := func(p person, flag string) bool { return slices.Contains(p.flags, flag) }
	list := func(header []string, pick func(p person) []string) [][]string {
		rows := [][]string{header}
		for _, p := range t.people {
			if r := pick(p); r != nil {
				rows = append(rows, r)
			}
		}
		return rows
	}
	flagList := func(flag string) [][]string {
		return list([]string{"姓名", "公民身份号码"}, func(p person) []string {
			if has(p, flag) {
				return []string{p.name, p.id}
			}
			return nil
		})
	}
	// 低保 (xlsx): a row whose number has a wrong check character (rejected)
	// and a person listed twice, the second time in full-width digits (a
	// duplicate, counted once).
	dibao := flagList("低保")
	if len(dibao) > 1 {
		first := dibao[1]
		dibao = append(dibao, []string{"冉某某", badCheck(t.people[0].id)}, []string{first[0], fullWidth(first[1])})
	}
	// 特困 (CSV): one row says 打零工 in 就业状况, a word the roster does not
	// know: the row is kept, the fact left unknown, with a warning.
	tekun := [][]string{{"姓名", "身份证号码", "就业状况"}}
	for _, p := range t.people {
		if has(p, "特困") {
			emp := "未就业"
			if len(tekun) == 2 {
				emp = "打零工"
			}
			tekun = append(tekun, []string{p.name, p.id, emp})
		}
	}
	// 被征地 (CSV, with 征地日期): one person who is not in the base.
	land := list([]string{"姓名", "身份证号码", "征地日期"}, func(p person) []string {
		if has(p, "被征地") {
			return []string{p.name, p.id, p.land}
		}
		return nil
	})
	outsider := mkID("500115", baseline.AddYears(-35).AddDays(-17), 7)
	land = append(land, []string{"谭外来", outsider, baseline.AddDays(-40).String()})
	emp := func(kind string, header []string, extra func(p person) string) [][]string {
		return list(header, func(p person) []string {
			if p.employment != kind {
				return nil
			}
			if extra != nil {
				return []string{p.name, p.id, extra(p)}
			}
			return []string{p.name, p.id}
		})
	}
	contracts := emp("单位就业", []string{"姓名", "公民身份号码"}, nil)
	for _, r := range contracts[1:] { // one filing gives the 15-digit form
		if r[1][6:8] == "19" {
			r[1] = r[1][:6] + r[1][8:17]
			break
		}
	}
	elsewhere := list([]string{"姓名", "身份证号码", "参保地", "参保险种", "缴费状态"}, func(p person) []string {
		if p.location == "区外市内" || p.location == "市外" {
			return []string{p.name, p.id, p.location, p.scheme, p.status}
		}
		return nil
	})
	put := func(name string, rows [][]string, enc codec.Encoding) error {
		b, err := encodeFile(name, rows, enc)
		t.files[name] = b
		return err
	}
	for _, f := range []struct {
		name string
		rows [][]string
		enc  codec.Encoding
	}{
		{"民政低保.xlsx", dibao, 0},
		{"民政特困.csv", tekun, codec.UTF8BOM},
		{"残联重度残疾.xlsx", flagList("重度残疾"), 0},
		{"征地名单.csv", land, codec.UTF8BOM},
		{"村干部.csv", flagList("村干部"), codec.UTF8},
		{"镇街聘用.csv", flagList("镇街聘用"), codec.UTF8BOM},
		{"财政供养.csv", flagList("财政供养"), codec.GB18030},
		{"市场监管个体工商户.xlsx", emp("个体工商户", []string{"姓名", "身份证号码"}, nil), 0},
		{"劳动合同备案.csv", contracts, codec.UTF8BOM},
		{"新业态.xlsx", emp("新业态从业人员", []string{"姓名", "身份证号码", "平台类型"}, func(p person) string { return p.platform }), 0},
		{"执业资格.csv", emp("持证自由职业者", []string{"姓名", "身份证号码", "执业资格"}, func(p person) string { return p.licence }), codec.UTF8BOM},
		{"区外参保.csv", elsewhere, codec.UTF8BOM},
	} {
		if err := put(f.name, f.rows, f.enc); err != nil {
			return nil, err
		}
	}

	// The baseline's insured list: the district's own 参保库 (GB/T 40217
	// field codes as headers).
	type ins struct{ scheme, status, tier string }
	insured := map[string]ins{}
	for _, p := range t.people {
		if p.location == "本区" && p.scheme != "未参保" && p.scheme != "" {
			insured[p.id] = ins{p.scheme, p.status, p.tier}
		}
	}
	insuredFile := func(month int, extra [][]string) error {
		rows := [][]string{{"AAC003", "AAC002", "AAE140", "AAC031", "缴费档次"}}
		for _, p := range t.people {
			if in, ok := insured[p.id]; ok {
				rows = append(rows, []string{p.name, p.id, in.scheme, in.status, in.tier})
			}
		}
		rows = append(rows, extra...)
		enc := codec.UTF8BOM
		if month == 1 {
			enc = codec.GB18030
		}
		return put(demoInsured[month], rows, enc)
	}
	if err := insuredFile(0, nil); err != nil {
		return nil, err
	}

	// The baseline ledger, as the first command builds it: the targets and
	// where the policy sends them decide who enrols in which scheme.
	var srcs []ledger.Source
	srcs = append(srcs, ledger.Source{Kind: ledger.KindPopulation, Name: demoPopulation, Data: mustCSV(t.files[demoPopulation])},
		ledger.Source{Kind: ledger.KindInsured, Name: demoInsured[0], Data: t.files[demoInsured[0]]})
	for _, s := range demoSources {
		k, err := ledger.ParseKind(s.kind)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, ledger.Source{Kind: k, Name: s.file, Data: mustCSV(t.files[s.file])})
	}
	policy := routing.Shiyan2023()
	l, err := ledger.Build(ledger.Input{Policy: policy, AsOf: baseline, Sources: srcs})
	if err != nil {
		return nil, fmt.Errorf("building the demo's baseline: %w", err)
	}
	type target struct {
		id      string
		outcome routing.Outcome
	}
	var targets, affluent []target
	perVillage := map[string]int64{}
	var villages []string
	for i := range l.Len() {
		e, err := l.Entry(i)
		if err != nil {
			return nil, err
		}
		v := e.Resident.Hukou.Village
		if _, ok := perVillage[v]; !ok {
			villages = append(villages, v)
			perVillage[v] = 0
		}
		switch {
		case e.Role == ledger.RoleTarget:
			targets = append(targets, target{e.Resident.ID.String(), e.Decision.Outcome})
			perVillage[v]++
		case e.Role == ledger.RoleFollowed && e.Resident.Insurance.Scheme == eligibility.SchemeResident:
			affluent = append(affluent, target{e.Resident.ID.String(), e.Decision.Outcome})
		}
	}
	// The task table: 80 % of each village's targets, rounded down, with
	// a 合计 row.
	slices.Sort(villages)
	tasks := [][]string{{"村(社区)", "任务数"}}
	var sum int64
	for _, v := range villages {
		n := perVillage[v] * 8 / 10
		sum += n
		tasks = append(tasks, []string{v, fmt.Sprint(n)})
	}
	tasks = append(tasks, []string{"合计", fmt.Sprint(sum)})
	if err := put(demoTasks, tasks, codec.UTF8BOM); err != nil {
		return nil, err
	}

	// April: a fifth of the targets enrol, in the scheme the policy sends
	// them to (one in five of those sent to 企业职工 chooses 城乡居民, the
	// fallback); someone from outside the base appears in the list.
	// May: another fifth enrol; one in eight of April's suspend (暂停缴费);
	// some 城乡富裕人员 move to 企业职工.
	rng.Shuffle(len(targets), func(i, j int) { targets[i], targets[j] = targets[j], targets[i] })
	fifth := len(targets) / 5
	enrol := func(ts []target) {
		for _, tg := range ts {
			scheme, tier := "城乡居民", "300"
			if tg.outcome == routing.OutcomeEmployee && rng.IntN(5) > 0 {
				scheme, tier = "企业职工", ""
			}
			insured[tg.id] = ins{scheme, "正常缴费", tier}
		}
	}
	enrol(targets[:fifth])
	moved := mkID("500112", baseline.AddYears(-29).AddDays(-100), 33)
	if err := insuredFile(1, [][]string{{"欧阳迁入", moved, "企业职工", "正常缴费", ""}}); err != nil {
		return nil, err
	}
	enrol(targets[fifth : 2*fifth])
	for i, tg := range targets[:fifth] {
		if i%8 == 3 {
			in := insured[tg.id]
			in.status = "暂停缴费"
			insured[tg.id] = in
		}
	}
	for i, f := range affluent {
		if i%3 == 0 {
			insured[f.id] = ins{"企业职工", "正常缴费", ""}
		}
	}
	if err := insuredFile(2, [][]string{{"欧阳迁入", moved, "企业职工", "正常缴费", ""}}); err != nil {
		return nil, err
	}
	t.files[demoReadme] = demoReadmeText(seed)
	return t, nil
}

// population returns the population base as .xlsx, the people in the
// order of perm (nil: the generator's order).
func (t *demoTown) population(perm []int) ([]byte, error) {
	rows := [][]string{{"姓名", "公民身份号码", "性别", "出生日期", "村(社区)", "户籍地", "是否本区户籍", "就业状况", "身份标记", "联系状况"}}
	if perm == nil {
		perm = make([]int, len(t.people))
		for i := range perm {
			perm[i] = i
		}
	}
	for _, i := range perm {
		p := t.people[i]
		emp := ""
		switch p.employment {
		case "未就业", "务农", "在校学生", "小微企业从业人员":
			emp = p.employment // the lists give the rest
		}
		var flags []string
		for _, f := range p.flags {
			if f == "产业带头人" || f == "农村劳动力转移" {
				flags = append(flags, f) // no department list of the demo gives these
			}
		}
		rows = append(rows, []string{p.name, p.id, p.gender, p.birth, p.village, p.area, p.local, emp, strings.Join(flags, "、"), p.contact})
	}
	return encodeFile(demoPopulation, rows, 0)
}

// demoModified is the time the demo's workbooks record.
var demoModified = time.Date(2023, time.March, 15, 0, 0, 0, 0, time.UTC)

// encodeFile writes rows as an .xlsx workbook (by the name) or as CSV in
// enc. The identity-number column is text, never masked: these are the
// town's own files.
func encodeFile(name string, rows [][]string, enc codec.Encoding) ([]byte, error) {
	var b bytes.Buffer
	if strings.HasSuffix(name, ".xlsx") {
		t := table.Table{}
		for _, h := range rows[0] {
			t.Columns = append(t.Columns, table.Column{Header: h, RevealNumbers: true})
		}
		for _, r := range rows[1:] {
			cells := make([]table.Cell, len(r))
			for i, s := range r {
				cells[i] = table.Text(s)
			}
			t.Rows = append(t.Rows, cells)
		}
		err := xlsx.WriteTables(&b, []xlsx.Sheet{{Name: "Sheet1", Table: t}}, xlsx.WriteOptions{Modified: demoModified, Creator: "kuomian demo"})
		return b.Bytes(), err
	}
	w, err := codec.NewWriter(&b, enc)
	if err != nil {
		return nil, err
	}
	var line []byte
	for _, r := range rows {
		line = codec.AppendRecord(line[:0], r, nil)
		if _, err := w.Write(line); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mustCSV returns a file's bytes as the ledger reads them: CSV as it is,
// a workbook as the CSV of its first sheet.
func mustCSV(data []byte) []byte {
	if !xlsx.IsXLSX("", data[:min(len(data), 8)]) {
		return data
	}
	out, err := xlsx.ReadSheet(bytes.NewReader(data), "")
	if err != nil {
		panic("demo: reading back a workbook just written: " + err.Error())
	}
	return out
}

// mkID returns a valid identity number for an area, a birth date and a
// sequence code.
func mkID(area string, birth eligibility.Date, seq int) string {
	first17 := fmt.Sprintf("%s%s%03d", area, birth.Compact(), seq)
	c, err := eligibility.CheckCharacter(first17)
	if err != nil {
		panic("demo: " + err.Error())
	}
	return first17 + string(c)
}

// badCheck returns id with a wrong check character.
func badCheck(id string) string {
	c := id[17]
	switch c {
	case '0':
		c = '1'
	case 'X':
		c = '0'
	default:
		c--
	}
	return id[:17] + string(c)
}

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

// demoReadmeText is the README of the demo directory: the loop in three
// commands.
func demoReadmeText(seed uint64) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `石堰-like synthetic town (seed %d) for examples/campaign: every name and number is invented.

Files: the population base (%s), one insured list per month (%s, %s, %s),
department lists as CSV (UTF-8, UTF-8 with BOM, GB18030) and .xlsx, and the task table (%s).

The campaign loop in three commands, from the root of the kuomian module, with D set to this
directory (the one given to -demo), e.g. D=/tmp/town:

`, seed, demoPopulation, demoInsured[0], demoInsured[1], demoInsured[2], demoTasks)
	for i := range demoMonths {
		args := demoArgs("$D", "$D/out", i)
		b.WriteString("go run ./examples/campaign")
		for j := 0; j < len(args); j++ {
			a := args[j]
			if strings.HasPrefix(a, "-") && j+1 < len(args) {
				fmt.Fprintf(&b, " \\\n    %s %s", a, shellQuote(args[j+1]))
				j++
				continue
			}
			b.WriteString(" " + shellQuote(a))
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, `Each run writes into $D/out/<date>: bulletin.csv/.xlsx/.html (通报), roster.csv/.xlsx (实名库,
masked), targets.csv/.xlsx (扩面人员明细表, masked), changes.csv (变动明细), tasks.csv (任务分解表),
report.txt (大数据比对) and %s, the state the next month reads with -previous
(the only file with full identity numbers: keep it to yourself).
`, ledger.StateFileName)
	return b.Bytes()
}

// shellQuote quotes s for a POSIX shell when it needs it, leaving $D to
// the shell.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " '\"\\`!*?[]{}()<>|&;#~$") {
		return s
	}
	return `"` + strings.NewReplacer(`"`, `\"`, `\`, `\\`, "`", "\\`").Replace(s) + `"`
}
