package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/bleve"
	"github.com/samsyn/samsyn/search/meili"
)

// closedPort returns an address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestServesWithSearchDown: with SAMSYN_MEILI_URL at a closed port the
// server still starts (healthz within 10 s), a statement is saved, signed
// and published, /readyz is ready with search reported unreachable, and
// search answers 503 (JSON in the API, a message on the page). When an
// engine comes back (a Bleve index standing in, already holding a document
// so that no rebuild is started) the writes kept by their dirty marks are
// indexed by the sync: the published statement becomes findable.
func TestServesWithSearchDown(t *testing.T) {
	t.Parallel()
	dir, meiliURL := t.TempDir(), "http://"+closedPort(t)
	backDir := filepath.Join(dir, "search-back")
	seedIndex(t, backDir)
	var back atomic.Bool
	var waited atomic.Int64 // nanoseconds spent in the opener
	open := func(ctx context.Context) (app.SearchEngine, error) {
		defer func(start time.Time) { waited.Add(int64(time.Since(start))) }(time.Now())
		if !back.Load() {
			eng, err := meili.Open(ctx, meiliURL, "") // really tried: the port is closed
			if err == nil {
				return eng, fmt.Errorf("meilisearch answered at the closed port %s", meiliURL)
			}
			return nil, err
		}
		return bleve.Open(backDir)
	}
	start := time.Now()
	inst := startServeEnv(t, dir, func(e *env) { e.openEngine = open }, "SAMSYN_MEILI_URL", meiliURL)
	defer inst.stop()
	c := newClient(t)
	if resp, body := mustDo(t, c, "GET", inst.URL+"/healthz", "", nil); resp.StatusCode != 200 {
		t.Fatalf("/healthz: %d %s", resp.StatusCode, body)
	}
	// The server spent no more than the one bounded attempt on the engine
	// before it answered (the rest of the start is the store and the demo
	// data, slow under the race detector); healthz's time is logged.
	if d := time.Duration(waited.Load()); d > 10*time.Second {
		t.Errorf("serve spent %v trying the search engine before answering, want under 10 s", d)
	}
	t.Logf("/healthz answered %v after start, %v of it spent on the search engine", time.Since(start).Round(time.Millisecond),
		time.Duration(waited.Load()).Round(time.Millisecond))

	admin := signIn(t, inst.URL, inst.AdminEmail, inst.AdminPassword)
	st := publishOne(t, admin, "Vindkraftsparkerna i Gällivare behöver elnät")

	resp, body := mustDo(t, c, "GET", inst.URL+"/readyz", "", nil)
	var ready struct{ Status, Store, Search string }
	_ = json.Unmarshal([]byte(body), &ready)
	if resp.StatusCode != 200 || ready.Store != "ok" || ready.Search != "unreachable" {
		t.Errorf("/readyz with search down: %d %s, want 200 with store ok and search unreachable", resp.StatusCode, body)
	}
	resp, body = mustDo(t, c, "GET", inst.URL+"/api/v1/search?q=vindkraftsparkerna", "", nil)
	var apiErr struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(body), &apiErr); err != nil || resp.StatusCode != 503 || apiErr.Error.Code == "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("GET /api/v1/search with search down: %d %q %s, want 503 JSON with an error code",
			resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, body = mustDo(t, c, "GET", inst.URL+"/sok?q=vindkraftsparkerna", "", nil)
	if resp.StatusCode != 503 || !strings.Contains(body, "Sökningen är inte tillgänglig just nu") {
		t.Errorf("/sok with search down: %d, want 503 saying search is unavailable", resp.StatusCode)
	}

	back.Store(true)
	waitFound(t, inst.URL, "vindkraftsparkerna", st.ID)
	resp, body = mustDo(t, c, "GET", inst.URL+"/readyz", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"search":"ok"`) {
		t.Errorf("/readyz with search back: %d %s", resp.StatusCode, body)
	}
}

// seedIndex makes a Bleve index at dir holding one document, so that the
// sync, not a start-up rebuild, must bring the server's writes to it.
func seedIndex(t *testing.T, dir string) {
	t.Helper()
	eng, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc := app.SearchDoc{ID: "seed", Type: app.TypeIssue, Title: "Fröet", Status: "open"}
	if err := eng.Internal().Index(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}
}

// publishOne creates a statement with title, has one signatory sign it and
// publishes it.
func publishOne(t *testing.T, admin *session, title string) apiStatement {
	t.Helper()
	members, _ := signers(t, admin, "ett långt lösenord för test", 1)
	var st apiStatement
	admin.call(201, "POST", "/api/v1/statements", `{"kind":"position_paper","title":"`+title+`",`+
		`"summary":"Kort.","body":"Text om elnätet.","topics":["elnät"]}`, &st)
	signBy := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	admin.call(200, "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+signBy+`"}`, &st)
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	members[0].call(201, "POST", "/api/v1/statements/"+st.ID+"/signatures", fmt.Sprintf(`{"decision":"signed",`+
		`"content_hash":%q,"signatory_name":"KSO","signatory_title":"Kommunstyrelsens ordförande","decided_by":"KS",`+
		`"decided_on":%q,"paragraph":"§ 1"}`, st.ContentHash, yesterday), nil)
	admin.call(200, "POST", "/api/v1/statements/"+st.ID+"/publish", "", &st)
	if st.Status != "published" {
		t.Fatalf("publish: status %q", st.Status)
	}
	return st
}

// waitFound searches the public index until the statement id is a hit; the
// engine's reopening backs off up to 30 s, so it waits up to two minutes.
func waitFound(t *testing.T, base, q, id string) {
	t.Helper()
	client := newClient(t)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, body := mustDo(t, client, "GET", base+"/api/v1/search?q="+q, "", nil)
		var res struct{ Hits []struct{ ID string } }
		if resp.StatusCode == 200 && json.Unmarshal([]byte(body), &res) == nil {
			for _, h := range res.Hits {
				if h.ID == id {
					return
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("statement %s not found by %q two minutes after the engine came back: %d %s", id, q, resp.StatusCode, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestSearchOff: SAMSYN_SEARCH=off runs without a search engine: ready,
// search reported off, search answers 503 JSON, writes succeed.
func TestSearchOff(t *testing.T) {
	t.Parallel()
	inst := startServe(t, t.TempDir(), "SAMSYN_SEARCH", "off")
	defer inst.stop()
	c := newClient(t)
	resp, body := mustDo(t, c, "GET", inst.URL+"/readyz", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"search":"off"`) {
		t.Errorf("/readyz with SAMSYN_SEARCH=off: %d %s", resp.StatusCode, body)
	}
	admin := signIn(t, inst.URL, inst.AdminEmail, inst.AdminPassword)
	admin.call(201, "POST", "/api/v1/statements", `{"kind":"position_paper","title":"Utan sökning","body":"Text."}`, nil)
	resp, body = mustDo(t, c, "GET", inst.URL+"/api/v1/search?q=text", "", nil)
	if resp.StatusCode != 503 || !strings.Contains(body, `"error"`) {
		t.Errorf("search with SAMSYN_SEARCH=off: %d %s, want 503 JSON", resp.StatusCode, body)
	}
}
