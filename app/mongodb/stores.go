package mongodb

import "github.com/samsyn/samsyn/app"

// Stores returns every store of the domain on db, for app.NewServices.
func Stores(db *DB) app.Stores {
	sessions, consults, issues, audit := NewSessionStore(db), NewConsultationStore(db), NewIssueStore(db), NewAuditLog(db)
	stmts, members, responses := NewStatementStore(db), NewMemberStore(db), NewExternalResponseStore(db)
	return app.Stores{Members: members, Hidings: members, Users: NewUserStore(db), Sessions: sessions, Tokens: sessions,
		AccountLinks: sessions, Consultations: consults, Meetings: consults, Issues: issues,
		Statements: stmts, Suggestions: stmts, Presence: stmts, Imports: consults, CalendarFeeds: sessions, Outcomes: consults,
		Positions: issues, Feedback: audit, Audit: audit, Notifications: NewNotificationStore(db),
		Keys: sessions, Publications: NewPublicationLog(db), Triage: NewTriageStore(db), Notes: consults,
		ExternalResponses: responses, RemissPages: responses, Leases: NewLeaseStore(db)}
}
