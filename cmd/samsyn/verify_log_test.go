package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// TestVerifyLog: verify-log passes on the demo's publication log, read
// from the site (the key from its /.well-known address); a saved copy
// with an entry altered, a content hash rewritten (every hash after it
// recomputed, as someone without the key could) or two entries swapped
// fails, naming entry 2.
func TestVerifyLog(t *testing.T) {
	t.Parallel()
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	out, err := runCLI(t, t.TempDir(), "", "verify-log", inst.URL+"/publiceringslogg.json")
	if err != nil || !strings.HasPrefix(out, "OK: ") {
		t.Fatalf("verify-log on the demo: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(out))
	out, err = runCLI(t, t.TempDir(), "", "verify-log", "--texts", inst.URL+"/publiceringslogg.json")
	if err != nil || !strings.Contains(out, "OK: the 3 published texts are the ones logged.") {
		t.Fatalf("verify-log --texts on the demo: %v\n%s", err, out)
	}
	// A site that serves another text than the one logged is caught.
	logJSON, keyPEM := httpBody(t, inst.URL+"/publiceringslogg.json"), httpBody(t, inst.URL+"/.well-known/samsyn-publication-key")
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/publiceringslogg.json":
			_, _ = w.Write(logJSON)
		case r.URL.Path == "/.well-known/samsyn-publication-key":
			_, _ = w.Write(keyPEM)
		case strings.HasSuffix(r.URL.Path, ".txt"):
			_, _ = io.WriteString(w, "Tyst omskriven text")
		}
	}))
	defer fake.Close()
	if _, err := runCLI(t, t.TempDir(), "", "verify-log", "--texts", fake.URL+"/publiceringslogg.json"); err == nil ||
		!strings.Contains(err.Error(), "it was changed after publication") {
		t.Errorf("verify-log --texts on a rewritten text: %v", err)
	}
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(keyFile, httpBody(t, inst.URL+"/.well-known/samsyn-publication-key"), 0o600); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(httpBody(t, inst.URL+"/publiceringslogg.json"), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) < 4 {
		t.Fatalf("the demo's log has %d entries, want its publications and its withdrawal", len(doc.Items))
	}
	for name, tamper := range map[string]func(items []map[string]any){
		"entry altered": func(items []map[string]any) { items[1]["slug"] = "ett-annat-stallningstagande" },
		"content hash rewritten": func(items []map[string]any) {
			items[1]["content_hash"] = strings.Repeat("f", 64)
			for i := 1; i < len(items); i++ {
				items[i]["prev_hash"] = items[i-1]["entry_hash"]
				items[i]["entry_hash"] = app.EntryHash(entryOf(t, items[i]))
			}
		},
		"order changed": func(items []map[string]any) { items[1], items[2] = items[2], items[1] },
	} {
		items := make([]map[string]any, len(doc.Items))
		for i, it := range doc.Items {
			items[i] = map[string]any{}
			for k, v := range it {
				items[i][k] = v
			}
		}
		tamper(items)
		b, _ := json.Marshal(map[string]any{"items": items})
		file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := runCLI(t, t.TempDir(), "", "verify-log", file, "--key", keyFile)
		if err == nil || !strings.Contains(err.Error(), "entry 2 ") {
			t.Errorf("%s: verify-log says %v, want a failure naming entry 2", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

func httpBody(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return b
}

func entryOf(t *testing.T, it map[string]any) *app.PublicationEntry {
	t.Helper()
	at, err := time.Parse(time.RFC3339, it["at"].(string))
	if err != nil {
		t.Fatal(err)
	}
	return &app.PublicationEntry{Seq: int64(it["seq"].(float64)), At: at, Slug: it["slug"].(string),
		Action: it["action"].(string), ContentHash: it["content_hash"].(string), PrevHash: it["prev_hash"].(string)}
}
