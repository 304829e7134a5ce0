package reporting

import (
	"bufio"
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"

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
	// RevealPersonalData shows full identity numbers and full names. It is
	// false by default: the roster then masks them (110105********002X,
	// 张*三), as 石堰府发〔2023〕10号 六(三) asks (做好个人信息安全保密工作).
	// Set it only for a copy kept under the township's own protection.
	RevealPersonalData bool
}

// RosterEntry is one line of the roster of residents to enrol
// (扩面人员明细表, 石堰府发〔2023〕10号 四(二)): who, where, in which target
// groups, where the decision sends them, the fallback, the follow-up actions
// and notes. Build it with [NewRosterEntry]; ID, Name and the personal data
// in Note are masked unless the options reveal them.
type RosterEntry struct {
	Line    int                // line of the resident in the imported roster
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
	// Note is the roster's own note (备注). Masked by default like the
	// rest: the resident's name and every run of 6 or more digits in it
	// (an identity or phone number, also when spaces or hyphens split it
	// into 11 digits or more, as 138-1234-5678) are starred.
	Note string
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
		Note:      privacy.Note(row.Note, row.Resident.Name),
	}
	if opt.RevealPersonalData {
		e.ID = row.Resident.ID.String()
		e.Name = row.Resident.Name
		e.Note = row.Note
	}
	return e
}

// rosterHeaders are the column headers of the roster.
var rosterHeaders = []string{"序号", "行号", "公民身份号码", "姓名", "性别", "年龄", "村(社区)", "扩面对象类别", "去向(险种)", "参保渠道", "办理地点", "不愿参加时", "补贴", "后续工作", "备注"}

// cells returns the entry's fields as text, in rosterHeaders order after 序号.
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
		strconv.Itoa(e.Line),
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

// RosterWriter writes the roster (扩面人员明细表) as CSV one entry at a
// time, so a roster of any length streams. The CSV has CRLF line ends and
// text guarded against formula injection ([codec.AppendRecord]).
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
	rec := append([]string{strconv.Itoa(rw.n)}, e.cells(language.Chinese)...)
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
// HTML renderers of this package), titled title. Use it for rosters that
// fit in memory; [RosterWriter] streams CSV of any length.
func RosterTable(title string, entries []RosterEntry) table.Table {
	t := table.Table{Title: title}
	for i, h := range rosterHeaders {
		col := table.Column{Header: h}
		if i == 0 || i == 1 || i == 5 {
			col.Kind = table.KindInteger
			col.NoSum = true
		}
		t.Columns = append(t.Columns, col)
	}
	for i, e := range entries {
		cs := e.cells(language.Chinese)
		row := make([]table.Cell, 0, len(rosterHeaders))
		row = append(row, table.Int(int64(i+1)))
		for j, s := range cs {
			if j == 0 || j == 4 {
				n, _ := strconv.ParseInt(s, 10, 64)
				row = append(row, table.Int(n))
				continue
			}
			row = append(row, table.Text(s))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = []string{
		"依据石堰府发〔2023〕10号 四(二)：找不到人、联系不上、觉得不是当地的群众，建议到派出所核实真实的户籍地，并备注在《石堰镇各村养老保险扩面人员明细表》上。",
		"个人信息：除非明确要求显示，身份证号码只保留前6位和后4位、姓名只保留首尾字（石堰府发〔2023〕10号 六(三) 做好个人信息安全保密工作）。",
	}
	return t
}

// SortRosterEntries orders a roster by village, in the Chinese collation
// order of [Tally.Villages] (pinyin, numbers numerically), and within a
// village by line, so that each village's residents come together as the
// 各村 roster of 石堰府发〔2023〕10号 四(二) lists them.
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
	slices.SortStableFunc(entries, func(a, b RosterEntry) int {
		if c := cmp.Compare(rank[a.Village], rank[b.Village]); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
}
