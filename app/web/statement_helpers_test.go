package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

// call sends a JSON request as role and returns the status and body.
func (f *fixture) call(role, method, path, body string) (int, string) {
	f.t.Helper()
	resp := f.do(request{method: method, path: path, body: body, role: role})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// mustCall is call that fails the test unless the status is want.
func (f *fixture) mustCall(want int, role, method, path, body string) string {
	f.t.Helper()
	status, out := f.call(role, method, path, body)
	if status != want {
		f.t.Fatalf("%s %s as %q: %d %s, want %d", method, path, role, status, out, want)
	}
	return out
}

type stmtJSON struct {
	ID, Slug, Status, Title, Body string
	Version, Revision, Round      int
	ContentHash                   string `json:"content_hash"`
	Signatures                    []struct {
		MemberID string `json:"member_id"`
		Decision string
	}
}

func (f *fixture) statements() *mongodb.StatementStore { return mongodb.NewStatementStore(f.db) }

// mustStatement creates a joint statement as memberA and moves it to status
// (draft, signing, published or withdrawn) through the API.
func (f *fixture) mustStatement(status app.StatementStatus, title string) stmtJSON {
	f.t.Helper()
	var st stmtJSON
	body := fmt.Sprintf(`{"kind":"joint_statement","title":%q,"summary":"Kort.","body":"Första stycket.\n\nAndra stycket."}`, title)
	mustUnmarshal(f.t, f.mustCall(201, "memberA", "POST", "/api/v1/statements", body), &st)
	if status == app.StatementDraft {
		return st
	}
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+inDays(14)+`"}`)
	if status == app.StatementSigning {
		return f.reload(st.ID)
	}
	st = f.reload(st.ID)
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", "")
	if status == app.StatementWithdrawn {
		f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/withdraw", "")
	}
	return f.reload(st.ID)
}

func (f *fixture) reload(id string) stmtJSON {
	f.t.Helper()
	var st stmtJSON
	mustUnmarshal(f.t, f.mustCall(200, "secretariat", "GET", "/api/v1/statements/"+id, ""), &st)
	return st
}

func mustUnmarshal(t testing.TB, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("decode %q: %v", s, err)
	}
}

func inDays(n int) string { return app.DateOf(time.Now()).AddDays(n).String() }

// signBody is a signature request for member (empty: the signer's own).
func signBody(member, hash string) string {
	m := ""
	if member != "" {
		m = `"member_id":"` + member + `",`
	}
	return `{` + m + `"decision":"signed","content_hash":"` + hash + `","signatory_name":"Sören Signer",` +
		`"signatory_title":"KSO","decided_by":"KS","decided_on":"` + inDays(-1) + `","paragraph":"§ 12","member_reference":"KS 2026/41"}`
}

// snapshot is what a refused request must leave unchanged.
type snapshot struct {
	status                         app.StatementStatus
	version, revisions, signatures int
	hash, body                     string
}

func (f *fixture) snapshot(id string) snapshot {
	f.t.Helper()
	ctx := context.Background()
	s := f.statements()
	st, err := s.StatementByID(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	revs, err1 := s.ListRevisions(ctx, id)
	gs, err2 := s.ListSignatures(ctx, id, 0)
	if err1 != nil || err2 != nil {
		f.t.Fatal(err1, err2)
	}
	return snapshot{status: st.Status, version: st.Version, revisions: len(revs), signatures: len(gs), hash: st.ContentHash, body: st.Body}
}

func (f *fixture) htmlGet(role, path string) (int, string) {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: path, role: role, headers: map[string]string{"Accept": "text/html"}})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func mustBody(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func mustDocString(t testing.TB, page string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
