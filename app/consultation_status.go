package app

import (
	"context"
	"strings"
)

// Corrections. The workflow (transitions, see transition.go) moves a
// consultation forward, with a few steps back that are part of the work.
// Staff may also correct a status that was set by mistake: move it back
// to any earlier status, or out of "submitted" or "declined", giving a
// reason that the audit keeps with the change.

// statusRank orders the statuses along the workflow; the closed ones last.
var statusRank = map[ConsultationStatus]int{ConsultationIncoming: 0, ConsultationAssessing: 1,
	ConsultationDrafting: 2, ConsultationSigning: 3, ConsultationSubmitted: 4, ConsultationDeclined: 4}

// IsCorrection reports whether going from one stored status to another is
// a correction: not a step of the workflow, but back to an earlier status
// (or out of declined).
func IsCorrection(from, to ConsultationStatus) bool {
	if !from.Stored() || !to.Stored() || from == to || CanTransition(from, to) {
		return false
	}
	return statusRank[to] < statusRank[from] || from == ConsultationDeclined
}

// CorrectionStatuses lists the statuses staff may correct s back to.
func CorrectionStatuses(s ConsultationStatus) []ConsultationStatus {
	var out []ConsultationStatus
	for _, to := range StoredStatuses {
		if IsCorrection(s, to) {
			out = append(out, to)
		}
	}
	return out
}

// maxStatusReason bounds the reason given for a correction.
const maxStatusReason = 2000

// checkAnswered checks the rule of "submitted": the consultation is
// answered by a linked statement that is published (or was, and was then
// withdrawn), or, answered outside Samsyn, by the link to that answer.
func (s *Consultations) checkAnswered(ctx context.Context, before ConsultationStatus, c *Consultation) error {
	if c.Status != ConsultationSubmitted || before == ConsultationSubmitted || c.AnswerURL != "" {
		return nil
	}
	if c.StatementID != "" && s.Statements != nil {
		st, err := s.Statements.StatementByID(ctx, c.StatementID)
		if err != nil && ErrorCode(err) != ENOTFOUND {
			return err
		}
		if err == nil && (st.Status == StatementPublished || st.Status == StatementWithdrawn) {
			return nil
		}
	}
	return FieldError("status", "error.consultation.submitted_needs_answer")
}

// readStatusReason checks the reason of a status change: required for a
// correction, kept for the audit.
func readStatusReason(p Problems, from, to ConsultationStatus, reason string) string {
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > maxStatusReason {
		p.Add("reason", Msg("error.field.max_chars", "max", maxStatusReason))
	}
	if reason == "" && from != "" && IsCorrection(from, to) {
		p.Add("reason", "error.consultation.correction_reason")
	}
	return reason
}

// Warnings are what a person should look at twice, though nothing stops
// them: a deadline on a weekend or a Swedish public holiday (the registry
// is closed, so the answer is due the working day before). Catalogue keys.
func (c *Consultation) Warnings() []string {
	if c.Deadline.IsZero() || IsWorkingDay(c.Deadline) {
		return nil
	}
	if wd := c.Deadline.Weekday(); wd == 0 || wd == 6 {
		return []string{Msg("error.consultation.deadline_weekend", "date", c.Deadline)}
	}
	return []string{Msg("error.consultation.deadline_holiday", "date", c.Deadline)}
}
