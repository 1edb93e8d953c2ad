package main

import (
	"context"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/smtp"
)

// reminderInterval is how often the reminder job looks for what is due.
var reminderInterval = 15 * time.Minute

// reminderJob wires the reminder job on s; its Mailer is nil until set.
func (e *env) reminderJob(s *stack) *app.ReminderJob {
	return &app.ReminderJob{Consultations: s.consults, Users: s.users, Log: s.reminders, Leases: s.leases,
		BaseURL: e.cfg.BaseURL, NetworkName: e.cfg.NetworkName, Clock: s.clock, Logger: e.log,
		Holder: app.NewLeaseHolder(), LeaseTTL: 10 * time.Minute}
}

// startReminders runs the reminder job in the background until ctx ends:
// at once, then every reminderInterval. Each reminder due becomes in-app
// notifications; with SAMSYN_SMTP_URL it is e-mailed too.
func (e *env) startReminders(ctx context.Context, s *stack) {
	job := e.reminderJob(s)
	job.Mailer = s.mailer
	if s.svc != nil {
		job.Events = s.svc.Events
		job.Prefs, job.Unsubscribes = s.svc.Notifications.Store, s.svc.Unsubscribes
	}
	go job.RunEvery(ctx, reminderInterval)
}

// openMailer returns the SMTP mailer, or nil (and says so once) when
// SAMSYN_SMTP_URL is not set or unusable.
func (e *env) openMailer() app.Mailer {
	if e.cfg.SMTPURL == "" {
		e.log.Info("SAMSYN_SMTP_URL is not set: reminders are not e-mailed, only listed on the dashboard")
		return nil
	}
	mailer, err := smtp.New(e.cfg.SMTPURL, e.cfg.MailFrom)
	if err != nil {
		e.log.Error("e-mail disabled", "err", err)
		return nil
	}
	return mailer
}
