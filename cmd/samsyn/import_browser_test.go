package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestImportAndCalendarPagesInChromium: zero axe-core WCAG 2.1 A/AA
// violations on the import page (empty and with a report) and on the
// calendar page (without and with a feed address).
func TestImportAndCalendarPagesInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	loginInBrowser(t, ctx, inst)
	for _, path := range []string{"/admin/import", "/admin/import?lang=en", "/internt/kalender?lang=sv"} {
		browsertest.CheckA11y(t, ctx, inst.URL+path)
	}
	// An import that fails validation shows the error summary.
	if err := browsertest.Navigate(actx, inst.URL+"/admin/import"); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(actx,
		chromedp.SendKeys(chromedp.CSS("#f-remiss_url"), "https://example.com/"),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	)
	if err != nil {
		t.Fatalf("failed import: %v", err)
	}
	// Create a feed address and check the page that shows it.
	if err := browsertest.Navigate(actx, inst.URL+"/internt/kalender"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx, chromedp.Click(chromedp.CSS("main button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#f-feed"))); err != nil {
		t.Fatalf("create calendar address: %v", err)
	}
	browsertest.CheckA11y(t, ctx, inst.URL+"/internt/kalender")
}
