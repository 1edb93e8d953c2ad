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
