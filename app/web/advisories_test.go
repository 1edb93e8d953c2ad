package web_test

// More advisory regression tests, for what security_test.go does not
// reach: the staff downloads and CSV exports, an issue's feed and the
// public calendar, the public search asked by a signed-in member, secrets
// of other kinds presented as API tokens, and the signing form used to
// sign for another member.

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestAdvisoryUnpublishedUnreachableThroughExports: a draft, a text in
// signing and a withdrawn statement, linked to a public issue, appear in no
// download, export, feed or calendar that an anonymous caller can fetch,
// and the public search leaves them out even when a member asks.
func TestAdvisoryUnpublishedUnreachableThroughExports(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sync := f.withSyncedSearch()
	published := f.mustStatementFrom(app.StatementPublished, `{"kind":"position_paper","title":"Offentlig elnätstext",`+
		`"summary":"Om elnät.","topics":["Energi"],"body":"Elnätet ska byggas ut."}`)
	ids := []string{published.ID}
	var secret []stmtJSON
	for _, status := range []app.StatementStatus{app.StatementDraft, app.StatementSigning, app.StatementWithdrawn} {
		st := f.mustStatementFrom(status, `{"kind":"joint_statement","title":"Hemlig `+string(status)+` `+advisoryWord+`",`+
			`"summary":"Om `+advisoryWord+`.","topics":["Energi"],"body":"Text om `+advisoryWord+` och elnät."}`)
		secret, ids = append(secret, st), append(ids, st.ID)
	}
	issue := f.mustIssue("Publik fråga om elnät", true, nil, ids)
	sync()
	names := func(out string) bool {
		return strings.Contains(strings.ToLower(out), advisoryWord) || strings.Contains(out, "Hemlig ")
	}

	paths := []string{"/feed/fraga/" + issue.Slug + ".atom", "/fragor/" + issue.Slug, "/remisser.ics",
		"/internt/remisser.csv", "/internt/signaturer.csv", "/api/v1/consultations.csv"}
	for _, st := range secret {
		paths = append(paths, "/internt/stallningstaganden/"+st.ID+"/remissvar.eml",
			"/internt/stallningstaganden/"+st.Slug+"/remissvar.eml")
	}
	for _, p := range paths {
		status, out := f.call("", "GET", p, "")
		// A 404 page may echo the path the caller typed, nothing more.
		if status >= 500 || names(strings.ReplaceAll(out, p, "")) {
			t.Errorf("anonymous GET %s: %d %.300q, names an unpublished statement", p, status, out)
		}
	}
	for _, st := range secret {
		if status, _ := f.call("", "GET", "/internt/stallningstaganden/"+st.ID+"/remissvar.eml", ""); status != 404 {
			t.Errorf("anonymous e-mail draft of a %s statement: %d, want 404", st.Status, status)
		}
	}
	// The issue's feed holds the published statement, so the check above
	// is not vacuous.
	if feed := f.mustFeed("/feed/fraga/" + issue.Slug + ".atom"); len(feed.Items) != 1 || feed.Items[0].Title != published.Title {
		t.Errorf("issue feed: %d items, want only %q", len(feed.Items), published.Title)
	}

	// Signed in, without scope=internal, the search is the public one.
	for _, role := range []string{"memberA", "signerA", "memberB", "secretariat", "admin"} {
		for _, q := range []string{"q=" + advisoryWord, "q=eln%C3%A4t", "topic=Energi", "kind=joint_statement"} {
			status, ans, raw := f.search(role, q)
			if status != 200 {
				t.Errorf("%s search %s: %d %s", role, q, status, raw)
				continue
			}
			rest, _ := json.Marshal(struct{ H, F any }{ans.Hits, ans.Facets})
			if names(string(rest)) {
				t.Errorf("%s search %s leaks: %s", role, q, raw)
			}
			for _, h := range ans.Hits {
				if h.ID != published.ID {
					t.Errorf("%s search %s: hit %s %q, only %s is published", role, q, h.ID, h.Title, published.ID)
				}
			}
			if q == "q=eln%C3%A4t" && ans.Total != 1 {
				t.Errorf("%s search %s: total %d, want the one published statement", role, q, ans.Total)
			}
			if n := ans.Facets["kind"]["joint_statement"]; n != 0 {
				t.Errorf("%s search %s: kind facet counts %d joint statements, all unpublished", role, q, n)
			}
		}
	}
}

// TestAdvisoryOtherSecretsAreNoTokens: a made-up token with the right
// prefix, a session id and a calendar feed's token are refused as API
// tokens (401, not echoed), and an API token opens no calendar feed.
func TestAdvisoryOtherSecretsAreNoTokens(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	session := sessionCookie(t, f.login("nlc@skelleftea.example", testPassword)).Value
	var cal struct {
		CalendarURL string `json:"calendar_url"`
	}
	mustUnmarshal(t, f.mustCall(201, "memberA", "POST", "/api/v1/me/calendar", "{}"), &cal)
	u, err := url.Parse(cal.CalendarURL)
	if err != nil {
		t.Fatal(err)
	}
	calToken := strings.TrimSuffix(strings.TrimPrefix(u.Path, "/calendar/"), ".ics")
	for name, tok := range map[string]string{"made up with the prefix": app.TokenPrefix + app.RandomToken(32),
		"session id": session, "calendar token": calToken, "prefixed calendar token": app.TokenPrefix + calToken} {
		for _, p := range []string{"/api/v1/me", "/api/v1/consultations", "/internt/stallningstaganden"} {
			resp := f.do(request{method: "GET", path: p, headers: map[string]string{"Authorization": "Bearer " + tok}})
			body := mustBody(resp)
			if resp.StatusCode != 401 || strings.Contains(body, tok) {
				t.Errorf("%s as a bearer token on %s: %d %.200s, want 401 without the token", name, p, resp.StatusCode, body)
			}
		}
	}
	for _, tok := range []string{f.tokens["memberA"], strings.TrimPrefix(f.tokens["memberA"], app.TokenPrefix), session} {
		if status, _ := f.calFeed("/calendar/" + tok + ".ics"); status != 404 {
			t.Errorf("a non-calendar secret opens a calendar feed: %d", status)
		}
	}
	if status, _ := f.calFeed(u.Path); status != 200 {
		t.Fatalf("the real feed answers %d, so the refusals above prove nothing", status)
	}
}

// TestAdvisorySignFormCannotSignForAnotherMember: the signing form, like
// the API, refuses a signer of member A who names member B, and stores
// nothing.
func TestAdvisorySignFormCannotSignForAnotherMember(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Signera åt grannen i formuläret")
	before := f.snapshot(st.ID)
	form := url.Values{"member_id": {f.memberB.ID}, "decision": {"signed"}, "content_hash": {st.ContentHash},
		"signatory_name": {"Sören Signer"}, "signatory_title": {"KSO"}, "decided_by": {"KS"},
		"decided_on": {inDays(-1)}, "paragraph": {"§ 12"}, "member_reference": {"KS 2026/41"}}
	for _, role := range []string{"signerA", "memberA", "memberB"} {
		resp := f.do(request{method: "POST", path: "/internt/stallningstaganden/" + st.ID + "/signering", role: role,
			body: form.Encode(), contentType: "application/x-www-form-urlencoded"})
		if body := mustBody(resp); resp.StatusCode != 403 {
			t.Errorf("%s signs for member B by form: %d %.200s, want 403", role, resp.StatusCode, body)
		}
	}
	if after := f.snapshot(st.ID); after != before {
		t.Fatalf("refused signatures changed the statement: %+v → %+v", before, after)
	}
	gs, err := f.statements().ListSignatures(t.Context(), st.ID, 0)
	if err != nil || len(gs) != 0 {
		t.Fatalf("stored signatures after refusals: %+v (%v)", gs, err)
	}
	// The same form with the signer's own member goes through, so the
	// refusal is about the member, not the form.
	form.Set("member_id", f.memberA.ID)
	resp := f.do(request{method: "POST", path: "/internt/stallningstaganden/" + st.ID + "/signering", role: "signerA",
		body: form.Encode(), contentType: "application/x-www-form-urlencoded"})
	if body := mustBody(resp); resp.StatusCode != 303 {
		t.Fatalf("signerA signs for member A by form: %d %.200s, want 303", resp.StatusCode, body)
	}
}
