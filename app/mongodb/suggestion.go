package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

const colSuggestions = "suggestions"

var _ app.SuggestionStore = (*StatementStore)(nil)

func init() {
	indexes = append(indexes, index{colSuggestions, bson.D{{Key: "statement_id", Value: 1}, {Key: "created_at", Value: 1}}, false})
}

type suggestionDoc struct {
	ID          bson.ObjectID `bson:"_id"`
	StatementID string        `bson:"statement_id"`
	Block       string        `bson:"block"`
	Text        string        `bson:"text"`
	BaseVersion int           `bson:"base_version"`
	BaseText    string        `bson:"base_text"`
	AuthorID    string        `bson:"author_id"`
	AuthorName  string        `bson:"author_name"`
	State       string        `bson:"state"`
	Reason      string        `bson:"reason,omitempty"`
	DecidedBy   string        `bson:"decided_by,omitempty"`
	DecidedAt   time.Time     `bson:"decided_at,omitempty"`
	CreatedAt   time.Time     `bson:"created_at"`
}

func (d *suggestionDoc) suggestion() *app.Suggestion {
	return &app.Suggestion{ID: d.ID.Hex(), StatementID: d.StatementID, Block: d.Block, Text: d.Text,
		BaseVersion: d.BaseVersion, BaseText: d.BaseText, AuthorID: d.AuthorID, AuthorName: d.AuthorName,
		State: d.State, Reason: d.Reason, DecidedBy: d.DecidedBy, DecidedAt: d.DecidedAt, CreatedAt: d.CreatedAt}
}

const suggestionWhat = "Förslaget"

// CreateSuggestion inserts sg and sets its ID.
func (s *StatementStore) CreateSuggestion(ctx context.Context, sg *app.Suggestion) error {
	d := suggestionDoc{ID: bson.NewObjectID(), StatementID: sg.StatementID, Block: sg.Block, Text: sg.Text,
		BaseVersion: sg.BaseVersion, BaseText: sg.BaseText, AuthorID: sg.AuthorID, AuthorName: sg.AuthorName,
		State: sg.State, CreatedAt: utc(sg.CreatedAt)}
	if _, err := s.db.col(colSuggestions).InsertOne(ctx, d); err != nil {
		return translate(err, suggestionWhat)
	}
	sg.ID, sg.CreatedAt = d.ID.Hex(), d.CreatedAt
	return nil
}

// SuggestionByID returns the suggestion with that id.
func (s *StatementStore) SuggestionByID(ctx context.Context, id string) (*app.Suggestion, error) {
	o, err := oid(id, suggestionWhat)
	if err != nil {
		return nil, err
	}
	var d suggestionDoc
	if err := s.db.findByID(ctx, colSuggestions, o, &d, suggestionWhat); err != nil {
		return nil, err
	}
	return d.suggestion(), nil
}

// ListSuggestions lists a statement's suggestions, oldest first.
func (s *StatementStore) ListSuggestions(ctx context.Context, statementID string) ([]*app.Suggestion, error) {
	cur, err := s.db.col(colSuggestions).Find(ctx, bson.D{{Key: "statement_id", Value: statementID}},
		options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, translate(err, suggestionWhat)
	}
	var docs []suggestionDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, suggestionWhat)
	}
	out := make([]*app.Suggestion, len(docs))
	for i := range docs {
		out[i] = docs[i].suggestion()
	}
	return out, nil
}

// DecideSuggestion moves the open suggestion id to state; a decided one is
// ECONFLICT.
func (s *StatementStore) DecideSuggestion(ctx context.Context, id, state, by, reason string, at time.Time) error {
	o, err := oid(id, suggestionWhat)
	if err != nil {
		return err
	}
	cond := bson.D{{Key: "state", Value: app.SuggestionOpen}}
	check := func(raw bson.Raw) error {
		if st, _ := raw.Lookup("state").StringValueOK(); st != app.SuggestionOpen {
			return app.Errorf(app.ECONFLICT, "error.suggestion.decided")
		}
		return nil
	}
	set := bson.D{{Key: "state", Value: state}, {Key: "decided_by", Value: by}, {Key: "decided_at", Value: utc(at)}}
	if reason != "" {
		set = append(set, bson.E{Key: "reason", Value: reason})
	}
	return s.db.guardedUpdate(ctx, colSuggestions, o, cond, check, bson.D{{Key: "$set", Value: set}}, suggestionWhat, nil)
}
