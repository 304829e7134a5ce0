package audit

import (
	"errors"
	"fmt"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"golang.org/x/text/language"
)

// DiffField is a set of the parts in which two decisions differ.
type DiffField uint16

// The parts of a decision [Compare] looks at.
const (
	DiffOutcome DiffField = 1 << iota
	DiffChannel
	DiffVenue
	DiffFallback
	DiffSubsidies
	DiffActions
	DiffGroups
	DiffError // one policy routed the resident, the other returned an error (or a different one)
)

var diffKeys = [...][2]string{
	{"scheme", "险种"},
	{"channel", "渠道"},
	{"venue", "地点"},
	{"fallback", "不愿意时"},
	{"subsidies", "补贴"},
	{"actions", "后续工作"},
	{"groups", "人群"},
	{"error", "错误"},
}

// String lists the parts, separated by commas, e.g. "scheme,channel".
func (f DiffField) String() string { return f.join(0, ",") }

func (f DiffField) join(lang int, sep string) string {
	var parts []string
	for i, k := range diffKeys {
		if f&(1<<i) != 0 {
			parts = append(parts, k[lang])
		}
	}
	return strings.Join(parts, sep)
}

// Difference is one resident whom two policies route differently.
type Difference struct {
	Index  int    // position in the residents slice
	ID     string // masked identity number, or ""
	Fields DiffField
	A, B   routing.Decision // the decisions (zero when the policy returned an error)
	ErrA   error
	ErrB   error
}

// Compare routes every resident under a and b on asOf and returns those
// routed differently, in input order. Two decisions differ when their
// outcome, channel, venue, fallback, subsidies, actions or groups differ, or
// when one policy returns an error and the other does not (or another one).
func Compare(a, b *routing.Router, residents []eligibility.Resident, asOf eligibility.Date) []Difference {
	var out []Difference
	for i, r := range residents {
		da, ea := a.Route(r, asOf)
		db, eb := b.Route(r, asOf)
		var f DiffField
		switch {
		case ea != nil || eb != nil:
			if ea == nil || eb == nil || routing.ErrorKey(ea) != routing.ErrorKey(eb) || errors.Is(ea, routing.ErrOutsidePeriod) != errors.Is(eb, routing.ErrOutsidePeriod) {
				f |= DiffError
			}
		default:
			if da.Outcome != db.Outcome {
				f |= DiffOutcome
			}
			if da.Channel != db.Channel {
				f |= DiffChannel
			}
			if da.Venue != db.Venue {
				f |= DiffVenue
			}
			if da.Fallback != db.Fallback {
				f |= DiffFallback
			}
			if da.Subsidies != db.Subsidies {
				f |= DiffSubsidies
			}
			if da.Actions != db.Actions {
				f |= DiffActions
			}
			if groupSet(da) != groupSet(db) {
				f |= DiffGroups
			}
		}
		if f != 0 {
			out = append(out, Difference{Index: i, ID: r.ID.Masked(), Fields: f, A: da, B: db, ErrA: ea, ErrB: eb})
		}
	}
	return out
}

// Explain says in Chinese (zh) or English how the two decisions differ and
// why: the differing parts, then for each policy the rules that decided
// (route rule and age line) with their citations.
func (d Difference) Explain(tag language.Tag) string {
	zh := isChinese(tag)
	var b strings.Builder
	who := fmt.Sprintf("#%d", d.Index)
	if d.ID != "" {
		who += " " + d.ID
	}
	fields := d.Fields.String()
	if zh {
		fields = d.Fields.join(1, "、")
	}
	fmt.Fprintf(&b, pick(zh, "居民%s：%s不同\n", "resident %s: %s differ\n"), who, fields)
	side := func(label string, dec routing.Decision, err error) {
		if err != nil {
			fmt.Fprintf(&b, "  %s: %s\n", label, pick(zh, "错误："+err.Error(), "error: "+err.Error()))
			return
		}
		id, version := dec.Policy()
		fmt.Fprintf(&b, "  %s (%s %s): %s\n", label, id, version, dec)
		for i := range dec.NumReasons() {
			switch dec.Reason(i).Kind {
			case routing.ReasonRoute, routing.ReasonAgeLine, routing.ReasonVenue, routing.ReasonSubsidy, routing.ReasonAction, routing.ReasonFallback:
				fmt.Fprintf(&b, "    - %s\n", dec.ReasonText(i, tag))
			}
		}
	}
	side("A", d.A, d.ErrA)
	side("B", d.B, d.ErrB)
	return b.String()
}

// groupSet names the groups of d by their keys, so that decisions of two
// policies (whose groups may be numbered differently) compare.
func groupSet(d routing.Decision) string {
	if rb := d.Rulebook(); rb != nil {
		return rb.Keys(d.Groups)
	}
	return ""
}

func isChinese(tag language.Tag) bool {
	base, _ := tag.Base()
	return base.String() == "zh"
}

func pick(zh bool, c, e string) string {
	if zh {
		return c
	}
	return e
}
