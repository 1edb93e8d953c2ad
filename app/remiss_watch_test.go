package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

// movableClock is a clock the test moves.
type movableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movableClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movableClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// listingServer serves the captured listing with an ETag (honouring
// If-None-Match), a page that is no remiss, and a server error, and counts
// the requests and notes their User-Agent.
func listingServer(t *testing.T) (*httptest.Server, *atomic.Int32, *atomic.Value) {
	listing := regeringentest.Read(t, "listing.html")
	var n atomic.Int32
	var agent atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		agent.Store(r.UserAgent())
		switch r.URL.Path {
		case "/remisser/":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			_, _ = w.Write(listing)
		case "/press/":
			_, _ = w.Write([]byte("<html><body><main><h1>Pressmeddelande</h1></main></body></html>"))
		default:
			http.Error(w, "underhåll", http.StatusServiceUnavailable)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n, &agent
}

// TestRemissWatch: the watch fetches the listing into triage (nothing in
// the register), waits its turn, asks conditionally (304: nothing new),
// backs off after a 5xx (5, then 10 minutes), records why a page that is
// no remiss page was refused, and two watchers due at once fetch once.
func TestRemissWatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	st := mongodb.Stores(db)
	clock := &movableClock{t: time.Date(2026, 9, 1, 8, 0, 0, 0, app.Stockholm)}
	svc := app.NewServices(st, app.ServiceConfig{Clock: clock, IdleTimeout: time.Hour, AbsoluteTimeout: time.Hour})
	srv, requests, agent := listingServer(t)
	watch := func(path, holder string) *app.RemissWatch {
		return &app.RemissWatch{URL: srv.URL + path, Every: 6 * time.Hour, Leases: mongodb.NewLeaseStore(db),
			States: mongodb.NewTriageStore(db), Imports: svc.Imports, Clock: clock, Holder: holder,
			Fetcher: regeringen.ListingFetcher{UserAgent: "Samsyn/test (remissbevakning; +https://samsyn.example.se)"},
			Jitter:  func(time.Duration) time.Duration { return 0 }}
	}
	w := watch("/remisser/", "a")
	if fetched, err := w.Turn(ctx); err != nil || !fetched {
		t.Fatalf("first turn: %v %v", fetched, err)
	}
	if n, _ := svc.Triage.Pending(ctx); n != 20 {
		t.Fatalf("%d remisser in triage after the first fetch", n)
	}
	if _, n, _ := svc.Consultations.List(ctx, app.ConsultationFilter{}); n != 0 {
		t.Fatalf("the watch put %d remisser in the register", n)
	}
	if ua, _ := agent.Load().(string); !strings.HasPrefix(ua, "Samsyn/") {
		t.Errorf("User-Agent %q", ua)
	}
	if fetched, _ := w.Turn(ctx); fetched || requests.Load() != 1 {
		t.Fatalf("fetched again before its turn: %d requests", requests.Load())
	}
	clock.add(6 * time.Hour)
	if fetched, err := w.Turn(ctx); err != nil || !fetched || requests.Load() != 2 {
		t.Fatalf("second turn: %v %v", fetched, err)
	}
	if s, _ := w.Status(ctx); s.LastError != "" || s.ETag != `"v1"` || s.Added != 20 {
		t.Fatalf("after a 304: %+v", s)
	}

	// Two watchers due at once: one fetch.
	clock.add(6 * time.Hour)
	var wg sync.WaitGroup
	var fetches atomic.Int32
	for _, h := range []string{"a", "b"} {
		wg.Go(func() {
			if ok, err := watch("/remisser/", h).Turn(ctx); err != nil {
				t.Error(err)
			} else if ok {
				fetches.Add(1)
			}
		})
	}
	wg.Wait()
	if fetches.Load() != 1 || requests.Load() != 3 {
		t.Fatalf("two watchers: %d turns fetched, %d requests in all", fetches.Load(), requests.Load())
	}

	down := watch("/nere/", "a")
	for i, wait := range []time.Duration{5 * time.Minute, 10 * time.Minute} {
		if _, err := down.Turn(ctx); err != nil {
			t.Fatal(err)
		}
		s, _ := down.Status(ctx)
		if s.Failures != i+1 || !strings.Contains(s.LastError, "503") || !s.NextFetch.Equal(clock.Now().Add(wait)) {
			t.Fatalf("after %d server errors: %+v", i+1, s)
		}
		clock.add(wait)
	}
	press := watch("/press/", "a")
	if _, err := press.Turn(ctx); err != nil {
		t.Fatal(err)
	}
	if s, _ := press.Status(ctx); !strings.Contains(s.LastError, "ingen remiss") || !s.NextFetch.Equal(clock.Now().Add(6*time.Hour)) {
		t.Fatalf("a page that is no remiss: %+v", s)
	}
}
