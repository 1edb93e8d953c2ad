package app

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// Role says what a user may do.
type Role string

// The roles. Admins manage members and users; the secretariat runs the
// network's registers and publishes; members draft and sign.
const (
	RoleAdmin       Role = "admin"
	RoleSecretariat Role = "secretariat"
	RoleMember      Role = "member"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleSecretariat || r == RoleMember
}

// User is a person who signs in. Member users belong to one member
// organisation; MaySign lets them sign on its behalf.
type User struct {
	ID           string
	Email        string
	Name         string
	Title        string // e.g. KSO, kommundirektör, näringslivschef
	Role         Role
	MemberID     string
	MaySign      bool
	Active       bool
	PasswordHash string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// IsStaff reports whether u works for the network as a whole.
func (u *User) IsStaff() bool { return u.Role == RoleAdmin || u.Role == RoleSecretariat }

// UserUpdate holds the fields of a user that may change; nil leaves a field.
type UserUpdate struct {
	Name     *string
	Title    *string
	Role     *Role
	MemberID *string
	MaySign  *bool
	Active   *bool
	Password *string // plain text, hashed by Apply
}

// UserFilter narrows a user listing.
type UserFilter struct {
	MemberID string
	Page     Page
}

// UserStore keeps users. Create returns ECONFLICT when the e-mail address is
// taken (compared case-insensitively); lookups return ENOTFOUND.
type UserStore interface {
	CreateUser(ctx context.Context, u *User) error
	UserByID(ctx context.Context, id string) (*User, error)
	UserByEmail(ctx context.Context, email string) (*User, error)
	ListUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	UpdateUser(ctx context.Context, u *User) error
}

// NewUserInput is what it takes to create a user.
type NewUserInput struct {
	Email, Name, Title, Password string
	Role                         Role
	MemberID                     string
	MaySign                      bool
}

// NewUser validates input and returns a user with a hashed password. The
// caller checks that MemberID names an existing member.
func NewUser(in NewUserInput, now time.Time) (*User, error) {
	u := newUser(in, now)
	p := u.problems()
	if msg := PasswordProblem(in.Password, u.Email, u.Name); msg != "" {
		p.Add("password", msg)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u.PasswordHash = hash
	return u, nil
}

// newUser is an active user from in, not yet validated, without a password.
func newUser(in NewUserInput, now time.Time) *User {
	return &User{Email: strings.TrimSpace(in.Email), Name: strings.TrimSpace(in.Name),
		Title: strings.TrimSpace(in.Title), Role: in.Role, MemberID: strings.TrimSpace(in.MemberID),
		MaySign: in.MaySign, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
}

func (u *User) problems() Problems {
	p := Problems{}
	if addr, err := mail.ParseAddress(u.Email); err != nil || addr.Address != u.Email || len(u.Email) > 254 {
		p.Add("email", "error.user.email")
	}
	if u.Name == "" {
		p.Add("name", "error.field.name_required")
	} else if len([]rune(u.Name)) > 120 {
		p.Add("name", "error.field.name_too_long")
	}
	if len([]rune(u.Title)) > 120 {
		p.Add("title", "error.user.title_too_long")
	}
	switch {
	case !u.Role.Valid():
		p.Add("role", "error.user.role")
	case u.Role == RoleMember && u.MemberID == "":
		p.Add("member_id", "error.user.member_required")
	case u.Role != RoleMember && u.MemberID != "":
		p.Add("member_id", "error.user.member_not_allowed")
	case u.Role != RoleMember && u.MaySign:
		p.Add("may_sign", "error.user.may_sign_not_member")
	}
	return p
}

// Apply returns a copy of u with up applied and validated; a new password
// is checked and hashed.
func (u User) Apply(up UserUpdate) (*User, error) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&u.Name, up.Name)
	set(&u.Title, up.Title)
	set(&u.MemberID, up.MemberID)
	if up.Role != nil {
		u.Role = *up.Role
	}
	if up.MaySign != nil {
		u.MaySign = *up.MaySign
	}
	if up.Active != nil {
		u.Active = *up.Active
	}
	p := u.problems()
	if up.Password != nil {
		if msg := PasswordProblem(*up.Password, u.Email, u.Name); msg != "" {
			p.Add("password", msg)
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if up.Password != nil {
		hash, err := HashPassword(*up.Password)
		if err != nil {
			return nil, err
		}
		u.PasswordHash = hash
	}
	return &u, nil
}
