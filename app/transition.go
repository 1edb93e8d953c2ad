package app

// transitions are the status changes a consultation may make:
//
//	incoming  → assessing                         the secretariat starts assessing
//	assessing → drafting                          the network decides to answer
//	drafting  → signing | assessing               the text goes out for signatures, or back to assessment
//	signing   → submitted | drafting              the answer is sent, or the text is reopened
//	declined  → assessing                         a decision not to answer is reconsidered
//
// and declined (with a reason) from every open status. Submitted is final.
// Staying in the same status is no transition and always allowed.
var transitions = map[ConsultationStatus][]ConsultationStatus{
	ConsultationIncoming:  {ConsultationAssessing, ConsultationDeclined},
	ConsultationAssessing: {ConsultationDrafting, ConsultationDeclined},
	ConsultationDrafting:  {ConsultationSigning, ConsultationAssessing, ConsultationDeclined},
	ConsultationSigning:   {ConsultationSubmitted, ConsultationDrafting, ConsultationDeclined},
	ConsultationDeclined:  {ConsultationAssessing},
	ConsultationSubmitted: {},
}

// StoredStatuses are the statuses a consultation can hold, in their usual
// order; "missed" is derived and never one of them.
var StoredStatuses = []ConsultationStatus{ConsultationIncoming, ConsultationAssessing, ConsultationDrafting,
	ConsultationSigning, ConsultationSubmitted, ConsultationDeclined}

// Stored reports whether s is a status a consultation can hold.
func (s ConsultationStatus) Stored() bool {
	_, ok := transitions[s]
	return ok
}

// Open reports whether work on the consultation is still going on: it is
// neither submitted nor declined.
func (s ConsultationStatus) Open() bool {
	return s.Stored() && s != ConsultationSubmitted && s != ConsultationDeclined
}

// CanTransition reports whether a consultation may go from one status to
// another.
func CanTransition(from, to ConsultationStatus) bool {
	if from == to {
		return from.Stored()
	}
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStatuses lists the statuses a consultation in s may move to.
func NextStatuses(s ConsultationStatus) []ConsultationStatus {
	return append([]ConsultationStatus(nil), transitions[s]...)
}

// statusProblem returns why a consultation may not go from one status to
// another, or "".
func statusProblem(from, to ConsultationStatus) string {
	switch {
	case to == ConsultationMissed:
		return "error.consultation.status_missed"
	case !to.Stored():
		return "error.consultation.status_unknown"
	case from != "" && !CanTransition(from, to):
		return Msg("error.consultation.status_transition", "from", from, "to", to)
	}
	return ""
}
