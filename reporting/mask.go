package reporting

import (
	"bufio"
	"bytes"
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/eligibility/vocab"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting/codec"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/reporting/table"
	"github.com/canbao/kuomian/routing"
)

// groupsLabel names the target groups of d for the roster: by the short
// names of the decision's policy, or numbered (第n类) as in the tally's
// tables when the decision has no policy to name them.
func groupsLabel(d *routing.Decision) string {
	return groupSetLabel(d.Rulebook(), d.Groups)
}

// groupSetLabel names the groups of gs by rb's short names (numbered 第n类
// when rb is nil or lacks them), joined by ；, or 非扩面重点人群 when gs is
// empty.
func groupSetLabel(rb *eligibility.Rulebook, gs eligibility.GroupSet) string {
	if gs.IsEmpty() {
		return "非扩面重点人群"
	}
	var b strings.Builder
	for g := range gs.All() {
		if b.Len() > 0 {
			b.WriteString("；")
		}
		l := ""
		if rb != nil {
			l = rb.ShortLabels(eligibility.GroupsOf(g))
		}
		if l == "" {
			l = "第" + strconv.Itoa(int(g)) + "类"
		}
		b.WriteString(l)
	}
	return b.String()
}

// MaskOptions says how the roster shows personal data.
type MaskOptions struct {
	// RevealPersonalData shows full identity numbers, full names and the
	// input's notes as they are. It is false by default: the roster then
	// masks them (110105********002X, 张*三), as 石堰府发〔2023〕10号 六(三)
	// asks (做好个人信息安全保密工作). Set it only for a copy kept under
	// the township's own protection.
	RevealPersonalData bool
	// ShowInputNotes shows the input's notes (备注) in a masked roster,
	// masked by privacy's rule for notes: the resident's name (also when
	// spaces split it) and every identity or phone number are starred;
	// dates and amounts stay. A note is free text that may name other
	// people (户主李四光), which no rule recognises, so by default the
	// masked roster shows none of it: its 备注 says only [NoteWithheld]
	// when the input had a note. RevealPersonalData shows notes whole.
	ShowInputNotes bool
}

// NoteWithheld is what the 备注 of a masked roster says when the input
// row had a note that [MaskOptions] does not show.
const NoteWithheld = "（原表有备注，未显示）"

// RosterEntry is one line of the roster of residents to enrol
// (扩面人员明细表, 石堰府发〔2023〕10号 四(二)): who, where, in which target
// groups, where the decision sends them, the fallback, the follow-up actions
// and notes. Build it with [NewRosterEntry]; ID, Name and Note are masked
// unless the options reveal them.
//
// The rendered roster ([RosterWriter], [RosterTable]) shows every field
// but Line and Revealed, and masks every identity or phone number left in
// any of them (a number typed into the village column, say) unless the
// entry is Revealed, when its ID and Note are shown as they are.
type RosterEntry struct {
	// Line is the resident's line in the imported roster, for the caller
	// (the import report names lines). The rendered roster neither shows
	// it nor depends on it, so that the same residents give the same
	// roster in whatever order they came.
	Line    int
	ID      string             // 公民身份号码, masked by default
	Name    string             // 姓名, masked by default
	Gender  eligibility.Gender // 性别
	Age     int                // 周岁 on the decision's date
	Village string             // 村(社区)
	// Groups names the target groups (扩面对象类别) by their numerals and
	// short names in the decision's policy, e.g. "六 缴费困难群体", joined by
	// ；; 非扩面重点人群 when none; 第n类 for a group of a decision that carries
	// no policy (one written out by hand).
	Groups    string
	Outcome   routing.Outcome            // 去向
	Channel   routing.Channel            // 参保渠道
	Venue     routing.Venue              // 办理地点
	Fallback  routing.Choice             // 不愿参加时
	Subsidies vocab.Set[routing.Subsidy] // 补贴
	Actions   vocab.Set[routing.Action]  // 后续工作, e.g. 到派出所核实真实户籍地
	// Note is the roster's 备注. By default it is [NoteWithheld] when the
	// input row had a note, and empty otherwise: the input's free text is
	// not reproduced (see [MaskOptions].ShowInputNotes).
	Note string
	// Revealed says that ID, Name and Note hold personal data in full
	// ([MaskOptions].RevealPersonalData): the rendered roster then shows
	// the ID and the note as they are.
	Revealed bool
}

// NewRosterEntry makes the roster line of an imported row and its decision.
func NewRosterEntry(row roster.Row, d *routing.Decision, opt MaskOptions) RosterEntry {
	e := RosterEntry{
		Line:      row.Line,
		ID:        row.Resident.ID.Masked(),
		Name:      privacy.Name(row.Resident.Name),
		Gender:    row.Resident.EffectiveGender(),
		Age:       d.Age,
		Village:   row.Resident.Hukou.Village,
		Groups:    groupsLabel(d),
		Outcome:   d.Outcome,
		Channel:   d.Channel,
		Venue:     d.Venue,
		Fallback:  d.Fallback,
		Subsidies: d.Subsidies,
		Actions:   d.Actions,
	}
	switch {
	case opt.RevealPersonalData:
		e.ID = row.Resident.ID.String()
		e.Name = row.Resident.Name
		e.Note = row.Note
		e.Revealed = true
	case strings.TrimSpace(row.Note) == "":
	case opt.ShowInputNotes:
		e.Note = privacy.Note(row.Note, row.Resident.Name)
	default:
		e.Note = NoteWithheld
	}
	return e
}

// rosterHeaders are the column headers of the roster.
var rosterHeaders = []string{"序号", "公民身份号码", "姓名", "性别", "年龄", "村(社区)", "扩面对象类别", "去向(险种)", "参保渠道", "办理地点", "不愿参加时", "补贴", "后续工作", "备注"}

// The columns of rosterHeaders that need care: the numbers, and those a
// revealed entry shows as they are.
const (
	rosColSeq  = 0
	rosColID   = 1
	rosColAge  = 4
	rosColNote = 13
)

// cells returns the entry's fields as text, in rosterHeaders order after
// 序号, as they are (unmasked).
func (e RosterEntry) cells(zh language.Tag) []string {
	fallback := ""
	if !e.Fallback.IsZero() {
		fallback = e.Fallback.Outcome.FallbackLabel(zh)
		if e.Fallback.Channel != routing.ChannelNone {
			fallback += "（" + e.Fallback.Channel.Label(zh) + "）"
		}
	}
	text := func(s interface{ Label(language.Tag) string }, none bool) string {
		if none {
			return ""
		}
		return s.Label(zh)
	}
	return []string{
		e.ID,
		e.Name,
		text(e.Gender, e.Gender == eligibility.GenderUnknown),
		strconv.Itoa(e.Age),
		e.Village,
		e.Groups,
		text(e.Outcome, e.Outcome == routing.OutcomeNone),
		text(e.Channel, e.Channel == routing.ChannelNone),
		text(e.Venue, e.Venue == routing.VenueNone),
		fallback,
		e.Subsidies.Label(zh),
		e.Actions.Label(zh),
		e.Note,
	}
}

// shownCells returns the entry's cells as the roster shows them: every
// identity or phone number masked ([privacy.Numbers]), but in the ID and
// the note of a revealed entry.
func (e RosterEntry) shownCells(zh language.Tag) []string {
	cs := e.cells(zh)
	for i, c := range cs {
		if j := i + 1; e.Revealed && (j == rosColID || j == rosColNote) {
			continue
		}
		cs[i] = privacy.Numbers(c)
	}
	return cs
}

// RosterWriter writes the roster (扩面人员明细表) as CSV one entry at a
// time, so a roster of any length streams. The CSV has CRLF line ends and
// text guarded against formula injection ([codec.AppendRecord]); every
// identity or phone number in any cell is masked, but in the ID and note
// of a [RosterEntry].Revealed entry. It writes the entries in the order
// given and numbers them 序号 in that order: write them in the order of
// [SortRosterEntries] (or hold the roster in memory and render
// [RosterTable], which sorts) for a roster that is the same, byte for
// byte, whatever the order of the input rows.
type RosterWriter struct {
	w    *bufio.Writer
	c    io.Closer
	n    int
	line []byte
	err  error
}

// NewRosterWriter starts a roster on w in the encoding enc and writes its
// header row. The zero enc, [codec.Auto], writes [codec.UTF8BOM], which
// Excel and WPS open as UTF-8.
func NewRosterWriter(w io.Writer, enc codec.Encoding) (*RosterWriter, error) {
	if enc == codec.Auto {
		enc = codec.UTF8BOM
	}
	ew, err := codec.NewWriter(w, enc)
	if err != nil {
		return nil, err
	}
	rw := &RosterWriter{w: bufio.NewWriter(ew), c: ew}
	rw.writeRecord(rosterHeaders)
	return rw, rw.err
}

// Write appends one entry; 序号 counts from 1.
func (rw *RosterWriter) Write(e RosterEntry) error {
	rw.n++
	rec := append([]string{strconv.Itoa(rw.n)}, e.shownCells(language.Chinese)...)
	rw.writeRecord(rec)
	return rw.err
}

// Close flushes the roster. It does not close the underlying writer.
func (rw *RosterWriter) Close() error {
	if rw.err != nil {
		return rw.err
	}
	if err := rw.w.Flush(); err != nil {
		return err
	}
	return rw.c.Close()
}

func (rw *RosterWriter) writeRecord(fields []string) {
	if rw.err != nil {
		return
	}
	rw.line = codec.AppendRecord(rw.line[:0], fields, nil)
	_, rw.err = rw.w.Write(rw.line)
}

// RosterTable returns the roster as a [table.Table] (for the text, Markdown and
// HTML renderers of this package), titled title: the entries in the order
// of [SortRosterEntries] (entries is not modified), numbered 序号 in that
// order, so the same entries give the same table whatever their order.
// The renderers mask every identity or phone number in it; the ID and
// 备注 columns show full numbers only for entries that are
// [RosterEntry].Revealed. Use it for rosters that fit in memory;
// [RosterWriter] streams CSV of any length.
func RosterTable(title string, entries []RosterEntry) table.Table {
	sorted := slices.Clone(entries)
	SortRosterEntries(sorted)
	revealed := slices.ContainsFunc(sorted, func(e RosterEntry) bool { return e.Revealed })
	t := table.Table{Title: title}
	for i, h := range rosterHeaders {
		col := table.Column{Header: h}
		switch i {
		case rosColSeq, rosColAge:
			col.Kind = table.KindInteger
			col.NoSum = true
		case rosColID, rosColNote:
			col.RevealNumbers = revealed
		}
		t.Columns = append(t.Columns, col)
	}
	zh := language.Chinese
	for i, e := range sorted {
		row := make([]table.Cell, 0, len(rosterHeaders))
		row = append(row, table.Int(int64(i+1)))
		for j, s := range e.shownCells(zh) {
			if j+1 == rosColAge {
				row = append(row, table.Int(int64(e.Age)))
				continue
			}
			row = append(row, table.Text(s))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = []string{
		"依据石堰府发〔2023〕10号 四(二)：找不到人、联系不上、觉得不是当地的群众，建议到派出所核实真实的户籍地，并备注在《石堰镇各村养老保险扩面人员明细表》上。",
		"个人信息：除非明确要求显示，身份证号码只保留前6位和后4位、姓名只保留首尾字，原表备注不显示（标为" + NoteWithheld + "）（石堰府发〔2023〕10号 六(三) 做好个人信息安全保密工作）。",
	}
	return t
}

// SortRosterEntries orders a roster so that the same entries come out in
// the same order whatever order they came in: by village, in the Chinese
// collation order of [Tally.Villages] (pinyin, numbers numerically), so
// that each village's residents come together as the 各村 roster of
// 石堰府发〔2023〕10号 四(二) lists them; within a village by name as
// shown (pinyin of the surname), then by the identity number as the entry
// holds it (masked, unless revealed), then by the other fields. Line is not
// used: entries that differ only in it show the same.
func SortRosterEntries(entries []RosterEntry) {
	names := make([]string, 0, 16)
	seen := make(map[string]bool)
	for _, e := range entries {
		if !seen[e.Village] {
			seen[e.Village] = true
			names = append(names, e.Village)
		}
	}
	sortVillages(names)
	rank := make(map[string]int, len(names))
	for i, v := range names {
		rank[v] = i
	}
	col := collate.New(language.Chinese, collate.Numeric)
	var buf collate.Buffer
	type keyed struct {
		rank  int
		name  []byte // collation key of the name
		cells string // the fields as shown, ID first
		e     RosterEntry
	}
	ks := make([]keyed, len(entries))
	for i, e := range entries {
		ks[i] = keyed{rank: rank[e.Village], name: col.KeyFromString(&buf, e.Name), cells: strings.Join(e.cells(language.Chinese), "\x00"), e: e}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		if c := bytes.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := strings.Compare(a.cells, b.cells); c != 0 {
			return c
		}
		return cmp.Compare(b2i(a.e.Revealed), b2i(b.e.Revealed))
	})
	for i := range ks {
		entries[i] = ks[i].e
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
