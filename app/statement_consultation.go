package app

import (
	"context"
	"fmt"
)

// consultationMoves says where a statement event moves the consultation
// the statement answers: to a status, from any of the others listed.
var consultationMoves = map[string]struct {
	to   ConsultationStatus
	from []ConsultationStatus
}{
	"statement.create":  {ConsultationDrafting, []ConsultationStatus{ConsultationIncoming, ConsultationAssessing}},
	"statement.signing": {ConsultationSigning, []ConsultationStatus{ConsultationIncoming, ConsultationAssessing, ConsultationDrafting}},
	"statement.reopen":  {ConsultationDrafting, []ConsultationStatus{ConsultationSigning}},
	"statement.publish": {ConsultationSubmitted, []ConsultationStatus{ConsultationIncoming, ConsultationAssessing, ConsultationDrafting, ConsultationSigning}},
	// A withdrawn answer answers no more: the consultation leaves
	// "Besvarad" and is assessed again (missed, derived, once its
	// deadline has passed).
	"statement.withdraw": {ConsultationAssessing, []ConsultationStatus{ConsultationSubmitted}},
}

// FollowConsultation is the event handler that moves the consultation a
// response answers along with the response (consultationMoves) and links
// the response to it. It retries a version conflict; its own change is
// announced as "statement.consultation_status" on the consultation.
func (s *Statements) FollowConsultation(ctx context.Context, e Event) error {
	move, ok := consultationMoves[e.Kind]
	if !ok || e.Subject.Type != "statement" || s.Consultations == nil {
		return nil
	}
	st, err := s.Store.StatementByID(ctx, e.Subject.ID)
	if err != nil || st.ConsultationID == "" {
		return err
	}
	for range 3 {
		c, err := s.Consultations.ConsultationByID(ctx, st.ConsultationID)
		if err != nil {
			return err
		}
		before := c.Status
		if !consultationStatusIn(before, move.from) {
			return nil
		}
		c.Status, c.StatementID, c.UpdatedAt = move.to, st.ID, s.Clock.Now()
		err = s.Consultations.UpdateConsultation(ctx, c)
		if ErrorCode(err) == ECONFLICT {
			continue
		}
		if err != nil {
			return err
		}
		publish(ctx, s.Events, s.Clock, e.Actor, "statement.consultation_status", Subject{"consultation", c.ID},
			string(before), string(c.Status), st.Title)
		return nil
	}
	return fmt.Errorf("consultation %s: gave up after conflicts", st.ConsultationID)
}

func consultationStatusIn(st ConsultationStatus, set []ConsultationStatus) bool {
	for _, x := range set {
		if st == x {
			return true
		}
	}
	return false
}
