package app

import (
	"context"
	"slices"
	"sort"
)

// Desks answer each user's "what do I have to do, by when": the personal
// start page after login (/oversikt), by role.
type Desks struct {
	Statements    StatementStore
	Consultations ConsultationStore
	Meetings      MeetingStore
	Members       MemberStore
	Users         UserStore
	Notices       NotificationStore
	Clock         Clock
	// Triage counts the remisser waiting to be triaged; nil counts the
	// consultations still incoming instead.
	Triage interface {
		Pending(ctx context.Context) (int, error)
	}
}

// DeskDays is how far ahead the secretariat's desk looks for dates.
const DeskDays = 14

// Desk is one user's desk. Which parts are filled depends on the role:
// Awaiting for those who may sign; Signers for members who may not; the
// watch (Deadlines, AtRisk, Decisions, Incoming) for the secretariat.
type Desk struct {
	Member   *Member
	Awaiting []AwaitingDecision
	Drafts   []*Statement    // drafts the user takes part in
	Notices  []*Notification // unread mentions and replies: comments awaiting the user
	Signers  []*User         // who in the user's member may sign
	// The secretariat's watch.
	Deadlines []DeadlineItem
	AtRisk    []*Consultation
	Decisions []DecisionCount
	Incoming  int
	Unread    int
}

// AwaitingDecision is a text in signing that the user's member has not
// decided on, with its member's next board meeting up to the sign-by date.
type AwaitingDecision struct {
	Statement *Statement
	DaysLeft  int
	Meeting   *BoardMeeting // nil: no meeting before the sign-by date
}

// DecisionCount is a text in signing with its decisions so far.
type DecisionCount struct {
	Statement                 *Statement
	Signed, Declined, Pending int
	DaysLeft                  int
}

// For builds u's desk.
func (d *Desks) For(ctx context.Context, u *User) (*Desk, error) {
	if u == nil {
		return nil, Errorf(EUNAUTHORIZED, "error.notify.login_required")
	}
	desk := &Desk{}
	signing, drafts, err := d.openStatements(ctx)
	if err != nil {
		return nil, err
	}
	recent, unread, err := d.Notices.RecentUnread(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	desk.Unread = unread
	if u.IsStaff() {
		return desk, d.watch(ctx, desk, signing)
	}
	if u.MemberID != "" {
		if desk.Member, err = d.Members.MemberByID(ctx, u.MemberID); err != nil && ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
	}
	if u.MaySign {
		if desk.Awaiting, err = d.awaiting(ctx, u, signing); err != nil {
			return nil, err
		}
	} else if desk.Signers, err = d.signers(ctx, u.MemberID); err != nil {
		return nil, err
	}
	desk.Notices = commentNotices(recent)
	desk.Drafts, err = d.myDrafts(ctx, u, drafts, desk.Notices)
	return desk, err
}

func (d *Desks) openStatements(ctx context.Context) (signing, drafts []*Statement, err error) {
	all, _, err := d.Statements.ListStatements(ctx, StatementFilter{Statuses: []StatementStatus{StatementSigning, StatementDraft}})
	for _, st := range all {
		if st.Status == StatementSigning {
			signing = append(signing, st)
		} else {
			drafts = append(drafts, st)
		}
	}
	return signing, drafts, err
}

// awaiting lists the texts in signing that u's member has not decided on,
// the nearest sign-by date first, each with the member's first board
// meeting from today up to its sign-by date (the meetings read once).
func (d *Desks) awaiting(ctx context.Context, u *User, signing []*Statement) ([]AwaitingDecision, error) {
	today := DateOf(d.Clock.Now())
	var out []AwaitingDecision
	last := today
	for _, st := range signing {
		if slices.ContainsFunc(st.Signatures, func(g Signature) bool { return g.MemberID == u.MemberID }) {
			continue
		}
		out = append(out, AwaitingDecision{Statement: st, DaysLeft: int(st.SignBy.Sub(today.Time).Hours() / 24)})
		if last.Before(st.SignBy) {
			last = st.SignBy
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	meetings, _, err := d.Meetings.ListMeetings(ctx, MeetingFilter{MemberID: u.MemberID, From: today, To: last})
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, m := range meetings { // earliest first
			if !out[i].Statement.SignBy.Before(m.On) {
				out[i].Meeting = m
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Statement.SignBy.Before(out[j].Statement.SignBy) })
	return out, nil
}

// signers lists the active users of member who may sign for it.
func (d *Desks) signers(ctx context.Context, memberID string) ([]*User, error) {
	if memberID == "" {
		return nil, nil
	}
	users, _, err := d.Users.ListUsers(ctx, UserFilter{MemberID: memberID})
	return signersOf(users, map[string]bool{memberID: true}), err
}

// commentNotices are the unread notifications of mentions and replies.
func commentNotices(ns []*Notification) []*Notification {
	var out []*Notification
	for _, n := range ns {
		if n.Kind == NotifyMention || n.Kind == NotifyReply {
			out = append(out, n)
		}
	}
	return out
}

// myDrafts are the drafts u wrote, last saved, follows, or was told of.
func (d *Desks) myDrafts(ctx context.Context, u *User, drafts []*Statement, notices []*Notification) ([]*Statement, error) {
	follows, err := d.Notices.Follows(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	mine := map[string]bool{}
	for _, f := range follows {
		if f.Subject.Type == "statement" {
			mine[f.Subject.ID] = f.On
		}
	}
	for _, n := range notices {
		if _, chosen := mine[n.Subject.ID]; !chosen && n.Subject.Type == "statement" {
			mine[n.Subject.ID] = true
		}
	}
	var out []*Statement
	for _, st := range drafts {
		on, chosen := mine[st.ID]
		if on || (!chosen && (st.AuthorID == u.ID || st.EditedBy == u.ID)) {
			out = append(out, st)
		}
	}
	return out, nil
}

// watch fills the secretariat's part: the dates of the next DeskDays days,
// what is at risk or overdue, the decisions awaited and what is new.
func (d *Desks) watch(ctx context.Context, desk *Desk, signing []*Statement) error {
	today := DateOf(d.Clock.Now())
	cs, _, err := d.Consultations.ListConsultations(ctx, ConsultationFilter{Today: today})
	if err != nil {
		return err
	}
	desk.Deadlines = UpcomingDeadlines(cs, signing, today, DeskDays)
	for _, c := range cs {
		if t := c.Traffic(today); t == TrafficAtRisk || t == TrafficOverdue {
			desk.AtRisk = append(desk.AtRisk, c)
		}
		if c.Status == ConsultationIncoming {
			desk.Incoming++
		}
	}
	members, _, err := d.Members.ListMembers(ctx, MemberFilter{Page: Page{Number: 1, Size: 1000}})
	if err != nil {
		return err
	}
	for _, st := range signing {
		b := &SigningBoard{Statement: st}
		b.fill(members)
		desk.Decisions = append(desk.Decisions, DecisionCount{Statement: st, Signed: b.Signed, Declined: b.Declined,
			Pending: b.Pending, DaysLeft: int(st.SignBy.Sub(today.Time).Hours() / 24)})
	}
	if d.Triage != nil {
		desk.Incoming, err = d.Triage.Pending(ctx)
	}
	return err
}
