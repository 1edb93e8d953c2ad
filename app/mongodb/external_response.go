package mongodb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// External responses (app.ExternalResponse) are kept one document each in
// colExternalResponses, unique on consultation and source URL. Their hot
// reads — a consultation's answers, and "have we this PDF already" during a
// harvest — go through a roster per consultation in colResponseRosters
// (_id the consultation's id: each answer's id, source URL and what a list
// shows of it — organisation, kind, stance, quote), so that on FerretDB,
// which answers only {_id: X} from an index (dialect.go), neither reads the
// whole collection: a list is one roster read, whatever the number of
// answers; the text is read by _id when one answer is opened.
const (
	colExternalResponses = "external_responses"
	colResponseRosters   = "external_response_rosters"
)

func init() {
	indexes = append(indexes,
		index{colExternalResponses, bson.D{{Key: "consultation_id", Value: 1}, {Key: "source_url", Value: 1}}, true})
	collections = append(collections, colExternalResponses, colResponseRosters)
}

// ExternalResponseStore keeps the harvested remissvar of other bodies.
type ExternalResponseStore struct{ db *DB }

var _ app.ExternalResponseStore = (*ExternalResponseStore)(nil)

// NewExternalResponseStore returns a store on db.
func NewExternalResponseStore(db *DB) *ExternalResponseStore { return &ExternalResponseStore{db: db} }

type externalResponseDoc struct {
	ID             bson.ObjectID      `bson:"_id"`
	ConsultationID string             `bson:"consultation_id"`
	Organisation   string             `bson:"organisation"`
	OrgKind        string             `bson:"org_kind"`
	SourceURL      string             `bson:"source_url"`
	Paragraphs     []string           `bson:"paragraphs,omitempty"`
	Checksum       string             `bson:"checksum"`
	NoText         bool               `bson:"no_text"`
	Stance         string             `bson:"stance"`
	Quote          string             `bson:"quote,omitempty"`
	Override       *stanceOverrideDoc `bson:"stance_override,omitempty"`
	ETag           string             `bson:"etag,omitempty"`
	LastModified   string             `bson:"last_modified,omitempty"`
	FetchedAt      time.Time          `bson:"fetched_at"`
	Version        int                `bson:"version"`
	CreatedAt      time.Time          `bson:"created_at"`
	UpdatedAt      time.Time          `bson:"updated_at"`
}

type stanceOverrideDoc struct {
	Stance string    `bson:"stance"`
	Reason string    `bson:"reason,omitempty"`
	By     string    `bson:"by,omitempty"`
	At     time.Time `bson:"at"`
}

// rosterDoc lists a consultation's answers.
type rosterDoc struct {
	ConsultationID string
	Entries        []rosterEntry
}

// storedRoster is a roster as stored: its entries packed into one BSON
// document in a binary field. FerretDB reads a document's every value
// through its JSON form, so sixty entries of a dozen fields took 4.9 ms a
// read and one packed value a fraction of that. Nothing queries inside a
// roster; it is only ever read whole, by its _id.
type storedRoster struct {
	ConsultationID string        `bson:"_id"`
	Packed         []byte        `bson:"packed,omitempty"`
	Entries        []rosterEntry `bson:"entries,omitempty"` // as rosters were stored before they were packed
}

type packedEntries struct {
	Entries []rosterEntry `bson:"e"`
}

// saveRoster writes r whole, packed.
func (s *ExternalResponseStore) saveRoster(ctx context.Context, r *rosterDoc) error {
	packed, err := bson.Marshal(packedEntries{Entries: r.Entries})
	if err != nil {
		return err
	}
	_, err = s.db.col(colResponseRosters).ReplaceOne(ctx, bson.D{{Key: "_id", Value: r.ConsultationID}},
		storedRoster{ConsultationID: r.ConsultationID, Packed: packed}, options.Replace().SetUpsert(true))
	return translate(err, responseWhat)
}

// rosterEntry is one answer as a list shows it: all but its text.
type rosterEntry struct {
	ID           string             `bson:"id"`
	SourceURL    string             `bson:"source_url"`
	Organisation string             `bson:"organisation,omitempty"`
	OrgKind      string             `bson:"org_kind,omitempty"`
	NoText       bool               `bson:"no_text,omitempty"`
	Stance       string             `bson:"stance,omitempty"`
	Quote        string             `bson:"quote,omitempty"`
	Override     *stanceOverrideDoc `bson:"stance_override,omitempty"`
	Checksum     string             `bson:"checksum,omitempty"`
	FetchedAt    time.Time          `bson:"fetched_at,omitempty"`
	Version      int                `bson:"version,omitempty"`
	UpdatedAt    time.Time          `bson:"updated_at,omitempty"`
}

// entryOf is what the roster keeps of the answer d.
func entryOf(d *externalResponseDoc) rosterEntry {
	return rosterEntry{ID: d.ID.Hex(), SourceURL: d.SourceURL, Organisation: d.Organisation, OrgKind: d.OrgKind,
		NoText: d.NoText, Stance: d.Stance, Quote: d.Quote, Override: d.Override, Checksum: d.Checksum,
		FetchedAt: d.FetchedAt, Version: d.Version, UpdatedAt: d.UpdatedAt}
}

// response is the answer e lists, without its text (or validators).
func (e rosterEntry) response(consultationID string) *app.ExternalResponse {
	d := externalResponseDoc{ConsultationID: consultationID, Organisation: e.Organisation, OrgKind: e.OrgKind,
		SourceURL: e.SourceURL, NoText: e.NoText, Stance: e.Stance, Quote: e.Quote, Override: e.Override,
		Checksum: e.Checksum, FetchedAt: e.FetchedAt, Version: e.Version, UpdatedAt: e.UpdatedAt}
	r := d.response()
	r.ID = e.ID
	return r
}

const responseWhat = "Remissvaret"

func responseDocOf(r *app.ExternalResponse) externalResponseDoc {
	d := externalResponseDoc{ConsultationID: r.ConsultationID, Organisation: r.Organisation, OrgKind: string(r.OrgKind),
		SourceURL: r.SourceURL, Paragraphs: r.Paragraphs, Checksum: r.Checksum, NoText: r.NoText, Stance: string(r.Stance),
		Quote: r.Quote, ETag: r.ETag, LastModified: r.LastModified, FetchedAt: utcOrZero(r.FetchedAt), Version: r.Version,
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
	if o := r.StanceOverride; o != nil {
		d.Override = &stanceOverrideDoc{Stance: string(o.Stance), Reason: o.Reason, By: o.By, At: utcOrZero(o.At)}
	}
	return d
}

func (d *externalResponseDoc) response() *app.ExternalResponse {
	r := &app.ExternalResponse{ID: d.ID.Hex(), ConsultationID: d.ConsultationID, Organisation: d.Organisation,
		OrgKind: app.OrgKind(d.OrgKind), SourceURL: d.SourceURL, Paragraphs: d.Paragraphs, Checksum: d.Checksum,
		NoText: d.NoText, Stance: app.Stance(d.Stance), Quote: d.Quote, ETag: d.ETag, LastModified: d.LastModified,
		FetchedAt: d.FetchedAt, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	if o := d.Override; o != nil {
		r.StanceOverride = &app.StanceOverride{Stance: app.Stance(o.Stance), Reason: o.Reason, By: o.By, At: o.At}
	}
	return r
}

// CreateExternalResponse inserts r and enters it in its consultation's
// roster. The same consultation and source URL twice is ECONFLICT; an
// answer stored before a crash kept it off the roster is entered then.
func (s *ExternalResponseStore) CreateExternalResponse(ctx context.Context, r *app.ExternalResponse) error {
	d := responseDocOf(r)
	d.ID, d.Version = bson.NewObjectID(), 1
	if _, err := s.db.col(colExternalResponses).InsertOne(ctx, d); err != nil {
		err = translate(err, responseWhat)
		if app.ErrorCode(err) == app.ECONFLICT {
			s.repairRoster(ctx, r.ConsultationID, r.SourceURL)
		}
		return err
	}
	if err := s.enter(ctx, r.ConsultationID, entryOf(&d)); err != nil {
		return err
	}
	r.ID, r.Version = d.ID.Hex(), 1
	return nil
}

// repairRoster enters the stored answer from url in the roster, if it is
// there: the one read by something other than _id, on a rare path.
func (s *ExternalResponseStore) repairRoster(ctx context.Context, consultationID, url string) {
	var d externalResponseDoc
	filter := bson.D{{Key: "consultation_id", Value: consultationID}, {Key: "source_url", Value: url}}
	if s.db.col(colExternalResponses).FindOne(ctx, filter).Decode(&d) == nil {
		_ = s.enter(ctx, consultationID, entryOf(&d))
	}
}

// enter puts e in the roster of consultationID: in place of the entry of
// the same answer when that is at an older version, else added.
func (s *ExternalResponseStore) enter(ctx context.Context, consultationID string, e rosterEntry) error {
	unlock, err := s.db.lock(ctx, colResponseRosters, consultationID)
	if err != nil {
		return err
	}
	defer unlock()
	roster, err := s.roster(ctx, consultationID)
	if err != nil {
		return err
	}
	switch i := slices.IndexFunc(roster.Entries, func(x rosterEntry) bool { return x.ID == e.ID }); {
	case i < 0:
		roster.Entries = append(roster.Entries, e)
	case roster.Entries[i].Version < e.Version:
		roster.Entries[i] = e
	default:
		return nil
	}
	return s.saveRoster(ctx, roster)
}

// roster reads the roster of consultationID; an empty one when none.
func (s *ExternalResponseStore) roster(ctx context.Context, consultationID string) (*rosterDoc, error) {
	var d storedRoster
	err := s.db.findByID(ctx, colResponseRosters, consultationID, &d, responseWhat)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return &rosterDoc{ConsultationID: consultationID}, nil
	}
	if err != nil {
		return nil, err
	}
	r := &rosterDoc{ConsultationID: consultationID, Entries: d.Entries}
	if len(d.Packed) > 0 {
		var p packedEntries
		if err := bson.Unmarshal(d.Packed, &p); err != nil {
			return nil, fmt.Errorf("the roster of %s: %w", consultationID, err)
		}
		r.Entries = p.Entries
	}
	return r, nil
}

// ExternalResponseByID returns the answer with that id.
func (s *ExternalResponseStore) ExternalResponseByID(ctx context.Context, id string) (*app.ExternalResponse, error) {
	o, err := oid(id, responseWhat)
	if err != nil {
		return nil, err
	}
	var d externalResponseDoc
	if err := s.db.findByID(ctx, colExternalResponses, o, &d, responseWhat); err != nil {
		return nil, err
	}
	return d.response(), nil
}

// ExternalResponseBySource finds a consultation's answer from url through
// the roster.
func (s *ExternalResponseStore) ExternalResponseBySource(ctx context.Context, consultationID, url string) (*app.ExternalResponse, error) {
	roster, err := s.roster(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	for _, e := range roster.Entries {
		if e.SourceURL == url {
			return s.ExternalResponseByID(ctx, e.ID)
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "%s finns inte.", responseWhat)
}

// ListExternalResponses lists a consultation's answers by organisation
// (then source URL) from its roster, one read: without their text.
func (s *ExternalResponseStore) ListExternalResponses(ctx context.Context, consultationID string) ([]*app.ExternalResponse, error) {
	roster, err := s.roster(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	out := make([]*app.ExternalResponse, 0, len(roster.Entries))
	for _, e := range roster.Entries {
		out = append(out, e.response(consultationID))
	}
	slices.SortFunc(out, func(a, b *app.ExternalResponse) int {
		if c := strings.Compare(strings.ToLower(a.Organisation), strings.ToLower(b.Organisation)); c != 0 {
			return c
		}
		return strings.Compare(a.SourceURL, b.SourceURL)
	})
	return out, nil
}

// UpdateExternalResponse stores what a harvest or a person changed in r,
// at r.Version. The consultation and source URL never change.
func (s *ExternalResponseStore) UpdateExternalResponse(ctx context.Context, r *app.ExternalResponse) error {
	o, err := oid(r.ID, responseWhat)
	if err != nil {
		return err
	}
	d := responseDocOf(r)
	set := bson.D{{Key: "organisation", Value: d.Organisation}, {Key: "org_kind", Value: d.OrgKind},
		{Key: "paragraphs", Value: d.Paragraphs}, {Key: "checksum", Value: d.Checksum}, {Key: "no_text", Value: d.NoText},
		{Key: "stance", Value: d.Stance}, {Key: "quote", Value: d.Quote}, {Key: "stance_override", Value: d.Override},
		{Key: "etag", Value: d.ETag}, {Key: "last_modified", Value: d.LastModified}, {Key: "fetched_at", Value: d.FetchedAt},
		{Key: "updated_at", Value: d.UpdatedAt}}
	if err := s.db.updateVersioned(ctx, colExternalResponses, o, r.Version, set, responseWhat); err != nil {
		return err
	}
	r.Version++
	d.ID, d.Version = o, r.Version
	return s.enter(ctx, r.ConsultationID, entryOf(&d))
}

// EachExternalResponse calls fn with every stored answer, reading the
// collection once in batches (a rebuild of the search index).
func (s *ExternalResponseStore) EachExternalResponse(ctx context.Context, fn func(*app.ExternalResponse) error) error {
	cur, err := s.db.col(colExternalResponses).Find(ctx, bson.D{}, options.Find().SetBatchSize(200))
	if err != nil {
		return translate(err, responseWhat)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d externalResponseDoc
		if err := cur.Decode(&d); err != nil {
			return err
		}
		if err := fn(d.response()); err != nil {
			return err
		}
	}
	return translate(cur.Err(), responseWhat)
}

// InsertExternalResponses stores many new answers at once (a bulk load:
// the bench's corpus): one InsertMany, then each consultation's roster
// written once with its new entries. Answers must be new.
func (s *ExternalResponseStore) InsertExternalResponses(ctx context.Context, rs []*app.ExternalResponse) error {
	if len(rs) == 0 {
		return nil
	}
	docs := make([]any, len(rs))
	entries := map[string][]rosterEntry{}
	var order []string
	for i, r := range rs {
		d := responseDocOf(r)
		d.ID, d.Version = bson.NewObjectID(), 1
		r.ID, r.Version = d.ID.Hex(), 1
		docs[i] = d
		if _, ok := entries[r.ConsultationID]; !ok {
			order = append(order, r.ConsultationID)
		}
		entries[r.ConsultationID] = append(entries[r.ConsultationID], entryOf(&d))
	}
	if _, err := s.db.col(colExternalResponses).InsertMany(ctx, docs); err != nil {
		return translate(err, responseWhat)
	}
	for _, cid := range order {
		if err := s.enterAll(ctx, cid, entries[cid]); err != nil {
			return err
		}
	}
	return nil
}

// enterAll adds es to the roster of consultationID in one write.
func (s *ExternalResponseStore) enterAll(ctx context.Context, consultationID string, es []rosterEntry) error {
	unlock, err := s.db.lock(ctx, colResponseRosters, consultationID)
	if err != nil {
		return err
	}
	defer unlock()
	roster, err := s.roster(ctx, consultationID)
	if err != nil {
		return err
	}
	roster.Entries = append(roster.Entries, es...)
	return s.saveRoster(ctx, roster)
}
