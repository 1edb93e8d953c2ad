package mongodb_test

import (
	"context"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// clock is a test clock that tests move forward.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func newAccounts(t *testing.T) (*app.Accounts, *clock) {
	db := mongotest.MustOpenDB(t)
	users, sessions := mongodb.NewUserStore(db), mongodb.NewSessionStore(db)
	c := &clock{t: t0}
	u, err := app.NewUser(app.NewUserInput{Email: "kso@boden.example", Name: "Bo Boden", Role: app.RoleAdmin, Password: "tolv tecken långt"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := users.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return &app.Accounts{Users: users, Sessions: sessions, Tokens: sessions, Clock: c,
		IdleTimeout: time.Hour, AbsoluteTimeout: 8 * time.Hour}, c
}

func TestSessionIdleAndAbsoluteTimeouts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, c := newAccounts(t)
	_, se, secret, err := a.Login(ctx, "KSO@boden.example", "tolv tecken långt")
	if err != nil {
		t.Fatal(err)
	}
	if se.ID == secret || se.ID != app.HashSecret(secret) {
		t.Fatal("the store must keep only the hash of the session secret")
	}
	// Used every 50 minutes, the session lives until the absolute timeout.
	for c.t.Sub(t0) < 7*time.Hour {
		c.t = c.t.Add(50 * time.Minute)
		if _, _, err := a.SessionUser(ctx, secret); err != nil {
			t.Fatalf("at +%v: %v", c.t.Sub(t0), err)
		}
	}
	c.t = t0.Add(8*time.Hour + time.Minute)
	if _, _, err := a.SessionUser(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
		t.Fatalf("past the absolute timeout: %v", err)
	}
	_, _, idle, _ := a.Login(ctx, "kso@boden.example", "tolv tecken långt")
	c.t = c.t.Add(61 * time.Minute)
	if _, _, err := a.SessionUser(ctx, idle); app.ErrorCode(err) != app.EUNAUTHORIZED {
		t.Fatalf("past the idle timeout: %v", err)
	}
}

func TestLoginFailuresAreAlike(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, _ := newAccounts(t)
	_, _, _, wrong := a.Login(ctx, "kso@boden.example", "fel lösenord här")
	_, _, _, unknown := a.Login(ctx, "ingen@boden.example", "fel lösenord här")
	if wrong == nil || unknown == nil || wrong.Error() != unknown.Error() {
		t.Fatalf("wrong password %v vs unknown e-mail %v", wrong, unknown)
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, _ := newAccounts(t)
	secret, err := a.CreateToken(ctx, "kso@boden.example", "cli")
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.TokenUser(ctx, secret)
	if err != nil || u.Email != "kso@boden.example" {
		t.Fatalf("token user: %v %v", u, err)
	}
	for _, bad := range []string{"", secret + "x", secret[len(app.TokenPrefix):], app.HashSecret(secret)} {
		if _, err := a.TokenUser(ctx, bad); app.ErrorCode(err) != app.EUNAUTHORIZED {
			t.Errorf("TokenUser(%q) = %v, want unauthorized", bad, err)
		}
	}
	if err := a.EndUserAccess(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.TokenUser(ctx, secret); app.ErrorCode(err) != app.EUNAUTHORIZED {
		t.Fatalf("revoked token still works: %v", err)
	}
}
