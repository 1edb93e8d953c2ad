package meili

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// The contract test runs the adapter against a server that records every
// request and answers with bodies copied from Meilisearch's source at the
// pinned tag (testdata/<tag>/README.md says where each comes from), then
// checks each request against the table of what that version accepts
// (contract_table_test.go). It is not a fake Meilisearch: it searches
// nothing and claims nothing about results; it proves only that every
// request the adapter sends would be accepted.

// recorder is the recording server.
type recorder struct {
	t        *testing.T
	mu       sync.Mutex
	reqs     []recorded
	nextTask int
	tasks    map[int]string                        // task uid → index uid
	settings map[string]map[string]json.RawMessage // index uid → fields PATCHed
	indexes  []string                              // made and not dropped, in order
	keys     int
}

func newRecorder(t *testing.T) (*recorder, *httptest.Server) {
	r := &recorder{t: t, tasks: map[int]string{}, settings: map[string]map[string]json.RawMessage{}}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := recorded{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Body: b, Auth: req.Header.Get("Authorization")}
	r.reqs = append(r.reqs, rec)
	status, answer := r.answer(rec)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(answer)
}

// answer picks the copied body for the route and fills in what the server
// would (task and index uids, the key's own fields, the settings set).
func (r *recorder) answer(rec recorded) (int, map[string]any) {
	e, ok := route(rec.Method, rec.Path)
	if !ok {
		return http.StatusNotFound, map[string]any{"message": "not in the contract table", "code": "not_found"}
	}
	seg := strings.Split(rec.Path, "/")
	switch e.handler {
	case "get_health":
		return 200, r.load("health.json")
	case "get_task":
		a := r.load("task.json")
		var uid int
		_, _ = fmt.Sscan(seg[2], &uid)
		a["uid"], a["indexUid"] = uid, r.tasks[uid]
		return 200, a
	case "get_index":
		a := r.load("index.json")
		a["uid"], a["primaryKey"] = seg[2], fieldID
		return 200, a
	case "get_all":
		a := r.load("settings.json")
		for k, v := range r.settings[seg[2]] {
			a[k] = v
		}
		return 200, a
	case "list_indexes":
		a := r.load("indexes.json")
		example := a["results"].([]any)[0].(map[string]any)
		var results []any
		for _, uid := range r.indexes {
			ix := maps.Clone(example)
			ix["uid"], ix["primaryKey"] = uid, fieldID
			results = append(results, ix)
		}
		a["results"], a["limit"], a["total"] = results, len(results), len(results)
		return 200, a
	case "delete_index":
		r.indexes = slices.DeleteFunc(r.indexes, func(uid string) bool { return uid == seg[2] })
	case "create_index":
		var c struct{ UID string }
		_ = json.Unmarshal(rec.Body, &c)
		if !slices.Contains(r.indexes, c.UID) {
			r.indexes = append(r.indexes, c.UID)
		}
	case "list_api_keys":
		return 200, r.load("keys.json")
	case "create_api_key":
		return 201, r.createdKey(rec.Body)
	case "search_with_post":
		return 200, r.load("search.json")
	case "update_all":
		var set map[string]json.RawMessage
		_ = json.Unmarshal(rec.Body, &set)
		if r.settings[seg[2]] == nil {
			r.settings[seg[2]] = map[string]json.RawMessage{}
		}
		maps.Copy(r.settings[seg[2]], set)
	}
	return 202, r.enqueued(rec, seg)
}

func (r *recorder) enqueued(rec recorded, seg []string) map[string]any {
	a := r.load("task-enqueued.json")
	r.nextTask++
	index := ""
	if len(seg) > 2 && seg[1] == "indexes" {
		index = seg[2]
	} else if rec.Path == "/indexes" {
		var c struct{ UID string }
		_ = json.Unmarshal(rec.Body, &c)
		index = c.UID
	}
	r.tasks[r.nextTask] = index
	a["taskUid"], a["indexUid"] = r.nextTask, index
	return a
}

func (r *recorder) createdKey(body []byte) map[string]any {
	a := r.load("key-created.json")
	var in map[string]any
	_ = json.Unmarshal(body, &in)
	for _, k := range []string{"name", "description", "actions", "indexes", "expiresAt"} {
		a[k] = in[k]
	}
	r.keys++
	a["key"] = fmt.Sprintf("%064x", r.keys)
	return a
}

func (r *recorder) load(name string) map[string]any {
	b, err := os.ReadFile(filepath.Join("testdata", PinnedVersion, name))
	if err != nil {
		r.t.Fatalf("answer: %v", err)
	}
	var a map[string]any
	if err := json.Unmarshal(b, &a); err != nil {
		r.t.Fatalf("answer %s: %v", name, err)
	}
	return a
}

// driveAdapter runs every operation of the adapter once against url.
func driveAdapter(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	e, err := Open(ctx, url, "a-master-key-for-setup-only")
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer e.Close()
	published := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	doc := app.SearchDoc{ID: "stmt-1", Type: "statement", Kind: "joint_statement", Title: "Elnätet i norr",
		Body: "Elnätet byggs ut.", Topics: []string{"elnät"}, Members: []string{"Oxelösund"}, PublishedAt: published}
	must(t, e.Public().Index(ctx, doc))
	must(t, e.Internal().Index(ctx, doc))
	must(t, e.Public().Delete(ctx, "stmt-1"))
	for _, q := range []app.SearchQuery{
		{Text: "elnätet i norr", Kind: "joint_statement", Topic: "elnät", Member: "Oxelösund", Year: 2025, Type: "statement"},
		{Text: "", Sort: app.SortNewest, Page: app.Page{Number: 2, Size: 10}},
	} {
		if _, err := e.Public().Search(ctx, q); err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
	}
	must(t, e.Ping(ctx))
	r, err := e.Rebuild(ctx)
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	must(t, r.Public().Index(ctx, doc))
	must(t, r.Commit(ctx))
	r, err = e.Rebuild(ctx)
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	must(t, r.Abort(ctx))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestContractEveryRequestIsAccepted: every request the adapter sends
// (index set-up, settings, keys, documents added, replaced and deleted,
// searches, swap, tasks) is one the pinned Meilisearch accepts, field by
// field.
func TestContractEveryRequestIsAccepted(t *testing.T) {
	t.Parallel()
	rec, srv := newRecorder(t)
	driveAdapter(t, srv.URL)
	reqs := rec.requests()
	seen := map[string]bool{}
	for _, r := range reqs {
		for _, v := range violations(r) {
			t.Error(v)
		}
		if e, ok := route(r.Method, r.Path); ok {
			seen[e.handler] = true
		}
	}
	for _, e := range endpoints {
		if !seen[e.handler] {
			t.Errorf("the adapter never called %s %s (%s): drive it or drop it from the table", e.method, e.path, e.handler)
		}
	}
	staging := map[string]bool{}
	for _, r := range reqs {
		var c struct{ UID string }
		if r.Method == "POST" && r.Path == "/indexes" && json.Unmarshal(r.Body, &c) == nil && strings.Contains(c.UID, nextSuffix) {
			if staging[c.UID] {
				t.Errorf("two rebuilds filled the same staging index %s", c.UID)
			}
			staging[c.UID] = true
		}
	}
	if len(staging) != 4 {
		t.Errorf("two rebuilds made staging indexes %v, want four of their own", staging)
	}
	if testing.Verbose() {
		for _, r := range reqs {
			t.Logf("%s %s", r, r.Body)
		}
	}
}

// TestContractRefusesWhatTheServerWould: the check is not vacuous. A
// request the pinned version would refuse — an unknown field at the top or
// nested, a missing required field, an unknown query parameter or route —
// is reported.
func TestContractRefusesWhatTheServerWould(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		r    recorded
		want string
	}{
		{"unknown top-level field", recorded{Method: "POST", Path: "/indexes/x/search",
			Body: []byte(`{"q":"elnät","rankingScore":true}`)}, "unknown field rankingScore: SearchQuery"},
		{"unknown nested field", recorded{Method: "PATCH", Path: "/indexes/x/settings",
			Body: []byte(`{"typoTolerance":{"enabled":true,"minWordSizeForTypos":{"oneTypo":5,"threeTypos":12}}}`)},
			"unknown field typoTolerance.minWordSizeForTypos.threeTypos: MinWordSizeTyposSetting"},
		{"unknown field in an array", recorded{Method: "POST", Path: "/swap-indexes",
			Body: []byte(`[{"indexes":["a","b"]},{"indexes":["c","d"],"atomic":true}]`)}, "unknown field [1].atomic: SwapIndexesPayload"},
		{"missing required field", recorded{Method: "POST", Path: "/keys",
			Body: []byte(`{"actions":["search"],"indexes":["a"]}`)}, "missing required field expiresAt of CreateApiKey"},
		{"unknown query parameter", recorded{Method: "GET", Path: "/keys", Query: url.Values{"from": {"0"}}},
			`query parameter "from" is not accepted by ListApiKeys`},
		{"unknown route", recorded{Method: "POST", Path: "/indexes/x/facet-search", Body: []byte(`{}`)}, "no such route"},
		{"documents not an array", recorded{Method: "POST", Path: "/indexes/x/documents", Body: []byte(`{"id":"a"}`)},
			"must be an array of documents"},
	}
	for _, c := range cases {
		got := strings.Join(violations(c.r), "\n")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: violations = %q, want one containing %q", c.name, got, c.want)
		}
	}
}

// TestContractScopedKeys: with the search keys given (WithSearchKeys, as
// docker-compose.yml's setup makes them) the adapter manages no keys, each
// index is searched with its own search key, and every other request
// carries the app's key — never a search key, and never the master key,
// which the app does not have.
func TestContractScopedKeys(t *testing.T) {
	t.Parallel()
	rec, srv := newRecorder(t)
	ctx := t.Context()
	e, err := Open(ctx, srv.URL, "app-key", WithSearchKeys("public-search-key", "internal-search-key"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	must(t, e.Public().Index(ctx, app.SearchDoc{ID: "s1", Type: "statement", Title: "Elnätet"}))
	for _, ix := range []app.SearchIndex{e.Public(), e.Internal()} {
		if _, err := ix.Search(ctx, app.SearchQuery{Text: "elnätet"}); err != nil {
			t.Fatal(err)
		}
	}
	searches := map[string]string{}
	for _, r := range rec.requests() {
		for _, v := range violations(r) {
			t.Error(v)
		}
		switch {
		case strings.HasPrefix(r.Path, "/keys"):
			t.Errorf("%s: the adapter manages keys although it was given them", r)
		case strings.HasSuffix(r.Path, "/search"):
			searches[r.Path] = r.Auth
		case r.Path != "/health" && r.Auth != "Bearer app-key":
			t.Errorf("%s carries %q, want the app's key", r, r.Auth)
		}
	}
	want := map[string]string{"/indexes/samsyn_public/search": "Bearer public-search-key",
		"/indexes/samsyn_internal/search": "Bearer internal-search-key"}
	if !maps.Equal(searches, want) {
		t.Errorf("searches were authorised with %v, want %v", searches, want)
	}
}

// TestRebuildDropsStagingLeftOver: a rebuild drops the staging indexes an
// interrupted rebuild left behind (older than staleStaging: the copied
// answer says 2019), and only those, not the live ones nor another
// installation's.
func TestRebuildDropsStagingLeftOver(t *testing.T) {
	t.Parallel()
	rec, srv := newRecorder(t)
	rec.indexes = []string{"samsyn_public_next_0badc0ffee00", "other_public_next_0badc0ffee00", "samsyn_publication"}
	ctx := t.Context()
	e, err := Open(ctx, srv.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	r, err := e.Rebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	must(t, r.Abort(ctx))
	var made, dropped []string // by this rebuild; others it dropped
	for _, q := range rec.requests() {
		for _, v := range violations(q) {
			t.Error(v)
		}
		var c struct{ UID string }
		switch uid := strings.TrimPrefix(q.Path, "/indexes/"); {
		case q.Method == "POST" && q.Path == "/indexes" && json.Unmarshal(q.Body, &c) == nil:
			made = append(made, c.UID)
		case q.Method == "DELETE" && !slices.Contains(made, uid):
			dropped = append(dropped, uid)
		}
	}
	if !slices.Equal(dropped, []string{"samsyn_public_next_0badc0ffee00"}) {
		t.Errorf("dropped %v, want only the left-over staging index samsyn_public_next_0badc0ffee00", dropped)
	}
	if !slices.Contains(rec.indexes, "other_public_next_0badc0ffee00") || !slices.Contains(rec.indexes, "samsyn_publication") {
		t.Errorf("indexes left: %v", rec.indexes)
	}
}
