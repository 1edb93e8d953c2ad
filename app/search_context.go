package app

import (
	"slices"
	"strings"
	"time"
)

// StatementContext completes a statement's search task with what people
// search it by besides its own words: the consultation it answers (its
// diarienummer and report number in the spellings NormalizeReference
// gives, its title and issuer) and the issues it belongs to, beside the
// signing members' names StatementSearchTask put there. The consultation
// of a published statement is in the public archive (app/archive.go), so
// its facts are public with it; an issue is named in the public copy only
// when it is public. c may be nil; issues may hold any issues: only those
// the statement belongs to count.
func StatementContext(t IndexTask, c *Consultation, issues []*Issue) IndexTask {
	if t.Doc.Type != TypeStatement {
		return t
	}
	d := t.Doc
	var about, public []string
	if c != nil && c.ID == t.ConsultationID {
		d.Reference = ReferenceSpellings(c.Reference, c.ReportNumber)
		d.Issuer = c.Issuer
		about = append(about, c.Title, c.Issuer)
	}
	public = slices.Clone(about)
	for _, i := range issues {
		if !statementOfIssue(i, d.ID, t.ConsultationID, c) {
			continue
		}
		about = append(about, i.Title)
		if i.Public {
			public = append(public, i.Title)
		}
	}
	base := d.Context
	d.Context = joinLines(base, about)
	t.Doc = d
	if len(public) != len(about) {
		p := d
		p.Context = joinLines(base, public)
		t.PublicDoc = &p
	} else {
		t.PublicDoc = nil
	}
	return t
}

// statementOfIssue reports whether statement id (answering consultation
// cid, which is c when known) belongs to issue i: the issue links it or
// its consultation, or the consultation links the issue.
func statementOfIssue(i *Issue, id, cid string, c *Consultation) bool {
	return slices.Contains(i.StatementIDs, id) ||
		(cid != "" && slices.Contains(i.ConsultationIDs, cid)) ||
		(c != nil && c.ID == cid && slices.Contains(c.IssueIDs, i.ID))
}

// ReferenceSpellings is a reference field's text for registry references
// and report numbers: each as written and as NormalizeReference keys it
// (Fi2026/02110 and FI2026/2110), so that a search in any spelling the
// normaliser knows meets one of them.
func ReferenceSpellings(refs ...string) string {
	var out []string
	for _, r := range refs {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		out = append(out, r)
		if k, ok := NormalizeReference(r); ok && k != r {
			out = append(out, k)
		}
	}
	return strings.Join(out, " ")
}

func joinLines(first string, more []string) string {
	parts := []string{}
	if first != "" {
		parts = append(parts, first)
	}
	for _, m := range more {
		if m = strings.TrimSpace(m); m != "" {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, "\n")
}

// ArchiveSearchTask completes a consultation's search task with its entry
// in the public archive, when it has one (the rule is in archive.go: the
// network answered it with a published statement, or declined it publicly
// with a note): the public index then holds the consultation's public
// facts, its answer's title and signing members, the public decline note
// and the outcome — never its internal status, documents, decline reason
// or linked issues. c is the consultation of t; response and outcome may
// be nil.
func ArchiveSearchTask(t IndexTask, c *Consultation, response *Statement, outcome *Outcome) IndexTask {
	t.Public, t.PublicDoc = false, nil
	if c == nil || c.ID != t.Doc.ID || t.Doc.Type != TypeConsultation {
		return t
	}
	var sts []*Statement
	if response != nil {
		sts = append(sts, response)
	}
	var outs []*Outcome
	if outcome != nil {
		outs = append(outs, outcome)
	}
	entries := BuildArchive([]*Consultation{c}, sts, outs)
	if len(entries) != 1 {
		return t
	}
	e := entries[0]
	f := e.Consultation
	d := SearchDoc{ID: f.ID, Type: TypeConsultation, Title: f.Title, Reference: ReferenceSpellings(f.Reference, f.ReportNumber),
		Issuer: f.Issuer, Topics: e.Topics(), Members: e.Signers, Status: ArchiveAnswered}
	body := []string{e.DeclineNote}
	if e.Response != nil {
		d.Summary = e.Response.Title
		d.PublishedAt = e.Response.PublishedAt
	} else {
		d.Status = ArchiveDeclined
		d.PublishedAt = time.Date(f.Deadline.Year(), f.Deadline.Month(), f.Deadline.Day(), 12, 0, 0, 0, Stockholm).UTC()
	}
	if o := e.Outcome; o != nil {
		body = append(body, o.UptakeNote)
		for _, fu := range o.FollowUps {
			body = append(body, fu.Title)
		}
	}
	d.Body = joinLines("", body)
	d.Context = joinLines(f.Issuer, e.Signers)
	t.Public, t.PublicDoc = true, &d
	return t
}

// The statuses of a consultation's public search document.
const (
	ArchiveAnswered = "answered"
	ArchiveDeclined = "declined"
)

// IssuePositionsTask completes an issue's task (IssueSearchTask) with its
// standing positions: all that are held in the internal entry; in the
// public one, which only a public issue has, the public ones (as
// Position.ShownPublicly). positions may hold any positions: only the
// issue's count.
func IssuePositionsTask(t IndexTask, positions []*Position) IndexTask {
	if t.Doc.Type != TypeIssue {
		return t
	}
	var all, shown []string
	for _, p := range positions {
		if p.IssueID != t.Doc.ID || p.Retired {
			continue
		}
		all = append(all, p.Title, p.Text)
		if p.Public && t.PublicDoc != nil {
			shown = append(shown, p.Title, p.Text)
		}
	}
	t.Doc.Context = joinLines("", all)
	if t.PublicDoc != nil {
		p := *t.PublicDoc
		p.Context = joinLines("", shown)
		t.PublicDoc = &p
	}
	return t
}
