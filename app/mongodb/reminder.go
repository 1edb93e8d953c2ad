package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// colReminders records each reminder before it is sent. Its unique index
// on (consultation_id, milestone, due, days_before) is what makes a
// reminder go out once across runs, restarts and replicas.
const colReminders = "reminders"

func init() {
	indexes = append(indexes, index{colReminders, bson.D{{Key: "consultation_id", Value: 1},
		{Key: "milestone", Value: 1}, {Key: "due", Value: 1}, {Key: "days_before", Value: 1}}, true})
}

// ReminderStore records the reminders sent.
type ReminderStore struct{ db *DB }

var _ app.ReminderLog = (*ReminderStore)(nil)

// NewReminderStore returns a store on db.
func NewReminderStore(db *DB) *ReminderStore { return &ReminderStore{db: db} }

type reminderDoc struct {
	ID             bson.ObjectID `bson:"_id"`
	ConsultationID string        `bson:"consultation_id"`
	Milestone      string        `bson:"milestone"`
	Due            time.Time     `bson:"due"`
	DaysBefore     int           `bson:"days_before"`
	ClaimedAt      time.Time     `bson:"claimed_at"`
}

func reminderKey(r *app.Reminder) bson.D {
	return bson.D{{Key: "consultation_id", Value: r.ConsultationID}, {Key: "milestone", Value: string(r.Kind)},
		{Key: "due", Value: dateValue(r.Due)}, {Key: "days_before", Value: r.DaysBefore}}
}

// ClaimReminder inserts the reminder's record; ECONFLICT when it exists.
func (s *ReminderStore) ClaimReminder(ctx context.Context, r *app.Reminder, at time.Time) error {
	d := reminderDoc{ID: bson.NewObjectID(), ConsultationID: r.ConsultationID, Milestone: string(r.Kind),
		Due: dateValue(r.Due), DaysBefore: r.DaysBefore, ClaimedAt: utc(at)}
	_, err := s.db.col(colReminders).InsertOne(ctx, d)
	return translate(err, "Påminnelsen")
}

// ReleaseReminder deletes the reminder's record.
func (s *ReminderStore) ReleaseReminder(ctx context.Context, r *app.Reminder) error {
	_, err := s.db.col(colReminders).DeleteOne(ctx, reminderKey(r))
	return translate(err, "Påminnelsen")
}
