package reporting

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/canbao/kuomian/reporting/table"
)

// bulCount writes a count of persons in the lines, figures and chart of a
// bulletin. Every text of a page is masked as personal data may be
// ([table.Table.Masked]): a group of 6 or more digits would be starred as
// an identity or phone number. So a count of 100000 or more is written
// with thousands separators (1,234,567), which the masking leaves alone;
// smaller counts are written plainly, as the published bulletins write
// them.
func bulCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n > -100000 && n < 100000 {
		return s
	}
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// bulRateCell is a completion rate as a cell, or "—" without one.
func bulRateCell(r BulletinRow) table.Cell {
	if !r.HasRate {
		return table.Text("—")
	}
	return table.Decimal(r.Rate.Shift(RateScale).IntPart(), RateScale)
}

// milestoneHeader is the header of the requirement column, such as
// "2019-12-31节点要求".
func (b Bulletin) milestoneHeader() string {
	if b.Milestone < 0 {
		return "节点要求"
	}
	return b.Policy.Milestones[b.Milestone].By.String() + "节点要求"
}

// Table returns the bulletin as a table, one row per unit in rank order and
// the town's line as the total row, labelled 合计: 村(社区), 任务数, (上月累计,
// 本月新增, 本月减少 when the units gave their month,) 累计完成, 完成率 (in
// percent), (本月新增中企业职工占比,) 序时进度, 距任务, the current milestone's
// 节点要求, 距节点, 排名 and 状态. Its CSV form is the contract of a
// bulletin.csv: the columns 村(社区), 任务数, 本月新增, 累计完成 and 完成率 by
// those names, one row per village, then 合计. A stated town task that differs from the sum of the units' tasks is
// audited like any stated total. The notes state the rounding rules and cite
// the plan.
func (b Bulletin) Table() table.Table {
	zh := language.Chinese
	month := b.Total.Month != nil
	cols := []table.Column{
		{Header: "村(社区)"},
		{Header: "任务数", Kind: table.KindInteger},
	}
	if month {
		cols = append(cols,
			table.Column{Header: "上月累计", Kind: table.KindInteger},
			table.Column{Header: "本月新增", Kind: table.KindInteger},
			table.Column{Header: "本月减少", Kind: table.KindInteger},
		)
	}
	cols = append(cols,
		table.Column{Header: "累计完成", Kind: table.KindInteger},
		table.Column{Header: "完成率", Kind: table.KindDecimal, Scale: RateScale, NoSum: true},
	)
	if month {
		cols = append(cols, table.Column{Header: "本月新增中企业职工占比", Kind: table.KindDecimal, Scale: RateScale, NoSum: true})
	}
	cols = append(cols,
		table.Column{Header: "序时进度", Kind: table.KindInteger, NoSum: true},
		table.Column{Header: "距任务", Kind: table.KindInteger, NoSum: true},
		table.Column{Header: b.milestoneHeader(), Kind: table.KindInteger, NoSum: true},
		table.Column{Header: "距节点", Kind: table.KindInteger, NoSum: true},
		table.Column{Header: "排名", Kind: table.KindInteger, NoSum: true, Align: table.AlignCenter},
		table.Column{Header: "状态"},
	)
	t := table.Table{Title: b.Title, Columns: cols, Rows: make([][]table.Cell, len(b.Rows))}
	line := func(name string, r BulletinRow, rank table.Cell) []table.Cell {
		cells := []table.Cell{table.Text(name), table.Int(r.Task)}
		if month {
			m := r.Month
			cells = append(cells, table.Int(m.Previous), table.Int(m.New), table.Int(m.Lost))
		}
		cells = append(cells, table.Int(r.Enrolled), bulRateCell(r))
		if month {
			cells = append(cells, bulShareCell(r.Month))
		}
		return append(cells, table.Int(r.Pace), table.Int(r.Gap), table.Int(r.Target), table.Int(r.TargetGap), rank, table.Text(r.Status.Label(zh)))
	}
	for i, r := range b.Rows {
		rank := table.Text("—")
		if r.Rank > 0 {
			rank = table.Int(int64(r.Rank))
		}
		t.Rows[i] = line(r.Name, r, rank)
	}
	// The town's line is the total row, labelled 合计 (the town is in the
	// title), so that a spreadsheet finds it as the first cell of the last row.
	t.Total = table.Total{Mode: table.StatedTotal, Cells: line("合计", b.Total, table.Cell{})}
	t.Notes = b.notes()
	return t
}

// bulShareCell is the share of 企业职工 among the month's newly enrolled,
// in percent at RateScale digits, half up; empty when nobody enrolled.
func bulShareCell(m *MonthFigures) table.Cell {
	if m == nil || m.New == 0 {
		return table.Cell{}
	}
	p, ok := bulPercent(m.NewEmployee, m.New)
	if !ok {
		return table.Cell{}
	}
	return table.Decimal(p.Shift(RateScale).IntPart(), RateScale)
}

// summary returns the lines that head the bulletin.
func (b Bulletin) summary() []string {
	var s []string
	head := "截至 " + b.AsOf.String()
	if !b.Policy.Bulletin.IsZero() {
		head += "　依据：" + b.Policy.Bulletin.String()
	}
	s = append(s, head)
	if b.InPhase {
		s = append(s, "当前阶段："+b.Phase.Name+"（"+b.Phase.Period.From.String()+" 至 "+b.Phase.Period.To.String()+"，"+b.Phase.Citation.String()+"）")
	}
	switch {
	case !b.AsOf.After(b.Policy.BaselineDate()):
		s = append(s, "序时进度自 "+b.Policy.BaselineDate().String()+" 起算，尚未开始（此前为 0）")
	case len(b.Policy.Milestones) > 0 && b.AsOf.After(b.Policy.Milestones[len(b.Policy.Milestones)-1].By):
		s = append(s, "方案各节点均已到期：按最后节点的要求通报")
	}
	if b.Milestone >= 0 {
		m := b.Policy.Milestones[b.Milestone]
		verb := "完成"
		if m.Aim {
			verb = "力争完成"
		}
		days := m.By.DaysSince(b.AsOf)
		when := "还有 " + strconv.Itoa(days) + " 天"
		switch {
		case days == 0:
			when = "今日到期"
		case days < 0:
			when = "已过 " + strconv.Itoa(-days) + " 天"
		}
		s = append(s, "当前节点："+m.By.String()+" 前"+verb+"任务的 "+strconv.Itoa(m.Percent)+"%（"+m.Citation.String()+"），"+when)
	}
	t := b.Total
	rate := "—"
	if t.HasRate {
		rate = t.Rate.StringFixed(RateScale) + "%"
	}
	s = append(s, b.Town+"基本养老保险扩面计划完成率："+rate+"（累计完成 "+bulCount(t.Enrolled)+" 人 / 任务 "+bulCount(t.Task)+" 人），"+t.Status.Label(language.Chinese)+"："+t.Reason)
	if m := t.Month; m != nil {
		line := "本月新增 " + bulCount(m.New) + " 人，本月减少 " + bulCount(m.Lost) + " 人，上月累计 " + bulCount(m.Previous) + " 人"
		if m.New > 0 {
			share, _ := bulPercent(m.NewEmployee, m.New)
			line += "；本月新增中企业职工 " + bulCount(m.NewEmployee) + " 人（" + share.StringFixed(RateScale) + "%，参保结构）"
		}
		s = append(s, line)
	}
	return s
}

// notes returns the bulletin's footnotes: how each figure is computed.
func (b Bulletin) notes() []string {
	n := []string{
		"完成率 = 累计完成 ÷ 任务数 × 100%（百分数），以整数精确计算，保留 " + strconv.Itoa(RateScale) + " 位小数，四舍五入（逢五进一）。",
	}
	if b.Milestone >= 0 {
		m := b.Policy.Milestones[b.Milestone]
		n = append(n, "节点要求 = 任务数 × "+strconv.Itoa(m.Percent)+"%，向上取整（不足一人按一人计），已公布节点任务数的按公布数；距节点 = 节点要求 − 累计完成（不小于 0）。")
		n = append(n, "序时进度按月计：上一节点（起点为 "+b.Policy.BaselineDate().String()+"，要求 0）至本节点之间的各月末及本节点日为检查点，要求逐点等额增加，向上取整；通报日取已到的最后一个检查点。")
	}
	n = append(n,
		"排名按完成率的精确值由高到低，完成率相同者名次并列；并列者及无任务者按名称拼音排序。",
		"状态：已完成 = 完成全部任务；超前 = 已提前达到当前节点要求；正常 = 不低于序时进度；滞后 = 低于序时进度。",
	)
	return n
}

// Render writes the bulletin in format f: text, Markdown and HTML open with
// the as-of date, the current phase and milestone with their clauses and
// the town's 基本养老保险扩面计划完成率, then the table of [Bulletin.Table] and
// its notes; HTML adds a chart of every unit's progress bar with marks at
// the milestone requirement and the pace. CSV carries the table's grid
// only. The same bulletin and options always give the same bytes.
func (b Bulletin) Render(w io.Writer, f table.Format, opt table.RenderOptions) error {
	if f > table.FormatHTML {
		return fmt.Errorf("%w: %v", table.ErrUnknownFormat, f)
	}
	return b.page(f).Render(w, f, opt)
}

// bulTone is the tone of a status.
func bulTone(s ProgressStatus) table.Tone {
	switch s {
	case StatusBehind:
		return table.ToneBehind
	case StatusOnTrack:
		return table.ToneOnTrack
	case StatusAhead, StatusDone:
		return table.ToneAhead
	}
	return table.ToneNeutral
}

// page lays the bulletin out as a page for format f: in HTML the town's
// completion rate is a headline figure rather than a line of the summary.
func (b Bulletin) page(f table.Format) table.Page {
	body := b.Table()
	body.Title = ""
	p := table.Page{Title: b.Title, Lines: b.summary(), Table: body}
	if f != table.FormatHTML {
		return p
	}
	zh := language.Chinese
	if p.Title == "" {
		p.Title = b.Town + "基本养老保险参保扩面进度通报"
	}
	p.Lines = p.Lines[:len(p.Lines)-1]
	t := b.Total
	rate := "—"
	if t.HasRate {
		rate = t.Rate.StringFixed(RateScale) + "%"
	}
	p.Figures = append(p.Figures,
		table.Figure{Label: b.Town + "基本养老保险扩面计划完成率", Value: rate, Note: t.Status.Label(zh) + "：" + t.Reason, Tone: bulTone(t.Status)},
		table.Figure{Label: "累计完成 / 任务（人）", Value: bulCount(t.Enrolled) + " / " + bulCount(t.Task), Note: "距任务 " + bulCount(t.Gap) + " 人"},
	)
	if m := t.Month; m != nil {
		// The trend against last month: what the month added, what it lost,
		// and how the completion rate moved.
		note := "上月累计 " + bulCount(m.Previous) + " 人，本月减少 " + bulCount(m.Lost) + " 人"
		if prev, ok := bulPercent(m.Previous, t.Task); ok && t.HasRate {
			diff := t.Rate.Sub(prev)
			sign := "+"
			if diff.Sign() < 0 {
				sign = ""
			}
			note += "；完成率较上月 " + sign + diff.StringFixed(RateScale) + " 个百分点"
		}
		if m.New > 0 {
			share, _ := bulPercent(m.NewEmployee, m.New)
			note += "；其中企业职工占 " + share.StringFixed(RateScale) + "%"
		}
		p.Figures = append(p.Figures, table.Figure{Label: "本月新增（人）", Value: bulCount(m.New), Note: note, Tone: table.ToneNeutral})
	}
	if b.Milestone >= 0 {
		m := b.Policy.Milestones[b.Milestone]
		p.Figures = append(p.Figures, table.Figure{Label: m.By.String() + " 节点要求（" + strconv.Itoa(m.Percent) + "%）", Value: bulCount(t.Target), Note: "序时进度 " + bulCount(t.Pace) + " 人；" + m.Citation.String()})
	}
	counts := map[ProgressStatus]int{}
	for _, r := range b.Rows {
		counts[r.Status]++
	}
	var parts []string
	for _, s := range []ProgressStatus{StatusDone, StatusAhead, StatusOnTrack, StatusBehind, StatusNoTask} {
		if counts[s] > 0 {
			parts = append(parts, s.Label(zh)+" "+strconv.Itoa(counts[s]))
		}
	}
	tone := table.ToneAhead
	if counts[StatusBehind] > 0 {
		tone = table.ToneBehind
	}
	p.Figures = append(p.Figures, table.Figure{Label: "各村(社区)状态", Value: strconv.Itoa(counts[StatusBehind]) + " 个滞后", Note: strings.Join(parts, " · "), Tone: tone})

	if len(b.Rows) > 0 {
		ch := &table.ProgressChart{Label: p.Title}
		for _, r := range b.Rows {
			rate := "—"
			if r.HasRate {
				rate = r.Rate.StringFixed(RateScale) + "%"
			}
			ch.Bars = append(ch.Bars, table.ProgressBar{
				Label: r.Name, Task: r.Task, Done: r.Enrolled, Target: r.Target, Pace: r.Pace,
				Tone:  bulTone(r.Status),
				Text:  rate + "  " + bulCount(r.Enrolled) + "/" + bulCount(r.Task),
				Title: r.Name + "：" + r.Status.Label(zh) + "。" + r.Reason,
			})
		}
		ch.Legend = []table.Legend{
			{Tone: table.ToneAhead, Label: "已完成/超前"},
			{Tone: table.ToneOnTrack, Label: "正常"},
			{Tone: table.ToneBehind, Label: "滞后"},
			{Mark: table.MarkTarget, Label: b.milestoneHeader()},
			{Mark: table.MarkPace, Label: "序时进度"},
		}
		p.Chart = ch
	}
	p.Footer = "完成率以整数精确计算，四舍五入保留 " + strconv.Itoa(RateScale) + " 位小数。" + b.Policy.Title + "（" + b.Policy.Document + "）"
	return p
}
