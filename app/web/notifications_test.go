package web_test

import (
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

type notificationJSON struct {
	ID, Kind, Title, Body, URL string
	ReadAt                     *string `json:"read_at"`
}

type notificationsJSON struct {
	Items  []notificationJSON
	Total  int
	Unread int
}

func (f *fixture) notifications(role, query string) notificationsJSON {
	f.t.Helper()
	var out notificationsJSON
	mustUnmarshal(f.t, string(openAPICall(f.t, f, openAPIValidator(f.t), 200, role, "GET", "/api/v1/notifications"+query, "")), &out)
	return out
}

func (f *fixture) page(role, path string) (int, string) {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: path, role: role})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestNotificationsAPI: opening signing tells the member's signer in
// Swedish, as the OpenAPI document says; marking read works on one's own
// notifications only; a body with both or neither of ids and all is 422.
func TestNotificationsAPI(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Öppet brev om älvdalarna")
	got := f.notifications("signerA", "?unread=true")
	if got.Unread != 1 || got.Total != 1 || got.Items[0].Kind != "signing_opened" || got.Items[0].ReadAt != nil ||
		got.Items[0].Title != "Dags att besluta: ”Öppet brev om älvdalarna”" || got.Items[0].URL != "/internt/stallningstaganden/"+st.ID+"/signering" {
		t.Fatalf("signer's notifications %+v", got)
	}
	if n := f.notifications("memberA", ""); n.Total != 0 {
		t.Errorf("a member who may not sign was told: %+v", n)
	}
	admin := f.notifications("admin", "")
	if admin.Total != 1 {
		t.Fatalf("admin's notifications %+v", admin)
	}
	// The signer cannot mark the admin's notification read.
	var out struct{ Marked, Unread int }
	mustUnmarshal(t, string(openAPICall(t, f, openAPIValidator(t), 200, "signerA", "POST", "/api/v1/notifications/read",
		`{"ids":["`+admin.Items[0].ID+`","inte-ett-id"]}`)), &out)
	if out.Marked != 0 || out.Unread != 1 || f.notifications("admin", "?unread=true").Unread != 1 {
		t.Errorf("marking another's notification: %+v", out)
	}
	mustUnmarshal(t, string(openAPICall(t, f, openAPIValidator(t), 200, "signerA", "POST", "/api/v1/notifications/read",
		`{"ids":["`+got.Items[0].ID+`"]}`)), &out)
	if out.Marked != 1 || out.Unread != 0 {
		t.Errorf("marking one's own: %+v", out)
	}
	if n := f.notifications("signerA", "?unread=true"); n.Total != 0 || n.Unread != 0 {
		t.Errorf("after reading: %+v", n)
	}
	if n := f.notifications("signerA", ""); n.Total != 1 || n.Items[0].ReadAt == nil {
		t.Errorf("a read notification stays listed: %+v", n)
	}
	for _, body := range []string{`{"ids":["x"],"all":true}`, `{}`, `{"ids":"x"}`, `{"all":"ja"}`} {
		status, answer := f.call("admin", "POST", "/api/v1/notifications/read", body)
		if status != 422 && status != 400 {
			t.Errorf("%s: %d %s", body, status, answer)
		}
	}
	if f.notifications("admin", "?unread=true").Unread != 1 {
		t.Error("a refused request marked something read")
	}
}

// TestDeskByRole: /oversikt tells a signer what awaits their decision, with
// the warning that their municipality has no meeting before the sign-by
// date; a member who may not sign who can; the secretariat its watch. The
// bell counts unread notifications; nobody sees others' logins.
func TestDeskByRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Uttalande om stålindustrin")
	_, signer := f.page("signerA", "/oversikt")
	awaiting, rest, _ := strings.Cut(signer, "Kommentarer som väntar på dig")
	for _, want := range []string{"Väntar på ditt beslut", "Uttalande om stålindustrin", "/internt/stallningstaganden/" + st.ID + "/signering",
		"inget sammanträde inlagt", `class="bell"`, `<span class="count">1</span>`} {
		if !strings.Contains(awaiting, want) {
			t.Errorf("signer's desk lacks %q", want)
		}
	}
	if strings.Contains(rest, "Vem i din kommun kan skriva under") {
		t.Error("a signer is told who may sign")
	}
	_, member := f.page("memberA", "/oversikt")
	for _, want := range []string{"Vem i din kommun kan skriva under", "Sören Signer (KSO)", "Utkast du deltar i"} {
		if !strings.Contains(member, want) {
			t.Errorf("member's desk lacks %q", want)
		}
	}
	if strings.Contains(member, "Väntar på ditt beslut") || strings.Contains(member, "loggade in") {
		t.Error("a member's desk shows what is not theirs")
	}
	_, staff := f.page("secretariat", "/oversikt")
	for _, want := range []string{"Dagens bevakning", "Väntar på medlemmarnas beslut", "Uttalande om stålindustrin", "Nya remisser"} {
		if !strings.Contains(staff, want) {
			t.Errorf("secretariat's desk lacks %q", want)
		}
	}
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	_, signer = f.page("signerA", "/oversikt")
	if awaiting, _, _ := strings.Cut(signer, "Kommentarer som väntar på dig"); strings.Contains(awaiting, "Uttalande om stålindustrin") {
		t.Error("a decided text still awaits the signer")
	}
}

// TestRemindPage: "Påminn" names whom it reached and how (in the app only,
// without a mail server), lists the members with no one who may sign apart,
// and refuses a second reminder the same working day.
func TestRemindPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Påminn om åtagandet")
	path := "/internt/stallningstaganden/" + st.ID + "/paminn"
	resp := f.do(request{method: "POST", path: path, role: "secretariat", body: url.Values{}.Encode(),
		contentType: "application/x-www-form-urlencoded"})
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if resp.StatusCode != 200 {
		t.Fatalf("remind: %d", resp.StatusCode)
	}
	for _, want := range []string{"Påminnelsen gick till", "Skellefteå", "Sören Signer (i Samsyn)", "ingen användare som får skriva under", "Oxelösund"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, "e-post") && strings.Contains(page, "i Samsyn och per e-post") {
		t.Error("the page claims an e-mail without a mail server")
	}
	if n := f.notifications("signerA", "?unread=true"); n.Unread != 2 || n.Items[0].Kind != "reminder" {
		t.Errorf("the signer's notifications %+v", n)
	}
	if n := f.notifications("memberB", ""); n.Total != 0 {
		t.Errorf("a member of another municipality was told: %+v", n)
	}
	resp = f.do(request{method: "POST", path: path, role: "admin", contentType: "application/x-www-form-urlencoded"})
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 409 || !strings.Contains(string(b), "redan påmints i dag") {
		t.Errorf("second reminder: %d", resp.StatusCode)
	}
	var api struct{ Error struct{ Code string } }
	_, answer := f.call("admin", "POST", "/api/v1/statements/"+st.ID+"/remind", "{}")
	_ = json.Unmarshal([]byte(answer), &api)
	if api.Error.Code != "conflict" {
		t.Errorf("API second reminder: %s", answer)
	}
}

// TestFollowForm: following an issue from its page, and stopping, shows
// on the page; an unknown subject type or a missing issue is refused and
// follows nothing.
func TestFollowForm(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var issue struct{ ID string }
	mustUnmarshal(t, f.mustCall(201, "secretariat", "POST", "/api/v1/issues", `{"title":"Vindkraftens tillstånd","summary":"Kortare handläggning."}`), &issue)
	form := func(values url.Values) int {
		resp := f.do(request{method: "POST", path: "/internt/bevaka", role: "memberB", body: values.Encode(),
			contentType: "application/x-www-form-urlencoded"})
		resp.Body.Close()
		return resp.StatusCode
	}
	page := "/internt/fragor/" + issue.ID
	if status := form(url.Values{"type": {"issue"}, "id": {issue.ID}, "on": {"1"}, "back": {page}}); status != 303 {
		t.Fatalf("follow: %d", status)
	}
	if _, body := f.page("memberB", page); !strings.Contains(body, "Du får notiser om det här.") || !strings.Contains(body, "Sluta bevaka") {
		t.Error("the issue page does not show the follow")
	}
	if _, body := f.page("memberA", page); !strings.Contains(body, "Du får inga notiser om det här.") {
		t.Error("another user is shown as following")
	}
	for _, bad := range []url.Values{{"type": {"member"}, "id": {issue.ID}, "on": {"1"}}, {"type": {"issue"}, "id": {"000000000000000000000000"}, "on": {"1"}}} {
		if status := form(bad); status != 422 && status != 404 {
			t.Errorf("%v: %d", bad, status)
		}
	}
	if status := form(url.Values{"type": {"issue"}, "id": {issue.ID}, "on": {"0"}, "back": {"https://evil.example/"}}); status != 303 {
		t.Fatalf("stop following: %d", status)
	}
	if _, body := f.page("memberB", page); !strings.Contains(body, "Du får inga notiser om det här.") {
		t.Error("stopping did not show")
	}
}
