package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// Account links (password reset and invitation) are kept by the
// SessionStore, beside sessions and API tokens: one document per link,
// _id the SHA-256 of its secret. They are looked up by _id only, the one
// filter FerretDB v1 answers from an index.
const colAccountLinks = "account_links"

func init() {
	indexes = append(indexes,
		index{colAccountLinks, bson.D{{Key: "user_id", Value: 1}}, false},
		index{colAccountLinks, bson.D{{Key: "expires_at", Value: 1}}, false})
}

var _ app.AccountLinkStore = (*SessionStore)(nil)

type accountLinkDoc struct {
	ID        string    `bson:"_id"`
	UserID    string    `bson:"user_id"`
	Purpose   string    `bson:"purpose"`
	CreatedAt time.Time `bson:"created_at"`
	ExpiresAt time.Time `bson:"expires_at"`
}

func (d *accountLinkDoc) link() *app.AccountLink {
	return &app.AccountLink{ID: d.ID, UserID: d.UserID, Purpose: app.LinkPurpose(d.Purpose),
		CreatedAt: d.CreatedAt, ExpiresAt: d.ExpiresAt}
}

const accountLinkWhat = "Länken"

// CreateAccountLink inserts l.
func (s *SessionStore) CreateAccountLink(ctx context.Context, l *app.AccountLink) error {
	d := accountLinkDoc{ID: l.ID, UserID: l.UserID, Purpose: string(l.Purpose),
		CreatedAt: utc(l.CreatedAt), ExpiresAt: utc(l.ExpiresAt)}
	_, err := s.db.col(colAccountLinks).InsertOne(ctx, d)
	return translate(err, accountLinkWhat)
}

// AccountLinkByID returns the link with that hashed secret.
func (s *SessionStore) AccountLinkByID(ctx context.Context, id string) (*app.AccountLink, error) {
	var d accountLinkDoc
	if err := s.db.col(colAccountLinks).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d); err != nil {
		return nil, translate(err, accountLinkWhat)
	}
	return d.link(), nil
}

// TakeAccountLink deletes and returns the link with that hashed secret if
// it has that purpose. Under the document's lock (doclock.go) the read and
// the delete cannot interleave with another taker in this process; on
// MongoDB the delete's count alone decides which of two takers wins.
func (s *SessionStore) TakeAccountLink(ctx context.Context, id string, purpose app.LinkPurpose) (*app.AccountLink, error) {
	unlock, err := s.db.lock(ctx, colAccountLinks, id)
	if err != nil {
		return nil, err
	}
	defer unlock()
	l, err := s.AccountLinkByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if l.Purpose != purpose {
		return nil, app.Errorf(app.ENOTFOUND, "%s finns inte.", accountLinkWhat)
	}
	res, err := s.db.col(colAccountLinks).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil {
		return nil, translate(err, accountLinkWhat)
	}
	if res.DeletedCount != 1 {
		return nil, app.Errorf(app.ENOTFOUND, "%s finns inte.", accountLinkWhat)
	}
	return l, nil
}

// DeleteUserAccountLinks deletes a user's links of purpose, or all of them
// when purpose is "".
func (s *SessionStore) DeleteUserAccountLinks(ctx context.Context, userID string, purpose app.LinkPurpose) error {
	filter := bson.D{{Key: "user_id", Value: userID}}
	if purpose != "" {
		filter = append(filter, bson.E{Key: "purpose", Value: string(purpose)})
	}
	_, err := s.db.col(colAccountLinks).DeleteMany(ctx, filter)
	return translate(err, accountLinkWhat)
}

// DeleteAccountLinksBefore deletes links that expired before t.
func (s *SessionStore) DeleteAccountLinksBefore(ctx context.Context, t time.Time) (int, error) {
	res, err := s.db.col(colAccountLinks).DeleteMany(ctx, bson.D{{Key: "expires_at", Value: bson.D{{Key: "$lt", Value: utc(t)}}}})
	if err != nil {
		return 0, translate(err, accountLinkWhat)
	}
	return int(res.DeletedCount), nil
}
