package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// notifyWorld is a network of three members on the real store: Gällivare
// and Kiruna with a signer and a member each (and, in Gällivare, a signer
// who has left), Pajala with no users at all; a secretariat and an admin.
type notifyWorld struct {
	t       *testing.T
	ctx     context.Context
	db      *mongodb.DB
	svc     *app.Services
	rec     *eventRecorder
	members map[string]*app.Member
	users   map[string]*app.User // by first name
}

func newNotifyWorld(t *testing.T) *notifyWorld {
	t.Helper()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	w := &notifyWorld{t: t, ctx: ctx, db: db, rec: &eventRecorder{}, members: map[string]*app.Member{}, users: map[string]*app.User{}}
	w.svc = w.services()
	w.svc.Events.Subscribe("record", w.rec.handle)
	boss := &app.User{Name: "Setup", Role: app.RoleAdmin}
	for _, m := range []struct{ name, code string }{{"Gällivare", "2523"}, {"Kiruna", "2584"}, {"Pajala", "2521"}} {
		mem, err := w.svc.Members.Create(ctx, boss, m.name, m.code, "Norrbottens län")
		if err != nil {
			t.Fatal(err)
		}
		w.members[m.name] = mem
	}
	for _, u := range []struct {
		name, email, member string
		role                app.Role
		maySign, inactive   bool
	}{
		{"Karin Kansli", "kansli@example.se", "", app.RoleSecretariat, false, false},
		{"Åke Admin", "admin@example.se", "", app.RoleAdmin, false, false},
		{"Åsa Öberg", "kso@gallivare.example", "Gällivare", app.RoleMember, true, false},
		{"Nils Näslund", "nils@gallivare.example", "Gällivare", app.RoleMember, false, false},
		{"Olle Ödman", "olle@gallivare.example", "Gällivare", app.RoleMember, true, true},
		{"Berit Bäck", "kso@kiruna.example", "Kiruna", app.RoleMember, true, false},
		{"Bo Berg", "bo@kiruna.example", "Kiruna", app.RoleMember, false, false},
	} {
		in := app.NewUserInput{Email: u.email, Name: u.name, Role: u.role, MaySign: u.maySign, Password: "rätt häst batteri häftstift"}
		if u.member != "" {
			in.MemberID = w.members[u.member].ID
		}
		nu, err := app.NewUser(in, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		nu.Active = !u.inactive
		if err := mongodb.NewUserStore(db).CreateUser(ctx, nu); err != nil {
			t.Fatal(err)
		}
		w.users[strings.Fields(u.name)[0]] = nu
	}
	return w
}

// services wires a fresh set of services on the world's store, as a
// restart or a second replica would.
func (w *notifyWorld) services() *app.Services {
	events := &app.Events{Warn: func(msg string, err error) { w.t.Errorf("%s: %v", msg, err) }}
	return app.NewServices(mongodb.Stores(w.db), app.ServiceConfig{Clock: app.SystemClock{}, Events: events,
		IdleTimeout: time.Hour, AbsoluteTimeout: time.Hour})
}

func (w *notifyWorld) u(name string) *app.User { return w.users[name] }

// inbox returns the notifications of each user by first name.
func (w *notifyWorld) inbox() map[string][]*app.Notification {
	out := map[string][]*app.Notification{}
	for name, u := range w.users {
		l, err := w.svc.Notifications.List(w.ctx, u, false, app.Page{Number: 1, Size: 100})
		if err != nil {
			w.t.Fatal(err)
		}
		if len(l.Items) > 0 {
			out[name] = l.Items
		}
	}
	return out
}

// expect checks that step made exactly one notification of kind for each
// of want and none for anyone else, and that handling its events again, on
// these services and on new ones (a restart), adds nothing.
func (w *notifyWorld) expect(label string, kind app.NotifyKind, want []string, step func()) {
	w.t.Helper()
	before := w.inbox()
	w.rec.take()
	step()
	events := w.rec.take()
	after := w.inbox()
	var got []string
	for name, ns := range after {
		added := ns[:len(ns)-len(before[name])]
		for _, n := range added {
			if n.Kind != kind {
				w.t.Errorf("%s: %s got a %s notification, want %s", label, name, n.Kind, kind)
			}
			got = append(got, name)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		w.t.Errorf("%s: notified %v, want each of %v once", label, got, want)
	}
	again := w.services()
	for _, e := range events {
		for _, svc := range []*app.Services{w.svc, again} {
			svc.Events.Publish(w.ctx, e) // the same event, with its id: a retried handler, a restart
		}
	}
	if total := func(m map[string][]*app.Notification) (n int) {
		for _, ns := range m {
			n += len(ns)
		}
		return n
	}; total(w.inbox()) != total(after) {
		w.t.Errorf("%s: handling the same events again added notifications", label)
	}
}

// TestNotificationsReachTheRightPeople: a test per kind of notification
// on the real store. Each reaches exactly the people it concerns, once;
// the actor, users of other members, inactive users and (by construction)
// anyone without an account get none; handling an event again adds none.
func TestNotificationsReachTheRightPeople(t *testing.T) {
	t.Parallel()
	w := newNotifyWorld(t)
	ctx, staff := w.ctx, w.u("Karin")
	secret := "Hemlig formulering som bara medlemmarna får läsa."
	st, err := w.svc.Statements.Create(ctx, w.u("Nils"), app.StatementInput{Kind: app.KindJointStatement,
		Title: "Uttalande om elnätet", Body: secret})
	if err != nil {
		t.Fatal(err)
	}
	signBy := app.DateOf(time.Now()).AddDays(20)

	w.expect("signing opened", app.NotifySigningOpened, []string{"Åsa", "Berit", "Åke"}, func() {
		if st, err = w.svc.Statements.OpenSigning(ctx, staff, st.ID, 0, signBy); err != nil {
			t.Fatal(err)
		}
	})
	w.expect("a decision notifies no one", "", nil, func() {
		sign(t, w, st, "Berit")
	})
	w.expect("reminder", app.NotifyReminder, []string{"Åsa"}, func() {
		res, err := w.svc.Statements.Remind(ctx, staff, st.ID)
		if err != nil || len(res.Reminded) != 1 || res.Reminded[0].Name != "Gällivare" ||
			!slices.Equal(res.NoSigner, []string{"Pajala"}) {
			t.Fatalf("remind: %+v %v", res, err)
		}
	})
	if _, err := w.svc.Statements.Remind(ctx, w.u("Åke"), st.ID); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("a second reminder the same working day: %v, want a conflict", err)
	}
	w.expect("reopen voids Kiruna's decision", app.NotifyVoided, []string{"Berit"}, func() {
		if st, err = w.svc.Statements.Reopen(ctx, staff, st.ID, app.Step{Reason: "Ny siffra."}); err != nil {
			t.Fatal(err)
		}
	})
	var thread *app.Comment
	w.expect("a new thread tells no one", "", nil, func() {
		if thread, err = w.svc.Statements.Comment(ctx, w.u("Nils"), st.ID, app.CommentInput{Body: "Stämmer siffran?", Anchor: 1}); err != nil {
			t.Fatal(err)
		}
	})
	w.expect("reply", app.NotifyReply, []string{"Nils"}, func() {
		if _, err = w.svc.Statements.Comment(ctx, w.u("Bo"), st.ID, app.CommentInput{Body: "Ja.", ParentID: thread.ID}); err != nil {
			t.Fatal(err)
		}
	})
	w.expect("reply to two", app.NotifyReply, []string{"Nils", "Bo"}, func() {
		if _, err = w.svc.Statements.Comment(ctx, w.u("Åsa"), st.ID, app.CommentInput{Body: "Håller med.", ParentID: thread.ID}); err != nil {
			t.Fatal(err)
		}
	})
	w.expect("mention", app.NotifyMention, []string{"Åsa"}, func() {
		if _, err = w.svc.Statements.Comment(ctx, w.u("Bo"), st.ID, app.CommentInput{Body: "@åsa öberg, kan du titta? (@Olle Ödman har slutat)", Anchor: 1}); err != nil {
			t.Fatal(err)
		}
	})
	if err := w.svc.Notifications.Follow(ctx, w.u("Åke"), app.Subject{Type: "statement", ID: st.ID}, true); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.Notifications.Follow(ctx, w.u("Bo"), app.Subject{Type: "statement", ID: st.ID}, false); err != nil {
		t.Fatal(err)
	}
	if st, err = w.svc.Statements.OpenSigning(ctx, staff, st.ID, 0, signBy); err != nil {
		t.Fatal(err)
	}
	sign(t, w, st, "Åsa")
	w.expect("published: participants and followers, not the muted", app.NotifyPublished, []string{"Nils", "Åsa", "Åke"}, func() {
		if st, err = w.svc.Statements.Publish(ctx, staff, st.ID, app.Step{}); err != nil {
			t.Fatal(err)
		}
	})
	w.expect("withdrawn", app.NotifyWithdrawn, []string{"Nils", "Åsa", "Åke"}, func() {
		if st, err = w.svc.Statements.Withdraw(ctx, staff, st.ID, app.Step{Reason: "Inaktuellt."}); err != nil {
			t.Fatal(err)
		}
	})
	for name, ns := range w.inbox() {
		for _, n := range ns {
			if strings.Contains(n.Title+n.Body, "Hemlig") {
				t.Errorf("%s's notification %q reveals the text", name, n.Title)
			}
			if !w.users[name].Active {
				t.Errorf("inactive %s was notified", name)
			}
		}
	}
}

// TestNotificationsOfConsultations: a new consultation tells those who
// follow one of its issues or their topics; a milestone the reminder job
// reaches tells the secretariat (and, of signatures due, those who may
// sign), once however often the job runs.
func TestNotificationsOfConsultations(t *testing.T) {
	t.Parallel()
	w := newNotifyWorld(t)
	ctx, staff := w.ctx, w.u("Karin")
	issue, err := w.svc.Issues.Create(ctx, staff, app.IssueInput{Title: "Elnätet i norr", Summary: "Kapacitet.", Topics: []string{"energi"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		who string
		sub app.Subject
	}{{"Bo", app.Subject{Type: "issue", ID: issue.ID}}, {"Berit", app.Subject{Type: "topic", ID: "energi"}}, {"Nils", app.Subject{Type: "topic", ID: "skog"}}} {
		if err := w.svc.Notifications.Follow(ctx, w.u(f.who), f.sub, true); err != nil {
			t.Fatal(err)
		}
	}
	deadline := app.WorkingDaysAfter(app.DateOf(time.Now()), 10)
	var c *app.Consultation
	w.expect("new consultation on a followed issue", app.NotifyFollowed, []string{"Bo", "Berit"}, func() {
		if c, err = w.svc.Consultations.Create(ctx, staff, app.ConsultationInput{Title: "Remiss om elnätet",
			Reference: "KN2026/100", Issuer: "Klimat- och näringslivsdepartementet", ReceivedOn: app.DateOf(time.Now()).String(),
			Deadline: deadline.String(), IssueIDs: []string{issue.ID}}); err != nil {
			t.Fatal(err)
		}
	})
	job := &app.ReminderJob{Consultations: mongodb.NewConsultationStore(w.db), Users: mongodb.NewUserStore(w.db),
		Log: mongodb.NewReminderStore(w.db), Leases: mongodb.NewLeaseStore(w.db), Events: w.svc.Events, Clock: app.SystemClock{},
		Holder: "test", LeaseTTL: time.Minute}
	due := app.DueReminders([]*app.Consultation{c}, app.DateOf(time.Now()))
	if len(due) != 2 { // the signatures due in 7 working days, the deadline in 10
		t.Fatalf("due %+v", due)
	}
	before := w.inbox()
	for range 3 {
		if _, err := job.Run(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]int{}
	for name, ns := range w.inbox() {
		for _, n := range ns[:len(ns)-len(before[name])] {
			if n.Kind != app.NotifyDeadline || n.Mail != app.MailNone {
				t.Errorf("%s: %+v", name, n)
			}
			got[name]++
		}
	}
	if len(got) != 4 || got["Karin"] != 2 || got["Åke"] != 2 || got["Åsa"] != 1 || got["Berit"] != 1 {
		t.Errorf("milestone notifications per user %v, want both dates to the staff and signatures due to the signers", got)
	}
}

// TestMentioned: "@Name" finds active users by their whole name, in any
// case, the longest name where two begin alike, never inside a longer word.
func TestMentioned(t *testing.T) {
	t.Parallel()
	users := []*app.User{{ID: "1", Name: "Anna", Active: true}, {ID: "2", Name: "Anna Berg", Active: true},
		{ID: "3", Name: "Örjan Åström", Active: true}, {ID: "4", Name: "Gammal", Active: false}}
	for _, tc := range []struct {
		body string
		want []string
	}{
		{"Hej @Anna Berg!", []string{"2"}},
		{"@anna, och @ANNA BERG.", []string{"1", "2"}},
		{"@Annabella", nil},
		{"@örjan åström tycker till", []string{"3"}},
		{"mejla anna@example.se", nil},
		{"@Gammal", nil},
	} {
		if got := app.Mentioned(tc.body, users); !slices.Equal(got, tc.want) {
			t.Errorf("Mentioned(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

func sign(t *testing.T, w *notifyWorld, st *app.Statement, who string) {
	t.Helper()
	u := w.u(who)
	if _, err := w.svc.Statements.Sign(w.ctx, u, st.ID, app.SignatureInput{Decision: app.DecisionSigned,
		ContentHash: st.ContentHash, SignatoryName: u.Name, SignatoryTitle: "KSO", DecidedBy: "KS",
		DecidedOn: app.DateOf(time.Now())}); err != nil {
		t.Fatal(err)
	}
}
