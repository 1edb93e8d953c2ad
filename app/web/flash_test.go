package web_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// jarClient is a browser's cookie handling over app.Test: it keeps the
// cookies every answer sets, by their Path, and sends those that match.
type jarClient struct {
	f   *fixture
	jar *cookiejar.Jar
}

func (f *fixture) jarClient(email string) (*jarClient, string) {
	f.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		f.t.Fatal(err)
	}
	j := &jarClient{f: f, jar: jar}
	resp := j.send("POST", "/api/v1/auth/login", `{"email":"`+email+`","password":"`+testPassword+`"}`, "application/json")
	var login struct {
		CSRFToken string `json:"csrf_token"`
	}
	mustUnmarshal(f.t, mustBody(resp), &login)
	return j, login.CSRFToken
}

func (j *jarClient) send(method, path, body, contentType string) *http.Response {
	j.f.t.Helper()
	u, _ := url.Parse("http://localhost:8080" + path)
	h := map[string]string{"Accept": "text/html"}
	var cs []string
	for _, c := range j.jar.Cookies(u) {
		cs = append(cs, c.Name+"="+c.Value)
	}
	if len(cs) > 0 {
		h["Cookie"] = strings.Join(cs, "; ")
	}
	resp := j.f.do(request{method: method, path: path, body: body, contentType: contentType, headers: h})
	j.jar.SetCookies(u, resp.Cookies())
	return resp
}

// get loads path and returns its status and the text of its flash message.
func (j *jarClient) get(path string) (int, string) {
	j.f.t.Helper()
	resp := j.send("GET", path, "", "")
	doc := mustDocString(j.f.t, mustBody(resp))
	return resp.StatusCode, strings.TrimSpace(doc.Find(".flash").Text())
}

// TestFlashShowsOnce: a confirmation is shown on the page the form
// redirects to, and on no later page. The cookie that cleared it once
// lacked Path=/, so the browser kept the message for every page below
// /internt/.
func TestFlashShowsOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Bekräftas en gång")
	j, csrf := f.jarClient("kansli@example.se")
	form := url.Values{"_csrf": {csrf}, "sign_by": {inDays(10)}}
	resp := j.send("POST", "/internt/stallningstaganden/"+st.ID+"/signering/oppna", form.Encode(), "application/x-www-form-urlencoded")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || loc == "" {
		t.Fatalf("open signing: %d %q", resp.StatusCode, loc)
	}
	if status, flash := j.get(loc); status != 200 || flash == "" {
		t.Fatalf("the page after the form: %d, flash %q", status, flash)
	}
	for _, next := range []string{"/internt/stallningstaganden/" + st.ID, "/internt/stallningstaganden", "/internt/stallningstaganden/" + st.ID + "/signering", "/"} {
		if status, flash := j.get(next); status != 200 || flash != "" {
			t.Fatalf("%s after the confirmation: %d, stale flash %q", next, status, flash)
		}
	}
}
