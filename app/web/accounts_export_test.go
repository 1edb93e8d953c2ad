package web

import "github.com/samsyn/samsyn/app"

// SetMailerForTest gives a test server a mailer after New.
func (s *Server) SetMailerForTest(m app.Mailer) { s.deps.Mailer = m }

// SetClockForTest gives a test server a clock after New.
func (s *Server) SetClockForTest(c app.Clock) { s.deps.Clock = c }

// WaitBackgroundForTest waits for work the server does after answering
// (reset mails).
func (s *Server) WaitBackgroundForTest() { s.bg.Wait() }
