// Package demo owns Samsyn's demonstration data: a network of Swedish
// industrial municipalities with their officials, consultations (remisser),
// advocacy issues and joint statements in every stage from draft to
// withdrawn, all written for the purpose. Load puts it into an empty
// database through the app store interfaces, so it works on any store:
// it writes history dated in the past, which no use case of package app
// may do, so it writes the stores and announces each record it wrote as
// one "demo.load" event on the services' event stream (audit, search).
// The people are invented; the municipalities and their codes are real.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Stores are the stores Load writes to.
type Stores struct {
	Members       app.MemberStore
	Users         app.UserStore
	Consultations app.ConsultationStore
	Issues        app.IssueStore
	Statements    app.StatementStore
	Events        *app.Events // hears of every record written
	// ExternalResponses, when set, receive other bodies' answers to the
	// demo consultations.
	ExternalResponses app.ExternalResponseStore
}

// Result says what Load created and how the administrator signs in. The
// password is random and shown once; other demo users get random passwords
// nobody knows, to be reset by the administrator when needed.
type Result struct {
	AdminEmail    string
	AdminPassword string
	Members       int
	Users         int
	Consultations int
	Issues        int
	Statements    int
}

// AdminEmail is the demo administrator's address.
const AdminEmail = "admin@samsyn.example"

// Load fills an empty database with demo data dated relative to now. When
// the database already has members it returns ECONFLICT and writes nothing.
// Two concurrent loads cannot both succeed: the first member each inserts
// is the same, so the loser fails on its first write (unique index).
func Load(ctx context.Context, s Stores, now time.Time) (*Result, error) {
	_, n, err := s.Members.ListMembers(ctx, app.MemberFilter{Page: app.Page{Number: 1, Size: 1}})
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, app.Errorf(app.ECONFLICT, "Databasen är inte tom: demodata läses bara in i en tom databas.")
	}
	l := newLoader(s, now)
	for _, step := range []func(context.Context) error{
		l.loadMembers, l.loadUsers, l.loadConsultations, l.loadStatements, l.loadIssues, l.loadAnswers,
	} {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("load demo data: %w", err)
		}
	}
	return &l.res, nil
}

// loader carries what earlier steps created to later ones.
type loader struct {
	s     Stores
	now   time.Time
	today app.Date
	res   Result

	members       map[string]*app.Member       // by municipality code
	signatories   map[string]*app.User         // KSO by municipality code
	registrar     *app.User                    // secretariat user who registers signatures
	author        *app.User                    // secretariat user who drafts
	consultations map[string]*app.Consultation // by spec key
	statements    map[string]*app.Statement    // by slug
}

func newLoader(s Stores, now time.Time) *loader {
	now = now.UTC().Truncate(time.Millisecond)
	return &loader{s: s, now: now, today: app.DateOf(now),
		members: map[string]*app.Member{}, signatories: map[string]*app.User{},
		consultations: map[string]*app.Consultation{}, statements: map[string]*app.Statement{}}
}

// daysAgo returns the instant n days before now (negative n: after).
func (l *loader) daysAgo(n int) time.Time { return l.now.AddDate(0, 0, -n) }

// day returns the date n days from today (negative n: before).
func (l *loader) day(n int) app.Date { return app.Date{Time: l.today.AddDate(0, 0, n)} }

// demoActor stands for the demo loader in the audit log.
var demoActor = &app.User{Name: "Demodata"}

// audit announces that the demo loader created an entity. Its handlers'
// failures go to the stream's Warn, as every event's do.
func (l *loader) audit(ctx context.Context, entity, id, after, note string) error {
	l.s.Events.Publish(ctx, app.Event{Kind: "demo.load", Actor: demoActor, Subject: app.Subject{Type: entity, ID: id},
		After: after, Note: note, At: l.now})
	return nil
}
