package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/smtp"
	"github.com/samsyn/samsyn/app/smtp/smtptest"
)

// newPassword is a password the rules accept, other than testPassword.
const newPassword = "gurka segelbåt trumpet kvarn"

// shiftClock is the real clock moved forward by a settable amount.
type shiftClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *shiftClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return app.SystemClock{}.Now().Add(c.off)
}

func (c *shiftClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// mailFixture is the fixture with a real SMTP server catching the mail
// and a clock the test moves.
type mailFixture struct {
	*fixture
	mail  *smtptest.Server
	clock *shiftClock
	csrf  string // the anonymous visitor's CSRF token
}

func newMailFixture(t *testing.T) *mailFixture {
	return withMail(newFixture(t))
}

func withMail(f *fixture) *mailFixture {
	f.t.Helper()
	srv := smtptest.Start(f.t)
	mailer, err := smtp.New(srv.URL(), "samsyn@example.se")
	if err != nil {
		f.t.Fatal(err)
	}
	m := &mailFixture{fixture: f, mail: srv, clock: &shiftClock{}}
	f.srv.SetMailerForTest(mailer)
	f.srv.SetClockForTest(m.clock)
	f.accounts.Clock = m.clock
	m.csrf = anonCSRFToken(f)
	return m
}

// anonCSRFToken reads the anonymous CSRF token the forgot-password page
// sets, checking that cookie and form field agree.
func anonCSRFToken(f *fixture) string {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: "/glomt-losenord"})
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "samsyn_csrf" {
			cookie = c.Value
		}
	}
	field, _ := mustDoc(f.t, resp).Find(`input[name=_csrf]`).Attr("value")
	if cookie == "" || cookie != field {
		f.t.Fatalf("forgot-password page CSRF: cookie %q, field %q", cookie, field)
	}
	return cookie
}

// postForm posts an HTML form anonymously, with the CSRF token.
func (m *mailFixture) postForm(path string, form url.Values) *http.Response {
	m.t.Helper()
	form.Set("_csrf", m.csrf)
	return m.do(request{method: "POST", path: path, body: form.Encode(), contentType: "application/x-www-form-urlencoded",
		headers: map[string]string{"Cookie": "samsyn_csrf=" + m.csrf, "Accept": "text/html"}})
}

// requestReset asks for a reset link and waits until the server has done
// what it does after answering.
func (m *mailFixture) requestReset(email string) *http.Response {
	m.t.Helper()
	resp := m.postForm("/glomt-losenord", url.Values{"email": {email}})
	m.srv.WaitBackgroundForTest()
	return resp
}

// setPassword posts a new password (twice, as the form asks) to a link.
func (m *mailFixture) setPassword(link, pw string) *http.Response {
	m.t.Helper()
	return m.postForm(link, url.Values{"password": {pw}, "password_confirm": {pw}})
}

var linkRe = regexp.MustCompile(`http://localhost:8080(/(?:aterstall|inbjudan)/[0-9a-f]{64})\b`)

// lastLink returns the path of the link in the last mail to addr.
func (m *mailFixture) lastLink(addr string) string {
	m.t.Helper()
	msgs := m.mail.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if slices.Contains(msgs[i].To, addr) {
			if l := linkRe.FindStringSubmatch(msgs[i].Body); l != nil {
				return l[1]
			}
			m.t.Fatalf("mail to %s has no link:\n%s", addr, msgs[i].Body)
		}
	}
	m.t.Fatalf("no mail to %s among %d", addr, len(msgs))
	return ""
}

// status makes a request and returns only its status.
func (f *fixture) status(r request) int {
	f.t.Helper()
	resp := f.do(r)
	resp.Body.Close()
	return resp.StatusCode
}

// linkDocs reads the stored account links as they are.
func linkDocs(t *testing.T, db *mongodb.DB) []bson.Raw {
	t.Helper()
	var out []bson.Raw
	err := db.DumpCollection(context.Background(), "account_links", func(r bson.Raw) error {
		out = append(out, append(bson.Raw(nil), r...))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// userAudit lists the audit events about a user but for logins, sorted
// (events of one request may share a millisecond): "action by actor, …".
func userAudit(t *testing.T, f *fixture, userID string) string {
	t.Helper()
	events, _, err := mongodb.NewAuditLog(f.db).ListAudit(t.Context(), app.AuditFilter{EntityType: "user", EntityID: userID})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		if e.Action != "auth.login" {
			out = append(out, e.Action+" by "+e.ActorID)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func mustMailer(t *testing.T, url string) app.Mailer {
	t.Helper()
	m, err := smtp.New(url, "samsyn@example.se")
	if err != nil {
		t.Fatal(err)
	}
	return m
}
