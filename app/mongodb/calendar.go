package mongodb

import (
	"context"
	"encoding/hex"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// Calendar feeds are kept by the SessionStore, beside sessions and API
// tokens: one document per user (_id the user id) with the SHA-256 of the
// feed token, never the token.
const (
	colCalendarFeeds = "calendar_feeds"
	colSettings      = "settings"
	calendarKeyID    = "calendar_key"
)

func init() {
	indexes = append(indexes, index{colCalendarFeeds, bson.D{{Key: "token_hash", Value: 1}}, true})
}

var _ app.CalendarFeedStore = (*SessionStore)(nil)

type calendarFeedDoc struct {
	UserID    string    `bson:"_id"`
	Nonce     string    `bson:"nonce"`
	TokenHash string    `bson:"token_hash"`
	CreatedAt time.Time `bson:"created_at"`
}

const calendarWhat = "Kalendern"

// SaveCalendarFeed creates or replaces the user's feed.
func (s *SessionStore) SaveCalendarFeed(ctx context.Context, f *app.CalendarFeed) error {
	d := calendarFeedDoc{UserID: f.UserID, Nonce: f.Nonce, TokenHash: f.TokenHash, CreatedAt: utc(f.CreatedAt)}
	_, err := s.db.col(colCalendarFeeds).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.UserID}}, d,
		options.Replace().SetUpsert(true))
	return translate(err, calendarWhat)
}

// CalendarFeedOf returns the user's feed.
func (s *SessionStore) CalendarFeedOf(ctx context.Context, userID string) (*app.CalendarFeed, error) {
	return s.calendarFeed(ctx, bson.D{{Key: "_id", Value: userID}})
}

// CalendarFeedByTokenHash returns the feed with that token hash.
func (s *SessionStore) CalendarFeedByTokenHash(ctx context.Context, hash string) (*app.CalendarFeed, error) {
	return s.calendarFeed(ctx, bson.D{{Key: "token_hash", Value: hash}})
}

func (s *SessionStore) calendarFeed(ctx context.Context, filter bson.D) (*app.CalendarFeed, error) {
	var d calendarFeedDoc
	if err := s.db.col(colCalendarFeeds).FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, translate(err, calendarWhat)
	}
	return &app.CalendarFeed{UserID: d.UserID, Nonce: d.Nonce, TokenHash: d.TokenHash, CreatedAt: d.CreatedAt}, nil
}

// DeleteCalendarFeed revokes the user's feed.
func (s *SessionStore) DeleteCalendarFeed(ctx context.Context, userID string) error {
	_, err := s.db.col(colCalendarFeeds).DeleteOne(ctx, bson.D{{Key: "_id", Value: userID}})
	return translate(err, calendarWhat)
}

type settingDoc struct {
	ID    string `bson:"_id"`
	Value string `bson:"value"`
}

// CalendarKey returns the key feed tokens are derived with, creating it
// on first use.
func (s *SessionStore) CalendarKey(ctx context.Context) ([]byte, error) {
	return s.SecretKey(ctx, calendarKeyID)
}

var _ app.KeyStore = (*SessionStore)(nil)

// SecretKey returns the server's secret key name (a setting of 32 random
// bytes), creating it on first use; replicas racing to create it all end
// up with the winner's.
func (s *SessionStore) SecretKey(ctx context.Context, name string) ([]byte, error) {
	col := s.db.col(colSettings)
	var d settingDoc
	err := col.FindOne(ctx, bson.D{{Key: "_id", Value: name}}).Decode(&d)
	if err == mongo.ErrNoDocuments {
		_, err = col.InsertOne(ctx, settingDoc{ID: name, Value: app.RandomToken(32)})
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return nil, translate(err, calendarWhat)
		}
		err = col.FindOne(ctx, bson.D{{Key: "_id", Value: name}}).Decode(&d)
	}
	if err != nil {
		return nil, translate(err, calendarWhat)
	}
	return hex.DecodeString(d.Value)
}
