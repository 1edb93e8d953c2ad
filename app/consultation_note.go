package app

import (
	"context"
	"strings"
	"time"
)

// ConsultationNote is one internal note on a consultation by the
// secretariat: Markdown, shown sanitised, never public.
type ConsultationNote struct {
	ID             string
	ConsultationID string
	AuthorID       string
	AuthorName     string
	Body           string // Markdown
	CreatedAt      time.Time
}

// ConsultationNoteStore keeps the notes; they are only ever added.
type ConsultationNoteStore interface {
	AddConsultationNote(ctx context.Context, n *ConsultationNote) error
	// ListConsultationNotes lists a consultation's notes, oldest first.
	ListConsultationNotes(ctx context.Context, consultationID string) ([]*ConsultationNote, error)
}

// maxNoteRunes bounds one note.
const maxNoteRunes = 10000

// AddNote adds an internal note by staff to consultation id. One event,
// "consultation.note".
func (s *Consultations) AddNote(ctx context.Context, actor *User, id, body string) (*ConsultationNote, error) {
	if actor == nil || !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "error.auth.staff_only")
	}
	p := Problems{}
	body = readText(p, "body", strings.ReplaceAll(body, "\r\n", "\n"), maxNoteRunes, true)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if _, err := s.Store.ConsultationByID(ctx, id); err != nil {
		return nil, err
	}
	n := &ConsultationNote{ConsultationID: id, AuthorID: actor.ID, AuthorName: actor.Name, Body: body, CreatedAt: s.Clock.Now()}
	if err := s.NoteStore.AddConsultationNote(ctx, n); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "consultation.note", Subject{"consultation", id}, "", n.ID, "")
	return n, nil
}

// Notes lists the internal notes of consultation id, oldest first.
func (s *Consultations) Notes(ctx context.Context, id string) ([]*ConsultationNote, error) {
	return s.NoteStore.ListConsultationNotes(ctx, id)
}
