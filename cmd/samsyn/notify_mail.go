package main

import (
	"context"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
)

// notificationMailInterval is how often the notification mail job looks
// for what waits to be mailed.
var notificationMailInterval = time.Minute

// notificationMailer wires the notification mail job on s.
func (e *env) notificationMailer(s *stack) *app.NotificationMailer {
	svc := e.services(s)
	return &app.NotificationMailer{Store: svc.Notifications.Store, Users: s.users, Unsubscribes: svc.Unsubscribes,
		Leases: s.leases, Mailer: s.mailer, Translate: web.Translate, BaseURL: e.cfg.BaseURL,
		NetworkName: e.cfg.NetworkName, Clock: s.clock, Logger: e.log, Holder: app.NewLeaseHolder(),
		LeaseTTL: 10 * time.Minute}
}

// startNotificationMail runs the notification mail job in the background
// until ctx ends, when there is a mail server; without one, notifications
// are in the app only and nothing waits to be mailed. It reports whether
// it started.
func (e *env) startNotificationMail(ctx context.Context, s *stack) bool {
	if s.mailer == nil {
		return false
	}
	go e.notificationMailer(s).RunEvery(ctx, notificationMailInterval)
	return true
}
