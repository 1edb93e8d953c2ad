package mongodb_test

import (
	"context"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// TestCommentWritesAreConditional: each comment write holds only for the
// comment as the caller read it — on its statement, by its author, not
// deleted, with the body it replaces — and a refused one changes nothing.
// The anchor fields and the history round-trip.
func TestCommentWritesAreConditional(t *testing.T) {
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	const st, author = "6650a1b2c3d4e5f601234567", "6650a1b2c3d4e5f60000aaaa"
	c := &app.Comment{StatementID: st, Version: 3, Block: 2, Quote: "snabbare tillstånd", AuthorID: author,
		AuthorName: "Åsa", Body: "Ett.", CreatedAt: stmtT0}
	if err := s.CreateComment(ctx, c); err != nil {
		t.Fatal(err)
	}
	reply := &app.Comment{StatementID: st, ParentID: c.ID, AuthorID: author, Body: "Svar.", CreatedAt: stmtT0}
	if err := s.CreateComment(ctx, reply); err != nil {
		t.Fatal(err)
	}
	at := stmtT0.Add(time.Hour)
	for _, r := range []struct {
		code string
		err  error
	}{
		{app.ENOTFOUND, s.ReplaceCommentBody(ctx, "6650a1b2c3d4e5f601234568", c.ID, author, "Ett.", "Två.", at)},
		{app.EFORBIDDEN, s.ReplaceCommentBody(ctx, st, c.ID, "6650a1b2c3d4e5f60000bbbb", "Ett.", "Två.", at)},
		{app.ECONFLICT, s.ReplaceCommentBody(ctx, st, c.ID, author, "Gammalt.", "Två.", at)},
		{app.ENOTFOUND, s.SetThreadResolved(ctx, st, reply.ID, true, author, at)},
		{app.ECONFLICT, s.SetThreadResolved(ctx, st, c.ID, false, author, at)},
		{app.EFORBIDDEN, s.MarkCommentDeleted(ctx, st, c.ID, "6650a1b2c3d4e5f60000bbbb", at)},
		{app.ENOTFOUND, s.MarkCommentDeleted(ctx, st, "inte-ett-id", author, at)},
	} {
		if app.ErrorCode(r.err) != r.code {
			t.Errorf("got %v, want %s", r.err, r.code)
		}
	}
	if got, _ := s.CommentByID(ctx, c.ID); got.Body != "Ett." || got.Resolved || got.Deleted || len(got.History) != 0 ||
		got.Version != 3 || got.Block != 2 || got.Quote != "snabbare tillstånd" {
		t.Fatalf("after refused writes: %+v", got)
	}
	if err := s.ReplaceCommentBody(ctx, st, c.ID, author, "Ett.", "Två.", at); err != nil {
		t.Fatal(err)
	}
	if err := s.SetThreadResolved(ctx, st, c.ID, true, author, at); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkCommentDeleted(ctx, st, c.ID, author, at); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkCommentDeleted(ctx, st, c.ID, author, at); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("deleting twice: %v", err)
	}
	if err := s.ReplaceCommentBody(ctx, st, c.ID, author, "Två.", "Tre.", at); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("editing a deleted comment: %v", err)
	}
	got, _ := s.CommentByID(ctx, c.ID)
	if got.Body != "Två." || !got.EditedAt.Equal(at) || len(got.History) != 1 || got.History[0].Body != "Ett." ||
		!got.Resolved || !got.Deleted || !got.DeletedAt.Equal(at) {
		t.Fatalf("after edit, resolve and delete: %+v", got)
	}
}
