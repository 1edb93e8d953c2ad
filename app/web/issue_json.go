package web

import (
	"time"

	"github.com/samsyn/samsyn/app"
)

// issueOut is the JSON shape of an advocacy issue.
type issueOut struct {
	ID              string      `json:"id"`
	Title           string      `json:"title"`
	Slug            string      `json:"slug"`
	Summary         string      `json:"summary"`
	Body            string      `json:"body"`
	Topics          []string    `json:"topics"`
	Priority        string      `json:"priority"`
	Status          string      `json:"status"`
	Public          bool        `json:"public"`
	OwnerMemberIDs  []string    `json:"owner_member_ids"`
	ConsultationIDs []string    `json:"consultation_ids"`
	StatementIDs    []string    `json:"statement_ids"`
	Actions         []actionOut `json:"actions"`
	Version         int         `json:"version"`
	CreatedAt       time.Time   `json:"created_at"`
	UpdatedAt       time.Time   `json:"updated_at"`
}

// actionOut is one entry of an issue's action log.
type actionOut struct {
	Date       string  `json:"date"`
	Who        string  `json:"who"`
	Note       string  `json:"note"`
	URL        string  `json:"url"`
	RecordedBy *string `json:"recorded_by"`
}

func issueJSON(i *app.Issue) issueOut {
	out := issueOut{ID: i.ID, Title: i.Title, Slug: i.Slug, Summary: i.Summary, Body: i.Body, Topics: nonNil(i.Topics),
		Priority: i.Priority, Status: i.Status, Public: i.Public, OwnerMemberIDs: nonNil(i.OwnerMemberIDs),
		ConsultationIDs: nonNil(i.ConsultationIDs), StatementIDs: nonNil(i.StatementIDs), Actions: []actionOut{},
		Version: i.Version, CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt}
	for _, a := range i.Log {
		out.Actions = append(out.Actions, actionOut{Date: a.On.String(), Who: a.Who, Note: a.Note, URL: a.URL,
			RecordedBy: stringJSON(a.RecordedBy)})
	}
	return out
}

// issueIn is a new issue in JSON.
type issueIn struct {
	Title           string   `json:"title"`
	Summary         string   `json:"summary"`
	Body            string   `json:"body"`
	Topics          []string `json:"topics"`
	Priority        string   `json:"priority"`
	Status          string   `json:"status"`
	Public          bool     `json:"public"`
	OwnerMemberIDs  []string `json:"owner_member_ids"`
	ConsultationIDs []string `json:"consultation_ids"`
	StatementIDs    []string `json:"statement_ids"`
}

func (in issueIn) input() app.IssueInput {
	return app.IssueInput{Title: in.Title, Summary: in.Summary, Body: in.Body, Topics: in.Topics, Priority: in.Priority,
		Status: in.Status, Public: in.Public, OwnerMemberIDs: in.OwnerMemberIDs, ConsultationIDs: in.ConsultationIDs,
		StatementIDs: in.StatementIDs}
}

// issuePatch changes some fields; a version, when given, must be current.
type issuePatch struct {
	Title           *string   `json:"title"`
	Summary         *string   `json:"summary"`
	Body            *string   `json:"body"`
	Topics          *[]string `json:"topics"`
	Priority        *string   `json:"priority"`
	Status          *string   `json:"status"`
	Public          *bool     `json:"public"`
	OwnerMemberIDs  *[]string `json:"owner_member_ids"`
	ConsultationIDs *[]string `json:"consultation_ids"`
	StatementIDs    *[]string `json:"statement_ids"`
	Version         *int      `json:"version" validate:"omitnil,gte=1"`
}

func (p issuePatch) apply(in *app.IssueInput) {
	setString(&in.Title, p.Title)
	setString(&in.Summary, p.Summary)
	setString(&in.Body, p.Body)
	setString(&in.Priority, p.Priority)
	setString(&in.Status, p.Status)
	if p.Public != nil {
		in.Public = *p.Public
	}
	for _, f := range []struct{ dst, src *[]string }{{&in.Topics, p.Topics}, {&in.OwnerMemberIDs, p.OwnerMemberIDs},
		{&in.ConsultationIDs, p.ConsultationIDs}, {&in.StatementIDs, p.StatementIDs}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
}

// actionIn is a new log entry in JSON; date defaults to today, who to the
// caller's name.
type actionIn struct {
	Date string `json:"date"`
	Who  string `json:"who"`
	Note string `json:"note"`
	URL  string `json:"url"`
}
