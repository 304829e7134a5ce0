package ledger

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/roster"
)

// SourceError locates a problem in one source: the source's index and
// name, and the roster's own error, which names the line, the column and
// a masked value (a [*roster.RowError]) or the header (a
// [*roster.HeaderError]). It never holds a full identity number or name.
type SourceError struct {
	Source int    // index in the sources given
	Name   string // the source's name
	Line   int    // the line, when Err does not carry it (a header's line); else 0
	Err    error
}

func (e *SourceError) Error() string {
	s := "ledger: source " + strconv.Itoa(e.Source+1) + " " + strconv.Quote(e.Name)
	if e.Line > 0 {
		s += " line " + strconv.Itoa(e.Line)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *SourceError) Unwrap() error { return e.Err }

// Label describes the error in Chinese for a Chinese tag (低保名单.csv 第 7
// 行，公民身份号码“500115********2705”：身份证号码无效（…）), else as Error.
func (e *SourceError) Label(t language.Tag) string {
	if b, _ := t.Base(); b.String() != "zh" {
		return e.Error()
	}
	var re *roster.RowError
	if errors.As(e.Err, &re) {
		return e.Name + " " + re.Label(t)
	}
	if e.Line > 0 {
		return e.Name + " 第 " + strconv.Itoa(e.Line) + " 行：" + e.Err.Error()
	}
	return e.Name + "：" + e.Err.Error()
}

// SourceReport reconciles one source: every row read is matched to a
// person of the base, or unmatched (its person is not in the base), or
// rejected: Rows == Matched + Unmatched + Rejected ([SourceReport.Reconciles]).
type SourceReport struct {
	Index int
	Name  string
	Kind  SourceKind
	// Roster is the roster reader's own report: the encoding, what each
	// header was taken to mean, and its rejections by reason — before the
	// ledger recovered the rows rejected only for an optional value.
	Roster    roster.Report
	Rows      int // data rows read (roster.Counts.Rows)
	Matched   int // rows whose person is in the base (for the base itself: its accepted rows)
	Unmatched int // rows whose person is not in the base: listed in MatchReport.Unmatched
	Rejected  int // rows rejected: listed in MatchReport.Rejected
	// Recovered counts the matched or unmatched rows kept with a fact left
	// unknown — a value roster did not understand (roster.Row.Warnings), or
	// a rejection for an optional column the ledger read past — each
	// listed in MatchReport.Warnings.
	Recovered int
	// Duplicates counts the matched or unmatched rows that name a person
	// this source named before: the person counts once (the first row's
	// facts), each listed in MatchReport.Duplicates.
	Duplicates int
}

// Reconciles reports whether Rows == Matched + Unmatched + Rejected.
func (s SourceReport) Reconciles() bool { return s.Rows == s.Matched+s.Unmatched+s.Rejected }

// Mention is one row that says something about a person: its source and
// line, and what it says (masked; empty for a birth date, which a masked
// identity number exists to hide).
type Mention struct {
	Source int // index in the sources given
	Name   string
	Line   int
	Value  string
}

// Sighting is a row whose person is not in the population base. Such
// people are reported and left out of the 实名库: the town's base decides
// whom the campaign counts (石堰府发〔2023〕10号 四(二) sends people nobody can
// place to the police station to verify their 户籍).
type Sighting struct {
	ID     string // masked
	Source int
	Name   string
	Line   int
}

// Duplicate is a row naming a person its source named before, whatever
// the number's form (15 or 18 digits, full-width, x): the person counts
// once, with the first row's facts.
type Duplicate struct {
	ID     string // masked
	Source int
	Name   string
	First  int // the line of the first row
	Line   int // the line of the repeat
}

// Conflict is a fact two rows state differently for one person. The
// ledger keeps the population base's village and the identity number's
// birth date and gender; Kept names the row it keeps (for a birth date or
// gender, the person's first row in the base, where the number is read),
// Other the row that disagrees.
type Conflict struct {
	ID          string // masked
	Fact        Facts  // FactVillage, FactBirth or FactGender
	Kept, Other Mention
}

// MatchReport is the 大数据比对 report: every source reconciled, and every
// person found in a source but not in the base, every duplicate, every
// conflict, every rejected row and every row kept with a warning, all
// masked.
type MatchReport struct {
	Sources    []SourceReport
	Unmatched  []Sighting
	Duplicates []Duplicate
	Conflicts  []Conflict
	Rejected   []*SourceError // rows rejected, with the roster's *RowError
	Warnings   []*SourceError // why kept rows have a fact left unknown (a row may have several)
	// Undecided are the people the router could not decide (a
	// *routing.FactError each, masked): they stay in the ledger with
	// RoleUndecided.
	Undecided []error
}

// Reconciles reports whether every source reconciles.
func (r *MatchReport) Reconciles() bool {
	for _, s := range r.Sources {
		if !s.Reconciles() {
			return false
		}
	}
	return true
}

// WriteText writes the report in Chinese, one fact per line. Identity
// numbers are masked; names never appear.
func (r *MatchReport) WriteText(w io.Writer) error {
	var b strings.Builder
	zh := language.Chinese
	b.WriteString("大数据比对报告\n")
	for _, s := range r.Sources {
		bal := "平衡"
		if !s.Reconciles() {
			bal = "不平衡!"
		}
		b.WriteString("来源 " + strconv.Itoa(s.Index+1) + "（" + s.Kind.Label(zh) + "）" + s.Name +
			"：读入 " + itoa(s.Rows) + " 行 = 匹配 " + itoa(s.Matched) + " + 不在户籍人口中 " + itoa(s.Unmatched) +
			" + 拒收 " + itoa(s.Rejected) + "（" + bal + "）")
		if s.Duplicates > 0 {
			b.WriteString("；重复 " + itoa(s.Duplicates) + " 行")
		}
		if s.Recovered > 0 {
			b.WriteString("；保留并告警 " + itoa(s.Recovered) + " 行")
		}
		b.WriteString("\n")
	}
	if len(r.Unmatched) > 0 {
		b.WriteString("不在户籍人口中的人员（已报告，不纳入实名库）：\n")
		for _, u := range r.Unmatched {
			b.WriteString("  " + u.Name + " 第 " + itoa(u.Line) + " 行 " + u.ID + "\n")
		}
	}
	if len(r.Duplicates) > 0 {
		b.WriteString("同一来源内重复（按一人计，取首行）：\n")
		for _, d := range r.Duplicates {
			b.WriteString("  " + d.Name + " 第 " + itoa(d.First) + " 行与第 " + itoa(d.Line) + " 行 " + d.ID + "\n")
		}
	}
	if len(r.Conflicts) > 0 {
		b.WriteString("来源之间不一致：\n")
		for _, c := range r.Conflicts {
			b.WriteString("  " + c.ID + " " + c.Fact.Label(zh) + "：")
			switch c.Fact {
			case FactVillage:
				b.WriteString("采用 " + mention(c.Kept) + "，不采用 " + mention(c.Other) + "\n")
			default:
				b.WriteString("以身份证号码为准（" + mention(c.Kept) + "），" + mention(c.Other) + " 与之不符\n")
			}
		}
	}
	if len(r.Rejected) > 0 {
		b.WriteString("拒收的行：\n")
		for _, e := range r.Rejected {
			b.WriteString("  " + e.Label(zh) + "\n")
		}
	}
	if len(r.Warnings) > 0 {
		b.WriteString("保留的行（该项事实记为未知）：\n")
		for _, e := range r.Warnings {
			b.WriteString("  " + e.Label(zh) + "\n")
		}
	}
	if len(r.Undecided) > 0 {
		b.WriteString("无法分类引导的人员：\n")
		for _, e := range r.Undecided {
			b.WriteString("  " + e.Error() + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mention(m Mention) string {
	s := m.Name + " 第 " + itoa(m.Line) + " 行"
	if m.Value != "" {
		s += "“" + m.Value + "”"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// seen tracks, per person, the last source that named them (1 + its
// index) and their first line in it, to find duplicates.
type seen struct {
	last  []uint16
	first []uint32
}

func newSeen(n int) *seen { return &seen{last: make([]uint16, n), first: make([]uint32, n)} }

func (s *seen) grow(n int) {
	for len(s.last) < n {
		s.last = append(s.last, 0)
		s.first = append(s.first, 0)
	}
}

// matchSource reconciles source si: it matches each row (in line order)
// with find, reports the rows whose person find does not know, the
// duplicates within the source, the rejected rows and the recovered ones,
// and calls row for every matched row (dup set for a repeat).
func matchSource(mr *MatchReport, srcs []Source, si int, sr *sourceRead, sn *seen,
	find func(k uint64, r *rec) (int, bool), row func(pi int, sh *shard, r *rec, warn []*roster.RowError, dup bool)) {
	name := srcs[si].Name
	rep := &mr.Sources[si]
	rep.Index, rep.Name, rep.Kind, rep.Roster = si, name, sr.kind, sr.report
	rep.Rows, rep.Rejected = sr.report.Counts.Rows, len(sr.rejects)
	for _, re := range sr.rejects {
		mr.Rejected = append(mr.Rejected, &SourceError{Source: si, Name: name, Err: re})
	}
	unmatched := map[uint64]uint32{} // people not in the base: their first line
	sr.each(func(sh *shard, r *rec) {
		var warn []*roster.RowError
		if sh.warn != nil {
			if warn = sh.warn[r.line]; warn != nil {
				rep.Recovered++
				for _, re := range warn {
					mr.Warnings = append(mr.Warnings, &SourceError{Source: si, Name: name, Err: re})
				}
			}
		}
		k := r.key
		pi, ok := find(k, r)
		if !ok {
			rep.Unmatched++
			if first, dup := unmatched[k]; dup {
				rep.Duplicates++
				mr.Duplicates = append(mr.Duplicates, Duplicate{ID: r.id.Masked(), Source: si, Name: name, First: int(first), Line: int(r.line)})
				return
			}
			unmatched[k] = r.line
			mr.Unmatched = append(mr.Unmatched, Sighting{ID: r.id.Masked(), Source: si, Name: name, Line: int(r.line)})
			return
		}
		rep.Matched++
		sn.grow(pi + 1)
		dup := sn.last[pi] == uint16(si+1)
		if dup {
			rep.Duplicates++
			mr.Duplicates = append(mr.Duplicates, Duplicate{ID: r.id.Masked(), Source: si, Name: name, First: int(sn.first[pi]), Line: int(r.line)})
		} else {
			sn.last[pi], sn.first[pi] = uint16(si+1), r.line
		}
		row(pi, sh, r, warn, dup)
	})
}
