package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// StatementStore keeps statements with their signatures, which are embedded
// in the statement document so that a signature and the text it signs
// change together in one atomic update.
type StatementStore struct{ db *DB }

var _ app.StatementStore = (*StatementStore)(nil)

// NewStatementStore returns a store on db.
func NewStatementStore(db *DB) *StatementStore { return &StatementStore{db: db} }

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
	Signatures     []signatureDoc `bson:"signatures,omitempty"`
	PublishedAt    time.Time      `bson:"published_at,omitempty"`
	WithdrawnAt    time.Time      `bson:"withdrawn_at,omitempty"`
	AuthorID       string         `bson:"author_id,omitempty"`
	Version        int            `bson:"version"`
	CreatedAt      time.Time      `bson:"created_at"`
	UpdatedAt      time.Time      `bson:"updated_at"`
}

type signatureDoc struct {
	MemberID        string    `bson:"member_id"`
	MemberName      string    `bson:"member_name"`
	Decision        string    `bson:"decision"`
	SignatoryName   string    `bson:"signatory_name"`
	SignatoryTitle  string    `bson:"signatory_title"`
	DecidedBy       string    `bson:"decided_by,omitempty"`
	DecidedOn       time.Time `bson:"decided_on,omitempty"`
	Paragraph       string    `bson:"paragraph,omitempty"`
	MemberReference string    `bson:"member_reference,omitempty"`
	Reservation     string    `bson:"reservation,omitempty"`
	ContentHash     string    `bson:"content_hash"`
	SignedAt        time.Time `bson:"signed_at"`
	RegisteredBy    string    `bson:"registered_by,omitempty"`
}

func newSignatureDoc(g app.Signature) signatureDoc {
	return signatureDoc{MemberID: g.MemberID, MemberName: g.MemberName, Decision: g.Decision,
		SignatoryName: g.SignatoryName, SignatoryTitle: g.SignatoryTitle, DecidedBy: g.DecidedBy,
		DecidedOn: dateValue(g.DecidedOn), Paragraph: g.Paragraph, MemberReference: g.MemberReference,
		Reservation: g.Reservation, ContentHash: g.ContentHash, SignedAt: utc(g.SignedAt), RegisteredBy: g.RegisteredBy}
}

func (d *signatureDoc) signature() app.Signature {
	return app.Signature{MemberID: d.MemberID, MemberName: d.MemberName, Decision: d.Decision,
		SignatoryName: d.SignatoryName, SignatoryTitle: d.SignatoryTitle, DecidedBy: d.DecidedBy,
		DecidedOn: dateOf(d.DecidedOn), Paragraph: d.Paragraph, MemberReference: d.MemberReference,
		Reservation: d.Reservation, ContentHash: d.ContentHash, SignedAt: d.SignedAt, RegisteredBy: d.RegisteredBy}
}

func (d *statementDoc) statement() *app.Statement {
	s := &app.Statement{ID: d.ID.Hex(), Kind: app.StatementKind(d.Kind), Title: d.Title, Slug: d.Slug,
		Summary: d.Summary, Body: d.Body, Topics: d.Topics, ConsultationID: d.ConsultationID,
		Status: app.StatementStatus(d.Status), ContentHash: d.ContentHash, SignBy: dateOf(d.SignBy),
		PublishedAt: d.PublishedAt, WithdrawnAt: d.WithdrawnAt, AuthorID: d.AuthorID, Version: d.Version,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	for i := range d.Signatures {
		s.Signatures = append(s.Signatures, d.Signatures[i].signature())
	}
	return s
}

const statementWhat = "Ställningstagandet"

// CreateStatement inserts st with its signatures and sets its ID and
// version; a taken slug is ECONFLICT.
func (s *StatementStore) CreateStatement(ctx context.Context, st *app.Statement) error {
	d := statementDoc{ID: bson.NewObjectID(), Kind: string(st.Kind), Title: st.Title, Slug: st.Slug,
		Summary: st.Summary, Body: st.Body, Topics: st.Topics, ConsultationID: st.ConsultationID,
		Status: string(st.Status), ContentHash: st.ContentHash, SignBy: dateValue(st.SignBy),
		PublishedAt: utc(st.PublishedAt), WithdrawnAt: utc(st.WithdrawnAt), AuthorID: st.AuthorID,
		Version: 1, CreatedAt: utc(st.CreatedAt), UpdatedAt: utc(st.UpdatedAt)}
	for _, g := range st.Signatures {
		d.Signatures = append(d.Signatures, newSignatureDoc(g))
	}
	if _, err := s.db.col(colStatements).InsertOne(ctx, d); err != nil {
		return conflictOn(translate(err, statementWhat), "title", "Det finns redan ett ställningstagande med samma adress.")
	}
	st.ID, st.Version = d.ID.Hex(), 1
	return nil
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
	return s.findOne(ctx, bson.D{{Key: "slug", Value: slug}})
}

func (s *StatementStore) findOne(ctx context.Context, filter bson.D) (*app.Statement, error) {
	var d statementDoc
	if err := s.db.col(colStatements).FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, translate(err, statementWhat)
	}
	return d.statement(), nil
}

// ListStatements lists statements, most recently updated first.
func (s *StatementStore) ListStatements(ctx context.Context, f app.StatementFilter) ([]*app.Statement, int, error) {
	filter := bson.D{}
	if f.Status != "" {
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
