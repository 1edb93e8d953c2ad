package web_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/templates"
)

// a11yPage is one HTML page of the role table that the browser checks for
// reflow: a concrete path, the route it reaches (its name in the
// accessibility report) and the role that sees it.
type a11yPage struct {
	route, path, role string
}

// a11yRoles is the order in which a page's viewer is chosen: the
// secretariat sees the fullest registers and boards, then the admin, a
// signer, other members and last the public.
var a11yRoles = []string{"secretariat", "admin", "signerA", "memberA", "memberB", ""}

// a11yPages is every GET row of the role table that answers some role with
// an HTML page, once per distinct path, each seen by the first role of
// a11yRoles that gets 200. The rows of one route (a statement in each of
// its statuses) are all kept: their pages differ.
func a11yPages(t testing.TB, f *fixture) []a11yPage {
	t.Helper()
	routes := registeredRoutes(f)
	var pages []a11yPage
	seen := map[string]bool{}
	for _, rc := range roleTable(f) {
		if rc.method != http.MethodGet || seen[rc.path] {
			continue
		}
		seen[rc.path] = true
		role, ok := a11yViewer(rc)
		if !ok || !f.isHTMLPage(rc.path, role) {
			continue
		}
		r, ok := routeOf(routes, rc.method, rc.path)
		if !ok {
			t.Fatalf("GET %s reaches no route", rc.path)
		}
		route := r.pattern
		if _, q, ok := strings.Cut(rc.path, "?"); ok {
			route += "?" + stableQuery(q)
		}
		pages = append(pages, a11yPage{route: route, path: rc.path, role: role})
	}
	return pages
}

// stableQuery is a query string for a report: a value longer than 20
// characters (a token, which differs on every run) reads ":token".
func stableQuery(q string) string {
	parts := strings.Split(q, "&")
	for i, p := range parts {
		if k, v, ok := strings.Cut(p, "="); ok && len(v) > 20 {
			parts[i] = k + "=:token"
		}
	}
	return strings.Join(parts, "&")
}

// a11yViewer is the first role of a11yRoles that gets 200 on the row.
func a11yViewer(rc roleCase) (string, bool) {
	for _, role := range a11yRoles {
		if rc.want[slices.Index(roles, role)] == http.StatusOK {
			return role, true
		}
	}
	return "", false
}

// isHTMLPage reports whether GET path answers role with an HTML page.
func (f *fixture) isHTMLPage(path, role string) bool {
	resp := f.do(request{method: http.MethodGet, path: path, role: role, headers: map[string]string{"Accept": "text/html"}})
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
}

// a11yRouteNames lists the distinct report names of pages, in order.
func a11yRouteNames(pages []a11yPage) []string {
	var out []string
	for _, p := range pages {
		if !slices.Contains(out, p.route) {
			out = append(out, p.route)
		}
	}
	return out
}

// TestTablesScrollInLabelledRegions: on every HTML page of the role table
// each table has a caption with an id and sits directly in a
// div.table-scroll that is a focusable region labelled by that caption,
// so that a table wider than a phone scrolls on its own, reachable by
// keyboard and named for screen readers (WCAG 1.4.10, 2.1.1, 4.1.2).
func TestTablesScrollInLabelledRegions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tables := 0
	for _, p := range a11yPages(t, f) {
		doc := mustDoc(t, f.do(request{method: http.MethodGet, path: p.path, role: p.role, headers: map[string]string{"Accept": "text/html"}}))
		doc.Find("main table").Each(func(i int, table *goquery.Selection) {
			tables++
			capID, _ := table.ChildrenFiltered("caption").Attr("id")
			region := table.Parent()
			role, _ := region.Attr("role")
			tab, _ := region.Attr("tabindex")
			by, _ := region.Attr("aria-labelledby")
			if capID == "" || !region.Is("div.table-scroll") || role != "region" || tab != "0" || by != capID {
				html, _ := goquery.OuterHtml(region)
				t.Errorf("%s (%s): table %d is not in a focusable region labelled by its caption: %.200s", p.route, p.path, i+1, html)
			}
		})
	}
	if tables < 10 {
		t.Errorf("only %d tables on the role table's pages; are the pages rendering?", tables)
	}
}

// TestAccessibilityStatementFromReports: /tillganglighet, in Swedish and
// English, says what the committed test reports say — how many pages were
// checked for reflow, in which windows, which keyboard tasks were carried
// out, and when — with every name of a check, window and task worded in
// the page's language, and DIGG's enforcement link.
func TestAccessibilityStatementFromReports(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	reports, err := templates.A11yReports()
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	var reflow, keyboard templates.A11yReport
	for _, r := range reports {
		switch r.Suite {
		case "reflow":
			reflow = r
		case "keyboard":
			keyboard = r
		}
	}
	if len(reflow.Pages) < 50 || len(keyboard.Journeys) < 7 || reflow.Date == "" || keyboard.Date == "" {
		t.Fatalf("the committed reports are incomplete: reflow %d pages, keyboard %d journeys", len(reflow.Pages), len(keyboard.Journeys))
	}
	for _, lang := range templates.Languages {
		doc := mustDoc(t, f.do(request{method: "GET", path: "/tillganglighet?lang=" + lang}))
		text := doc.Find("main").Text()
		for _, r := range reports {
			var keys []string
			for _, v := range r.Views {
				keys = append(keys, "a11y.view."+v)
			}
			for _, c := range r.Checks {
				keys = append(keys, "a11y.check."+c)
			}
			for _, j := range r.Journeys {
				keys = append(keys, "a11y.journey."+j)
			}
			for _, k := range keys {
				if msgs[lang][k] == "" || !strings.Contains(text, msgs[lang][k]) {
					t.Errorf("%s: %q (%s) is not on the page", lang, msgs[lang][k], k)
				}
			}
			if !strings.Contains(text, r.Date) || !strings.Contains(text, r.Test) {
				t.Errorf("%s: the run of %s on %s is not on the page", lang, r.Test, r.Date)
			}
		}
		if !strings.Contains(text, strconv.Itoa(len(reflow.Pages))+" ") {
			t.Errorf("%s: the number of pages checked (%d) is not on the page", lang, len(reflow.Pages))
		}
		if doc.Find(`a[href="https://www.digg.se/tdosanmalan"]`).Length() != 1 || doc.Find("form[action='/tillganglighet']").Length() != 1 {
			t.Errorf("%s: no link to DIGG's report form or no feedback form", lang)
		}
	}
}
