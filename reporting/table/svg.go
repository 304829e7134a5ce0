package table

import (
	"math/bits"

	"github.com/canbao/kuomian/internal/textwidth"
)

// svgChart is a horizontal bar chart laid out in whole pixels, ready for the
// HTML template (which escapes every string). Horizontal bars leave room for
// Chinese village names, which read badly when rotated.
type svgChart struct {
	Label      string // accessible name (aria-label)
	Width      int
	Height     int
	PlotX      int // left edge of the plot area
	PlotW      int
	PlotTop    int
	PlotBottom int
	Rows       []svgRow
	Ticks      []svgTick
	Refs       []svgRef
	Legend     []svgLegend
	LegendY    int
}

type svgRow struct {
	Label  string
	LabelY int // text baseline
	Tracks []svgBar
	Bars   []svgBar
	Marks  []svgMark
}

// svgMark is a short vertical line across one row (a target on its bar).
type svgMark struct {
	X, Y1, Y2 int
	Class     string
}

type svgBar struct {
	X, Y, W, H int
	Class      string
	Value      string // printed after the bar
	ValueX     int
	ValueY     int
	Title      string // tooltip
}

type svgTick struct {
	X     int
	Label string
}

type svgRef struct {
	X      int
	Label  string
	LabelY int
	Class  string
}

type svgLegend struct {
	X     int
	Class string
	Label string
	Line  bool // a marker line rather than a swatch
	Mid   int  // centre of the swatch, for a marker line
}

// Geometry of the charts, in pixels.
const (
	svgFont     = 13 // label font size
	svgBarH     = 12 // height of one bar
	svgRowGap   = 10 // space between rows
	svgPlotW    = 640
	svgValueW   = 150 // room for the value text after the longest bar
	svgTopPad   = 34  // legend and reference labels
	svgAxisH    = 26  // tick labels under the plot
	svgLabelPad = 12
)

// svgLabelWidth is the pixel width of the widest label: a terminal column is
// about half the font size.
func svgLabelWidth(labels []string) int {
	w := 0
	for _, s := range labels {
		if n := textwidth.String(s, textwidth.Narrow); n > w {
			w = n
		}
	}
	return (w*svgFont+1)/2 + svgLabelPad
}

// svgMulDiv returns a·b/c rounded half up, for non-negative a and b and
// positive c, saturating at max.
func svgMulDiv(a, b, c uint64, max int) int {
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return max
	}
	q, r := bits.Div64(hi, lo, c)
	if r >= c-r {
		q++
	}
	if q > uint64(max) {
		return max
	}
	return int(q)
}

// svgCeilMulDiv returns ⌈a·b/c⌉ for non-negative a and b and positive c,
// saturating at max.
func svgCeilMulDiv(a, b, c uint64, max int) int {
	hi, lo := bits.Mul64(a, b)
	if hi >= c {
		return max
	}
	q, r := bits.Div64(hi, lo, c)
	if r > 0 {
		q++
	}
	if q > uint64(max) {
		return max
	}
	return int(q)
}

// svgNiceStep returns a tick step of 1, 2 or 5 times a power of ten that
// divides [0, max] into at most 5 intervals.
func svgNiceStep(max uint64) uint64 {
	if max == 0 {
		return 1
	}
	for p := uint64(1); ; p *= 10 {
		for _, m := range []uint64{1, 2, 5} {
			if s := m * p; max/s < 5 || max/s == 5 && max%s == 0 {
				return s
			}
		}
		if p > 1e17 {
			return p * 10
		}
	}
}

// svgSeries is one series of a bar chart: a class (colour) and a value per
// row at a common scale.
type svgSeries struct {
	Name   string
	Class  string
	Values []int64 // unscaled at Scale; negative values draw no bar
	Text   []string
}

// newBarChart lays out grouped horizontal bars: one group per label, one bar
// per series.
func newBarChart(label string, labels []string, series []svgSeries, scale int) svgChart {
	lw := svgLabelWidth(labels)
	c := svgChart{Label: label, PlotX: lw, PlotW: svgPlotW, PlotTop: svgTopPad}
	var max uint64
	for _, s := range series {
		for _, v := range s.Values {
			if v > 0 && uint64(v) > max {
				max = uint64(v)
			}
		}
	}
	step := svgNiceStep(max)
	axisMax := (max + step - 1) / step * step
	if axisMax == 0 {
		axisMax = step
	}
	groupH := len(series)*svgBarH + svgRowGap
	y := c.PlotTop + svgRowGap/2
	for i, l := range labels {
		row := svgRow{Label: l, LabelY: y + (len(series)*svgBarH)/2 + svgFont/2 - 2}
		for k, s := range series {
			v := s.Values[i]
			w := 0
			if v > 0 {
				w = svgMulDiv(uint64(v), svgPlotW, axisMax, svgPlotW)
			}
			by := y + k*svgBarH
			row.Bars = append(row.Bars, svgBar{
				X: c.PlotX, Y: by, W: w, H: svgBarH - 2, Class: s.Class,
				Value: s.Text[i], ValueX: c.PlotX + w + 4, ValueY: by + svgBarH - 3,
				Title: l + " · " + s.Name + "：" + s.Text[i],
			})
		}
		c.Rows = append(c.Rows, row)
		y += groupH
	}
	c.PlotBottom = y - svgRowGap/2
	for v := uint64(0); v <= axisMax; v += step {
		c.Ticks = append(c.Ticks, svgTick{X: c.PlotX + svgMulDiv(v, svgPlotW, axisMax, svgPlotW), Label: tblFormatFixed(int64(v), scale)})
		if v > axisMax-step {
			break
		}
	}
	x := c.PlotX
	for _, s := range series {
		c.Legend = append(c.Legend, svgLegend{X: x, Class: s.Class, Label: s.Name})
		x += 24 + (textwidth.String(s.Name, textwidth.Narrow)*svgFont+1)/2 + 16
	}
	c.LegendY = 16
	c.Width = c.PlotX + svgPlotW + svgValueW
	c.Height = c.PlotBottom + svgAxisH
	return c
}

// svgProgressRow is one unit of a progress chart.
type svgProgressRow struct {
	Label    string
	Task     int64
	Enrolled int64
	Target   int64 // current milestone requirement
	Pace     int64
	Class    string // status class
	Text     string // value text
	Title    string
}

// newProgressChart lays out one progress bar per unit: a track for the
// whole task (100 %), the done part coloured by status, and marks at the
// milestone requirement and the pace to date. The axis runs to 100 %, or
// further (in steps of 20 %, at most 200 %) when a unit has done more.
func newProgressChart(label string, rows []svgProgressRow, legend []svgLegend) svgChart {
	labels := make([]string, len(rows))
	for i, r := range rows {
		labels[i] = r.Label
	}
	c := svgChart{Label: label, PlotX: svgLabelWidth(labels), PlotW: svgPlotW, PlotTop: svgTopPad}
	// Axis maximum in percent.
	axis := uint64(100)
	for _, r := range rows {
		if r.Task > 0 && r.Enrolled > r.Task {
			// ⌈E·100/T⌉ rounded up to 20, capped at 200.
			p := svgCeilMulDiv(uint64(r.Enrolled), 100, uint64(r.Task), 200)
			if a := (uint64(p) + 19) / 20 * 20; a > axis {
				axis = a
			}
		}
	}
	axis = min(axis, 200)
	// x of a fraction num/den of the task.
	xOf := func(num, den int64) int {
		if den <= 0 || num <= 0 {
			return c.PlotX
		}
		return c.PlotX + svgMulDiv(uint64(num), svgPlotW*100, uint64(den)*axis, svgPlotW)
	}
	full := svgMulDiv(100, svgPlotW, axis, svgPlotW)
	y := c.PlotTop + svgRowGap/2
	step := svgBarH + 4 + svgRowGap
	for _, r := range rows {
		h := svgBarH + 4
		row := svgRow{Label: r.Label, LabelY: y + h/2 + svgFont/2 - 2}
		row.Tracks = append(row.Tracks, svgBar{X: c.PlotX, Y: y, W: full, H: h, Class: "track"})
		w := xOf(r.Enrolled, r.Task) - c.PlotX
		row.Bars = append(row.Bars, svgBar{
			X: c.PlotX, Y: y, W: w, H: h, Class: r.Class,
			Value: r.Text, ValueX: c.PlotX + max(w, full) + 6, ValueY: y + h - 4, Title: r.Title,
		})
		if r.Task > 0 {
			row.Marks = append(row.Marks,
				svgMark{X: xOf(r.Pace, r.Task), Y1: y - 3, Y2: y + h + 3, Class: "pace"},
				svgMark{X: xOf(r.Target, r.Task), Y1: y - 3, Y2: y + h + 3, Class: "ref"},
			)
		}
		c.Rows = append(c.Rows, row)
		y += step
	}
	c.PlotBottom = y - svgRowGap/2
	for p := uint64(0); p <= axis; p += 20 {
		c.Ticks = append(c.Ticks, svgTick{X: c.PlotX + svgMulDiv(p, svgPlotW, axis, svgPlotW), Label: tblFormatFixed(int64(p), 0) + "%"})
	}
	x := c.PlotX
	for _, l := range legend {
		l.X = x
		l.Mid = x + 8
		c.Legend = append(c.Legend, l)
		x += 24 + (textwidth.String(l.Label, textwidth.Narrow)*svgFont+1)/2 + 14
	}
	c.LegendY = 16
	c.Width = max(c.PlotX+svgPlotW+svgValueW, x)
	c.Height = c.PlotBottom + svgAxisH
	return c
}
