package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
)

// TestParallelSigningStoresOne sends 50 signing requests for the same member
// at once over a real listener: exactly one is stored, the rest get 409.
func TestParallelSigningStoresOne(t *testing.T) {
	t.Parallel()
	// A generous deadline: under the race detector 50 requests queue on the
	// embedded store for a while, and a 503 would prove nothing.
	f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", RequestTimeout: 2 * time.Minute})
	st := f.mustStatement(app.StatementSigning, "Femtio samtidiga underskrifter")
	base := f.listen()
	var wg sync.WaitGroup
	statuses := make(chan int, 50)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", base+"/api/v1/statements/"+st.ID+"/signatures", strings.NewReader(signBody("", st.ContentHash)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+f.tokens["signerA"])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if count[201] != 1 || count[409] != 49 {
		t.Fatalf("statuses %v, want one 201 and 49 409", count)
	}
	gs, err := f.statements().ListSignatures(t.Context(), st.ID, 0)
	if err != nil || len(gs) != 1 || gs[0].MemberID != f.memberA.ID {
		t.Fatalf("stored signatures %+v (%v), want exactly one of member A", gs, err)
	}
}

// TestRefusalsChangeNothing tries what the rules forbid; each gets the right
// status and leaves the database as it was.
func TestRefusalsChangeNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	signing := f.mustStatement(app.StatementSigning, "Under underskrift")
	draft := f.mustStatement(app.StatementDraft, "Ett utkast")
	old := signing.ContentHash
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+signing.ID+"/reopen", "")
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+signing.ID+"/signing", `{"sign_by":"`+inDays(7)+`"}`)
	f.mustCall(201, "secretariat", "POST", "/api/v1/statements/"+signing.ID+"/signatures", signBody(f.memberB.ID, f.reload(signing.ID).ContentHash))
	if f.reload(signing.ID).ContentHash != old {
		t.Fatal("the same text should hash the same after reopening")
	}
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+signing.ID+"/reopen", "")
	f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+signing.ID, `{"version":`+strconv.Itoa(f.reload(signing.ID).Version)+`,"body":"Ändrad text."}`)
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+signing.ID+"/signing", `{"sign_by":"`+inDays(7)+`"}`)
	cur := f.reload(signing.ID)
	if cur.ContentHash == old || cur.Round != 3 || len(cur.Signatures) != 0 {
		t.Fatalf("after reopen and edit: %+v", cur)
	}
	sig := "/api/v1/statements/" + signing.ID + "/signatures"
	for _, tc := range []struct {
		name, id, role, method, path, body string
		status                             int
		code                               string
	}{
		{"old content hash", signing.ID, "signerA", "POST", sig, signBody("", old), 409, "conflict"},
		{"other member", signing.ID, "signerA", "POST", sig, signBody(f.memberB.ID, cur.ContentHash), 403, "forbidden"},
		{"no may_sign", signing.ID, "memberA", "POST", sig, signBody("", cur.ContentHash), 403, "forbidden"},
		{"member of other municipality without may_sign", signing.ID, "memberB", "POST", sig, signBody("", cur.ContentHash), 403, "forbidden"},
		{"edit in signing", signing.ID, "memberA", "PATCH", "/api/v1/statements/" + signing.ID, `{"version":` + strconv.Itoa(cur.Version) + `,"body":"Smyg"}`, 409, "conflict"},
		{"stale edit of draft", draft.ID, "memberA", "PATCH", "/api/v1/statements/" + draft.ID, `{"version":0,"body":"x"}`, 422, "validation_failed"},
		{"publishing a draft", draft.ID, "secretariat", "POST", "/api/v1/statements/" + draft.ID + "/publish", "", 409, "conflict"},
		{"a member publishing", signing.ID, "signerA", "POST", "/api/v1/statements/" + signing.ID + "/publish", "", 403, "forbidden"},
		{"publishing without signatures", signing.ID, "secretariat", "POST", "/api/v1/statements/" + signing.ID + "/publish", "", 409, "conflict"},
		{"a member opening signing", draft.ID, "memberA", "POST", "/api/v1/statements/" + draft.ID + "/signing", `{"sign_by":"` + inDays(3) + `"}`, 403, "forbidden"},
		{"sign-by in the past", draft.ID, "secretariat", "POST", "/api/v1/statements/" + draft.ID + "/signing", `{"sign_by":"` + inDays(-1) + `"}`, 422, "validation_failed"},
		{"signing a draft", draft.ID, "signerA", "POST", "/api/v1/statements/" + draft.ID + "/signatures", signBody("", cur.ContentHash), 409, "conflict"},
		{"decision in the future", signing.ID, "signerA", "POST", sig, strings.Replace(signBody("", cur.ContentHash), inDays(-1), inDays(5), 1), 422, "validation_failed"},
		{"unknown deciding body", signing.ID, "signerA", "POST", sig, strings.Replace(signBody("", cur.ContentHash), `"KS"`, `"kommunfullmäktige"`, 1), 422, "validation_failed"},
		{"withdrawing a draft", draft.ID, "secretariat", "POST", "/api/v1/statements/" + draft.ID + "/withdraw", "", 409, "conflict"},
		{"response to no consultation", draft.ID, "memberA", "POST", "/api/v1/statements", `{"kind":"consultation_response","title":"Svar","consultation_id":"0123456789abcdef01234567"}`, 422, "validation_failed"},
	} {
		before := f.snapshot(tc.id)
		status, body := f.call(tc.role, tc.method, tc.path, tc.body)
		var e errorAnswer
		mustUnmarshal(t, body, &e)
		if status != tc.status || e.Error.Code != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.name, status, body, tc.status, tc.code)
		}
		if after := f.snapshot(tc.id); after != before {
			t.Errorf("%s changed the database: %+v → %+v", tc.name, before, after)
		}
	}
	if _, total, _ := f.statements().ListStatements(t.Context(), app.StatementFilter{}); total != 2 {
		t.Errorf("%d statements stored, want 2", total)
	}
}

// TestEditConflictAnswersCurrentVersion: a PATCH that changes what another
// save since its version changed gets 409 edit_conflict with the statement
// as it now stands, and the other edit stays.
func TestEditConflictAnswersCurrentVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Konflikt")
	v := strconv.Itoa(st.Version)
	f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID, `{"version":`+v+`,"body":"Från A."}`)
	out := f.mustCall(409, "memberB", "PATCH", "/api/v1/statements/"+st.ID, `{"version":`+v+`,"body":"Från B."}`)
	var c struct {
		Error   struct{ Code string }
		Current stmtJSON
	}
	mustUnmarshal(t, out, &c)
	if c.Error.Code != "edit_conflict" || c.Current.Version != st.Version+1 || c.Current.Body != "Från A." {
		t.Fatalf("conflict answer %s", out)
	}
	f.mustCall(200, "memberB", "PATCH", "/api/v1/statements/"+st.ID, `{"version":`+strconv.Itoa(c.Current.Version)+`,"body":"Från A och B."}`)
	var revs struct{ Total int }
	mustUnmarshal(t, f.mustCall(200, "memberB", "GET", "/api/v1/statements/"+st.ID+"/revisions", ""), &revs)
	if revs.Total != 3 {
		t.Fatalf("%d revisions, want 3", revs.Total)
	}
	var d struct {
		From, To int
		Body     []struct{ Op, Text string }
	}
	mustUnmarshal(t, f.mustCall(200, "memberB", "GET", "/api/v1/statements/"+st.ID+"/diff?from=2&to=3", ""), &d)
	if d.From != 2 || d.To != 3 || len(d.Body) < 2 {
		t.Fatalf("diff %+v", d)
	}
}
