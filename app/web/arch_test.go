package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// storeMethods returns the methods of every store interface that package
// app declares (names ending in Store or Log: the stores and the audit,
// import and reminder logs), each with its interface's name.
func storeMethods(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range parseGoDir(t, "..") {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || !(strings.HasSuffix(ts.Name.Name, "Store") || strings.HasSuffix(ts.Name.Name, "Log")) {
				return true
			}
			if it, ok := ts.Type.(*ast.InterfaceType); ok {
				for _, m := range it.Methods.List {
					for _, name := range m.Names {
						out[name.Name] = ts.Name.Name
					}
				}
			}
			return true
		})
	}
	if len(out) < 40 {
		t.Fatalf("found only %d store methods in package app: the scan is broken", len(out))
	}
	return out
}

// parseDir parses the non-test Go files of dir.
func parseGoDir(t *testing.T, dir string) map[string]*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset, out := token.NewFileSet(), map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = f
	}
	return out
}

// TestWebCallsNoStore: package web reaches the domain only through app's
// services. No file of it calls a method of a store interface, names a
// store or log type, or builds an audit event itself.
func TestWebCallsNoStore(t *testing.T) {
	t.Parallel()
	methods := storeMethods(t)
	files := parseGoDir(t, ".")
	if len(files) < 50 {
		t.Fatalf("found only %d files in package web", len(files))
	}
	for name, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if iface, ok := methods[sel.Sel.Name]; ok {
				t.Errorf("%s calls %s.%s: go through a service of package app", name, iface, sel.Sel.Name)
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "app" {
				if strings.HasSuffix(sel.Sel.Name, "Store") || strings.HasSuffix(sel.Sel.Name, "Log") || sel.Sel.Name == "AuditEvent" && isComposite(f, sel) {
					t.Errorf("%s uses app.%s: go through a service of package app", name, sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// isComposite reports whether sel is the type of a composite literal in f.
func isComposite(f *ast.File, sel *ast.SelectorExpr) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CompositeLit); ok && cl.Type == sel {
			found = true
		}
		return !found
	})
	return found
}

// TestDependenciesPointInward: package app imports no web, storage,
// search-engine or template package, and package web no storage, intake
// or search-engine package of ours.
func TestDependenciesPointInward(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pkg       string
		forbidden []string
	}{
		{"github.com/samsyn/samsyn/app", []string{"github.com/gofiber/", "go.mongodb.org/mongo-driver",
			"github.com/blevesearch/", "github.com/meilisearch/", "html/template", "github.com/samsyn/samsyn/"}},
		{"github.com/samsyn/samsyn/app/web", []string{"github.com/samsyn/samsyn/app/mongodb",
			"github.com/samsyn/samsyn/app/regeringen", "github.com/samsyn/samsyn/search", "go.mongodb.org/mongo-driver",
			"github.com/blevesearch/", "github.com/meilisearch/"}},
	}
	for _, c := range cases {
		out, err := exec.Command("go", "list", "-deps", c.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", c.pkg, err)
		}
		deps := strings.Fields(string(out))
		if !slices.Contains(deps, c.pkg) {
			t.Fatalf("go list -deps %s does not list the package itself: %v", c.pkg, deps)
		}
		for _, d := range deps {
			for _, bad := range c.forbidden {
				if strings.HasPrefix(d, bad) && d != c.pkg {
					t.Errorf("%s depends on %s", c.pkg, d)
				}
			}
		}
	}
}
