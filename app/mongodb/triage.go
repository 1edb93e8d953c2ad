package mongodb

import (
	"context"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// colTriage holds the remisser in triage (see app.Triage).
const colTriage = "triage"

func init() {
	indexes = append(indexes,
		index{colTriage, bson.D{{Key: "source_url", Value: 1}}, true},
		index{colTriage, bson.D{{Key: "reference_key", Value: 1}}, false},
		index{colTriage, bson.D{{Key: "state", Value: 1}, {Key: "relevance", Value: -1}, {Key: "deadline_key", Value: 1}}, false},
	)
	collections = append(collections, colTriage)
}

// TriageStore keeps the remisser in triage.
type TriageStore struct{ db *DB }

var _ app.TriageStore = (*TriageStore)(nil)

// NewTriageStore returns a store on db.
func NewTriageStore(db *DB) *TriageStore { return &TriageStore{db: db} }

type triageDoc struct {
	ID             bson.ObjectID     `bson:"_id"`
	Title          string            `bson:"title"`
	Reference      string            `bson:"reference,omitempty"`
	ReferenceKey   string            `bson:"reference_key,omitempty"`
	ReportNumber   string            `bson:"report_number,omitempty"`
	Issuer         string            `bson:"issuer,omitempty"`
	SourceURL      string            `bson:"source_url"`
	Published      time.Time         `bson:"published,omitempty"`
	Deadline       time.Time         `bson:"deadline,omitempty"`
	DeadlineKey    string            `bson:"deadline_key"` // YYYY-MM-DD, "9999-12-31" for none: sorts last
	Documents      []linkDoc         `bson:"documents,omitempty"`
	Missing        []string          `bson:"missing,omitempty"`
	Relevance      float64           `bson:"relevance"`
	Reasons        []triageReasonDoc `bson:"reasons,omitempty"`
	InvitedMembers []string          `bson:"invited_members,omitempty"`
	State          string            `bson:"state"`
	DismissReason  string            `bson:"dismiss_reason,omitempty"`
	ConsultationID string            `bson:"consultation_id,omitempty"`
	DecidedBy      string            `bson:"decided_by,omitempty"`
	DecidedAt      time.Time         `bson:"decided_at,omitempty"`
	Version        int               `bson:"version"`
	CreatedAt      time.Time         `bson:"created_at"`
	UpdatedAt      time.Time         `bson:"updated_at"`
}

type triageReasonDoc struct {
	IssueID    string   `bson:"issue_id"`
	IssueTitle string   `bson:"issue_title"`
	Terms      []string `bson:"terms,omitempty"`
	Topics     []string `bson:"topics,omitempty"`
	Score      float64  `bson:"score"`
}

const triageWhat = "Remissen i inkorgen"

func triageDocOf(t *app.TriageItem) triageDoc {
	d := triageDoc{Title: t.Title, Reference: t.Reference, ReferenceKey: t.ReferenceKey, ReportNumber: t.ReportNumber,
		Issuer: t.Issuer, SourceURL: t.SourceURL, Published: dateValue(t.Published), Deadline: dateValue(t.Deadline),
		DeadlineKey: "9999-12-31", Missing: t.Missing, Relevance: t.Relevance, InvitedMembers: t.InvitedMembers,
		State: string(t.State), DismissReason: t.DismissReason, ConsultationID: t.ConsultationID,
		DecidedBy: t.DecidedBy, Version: t.Version, CreatedAt: utc(t.CreatedAt), UpdatedAt: utc(t.UpdatedAt)}
	if !t.Deadline.IsZero() {
		d.DeadlineKey = t.Deadline.String()
	}
	if !t.DecidedAt.IsZero() {
		d.DecidedAt = utc(t.DecidedAt)
	}
	for _, l := range t.Documents {
		d.Documents = append(d.Documents, linkDoc{Title: l.Title, URL: l.URL})
	}
	for _, r := range t.Reasons {
		d.Reasons = append(d.Reasons, triageReasonDoc{IssueID: r.IssueID, IssueTitle: r.IssueTitle, Terms: r.Terms,
			Topics: r.Topics, Score: r.Score})
	}
	return d
}

func (d *triageDoc) item() *app.TriageItem {
	t := &app.TriageItem{ID: d.ID.Hex(), Title: d.Title, Reference: d.Reference, ReferenceKey: d.ReferenceKey,
		ReportNumber: d.ReportNumber, Issuer: d.Issuer, SourceURL: d.SourceURL, Published: dateOf(d.Published),
		Deadline: dateOf(d.Deadline), Missing: d.Missing, Relevance: d.Relevance, InvitedMembers: d.InvitedMembers,
		State: app.TriageState(d.State), DismissReason: d.DismissReason, ConsultationID: d.ConsultationID,
		DecidedBy: d.DecidedBy, DecidedAt: d.DecidedAt, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	for _, l := range d.Documents {
		t.Documents = append(t.Documents, app.Link{Title: l.Title, URL: l.URL})
	}
	for _, r := range d.Reasons {
		t.Reasons = append(t.Reasons, app.TriageReason{IssueID: r.IssueID, IssueTitle: r.IssueTitle, Terms: r.Terms,
			Topics: r.Topics, Score: r.Score})
	}
	return t
}

// CreateTriageItem inserts t and sets its ID and version; a source URL
// already in triage is ECONFLICT (unique index).
func (s *TriageStore) CreateTriageItem(ctx context.Context, t *app.TriageItem) error {
	d := triageDocOf(t)
	d.ID, d.Version = bson.NewObjectID(), 1
	if _, err := s.db.col(colTriage).InsertOne(ctx, d); err != nil {
		return translate(err, triageWhat)
	}
	t.ID, t.Version = d.ID.Hex(), 1
	return nil
}

// TriageItemByID returns the item with that id.
func (s *TriageStore) TriageItemByID(ctx context.Context, id string) (*app.TriageItem, error) {
	o, err := oid(id, triageWhat)
	if err != nil {
		return nil, err
	}
	var d triageDoc
	if err := s.db.findByID(ctx, colTriage, o, &d, triageWhat); err != nil {
		return nil, err
	}
	return d.item(), nil
}

// TriageItemBySource finds the item by source URL, else by reference key.
func (s *TriageStore) TriageItemBySource(ctx context.Context, url, referenceKey string) (*app.TriageItem, error) {
	or := bson.A{bson.D{{Key: "source_url", Value: url}}}
	if referenceKey != "" {
		or = append(or, bson.D{{Key: "reference_key", Value: referenceKey}})
	}
	var d triageDoc
	if err := s.db.col(colTriage).FindOne(ctx, bson.D{{Key: "$or", Value: or}}).Decode(&d); err != nil {
		return nil, translate(err, triageWhat)
	}
	return d.item(), nil
}

// ListTriage lists by relevance, then deadline (none last), then age.
func (s *TriageStore) ListTriage(ctx context.Context, f app.TriageFilter) ([]*app.TriageItem, int, error) {
	filter := bson.D{}
	if f.State != "" {
		filter = append(filter, bson.E{Key: "state", Value: string(f.State)})
	}
	if f.Query != "" {
		re := bson.Regex{Pattern: regexp.QuoteMeta(f.Query), Options: "i"}
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{bson.D{{Key: "title", Value: re}},
			bson.D{{Key: "reference", Value: re}}, bson.D{{Key: "issuer", Value: re}}}})
	}
	sort := bson.D{{Key: "relevance", Value: -1}, {Key: "deadline_key", Value: 1}, {Key: "_id", Value: 1}}
	docs, total, err := findPage[triageDoc](ctx, s.db.col(colTriage), filter, sort, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.TriageItem, len(docs))
	for i := range docs {
		out[i] = docs[i].item()
	}
	return out, total, nil
}

// CountTriage counts the items in state.
func (s *TriageStore) CountTriage(ctx context.Context, state app.TriageState) (int, error) {
	n, err := s.db.col(colTriage).CountDocuments(ctx, bson.D{{Key: "state", Value: string(state)}})
	return int(n), translate(err, triageWhat)
}

// UpdateTriageItem stores the decision of t, conditional on t.Version.
func (s *TriageStore) UpdateTriageItem(ctx context.Context, t *app.TriageItem) error {
	o, err := oid(t.ID, triageWhat)
	if err != nil {
		return err
	}
	set := bson.D{{Key: "state", Value: string(t.State)}, {Key: "dismiss_reason", Value: t.DismissReason},
		{Key: "consultation_id", Value: t.ConsultationID}, {Key: "decided_by", Value: t.DecidedBy},
		{Key: "decided_at", Value: utc(t.DecidedAt)}, {Key: "invited_members", Value: t.InvitedMembers},
		{Key: "updated_at", Value: utc(t.UpdatedAt)}}
	if err := s.db.updateVersioned(ctx, colTriage, o, t.Version, set, triageWhat); err != nil {
		return err
	}
	t.Version++
	return nil
}
