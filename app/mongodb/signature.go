package mongodb

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// colSignatures records one document per decision, with the id
// "<statement id>:<round>:<member id>": "one decision per member and
// signing round" is the uniqueness of _id. FerretDB v1
// has no transactions; reopening a text bumps the statement's round, which
// leaves the old decisions in place as void history.
//
// What pages read is the copy in the statement document (its signatures
// field, every round's in the order made), added under the statement's
// lock after the record is stored — one _id lookup instead of a query.
const colSignatures = "signatures"

type signatureDoc struct {
	ID               string    `bson:"_id"`
	StatementID      string    `bson:"statement_id"`
	Round            int       `bson:"round"`
	MemberID         string    `bson:"member_id"`
	MemberName       string    `bson:"member_name"`
	Decision         string    `bson:"decision"`
	SignatoryName    string    `bson:"signatory_name"`
	SignatoryTitle   string    `bson:"signatory_title"`
	DecidedBy        string    `bson:"decided_by,omitempty"`
	DecidedOn        time.Time `bson:"decided_on,omitempty"`
	Paragraph        string    `bson:"paragraph,omitempty"`
	MemberReference  string    `bson:"member_reference,omitempty"`
	Reservation      string    `bson:"reservation,omitempty"`
	ContentHash      string    `bson:"content_hash"`
	SignedAt         time.Time `bson:"signed_at"`
	SignedBy         string    `bson:"signed_by,omitempty"`
	RegisteredBy     string    `bson:"registered_by,omitempty"`
	RegisteredByName string    `bson:"registered_by_name,omitempty"`
}

// signatureID is the id of member's decision on a statement in round.
func signatureID(statementID string, round int, memberID string) string {
	return fmt.Sprintf("%s:%d:%s", statementID, round, memberID)
}

func newSignatureDoc(statementID string, round int, g *app.Signature) signatureDoc {
	return signatureDoc{ID: signatureID(statementID, round, g.MemberID), StatementID: statementID, Round: round,
		MemberID: g.MemberID, MemberName: g.MemberName, Decision: g.Decision, SignatoryName: g.SignatoryName,
		SignatoryTitle: g.SignatoryTitle, DecidedBy: g.DecidedBy, DecidedOn: dateValue(g.DecidedOn),
		Paragraph: g.Paragraph, MemberReference: g.MemberReference, Reservation: g.Reservation,
		ContentHash: g.ContentHash, SignedAt: utc(g.SignedAt), SignedBy: g.SignedBy,
		RegisteredBy: g.RegisteredBy, RegisteredByName: g.RegisteredByName}
}

func (d *signatureDoc) signature() app.Signature {
	return app.Signature{MemberID: d.MemberID, MemberName: d.MemberName, Decision: d.Decision,
		SignatoryName: d.SignatoryName, SignatoryTitle: d.SignatoryTitle, DecidedBy: d.DecidedBy,
		DecidedOn: dateOf(d.DecidedOn), Paragraph: d.Paragraph, MemberReference: d.MemberReference,
		Reservation: d.Reservation, ContentHash: d.ContentHash, SignedAt: d.SignedAt, SignedBy: d.SignedBy,
		RegisteredBy: d.RegisteredBy, RegisteredByName: d.RegisteredByName, Round: d.Round}
}

// signatures returns the decisions of round (0: every round) in the order
// they were made.
func (d *statementDoc) signatures(round int) []app.Signature {
	var out []app.Signature
	for i := range d.Signatures {
		if round == 0 || d.Signatures[i].Round == round {
			out = append(out, d.Signatures[i].signature())
		}
	}
	return out
}

var errSignedAlready = app.Errorf(app.ECONFLICT, "Medlemmen har redan lämnat sitt beslut om den här texten.")

// AddSignature stores g in round: first the record, whose id refuses a
// second decision of the same member, then the copy in the statement,
// which is bumped only if it is still in signing in that round — else the
// record is taken back.
func (s *StatementStore) AddSignature(ctx context.Context, statementID string, round int, g *app.Signature) error {
	o, err := oid(statementID, statementWhat)
	if err != nil {
		return err
	}
	d := newSignatureDoc(statementID, round, g)
	if _, err := s.db.col(colSignatures).InsertOne(ctx, d); err != nil {
		if err = translate(err, "Underskriften"); app.ErrorCode(err) != app.ECONFLICT {
			return err
		}
		if err := s.repairSignature(ctx, o, d.ID); err != nil {
			return err
		}
		return conflictOn(errSignedAlready, "member_id", app.ErrorMessage(errSignedAlready))
	}
	if err := s.pushSignature(ctx, o, d); err != nil {
		if app.ErrorCode(err) == app.ECONFLICT && s.holdsCopy(ctx, o, d.ID) {
			// A second request of the same member found this record and
			// copied it in (repairSignature) first: the decision is in.
			g.Round = round
			return nil
		}
		if _, derr := s.db.col(colSignatures).DeleteOne(ctx, bson.D{{Key: "_id", Value: d.ID}}); derr != nil {
			return translate(derr, "Underskriften")
		}
		return err
	}
	g.Round = round
	return nil
}

// pushSignature adds d to its statement if the statement is in signing in
// d's round and holds no decision of d's member in that round yet.
func (s *StatementStore) pushSignature(ctx context.Context, o bson.ObjectID, d signatureDoc) error {
	cond := bson.D{{Key: "round", Value: d.Round}, {Key: "status", Value: string(app.StatementSigning)},
		{Key: "signatures._id", Value: bson.D{{Key: "$ne", Value: d.ID}}}}
	check := func(raw bson.Raw) error {
		var cur statementDoc
		if err := bson.Unmarshal(raw, &cur); err != nil {
			return fmt.Errorf("read statement: %w", err)
		}
		if cur.Round != d.Round || cur.Status != string(app.StatementSigning) {
			return app.Errorf(app.ECONFLICT, "Ställningstagandet är inte längre öppet för underskrift.")
		}
		if slices.ContainsFunc(cur.Signatures, func(x signatureDoc) bool { return x.ID == d.ID }) {
			return errSignedAlready
		}
		return nil
	}
	update := bson.D{{Key: "$push", Value: bson.D{{Key: "signatures", Value: d}}},
		{Key: "$set", Value: bson.D{{Key: "search_dirty", Value: true}, {Key: "updated_at", Value: d.SignedAt}}},
		{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}
	return s.db.guardedUpdate(ctx, colStatements, o, cond, check, update, statementWhat, s.marker)
}

// holdsCopy reports whether statement o holds the copy of signature id.
func (s *StatementStore) holdsCopy(ctx context.Context, o bson.ObjectID, id string) bool {
	var cur statementDoc
	if err := s.db.findByID(ctx, colStatements, o, &cur, statementWhat); err != nil {
		return false
	}
	return slices.ContainsFunc(cur.Signatures, func(x signatureDoc) bool { return x.ID == id })
}

// repairSignature completes a decision whose record was stored but whose
// copy in the statement was not (a crash in between): if the statement is
// still in signing in its round, the copy is added now.
func (s *StatementStore) repairSignature(ctx context.Context, o bson.ObjectID, id string) error {
	var d signatureDoc
	if err := s.db.findByID(ctx, colSignatures, id, &d, "Underskriften"); err != nil {
		return err
	}
	if err := s.pushSignature(ctx, o, d); app.ErrorCode(err) != app.ECONFLICT && app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	return nil
}

// ListSignatures lists the decisions of round (0: every round) in the
// order they were made.
func (s *StatementStore) ListSignatures(ctx context.Context, statementID string, round int) ([]app.Signature, error) {
	o, err := oid(statementID, statementWhat)
	if err != nil {
		return nil, err
	}
	var d statementDoc
	if err := s.db.findByID(ctx, colStatements, o, &d, statementWhat); err != nil {
		return nil, err
	}
	return d.signatures(round), nil
}

// insertSignatures stores the records of the signatures a new statement
// carries (the demo loader's history); its document holds them already.
func (s *StatementStore) insertSignatures(ctx context.Context, sigs []signatureDoc) error {
	for _, d := range sigs {
		if _, err := s.db.col(colSignatures).InsertOne(ctx, d); err != nil {
			return conflictOn(translate(err, "Underskriften"), "member_id", app.ErrorMessage(errSignedAlready))
		}
	}
	return nil
}
