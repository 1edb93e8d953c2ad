package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestDeliberateStepsInChromium: the signing page, the confirmation
// pages of the deliberate steps, a revision and the rendered diff pass
// axe-core (WCAG 2.1 AA) at 375, 1280 and 320 px and at 200 % zoom, and
// reflow below desktop width;
// then a step is confirmed with a reason, the next page shows the
// confirmation and the pages after it show it no more.
func TestDeliberateStepsInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	ids := demoStatementIDs(t, inst)
	draft, signing := ids["industriell-omstallning-kraver-statlig-partner"], ids["remissvar-forhandsinvesteringar-elnat"]
	published := ids["remissvar-medfinansiering-infrastruktur"]
	if draft == "" || signing == "" || published == "" {
		t.Fatalf("demo statements missing: %v", ids)
	}
	loginInBrowser(t, ctx, inst)
	in := "/internt/stallningstaganden/"
	pages := []string{in + signing + "/signering", in + signing + "/signering?lang=en", in + signing + "/publicera",
		in + signing + "/ateroppna", in + published + "/dra-tillbaka?lang=en", in + draft + "/versioner/1", in + draft + "/jamfor"}
	for _, v := range pageViews {
		checkPages(t, ctx, inst.URL, pages, v)
	}
	checkFlashShownOnce(t, ctx, inst.URL+in+signing)
}

// checkFlashShownOnce reopens the statement at url through its
// confirmation page and checks that the confirmation shows on the page
// the form leads to and on none of the next.
func checkFlashShownOnce(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, url+"/ateroppna"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx,
		chromedp.SendKeys(chromedp.CSS("#f-reason"), "Fel siffra i stycke 2."),
		chromedp.Click(chromedp.CSS(`main form[action$="/ateroppna"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("confirm the reopening: %v", err)
	}
	flash, err := browsertest.Text(actx, ".flash")
	if err != nil || flash == "" {
		t.Fatalf("no confirmation after reopening: %q %v", flash, err)
	}
	for _, next := range []string{url, url + "/versioner", url + "/signering"} {
		if err := browsertest.Navigate(actx, next); err != nil {
			t.Fatal(err)
		}
		stale, err := chromedp.Run(actx, chromedp.Evaluate[bool](`document.querySelector(".flash") !== null`))
		if err != nil {
			t.Fatal(err)
		}
		if stale {
			t.Errorf("%s still shows the confirmation %q", next, flash)
		}
	}
}
