package web_test

import (
	"net/http"
	"sort"

	"github.com/samsyn/samsyn/templates"
)

func init() { roleTables = append(roleTables, siteRoles) }

// siteRoles covers signing in and out, the static files and the API's
// answer to paths it does not have. All of them answer everyone alike:
// signing in is how one gets a role, a static file is public, and an
// unknown API path is 404 to everyone, whatever method, so that it tells
// nobody what exists.
func siteRoles(f *fixture) []roleCase {
	assets, err := templates.Assets()
	if err != nil || len(assets) == 0 {
		f.t.Fatalf("no static assets: %v", err)
	}
	var urls []string
	for _, a := range assets {
		urls = append(urls, a.URL)
	}
	sort.Strings(urls)
	all401 := [6]int{401, 401, 401, 401, 401, 401}
	all400 := [6]int{400, 400, 400, 400, 400, 400}
	draft := f.mustStatement("draft", "Okänd väg")
	cases := []roleCase{
		{"GET", urls[0], "", all200},
		{"GET", "/static/finns-inte.css", "", all404},
		// A different unknown address for every attempt, so that the
		// per-account login limit never counts two of them together.
		{"POST", "/api/v1/auth/login", `{"email":"ingen{n}@example.se","password":"fel lösenord"}`, all401},
		{"POST", "/api/v1/auth/login", `{"email":"kansli@example.se","password":"` + testPassword + `"}`, all200},
		// The anonymous forms take form data only (anonymousForm): a JSON
		// body, which skipped the anonymous CSRF check once, is 400.
		{"POST", "/logga-in", `{"email":"ingen{n}@example.se"}`, all400},
		{"POST", "/logga-ut", "{}", all400},
		{"POST", "/api/v1/auth/logout", "{}", [6]int{204, 204, 204, 204, 204, 204}},
		{"GET", "/api/v1/finns-inte", "", all404},
		{"GET", "/api/v1/statements/" + draft.ID + "/finns-inte", "", all404},
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
		http.MethodOptions, http.MethodTrace, http.MethodConnect} {
		cases = append(cases, roleCase{m, "/api/v1/finns-inte", "{}", all404})
	}
	return cases
}
