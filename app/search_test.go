package app_test

import (
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
	if app.ConsultationSearchTask(&app.Consultation{ID: "c"}).Public || app.IssueSearchTask(&app.Issue{ID: "i", Public: true}).Public {
		t.Error("consultations and issues must never be public search documents")
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
