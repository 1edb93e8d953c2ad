package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoad runs samsyn load briefly on 50 documents and 8 connections and
// checks that every kind of request ran without an error and the JSON holds
// the figures. It asserts no timings: they are the command's output.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole embedded stack under load")
	}
	t.Setenv("TMPDIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "load.json")
	out, err := execute(LoadCommand(Config{}), "--docs", "50", "--conns", "8", "--duration", "3s", "--json", path)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "| kind | requests |") || !strings.Contains(out, "| memory at |") {
		t.Errorf("no Markdown tables in the output:\n%s", out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep loadRunReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Docs != 50 || rep.Conns != 8 || len(rep.Kinds) != kindCount || len(rep.Memory) < 2 {
		t.Fatalf("report = %s", b)
	}
	for _, k := range rep.Kinds {
		if k.Requests == 0 || k.Errors != 0 || k.Status5xx != 0 || k.N == 0 || k.P99Ms < k.P50Ms {
			t.Errorf("%s = %+v, want requests answered, no errors and p50 ≤ p99", k.Kind, k)
		}
	}
	if rep.Total.Requests != rep.Kinds[0].Requests+rep.Kinds[1].Requests+rep.Kinds[2].Requests {
		t.Errorf("total %d is not the sum of the kinds", rep.Total.Requests)
	}
	if rep.Connections < rep.Conns {
		t.Errorf("%d connections opened for %d clients", rep.Connections, rep.Conns)
	}
	for _, m := range rep.Memory {
		if m.RSSMB <= 0 || m.HeapInuseMB <= 0 {
			t.Errorf("memory sample %+v, want RSS and heap above 0", m)
		}
	}
}
