package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
)

// KeyStore keeps the server's secret keys by name, the same for every
// replica.
type KeyStore interface {
	// SecretKey returns the key name, creating a random one on first use.
	SecretKey(ctx context.Context, name string) ([]byte, error)
}

// unsubscribeKeyName names the key unsubscribe links are signed with.
const unsubscribeKeyName = "unsubscribe_key"

// Unsubscribes let a user stop e-mail of one kind from the link in a mail,
// without logging in. The link's token is the user id and the kind with
// an HMAC-SHA256 of both under the server's unsubscribe key: only this
// server can make one, and a token names one user and one kind alone.
type Unsubscribes struct {
	Keys   KeyStore
	Store  NotificationStore
	Users  UserStore
	Clock  Clock
	Events *Events
}

// Unsubscription is what a token asks for: no more e-mail of Kind to the
// user. Mode is how that kind is e-mailed to them now.
type Unsubscription struct {
	User *User
	Kind NotifyKind
	Mode MailMode
}

// unsubscribeIDRE is the shape of a user id in a token.
var unsubscribeIDRE = regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`)

// errBadUnsubscribe is the answer to any token that is not one of ours.
var errBadUnsubscribe = Errorf(EBADREQUEST, "error.unsubscribe.bad_token")

// Token returns the token of the link that stops e-mail of kind k to the
// user.
func (s *Unsubscribes) Token(ctx context.Context, userID string, k NotifyKind) (string, error) {
	mac, err := s.mac(ctx, userID, k)
	if err != nil {
		return "", err
	}
	return userID + "." + string(k) + "." + base64.RawURLEncoding.EncodeToString(mac), nil
}

func (s *Unsubscribes) mac(ctx context.Context, userID string, k NotifyKind) ([]byte, error) {
	key, err := s.Keys.SecretKey(ctx, unsubscribeKeyName)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("unsubscribe\x00" + userID + "\x00" + string(k)))
	return m.Sum(nil), nil
}

// Check reads token: the user and kind it names, and how that kind is
// e-mailed to them now. A token that is malformed, forged or names no
// user is EBADREQUEST, all alike.
func (s *Unsubscribes) Check(ctx context.Context, token string) (*Unsubscription, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || !unsubscribeIDRE.MatchString(parts[0]) || !slices.Contains(NotifyKinds, NotifyKind(parts[1])) {
		return nil, errBadUnsubscribe
	}
	got, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, errBadUnsubscribe
	}
	k := NotifyKind(parts[1])
	want, err := s.mac(ctx, parts[0], k)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(got, want) {
		return nil, errBadUnsubscribe
	}
	u, err := s.Users.UserByID(ctx, parts[0])
	if err != nil {
		return nil, notFoundAs(err, errBadUnsubscribe)
	}
	p, err := s.Store.NotifyPrefs(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	return &Unsubscription{User: u, Kind: k, Mode: p.MailFor(k)}, nil
}

// Unsubscribe sets the mail mode of the token's kind to none for its
// user and publishes one event, as a change of preferences by the user;
// when it was none already nothing changes and nothing is published.
// A concurrent change of the preferences is read again, not overwritten.
func (s *Unsubscribes) Unsubscribe(ctx context.Context, token string) (*Unsubscription, error) {
	un, err := s.Check(ctx, token)
	if err != nil {
		return nil, err
	}
	for range 5 {
		p, err := s.Store.NotifyPrefs(ctx, un.User.ID)
		if err != nil {
			return nil, err
		}
		before := p.MailFor(un.Kind)
		if before == MailNone {
			un.Mode = MailNone
			return un, nil
		}
		if p.Mail == nil {
			p.Mail = map[NotifyKind]MailMode{}
		}
		p.Mail[un.Kind], p.Lang = MailNone, p.Language()
		switch err := s.Store.SaveNotifyPrefs(ctx, p); {
		case ErrorCode(err) == ECONFLICT:
			continue
		case err != nil:
			return nil, err
		}
		publish(ctx, s.Events, s.Clock, un.User, "user.unsubscribe", Subject{"user", un.User.ID},
			string(before), string(MailNone), string(un.Kind))
		un.Mode = MailNone
		return un, nil
	}
	return nil, Errorf(ECONFLICT, "error.unsubscribe.busy")
}
