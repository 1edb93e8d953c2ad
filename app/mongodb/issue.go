package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// IssueStore keeps advocacy issues (påverkansfrågor).
type IssueStore struct{ db *DB }

var _ app.IssueStore = (*IssueStore)(nil)

// NewIssueStore returns a store on db.
func NewIssueStore(db *DB) *IssueStore { return &IssueStore{db: db} }

type issueDoc struct {
	ID              bson.ObjectID    `bson:"_id"`
	Title           string           `bson:"title"`
	Slug            string           `bson:"slug"`
	Summary         string           `bson:"summary"`
	Body            string           `bson:"body"`
	Topics          []string         `bson:"topics,omitempty"`
	Priority        string           `bson:"priority"`
	Status          string           `bson:"status"`
	Public          bool             `bson:"public"`
	OwnerMemberIDs  []string         `bson:"owner_member_ids,omitempty"`
	ConsultationIDs []string         `bson:"consultation_ids,omitempty"`
	StatementIDs    []string         `bson:"statement_ids,omitempty"`
	Log             []issueActionDoc `bson:"log,omitempty"`
	Version         int              `bson:"version"`
	CreatedAt       time.Time        `bson:"created_at"`
	UpdatedAt       time.Time        `bson:"updated_at"`
	SearchDirty     bool             `bson:"search_dirty"`
}

type issueActionDoc struct {
	On         time.Time `bson:"on,omitempty"`
	Who        string    `bson:"who,omitempty"`
	Note       string    `bson:"note"`
	URL        string    `bson:"url,omitempty"`
	RecordedBy string    `bson:"recorded_by,omitempty"`
}

func actionDoc(a app.IssueAction) issueActionDoc {
	return issueActionDoc{On: dateValue(a.On), Who: a.Who, Note: a.Note, URL: a.URL, RecordedBy: a.RecordedBy}
}

func (d *issueDoc) issue() *app.Issue {
	i := &app.Issue{ID: d.ID.Hex(), Title: d.Title, Slug: d.Slug, Summary: d.Summary, Body: d.Body,
		Topics: d.Topics, Priority: d.Priority, Status: d.Status, Public: d.Public, OwnerMemberIDs: d.OwnerMemberIDs,
		ConsultationIDs: d.ConsultationIDs, StatementIDs: d.StatementIDs, Version: d.Version,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	for _, a := range d.Log {
		i.Log = append(i.Log, app.IssueAction{On: dateOf(a.On), Who: a.Who, Note: a.Note, URL: a.URL, RecordedBy: a.RecordedBy})
	}
	return i
}

const issueWhat = "Påverkansfrågan"

// CreateIssue inserts i and sets its ID and version; a taken slug is
// ECONFLICT.
func (s *IssueStore) CreateIssue(ctx context.Context, i *app.Issue) error {
	d := issueDoc{ID: bson.NewObjectID(), Title: i.Title, Slug: i.Slug, Summary: i.Summary, Body: i.Body,
		Topics: i.Topics, Priority: i.Priority, Status: i.Status, Public: i.Public, OwnerMemberIDs: i.OwnerMemberIDs,
		ConsultationIDs: i.ConsultationIDs, StatementIDs: i.StatementIDs, Version: 1,
		CreatedAt: utc(i.CreatedAt), UpdatedAt: utc(i.UpdatedAt), SearchDirty: true}
	for _, a := range i.Log {
		d.Log = append(d.Log, actionDoc(a))
	}
	if _, err := s.db.col(colIssues).InsertOne(ctx, d); err != nil {
		return conflictOn(translate(err, issueWhat), "title", "Det finns redan en påverkansfråga med samma adress.")
	}
	i.ID, i.Version = d.ID.Hex(), 1
	return nil
}

// IssueByID returns the issue with that id.
func (s *IssueStore) IssueByID(ctx context.Context, id string) (*app.Issue, error) {
	o, err := oid(id, issueWhat)
	if err != nil {
		return nil, err
	}
	var d issueDoc
	if err := s.db.col(colIssues).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Decode(&d); err != nil {
		return nil, translate(err, issueWhat)
	}
	return d.issue(), nil
}

// ListIssues lists issues by title; see app.IssueFilter.
func (s *IssueStore) ListIssues(ctx context.Context, f app.IssueFilter) ([]*app.Issue, int, error) {
	sort := bson.D{{Key: "title", Value: 1}, {Key: "_id", Value: 1}}
	docs, total, err := findPage[issueDoc](ctx, s.db.col(colIssues), issueFilter(f), sort, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.Issue, len(docs))
	for i := range docs {
		out[i] = docs[i].issue()
	}
	return out, total, nil
}
