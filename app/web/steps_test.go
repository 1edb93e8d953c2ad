package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestStepReasonInTheAudit: the API's publish, withdraw and reopen take an
// optional reason that the statement's log keeps, escaped on the page; a
// reason too long and a stale version are refused and change nothing.
func TestStepReasonInTheAudit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Skäl i loggen")
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	st = f.reload(st.ID)
	path := "/api/v1/statements/" + st.ID + "/publish"
	before := f.snapshot(st.ID)
	for _, tc := range []struct {
		body   string
		status int
		code   string
	}{
		{`{"reason":"` + strings.Repeat("ö", 1001) + `"}`, 422, "validation_failed"},
		{`{"reason":"ok","version":` + strconv.Itoa(st.Version-1) + `}`, 409, "conflict"},
		{`{"reason":"ok","colour":"red"}`, 400, "bad_request"},
		{`{"reason":42}`, 400, "bad_request"},
	} {
		status, out := f.call("secretariat", "POST", path, tc.body)
		var e errorAnswer
		mustUnmarshal(t, out, &e)
		if status != tc.status || e.Error.Code != tc.code {
			t.Errorf("publish with %.40s: %d %s, want %d %s", tc.body, status, out, tc.status, tc.code)
		}
	}
	if after := f.snapshot(st.ID); after != before {
		t.Fatalf("refused publishes changed %+v into %+v", before, after)
	}
	f.mustCall(200, "secretariat", "POST", path, `{"reason":"<script>alert(1)</script> Beslut i styrelsen.","version":`+strconv.Itoa(st.Version)+`}`)
	out := f.mustCall(200, "secretariat", "GET", "/api/v1/statements/"+st.ID+"/audit", "")
	if !strings.Contains(out, `Skäl: \u003cscript\u003ealert(1)\u003c/script\u003e Beslut i styrelsen.`) {
		t.Fatalf("the audit does not keep the reason: %s", out)
	}
	status, page := f.htmlGet("secretariat", "/internt/stallningstaganden/"+st.ID+"/logg")
	if status != 200 || strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; Beslut i styrelsen.") {
		t.Fatalf("log page %d does not show the reason escaped", status)
	}
}

// TestQuorumAPI: staff set a quorum through the API; publishing below it
// answers 409 and changes nothing, at it succeeds.
func TestQuorumAPI(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Kvorum via API")
	path := "/api/v1/statements/" + st.ID + "/quorum"
	f.mustCall(403, "signerA", "PUT", path, `{"quorum":2}`)
	f.mustCall(404, "secretariat", "PUT", "/api/v1/statements/000000000000000000000000/quorum", `{"quorum":2}`)
	f.mustCall(422, "secretariat", "PUT", path, `{"quorum":-1}`)
	f.mustCall(422, "secretariat", "PUT", path, `{}`)
	f.mustCall(409, "secretariat", "PUT", path, `{"quorum":2,"version":`+strconv.Itoa(st.Version+5)+`}`)
	var got struct{ Quorum int }
	mustUnmarshal(t, f.mustCall(200, "secretariat", "PUT", path, `{"quorum":2}`), &got)
	if got.Quorum != 2 {
		t.Fatalf("quorum %d, want 2", got.Quorum)
	}
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	before := f.snapshot(st.ID)
	out := f.mustCall(409, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", "")
	if !strings.Contains(out, "minst 2 medlemmar") || f.snapshot(st.ID) != before {
		t.Fatalf("publish below the quorum: %s", out)
	}
	f.mustCall(201, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody(f.memberB.ID, st.ContentHash))
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", `{"reason":"Båda har skrivit under."}`)
}

// TestStepConfirmationPages: each step asks on a page of its own what it
// will do; the form takes a reason and version, and a refusal shows the
// page again with the error at the top and the reason typed, escaped.
func TestStepConfirmationPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Bekräftas")
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	f.mustCall(200, "secretariat", "PUT", "/api/v1/statements/"+st.ID+"/quorum", `{"quorum":2}`)
	base := "/internt/stallningstaganden/" + st.ID
	status, page := f.htmlGet("secretariat", base+"/publicera")
	doc := mustDocString(t, page)
	cons := doc.Find(".consequences").Text()
	if status != 200 || !strings.Contains(cons, "1 medlemmar har skrivit under, 0 har avböjt och 1 har inte beslutat") ||
		!strings.Contains(cons, "minst 2") || !strings.Contains(doc.Find(".error-summary").Text(), "Kvorum är inte nått: minst 2 medlemmar") || doc.Find(`form[action$="/publicera"]`).Length() != 0 {
		t.Fatalf("publish below the quorum: %d %q, refusal %d, buttons %d", status, cons, doc.Find(".error-summary").Length(), doc.Find(`form[action$="/publicera"]`).Length())
	}
	status, page = f.htmlGet("secretariat", base+"/ateroppna")
	doc = mustDocString(t, page)
	if status != 200 || !strings.Contains(doc.Find(".consequences").Text(), "1 formella beslut makuleras") || doc.Find(`form[action$="/ateroppna"] textarea[name=reason]`).Length() != 1 {
		t.Fatalf("reopen confirmation: %d %q", status, doc.Find(".consequences").Text())
	}
	version := doc.Find(`input[name=version]`).AttrOr("value", "")
	cookie, csrf := f.browserSession("kansli@example.se")
	before := f.snapshot(st.ID)
	long := "<script>alert(1)</script>" + strings.Repeat("x", 1000)
	code, _, page := f.postForm(cookie, base+"/ateroppna", url.Values{"_csrf": {csrf}, "version": {version}, "reason": {long}})
	doc = mustDocString(t, page)
	if code != 422 || doc.Find("main .error-summary").Length() == 0 || doc.Find("#f-reason").Text() != long || strings.Contains(page, "<script>alert") {
		t.Fatalf("a reason too long: %d, summary %d, kept %v", code, doc.Find(".error-summary").Length(), doc.Find("#f-reason").Text() == long)
	}
	code, _, _ = f.postForm(cookie, base+"/ateroppna", url.Values{"_csrf": {csrf}, "version": {"1"}, "reason": {"Gammal sida."}})
	if code != 409 || f.snapshot(st.ID) != before {
		t.Fatalf("a stale confirmation: %d, changed %v", code, f.snapshot(st.ID) != before)
	}
	code, loc, _ := f.postForm(cookie, base+"/ateroppna", url.Values{"_csrf": {csrf}, "version": {version}, "reason": {"Fel i stycke 2."}})
	if code != 303 || loc != base || f.reload(st.ID).Status != "draft" {
		t.Fatalf("reopen: %d %s", code, loc)
	}
	out := f.mustCall(200, "secretariat", "GET", "/api/v1/statements/"+st.ID+"/audit", "")
	if !strings.Contains(out, "1 beslut makulerade; underskriftsomgång 2. Skäl: Fel i stycke 2.") {
		t.Fatalf("audit after reopen: %s", out)
	}
	_, page = f.htmlGet("secretariat", base)
	if mustDocString(t, page).Find(`form[action$="/publicera"], form[action$="/ateroppna"]`).Length() != 0 {
		t.Fatal("the statement page still takes steps in one click")
	}
}

// TestSigningPageShowsTheText: the signing page shows the text being
// signed and its checksum; once the member has decided it shows their
// decision and no form; errors come before the board.
func TestSigningPageShowsTheText(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Texten som signeras")
	path := "/internt/stallningstaganden/" + st.ID + "/signering"
	_, page := f.htmlGet("signerA", path)
	doc := mustDocString(t, page)
	if !strings.Contains(doc.Find(".signed-text").Text(), "Andra stycket.") || doc.Find(".hash-value").Text() != st.ContentHash ||
		doc.Find(`form[action$="/signering"]`).Length() != 1 {
		t.Fatalf("before deciding: text %q, hash %q", doc.Find(".signed-text").Text(), doc.Find(".hash-value").Text())
	}
	cookie, csrf := f.browserSession("kso@skelleftea.example")
	form := url.Values{"_csrf": {csrf}, "content_hash": {strings.Repeat("0", 64)}, "decision": {"signed"}, "signatory_name": {"Sören"},
		"signatory_title": {"KSO"}, "decided_by": {"KS"}, "decided_on": {inDays(-1)}}
	code, _, page := f.postForm(cookie, path, form)
	doc = mustDocString(t, page)
	summary := doc.Find("main .error-summary")
	if code != 409 || summary.Length() != 1 || summary.NextAllFiltered(".table-scroll").Length() != 1 {
		t.Fatalf("a stale hash: %d, error summary %d, before the board %d", code, summary.Length(), summary.NextAllFiltered(".table-scroll").Length())
	}
	form.Set("content_hash", st.ContentHash)
	if code, _, _ = f.postForm(cookie, path, form); code != 303 {
		t.Fatalf("sign: %d", code)
	}
	_, page = f.htmlGet("signerA", path)
	doc = mustDocString(t, page)
	if doc.Find(`form[action$="/signering"]`).Length() != 0 || !strings.Contains(doc.Find(".my-decision").Text(), "Undertecknat") {
		t.Fatalf("after deciding: forms %d, decision %q", doc.Find(`form[action$="/signering"]`).Length(), doc.Find(".my-decision").Text())
	}
}

// TestQuorumForm: the signing board's quorum form refuses what is not a
// count, with the error at the top, and saves one that is.
func TestQuorumForm(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Kvorum via formulär")
	path := "/internt/stallningstaganden/" + st.ID
	cookie, csrf := f.browserSession("kansli@example.se")
	for _, bad := range []string{"två", "-1", "99"} {
		code, _, page := f.postForm(cookie, path+"/kvorum", url.Values{"_csrf": {csrf}, "quorum": {bad}})
		doc := mustDocString(t, page)
		if code != 422 || doc.Find("main .error-summary").Length() != 1 || doc.Find("#f-quorum").AttrOr("value", "") != bad {
			t.Fatalf("quorum %q: %d, summary %d", bad, code, doc.Find("main .error-summary").Length())
		}
	}
	code, loc, _ := f.postForm(cookie, path+"/kvorum", url.Values{"_csrf": {csrf}, "quorum": {"2"}, "version": {strconv.Itoa(st.Version)}})
	if code != 303 || loc != path+"/signering" {
		t.Fatalf("save quorum: %d %s", code, loc)
	}
	_, page := f.htmlGet("secretariat", path+"/signering")
	if q := mustDocString(t, page).Find(".quorum").Text(); !strings.Contains(q, "minst 2") {
		t.Fatalf("the board shows %q", q)
	}
}
