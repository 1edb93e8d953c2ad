package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/search"
)

// answersReport is the figures of other bodies' answers (#23): loading a
// generated corpus of them beside the statements, the internal search of
// one word and the consultation page with AnswersPerPage of them, over
// HTTP as a signed-in member.
type answersReport struct {
	Answers        int     `json:"answers"`
	AvgWords       int     `json:"avg_words"`
	AvgKB          float64 `json:"avg_text_kb"`
	LoadSeconds    float64 `json:"load_s"` // insert + index into the internal index
	DocsPerSec     float64 `json:"docs_per_s"`
	IndexMBPer1000 float64 `json:"index_mb_per_1000"`
	StoreMBPer1000 float64 `json:"store_mb_per_1000"`
	HeapMBPer1000  float64 `json:"heap_mb_per_1000"` // growth of the Go heap in use after a GC, per 1000
	StoreSeconds   float64 `json:"store_s"`          // of LoadSeconds, in the store
	IndexSeconds   float64 `json:"index_s"`          // of LoadSeconds, in the index
	AnswersPerPage int     `json:"answers_per_page"`
	Search         latency `json:"internal_search_one_word"`
	Page           latency `json:"consultation_page"`
}

// answersPerPage is how many answers the measured consultation page shows.
const answersPerPage = 60

// answerChunk is how many answers go to the store and the index at once.
const answerChunk = 200

// answerWords are the one-word queries of the internal search: words of
// the generated text's vocabulary, common and rare.
var answerWords = []string{"elnätet", "tillståndsprövning", "vätgas", "kompetensförsörjning", "avstyrker", "industrin",
	"vindkraft", "logistik", "Skellefteå", "länsstyrelsen", "stålet", "anslutning"}

// answers loads n generated answers — answersPerPage to the first demo
// consultation, the rest answersPerPage to each of made-up consultations
// — into the store and the internal index as the harvest and the sync
// would leave them, then measures.
func (b *harness) answers(ctx context.Context, o options, n int) (*answersReport, error) {
	s := b.sys
	consults, _, err := s.consults.ListConsultations(ctx, app.ConsultationFilter{Page: app.Page{Number: 1, Size: 1}})
	if err != nil || len(consults) == 0 {
		return nil, fmt.Errorf("a demo consultation for the answers: %v", err)
	}
	first := consults[0]
	store := mongodb.NewExternalResponseStore(s.db)
	r := &answersReport{Answers: n, AnswersPerPage: answersPerPage}
	runtime.GC()
	index0, store0, heap0 := dirMB(s.searchDir()), dirMB(s.storeDir()), goHeapInUseMB()
	var words, bytes int
	var inStore, inIndex time.Duration
	t := time.Now()
	for start := 0; start < n; start += answerChunk {
		chunk := make([]*app.ExternalResponse, 0, answerChunk)
		for i := start; i < min(start+answerChunk, n); i++ {
			cid := first.ID
			if i >= answersPerPage {
				cid = fmt.Sprintf("%024x", 0xa0000000+i/answersPerPage)
			}
			a := b.gen.Answer(i, cid)
			for _, p := range a.Paragraphs {
				words += len(strings.Fields(p))
				bytes += len(p)
			}
			chunk = append(chunk, a)
		}
		ts := time.Now()
		if err := store.InsertExternalResponses(ctx, chunk); err != nil {
			return nil, err
		}
		inStore += time.Since(ts)
		tasks := make([]app.IndexTask, len(chunk))
		for i, a := range chunk {
			var c *app.Consultation
			if a.ConsultationID == first.ID {
				c = first
			}
			tasks[i] = app.ExternalResponseSearchTask(a, c)
		}
		ti := time.Now()
		if err := search.Apply(ctx, s.search.Public(), s.search.Internal(), tasks); err != nil {
			return nil, err
		}
		inIndex += time.Since(ti)
	}
	took := time.Since(t)
	r.StoreSeconds, r.IndexSeconds = round(inStore.Seconds()), round(inIndex.Seconds())
	r.LoadSeconds, r.DocsPerSec = round(took.Seconds()), round(float64(n)/took.Seconds())
	r.AvgWords, r.AvgKB = words/max(n, 1), round(float64(bytes)/float64(max(n, 1))/1024)
	per := float64(max(n, 1)) / 1000
	runtime.GC()
	r.IndexMBPer1000 = round((dirMB(s.searchDir()) - index0) / per)
	r.StoreMBPer1000 = round((dirMB(s.storeDir()) - store0) / per)
	r.HeapMBPer1000 = round((goHeapInUseMB() - heap0) / per)
	token, err := s.svc.Accounts.CreateToken(ctx, demo.AdminEmail, "bench")
	if err != nil {
		return nil, err
	}
	get := func(u string) func(context.Context, int) error {
		return func(ctx context.Context, _ int) error { return b.getAs(ctx, u, token) }
	}
	search1 := func(ctx context.Context, i int) error {
		q := url.Values{"scope": {"internal"}, "q": {answerWords[i%len(answerWords)]}}
		return get(b.baseURL+"/api/v1/search?"+q.Encode())(ctx, i)
	}
	if err := search1(ctx, 0); err != nil { // it must answer before it is measured
		return nil, err
	}
	r.Search = measure(ctx, 1, o.requests, o.limit, search1)
	page := get(b.baseURL + "/internt/remisser/" + first.ID)
	if err := page(ctx, 0); err != nil {
		return nil, err
	}
	r.Page = measure(ctx, 1, o.requests, o.limit, page)
	return r, nil
}

// getAs fetches u with a bearer token and reads the whole answer.
func (b *harness) getAs(ctx context.Context, u, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := b.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return nil
}

// answerRows are the report's rows of the answers, where measured.
func (rep *report) answerRows(row rowFunc) {
	measured := false
	for _, s := range rep.Sizes {
		measured = measured || s.Answers != nil
	}
	if !measured {
		return
	}
	cell := func(f func(a *answersReport) string) func(*sizeReport) string {
		return func(s *sizeReport) string {
			if s.Answers == nil {
				return "–"
			}
			return f(s.Answers)
		}
	}
	row("other bodies' answers: count (avg words / KB)", cell(func(a *answersReport) string {
		return fmt.Sprintf("%d (%d / %.1f)", a.Answers, a.AvgWords, a.AvgKB)
	}))
	row("answers: load into store + internal index, docs/s (s: store + index)", cell(func(a *answersReport) string {
		return fmt.Sprintf("%.0f (%.0f: %.0f + %.0f)", a.DocsPerSec, a.LoadSeconds, a.StoreSeconds, a.IndexSeconds)
	}))
	row("answers: internal search, one word, HTTP c1 p50 / p99 ms", cell(func(a *answersReport) string { return p50p99(a.Search) }))
	row(fmt.Sprintf("answers: consultation page with %d answers, c1 p50 / p99 ms", answersPerPage), cell(func(a *answersReport) string {
		return p50p99(a.Page)
	}))
	row("answers: MB per 1,000 on disk (index / store), Go heap", cell(func(a *answersReport) string {
		return fmt.Sprintf("%.1f / %.1f, %.1f", a.IndexMBPer1000, a.StoreMBPer1000, a.HeapMBPer1000)
	}))
}
