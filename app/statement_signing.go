package app

import (
	"context"
	"fmt"
	"strconv"
)

// OpenSigning freezes a draft's text for signing until signBy: it records
// the SHA-256 of the text, which every signature must name. version, when
// not 0, must be the stored one.
func (s *Statements) OpenSigning(ctx context.Context, actor *User, id string, version int, signBy Date) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != st.Version {
		return nil, staleError(st)
	}
	if st.Status != StatementDraft {
		return nil, Errorf(ECONFLICT, "error.signing.open_not_draft")
	}
	if signBy.IsZero() || signBy.Time.Before(DateOf(s.Clock.Now()).Time) {
		return nil, FieldError("sign_by", "error.signing.sign_by_past")
	}
	st.Status, st.ContentHash, st.SignBy, st.UpdatedAt = StatementSigning, ContentHash(st.Title, st.Summary, st.Body), signBy, s.Clock.Now()
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.signing", st, string(StatementDraft), string(StatementSigning),
		fmt.Sprintf("Underskrift senast %s. Kontrollsumma %s.", signBy, st.ContentHash))
	return st, nil
}

// Sign records one member's decision on the frozen text. A member's user
// needs may_sign and signs for their own member only; the secretariat may
// register a decision for any member. A stale content hash, a second
// decision by the same member and a statement not in signing are ECONFLICT.
func (s *Statements) Sign(ctx context.Context, actor *User, id string, in SignatureInput) (*Signature, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := mayDecide(actor, &in); err != nil {
		return nil, err
	}
	if err := in.validate(DateOf(s.Clock.Now())); err != nil {
		return nil, err
	}
	m, err := s.Members.MemberByID(ctx, in.MemberID)
	if ErrorCode(err) == ENOTFOUND || (err == nil && !m.Active) {
		return nil, FieldError("member_id", "error.signing.member_inactive")
	} else if err != nil {
		return nil, err
	}
	if err := signable(st, in.ContentHash); err != nil {
		return nil, err
	}
	g := s.newSignature(actor, m, st, in)
	if err := s.Store.AddSignature(ctx, st.ID, st.Round, g); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement."+g.Decision, st, "", g.Decision, m.Name)
	return g, nil
}

// mayDecide checks who may enter a decision for which member, defaulting
// a signatory's member to their own.
func mayDecide(actor *User, in *SignatureInput) error {
	switch {
	case actor == nil:
		return Errorf(EUNAUTHORIZED, "error.signing.login_required")
	case actor.IsStaff():
		if in.MemberID == "" {
			return FieldError("member_id", "error.signing.member_required")
		}
		return nil
	case !actor.MaySign:
		return Errorf(EFORBIDDEN, "error.signing.may_not_sign")
	case in.MemberID == "":
		in.MemberID = actor.MemberID
	case in.MemberID != actor.MemberID:
		return Errorf(EFORBIDDEN, "error.signing.own_member_only")
	}
	return nil
}

// signable checks that st is open for signing and that hash is its text.
func signable(st *Statement, hash string) error {
	if st.Status != StatementSigning {
		return Errorf(ECONFLICT, "error.signing.not_open")
	}
	if hash != st.ContentHash {
		msg := "error.signing.text_changed"
		return &Error{Code: ECONFLICT, Message: msg, Fields: map[string]string{"content_hash": msg}}
	}
	return nil
}

func (s *Statements) newSignature(actor *User, m *Member, st *Statement, in SignatureInput) *Signature {
	g := &Signature{MemberID: m.ID, MemberName: m.Name, Decision: in.Decision, SignatoryName: in.SignatoryName,
		SignatoryTitle: in.SignatoryTitle, DecidedBy: in.DecidedBy, DecidedOn: in.DecidedOn, Paragraph: in.Paragraph,
		MemberReference: in.MemberReference, Reservation: in.Reservation, ContentHash: st.ContentHash,
		SignedAt: s.Clock.Now(), SignedBy: actor.ID, Round: st.Round}
	if actor.IsStaff() {
		g.RegisteredBy, g.RegisteredByName = actor.ID, actor.Name
	}
	return g
}

// Reopen takes a statement in signing back to draft for edits. Every
// decision of the round is void from then on (kept as history) and the
// next signing is a new round. The reason is kept in the audit log.
func (s *Statements) Reopen(ctx context.Context, actor *User, id string, in Step) (*Statement, error) {
	st, err := s.stepTarget(ctx, actor, id, &in)
	if err != nil {
		return nil, err
	}
	if st.Status != StatementSigning {
		return nil, Errorf(ECONFLICT, "error.signing.reopen_not_signing")
	}
	voided := len(st.Signatures)
	var members, users []string
	for _, g := range st.Signatures {
		members, users = append(members, g.MemberID), append(users, g.SignedBy)
	}
	st.Status, st.ContentHash, st.SignBy, st.UpdatedAt = StatementDraft, "", Date{}, s.Clock.Now()
	st.Round++
	st.Signatures = nil
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.Events.Publish(ctx, Event{Kind: "statement.reopen", Actor: actor, Subject: Subject{"statement", st.ID},
		Before: string(StatementSigning), After: string(StatementDraft), At: s.Clock.Now(), Members: members, Users: users,
		Note: withReason(fmt.Sprintf("%d beslut makulerade; underskriftsomgång %d.", voided, st.Round), in.Reason)})
	return st, nil
}

// Remind reminds the members that have not yet decided: each one's users
// who may sign are notified (in the app, and by e-mail where a mail server
// is set and they have not turned it off). Members with no such user are
// listed apart, not reminded. A statement is reminded of once a working
// day at most; the audit log names whom.
func (s *Statements) Remind(ctx context.Context, actor *User, id string) (*RemindResult, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	b, err := s.Board(ctx, id)
	if err != nil {
		return nil, err
	}
	if b.Statement.Status != StatementSigning {
		return nil, Errorf(ECONFLICT, "error.signing.not_open")
	}
	res, err := s.remindees(ctx, b)
	if err != nil {
		return nil, err
	}
	if len(res.Reminded) == 0 && len(res.NoSigner) == 0 {
		return nil, Errorf(ECONFLICT, "error.signing.all_decided")
	}
	if len(res.Reminded) == 0 {
		return nil, Errorf(ECONFLICT, "error.signing.no_signers")
	}
	if err := s.claimReminder(ctx, b.Statement.ID); err != nil {
		return nil, err
	}
	var ids, names []string
	for _, m := range res.Reminded {
		ids, names = append(ids, m.MemberID), append(names, m.Name)
	}
	s.Events.Publish(ctx, Event{Kind: "statement.remind", Actor: actor, Subject: Subject{"statement", b.Statement.ID},
		After: strconv.Itoa(len(names)), Note: joinMemberNames(names), At: s.Clock.Now(), Members: ids})
	return res, nil
}

// claimReminder allows one reminder of a statement a working day: a claim
// of the day (or, on a weekend or holiday, of the working day before).
func (s *Statements) claimReminder(ctx context.Context, id string) error {
	if s.Notices == nil {
		return nil
	}
	day := DateOf(s.Clock.Now())
	for !IsWorkingDay(day) {
		day = day.AddDays(-1)
	}
	err := s.Notices.ClaimDay(ctx, "remind:"+id, day, s.Clock.Now())
	if ErrorCode(err) == ECONFLICT {
		return Errorf(ECONFLICT, "error.signing.reminded_today")
	}
	return err
}

// RemindResult says whom a reminder reached, and how.
type RemindResult struct {
	Reminded []RemindedMember
	NoSigner []string // pending members with no active user who may sign
}

// RemindedMember is one member reminded, with the users told.
type RemindedMember struct {
	MemberID, Name string
	Users          []RemindedUser
}

// RemindedUser is one user reminded; ByMail when an e-mail goes out too.
type RemindedUser struct {
	Name   string
	ByMail bool
}

// remindees sorts the undecided members of b into those with someone who
// may sign (with how each is told) and those without.
func (s *Statements) remindees(ctx context.Context, b *SigningBoard) (*RemindResult, error) {
	users, _, err := s.Users.ListUsers(ctx, UserFilter{})
	if err != nil {
		return nil, err
	}
	res := &RemindResult{}
	for _, r := range b.Rows {
		if r.Signature != nil {
			continue
		}
		signers := signersOf(users, map[string]bool{r.Member.ID: true})
		if len(signers) == 0 {
			res.NoSigner = append(res.NoSigner, r.Member.Name)
			continue
		}
		m := RemindedMember{MemberID: r.Member.ID, Name: r.Member.Name}
		for _, u := range signers {
			byMail, err := s.mailsReminder(ctx, u)
			if err != nil {
				return nil, err
			}
			m.Users = append(m.Users, RemindedUser{Name: u.Name, ByMail: byMail})
		}
		res.Reminded = append(res.Reminded, m)
	}
	return res, nil
}

func (s *Statements) mailsReminder(ctx context.Context, u *User) (bool, error) {
	if s.Mailer == nil || s.Notices == nil {
		return false, nil
	}
	p, err := s.Notices.NotifyPrefs(ctx, u.ID)
	if err != nil {
		return false, err
	}
	return p.MailFor(NotifyReminder) != MailNone, nil
}
