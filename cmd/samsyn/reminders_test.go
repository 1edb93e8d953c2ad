package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/smtp/smtptest"
)

// syncBuffer is a log sink safe for the job's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRemindersTwoReplicas starts the reminder job twice on one store, as
// two replicas would, running every few milliseconds: each due reminder
// arrives at the in-process SMTP server exactly once.
func TestRemindersTwoReplicas(t *testing.T) {
	mail := smtptest.Start(t)
	var logs syncBuffer
	e := &env{cfg: ConfigFromEnv(testEnv(t.TempDir(), "SAMSYN_SMTP_URL", mail.URL(), "SAMSYN_MAIL_FROM", "samsyn@example.se",
		"SAMSYN_BASE_URL", "https://samsyn.example.se")), log: slog.New(slog.NewTextHandler(&logs, nil))}
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
	u := &app.User{Email: "kansli@example.se", Name: "Karin Kansli", Role: app.RoleSecretariat, Active: true, CreatedAt: now, UpdatedAt: now}
	if err := s.users.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	today := app.DateOf(now)
	deadline := app.WorkingDaysAfter(today, 10)
	c := &app.Consultation{Title: "Remiss om elnätet", Status: app.ConsultationIncoming, Deadline: deadline, CreatedAt: now, UpdatedAt: now}
	c.DraftDue, c.SignaturesDue = app.DefaultMilestones(deadline)
	if err := s.consults.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	want := len(app.DueReminders([]*app.Consultation{c}, today))
	if want == 0 {
		t.Fatal("nothing due: the test's dates are wrong")
	}

	old := reminderInterval
	reminderInterval = 20 * time.Millisecond
	defer func() { reminderInterval = old }()
	// Each replica reads a clock of its own, which signals every reading
	// to whoever is receiving then. A run reads it at most 2+want times.
	clocks := []*signalClock{{Clock: s.clock, read: make(chan struct{})}, {Clock: s.clock, read: make(chan struct{})}}
	for _, c := range clocks {
		s.clock = c
		e.startReminders(ctx, s)
	}
	deadlineAt := time.Now().Add(20 * time.Second)
	for len(mail.Messages()) < want && time.Now().Before(deadlineAt) {
		time.Sleep(50 * time.Millisecond)
	}
	for _, c := range clocks { // many more runs of both replicas: at least five each
		for range 5 * (2 + want) {
			select {
			case <-c.read:
			case <-time.After(20 * time.Second):
				t.Fatal("a replica stopped running")
			}
		}
	}
	cancel()
	got := mail.Messages()
	if len(got) != want {
		t.Fatalf("%d e-mails arrived, want %d", len(got), want)
	}
	for _, m := range got {
		if m.To[0] != "kansli@example.se" || !strings.HasPrefix(m.Subject, "Påminnelse: ") ||
			!strings.Contains(m.Body, "https://samsyn.example.se/internt/remisser/"+c.ID) {
			t.Errorf("e-mail %+v", m)
		}
	}
}

// signalClock is a clock that signals each reading on read to whoever is
// receiving then.
type signalClock struct {
	app.Clock
	read chan struct{}
}

func (c *signalClock) Now() time.Time {
	select {
	case c.read <- struct{}{}:
	default:
	}
	return c.Clock.Now()
}

// TestRemindersWithoutSMTP: with no mail server there is no mailer, and
// the log says so once.
func TestRemindersWithoutSMTP(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	e := &env{cfg: ConfigFromEnv(testEnv(t.TempDir())), log: slog.New(slog.NewTextHandler(&logs, nil))}
	s := &stack{mailer: e.openMailer()}
	if s.mailer != nil {
		t.Fatal("a mailer without SAMSYN_SMTP_URL")
	}
	if n := strings.Count(logs.String(), "SAMSYN_SMTP_URL is not set"); n != 1 {
		t.Fatalf("log said it %d times:\n%s", n, logs.String())
	}
}
