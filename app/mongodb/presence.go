package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

const colPresence = "presence"

var _ app.PresenceStore = (*StatementStore)(nil)

// presenceDoc is who has one statement open: one document per statement,
// found by _id, with a heartbeat per user.
type presenceDoc struct {
	ID    string                  `bson:"_id"`
	Users map[string]presenceUser `bson:"users"`
}

type presenceUser struct {
	Name string    `bson:"name"`
	At   time.Time `bson:"at"`
}

// SeePresence records p's heartbeat on statementID and returns everyone
// seen there since since; older heartbeats are dropped in the same write.
func (s *StatementStore) SeePresence(ctx context.Context, statementID string, p app.Presence, since time.Time) ([]app.Presence, error) {
	unlock, err := s.db.lock(ctx, colPresence, statementID)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var d presenceDoc
	err = s.db.findByID(ctx, colPresence, statementID, &d, "Närvaron")
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return nil, err
	}
	users := map[string]presenceUser{p.UserID: {Name: p.Name, At: utc(p.At)}}
	var out []app.Presence
	for id, u := range d.Users {
		if id != p.UserID && !u.At.Before(since) {
			users[id] = u
		}
	}
	for id, u := range users {
		out = append(out, app.Presence{UserID: id, Name: u.Name, At: u.At})
	}
	_, err = s.db.col(colPresence).ReplaceOne(ctx, bson.D{{Key: "_id", Value: statementID}},
		presenceDoc{ID: statementID, Users: users}, options.Replace().SetUpsert(true))
	return out, translate(err, "Närvaron")
}
