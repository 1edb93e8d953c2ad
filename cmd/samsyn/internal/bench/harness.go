package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/web"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// harness is the Samsyn of one bench size or load run, with the demo
// data (members, users, consultations) loaded and the corpus generator on
// it.
type harness struct {
	cfg      Config
	sys      *system
	desk     *app.Statements
	admin    *app.User
	gen      *corpus.Generator
	slugs    []string // a sample of the corpus, for page requests
	client   *http.Client
	srv      *web.Server
	baseURL  string
	stopSync context.CancelFunc
	syncDone chan struct{}
}

// syncBatch is the search sync's batch as serve runs it (the Syncer's
// default).
const syncBatch = 100

// openHarness opens Samsyn on dir, loads the demo data and indexes it.
func openHarness(ctx context.Context, dir string, cfg Config, seed uint64) (*harness, error) {
	b := &harness{cfg: cfg, client: newClient()}
	var err error
	if b.sys, err = openSystem(ctx, dir, cfg.NetworkName); err != nil {
		return nil, err
	}
	if err := b.prepare(ctx, seed); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *harness) prepare(ctx context.Context, seed uint64) error {
	s := b.sys
	if _, err := demo.Load(ctx, s.demoStores(), s.clock.Now()); err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	var err error
	if b.admin, err = s.users.UserByEmail(ctx, demo.AdminEmail); err != nil {
		return err
	}
	members, _, err := s.members.ListMembers(ctx, app.MemberFilter{ActiveOnly: true, Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		return err
	}
	consults, _, err := s.consults.ListConsultations(ctx, app.ConsultationFilter{Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		return err
	}
	b.gen = &corpus.Generator{Seed: seed, Members: members, AuthorID: b.admin.ID, AuthorName: b.admin.Name}
	for _, c := range consults {
		b.gen.ConsultationIDs = append(b.gen.ConsultationIDs, c.ID)
	}
	b.desk = s.desk()
	_, err = b.drain(ctx)
	return err
}

// drain runs sync rounds until nothing is dirty; it returns how many
// documents it indexed.
func (b *harness) drain(ctx context.Context) (int, error) {
	total := 0
	for range 1_000_000 {
		n, err := b.sys.syncer.SyncOnce(ctx)
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, nil
		}
		total += n
	}
	return total, errors.New("the search sync does not finish")
}

// baseline indexes the corpus straight into a fresh Bleve index with the
// same mapping and analysis, in batches of loadChunk: the cost of
// indexing alone, with no store and no sync. Only the Index calls are timed.
func (b *harness) baseline(ctx context.Context, n int, l *loadReport) error {
	dir := filepath.Join(b.sys.dir, "baseline")
	eng, err := bleve.Open(dir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	defer eng.Close()
	var took, cpu time.Duration
	var words, bytes int
	batch := make([]app.SearchDoc, 0, loadChunk)
	flush := func() error {
		t, c := time.Now(), cpuTime()
		err := eng.Public().Index(ctx, batch...)
		took, cpu = took+time.Since(t), cpu+cpuTime()-c
		batch = batch[:0]
		return err
	}
	for i := range n {
		st := b.gen.Statement(i)
		st.ID = fmt.Sprintf("%024x", i+1)
		words += len(strings.Fields(st.Body))
		bytes += len(st.Title) + len(st.Summary) + len(st.Body)
		if batch = append(batch, app.StatementSearchTask(st).Doc); len(batch) == loadChunk || i == n-1 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	l.AvgWords, l.AvgKB = words/n, round(float64(bytes)/float64(n)/1024)
	l.BaselineBatch, l.BaselineSeconds, l.BaselineDocsPerSec = loadChunk, round(took.Seconds()), round(float64(n)/took.Seconds())
	l.BaselineCPUMsPerDoc = perDocMs(cpu, n)
	return nil
}

// loadChunk is how many statements go to the store in one InsertMany,
// and to each index in one batch.
const loadChunk = 500

// load stores the corpus in two parts. All but a sample go through the
// bulk path (bulk). The last sample statements are inserted marked for
// search and indexed by one round of the real search sync, which gives
// the sync's rate on a collection of this size (its per-statement cost
// grows with the collection; a full drain would take hours at 5,000).
func (b *harness) load(ctx context.Context, n, sample int, l *loadReport) error {
	sample = max(min(sample, syncBatch, n/2), 1)
	bulk := n - sample
	wall, cpu, err := b.bulk(ctx, 0, bulk)
	if err != nil {
		return err
	}
	l.BulkDocs, l.BulkSeconds, l.BulkCPUMsPerDoc = bulk, round(wall.Seconds()), perDocMs(cpu, bulk)
	l.DocsPerSec = round(float64(bulk) / wall.Seconds())
	l.Ratio = round(l.DocsPerSec / l.BaselineDocsPerSec)
	if l.BulkCPUMsPerDoc > 0 && l.BaselineDocsPerSec > 0 {
		l.CPUBoundRatio = round(float64(runtime.NumCPU()) * 1000 / l.BulkCPUMsPerDoc / l.BaselineDocsPerSec)
	}
	if err := b.insert(ctx, bulk, n); err != nil {
		return err
	}
	t := time.Now()
	indexed, err := b.sys.syncer.SyncOnce(ctx)
	if err != nil {
		return err
	}
	sync := time.Since(t)
	if indexed != sample {
		return fmt.Errorf("one sync round indexed %d of %d statements", indexed, sample)
	}
	l.SyncSample, l.SyncSeconds, l.SyncDocsPerSec = sample, round(sync.Seconds()), round(float64(sample)/sync.Seconds())
	return nil
}

// bulkInFlight is how many chunks the bulk path works on at once: while
// one is inserted, the next is indexed.
const bulkInFlight = 2

// bulk stores statements from to to by the bulk path, bulkInFlight
// chunks at once: each chunk is indexed into both live indexes and then
// inserted unmarked (so a stored statement is always indexed). It
// returns the wall-clock and the process's CPU time; both include
// generating the text on the feeding goroutine (~0.08 ms a statement).
func (b *harness) bulk(ctx context.Context, from, to int) (wall, cpu time.Duration, err error) {
	every := max((to-from)/200, 1)
	index := func(ctx context.Context, sts []*app.Statement) error {
		tasks := make([]app.IndexTask, len(sts))
		for i, st := range sts {
			tasks[i] = app.StatementSearchTask(st)
		}
		return search.Apply(ctx, b.sys.search.Public(), b.sys.search.Internal(), tasks)
	}
	t, c := time.Now(), cpuTime()
	g, gctx := errgroup.WithContext(ctx)
	chunks := make(chan []*app.Statement)
	for range bulkInFlight {
		g.Go(func() error {
			for sts := range chunks {
				if err := b.sys.stmts.InsertStatements(gctx, sts, index); err != nil {
					return err
				}
			}
			return nil
		})
	}
feed:
	for start := from; start < to; start += loadChunk {
		sts := make([]*app.Statement, 0, loadChunk)
		for i := start; i < min(start+loadChunk, to); i++ {
			st := b.gen.Statement(i)
			if (i-from)%every == 0 {
				b.slugs = append(b.slugs, st.Slug)
			}
			sts = append(sts, st)
		}
		select {
		case chunks <- sts:
		case <-gctx.Done():
			break feed
		}
	}
	close(chunks)
	err = g.Wait()
	return time.Since(t), cpuTime() - c, err
}

// insert stores statements from to to marked for the search sync, a
// chunk at a time.
func (b *harness) insert(ctx context.Context, from, to int) error {
	for start := from; start < to; start += loadChunk {
		sts := make([]*app.Statement, 0, loadChunk)
		for i := start; i < min(start+loadChunk, to); i++ {
			sts = append(sts, b.gen.Statement(i))
		}
		if err := b.sys.stmts.InsertStatements(ctx, sts, nil); err != nil {
			return err
		}
	}
	return nil
}

// serve starts the search sync in the background and the real server on
// a loopback port.
func (b *harness) serve(ctx context.Context) error {
	syncCtx, cancel := context.WithCancel(ctx)
	b.stopSync, b.syncDone = cancel, make(chan struct{})
	go func() {
		defer close(b.syncDone)
		b.sys.syncer.Run(syncCtx)
	}()
	srv, base, err := b.sys.listen(b.sys.search)
	if err != nil {
		return err
	}
	b.srv, b.baseURL = srv, base
	return nil
}

// close stops the server and the sync and closes the stack; it may be
// called more than once.
func (b *harness) close() {
	if b.srv != nil {
		shutdown(b.srv)
		b.srv = nil
	}
	if b.stopSync != nil {
		b.stopSync()
		<-b.syncDone
		b.stopSync = nil
	}
	if b.sys != nil {
		b.sys.close()
		b.sys = nil
	}
	b.client.CloseIdleConnections()
}

// newClient keeps a connection per concurrent client alive.
func newClient() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 2 * concurrency, MaxIdleConnsPerHost: 2 * concurrency, DisableCompression: true}}
}
