package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

func init() { roleTables = append(roleTables, ownershipRoles) }

// ownershipRoles: staff set the responsible officer and add notes;
// anyone signed in may "Skriv svar" (the first creates the draft, the
// rest are taken to it).
func ownershipRoles(f *fixture) []roleCase {
	c := f.mustConsultation("Remiss om ägarskap", "KN2026/6160", app.ConsultationAssessing, 40, "")
	p := "/internt/remisser/" + c.ID
	return []roleCase{
		{"POST", p + "/ansvarig", "", [6]int{403, 403, 403, 403, 303, 303}},
		{"POST", p + "/anteckningar", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", p + "/skriv-svar", "", [6]int{403, 303, 303, 303, 303, 303}},
	}
}

// TestOwnershipAndNotes: the secretariat makes one of its own responsible
// (a member user is refused), adds a Markdown note that is rendered with
// its script removed, and audited once; "Skriv svar" creates the draft
// response linked to the consultation, and a second time leads to it.
func TestOwnershipAndNotes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.mustConsultation("Remiss om nätavgifter", "KN2026/6161", app.ConsultationAssessing, 40, "")
	page := "/internt/remisser/" + c.ID
	html := map[string]string{"Accept": "text/html"}
	post := func(path string, form url.Values) *httpAnswer {
		resp := f.do(request{method: "POST", path: page + path, body: form.Encode(), role: "secretariat",
			contentType: "application/x-www-form-urlencoded", headers: html})
		return &httpAnswer{resp.StatusCode, resp.Header.Get("Location"), strings.Join(strings.Fields(mustDoc(t, resp).Find("main").Text()), " ")}
	}
	if a := post("/ansvarig", url.Values{"responsible_id": {f.byRole["memberA"].ID}}); a.status != 422 {
		t.Fatalf("a member made responsible: %d", a.status)
	}
	if a := post("/ansvarig", url.Values{"responsible_id": {f.byRole["secretariat"].ID}}); a.status != 303 {
		t.Fatalf("responsible: %d %s", a.status, a.text)
	}
	if got, _ := f.services.Consultations.Get(context.Background(), c.ID); got.ResponsibleID != f.byRole["secretariat"].ID {
		t.Fatalf("responsible not stored: %q", got.ResponsibleID)
	}
	if a := post("/anteckningar", url.Values{"body": {"  "}}); a.status != 422 {
		t.Fatalf("empty note: %d", a.status)
	}
	before := f.auditCount(c.ID)
	if a := post("/anteckningar", url.Values{"body": {"Ringde **departementet**.<script>alert(1)</script>"}}); a.status != 303 {
		t.Fatalf("note: %d %s", a.status, a.text)
	}
	if n := f.auditCount(c.ID); n != before+1 {
		t.Fatalf("a note gave %d audit entries", n-before)
	}
	resp := f.do(request{method: "GET", path: page, role: "secretariat", headers: html})
	doc := mustDoc(t, resp)
	note, _ := doc.Find(".note-body").Html()
	if !strings.Contains(note, "<strong>departementet</strong>") || strings.Contains(note, "<script") ||
		!strings.Contains(doc.Find("dl.facts").Text(), "Karin Kansli") {
		t.Fatalf("note: %q", note)
	}
	resp = f.do(request{method: "GET", path: page, role: "memberA", headers: html})
	if mustDoc(t, resp).Find(".note-body").Length() != 0 {
		t.Fatal("a member sees the secretariat's notes")
	}
	a := post("/skriv-svar", nil)
	if a.status != 303 || !strings.HasPrefix(a.location, "/internt/stallningstaganden/") {
		t.Fatalf("skriv svar: %d %s", a.status, a.location)
	}
	got, _ := f.services.Consultations.Get(context.Background(), c.ID)
	if "/internt/stallningstaganden/"+got.StatementID != a.location || got.Status != app.ConsultationDrafting {
		t.Fatalf("the response is not linked: %+v", got)
	}
	if again := post("/skriv-svar", nil); again.location != a.location {
		t.Fatalf("a second skriv svar went to %s, want %s", again.location, a.location)
	}
}

type httpAnswer struct {
	status         int
	location, text string
}

func (f *fixture) auditCount(id string) int {
	_, n, err := f.services.Audit.List(context.Background(), app.AuditFilter{EntityType: "consultation", EntityID: id})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}
