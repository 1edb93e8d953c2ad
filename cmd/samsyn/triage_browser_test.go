package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestTriageInChromium: the captured listing, uploaded on the import page,
// lands in the inbox (none in the register); the inbox passes axe at 375
// and 1280 px, in Swedish and English; two remisser ticked and accepted
// leave the inbox for the register; one dismissed without a reason comes
// back with the error and the tick kept (axe again), then with a reason
// is listed under Avförda. The log, the participation view and a
// consultation's page with notes pass axe too.
func TestTriageInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	actx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	loginInBrowser(t, ctx, inst)
	listing := filepath.Join(t.TempDir(), "listing.html")
	if err := os.WriteFile(listing, regeringentest.Read(t, "listing.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx,
		chromedp.Navigate(inst.URL+"/admin/import"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-remiss_file"), []string{listing}),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#rapport")),
	); err != nil {
		t.Fatalf("upload the listing: %v", err)
	}
	report, err := browsertest.Text(actx, "main p[role=status]")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report, "Tillagd: 0") || !strings.Contains(report, "Till inkorgen: 20") {
		t.Fatalf("import report: %s", report)
	}
	for _, path := range []string{"/internt/inkorg", "/internt/inkorg?lang=en"} {
		if err := browsertest.Navigate(actx, inst.URL+path); err != nil {
			t.Fatal(err)
		}
		browsertest.CheckA11yHere(t, actx, path, 375, 1280)
	}
	if err := browsertest.Navigate(actx, inst.URL+"/internt/inkorg?lang=sv"); err != nil {
		t.Fatal(err)
	}
	shoot(t, actx, "triage")
	first, err := browsertest.Text(actx, "table.triage tbody tr:first-child td:nth-child(2) a")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx,
		chromedp.Click(chromedp.CSS("table.triage tbody tr:nth-child(1) input[name=ids]")),
		chromedp.Click(chromedp.CSS("table.triage tbody tr:nth-child(2) input[name=ids]")),
		chromedp.Click(chromedp.CSS("button[name=action][value=accept]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("accept two: %v", err)
	}
	if !strings.Contains(first, "Energiplanering") {
		t.Errorf("the first remiss in the inbox is %q, want the energy planning one", first)
	}
	caption, err := browsertest.Text(actx, "table.triage caption")
	if err != nil || !strings.Contains(caption, "(18)") {
		t.Fatalf("after accepting two: %q %v", caption, err)
	}
	if err := chromedp.Do(actx,
		chromedp.Click(chromedp.CSS("table.triage tbody tr:nth-child(3) input[name=ids]")),
		chromedp.Click(chromedp.CSS("button[name=action][value=dismiss]")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	); err != nil {
		t.Fatalf("dismiss without a reason: %v", err)
	}
	browsertest.CheckA11yHere(t, actx, "inkorg med fel", 375, 1280)
	if err := chromedp.Do(actx,
		chromedp.SendKeys(chromedp.CSS("#f-reason"), "Inte en av nätverkets frågor"),
		chromedp.Click(chromedp.CSS("button[name=action][value=dismiss]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Navigate(inst.URL+"/internt/inkorg?visa=dismissed"),
		chromedp.WaitVisible(chromedp.CSS("table.triage")),
	); err != nil {
		t.Fatalf("dismiss: %v", err)
	}
	if txt, err := browsertest.Text(actx, "table.triage"); err != nil || !strings.Contains(txt, "Inte en av nätverkets frågor") {
		t.Fatalf("dismissed tab: %q %v", txt, err)
	}
	browsertest.CheckA11yHere(t, actx, "/internt/inkorg?visa=dismissed", 375, 1280)
	// The secretariat's other new pages: the log, the participation view
	// with its hiding form, and a consultation with notes and its owner.
	for _, path := range []string{"/internt/logg", "/internt/logg?kind=triage.dismiss", "/internt/deltagande"} {
		if err := browsertest.Navigate(actx, inst.URL+path); err != nil {
			t.Fatal(err)
		}
		browsertest.CheckA11yHere(t, actx, path, 375, 1280)
	}
	if err := chromedp.Do(actx,
		chromedp.Navigate(inst.URL+"/internt/remisser"),
		chromedp.Click(chromedp.CSS("main table tbody tr:first-child a")),
		chromedp.WaitVisible(chromedp.CSS("#anteckningar")),
	); err != nil {
		t.Fatalf("a consultation: %v", err)
	}
	browsertest.CheckA11yHere(t, actx, "remiss med anteckningar", 375, 1280)
	shoot(t, actx, "consultation")
}
