package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// SessionStore keeps login sessions and API tokens, both by the SHA-256 of
// their secret.
type SessionStore struct{ db *DB }

var (
	_ app.SessionStore = (*SessionStore)(nil)
	_ app.TokenStore   = (*SessionStore)(nil)
)

// NewSessionStore returns a store on db.
func NewSessionStore(db *DB) *SessionStore { return &SessionStore{db: db} }

type sessionDoc struct {
	ID         string    `bson:"_id"`
	UserID     string    `bson:"user_id"`
	CSRFToken  string    `bson:"csrf_token"`
	CreatedAt  time.Time `bson:"created_at"`
	LastSeenAt time.Time `bson:"last_seen_at"`
}

const sessionWhat = "Sessionen"

// CreateSession inserts s.
func (s *SessionStore) CreateSession(ctx context.Context, se *app.Session) error {
	d := sessionDoc{ID: se.ID, UserID: se.UserID, CSRFToken: se.CSRFToken,
		CreatedAt: utc(se.CreatedAt), LastSeenAt: utc(se.LastSeenAt)}
	_, err := s.db.col(colSessions).InsertOne(ctx, d)
	return translate(err, sessionWhat)
}

// SessionByID returns the session with that hashed id.
func (s *SessionStore) SessionByID(ctx context.Context, id string) (*app.Session, error) {
	var d sessionDoc
	if err := s.db.col(colSessions).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d); err != nil {
		return nil, translate(err, sessionWhat)
	}
	return &app.Session{ID: d.ID, UserID: d.UserID, CSRFToken: d.CSRFToken, CreatedAt: d.CreatedAt, LastSeenAt: d.LastSeenAt}, nil
}

// TouchSession records that the session was used at at.
func (s *SessionStore) TouchSession(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.col(colSessions).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "last_seen_at", Value: utc(at)}}}})
	return translate(err, sessionWhat)
}

// DeleteSession deletes one session; an unknown id is no error.
func (s *SessionStore) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.col(colSessions).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate(err, sessionWhat)
}

// DeleteUserSessions deletes every session of a user.
func (s *SessionStore) DeleteUserSessions(ctx context.Context, userID string) error {
	_, err := s.db.col(colSessions).DeleteMany(ctx, bson.D{{Key: "user_id", Value: userID}})
	return translate(err, sessionWhat)
}

// DeleteSessionsBefore deletes sessions last seen before lastSeen or
// created before created, and returns how many went.
func (s *SessionStore) DeleteSessionsBefore(ctx context.Context, lastSeen, created time.Time) (int, error) {
	res, err := s.db.col(colSessions).DeleteMany(ctx, bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "last_seen_at", Value: bson.D{{Key: "$lt", Value: utc(lastSeen)}}}},
		bson.D{{Key: "created_at", Value: bson.D{{Key: "$lt", Value: utc(created)}}}},
	}}})
	if err != nil {
		return 0, translate(err, sessionWhat)
	}
	return int(res.DeletedCount), nil
}

type tokenDoc struct {
	ID         string    `bson:"_id"`
	UserID     string    `bson:"user_id"`
	Name       string    `bson:"name"`
	CreatedAt  time.Time `bson:"created_at"`
	LastUsedAt time.Time `bson:"last_used_at"`
}

const tokenWhat = "API-nyckeln"

// CreateToken inserts t.
func (s *SessionStore) CreateToken(ctx context.Context, t *app.Token) error {
	d := tokenDoc{ID: t.ID, UserID: t.UserID, Name: t.Name, CreatedAt: utc(t.CreatedAt), LastUsedAt: utc(t.LastUsedAt)}
	_, err := s.db.col(colTokens).InsertOne(ctx, d)
	return translate(err, tokenWhat)
}

// TokenByID returns the token with that hashed secret.
func (s *SessionStore) TokenByID(ctx context.Context, id string) (*app.Token, error) {
	var d tokenDoc
	if err := s.db.col(colTokens).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d); err != nil {
		return nil, translate(err, tokenWhat)
	}
	return &app.Token{ID: d.ID, UserID: d.UserID, Name: d.Name, CreatedAt: d.CreatedAt, LastUsedAt: d.LastUsedAt}, nil
}

// TouchToken records that the token was used at at.
func (s *SessionStore) TouchToken(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.col(colTokens).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "last_used_at", Value: utc(at)}}}})
	return translate(err, tokenWhat)
}

// DeleteUserTokens revokes every token of a user.
func (s *SessionStore) DeleteUserTokens(ctx context.Context, userID string) error {
	_, err := s.db.col(colTokens).DeleteMany(ctx, bson.D{{Key: "user_id", Value: userID}})
	return translate(err, tokenWhat)
}
