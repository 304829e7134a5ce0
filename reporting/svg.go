package reporting

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
}

// Geometry of the charts, in pixels.
const (
	svgFont     = 13 // label font size
	svgBarH     = 12 // height of one bar
	svgRowGap   = 10 // space between rows
	svgPlotW    = 520
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
