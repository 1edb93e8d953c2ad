package app

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// Feedback is a message about accessibility sent through the form on the
// accessibility statement (tillgänglighetsredogörelse). Only the
// secretariat reads it.
type Feedback struct {
	ID        string
	Page      string // the page it is about, as the sender wrote it
	Message   string
	Name      string // optional
	Email     string // optional: to answer
	Lang      string
	CreatedAt time.Time
}

// FeedbackStore keeps accessibility feedback, newest first.
type FeedbackStore interface {
	AddFeedback(ctx context.Context, f *Feedback) error
	ListFeedback(ctx context.Context, p Page) ([]*Feedback, int, error)
}

// NewFeedback validates a message from the form.
func NewFeedback(page, message, name, email, lang string, now time.Time) (*Feedback, error) {
	f := &Feedback{Page: strings.TrimSpace(page), Message: strings.TrimSpace(message), Name: strings.TrimSpace(name),
		Email: strings.TrimSpace(email), Lang: lang, CreatedAt: now}
	p := Problems{}
	if f.Message == "" {
		p.Add("message", "error.feedback.message_required")
	}
	limitLen(p, "message", f.Message, 4000)
	limitLen(p, "page", f.Page, 500)
	limitLen(p, "name", f.Name, 120)
	if f.Email != "" {
		if a, err := mail.ParseAddress(f.Email); err != nil || a.Address != f.Email || len(f.Email) > 254 {
			p.Add("email", "error.feedback.email")
		}
	}
	return f, p.Err()
}
