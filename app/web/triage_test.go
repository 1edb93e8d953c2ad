package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/regeringen"
)

func init() { roleTables = append(roleTables, triageRoles) }

// mustTriage puts n listed remisser in triage and returns their ids.
func (f *fixture) mustTriage(n int, prefix string) []string {
	f.t.Helper()
	var intakes []*app.RemissIntake
	for i := range n {
		intakes = append(intakes, &app.RemissIntake{Listing: true, Title: fmt.Sprintf("Remiss om elnätet %s%d", prefix, i),
			SourceURL: fmt.Sprintf("https://www.regeringen.se/remisser/2026/07/%s-%d/", prefix, i),
			Reference: fmt.Sprintf("KN2026/%d%d", len(prefix), 100+i), Issuer: "Klimat- och näringslivsdepartementet"})
	}
	res, err := f.services.Imports.Import(context.Background(), nil, intakes)
	if err != nil {
		f.t.Fatal(err)
	}
	var ids []string
	for _, r := range res {
		if r.TriageID == "" {
			f.t.Fatalf("not triaged: %+v", r)
		}
		ids = append(ids, r.TriageID)
	}
	return ids
}

// triageRoles: only staff see and decide on triage. The first staff
// caller's decision stands; the second meets it decided (409). An
// anonymous POST without a JSON body is refused by the CSRF check (403).
func triageRoles(f *fixture) []roleCase {
	ids := f.mustTriage(4, "roll")
	unknown := `{"ids":["000000000000000000000000"],"reason":"x"}`
	return []roleCase{
		{"GET", "/api/v1/triage", "", [6]int{401, 403, 403, 403, 200, 200}},
		{"GET", "/internt/inkorg", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", "/api/v1/triage/" + ids[0] + "/dismiss", `{"reason":"Inte aktuell"}`, [6]int{401, 403, 403, 403, 200, 409}},
		{"POST", "/api/v1/triage/" + ids[0] + "/restore", "", [6]int{403, 403, 403, 403, 200, 409}},
		{"POST", "/api/v1/triage/" + ids[1] + "/accept", "", [6]int{403, 403, 403, 403, 201, 409}},
		{"POST", "/api/v1/triage/accept", `{"ids":["` + ids[2] + `"]}`, [6]int{401, 403, 403, 403, 200, 409}},
		{"POST", "/api/v1/triage/dismiss", `{"ids":["` + ids[3] + `"],"reason":"Nej"}`, [6]int{401, 403, 403, 403, 200, 409}},
		{"POST", "/api/v1/triage/dismiss", unknown, [6]int{401, 403, 403, 403, 422, 422}},
		{"POST", "/internt/inkorg", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", "/internt/inkorg/" + ids[3] + "/aterstall", "", [6]int{403, 403, 403, 403, 303, 409}},
	}
}

// TestTriagePageBulkActions: the secretariat's inbox lists the remisser
// with checkboxes; accepting two checked ones puts exactly two in the
// register; dismissing needs a reason (422, the checks kept), and the
// dismissed remiss is listed under Avförda with a restore button.
func TestTriagePageBulkActions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ids := f.mustTriage(4, "sida")
	html := map[string]string{"Accept": "text/html"}
	resp := f.do(request{method: "GET", path: "/internt/inkorg", role: "secretariat", headers: html})
	doc := mustDoc(t, resp)
	if resp.StatusCode != 200 || doc.Find(`input[type=checkbox][name=ids]`).Length() != 4 ||
		doc.Find(`button[name=action][value=accept]`).Length() != 1 || !strings.Contains(doc.Find("th").Text(), "Avsändare") {
		t.Fatalf("inbox: %d, %d checkboxes", resp.StatusCode, doc.Find(`input[name=ids]`).Length())
	}
	before := f.importedCount()
	post := func(form url.Values) (int, string) {
		resp := f.do(request{method: "POST", path: "/internt/inkorg", body: form.Encode(), role: "secretariat",
			contentType: "application/x-www-form-urlencoded", headers: html})
		return resp.StatusCode, resp.Header.Get("Location")
	}
	if st, loc := post(url.Values{"action": {"accept"}, "ids": {ids[0], ids[1]}}); st != 303 || loc != "/internt/inkorg" {
		t.Fatalf("accept two: %d %s", st, loc)
	}
	if n := f.importedCount(); n != before+2 {
		t.Fatalf("accepting two added %d consultations", n-before)
	}
	resp = f.do(request{method: "POST", path: "/internt/inkorg", role: "secretariat", headers: html,
		body: url.Values{"action": {"dismiss"}, "ids": {ids[2]}}.Encode(), contentType: "application/x-www-form-urlencoded"})
	doc = mustDoc(t, resp)
	if resp.StatusCode != 422 || !strings.Contains(doc.Find(".error-summary").Text(), "Skriv varför") ||
		doc.Find(`input[name=ids][value="`+ids[2]+`"][checked]`).Length() != 1 {
		t.Fatalf("dismiss without reason: %d %s", resp.StatusCode, doc.Find(".error-summary").Text())
	}
	if st, _ := post(url.Values{"action": {"dismiss"}, "ids": {ids[2]}, "reason": {"Inte vår fråga"}}); st != 303 {
		t.Fatalf("dismiss: %d", st)
	}
	resp = f.do(request{method: "GET", path: "/internt/inkorg?visa=dismissed", role: "secretariat", headers: html})
	doc = mustDoc(t, resp)
	if !strings.Contains(doc.Find("table").Text(), "Inte vår fråga") ||
		doc.Find(`form[action="/internt/inkorg/`+ids[2]+`/aterstall"]`).Length() != 1 {
		t.Fatalf("dismissed tab: %s", doc.Find("main").Text())
	}

	var list struct {
		Items []struct {
			ID        string  `json:"id"`
			Relevance float64 `json:"relevance"`
			State     string  `json:"state"`
		} `json:"items"`
		Total int `json:"total"`
	}
	resp = f.do(request{method: "GET", path: "/api/v1/triage?state=pending", role: "secretariat"})
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || list.Total != 1 || list.Items[0].ID != ids[3] {
		t.Fatalf("API list: %v %+v", err, list)
	}
}

// TestInboxShowsTheWatch: a watch whose page is no remiss page tells the
// secretariat so on the inbox, with the reason, not "check the fields".
func TestInboxShowsTheWatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<html><body><main><h1>Pressmeddelande</h1></main></body></html>"))
	}))
	defer srv.Close()
	f.services.Watch = &app.RemissWatch{URL: srv.URL + "/press/", Leases: mongodb.NewLeaseStore(f.db),
		States: mongodb.NewTriageStore(f.db), Imports: f.services.Imports, Clock: app.SystemClock{}, Holder: "test",
		Fetcher: regeringen.ListingFetcher{UserAgent: "Samsyn (test)"}}
	if fetched, err := f.services.Watch.Turn(context.Background()); err != nil || !fetched {
		t.Fatalf("turn: %v %v", fetched, err)
	}
	resp := f.do(request{method: "GET", path: "/internt/inkorg", role: "secretariat", headers: map[string]string{"Accept": "text/html"}})
	note := strings.Join(strings.Fields(mustDoc(t, resp).Find(`main [role=note]`).Text()), " ")
	if !strings.Contains(note, "Senaste hämtningen misslyckades: Sidan är ingen remiss") || strings.Contains(note, "Kontrollera fälten") {
		t.Fatalf("the inbox says: %q", note)
	}
}
