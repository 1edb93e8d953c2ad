package mongodb

import (
	"context"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// UserStore keeps users.
type UserStore struct{ db *DB }

var _ app.UserStore = (*UserStore)(nil)

// NewUserStore returns a store on db.
func NewUserStore(db *DB) *UserStore { return &UserStore{db: db} }

type userDoc struct {
	ID           bson.ObjectID `bson:"_id"`
	Email        string        `bson:"email"`
	EmailKey     string        `bson:"email_key"` // lower case: unique
	Name         string        `bson:"name"`
	Title        string        `bson:"title"`
	Role         string        `bson:"role"`
	MemberID     string        `bson:"member_id,omitempty"`
	MaySign      bool          `bson:"may_sign"`
	Active       bool          `bson:"active"`
	PasswordHash string        `bson:"password_hash"`
	Version      int           `bson:"version"`
	CreatedAt    time.Time     `bson:"created_at"`
	UpdatedAt    time.Time     `bson:"updated_at"`
}

func (d *userDoc) user() *app.User {
	return &app.User{ID: d.ID.Hex(), Email: d.Email, Name: d.Name, Title: d.Title, Role: app.Role(d.Role),
		MemberID: d.MemberID, MaySign: d.MaySign, Active: d.Active, PasswordHash: d.PasswordHash,
		Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

const userWhat = "Användaren"

func emailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser inserts u and sets its ID; a taken e-mail is ECONFLICT.
func (s *UserStore) CreateUser(ctx context.Context, u *app.User) error {
	d := userDoc{ID: bson.NewObjectID(), Email: u.Email, EmailKey: emailKey(u.Email), Name: u.Name,
		Title: u.Title, Role: string(u.Role), MemberID: u.MemberID, MaySign: u.MaySign, Active: u.Active,
		PasswordHash: u.PasswordHash, Version: 1, CreatedAt: utc(u.CreatedAt), UpdatedAt: utc(u.UpdatedAt)}
	if _, err := s.db.col(colUsers).InsertOne(ctx, d); err != nil {
		err = translate(err, userWhat)
		if app.ErrorCode(err) == app.ECONFLICT {
			return &app.Error{Code: app.ECONFLICT, Message: "E-postadressen används redan.",
				Fields: map[string]string{"email": "E-postadressen används redan."}}
		}
		return err
	}
	u.ID, u.Version = d.ID.Hex(), 1
	return nil
}

// UserByID returns the user with that id.
func (s *UserStore) UserByID(ctx context.Context, id string) (*app.User, error) {
	o, err := oid(id, userWhat)
	if err != nil {
		return nil, err
	}
	return s.findOne(ctx, bson.D{{Key: "_id", Value: o}})
}

// UserByEmail returns the user with that e-mail, compared case-insensitively.
func (s *UserStore) UserByEmail(ctx context.Context, email string) (*app.User, error) {
	return s.findOne(ctx, bson.D{{Key: "email_key", Value: emailKey(email)}})
}

func (s *UserStore) findOne(ctx context.Context, filter bson.D) (*app.User, error) {
	var d userDoc
	if err := s.db.col(colUsers).FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, translate(err, userWhat)
	}
	return d.user(), nil
}

// ListUsers lists users by name.
func (s *UserStore) ListUsers(ctx context.Context, f app.UserFilter) ([]*app.User, int, error) {
	filter := bson.D{}
	if f.MemberID != "" {
		filter = append(filter, bson.E{Key: "member_id", Value: f.MemberID})
	}
	docs, total, err := findPage[userDoc](ctx, s.db.col(colUsers), filter, bson.D{{Key: "name", Value: 1}}, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.User, len(docs))
	for i := range docs {
		out[i] = docs[i].user()
	}
	return out, total, nil
}

// UpdateUser stores the changed fields of u, conditional on u.Version being
// the stored version; on success u.Version is the new one.
func (s *UserStore) UpdateUser(ctx context.Context, u *app.User) error {
	old, err := s.UserByID(ctx, u.ID)
	if err != nil {
		return err
	}
	set := bson.D{}
	set = setIf(set, "name", old.Name, u.Name)
	set = setIf(set, "title", old.Title, u.Title)
	set = setIf(set, "role", string(old.Role), string(u.Role))
	set = setIf(set, "member_id", old.MemberID, u.MemberID)
	set = setIf(set, "may_sign", old.MaySign, u.MaySign)
	set = setIf(set, "active", old.Active, u.Active)
	set = setIf(set, "password_hash", old.PasswordHash, u.PasswordHash)
	if len(set) == 0 {
		return nil
	}
	u.UpdatedAt = utc(u.UpdatedAt)
	set = append(set, bson.E{Key: "updated_at", Value: u.UpdatedAt})
	o, _ := oid(u.ID, userWhat)
	if err := s.db.updateVersioned(ctx, colUsers, o, u.Version, set, userWhat); err != nil {
		return err
	}
	u.Version++
	return nil
}
