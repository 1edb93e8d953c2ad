package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"time"
)

// CalendarFeed is a user's private iCalendar feed, fetched by calendar
// programs at /calendar/{token}.ics without a login. The token is derived
// from the feed's random nonce with the server's calendar key (HMAC), so
// that the store keeps only the token's SHA-256 for lookups and yet the
// feed's address can be shown again (GET /api/v1/me); a new nonce
// replaces the token, and deleting the feed revokes it.
type CalendarFeed struct {
	UserID    string
	Nonce     string
	TokenHash string // HashSecret(token)
	CreatedAt time.Time
}

// CalendarFeedStore keeps one feed per user. Lookups return ENOTFOUND.
type CalendarFeedStore interface {
	// SaveCalendarFeed creates the user's feed or replaces it.
	SaveCalendarFeed(ctx context.Context, f *CalendarFeed) error
	CalendarFeedOf(ctx context.Context, userID string) (*CalendarFeed, error)
	CalendarFeedByTokenHash(ctx context.Context, hash string) (*CalendarFeed, error)
	// DeleteCalendarFeed revokes the user's feed; none is no error.
	DeleteCalendarFeed(ctx context.Context, userID string) error
	// CalendarKey returns the server's secret key for feed tokens,
	// creating it on first use (the same for every replica).
	CalendarKey(ctx context.Context) ([]byte, error)
}

// Calendars manages the private feeds and says what is in them.
type Calendars struct {
	Feeds         CalendarFeedStore
	Users         UserStore
	Consultations ConsultationStore
	Clock         Clock
}

// calendarTokenRE is the shape of a feed token: 64 hex digits.
var calendarTokenRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (c *Calendars) token(ctx context.Context, f *CalendarFeed) (string, error) {
	key, err := c.Feeds.CalendarKey(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(f.UserID + "\x00" + f.Nonce))
	return hex.EncodeToString(m.Sum(nil)), nil
}

// Create gives u a new feed token, revoking any earlier one.
func (c *Calendars) Create(ctx context.Context, u *User) (string, error) {
	f := &CalendarFeed{UserID: u.ID, Nonce: RandomToken(16), CreatedAt: c.Clock.Now()}
	tok, err := c.token(ctx, f)
	if err != nil {
		return "", err
	}
	f.TokenHash = HashSecret(tok)
	if err := c.Feeds.SaveCalendarFeed(ctx, f); err != nil {
		return "", err
	}
	return tok, nil
}

// Token returns u's current feed token, or ENOTFOUND when u has none.
func (c *Calendars) Token(ctx context.Context, u *User) (string, error) {
	f, err := c.Feeds.CalendarFeedOf(ctx, u.ID)
	if err != nil {
		return "", err
	}
	return c.token(ctx, f)
}

// Revoke ends u's feed.
func (c *Calendars) Revoke(ctx context.Context, u *User) error {
	return c.Feeds.DeleteCalendarFeed(ctx, u.ID)
}

// UserOf returns the active user whose feed token this is; anything else
// is ENOTFOUND (an unknown, revoked or malformed token, or a deactivated
// user), so that none can be told apart.
func (c *Calendars) UserOf(ctx context.Context, token string) (*User, error) {
	notFound := Errorf(ENOTFOUND, "error.calendar.not_found")
	if !calendarTokenRE.MatchString(token) {
		return nil, notFound
	}
	f, err := c.Feeds.CalendarFeedByTokenHash(ctx, HashSecret(token))
	if err != nil {
		return nil, notFoundAs(err, notFound)
	}
	u, err := c.Users.UserByID(ctx, f.UserID)
	switch {
	case err != nil:
		return nil, notFoundAs(err, notFound)
	case !u.Active:
		return nil, notFound
	}
	return u, nil
}

// CalendarEvent is one all-day event of a feed.
type CalendarEvent struct {
	UID         string // stable across fetches
	On          Date
	Kind        DeadlineKind
	Summary     string // Swedish
	Description string
	Path        string // of the item, on this site
}

// calendarSummary names each kind of date in Swedish.
var calendarSummary = map[DeadlineKind]string{
	DueDraft:      "Utkast klart",
	DueSignatures: "Underskrifter klara",
	DueDeadline:   "Sista svarsdag",
}

// CalendarPast is how far back a feed reaches, in days.
const CalendarPast = 90

// CalendarEvents lists the deadlines and milestones of the consultations
// u takes part in, from CalendarPast days ago on. The rule for now: staff
// take part in every open consultation, and so do members — every member
// may join any joint answer until a consultation is answered or declined.
// Without milestones only the deadlines are listed (for a public feed).
func CalendarEvents(cs []*Consultation, today Date, milestones bool) []CalendarEvent {
	from := today.AddDays(-CalendarPast)
	var out []CalendarEvent
	for _, it := range UpcomingDeadlines(cs, nil, from, CalendarPast+MaxDeadlineWindow) {
		if !milestones && it.Kind != DueDeadline {
			continue
		}
		ev := CalendarEvent{UID: it.ConsultationID + "-" + string(it.Kind) + "@samsyn", On: it.On, Kind: it.Kind,
			Summary: calendarSummary[it.Kind] + ": " + it.Title, Path: "/internt/remisser/" + it.ConsultationID}
		ev.Description = it.Title
		if it.Reference != "" {
			ev.Description += " (" + it.Reference + ")"
		}
		out = append(out, ev)
	}
	return out
}

// Events lists the events of u's private feed (see CalendarEvents).
func (c *Calendars) Events(ctx context.Context, u *User) ([]CalendarEvent, error) {
	cs, _, err := c.Consultations.ListConsultations(ctx, ConsultationFilter{})
	if err != nil {
		return nil, err
	}
	return CalendarEvents(cs, DateOf(c.Clock.Now()), true), nil
}
