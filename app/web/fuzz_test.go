package web_test

import (
	"io"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAPIBodies sends arbitrary bodies and query strings to the JSON API:
// whatever arrives, the answer is never a 500 and always the JSON error
// shape when it is an error.
func FuzzAPIBodies(f *testing.F) {
	for _, seed := range []string{`{"name":"Kiruna","municipality_code":"2584"}`, `{"name":{"$gt":""}}`, `[`, `null`,
		`{"email":"a@b.se","password":"x","role":"admin","name":"Å"}`, "\x00\xff", `{"active":true,"version":1e309}`} {
		f.Add(seed, "page=1")
	}
	f.Fuzz(func(t *testing.T, body, query string) {
		if !sendable(query) {
			t.Skip("not a request target a client could send") // httptest.NewRequest panics on those
		}
		fx := newFixture(t) // a fresh database each time, so inputs cannot affect each other
		paths := []struct{ method, path string }{
			{"POST", "/api/v1/members"}, {"PATCH", "/api/v1/members/" + fx.memberA.ID}, {"POST", "/api/v1/users"},
			{"PATCH", "/api/v1/users/" + fx.byRole["memberB"].ID}, {"POST", "/api/v1/auth/login"}, {"GET", "/api/v1/members"},
		}
		for _, p := range paths {
			resp := fx.do(request{method: p.method, path: p.path + "?" + query, body: body, role: "admin", contentType: "application/json"})
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("%s %s with %q: %d %s", p.method, p.path, body, resp.StatusCode, b)
			}
		}
	})
}

// sendable reports whether a client could send query as it is: no
// spaces, controls, fragments or invalid UTF-8 (clients percent-encode
// those), and a request line the URL parser accepts.
func sendable(query string) bool {
	bad := strings.IndexFunc(query, func(r rune) bool { return r <= ' ' || r == 0x7f || r == utf8.RuneError || r == '#' })
	_, err := url.ParseRequestURI("/api/v1/members?" + query)
	return bad < 0 && err == nil
}
