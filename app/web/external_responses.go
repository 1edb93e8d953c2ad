package web

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// Other bodies' remissvar ("Andra remissinstansers svar"), harvested from
// the remiss pages: beside a consultation and the draft that answers it,
// each answer's full text with the sentence that decided its stance, a
// person's override of that stance, and per advocacy issue the allies and
// opponents they show. Internal: every route needs a signed-in user.

func (s *Server) externalResponseRoutes(site, api fiber.Router) {
	api.Get("/consultations/:id/external-responses", requireUser, s.apiExternalResponses)
	api.Get("/external-responses/:id", requireUser, s.apiExternalResponse)
	api.Post("/external-responses/:id/stance", requireUser, s.apiExternalResponseStance)
	site.Get("/internt/remissvar/:id", requireUser, s.externalResponsePage)
	site.Post("/internt/remissvar/:id/stallning", requireUser, s.externalResponseStanceForm)
}

// answerRow is one answer as a list shows it.
type answerRow struct {
	ID, Organisation, Kind, KindLabel, Stance, StanceLabel, Quote, SourceURL, Href string
	Overridden, NoText                                                             bool
}

// answersView is the section "Andra remissinstansers svar".
type answersView struct {
	Layout
	Action        string // where the filter form goes: the page itself
	Rows          []answerRow
	Total         int
	Stance, Kind  string // the filter
	StanceOptions []Option
	KindOptions   []Option
	Compact       bool // beside the editor: the list in a disclosure
}

func (l Layout) answerRowOf(r *app.ExternalResponse) answerRow {
	st := r.EffectiveStance()
	return answerRow{ID: r.ID, Organisation: r.Organisation, Kind: string(r.OrgKind),
		KindLabel: l.T("external.kind." + string(r.OrgKind)), Stance: string(st), StanceLabel: l.T("external.stance." + string(st)),
		Quote: r.Quote, SourceURL: r.SourceURL, Href: "/internt/remissvar/" + r.ID,
		Overridden: r.StanceOverride != nil, NoText: r.NoText}
}

// answersFilter reads the section's filter from the query: svar_stallning
// and svar_typ.
func answersFilter(c *fiber.Ctx) app.ResponseFilter {
	return app.ResponseFilter{Stance: app.Stance(c.Query("svar_stallning")), Kind: app.OrgKind(c.Query("svar_typ"))}
}

// answersOf builds the section for a consultation; a filter naming an
// unknown stance or kind is refused (422), as the API does.
func (s *Server) answersOf(ctx context.Context, l Layout, f app.ResponseFilter, consultationID, action string, compact bool) (*answersView, error) {
	o, err := s.deps.ExternalResponses.Overview(ctx, consultationID, f)
	if err != nil {
		return nil, err
	}
	v := &answersView{Layout: l, Action: action, Total: o.Total, Stance: string(f.Stance), Kind: string(f.Kind), Compact: compact}
	for _, r := range o.Answers {
		v.Rows = append(v.Rows, l.answerRowOf(r))
	}
	v.StanceOptions = []Option{{Value: "", Label: l.T("external.all_stances"), Selected: f.Stance == ""}}
	for _, st := range app.Stances {
		v.StanceOptions = append(v.StanceOptions, Option{Value: string(st), Selected: st == f.Stance,
			Label: l.T("external.stance."+string(st)) + " (" + strconv.Itoa(o.ByStance[st]) + ")"})
	}
	v.KindOptions = []Option{{Value: "", Label: l.T("external.all_kinds"), Selected: f.Kind == ""}}
	for _, k := range app.OrgKinds {
		v.KindOptions = append(v.KindOptions, Option{Value: string(k), Selected: k == f.Kind,
			Label: l.T("external.kind."+string(k)) + " (" + strconv.Itoa(o.ByKind[k]) + ")"})
	}
	return v, nil
}

// quotedParagraph is one paragraph of an answer; the one holding the quote
// shows it marked.
type quotedParagraph struct {
	Before, Quote, After string
}

type answerPage struct {
	Layout
	R             answerRow
	Consultation  linkView
	Paragraphs    []quotedParagraph
	Classified    string // the classified stance's label
	Override      *overrideView
	Form          *Form
	StanceOptions []Option
	Version       int
	FetchedAt     string
	Checksum      string
}

type overrideView struct {
	StanceLabel, Reason, Who, At, AtISO string
}

// externalResponsePage: /internt/remissvar/{id}, one answer in full.
func (s *Server) externalResponsePage(c *fiber.Ctx) error {
	p, err := s.answerPageOf(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "external_response", p)
}

func (s *Server) answerPageOf(c *fiber.Ctx) (*answerPage, error) {
	ctx := c.UserContext()
	r, err := s.deps.ExternalResponses.Get(ctx, c.Params("id"))
	if err != nil {
		return nil, err
	}
	con, err := s.deps.Consultations.Get(ctx, r.ConsultationID)
	if err != nil {
		return nil, err
	}
	l := s.layout(c, "external.answer_title")
	l.Title = r.Organisation
	p := &answerPage{Layout: l, R: l.answerRowOf(r), Consultation: linkView{Title: con.Title, Href: "/internt/remisser/" + con.ID},
		Classified: l.T("external.stance." + string(r.Stance)), Form: s.newForm(l), Version: r.Version,
		FetchedAt: r.FetchedAt.In(app.Stockholm).Format("2006-01-02 15:04"), Checksum: r.Checksum}
	p.Paragraphs = quotedParagraphs(r.Paragraphs, r.Quote)
	if o := r.StanceOverride; o != nil {
		at := o.At.In(app.Stockholm)
		p.Override = &overrideView{StanceLabel: l.T("external.stance." + string(o.Stance)), Reason: o.Reason,
			Who: s.userName(c, o.By), At: at.Format("2006-01-02 15:04"), AtISO: at.Format(time.RFC3339)}
	}
	current := ""
	if r.StanceOverride != nil {
		current = string(r.StanceOverride.Stance)
	}
	p.Form.Values["stance"] = current
	p.StanceOptions = []Option{{Value: "", Label: l.T("external.as_classified") + " (" + p.Classified + ")", Selected: current == ""}}
	for _, st := range app.Stances {
		p.StanceOptions = append(p.StanceOptions, Option{Value: string(st), Label: l.T("external.stance." + string(st)),
			Selected: string(st) == current})
	}
	return p, nil
}

// userName is the name of the user with id, or "–" when gone.
func (s *Server) userName(c *fiber.Ctx, id string) string {
	if u, err := s.deps.Users.Get(c.UserContext(), id); err == nil {
		return u.Name
	}
	return "–"
}

// quotedParagraphs marks the first occurrence of quote.
func quotedParagraphs(ps []string, quote string) []quotedParagraph {
	out := make([]quotedParagraph, 0, len(ps))
	marked := quote == ""
	for _, p := range ps {
		if i := strings.Index(p, quote); !marked && i >= 0 {
			out = append(out, quotedParagraph{Before: p[:i], Quote: quote, After: p[i+len(quote):]})
			marked = true
			continue
		}
		out = append(out, quotedParagraph{Before: p})
	}
	return out
}

// externalResponseStanceForm: a person's stance on an answer, with a
// reason; "as classified" takes an override away.
func (s *Server) externalResponseStanceForm(c *fiber.Ctx) error {
	values := formValues(c, "stance", "reason")
	version, _ := strconv.Atoi(c.FormValue("version")) // not a number: stale, 409
	_, err := s.deps.ExternalResponses.Override(c.UserContext(), currentUser(c), c.Params("id"), version,
		app.Stance(values["stance"]), values["reason"])
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remissvar/"+c.Params("id"), "external.override_saved")
	}
	if code := app.ErrorCode(err); code != app.EINVALID && code != app.ECONFLICT {
		return err
	}
	p, perr := s.answerPageOf(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "external_response", p, p.Form, values)
}

// answerOut is an answer in the API; its text only when asked for one.
type answerOut struct {
	ID               string       `json:"id"`
	ConsultationID   string       `json:"consultation_id"`
	Organisation     string       `json:"organisation"`
	OrgKind          string       `json:"org_kind"`
	Stance           string       `json:"stance"`
	ClassifiedStance string       `json:"classified_stance"`
	Quote            string       `json:"quote"`
	Override         *overrideOut `json:"override"`
	NoText           bool         `json:"no_text"`
	SourceURL        string       `json:"source_url"`
	URL              string       `json:"url"`
	Checksum         string       `json:"checksum"`
	FetchedAt        time.Time    `json:"fetched_at"`
	Version          int          `json:"version"`
	Paragraphs       []string     `json:"paragraphs,omitempty"`
}

type overrideOut struct {
	Stance string    `json:"stance"`
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

type answersOut struct {
	Items    []answerOut    `json:"items"`
	Total    int            `json:"total"`
	ByStance map[string]int `json:"by_stance"`
	ByKind   map[string]int `json:"by_kind"`
}

func answerJSON(r *app.ExternalResponse) answerOut {
	out := answerOut{ID: r.ID, ConsultationID: r.ConsultationID, Organisation: r.Organisation, OrgKind: string(r.OrgKind),
		Stance: string(r.EffectiveStance()), ClassifiedStance: string(r.Stance), Quote: r.Quote, NoText: r.NoText,
		SourceURL: r.SourceURL, URL: "/internt/remissvar/" + r.ID, Checksum: r.Checksum, FetchedAt: r.FetchedAt,
		Version: r.Version, Paragraphs: r.Paragraphs}
	if o := r.StanceOverride; o != nil {
		out.Override = &overrideOut{Stance: string(o.Stance), Reason: o.Reason, By: o.By, At: o.At}
	}
	return out
}

// apiExternalResponses: GET /api/v1/consultations/{id}/external-responses
// [?stance=…&kind=…], without the texts.
func (s *Server) apiExternalResponses(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if _, err := s.deps.Consultations.Get(ctx, c.Params("id")); err != nil {
		return err
	}
	f := app.ResponseFilter{Stance: app.Stance(c.Query("stance")), Kind: app.OrgKind(c.Query("kind"))}
	if f.Stance != "" && !f.Stance.Valid() {
		return app.FieldError("stance", "error.external_response.stance")
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return app.FieldError("kind", "error.external_response.kind")
	}
	o, err := s.deps.ExternalResponses.Overview(ctx, c.Params("id"), f)
	if err != nil {
		return err
	}
	out := answersOut{Items: make([]answerOut, 0, len(o.Answers)), Total: o.Total, ByStance: map[string]int{}, ByKind: map[string]int{}}
	for _, r := range o.Answers {
		out.Items = append(out.Items, answerJSON(r))
	}
	for k, n := range o.ByStance {
		out.ByStance[string(k)] = n
	}
	for k, n := range o.ByKind {
		out.ByKind[string(k)] = n
	}
	return c.JSON(out)
}

// apiExternalResponse: GET /api/v1/external-responses/{id}, with its text.
func (s *Server) apiExternalResponse(c *fiber.Ctx) error {
	r, err := s.deps.ExternalResponses.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(answerJSON(r))
}

type stanceIn struct {
	Stance  string `json:"stance" validate:"max=40"`
	Reason  string `json:"reason" validate:"max=4000"`
	Version int    `json:"version" validate:"required,min=1"`
}

// apiExternalResponseStance: POST /api/v1/external-responses/{id}/stance
// {stance, reason, version}; stance "" takes an override away.
func (s *Server) apiExternalResponseStance(c *fiber.Ctx) error {
	var in stanceIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.deps.ExternalResponses.Override(c.UserContext(), currentUser(c), c.Params("id"), in.Version,
		app.Stance(in.Stance), in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(answerJSON(r))
}

// allyRow is one organisation beside an issue's remisser.
type allyRow struct {
	Organisation, KindLabel string
	Agreed, Opposed         []linkView
}

// alliesView is the section "Allierade och motparter" of an issue.
type alliesView struct {
	Layout
	Allies, Opponents []allyRow
	Answered          int // the issue's remisser the network answered with a clear stance
	Tables            []allyTable
}

// allyTable is one of the section's two tables.
type allyTable struct {
	ID, Caption string
	Rows        []allyRow
}

// alliesOf builds an issue's allies section.
func (s *Server) alliesOf(c *fiber.Ctx, l Layout, issueID string) (*alliesView, error) {
	rep, err := s.deps.ExternalResponses.Allies(c.UserContext(), issueID)
	if err != nil {
		return nil, err
	}
	v := &alliesView{Layout: l, Answered: len(rep.Consultations)}
	row := func(a app.Ally) allyRow {
		r := allyRow{Organisation: a.Organisation, KindLabel: l.T("external.kind." + a.OrgKind)}
		for _, id := range a.Agreed {
			r.Agreed = append(r.Agreed, linkView{Title: rep.Consultations[id].Title, Href: "/internt/remisser/" + id})
		}
		for _, id := range a.Opposed {
			r.Opposed = append(r.Opposed, linkView{Title: rep.Consultations[id].Title, Href: "/internt/remisser/" + id})
		}
		return r
	}
	for _, a := range rep.Allies {
		v.Allies = append(v.Allies, row(a))
	}
	for _, a := range rep.Opponents {
		v.Opponents = append(v.Opponents, row(a))
	}
	v.Tables = []allyTable{{ID: "allierade-tabell", Caption: l.T("external.allies_caption"), Rows: v.Allies},
		{ID: "motparter-tabell", Caption: l.T("external.opponents_caption"), Rows: v.Opponents}}
	return v, nil
}
