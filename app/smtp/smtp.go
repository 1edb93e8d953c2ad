// Package smtp sends Samsyn's e-mail (reminders) through an SMTP server
// named by a URL, with github.com/wneessen/go-mail.
package smtp

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/samsyn/samsyn/app"
)

// Mailer sends mail through one SMTP server.
type Mailer struct {
	client *mail.Client
	from   string
}

var _ app.Mailer = (*Mailer)(nil)

// New returns a mailer for rawURL: smtp://[user:pass@]host[:port] (port
// 587 by default; STARTTLS when the server offers it, required when a
// password is sent) or smtps://… (TLS from the start, port 465). from is
// the sender address (SAMSYN_MAIL_FROM).
func New(rawURL, from string) (*Mailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("SMTP URL must look like smtp://user:pass@host:587")
	}
	opts := []mail.Option{mail.WithTimeout(20 * time.Second), mail.WithTLSPolicy(mail.TLSOpportunistic)}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, mail.WithSSL())
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SMTP URL port %q is not a number", p)
		}
	}
	opts = append(opts, mail.WithPort(port))
	if pw, ok := u.User.Password(); ok {
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory), mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(u.User.Username()), mail.WithPassword(pw))
	}
	c, err := mail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("SMTP client: %w", err)
	}
	return &Mailer{client: c, from: from}, nil
}

// Send sends m as plain text in UTF-8.
func (s *Mailer) Send(ctx context.Context, m *app.Mail) error {
	msg := mail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("sender %q: %w", s.from, err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return fmt.Errorf("recipient: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	if m.Unsubscribe != "" {
		msg.SetListUnsubscribe(m.Unsubscribe)
	}
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}
