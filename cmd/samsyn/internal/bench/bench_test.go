package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestBench runs the harness on 50 documents with few requests and checks
// that the JSON holds every measurement with sane values. It asserts no
// timings: speed is the harness's output, not a test.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole embedded stack twice")
	}
	t.Setenv("TMPDIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "bench.json")
	out, err := execute(Command(Config{}), "--docs", "50", "--json", path, "--requests", "6", "--publishes", "3",
		"--edits", "5", "--limit", "5s", "--sync-sample", "10")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "| measure | 50 docs |") || !strings.Contains(out, "bleve full: HTTP c16") {
		t.Errorf("no Markdown table in the output:\n%s", out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Sizes) != 1 || rep.Sizes[0].Docs != 50 || rep.CPUs < 1 {
		t.Fatalf("report = %s", b)
	}
	r := rep.Sizes[0]
	checkLoad(t, r.Load)
	for name, l := range map[string]latency{"publish_to_searchable": r.PublishToSearchable, "statement_page": r.Page,
		"statement_page_concurrent": r.PageConcurrent, "revision_save": r.RevisionSave} {
		checkLatency(t, name, l)
	}
	checkSearch(t, r.Search)
	res := r.Resources
	if res.PeakRSSLoadMB <= 0 || res.PeakRSSServingMB <= 0 || res.IndexMB <= 0 || res.StoreMB <= 0 || res.StartupMs <= 0 ||
		res.RSSAnonMB <= 0 || res.GoHeapInUse <= 0 {
		t.Errorf("resources = %+v, want every figure above 0", res)
	}
	if parts := res.RSSAnonMB + res.RSSFileMB; parts > res.RSSMB+1 || parts < res.RSSMB-1 {
		t.Errorf("anonymous %.1f + file-backed %.1f MB, resident %.1f MB: want them to add up", res.RSSAnonMB, res.RSSFileMB, res.RSSMB)
	}
}

// execute runs cmd with args as samsyn runs it and returns its output.
func execute(cmd *cobra.Command, args ...string) (string, error) {
	var out bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(io.Discard)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

func checkLoad(t *testing.T, l loadReport) {
	t.Helper()
	if l.AvgWords < 300 || l.AvgWords > 1500 || l.AvgKB <= 0 {
		t.Errorf("corpus: %d words, %.1f KB per statement", l.AvgWords, l.AvgKB)
	}
	if l.BulkDocs <= 0 || l.BulkSeconds <= 0 || l.DocsPerSec <= 0 ||
		l.BaselineDocsPerSec <= 0 || l.Ratio <= 0 || l.BaselineBatch != loadChunk {
		t.Errorf("load = %+v, want every rate above 0", l)
	}
	// The process cannot use more than its cores in the windows timed, so
	// the ratio measured stays under the bound its CPU times give.
	if l.BaselineCPUMsPerDoc <= 0 || l.BulkCPUMsPerDoc <= 0 ||
		l.CPUBoundRatio <= 0 || l.Ratio > l.CPUBoundRatio*1.05 {
		t.Errorf("load = %+v, want CPU per document above 0 and the ratio within its CPU bound", l)
	}
	if l.SyncSample != 10 || l.SyncDocsPerSec <= 0 {
		t.Errorf("load = %+v, want the sync's rate on 10 statements", l)
	}
}

func checkLatency(t *testing.T, name string, l latency) {
	t.Helper()
	if l.N <= 0 || l.Errors != 0 || l.P50Ms <= 0 || l.P50Ms > l.P95Ms || l.P95Ms > l.P99Ms || l.P99Ms > l.MaxMs {
		t.Errorf("%s = %+v, want samples, no errors and p50 ≤ p95 ≤ p99 ≤ max", name, l)
	}
}

func checkSearch(t *testing.T, runs []searchRun) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range runs {
		name := r.Engine + " " + r.Class + " " + r.Via
		seen[fmt.Sprintf("%s %s %d", r.Class, r.Via, r.Concurrency)] = true
		checkLatency(t, name, r.latency)
		if r.ReqPerSec <= 0 || r.AvgTotal <= 0 {
			t.Errorf("%s: %.1f req/s, %.1f matches on average", name, r.ReqPerSec, r.AvgTotal)
		}
		if r.Class == "full" && r.Highlighted <= 0 {
			t.Errorf("%s: no highlighted snippet", name)
		}
	}
	for _, class := range []string{"plain", "typo1", "typo", "prefix", "filtered", "full"} {
		for _, via := range []string{"engine 1", "http 1", "http 16"} {
			if !seen[class+" "+via] {
				t.Errorf("no %s search measured %s", class, via)
			}
		}
	}
}

func TestBenchParts(t *testing.T) {
	t.Parallel()
	if got, err := parseSizes("1000, 10_000,100000"); err != nil || len(got) != 3 || got[1] != 10000 {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "ten", "1000,,2000"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
	var ds []time.Duration
	for i := range 100 {
		ds = append(ds, time.Duration(100-i)*time.Millisecond)
	}
	l := summarise(ds)
	if l.N != 100 || l.P50Ms != 50 || l.P95Ms != 95 || l.P99Ms != 99 || l.MaxMs != 100 {
		t.Errorf("summarise = %+v", l)
	}
	m := measure(context.Background(), 4, 40, time.Minute, func(context.Context, int) error { return nil })
	if m.N != 40 || m.Errors != 0 || m.ReqPerSec <= 0 {
		t.Errorf("measure = %+v", m)
	}
	var order []string
	fail := errors.New("odd")
	la, lb := measurePair(context.Background(), 10, time.Minute,
		func(_ context.Context, i int) error { order = append(order, fmt.Sprint("a", i)); return nil },
		func(_ context.Context, i int) error {
			order = append(order, fmt.Sprint("b", i))
			if i%2 == 1 {
				return fail
			}
			return nil
		})
	if la.N != 10 || la.Errors != 0 || lb.N != 5 || lb.Errors != 5 || la.ReqPerSec <= 0 {
		t.Errorf("measurePair = %+v, %+v", la, lb)
	}
	if got := strings.Join(order[:6], " "); got != "a0 b0 b1 a1 a2 b2" {
		t.Errorf("measurePair ran %s, want a and b alternating which goes first", got)
	}
}
