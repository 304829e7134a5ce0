package table

import (
	"fmt"
	"io"
)

// Page is a report of one table with what goes around it: a title, lines
// of summary under it, headline figures, a chart and a footer. A bulletin
// is a Page; so is a table's HTML form. [Page.Render] writes it in every
// [Format]:
//   - text: the title and the lines, one per line, an empty line, then
//     the table aligned (with its own title, if it has one);
//   - Markdown: the title as a heading, the lines as a list, then the
//     table;
//   - CSV: the table's grid only;
//   - HTML: the title as the page's heading, the lines under it, the
//     figures as cards, the chart as inline SVG, the table and its notes,
//     the footer.
//
// Figures, the chart and the footer are shown in HTML only.
//
// Every text of a page — title, lines, figures, chart labels and values,
// footer, and the table's texts but for a column with
// [Column.RevealNumbers] — is shown with its identity and phone numbers
// masked, as [Table.Masked] says.
type Page struct {
	Title   string
	Lines   []string
	Figures []Figure
	Chart   Chart // nil for none
	Table   Table
	Footer  string
}

// Figure is a headline figure of an HTML page: a label, the value, a note
// under it, and a tone that colours the value.
type Figure struct {
	Label string
	Value string
	Note  string
	Tone  Tone
}

// Tone is the colour of a figure, a progress bar or a legend entry: it
// says whether something is ahead, on track or behind.
type Tone uint8

// The tones. The zero Tone, ToneDefault, is the page's ordinary colour.
const (
	ToneDefault Tone = iota
	ToneNeutral      // grey: nothing to judge (no task)
	ToneAhead        // green: done, or ahead
	ToneOnTrack      // blue: on track
	ToneBehind       // orange: behind
)

// class is the CSS class of a tone.
func (t Tone) class() string {
	switch t {
	case ToneNeutral:
		return "none"
	case ToneAhead:
		return "ahead"
	case ToneOnTrack:
		return "ontrack"
	case ToneBehind:
		return "behind"
	}
	return ""
}

// Chart is an SVG chart of a [Page]: a [*BarChart] or a [*ProgressChart].
// Charts draw the values they are given; they compute nothing but their
// geometry.
type Chart interface {
	svg() svgChart
}

// BarChart is a chart of horizontal bars, one group per label and one bar
// per series in each group: the chart of a table's HTML form.
type BarChart struct {
	Label  string   // the chart's accessible name
	Labels []string // one per group of bars
	Series []Series
	// Scale is the number of decimals of every series' values (0 to 18).
	Scale int
	// masked says that the labels and texts are masked already (a table's
	// own chart, which masks them column by column).
	masked bool
}

// Series is one series of a [BarChart]: a name for the legend, and per
// label a value, unscaled at the chart's Scale (a negative value draws no
// bar), and the text shown after the bar (when empty, the value). Text is
// masked as every text of a page is; a value shown by leaving its text
// empty is a number and is shown as it is.
type Series struct {
	Name   string
	Values []int64
	Text   []string
}

func (c *BarChart) svg() svgChart {
	classes := []string{"b", "a"}
	if len(c.Series) == 1 {
		classes = []string{"a"}
	}
	scale := min(max(c.Scale, 0), tblMaxScale)
	clean := tblCleanMask
	if c.masked {
		clean = tblClean
	}
	labels := make([]string, len(c.Labels))
	for i, l := range c.Labels {
		labels[i] = clean(l)
	}
	series := make([]svgSeries, len(c.Series))
	for k, s := range c.Series {
		ss := svgSeries{Name: clean(s.Name), Class: classes[k%len(classes)], Values: make([]int64, len(labels)), Text: make([]string, len(labels))}
		for i := range labels {
			v := int64(-1)
			if i < len(s.Values) {
				v = s.Values[i]
			}
			ss.Values[i] = v
			if i < len(s.Text) && s.Text[i] != "" {
				ss.Text[i] = clean(s.Text[i])
			} else if v >= 0 {
				ss.Text[i] = tblFormatFixed(v, scale)
			}
		}
		series[k] = ss
	}
	return newBarChart(clean(c.Label), labels, series, scale)
}

// ProgressChart is a chart of progress bars, one per unit: a track for the
// whole task (100 %), the part done coloured by its tone, and marks at a
// target and a pace. The axis runs to 100 %, or further (in steps of 20 %,
// at most 200 %) when a unit has done more than its task.
type ProgressChart struct {
	Label  string // the chart's accessible name
	Bars   []ProgressBar
	Legend []Legend
}

// ProgressBar is one unit of a [ProgressChart]: the task, the part done,
// the target and pace marks (all in the same unit, such as persons), the
// tone, the text shown after the bar and its tooltip.
type ProgressBar struct {
	Label                    string
	Task, Done, Target, Pace int64
	Tone                     Tone
	Text                     string
	Title                    string
}

// Legend is an entry of a chart's legend: a swatch of a tone, or a mark.
type Legend struct {
	Label string
	Tone  Tone
	Mark  Mark
}

// Mark is the kind of line a [ProgressChart] draws across a bar.
type Mark uint8

// The marks. The zero Mark, MarkNone, is no mark (a legend entry with it
// is a swatch of its tone).
const (
	MarkNone   Mark = iota
	MarkTarget      // a dashed line at the target
	MarkPace        // a dotted line at the pace
)

func (c *ProgressChart) svg() svgChart {
	rows := make([]svgProgressRow, len(c.Bars))
	for i, b := range c.Bars {
		rows[i] = svgProgressRow{
			Label: tblCleanMask(b.Label), Task: b.Task, Enrolled: b.Done, Target: b.Target, Pace: b.Pace,
			Class: b.Tone.class(), Text: tblCleanMask(b.Text), Title: tblCleanMask(b.Title),
		}
	}
	legend := make([]svgLegend, len(c.Legend))
	for i, l := range c.Legend {
		switch l.Mark {
		case MarkTarget:
			legend[i] = svgLegend{Class: "ref", Label: tblCleanMask(l.Label), Line: true}
		case MarkPace:
			legend[i] = svgLegend{Class: "pace", Label: tblCleanMask(l.Label), Line: true}
		default:
			legend[i] = svgLegend{Class: l.Tone.class(), Label: tblCleanMask(l.Label)}
		}
	}
	return newProgressChart(tblCleanMask(c.Label), rows, legend)
}

// Render writes the page in format f (see [Page]). It validates the table
// first; the same page and options always give the same bytes.
func (p Page) Render(w io.Writer, f Format, opt RenderOptions) error {
	if f > FormatHTML {
		return fmt.Errorf("%w: %v", ErrUnknownFormat, f)
	}
	if err := p.Table.Validate(); err != nil {
		return err
	}
	lay, err := p.Table.layout()
	if err != nil {
		return err
	}
	bw, c, err := tblOutput(w, f, opt)
	if err != nil {
		return err
	}
	switch f {
	case FormatText:
		if p.Title != "" {
			bw.WriteString(tblCleanMask(p.Title))
			bw.WriteByte('\n')
		}
		for _, s := range p.Lines {
			bw.WriteString(tblCleanMask(s))
			bw.WriteByte('\n')
		}
		bw.WriteByte('\n')
		err = lay.writeText(bw, opt.amb())
	case FormatCSV:
		err = lay.writeCSV(bw)
	case FormatMarkdown:
		if p.Title != "" {
			bw.WriteString("### " + tblMarkdownEscape(tblMask(p.Title)) + "\n\n")
		}
		for _, s := range p.Lines {
			bw.WriteString("- " + tblMarkdownEscape(tblMask(s)) + "\n")
		}
		bw.WriteByte('\n')
		err = lay.writeMarkdown(bw)
	case FormatHTML:
		err = p.writeHTML(bw, lay)
	}
	return tblFinish(bw, c, err)
}

// writeHTML writes the page's HTML form.
func (p Page) writeHTML(w io.Writer, lay *tblLayout) error {
	page := htmlPage{
		Title:  tblCleanMask(p.Title),
		Table:  htmlTableOf(lay),
		Wide:   len(lay.headers) > htmlWideColumns,
		Footer: tblMask(p.Footer),
	}
	for _, s := range p.Lines {
		page.Subtitle = append(page.Subtitle, tblMask(s))
	}
	for _, fg := range p.Figures {
		page.KPIs = append(page.KPIs, htmlKPI{Label: tblMask(fg.Label), Value: tblMask(fg.Value), Note: tblMask(fg.Note), Class: fg.Tone.class()})
	}
	if p.Chart != nil {
		ch := p.Chart.svg()
		page.Chart = &ch
	}
	return htmlTemplate.Execute(w, page)
}
