package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

func init() {
	indexes = append(indexes,
		index{colIssues, bson.D{{Key: "search_dirty", Value: 1}}, false},
		index{colIssues, bson.D{{Key: "consultation_ids", Value: 1}}, false},
	)
}

// issueFilter turns a filter into a query.
func issueFilter(f app.IssueFilter) bson.D {
	q := bson.D{}
	if f.PublicOnly {
		q = append(q, bson.E{Key: "public", Value: true})
	}
	for _, c := range []struct{ key, value string }{
		{"status", f.Status}, {"priority", f.Priority}, {"topics", f.Topic}, {"consultation_ids", f.ConsultationID},
	} {
		if c.value != "" {
			q = append(q, bson.E{Key: c.key, Value: c.value})
		}
	}
	return q
}

// UpdateIssue stores the editable fields of i, conditional on i.Version;
// the slug and the log stay as they are.
func (s *IssueStore) UpdateIssue(ctx context.Context, i *app.Issue) error {
	o, err := oid(i.ID, issueWhat)
	if err != nil {
		return err
	}
	set := bson.D{{Key: "title", Value: i.Title}, {Key: "summary", Value: i.Summary}, {Key: "body", Value: i.Body},
		{Key: "topics", Value: i.Topics}, {Key: "priority", Value: i.Priority}, {Key: "status", Value: i.Status},
		{Key: "public", Value: i.Public}, {Key: "owner_member_ids", Value: i.OwnerMemberIDs},
		{Key: "consultation_ids", Value: i.ConsultationIDs}, {Key: "statement_ids", Value: i.StatementIDs},
		{Key: "updated_at", Value: utc(i.UpdatedAt)}, {Key: "search_dirty", Value: true}}
	if err := s.db.updateVersioned(ctx, colIssues, o, i.Version, set, issueWhat); err != nil {
		return err
	}
	i.Version++
	return nil
}

// appendRetries bounds how often AppendIssueAction retries after another
// writer moved the issue on.
const appendRetries = 20

// AppendIssueAction adds a to the log of issue id whatever its version:
// it reads the issue and writes the longer log conditional on the version
// it read, retrying when another process's write came between. (FerretDB
// v1 applies $push by reading and writing back the document, so concurrent
// pushes lost entries; see docLocks.)
func (s *IssueStore) AppendIssueAction(ctx context.Context, id string, a app.IssueAction, now time.Time) (*app.Issue, error) {
	o, err := oid(id, issueWhat)
	if err != nil {
		return nil, err
	}
	for range appendRetries {
		var d issueDoc
		if err := s.db.col(colIssues).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Decode(&d); err != nil {
			return nil, translate(err, issueWhat)
		}
		d.Log = append(d.Log, actionDoc(a))
		set := bson.D{{Key: "log", Value: d.Log}, {Key: "updated_at", Value: utc(now)}, {Key: "search_dirty", Value: true}}
		err := s.db.updateVersioned(ctx, colIssues, o, d.Version, set, issueWhat)
		if app.ErrorCode(err) == app.ECONFLICT {
			continue
		}
		if err != nil {
			return nil, err
		}
		d.Version++
		d.UpdatedAt = utc(now)
		return d.issue(), nil
	}
	return nil, app.Errorf(app.ECONFLICT, "%s ändras av många samtidigt. Försök igen.", issueWhat)
}

var _ app.SearchSource = (*IssueStore)(nil)

// PendingSearch lists up to limit issues whose index entry is behind.
// Issues belong in the internal index only, public or not: the public
// index holds published statements alone.
func (s *IssueStore) PendingSearch(ctx context.Context, limit int) ([]app.IndexTask, error) {
	docs, err := findDirty[issueDoc](ctx, s.db, colIssues, limit)
	if err != nil {
		return nil, err
	}
	out := make([]app.IndexTask, len(docs))
	for k := range docs {
		i := docs[k].issue()
		doc := app.SearchDoc{ID: i.ID, Type: "issue", Kind: i.Priority, Title: i.Title, Slug: i.Slug,
			Summary: i.Summary, Body: i.Body, Topics: i.Topics, Status: i.Status}
		out[k] = app.IndexTask{Doc: doc, Version: i.Version, Public: false}
	}
	return out, nil
}

// MarkIndexed clears the dirty mark of issue id if it is still at version.
func (s *IssueStore) MarkIndexed(ctx context.Context, id string, version int) error {
	return s.db.markIndexed(ctx, colIssues, id, version, issueWhat)
}
