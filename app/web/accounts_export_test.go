package web

import "github.com/samsyn/samsyn/app"

// SetMailerForTest gives a test server a mailer after New.
func (s *Server) SetMailerForTest(m app.Mailer) {
	s.deps.AccountLinks.Mailer, s.deps.Statements.Mailer = m, m
}

// SetClockForTest gives a test server a clock after New.
func (s *Server) SetClockForTest(c app.Clock) {
	d := s.deps.Services
	d.Clock, d.Accounts.Clock, d.AccountLinks.Clock, d.Users.Clock, d.Members.Clock = c, c, c, c, c
	d.Consultations.Clock, d.Meetings.Clock, d.Issues.Clock, d.Statements.Clock, d.Imports.Clock = c, c, c, c, c
	d.Calendars.Clock, d.Outcomes.Clock, d.Positions.Clock, d.Feedback.Clock = c, c, c, c
}

// WaitBackgroundForTest waits for work the server does after answering
// (reset mails).
func (s *Server) WaitBackgroundForTest() { s.bg.Wait() }

// SetPrinterForTest gives a test server a PDF printer after New.
func (s *Server) SetPrinterForTest(p PDFPrinter) { s.deps.Printer = p }
