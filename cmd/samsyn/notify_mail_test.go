package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/smtp/smtptest"
)

// TestNotificationMailTwoReplicas starts the notification mail job twice
// on one store, as two replicas would, running every few milliseconds: a
// notification waiting to be mailed arrives exactly once, in Swedish,
// with its absolute link.
func TestNotificationMailTwoReplicas(t *testing.T) {
	mail := smtptest.Start(t)
	e := &env{cfg: ConfigFromEnv(testEnv(t.TempDir(), "SAMSYN_SMTP_URL", mail.URL(), "SAMSYN_MAIL_FROM", "samsyn@example.se",
		"SAMSYN_BASE_URL", "https://samsyn.example.se", "SAMSYN_NETWORK_NAME", "Industrikommunerna")),
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := e.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if s.mailer = e.openMailer(); s.mailer == nil {
		t.Fatalf("no mailer for %s", mail.URL())
	}
	now := time.Now()
	u := &app.User{Email: "kso@skelleftea.example", Name: "Sören Signer", Role: app.RoleMember, Active: true, CreatedAt: now, UpdatedAt: now}
	if err := s.users.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	store := e.services(s).Notifications.Store
	if _, err := store.AddNotifications(ctx, []*app.Notification{{UserID: u.ID, EventID: "e1", Kind: app.NotifyMention,
		Title: app.Msg("notify.mention.title", "name", "Karin Kansli", "title", "Elnätet i norr"),
		URL:   "/internt/stallningstaganden/s1#kommentar-c1", CreatedAt: now.Add(-time.Minute), Mail: app.MailNow}}); err != nil {
		t.Fatal(err)
	}
	old := notificationMailInterval
	notificationMailInterval = 20 * time.Millisecond
	defer func() { notificationMailInterval = old }()
	clocks := []*signalClock{{Clock: s.clock, read: make(chan struct{})}, {Clock: s.clock, read: make(chan struct{})}}
	for _, c := range clocks {
		s.clock = c
		if !e.startNotificationMail(ctx, s) {
			t.Fatal("not started with a mail server")
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(mail.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	for _, c := range clocks { // then at least five more runs of each replica
		for range 5 {
			select {
			case <-c.read:
			case <-time.After(20 * time.Second):
				t.Fatal("a replica stopped running")
			}
		}
	}
	cancel()
	got := mail.Messages()
	if len(got) != 1 || got[0].To[0] != u.Email || got[0].Subject != "Industrikommunerna: Karin Kansli nämnde dig i en kommentar till ”Elnätet i norr”" ||
		!strings.Contains(got[0].Body, "https://samsyn.example.se/internt/stallningstaganden/s1#kommentar-c1") {
		t.Fatalf("%d e-mails: %+v", len(got), got)
	}
}

// TestNotificationMailNeedsSMTP: without a mail server the job does not
// start, so nothing can claim to have been mailed.
func TestNotificationMailNeedsSMTP(t *testing.T) {
	t.Parallel()
	e := &env{cfg: ConfigFromEnv(testEnv(t.TempDir())), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if e.startNotificationMail(context.Background(), &stack{mailer: e.openMailer()}) {
		t.Fatal("started without SAMSYN_SMTP_URL")
	}
}
