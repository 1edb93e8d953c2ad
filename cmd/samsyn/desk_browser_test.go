package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestSignerDeskInChromium: a KSO whose municipality has not decided logs
// in, is reminded, and finds the text awaiting their decision at the top
// of /oversikt with the bell counting it; they click through, sign, and the
// text leaves the desk while the bell empties. The desk, the inbox and the
// secretariat's desk pass axe-core at 375 and 1280 px. SAMSYN_SHOTS keeps
// screenshots.
func TestSignerDeskInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	signingID := demoStatementIDs(t, inst)["remissvar-forhandsinvesteringar-elnat"]
	if signingID == "" {
		t.Fatal("the demo's text in signing is missing")
	}
	email, password, title := newSignerFor(t, inst, signingID)

	actx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	loginAs(t, actx, inst, email, password)
	if err := browsertest.Navigate(actx, inst.URL+"/oversikt"); err != nil {
		t.Fatal(err)
	}
	first, err := browsertest.Text(actx, "#desk-awaiting ~ .desk-item h3 a")
	if err != nil || strings.TrimSpace(first) != title {
		t.Fatalf("first awaiting text %q (%v), want %q", first, err, title)
	}
	if n, _ := browsertest.Text(actx, "header .bell .count"); strings.TrimSpace(n) != "1" {
		t.Errorf("bell count %q, want 1", n)
	}
	browsertest.CheckA11yHere(t, actx, "signer's desk", 375, 1280)
	shoot(t, actx, "desk-signer")
	today := app.DateOf(time.Now()).String()
	if err := chromedp.Do(actx,
		chromedp.Click(chromedp.CSS("#desk-awaiting ~ .desk-item h3 a")),
		chromedp.WaitVisible(chromedp.CSS("#f-decided_on")),
		chromedp.SetValue(chromedp.CSS("#f-decided_on"), today),
		chromedp.SendKeys(chromedp.CSS("#f-paragraph"), "§ 212"),
		chromedp.Click(chromedp.CSS(`form[action$="/signering"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".my-decision")),
	); err != nil {
		t.Fatalf("click through and sign: %v", err)
	}
	if err := browsertest.Navigate(actx, inst.URL+"/oversikt"); err != nil {
		t.Fatal(err)
	}
	left, err := chromedp.Run(actx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".desk-item h3")).map(e => e.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(left, title) {
		t.Errorf("the signed text still awaits: %v", left)
	}
	if bell, _ := chromedp.Run(actx, chromedp.Evaluate[bool](`document.querySelector("header .bell .count") !== null`)); bell {
		t.Error("the bell still counts after the text was opened and signed")
	}
	for _, p := range []string{"/internt/notiser", "/internt/notiser?lang=en"} {
		if err := browsertest.Navigate(actx, inst.URL+p); err != nil {
			t.Fatal(err)
		}
		browsertest.CheckA11yHere(t, actx, p, 375, 1280)
	}
	shoot(t, actx, "inbox")

	staff := browsertest.NewBrowser(t)
	sctx, scancel := context.WithTimeout(staff, 2*time.Minute)
	defer scancel()
	loginInBrowser(t, sctx, inst)
	if err := browsertest.Navigate(sctx, inst.URL+"/oversikt"); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckA11yHere(t, sctx, "secretariat's desk", 375, 1280)
	shoot(t, sctx, "desk-staff")
}

// newSignerFor adds, as the demo admin, a user who may sign for a member
// that has not decided on the text id, reminds the undecided members, and
// returns the new user's e-mail, password and the text's title.
func newSignerFor(t *testing.T, inst *instance, id string) (email, password, title string) {
	t.Helper()
	c := newClient(t)
	_, body := mustDo(t, c, "POST", inst.URL+"/api/v1/auth/login",
		`{"email":"`+inst.AdminEmail+`","password":"`+inst.AdminPassword+`"}`, nil)
	var login struct {
		CSRFToken string `json:"csrf_token"`
	}
	mustUnmarshalJSON(t, body, &login)
	csrf := map[string]string{"X-CSRF-Token": login.CSRFToken}
	_, body = mustDo(t, c, "GET", inst.URL+"/api/v1/statements/"+id, "", nil)
	var st struct {
		Title      string
		Signatures []struct {
			MemberID string `json:"member_id"`
		}
	}
	mustUnmarshalJSON(t, body, &st)
	_, body = mustDo(t, c, "GET", inst.URL+"/api/v1/members?per_page=100", "", nil)
	var members struct{ Items []struct{ ID, Name string } }
	mustUnmarshalJSON(t, body, &members)
	member := ""
	for _, m := range members.Items {
		if !slices.ContainsFunc(st.Signatures, func(g struct {
			MemberID string `json:"member_id"`
		}) bool {
			return g.MemberID == m.ID
		}) {
			member = m.ID
			break
		}
	}
	if member == "" {
		t.Fatal("every demo member has decided")
	}
	email, password = "signe.ohrstrom@example.se", "Ett långt lösenord för Signe"
	resp, body := mustDo(t, c, "POST", inst.URL+"/api/v1/users", fmt.Sprintf(`{"email":%q,"name":"Signe Öhrström",`+
		`"title":"KSO","role":"member","member_id":%q,"may_sign":true,"password":%q}`, email, member, password), csrf)
	if resp.StatusCode != 201 {
		t.Fatalf("create the signer: %d %s", resp.StatusCode, body)
	}
	resp, body = mustDo(t, c, "POST", inst.URL+"/api/v1/statements/"+id+"/remind", "{}", csrf)
	if resp.StatusCode != 200 || !strings.Contains(body, "Signe Öhrström") {
		t.Fatalf("remind: %d %s", resp.StatusCode, body)
	}
	return email, password, st.Title
}

// loginAs signs in through the login page.
func loginAs(t *testing.T, ctx context.Context, inst *instance, email, password string) {
	t.Helper()
	if err := browsertest.Navigate(ctx, inst.URL+"/logga-in"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#f-email"), email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("log in as %s: %v", email, err)
	}
}

func mustUnmarshalJSON(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
}
