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

// TestSearchLayoutInChromium: on a phone the results come first and the
// filters wait behind "Filtrera" (a <details>, no script); on a desktop
// they stand open to the left of the results; a search that finds
// nothing shows its help in the result column, a misspelt one "Menade du
// …?" with the index's spelling. axe-core
// passes at both widths (SAMSYN_SHOTS keeps screenshots).
func TestSearchLayoutInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	waitSearchable(t, inst.URL)
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	geometry := func(width int64) (resultsTop, filtersTop, resultsLeft, filtersLeft, filtersShown float64) {
		t.Helper()
		if err := chromedp.Do(actx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		box, err := chromedp.Run(actx, chromedp.Evaluate[[]float64](`(() => {
			const r = document.querySelector("section.results").getBoundingClientRect();
			const f = document.querySelector(".search-filters").getBoundingClientRect();
			const nav = document.querySelector("nav.facets");
			const shown = nav.checkVisibility() ? nav.getBoundingClientRect().height : 0; // a closed <details> lays out what it hides
			return [r.top, f.top, r.left, f.left, shown];
		})()`))
		if err != nil || len(box) != 5 {
			t.Fatalf("layout at %d px: %v %v", width, box, err)
		}
		return box[0], box[1], box[2], box[3], box[4]
	}
	if err := browsertest.Navigate(actx, inst.URL+"/sok?q="+url.QueryEscape("elnätet")); err != nil {
		t.Fatal(err)
	}
	rt, ft, _, _, shown := geometry(375)
	if rt >= ft || shown > 0 {
		t.Errorf("at 375 px: results at %.0f, filters at %.0f, filter list %.0f px high; want results first and the filters closed", rt, ft, shown)
	}
	if rt > 600 {
		t.Errorf("at 375 px the results start %.0f px down, want them in the first screen", rt)
	}
	_, _, rl, fl, shown := geometry(1280)
	if fl >= rl || shown == 0 {
		t.Errorf("at 1280 px: filters at x=%.0f, results at x=%.0f, filter list %.0f px high; want the filters open to the left", fl, rl, shown)
	}
	browsertest.CheckA11yHere(t, actx, "search results", 375, 1280)
	shoot(t, actx, "search-results")

	if err := browsertest.Navigate(actx, inst.URL+"/sok?q=zzqqxx"); err != nil {
		t.Fatal(err)
	}
	_ = chromedp.Do(actx, chromedp.EmulateViewport(1280, 800))
	help, err := chromedp.Run(actx, chromedp.Evaluate[[]float64](`(() => {
		const h = document.querySelector("section.results .no-results");
		const r = document.querySelector("section.results").getBoundingClientRect();
		return [h ? h.getBoundingClientRect().width : 0, r.width];
	})()`))
	if err != nil || len(help) != 2 || help[0] < 400 {
		t.Errorf("at 1280 px the no-results help and its column are %v px wide (%v), want at least 400", help, err)
	}
	browsertest.CheckA11yHere(t, actx, "search without results", 375, 1280)
	shoot(t, actx, "search-none")

	if err := browsertest.Navigate(actx, inst.URL+"/sok?q="+url.QueryEscape("elnäted")); err != nil {
		t.Fatal(err)
	}
	if s, err := browsertest.Text(actx, ".did-you-mean a"); err != nil || s != "elnätet" {
		t.Errorf("did you mean %q (%v), want elnätet", s, err)
	}
	browsertest.CheckA11yHere(t, actx, "search with a suggestion", 375, 1280)
	shoot(t, actx, "search-suggestion")
}
