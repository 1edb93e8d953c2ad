package main

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestSearchPageInChromium: the search page passes axe-core (WCAG 2.1
// A/AA) with results, facets and highlights, with no results, and in
// English, and a search typed into the field announces its count.
func TestSearchPageInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	waitSearchable(t, inst.URL)

	for _, path := range []string{"/sok", "/sok?q=" + url.QueryEscape("elnätet"), "/sok?q=zzqqxx",
		"/sok?q=" + url.QueryEscape("kompetens") + "&kind=joint_statement", "/sok?q=omst&lang=en", "/sok?page=-1"} {
		browsertest.CheckA11y(t, ctx, inst.URL+path)
	}
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, inst.URL+"/sok"); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(actx,
		chromedp.SendKeys(chromedp.CSS("#q"), "tillståndsprövning"),
		chromedp.Submit(chromedp.CSS("#q")),
		chromedp.WaitVisible(chromedp.CSS("ol.hits mark")),
	)
	if err != nil {
		t.Fatalf("search through the form: %v", err)
	}
	if status, err := browsertest.Text(actx, "#search-status"); err != nil || !strings.Contains(status, "tillståndsprövning") {
		t.Errorf("status region %q (%v)", status, err)
	}
}

// waitSearchable waits until the start-up rebuild has indexed the demo.
func waitSearchable(t *testing.T, base string) {
	t.Helper()
	c := newClient(t)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, body := mustDo(t, c, "GET", base+"/api/v1/search", "", nil)
		var a struct{ Total int }
		if resp.StatusCode == 200 && json.Unmarshal([]byte(body), &a) == nil && a.Total > 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the demo data never became searchable")
}
