package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/pdftext"
	"github.com/samsyn/samsyn/app/pdftext/pdftexttest"
	"github.com/samsyn/samsyn/app/regeringen"
)

// inviteeServer serves one remiss page that links its invitee list, and
// the list: a numbered PDF naming Skellefteå kommun (fixture member A)
// among near-misses, not Oxelösund (member B).
func inviteeServer(t *testing.T) *httptest.Server {
	list := pdftexttest.Text(t, "Remissinstanser", strings.Join([]string{"1. Energimyndigheten", "2. Länsstyrelsen i Västerbottens län",
		"3. Region Västerbotten", "4. Skellefteå kommun", "5. Skellefteå Kraft AB", "6. Oxelösunds Hamn AB", "7. Umeå universitet"}, "\n"))
	mux := http.NewServeMux()
	mux.HandleFunc("/remisser/2026/07/remiss-om-elnatet/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<html><body><main><h1>Remiss om elnätet</h1><div class="col-1">` +
			`<p>Remissvaren ska ha kommit in senast den 30 oktober 2026.</p>` +
			`<h2>Remissinstanser:</h2><div><a href="/contentassets/x/remissinstanser.pdf">Remissinstanser (pdf 90 kB)</a></div>` +
			`</div></main></body></html>`))
	})
	mux.HandleFunc("/contentassets/x/remissinstanser.pdf", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(list)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestInvitedMembersShown: the harvest reads the invitee list of a remiss
// waiting in triage; the inbox shows "Inbjudna medlemmar: Skellefteå"; once
// accepted, the consultation page lists the invited members under their
// heading, in Swedish and in English, with a link to the list.
func TestInvitedMembersShown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	srv := inviteeServer(t)
	pageURL := srv.URL + "/remisser/2026/07/remiss-om-elnatet/"
	res, err := f.services.Imports.Import(ctx, nil, []*app.RemissIntake{{Listing: true, Title: "Remiss om elnätet",
		SourceURL: pageURL, Reference: "KN2026/7001", Issuer: "Klimat- och näringslivsdepartementet"}})
	if err != nil || res[0].TriageID == "" {
		t.Fatalf("triage: %v %+v", err, res)
	}
	st := mongodb.Stores(f.db)
	text := pdftext.New()
	t.Cleanup(func() { _ = text.Close() })
	h := &app.Harvester{Consultations: st.Consultations, Responses: st.ExternalResponses, States: st.RemissPages,
		Members: st.Members, Triage: st.Triage, Fetcher: regeringen.HarvestFetcher{UserAgent: "Samsyn/test"}, Text: text,
		Leases: st.Leases, Clock: app.SystemClock{}, Events: f.services.Events, Holder: "web-test"}
	if n, err := h.Turn(ctx); err != nil || n != 1 {
		t.Fatalf("turn: %d %v", n, err)
	}
	html := map[string]string{"Accept": "text/html"}
	inbox := mustDoc(t, f.do(request{method: "GET", path: "/internt/inkorg", role: "secretariat", headers: html}))
	row := strings.Join(strings.Fields(inbox.Find("#t-"+res[0].TriageID).Text()), " ")
	if !strings.Contains(row, "Inbjudna medlemmar: Skellefteå") || strings.Contains(row, "Oxelösund") {
		t.Fatalf("inbox row: %q", row)
	}

	c, err := f.services.Triage.Accept(ctx, f.byRole["secretariat"], res[0].TriageID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []struct{ query, heading string }{{"", "Inbjudna medlemmar"}, {"?lang=en", "Invited members"}} {
		resp := f.do(request{method: "GET", path: "/internt/remisser/" + c.ID + lang.query, role: "memberB", headers: html})
		doc := mustDoc(t, resp)
		sec := doc.Find(`section[aria-labelledby="inbjudna"]`)
		members := strings.Join(strings.Fields(sec.Find("ul.invited-members").Text()), " ")
		link, _ := sec.Find("a").Attr("href")
		if resp.StatusCode != 200 || strings.TrimSpace(sec.Find("h2").Text()) != lang.heading || members != "Skellefteå" ||
			link != srv.URL+"/contentassets/x/remissinstanser.pdf" {
			t.Errorf("consultation page%s: %d, heading %q, members %q, link %q", lang.query, resp.StatusCode,
				sec.Find("h2").Text(), members, link)
		}
	}
	other := f.mustConsultation("Remiss utan lista", "KN2026/7002", app.ConsultationAssessing, 40, "")
	doc := mustDoc(t, f.do(request{method: "GET", path: "/internt/remisser/" + other.ID, role: "secretariat", headers: html}))
	if doc.Find(`section[aria-labelledby="inbjudna"]`).Length() != 0 {
		t.Error("a remiss whose invitee list was never read shows the section")
	}
}
