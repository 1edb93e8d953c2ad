package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// Standing positions are kept by the IssueStore in a collection of their
// own, each document naming its issue.
const colPositions = "issue_positions"

func init() {
	indexes = append(indexes, index{colPositions, bson.D{{Key: "issue_id", Value: 1}, {Key: "created_at", Value: 1}}, false})
}

var _ app.PositionStore = (*IssueStore)(nil)

type positionDoc struct {
	ID        bson.ObjectID `bson:"_id"`
	IssueID   string        `bson:"issue_id"`
	Title     string        `bson:"title"`
	Text      string        `bson:"text"`
	Public    bool          `bson:"public"`
	Retired   bool          `bson:"retired"`
	UsedIn    []string      `bson:"used_in,omitempty"`
	Version   int           `bson:"version"`
	CreatedAt time.Time     `bson:"created_at"`
	UpdatedAt time.Time     `bson:"updated_at"`
	UpdatedBy string        `bson:"updated_by,omitempty"`
}

func (d *positionDoc) position() *app.Position {
	return &app.Position{ID: d.ID.Hex(), IssueID: d.IssueID, Title: d.Title, Text: d.Text, Public: d.Public,
		Retired: d.Retired, UsedIn: d.UsedIn, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		UpdatedBy: d.UpdatedBy}
}

const positionWhat = "Ståndpunkten"

// CreatePosition inserts p and sets its ID and version.
func (s *IssueStore) CreatePosition(ctx context.Context, p *app.Position) error {
	d := positionDoc{ID: bson.NewObjectID(), IssueID: p.IssueID, Title: p.Title, Text: p.Text, Public: p.Public,
		Retired: p.Retired, UsedIn: p.UsedIn, Version: 1, CreatedAt: utc(p.CreatedAt), UpdatedAt: utc(p.UpdatedAt),
		UpdatedBy: p.UpdatedBy}
	if _, err := s.db.col(colPositions).InsertOne(ctx, d); err != nil {
		return translate(err, positionWhat)
	}
	p.ID, p.Version = d.ID.Hex(), 1
	return nil
}

// PositionByID returns the position with that id.
func (s *IssueStore) PositionByID(ctx context.Context, id string) (*app.Position, error) {
	o, err := oid(id, positionWhat)
	if err != nil {
		return nil, err
	}
	var d positionDoc
	if err := s.db.col(colPositions).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Decode(&d); err != nil {
		return nil, translate(err, positionWhat)
	}
	return d.position(), nil
}

// ListPositions lists the positions of the issues, oldest first.
func (s *IssueStore) ListPositions(ctx context.Context, issueIDs ...string) ([]*app.Position, error) {
	filter := bson.D{}
	if len(issueIDs) > 0 {
		filter = bson.D{{Key: "issue_id", Value: bson.D{{Key: "$in", Value: issueIDs}}}}
	}
	sort := bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}
	docs, _, err := findPage[positionDoc](ctx, s.db.col(colPositions), filter, sort, app.Page{})
	if err != nil {
		return nil, err
	}
	out := make([]*app.Position, len(docs))
	for i := range docs {
		out[i] = docs[i].position()
	}
	return out, nil
}

// UpdatePosition stores the editable fields of p at p.Version.
func (s *IssueStore) UpdatePosition(ctx context.Context, p *app.Position) error {
	o, err := oid(p.ID, positionWhat)
	if err != nil {
		return err
	}
	set := bson.D{{Key: "title", Value: p.Title}, {Key: "text", Value: p.Text}, {Key: "public", Value: p.Public},
		{Key: "retired", Value: p.Retired}, {Key: "used_in", Value: p.UsedIn}, {Key: "updated_at", Value: utc(p.UpdatedAt)},
		{Key: "updated_by", Value: p.UpdatedBy}}
	if err := s.db.updateVersioned(ctx, colPositions, o, p.Version, set, positionWhat); err != nil {
		return err
	}
	p.Version++
	return nil
}
