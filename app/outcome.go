package app

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Outcome is what followed a consultation (remiss) and whether the
// network's view was taken up. It is kept apart from the consultation, one
// per consultation, keyed by its id. An outcome is shown in the public
// archive only beside a consultation the archive shows (see archive.go);
// it also carries the secretariat's choice to publish a decline.
type Outcome struct {
	ConsultationID string
	FollowUps      []FollowUp
	Uptake         Uptake // "" until assessed
	UptakeNote     string
	// DeclinePublic puts a declined consultation in the public archive
	// with DeclineNote — never the internal decline reason.
	DeclinePublic bool
	DeclineNote   string
	Version       int // 0 for an outcome not yet stored
	UpdatedAt     time.Time
	UpdatedBy     string
}

// FollowUp is one step the government took after the consultation.
type FollowUp struct {
	Kind  string // see FollowUpKinds
	Title string
	URL   string
	On    Date
}

// FollowUpKinds: a government bill (proposition), a referral to the
// Council on Legislation (lagrådsremiss), a decision (beslut, e.g. an
// ordinance or a government decision), or something else.
var FollowUpKinds = []string{"proposition", "lagradsremiss", "decision", "other"}

// Uptake says whether the network's view was taken up.
type Uptake string

// The uptake assessments.
const (
	UptakeYes    Uptake = "yes"
	UptakePartly Uptake = "partly"
	UptakeNo     Uptake = "no"
)

// Uptakes lists the assessments in display order.
var Uptakes = []Uptake{UptakeYes, UptakePartly, UptakeNo}

// OutcomeStore keeps outcomes. OutcomeOf returns ENOTFOUND when none is
// stored. SaveOutcome inserts o when o.Version is 0 (ECONFLICT if one
// exists) and otherwise stores it if the stored version is still
// o.Version (else ECONFLICT, nothing changed); it bumps o.Version.
type OutcomeStore interface {
	OutcomeOf(ctx context.Context, consultationID string) (*Outcome, error)
	ListOutcomes(ctx context.Context) ([]*Outcome, error)
	SaveOutcome(ctx context.Context, o *Outcome) error
}

// OutcomeInput is the assessment part of an outcome as a form sends it.
type OutcomeInput struct {
	Uptake        string
	UptakeNote    string
	DeclinePublic bool
	DeclineNote   string
}

// ApplyInput validates in and sets it on a copy of o.
func (o Outcome) ApplyInput(in OutcomeInput, by string, now time.Time) (*Outcome, error) {
	p := Problems{}
	in.Uptake, in.UptakeNote, in.DeclineNote = strings.TrimSpace(in.Uptake), strings.TrimSpace(in.UptakeNote), strings.TrimSpace(in.DeclineNote)
	if in.Uptake != "" && !validUptake(Uptake(in.Uptake)) {
		p.Add("uptake", "error.outcome.uptake")
	}
	limitLen(p, "uptake_note", in.UptakeNote, 2000)
	limitLen(p, "decline_note", in.DeclineNote, 1000)
	if in.DeclinePublic && in.DeclineNote == "" {
		p.Add("decline_note", "error.outcome.decline_note")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	o.Uptake, o.UptakeNote, o.DeclinePublic, o.DeclineNote = Uptake(in.Uptake), in.UptakeNote, in.DeclinePublic, in.DeclineNote
	o.UpdatedAt, o.UpdatedBy = now, by
	return &o, nil
}

// AddFollowUp validates f and appends it to a copy of o, keeping the
// follow-ups in date order.
func (o Outcome) AddFollowUp(f FollowUp, by string, now time.Time) (*Outcome, error) {
	p := Problems{}
	f.Kind, f.Title, f.URL = strings.TrimSpace(f.Kind), strings.TrimSpace(f.Title), strings.TrimSpace(f.URL)
	if !sigOneOf(f.Kind, FollowUpKinds) {
		p.Add("kind", "error.outcome.kind")
	}
	if f.Title == "" {
		p.Add("title", "error.field.title_required")
	}
	limitLen(p, "title", f.Title, 300)
	if f.URL != "" && !isWebURL(f.URL) {
		p.Add("url", "error.field.link")
	}
	if f.On.IsZero() {
		p.Add("on", "error.outcome.date_required")
	}
	if len(o.FollowUps) >= 20 {
		p.Add("title", "error.outcome.too_many")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	list := append(append([]FollowUp(nil), o.FollowUps...), f)
	for i := len(list) - 1; i > 0 && list[i].On.Before(list[i-1].On); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	o.FollowUps, o.UpdatedAt, o.UpdatedBy = list, now, by
	return &o, nil
}

func validUptake(u Uptake) bool {
	for _, v := range Uptakes {
		if u == v {
			return true
		}
	}
	return false
}

func limitLen(p Problems, field, v string, max int) {
	if len([]rune(v)) > max {
		p.Add(field, "error.field.too_long")
	}
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
