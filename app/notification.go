package app

import (
	"context"
	"time"
)

// Notification tells one user of one event that concerns them. The pair
// (EventID, UserID) is unique in the store: a handler run twice, or on
// two replicas, never notifies anyone twice.
type Notification struct {
	ID        string
	UserID    string
	EventID   string
	Kind      NotifyKind
	Title     string // a message (see Msg), shown in the reader's language
	Body      string // a message, or ""
	URL       string // a path on this site
	Subject   Subject
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
	// Mail is how the notification is to be e-mailed: MailNone, or pending
	// as MailNow or MailDigest until the mail job sends it (MailSent).
	Mail     MailMode
	MailedAt time.Time
}

// NotifyKind is what a notification is about; users choose per kind how
// they are told.
type NotifyKind string

// The kinds of notification.
const (
	NotifySigningOpened NotifyKind = "signing_opened" // signing opened on a text my member may sign
	NotifyReminder      NotifyKind = "reminder"       // the secretariat reminded my member to decide
	NotifyVoided        NotifyKind = "voided"         // a decision I took part in was voided by a reopen
	NotifyReply         NotifyKind = "reply"          // a reply in a thread I took part in
	NotifyMention       NotifyKind = "mention"        // someone @mentioned me
	NotifyPublished     NotifyKind = "published"      // a text I took part in was published
	NotifyWithdrawn     NotifyKind = "withdrawn"      // a text I took part in was withdrawn
	NotifyDeadline      NotifyKind = "deadline"       // a milestone of a consultation is near
	NotifyFollowed      NotifyKind = "followed"       // a new consultation on an issue or topic I follow
)

// NotifyKinds lists every kind, in the order the settings page shows them.
var NotifyKinds = []NotifyKind{NotifySigningOpened, NotifyReminder, NotifyVoided, NotifyMention, NotifyReply,
	NotifyPublished, NotifyWithdrawn, NotifyDeadline, NotifyFollowed}

// MailMode is how a kind of notification reaches a user by e-mail.
type MailMode string

// The ways of e-mailing a notification.
const (
	MailNone   MailMode = "none"      // in the app only
	MailNow    MailMode = "immediate" // one mail per notification, at once
	MailDigest MailMode = "digest"    // one mail a day with all of them
	MailSent   MailMode = "sent"      // e-mailed (a notification's state only)
)

// DefaultMail is how each kind is e-mailed until the user chooses: what
// asks for a decision at once, the rest in the daily digest.
func DefaultMail(k NotifyKind) MailMode {
	switch k {
	case NotifySigningOpened, NotifyReminder, NotifyVoided, NotifyMention, NotifyDeadline:
		return MailNow
	}
	return MailDigest
}

// NotifyPrefs are a user's choices: the language of their e-mails and the
// mail mode of each kind (missing kinds take DefaultMail).
type NotifyPrefs struct {
	UserID  string
	Lang    string // "sv" or "en"
	Mail    map[NotifyKind]MailMode
	Version int
}

// MailFor returns how kind k is e-mailed to the user.
func (p *NotifyPrefs) MailFor(k NotifyKind) MailMode {
	if m, ok := p.Mail[k]; ok {
		return m
	}
	return DefaultMail(k)
}

// Language returns the language of the user's e-mails, Swedish unless
// they chose English.
func (p *NotifyPrefs) Language() string {
	if p.Lang == "en" {
		return "en"
	}
	return "sv"
}

// Follow is a user's choice to hear of a subject (On) or not to (a mute of
// what they would hear of as a participant). Topics are subjects of type
// "topic" whose ID is the topic.
type Follow struct {
	UserID  string
	Subject Subject
	On      bool
	At      time.Time
}

// NotificationFilter selects one user's notifications, newest first.
type NotificationFilter struct {
	UserID     string
	UnreadOnly bool
	Page       Page
}

// NotificationStore keeps notifications, follows and preferences.
type NotificationStore interface {
	// AddNotifications stores ns, skipping any whose (EventID, UserID)
	// is stored already, and returns how many were new.
	AddNotifications(ctx context.Context, ns []*Notification) (int, error)
	ListNotifications(ctx context.Context, f NotificationFilter) ([]*Notification, int, error)
	CountUnread(ctx context.Context, userID string) (int, error)
	// RecentUnread returns the user's newest unread notifications (a few
	// dozen at most) and how many are unread in all: one quick read, for
	// the bell and the desk.
	RecentUnread(ctx context.Context, userID string) ([]*Notification, int, error)
	// MarkRead marks the user's notifications ids (all when ids is nil)
	// read at at, and returns how many changed.
	MarkRead(ctx context.Context, userID string, ids []string, at time.Time) (int, error)
	// MarkSubjectRead marks the user's unread notifications about subject
	// read at at.
	MarkSubjectRead(ctx context.Context, userID string, subject Subject, at time.Time) error
	// PendingMail lists notifications waiting to be e-mailed in mode, oldest
	// first, created before before.
	PendingMail(ctx context.Context, mode MailMode, before time.Time, limit int) ([]*Notification, error)
	// MarkMailed records that ids were e-mailed at at, when still pending:
	// it returns the ids it changed, so that two senders never both claim one.
	MarkMailed(ctx context.Context, ids []string, at time.Time) ([]string, error)
	// ReleaseMail puts ids back to mode, for a retry after a failed send.
	ReleaseMail(ctx context.Context, ids []string, mode MailMode) error
	// ClaimDay records that what key names (a user's digest, a statement's
	// reminder) is done on day; ECONFLICT when it was already, by another
	// run, request or replica.
	ClaimDay(ctx context.Context, key string, day Date, at time.Time) error
	// ReleaseDay forgets a claim whose work failed.
	ReleaseDay(ctx context.Context, key string, day Date) error

	SetFollow(ctx context.Context, f *Follow) error
	// Follows lists the user's follows.
	Follows(ctx context.Context, userID string) ([]*Follow, error)
	// Followers lists the follows of subject, on and off.
	Followers(ctx context.Context, subject Subject) ([]*Follow, error)

	// NotifyPrefs returns a user's choices; an empty NotifyPrefs for the
	// user when they chose nothing yet.
	NotifyPrefs(ctx context.Context, userID string) (*NotifyPrefs, error)
	// SaveNotifyPrefs stores p when its Version is the stored one (0 for
	// none), and increments it; ECONFLICT otherwise.
	SaveNotifyPrefs(ctx context.Context, p *NotifyPrefs) error
}
