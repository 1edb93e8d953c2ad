package app

import (
	"context"
	"encoding/hex"
	"time"
)

// An account link is an e-mailed, single-use, short-lived secret with which
// a person chooses a password without being signed in: a password reset
// after "Glömt lösenordet?", or the invitation to a new account (OWASP ASVS
// 2.5). The link carries 256 random bits; only their SHA-256 is stored, so
// a leaked database holds no usable link.

// LinkPurpose says what an account link is for. A link works only for its
// own purpose: a reset link is no invitation, and the reverse.
type LinkPurpose string

// The purposes.
const (
	LinkReset  LinkPurpose = "reset"
	LinkInvite LinkPurpose = "invite"
)

// How long a link works.
const (
	ResetLinkTTL  = 30 * time.Minute
	InviteLinkTTL = 7 * 24 * time.Hour
)

// TTL is how long a link of purpose p works.
func (p LinkPurpose) TTL() time.Duration {
	if p == LinkInvite {
		return InviteLinkTTL
	}
	return ResetLinkTTL
}

// Path is where a link of purpose p points, before its secret:
// /aterstall/ (återställ, reset) or /inbjudan/ (invitation).
func (p LinkPurpose) Path() string {
	if p == LinkInvite {
		return "/inbjudan/"
	}
	return "/aterstall/"
}

// AccountLink is a stored account link.
type AccountLink struct {
	ID        string // hex SHA-256 of the secret in the e-mailed URL
	UserID    string
	Purpose   LinkPurpose
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AccountLinkStore keeps account links by the hash of their secret.
// AccountLinkByID returns ENOTFOUND. TakeAccountLink deletes the link with
// that id if it has that purpose and returns it; it returns ENOTFOUND when
// there is no such link, so that of two concurrent takers one fails. A link
// of another purpose is ENOTFOUND too, and stays.
type AccountLinkStore interface {
	CreateAccountLink(ctx context.Context, l *AccountLink) error
	AccountLinkByID(ctx context.Context, id string) (*AccountLink, error)
	TakeAccountLink(ctx context.Context, id string, purpose LinkPurpose) (*AccountLink, error)
	// DeleteUserAccountLinks deletes a user's links of purpose, or of every
	// purpose when purpose is "".
	DeleteUserAccountLinks(ctx context.Context, userID string, purpose LinkPurpose) error
	// DeleteAccountLinksBefore deletes links that expired before t and
	// returns how many went.
	DeleteAccountLinksBefore(ctx context.Context, t time.Time) (int, error)
}

// ErrLinkInvalid is the one answer for an unknown, used, expired or
// misdirected link, and for a link of a deactivated user: none can be told
// apart.
var ErrLinkInvalid = Errorf(ENOTFOUND, "error.link.invalid")

// validLinkSecret reports whether s has the shape of a link secret: 32
// random bytes, hex encoded.
func validLinkSecret(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// HasPassword reports whether u can log in with a password; an invited user
// has none until the invitation is accepted.
func (u *User) HasPassword() bool { return u.PasswordHash != "" }

// NewInvitedUser validates input like NewUser but gives the user no
// password: the user cannot log in until choosing one through the
// invitation link.
func NewInvitedUser(in NewUserInput, now time.Time) (*User, error) {
	u := newUser(in, now)
	p := u.problems()
	if in.Password != "" {
		p.Add("password", "error.user.password_with_invite")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return u, nil
}
