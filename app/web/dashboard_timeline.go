package web

import (
	"strconv"

	"github.com/samsyn/samsyn/app"
)

// timelineView is the server-rendered SVG picture of what falls due: one
// row per consultation or statement, a mark per date, month ticks and a
// line for today. The table of the same items is its text alternative.
type timelineView struct {
	Width, Height, PlotX, PlotWidth int
	Ticks                           []timelineTick
	Rows                            []timelineRow
	Desc                            string
}

type timelineTick struct {
	X     int
	Label string
}

type timelineRow struct {
	Y, TextY, X1, X2 int
	Label, Href      string
	Marks            []timelineMark
}

type timelineMark struct {
	X, Y     int
	Kind     string
	Title    string
	Traffic  string
	IsSquare bool
}

// Geometry of the timeline picture, in SVG user units.
const (
	tlWidth  = 960
	tlLabelW = 180
	tlTop    = 34
	tlRowH   = 30
)

// buildTimeline lays out items (sorted by date) over days from today.
func buildTimeline(l Layout, items []app.DeadlineItem, today app.Date, days int) timelineView {
	v := timelineView{Width: tlWidth, PlotX: tlLabelW, PlotWidth: tlWidth - tlLabelW - 20}
	x := func(d app.Date) int {
		n := int(d.Sub(today.Time).Hours() / 24)
		return v.PlotX + n*v.PlotWidth/days
	}
	for d := today.AddDays(1); !today.AddDays(days).Before(d); d = d.AddDays(1) {
		if d.Day() == 1 {
			v.Ticks = append(v.Ticks, timelineTick{X: x(d), Label: l.T("watch.month." + strconv.Itoa(int(d.Month())))})
		}
	}
	rowOf := map[string]int{}
	for _, it := range items {
		key := it.ConsultationID + "/" + it.StatementID
		i, ok := rowOf[key]
		if !ok {
			i = len(v.Rows)
			rowOf[key] = i
			y := tlTop + i*tlRowH + tlRowH/2
			label := it.Reference
			if label == "" {
				label = it.Title
			}
			v.Rows = append(v.Rows, timelineRow{Y: y, TextY: y + 5, Label: truncateRunes(label, 24), X1: x(it.On), X2: x(it.On)})
		}
		r := &v.Rows[i]
		r.X2 = x(it.On)
		r.Marks = append(r.Marks, timelineMark{X: x(it.On), Y: r.Y, Kind: string(it.Kind), Traffic: string(it.Traffic),
			IsSquare: it.Kind == app.DueDeadline || it.Kind == app.DueSignBy,
			Title:    it.On.String() + " " + l.T("watch.kind."+string(it.Kind)) + ": " + it.Title})
	}
	v.Height = tlTop + max(len(v.Rows), 1)*tlRowH + 10
	v.Desc = l.T("watch.timeline_desc_prefix") + " " + strconv.Itoa(len(items)) + " " + l.T("watch.timeline_desc_suffix")
	return v
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
