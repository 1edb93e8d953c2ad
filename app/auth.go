package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Session is a server-side login session. The browser holds a random id;
// the store keeps only its SHA-256 (ID), so a leaked database cannot be
// replayed as cookies.
type Session struct {
	ID         string // hex SHA-256 of the cookie value
	UserID     string
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// SessionStore keeps sessions. SessionByID returns ENOTFOUND.
type SessionStore interface {
	CreateSession(ctx context.Context, s *Session) error
	SessionByID(ctx context.Context, id string) (*Session, error)
	TouchSession(ctx context.Context, id string, at time.Time) error
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID string) error
	DeleteSessionsBefore(ctx context.Context, lastSeen, created time.Time) (int, error)
}

// Token is a personal API token, sent as "Authorization: Bearer <token>".
// Only its SHA-256 is stored (ID).
type Token struct {
	ID         string
	UserID     string
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
}

// TokenStore keeps API tokens. TokenByID returns ENOTFOUND.
type TokenStore interface {
	CreateToken(ctx context.Context, t *Token) error
	TokenByID(ctx context.Context, id string) (*Token, error)
	TouchToken(ctx context.Context, id string, at time.Time) error
	DeleteUserTokens(ctx context.Context, userID string) error
}

// TokenPrefix starts every API token so that scanners can recognise leaks.
const TokenPrefix = "samsyn_"

// HashSecret returns the hex SHA-256 of a session id or token; secrets
// carry 256 random bits, so a fast hash is enough.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Accounts signs users in and out and resolves sessions and tokens.
type Accounts struct {
	Users    UserStore
	Sessions SessionStore
	Tokens   TokenStore
	Clock    Clock
	// IdleTimeout ends a session not used for that long; AbsoluteTimeout
	// ends any session that old (OWASP ASVS 3.3.2).
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	Events          *Events // hears of every login
}

// errBadLogin is the one answer for an unknown e-mail, a wrong password and
// a deactivated account, so that none can be told apart.
var errBadLogin = Errorf(EUNAUTHORIZED, "error.auth.bad_login")

// Login checks e-mail and password and opens a new session, returning the
// user, the session and the secret for the cookie.
func (a *Accounts) Login(ctx context.Context, email, password string) (*User, *Session, string, error) {
	u, err := a.Users.UserByEmail(ctx, strings.TrimSpace(email))
	hash := ""
	switch {
	case err == nil && u.Active:
		hash = u.PasswordHash
	case err != nil && ErrorCode(err) != ENOTFOUND:
		return nil, nil, "", err
	}
	if !CheckPassword(password, hash) {
		return nil, nil, "", errBadLogin
	}
	secret := RandomToken(32)
	now := a.Clock.Now()
	s := &Session{ID: HashSecret(secret), UserID: u.ID, CSRFToken: RandomToken(32), CreatedAt: now, LastSeenAt: now}
	if err := a.Sessions.CreateSession(ctx, s); err != nil {
		return nil, nil, "", err
	}
	publish(ctx, a.Events, a.Clock, u, "auth.login", Subject{"user", u.ID}, "", "", "")
	return u, s, secret, nil
}

// SessionUser resolves a cookie secret to its active session and user.
// Expired sessions are deleted; every failure is EUNAUTHORIZED.
func (a *Accounts) SessionUser(ctx context.Context, secret string) (*User, *Session, error) {
	unauth := Errorf(EUNAUTHORIZED, "error.auth.login_required")
	if secret == "" {
		return nil, nil, unauth
	}
	s, err := a.Sessions.SessionByID(ctx, HashSecret(secret))
	if err != nil {
		return nil, nil, notFoundAs(err, unauth)
	}
	now := a.Clock.Now()
	if now.Sub(s.LastSeenAt) > a.IdleTimeout || now.Sub(s.CreatedAt) > a.AbsoluteTimeout {
		if err := a.Sessions.DeleteSession(ctx, s.ID); err != nil {
			return nil, nil, err
		}
		return nil, nil, unauth
	}
	u, err := a.activeUser(ctx, s.UserID, unauth)
	if err != nil {
		return nil, nil, err
	}
	if now.Sub(s.LastSeenAt) > time.Minute {
		if err := a.Sessions.TouchSession(ctx, s.ID, now); err != nil {
			return nil, nil, err
		}
	}
	return u, s, nil
}

// Logout ends the session with that cookie secret; unknown ones are ignored.
func (a *Accounts) Logout(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	return a.Sessions.DeleteSession(ctx, HashSecret(secret))
}

// CreateToken makes a personal API token for the user with that e-mail and
// returns the secret, which is shown once and never stored.
func (a *Accounts) CreateToken(ctx context.Context, email, name string) (string, error) {
	u, err := a.Users.UserByEmail(ctx, email)
	if err != nil {
		return "", err
	}
	if !u.Active {
		return "", Errorf(EINVALID, "error.auth.user_inactive")
	}
	secret := TokenPrefix + RandomToken(32)
	t := &Token{ID: HashSecret(secret), UserID: u.ID, Name: name, CreatedAt: a.Clock.Now()}
	if err := a.Tokens.CreateToken(ctx, t); err != nil {
		return "", err
	}
	return secret, nil
}

// TokenUser resolves a bearer token to its active user; every failure is
// EUNAUTHORIZED.
func (a *Accounts) TokenUser(ctx context.Context, secret string) (*User, error) {
	unauth := Errorf(EUNAUTHORIZED, "error.auth.bad_token")
	if !strings.HasPrefix(secret, TokenPrefix) {
		return nil, unauth
	}
	t, err := a.Tokens.TokenByID(ctx, HashSecret(secret))
	if err != nil {
		return nil, notFoundAs(err, unauth)
	}
	u, err := a.activeUser(ctx, t.UserID, unauth)
	if err != nil {
		return nil, err
	}
	if now := a.Clock.Now(); now.Sub(t.LastUsedAt) > time.Minute {
		if err := a.Tokens.TouchToken(ctx, t.ID, now); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// EndUserAccess deletes every session and token of a user, as when the
// user is deactivated or changes password.
func (a *Accounts) EndUserAccess(ctx context.Context, userID string) error {
	if err := a.Sessions.DeleteUserSessions(ctx, userID); err != nil {
		return err
	}
	return a.Tokens.DeleteUserTokens(ctx, userID)
}

// PurgeSessions deletes sessions past their idle or absolute timeout.
func (a *Accounts) PurgeSessions(ctx context.Context) (int, error) {
	now := a.Clock.Now()
	return a.Sessions.DeleteSessionsBefore(ctx, now.Add(-a.IdleTimeout), now.Add(-a.AbsoluteTimeout))
}

func (a *Accounts) activeUser(ctx context.Context, id string, unauth error) (*User, error) {
	u, err := a.Users.UserByID(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, unauth)
	}
	if !u.Active {
		return nil, unauth
	}
	return u, nil
}

// notFoundAs replaces ENOTFOUND by repl and keeps other errors.
func notFoundAs(err, repl error) error {
	if ErrorCode(err) == ENOTFOUND {
		return repl
	}
	return err
}
