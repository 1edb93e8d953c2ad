package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/web"
)

// demoFixture is a server on a fresh database holding the demo data only
// (no fixture users: the demo loads into an empty database).
func demoFixture(t *testing.T) *fixture {
	t.Helper()
	db := mongotest.MustOpenDB(t)
	f := &fixture{t: t, db: db, services: newServices(db, io.Discard)}
	srv, err := web.New(web.Deps{Services: f.services, Ready: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Registry: prometheus.NewRegistry()}, web.Config{BaseURL: "http://localhost:8080", NetworkName: "Industrikommunerna",
		BodyLimit: 64 << 10, RequestTimeout: 10 * time.Second, LoginLimit: 5, LoginWindow: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	st := mongodb.Stores(db)
	_, err = demo.Load(t.Context(), demo.Stores{Members: st.Members, Users: st.Users, Consultations: st.Consultations,
		Issues: st.Issues, Statements: st.Statements, Events: f.services.Events}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestCanonicalTextMatchesThePagesChecksum: for every published demo
// statement, the SHA-256 of /stallningstaganden/{slug}.txt is the checksum
// its page shows, and the page's command names that download. Withdrawn
// and unpublished statements have no text to download.
func TestCanonicalTextMatchesThePagesChecksum(t *testing.T) {
	t.Parallel()
	f := demoFixture(t)
	all, _, err := f.statements().ListStatements(t.Context(), app.StatementFilter{Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, st := range all {
		resp := f.do(request{method: "GET", path: "/stallningstaganden/" + st.Slug + ".txt"})
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if st.Status != app.StatementPublished {
			if resp.StatusCode != 404 {
				t.Errorf("%s (%s): .txt answers %d, want 404", st.Slug, st.Status, resp.StatusCode)
			}
			continue
		}
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Fatalf("%s.txt: %d %s", st.Slug, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		sum := sha256.Sum256(body)
		page := mustDoc(t, f.do(request{method: "GET", path: "/stallningstaganden/" + st.Slug}))
		shown := strings.TrimSpace(page.Find("#kontrollsumma").Text())
		if hex.EncodeToString(sum[:]) != shown || shown != st.ContentHash {
			t.Errorf("%s: sha256 of the download %x, page shows %q, stored %s", st.Slug, sum, shown, st.ContentHash)
		}
		cmd := page.Find("#kontrollkommando").Text()
		if cmd != "curl -s http://localhost:8080/stallningstaganden/"+st.Slug+".txt | sha256sum" {
			t.Errorf("%s: command %q", st.Slug, cmd)
		}
		if sum, ok := sha256sumOf(t, body); ok && sum != shown {
			t.Errorf("%s: sha256sum prints %s, the page shows %s", st.Slug, sum, shown)
		}
		if !strings.HasPrefix(string(body), st.Title+"\x00") {
			t.Errorf("%s: the text does not start with the title and a NUL byte: %.80q", st.Slug, body)
		}
		checked++
	}
	if checked < 3 {
		t.Fatalf("only %d published demo statements checked", checked)
	}
	t.Logf("%d published demo statements: download's sha256 = page's checksum", checked)
}

// sha256sumOf runs the page's instruction, sha256sum on the downloaded
// file, where the command is installed (coreutils: every Linux CI has it).
func sha256sumOf(t *testing.T, body []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("sha256sum")
	if err != nil {
		return "", false
	}
	file := filepath.Join(t.TempDir(), "text.txt")
	if err := os.WriteFile(file, body, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, file).Output()
	if err != nil {
		t.Fatal(err)
	}
	sum, _, _ := strings.Cut(string(out), " ")
	return sum, true
}
