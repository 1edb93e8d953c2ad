package search_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// memSource is an in-memory store whose writes mark documents dirty in
// the same step that bumps their version, as the real stores do.
type memSource struct {
	mu      sync.Mutex
	docs    map[string]*memDoc
	onPend  func() // runs after PendingSearch answers, to race a write
	marked  int
	updated time.Time
}

type memDoc struct {
	task    app.IndexTask
	dirty   bool
	updated time.Time
}

func newMemSource() *memSource { return &memSource{docs: map[string]*memDoc{}} }

func (m *memSource) write(d app.SearchDoc) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur := m.docs[d.ID]
	if cur == nil {
		cur = &memDoc{}
		m.docs[d.ID] = cur
	}
	cur.task = app.IndexTask{Doc: d, Version: cur.task.Version + 1,
		Public: d.Type == app.TypeStatement && d.Status == "published"}
	cur.dirty, cur.updated = true, time.Now()
}

func (m *memSource) PendingSearch(_ context.Context, limit int) ([]app.IndexTask, error) {
	m.mu.Lock()
	var out []app.IndexTask
	ids := make([]string, 0, len(m.docs))
	for id := range m.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if d := m.docs[id]; d.dirty && len(out) < limit {
			out = append(out, d.task)
		}
	}
	hook := m.onPend
	m.onPend = nil
	m.mu.Unlock()
	if hook != nil {
		hook()
	}
	return out, nil
}

func (m *memSource) MarkIndexed(_ context.Context, id string, version int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d := m.docs[id]; d != nil && d.task.Version == version {
		d.dirty = false
		m.marked++
	}
	return nil
}

func (m *memSource) pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, d := range m.docs {
		if d.dirty {
			n++
		}
	}
	return n
}

func (m *memSource) lister() search.Lister {
	return func(_ context.Context, yield func(search.Listed) error) error {
		m.mu.Lock()
		var all []search.Listed
		for _, d := range m.docs {
			all = append(all, search.Listed{Task: d.task, UpdatedAt: d.updated})
		}
		m.mu.Unlock()
		for _, l := range all {
			if err := yield(l); err != nil {
				return err
			}
		}
		return nil
	}
}

// flaky wraps the real Bleve engine; while down, every write fails, and
// each failure is signalled on refused to whoever is receiving then.
type flaky struct {
	app.SearchEngine
	down    atomic.Bool
	refused chan struct{}
}

var errDown = errors.New("search engine is down")

func (f *flaky) Public() app.SearchIndex   { return flakyIndex{f.SearchEngine.Public(), f} }
func (f *flaky) Internal() app.SearchIndex { return flakyIndex{f.SearchEngine.Internal(), f} }

type flakyIndex struct {
	app.SearchIndex
	f *flaky
}

// refuse reports whether the engine is down, signalling the refusal.
func (f flakyIndex) refuse() bool {
	if !f.f.down.Load() {
		return false
	}
	select {
	case f.f.refused <- struct{}{}:
	default:
	}
	return true
}

func (f flakyIndex) Index(ctx context.Context, docs ...app.SearchDoc) error {
	if f.refuse() {
		return errDown
	}
	return f.SearchIndex.Index(ctx, docs...)
}

func (f flakyIndex) Delete(ctx context.Context, ids ...string) error {
	if f.refuse() {
		return errDown
	}
	return f.SearchIndex.Delete(ctx, ids...)
}

func mustEngine(t *testing.T) *bleve.Engine {
	t.Helper()
	e, err := bleve.Open(t.TempDir()) // on disk: fuzzy matching differs in memory
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func statement(i int, status string) app.SearchDoc {
	d := app.SearchDoc{ID: fmt.Sprintf("st%03d", i), Type: app.TypeStatement, Kind: "position_paper",
		Title: fmt.Sprintf("Ställningstagande %d om elnätet", i), Status: status,
		Body: "Text som alla får läsa.", Members: []string{"Luleå"}}
	if status == "published" {
		d.PublishedAt = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
	} else {
		d.Body = "Hemligt utkast om sekretessbelagda förhandlingsbud."
	}
	return d
}

func search1(t *testing.T, idx app.SearchIndex, q app.SearchQuery) *app.SearchResult {
	t.Helper()
	res, err := idx.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// TestSyncCatchesUpAfterEngineFailure: with the engine failing, 100 writes
// succeed and stay marked; once it is back, all 100 are searchable, none
// twice, and only the published ones are public.
func TestSyncCatchesUpAfterEngineFailure(t *testing.T) {
	t.Parallel()
	src := newMemSource()
	eng := &flaky{SearchEngine: mustEngine(t), refused: make(chan struct{})}
	eng.down.Store(true)
	s := &search.Syncer{Engine: eng, Sources: []search.Source{{Name: "mem", SearchSource: src}}, Batch: 30,
		Interval: 5 * time.Millisecond, MaxWait: 20 * time.Millisecond}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	published := 0
	for i := range 100 {
		status := "draft"
		if i%3 == 0 {
			status, published = "published", published+1
		}
		src.write(statement(i, status)) // the write succeeds while the engine is down
	}
	// Wait for rounds of the sync after the last write: each tries at most
	// two writes, so six refused ones take at least three rounds, two of
	// them begun after the last write.
	for range 6 {
		select {
		case <-eng.refused:
		case <-time.After(10 * time.Second):
			t.Fatal("the sync stopped trying the engine")
		}
	}
	if n := src.pending(); n != 100 {
		t.Fatalf("%d marked while the engine is down, want all 100 kept", n)
	}
	if st := s.Status(); st.Failing == 0 || st.LastError == "" {
		t.Errorf("status while down = %+v, want failures", st)
	}
	eng.down.Store(false)
	waitFor(t, func() bool { return src.pending() == 0 })

	all := search1(t, eng.Internal(), app.SearchQuery{Page: app.Page{Number: 1, Size: 100}})
	if all.Total != 100 || len(all.Hits) != 100 {
		t.Errorf("internal index: Total %d, %d hits; want 100", all.Total, len(all.Hits))
	}
	seen := map[string]bool{}
	for _, h := range all.Hits {
		if seen[h.ID] {
			t.Errorf("%s indexed twice", h.ID)
		}
		seen[h.ID] = true
	}
	pub := search1(t, eng.Public(), app.SearchQuery{Page: app.Page{Number: 1, Size: 100}})
	if pub.Total != published {
		t.Errorf("public index: Total %d, want the %d published", pub.Total, published)
	}
}

// TestWriteRacingTheSyncIsNotLost: a write between the sync's read and its
// mark keeps the document dirty, and the next round indexes the new text.
func TestWriteRacingTheSyncIsNotLost(t *testing.T) {
	t.Parallel()
	src := newMemSource()
	eng := mustEngine(t)
	s := &search.Syncer{Engine: eng, Sources: []search.Source{{Name: "mem", SearchSource: src}}}
	first := statement(1, "published")
	src.write(first)
	second := first
	second.Title = "Ställningstagande om vätgasen"
	src.onPend = func() { src.write(second) }
	if _, err := s.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	if src.pending() != 1 {
		t.Fatal("the racing write's mark was cleared by the sync of the older version")
	}
	if _, err := s.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	if res := search1(t, eng.Public(), app.SearchQuery{Text: "vätgas"}); res.Total != 1 {
		t.Errorf("the newer title is not searchable: %+v", res.Hits)
	}
	if src.pending() != 0 {
		t.Error("still dirty after the second round")
	}
}

// secret is a word that exists only in unpublished documents.
const secret = "förhandlingsbud"

// TestPublicIndexNeverHoldsUnpublished: drafts, statements in signing,
// withdrawn ones, consultations and issues stay out of public results and
// facet counts, even when a source wrongly calls them public; withdrawing
// removes a statement from the public index at once.
func TestPublicIndexNeverHoldsUnpublished(t *testing.T) {
	t.Parallel()
	eng := mustEngine(t)
	src := newMemSource()
	s := &search.Syncer{Engine: eng, Sources: []search.Source{{Name: "mem", SearchSource: src}}}
	src.write(statement(1, "published"))
	src.write(statement(2, "draft"))
	src.write(statement(3, "signing"))
	src.mu.Lock()
	src.docs["st003"].task.Public = true // a buggy source
	src.mu.Unlock()
	src.write(app.SearchDoc{ID: "c1", Type: app.TypeConsultation, Title: "Remiss om " + secret, Issuer: "Hemliga departementet", Status: "published"})
	src.write(app.SearchDoc{ID: "i1", Type: app.TypeIssue, Title: "Fråga om " + secret, Topics: []string{"hemligt"}})
	if _, err := s.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	checkNoSecret(t, eng.Public())
	if res := search1(t, eng.Internal(), app.SearchQuery{Text: secret}); res.Total != 4 {
		t.Errorf("internal search for the secret word: %d hits, want 4", res.Total)
	}

	withdrawn := statement(1, "withdrawn")
	src.write(withdrawn)
	if _, err := s.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	if res := search1(t, eng.Public(), app.SearchQuery{}); res.Total != 0 {
		t.Errorf("withdrawn statement still public: %+v", res.Hits)
	}
}

func checkNoSecret(t *testing.T, idx app.SearchIndex) {
	t.Helper()
	for _, q := range []app.SearchQuery{{Text: secret}, {Text: "hemligt utkast"}, {Text: "förhandlingsb"}, {}} {
		res := search1(t, idx, q)
		for _, h := range res.Hits {
			if h.ID != "st001" {
				t.Errorf("public search %q shows unpublished %s", q.Text, h.ID)
			}
		}
		for name, counts := range res.Facets {
			for v := range counts {
				if v == "Hemliga departementet" || v == "hemligt" || v == "signing" {
					t.Errorf("public facet %s counts unpublished value %q", name, v)
				}
			}
		}
	}
}

// TestRebuildSwapsAndCatchesUp: a rebuild replaces the live indexes with
// the store's documents, and a write made while it ran is in the result.
func TestRebuildSwapsAndCatchesUp(t *testing.T) {
	t.Parallel()
	eng := mustEngine(t)
	src := newMemSource()
	for i := range 250 {
		src.write(statement(i, []string{"published", "draft"}[i%2]))
	}
	if err := eng.Public().Index(t.Context(), app.SearchDoc{ID: "stale", Type: app.TypeStatement, Title: "Gammalt"}); err != nil {
		t.Fatal(err)
	}
	slow := func(ctx context.Context, yield func(search.Listed) error) error {
		err := src.lister()(ctx, yield)
		src.write(app.SearchDoc{ID: "late", Type: app.TypeStatement, Status: "published", Title: "Sent tillägg om stålet",
			PublishedAt: time.Now()}) // lands after the listing
		return err
	}
	st, err := search.Rebuild(t.Context(), eng, []search.Lister{slow})
	if err != nil {
		t.Fatal(err)
	}
	if st.Internal != 250 || st.Public != 125 {
		t.Errorf("stats %+v, want 250 internal and 125 public", st)
	}
	if res := search1(t, eng.Public(), app.SearchQuery{Text: "gammalt"}); res.Total != 0 {
		t.Error("the old index's document survived the swap")
	}
	if res := search1(t, eng.Public(), app.SearchQuery{Text: "stål"}); res.Total != 1 {
		t.Error("the write made during the rebuild was lost")
	}
	if res := search1(t, eng.Internal(), app.SearchQuery{}); res.Total != 251 {
		t.Errorf("internal after rebuild: %d, want 251", res.Total)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestApplyWritesEachIndexWhateverTheOther: Apply writes the public and
// the internal index at once, and a failure of one (here a closed index)
// neither stops nor undoes the other: a withdrawn statement leaves the
// public index even when the internal write fails, and the internal index
// takes a draft even when the public one fails.
func TestApplyWritesEachIndexWhateverTheOther(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	open := func() *bleve.Engine {
		e, err := bleve.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.Close() })
		return e
	}
	live, closed := open(), open()
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	doc := app.SearchDoc{ID: "s1", Type: app.TypeStatement, Status: string(app.StatementPublished), Title: "Stålet från Luleå"}
	if err := search.Apply(ctx, live.Public(), live.Internal(), []app.IndexTask{{Doc: doc, Public: true}}); err != nil {
		t.Fatal(err)
	}
	total := func(ix app.SearchIndex) int {
		t.Helper()
		res, err := ix.Search(ctx, app.SearchQuery{Text: "stålet"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if total(live.Public()) != 1 {
		t.Fatal("the published statement is not in the public index")
	}
	withdrawn := doc
	withdrawn.Status = string(app.StatementWithdrawn)
	if err := search.Apply(ctx, live.Public(), closed.Internal(), []app.IndexTask{{Doc: withdrawn}}); err == nil {
		t.Error("Apply with a closed internal index: no error")
	}
	if n := total(live.Public()); n != 0 {
		t.Errorf("withdrawn, internal write failed: %d public hits, want 0", n)
	}
	draft := app.SearchDoc{ID: "s2", Type: app.TypeStatement, Status: string(app.StatementDraft), Title: "Stålet i Oxelösund"}
	if err := search.Apply(ctx, closed.Public(), live.Internal(), []app.IndexTask{{Doc: draft}}); err == nil {
		t.Error("Apply with a closed public index: no error")
	}
	if n := total(live.Internal()); n != 2 {
		t.Errorf("public write failed: %d internal hits, want the withdrawn s1 and the draft s2", n)
	}
}

// TestRebuildCatchUpReportsWhatItIndexed: the catch-up after the swap
// reports each document it wrote to its store (MarkIndexed at the version
// written), so the store can mark again a newer version that a sync
// indexed meanwhile — the fence — and clear the mark of one now indexed.
func TestRebuildCatchUpReportsWhatItIndexed(t *testing.T) {
	t.Parallel()
	eng := mustEngine(t)
	src := newMemSource()
	src.write(statement(1, "published"))
	withSource := func(ctx context.Context, yield func(search.Listed) error) error {
		err := src.lister()(ctx, func(l search.Listed) error {
			l.Source = src
			return yield(l)
		})
		return err
	}
	if _, err := search.Rebuild(t.Context(), eng, []search.Lister{withSource}); err != nil {
		t.Fatal(err)
	}
	if src.marked != 1 || src.pending() != 0 {
		t.Errorf("after the catch-up: %d reported indexed, %d still marked; want 1 and 0", src.marked, src.pending())
	}
}
