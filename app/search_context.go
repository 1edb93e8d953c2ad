package app

import (
	"slices"
	"strings"
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
