package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestFlashShowsOnceInChromium: the confirmation after logging in is shown
// on the page the form leads to, in a live region, and on no page after
// it: not on the next page, and not when the person goes back in the
// browser's history to the page that showed it.
func TestFlashShowsOnceInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	loginInBrowser(t, ctx, inst)
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	flash := func() string {
		text, err := chromedp.Run(actx, chromedp.Evaluate[string](`(document.querySelector("main .flash")||{}).textContent||""`))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(text)
	}
	role, err := chromedp.Run(actx, chromedp.Evaluate[string](`document.querySelector("main .flash").getAttribute("role")`))
	if err != nil || role != "status" {
		t.Errorf("the confirmation's role: %q (%v)", role, err)
	}
	if err := browsertest.Navigate(actx, inst.URL+"/internt/remisser"); err != nil {
		t.Fatal(err)
	}
	if f := flash(); f != "" {
		t.Errorf("the next page still shows %q", f)
	}
	// history.back() rather than chromedp.NavigateBack, which waits for a
	// load event that a page restored from the back/forward cache never
	// fires.
	if _, err := chromedp.Run(actx, chromedp.Evaluate[chromedp.Void](`history.back()`)); err != nil {
		t.Fatal(err)
	}
	var loc string
	for deadline := time.Now().Add(20 * time.Second); !strings.HasSuffix(loc, "/oversikt") && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		loc, _ = chromedp.Run(actx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
	}
	if !strings.HasSuffix(loc, "/oversikt") {
		t.Fatalf("back from /internt/remisser: at %q", loc)
	}
	if f := flash(); f != "" {
		t.Errorf("back at %s, the confirmation is shown again: %q", loc, f)
	}
}

// TestErrorSummaryTakesFocusInChromium: a form sent with errors comes
// back with focus on the error summary at the top, whose links name the
// field ("Rubrik: …") and lead to it.
func TestErrorSummaryTakesFocusInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	loginInBrowser(t, ctx, inst)
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, inst.URL+"/internt/remisser/ny?lang=sv"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx, chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary"))); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(actx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".error-summary")`))
	if err != nil || !focused {
		t.Errorf("focus after a refused form is not on the error summary (%v)", err)
	}
	links, err := chromedp.Run(actx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".error-summary a")).map(function (a) {
		var f = document.getElementById(a.getAttribute("href").slice(1));
		return a.textContent + (f && f.getAttribute("aria-invalid") === "true" ? "" : " → no invalid field");
	})`))
	if err != nil || len(links) == 0 {
		t.Fatalf("summary links: %v %v", links, err)
	}
	for _, l := range links {
		if !strings.Contains(l, ": ") || strings.Contains(l, "→") {
			t.Errorf("summary link %q: want the field's label and a link to an invalid field", l)
		}
	}
	browsertest.CheckA11yHere(t, actx, "remiss form with errors")
}
