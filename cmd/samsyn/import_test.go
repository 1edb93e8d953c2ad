package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

// TestImportRemisserCommand imports the captured pages from files and
// over HTTP: what was added, updated or unchanged is printed with the
// fields each page lacked; a second import changes nothing; a page that
// is not a remiss and a missing page are clear errors.
func TestImportRemisserCommand(t *testing.T) {
	t.Parallel()
	pages := regeringentest.Dir(t)
	dir := t.TempDir()
	out, err := runCLI(t, dir, "", "import-remisser", filepath.Join(pages, "case-closed.html"))
	if err != nil || !strings.Contains(out, "added      KN2026/00741") || !strings.Contains(out, "(deadline 2026-06-30)") ||
		!strings.HasSuffix(out, "1 added, 0 updated, 0 unchanged, 0 refused\n") {
		t.Fatalf("first import: %v\n%s", err, out)
	}
	if out, err = runCLI(t, dir, "", "import-remisser", filepath.Join(pages, "case-closed.html")); err != nil ||
		!strings.Contains(out, "unchanged  KN2026/00741") || !strings.HasSuffix(out, "0 added, 0 updated, 1 unchanged, 0 refused\n") {
		t.Fatalf("second import: %v\n%s", err, out)
	}

	open, _ := os.ReadFile(filepath.Join(pages, "case-open.html"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/remisser/open/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(open)
		case "/press/":
			_, _ = w.Write([]byte("<html><body><main><h1>Pressmeddelande</h1></main></body></html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	out, err = runCLI(t, dir, "", "import-remisser", srv.URL+"/remisser/open/")
	if err != nil || !strings.Contains(out, "added      -               Remiss av Ds 2026:15 Gäldenärens avtal i konkurs (deadline 2026-10-30)") ||
		!strings.Contains(out, "missing: reference, updated") {
		t.Fatalf("import over HTTP: %v\n%s", err, out)
	}
	out, err = runCLI(t, dir, "", "import-remisser", filepath.Join(pages, "listing.html"))
	if err != nil || !strings.HasSuffix(out, "0 added, 0 updated, 2 unchanged, 0 refused, 18 to triage\n") ||
		!strings.Contains(out, "missing: series, department, updated, deadline, invitees, documents") {
		t.Fatalf("listing: %v\n%s", err, out)
	}
	for _, bad := range []struct{ arg, want string }{
		{srv.URL + "/press/", "ingen remiss"},
		{srv.URL + "/finns-inte/", "404"},
		{filepath.Join(dir, "finns-inte.html"), "finns-inte.html"},
	} {
		if _, err := runCLI(t, dir, "", "import-remisser", bad.arg); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want an error about %q", bad.arg, err, bad.want)
		}
	}
}
