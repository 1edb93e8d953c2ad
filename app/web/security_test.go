package web_test

// Advisory regression tests (issue 7): each case reproduces a class of flaw
// reported against civic platforms — unpublished items reachable by a
// guessed slug or id, one organisation acting for another, a dead or forged
// token accepted, a race producing two sign-offs, request values reaching
// the store as operators — and asserts it cannot happen here.

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/web"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// advisoryWord appears only in the unpublished statements of a test.
const advisoryWord = "kvicksilverbudget"

// withSyncedSearch gives the server a Bleve engine and indexes the
// statement store the way the background sync does, so that the search
// tests see exactly what production would index.
func (f *fixture) withSyncedSearch() func() {
	f.t.Helper()
	eng, err := bleve.Open(f.t.TempDir())
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { _ = eng.Close() })
	f.srv.SetSearchForTest(eng)
	syncer := &search.Syncer{Engine: eng, Sources: []search.Source{{Name: "statements", SearchSource: f.statements()}}}
	return func() {
		f.t.Helper()
		if _, err := syncer.SyncOnce(f.t.Context()); err != nil {
			f.t.Fatal(err)
		}
	}
}

// TestAdvisoryUnpublishedUnreachableByGuessing: a draft, a text in signing
// and a withdrawn statement, whose slugs and ids an attacker has guessed,
// are reachable through no public path — page, PDF, Word, feed, API, list
// filter, search hits, facet counts, search page — and no error message
// names them.
func TestAdvisoryUnpublishedUnreachableByGuessing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sync := f.withSyncedSearch()
	published := f.mustStatementFrom(app.StatementPublished, `{"kind":"position_paper","title":"Offentlig elnätstext",`+
		`"summary":"Om elnät.","topics":["Energi"],"body":"Elnätet ska byggas ut."}`)
	var secret []stmtJSON
	for _, status := range []app.StatementStatus{app.StatementDraft, app.StatementSigning, app.StatementWithdrawn} {
		secret = append(secret, f.mustStatementFrom(status, `{"kind":"joint_statement","title":"Hemlig `+string(status)+` `+advisoryWord+`",`+
			`"summary":"Om `+advisoryWord+`.","topics":["`+advisoryWord+`"],"body":"Text om `+advisoryWord+` och elnät."}`))
	}
	sync()

	// A 404 page may echo the path the caller typed (slug or id); it must
	// add nothing the caller did not already know: no title, summary or text.
	leaks := func(out string, st stmtJSON) bool {
		return strings.Contains(out, st.Title) || strings.Contains(out, "Om "+advisoryWord) || strings.Contains(out, "Text om "+advisoryWord)
	}
	for _, st := range secret {
		for _, p := range []string{
			"/stallningstaganden/" + st.Slug, "/stallningstaganden/" + st.ID,
			"/stallningstaganden/" + st.Slug + ".pdf", "/stallningstaganden/" + st.ID + ".pdf",
			"/stallningstaganden/" + st.Slug + ".docx", "/stallningstaganden/" + st.ID + ".docx",
			"/internt/stallningstaganden/" + st.ID + "/remissvar.pdf", "/internt/stallningstaganden/" + st.ID + "/remissvar.docx",
			"/api/v1/statements/" + st.ID + "/positions",
		} {
			status, out := f.call("", "GET", p, "")
			if st.Status == "withdrawn" && p == "/stallningstaganden/"+st.Slug {
				// A withdrawn statement keeps a public page with a dated note, without its text.
				if status != 200 || strings.Contains(out, "Text om "+advisoryWord) {
					t.Errorf("anonymous GET %s (withdrawn): %d, text shown", p, status)
				}
				continue
			}
			if status != 404 || leaks(out, st) {
				t.Errorf("anonymous GET %s (%s): %d %.200q, want 404 naming nothing", p, st.Status, status, out)
			}
		}
		// Every internal page and API path about the statement, by its id.
		gets, posts := statementPaths(st, "000000000000000000000000")
		for _, p := range gets {
			if status, out := f.call("", "GET", p, ""); status != 404 || leaks(out, st) {
				t.Errorf("anonymous GET %s (%s): %d %.200q, want 404 naming nothing", p, st.Status, status, out)
			}
		}
		for _, p := range posts {
			if status, out := f.call("", "POST", p, `{"version":1,"body":"x","sign_by":"`+inDays(3)+`"}`); status != 404 || leaks(out, st) {
				t.Errorf("anonymous POST %s (%s): %d %.200q, want 404 naming nothing", p, st.Status, status, out)
			}
		}
		status, out := f.call("", "GET", "/api/v1/statements/"+st.ID, "")
		switch {
		case st.Status == "withdrawn":
			var pub stmtJSON
			mustUnmarshal(t, out, &pub)
			if status != 200 || pub.Body != "" {
				t.Errorf("anonymous API on withdrawn: %d body %q", status, pub.Body)
			}
		case status != 404 || leaks(out, st):
			t.Errorf("anonymous GET /api/v1/statements/%s (%s): %d %.200q", st.ID, st.Status, status, out)
		}
	}

	for _, p := range []string{"/feed.atom", "/feed/amne/" + advisoryWord + ".atom", "/feed/medlem/" + f.memberA.Slug + ".atom",
		"/api/v1/statements?per_page=100", "/api/v1/statements?status=draft", "/api/v1/statements?status=signing",
		"/api/v1/statements?status=withdrawn", "/remisser", "/", "/medlemmar/" + f.memberA.Slug} {
		status, out := f.call("", "GET", p, "")
		if status >= 500 {
			t.Errorf("anonymous GET %s: %d", p, status)
		}
		for _, st := range secret {
			if strings.Contains(out, st.Title) || strings.Contains(out, "Text om "+advisoryWord) {
				t.Errorf("anonymous GET %s shows %q", p, st.Title)
			}
		}
	}

	// The public search: no hit, no facet value, no count, no snippet.
	for _, q := range []string{"q=" + advisoryWord, "q=" + advisoryWord + "&sort=date", "topic=" + advisoryWord,
		"q=eln%C3%A4t", "q=hemlig", "kind=joint_statement", "member=" + url.QueryEscape(f.memberA.Name), "q=" + advisoryWord + "&scope=public"} {
		status, ans, raw := f.search("", q)
		if status != 200 {
			t.Errorf("search %s: %d %s", q, status, raw)
			continue
		}
		// The answer echoes the query; nothing else may name the secret.
		rest, _ := json.Marshal(struct {
			H any
			F any
		}{ans.Hits, ans.Facets})
		if strings.Contains(strings.ToLower(string(rest)), advisoryWord) || strings.Contains(string(rest), "Hemlig ") {
			t.Errorf("search %s leaks: %s", q, raw)
		}
		for _, h := range ans.Hits {
			if h.ID != published.ID {
				t.Errorf("search %s: hit %s (%s), only %s is published", q, h.ID, h.Title, published.ID)
			}
		}
		sum := 0
		for _, n := range ans.Facets["kind"] {
			sum += n
		}
		if ans.Total > 1 || sum > ans.Total {
			t.Errorf("search %s: total %d, kind facet sum %d, want at most the one published", q, ans.Total, sum)
		}
	}
	// The internal search does find them, so the test above is not vacuous.
	if _, ans, raw := f.search("memberA", "q="+advisoryWord+"&scope=internal"); ans.Total < 3 {
		t.Fatalf("internal search finds %d of the 3 unpublished statements: %s", ans.Total, raw)
	}
	for _, q := range []string{"/sok?q=" + advisoryWord, "/sok?topic=" + advisoryWord, "/sok?q=eln%C3%A4t", "/sok?q=" + advisoryWord + "&scope=internal"} {
		status, page := f.htmlGet("", q)
		if status >= 500 || strings.Contains(page, "Hemlig ") || strings.Contains(page, "Text om "+advisoryWord) {
			t.Errorf("anonymous %s: %d, shows an unpublished statement", q, status)
		}
		doc := mustDocString(t, page)
		if strings.Contains(strings.ToLower(doc.Find("ol.hits").Text()), advisoryWord) {
			t.Errorf("anonymous %s: a hit names the secret", q)
		}
		doc.Find(".facets li").Each(func(_ int, li *goquery.Selection) {
			if txt := li.Text(); strings.Contains(strings.ToLower(txt), advisoryWord) && !strings.Contains(txt, "(0)") {
				t.Errorf("anonymous %s: facet value %q counts unpublished statements", q, strings.TrimSpace(txt))
			}
		})
	}
}

// TestAdvisorySignerCannotSignForAnotherMember: a signer of member A who
// names member B in a signature is refused, and nothing is stored — not
// for B, not for A.
func TestAdvisorySignerCannotSignForAnotherMember(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Signera åt grannen")
	before := f.snapshot(st.ID)
	for _, role := range []string{"signerA", "memberA", "memberB"} {
		status, out := f.call(role, "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody(f.memberB.ID, st.ContentHash))
		if status != 403 && status != 404 {
			t.Errorf("%s signs for member B: %d %s, want 403 or 404", role, status, out)
		}
	}
	// An unknown or forged member id is no better.
	for _, id := range []string{"000000000000000000000000", `{"$ne":""}`, "../" + f.memberB.ID} {
		body := strings.Replace(signBody("X", st.ContentHash), `"member_id":"X"`, `"member_id":`+jsonString(id), 1)
		if status, out := f.call("signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", body); status != 403 && status != 404 && status != 400 && status != 422 {
			t.Errorf("signerA signs for member %q: %d %s", id, status, out)
		}
	}
	if after := f.snapshot(st.ID); after != before {
		t.Fatalf("refused signatures changed the statement: %+v → %+v", before, after)
	}
	gs, err := f.statements().ListSignatures(t.Context(), st.ID, 0)
	if err != nil || len(gs) != 0 {
		t.Fatalf("stored signatures after refusals: %+v (%v)", gs, err)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestAdvisoryDeadAndForgedTokensRefused: the token of a deactivated user,
// a random token of the right shape, a token with one character changed
// and a token from another deployment are all 401 on every kind of route.
func TestAdvisoryDeadAndForgedTokensRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := newFixture(t) // another deployment: same users, own secrets
	st := f.mustStatement(app.StatementDraft, "Tokenprov")
	good := f.tokens["memberB"]
	random := make([]byte, 32)
	_, _ = rand.Read(random)
	forged := base64.RawURLEncoding.EncodeToString(random)
	if len(good) > 0 && !strings.Contains(good, "_") && len(good) != len(forged) {
		forged = (forged + forged)[:len(good)]
	}
	flipped := good[:len(good)-1] + string("AB"[boolInt(good[len(good)-1] == 'A')])
	f.mustCall(200, "admin", "PATCH", "/api/v1/users/"+f.byRole["memberB"].ID, `{"active":false}`)

	for name, tok := range map[string]string{"deactivated": good, "random": forged, "flipped": flipped,
		"other deployment": other.tokens["memberA"], "empty": "", "prefix only": good[:len(good)/2]} {
		for _, p := range []string{"/api/v1/me", "/api/v1/statements/" + st.ID + "/revisions", "/api/v1/users", "/api/v1/consultations"} {
			resp := f.do(request{method: "GET", path: p, headers: map[string]string{"Authorization": "Bearer " + tok}})
			body := mustBody(resp)
			if resp.StatusCode != 401 {
				t.Errorf("%s token on %s: %d %.200s, want 401", name, p, resp.StatusCode, body)
			}
			if tok != "" && strings.Contains(body, tok) {
				t.Errorf("%s token echoed in the answer of %s", name, p)
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestAdvisoryParallelPublishOnce: 20 publish requests for one statement
// at once give exactly one publish, one audit event and one published_at.
func TestAdvisoryParallelPublishOnce(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", RequestTimeout: 2 * time.Minute})
	st := f.mustStatement(app.StatementSigning, "Tjugo samtidiga publiceringar")
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	base := f.listen()
	const n = 20
	var wg sync.WaitGroup
	type answer struct {
		status int
		body   string
	}
	answers := make(chan answer, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", base+"/api/v1/statements/"+st.ID+"/publish", nil)
			req.Header.Set("Authorization", "Bearer "+f.tokens["secretariat"])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			answers <- answer{resp.StatusCode, string(b)}
		}()
	}
	wg.Wait()
	close(answers)
	count := map[int]int{}
	publishedAt := map[string]bool{}
	for a := range answers {
		count[a.status]++
		if a.status == 200 {
			var v struct {
				PublishedAt string `json:"published_at"`
			}
			mustUnmarshal(t, a.body, &v)
			publishedAt[v.PublishedAt] = true
		} else if a.status >= 500 {
			t.Errorf("parallel publish: %d %s", a.status, a.body)
		}
	}
	if count[200] != 1 || count[409]+count[422] != n-1 {
		t.Errorf("statuses %v, want one 200 and %d refusals (409/422)", count, n-1)
	}
	events, _, err := mongodb.NewAuditLog(f.db).ListAudit(t.Context(), app.AuditFilter{EntityType: "statement", EntityID: st.ID, Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		t.Fatal(err)
	}
	publishes := 0
	for _, e := range events {
		if e.Action == "statement.publish" {
			publishes++
		}
	}
	if publishes != 1 {
		t.Errorf("%d statement.publish audit events, want 1: %+v", publishes, events)
	}
	stored, err := f.statements().StatementByID(t.Context(), st.ID)
	if err != nil || stored.Status != app.StatementPublished || stored.PublishedAt.IsZero() {
		t.Fatalf("stored after publish: %+v (%v)", stored, err)
	}
	if len(publishedAt) > 1 {
		t.Errorf("answers carry %d different published_at values: %v", len(publishedAt), publishedAt)
	}
	for at := range publishedAt {
		if got, _ := time.Parse(time.RFC3339Nano, at); !got.Equal(stored.PublishedAt) {
			t.Errorf("answered published_at %s, stored %s", at, stored.PublishedAt)
		}
	}
}

// injections are values that a store reading request values as operators
// or paths would interpret: each must be matched as plain text or refused.
var injections = []string{`{"$gt":""}`, `{"$ne":null}`, `$where`, `this.a == this.a`, `{"$where":"sleep(1000)"}`,
	`$ne`, `a.b`, `title.$`, `$gt`, `.*`, `{"$regex":".*"}`, `[$ne]`, "\x00", `\`, `'"`}

// TestAdvisoryInjectionOnFiltersAndIDs puts operator payloads into every
// filter and id parameter of the list, search and item APIs: never a 500,
// never more results than a plain value that matches nothing gives.
func TestAdvisoryInjectionOnFiltersAndIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sync := f.withSyncedSearch()
	f.mustStatement(app.StatementPublished, "Publicerad text")
	f.mustStatement(app.StatementDraft, "Utkast text")
	f.mustConsultation("Remiss om elnät", "KN2026/00001", app.ConsultationIncoming, 20, "")
	f.mustIssue("Fråga om elnät", true, nil, nil)
	sync()

	totalOf := func(out string) int {
		var v struct {
			Total *int `json:"total"`
		}
		if json.Unmarshal([]byte(out), &v) != nil || v.Total == nil {
			return -1
		}
		return *v.Total
	}
	lists := []struct {
		role, path string
		params     []string
	}{
		{"", "/api/v1/statements", []string{"status", "page", "per_page"}},
		{"secretariat", "/api/v1/statements", []string{"status", "page", "per_page"}},
		{"", "/api/v1/search", []string{"q", "kind", "topic", "member", "year", "issuer", "type", "sort", "scope", "page", "per_page"}},
		{"secretariat", "/api/v1/search?scope=internal", []string{"q", "kind", "topic", "member", "year", "issuer", "type", "sort", "page"}},
		{"secretariat", "/api/v1/consultations", []string{"status", "issuer", "topic", "ref", "deadline_from", "deadline_to", "page"}},
		{"secretariat", "/api/v1/issues", []string{"status", "topic", "priority", "public", "page"}},
		{"secretariat", "/api/v1/members", []string{"active", "page"}},
		{"secretariat", "/api/v1/users", []string{"member_id", "page"}},
		{"secretariat", "/api/v1/meetings", []string{"from", "to"}},
		{"secretariat", "/api/v1/deadlines", []string{"within"}},
	}
	join := func(path, kv string) string {
		if strings.Contains(path, "?") {
			return path + "&" + kv
		}
		return path + "?" + kv
	}
	for _, l := range lists {
		for _, p := range l.params {
			plainStatus, plain := f.call(l.role, "GET", join(l.path, p+"=zzqplain"), "")
			plainTotal := totalOf(plain)
			_, none := f.call(l.role, "GET", l.path, "")
			for _, inj := range injections {
				status, out := f.call(l.role, "GET", join(l.path, p+"="+url.QueryEscape(inj)), "")
				if status >= 500 {
					t.Errorf("%s GET %s %s=%q: %d %.200s", l.role, l.path, p, inj, status, out)
					continue
				}
				bound := plainTotal
				if p == "q" {
					// Free text: punctuation-only queries hold no terms and
					// browse everything the index may show, like no query.
					bound = max(bound, totalOf(none))
				}
				if status == 200 && plainStatus == 200 && plainTotal >= 0 && totalOf(out) > bound {
					t.Errorf("%s GET %s %s=%q: %d results, a plain value gives %d", l.role, l.path, p, inj, totalOf(out), bound)
				}
				if strings.Contains(out, "goroutine ") || strings.Contains(out, "mongo") {
					t.Errorf("%s GET %s %s=%q: internals in the answer: %.200s", l.role, l.path, p, inj, out)
				}
			}
			// Bracketed and dotted keys are other parameters: they must not
			// widen the answer beyond what no parameter at all gives.
			for _, key := range []string{p + "[$ne]", p + "[$gt]", p + ".$ne", "$where", p + "[$regex]"} {
				status, out := f.call(l.role, "GET", join(l.path, url.QueryEscape(key)+"=x"), "")
				if status >= 500 {
					t.Errorf("%s GET %s %s=x: %d %.200s", l.role, l.path, key, status, out)
				}
				if status == 200 && totalOf(out) > totalOf(none) {
					t.Errorf("%s GET %s %s=x: %d results, without it %d", l.role, l.path, key, totalOf(out), totalOf(none))
				}
			}
		}
	}
	// Id parameters.
	for _, inj := range append(injections, "000000000000000000000000", "..", "%2e%2e") {
		id := url.PathEscape(inj)
		for _, p := range []string{"/api/v1/statements/", "/api/v1/members/", "/api/v1/users/", "/api/v1/consultations/", "/api/v1/issues/"} {
			for _, role := range []string{"", "secretariat"} {
				status, out := f.call(role, "GET", p+id, "")
				if status >= 500 || status == 200 {
					t.Errorf("%q GET %s%s: %d %.200s, want 4xx", role, p, id, status, out)
				}
			}
		}
		for _, p := range []string{"/stallningstaganden/", "/fragor/", "/medlemmar/"} {
			if status, _ := f.call("", "GET", p+id, ""); status >= 500 || status == 200 {
				t.Errorf("GET %s%s: %d, want 4xx", p, id, status)
			}
		}
		if status, out := f.call("secretariat", "PATCH", "/api/v1/statements/"+id, `{"version":1,"body":"x"}`); status >= 500 || status == 200 {
			t.Errorf("PATCH /api/v1/statements/%s: %d %.200s", id, status, out)
		}
	}
	// Operators inside JSON bodies are refused by typed decoding.
	for _, body := range []string{`{"kind":{"$ne":""},"title":"x","body":"y"}`, `{"kind":"joint_statement","title":{"$gt":""},"body":"y"}`,
		`{"kind":"joint_statement","title":"x","body":"y","topics":[{"$where":"1"}]}`, `{"kind":"joint_statement","title":"x","body":"y","$where":"1"}`} {
		if status, out := f.call("memberA", "POST", "/api/v1/statements", body); status != 400 && status != 422 {
			t.Errorf("POST /api/v1/statements %s: %d %.200s, want 400 or 422", body, status, out)
		}
	}
}
