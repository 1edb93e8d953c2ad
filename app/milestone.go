package app

// Default milestones of a consultation, in Swedish working days before its
// deadline: the draft is due ten working days before, and signatures three.
const (
	DraftDueWorkingDays      = 10
	SignaturesDueWorkingDays = 3
)

// DefaultMilestones returns the default draft-due and signatures-due dates
// of a deadline; zero dates for no deadline.
func DefaultMilestones(deadline Date) (draftDue, signaturesDue Date) {
	if deadline.IsZero() {
		return Date{}, Date{}
	}
	return WorkingDaysBefore(deadline, DraftDueWorkingDays), WorkingDaysBefore(deadline, SignaturesDueWorkingDays)
}

// Milestones returns the consultation's draft-due and signatures-due dates:
// the ones set on it, or else the defaults of its deadline.
func (c *Consultation) Milestones() (draftDue, signaturesDue Date) {
	draftDue, signaturesDue = DefaultMilestones(c.Deadline)
	if !c.DraftDue.IsZero() {
		draftDue = c.DraftDue
	}
	if !c.SignaturesDue.IsZero() {
		signaturesDue = c.SignaturesDue
	}
	return draftDue, signaturesDue
}

// followDeadline moves a milestone that sat at its default for the old
// deadline to the default for the new one; one set by hand stays.
func followDeadline(milestone, oldDefault, newDefault Date) Date {
	if milestone.IsZero() || milestone.Equal(oldDefault.Time) {
		return newDefault
	}
	return milestone
}

// Traffic is the traffic-light state of an open consultation.
type Traffic string

// The traffic-light states.
const (
	TrafficOnTrack Traffic = "on_track"
	TrafficAtRisk  Traffic = "at_risk"
	TrafficOverdue Traffic = "overdue"
	TrafficClosed  Traffic = "closed" // submitted or declined: nothing left to watch
	// TrafficNoDeadline is an open consultation with no deadline yet:
	// nothing to be on track for.
	TrafficNoDeadline Traffic = "no_deadline"
)

// Thresholds of the traffic light, in working days left to the due date of
// the current stage.
const (
	AtRiskWorkingDays     = 3 // any open stage this close to its due date is at risk
	NotStartedRiskWorking = 5 // one not yet drafting this close to the draft due date is at risk
)

// StageDue returns the date the consultation's current stage must be done
// by: the draft-due date until the text goes out for signing, then the
// signatures-due date. Zero without a deadline.
func (c *Consultation) StageDue() Date {
	draft, sigs := c.Milestones()
	if c.Status == ConsultationSigning {
		return sigs
	}
	return draft
}

// Traffic returns the traffic light on day today:
//   - closed when submitted or declined;
//   - no deadline when there is none yet;
//   - overdue when the deadline has passed (the consultation is missed), or
//     the current stage's due date (see StageDue) has passed;
//   - at risk when that due date is at most AtRiskWorkingDays working days
//     away, or at most NotStartedRiskWorking away and drafting has not begun
//     (incoming or assessing);
//   - otherwise on track.
func (c *Consultation) Traffic(today Date) Traffic {
	if !c.Status.Open() {
		return TrafficClosed
	}
	if c.Deadline.IsZero() {
		return TrafficNoDeadline
	}
	left := WorkingDaysLeft(today, c.StageDue())
	notStarted := c.Status == ConsultationIncoming || c.Status == ConsultationAssessing
	switch {
	case c.Deadline.Before(today) || left < 0 || c.StageDue().Before(today):
		return TrafficOverdue
	case left <= AtRiskWorkingDays, notStarted && left <= NotStartedRiskWorking:
		return TrafficAtRisk
	}
	return TrafficOnTrack
}

// EffectiveStatus is the status shown: "missed" when the deadline has
// passed while the consultation is still open, else the stored status.
func (c *Consultation) EffectiveStatus(today Date) ConsultationStatus {
	if c.Status.Open() && !c.Deadline.IsZero() && c.Deadline.Before(today) {
		return ConsultationMissed
	}
	return c.Status
}

// WorkingDaysLeftOn returns the working days from today to the deadline
// (see WorkingDaysLeft); 0 without a deadline.
func (c *Consultation) WorkingDaysLeftOn(today Date) int {
	if c.Deadline.IsZero() {
		return 0
	}
	return WorkingDaysLeft(today, c.Deadline)
}
