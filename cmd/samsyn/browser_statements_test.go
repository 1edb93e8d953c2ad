package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// demoStatementIDs signs in over the API and maps demo statement slugs to ids.
func demoStatementIDs(t *testing.T, inst *instance) map[string]string {
	t.Helper()
	c := newClient(t)
	resp, body := mustDo(t, c, "POST", inst.URL+"/api/v1/auth/login",
		`{"email":"`+inst.AdminEmail+`","password":"`+inst.AdminPassword+`"}`, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	_, body = mustDo(t, c, "GET", inst.URL+"/api/v1/statements?per_page=100", "", nil)
	var list struct {
		Items []struct{ ID, Slug string }
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, it := range list.Items {
		out[it.Slug] = it.ID
	}
	return out
}

// TestStatementPagesInChromium checks every statement page with axe-core
// (WCAG 2.1 AA) in headless Chromium, signed in and, for the public pages,
// anonymous; and that the editor's live preview renders Markdown. Set
// SAMSYN_SHOTS to a directory to keep screenshots of each page.
func TestStatementPagesInChromium(t *testing.T) {
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
	public := []string{"/stallningstaganden/remissvar-medfinansiering-infrastruktur",
		"/stallningstaganden/uttalande-godstrafiken-malmbanan?lang=en"}
	for _, p := range public {
		browsertest.CheckA11y(t, ctx, inst.URL+p)
	}
	loginInBrowser(t, ctx, inst)
	in := "/internt/stallningstaganden"
	member := []string{in, in + "/ny", in + "/logg", in + "/" + draft, in + "/" + draft + "/versioner", in + "/" + draft + "/jamfor",
		in + "/" + published + "/jamfor?fran=1&till=1", in + "/" + signing, in + "/" + signing + "/signering",
		in + "/" + published + "/signering?lang=en", in + "/" + published + "/logg", in + "/" + published}
	for _, p := range member {
		browsertest.CheckA11y(t, ctx, inst.URL+p)
	}
	if dir := os.Getenv("SAMSYN_SHOTS"); dir != "" {
		for _, p := range append(public, member...) {
			browsertest.Screenshot(t, ctx, inst.URL+p, filepath.Join(dir, strings.NewReplacer("/", "_", "?", "_").Replace(p)+".png"), 1280)
		}
		browsertest.Screenshot(t, ctx, inst.URL+in+"/"+draft, filepath.Join(dir, "draft-375.png"), 375)
	}
	checkLivePreview(t, ctx, inst.URL+in+"/"+draft)
}

// checkLivePreview types Markdown into the editor and waits for the
// server-rendered preview, which must not carry the script typed.
func checkLivePreview(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, url); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(actx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-body").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#f-body"), "## Förhandsrubrik\n\n**fetstil** <script>window.pwned=1</script>"),
	)
	if err != nil {
		t.Fatalf("live preview: %v", err)
	}
	var html string
	for range 50 {
		if html, err = chromedp.Run(actx, chromedp.InnerHTML(chromedp.CSS("#preview"))); err != nil || strings.Contains(html, "fetstil") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil || !strings.Contains(html, "<strong>fetstil</strong>") || strings.Contains(html, "<script") {
		t.Fatalf("preview HTML %q (%v)", html, err)
	}
}
