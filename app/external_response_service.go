package app

import (
	"context"
	"strings"
	"unicode/utf8"
)

// ResponseFilter narrows a consultation's harvested answers: by stance
// (the effective one) and by kind of organisation; zero values match all.
type ResponseFilter struct {
	Stance Stance
	Kind   OrgKind
}

// Valid tells whether the filter names known values only.
func (f ResponseFilter) Valid() bool {
	return (f.Stance == "" || f.Stance.Valid()) && (f.Kind == "" || f.Kind.Valid())
}

// Valid tells whether k is one of the kinds.
func (k OrgKind) Valid() bool {
	for _, v := range OrgKinds {
		if k == v {
			return true
		}
	}
	return false
}

// ResponseOverview is a consultation's answers as the page beside the
// draft shows them: those the filter lets through, and how many there are
// of each stance and kind among all of them (for the filter's labels).
type ResponseOverview struct {
	Answers  []*ExternalResponse
	Total    int
	ByStance map[Stance]int
	ByKind   map[OrgKind]int
}

// Overview lists a consultation's answers through f, without their text.
func (s *ExternalResponses) Overview(ctx context.Context, consultationID string, f ResponseFilter) (*ResponseOverview, error) {
	if !f.Valid() {
		return nil, Errorf(EINVALID, "error.external_response.filter")
	}
	all, err := s.Store.ListExternalResponses(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	o := &ResponseOverview{Total: len(all), ByStance: map[Stance]int{}, ByKind: map[OrgKind]int{}}
	for _, r := range all {
		o.ByStance[r.EffectiveStance()]++
		o.ByKind[r.OrgKind]++
		if (f.Stance == "" || r.EffectiveStance() == f.Stance) && (f.Kind == "" || r.OrgKind == f.Kind) {
			o.Answers = append(o.Answers, r)
		}
	}
	return o, nil
}

// MaxOverrideReason is the longest reason for a stance override, in
// characters.
const MaxOverrideReason = 1000

// Override sets a person's stance on an answer at version, with a reason
// (the override wins over the classified stance); an empty stance takes
// the override away. One event, audited.
func (s *ExternalResponses) Override(ctx context.Context, actor *User, id string, version int, stance Stance, reason string) (*ExternalResponse, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case actor == nil:
		return nil, Errorf(EUNAUTHORIZED, "error.notify.login_required")
	case stance != "" && !stance.Valid():
		return nil, FieldError("stance", "error.external_response.stance")
	case stance != "" && reason == "":
		return nil, FieldError("reason", "error.external_response.reason")
	case utf8.RuneCountInString(reason) > MaxOverrideReason:
		return nil, FieldError("reason", "error.external_response.reason_long")
	}
	r, err := s.Store.ExternalResponseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Version != version {
		return nil, Errorf(ECONFLICT, "error.external_response.stale")
	}
	before := r.EffectiveStance()
	now := s.Clock.Now()
	if stance == "" {
		r.StanceOverride = nil
	} else {
		r.StanceOverride = &StanceOverride{Stance: stance, Reason: reason, By: actor.ID, At: now}
	}
	r.UpdatedAt = now
	if err := s.Store.UpdateExternalResponse(ctx, r); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "external_response.stance", Subject{"external_response", r.ID},
		string(before), string(r.EffectiveStance()), reason)
	return r, nil
}

// AllyReport is, for one advocacy issue, the organisations that took the
// network's side on the issue's remisser and those that took the other.
type AllyReport struct {
	Allies, Opponents []Ally
	// Consultations are the issue's remisser the network answered with a
	// clear stance, by id: what the counts are over.
	Consultations map[string]*Consultation
	Network       map[string]StanceResult // the network's stance per consultation id
}

// Allies compares the harvested answers to the issue's remisser with the
// network's published answers to them (NetworkStance).
func (s *ExternalResponses) Allies(ctx context.Context, issueID string) (*AllyReport, error) {
	issue, err := s.Issues.IssueByID(ctx, issueID)
	if err != nil {
		return nil, err
	}
	rep := &AllyReport{Consultations: map[string]*Consultation{}, Network: map[string]StanceResult{}}
	stances := map[string]Stance{}
	var answers []AnswerStance
	for _, cid := range issue.ConsultationIDs {
		ours, c, err := s.networkStance(ctx, cid)
		if err != nil {
			return nil, err
		}
		if c == nil || !clearStance(ours.Stance) {
			continue
		}
		rep.Consultations[cid], rep.Network[cid], stances[cid] = c, ours, ours.Stance
		list, err := s.Store.ListExternalResponses(ctx, cid)
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			answers = append(answers, AnswerStance{ConsultationID: cid, Organisation: r.Organisation,
				OrgKind: string(r.OrgKind), Stance: r.EffectiveStance()})
		}
	}
	rep.Allies, rep.Opponents = Allies(stances, answers)
	return rep, nil
}

// networkStance is the network's stance on consultation id: from its
// linked response once published; no consultation when it is gone or
// has no published response.
func (s *ExternalResponses) networkStance(ctx context.Context, id string) (StanceResult, *Consultation, error) {
	c, err := s.Consultations.ConsultationByID(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return StanceResult{}, nil, nil
	}
	if err != nil || c.StatementID == "" {
		return StanceResult{}, nil, err
	}
	st, err := s.Statements.StatementByID(ctx, c.StatementID)
	if ErrorCode(err) == ENOTFOUND || err == nil && st.Status != StatementPublished {
		return StanceResult{}, nil, nil
	}
	if err != nil {
		return StanceResult{}, nil, err
	}
	return NetworkStance(st), c, nil
}
