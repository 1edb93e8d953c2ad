package web

import (
	"time"

	"github.com/samsyn/samsyn/app"
)

// linkJSON is a titled link in JSON.
type linkJSON struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type milestonesJSON struct {
	DraftDue      *string `json:"draft_due"`
	SignaturesDue *string `json:"signatures_due"`
}

// consultationOut is the JSON shape of a consultation (DESIGN.md), plus
// report_number, recorded_status (the stored one; status shows the derived
// "missed"), topics, documents, traffic and next_statuses.
type consultationOut struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Reference       string         `json:"reference"`
	ReportNumber    string         `json:"report_number"`
	Issuer          string         `json:"issuer"`
	SourceURL       string         `json:"source_url"`
	ReceivedOn      *string        `json:"received_on"`
	Deadline        *string        `json:"deadline"`
	Status          string         `json:"status"`
	RecordedStatus  string         `json:"recorded_status"`
	NextStatuses    []string       `json:"next_statuses"`
	DeclineReason   string         `json:"decline_reason"`
	Topics          []string       `json:"topics"`
	Documents       []linkJSON     `json:"documents"`
	IssueIDs        []string       `json:"issue_ids"`
	StatementID     *string        `json:"statement_id"`
	Milestones      milestonesJSON `json:"milestones"`
	WorkingDaysLeft int            `json:"working_days_left"`
	Traffic         app.Traffic    `json:"traffic"`
	ResponsibleID   *string        `json:"responsible_id"`
	AnswerURL       string         `json:"answer_url,omitempty"`
	Version         int            `json:"version"`
	CreatedAt       time.Time      `json:"created_at"`
	UpdatedAt       time.Time      `json:"updated_at"`
}

func consultationJSON(c *app.Consultation, today app.Date) consultationOut {
	draft, sigs := c.Milestones()
	out := consultationOut{ID: c.ID, Title: c.Title, Reference: c.Reference, ReportNumber: c.ReportNumber,
		Issuer: c.Issuer, SourceURL: c.SourceURL, ReceivedOn: dateJSON(c.ReceivedOn), Deadline: dateJSON(c.Deadline),
		Status: string(c.EffectiveStatus(today)), RecordedStatus: string(c.Status), DeclineReason: c.DeclineReason,
		Topics: nonNil(c.Topics), IssueIDs: nonNil(c.IssueIDs), StatementID: stringJSON(c.StatementID),
		Milestones:      milestonesJSON{DraftDue: dateJSON(draft), SignaturesDue: dateJSON(sigs)},
		WorkingDaysLeft: c.WorkingDaysLeftOn(today), Traffic: c.Traffic(today), Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, Documents: []linkJSON{}, NextStatuses: []string{},
		ResponsibleID: stringJSON(c.ResponsibleID), AnswerURL: c.AnswerURL}
	for _, l := range c.Documents {
		out.Documents = append(out.Documents, linkJSON{Title: l.Title, URL: l.URL})
	}
	for _, st := range app.NextStatuses(c.Status) {
		out.NextStatuses = append(out.NextStatuses, string(st))
	}
	return out
}

// consultationIn is a new consultation in JSON.
type consultationIn struct {
	Title         string          `json:"title"`
	Reference     string          `json:"reference"`
	ReportNumber  string          `json:"report_number"`
	Issuer        string          `json:"issuer"`
	SourceURL     string          `json:"source_url"`
	ReceivedOn    string          `json:"received_on"`
	Deadline      string          `json:"deadline"`
	Status        string          `json:"status"`
	DeclineReason string          `json:"decline_reason"`
	Topics        []string        `json:"topics"`
	Documents     []linkJSON      `json:"documents"`
	IssueIDs      []string        `json:"issue_ids"`
	StatementID   string          `json:"statement_id"`
	Milestones    *milestonesJSON `json:"milestones"`
	AnswerURL     string          `json:"answer_url"`
	ResponsibleID string          `json:"responsible_id"`
}

func (in consultationIn) input() app.ConsultationInput {
	out := app.ConsultationInput{Title: in.Title, Reference: in.Reference, ReportNumber: in.ReportNumber,
		Issuer: in.Issuer, SourceURL: in.SourceURL, ReceivedOn: in.ReceivedOn, Deadline: in.Deadline,
		Status: in.Status, DeclineReason: in.DeclineReason, Topics: in.Topics, IssueIDs: in.IssueIDs,
		StatementID: in.StatementID, Documents: linksIn(in.Documents), AnswerURL: in.AnswerURL, ResponsibleID: in.ResponsibleID}
	if in.Milestones != nil {
		setString(&out.DraftDue, in.Milestones.DraftDue)
		setString(&out.SignaturesDue, in.Milestones.SignaturesDue)
	}
	return out
}

// consultationPatch changes some fields; absent ones stay. A version, when
// given, must be the stored one (else 409).
type consultationPatch struct {
	Title         *string         `json:"title"`
	Reference     *string         `json:"reference"`
	ReportNumber  *string         `json:"report_number"`
	Issuer        *string         `json:"issuer"`
	SourceURL     *string         `json:"source_url"`
	ReceivedOn    *string         `json:"received_on"`
	Deadline      *string         `json:"deadline"`
	Status        *string         `json:"status"`
	DeclineReason *string         `json:"decline_reason"`
	Topics        *[]string       `json:"topics"`
	Documents     *[]linkJSON     `json:"documents"`
	IssueIDs      *[]string       `json:"issue_ids"`
	StatementID   *string         `json:"statement_id"`
	Milestones    *milestonesJSON `json:"milestones"`
	AnswerURL     *string         `json:"answer_url"`
	ResponsibleID *string         `json:"responsible_id"`
	Reason        *string         `json:"reason"` // why staff move the status back
	Version       *int            `json:"version" validate:"omitnil,gte=1"`
}

func (p consultationPatch) apply(in *app.ConsultationInput) {
	for _, f := range []struct {
		dst *string
		src *string
	}{{&in.Title, p.Title}, {&in.Reference, p.Reference}, {&in.ReportNumber, p.ReportNumber},
		{&in.Issuer, p.Issuer}, {&in.SourceURL, p.SourceURL}, {&in.ReceivedOn, p.ReceivedOn},
		{&in.Deadline, p.Deadline}, {&in.Status, p.Status}, {&in.DeclineReason, p.DeclineReason},
		{&in.StatementID, p.StatementID}, {&in.AnswerURL, p.AnswerURL}, {&in.ResponsibleID, p.ResponsibleID},
		{&in.Reason, p.Reason}} {
		setString(f.dst, f.src)
	}
	if p.Topics != nil {
		in.Topics = *p.Topics
	}
	if p.IssueIDs != nil {
		in.IssueIDs = *p.IssueIDs
	}
	if p.Documents != nil {
		in.Documents = linksIn(*p.Documents)
	}
	if p.Milestones != nil {
		setString(&in.DraftDue, p.Milestones.DraftDue)
		setString(&in.SignaturesDue, p.Milestones.SignaturesDue)
	}
}

func linksIn(ls []linkJSON) []app.Link {
	out := make([]app.Link, 0, len(ls))
	for _, l := range ls {
		out = append(out, app.Link{Title: l.Title, URL: l.URL})
	}
	return out
}

func setString(dst, src *string) {
	if src != nil {
		*dst = *src
	}
}

func dateJSON(d app.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func stringJSON(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
