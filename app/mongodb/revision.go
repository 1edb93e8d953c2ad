package mongodb

import (
	"context"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/app"
)

const colRevisions = "revisions"

// revisionDoc is one revision, with the id "<statement id>:<number>", so
// that each is found by _id (see dialect) and stored once.
type revisionDoc struct {
	ID          string    `bson:"_id"`
	StatementID string    `bson:"statement_id"`
	Number      int       `bson:"number"`
	Title       string    `bson:"title"`
	Summary     string    `bson:"summary"`
	Body        string    `bson:"body"`
	AuthorID    string    `bson:"author_id,omitempty"`
	AuthorName  string    `bson:"author_name,omitempty"`
	At          time.Time `bson:"at"`
}

func (d *revisionDoc) revision() *app.Revision {
	return &app.Revision{StatementID: d.StatementID, Number: d.Number, Title: d.Title, Summary: d.Summary,
		Body: d.Body, AuthorID: d.AuthorID, AuthorName: d.AuthorName, At: d.At}
}

func revisionID(statementID string, n int) string { return fmt.Sprintf("%s:%d", statementID, n) }

func newRevisionDoc(r *app.Revision) revisionDoc {
	return revisionDoc{ID: revisionID(r.StatementID, r.Number), StatementID: r.StatementID, Number: r.Number,
		Title: r.Title, Summary: r.Summary, Body: r.Body, AuthorID: r.AuthorID, AuthorName: r.AuthorName, At: utc(r.At)}
}

const revisionWhat = "Versionen"

// ensureRevision stores the current text of st as its revision unless that
// revision is stored already (its id makes this idempotent).
func (s *StatementStore) ensureRevision(ctx context.Context, st *app.Statement) error {
	d := newRevisionDoc(app.RevisionOf(st))
	var have revisionDoc // a read first: it is there on almost every call, and a read costs no commit
	if err := s.db.findByID(ctx, colRevisions, d.ID, &have, revisionWhat); app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	_, err := s.db.col(colRevisions).InsertOne(ctx, d)
	if err = translate(err, revisionWhat); app.ErrorCode(err) == app.ECONFLICT {
		return nil
	}
	return err
}

// ListRevisions lists every revision of a statement, oldest first.
func (s *StatementStore) ListRevisions(ctx context.Context, statementID string) ([]*app.Revision, error) {
	st, err := s.StatementByID(ctx, statementID)
	if err != nil {
		return nil, err
	}
	if err := s.ensureRevision(ctx, st); err != nil {
		return nil, err
	}
	// One _id lookup per revision: cheaper on FerretDB than a query, which
	// would read every revision of every statement.
	out := make([]*app.Revision, 0, st.Revision)
	for n := 1; n < st.Revision; n++ {
		var d revisionDoc
		switch err := s.db.findByID(ctx, colRevisions, revisionID(st.ID, n), &d, revisionWhat); app.ErrorCode(err) {
		case "":
			out = append(out, d.revision())
		case app.ENOTFOUND: // a crash between two saves: nothing was acknowledged for it
		default:
			return nil, err
		}
	}
	return append(out, app.RevisionOf(st)), nil
}

// PastRevision returns a stored revision n of a statement; the current
// text's may not be stored yet (RevisionByNumber has it).
func (s *StatementStore) PastRevision(ctx context.Context, statementID string, n int) (*app.Revision, error) {
	var d revisionDoc
	if err := s.db.findByID(ctx, colRevisions, revisionID(statementID, n), &d, revisionWhat); err != nil {
		return nil, err
	}
	return d.revision(), nil
}

// RevisionByNumber returns revision n of a statement.
func (s *StatementStore) RevisionByNumber(ctx context.Context, statementID string, n int) (*app.Revision, error) {
	st, err := s.StatementByID(ctx, statementID)
	if err != nil {
		return nil, err
	}
	if n == st.Revision {
		return app.RevisionOf(st), nil
	}
	var d revisionDoc
	if err := s.db.findByID(ctx, colRevisions, revisionID(st.ID, n), &d, revisionWhat); err != nil {
		return nil, err
	}
	return d.revision(), nil
}
