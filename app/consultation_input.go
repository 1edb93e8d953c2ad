package app

import (
	"net/url"
	"strings"
	"time"
)

// ConsultationInput is a consultation as a person or a client writes it:
// dates as YYYY-MM-DD ("" for none), the status as a word. NewConsultation
// and Consultation.Revise check it and turn it into a Consultation.
type ConsultationInput struct {
	Title, Reference, ReportNumber, Issuer, SourceURL string
	ReceivedOn, Deadline, DraftDue, SignaturesDue     string
	Status, DeclineReason                             string
	Topics, IssueIDs                                  []string
	Documents                                         []Link
	StatementID                                       string
	AnswerURL                                         string // answered outside Samsyn: the link to the answer
	ResponsibleID                                     string // a secretariat user
	Reason                                            string // why staff move the status back (a correction)
}

// Limits on a consultation's fields.
const (
	maxConsultationTitle  = 300
	maxShortText          = 200
	maxDeclineReason      = 2000
	maxURLBytes           = 2000
	maxConsultationTopics = 20
	maxTopicRunes         = 60
	maxDocumentLinks      = 30
)

// NewConsultation checks in and returns a new consultation, status
// "incoming" unless in names another stored status.
func NewConsultation(in ConsultationInput, now time.Time) (*Consultation, error) {
	if strings.TrimSpace(in.Status) == "" {
		in.Status = string(ConsultationIncoming)
	}
	c := &Consultation{Version: 1, CreatedAt: now, UpdatedAt: now}
	next, err := c.apply(in, "", now)
	if err == nil {
		err = next.checkMilestones()
	}
	if err != nil {
		return nil, err
	}
	return next, nil
}

// Revise returns a copy of c changed to in, checked: the status may only
// make an allowed transition (see CanTransition), and a milestone that sat
// at its default follows a changed deadline.
func (c Consultation) Revise(in ConsultationInput, now time.Time) (*Consultation, error) {
	oldDraft, oldSigs := DefaultMilestones(c.Deadline)
	draft, sigs := c.DraftDue, c.SignaturesDue
	next, err := c.apply(in, c.Status, now)
	if err != nil {
		return nil, err
	}
	newDraft, newSigs := DefaultMilestones(next.Deadline)
	if next.DraftDue.Equal(draft.Time) {
		next.DraftDue = followDeadline(draft, oldDraft, newDraft)
	}
	if next.SignaturesDue.Equal(sigs.Time) {
		next.SignaturesDue = followDeadline(sigs, oldSigs, newSigs)
	}
	if err := next.checkMilestones(); err != nil {
		return nil, err
	}
	return next, nil
}

// Input returns c as input, the starting point of an edit.
func (c *Consultation) Input() ConsultationInput {
	return ConsultationInput{Title: c.Title, Reference: c.Reference, ReportNumber: c.ReportNumber,
		Issuer: c.Issuer, SourceURL: c.SourceURL, ReceivedOn: c.ReceivedOn.String(), Deadline: c.Deadline.String(),
		DraftDue: c.DraftDue.String(), SignaturesDue: c.SignaturesDue.String(), Status: string(c.Status),
		DeclineReason: c.DeclineReason, Topics: c.Topics, IssueIDs: c.IssueIDs, Documents: c.Documents,
		StatementID: c.StatementID, AnswerURL: c.AnswerURL, ResponsibleID: c.ResponsibleID}
}

// apply sets c's fields from in, checking each; from is the status before
// ("" for a new consultation).
func (c Consultation) apply(in ConsultationInput, from ConsultationStatus, now time.Time) (*Consultation, error) {
	p := Problems{}
	c.Title = readText(p, "title", in.Title, maxConsultationTitle, true)
	c.Issuer = readText(p, "issuer", in.Issuer, maxShortText, true)
	c.Reference, c.ReferenceKey = readReference(p, "reference", in.Reference, false)
	c.ReportNumber, c.ReportKey = readReference(p, "report_number", in.ReportNumber, true)
	c.SourceURL = readURL(p, "source_url", in.SourceURL)
	c.ReceivedOn = readDate(p, "received_on", in.ReceivedOn, false)
	c.Deadline = readDate(p, "deadline", in.Deadline, true)
	c.DraftDue = readDate(p, "draft_due", in.DraftDue, false)
	c.SignaturesDue = readDate(p, "signatures_due", in.SignaturesDue, false)
	if !c.ReceivedOn.IsZero() && c.Deadline.Before(c.ReceivedOn) && !c.Deadline.IsZero() {
		p.Add("deadline", "error.consultation.deadline_before_received")
	}
	c.Status = ConsultationStatus(strings.TrimSpace(in.Status))
	// Answered outside Samsyn (with the link), a case need not pass
	// through signing here.
	outside := c.Status == ConsultationSubmitted && strings.TrimSpace(in.AnswerURL) != "" && from.Open()
	if msg := statusProblem(from, c.Status); msg != "" && !IsCorrection(from, c.Status) && !outside {
		p.Add("status", msg)
	}
	readStatusReason(p, from, c.Status, in.Reason)
	c.AnswerURL = readURL(p, "answer_url", in.AnswerURL)
	c.ResponsibleID = strings.TrimSpace(in.ResponsibleID)
	c.DeclineReason = ""
	if c.Status == ConsultationDeclined {
		if c.DeclineReason = readText(p, "decline_reason", in.DeclineReason, maxDeclineReason, false); c.DeclineReason == "" {
			p.Add("decline_reason", "error.consultation.decline_reason_required")
		}
	}
	c.Topics = readTopics(p, "topics", in.Topics)
	c.Documents = readLinks(p, "documents", in.Documents)
	c.IssueIDs, c.StatementID = distinctTrimmed(in.IssueIDs), strings.TrimSpace(in.StatementID)
	c.UpdatedAt = now
	if err := p.Err(); err != nil {
		return nil, err
	}
	return &c, nil
}

// checkMilestones checks that the draft is due before the signatures and
// both no later than the deadline.
func (c *Consultation) checkMilestones() error {
	p := Problems{}
	draft, sigs := c.Milestones()
	if !c.Deadline.IsZero() && c.Deadline.Before(sigs) {
		p.Add("signatures_due", "error.consultation.signatures_after_deadline")
	}
	if !c.Deadline.IsZero() && c.Deadline.Before(draft) {
		p.Add("draft_due", "error.consultation.draft_after_deadline")
	} else if sigs.Before(draft) {
		p.Add("draft_due", "error.consultation.draft_after_signatures")
	}
	return p.Err()
}

func readText(p Problems, field, s string, max int, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		p.Add(field, "error.field.required")
	case len([]rune(s)) > max:
		p.Add(field, Msg("error.field.max_chars", "max", max))
	}
	return s
}

// readReference reads a diarienummer (or, with report, an SOU/Ds/Dir.
// number) and returns it as written and its normalised key.
func readReference(p Problems, field, s string, report bool) (string, string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", ""
	}
	key, ok := NormalizeReference(s)
	switch {
	case !ok && report:
		p.Add(field, "error.consultation.report_number")
	case !ok:
		p.Add(field, "error.consultation.reference")
	case report && !strings.Contains(key, ":"):
		p.Add(field, "error.consultation.report_number")
	}
	return s, key
}

// readURL accepts an absolute http or https URL, or nothing.
func readURL(p Problems, field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > maxURLBytes {
		p.Add(field, "error.field.url")
	}
	return s
}

func readDate(p Problems, field, s string, required bool) Date {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			p.Add(field, "error.field.date_required")
		}
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil || d.Year() < 2000 || d.Year() > 2100 {
		p.Add(field, "error.field.date_format")
		return Date{}
	}
	return d
}

// readTopics trims topics, drops empty ones and duplicates.
func readTopics(p Problems, field string, topics []string) []string {
	out := distinctTrimmed(topics)
	if len(out) > maxConsultationTopics {
		p.Add(field, Msg("error.consultation.too_many_topics", "max", maxConsultationTopics))
	}
	for _, t := range out {
		if len([]rune(t)) > maxTopicRunes {
			p.Add(field, Msg("error.consultation.topic_too_long", "max", maxTopicRunes))
		}
	}
	return out
}

func readLinks(p Problems, field string, links []Link) []Link {
	var out []Link
	for _, l := range links {
		l.URL, l.Title = strings.TrimSpace(l.URL), strings.TrimSpace(l.Title)
		if l.URL == "" {
			continue
		}
		readURL(p, field, l.URL)
		if l.Title == "" {
			l.Title = l.URL
		}
		readText(p, field, l.Title, maxShortText, false)
		out = append(out, l)
	}
	if len(out) > maxDocumentLinks {
		p.Add(field, Msg("error.consultation.too_many_links", "max", maxDocumentLinks))
	}
	return out
}

// distinctTrimmed trims the strings, dropping empty ones and repeats.
func distinctTrimmed(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
