package mongodb_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestInsertStatements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	var sts []*app.Statement
	for i, title := range []string{"Elnätet först", "Tillstånd i tid", "Hamnarna behöver farleder"} {
		body := "## Vår hållning\n\nText nummer " + title
		hash := app.ContentHash(title, "", body)
		sts = append(sts, &app.Statement{Kind: app.KindJointStatement, Title: title, Slug: app.Slugify(title),
			Body: body, Topics: []string{"elnät"}, Status: app.StatementPublished, ContentHash: hash,
			PublishedAt: stmtT0, CreatedAt: stmtT0, UpdatedAt: stmtT0.Add(time.Duration(i) * time.Minute),
			Revision: 3, Signatures: []app.Signature{{MemberID: "6650a1b2c3d4e5f60000aaaa", MemberName: "Luleå",
				Decision: app.DecisionSigned, SignatoryName: "Anna Palo", SignatoryTitle: "KSO", ContentHash: hash, SignedAt: stmtT0}}})
	}
	if err := s.InsertStatements(ctx, sts, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.StatementBySlug(ctx, "tillstand-i-tid")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != sts[1].ID || got.Version != 1 || got.Revision != 3 || len(got.SigningMembers()) != 1 {
		t.Errorf("stored = %+v", got)
	}
	if r, err := s.RevisionByNumber(ctx, got.ID, 3); err != nil || r.Body != got.Body {
		t.Errorf("revision 3 = %+v, %v", r, err)
	}
	tasks, err := s.PendingSearch(ctx, 10)
	if err != nil || len(tasks) != 3 {
		t.Fatalf("pending = %d, %v; want all 3 marked for search", len(tasks), err)
	}
	dup := []*app.Statement{{Kind: app.KindPositionPaper, Title: "Elnätet först", Slug: "elnatet-forst", Status: app.StatementDraft}}
	if err := s.InsertStatements(ctx, dup, nil); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("taken slug: err = %v, want ECONFLICT", err)
	}
}

func TestInsertStatementsIndexed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	mk := func(title string) *app.Statement {
		return &app.Statement{Kind: app.KindPositionPaper, Title: title, Slug: app.Slugify(title),
			Status: app.StatementPublished, PublishedAt: stmtT0, CreatedAt: stmtT0, UpdatedAt: stmtT0}
	}
	var seen []string
	index := func(_ context.Context, sts []*app.Statement) error {
		for _, st := range sts {
			seen = append(seen, st.ID)
		}
		return nil
	}
	sts := []*app.Statement{mk("Vätgas i norr"), mk("Farleder till hamnarna")}
	if err := s.InsertStatements(ctx, sts, index); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[0] != sts[0].ID || sts[0].ID == "" {
		t.Fatalf("index saw %v, statements %q and %q", seen, sts[0].ID, sts[1].ID)
	}
	if tasks, err := s.PendingSearch(ctx, 10); err != nil || len(tasks) != 0 {
		t.Errorf("pending = %d, %v; indexed statements must not wait for the sync", len(tasks), err)
	}
	failing := func(context.Context, []*app.Statement) error { return errors.New("engine down") }
	if err := s.InsertStatements(ctx, []*app.Statement{mk("Elnät i tid")}, failing); err == nil {
		t.Fatal("an index error must fail the insert")
	}
	if _, err := s.StatementBySlug(ctx, "elnat-i-tid"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("after a failed index: %v, want nothing stored", err)
	}
}
