package app

import "context"

// Mail is one plain-text e-mail to one person.
type Mail struct {
	To      string // address
	ToName  string
	Subject string
	Body    string
	// Unsubscribe is the address of a page that stops mail of this kind
	// (sent as List-Unsubscribe, which mail programs offer as a button),
	// or "".
	Unsubscribe string
}

// Mailer sends e-mail. Send returns an error when the mail server did not
// accept the message; it is then not sent.
type Mailer interface {
	Send(ctx context.Context, m *Mail) error
}
