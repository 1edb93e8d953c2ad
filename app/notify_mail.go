package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// NotificationMailer e-mails the notifications that wait to be mailed:
// each one in MailNow at once, and each user's MailDigest ones as one mail
// a day. It runs under a lease, and every notification is claimed with a
// conditional update before it is sent (MarkMailed) and a digest with a
// claim of the user's day (ClaimDay), so that two replicas, or two runs,
// send each mail once. A failed send puts the claims back for the next
// run. A mail holds titles and links only, never a statement's text.
type NotificationMailer struct {
	Store        NotificationStore
	Users        UserStore
	Unsubscribes *Unsubscribes // signs the unsubscribe links
	Leases       LeaseStore
	Mailer       Mailer
	// Translate returns message m (see Msg) in lang ("sv" or "en").
	Translate   func(lang, m string) string
	BaseURL     string // e.g. https://samsyn.example.se
	NetworkName string
	Clock       Clock
	Logger      *slog.Logger
	Holder      string        // this replica's name for the lease
	LeaseTTL    time.Duration // how long one run may hold the lease
}

// NotificationMailLease is the lease the mail runs share.
const NotificationMailLease = "notification-mail"

// DigestHour is the hour of the day (Stockholm) of the daily digest: it
// holds what was notified before it, and goes out from then on.
const DigestHour = 7

// Batch sizes of one run: what is left waits for the next.
const (
	immediateBatch = 500
	digestBatch    = 5000
)

// Run sends what is due if this replica gets the lease; it returns how
// many e-mails it sent.
func (j *NotificationMailer) Run(ctx context.Context) (int, error) {
	return j.lease().run(ctx, j.SendPending)
}

// RunEvery runs the job at once and then every interval until ctx ends,
// logging what it sent and why a run failed.
func (j *NotificationMailer) RunEvery(ctx context.Context, interval time.Duration) {
	j.lease().every(ctx, interval, j.Run)
}

func (j *NotificationMailer) lease() leased {
	return leased{leases: j.Leases, name: NotificationMailLease, holder: j.Holder, ttl: j.LeaseTTL, clock: j.Clock, log: j.Logger}
}

// SendPending sends the immediate mails, then the digests that are due.
func (j *NotificationMailer) SendPending(ctx context.Context) (int, error) {
	now := j.Clock.Now()
	n, err := j.sendImmediate(ctx, now)
	d, derr := j.sendDigests(ctx, now)
	return n + d, errors.Join(err, derr)
}

// recipient is a user to mail, with their choices; nil when the user is
// gone, deactivated or has no address.
type mailRecipient struct {
	user  *User
	prefs *NotifyPrefs
}

// recipients reads each user and their choices once per run.
type recipients struct {
	j    *NotificationMailer
	seen map[string]*mailRecipient
}

func (r *recipients) get(ctx context.Context, userID string) (*mailRecipient, error) {
	if to, ok := r.seen[userID]; ok {
		return to, nil
	}
	u, err := r.j.Users.UserByID(ctx, userID)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		r.seen[userID] = nil
		return nil, nil
	case err != nil:
		return nil, err
	}
	if !u.Active || u.Email == "" {
		r.seen[userID] = nil
		return nil, nil
	}
	p, err := r.j.Store.NotifyPrefs(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	r.seen[userID] = &mailRecipient{user: u, prefs: p}
	return r.seen[userID], nil
}

// wants reports whether n is still to be mailed to to: a user who was
// deactivated, or chose no e-mail of its kind since, gets none.
func wants(to *mailRecipient, n *Notification) bool {
	return to != nil && to.prefs.MailFor(n.Kind) != MailNone
}

// drop takes ns out of the mail queue unsent: claimed, then set to none,
// so that a notification another run sent meanwhile stays sent.
func (j *NotificationMailer) drop(ctx context.Context, ns []*Notification, now time.Time) error {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	claimed, err := j.Store.MarkMailed(ctx, ids, now)
	if err != nil || len(claimed) == 0 {
		return err
	}
	return j.Store.ReleaseMail(ctx, claimed, MailNone)
}

// sendImmediate mails each notification waiting in MailNow, one mail
// each. A failed send is released for the next run; the others go on.
func (j *NotificationMailer) sendImmediate(ctx context.Context, now time.Time) (int, error) {
	ns, err := j.Store.PendingMail(ctx, MailNow, now, immediateBatch)
	if err != nil {
		return 0, err
	}
	rs := &recipients{j: j, seen: map[string]*mailRecipient{}}
	sent := 0
	var errs []error
	for _, n := range ns {
		to, err := rs.get(ctx, n.UserID)
		if err != nil {
			return sent, err
		}
		if !wants(to, n) {
			if err := j.drop(ctx, []*Notification{n}, now); err != nil {
				return sent, err
			}
			continue
		}
		claimed, err := j.Store.MarkMailed(ctx, []string{n.ID}, now)
		if err != nil {
			return sent, err
		}
		if len(claimed) == 0 {
			continue // another run has it
		}
		if err := j.sendOne(ctx, to, n); err != nil {
			errs = append(errs, fmt.Errorf("notification %s: %w", n.ID, err))
			if err := j.Store.ReleaseMail(ctx, claimed, MailNow); err != nil {
				return sent, errors.Join(append(errs, err)...)
			}
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

func (j *NotificationMailer) sendOne(ctx context.Context, to *mailRecipient, n *Notification) error {
	m, err := j.immediateMail(ctx, to, n)
	if err != nil {
		return err
	}
	return j.Mailer.Send(ctx, m)
}
