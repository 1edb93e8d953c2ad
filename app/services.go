package app

import (
	"crypto/ed25519"
	"log/slog"
	"time"
)

// Stores are every store the services need; cmd fills them from package
// mongodb.
type Stores struct {
	Members       MemberStore
	Users         UserStore
	Sessions      SessionStore
	Tokens        TokenStore
	AccountLinks  AccountLinkStore
	Consultations ConsultationStore
	Meetings      MeetingStore
	Issues        IssueStore
	Statements    StatementStore
	Suggestions   SuggestionStore
	Presence      PresenceStore
	Imports       ImportLog
	Triage        TriageStore
	Notes         ConsultationNoteStore
	Hidings       ParticipationHidingStore
	CalendarFeeds CalendarFeedStore
	Outcomes      OutcomeStore
	Positions     PositionStore
	Feedback      FeedbackStore
	Audit         AuditLog
	Notifications NotificationStore
	Keys          KeyStore
	Publications  PublicationLogStore
	// ExternalResponses are other bodies' harvested remissvar (internal).
	ExternalResponses ExternalResponseStore
	RemissPages       RemissPageStateStore
	Leases            LeaseStore // for the harvest; nil: no harvest
}

// ServiceConfig is what the services need besides stores.
type ServiceConfig struct {
	Clock       Clock
	Events      *Events // the one publisher; a new one when nil
	Mailer      Mailer  // nil without SMTP
	Fetcher     RemissReader
	BaseURL     string
	NetworkName string
	Log         *slog.Logger
	// IdleTimeout and AbsoluteTimeout end sessions (see Accounts).
	IdleTimeout, AbsoluteTimeout time.Duration
	// PublicationKey signs the publication log; serve keeps it in the data
	// dir. Without one (tests) a key is made that lives as long as the
	// services.
	PublicationKey ed25519.PrivateKey
	// HarvestFetcher and TextExtractor, both set, enable the harvest of
	// other bodies' remissvar (Services.Harvester).
	HarvestFetcher HarvestFetcher
	TextExtractor  TextExtractor
}

// Services are every use case of the domain, built once and handed to the
// web server, the command line and the demo loader alike.
type Services struct {
	Events        *Events
	Clock         Clock
	Accounts      *Accounts
	AccountLinks  *AccountLinks
	Members       *Members
	Users         *Users
	Consultations *Consultations
	Meetings      *Meetings
	Issues        *Issues
	Statements    *Statements
	Imports       *RemissImports
	Triage        *Triage
	Watch         *RemissWatch // nil without SAMSYN_REMISS_WATCH_URL; cmd sets it
	Calendars     *Calendars
	Outcomes      *Outcomes
	Positions     *Positions
	Feedback      *Feedbacks
	Audit         *AuditTrail
	Notifications *Notifications
	Desks         *Desks
	Unsubscribes  *Unsubscribes
	Publications  *Publications
	// ExternalResponses reads other bodies' harvested remissvar.
	ExternalResponses *ExternalResponses
	Harvester         *Harvester // nil without a HarvestFetcher and TextExtractor
}

// NewServices wires the services on st. The audit log subscribes to the
// event stream first, so every change stored is audited before anything
// else hears of it.
func NewServices(st Stores, cfg ServiceConfig) *Services {
	ev := cfg.Events
	if ev == nil {
		ev = &Events{}
	}
	if ev.Warn == nil {
		ev.Warn = warnTo(cfg.Log)
	}
	ev.Subscribe("audit", AuditHandler(st.Audit))
	clock := cfg.Clock
	s := &Services{Events: ev, Clock: clock}
	s.Accounts = &Accounts{Users: st.Users, Sessions: st.Sessions, Tokens: st.Tokens, Clock: clock,
		IdleTimeout: cfg.IdleTimeout, AbsoluteTimeout: cfg.AbsoluteTimeout, Events: ev}
	s.AccountLinks = &AccountLinks{Users: st.Users, Links: st.AccountLinks, Accounts: s.Accounts, Mailer: cfg.Mailer,
		Clock: clock, BaseURL: cfg.BaseURL, NetworkName: cfg.NetworkName, Log: cfg.Log, Events: ev}
	s.Members = &Members{Store: st.Members, Hidings: st.Hidings, Clock: clock, Events: ev}
	s.Users = &Users{Store: st.Users, Members: st.Members, Accounts: s.Accounts, Links: s.AccountLinks, Clock: clock, Events: ev}
	s.Consultations = &Consultations{Store: st.Consultations, Issues: st.Issues, Statements: st.Statements, Users: st.Users, NoteStore: st.Notes,
		Imports: st.Imports, Clock: clock, Events: ev}
	s.Meetings = &Meetings{Store: st.Meetings, Members: st.Members, Clock: clock, Events: ev}
	s.Issues = &Issues{Store: st.Issues, Members: st.Members, Consultations: st.Consultations,
		Statements: st.Statements, Clock: clock, Events: ev}
	s.Statements = &Statements{Store: st.Statements, Suggestions: st.Suggestions, Presence: st.Presence, Members: st.Members, Consultations: st.Consultations,
		Audit: st.Audit, Clock: clock, Users: st.Users, Mailer: cfg.Mailer, BaseURL: cfg.BaseURL, Events: ev, Notices: st.Notifications,
		Warn: warnTo(cfg.Log)}
	if st.Triage != nil {
		s.Triage = &Triage{Store: st.Triage, Issues: st.Issues, Users: st.Users, Consultations: st.Consultations,
			Imports: st.Imports, Clock: clock, Events: ev}
	}
	s.Imports = &RemissImports{Consultations: st.Consultations, Imports: st.Imports, Fetcher: cfg.Fetcher,
		Triage: s.Triage, Clock: clock, Events: ev}
	s.Calendars = &Calendars{Feeds: st.CalendarFeeds, Users: st.Users, Consultations: st.Consultations, Clock: clock}
	s.Outcomes = &Outcomes{Store: st.Outcomes, Clock: clock, Events: ev}
	s.Positions = &Positions{Store: st.Positions, Statements: st.Statements, Clock: clock, Events: ev}
	s.Feedback = &Feedbacks{Store: st.Feedback, Clock: clock, Events: ev}
	s.Audit = &AuditTrail{Log: st.Audit}
	mail := cfg.Mailer != nil
	s.Notifications = &Notifications{Store: st.Notifications, Statements: st.Statements, Suggestions: st.Suggestions,
		Issues: st.Issues, Users: st.Users, Members: st.Members, Clock: clock, Events: ev, Mail: mail}
	s.Desks = &Desks{Statements: st.Statements, Consultations: st.Consultations, Meetings: st.Meetings,
		Members: st.Members, Users: st.Users, Notices: st.Notifications, Clock: clock}
	if s.Triage != nil {
		s.Desks.Triage = s.Triage
	}
	s.Unsubscribes = &Unsubscribes{Keys: st.Keys, Store: st.Notifications, Users: st.Users, Clock: clock, Events: ev}
	ev.Subscribe("consultation", s.Statements.FollowConsultation)
	ev.Subscribe("notify", (&Notifier{Store: st.Notifications, Users: st.Users, Members: st.Members,
		Statements: st.Statements, Suggestions: st.Suggestions, Consultations: st.Consultations, Issues: st.Issues,
		Mail: mail}).Handle)
	s.Publications = &Publications{Store: st.Publications, Statements: st.Statements, Key: cfg.PublicationKey}
	if s.Publications.Key == nil {
		_, s.Publications.Key, _ = ed25519.GenerateKey(nil)
	}
	ev.Subscribe("publication log", s.Publications.Handler)
	s.ExternalResponses = &ExternalResponses{Store: st.ExternalResponses, Pages: st.RemissPages,
		Consultations: st.Consultations, Statements: st.Statements, Issues: st.Issues, Events: ev, Clock: clock}
	if cfg.HarvestFetcher != nil && cfg.TextExtractor != nil && st.Leases != nil {
		s.Harvester = &Harvester{Consultations: st.Consultations, Responses: st.ExternalResponses, States: st.RemissPages,
			Members: st.Members, Triage: st.Triage, Fetcher: cfg.HarvestFetcher, Text: cfg.TextExtractor, Leases: st.Leases,
			Clock: clock, Events: ev, Holder: NewLeaseHolder()}
	}
	return s
}

// warnTo reports follow-up failures to log; nil logs nothing.
func warnTo(log *slog.Logger) func(string, error) {
	if log == nil {
		return nil
	}
	return func(msg string, err error) { log.Error(msg, "err", err) }
}

// changedByOther is the conflict of a change based on a version that is no
// longer the stored one.
func changedByOther(current int) error {
	msg := Msg("error.changed_by_other", "version", current)
	return &Error{Code: ECONFLICT, Message: msg, Fields: map[string]string{"version": msg}}
}
