package app_test

import (
	"context"
	"io"
	"log/slog"
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
)

func TestDueReminders(t *testing.T) {
	t.Parallel()
	deadline := app.NewDate(2026, 10, 30) // a Friday
	c := &app.Consultation{ID: "c", Title: "T", Status: app.ConsultationDrafting, Deadline: deadline,
		DraftDue: app.NewDate(2026, 9, 1), SignaturesDue: app.NewDate(2026, 9, 2)} // milestones long past
	tests := []struct {
		today     app.Date
		threshold int // 0: none
	}{
		{app.NewDate(2026, 10, 15), 0},  // 11 working days left
		{app.NewDate(2026, 10, 16), 10}, // 10
		{app.NewDate(2026, 10, 17), 10}, // Saturday: still 10
		{app.NewDate(2026, 10, 20), 10}, // 8
		{app.NewDate(2026, 10, 23), 5},  // 5
		{app.NewDate(2026, 10, 27), 5},  // 3
		{app.NewDate(2026, 10, 29), 1},  // 1
		{app.NewDate(2026, 10, 30), 0},  // due today: too late to remind
		{app.NewDate(2026, 11, 2), 0},   // past
	}
	for _, tt := range tests {
		got := app.DueReminders([]*app.Consultation{c}, tt.today)
		switch {
		case tt.threshold == 0 && len(got) != 0, tt.threshold != 0 && (len(got) != 1 || got[0].DaysBefore != tt.threshold || got[0].Kind != app.DueDeadline):
			t.Errorf("%s: %+v, want threshold %d", tt.today, got, tt.threshold)
		}
	}
	c.Status = app.ConsultationSubmitted
	if got := app.DueReminders([]*app.Consultation{c}, app.NewDate(2026, 10, 16)); len(got) != 0 {
		t.Errorf("submitted consultation reminded: %+v", got)
	}
}

type reminderFixture struct {
	job     *app.ReminderJob
	mail    *smtptest.Server
	consult *app.Consultation
}

// newReminderFixture: a consultation with its deadline 10 working days
// away and its signatures due in 7, two staff, a member who may sign, one
// who may not, and an inactive secretary.
func newReminderFixture(t *testing.T) *reminderFixture {
	db := mongotest.MustOpenDB(t)
	ctx := context.Background()
	users := mongodb.NewUserStore(db)
	members := mongodb.NewMemberStore(db)
	m, err := app.NewMember("Skellefteå", "2482", "", time.Now())
	if err == nil {
		err = members.CreateMember(ctx, m)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []*app.User{ // no password: they never log in here
		{Email: "admin@example.se", Name: "Åke Admin", Role: app.RoleAdmin, Active: true},
		{Email: "kansli@example.se", Name: "Karin Kansli", Role: app.RoleSecretariat, Active: true},
		{Email: "kso@skelleftea.example", Name: "Sören Signer", Role: app.RoleMember, MemberID: m.ID, MaySign: true, Active: true},
		{Email: "nlc@skelleftea.example", Name: "Märta Medlem", Role: app.RoleMember, MemberID: m.ID, Active: true},
		{Email: "gammal@example.se", Name: "Gunnel Gammal", Role: app.RoleSecretariat},
	} {
		if err := users.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	consults := mongodb.NewConsultationStore(db)
	c := &app.Consultation{Title: "Remiss av Ds 2026:15 Gäldenärens avtal i konkurs", Reference: "Ju2026/01234",
		ReferenceKey: "JU2026/1234", Status: app.ConsultationDrafting, Deadline: app.NewDate(2026, 10, 30),
		DraftDue: app.NewDate(2026, 10, 16), SignaturesDue: app.NewDate(2026, 10, 27), CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := consults.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	srv := smtptest.Start(t)
	mailer, err := smtp.New(srv.URL(), "samsyn@example.se")
	if err != nil {
		t.Fatal(err)
	}
	job := &app.ReminderJob{Consultations: consults, Users: users, Log: mongodb.NewReminderStore(db),
		Leases: mongodb.NewLeaseStore(db), Mailer: mailer, BaseURL: "https://samsyn.example.se/",
		NetworkName: "Industrikommunerna", Clock: app.FixedClock{T: time.Date(2026, 10, 16, 6, 0, 0, 0, time.UTC)},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Holder: "test", LeaseTTL: time.Minute}
	job.Prefs = mongodb.NewNotificationStore(db)
	job.Unsubscribes = &app.Unsubscribes{Keys: mongodb.NewSessionStore(db), Store: job.Prefs, Users: users, Clock: job.Clock}
	return &reminderFixture{job: job, mail: srv, consult: c}
}

// TestReminderMailHonoursChoice: whoever chose in-app only for dates
// coming up gets no reminder by e-mail (and the reminder is not retried
// for them); the others' mails carry a link that stops them.
func TestReminderMailHonoursChoice(t *testing.T) {
	t.Parallel()
	f := newReminderFixture(t)
	ctx := context.Background()
	kansli, err := f.job.Users.UserByEmail(ctx, "kansli@example.se")
	if err != nil {
		t.Fatal(err)
	}
	p := &app.NotifyPrefs{UserID: kansli.ID, Lang: "sv", Mail: map[app.NotifyKind]app.MailMode{app.NotifyDeadline: app.MailNone}}
	if err := f.job.Prefs.SaveNotifyPrefs(ctx, p); err != nil {
		t.Fatal(err)
	}
	if sent, err := f.job.Run(ctx); err != nil || sent != 3 {
		t.Fatalf("sent %d (%v), want 3: the admin twice and the signer", sent, err)
	}
	if sent, err := f.job.Run(ctx); err != nil || sent != 0 {
		t.Fatalf("second run sent %d (%v)", sent, err)
	}
	for _, m := range f.mail.Messages() {
		if m.To[0] == "kansli@example.se" {
			t.Errorf("mailed although she chose in-app only: %q", m.Subject)
		}
		link := regexp.MustCompile(`https://samsyn\.example\.se/avregistrera\?t=(\S+)`).FindStringSubmatch(m.Body)
		if link == nil {
			t.Fatalf("no unsubscribe link:\n%s", m.Body)
		}
		if un, err := f.job.Unsubscribes.Check(ctx, link[1]); err != nil || un.Kind != app.NotifyDeadline || un.User.Email != m.To[0] {
			t.Errorf("link %q: %+v %v", link[1], un, err)
		}
	}
}

// twice runs f twice at the same moment.
func twice(t *testing.T, f func() (int, error)) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := f()
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}

// TestRemindersArriveOnce: the deadline reminder goes to the two active
// staff, the signatures-due one to them and the member who may sign —
// five e-mails, once, however often and concurrently the job runs.
func TestRemindersArriveOnce(t *testing.T) {
	t.Parallel()
	for name, run := range map[string]func(j *app.ReminderJob) func() (int, error){
		"with lease": func(j *app.ReminderJob) func() (int, error) {
			return func() (int, error) { return j.Run(context.Background()) }
		},
		"without lease": func(j *app.ReminderJob) func() (int, error) {
			return func() (int, error) { return j.SendDue(context.Background()) }
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := newReminderFixture(t)
			if sent := twice(t, run(f.job)); sent != 5 {
				t.Errorf("sent %d, want 5", sent)
			}
			if sent := twice(t, run(f.job)); sent != 0 {
				t.Errorf("second round sent %d", sent)
			}
			got := f.mail.Messages()
			if len(got) != 5 {
				t.Fatalf("%d e-mails arrived, want 5", len(got))
			}
			per := map[string][]string{}
			for _, m := range got {
				per[m.To[0]] = append(per[m.To[0]], m.Subject)
			}
			if len(per["admin@example.se"]) != 2 || len(per["kansli@example.se"]) != 2 || len(per["kso@skelleftea.example"]) != 1 ||
				len(per["nlc@skelleftea.example"]) != 0 || len(per["gammal@example.se"]) != 0 {
				t.Errorf("recipients %v", per)
			}
			if s := per["kso@skelleftea.example"][0]; s != "Påminnelse: underskrifter klara om 7 arbetsdagar – "+f.consult.Title {
				t.Errorf("subject %q", s)
			}
		})
	}
}

func TestReminderMailText(t *testing.T) {
	t.Parallel()
	f := newReminderFixture(t)
	if _, err := f.job.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, m := range f.mail.Messages() {
		if m.To[0] != "admin@example.se" || !strings.Contains(m.Subject, "sista svarsdag") {
			continue
		}
		for _, want := range []string{"Hej Åke Admin!", "Gäldenärens avtal i konkurs” (Ju2026/01234): fredag 30 oktober 2026 är sista svarsdag – om 10 arbetsdagar.",
			"https://samsyn.example.se/internt/remisser/" + f.consult.ID, "automatisk påminnelse från Industrikommunerna"} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("body lacks %q:\n%s", want, m.Body)
			}
		}
		return
	}
	t.Fatal("no deadline reminder to the admin")
}

// TestReminderPendingWithoutMail: what the dashboard lists when no mail
// server is configured.
func TestReminderPendingWithoutMail(t *testing.T) {
	t.Parallel()
	f := newReminderFixture(t)
	f.job.Mailer = nil
	due, err := f.job.Pending(context.Background())
	if err != nil || len(due) != 2 || due[0].Kind != app.DueSignatures || due[1].Kind != app.DueDeadline || due[1].WorkingDaysLeft != 10 {
		t.Fatalf("pending %+v %v", due, err)
	}
}
