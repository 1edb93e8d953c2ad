package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/samsyn/samsyn/app/corpus"
)

// The kinds of request in the mix.
const (
	kindSearch = iota
	kindPage
	kindWrite
	kindCount
)

var loadKindNames = [kindCount]string{"public search (JSON API + /sok)", "public statement page", "member revision save (PATCH)"}

// loadDriver sends the mix over one keep-alive connection per worker.
type loadDriver struct {
	b        *harness
	o        loadOptions
	writers  []loadWriter
	versions []int // the version each connection's next save is based on
	saves    []int // saves each connection has sent
	clients  []*http.Client
	searches []string // search URLs: API and page, plain and filtered
	dialed   atomic.Int64
	phase    uint64
}

func newLoadDriver(b *harness, o loadOptions, writers []loadWriter) *loadDriver {
	d := &loadDriver{b: b, o: o, writers: writers, versions: make([]int, o.conns), saves: make([]int, o.conns),
		searches: loadSearchURLs(b.baseURL)}
	for w := range o.conns {
		d.versions[w] = writers[w].draft.Version
		d.clients = append(d.clients, d.newClient())
	}
	return d
}

// loadSearchURLs are the bench's public queries (plain, misspelt,
// prefixes, facet filters, several words), each asked of the JSON API and
// of the search page, also as page 2 and sorted by date.
func loadSearchURLs(base string) []string {
	var out []string
	for _, class := range corpus.Queries() {
		for _, q := range class.Queries {
			api := searchURL(base, q)
			page := strings.Replace(api, "/api/v1/search?", "/sok?", 1)
			for _, u := range []string{api, page} {
				out = append(out, u, u+"&page=2", u+"&sort=date")
			}
		}
	}
	return out
}

// newClient is one connection: the transport never opens a second one.
func (d *loadDriver) newClient() *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1, MaxIdleConns: 1, DisableCompression: true, IdleConnTimeout: 90 * time.Second,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			d.dialed.Add(1)
			return dialer.DialContext(ctx, network, addr)
		}}}
}

func (d *loadDriver) dials() int { return int(d.dialed.Load()) }

func (d *loadDriver) close() {
	for _, c := range d.clients {
		c.CloseIdleConnections()
	}
}

// run drives every connection for dur; requests in flight at the end are
// finished and counted. mem, when given, samples memory meanwhile.
func (d *loadDriver) run(ctx context.Context, dur time.Duration, mem *memSampler) *loadResult {
	d.phase++
	per := make([]loadResult, d.o.conns)
	start := time.Now()
	deadline := start.Add(dur)
	if mem != nil {
		mem.start()
	}
	var wg sync.WaitGroup
	for w := range d.o.conns {
		wg.Go(func() { d.worker(ctx, w, deadline, &per[w]) })
	}
	wg.Wait()
	if mem != nil {
		mem.stop()
	}
	res := &loadResult{wall: time.Since(start)}
	for w := range per {
		res.merge(&per[w])
	}
	return res
}

func (d *loadDriver) worker(ctx context.Context, w int, deadline time.Time, res *loadResult) {
	r := rand.New(rand.NewPCG(d.o.seed, d.phase<<32|uint64(w)))
	for time.Now().Before(deadline) && ctx.Err() == nil {
		p := r.IntN(100)
		switch {
		case p < d.o.mix[kindSearch]:
			u := d.searches[r.IntN(len(d.searches))]
			status, _, took, err := d.exchange(ctx, w, http.MethodGet, u, "", nil)
			res.stats[kindSearch].record(u, status, took, err, false)
		case p < d.o.mix[kindSearch]+d.o.mix[kindPage]:
			u := d.b.baseURL + "/stallningstaganden/" + d.b.slugs[r.IntN(len(d.b.slugs))]
			status, _, took, err := d.exchange(ctx, w, http.MethodGet, u, "", nil)
			res.stats[kindPage].record(u, status, took, err, false)
		default:
			d.write(ctx, w, &res.stats[kindWrite])
		}
	}
}

// write saves a new revision of the connection's draft: its text with
// one paragraph varied, based on the version the last answer gave. A 409
// (someone else saved) is a correct answer; the next save is based on the
// version it reports.
func (d *loadDriver) write(ctx context.Context, w int, st *kindStats) {
	wr := d.writers[w]
	d.saves[w]++
	in := d.b.gen.Edit(wr.draft, d.saves[w]+1000*w)
	body, err := json.Marshal(struct {
		Version int    `json:"version"`
		Body    string `json:"body"`
	}{d.versions[w], in.Body})
	if err != nil {
		st.record("PATCH", 0, 0, err, true)
		return
	}
	u := d.b.baseURL + "/api/v1/statements/" + wr.draft.ID
	status, ans, took, err := d.exchange(ctx, w, http.MethodPatch, u, wr.token, body)
	st.record("PATCH "+u, status, took, err, true)
	var saved struct {
		Version int `json:"version"`
		Current struct {
			Version int `json:"version"`
		} `json:"current"`
	}
	if status == http.StatusOK || status == http.StatusConflict {
		if err := json.Unmarshal(ans, &saved); err == nil {
			d.versions[w] = max(saved.Version, saved.Current.Version, d.versions[w])
		}
	}
}

// exchange sends one request on connection w and reads the whole answer,
// keeping it only for requests with a body (the writes).
func (d *loadDriver) exchange(ctx context.Context, w int, method, u, token string, body []byte) (int, []byte, time.Duration, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	t := time.Now()
	res, err := d.clients[w].Do(req)
	if err != nil {
		return 0, nil, time.Since(t), err
	}
	defer res.Body.Close()
	var ans []byte
	if body != nil {
		ans, err = io.ReadAll(res.Body)
	} else {
		_, err = io.Copy(io.Discard, res.Body)
	}
	return res.StatusCode, ans, time.Since(t), err
}

// kindStats counts one kind of request.
type kindStats struct {
	requests, errors, status5xx, conflicts int
	durs                                   []time.Duration // of the expected answers (200, and 409 for saves)
	samples                                []string        // the first few errors
}

// record counts one request: a transport error or any status but 200
// (or 409 when conflictOK) is an error; 5xx are counted apart as well.
func (s *kindStats) record(what string, status int, took time.Duration, err error, conflictOK bool) {
	s.requests++
	switch {
	case err == nil && status == http.StatusOK:
	case err == nil && status == http.StatusConflict && conflictOK:
		s.conflicts++
	default:
		s.errors++
		if status >= 500 {
			s.status5xx++
		}
		if len(s.samples) < 5 {
			s.samples = append(s.samples, fmt.Sprintf("%s: status %d, %v", what, status, err))
		}
		return
	}
	s.durs = append(s.durs, took)
}

// loadResult is what the connections of one run counted, by kind.
type loadResult struct {
	stats [kindCount]kindStats
	wall  time.Duration
}

func (r *loadResult) merge(o *loadResult) {
	for k := range r.stats {
		a, b := &r.stats[k], &o.stats[k]
		a.requests, a.errors, a.status5xx, a.conflicts = a.requests+b.requests, a.errors+b.errors,
			a.status5xx+b.status5xx, a.conflicts+b.conflicts
		a.durs = append(a.durs, b.durs...)
		a.samples = append(a.samples, b.samples...)
		a.samples = a.samples[:min(len(a.samples), 5)]
	}
}

// kinds reports each kind of request.
func (r *loadResult) kinds() []loadKind {
	out := make([]loadKind, kindCount)
	for k := range out {
		out[k] = r.report(loadKindNames[k], &r.stats[k])
	}
	return out
}

// total reports every request together.
func (r *loadResult) total(name string) loadKind {
	all := &kindStats{}
	for k := range r.stats {
		s := &r.stats[k]
		all.requests, all.errors, all.status5xx, all.conflicts = all.requests+s.requests, all.errors+s.errors,
			all.status5xx+s.status5xx, all.conflicts+s.conflicts
		all.durs = append(all.durs, s.durs...)
		all.samples = append(all.samples, s.samples...)
	}
	return r.report(name, all)
}

func (r *loadResult) report(name string, s *kindStats) loadKind {
	l := summarise(append([]time.Duration(nil), s.durs...))
	l.Errors = s.errors
	l.ReqPerSec = round(float64(s.requests) / r.wall.Seconds())
	return loadKind{Kind: name, Requests: s.requests, Status5xx: s.status5xx, Conflicts: s.conflicts, latency: l,
		ErrorSamples: s.samples}
}
