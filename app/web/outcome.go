package web

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// outcomePage is the secretariat's form for what followed a consultation
// (/internt/remisser/{id}/utfall): follow-ups (bill, referral to the
// Council on Legislation, decision), whether the network's view was taken
// up, and whether a decline is shown in the public archive.
type outcomePage struct {
	Layout
	C         *app.Consultation
	O         *app.Outcome
	FollowUps []followUpRow
	Form      *Form
	AddForm   *Form
	Uptakes   []Option
	Kinds     []Option
	Declined  bool
	InArchive bool
}

func (s *Server) outcomeView(c *fiber.Ctx) (*outcomePage, error) {
	ctx := c.UserContext()
	co, err := s.deps.Consultations.Get(ctx, c.Params("id"))
	if err != nil {
		return nil, err
	}
	o, err := s.deps.Outcomes.Of(ctx, co.ID)
	if err != nil {
		return nil, err
	}
	p := &outcomePage{Layout: s.layout(c, "public.outcome.title"), C: co, O: o, Declined: co.Status == app.ConsultationDeclined}
	p.Form, p.AddForm = s.newForm(p.Layout), s.newForm(p.Layout)
	p.Form.Values = map[string]string{"uptake": string(o.Uptake), "uptake_note": o.UptakeNote,
		"decline_public": strconv.FormatBool(o.DeclinePublic), "decline_note": o.DeclineNote, "version": strconv.Itoa(o.Version)}
	p.Uptakes = []Option{{Value: "", Label: p.T("public.uptake.unknown")}}
	for _, u := range app.Uptakes {
		p.Uptakes = append(p.Uptakes, Option{Value: string(u), Label: p.T("public.uptake." + string(u))})
	}
	for _, k := range app.FollowUpKinds {
		p.Kinds = append(p.Kinds, Option{Value: k, Label: p.T("public.followup." + k)})
	}
	for _, f := range o.FollowUps {
		p.FollowUps = append(p.FollowUps, followUpRow{KindKey: "public.followup." + f.Kind, Title: f.Title, URL: f.URL, On: f.On.String()})
	}
	if entries, err := s.archiveEntries(c); err == nil {
		for _, e := range entries {
			p.InArchive = p.InArchive || e.Consultation.ID == co.ID
		}
	}
	return p, nil
}

func (s *Server) outcomePage(c *fiber.Ctx) error {
	p, err := s.outcomeView(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "outcome", p)
}

// outcomeForm saves the assessment, conditional on the version the form
// was read at (a stale form gets 409 and is shown again).
func (s *Server) outcomeForm(c *fiber.Ctx) error {
	p, err := s.outcomeView(c)
	if err != nil {
		return err
	}
	values := formValues(c, "uptake", "uptake_note", "decline_public", "decline_note", "version")
	in := app.OutcomeInput{Uptake: values["uptake"], UptakeNote: values["uptake_note"],
		DeclinePublic: values["decline_public"] == "true", DeclineNote: values["decline_note"]}
	err = s.saveOutcome(c, "outcome.save", p.O, values["version"], func(o app.Outcome, by string, now time.Time) (*app.Outcome, error) {
		return o.ApplyInput(in, by, now)
	})
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+p.C.ID+"/utfall", "public.outcome.saved")
	}
	return s.rerender(c, err, "outcome", p, p.Form, values)
}

// followUpForm adds one follow-up.
func (s *Server) followUpForm(c *fiber.Ctx) error {
	p, err := s.outcomeView(c)
	if err != nil {
		return err
	}
	values := formValues(c, "kind", "title", "url", "on", "version")
	on, err := app.ParseDate(values["on"])
	if err != nil && values["on"] != "" {
		err = app.FieldError("on", "Ange ett datum som ÅÅÅÅ-MM-DD.")
	} else {
		f := app.FollowUp{Kind: values["kind"], Title: values["title"], URL: values["url"], On: on}
		err = s.saveOutcome(c, "outcome.follow_up", p.O, values["version"], func(o app.Outcome, by string, now time.Time) (*app.Outcome, error) {
			return o.AddFollowUp(f, by, now)
		})
	}
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+p.C.ID+"/utfall", "public.outcome.added")
	}
	return s.rerender(c, err, "outcome", p, p.AddForm, values)
}

func (s *Server) saveOutcome(c *fiber.Ctx, kind string, o *app.Outcome, version string,
	change func(o app.Outcome, by string, now time.Time) (*app.Outcome, error)) error {
	v, err := strconv.Atoi(version)
	if err != nil || v < 0 {
		return app.FieldError("version", "Formuläret saknar version. Läs in sidan igen.")
	}
	_, err = s.deps.Outcomes.Save(c.UserContext(), currentUser(c), kind, o.ConsultationID, v, change)
	return err
}
