package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

func init() { roleTables = append(roleTables, hidingRoles) }

// hidingRoles: only staff hide members from the public participation view.
func hidingRoles(f *fixture) []roleCase {
	return []roleCase{
		{"POST", "/internt/deltagande/dolj", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", "/internt/deltagande/" + f.memberB.ID + "/visa", "", [6]int{403, 403, 403, 403, 404, 404}},
	}
}

// TestHideMemberFromParticipation: the secretariat hides a member from the
// public participation view with a reason (none: 422, nothing hidden); the
// public page no longer names it, the secretariat's lists it with the
// reason; the audit has one entry with the reason; showing it again
// brings it back.
func TestHideMemberFromParticipation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	html := map[string]string{"Accept": "text/html"}
	post := func(path string, form url.Values) int {
		return f.do(request{method: "POST", path: path, body: form.Encode(), role: "secretariat",
			contentType: "application/x-www-form-urlencoded", headers: html}).StatusCode
	}
	publicNames := func() string {
		return mustDoc(t, f.do(request{method: "GET", path: "/deltagande", headers: html})).Find("main").Text()
	}
	f.mustStatement(app.StatementPublished, "Uttalande om elnätet")
	if !strings.Contains(publicNames(), "Oxelösund") {
		t.Fatal("the public view does not name the member before it is hidden")
	}
	if st := post("/internt/deltagande/dolj", url.Values{"member_id": {f.memberB.ID}}); st != 422 {
		t.Fatalf("hide without a reason: %d", st)
	}
	if st := post("/internt/deltagande/dolj", url.Values{"member_id": {f.memberB.ID}, "reason": {"Har lämnat nätverket."}}); st != 303 {
		t.Fatalf("hide: %d", st)
	}
	if strings.Contains(publicNames(), "Oxelösund") {
		t.Fatal("the public view still names the hidden member")
	}
	internal := mustDoc(t, f.do(request{method: "GET", path: "/internt/deltagande", role: "secretariat", headers: html})).Find("#dolda").Parent().Text()
	if !strings.Contains(internal, "Oxelösund: Har lämnat nätverket.") {
		t.Fatalf("the secretariat's view: %s", internal)
	}
	es, _, err := f.services.Audit.List(context.Background(), app.AuditFilter{EntityType: "member", EntityID: f.memberB.ID,
		Action: "member.participation_hide"})
	if err != nil || len(es) != 1 || es[0].Note != "Har lämnat nätverket." {
		t.Fatalf("audit: %v %+v", err, es)
	}
	if st := post("/internt/deltagande/"+f.memberB.ID+"/visa", nil); st != 303 || !strings.Contains(publicNames(), "Oxelösund") {
		t.Fatalf("show again: %d", st)
	}
}
