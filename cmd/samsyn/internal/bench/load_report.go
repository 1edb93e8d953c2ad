package bench

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"
)

// loadRunReport is everything one samsyn load run measured, as --json
// writes it.
type loadRunReport struct {
	Command     string      `json:"command"`
	Started     time.Time   `json:"started"`
	GoVersion   string      `json:"go_version"`
	CPUs        int         `json:"cpus"`
	Seed        uint64      `json:"seed"`
	Docs        int         `json:"docs"`
	Conns       int         `json:"conns"`
	Users       int         `json:"member_users"`
	Mix         [3]int      `json:"mix_percent"` // search, page, write
	DurationS   float64     `json:"duration_s"`
	WarmupS     float64     `json:"warmup_s"`
	Connections int         `json:"connections_opened"` // over warm-up and measurement; Conns when every one was kept alive
	Warmup      loadKind    `json:"warmup"`
	Kinds       []loadKind  `json:"kinds"`
	Total       loadKind    `json:"total"`
	Memory      []memSample `json:"memory"` // at the start of the measurement, every 5 s, and at its end
}

// loadKind is one kind of request: Errors (in latency) counts transport
// errors and every unexpected status, 5xx included; the latencies are
// those of the expected answers (200, and 409 for saves).
type loadKind struct {
	Kind      string `json:"kind"`
	Requests  int    `json:"requests"`
	Status5xx int    `json:"status_5xx"`
	Conflicts int    `json:"conflicts_409"`
	latency
	ErrorSamples []string `json:"error_samples,omitempty"`
}

// memSample is the process's memory at one moment of the measurement:
// the whole process, i.e. server, embedded FerretDB, Bleve and the load
// generator itself.
type memSample struct {
	AtS         float64 `json:"at_s"`
	RSSMB       float64 `json:"rss_mb"`        // VmRSS
	HeapInuseMB float64 `json:"heap_inuse_mb"` // Go heap in use
	Goroutines  int     `json:"goroutines"`
}

// memSampler samples memory when started, every interval, and when stopped.
type memSampler struct {
	every   time.Duration
	samples []memSample
	t0      time.Time
	quit    chan struct{}
	wg      sync.WaitGroup
}

func (m *memSampler) start() {
	m.t0, m.quit = time.Now(), make(chan struct{})
	m.sample()
	m.wg.Go(func() {
		t := time.NewTicker(m.every)
		defer t.Stop()
		for {
			select {
			case <-m.quit:
				return
			case <-t.C:
				m.sample()
			}
		}
	})
}

func (m *memSampler) stop() {
	close(m.quit)
	m.wg.Wait()
	m.sample()
}

func (m *memSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.samples = append(m.samples, memSample{AtS: round(time.Since(m.t0).Seconds()), RSSMB: rssMB(),
		HeapInuseMB: round(float64(ms.HeapInuse) / (1 << 20)), Goroutines: runtime.NumGoroutine()})
}

// verdict fails the run on any error or 5xx answer, in the warm-up too.
func (rep *loadRunReport) verdict() error {
	if rep.Total.Errors == 0 && rep.Total.Status5xx == 0 && rep.Warmup.Errors == 0 {
		return nil
	}
	return fmt.Errorf("load: %d errors (%d of them 5xx) in %d requests, and %d errors (%d 5xx) in the warm-up",
		rep.Total.Errors, rep.Total.Status5xx, rep.Total.Requests, rep.Warmup.Errors, rep.Warmup.Status5xx)
}

// writeMarkdown prints the table of request kinds and the memory samples.
func (rep *loadRunReport) writeMarkdown(w io.Writer) {
	fmt.Fprintf(w, "\n%s — %s, %d CPUs, seed %d: %d documents, %d connections (%d opened), %d member users, "+
		"mix %d/%d/%d %% search/page/save, %g s after a %g s warm-up\n\n", rep.Command, rep.GoVersion, rep.CPUs, rep.Seed,
		rep.Docs, rep.Conns, rep.Connections, rep.Users, rep.Mix[0], rep.Mix[1], rep.Mix[2], rep.DurationS, rep.WarmupS)
	fmt.Fprintln(w, "| kind | requests | req/s | errors | 5xx | 409 | p50 ms | p95 ms | p99 ms | max ms |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, k := range append(rep.Kinds, rep.Total) {
		fmt.Fprintf(w, "| %s | %d | %.1f | %d | %d | %d | %.2f | %.2f | %.2f | %.2f |\n", k.Kind, k.Requests, k.ReqPerSec,
			k.Errors, k.Status5xx, k.Conflicts, k.P50Ms, k.P95Ms, k.P99Ms, k.MaxMs)
	}
	fmt.Fprintf(w, "\nwarm-up: %d requests, %d errors\n\n", rep.Warmup.Requests, rep.Warmup.Errors)
	fmt.Fprintln(w, "| memory at | RSS MB | Go heap in use MB | goroutines |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: |")
	for i, m := range rep.Memory {
		label := fmt.Sprintf("%.0f s", m.AtS)
		switch i {
		case 0:
			label = "start"
		case len(rep.Memory) - 1:
			label = fmt.Sprintf("end (%.1f s)", m.AtS)
		}
		fmt.Fprintf(w, "| %s | %.1f | %.1f | %d |\n", label, m.RSSMB, m.HeapInuseMB, m.Goroutines)
	}
	if n := len(rep.Memory); n > 1 {
		lo, hi := rep.Memory[0].RSSMB, rep.Memory[0].RSSMB
		for _, m := range rep.Memory {
			lo, hi = min(lo, m.RSSMB), max(hi, m.RSSMB)
		}
		fmt.Fprintf(w, "\nRSS start → end: %.1f → %.1f MB (lowest %.1f, highest %.1f); Go heap in use: %.1f → %.1f MB\n",
			rep.Memory[0].RSSMB, rep.Memory[n-1].RSSMB, lo, hi, rep.Memory[0].HeapInuseMB, rep.Memory[n-1].HeapInuseMB)
	}
	for _, s := range append(rep.Total.ErrorSamples, rep.Warmup.ErrorSamples...) {
		fmt.Fprintf(w, "error: %s\n", s)
	}
	fmt.Fprintln(w)
}
