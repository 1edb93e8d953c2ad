package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/samsyn/samsyn/app/pdftext/pdftexttest"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

// TestHarvestRemissvarCommand: the saved closed case with its PDFs in a
// folder prints one line per answer (the scan as having no text) and
// stores nothing while the remiss is not registered; once it is, the
// PDFs fetched from a server (--base) are stored, and a second run asks
// conditionally and changes nothing.
func TestHarvestRemissvarCommand(t *testing.T) {
	t.Parallel()
	pages := regeringentest.Dir(t)
	page := filepath.Join(pages, "case-closed.html")
	pdfs := t.TempDir()
	files := map[string][]byte{}
	for _, f := range []string{"forvaltningsratten-i-jonkoping.pdf", "kammarkollegiet.pdf", "kammarratten-i-jonkoping.pdf",
		"kemikalieinspektionen.pdf", "konkurrensverket.pdf", "konsumentverket.pdf", "patent-och-registreringsverket.pdf",
		"polismyndigheten.pdf", "regelradet.pdf", "riksarkivet.pdf", "rise-research-institutes-of-sweden-ab.pdf",
		"statskontoret.pdf", "styrelsen-for-ackreditering-och-teknisk-kontroll.pdf", "sveriges-advokatsamfund.pdf",
		"tillvaxtverket.pdf", "tullverket.pdf", "upphandlingsmyndigheten.pdf"} {
		files[f] = pdftexttest.Text(t, "Remissvar avseende Ädelmetallutredningen (SOU 2026:14).",
			"Myndigheten tillstyrker förslaget om en moderniserad reglering av handeln med ädelmetallarbeten.")
	}
	files["forvaltningsratten-i-jonkoping.pdf"] = pdftexttest.Scan(t)
	files["kammarkollegiet.pdf"] = pdftexttest.Text(t, "Kammarkollegiet har inga synpunkter på förslagen i betänkandet.")
	for f, b := range files {
		if err := os.WriteFile(filepath.Join(pdfs, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"SAMSYN_HARVEST_PAUSE", "0s"}
	dir := t.TempDir()
	out, err := runCLIEnv(t, dir, env, "harvest-remissvar", "--pdf-dir", pdfs, page)
	if err != nil || strings.Count(out, "\n") < 17 || !strings.Contains(out, "Förvaltningsrätten i Jönköping") ||
		!strings.Contains(out, "ingen text (skannad?)") || !strings.Contains(out, "inga_synpunkter") ||
		!strings.Contains(out, "»Kammarkollegiet har inga synpunkter på förslagen i betänkandet.«") ||
		!strings.HasSuffix(out, "17 answers: 17 added, 0 updated, 0 unchanged, 0 failed; the remiss is not in the register: nothing stored\n") {
		t.Fatalf("unregistered, from a folder: %v\n%s", err, out)
	}

	var mu sync.Mutex
	requests, conditional := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		if r.Header.Get("If-None-Match") != "" {
			conditional++
		}
		mu.Unlock()
		b, ok := files[path.Base(r.URL.Path)]
		if !ok || !strings.HasPrefix(r.URL.Path, "/contentassets/") {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		_, _ = w.Write(b)
	}))
	defer srv.Close()
	if _, err := runCLIEnv(t, dir, env, "import-remisser", page); err != nil {
		t.Fatal(err)
	}
	out, err = runCLIEnv(t, dir, env, "harvest-remissvar", "--base", srv.URL, page)
	if err != nil || !strings.Contains(out, "added      Kammarkollegiet") ||
		!strings.Contains(out, "17 answers: 17 added, 0 updated, 0 unchanged, 0 failed; stored with KN2026/00741") {
		t.Fatalf("registered, over HTTP: %v\n%s", err, out)
	}
	out, err = runCLIEnv(t, dir, env, "harvest-remissvar", "--base", srv.URL, page)
	if err != nil || !strings.Contains(out, "17 answers: 0 added, 0 updated, 17 unchanged, 0 failed") || requests != 34 || conditional != 17 {
		t.Fatalf("second run: %d requests, %d conditional: %v\n%s", requests, conditional, err, out)
	}
	if _, err := runCLIEnv(t, dir, env, "harvest-remissvar", filepath.Join(pages, "listing.html")); err == nil ||
		!strings.Contains(err.Error(), "listing") {
		t.Errorf("a listing: %v", err)
	}
}

// runCLIEnv is runCLI with extra environment variables (name, value, …).
func runCLIEnv(t *testing.T, dataDir string, vars []string, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := run(t.Context(), args, testEnv(dataDir, vars...), strings.NewReader(""), &out, io.Discard)
	return out.String(), err
}
