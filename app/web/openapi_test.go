package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
)

func init() { roleTables = append(roleTables, apiDocsRoles) }

// apiDocsRoles: the API's description and the public calendar are open
// to everyone.
func apiDocsRoles(*fixture) []roleCase {
	all200 := [6]int{200, 200, 200, 200, 200, 200}
	return []roleCase{
		{"GET", "/api/v1/openapi.json", "", all200},
		{"GET", "/api/docs", "", all200},
		{"GET", "/remisser.ics", "", all200},
	}
}

func openAPIValidator(t testing.TB) validator.Validator {
	t.Helper()
	doc, err := libopenapi.NewDocument(web.OpenAPIDocument())
	if err != nil {
		t.Fatalf("parse OpenAPI document: %v", err)
	}
	if _, err := doc.BuildV3Model(); err != nil {
		t.Fatalf("build OpenAPI 3 model: %v", err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("new validator: %v", errs)
	}
	return v
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	t.Parallel()
	if v := openAPIValidator(t); v != nil {
		if ok, errs := v.ValidateDocument(); !ok {
			for _, e := range errs {
				t.Errorf("document: %s: %s", e.Message, e.Reason)
				for _, se := range e.SchemaValidationErrors {
					t.Errorf("  %s at %s", se.Reason, se.FieldPath)
				}
			}
		}
	}
	var d struct {
		OpenAPI string `json:"openapi"`
	}
	if err := json.Unmarshal(web.OpenAPIDocument(), &d); err != nil || d.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q, %v; want 3.1.0", d.OpenAPI, err)
	}
}

// TestOpenAPIDocumentsEveryRoute: every route under /api/v1 is in the
// document, and every documented operation is a route.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var d struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(web.OpenAPIDocument(), &d); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for p, ops := range d.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	param := regexp.MustCompile(`:(\w+)`)
	registered := map[string]bool{}
	for _, r := range f.srv.App().GetRoutes(true) {
		if r.Method == http.MethodHead || !strings.HasPrefix(r.Path, "/api/v1/") || r.Path == "/api/v1/*" {
			continue
		}
		registered[r.Method+" "+param.ReplaceAllString(r.Path, "{$1}")] = true
	}
	var missing, extra []string
	for k := range registered {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !registered[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes not in the OpenAPI document:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("documented operations that are not routes:\n  %s", strings.Join(extra, "\n  "))
	}
	if len(registered) < 40 {
		t.Errorf("only %d API routes found; is GetRoutes filtering too much?", len(registered))
	}
}

// openAPICall makes a request and checks the answer against the document.
func openAPICall(t testing.TB, f *fixture, v validator.Validator, want int, role, method, path, body string) []byte {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[role])
	}
	resp, err := f.srv.App().Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("%s %s as %q: %d %s, want %d", method, path, role, resp.StatusCode, b, want)
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	vreq := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		vreq.Header.Set("Content-Type", "application/json")
	}
	if ok, errs := v.ValidateHttpResponse(vreq, resp); !ok {
		for _, e := range errs {
			t.Errorf("%s %s (%d): %s: %s", method, path, resp.StatusCode, e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("    %s at %s", se.Reason, se.FieldPath)
			}
		}
	}
	return b
}

// TestOpenAPIGoldenPathMatchesDocument: real answers on the golden path,
// errors included, have the documented status, type and shape.
func TestOpenAPIGoldenPathMatchesDocument(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	v := openAPIValidator(t)
	call := func(want int, role, method, path, body string) []byte {
		t.Helper()
		return openAPICall(t, f, v, want, role, method, path, body)
	}
	id := func(b []byte) string {
		t.Helper()
		var x struct{ ID string }
		if err := json.Unmarshal(b, &x); err != nil || x.ID == "" {
			t.Fatalf("no id in %s", b)
		}
		return x.ID
	}
	call(200, "", "POST", "/api/v1/auth/login", `{"email":"admin@example.se","password":"`+testPassword+`"}`)
	call(401, "", "POST", "/api/v1/auth/login", `{"email":"admin@example.se","password":"fel lösenord"}`)
	call(200, "memberA", "GET", "/api/v1/me", "")
	call(401, "", "GET", "/api/v1/me", "")
	call(200, "memberA", "GET", "/api/v1/members", "")
	call(200, "memberA", "GET", "/api/v1/members/"+f.memberA.ID, "")
	call(404, "memberA", "GET", "/api/v1/members/finns-inte", "")
	m := call(201, "admin", "POST", "/api/v1/members", `{"name":"Sandviken","municipality_code":"2181","county":"Gävleborg"}`)
	call(200, "admin", "PATCH", "/api/v1/members/"+id(m), `{"county":"Gävleborgs län"}`)
	call(422, "admin", "POST", "/api/v1/members", `{"name":"","municipality_code":"12"}`)
	call(403, "memberA", "POST", "/api/v1/members", `{"name":"Luleå","municipality_code":"2580"}`)
	call(200, "secretariat", "GET", "/api/v1/users", "")
	call(200, "admin", "GET", "/api/v1/users/"+f.byRole["signerA"].ID, "")

	deadline := app.DateOf(time.Now()).AddDays(40).String()
	issue := call(201, "secretariat", "POST", "/api/v1/issues", `{"title":"Elnätet","public":true}`)
	call(200, "memberA", "GET", "/api/v1/issues", "")
	call(200, "memberA", "GET", "/api/v1/issues/"+id(issue), "")
	con := call(201, "secretariat", "POST", "/api/v1/consultations", `{"title":"Godsstrategi","reference":"LI2026/00417","issuer":"LI","deadline":"`+
		deadline+`","issue_ids":["`+id(issue)+`"],"documents":[{"title":"Remiss","url":"https://example.se/r.pdf"}]}`)
	call(200, "memberA", "GET", "/api/v1/consultations", "")
	call(200, "memberA", "GET", "/api/v1/consultations/"+id(con), "")
	call(200, "secretariat", "PATCH", "/api/v1/consultations/"+id(con), `{"topics":["transport"]}`)
	call(200, "memberA", "GET", "/api/v1/deadlines?within=60", "")
	call(422, "memberA", "GET", "/api/v1/deadlines?within=x", "")

	st := call(201, "memberA", "POST", "/api/v1/statements", `{"kind":"consultation_response","title":"Svar om gods","body":"Vi *stöder* förslaget.","consultation_id":"`+id(con)+`"}`)
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st), "")
	call(200, "memberA", "PATCH", "/api/v1/statements/"+id(st), `{"version":1,"body":"Vi stöder förslaget i sin helhet."}`)
	call(409, "memberA", "PATCH", "/api/v1/statements/"+id(st), `{"version":1,"body":"Gammal version."}`)
	call(404, "", "GET", "/api/v1/statements/"+id(st), "")
	call(200, "memberA", "GET", "/api/v1/statements", "")
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/revisions", "")
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/diff", "")
	call(201, "memberA", "POST", "/api/v1/statements/"+id(st)+"/comments", `{"body":"Bra."}`)
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/comments", "")
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/signing", "")
	call(200, "memberA", "POST", "/api/v1/preview", `{"body":"**fet**"}`)
	call(200, "secretariat", "POST", "/api/v1/statements/"+id(st)+"/signing", `{"sign_by":"`+inDays(14)+`"}`)
	var hash struct {
		ContentHash string `json:"content_hash"`
	}
	mustUnmarshal(t, string(call(200, "signerA", "GET", "/api/v1/statements/"+id(st), "")), &hash)
	call(201, "signerA", "POST", "/api/v1/statements/"+id(st)+"/signatures", signBody("", hash.ContentHash))
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/signatures", "")
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/signing", "")
	call(200, "secretariat", "POST", "/api/v1/statements/"+id(st)+"/publish", "")
	call(200, "", "GET", "/api/v1/statements/"+id(st), "")
	call(200, "", "GET", "/api/v1/statements", "")
	call(200, "secretariat", "GET", "/api/v1/statements/"+id(st)+"/audit", "")
	call(200, "secretariat", "GET", "/api/v1/statements/audit", "")
	call(200, "memberA", "GET", "/api/v1/statements/"+id(st)+"/positions", "")
	call(200, "memberA", "GET", "/api/v1/issues/"+id(issue)+"/positions", "")
	call(201, "secretariat", "POST", "/api/v1/issues/"+id(issue)+"/actions", `{"date":"`+inDays(0)+`","who":"Kansliet","note":"Möte med departementet."}`)
	call(201, "memberA", "POST", "/api/v1/me/calendar", "")
	call(200, "memberA", "GET", "/api/v1/me", "")
	call(204, "memberA", "DELETE", "/api/v1/me/calendar", "")
	call(201, "memberA", "POST", "/api/v1/meetings", `{"body":"KS","on":"`+inDays(10)+`"}`)
	call(200, "memberA", "GET", "/api/v1/meetings", "")
	call(200, "memberA", "GET", "/api/v1/consultations/"+id(con), "")
	call(200, "", "GET", "/api/v1/search?q=eln%C3%A4t", "")
	call(200, "", "GET", "/api/v1/search", "")
	call(200, "memberA", "GET", "/api/v1/search?q=gods&scope=internal", "")
	call(422, "", "GET", "/api/v1/search?kind=okänd", "")
	call(200, "", "GET", "/api/v1/openapi.json", "")
}

// TestOpenAPIValidatorCatchesDrift: the response check is not vacuous.
func TestOpenAPIValidatorCatchesDrift(t *testing.T) {
	t.Parallel()
	v := openAPIValidator(t)
	for _, body := range []string{`{"id":1}`, `{"error":{"message":"no code"}}`, `{"items":[{"id":"x"}],"total":1}`} {
		req := httptest.NewRequest("GET", "/api/v1/members/x", nil)
		resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body))}
		if ok, _ := v.ValidateHttpResponse(req, resp); ok {
			t.Errorf("body %s passed as a member", body)
		}
	}
}

func TestAPIDocsPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var d struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(web.OpenAPIDocument(), &d); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"sv", "en"} {
		resp := f.do(request{method: "GET", path: "/api/docs?lang=" + lang, headers: map[string]string{"Accept": "text/html"}})
		if resp.StatusCode != 200 {
			t.Fatalf("/api/docs: %d", resp.StatusCode)
		}
		doc := mustDoc(t, resp)
		if doc.Find("h1").Length() != 1 || doc.Find("main#innehall").Length() != 1 {
			t.Errorf("%s: want one h1 and main#innehall", lang)
		}
		if k := untranslated.FindString(doc.Find("body").Text()); k != "" {
			t.Errorf("%s: untranslated key %q", lang, k)
		}
		if n := doc.Find("script[src], link[rel=stylesheet][href^=http]").Length(); n != 0 {
			t.Errorf("%s: %d external scripts or styles", lang, n)
		}
		for p, ops := range d.Paths {
			for m, o := range ops {
				h := strings.TrimSpace(doc.Find("#op-" + o.OperationID).Text())
				if want := strings.ToUpper(m) + " " + p; h != want {
					t.Errorf("%s: operation %s heading %q, want %q", lang, o.OperationID, h, want)
				}
			}
		}
	}
}

func TestPublicCalendarFeed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	deadline := app.DateOf(time.Now()).AddDays(30).String()
	pub := f.mustCall(201, "secretariat", "POST", "/api/v1/issues", `{"title":"Publik fråga","public":true}`)
	internal := f.mustCall(201, "secretariat", "POST", "/api/v1/issues", `{"title":"Intern fråga","public":false}`)
	var pi, ii struct{ ID string }
	mustUnmarshal(t, pub, &pi)
	mustUnmarshal(t, internal, &ii)
	mk := func(title, issue string) string {
		body := fmt.Sprintf(`{"title":%q,"reference":"Fi2026/%d","issuer":"Fi","deadline":%q,"issue_ids":[%q]}`, title, len(title), deadline, issue)
		var c struct{ ID string }
		mustUnmarshal(t, f.mustCall(201, "secretariat", "POST", "/api/v1/consultations", body), &c)
		return c.ID
	}
	shown := mk("Öppen och publik", pi.ID)
	hidden := mk("Hemlig remiss", ii.ID)

	archive := mustDoc(t, f.do(request{method: "GET", path: "/remisser", headers: map[string]string{"Accept": "text/html"}}))
	if archive.Find(`a[href="/remisser.ics"]`).Length() != 1 {
		t.Errorf("the archive page does not link the public calendar")
	}
	resp := f.do(request{method: "GET", path: "/remisser.ics"})
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("/remisser.ics: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	body, _ := io.ReadAll(resp.Body)
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, body)
	}
	if !bytes.Contains(body, []byte("\r\n")) || !bytes.HasPrefix(body, []byte("BEGIN:VCALENDAR")) {
		t.Errorf("not RFC 5545 shaped: %q", body[:min(60, len(body))])
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1 (the consultation linked to a public issue):\n%s", len(events), body)
	}
	ev := events[0]
	summary := ics.FromText(ev.GetProperty(ics.ComponentPropertySummary).Value)
	if !strings.HasPrefix(summary, "Sista svarsdag: ") || !strings.Contains(summary, "Öppen och publik") {
		t.Errorf("summary %q", summary)
	}
	if got := ev.GetProperty(ics.ComponentPropertyDtStart).Value; got != strings.ReplaceAll(deadline, "-", "") {
		t.Errorf("DTSTART %q, want %s", got, deadline)
	}
	for _, leak := range []string{"Hemlig remiss", hidden, "/internt/", "Utkast klart", "Underskrifter klara"} {
		if bytes.Contains(body, []byte(leak)) {
			t.Errorf("public calendar shows %q", leak)
		}
	}
	if uid := ev.Id(); !strings.Contains(uid, shown) {
		t.Errorf("UID %q does not name the consultation", uid)
	}
}
