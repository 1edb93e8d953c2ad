package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/pdftext"
	"github.com/samsyn/samsyn/app/pdftext/pdftexttest"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

// casePath is where the captured closed case lives on regeringen.se (its
// canonical address), and so on the test server.
const casePath = "/remisser/2026/04/remiss-av-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614/"

// inviteesFile is the name of the case's invitee list.
const inviteesFile = "remissinstanser-for-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614.pdf"

// remissServer serves the captured closed case (its regeringen.se
// addresses turned into the server's own) and a PDF for every answer it
// lists, each with an ETag it honours; it counts the requests per file
// and notes which were conditional. A file in failing answers 503 until
// the test lets it through.
type remissServer struct {
	*httptest.Server
	mu          sync.Mutex
	pdfs        map[string][]byte // by file name
	requests    map[string]int    // by file name ("" for the page)
	conditional map[string]int
	failing     map[string]bool
	agents      map[string]bool
	page        string
}

func newRemissServer(t *testing.T, pdfs map[string][]byte) *remissServer {
	s := &remissServer{pdfs: pdfs, requests: map[string]int{}, conditional: map[string]int{}, failing: map[string]bool{},
		agents: map[string]bool{}, page: string(regeringentest.Read(t, "case-closed.html"))}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *remissServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name := path.Base(r.URL.Path)
	if r.URL.Path == casePath {
		name = ""
	}
	s.requests[name]++
	s.agents[r.UserAgent()] = true
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.conditional[name]++
	}
	etag := `"v1-` + name + `"`
	switch {
	case s.failing[name]:
		http.Error(w, "underhåll", http.StatusServiceUnavailable)
		return
	case r.Header.Get("If-None-Match") == etag:
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Tue, 30 Jun 2026 08:00:00 GMT")
	if name == "" {
		_, _ = w.Write([]byte(strings.ReplaceAll(s.page, "https://www.regeringen.se", s.URL)))
		return
	}
	pdf, ok := s.pdfs[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = w.Write(pdf)
}

func (s *remissServer) count(name string) (requests, conditional int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[name], s.conditional[name]
}

func (s *remissServer) fail(name string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failing[name] = on
}

// answerFiles are the 17 PDFs the closed case links, by file name.
var answerFiles = []string{"forvaltningsratten-i-jonkoping.pdf", "kammarkollegiet.pdf", "kammarratten-i-jonkoping.pdf",
	"kemikalieinspektionen.pdf", "konkurrensverket.pdf", "konsumentverket.pdf", "patent-och-registreringsverket.pdf",
	"polismyndigheten.pdf", "regelradet.pdf", "riksarkivet.pdf", "rise-research-institutes-of-sweden-ab.pdf",
	"statskontoret.pdf", "styrelsen-for-ackreditering-och-teknisk-kontroll.pdf", "sveriges-advokatsamfund.pdf",
	"tillvaxtverket.pdf", "tullverket.pdf", "upphandlingsmyndigheten.pdf"}

// remissvarPDFs makes the answers: Förvaltningsrätten's is a scan, the
// others say in the words remissvar use where they stand.
func remissvarPDFs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{"forvaltningsratten-i-jonkoping.pdf": pdftexttest.Scan(t)}
	for i, f := range answerFiles[1:] {
		org := strings.TrimSuffix(f, ".pdf")
		var stance string
		switch {
		case f == "kammarkollegiet.pdf":
			stance = "Kammarkollegiet har inga synpunkter på förslagen i betänkandet."
		case f == "sveriges-advokatsamfund.pdf":
			stance = "Advokatsamfundet avstyrker förslaget om att avskaffa kontrollstämplingen, eftersom konsumentskyddet då försvagas."
		case i%2 == 0:
			stance = "Myndigheten tillstyrker utredningens förslag om en moderniserad reglering av handeln med ädelmetallarbeten."
		default:
			stance = "Myndigheten delar utredningens bedömning att nuvarande regler om kontroll av ädelmetallarbeten är föråldrade."
		}
		out[f] = pdftexttest.Text(t, "Remissvar: Ädelmetallutredningen – en moderniserad reglering av handel med ädelmetallarbeten (SOU 2026:14)",
			"Diarienummer KN2026/00741. Svar från "+org+".", stance,
			"I detta ärende har generaldirektören beslutat. Föredragande har varit en handläggare vid avdelningen för juridik och ekonomi.")
	}
	out[inviteesFile] = inviteeListPDF(t)
	return out
}

// inviteeListPDF is an invitee list laid out as Regeringskansliet's are:
// a numbered list of 40 bodies, one per line, three of them members
// (Luleå kommun, Kiruna kommun, Skellefteå kommun) among near-misses
// (Luleå tekniska universitet, Region Norrbotten, Skellefteå Kraft AB,
// Gällivare Energi AB).
func inviteeListPDF(t *testing.T) []byte {
	t.Helper()
	names := []string{"Riksdagens ombudsmän (JO)", "Hovrätten över Skåne och Blekinge", "Kammarrätten i Jönköping",
		"Förvaltningsrätten i Jönköping", "Justitiekanslern", "Kammarkollegiet", "Kemikalieinspektionen", "Konkurrensverket",
		"Konsumentverket", "Kronofogdemyndigheten", "Luleå tekniska universitet", "Länsstyrelsen i Norrbottens län",
		"Patent- och registreringsverket", "Polismyndigheten", "Regelrådet", "Region Norrbotten", "Riksarkivet",
		"RISE Research Institutes of Sweden AB", "Statskontoret", "Styrelsen för ackreditering och teknisk kontroll",
		"Tillväxtverket", "Tullverket", "Upphandlingsmyndigheten", "Luleå kommun", "Kiruna kommun", "Skellefteå kommun",
		"Skellefteå Kraft AB", "Gällivare Energi AB", "Stockholms stad", "Malmö stad", "Sveriges advokatsamfund",
		"Sveriges Kommuner och Regioner", "Svensk Handel", "Svenskt Näringsliv", "Företagarna", "Guldsmedsbranschens förening",
		"Swedac", "Teknikföretagen", "Konsumenternas Bank- och finansbyrå", "Näringslivets regelnämnd"}
	if len(names) != 40 {
		t.Fatalf("%d names", len(names))
	}
	var list strings.Builder
	for i, n := range names {
		if i > 0 {
			list.WriteString("\n")
		}
		fmt.Fprintf(&list, "%d. %s", i+1, n)
	}
	return pdftexttest.Text(t, "Remissinstanser", list.String(), "Klimat- och näringslivsdepartementet")
}

// harvestWorld is a register on the real embedded store with members and
// the closed case registered, and the server that serves it.
type harvestWorld struct {
	db     *mongodb.DB
	clock  *movableClock
	srv    *remissServer
	events *eventRecorder
	caseID string
}

// extractor is one PDFium for the package's harvest tests: it starts once.
var extractor = pdftext.New()

func newHarvestWorld(t *testing.T) *harvestWorld {
	t.Helper()
	w := &harvestWorld{db: mongotest.MustOpenDB(t), events: &eventRecorder{},
		clock: &movableClock{t: time.Date(2026, 7, 1, 8, 0, 0, 0, app.Stockholm)}}
	w.srv = newRemissServer(t, remissvarPDFs(t))
	svc := w.services("setup")
	ctx := context.Background()
	staff := &app.User{Name: "Karin Kansli", Role: app.RoleSecretariat}
	for _, m := range [][2]string{{"Luleå kommun", "2580"}, {"Kiruna", "2584"}, {"Skellefteå kommun", "2482"}, {"Gällivare kommun", "2523"}} {
		if _, err := svc.Members.Create(ctx, staff, m[0], m[1], ""); err != nil {
			t.Fatal(err)
		}
	}
	res, err := svc.Imports.Import(ctx, staff, []*app.RemissIntake{{SourceURL: w.srv.URL + casePath,
		Title: "Remiss av Ädelmetallutredningen", Reference: "KN2026/00741", Issuer: "Klimat- och näringslivsdepartementet"}})
	if err != nil || res[0].ConsultationID == "" {
		t.Fatalf("register the case: %v %+v", err, res)
	}
	w.caseID = res[0].ConsultationID
	return w
}

// services are one replica's services; its harvester holds the lease as
// holder and records the events it publishes.
func (w *harvestWorld) services(holder string) *app.Services {
	ev := &app.Events{}
	ev.Subscribe("record", w.events.handle)
	svc := app.NewServices(mongodb.Stores(w.db), app.ServiceConfig{Clock: w.clock, Events: ev, IdleTimeout: time.Hour,
		AbsoluteTimeout: time.Hour, TextExtractor: extractor,
		HarvestFetcher: regeringen.HarvestFetcher{UserAgent: "Samsyn/test (remissvar; +https://samsyn.example.se)"}})
	svc.Harvester.Holder = holder
	svc.Harvester.Jitter = func(time.Duration) time.Duration { return 0 }
	return svc
}

func kinds(events []app.Event) map[string]int {
	out := map[string]int{}
	for _, e := range events {
		out[e.Kind]++
	}
	return out
}

// TestHarvestRemissvar: the scheduled harvest reads the captured case's 17
// answers from the test server. The scan is stored as having no text, a
// PDF that answers 503 is not stored and is asked for again after the
// back-off (5 minutes), not before; the second harvest asks for the page
// and each PDF conditionally, gets 304 and changes nothing; the invitee
// list names exactly the three members on it.
func TestHarvestRemissvar(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newHarvestWorld(t)
	svc := w.services("a")
	w.events.take()
	w.srv.fail("tullverket.pdf", true)

	if n, err := svc.Harvester.Turn(ctx); err != nil || n != 1 {
		t.Fatalf("first turn: %d pages, %v", n, err)
	}
	list, err := svc.ExternalResponses.List(ctx, w.caseID)
	if err != nil || len(list) != 16 {
		t.Fatalf("%d answers stored, want 16 (Tullverket's failed): %v", len(list), err)
	}
	byOrg := map[string]*app.ExternalResponse{}
	for _, listed := range list {
		r, err := svc.ExternalResponses.Get(ctx, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		byOrg[r.Organisation] = r
		if listed.Stance != r.Stance || listed.Quote != r.Quote || listed.Organisation != r.Organisation {
			t.Errorf("%s: the list shows %+v", r.Organisation, listed)
		}
		if r.Checksum != app.ResponseChecksum(r.Paragraphs) || r.ETag == "" || r.FetchedAt.IsZero() {
			t.Errorf("%s: checksum, validators or time missing: %+v", r.Organisation, r)
		}
		if !r.NoText && (len(r.Paragraphs) < 3 || !strings.Contains(r.Text(), "ädelmetallarbeten")) {
			t.Errorf("%s: text not read: %q", r.Organisation, r.Paragraphs)
		}
	}
	if _, ok := byOrg["Tullverket"]; ok {
		t.Error("an answer that met a 503 was stored")
	}
	scan := byOrg["Förvaltningsrätten i Jönköping"]
	if scan == nil || !scan.NoText || len(scan.Paragraphs) != 0 || scan.Stance != app.StanceUnclear || scan.OrgKind != app.OrgAuthority {
		t.Fatalf("the scan: %+v", scan)
	}
	kk := byOrg["Kammarkollegiet"]
	if kk == nil || kk.Stance != app.StanceNoComment || kk.Quote != "Kammarkollegiet har inga synpunkter på förslagen i betänkandet." {
		t.Fatalf("Kammarkollegiet: %+v", kk)
	}
	if r := byOrg["Sveriges advokatsamfund"]; r == nil || r.OrgKind != app.OrgOther || !strings.Contains(r.Text(), r.Quote) || r.Quote == "" {
		t.Errorf("advokatsamfundet: %+v", r)
	}
	if got := kinds(w.events.take()); got["external_response.add"] != 16 || got["consultation.invitees"] != 1 || len(got) != 2 {
		t.Errorf("events of the first harvest: %v", got)
	}
	inv, err := svc.ExternalResponses.Invitees(ctx, w.srv.URL+casePath)
	if err != nil || inv == nil || strings.Join(inv.Members, "|") != "Kiruna|Luleå kommun|Skellefteå kommun" {
		t.Fatalf("invited members: %+v %v", inv, err)
	}
	for _, f := range append([]string{"", inviteesFile}, answerFiles...) {
		if n, _ := w.srv.count(f); n != 1 {
			t.Errorf("%q asked for %d times in the first harvest", f, n)
		}
	}
	if len(w.srv.agents) != 1 || !w.srv.agents["Samsyn/test (remissvar; +https://samsyn.example.se)"] {
		t.Errorf("user agents: %v", w.srv.agents)
	}

	// Before the back-off has passed, nothing is fetched.
	w.clock.add(4 * time.Minute)
	if n, err := svc.Harvester.Turn(ctx); err != nil || n != 0 {
		t.Fatalf("a turn within the back-off fetched %d pages: %v", n, err)
	}
	w.srv.fail("tullverket.pdf", false)
	w.clock.add(2 * time.Minute)
	if n, err := svc.Harvester.Turn(ctx); err != nil || n != 1 {
		t.Fatalf("the turn after the back-off: %d, %v", n, err)
	}
	for _, f := range append([]string{"", inviteesFile}, answerFiles...) {
		n, cond := w.srv.count(f)
		if n != 2 || (f != "tullverket.pdf" && cond != 1) {
			t.Errorf("%q: %d requests, %d conditional; want 2 with the second conditional", f, n, cond)
		}
	}
	if got := kinds(w.events.take()); got["external_response.add"] != 1 || len(got) != 1 {
		t.Errorf("events of the second harvest (only Tullverket's answer is new): %v", got)
	}
	again, _ := svc.ExternalResponses.List(ctx, w.caseID)
	if len(again) != 17 {
		t.Fatalf("%d answers after the retry", len(again))
	}
	for _, r := range again {
		if old := byOrg[r.Organisation]; old != nil && (r.Version != old.Version || !r.UpdatedAt.Equal(old.UpdatedAt)) {
			t.Errorf("%s changed on a 304: version %d → %d", r.Organisation, old.Version, r.Version)
		}
	}

	// A forced harvest asks again, conditionally, and changes nothing.
	rep, err := svc.Harvester.Harvest(ctx, nil, w.caseID)
	if err != nil || !rep.NotModified || len(rep.Results) != 17 {
		t.Fatalf("forced harvest: %+v %v", rep, err)
	}
	for _, r := range rep.Results {
		if r.Outcome != app.HarvestUnchanged {
			t.Errorf("%s: %s on a 304", r.Organisation, r.Outcome)
		}
	}
	if got := w.events.take(); len(got) != 0 {
		t.Errorf("a harvest of nothing new published %v", kinds(got))
	}
}

// TestHarvestTwoReplicas: two replicas' harvesters, on one store, take
// their turns at once and again and again: each PDF is fetched once.
func TestHarvestTwoReplicas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newHarvestWorld(t)
	a, b := w.services("replica-a"), w.services("replica-b")
	for range 3 {
		var wg sync.WaitGroup
		for _, svc := range []*app.Services{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := svc.Harvester.Turn(ctx); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	for _, f := range append([]string{"", inviteesFile}, answerFiles...) {
		if n, _ := w.srv.count(f); n != 1 {
			t.Errorf("%q fetched %d times by two replicas", f, n)
		}
	}
	list, err := a.ExternalResponses.List(ctx, w.caseID)
	if err != nil || len(list) != 17 {
		t.Fatalf("%d answers: %v", len(list), err)
	}
	if got := kinds(w.events.take()); got["external_response.add"] != 17 {
		t.Errorf("events: %v", got)
	}
}

// TestHarvestPageFailures: a remiss page that answers 503 is recorded
// with its reason and asked for again after the back-off (5, then 10
// minutes), nothing stored meanwhile; a remiss whose deadline is more
// than a year past is left alone by the schedule.
func TestHarvestPageFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newHarvestWorld(t)
	svc := w.services("a")
	w.srv.fail("", true)
	if n, err := svc.Harvester.Turn(ctx); err != nil || n != 1 {
		t.Fatalf("turn: %d %v", n, err)
	}
	st, err := mongodb.NewExternalResponseStore(w.db).RemissPageState(ctx, w.srv.URL+casePath)
	if err != nil || st.Failures != 1 || !strings.Contains(st.LastError, "503") || !st.NextFetch.Equal(w.clock.Now().Add(5*time.Minute)) {
		t.Fatalf("state after a 503: %+v %v", st, err)
	}
	w.clock.add(5 * time.Minute)
	if n, _ := svc.Harvester.Turn(ctx); n != 1 {
		t.Fatal("not asked again after the back-off")
	}
	st, _ = mongodb.NewExternalResponseStore(w.db).RemissPageState(ctx, w.srv.URL+casePath)
	if st.Failures != 2 || !st.NextFetch.Equal(w.clock.Now().Add(10*time.Minute)) {
		t.Fatalf("second back-off: %+v", st)
	}
	if list, _ := svc.ExternalResponses.List(ctx, w.caseID); len(list) != 0 {
		t.Fatalf("%d answers stored from a page that failed", len(list))
	}
	if n, _ := w.srv.count("kammarkollegiet.pdf"); n != 0 {
		t.Fatalf("a PDF fetched though its page failed: %d", n)
	}

	w.srv.fail("", false)
	w.clock.add(2 * 366 * 24 * time.Hour)
	c, _ := svc.Consultations.Get(ctx, w.caseID)
	c.Deadline = app.DateOf(w.clock.Now()).AddDays(-app.HarvestWindowDays - 1)
	if err := mongodb.NewConsultationStore(w.db).UpdateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Harvester.Turn(ctx); err != nil || n != 0 {
		t.Fatalf("a remiss more than a year past its deadline was harvested: %d %v", n, err)
	}
	if rep, err := svc.Harvester.Harvest(ctx, nil, w.caseID); err != nil || len(rep.Results) != 17 {
		t.Fatalf("asked for, it is harvested: %+v %v", rep, err)
	}
}

// thief fetches as fakeHarvest does, but on the first PDF lets the lease
// expire and another replica take it.
type thief struct {
	*fakeHarvest
	clock  *movableClock
	leases app.LeaseStore
	docs   int
}

func (f *thief) FetchDocument(ctx context.Context, url, etag, lm string) (*app.DocumentAnswer, error) {
	f.docs++
	if f.docs == 1 {
		f.clock.add(4 * time.Minute)
		now := f.clock.Now()
		if ok, err := f.leases.AcquireLease(ctx, "remiss-harvest", "replica-b", now, now.Add(time.Hour)); !ok || err != nil {
			panic(fmt.Sprint("the thief got no lease: ", err))
		}
	}
	return f.fakeHarvest.FetchDocument(ctx, url, etag, lm)
}

// TestHarvestStopsWhenLeaseLost: a harvest whose lease expired while it
// read a PDF, and was taken by another replica, fetches nothing more.
func TestHarvestStopsWhenLeaseLost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	st := mongodb.Stores(db)
	clock := &movableClock{t: time.Date(2026, 7, 1, 8, 0, 0, 0, app.Stockholm)}
	fake := newFakeHarvest()
	f := &thief{fakeHarvest: fake, clock: clock, leases: st.Leases}
	svc := app.NewServices(st, app.ServiceConfig{Clock: clock, IdleTimeout: time.Hour, AbsoluteTimeout: time.Hour,
		HarvestFetcher: f, TextExtractor: fakeText{}})
	page := "https://www.regeringen.se/remisser/2026/05/z/"
	res, err := svc.Imports.Import(ctx, nil, []*app.RemissIntake{{SourceURL: page, Title: "Remiss om stöld", Reference: "KN2026/77"}})
	if err != nil {
		t.Fatal(err)
	}
	var answers []app.AnswerLink
	for i := range 3 {
		u := fmt.Sprintf("https://www.regeringen.se/contentassets/z/%d.pdf", i)
		answers = append(answers, app.AnswerLink{Organisation: fmt.Sprintf("Verk %d", i), URL: u})
		fake.doc(u, `"1"`, "Verket tillstyrker förslaget.")
	}
	fake.page(page, `"p"`, "", answers...)
	rep, err := svc.Harvester.Harvest(ctx, nil, res[0].ConsultationID)
	if err != nil || f.docs != 1 || len(rep.Results) != 1 {
		t.Fatalf("after losing the lease: %d PDFs fetched, %d results, %v", f.docs, len(rep.Results), err)
	}
}
