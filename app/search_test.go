package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func TestStatementSearchTaskIsPublicOnlyWhenPublished(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		status app.StatementStatus
		public bool
	}{{app.StatementDraft, false}, {app.StatementSigning, false}, {app.StatementPublished, true}, {app.StatementWithdrawn, false}} {
		st := &app.Statement{ID: "s1", Status: c.status, Version: 4, PublishedAt: at, Body: "## Rubrik\n**Fet** [länk](https://x.se)",
			Signatures: []app.Signature{{MemberName: "Luleå", Decision: "signed"}, {MemberName: "Boden", Decision: "declined"}}}
		task := app.StatementSearchTask(st)
		if task.Public != c.public || task.Version != 4 || task.Doc.Type != app.TypeStatement {
			t.Errorf("%s: task %+v", c.status, task)
		}
		if c.public != !task.Doc.PublishedAt.IsZero() {
			t.Errorf("%s: published_at %v", c.status, task.Doc.PublishedAt)
		}
		if len(task.Doc.Members) != 1 || task.Doc.Members[0] != "Luleå" {
			t.Errorf("members %v, want only the signer", task.Doc.Members)
		}
		if task.Doc.Body != "Rubrik\nFet länk" {
			t.Errorf("body %q, want plain text", task.Doc.Body)
		}
	}
	if app.ConsultationSearchTask(&app.Consultation{ID: "c"}).Public || app.IssueSearchTask(&app.Issue{ID: "i"}).Public {
		t.Error("a consultation outside the archive and an issue that is not public must never be public search documents")
	}
}

// TestPublicSearchDocumentsOfConsultationsAndIssues: a consultation is a
// public search document only while it is in the public archive, and then
// holds only its public facts; an issue only while public, with its public
// standing positions.
func TestPublicSearchDocumentsOfConsultationsAndIssues(t *testing.T) {
	t.Parallel()
	pub := &app.Statement{ID: "s1", Status: app.StatementPublished, Title: "Vårt svar", ConsultationID: "c1",
		PublishedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Signatures:  []app.Signature{{MemberName: "Luleå", Decision: "signed"}}}
	draft := &app.Statement{ID: "s1", Status: app.StatementDraft, Title: "Utkast", ConsultationID: "c1"}
	con := func(status app.ConsultationStatus) *app.Consultation {
		return &app.Consultation{ID: "c1", Title: "Remiss om elnät", Reference: "Fi2026/02110", Issuer: "Finansdepartementet",
			Status: status, DeclineReason: "internt skäl", StatementID: "s1", Documents: []app.Link{{Title: "Intern bilaga"}},
			Deadline: app.NewDate(2026, 4, 1)}
	}
	declinedPublicly := &app.Outcome{ConsultationID: "c1", DeclinePublic: true, DeclineNote: "Vi avstod, frågan ligger utanför vårt område."}
	for _, c := range []struct {
		name     string
		c        *app.Consultation
		response *app.Statement
		outcome  *app.Outcome
		public   bool
		shows    string
	}{
		{"answered", con(app.ConsultationSubmitted), pub, nil, true, "Luleå"},
		{"answer still a draft", con(app.ConsultationDrafting), draft, nil, false, ""},
		{"declined, not publicly", con(app.ConsultationDeclined), nil, &app.Outcome{ConsultationID: "c1"}, false, ""},
		{"declined publicly", con(app.ConsultationDeclined), nil, declinedPublicly, true, "utanför vårt område"},
	} {
		task := app.ArchiveSearchTask(app.ConsultationSearchTask(c.c), c.c, c.response, c.outcome)
		if task.Public != c.public || (task.PublicDoc != nil) != c.public {
			t.Errorf("%s: public %v (doc %v), want %v", c.name, task.Public, task.PublicDoc != nil, c.public)
			continue
		}
		if !c.public {
			continue
		}
		all, _ := json.Marshal(task.PublicDocument())
		if !strings.Contains(string(all), c.shows) || !strings.Contains(string(all), "FI2026/2110") {
			t.Errorf("%s: public document %s lacks %q or the reference", c.name, all, c.shows)
		}
		secrets := []string{"internt skäl", "Intern bilaga"}
		if c.c.Status != app.ConsultationDeclined { // a public decline is public; the working status is not
			secrets = append(secrets, string(c.c.Status))
		}
		for _, secret := range secrets {
			if strings.Contains(string(all), secret) {
				t.Errorf("%s: public document %s shows %q", c.name, all, secret)
			}
		}
	}
	issue := &app.Issue{ID: "i1", Title: "Elnätet", Slug: "elnatet", Summary: "Kort.", Body: "**Text**", Public: true, Priority: "high"}
	positions := []*app.Position{{IssueID: "i1", Title: "Öppen ståndpunkt", Text: "Vi vill ha fler ledningar.", Public: true},
		{IssueID: "i1", Title: "Intern ståndpunkt", Text: "Förhandlingsläge."},
		{IssueID: "i1", Title: "Gammal ståndpunkt", Text: "Inte längre.", Public: true, Retired: true},
		{IssueID: "i2", Title: "Annan fråga", Public: true}}
	task := app.IssuePositionsTask(app.IssueSearchTask(issue), positions)
	p := task.PublicDocument()
	if !task.Public || p.Body != "Text" || !strings.Contains(p.Context, "fler ledningar") ||
		strings.Contains(p.Context, "Intern") || strings.Contains(p.Context, "Gammal") || strings.Contains(p.Context, "Annan") {
		t.Errorf("public issue: %+v", p)
	}
	if !strings.Contains(task.Doc.Context, "Förhandlingsläge") {
		t.Errorf("internal issue context %q lacks the internal position", task.Doc.Context)
	}
	issue.Public = false
	if task := app.IssuePositionsTask(app.IssueSearchTask(issue), positions); task.Public || task.PublicDoc != nil {
		t.Errorf("an issue that is not public: %+v", task)
	}
}

func TestTrimSearchText(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("elnät ", 200)
	if got := app.TrimSearchText(long); len(got) > app.MaxSearchText || strings.HasSuffix(got, " ") || !strings.HasPrefix(got, "elnät") {
		t.Errorf("TrimSearchText(long) = %d bytes %q…", len(got), got[:10])
	}
	if got := app.TrimSearchText("  stål\xff "); got != "stål" {
		t.Errorf("TrimSearchText = %q", got)
	}
}

// TestStatementContextNamesOnlyPublicIssuesInPublic: the statement's
// entry carries its consultation's facts and its issues; the public copy
// leaves out an issue that is not public.
func TestStatementContextNamesOnlyPublicIssuesInPublic(t *testing.T) {
	t.Parallel()
	st := &app.Statement{ID: "s1", ConsultationID: "c1", Status: app.StatementPublished, Title: "Svar",
		Signatures: []app.Signature{{MemberName: "Luleå", Decision: "signed"}}}
	c := &app.Consultation{ID: "c1", Title: "Remiss om elnät", Reference: "Fi2026/02110", ReportNumber: "SOU 2026:14",
		Issuer: "Finansdepartementet", IssueIDs: []string{"i2"}}
	issues := []*app.Issue{{ID: "i1", Title: "Öppen fråga", Public: true, StatementIDs: []string{"s1"}},
		{ID: "i2", Title: "Hemlig fråga"}, {ID: "i3", Title: "Annan fråga", Public: true}}
	task := app.StatementContext(app.StatementSearchTask(st), c, issues)
	d, p := task.Doc, task.PublicDocument()
	for _, w := range []string{"Fi2026/02110", "FI2026/2110", "SOU 2026:14", "SOU2026:14"} {
		if !strings.Contains(d.Reference, w) {
			t.Errorf("reference %q lacks %q", d.Reference, w)
		}
	}
	if d.Issuer != "Finansdepartementet" || p.Issuer != "Finansdepartementet" {
		t.Errorf("issuer %q / %q", d.Issuer, p.Issuer)
	}
	for _, w := range []string{"Luleå", "Remiss om elnät", "Öppen fråga", "Hemlig fråga"} {
		if !strings.Contains(d.Context, w) {
			t.Errorf("internal context %q lacks %q", d.Context, w)
		}
	}
	if !strings.Contains(p.Context, "Öppen fråga") || strings.Contains(p.Context, "Hemlig") || strings.Contains(p.Context, "Annan") {
		t.Errorf("public context %q: want the public issue only", p.Context)
	}
}
