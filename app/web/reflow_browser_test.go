package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web/browsertest"
	"github.com/samsyn/samsyn/templates"
)

// reflowViews are the windows every page of the role table is laid out
// in: 320 CSS px, and 1280 px at 400 % and 200 % zoom.
var reflowViews = []browsertest.View{browsertest.Narrow, browsertest.Zoom400, browsertest.Zoom200}

// reflowReport is where TestReflowInChromium writes what it checked, for
// the accessibility statement.
const reflowReport = "../../templates/a11y/reflow.json"

// reflowPlan is what TestReflowInChromium checks on pages: the report it
// writes, less the date, tools and failures of the run.
func reflowPlan(pages []a11yPage) templates.A11yReport {
	var views []string
	for _, v := range reflowViews {
		views = append(views, v.Name)
	}
	return templates.A11yReport{Suite: "reflow", Test: "TestReflowInChromium", Views: views,
		Checks: append([]string{browsertest.AxeCheck + "-" + browsertest.Narrow.Name}, browsertest.ReflowChecks...),
		Pages:  a11yRouteNames(pages)}
}

// TestReflowInChromium lays every HTML page of the role table out, as the
// role that sees most of it, in each reflow view and finds no problem
// browsertest.ReflowProblems knows of: no sideways scroll of the page,
// nothing wider than the window outside a labelled, focusable table region,
// no date or reference broken over two lines, no word broken that fits.
// It runs axe-core on the first page of each route at 320 px. With
// SAMSYN_A11Y_REPORT=write it writes templates/a11y/reflow.json;
// SAMSYN_SHOTS keeps screenshots at 320 px.
func TestReflowInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	browsertest.AxeSource(t)
	f := newFixture(t)
	addLongContent(f)
	pages := a11yPages(t, f)
	base := f.listen()
	actx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	if _, err := chromedp.Call(actx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	var failures []string
	fail := func(format string, args ...any) {
		t.Helper()
		failures = append(failures, fmt.Sprintf(format, args...))
		t.Error(failures[len(failures)-1])
	}
	role, axed := "-", map[string]bool{}
	for _, p := range pages {
		if p.role != role {
			role = p.role
			headers := network.Headers{}
			if role != "" {
				headers["Authorization"] = "Bearer " + f.tokens[role]
			}
			if err := setHeaders(actx, headers); err != nil {
				t.Fatal(err)
			}
		}
		if err := browsertest.Emulate(actx, reflowViews[0]); err != nil {
			t.Fatal(err)
		}
		if err := browsertest.Navigate(actx, base+p.path); err != nil {
			t.Fatal(err)
		}
		for _, v := range reflowViews { // the page is laid out again in each view, without a reload
			if err := browsertest.Emulate(actx, v); err != nil {
				t.Fatal(err)
			}
			problems, err := browsertest.ReflowProblems(actx)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range problems {
				fail("%s at %s: %s", p.route, v, pr)
			}
			if v == browsertest.Narrow && !axed[p.route] {
				axed[p.route] = true
				vs, err := browsertest.AxeHere(actx)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range vs {
					fail("%s at %s: %s", p.route, v, x)
				}
			}
		}
	}
	report := reflowPlan(pages)
	report.Failures, report.Tools = failures, []string{"axe-core " + browsertest.AxeVersion}
	browsertest.WriteReport(t, actx, reflowReport, report)
	reflowShots(t, actx, f, base, pages)
}

// TestReflowReportIsCurrent: the committed reflow report names the pages
// and views TestReflowInChromium checks now.
func TestReflowReportIsCurrent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	addLongContent(f)
	browsertest.CheckReport(t, reflowReport, reflowPlan(a11yPages(t, f)), "go test -run TestReflowInChromium ./app/web")
}

// reflowShots keeps screenshots of the pages with registers and boards at
// 320 px when SAMSYN_SHOTS names a directory.
func reflowShots(t *testing.T, ctx context.Context, f *fixture, base string, pages []a11yPage) {
	dir := os.Getenv("SAMSYN_SHOTS")
	if dir == "" {
		return
	}
	shot := map[string]bool{}
	for _, p := range pages {
		route, _, _ := strings.Cut(p.route, "?")
		if shot[route] { // the first row of each route only
			continue
		}
		shot[route] = true
		name := strings.NewReplacer("/", "_", ":", "").Replace(strings.Trim(route, "/"))
		if name == "" {
			name = "start"
		}
		path := filepath.Join(dir, "reflow-"+name+".png")
		headers := network.Headers{}
		if p.role != "" {
			headers["Authorization"] = "Bearer " + f.tokens[p.role]
		}
		if err := setHeaders(ctx, headers); err != nil {
			t.Fatal(err)
		}
		browsertest.Screenshot(t, ctx, base+p.path, path, 320)
	}
}

// addLongContent stores what strains a narrow window: long titles and
// issuers, references and dates in the registers and on the desk.
func addLongContent(f *fixture) {
	f.t.Helper()
	for i, c := range []struct{ title, ref string }{
		{"Betänkandet En ny ordning för tillståndsprövning av industriella verksamheter med betydande miljöpåverkan (SOU 2026:14)", "Fi2026/02110"},
		{"Promemorian Kapacitetsmarknader, flexibilitetstjänster och nätutvecklingsplaner för regionnätsföretag", "KN2026/01234"},
	} {
		f.mustConsultation(c.title, c.ref, app.ConsultationDrafting, 9+20*i, "")
	}
	f.mustIssue("Kompetensförsörjningsinsatser för industriomställningen i Norrbottens och Västerbottens län", true, nil, nil)
}

// setHeaders sends headers with every request of the tab from now on.
func setHeaders(ctx context.Context, headers network.Headers) error {
	_, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: headers})
	return err
}
