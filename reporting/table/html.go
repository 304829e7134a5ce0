package table

import (
	"bufio"
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// htmlCell is one cell of an HTML table.
type htmlCell struct {
	Text  string
	Class string // "num" for numbers, "mark" added for a differing total
	Title string // tooltip
	Mark  bool
	Label string // the column's header, shown beside the value on a phone
}

// htmlTable is the data of the table part of a page.
type htmlTable struct {
	Headers []htmlCell
	Rows    [][]htmlCell
	Total   []htmlCell
	Notes   []string
}

// htmlKPI is one headline figure of a bulletin page.
type htmlKPI struct {
	Label string
	Value string
	Note  string
	Class string
}

// htmlPage is what the page template renders.
type htmlPage struct {
	Title    string
	Subtitle []string
	KPIs     []htmlKPI
	Chart    *svgChart
	Table    htmlTable
	Footer   string
	// Wide lets a table of many columns (the roster) use the whole window
	// and wrap long text, instead of scrolling sideways.
	Wide bool
}

// htmlTemplate is parsed once and only read afterwards; html/template is
// safe for concurrent use. Every string is escaped for its context.
var htmlTemplate = template.Must(template.New("page").Parse(htmlPageSource))

const htmlPageSource = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root{--ink:#1f2933;--muted:#61707e;--rule:#d9dee3;--bg:#ffffff;--band:#f5f7f9;--a:#2f6fb0;--b:#9cc3e6;--ahead:#2e8b57;--ontrack:#2f6fb0;--behind:#d9822b;--none:#9aa5b1;--mark:#b42318}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif}
main{max-width:1000px;margin:0 auto;padding:32px 20px 48px}
h1{font-size:24px;line-height:1.3;margin:0 0 6px;font-weight:600}
.sub{color:var(--muted);margin:0 0 2px}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.kpi{flex:1 1 180px;border:1px solid var(--rule);border-radius:8px;padding:12px 16px;background:var(--band)}
.kpi .label{color:var(--muted);font-size:13px}
.kpi .value{font-size:28px;font-weight:600;font-variant-numeric:tabular-nums;line-height:1.3}
.kpi .note{color:var(--muted);font-size:13px}
.kpi.ahead .value{color:var(--ahead)}.kpi.ontrack .value{color:var(--ontrack)}.kpi.behind .value{color:var(--behind)}
figure{margin:24px 0;overflow-x:auto}
svg{display:block;max-width:100%;height:auto;font-family:inherit}
svg .lbl{font-size:13px;fill:var(--ink)}
svg .val{font-size:11px;fill:var(--muted)}
svg .tick{font-size:11px;fill:var(--muted)}
svg .grid{stroke:var(--rule);stroke-width:1}
svg .a{fill:var(--a)}svg .b{fill:var(--b)}
svg .track{fill:var(--band);stroke:var(--rule)}
svg .ahead{fill:var(--ahead)}svg .ontrack{fill:var(--ontrack)}svg .behind{fill:var(--behind)}svg .none{fill:var(--none)}
svg .ref{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:5 3}
svg .pace{stroke:var(--muted);stroke-width:1;stroke-dasharray:2 3}
svg .reflbl{font-size:11px;fill:var(--ink)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:14px}
.scroll{overflow-x:auto}
th,td{padding:6px 10px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top;white-space:nowrap}
th{font-weight:600;border-bottom:2px solid var(--ink);background:var(--bg)}
tbody tr:nth-child(even){background:var(--band)}
tfoot td{font-weight:600;border-top:2px solid var(--ink);border-bottom:0}
.num{text-align:right;white-space:nowrap}
main.wide{max-width:none}
main.wide td.wrap{white-space:normal;min-width:7em}
.center{text-align:center}
td.mark{color:var(--mark)}
td.mark sup{font-weight:600}
.ahead-t{color:var(--ahead)}.ontrack-t{color:var(--ontrack)}.behind-t{color:var(--behind)}
.notes{color:var(--muted);font-size:13px;padding-left:1.2em}
footer{color:var(--muted);font-size:12px;margin-top:24px;border-top:1px solid var(--rule);padding-top:8px}
@media print{main{padding:0}.kpi{break-inside:avoid}}
@media (max-width:640px){
main{padding:20px 12px 32px}
h1{font-size:20px}
.kpi{flex-basis:100%}.kpi .value{font-size:24px}
figure svg{max-width:none;width:auto}
.scroll{overflow-x:visible}
table,tbody,tfoot,tr,td{display:block;width:100%}
thead{display:none}
tbody tr,tfoot tr{border:1px solid var(--rule);border-radius:8px;margin:0 0 10px;padding:6px 10px;background:var(--bg)}
tbody tr:nth-child(even){background:var(--band)}
td{display:flex;justify-content:space-between;gap:12px;border:0;padding:3px 0;white-space:normal;text-align:right}
td::before{content:attr(data-label);color:var(--muted);font-weight:400;text-align:left;flex:0 0 auto;max-width:60%}
td:first-child{font-weight:600;font-size:16px}
tfoot td{border:0}
}
</style>
</head>
<body>
<main{{if .Wide}} class="wide"{{end}}>
<h1>{{.Title}}</h1>
{{range .Subtitle}}<p class="sub">{{.}}</p>
{{end}}{{if .KPIs}}<section class="kpis">
{{range .KPIs}}<div class="kpi {{.Class}}"><div class="label">{{.Label}}</div><div class="value">{{.Value}}</div>{{if .Note}}<div class="note">{{.Note}}</div>{{end}}</div>
{{end}}</section>
{{end}}{{with .Chart}}<figure>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-label="{{.Label}}">
<title>{{.Label}}</title>
{{$top := .PlotTop}}{{$bottom := .PlotBottom}}{{range .Ticks}}<line class="grid" x1="{{.X}}" y1="{{$top}}" x2="{{.X}}" y2="{{$bottom}}"/><text class="tick" x="{{.X}}" y="{{$bottom}}" dy="16" text-anchor="middle">{{.Label}}</text>
{{end}}{{range .Legend}}{{if .Line}}<line class="{{.Class}}" x1="{{.Mid}}" y1="4" x2="{{.Mid}}" y2="18"/>{{else}}<rect class="{{.Class}}" x="{{.X}}" y="6" width="16" height="10" rx="2"/>{{end}}<text class="lbl" x="{{.X}}" dx="22" y="15">{{.Label}}</text>
{{end}}{{$px := .PlotX}}{{range .Rows}}<text class="lbl" x="{{$px}}" dx="-10" y="{{.LabelY}}" text-anchor="end">{{.Label}}</text>
{{range .Tracks}}<rect class="{{.Class}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" rx="2"/>
{{end}}{{range .Bars}}<rect class="{{.Class}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" rx="2"><title>{{.Title}}</title></rect><text class="val" x="{{.ValueX}}" y="{{.ValueY}}">{{.Value}}</text>
{{end}}{{range .Marks}}<line class="{{.Class}}" x1="{{.X}}" y1="{{.Y1}}" x2="{{.X}}" y2="{{.Y2}}"/>
{{end}}{{end}}{{range .Refs}}<line class="{{.Class}}" x1="{{.X}}" y1="{{$top}}" x2="{{.X}}" y2="{{$bottom}}"/><text class="reflbl" x="{{.X}}" y="{{.LabelY}}" text-anchor="middle">{{.Label}}</text>
{{end}}</svg>
</figure>
{{end}}<div class="scroll"><table>
<thead><tr>{{range .Table.Headers}}<th class="{{.Class}}">{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{range .Table.Rows}}<tr>{{range .}}<td class="{{.Class}}" data-label="{{.Label}}"{{if .Title}} title="{{.Title}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
{{if .Table.Total}}<tfoot><tr>{{range .Table.Total}}<td class="{{.Class}}" data-label="{{.Label}}"{{if .Title}} title="{{.Title}}"{{end}}>{{.Text}}{{if .Mark}}<sup>*</sup>{{end}}</td>{{end}}</tr></tfoot>
{{end}}</table></div>
{{if .Table.Notes}}<ul class="notes">
{{range .Table.Notes}}<li>{{.}}</li>
{{end}}</ul>
{{end}}{{if .Footer}}<footer>{{.Footer}}</footer>
{{end}}</main>
</body>
</html>
`

// htmlTableOf turns a layout into the template's table.
func htmlTableOf(l *tblLayout) htmlTable {
	cls := func(j int, num bool) string {
		switch l.align[j] {
		case AlignRight:
			return "num"
		case AlignCenter:
			return "center"
		}
		if num {
			return "num"
		}
		return ""
	}
	var ht htmlTable
	for j, h := range l.headers {
		ht.Headers = append(ht.Headers, htmlCell{Text: h, Class: cls(j, false)})
	}
	wide := len(l.headers) > htmlWideColumns
	for _, r := range l.rows {
		row := make([]htmlCell, len(r))
		for j, c := range r {
			row[j] = htmlCell{Text: c.s, Class: cls(j, c.num), Label: l.headers[j]}
			if wide && !c.num && utf8.RuneCountInString(c.s) > htmlWrapRunes {
				row[j].Class = strings.TrimSpace(row[j].Class + " wrap")
			}
		}
		ht.Rows = append(ht.Rows, row)
	}
	if l.total != nil {
		ht.Total = make([]htmlCell, len(l.total))
		for j, c := range l.total {
			hc := htmlCell{Text: c.s, Class: cls(j, c.num), Label: l.headers[j]}
			if l.marked[j] {
				hc.Mark = true
				hc.Class = strings.TrimSpace(hc.Class + " mark")
				hc.Title = "合计栏与各行之和不符，见注"
			}
			ht.Total[j] = hc
		}
	}
	ht.Notes = l.notes
	return ht
}

// htmlWideColumns is the number of columns above which a table's page is
// wide (see htmlPage.Wide).
const htmlWideColumns = 10

// htmlWrapRunes is the length above which a text cell of a wide table may
// wrap; shorter cells (names, masked numbers, village names) never do.
const htmlWrapRunes = 8

// writeHTML writes the table as a page with a bar chart of its chart
// columns.
func (t Table) writeHTML(w *bufio.Writer, l *tblLayout, opt RenderOptions) error {
	p := Page{Title: l.title}
	if p.Title == "" {
		p.Title = "表"
	}
	ch, ok, err := t.chart(opt.ChartColumns)
	if err != nil {
		return err
	}
	if ok {
		p.Chart = ch
	}
	return p.writeHTML(w, l)
}

// chart builds the bar chart of the given numeric columns (by default the
// last two numeric ones), labelled by the first text column.
func (t Table) chart(cols []int) (*BarChart, bool, error) {
	for _, j := range cols {
		if j < 0 || j >= len(t.Columns) || t.Columns[j].Kind == KindText {
			return nil, false, &Error{Row: -2, Column: j, Err: fmt.Errorf("%w: chart column must be numeric", ErrNoColumn)}
		}
	}
	if len(t.Rows) == 0 {
		return nil, false, nil
	}
	if cols == nil {
		for j := len(t.Columns) - 1; j >= 0 && len(cols) < 2; j-- {
			if t.Columns[j].Kind != KindText && !t.Columns[j].NoSum {
				cols = append([]int{j}, cols...)
			}
		}
	}
	scale := 0
	for _, j := range cols {
		scale = max(scale, t.Columns[j].Scale)
	}
	if len(cols) == 0 {
		return nil, false, nil
	}
	labelCol := -1
	for j, c := range t.Columns {
		if c.Kind == KindText {
			labelCol = j
			break
		}
	}
	labels := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		if labelCol >= 0 {
			labels[i] = tblClean(t.maskCell(labelCol, Text(strings.ToValidUTF8(r[labelCol].String(), "\uFFFD"))).String())
		} else {
			labels[i] = tblFormatFixed(int64(i+1), 0)
		}
	}
	var series []Series
	for _, j := range cols {
		s := Series{Name: tblCleanMask(t.Columns[j].Header), Values: make([]int64, len(t.Rows)), Text: make([]string, len(t.Rows))}
		for i, r := range t.Rows {
			c := r[j]
			if c.kind != cellNumber {
				s.Values[i] = -1
				s.Text[i] = tblClean(t.maskCell(j, c).String())
				continue
			}
			v, ok := tblRescale(c.num, int(c.scale), scale)
			if !ok {
				return nil, false, &Error{Row: i, Column: j, Err: ErrOverflow}
			}
			s.Values[i] = v
			cv, _ := tblRescale(c.num, int(c.scale), t.Columns[j].Scale)
			s.Text[i] = tblFormatFixed(cv, t.Columns[j].Scale)
		}
		series = append(series, s)
	}
	label := tblCleanMask(t.Title)
	if label == "" {
		label = "柱状图"
	}
	return &BarChart{Label: label, Labels: labels, Series: series, Scale: scale, masked: true}, true, nil
}
