package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/web"
)

type meAnswer struct {
	Email       string  `json:"email"`
	CalendarURL *string `json:"calendar_url"`
}

func (f *fixture) calConsultation(c *app.Consultation) *app.Consultation {
	f.t.Helper()
	c.CreatedAt, c.UpdatedAt = time.Now(), time.Now()
	if err := mongodb.NewConsultationStore(f.db).CreateConsultation(context.Background(), c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

// feed fetches a feed by its URL's path; it returns the status and body.
func (f *fixture) calFeed(url string) (int, []byte) {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: strings.TrimPrefix(url, "http://localhost:8080")})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestCalendarFeed: a user's private feed, read back with a kept iCal
// parser, has every milestone and deadline of the open consultations as
// all-day events on their Stockholm dates, is valid RFC 5545 text, and
// stops working when revoked or re-created.
func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	year := time.Now().Year() + 1
	open := f.calConsultation(&app.Consultation{Title: `Remiss av "Ds ` + "2026:15\" Gäldenärens avtal; konkurs, ackord \\ annat – en lång rubrik som måste radbrytas i kalendern",
		Reference: "Ju2026/01234", ReferenceKey: "JU2026/1234", Status: app.ConsultationDrafting,
		Deadline: app.NewDate(year, 10, 30), DraftDue: app.NewDate(year, 10, 16), SignaturesDue: app.NewDate(year, 10, 27)})
	f.calConsultation(&app.Consultation{Title: "Besvarad remiss", Reference: "Fi2026/1", ReferenceKey: "FI2026/1",
		Status: app.ConsultationSubmitted, Deadline: app.NewDate(year, 9, 1)})

	me := decode[meAnswer](t, f.do(request{method: "GET", path: "/api/v1/me", role: "memberA"}))
	if me.Email != "nlc@skelleftea.example" || me.CalendarURL != nil {
		t.Fatalf("me before a feed: %+v", me)
	}
	created := decode[struct {
		CalendarURL string `json:"calendar_url"`
	}](t, f.do(request{method: "POST", path: "/api/v1/me/calendar", body: "{}", role: "memberA"}))
	url := created.CalendarURL
	if !strings.HasPrefix(url, "http://localhost:8080/calendar/") || !strings.HasSuffix(url, ".ics") {
		t.Fatalf("calendar url %q", url)
	}
	if me = decode[meAnswer](t, f.do(request{method: "GET", path: "/api/v1/me", role: "memberA"})); me.CalendarURL == nil || *me.CalendarURL != url {
		t.Fatalf("me after creating: %+v", me)
	}

	status, body := f.calFeed(url)
	if status != 200 {
		t.Fatalf("feed: %d %s", status, body)
	}
	checkRFC5545Text(t, body)
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]app.Date{
		open.ID + "-draft_due@samsyn":      app.NewDate(year, 10, 16),
		open.ID + "-signatures_due@samsyn": app.NewDate(year, 10, 27),
		open.ID + "-deadline@samsyn":       app.NewDate(year, 10, 30),
	}
	events := cal.Events()
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d:\n%s", len(events), len(want), body)
	}
	for _, ev := range events {
		day, ok := want[ev.Id()]
		if !ok {
			t.Errorf("unexpected event %s", ev.Id())
			continue
		}
		start := ev.GetProperty(ics.ComponentPropertyDtStart)
		if v := start.ICalParameters["VALUE"]; len(v) != 1 || v[0] != "DATE" {
			t.Errorf("%s: DTSTART %+v is not a date", ev.Id(), start)
		}
		got, err := ev.GetAllDayStartAt()
		if err != nil || got.Format(time.DateOnly) != day.String() {
			t.Errorf("%s: starts %v (%v), want %s", ev.Id(), got, err, day)
		}
		end, err := ev.GetAllDayEndAt()
		if err != nil || end.Format(time.DateOnly) != day.AddDays(1).String() {
			t.Errorf("%s: ends %v (%v)", ev.Id(), end, err)
		}
		summary := ics.FromText(ev.GetProperty(ics.ComponentPropertySummary).Value)
		if !strings.HasSuffix(summary, open.Title) {
			t.Errorf("summary %q", summary)
		}
	}
	if s := ics.FromText(findEvent(events, open.ID+"-deadline@samsyn").GetProperty(ics.ComponentPropertySummary).Value); !strings.HasPrefix(s, "Sista svarsdag: ") {
		t.Errorf("deadline summary %q", s)
	}

	// Re-creating replaces the address; revoking ends it.
	again := decode[struct {
		CalendarURL string `json:"calendar_url"`
	}](t, f.do(request{method: "POST", path: "/api/v1/me/calendar", body: "{}", role: "memberA"}))
	if st, _ := f.calFeed(url); st != 404 || again.CalendarURL == url {
		t.Fatalf("old address after re-creating: %d", st)
	}
	if st, _ := f.calFeed(again.CalendarURL); st != 200 {
		t.Fatalf("new address: %d", st)
	}
	f.do(request{method: "DELETE", path: "/api/v1/me/calendar", body: "{}", role: "memberA"}).Body.Close()
	if st, _ := f.calFeed(again.CalendarURL); st != 404 {
		t.Fatalf("revoked address: %d", st)
	}
	if me = decode[meAnswer](t, f.do(request{method: "GET", path: "/api/v1/me", role: "memberA"})); me.CalendarURL != nil {
		t.Fatalf("me after revoking: %+v", me)
	}
}

func findEvent(evs []*ics.VEvent, id string) *ics.VEvent {
	for _, e := range evs {
		if e.Id() == id {
			return e
		}
	}
	return &ics.VEvent{}
}

// checkRFC5545Text checks the line format: CRLF line ends, lines of at
// most 75 octets, continuation lines starting with a space, and the text
// of SUMMARY escaped.
func checkRFC5545Text(t *testing.T, body []byte) {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("END:VCALENDAR\r\n")) || !bytes.HasPrefix(body, []byte("BEGIN:VCALENDAR\r\n")) {
		t.Fatalf("not a calendar:\n%s", body)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n")
	folded := false
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") || len(l) > 75 {
			t.Errorf("bad line (%d octets): %q", len(l), l)
		}
		folded = folded || strings.HasPrefix(l, " ")
	}
	if !folded {
		t.Error("no long line was folded")
	}
	unfolded := strings.ReplaceAll(string(body), "\r\n ", "")
	if !strings.Contains(unfolded, `Gäldenärens avtal\; konkurs\, ackord \\ annat`) {
		t.Errorf("SUMMARY not escaped:\n%s", unfolded)
	}
	for _, p := range []string{"VERSION:2.0", "PRODID:", "DTSTART;VALUE=DATE:", "DTSTAMP:", "UID:"} {
		if !strings.Contains(unfolded, p) {
			t.Errorf("no %s", p)
		}
	}
}

// TestCalendarTokenNotLogged: the feed's request is logged by its route
// pattern; the token appears nowhere in the log.
func TestCalendarTokenNotLogged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var logBuf lockedBuffer
	cal := decode[struct {
		CalendarURL string `json:"calendar_url"`
	}](t, f.do(request{method: "POST", path: "/api/v1/me/calendar", body: "{}", role: "admin"}))
	token := strings.TrimSuffix(strings.TrimPrefix(cal.CalendarURL, "http://localhost:8080/calendar/"), ".ics")
	srv := newLoggedServer(t, f, &logBuf)
	for _, path := range []string{"/calendar/" + token + ".ics", "/calendar/" + strings.Repeat("a", 64) + ".ics"} {
		resp, err := srv.App().Test(httptestRequest("GET", path), -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	log := logBuf.String()
	if strings.Contains(log, token) || strings.Contains(log, strings.Repeat("a", 64)) || !strings.Contains(log, "/calendar/:token.ics") {
		t.Fatalf("log:\n%s", log)
	}
}

// newLoggedServer is a second server on f's database that logs to w.
func newLoggedServer(t *testing.T, f *fixture, w io.Writer) *web.Server {
	t.Helper()
	db := f.db
	srv, err := web.New(web.Deps{Services: newServices(db, w), Ready: db.Ping,
		Logger: slog.New(slog.NewTextHandler(w, nil)), Registry: prometheus.NewRegistry()}, web.Config{BaseURL: "http://localhost:8080", NetworkName: "N",
		BodyLimit: 1 << 20, RequestTimeout: 10 * time.Second, LoginLimit: 5, LoginWindow: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func httptestRequest(method, path string) *http.Request {
	return httptest.NewRequest(method, path, nil)
}

// TestImportAndCalendarPagesRender renders the new pages in both languages.
func TestImportAndCalendarPagesRender(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.do(request{method: "POST", path: "/api/v1/me/calendar", body: "{}", role: "signerA"}).Body.Close()
	for _, p := range []struct{ path, role string }{{"/admin/import", "secretariat"}, {"/internt/kalender", "memberA"}, {"/internt/kalender", "signerA"}} {
		for _, lang := range []string{"sv", "en"} {
			resp := f.do(request{method: "GET", path: p.path + "?lang=" + lang, role: p.role, headers: map[string]string{"Accept": "text/html"}})
			doc := mustDoc(t, resp)
			if resp.StatusCode != 200 || doc.Find("h1").Length() != 1 || doc.Find("main#innehall").Length() != 1 {
				t.Errorf("%s (%s): %d", p.path, lang, resp.StatusCode)
			}
			if k := untranslated.FindString(doc.Find("body").Text()); k != "" || strings.Contains(doc.Find("body").Text(), "import.") || strings.Contains(doc.Find("body").Text(), "calendar.") {
				t.Errorf("%s (%s): untranslated key %q", p.path, lang, k)
			}
		}
	}
	doc := mustDoc(t, f.do(request{method: "GET", path: "/internt/kalender", role: "signerA", headers: map[string]string{"Accept": "text/html"}}))
	if v, _ := doc.Find("#f-feed").Attr("value"); !strings.HasPrefix(v, "http://localhost:8080/calendar/") {
		t.Errorf("feed address on the page: %q", v)
	}
}
