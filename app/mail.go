package app

import "context"

// Mail is one plain-text e-mail to one person.
type Mail struct {
	To      string // address
	ToName  string
	Subject string
	Body    string
}

// Mailer sends e-mail. Send returns an error when the mail server did not
// accept the message; it is then not sent.
type Mailer interface {
	Send(ctx context.Context, m *Mail) error
}
