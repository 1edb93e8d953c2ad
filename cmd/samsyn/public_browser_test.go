package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// publicFixtureIDs signs in over the API, gives the demo a standing
// position and an outcome (the demo loader makes neither), and returns the
// ids the pages need.
type publicIDs struct {
	Consultation, Issue, IssueSlug, Draft, MemberSlug string
}

func preparePublicDemo(t *testing.T, inst *instance) publicIDs {
	t.Helper()
	c := newClient(t)
	resp, body := mustDo(t, c, "POST", inst.URL+"/api/v1/auth/login",
		`{"email":"`+inst.AdminEmail+`","password":"`+inst.AdminPassword+`"}`, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	var login struct {
		CSRF string `json:"csrf_token"`
	}
	_ = json.Unmarshal([]byte(body), &login)
	var ids publicIDs
	var list struct {
		Items []struct{ ID, Slug, Status string }
	}
	get := func(path string) {
		_, body := mustDo(t, c, "GET", inst.URL+path, "", nil)
		list.Items = nil
		if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Items) == 0 {
			t.Fatalf("%s: %v %s", path, err, body)
		}
	}
	get("/api/v1/consultations?status=submitted")
	ids.Consultation = list.Items[0].ID
	get("/api/v1/statements?status=draft")
	ids.Draft = list.Items[0].ID
	get("/api/v1/members")
	ids.MemberSlug = list.Items[0].Slug
	get("/api/v1/issues?per_page=100")
	for _, it := range list.Items {
		var full struct {
			Public bool   `json:"public"`
			Slug   string `json:"slug"`
		}
		_, b := mustDo(t, c, "GET", inst.URL+"/api/v1/issues/"+it.ID, "", nil)
		if json.Unmarshal([]byte(b), &full) == nil && full.Public && ids.Issue == "" {
			ids.Issue, ids.IssueSlug = it.ID, full.Slug
		}
	}
	if ids.Issue == "" {
		t.Fatal("the demo has no public issue")
	}
	post := func(path string, form url.Values) {
		form.Set("_csrf", login.CSRF)
		resp, err := c.PostForm(inst.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", path, resp.StatusCode)
		}
	}
	post("/internt/fragor/"+ids.Issue+"/positioner", url.Values{"title": {"Nätkapacitet före etablering"}, "public": {"true"},
		"text": {"Elnätet ska byggas ut före behovet. Förhandsinvesteringar i regionnät ska tillåtas och bekostas gemensamt."}})
	post("/internt/remisser/"+ids.Consultation+"/utfall/handelse", url.Values{"version": {"0"}, "kind": {"proposition"},
		"title": {"Prop. 2026/27:45 Statlig medfinansiering"}, "url": {"https://www.regeringen.se/"}, "on": {"2026-11-20"}})
	post("/internt/remisser/"+ids.Consultation+"/utfall", url.Values{"version": {"1"}, "uptake": {"partly"},
		"uptake_note": {"Regeringen föreslår ett investeringsbidrag, men bara till kommunen, inte regionen."}})
	return ids
}

// TestPublicPagesInChromium visits every public page, and the member
// pages of the public site and the secretariat's overviews, at 375,
// 1280 and 320 px and at 200 % zoom: no axe-core violations (WCAG 2.1 AA),
// no console errors, and below desktop width nothing that
// browsertest.ReflowProblems finds (sideways scroll outside a table
// region, a date or reference broken). It writes screenshots of the start page, a
// statement page, the archive and the heatmap at both widths to
// $SAMSYN_SCREENSHOTS, or a temporary folder.
func TestPublicPagesInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	ids := preparePublicDemo(t, inst)
	errs := watchConsole(t, ctx)

	public := []string{"/", "/?lang=en", "/remisser", "/remisser?year=2026&topic=energi", "/remisser?lang=en", "/fragor",
		"/fragor/" + ids.IssueSlug, "/fragor/" + ids.IssueSlug + "?lang=en", "/medlemmar", "/medlemmar/" + ids.MemberSlug,
		"/medlemmar/skelleftea?lang=en", "/deltagande", "/deltagande?lang=en", "/tillganglighet", "/tillganglighet?lang=en",
		"/stallningstaganden/remissvar-medfinansiering-infrastruktur", "/stallningstaganden/remissvar-medfinansiering-infrastruktur?lang=en",
		"/publiceringslogg", "/publiceringslogg?lang=en"}
	for _, v := range pageViews {
		checkPages(t, ctx, inst.URL, public, v)
	}
	shots := os.Getenv("SAMSYN_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	for _, s := range []struct{ name, path string }{{"start", "/"}, {"statement", "/stallningstaganden/remissvar-medfinansiering-infrastruktur"},
		{"archive", "/remisser"}, {"heatmap", "/deltagande"}, {"issue", "/fragor/" + ids.IssueSlug}, {"member", "/medlemmar/skelleftea"},
		{"publog", "/publiceringslogg"}} {
		for _, w := range []int{375, 1280} {
			browsertest.Screenshot(t, ctx, inst.URL+s.path, filepath.Join(shots, s.name+"-"+itoaTest(w)+".png"), w)
		}
	}

	loginInBrowser(t, ctx, inst)
	member := []string{"/internt/deltagande", "/internt/tillganglighet-synpunkter", "/internt/remisser/" + ids.Consultation + "/utfall",
		"/internt/fragor/" + ids.Issue + "/positioner", "/internt/stallningstaganden/" + ids.Draft + "/positioner",
		"/internt/deltagande?lang=en", "/"}
	for _, v := range pageViews {
		checkPages(t, ctx, inst.URL, member, v)
	}
	browsertest.Screenshot(t, ctx, inst.URL+"/internt/deltagande", filepath.Join(shots, "heatmap-internal-1280.png"), 1280)
	if msgs := errs(); len(msgs) > 0 {
		t.Errorf("console errors: %s", strings.Join(msgs, "; "))
	}
}

// pageViews are the windows checkPages lays pages out in: a phone, a
// desktop, and the reflow views of WCAG 1.4.10 (320 CSS px, 200 % zoom).
var pageViews = append([]browsertest.View{browsertest.Width(375), browsertest.Width(1280)}, browsertest.ExtraViews...)

// checkPages runs axe-core on each page in view v, and in views narrower
// than a desktop the reflow check: nothing scrolls sideways outside a
// labelled table region, no date or reference breaks inside.
func checkPages(t *testing.T, ctx context.Context, base string, paths []string, v browsertest.View) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := browsertest.Emulate(actx, v); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = chromedp.Do(ctx, chromedp.ResetViewport()) }()
	for _, p := range paths {
		browsertest.CheckA11y(t, actx, base+p)
		if v.Width >= 1000 {
			continue
		}
		problems, err := browsertest.ReflowProblems(actx)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range problems {
			t.Errorf("%s at %s: %s", p, v, pr)
		}
	}
}

// watchConsole collects console errors, uncaught exceptions and browser
// log errors (CSP violations, failed loads) of the tab. The site has no
// favicon yet (templates/layouts/base.html, not ours): its 404 is ignored.
func watchConsole(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var msgs []string
	add := func(m string) {
		mu.Lock()
		defer mu.Unlock()
		msgs = append(msgs, m)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			add(e.ExceptionDetails.Text)
		case runtime.EventExceptionThrown:
			add(e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				add("console.error")
			}
		case runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				add("console.error")
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				add(e.Entry.Text + " " + e.Entry.URL)
			}
		case cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				add(e.Entry.Text + " " + e.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), msgs...)
	}
}

func itoaTest(n int) string { return strconv.Itoa(n) }
