package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// StatementStore keeps statements, their revisions (revision.go), their
// signatures (signature.go) and their comments (comment.go).
//
// Every read on a hot path is a lookup by _id (see dialect): a
// statement's slug maps to its id in statement_slugs (statement_slug.go),
// its signatures are kept in the statement document, revisions and
// signature records have composite ids, and the statements waiting for the
// search sync are listed in a queue of their own (statement_search.go).
type StatementStore struct{ db *DB }

var (
	_ app.StatementStore = (*StatementStore)(nil)
	_ app.SearchSource   = (*StatementStore)(nil)
)

// NewStatementStore returns a store on db.
func NewStatementStore(db *DB) *StatementStore { return &StatementStore{db: db} }

func init() {
	indexes = append(indexes,
		index{colStatements, bson.D{{Key: "updated_at", Value: -1}}, false},
		index{colStatements, bson.D{{Key: "search_dirty", Value: 1}}, false})
}

type statementDoc struct {
	ID             bson.ObjectID  `bson:"_id"`
	Kind           string         `bson:"kind"`
	Title          string         `bson:"title"`
	Slug           string         `bson:"slug"`
	Summary        string         `bson:"summary"`
	Body           string         `bson:"body"`
	Topics         []string       `bson:"topics,omitempty"`
	ConsultationID string         `bson:"consultation_id,omitempty"`
	Status         string         `bson:"status"`
	ContentHash    string         `bson:"content_hash,omitempty"`
	SignBy         time.Time      `bson:"sign_by,omitempty"`
	PublishedAt    time.Time      `bson:"published_at,omitempty"`
	WithdrawnAt    time.Time      `bson:"withdrawn_at,omitempty"`
	AuthorID       string         `bson:"author_id,omitempty"`
	Round          int            `bson:"round"`
	Quorum         int            `bson:"quorum,omitempty"`
	Reference      string         `bson:"reference,omitempty"`
	Revision       int            `bson:"revision"`
	EditedBy       string         `bson:"edited_by,omitempty"`
	EditedByName   string         `bson:"edited_by_name,omitempty"`
	EditedAt       time.Time      `bson:"edited_at"`
	TextVersions   []int          `bson:"text_versions,omitempty"`
	SearchDirty    bool           `bson:"search_dirty"`
	Signatures     []signatureDoc `bson:"signatures,omitempty"` // every round's, in the order made
	Version        int            `bson:"version"`
	CreatedAt      time.Time      `bson:"created_at"`
	UpdatedAt      time.Time      `bson:"updated_at"`
}

func (d *statementDoc) statement() *app.Statement {
	return &app.Statement{ID: d.ID.Hex(), Kind: app.StatementKind(d.Kind), Title: d.Title, Slug: d.Slug,
		Summary: d.Summary, Body: d.Body, Topics: d.Topics, ConsultationID: d.ConsultationID,
		Status: app.StatementStatus(d.Status), ContentHash: d.ContentHash, SignBy: dateOf(d.SignBy),
		PublishedAt: d.PublishedAt, WithdrawnAt: d.WithdrawnAt, AuthorID: d.AuthorID, Round: d.Round, Quorum: d.Quorum, Reference: d.Reference,
		Revision: d.Revision, EditedBy: d.EditedBy, EditedByName: d.EditedByName, EditedAt: d.EditedAt,
		TextVersions: d.TextVersions, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, Signatures: d.signatures(d.Round)}
}

const statementWhat = "Ställningstagandet"

// CreateStatement inserts st as revision st.Revision (1 when unset), with
// any signatures it carries in round st.Round (1 when unset), and sets its
// ID and version; a taken slug is ECONFLICT.
//
// The slug is reserved first and the statement marked for search before
// it is stored, so a crash in between leaves at worst a reservation of a
// statement that does not exist (taken over by the next to claim it) or a
// mark the sync drops.
func (s *StatementStore) CreateStatement(ctx context.Context, st *app.Statement) error {
	d := newStatementDoc(st)
	if err := s.reserveSlug(ctx, d.Slug, d.ID); err != nil {
		return err
	}
	unlock, err := s.db.lock(ctx, colStatements, d.ID.Hex()) // not while reserving: locks are striped, never nested
	if err != nil {
		return err
	}
	err = s.markSearch(ctx, d.ID, 1)
	if err == nil {
		_, err = s.db.col(colStatements).InsertOne(ctx, d)
	}
	unlock()
	if err != nil {
		return conflictOn(translate(err, statementWhat), "title", "Det finns redan ett ställningstagande med samma adress.")
	}
	st.ID, st.Version, st.TextVersions = d.ID.Hex(), 1, d.TextVersions
	if err := s.ensureRevision(ctx, st); err != nil {
		return err
	}
	return s.insertSignatures(ctx, d.Signatures)
}

// StatementByID returns the statement with that id.
func (s *StatementStore) StatementByID(ctx context.Context, id string) (*app.Statement, error) {
	o, err := oid(id, statementWhat)
	if err != nil {
		return nil, err
	}
	return s.findOne(ctx, bson.D{{Key: "_id", Value: o}})
}

// StatementBySlug returns the statement with that slug.
func (s *StatementStore) StatementBySlug(ctx context.Context, slug string) (*app.Statement, error) {
	o, err := s.slugTarget(ctx, slug)
	if err != nil {
		return nil, err
	}
	st, err := s.findOne(ctx, bson.D{{Key: "_id", Value: o}})
	if err == nil && st.Slug != slug {
		return nil, app.Errorf(app.ENOTFOUND, "%s finns inte.", statementWhat)
	}
	return st, err
}

func (s *StatementStore) findOne(ctx context.Context, filter bson.D) (*app.Statement, error) {
	var d statementDoc
	if err := s.db.col(colStatements).FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, translate(err, statementWhat)
	}
	return d.statement(), nil
}

// ListStatements lists statements, most recently updated first, each with
// the signatures of its current round.
func (s *StatementStore) ListStatements(ctx context.Context, f app.StatementFilter) ([]*app.Statement, int, error) {
	filter := bson.D{}
	switch {
	case len(f.Statuses) > 0:
		in := bson.A{}
		for _, st := range f.Statuses {
			in = append(in, string(st))
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: in}}})
	case f.Status != "":
		filter = append(filter, bson.E{Key: "status", Value: string(f.Status)})
	}
	sort := bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: -1}}
	docs, total, err := findPage[statementDoc](ctx, s.db.col(colStatements), filter, sort, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.Statement, len(docs))
	for i := range docs {
		out[i] = docs[i].statement()
	}
	return out, total, nil
}
