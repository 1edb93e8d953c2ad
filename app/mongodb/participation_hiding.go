package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colParticipationHidden holds the members left out of the public
// participation view, one document per member (_id its id).
const colParticipationHidden = "participation_hidden"

func init() { collections = append(collections, colParticipationHidden) }

var _ app.ParticipationHidingStore = (*MemberStore)(nil)

type hidingDoc struct {
	MemberID string    `bson:"_id"`
	Reason   string    `bson:"reason"`
	By       string    `bson:"by"`
	At       time.Time `bson:"at"`
}

const hidingWhat = "Döljandet"

// HideMember creates or replaces the hiding of h.MemberID.
func (s *MemberStore) HideMember(ctx context.Context, h *app.ParticipationHiding) error {
	d := hidingDoc{MemberID: h.MemberID, Reason: h.Reason, By: h.By, At: utc(h.At)}
	_, err := s.db.col(colParticipationHidden).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.MemberID}}, d,
		options.Replace().SetUpsert(true))
	return translate(err, hidingWhat)
}

// ShowMember removes the hiding of memberID.
func (s *MemberStore) ShowMember(ctx context.Context, memberID string) error {
	res, err := s.db.col(colParticipationHidden).DeleteOne(ctx, bson.D{{Key: "_id", Value: memberID}})
	if err != nil {
		return translate(err, hidingWhat)
	}
	if res.DeletedCount == 0 {
		return app.Errorf(app.ENOTFOUND, "%s finns inte.", hidingWhat)
	}
	return nil
}

// HiddenMembers lists every hiding.
func (s *MemberStore) HiddenMembers(ctx context.Context) ([]*app.ParticipationHiding, error) {
	docs, _, err := findPage[hidingDoc](ctx, s.db.col(colParticipationHidden), bson.D{}, bson.D{{Key: "_id", Value: 1}}, app.Page{})
	out := make([]*app.ParticipationHiding, len(docs))
	for i, d := range docs {
		out[i] = &app.ParticipationHiding{MemberID: d.MemberID, Reason: d.Reason, By: d.By, At: d.At}
	}
	return out, err
}
