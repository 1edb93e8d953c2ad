package web

import (
	"slices"
	"sort"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// archivePage is the public consultation archive (/remisser): what the
// network answered or declined publicly (the rule is in app/archive.go),
// with the outcome where one is recorded.
type archivePage struct {
	Layout
	Entries                    []archiveRow
	Total, Shown               int
	Years, Issuers, Topics     []Option
	Filtered                   bool
	FeedURL                    string
	YearVal, IssuerVal, TopVal string
}

type archiveRow struct {
	app.PublicConsultation
	DeadlineOn                  string
	ResponseTitle, ResponseSlug string
	PublishedOn                 string
	Signers                     []string
	Declined                    bool
	DeclineNote                 string
	HasOutcome                  bool
	FollowUps                   []followUpRow
	UptakeKey, UptakeNote       string
	AnchorID                    string
}

type followUpRow struct{ KindKey, Title, URL, On string }

func (s *Server) archivePage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := archivePage{Layout: s.layout(c, "public.archive.title"), FeedURL: "/feed.atom"}
	entries, err := s.archiveEntries(c)
	if err != nil {
		return err
	}
	p.Total = len(entries)
	f := app.ArchiveFilter{Issuer: c.Query("issuer"), Topic: c.Query("topic")}
	if y, err := strconv.Atoi(c.Query("year")); err == nil && y > 1900 && y < 3000 {
		f.Year = y
	}
	p.Filtered = f != app.ArchiveFilter{}
	p.YearVal, p.IssuerVal, p.TopVal = c.Query("year"), f.Issuer, f.Topic
	p.Years, p.Issuers, p.Topics = archiveFacets(entries, f, p.T("public.any"))
	if f.Topic != "" {
		p.FeedURL = "/feed/amne/" + f.Topic + ".atom"
	}
	_ = ctx
	for _, e := range f.Filter(entries) {
		p.Entries = append(p.Entries, archiveRowOf(p.Layout, e))
	}
	p.Shown = len(p.Entries)
	return s.render(c, fiber.StatusOK, "archive", p)
}

// archiveEntries builds the whole public archive from the stores.
func (s *Server) archiveEntries(c *fiber.Ctx) ([]app.ArchiveEntry, error) {
	ctx := c.UserContext()
	cons, err := s.allConsultations(ctx)
	if err != nil {
		return nil, err
	}
	published, err := s.allPublished(ctx)
	if err != nil {
		return nil, err
	}
	outcomes, err := s.deps.Outcomes.List(ctx)
	if err != nil {
		return nil, err
	}
	return app.BuildArchive(cons, published, outcomes), nil
}

func archiveRowOf(l Layout, e app.ArchiveEntry) archiveRow {
	r := archiveRow{PublicConsultation: e.Consultation, DeadlineOn: e.Consultation.Deadline.String(),
		Signers: e.Signers, Declined: e.Response == nil, DeclineNote: e.DeclineNote, AnchorID: "remiss-" + e.Consultation.ID}
	if st := e.Response; st != nil {
		r.ResponseTitle, r.ResponseSlug, r.PublishedOn = st.Title, st.Slug, app.DateOf(st.PublishedAt).String()
	}
	if o := e.Outcome; o != nil {
		r.HasOutcome = true
		for _, f := range o.FollowUps {
			r.FollowUps = append(r.FollowUps, followUpRow{KindKey: "public.followup." + f.Kind, Title: f.Title, URL: f.URL, On: f.On.String()})
		}
		if o.Uptake != "" {
			r.UptakeKey = "public.uptake." + string(o.Uptake)
		}
		r.UptakeNote = o.UptakeNote
	}
	return r
}

// archiveFacets lists the years, issuers and topics of the archive as
// filter options (every entry is public, so the lists are too).
func archiveFacets(entries []app.ArchiveEntry, f app.ArchiveFilter, anyLabel string) (years, issuers, topics []Option) {
	var ys []int
	var is, ts []string
	for _, e := range entries {
		if y := e.Year(); !slices.Contains(ys, y) {
			ys = append(ys, y)
		}
		if v := e.Consultation.Issuer; v != "" && !slices.Contains(is, v) {
			is = append(is, v)
		}
		for _, t := range e.Topics() {
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ys)))
	sort.Strings(is)
	sort.Strings(ts)
	years = []Option{{Value: "", Label: anyLabel}}
	for _, y := range ys {
		v := strconv.Itoa(y)
		years = append(years, Option{Value: v, Label: v, Selected: y == f.Year})
	}
	return years, topicOptions(is, f.Issuer, anyLabel), topicOptions(ts, f.Topic, anyLabel)
}
