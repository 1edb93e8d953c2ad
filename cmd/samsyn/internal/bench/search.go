package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// concurrentRequests times --requests is how many requests the 16 clients
// make: enough for a few seconds of a throughput figure, steadier than one
// second's (a segment merge or a GC cycle swung that by 15 %).
const concurrentRequests = 5

// searchRun is one query class measured one way: in-process on the
// engine ("engine") or through the real handler over loopback ("http").
type searchRun struct {
	Engine      string `json:"engine"` // "bleve" or "meili"
	Class       string `json:"class"`  // plain, typo, prefix, filtered, full
	Via         string `json:"via"`
	Concurrency int    `json:"concurrency"`
	latency
	// AvgTotal is the mean number of matches of the class's queries, and
	// Highlighted the share of hits whose snippet has a <mark>.
	AvgTotal    float64 `json:"avg_total"`
	Highlighted float64 `json:"highlighted"`
}

// searchAll measures every query class on eng: in-process at concurrency
// 1, and over HTTP at base (a server searching eng) at 1 and 16.
func (b *harness) searchAll(ctx context.Context, o options, name string, eng app.SearchEngine, base string) ([]searchRun, error) {
	var out []searchRun
	for _, class := range corpus.Queries() {
		qs := make([]app.SearchQuery, len(class.Queries))
		urls := make([]string, len(class.Queries))
		for i, q := range class.Queries {
			qs[i], urls[i] = publicQuery(q), searchURL(base, q)
		}
		total, marked, err := b.checkSearch(ctx, urls)
		if err != nil {
			return nil, fmt.Errorf("%s %s search: %w", name, class.Name, err)
		}
		onEngine := func(ctx context.Context, i int) error {
			_, err := eng.Public().Search(ctx, qs[i%len(qs)])
			return err
		}
		overHTTP := func(ctx context.Context, i int) error { return b.get(ctx, urls[i%len(urls)]) }
		run := func(via string, conc int, l latency) {
			out = append(out, searchRun{Engine: name, Class: class.Name, Via: via, Concurrency: conc, latency: l,
				AvgTotal: total, Highlighted: marked})
		}
		engine, viaHTTP := measurePair(ctx, o.requests, o.limit, onEngine, overHTTP)
		run("engine", 1, engine)
		run("http", 1, viaHTTP)
		run("http", concurrency, measure(ctx, concurrency, concurrentRequests*o.requests, o.limit, overHTTP))
	}
	return out, nil
}

// publicQuery is q as the public search handler hands it to the engine.
func publicQuery(q app.SearchQuery) app.SearchQuery {
	q.Text, q.Type, q.Page = app.TrimSearchText(q.Text), app.TypeStatement, app.Page{Number: 1, Size: 20}
	return q
}

func searchURL(base string, q app.SearchQuery) string {
	v := url.Values{"q": {q.Text}}
	for k, s := range map[string]string{"kind": q.Kind, "topic": q.Topic, "member": q.Member} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.Year != 0 {
		v.Set("year", strconv.Itoa(q.Year))
	}
	return base + "/api/v1/search?" + v.Encode()
}

// checkSearch asks each URL once (which also warms caches) and checks the
// answers are whole: every facet present. It returns the mean total and
// the share of hits with a highlighted snippet.
func (b *harness) checkSearch(ctx context.Context, urls []string) (avgTotal, highlighted float64, err error) {
	var total, hits, marked int
	for _, u := range urls {
		var ans struct {
			Total int `json:"total"`
			Hits  []struct {
				Snippet string `json:"snippet"`
			} `json:"hits"`
			Facets map[string]map[string]int `json:"facets"`
		}
		if err := b.getJSON(ctx, u, &ans); err != nil {
			return 0, 0, err
		}
		for _, f := range app.FacetNames {
			if _, ok := ans.Facets[f]; !ok {
				return 0, 0, fmt.Errorf("%s: no %s facet in the answer", u, f)
			}
		}
		total += ans.Total
		for _, h := range ans.Hits {
			hits++
			if strings.Contains(h.Snippet, "<mark>") {
				marked++
			}
		}
	}
	return round(float64(total) / float64(len(urls))), round(float64(marked) / float64(max(hits, 1))), nil
}

// pages measures the public statement page of the sampled statements at
// concurrency 1 and 16.
func (b *harness) pages(ctx context.Context, o options) (latency, latency) {
	get := func(ctx context.Context, i int) error {
		return b.get(ctx, b.baseURL+"/stallningstaganden/"+b.slugs[i%len(b.slugs)])
	}
	return measure(ctx, 1, o.requests, o.limit, get), measure(ctx, concurrency, concurrentRequests*o.requests, o.limit, get)
}

// get fetches u and reads the whole answer; anything but 200 is an error.
func (b *harness) get(ctx context.Context, u string) error {
	return b.fetch(ctx, u, func(r io.Reader) error {
		_, err := io.Copy(io.Discard, r)
		return err
	})
}

func (b *harness) getJSON(ctx context.Context, u string, v any) error {
	return b.fetch(ctx, u, func(r io.Reader) error { return json.NewDecoder(r).Decode(v) })
}

func (b *harness) fetch(ctx context.Context, u string, read func(io.Reader) error) error {
	return fetchWith(ctx, b.client, u, read)
}

func fetchWith(ctx context.Context, c *http.Client, u string, read func(io.Reader) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, res.Body)
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return read(res.Body)
}
