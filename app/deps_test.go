package app_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestAppRendersNoHTML checks that package app, the domain, depends on no
// HTML templating, sanitiser, web framework, database driver or search
// engine, not even through another package: it parses Markdown into
// blocks and returns data; package web renders.
func TestAppRendersNoHTML(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH to list dependencies with")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"html/template", "github.com/microcosm-cc/bluemonday", "github.com/gofiber/",
			"go.mongodb.org/", "github.com/blevesearch/", "github.com/meilisearch/", "github.com/FerretDB/"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("package app depends on %s", dep)
			}
		}
	}
}
