package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/smtp"
	"github.com/samsyn/samsyn/app/smtp/smtptest"
	"github.com/samsyn/samsyn/app/web"
)

// setClock is a clock the test moves.
type setClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *setClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *setClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// at is an instant in Stockholm on 2026-10-dd.
func at(dd, hh, mm int) time.Time { return time.Date(2026, 10, dd, hh, mm, 0, 0, app.Stockholm) }

// mailFixture: the services with a mail server, two members with a
// signer each (Oxelösund's reads English), a member without signing
// rights, the secretariat and an admin who acts.
type mailFixture struct {
	t                        *testing.T
	db                       *mongodb.DB
	svc                      *app.Services
	store                    *mongodb.NotificationStore
	users                    *mongodb.UserStore
	clock                    *setClock
	mail                     *smtptest.Server
	mailer                   app.Mailer
	admin, staff, signerA    *app.User
	signerB, memberA         *app.User
	memberAID, memberBID     string
	statementTitle, bodyText string
}

func newMailFixture(t *testing.T) *mailFixture {
	t.Helper()
	ctx := context.Background()
	f := &mailFixture{t: t, db: mongotest.MustOpenDB(t), clock: &setClock{t: at(15, 10, 0)}, mail: smtptest.Start(t)}
	var err error
	if f.mailer, err = smtp.New(f.mail.URL(), "samsyn@example.se"); err != nil {
		t.Fatal(err)
	}
	f.svc = app.NewServices(mongodb.Stores(f.db), app.ServiceConfig{Clock: f.clock, Mailer: f.mailer,
		BaseURL: "https://samsyn.example.se", NetworkName: "Industrikommunerna",
		Events: &app.Events{Warn: func(msg string, err error) { t.Errorf("%s: %v", msg, err) }}})
	f.store, f.users = mongodb.NewNotificationStore(f.db), mongodb.NewUserStore(f.db)
	members := mongodb.NewMemberStore(f.db)
	for _, m := range []struct {
		name, code string
		id         *string
	}{{"Skellefteå", "2482", &f.memberAID}, {"Oxelösund", "0481", &f.memberBID}} {
		mm, err := app.NewMember(m.name, m.code, "", time.Now())
		if err == nil {
			err = members.CreateMember(ctx, mm)
		}
		if err != nil {
			t.Fatal(err)
		}
		*m.id = mm.ID
	}
	f.admin = f.mustUser(&app.User{Email: "admin@example.se", Name: "Åke Admin", Role: app.RoleAdmin, Active: true})
	f.staff = f.mustUser(&app.User{Email: "kansli@example.se", Name: "Karin Kansli", Role: app.RoleSecretariat, Active: true})
	f.signerA = f.mustUser(&app.User{Email: "kso@skelleftea.example", Name: "Sören Signer", Role: app.RoleMember,
		MemberID: f.memberAID, MaySign: true, Active: true})
	f.signerB = f.mustUser(&app.User{Email: "kso@oxelosund.example", Name: "Berit Bergström", Role: app.RoleMember,
		MemberID: f.memberBID, MaySign: true, Active: true})
	f.memberA = f.mustUser(&app.User{Email: "nlc@skelleftea.example", Name: "Märta Medlem", Role: app.RoleMember,
		MemberID: f.memberAID, Active: true})
	f.savePrefs(f.signerB, func(p *app.NotifyPrefs) { p.Lang = "en" })
	f.statementTitle, f.bodyText = "Elnätet i norr", "Hemlig utkasttext som aldrig får lämna Samsyn."
	return f
}

func (f *mailFixture) mustUser(u *app.User) *app.User {
	f.t.Helper()
	if err := f.users.CreateUser(context.Background(), u); err != nil {
		f.t.Fatal(err)
	}
	return u
}

// savePrefs changes u's preferences through the service.
func (f *mailFixture) savePrefs(u *app.User, change func(p *app.NotifyPrefs)) {
	f.t.Helper()
	p, err := f.svc.Notifications.Prefs(context.Background(), u)
	if err != nil {
		f.t.Fatal(err)
	}
	p.Lang = p.Language()
	change(p)
	if err := f.svc.Notifications.SavePrefs(context.Background(), u, p); err != nil {
		f.t.Fatal(err)
	}
}

// openSigning makes a statement and opens it for signing (by the admin):
// the signers of both members and the secretariat are notified.
func (f *mailFixture) openSigning(title string) *app.Statement {
	f.t.Helper()
	ctx := context.Background()
	st, err := f.svc.Statements.Create(ctx, f.admin, app.StatementInput{Kind: app.KindJointStatement, Title: title, Body: f.bodyText})
	if err == nil {
		st, err = f.svc.Statements.OpenSigning(ctx, f.admin, st.ID, 0, app.DateOf(f.clock.Now()).AddDays(20))
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}

// job is a mail job of its own (a replica) on the fixture's store.
func (f *mailFixture) job(holder string) *app.NotificationMailer {
	return &app.NotificationMailer{Store: f.store, Users: f.users, Unsubscribes: f.svc.Unsubscribes,
		Leases: mongodb.NewLeaseStore(f.db), Mailer: f.mailer, Translate: web.Translate,
		BaseURL: "https://samsyn.example.se/", NetworkName: "Industrikommunerna", Clock: f.clock,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Holder: holder, LeaseTTL: time.Minute}
}

// run runs a job at clock time t and returns how many mails it sent.
func (f *mailFixture) run(t time.Time) int {
	f.t.Helper()
	f.clock.set(t)
	n, err := f.job("one").Run(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// byRecipient groups the mails that arrived by address.
func (f *mailFixture) byRecipient() map[string][]smtptest.Message {
	out := map[string][]smtptest.Message{}
	for _, m := range f.mail.Messages() {
		for _, to := range m.To {
			out[to] = append(out[to], m)
		}
	}
	return out
}

// modes lists the mail state of u's notifications, newest first.
func (f *mailFixture) modes(u *app.User) []app.MailMode {
	f.t.Helper()
	ns, _, err := f.store.ListNotifications(context.Background(), app.NotificationFilter{UserID: u.ID, Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		f.t.Fatal(err)
	}
	var out []app.MailMode
	for _, n := range ns {
		out = append(out, n.Mail)
	}
	return out
}

var unsubscribeLink = regexp.MustCompile(`https://samsyn\.example\.se/avregistrera\?(?:lang=en&)?t=(\S+)`)

// TestNotificationMailImmediate: opening signing mails each signer one
// e-mail at once, in their language, with the link and an unsubscribe
// link and never the statement's text; the secretariat, who chose
// in-app only, gets none; a second run sends nothing more.
func TestNotificationMailImmediate(t *testing.T) {
	t.Parallel()
	f := newMailFixture(t)
	f.savePrefs(f.staff, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailNone })
	st := f.openSigning(f.statementTitle)
	if n := f.run(at(15, 10, 1)); n != 2 {
		t.Fatalf("sent %d, want 2", n)
	}
	if n := f.run(at(15, 10, 2)); n != 0 {
		t.Fatalf("second run sent %d", n)
	}
	got := f.byRecipient()
	if len(got) != 2 || len(got[f.signerA.Email]) != 1 || len(got[f.signerB.Email]) != 1 {
		t.Fatalf("mails by recipient: %v", keys(got))
	}
	link := "https://samsyn.example.se/internt/stallningstaganden/" + st.ID + "/signering"
	sv, en := got[f.signerA.Email][0], got[f.signerB.Email][0]
	if sv.Subject != "Industrikommunerna: Dags att besluta: ”Elnätet i norr”" {
		t.Errorf("Swedish subject %q", sv.Subject)
	}
	if en.Subject != "Industrikommunerna: Time to decide: “Elnätet i norr”" {
		t.Errorf("English subject %q", en.Subject)
	}
	for _, m := range []smtptest.Message{sv, en} {
		if !strings.Contains(m.Body, link) || !unsubscribeLink.MatchString(m.Body) || strings.Contains(m.Body, "Hemlig") {
			t.Errorf("body to %v:\n%s", m.To, m.Body)
		}
	}
	for _, want := range []string{"Hej Sören Signer!", "Sluta få e-post om ”Underskrift öppnad”:",
		"https://samsyn.example.se/avregistrera?t=", "https://samsyn.example.se/internt/installningar\n"} {
		if !strings.Contains(sv.Body, want) {
			t.Errorf("Swedish body lacks %q:\n%s", want, sv.Body)
		}
	}
	for _, want := range []string{"Hello Berit Bergström,", "Stop e-mail about “Signing opened”:", "Open in Samsyn:",
		"https://samsyn.example.se/avregistrera?lang=en&t=", "https://samsyn.example.se/internt/installningar?lang=en\n"} {
		if !strings.Contains(en.Body, want) {
			t.Errorf("English body lacks %q:\n%s", want, en.Body)
		}
	}
	if !strings.Contains(sv.Raw, "List-Unsubscribe: <https://samsyn.example.se/avregistrera?t=") {
		t.Errorf("no List-Unsubscribe header:\n%s", sv.Raw)
	}
	if m := f.modes(f.signerA); len(m) != 1 || m[0] != app.MailSent {
		t.Errorf("signer's notification %v, want sent", m)
	}
	if m := f.modes(f.staff); len(m) != 1 || m[0] != app.MailNone {
		t.Errorf("secretariat's notification %v, want none", m)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestNotificationMailDigest: a signer who chose the digest gets one mail
// a day, from 07:00, listing every notification from before then; what
// comes after waits for the next day's digest.
func TestNotificationMailDigest(t *testing.T) {
	t.Parallel()
	f := newMailFixture(t)
	f.savePrefs(f.signerA, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailDigest })
	first := f.openSigning("Elnätet i norr")
	f.clock.set(at(15, 14, 0))
	second := f.openSigning("Kompetensförsörjningen")
	for _, tm := range []time.Time{at(15, 10, 1), at(15, 23, 59), at(16, 6, 59)} {
		f.run(tm)
		if got := f.byRecipient()[f.signerA.Email]; len(got) != 0 {
			t.Fatalf("at %s the digest went out: %+v", tm, got)
		}
	}
	f.clock.set(at(16, 8, 0)) // after the digest hour: tomorrow's digest
	third := f.openSigning("Vätgasen")
	f.run(at(16, 7, 30))
	f.run(at(16, 12, 0))
	got := f.byRecipient()[f.signerA.Email]
	if len(got) != 1 {
		t.Fatalf("%d digests on day one, want 1", len(got))
	}
	d := got[0]
	if d.Subject != "Industrikommunerna: dagens sammanfattning – 2 notiser" {
		t.Errorf("subject %q", d.Subject)
	}
	for _, st := range []*app.Statement{first, second} {
		if !strings.Contains(d.Body, "/internt/stallningstaganden/"+st.ID+"/signering") || !strings.Contains(d.Body, st.Title) {
			t.Errorf("digest lacks %q:\n%s", st.Title, d.Body)
		}
	}
	if strings.Contains(d.Body, third.Title) || strings.Contains(d.Body, "Hemlig") {
		t.Errorf("digest has what it should not:\n%s", d.Body)
	}
	if n := len(unsubscribeLink.FindAllString(d.Body, -1)); n != 1 {
		t.Errorf("%d unsubscribe links for one kind", n)
	}
	f.run(at(17, 7, 0))
	got = f.byRecipient()[f.signerA.Email]
	if len(got) != 2 || got[1].Subject != "Industrikommunerna: dagens sammanfattning – 1 notis" || !strings.Contains(got[1].Body, third.Title) {
		t.Fatalf("day two: %+v", got)
	}
	if others := f.byRecipient()[f.signerB.Email]; len(others) != 3 {
		t.Errorf("the signer who chose immediate e-mail got %d, want 3", len(others))
	}
}

// TestNotificationMailNone: a user who chose in-app only for a kind gets
// no mail of it, in either mode, and one who chooses so while a mail
// waits gets none either.
func TestNotificationMailNone(t *testing.T) {
	t.Parallel()
	f := newMailFixture(t)
	f.savePrefs(f.signerA, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailNone })
	f.openSigning("Elnätet i norr")
	f.savePrefs(f.signerB, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailNone }) // after it was queued
	f.run(at(15, 10, 1))
	f.run(at(16, 7, 1))
	got := f.byRecipient()
	if len(got[f.signerA.Email]) != 0 || len(got[f.signerB.Email]) != 0 || len(got[f.staff.Email]) != 1 {
		t.Errorf("mails by recipient: %v", keys(got))
	}
	if m := f.modes(f.signerB); len(m) != 1 || m[0] != app.MailNone {
		t.Errorf("the queued notification is %v, want none (not sent, not waiting)", m)
	}
}

// TestNotificationMailNotToDeactivated: a user deactivated after being
// notified is never mailed, now or in a digest.
func TestNotificationMailNotToDeactivated(t *testing.T) {
	t.Parallel()
	f := newMailFixture(t)
	f.savePrefs(f.signerB, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailDigest })
	f.openSigning("Elnätet i norr")
	for _, u := range []*app.User{f.signerA, f.signerB} {
		u.Active = false
		if err := f.users.UpdateUser(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	f.run(at(15, 10, 1))
	f.run(at(16, 7, 1))
	got := f.byRecipient()
	if len(got) != 1 || len(got[f.staff.Email]) != 1 {
		t.Errorf("mails by recipient: %v", keys(got))
	}
	for _, u := range []*app.User{f.signerA, f.signerB} {
		if m := f.modes(u); len(m) != 1 || m[0] != app.MailNone {
			t.Errorf("%s's notification is %v, want none", u.Name, m)
		}
	}
}

// failingMailer refuses every mail, as a mail server that is down.
type failingMailer struct{}

func (failingMailer) Send(context.Context, *app.Mail) error { return errors.New("451 try again later") }

// TestNotificationMailRetriesAfterFailure: a mail the server did not
// take is neither lost nor marked sent: the next run sends it, once, and
// a failed digest does not use up the day.
func TestNotificationMailRetriesAfterFailure(t *testing.T) {
	t.Parallel()
	f := newMailFixture(t)
	f.savePrefs(f.signerB, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailDigest })
	f.openSigning("Elnätet i norr")
	down := f.job("down")
	down.Mailer = failingMailer{}
	f.clock.set(at(16, 7, 1))
	if n, err := down.Run(context.Background()); n != 0 || err == nil {
		t.Fatalf("a failing server: sent %d, err %v", n, err)
	}
	for _, u := range []*app.User{f.signerA, f.signerB} {
		if m := f.modes(u); len(m) != 1 || (m[0] != app.MailNow && m[0] != app.MailDigest) {
			t.Fatalf("%s's notification is %v after a failed send, want it waiting", u.Name, m)
		}
	}
	if n := f.run(at(16, 7, 2)); n != 3 { // signer A and the secretariat at once, signer B's digest
		t.Fatalf("retry sent %d, want 3", n)
	}
	if n := f.run(at(16, 7, 3)); n != 0 {
		t.Fatalf("a third run sent %d", n)
	}
}

// TestNotificationMailTwoReplicas: two mail jobs on one store, as two
// replicas running at the same moment, send every mail once — with the
// lease, and without it (the claims alone).
func TestNotificationMailTwoReplicas(t *testing.T) {
	t.Parallel()
	for _, lease := range []bool{true, false} {
		f := newMailFixture(t)
		f.savePrefs(f.signerB, func(p *app.NotifyPrefs) { p.Mail[app.NotifySigningOpened] = app.MailDigest })
		for _, title := range []string{"Elnätet", "Vätgasen", "Kompetensen", "Logistiken", "Tillstånden", "Energin"} {
			f.openSigning(title)
		}
		f.clock.set(at(16, 7, 5))
		a, b := f.job("replica-a"), f.job("replica-b")
		var wg sync.WaitGroup
		for _, j := range []*app.NotificationMailer{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run := j.SendPending
				if lease {
					run = j.Run
				}
				if _, err := run(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		got := f.byRecipient()
		// signer A and the secretariat: one mail per statement; signer B: one digest of all six.
		if len(got[f.signerA.Email]) != 6 || len(got[f.staff.Email]) != 6 || len(got[f.signerB.Email]) != 1 ||
			len(f.mail.Messages()) != 13 {
			t.Errorf("lease %v: %d mails: A %d, staff %d, B %d", lease, len(f.mail.Messages()), len(got[f.signerA.Email]),
				len(got[f.staff.Email]), len(got[f.signerB.Email]))
		}
		if lease {
			continue
		}
		seen := map[string]bool{}
		for _, m := range got[f.signerA.Email] {
			if seen[m.Subject] {
				t.Errorf("sent twice: %q", m.Subject)
			}
			seen[m.Subject] = true
		}
	}
}

// TestUnsubscribeLink: the link in a mail stops that kind for that user,
// without a login, and publishes one change; a forged or altered token
// changes nothing.
func TestUnsubscribeLink(t *testing.T) {
	t.Parallel()
	f := newMailFixture(t)
	ctx := context.Background()
	f.openSigning("Elnätet i norr")
	f.run(at(15, 10, 1))
	m := unsubscribeLink.FindStringSubmatch(f.byRecipient()[f.signerA.Email][0].Body)
	if m == nil {
		t.Fatal("no unsubscribe link")
	}
	token, err := url.QueryUnescape(m[1])
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.svc.Unsubscribes.Token(ctx, f.signerB.ID, app.NotifySigningOpened)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	forged := []string{
		"", "x", token + "x", strings.Replace(token, string(app.NotifySigningOpened), string(app.NotifyReminder), 1),
		f.signerB.ID + "." + parts[1] + "." + parts[2], // another user with this signature
		parts[0] + "." + parts[1] + "." + strings.Split(other, ".")[2],
		parts[0] + "." + parts[1] + ".AAAA",
		"000000000000000000000000." + parts[1] + "." + parts[2],
	}
	for _, bad := range forged {
		if _, err := f.svc.Unsubscribes.Unsubscribe(ctx, bad); app.ErrorCode(err) != app.EBADREQUEST {
			t.Errorf("token %q: %v, want bad request", bad, err)
		}
	}
	for _, u := range []*app.User{f.signerA, f.signerB} {
		if p, _ := f.svc.Notifications.Prefs(ctx, u); p.MailFor(app.NotifySigningOpened) != app.MailNow {
			t.Fatalf("a bad token changed %s's choice: %v", u.Name, p.Mail)
		}
	}
	un, err := f.svc.Unsubscribes.Check(ctx, token)
	if err != nil || un.User.ID != f.signerA.ID || un.Kind != app.NotifySigningOpened || un.Mode != app.MailNow {
		t.Fatalf("check: %+v %v", un, err)
	}
	if un, err = f.svc.Unsubscribes.Unsubscribe(ctx, token); err != nil || un.Mode != app.MailNone {
		t.Fatalf("unsubscribe: %+v %v", un, err)
	}
	p, _ := f.svc.Notifications.Prefs(ctx, f.signerA)
	if p.MailFor(app.NotifySigningOpened) != app.MailNone || p.MailFor(app.NotifyReminder) != app.MailNow || p.Language() != "sv" {
		t.Errorf("after unsubscribing: %+v", p)
	}
	f.openSigning("Vätgasen")
	f.run(at(15, 10, 5))
	if got := f.byRecipient()[f.signerA.Email]; len(got) != 1 {
		t.Errorf("after unsubscribing the signer got %d mails, want still 1", len(got))
	}
	if _, err = f.svc.Unsubscribes.Unsubscribe(ctx, token); err != nil { // again: nothing to change
		t.Errorf("second use: %v", err)
	}
}
