package mongodb

import (
	"context"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// AuditLog appends audit events; it has no method that changes one.
type AuditLog struct{ db *DB }

var _ app.AuditLog = (*AuditLog)(nil)

// NewAuditLog returns a log on db.
func NewAuditLog(db *DB) *AuditLog { return &AuditLog{db: db} }

type auditDoc struct {
	ID         bson.ObjectID `bson:"_id"`
	At         time.Time     `bson:"at"`
	ActorID    string        `bson:"actor_id,omitempty"`
	ActorName  string        `bson:"actor_name,omitempty"`
	Action     string        `bson:"action"`
	EntityType string        `bson:"entity_type"`
	EntityID   string        `bson:"entity_id"`
	Before     string        `bson:"before,omitempty"`
	After      string        `bson:"after,omitempty"`
	Note       string        `bson:"note,omitempty"`
}

// AppendAudit inserts e and sets its ID.
func (l *AuditLog) AppendAudit(ctx context.Context, e *app.AuditEvent) error {
	d := auditDoc{ID: bson.NewObjectID(), At: utc(e.At), ActorID: e.ActorID, ActorName: e.ActorName,
		Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID, Before: e.Before, After: e.After, Note: e.Note}
	if _, err := l.db.col(colAudit).InsertOne(ctx, d); err != nil {
		return translate(err, "Händelsen")
	}
	e.ID = d.ID.Hex()
	return nil
}

// ListAudit lists events, newest first.
func (l *AuditLog) ListAudit(ctx context.Context, f app.AuditFilter) ([]*app.AuditEvent, int, error) {
	filter := bson.D{}
	if f.EntityType != "" {
		filter = append(filter, bson.E{Key: "entity_type", Value: f.EntityType})
	}
	if f.EntityID != "" {
		filter = append(filter, bson.E{Key: "entity_id", Value: f.EntityID})
	}
	if f.Action != "" {
		filter = append(filter, bson.E{Key: "action", Value: f.Action})
	}
	if f.Actor != "" {
		filter = append(filter, bson.E{Key: "actor_name", Value: bson.Regex{Pattern: regexp.QuoteMeta(f.Actor), Options: "i"}})
	}
	at := bson.D{}
	if !f.From.IsZero() {
		at = append(at, bson.E{Key: "$gte", Value: utc(f.From)})
	}
	if !f.To.IsZero() {
		at = append(at, bson.E{Key: "$lt", Value: utc(f.To)})
	}
	if len(at) > 0 {
		filter = append(filter, bson.E{Key: "at", Value: at})
	}
	docs, total, err := findPage[auditDoc](ctx, l.db.col(colAudit), filter,
		bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.AuditEvent, len(docs))
	for i, d := range docs {
		out[i] = &app.AuditEvent{ID: d.ID.Hex(), At: d.At, ActorID: d.ActorID, ActorName: d.ActorName,
			Action: d.Action, EntityType: d.EntityType, EntityID: d.EntityID, Before: d.Before, After: d.After, Note: d.Note}
	}
	return out, total, nil
}
