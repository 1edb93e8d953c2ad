// Package bench is samsyn's benchmark and load harness: samsyn bench
// measures loading, indexing, search, pages and writes on a generated
// corpus, samsyn load drives the real server with a mix of requests for a
// fixed time. Each run builds its own Samsyn in a temporary data dir
// (embedded FerretDB and Bleve) and reports a Markdown table and JSON.
// It owns the two commands, their flags and their reports.
package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Config is what the harness takes from samsyn's configuration.
type Config struct {
	// MeiliURL and MeiliKey name a Meilisearch to measure search on as
	// well (bench only); empty: Bleve only.
	MeiliURL, MeiliKey string
	NetworkName        string // shown on the pages served
}

// options are the flags of samsyn bench.
type options struct {
	sizes     []int
	jsonPath  string
	seed      uint64
	requests  int           // requests per search and page measurement at concurrency 1
	publishes int           // publish → searchable samples
	edits     int           // revision saves
	limit     time.Duration // longest time one measurement may take
	sample    int           // statements the real search sync indexes in the load
	profile   string        // CPU profile of the whole run
	answers   int           // other bodies' answers loaded beside the statements (0: none)
}

// concurrency is the concurrent clients of the loaded measurements.
const concurrency = 16

// Command is samsyn bench; it prints its table to the command's output
// and its progress to the command's error output.
func Command(cfg Config) *cobra.Command {
	o := options{}
	var docs string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure loading, indexing, search, pages and writes on a generated corpus in a temporary data dir",
		Long: "bench generates N realistic Swedish statements per size (deterministically), loads them into a\n" +
			"temporary embedded stack (FerretDB + Bleve, as serve runs it) and measures load and index throughput,\n" +
			"publish → searchable latency, public search over HTTP and in-process, the statement page, revision\n" +
			"saves, peak RSS, index size and start-up time. It prints a Markdown table; --json writes every figure.\n" +
			"With SAMSYN_MEILI_URL set it measures search on Meilisearch too (indexes prefixed samsyn_bench_).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sizes, err := parseSizes(docs)
			if err != nil {
				return err
			}
			o.sizes = sizes
			return bench(cmd.Context(), cfg, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&docs, "docs", "1000", "corpus sizes, comma-separated, e.g. 1000,10000,100000")
	f.StringVar(&o.jsonPath, "json", "", "also write the results as JSON to this file")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the generated corpus")
	f.IntVar(&o.requests, "requests", 200, "requests per search and page measurement (16 clients make five times as many)")
	f.IntVar(&o.publishes, "publishes", 30, "publish → searchable samples")
	f.IntVar(&o.edits, "edits", 100, "revision saves measured")
	f.DurationVar(&o.limit, "limit", 20*time.Second, "longest time one measurement may take (it stops early, keeping what it has)")
	f.IntVar(&o.sample, "sync-sample", 50, "statements of the load indexed by one round of the real search sync (at most 100)")
	f.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the whole run to this file (go tool pprof)")
	f.IntVar(&o.answers, "answers", 0, "also load this many generated answers of other bodies (about five pages each) and measure\n"+
		"the internal search of one word and a consultation page with 60 of them")
	return cmd
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(part, "_", "")))
		if err != nil || n < 1 || n > 1_000_000 {
			return nil, fmt.Errorf("--docs: %q is not a size between 1 and 1000000", part)
		}
		out = append(out, n)
	}
	return out, nil
}

// bench runs every size in turn, each in its own temporary data dir, then
// prints the table to out and writes the JSON.
func bench(ctx context.Context, cfg Config, o options, out, progress io.Writer) error {
	o.requests, o.publishes, o.edits = max(o.requests, 1), max(o.publishes, 1), max(o.edits, 1)
	rep := &report{Command: "samsyn " + strings.Join(os.Args[1:], " "), Started: time.Now().UTC().Truncate(time.Second),
		GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Seed: o.seed, Meili: cfg.MeiliURL != ""}
	if o.profile != "" {
		stop, err := startCPUProfile(o.profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	for _, n := range o.sizes {
		fmt.Fprintf(progress, "bench: %d documents\n", n)
		r, err := benchSize(ctx, cfg, o, n, progress)
		if err != nil {
			return fmt.Errorf("bench at %d documents: %w", n, err)
		}
		rep.Sizes = append(rep.Sizes, r)
	}
	rep.writeMarkdown(out)
	if o.jsonPath == "" {
		return nil
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(o.jsonPath, append(b, '\n'), 0o644)
}

// benchSize measures one corpus size, in order: load (with the raw Bleve
// baseline), publish → searchable, search, pages, revision saves; then
// closes the stack and times a start-up on the index it left.
func benchSize(ctx context.Context, cfg Config, o options, n int, progress io.Writer) (*sizeReport, error) {
	dir, err := os.MkdirTemp("", "samsyn-bench-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	step := func(what string) { fmt.Fprintf(progress, "bench: %d documents: %s\n", n, what) }
	r := &sizeReport{Docs: n}
	resetPeakRSS()
	b, err := openHarness(ctx, dir, cfg, o.seed)
	if err != nil {
		return nil, err
	}
	defer b.close()
	step("raw Bleve baseline")
	if err := b.baseline(ctx, n, &r.Load); err != nil {
		return nil, err
	}
	step("bulk load, and a sample through the search sync")
	if err := b.load(ctx, n, o.sample, &r.Load); err != nil {
		return nil, err
	}
	r.Resources.PeakRSSLoadMB = peakRSSMB()
	resetPeakRSS()
	if err := b.serve(ctx); err != nil {
		return nil, err
	}
	if err := b.measureServing(ctx, o, r, step); err != nil {
		return nil, err
	}
	r.Resources.PeakRSSServingMB = peakRSSMB()
	mb := procStatusMBs("VmRSS", "RssAnon", "RssFile", "RssShmem")
	r.Resources.RSSMB, r.Resources.RSSAnonMB, r.Resources.RSSFileMB = mb[0], mb[1], mb[2]+mb[3]
	r.Resources.GoHeapInUse = goHeapInUseMB()
	r.Resources.IndexMB, r.Resources.StoreMB = dirMB(b.sys.searchDir()), dirMB(b.sys.storeDir())
	b.close()
	step("start-up with the index present")
	r.Resources.StartupMs, err = startup(ctx, dir, cfg)
	return r, err
}

// measureServing runs every measurement that needs the server up.
func (b *harness) measureServing(ctx context.Context, o options, r *sizeReport, step func(string)) error {
	step("publish → searchable")
	var err error
	if r.PublishToSearchable, err = b.publishLatency(ctx, o); err != nil {
		return err
	}
	step("public search, HTTP and in-process")
	if r.Search, err = b.searchAll(ctx, o, "bleve", b.sys.search, b.baseURL); err != nil {
		return err
	}
	step("statement pages")
	r.Page, r.PageConcurrent = b.pages(ctx, o)
	step("revision saves")
	if r.RevisionSave, err = b.revisionSaves(ctx, o); err != nil {
		return err
	}
	if o.answers > 0 {
		step(fmt.Sprintf("%d answers of other bodies", o.answers))
		if r.Answers, err = b.answers(ctx, o, o.answers); err != nil {
			return err
		}
	}
	if b.cfg.MeiliURL != "" {
		step("Meilisearch")
		runs, load, err := b.meili(ctx, o)
		if err != nil {
			return err
		}
		r.Search, r.MeiliLoad = append(r.Search, runs...), load
	}
	return nil
}

// startCPUProfile profiles the process into path until stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
