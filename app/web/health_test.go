package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/web"
	"github.com/samsyn/samsyn/search"
)

// TestReadyzStoreAndSearch: /readyz fails (503) when the store does not
// answer, whatever search does; a search engine that is down or off is
// reported but leaves the server ready, since writes go on without it.
func TestReadyzStoreAndSearch(t *testing.T) {
	t.Parallel()
	db := mongotest.MustOpenDB(t)
	down := search.OpenDeferred(t.Context(), func(context.Context) (app.SearchEngine, error) {
		return nil, errors.New("connection refused")
	}, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { _ = down.Close() })
	storeDown := func(context.Context) error { return errors.New("no reachable servers") }
	cases := []struct {
		name   string
		ready  func(context.Context) error
		engine app.SearchEngine
		status int
		store  string
		search string
	}{
		{"all up, search off", db.Ping, nil, 200, "ok", "off"},
		{"search down", db.Ping, down, 200, "ok", "unreachable"},
		{"store down", storeDown, down, 503, "unreachable", "unreachable"},
		{"store down, search off", storeDown, nil, 503, "unreachable", "off"},
	}
	for _, c := range cases {
		deps := web.Deps{Services: newServices(db, io.Discard), Ready: c.ready, Logger: slog.New(slog.DiscardHandler),
			Registry: prometheus.NewRegistry()}
		if c.engine != nil {
			deps.Search = c.engine
		}
		srv, err := web.New(deps, web.Config{BaseURL: "http://localhost:8080", NetworkName: "N", BodyLimit: 1 << 20,
			RequestTimeout: 10 * time.Second, LoginLimit: 5, LoginWindow: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.App().Test(httptest.NewRequest("GET", "/readyz", nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		var ans struct{ Status, Store, Search string }
		_ = json.NewDecoder(resp.Body).Decode(&ans)
		resp.Body.Close()
		if resp.StatusCode != c.status || ans.Store != c.store || ans.Search != c.search {
			t.Errorf("%s: %d %+v, want %d with store %s and search %s", c.name, resp.StatusCode, ans, c.status, c.store, c.search)
		}
	}
}
