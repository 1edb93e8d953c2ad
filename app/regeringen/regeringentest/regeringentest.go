// Package regeringentest finds the captured regeringen.se pages that tests
// read: shared/data/regeringen beside the repository (CI lays a copy of
// shared/ next to its fresh clone).
package regeringentest

import (
	"os"
	"path/filepath"
	"testing"
)

// Pages are the captured pages, by file name.
var Pages = []string{"case-open.html", "case-closed.html", "listing.html"}

// Dir returns the directory of the captured pages, found by walking up
// from the test's working directory. Without it the test is skipped, unless
// CI is "true", where it fails.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err == nil {
		for {
			p := filepath.Join(dir, "shared", "data", "regeringen")
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return p
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("shared/data/regeringen not found beside the repository")
	}
	t.Skip("shared/data/regeringen not found beside the repository")
	return ""
}

// Read returns one captured page.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
