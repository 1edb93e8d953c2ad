package app

import (
	"slices"
	"sort"
	"strings"
)

// The public archive of consultations (remisser).
//
// The rule — what a visitor may learn about a consultation:
//
//   - It is in the archive when the network ANSWERED it: a published
//     statement answers it (the consultation's StatementID, or a published
//     statement whose ConsultationID is the consultation). A draft, a text in
//     signing or a withdrawn one does not count, whatever the consultation's
//     status says.
//   - Or when the network DECLINED it PUBLICLY: the consultation is declined
//     and the secretariat has ticked "show the decline" on its outcome and
//     written a public note. The internal decline reason is never shown.
//   - Its public facts are the government's own: title, reference
//     (diarienummer), report number, issuer, deadline, topics and the link to
//     the government's page. Never the internal status, milestones,
//     documents, linked issues or decline reason.
//   - Outside the archive, those facts may also be shown of a consultation
//     linked to a public issue (the issue page's timeline, the start page's
//     open consultations): by making the issue public, the network has said
//     it works on it.
//
// Everything else about a consultation needs a session.

// PublicConsultation holds the public facts of a consultation.
type PublicConsultation struct {
	ID, Title, Reference, ReportNumber, Issuer, SourceURL string
	Deadline                                              Date
	Topics                                                []string
}

// PublicFacts returns the public facts of c (see the rule above: callers
// decide whether c may be shown at all).
func (c *Consultation) PublicFacts() PublicConsultation {
	return PublicConsultation{ID: c.ID, Title: c.Title, Reference: c.Reference, ReportNumber: c.ReportNumber,
		Issuer: c.Issuer, SourceURL: c.SourceURL, Deadline: c.Deadline, Topics: c.Topics}
}

// ArchiveEntry is one consultation in the public archive.
type ArchiveEntry struct {
	Consultation PublicConsultation
	// Response is the published statement that answers it; nil for a
	// public decline.
	Response    *Statement
	Signers     []string // names of the members that signed the response
	DeclineNote string
	Outcome     *PublicOutcome
}

// PublicOutcome is the part of an outcome shown in the archive.
type PublicOutcome struct {
	FollowUps  []FollowUp
	Uptake     Uptake
	UptakeNote string
}

// Year is the year of the entry's deadline, the archive's year.
func (e ArchiveEntry) Year() int { return e.Consultation.Deadline.Year() }

// Topics are the consultation's topics and its response's.
func (e ArchiveEntry) Topics() []string {
	out := append([]string(nil), e.Consultation.Topics...)
	if e.Response != nil {
		for _, t := range e.Response.Topics {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// BuildArchive picks the consultations that belong in the public archive
// and joins each with its published response, its signing members and
// its outcome; newest deadline first. statements may hold any statements:
// only published ones count.
func BuildArchive(cons []*Consultation, statements []*Statement, outcomes []*Outcome) []ArchiveEntry {
	responses := map[string]*Statement{}
	byID := map[string]*Statement{}
	for _, st := range statements {
		if st.Status != StatementPublished {
			continue
		}
		byID[st.ID] = st
		if st.ConsultationID != "" {
			responses[st.ConsultationID] = st
		}
	}
	outs := map[string]*Outcome{}
	for _, o := range outcomes {
		outs[o.ConsultationID] = o
	}
	var entries []ArchiveEntry
	for _, c := range cons {
		e, ok := archiveEntry(c, firstStatement(byID[c.StatementID], responses[c.ID]), outs[c.ID])
		if ok {
			entries = append(entries, e)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return entries[i].Consultation.Deadline.After(entries[j].Consultation.Deadline.Time)
	})
	return entries
}

func firstStatement(a, b *Statement) *Statement {
	if a != nil {
		return a
	}
	return b
}

func archiveEntry(c *Consultation, response *Statement, o *Outcome) (ArchiveEntry, bool) {
	e := ArchiveEntry{Consultation: c.PublicFacts()}
	switch {
	case response != nil && c.Status != ConsultationDeclined:
		e.Response = response
		for _, g := range response.Signatures {
			if g.Decision == DecisionSigned {
				e.Signers = append(e.Signers, g.MemberName)
			}
		}
	case c.Status == ConsultationDeclined && o != nil && o.DeclinePublic && o.DeclineNote != "":
		e.DeclineNote = o.DeclineNote
	default:
		return e, false
	}
	if o != nil && (len(o.FollowUps) > 0 || o.Uptake != "") {
		e.Outcome = &PublicOutcome{FollowUps: o.FollowUps, Uptake: o.Uptake, UptakeNote: o.UptakeNote}
	}
	return e, true
}

// ArchiveFilter narrows the archive; zero fields do not narrow.
type ArchiveFilter struct {
	Year   int
	Issuer string // exact
	Topic  string // exact
}

// Filter returns the entries that match f.
func (f ArchiveFilter) Filter(entries []ArchiveEntry) []ArchiveEntry {
	var out []ArchiveEntry
	for _, e := range entries {
		if (f.Year == 0 || e.Year() == f.Year) && (f.Issuer == "" || strings.EqualFold(e.Consultation.Issuer, f.Issuer)) &&
			(f.Topic == "" || slices.Contains(e.Topics(), f.Topic)) {
			out = append(out, e)
		}
	}
	return out
}

// OpenPublicConsultations returns the public facts of the consultations
// still open on today that a public issue links (see the rule above),
// nearest deadline first.
func OpenPublicConsultations(cons []*Consultation, issues []*Issue, today Date) []PublicConsultation {
	var out []PublicConsultation
	for _, c := range cons {
		if !c.AwaitsAnswerOn(today) || !LinkedToPublicIssue(c, issues) {
			continue
		}
		out = append(out, c.PublicFacts())
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Deadline.Before(out[j].Deadline) })
	return out
}

// AwaitsAnswerOn reports whether c still awaits an answer on today: not
// submitted, not declined, and its deadline not passed.
func (c *Consultation) AwaitsAnswerOn(today Date) bool {
	switch c.Status {
	case ConsultationSubmitted, ConsultationDeclined, ConsultationMissed:
		return false
	}
	return !c.Deadline.IsZero() && !c.Deadline.Before(today)
}

// LinkedToPublicIssue reports whether a public issue links c, from either
// side.
func LinkedToPublicIssue(c *Consultation, issues []*Issue) bool {
	for _, i := range issues {
		if i.Public && (slices.Contains(i.ConsultationIDs, c.ID) || slices.Contains(c.IssueIDs, i.ID)) {
			return true
		}
	}
	return false
}
