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
// next signing is a new round.
func (s *Statements) Reopen(ctx context.Context, actor *User, id string) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.Status != StatementSigning {
		return nil, Errorf(ECONFLICT, "error.signing.reopen_not_signing")
	}
	voided := len(st.Signatures)
	st.Status, st.ContentHash, st.SignBy, st.UpdatedAt = StatementDraft, "", Date{}, s.Clock.Now()
	st.Round++
	st.Signatures = nil
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.reopen", st, string(StatementSigning), string(StatementDraft),
		fmt.Sprintf("%d beslut makulerade; underskriftsomgång %d.", voided, st.Round))
	return st, nil
}

// Remind records a reminder to the members that have not yet decided and
// returns their names. Mail goes out where a mailer is wired; the audit
// log shows the reminder either way.
func (s *Statements) Remind(ctx context.Context, actor *User, id string) ([]string, error) {
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
	var names []string
	sent := 0
	for _, r := range b.Rows {
		if r.Signature == nil {
			names = append(names, r.Member.Name)
			sent += s.mailSignatories(ctx, b.Statement, r.Member)
		}
	}
	if len(names) == 0 {
		return nil, Errorf(ECONFLICT, "error.signing.all_decided")
	}
	s.audit(ctx, actor, "statement.remind", b.Statement, "", strconv.Itoa(len(names)),
		fmt.Sprintf("%s (%d e-post)", joinMemberNames(names), sent))
	return names, nil
}
