package monthly

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/internal/privacy"
	"github.com/canbao/kuomian/reporting"
	"github.com/canbao/kuomian/reporting/ledger"
	"github.com/canbao/kuomian/reporting/roster"
	"github.com/canbao/kuomian/routing"
)

// LedgerRow is one person's row of the masked 实名库, as [NewLedgerRow] lays it
// out. Its fields are plain values, so that a pipeline may compute it where
// the person is and carry it to where the files are written.
type LedgerRow struct {
	// Village is the person's 村(社区), or [ledger.NoVillage].
	Village string
	// Cells are the row's cells after 序号: 公民身份号码 (masked), 姓名
	// (masked), 性别, 年龄 (digits, or — for an undecided person), 村(社区),
	// 类别, 扩面对象类别, 去向(险种), 参保渠道, 办理地点, 参保状况, 来源.
	Cells []string
	// Target is the person's row of the 扩面人员明细表 (masked), for a
	// target or followed person; nil for anyone else.
	Target *reporting.RosterEntry `json:",omitempty"`
}

// ageCell is the index of 年龄 in LedgerRow.Cells.
const ageCell = 3

// NewLedgerRow lays out one person of a ledger.
func NewLedgerRow(e *ledger.Entry) LedgerRow {
	zh := language.Chinese
	res := e.Resident
	d := &e.Decision
	var kinds []string
	for _, s := range e.Sources {
		if k := s.Kind.Label(zh); !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	groups, outcome, channel, venue, age := "—", "—", "", "", "—"
	if e.Role != ledger.RoleUndecided {
		if rb := d.Rulebook(); rb != nil && !d.Groups.IsEmpty() {
			groups = rb.ShortLabels(d.Groups)
		}
		outcome = d.Outcome.Label(zh)
		if d.Channel != routing.ChannelNone {
			channel = d.Channel.Label(zh)
		}
		if d.Venue != routing.VenueNone {
			venue = d.Venue.Label(zh)
		}
		age = strconv.Itoa(d.Age)
	}
	village := res.Hukou.Village
	if village == "" {
		village = ledger.NoVillage
	}
	p := LedgerRow{Village: village, Cells: []string{
		res.ID.Masked(), privacy.Name(res.Name), res.EffectiveGender().Label(zh), age,
		village, e.Role.Label(zh), groups, outcome, channel, venue, insLabel(res.Insurance), strings.Join(kinds, "、"),
	}}
	if e.Role == ledger.RoleTarget || e.Role == ledger.RoleFollowed {
		re := reporting.NewRosterEntry(roster.Row{Resident: res}, d, reporting.MaskOptions{})
		re.Village = village
		p.Target = &re
	}
	return p
}

// LedgerRows lays out every person of a ledger in the order of the 实名库:
// village by village (byte order), each in the ledger's order (that of the
// identity numbers), so that no order of the input shows through.
func LedgerRows(l *ledger.Ledger) ([]LedgerRow, error) {
	people := make([]LedgerRow, 0, l.Len())
	for i := range l.Len() {
		e, err := l.Entry(i)
		if err != nil {
			return nil, err
		}
		people = append(people, NewLedgerRow(&e))
	}
	slices.SortStableFunc(people, func(a, b LedgerRow) int { return strings.Compare(a.Village, b.Village) })
	return people, nil
}

// insLabel names an insurance record in Chinese: 企业职工/正常缴费, 未参保.
func insLabel(ins eligibility.Insurance) string {
	zh := language.Chinese
	if ins.Scheme == eligibility.SchemeNone {
		return ins.Scheme.Label(zh)
	}
	return ins.Scheme.Label(zh) + "/" + ins.Status.Label(zh)
}
