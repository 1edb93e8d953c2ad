package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// MemberStore keeps members.
type MemberStore struct{ db *DB }

var _ app.MemberStore = (*MemberStore)(nil)

// NewMemberStore returns a store on db.
func NewMemberStore(db *DB) *MemberStore { return &MemberStore{db: db} }

type memberDoc struct {
	ID               bson.ObjectID `bson:"_id"`
	Slug             string        `bson:"slug"`
	Name             string        `bson:"name"`
	MunicipalityCode string        `bson:"municipality_code"`
	County           string        `bson:"county"`
	Active           bool          `bson:"active"`
	Version          int           `bson:"version"`
	CreatedAt        time.Time     `bson:"created_at"`
	UpdatedAt        time.Time     `bson:"updated_at"`
}

func (d *memberDoc) member() *app.Member {
	return &app.Member{ID: d.ID.Hex(), Slug: d.Slug, Name: d.Name, MunicipalityCode: d.MunicipalityCode,
		County: d.County, Active: d.Active, Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

const memberWhat = "Medlemmen"

// CreateMember inserts m and sets its ID.
func (s *MemberStore) CreateMember(ctx context.Context, m *app.Member) error {
	d := memberDoc{ID: bson.NewObjectID(), Slug: m.Slug, Name: m.Name, MunicipalityCode: m.MunicipalityCode,
		County: m.County, Active: m.Active, Version: 1, CreatedAt: utc(m.CreatedAt), UpdatedAt: utc(m.UpdatedAt)}
	if _, err := s.db.col(colMembers).InsertOne(ctx, d); err != nil {
		return translate(err, memberWhat)
	}
	m.ID, m.Version = d.ID.Hex(), 1
	return nil
}

// MemberByID returns the member with that id.
func (s *MemberStore) MemberByID(ctx context.Context, id string) (*app.Member, error) {
	o, err := oid(id, memberWhat)
	if err != nil {
		return nil, err
	}
	return s.findOne(ctx, bson.D{{Key: "_id", Value: o}})
}

// MemberBySlug returns the member with that slug.
func (s *MemberStore) MemberBySlug(ctx context.Context, slug string) (*app.Member, error) {
	return s.findOne(ctx, bson.D{{Key: "slug", Value: slug}})
}

func (s *MemberStore) findOne(ctx context.Context, filter bson.D) (*app.Member, error) {
	var d memberDoc
	if err := s.db.col(colMembers).FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, translate(err, memberWhat)
	}
	return d.member(), nil
}

// ListMembers lists members by name.
func (s *MemberStore) ListMembers(ctx context.Context, f app.MemberFilter) ([]*app.Member, int, error) {
	filter := bson.D{}
	if f.ActiveOnly {
		filter = append(filter, bson.E{Key: "active", Value: true})
	}
	docs, total, err := findPage[memberDoc](ctx, s.db.col(colMembers), filter, bson.D{{Key: "name", Value: 1}}, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.Member, len(docs))
	for i := range docs {
		out[i] = docs[i].member()
	}
	return out, total, nil
}

// UpdateMember applies u to the member with that id. The update is
// conditional on the version read, so concurrent edits cannot interleave.
func (s *MemberStore) UpdateMember(ctx context.Context, id string, u app.MemberUpdate, now time.Time) (*app.Member, error) {
	old, err := s.MemberByID(ctx, id)
	if err != nil {
		return nil, err
	}
	m, err := old.Apply(u)
	if err != nil {
		return nil, err
	}
	set := bson.D{}
	set = setIf(set, "name", old.Name, m.Name)
	set = setIf(set, "municipality_code", old.MunicipalityCode, m.MunicipalityCode)
	set = setIf(set, "county", old.County, m.County)
	set = setIf(set, "active", old.Active, m.Active)
	if len(set) == 0 {
		return old, nil
	}
	m.UpdatedAt, m.Version = utc(now), old.Version+1
	set = append(set, bson.E{Key: "updated_at", Value: m.UpdatedAt})
	o, _ := oid(id, memberWhat)
	if err := s.db.updateVersioned(ctx, colMembers, o, old.Version, set, memberWhat); err != nil {
		return nil, err
	}
	return m, nil
}
