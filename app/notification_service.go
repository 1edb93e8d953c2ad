package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
)

// Notifications are the use cases of a user's own notifications, follows
// and preferences. Every method acts for the viewer alone.
type Notifications struct {
	Store       NotificationStore
	Statements  StatementStore
	Suggestions SuggestionStore
	Issues      IssueStore
	Users       UserStore
	Members     MemberStore
	Clock       Clock
	Events      *Events
	// Mail is whether a mail server is configured (see Notifier.Mail).
	Mail bool
}

// NotificationList is one page of a user's notifications.
type NotificationList struct {
	Items  []*Notification
	Total  int
	Unread int
}

// List returns a page of the viewer's notifications, newest first.
func (s *Notifications) List(ctx context.Context, viewer *User, unreadOnly bool, page Page) (*NotificationList, error) {
	if viewer == nil {
		return nil, Errorf(EUNAUTHORIZED, "error.notify.login_required")
	}
	items, total, err := s.Store.ListNotifications(ctx, NotificationFilter{UserID: viewer.ID, UnreadOnly: unreadOnly, Page: page})
	if err != nil {
		return nil, err
	}
	unread, err := s.Store.CountUnread(ctx, viewer.ID)
	if err != nil {
		return nil, err
	}
	return &NotificationList{Items: items, Total: total, Unread: unread}, nil
}

// Unread counts the viewer's unread notifications (the bell).
func (s *Notifications) Unread(ctx context.Context, viewer *User) (int, error) {
	if viewer == nil {
		return 0, nil
	}
	return s.Store.CountUnread(ctx, viewer.ID)
}

// MarkAsRead marks the viewer's notifications ids read, or all of them when
// all is set; ids of other users' notifications change nothing. Reading is
// not a change of the network's records: it publishes no event.
func (s *Notifications) MarkAsRead(ctx context.Context, viewer *User, ids []string, all bool) (int, error) {
	if viewer == nil {
		return 0, Errorf(EUNAUTHORIZED, "error.notify.login_required")
	}
	if all == (len(ids) > 0) {
		return 0, FieldError("ids", "error.notify.ids_or_all")
	}
	if len(ids) > 500 {
		return 0, FieldError("ids", "error.notify.too_many")
	}
	if all {
		ids = nil
	}
	return s.Store.MarkRead(ctx, viewer.ID, ids, s.Clock.Now())
}

// Seen marks the viewer's notifications about subject read: they have
// opened what the notifications pointed to.
func (s *Notifications) Seen(ctx context.Context, viewer *User, subject Subject) error {
	if viewer == nil {
		return nil
	}
	return s.Store.MarkSubjectRead(ctx, viewer.ID, subject, s.Clock.Now())
}

// FollowTypes are the kinds of subject one may follow.
var FollowTypes = []string{"statement", "issue", "consultation", "topic"}

// Follow records that the viewer follows subject (on) or no longer does.
func (s *Notifications) Follow(ctx context.Context, viewer *User, subject Subject, on bool) error {
	if viewer == nil {
		return Errorf(EUNAUTHORIZED, "error.notify.login_required")
	}
	if !slices.Contains(FollowTypes, subject.Type) || subject.ID == "" || len(subject.ID) > 200 {
		return FieldError("subject", "error.notify.bad_subject")
	}
	if err := s.exists(ctx, subject); err != nil {
		return err
	}
	f := &Follow{UserID: viewer.ID, Subject: subject, On: on, At: s.Clock.Now()}
	if err := s.Store.SetFollow(ctx, f); err != nil {
		return err
	}
	after := "off"
	if on {
		after = "on"
	}
	publish(ctx, s.Events, s.Clock, viewer, "user.follow", subject, "", after, "")
	return nil
}

func (s *Notifications) exists(ctx context.Context, subject Subject) error {
	var err error
	switch subject.Type {
	case "statement":
		_, err = s.Statements.StatementByID(ctx, subject.ID)
	case "issue":
		_, err = s.Issues.IssueByID(ctx, subject.ID)
	}
	return err
}

// Following reports whether the viewer hears of statement st: as a
// participant or a follower, and not muted.
func (s *Notifications) Following(ctx context.Context, viewer *User, st *Statement) (bool, error) {
	ids, err := Participants(ctx, s.Statements, s.Suggestions, s.Store, st)
	return slices.Contains(ids, viewer.ID), err
}

// FollowsSubject reports whether the viewer chose to follow subject.
func (s *Notifications) FollowsSubject(ctx context.Context, viewer *User, subject Subject) (bool, error) {
	fs, err := s.Store.Follows(ctx, viewer.ID)
	for _, f := range fs {
		if f.Subject == subject {
			return f.On, err
		}
	}
	return false, err
}

// Follows lists the viewer's follows.
func (s *Notifications) Follows(ctx context.Context, viewer *User) ([]*Follow, error) {
	return s.Store.Follows(ctx, viewer.ID)
}

// Prefs returns the viewer's notification preferences.
func (s *Notifications) Prefs(ctx context.Context, viewer *User) (*NotifyPrefs, error) {
	return s.Store.NotifyPrefs(ctx, viewer.ID)
}

// SavePrefs stores the viewer's preferences; p.Version must be the one
// read (ECONFLICT otherwise).
func (s *Notifications) SavePrefs(ctx context.Context, viewer *User, p *NotifyPrefs) error {
	p.UserID = viewer.ID
	problems := Problems{}
	if p.Lang != "sv" && p.Lang != "en" {
		problems.Add("lang", Msg("error.field.one_of", "allowed", "sv, en"))
	}
	for k, m := range p.Mail {
		if !slices.Contains(NotifyKinds, k) {
			problems.Add("mail", "error.notify.bad_kind")
		}
		if m != MailNone && m != MailNow && m != MailDigest {
			problems.Add("mail."+string(k), Msg("error.field.one_of", "allowed", "none, immediate, digest"))
		}
	}
	if err := problems.Err(); err != nil {
		return err
	}
	before := p.Version
	if err := s.Store.SaveNotifyPrefs(ctx, p); err != nil {
		return err
	}
	publish(ctx, s.Events, s.Clock, viewer, "user.notify_prefs", Subject{"user", viewer.ID},
		strconv.Itoa(before), strconv.Itoa(p.Version), "")
	return nil
}

// Mentionable lists up to 8 active users whose name has a word beginning
// with q (any case), for @mention suggestions to a signed-in viewer.
func (s *Notifications) Mentionable(ctx context.Context, viewer *User, q string) ([]Mentionable, error) {
	if viewer == nil {
		return nil, Errorf(EUNAUTHORIZED, "error.notify.login_required")
	}
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" || len(q) > 60 {
		return nil, nil
	}
	users, _, err := s.Users.ListUsers(ctx, UserFilter{})
	if err != nil {
		return nil, err
	}
	members, _, err := s.Members.ListMembers(ctx, MemberFilter{Page: Page{Number: 1, Size: 1000}})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	var out []Mentionable
	for _, u := range users {
		if u.Active && nameStartsWith(u.Name, q) {
			detail := names[u.MemberID]
			if u.IsStaff() {
				detail = Msg("notify.mention.staff")
			}
			out = append(out, Mentionable{ID: u.ID, Name: u.Name, Title: u.Title, Detail: detail})
		}
	}
	slices.SortFunc(out, func(a, b Mentionable) int { return strings.Compare(a.Name, b.Name) })
	return out[:min(8, len(out))], nil
}

// Mentionable is a user one may @mention, with their member (or staff).
type Mentionable struct {
	ID, Name, Title, Detail string
}

// nameStartsWith reports whether name, or a word of it from its start to
// its end, begins with q (lower case).
func nameStartsWith(name, q string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, q) {
		return true
	}
	for i, r := range lower {
		if r == ' ' && strings.HasPrefix(lower[i+1:], q) {
			return true
		}
	}
	return false
}
