package web_test

import (
	"context"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// routeMatcher is one registered route as a regular expression that
// matches the concrete paths Fiber sends to it.
type routeMatcher struct {
	method, pattern string
	re              *regexp.Regexp
}

// fiberParam is a route parameter as Fiber reads it: a name up to the next
// delimiter (/ - . : ? \), optionally marked optional with ?.
var fiberParam = regexp.MustCompile(`^:([^/\-.:?\\]+)(\?)?`)

// routeRegexp turns a Fiber pattern into a regular expression: a :param
// matches one segment (up to the constant after it), an optional :param?
// may be empty and takes its leading slash with it, * matches the rest of
// the path (also nothing) and + the rest (at least one character). Routing
// is case-insensitive and a trailing slash is optional, as in our Fiber
// configuration.
func routeRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?i)^`)
	for i := 0; i < len(pattern); {
		rest := pattern[i:]
		if m := fiberParam.FindStringSubmatch(rest); m != nil {
			group := `(?P<` + m[1] + `>[^/]+?)`
			if m[2] == "?" {
				group = `(?P<` + m[1] + `>[^/]*?)`
				if s := b.String(); strings.HasSuffix(s, "/") {
					b.Reset()
					b.WriteString(strings.TrimSuffix(s, "/"))
					group = `(?:/` + group + `)?`
				}
			}
			b.WriteString(group)
			i += len(m[0])
			continue
		}
		switch rest[0] {
		case '*':
			b.WriteString(`(.*)`)
		case '+':
			b.WriteString(`(.+)`)
		default:
			b.WriteString(regexp.QuoteMeta(rest[:1]))
		}
		i++
	}
	b.WriteString(`/?$`)
	return regexp.MustCompile(b.String())
}

func TestRoleTableRouteMatcher(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/stallningstaganden/:slug", "/stallningstaganden/elnat-2026", true},
		{"/stallningstaganden/:slug", "/stallningstaganden/a/b", false},
		{"/stallningstaganden/:slug.pdf", "/stallningstaganden/elnat-2026.pdf", true},
		{"/stallningstaganden/:slug.pdf", "/stallningstaganden/elnat-2026.docx", false},
		{"/calendar/:token.ics", "/calendar/abc.ics", true},
		{"/feed/amne/:topic.atom", "/feed/amne/.atom", false},
		{"/internt/fragor/:id/positioner/:pid/anvand", "/internt/fragor/1/positioner/2/anvand", true},
		{"/api/v1/*", "/api/v1/finns/inte", true},
		{"/api/v1/*", "/api/v1/", true},
		{"/static/+", "/static/", false},
		{"/sida/:x?", "/sida", true},
		{"/sida/:x?", "/sida/ett", true},
		{"/sida/:x?", "/sida/ett/tva", false},
		{"/OVERSIKT", "/oversikt/", true},
	} {
		if got := routeRegexp(c.pattern).MatchString(c.path); got != c.want {
			t.Errorf("%s matches %s: %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

// routeOf is the route a request reaches: the first registered route of
// its method whose pattern matches the path (the query does not count), as
// Fiber routes it. ok is false when none matches.
func routeOf(routes []routeMatcher, method, path string) (routeMatcher, bool) {
	path, _, _ = strings.Cut(path, "?")
	for _, r := range routes {
		if r.method == method && r.re.MatchString(path) {
			return r, true
		}
	}
	return routeMatcher{}, false
}

// registeredRoutes lists the app's routes in the order Fiber tries them.
// HEAD routes are left out: Fiber registers one for every GET route and
// answers it with the GET handler, so the GET row covers both.
func registeredRoutes(f *fixture) []routeMatcher {
	var out []routeMatcher
	for _, r := range f.srv.App().GetRoutes(true) {
		if r.Method == http.MethodHead {
			continue
		}
		out = append(out, routeMatcher{method: r.Method, pattern: r.Path, re: routeRegexp(r.Path)})
	}
	return out
}

// statementObjectRoute matches the patterns whose parameter names one
// statement: by id (API and internal pages) or by slug (public pages).
var statementObjectRoute = regexp.MustCompile(`^(/api/v1/statements/:id|/internt/stallningstaganden/:id|/stallningstaganden/:slug)`)

// TestRoleTableCoversEveryRoute: every registered route is tried by at
// least one row of the role table, and every route about one statement by
// rows for a statement in each of the four statuses.
func TestRoleTableCoversEveryRoute(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	routes := registeredRoutes(f)
	if len(routes) < 100 {
		t.Fatalf("only %d routes registered; is the listing filtering too much?", len(routes))
	}
	table := roleTable(f)
	rows, tried := map[string][]roleCase{}, map[string]bool{}
	for _, rc := range table {
		tried[rc.method+" "+rc.path] = true
		r, ok := routeOf(routes, rc.method, rc.path)
		if !ok {
			t.Errorf("row %s %s reaches no registered route", rc.method, rc.path)
			continue
		}
		rows[r.method+" "+r.pattern] = append(rows[r.method+" "+r.pattern], rc)
	}
	var uncovered, partial []string
	for _, r := range routes {
		key := r.method + " " + r.pattern
		if len(rows[key]) == 0 {
			uncovered = append(uncovered, key)
			continue
		}
		if statementObjectRoute.MatchString(r.pattern) {
			if missing := missingStatuses(f, r, rows[key]); len(missing) > 0 {
				partial = append(partial, key+" (no row for "+strings.Join(missing, ", ")+")")
			}
		}
	}
	sort.Strings(uncovered)
	sort.Strings(partial)
	if len(uncovered) > 0 {
		t.Errorf("%d of %d routes have no row in the role table:\n  %s", len(uncovered), len(routes), strings.Join(uncovered, "\n  "))
	}
	if len(partial) > 0 {
		t.Errorf("routes about one statement without a row for every status:\n  %s", strings.Join(partial, "\n  "))
	}
	for _, key := range f.guardedRows() {
		if !tried[key] {
			t.Errorf("a guard names %s, which no row tries", key)
		}
	}
	t.Logf("%d routes, %d rows, %d role×row checks, %d rows guarded", len(routes), len(table), len(table)*len(roles), len(f.guardedRows()))
}

// missingStatuses names the statement statuses that no row of route r
// tries: the status of each row's statement is read from the store by the
// id or slug in its path.
func missingStatuses(f *fixture, r routeMatcher, rcs []roleCase) []string {
	seen := map[app.StatementStatus]bool{}
	for _, rc := range rcs {
		path, _, _ := strings.Cut(rc.path, "?")
		m := r.re.FindStringSubmatch(path)
		var st *app.Statement
		var err error
		if i := r.re.SubexpIndex("id"); i > 0 {
			st, err = f.statements().StatementByID(context.Background(), m[i])
		} else if i := r.re.SubexpIndex("slug"); i > 0 {
			st, err = f.statements().StatementBySlug(context.Background(), m[i])
		}
		if err == nil && st != nil {
			seen[st.Status] = true
		}
	}
	var missing []string
	for _, s := range statuses {
		if !seen[s] {
			missing = append(missing, string(s))
		}
	}
	return missing
}
