package app

import (
	"context"
	"strconv"
	"strings"
)

// Suggest records a proposed replacement of one block of the draft id, as
// it stood at in.BaseVersion.
func (s *Statements) Suggest(ctx context.Context, actor *User, id string, in SuggestionInput) (*Suggestion, error) {
	p := Problems{}
	in.Text = strings.TrimSpace(strings.ReplaceAll(in.Text, "\r\n", "\n"))
	if in.Block == "" {
		p.Add("block", "error.suggestion.no_such_block")
	}
	if in.BaseVersion < 1 {
		p.Add("base_version", "error.statement.version_required")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.Status != StatementDraft {
		return nil, Errorf(ECONFLICT, "error.statement.locked")
	}
	base, err := s.textAt(ctx, st, in.BaseVersion)
	if err != nil {
		return nil, err
	}
	old, ok := blockOf(base, in.Block)
	switch {
	case !ok:
		p.Add("block", "error.suggestion.no_such_block")
	case in.Text == old:
		p.Add("text", "error.suggestion.unchanged")
	}
	if len([]rune(in.Text)) > MaxSuggestionLen {
		p.Add("text", Msg("error.field.max_chars", "max", MaxSuggestionLen))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	sg := &Suggestion{StatementID: st.ID, Block: in.Block, Text: in.Text, BaseVersion: in.BaseVersion, BaseText: old,
		AuthorID: actorID(actor), AuthorName: actor.Name, State: SuggestionOpen, CreatedAt: s.Clock.Now()}
	if err := s.Suggestions.CreateSuggestion(ctx, sg); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "statement.suggest", Subject{"statement", st.ID}, "", sg.ID, blockNote(sg.Block))
	return sg, nil
}

// SuggestionsOf lists the suggestions on statement id with the statement;
// an open one whose block has changed since, or on a text no longer a
// draft, reads as SuggestionOutdated.
func (s *Statements) SuggestionsOf(ctx context.Context, id string) (*Statement, []*Suggestion, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	list, err := s.Suggestions.ListSuggestions(ctx, st.ID)
	if err != nil {
		return nil, nil, err
	}
	var body map[string]bool
	for _, sg := range list {
		if sg.State != SuggestionOpen {
			continue
		}
		if body == nil {
			body = blockSet(st.Body)
		}
		if st.Status != StatementDraft || sg.outdated(st, body) {
			sg.State = SuggestionOutdated
		}
	}
	return st, list, nil
}

// Accept applies suggestion sid to the draft id as a new revision,
// attributed to the suggester. Only the draft's responsible person (its
// author) and the secretariat may; an outdated suggestion is refused.
func (s *Statements) Accept(ctx context.Context, actor *User, id, sid string) (*Statement, error) {
	st, sg, err := s.decidable(ctx, actor, id, sid)
	if err != nil {
		return nil, err
	}
	next, ok := withBlock(Text{Title: st.Title, Summary: st.Summary, Body: st.Body, Topics: st.Topics}, sg.Block, sg.BaseText, sg.Text)
	if !ok || sg.Outdated(st) {
		return nil, Errorf(ECONFLICT, "error.suggestion.outdated")
	}
	author := &User{ID: sg.AuthorID, Name: sg.AuthorName}
	if err := s.storeText(ctx, st, next, author); err != nil {
		return nil, err
	}
	if err := s.Suggestions.DecideSuggestion(ctx, sg.ID, SuggestionAccepted, actorID(actor), "", s.Clock.Now()); err != nil {
		return nil, err // the text is stored; the suggestion, still open, now reads as outdated
	}
	publish(ctx, s.Events, s.Clock, actor, "statement.suggestion_accept", Subject{"statement", st.ID},
		strconv.Itoa(st.Version-1), strconv.Itoa(st.Version), sg.AuthorName)
	return st, nil
}

// Reject closes suggestion sid with a reason.
func (s *Statements) Reject(ctx context.Context, actor *User, id, sid, reason string) (*Suggestion, error) {
	_, sg, err := s.decidable(ctx, actor, id, sid)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > MaxReasonLen {
		return nil, FieldError("reason", Msg("error.field.max_chars", "max", MaxReasonLen))
	}
	now := s.Clock.Now()
	if err := s.Suggestions.DecideSuggestion(ctx, sg.ID, SuggestionRejected, actorID(actor), reason, now); err != nil {
		return nil, err
	}
	sg.State, sg.Reason, sg.DecidedBy, sg.DecidedAt = SuggestionRejected, reason, actorID(actor), now
	publish(ctx, s.Events, s.Clock, actor, "statement.suggestion_reject", Subject{"statement", sg.StatementID}, "", sg.ID, reason)
	return sg, nil
}

// decidable loads statement id and its open suggestion sid for a decision
// by actor.
func (s *Statements) decidable(ctx context.Context, actor *User, id, sid string) (*Statement, *Suggestion, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	sg, err := s.Suggestions.SuggestionByID(ctx, sid)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case sg.StatementID != st.ID:
		return nil, nil, Errorf(ENOTFOUND, "error.suggestion.not_found")
	case actor == nil || (!actor.IsStaff() && actor.ID != st.AuthorID):
		return nil, nil, Errorf(EFORBIDDEN, "error.suggestion.responsible_only")
	case sg.State != SuggestionOpen:
		return nil, nil, Errorf(ECONFLICT, "error.suggestion.decided")
	case st.Status != StatementDraft:
		return nil, nil, Errorf(ECONFLICT, "error.statement.locked")
	}
	return st, sg, nil
}

// blockNote names a block in the audit log.
func blockNote(b string) string {
	if _, err := strconv.Atoi(b); err == nil {
		return "#" + b
	}
	return b
}
