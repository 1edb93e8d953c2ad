package mongodb

import (
	"context"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// ConsultationStore keeps consultations (remisser).
type ConsultationStore struct{ db *DB }

var _ app.ConsultationStore = (*ConsultationStore)(nil)

// NewConsultationStore returns a store on db.
func NewConsultationStore(db *DB) *ConsultationStore { return &ConsultationStore{db: db} }

// consultationDoc is a consultation as stored. Dates are BSON dates at
// midnight UTC (see dateValue); an unset date is left out.
type consultationDoc struct {
	ID            bson.ObjectID `bson:"_id"`
	Title         string        `bson:"title"`
	Reference     string        `bson:"reference"`
	ReferenceKey  string        `bson:"reference_key"` // unique; see referenceKey
	ReportNumber  string        `bson:"report_number,omitempty"`
	ReportKey     string        `bson:"report_key,omitempty"`
	Issuer        string        `bson:"issuer"`
	SourceURL     string        `bson:"source_url,omitempty"`
	ReceivedOn    time.Time     `bson:"received_on,omitempty"`
	Deadline      time.Time     `bson:"deadline,omitempty"`
	Status        string        `bson:"status"`
	DeclineReason string        `bson:"decline_reason,omitempty"`
	Documents     []linkDoc     `bson:"documents,omitempty"`
	IssueIDs      []string      `bson:"issue_ids,omitempty"`
	StatementID   string        `bson:"statement_id,omitempty"`
	DraftDue      time.Time     `bson:"draft_due,omitempty"`
	SignaturesDue time.Time     `bson:"signatures_due,omitempty"`
	Topics        []string      `bson:"topics,omitempty"`
	ResponsibleID string        `bson:"responsible_id,omitempty"`
	AnswerURL     string        `bson:"answer_url,omitempty"`
	Version       int           `bson:"version"`
	CreatedAt     time.Time     `bson:"created_at"`
	UpdatedAt     time.Time     `bson:"updated_at"`
	SearchDirty   bool          `bson:"search_dirty"`
}

type linkDoc struct {
	Title string `bson:"title"`
	URL   string `bson:"url"`
}

func (d *consultationDoc) consultation() *app.Consultation {
	c := &app.Consultation{ID: d.ID.Hex(), Title: d.Title, Reference: d.Reference, ReportNumber: d.ReportNumber,
		ReportKey: d.ReportKey, Issuer: d.Issuer,
		SourceURL: d.SourceURL, ReceivedOn: dateOf(d.ReceivedOn), Deadline: dateOf(d.Deadline),
		Status: app.ConsultationStatus(d.Status), DeclineReason: d.DeclineReason, IssueIDs: d.IssueIDs,
		StatementID: d.StatementID, DraftDue: dateOf(d.DraftDue), SignaturesDue: dateOf(d.SignaturesDue),
		Topics: d.Topics, ResponsibleID: d.ResponsibleID, AnswerURL: d.AnswerURL, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	if !strings.HasPrefix(d.ReferenceKey, noReferencePrefix) {
		c.ReferenceKey = d.ReferenceKey
	}
	for _, l := range d.Documents {
		c.Documents = append(c.Documents, app.Link{Title: l.Title, URL: l.URL})
	}
	return c
}

const consultationWhat = "Remissen"

// noReferencePrefix starts the stored key of a consultation registered
// without a diarienummer. The unique index on reference_key cannot be partial
// on FerretDB v1, so such a consultation gets a key of its own id instead of
// colliding with every other one; normalised references never start with it.
const noReferencePrefix = "#"

// referenceKey returns the key the unique index holds for c.
func referenceKey(c *app.Consultation, id bson.ObjectID) string {
	if c.ReferenceKey == "" {
		return noReferencePrefix + id.Hex()
	}
	return c.ReferenceKey
}

// CreateConsultation inserts c and sets its ID and version; a reference key
// already registered is ECONFLICT.
func (s *ConsultationStore) CreateConsultation(ctx context.Context, c *app.Consultation) error {
	d := consultationDoc{ID: bson.NewObjectID(), Title: c.Title, Reference: c.Reference, Issuer: c.Issuer,
		ReportNumber: c.ReportNumber, ReportKey: c.ReportKey, SearchDirty: true,
		SourceURL: c.SourceURL, ReceivedOn: dateValue(c.ReceivedOn), Deadline: dateValue(c.Deadline),
		Status: string(c.Status), DeclineReason: c.DeclineReason, IssueIDs: c.IssueIDs,
		StatementID: c.StatementID, DraftDue: dateValue(c.DraftDue), SignaturesDue: dateValue(c.SignaturesDue),
		Topics: c.Topics, ResponsibleID: c.ResponsibleID, AnswerURL: c.AnswerURL, Version: 1, CreatedAt: utc(c.CreatedAt), UpdatedAt: utc(c.UpdatedAt)}
	d.ReferenceKey = referenceKey(c, d.ID)
	for _, l := range c.Documents {
		d.Documents = append(d.Documents, linkDoc{Title: l.Title, URL: l.URL})
	}
	if _, err := s.db.col(colConsultations).InsertOne(ctx, d); err != nil {
		return conflictOn(translate(err, consultationWhat), "reference", "Diarienumret är redan registrerat.")
	}
	c.ID, c.Version = d.ID.Hex(), 1
	return nil
}

// ConsultationByID returns the consultation with that id.
func (s *ConsultationStore) ConsultationByID(ctx context.Context, id string) (*app.Consultation, error) {
	o, err := oid(id, consultationWhat)
	if err != nil {
		return nil, err
	}
	var d consultationDoc
	if err := s.db.col(colConsultations).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Decode(&d); err != nil {
		return nil, translate(err, consultationWhat)
	}
	return d.consultation(), nil
}

// ConsultationByReference returns the consultation with that reference key.
func (s *ConsultationStore) ConsultationByReference(ctx context.Context, key string) (*app.Consultation, error) {
	if key == "" || strings.HasPrefix(key, noReferencePrefix) {
		return nil, app.Errorf(app.ENOTFOUND, "%s finns inte.", consultationWhat)
	}
	return s.findOne(ctx, bson.D{{Key: "reference_key", Value: key}})
}

// ConsultationBySourceURL returns the consultation imported from url.
func (s *ConsultationStore) ConsultationBySourceURL(ctx context.Context, url string) (*app.Consultation, error) {
	if url == "" {
		return nil, app.Errorf(app.ENOTFOUND, "%s finns inte.", consultationWhat)
	}
	return s.findOne(ctx, bson.D{{Key: "source_url", Value: url}})
}

func (s *ConsultationStore) findOne(ctx context.Context, filter bson.D) (*app.Consultation, error) {
	var d consultationDoc
	if err := s.db.col(colConsultations).FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, translate(err, consultationWhat)
	}
	return d.consultation(), nil
}

// UpdateConsultation stores every field of c, conditional on c.Version.
func (s *ConsultationStore) UpdateConsultation(ctx context.Context, c *app.Consultation) error {
	o, err := oid(c.ID, consultationWhat)
	if err != nil {
		return err
	}
	d := consultationDoc{Title: c.Title, Reference: c.Reference, Issuer: c.Issuer, SourceURL: c.SourceURL,
		ReceivedOn: dateValue(c.ReceivedOn), Deadline: dateValue(c.Deadline), Status: string(c.Status),
		DeclineReason: c.DeclineReason, IssueIDs: c.IssueIDs, StatementID: c.StatementID,
		DraftDue: dateValue(c.DraftDue), SignaturesDue: dateValue(c.SignaturesDue), Topics: c.Topics}
	d.ReferenceKey = referenceKey(c, o)
	for _, l := range c.Documents {
		d.Documents = append(d.Documents, linkDoc{Title: l.Title, URL: l.URL})
	}
	set := bson.D{{Key: "title", Value: d.Title}, {Key: "reference", Value: d.Reference},
		{Key: "report_number", Value: c.ReportNumber}, {Key: "report_key", Value: c.ReportKey},
		{Key: "reference_key", Value: d.ReferenceKey}, {Key: "issuer", Value: d.Issuer},
		{Key: "source_url", Value: d.SourceURL}, {Key: "received_on", Value: d.ReceivedOn},
		{Key: "deadline", Value: d.Deadline}, {Key: "status", Value: d.Status},
		{Key: "decline_reason", Value: d.DeclineReason}, {Key: "documents", Value: d.Documents},
		{Key: "issue_ids", Value: d.IssueIDs}, {Key: "statement_id", Value: d.StatementID},
		{Key: "draft_due", Value: d.DraftDue}, {Key: "signatures_due", Value: d.SignaturesDue},
		{Key: "topics", Value: d.Topics}, {Key: "responsible_id", Value: c.ResponsibleID},
		{Key: "answer_url", Value: c.AnswerURL},
		{Key: "updated_at", Value: utc(c.UpdatedAt)},
		{Key: "search_dirty", Value: true}}
	if other, err := s.ConsultationByReference(ctx, d.ReferenceKey); err == nil && other.ID != c.ID {
		msg := "Diarienumret är redan registrerat."
		return &app.Error{Code: app.ECONFLICT, Message: msg, Fields: map[string]string{"reference": msg}}
	}
	// The unique index still guards against a race with another writer.
	if err := s.db.updateVersioned(ctx, colConsultations, o, c.Version, set, consultationWhat); err != nil {
		return err
	}
	c.Version++
	return nil
}

// ListConsultations lists consultations by deadline, earliest first; those
// without a deadline come first. See app.ConsultationFilter.
func (s *ConsultationStore) ListConsultations(ctx context.Context, f app.ConsultationFilter) ([]*app.Consultation, int, error) {
	sort := bson.D{{Key: "deadline", Value: 1}, {Key: "_id", Value: 1}}
	docs, total, err := findPage[consultationDoc](ctx, s.db.col(colConsultations), consultationFilter(f), sort, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.Consultation, len(docs))
	for i := range docs {
		out[i] = docs[i].consultation()
	}
	return out, total, nil
}

// dateValue stores a date as a BSON date at midnight UTC of its day, so
// dates sort and compare by range; the zero date becomes the zero time,
// which omitempty leaves out.
func dateValue(d app.Date) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	y, m, day := d.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

// dateOf reads back what dateValue stored.
func dateOf(t time.Time) app.Date {
	if t.IsZero() {
		return app.Date{}
	}
	y, m, d := t.UTC().Date()
	return app.NewDate(y, m, d)
}

// conflictOn gives an ECONFLICT error a message for the input field that
// caused it; other errors pass unchanged.
func conflictOn(err error, field, msg string) error {
	if app.ErrorCode(err) != app.ECONFLICT {
		return err
	}
	return &app.Error{Code: app.ECONFLICT, Message: msg, Fields: map[string]string{field: msg}}
}
