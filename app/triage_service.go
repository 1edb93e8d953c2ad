package app

import (
	"context"
	"slices"
	"strings"
)

// Triage is the use cases of the triage inbox: remisser from a listing
// come in, the secretariat accepts them into the register, dismisses them
// as not relevant (kept, and reversible), or leaves them.
type Triage struct {
	Store         TriageStore
	Issues        IssueStore
	Users         UserStore
	Consultations ConsultationStore
	Imports       ImportLog
	Clock         Clock
	Events        *Events
}

// ImportTriaged is the outcome of a listed remiss put in triage.
const ImportTriaged = "triaged"

// maxDismissReason bounds the reason given for a dismissal.
const maxDismissReason = 2000

// maxBulk bounds the remisser one bulk decision takes.
const maxBulk = 200

// add puts each intake in triage, scored against the network's issues,
// unless triage has it already (then it is "unchanged"); one event per
// remiss added.
func (s *Triage) add(ctx context.Context, actor *User, in *RemissIntake, scorer *RelevanceScorer) (*ImportResult, error) {
	res := &ImportResult{Title: in.Title, Reference: in.Reference, SourceURL: in.SourceURL, Deadline: in.Deadline, Missing: in.Missing}
	key, ok := NormalizeReference(in.Reference)
	if in.Reference != "" && !ok {
		return res.refuse(Msg("error.import.bad_reference", "reference", in.Reference)), nil
	}
	if in.Title == "" || in.SourceURL == "" {
		return res.refuse("error.import.no_title_or_url"), nil
	}
	if old, err := s.Store.TriageItemBySource(ctx, in.SourceURL, key); err == nil {
		res.Outcome, res.TriageID = ImportUnchanged, old.ID
		return res, nil
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	now := s.Clock.Now()
	t := &TriageItem{Title: in.Title, Reference: in.Reference, ReferenceKey: key, ReportNumber: in.ReportNumber,
		Issuer: in.Issuer, SourceURL: in.SourceURL, Published: in.Published, Deadline: in.Deadline,
		Documents: slices.Clone(in.Documents), Missing: slices.Clone(in.Missing), State: TriagePending,
		InvitedMembers: slices.Clone(in.InvitedMembers), Version: 1, CreatedAt: now, UpdatedAt: now}
	t.Relevance, t.Reasons = scorer.Score(in.Title + " " + in.ReportNumber)
	if err := s.Store.CreateTriageItem(ctx, t); err != nil {
		if ErrorCode(err) == ECONFLICT { // added meanwhile by another import
			return res.refuse(ErrorMessage(err)), nil
		}
		return nil, err
	}
	res.Outcome, res.TriageID = ImportTriaged, t.ID
	publish(ctx, s.Events, s.Clock, orImport(actor), "triage.add", Subject{"triage", t.ID}, "", string(TriagePending), t.Title)
	return res, nil
}

// scorer scores against the issues as they are now.
func (s *Triage) scorer(ctx context.Context) (*RelevanceScorer, error) {
	issues, _, err := s.Issues.ListIssues(ctx, IssueFilter{})
	if err != nil {
		return nil, err
	}
	return NewRelevanceScorer(issues), nil
}

// orImport is actor, or the import for the command line and the watch.
func orImport(actor *User) *User {
	if actor == nil {
		return importActor
	}
	return actor
}

// Get returns the remiss id in triage, or ENOTFOUND.
func (s *Triage) Get(ctx context.Context, id string) (*TriageItem, error) {
	return s.Store.TriageItemByID(ctx, id)
}

// List returns one page of triage, by relevance then deadline.
func (s *Triage) List(ctx context.Context, f TriageFilter) ([]*TriageItem, int, error) {
	return s.Store.ListTriage(ctx, f)
}

// Pending counts the remisser waiting for a decision: cheap enough for
// the personal desk to show on every visit.
func (s *Triage) Pending(ctx context.Context) (int, error) {
	return s.Store.CountTriage(ctx, TriagePending)
}

// Accept registers the remiss id as a consultation (status incoming) with
// responsibleID (a secretariat user; "" for the actor) as its responsible
// officer, and marks it accepted. One event, "triage.accept".
func (s *Triage) Accept(ctx context.Context, actor *User, id, responsibleID string) (*Consultation, error) {
	t, err := s.pending(ctx, id)
	if err != nil {
		return nil, err
	}
	if responsibleID, err = s.responsible(ctx, actor, responsibleID); err != nil {
		return nil, err
	}
	return s.accept(ctx, actor, t, responsibleID)
}

func (s *Triage) accept(ctx context.Context, actor *User, t *TriageItem, responsibleID string) (*Consultation, error) {
	im := &RemissImporter{Consultations: s.Consultations, Imports: s.Imports, Clock: s.Clock, Responsible: responsibleID}
	res, err := im.Import(ctx, t.Intake(), s.Clock.Now()) // no Events: the one event is the accept's
	if err != nil {
		return nil, err
	}
	if res.Outcome == ImportRefused {
		return nil, &Error{Code: EINVALID, Message: res.Reason, Fields: map[string]string{"id": res.Reason}}
	}
	c, err := s.Consultations.ConsultationByID(ctx, res.ConsultationID)
	if err != nil {
		return nil, err
	}
	t.State, t.ConsultationID = TriageAccepted, c.ID
	if err := s.decide(ctx, actor, t); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "triage.accept", Subject{"triage", t.ID}, string(TriagePending), string(TriageAccepted), c.ID)
	return c, nil
}

// decide stores t's decision by actor, now.
func (s *Triage) decide(ctx context.Context, actor *User, t *TriageItem) error {
	now := s.Clock.Now()
	t.DecidedAt, t.UpdatedAt = now, now
	if actor != nil {
		t.DecidedBy = actor.ID
	}
	return s.Store.UpdateTriageItem(ctx, t)
}

// pending returns the remiss id if it still waits for a decision.
func (s *Triage) pending(ctx context.Context, id string) (*TriageItem, error) {
	t, err := s.Store.TriageItemByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.State != TriagePending {
		return nil, &Error{Code: ECONFLICT, Message: "error.triage.decided", Fields: map[string]string{"id": "error.triage.decided"}}
	}
	return t, nil
}

// responsible checks that id is a secretariat user; "" is the actor when
// staff, else nobody.
func (s *Triage) responsible(ctx context.Context, actor *User, id string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		if actor != nil && actor.IsStaff() {
			return actor.ID, nil
		}
		return "", nil
	}
	u, err := s.Users.UserByID(ctx, id)
	if ErrorCode(err) == ENOTFOUND || (err == nil && !u.IsStaff()) {
		return "", FieldError("responsible_id", "error.triage.responsible_not_staff")
	}
	if err != nil {
		return "", err
	}
	return u.ID, nil
}

// Dismiss marks the remiss id as not relevant, for reason; it stays in
// triage and can be restored. One event, "triage.dismiss".
func (s *Triage) Dismiss(ctx context.Context, actor *User, id, reason string) (*TriageItem, error) {
	reason, err := dismissReason(reason)
	if err != nil {
		return nil, err
	}
	t, err := s.pending(ctx, id)
	if err != nil {
		return nil, err
	}
	return t, s.dismiss(ctx, actor, t, reason)
}

func (s *Triage) dismiss(ctx context.Context, actor *User, t *TriageItem, reason string) error {
	t.State, t.DismissReason = TriageDismissed, reason
	if err := s.decide(ctx, actor, t); err != nil {
		return err
	}
	publish(ctx, s.Events, s.Clock, actor, "triage.dismiss", Subject{"triage", t.ID}, string(TriagePending), string(TriageDismissed), reason)
	return nil
}

func dismissReason(reason string) (string, error) {
	p := Problems{}
	if reason = readText(p, "reason", reason, maxDismissReason, true); p["reason"] == "error.field.required" {
		p["reason"] = "error.triage.reason_required"
	}
	return reason, p.Err()
}

// Restore puts a dismissed remiss back among those waiting. One event,
// "triage.restore".
func (s *Triage) Restore(ctx context.Context, actor *User, id string) (*TriageItem, error) {
	t, err := s.Store.TriageItemByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.State != TriageDismissed {
		return nil, &Error{Code: ECONFLICT, Message: "error.triage.not_dismissed", Fields: map[string]string{"id": "error.triage.not_dismissed"}}
	}
	t.State, t.DismissReason = TriagePending, ""
	if err := s.decide(ctx, actor, t); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "triage.restore", Subject{"triage", t.ID}, string(TriageDismissed), string(TriagePending), "")
	return t, nil
}

// AcceptMany accepts each of ids (see Accept), one event each. Every id
// is checked first: one unknown or already decided changes nothing.
func (s *Triage) AcceptMany(ctx context.Context, actor *User, ids []string, responsibleID string) ([]*Consultation, error) {
	items, err := s.pendingAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	if responsibleID, err = s.responsible(ctx, actor, responsibleID); err != nil {
		return nil, err
	}
	out := make([]*Consultation, 0, len(items))
	for _, t := range items {
		c, err := s.accept(ctx, actor, t, responsibleID)
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
	return out, nil
}

// DismissMany dismisses each of ids for reason (see Dismiss), one event
// each; every id is checked first.
func (s *Triage) DismissMany(ctx context.Context, actor *User, ids []string, reason string) ([]*TriageItem, error) {
	reason, err := dismissReason(reason)
	if err != nil {
		return nil, err
	}
	items, err := s.pendingAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, t := range items {
		if err := s.dismiss(ctx, actor, t, reason); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// pendingAll returns the distinct remisser ids, each still waiting.
func (s *Triage) pendingAll(ctx context.Context, ids []string) ([]*TriageItem, error) {
	ids = distinctTrimmed(ids)
	switch {
	case len(ids) == 0:
		return nil, FieldError("ids", "error.triage.none_chosen")
	case len(ids) > maxBulk:
		return nil, FieldError("ids", Msg("error.triage.too_many", "max", maxBulk))
	}
	out := make([]*TriageItem, 0, len(ids))
	for _, id := range ids {
		t, err := s.pending(ctx, id)
		if ErrorCode(err) == ENOTFOUND {
			return nil, FieldError("ids", "error.triage.not_found")
		}
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
