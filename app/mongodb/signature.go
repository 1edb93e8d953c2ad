package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colSignatures holds one document per decision. FerretDB v1 has neither
// transactions nor partial indexes, so "one decision per member and
// signing round" is a plain unique index on (statement_id, round,
// member_id); reopening a text bumps the statement's round, which leaves
// the old decisions in place as void history.
const colSignatures = "signatures"

func init() {
	indexes = append(indexes, index{colSignatures,
		bson.D{{Key: "statement_id", Value: 1}, {Key: "round", Value: 1}, {Key: "member_id", Value: 1}}, true})
}

type signatureDoc struct {
	ID               bson.ObjectID `bson:"_id"`
	StatementID      string        `bson:"statement_id"`
	Round            int           `bson:"round"`
	MemberID         string        `bson:"member_id"`
	MemberName       string        `bson:"member_name"`
	Decision         string        `bson:"decision"`
	SignatoryName    string        `bson:"signatory_name"`
	SignatoryTitle   string        `bson:"signatory_title"`
	DecidedBy        string        `bson:"decided_by,omitempty"`
	DecidedOn        time.Time     `bson:"decided_on,omitempty"`
	Paragraph        string        `bson:"paragraph,omitempty"`
	MemberReference  string        `bson:"member_reference,omitempty"`
	Reservation      string        `bson:"reservation,omitempty"`
	ContentHash      string        `bson:"content_hash"`
	SignedAt         time.Time     `bson:"signed_at"`
	SignedBy         string        `bson:"signed_by,omitempty"`
	RegisteredBy     string        `bson:"registered_by,omitempty"`
	RegisteredByName string        `bson:"registered_by_name,omitempty"`
}

func newSignatureDoc(statementID string, round int, g *app.Signature) signatureDoc {
	return signatureDoc{ID: bson.NewObjectID(), StatementID: statementID, Round: round, MemberID: g.MemberID,
		MemberName: g.MemberName, Decision: g.Decision, SignatoryName: g.SignatoryName, SignatoryTitle: g.SignatoryTitle,
		DecidedBy: g.DecidedBy, DecidedOn: dateValue(g.DecidedOn), Paragraph: g.Paragraph,
		MemberReference: g.MemberReference, Reservation: g.Reservation, ContentHash: g.ContentHash,
		SignedAt: utc(g.SignedAt), SignedBy: g.SignedBy, RegisteredBy: g.RegisteredBy, RegisteredByName: g.RegisteredByName}
}

func (d *signatureDoc) signature() app.Signature {
	return app.Signature{MemberID: d.MemberID, MemberName: d.MemberName, Decision: d.Decision,
		SignatoryName: d.SignatoryName, SignatoryTitle: d.SignatoryTitle, DecidedBy: d.DecidedBy,
		DecidedOn: dateOf(d.DecidedOn), Paragraph: d.Paragraph, MemberReference: d.MemberReference,
		Reservation: d.Reservation, ContentHash: d.ContentHash, SignedAt: d.SignedAt, SignedBy: d.SignedBy,
		RegisteredBy: d.RegisteredBy, RegisteredByName: d.RegisteredByName, Round: d.Round}
}

// AddSignature stores g in round. The unique index refuses a second
// decision of the same member; then the statement is bumped only if it is
// still in signing in that round, else the decision is taken back.
func (s *StatementStore) AddSignature(ctx context.Context, statementID string, round int, g *app.Signature) error {
	o, err := oid(statementID, statementWhat)
	if err != nil {
		return err
	}
	d := newSignatureDoc(statementID, round, g)
	if _, err := s.db.col(colSignatures).InsertOne(ctx, d); err != nil {
		return conflictOn(translate(err, "Underskriften"), "member_id", "Medlemmen har redan lämnat sitt beslut om den här texten.")
	}
	unlock := lockDoc(colStatements, o.Hex())
	res, err := s.db.col(colStatements).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: o}, {Key: "round", Value: round}, {Key: "status", Value: string(app.StatementSigning)}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "search_dirty", Value: true}, {Key: "updated_at", Value: d.SignedAt}}},
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	unlock()
	if err == nil && res.MatchedCount == 1 {
		g.Round = round
		return nil
	}
	if _, derr := s.db.col(colSignatures).DeleteOne(ctx, bson.D{{Key: "_id", Value: d.ID}}); derr != nil {
		return translate(derr, "Underskriften")
	}
	if err != nil {
		return translate(err, statementWhat)
	}
	return app.Errorf(app.ECONFLICT, "Ställningstagandet är inte längre öppet för underskrift.")
}

// ListSignatures lists the decisions of round (0: every round) in the
// order they were made.
func (s *StatementStore) ListSignatures(ctx context.Context, statementID string, round int) ([]app.Signature, error) {
	filter := bson.D{{Key: "statement_id", Value: statementID}}
	if round > 0 {
		filter = append(filter, bson.E{Key: "round", Value: round})
	}
	return s.findSignatures(ctx, filter)
}

func (s *StatementStore) findSignatures(ctx context.Context, filter bson.D) ([]app.Signature, error) {
	cur, err := s.db.col(colSignatures).Find(ctx, filter,
		options.Find().SetSort(bson.D{{Key: "signed_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, translate(err, "Underskrifterna")
	}
	var docs []signatureDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, "Underskrifterna")
	}
	out := make([]app.Signature, len(docs))
	for i := range docs {
		out[i] = docs[i].signature()
	}
	return out, nil
}

func (s *StatementStore) attachSignatures(ctx context.Context, st *app.Statement) error {
	gs, err := s.ListSignatures(ctx, st.ID, st.Round)
	if len(gs) > 0 {
		st.Signatures = gs
	}
	return err
}

// attachAllSignatures loads the current round's signatures of many
// statements in one query.
func (s *StatementStore) attachAllSignatures(ctx context.Context, sts []*app.Statement) error {
	if len(sts) == 0 {
		return nil
	}
	ids, byID := bson.A{}, map[string]*app.Statement{}
	for _, st := range sts {
		ids = append(ids, st.ID)
		byID[st.ID] = st
	}
	cur, err := s.db.col(colSignatures).Find(ctx, bson.D{{Key: "statement_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetSort(bson.D{{Key: "signed_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return translate(err, "Underskrifterna")
	}
	var docs []signatureDoc
	if err := cur.All(ctx, &docs); err != nil {
		return translate(err, "Underskrifterna")
	}
	for i := range docs {
		if st := byID[docs[i].StatementID]; st != nil && st.Round == docs[i].Round {
			st.Signatures = append(st.Signatures, docs[i].signature())
		}
	}
	return nil
}

// insertSignatures stores the signatures a new statement carries (the
// demo loader's history), in its round.
func (s *StatementStore) insertSignatures(ctx context.Context, st *app.Statement) error {
	for i := range st.Signatures {
		g := &st.Signatures[i]
		g.Round = st.Round
		if _, err := s.db.col(colSignatures).InsertOne(ctx, newSignatureDoc(st.ID, st.Round, g)); err != nil {
			return conflictOn(translate(err, "Underskriften"), "member_id", "Medlemmen har redan lämnat sitt beslut om den här texten.")
		}
	}
	return nil
}
