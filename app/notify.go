package app

import (
	"context"
	"slices"
)

// Notifier turns events into notifications: it subscribes to the event
// stream and, for each event that concerns people, stores one notification
// per recipient. Recipients are active users only, never the actor. The
// store's unique key (event, user) makes a second run of the same event —
// a retried handler, a second replica — add nothing.
type Notifier struct {
	Store         NotificationStore
	Users         UserStore
	Members       MemberStore
	Statements    StatementStore
	Suggestions   SuggestionStore
	Consultations ConsultationStore
	Issues        IssueStore
	// Mail is whether e-mail can be sent at all: without a mail server,
	// notifications are in the app only and nothing waits to be mailed.
	Mail bool
}

// recipient is one user to tell, and of what kind.
type recipient struct {
	user *User
	kind NotifyKind
}

// Handle is the Notifier's EventHandler.
func (n *Notifier) Handle(ctx context.Context, e Event) error {
	msg, err := n.message(ctx, e)
	if err != nil || msg == nil {
		return err
	}
	var ns []*Notification
	seen := map[string]bool{}
	for _, r := range msg.to {
		if r.user == nil || !r.user.Active || seen[r.user.ID] || (e.Actor != nil && r.user.ID == e.Actor.ID) {
			continue
		}
		seen[r.user.ID] = true
		mode, err := n.mailMode(ctx, r.user.ID, r.kind, e.Kind)
		if err != nil {
			return err
		}
		ns = append(ns, &Notification{UserID: r.user.ID, EventID: e.ID, Kind: r.kind, Title: msg.title(r.kind),
			Body: msg.body, URL: msg.url, Subject: e.Subject, CreatedAt: e.At, Mail: mode})
	}
	_, err = n.Store.AddNotifications(ctx, ns)
	return err
}

// mailMode is how the user chose to have k e-mailed; none without a mail
// server. A milestone chosen at once is e-mailed by the reminder job
// itself, so only the digest's choice waits here.
func (n *Notifier) mailMode(ctx context.Context, userID string, k NotifyKind, eventKind string) (MailMode, error) {
	if !n.Mail {
		return MailNone, nil
	}
	p, err := n.Store.NotifyPrefs(ctx, userID)
	if err != nil {
		return "", err
	}
	m := p.MailFor(k)
	if eventKind == "consultation.milestone" && m != MailDigest {
		return MailNone, nil
	}
	return m, nil
}

// notice is what one event tells, and whom.
type notice struct {
	to     []recipient
	titles map[NotifyKind]string // the title per kind; see title
	body   string
	url    string
}

func (m *notice) title(k NotifyKind) string {
	if t, ok := m.titles[k]; ok {
		return t
	}
	for _, t := range m.titles {
		return t
	}
	return ""
}

func (m *notice) add(k NotifyKind, users ...*User) {
	for _, u := range users {
		m.to = append(m.to, recipient{u, k})
	}
}

// message works out the notice of e; nil when e concerns no one.
func (n *Notifier) message(ctx context.Context, e Event) (*notice, error) {
	switch e.Kind {
	case "statement.signing", "statement.remind", "statement.reopen", "statement.comment",
		"statement.publish", "statement.withdraw":
		return n.statementNotice(ctx, e)
	case "consultation.milestone":
		return n.milestoneNotice(ctx, e)
	case "consultation.create", "consultation.import":
		return n.newConsultationNotice(ctx, e)
	case "triage.accept": // the note names the consultation made
		e.Subject = Subject{Type: "consultation", ID: e.Note}
		return n.newConsultationNotice(ctx, e)
	}
	return nil, nil
}

func (n *Notifier) statementNotice(ctx context.Context, e Event) (*notice, error) {
	st, err := n.Statements.StatementByID(ctx, e.Subject.ID)
	if err != nil {
		return nil, err
	}
	users, err := n.allUsers(ctx)
	if err != nil {
		return nil, err
	}
	m := &notice{url: "/internt/stallningstaganden/" + st.ID, titles: map[NotifyKind]string{}}
	title := func(key string) string { return Msg(key, "title", st.Title) }
	switch e.Kind {
	case "statement.signing":
		m.url += "/signering"
		m.titles[NotifySigningOpened] = title("notify.signing_opened.title")
		m.body = Msg("notify.signing_opened.body", "sign_by", st.SignBy.String())
		members, err := n.activeMembers(ctx)
		if err != nil {
			return nil, err
		}
		m.add(NotifySigningOpened, signersOf(users, members)...)
		m.add(NotifySigningOpened, staffOf(users)...)
	case "statement.remind":
		m.url += "/signering"
		m.titles[NotifyReminder] = title("notify.reminder.title")
		m.body = Msg("notify.reminder.body", "sign_by", st.SignBy.String())
		m.add(NotifyReminder, signersOf(users, setOf(e.Members))...)
	case "statement.reopen":
		m.titles[NotifyVoided] = title("notify.voided.title")
		m.add(NotifyVoided, signersOf(users, setOf(e.Members))...)
		m.add(NotifyVoided, usersByID(users, e.Users)...)
	case "statement.comment":
		return n.commentNotice(ctx, e, st, users, m)
	case "statement.publish", "statement.withdraw":
		k, key := NotifyPublished, "notify.published.title"
		if e.Kind == "statement.withdraw" {
			k, key = NotifyWithdrawn, "notify.withdrawn.title"
		}
		m.titles[k] = title(key)
		ids, err := n.participants(ctx, st)
		if err != nil {
			return nil, err
		}
		m.add(k, usersByID(users, ids)...)
	}
	return m, nil
}

// commentNotice tells those @mentioned in a new comment, and, for a
// reply, everyone else who wrote in the thread.
func (n *Notifier) commentNotice(ctx context.Context, e Event, st *Statement, users []*User, m *notice) (*notice, error) {
	c, err := n.Statements.CommentByID(ctx, e.After)
	if err != nil {
		return nil, err
	}
	m.url += "#kommentar-" + c.ID
	m.titles[NotifyMention] = Msg("notify.mention.title", "name", c.AuthorName, "title", st.Title)
	m.titles[NotifyReply] = Msg("notify.reply.title", "name", c.AuthorName, "title", st.Title)
	m.add(NotifyMention, usersByID(users, c.Mentions)...)
	if c.ParentID == "" {
		return m, nil
	}
	all, err := n.Statements.ListComments(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	var thread []string
	for _, x := range all {
		if (x.ID == c.ParentID || x.ParentID == c.ParentID) && !x.Deleted {
			thread = append(thread, x.AuthorID)
		}
	}
	m.add(NotifyReply, usersByID(users, thread)...)
	return m, nil
}

// participants are those who follow a statement: whoever wrote, revised,
// commented, suggested or entered a decision on it, and whoever chose to
// follow it — less those who chose not to.
func (n *Notifier) participants(ctx context.Context, st *Statement) ([]string, error) {
	return Participants(ctx, n.Statements, n.Suggestions, n.Store, st)
}

// Participants lists the ids of the users who follow st (see
// Notifier.participants).
func Participants(ctx context.Context, stmts StatementStore, sugg SuggestionStore, follows NotificationStore, st *Statement) ([]string, error) {
	ids := []string{st.AuthorID, st.EditedBy}
	revs, err := stmts.ListRevisions(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range revs {
		ids = append(ids, r.AuthorID)
	}
	cs, err := stmts.ListComments(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		ids = append(ids, c.AuthorID)
	}
	if sugg != nil {
		sgs, err := sugg.ListSuggestions(ctx, st.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range sgs {
			ids = append(ids, s.AuthorID)
		}
	}
	for _, g := range st.Signatures {
		ids = append(ids, g.SignedBy)
	}
	fs, err := follows.Followers(ctx, Subject{"statement", st.ID})
	if err != nil {
		return nil, err
	}
	muted := map[string]bool{}
	for _, f := range fs {
		if f.On {
			ids = append(ids, f.UserID)
		} else {
			muted[f.UserID] = true
		}
	}
	out := []string{}
	for _, id := range ids {
		if id != "" && !muted[id] && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// milestoneNotice tells of a milestone reached (published by the reminder
// job): the secretariat of every date, members who may sign of the date
// signatures are due.
func (n *Notifier) milestoneNotice(ctx context.Context, e Event) (*notice, error) {
	c, err := n.Consultations.ConsultationByID(ctx, e.Subject.ID)
	if err != nil {
		return nil, err
	}
	users, err := n.allUsers(ctx)
	if err != nil {
		return nil, err
	}
	m := &notice{url: "/internt/remisser/" + c.ID, titles: map[NotifyKind]string{
		NotifyDeadline: Msg(deadlineTitle[DeadlineKind(e.Before)], "title", c.Title, "days", e.After)},
		body: Msg("notify.deadline.body", "date", e.Note)}
	r := Reminder{Kind: DeadlineKind(e.Before)}
	for _, u := range users {
		if r.Concerns(u) {
			m.add(NotifyDeadline, u)
		}
	}
	return m, nil
}

// deadlineTitle is the title of a milestone's notification by its kind.
var deadlineTitle = map[DeadlineKind]string{
	DueDraft:      "notify.deadline.draft_due.title",
	DueSignatures: "notify.deadline.signatures_due.title",
	DueDeadline:   "notify.deadline.deadline.title",
}

// newConsultationNotice tells those who follow an issue the consultation
// is linked to, or a topic of those issues.
func (n *Notifier) newConsultationNotice(ctx context.Context, e Event) (*notice, error) {
	c, err := n.Consultations.ConsultationByID(ctx, e.Subject.ID)
	if err != nil {
		return nil, err
	}
	subjects := []Subject{}
	for _, id := range c.IssueIDs {
		subjects = append(subjects, Subject{"issue", id})
		if i, err := n.Issues.IssueByID(ctx, id); err == nil {
			for _, t := range i.Topics {
				subjects = append(subjects, Subject{"topic", t})
			}
		}
	}
	for _, t := range c.Topics {
		subjects = append(subjects, Subject{"topic", t})
	}
	var ids []string
	for _, s := range subjects {
		fs, err := n.Store.Followers(ctx, s)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if f.On {
				ids = append(ids, f.UserID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	users, err := n.allUsers(ctx)
	if err != nil {
		return nil, err
	}
	m := &notice{url: "/internt/remisser/" + c.ID, titles: map[NotifyKind]string{
		NotifyFollowed: Msg("notify.followed.title", "title", c.Title)}}
	if !c.Deadline.IsZero() {
		m.body = Msg("notify.followed.body", "deadline", c.Deadline.String())
	}
	m.add(NotifyFollowed, usersByID(users, ids)...)
	return m, nil
}

func (n *Notifier) allUsers(ctx context.Context) ([]*User, error) {
	users, _, err := n.Users.ListUsers(ctx, UserFilter{})
	return users, err
}

// activeMembers returns the ids of the active members.
func (n *Notifier) activeMembers(ctx context.Context) (map[string]bool, error) {
	ms, _, err := n.Members.ListMembers(ctx, MemberFilter{Page: Page{Number: 1, Size: 1000}})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, m := range ms {
		if m.Active {
			out[m.ID] = true
		}
	}
	return out, nil
}

func setOf(ids []string) map[string]bool {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// signersOf returns the active users who may sign for one of members.
func signersOf(users []*User, members map[string]bool) []*User {
	var out []*User
	for _, u := range users {
		if u.Active && u.Role == RoleMember && u.MaySign && members[u.MemberID] {
			out = append(out, u)
		}
	}
	return out
}

func staffOf(users []*User) []*User {
	var out []*User
	for _, u := range users {
		if u.Active && u.IsStaff() {
			out = append(out, u)
		}
	}
	return out
}

func usersByID(users []*User, ids []string) []*User {
	var out []*User
	for _, u := range users {
		if slices.Contains(ids, u.ID) {
			out = append(out, u)
		}
	}
	return out
}
