package app

import (
	"context"
	"fmt"
)

// moveConsultation moves the consultation a response answers to status
// to, when it stands at one of from, and links the response to it. It
// retries a version conflict; a failure goes to Warn, because the
// statement change it follows is stored already.
func (s *Statements) moveConsultation(ctx context.Context, actor *User, st *Statement, to ConsultationStatus, from ...ConsultationStatus) {
	if st.ConsultationID == "" || s.Consultations == nil {
		return
	}
	ctx, cancel := AfterStore(ctx) // st is stored: move its consultation along even if the caller gave up
	defer cancel()
	for range 3 {
		c, err := s.Consultations.ConsultationByID(ctx, st.ConsultationID)
		if err != nil {
			s.warn("consultation status: read", err)
			return
		}
		before := c.Status
		if !consultationStatusIn(before, from) {
			return
		}
		c.Status, c.StatementID, c.UpdatedAt = to, st.ID, s.Clock.Now()
		err = s.Consultations.UpdateConsultation(ctx, c)
		if ErrorCode(err) == ECONFLICT {
			continue
		}
		if err != nil {
			s.warn("consultation status: update", err)
			return
		}
		s.auditConsultation(ctx, actor, c, before, st)
		return
	}
	s.warn("consultation status: gave up after conflicts", fmt.Errorf("consultation %s", st.ConsultationID))
}

func (s *Statements) auditConsultation(ctx context.Context, actor *User, c *Consultation, before ConsultationStatus, st *Statement) {
	e := &AuditEvent{At: s.Clock.Now(), Action: "statement.consultation_status", EntityType: "consultation",
		EntityID: c.ID, Before: string(before), After: string(c.Status), Note: st.Title}
	if actor != nil {
		e.ActorID, e.ActorName = actor.ID, actor.Name
	}
	if err := s.Audit.AppendAudit(ctx, e); err != nil {
		s.warn("audit append failed: consultation status", err)
	}
}

func consultationStatusIn(st ConsultationStatus, set []ConsultationStatus) bool {
	for _, x := range set {
		if st == x {
			return true
		}
	}
	return false
}
