package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
)

// ReminderDays are the thresholds, in Swedish working days before a
// milestone or deadline, at which the people concerned are reminded.
var ReminderDays = []int{10, 5, 1}

// Reminder is one reminder of one date of one consultation. Its key
// (ConsultationID, Kind, Due, DaysBefore) is unique in the ReminderLog:
// whoever records it first sends it. Due is part of the key so that a
// moved deadline is reminded of again.
type Reminder struct {
	ConsultationID  string
	Kind            DeadlineKind
	Due             Date
	DaysBefore      int // the threshold reached: 10, 5 or 1
	WorkingDaysLeft int
	Title           string
	Reference       string
	Path            string // the consultation's page on this site
}

// DueReminders returns the reminders due on today: for each milestone and
// deadline of an open consultation, the smallest threshold of ReminderDays
// that the working days left have reached (1 ≤ left ≤ threshold). A day the
// job did not run is caught up by the next threshold, never sent late.
func DueReminders(cs []*Consultation, today Date) []Reminder {
	var out []Reminder
	for _, it := range UpcomingDeadlines(cs, nil, today, MaxDeadlineWindow) {
		left := it.WorkingDaysLeft
		threshold := 0
		for _, d := range ReminderDays {
			if left >= 1 && left <= d && (threshold == 0 || d < threshold) {
				threshold = d
			}
		}
		if threshold == 0 {
			continue
		}
		out = append(out, Reminder{ConsultationID: it.ConsultationID, Kind: it.Kind, Due: it.On,
			DaysBefore: threshold, WorkingDaysLeft: left, Title: it.Title, Reference: it.Reference,
			Path: "/internt/remisser/" + it.ConsultationID})
	}
	return out
}

// Concerns reports whether u is to be reminded of r: the staff of every
// date, and members who may sign of the signatures-due date.
func (r *Reminder) Concerns(u *User) bool {
	if !u.Active {
		return false
	}
	return u.IsStaff() || (r.Kind == DueSignatures && u.Role == RoleMember && u.MaySign)
}

// ReminderLog records the reminders sent.
type ReminderLog interface {
	// ClaimReminder records r before it is sent; ECONFLICT when it was
	// recorded already (by another run or replica), which then sends it.
	ClaimReminder(ctx context.Context, r *Reminder, at time.Time) error
	// ReleaseReminder forgets a claim whose sending failed, so that a
	// later run tries again.
	ReleaseReminder(ctx context.Context, r *Reminder) error
}

// LeaseStore hands out named leases: one holder at a time until expiry.
type LeaseStore interface {
	// AcquireLease takes or renews the lease name for holder until until,
	// when it is free, expired at now, or held by holder already.
	AcquireLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	// ReleaseLease gives the lease up if holder holds it.
	ReleaseLease(ctx context.Context, name, holder string) error
}

// ReminderJob sends the reminders that are due, once each, even with
// several replicas running it.
type ReminderJob struct {
	Consultations ConsultationStore
	Users         UserStore
	Log           ReminderLog
	Leases        LeaseStore
	Mailer        Mailer  // nil without a mail server: in-app notifications only
	Events        *Events // hears of each reminder claimed (notifications)
	BaseURL       string  // e.g. https://samsyn.example.se
	NetworkName   string
	Clock         Clock
	Logger        *slog.Logger
	Holder        string        // this replica's name for the lease
	LeaseTTL      time.Duration // how long one run may hold the lease

	// Prefs, when set, hold users' choices: whoever chose in-app only for
	// dates coming up (NotifyDeadline) is not reminded by e-mail.
	Prefs NotificationStore
	// Unsubscribes, when set, signs the link in each mail that stops
	// e-mail of dates coming up.
	Unsubscribes *Unsubscribes
}

// NewLeaseHolder names this process for a lease: its host, process id and
// a random part, so that two processes never share a name.
func NewLeaseHolder() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), RandomToken(4))
}

// LeaseName is the lease the reminder runs share.
const LeaseName = "reminders"

// Pending lists the reminders due today, whether sent or not: what the
// dashboard shows when no mail server is configured.
func (j *ReminderJob) Pending(ctx context.Context) ([]Reminder, error) {
	cs, _, err := j.Consultations.ListConsultations(ctx, ConsultationFilter{})
	if err != nil {
		return nil, err
	}
	return DueReminders(cs, DateOf(j.Clock.Now())), nil
}

// Run sends what is due if this replica gets the lease; it returns how
// many e-mails it sent.
func (j *ReminderJob) Run(ctx context.Context) (int, error) {
	return j.lease().run(ctx, j.SendDue)
}

// RunEvery runs the job at once and then every interval until ctx ends,
// logging what it sent and why a run failed.
func (j *ReminderJob) RunEvery(ctx context.Context, interval time.Duration) {
	j.lease().every(ctx, interval, j.Run)
}

func (j *ReminderJob) lease() leased {
	return leased{leases: j.Leases, name: LeaseName, holder: j.Holder, ttl: j.LeaseTTL, clock: j.Clock, log: j.Logger}
}

// SendDue sends every reminder due today that no one has claimed yet. The
// claim is recorded before sending, so a reminder goes out at most once;
// if no recipient could be reached the claim is released for a retry.
func (j *ReminderJob) SendDue(ctx context.Context) (int, error) {
	due, err := j.Pending(ctx)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	users, _, err := j.Users.ListUsers(ctx, UserFilter{})
	if err != nil {
		return 0, err
	}
	sent := 0
	for i := range due {
		n, err := j.send(ctx, &due[i], users)
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

func (j *ReminderJob) send(ctx context.Context, r *Reminder, users []*User) (int, error) {
	var to []*User
	for _, u := range users {
		if r.Concerns(u) {
			to = append(to, u)
		}
	}
	if len(to) == 0 {
		return 0, nil
	}
	switch err := j.Log.ClaimReminder(ctx, r, j.Clock.Now()); {
	case ErrorCode(err) == ECONFLICT:
		return 0, nil
	case err != nil:
		return 0, err
	}
	mailTo, err := j.mailTo(ctx, to)
	if err != nil {
		return 0, errors.Join(err, j.Log.ReleaseReminder(ctx, r))
	}
	if len(mailTo) == 0 {
		j.announce(ctx, r)
		return 0, nil
	}
	sent := 0
	var errs []error
	for _, u := range mailTo {
		m, err := j.mail(ctx, r, u)
		if err == nil {
			err = j.Mailer.Send(ctx, m)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("to user %s: %w", u.ID, err))
			continue
		}
		sent++
	}
	if len(errs) > 0 {
		j.Logger.Warn("reminder not delivered to everyone", "consultation_id", r.ConsultationID,
			"kind", r.Kind, "failed", len(errs), "sent", sent, "err", errors.Join(errs...))
	}
	if sent == 0 {
		return 0, j.Log.ReleaseReminder(ctx, r)
	}
	j.announce(ctx, r)
	return sent, nil
}

// mailTo are those of to who are to be reminded by e-mail at once: none
// without a mail server, and not those who chose in-app only or the daily
// digest for dates coming up (the digest then carries the reminder).
func (j *ReminderJob) mailTo(ctx context.Context, to []*User) ([]*User, error) {
	if j.Mailer == nil {
		return nil, nil
	}
	if j.Prefs == nil {
		return to, nil
	}
	var out []*User
	for _, u := range to {
		p, err := j.Prefs.NotifyPrefs(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		if p.MailFor(NotifyDeadline) == MailNow {
			out = append(out, u)
		}
	}
	return out, nil
}

// announce publishes the reminder claimed, once, for the in-app
// notifications (the e-mails, if any, are sent by the job itself).
func (j *ReminderJob) announce(ctx context.Context, r *Reminder) {
	publish(ctx, j.Events, j.Clock, nil, "consultation.milestone", Subject{"consultation", r.ConsultationID},
		string(r.Kind), strconv.Itoa(r.WorkingDaysLeft), r.Due.String())
}

// reminderWhat names each date in Swedish, as in "… är sista svarsdag".
var reminderWhat = map[DeadlineKind]string{
	DueDraft:      "ska utkastet till svar vara klart",
	DueSignatures: "ska underskrifterna vara klara",
	DueDeadline:   "är sista svarsdag",
}

var reminderSubject = map[DeadlineKind]string{
	DueDraft:      "utkast klart",
	DueSignatures: "underskrifter klara",
	DueDeadline:   "sista svarsdag",
}

// mail writes the reminder to u, in Swedish.
func (j *ReminderJob) mail(ctx context.Context, r *Reminder, u *User) (*Mail, error) {
	days := fmt.Sprintf("%d arbetsdagar", r.WorkingDaysLeft)
	if r.WorkingDaysLeft == 1 {
		days = "1 arbetsdag"
	}
	ref := ""
	if r.Reference != "" {
		ref = " (" + r.Reference + ")"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Hej %s!\n\n", u.Name)
	fmt.Fprintf(&b, "Remissen ”%s”%s: %s %s – om %s.\n\n", r.Title, ref,
		SwedishDate(r.Due), reminderWhat[r.Kind], days)
	fmt.Fprintf(&b, "Läs mer och arbeta med svaret här:\n%s%s\n\n", strings.TrimSuffix(j.BaseURL, "/"), r.Path)
	fmt.Fprintf(&b, "Det här är en automatisk påminnelse från %s.\n", j.NetworkName)
	unsub := ""
	if j.Unsubscribes != nil {
		tok, err := j.Unsubscribes.Token(ctx, u.ID, NotifyDeadline)
		if err != nil {
			return nil, err
		}
		unsub = strings.TrimSuffix(j.BaseURL, "/") + "/avregistrera?t=" + tok
		fmt.Fprintf(&b, "Sluta få påminnelser om datum per e-post:\n%s\n", unsub)
	}
	return &Mail{To: u.Email, ToName: u.Name, Body: b.String(), Unsubscribe: unsub,
		Subject: fmt.Sprintf("Påminnelse: %s om %s – %s", reminderSubject[r.Kind], days, r.Title)}, nil
}

var swedishMonths = [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "december"}

var swedishWeekdays = [...]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}

// SwedishDate writes a date as Swedes read it: "fredag 30 oktober 2026".
func SwedishDate(d Date) string {
	return fmt.Sprintf("%s %d %s %d", swedishWeekdays[d.Weekday()], d.Day(), swedishMonths[d.Month()-1], d.Year())
}
