// Package regeringentest holds the captured regeringen.se pages that tests
// read. They live in the repository (testdata/, with a README saying where
// they come from) and are embedded, so a test in any package reads them
// without looking outside the repository and never skips for want of them.
package regeringentest

import (
	"embed"
	"os"
	"path/filepath"
	"testing"
)

// Pages are the captured pages, by file name.
var Pages = []string{"case-open.html", "case-closed.html", "listing.html"}

//go:embed testdata/*.html
var pages embed.FS

// Read returns one captured page.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := pages.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Dir writes the captured pages to a fresh temporary directory and returns
// it, for tests that need them as files.
func Dir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range Pages {
		if err := os.WriteFile(filepath.Join(dir, name), Read(t, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
