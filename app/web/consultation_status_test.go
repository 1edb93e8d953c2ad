package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestStatusCorrectionOnThePage: the status form of an answered remiss
// offers to correct it back; without a reason it comes back 422 with the
// reason's error and nothing changed; with one the status moves, and the
// history shows the change once, in Swedish. A deadline on a holiday is
// warned at the top of the page. The API takes the reason too.
func TestStatusCorrectionOnThePage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.mustConsultation("Remiss om elnät", "KN2026/5150", app.ConsultationSubmitted, 40, "")
	html := map[string]string{"Accept": "text/html"}
	page := "/internt/remisser/" + c.ID
	resp := f.do(request{method: "GET", path: page, role: "secretariat", headers: html})
	doc := mustDoc(t, resp)
	if doc.Find(`#f-status option[value=drafting]`).Length() != 1 || doc.Find("#f-reason").Length() != 1 {
		t.Fatalf("no way back from answered: %s", doc.Find("#f-status").Text())
	}
	post := func(form url.Values) (int, string) {
		resp := f.do(request{method: "POST", path: page + "/status", body: form.Encode(), role: "secretariat",
			contentType: "application/x-www-form-urlencoded", headers: html})
		return resp.StatusCode, strings.Join(strings.Fields(mustDoc(t, resp).Find("main").Text()), " ")
	}
	if st, text := post(url.Values{"status": {"drafting"}}); st != 422 || !strings.Contains(text, "Skriv varför statusen flyttas tillbaka") {
		t.Fatalf("back without a reason: %d %s", st, text)
	}
	if got, _ := f.services.Consultations.Get(context.Background(), c.ID); got.Status != app.ConsultationSubmitted {
		t.Fatalf("a refused correction changed the status to %s", got.Status)
	}
	if st, _ := post(url.Values{"status": {"drafting"}, "reason": {"Svaret var inte inlämnat."}}); st != 303 {
		t.Fatalf("back with a reason: %d", st)
	}
	resp = f.do(request{method: "GET", path: page, role: "secretariat", headers: html})
	history := mustDoc(t, resp).Find("main").Text()
	if n := strings.Count(history, "Besvarad → Svar skrivs: Svaret var inte inlämnat."); n != 1 {
		t.Fatalf("the correction shows %d times in the history:\n%s", n, history)
	}
	resp = f.do(request{method: "PATCH", path: "/api/v1/consultations/" + c.ID, role: "secretariat",
		body: `{"status":"submitted","answer_url":"https://example.se/svar.pdf"}`})
	if resp.StatusCode != 200 {
		t.Fatalf("answered outside Samsyn by the API: %d", resp.StatusCode)
	}
	resp = f.do(request{method: "PATCH", path: "/api/v1/consultations/" + c.ID, role: "secretariat",
		body: `{"status":"assessing","reason":"Fel remiss."}`})
	if resp.StatusCode != 200 {
		t.Fatalf("corrected by the API: %d", resp.StatusCode)
	}

	holiday := f.mustConsultation("Remiss med juldagen", "KN2026/5151", app.ConsultationIncoming, 0, "")
	_, err := f.services.Consultations.Revise(context.Background(), nil, holiday.ID, 0, func(in *app.ConsultationInput) {
		in.ReceivedOn, in.Deadline = "2026-11-02", "2026-12-25"
	})
	if err != nil {
		t.Fatal(err)
	}
	resp = f.do(request{method: "GET", path: "/internt/remisser/" + holiday.ID, role: "secretariat", headers: html})
	if w := mustDoc(t, resp).Find("main .warning").Text(); !strings.Contains(w, "2026-12-25 är en helgdag") {
		t.Fatalf("no holiday warning: %q", w)
	}
}
