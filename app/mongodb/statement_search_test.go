package mongodb_test

import (
	"context"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// TestStatementSearchMarks: every write marks the statement dirty with its
// version; MarkIndexed clears the mark only at the version indexed, so a
// write racing the sync stays pending. Only published ones are public.
func TestStatementSearchMarks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	st := mustStatement(t, s, "Sökbart utkast", app.StatementDraft, stmtT0)
	tasks, err := s.PendingSearch(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].Version != 1 || tasks[0].Public || tasks[0].Doc.Type != "statement" {
		t.Fatalf("pending after create: %+v %v", tasks, err)
	}
	st.Body, st.UpdatedAt = "Ny text", stmtT0.Add(time.Minute)
	if err := s.UpdateStatement(ctx, st); err != nil || st.Version != 2 {
		t.Fatalf("update: %v v%d", err, st.Version)
	}
	if err := s.MarkIndexed(ctx, st.ID, 1); err != nil {
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 1 || tasks[0].Version != 2 {
		t.Fatalf("a stale MarkIndexed cleared the mark: %+v", tasks)
	}
	if err := s.MarkIndexed(ctx, st.ID, 2); err != nil {
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 0 {
		t.Fatalf("still pending: %+v", tasks)
	}
	st.Status, st.ContentHash, st.SignBy, st.Round = app.StatementSigning, "h", app.NewDate(2026, 5, 1), 1
	if err := s.UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	g := &app.Signature{MemberID: "m1", MemberName: "Kiruna", Decision: app.DecisionSigned, SignatoryName: "A", ContentHash: "h", SignedAt: stmtT0}
	if err := s.AddSignature(ctx, st.ID, 1, g); err != nil {
		t.Fatal(err)
	}
	st, _ = s.StatementByID(ctx, st.ID)
	st.Status, st.PublishedAt = app.StatementPublished, stmtT0.Add(time.Hour)
	if err := s.UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	tasks, _ = s.PendingSearch(ctx, 10)
	if len(tasks) != 1 || !tasks[0].Public || len(tasks[0].Doc.Members) != 1 || tasks[0].Doc.Members[0] != "Kiruna" ||
		!tasks[0].Doc.PublishedAt.Equal(st.PublishedAt) {
		t.Fatalf("published task: %+v", tasks)
	}
}

// TestSignatureOnePerMemberAndRound: the unique index refuses a second
// decision of a member in a round but not in the next; a statement that
// left signing takes no signature at all.
func TestSignatureOnePerMemberAndRound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	st := mustStatement(t, s, "Underskrifter", app.StatementDraft, stmtT0)
	st.Status, st.ContentHash = app.StatementSigning, "h"
	if err := s.UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	g := func() *app.Signature {
		return &app.Signature{MemberID: "m1", MemberName: "Kiruna", Decision: app.DecisionSigned, ContentHash: "h", SignedAt: stmtT0}
	}
	if err := s.AddSignature(ctx, st.ID, 1, g()); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSignature(ctx, st.ID, 1, g()); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("second decision: %v", err)
	}
	if err := s.AddSignature(ctx, st.ID, 2, g()); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("decision for a round the statement is not in: %v", err)
	}
	if all, _ := s.ListSignatures(ctx, st.ID, 0); len(all) != 1 {
		t.Fatalf("stored %d signatures, want 1", len(all))
	}
}

// TestRevisionsKeepEveryText: every save keeps the text it replaced, and
// the current text is always listed as the latest revision.
func TestRevisionsKeepEveryText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	st := mustStatement(t, s, "Versioner", app.StatementDraft, stmtT0)
	for i, body := range []string{"Två", "Tre"} {
		st.Body, st.Revision, st.EditedByName, st.EditedAt = body, i+2, "Redaktör", stmtT0.Add(time.Duration(i+1)*time.Minute)
		if err := s.UpdateStatement(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	revs, err := s.ListRevisions(ctx, st.ID)
	if err != nil || len(revs) != 3 || revs[0].Body != "" || revs[1].Body != "Två" || revs[2].Body != "Tre" || revs[2].AuthorName != "Redaktör" {
		t.Fatalf("revisions %+v %v", revs, err)
	}
	if r, err := s.RevisionByNumber(ctx, st.ID, 2); err != nil || r.Body != "Två" {
		t.Fatalf("revision 2: %+v %v", r, err)
	}
	if _, err := s.RevisionByNumber(ctx, st.ID, 9); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("revision 9: %v", err)
	}
}
