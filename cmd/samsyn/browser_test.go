package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestPagesInChromium drives the real pages in headless Chromium: zero
// axe-core WCAG 2.1 A/AA violations on the start, login and dashboard
// pages, in Swedish and English, and a login through the form.
func TestPagesInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()

	for _, path := range []string{"/", "/logga-in", "/?lang=en", "/logga-in?lang=sv", "/finns-inte"} {
		browsertest.CheckA11y(t, ctx, inst.URL+path)
	}
	shots := t.TempDir()
	browsertest.Screenshot(t, ctx, inst.URL+"/", filepath.Join(shots, "start-375.png"), 375)

	loginInBrowser(t, ctx, inst)
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	loc, err := chromedp.Run(actx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/oversikt") {
		t.Fatalf("after login at %q (%v), want /oversikt", loc, err)
	}
	for _, path := range []string{"/oversikt", "/admin/medlemmar", "/admin/anvandare", "/admin/anvandare/ny", "/admin/medlemmar/ny"} {
		browsertest.CheckA11y(t, ctx, inst.URL+path)
	}
	if h1, err := browsertest.Text(actx, "h1"); err != nil || h1 != "Ny medlem" {
		t.Errorf("member form heading %q (%v)", h1, err)
	}
}

// loginInBrowser logs in as the demo admin through the login form.
func loginInBrowser(t *testing.T, ctx context.Context, inst *instance) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, inst.URL+"/logga-in"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx,
		chromedp.SendKeys(chromedp.CSS("#f-email"), inst.AdminEmail),
		chromedp.SendKeys(chromedp.CSS("#f-password"), inst.AdminPassword),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("log in: %v", err)
	}
}
