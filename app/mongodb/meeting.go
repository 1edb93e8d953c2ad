package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// colMeetings holds the members' board meeting dates.
const colMeetings = "board_meetings"

func init() {
	indexes = append(indexes,
		index{colMeetings, bson.D{{Key: "member_id", Value: 1}, {Key: "body", Value: 1}, {Key: "on", Value: 1}}, true},
		index{colMeetings, bson.D{{Key: "on", Value: 1}}, false},
	)
}

type meetingDoc struct {
	ID        bson.ObjectID `bson:"_id"`
	MemberID  string        `bson:"member_id"`
	Body      string        `bson:"body"`
	On        time.Time     `bson:"on"`
	Note      string        `bson:"note,omitempty"`
	CreatedAt time.Time     `bson:"created_at"`
}

func (d *meetingDoc) meeting() *app.BoardMeeting {
	return &app.BoardMeeting{ID: d.ID.Hex(), MemberID: d.MemberID, Body: app.BoardBody(d.Body), On: dateOf(d.On),
		Note: d.Note, CreatedAt: d.CreatedAt}
}

const meetingWhat = "Sammanträdet"

// CreateMeeting inserts m and sets its ID; the same body meeting twice on
// one day is ECONFLICT.
func (s *ConsultationStore) CreateMeeting(ctx context.Context, m *app.BoardMeeting) error {
	d := meetingDoc{ID: bson.NewObjectID(), MemberID: m.MemberID, Body: string(m.Body), On: dateValue(m.On),
		Note: m.Note, CreatedAt: utc(m.CreatedAt)}
	if _, err := s.db.col(colMeetings).InsertOne(ctx, d); err != nil {
		return conflictOn(translate(err, meetingWhat), "on", "Det sammanträdet finns redan.")
	}
	m.ID = d.ID.Hex()
	return nil
}

// MeetingByID returns the meeting with that id.
func (s *ConsultationStore) MeetingByID(ctx context.Context, id string) (*app.BoardMeeting, error) {
	o, err := oid(id, meetingWhat)
	if err != nil {
		return nil, err
	}
	var d meetingDoc
	if err := s.db.col(colMeetings).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Decode(&d); err != nil {
		return nil, translate(err, meetingWhat)
	}
	return d.meeting(), nil
}

// DeleteMeeting removes the meeting with that id.
func (s *ConsultationStore) DeleteMeeting(ctx context.Context, id string) error {
	o, err := oid(id, meetingWhat)
	if err != nil {
		return err
	}
	res, err := s.db.col(colMeetings).DeleteOne(ctx, bson.D{{Key: "_id", Value: o}})
	if err != nil {
		return translate(err, meetingWhat)
	}
	if res.DeletedCount == 0 {
		return app.Errorf(app.ENOTFOUND, "%s finns inte.", meetingWhat)
	}
	return nil
}

// ListMeetings lists meetings by date, then member.
func (s *ConsultationStore) ListMeetings(ctx context.Context, f app.MeetingFilter) ([]*app.BoardMeeting, int, error) {
	var and bson.A
	if f.MemberID != "" {
		and = append(and, bson.D{{Key: "member_id", Value: f.MemberID}})
	}
	if !f.From.IsZero() {
		and = append(and, bson.D{{Key: "on", Value: bson.D{{Key: "$gte", Value: dateValue(f.From)}}}})
	}
	if !f.To.IsZero() {
		and = append(and, bson.D{{Key: "on", Value: bson.D{{Key: "$lte", Value: dateValue(f.To)}}}})
	}
	filter := bson.D{}
	if len(and) > 0 {
		filter = bson.D{{Key: "$and", Value: and}}
	}
	sort := bson.D{{Key: "on", Value: 1}, {Key: "member_id", Value: 1}, {Key: "_id", Value: 1}}
	docs, total, err := findPage[meetingDoc](ctx, s.db.col(colMeetings), filter, sort, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.BoardMeeting, len(docs))
	for i := range docs {
		out[i] = docs[i].meeting()
	}
	return out, total, nil
}
