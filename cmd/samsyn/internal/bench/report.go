package bench

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// report is everything one bench run measured, as --json writes it.
type report struct {
	Command   string        `json:"command"`
	Started   time.Time     `json:"started"`
	GoVersion string        `json:"go_version"`
	CPUs      int           `json:"cpus"`
	Seed      uint64        `json:"seed"`
	Meili     bool          `json:"meili"`
	Sizes     []*sizeReport `json:"sizes"`
}

// sizeReport holds the figures of one corpus size.
type sizeReport struct {
	Docs                int            `json:"docs"`
	Load                loadReport     `json:"load"`
	PublishToSearchable latency        `json:"publish_to_searchable"`
	Search              []searchRun    `json:"search"`
	Page                latency        `json:"statement_page"`
	PageConcurrent      latency        `json:"statement_page_concurrent"`
	RevisionSave        latency        `json:"revision_save"`
	Resources           resources      `json:"resources"`
	MeiliLoad           *meiliLoad     `json:"meili_load,omitempty"`
	Answers             *answersReport `json:"answers,omitempty"`
}

// loadReport is the load: the bulk path (index into both indexes, then
// insert), the raw Bleve baseline (one index, no store), and the real
// search sync's rate on a sample.
type loadReport struct {
	AvgWords           int     `json:"avg_body_words"`
	AvgKB              float64 `json:"avg_text_kb"`
	BulkDocs           int     `json:"bulk_docs"`
	BulkSeconds        float64 `json:"bulk_s"`
	DocsPerSec         float64 `json:"docs_per_s"` // the bulk path, insert + index
	BaselineBatch      int     `json:"baseline_batch"`
	BaselineSeconds    float64 `json:"baseline_s"`
	BaselineDocsPerSec float64 `json:"baseline_docs_per_s"`
	Ratio              float64 `json:"ratio"` // DocsPerSec / BaselineDocsPerSec
	// CPU time per document (all cores) of the raw baseline and of the
	// bulk path, and the ratio those allow at best on this machine's
	// cores: bulk docs/s cannot pass cores / its CPU per document.
	BaselineCPUMsPerDoc float64 `json:"baseline_cpu_ms_per_doc"`
	BulkCPUMsPerDoc     float64 `json:"bulk_cpu_ms_per_doc"`
	CPUBoundRatio       float64 `json:"cpu_bound_ratio"`
	SyncSample          int     `json:"sync_sample"`
	SyncSeconds         float64 `json:"sync_s"`
	SyncDocsPerSec      float64 `json:"sync_docs_per_s"` // one round of the real sync
}

// resources are the process's memory, the sizes on disk and the start-up.
type resources struct {
	PeakRSSLoadMB    float64 `json:"peak_rss_load_mb"`
	PeakRSSServingMB float64 `json:"peak_rss_serving_mb"`
	RSSMB            float64 `json:"rss_mb"`
	// At the end of serving: anonymous memory (the Go heap, SQLite's
	// caches) and file pages mapped in (Bleve's segments), and the Go
	// heap in use.
	RSSAnonMB   float64 `json:"rss_anon_mb"`
	RSSFileMB   float64 `json:"rss_file_mb"`
	GoHeapInUse float64 `json:"go_heap_inuse_mb"`
	IndexMB     float64 `json:"index_mb"`
	StoreMB     float64 `json:"store_mb"`
	StartupMs   float64 `json:"startup_ms"`
}

type meiliLoad struct {
	Documents  int     `json:"documents"`
	Seconds    float64 `json:"s"`
	DocsPerSec float64 `json:"docs_per_s"`
}

// run returns the search measurement of engine, class, via and concurrency.
func (r *sizeReport) run(engine, class, via string, conc int) (searchRun, bool) {
	for _, s := range r.Search {
		if s.Engine == engine && s.Class == class && s.Via == via && s.Concurrency == conc {
			return s, true
		}
	}
	return searchRun{}, false
}

// writeMarkdown prints one table, a column per size, so that the growth
// of each cost with N shows along its row.
func (rep *report) writeMarkdown(w io.Writer) {
	fmt.Fprintf(w, "\n%s — %s, %d CPUs, seed %d\n\n", rep.Command, rep.GoVersion, rep.CPUs, rep.Seed)
	head, rule := "| measure |", "| --- |"
	for _, s := range rep.Sizes {
		head += fmt.Sprintf(" %d docs |", s.Docs)
		rule += " ---: |"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	row := func(name string, cell func(*sizeReport) string) {
		line := "| " + name + " |"
		for _, s := range rep.Sizes {
			line += " " + cell(s) + " |"
		}
		fmt.Fprintln(w, line)
	}
	rep.loadRows(row)
	for _, engine := range rep.engines() {
		rep.searchRows(row, engine)
	}
	rep.serveRows(row)
	rep.answerRows(row)
	fmt.Fprintln(w)
}

type rowFunc func(name string, cell func(*sizeReport) string)

func (rep *report) loadRows(row rowFunc) {
	row("corpus: avg body words / avg text KB", func(s *sizeReport) string {
		return fmt.Sprintf("%d / %.1f", s.Load.AvgWords, s.Load.AvgKB)
	})
	row(fmt.Sprintf("bulk load + index (both indexes, %d chunks in flight), docs/s", bulkInFlight), func(s *sizeReport) string {
		return fmt.Sprintf("**%.0f**", s.Load.DocsPerSec)
	})
	row("raw Bleve batch index (one index, batch 500), docs/s", func(s *sizeReport) string {
		return fmt.Sprintf("%.0f", s.Load.BaselineDocsPerSec)
	})
	row("ratio bulk load / raw", func(s *sizeReport) string { return fmt.Sprintf("%.2f", s.Load.Ratio) })
	row("CPU ms per doc: raw / bulk (best ratio these cores allow)", func(s *sizeReport) string {
		return fmt.Sprintf("%.2f / %.2f (%.2f)", s.Load.BaselineCPUMsPerDoc, s.Load.BulkCPUMsPerDoc, s.Load.CPUBoundRatio)
	})
	row("search sync of marked writes (one round), docs/s", func(s *sizeReport) string {
		return fmt.Sprintf("%.1f (%d in %.1f s)", s.Load.SyncDocsPerSec, s.Load.SyncSample, s.Load.SyncSeconds)
	})
	row("publish → searchable p50 / p99 ms", func(s *sizeReport) string { return p50p99(s.PublishToSearchable) })
}

func (rep *report) searchRows(row rowFunc, engine string) {
	for _, class := range []string{"plain", "typo1", "typo", "prefix", "filtered", "full"} {
		label := fmt.Sprintf("%s %s", engine, class)
		row(label+": HTTP c1 p50 / p95 / p99 ms", func(s *sizeReport) string {
			r, _ := s.run(engine, class, "http", 1)
			return fmt.Sprintf("%.2f / %.2f / %.2f", r.P50Ms, r.P95Ms, r.P99Ms)
		})
		row(label+": HTTP c16 req/s (p99 ms, errors)", func(s *sizeReport) string {
			r, _ := s.run(engine, class, "http", concurrency)
			return fmt.Sprintf("%.0f (%.1f, %d)", r.ReqPerSec, r.P99Ms, r.Errors)
		})
		row(label+": engine c1 p50 / p95 / p99 ms", func(s *sizeReport) string {
			r, _ := s.run(engine, class, "engine", 1)
			return fmt.Sprintf("%.2f / %.2f / %.2f", r.P50Ms, r.P95Ms, r.P99Ms)
		})
		row(label+": p50 ratio HTTP / engine", func(s *sizeReport) string {
			h, _ := s.run(engine, class, "http", 1)
			e, _ := s.run(engine, class, "engine", 1)
			return fmt.Sprintf("%.2f", h.P50Ms/max(e.P50Ms, 0.001))
		})
	}
}

func (rep *report) serveRows(row rowFunc) {
	row("statement page c1 p50 / p99 ms (req/s)", func(s *sizeReport) string {
		return fmt.Sprintf("%s (%.0f)", p50p99(s.Page), s.Page.ReqPerSec)
	})
	row("statement page c16 req/s (errors)", func(s *sizeReport) string {
		return fmt.Sprintf("%.0f (%d)", s.PageConcurrent.ReqPerSec, s.PageConcurrent.Errors)
	})
	row("save a revision p50 / p99 ms", func(s *sizeReport) string { return p50p99(s.RevisionSave) })
	row("peak RSS MB: load / serving", func(s *sizeReport) string {
		return fmt.Sprintf("%.0f / %.0f", s.Resources.PeakRSSLoadMB, s.Resources.PeakRSSServingMB)
	})
	row("RSS MB after serving: anonymous / file-backed (Go heap in use)", func(s *sizeReport) string {
		return fmt.Sprintf("%.0f / %.0f (%.0f)", s.Resources.RSSAnonMB, s.Resources.RSSFileMB, s.Resources.GoHeapInUse)
	})
	row("on disk MB: Bleve indexes / FerretDB store", func(s *sizeReport) string {
		return fmt.Sprintf("%.1f / %.1f", s.Resources.IndexMB, s.Resources.StoreMB)
	})
	row("start-up to first search, index present, ms", func(s *sizeReport) string {
		return fmt.Sprintf("%.0f", s.Resources.StartupMs)
	})
}

func p50p99(l latency) string {
	s := fmt.Sprintf("%.2f / %.2f", l.P50Ms, l.P99Ms)
	if l.Errors > 0 {
		s += fmt.Sprintf(" (%d errors)", l.Errors)
	}
	return s
}

// engines lists the search engines measured, Bleve first.
func (rep *report) engines() []string {
	out := []string{"bleve"}
	for _, s := range rep.Sizes {
		for _, r := range s.Search {
			if !slices.Contains(out, r.Engine) {
				out = append(out, r.Engine)
			}
		}
	}
	return out
}
