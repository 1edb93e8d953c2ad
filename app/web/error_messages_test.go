package web_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/templates"
)

// sentence matches a literal that reads as a sentence for people.
var sentence = regexp.MustCompile(`^\p{Lu}.*\s.*[.!?:]$`)

// messageArg names the functions whose argument i is a message for people.
var messageArg = map[string]int{"Errorf": 1, "NewError": 1, "FieldError": 1, "Msg": 0, "refuse": 0}

// isKeyLiteral reports whether s is written as a catalogue key: errors
// ("error.…") and notifications ("notify.…") are the domain's messages.
func isKeyLiteral(s string) bool {
	return strings.HasPrefix(s, "error.") || strings.HasPrefix(s, "notify.")
}

// messageProblems reads the Go files of one package and reports every
// message for people that is not a catalogue key with a text in each
// language: a key literal ("error.…") the catalogues lack, a literal in
// a message position (the arguments above, Problems.Add, an Error's
// Message and Fields) that is not a key, a message built by
// concatenation or fmt.Sprintf, and any other literal that reads as a
// sentence (audit summaries, records kept in Swedish, excepted).
func messageProblems(fset *token.FileSet, files []*ast.File, msgs map[string]map[string]string) []string {
	var out []string
	report := func(n ast.Node, format string, args ...any) {
		out = append(out, fset.Position(n.Pos()).String()+": "+fmt.Sprintf(format, args...))
	}
	checkKey := func(lit *ast.BasicLit, s string) {
		for _, lang := range templates.Languages {
			if _, ok := msgs[lang][s]; !ok {
				report(lit, "message %q has no %s text", s, lang)
			}
		}
	}
	message := func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if s, _ := strconv.Unquote(e.Value); e.Kind == token.STRING && !isKeyLiteral(s) {
				report(e, "message %q is not a catalogue key", s)
			}
		case *ast.BinaryExpr:
			report(e, "message built by concatenation: use app.Msg with arguments")
		case *ast.CallExpr:
			if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
				report(e, "message built by fmt.Sprintf: use app.Msg with arguments")
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.Name == "Errorf" {
					return false // the old-style constructor formats what it is given
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					break
				}
				s, _ := strconv.Unquote(n.Value)
				if isKeyLiteral(s) {
					checkKey(n, s)
				} else if sentence.MatchString(s) {
					report(n, "%q reads as a sentence for people: make it a catalogue key", s)
				}
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if name == "audit" {
					return false // audit summaries are records, kept in Swedish
				}
				if i, ok := messageArg[name]; ok && i < len(n.Args) {
					message(n.Args[i])
				} else if name == "Add" && len(n.Args) == 2 {
					if lit, ok := n.Args[1].(*ast.BasicLit); !ok || sentence.MatchString(unquote(lit)) {
						message(n.Args[1]) // Problems.Add; url.Values.Add of a plain literal is no message
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Message" {
					message(n.Value)
				}
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Fields" {
					if m, ok := n.Value.(*ast.CompositeLit); ok {
						for _, e := range m.Elts {
							if kv, ok := e.(*ast.KeyValueExpr); ok {
								message(kv.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	return out
}

func unquote(lit *ast.BasicLit) string {
	s, _ := strconv.Unquote(lit.Value)
	return s
}

func parseDir(t *testing.T, dir string) (*token.FileSet, []*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, p := range pkgs {
		for _, f := range p.Files {
			files = append(files, f)
		}
	}
	return fset, files
}

// TestDomainMessagesAreTranslated reads package app's source: every
// message it gives people must be a catalogue key with a Swedish and an
// English text.
func TestDomainMessagesAreTranslated(t *testing.T) {
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	fset, files := parseDir(t, "..")
	if len(files) < 20 {
		t.Fatalf("read %d files of package app", len(files))
	}
	for _, p := range messageProblems(fset, files, msgs) {
		t.Error(p)
	}
}

// TestMessageCheckFindsUntranslated checks the check: an untranslated key,
// a Swedish sentence and a concatenated message are each found.
func TestMessageCheckFindsUntranslated(t *testing.T) {
	src := `package app
func f(p Problems, n int) error {
	p.Add("name", "error.no_such_key")
	p.Add("name", "Namnet är för långt.")
	p.Add("name", "Högst "+strconv.Itoa(n)+" tecken.")
	return Errorf(ENOTFOUND, "error.statement.not_found")
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := templates.Messages()
	got := messageProblems(fset, []*ast.File{f}, msgs)
	if len(got) != 5 { // the key in sv and en, the sentence twice (as literal and as message), the concatenation
		t.Fatalf("found %d problems: %q", len(got), got)
	}
}

// TestMessagesInEveryLanguage checks that a domain error reads in the
// request's language, with its arguments in place, and that a message in
// the old style (a sentence) is shown as it is.
func TestMessagesInEveryLanguage(t *testing.T) {
	msgs, _ := templates.Messages()
	for _, tc := range []struct{ msg, lang, want string }{
		{"error.statement.not_found", "sv", "Ställningstagandet finns inte."},
		{"error.statement.not_found", "en", "The statement does not exist."},
		{app.Msg("error.statement.stale_version", "version", 7), "en", "Someone else has saved a new version (7). Compare the changes and save again."},
		{app.Msg("error.field.one_of", "allowed", "a, b & c"), "sv", "Ska vara ett av: a, b & c."},
		{"Ett gammalt meddelande.", "en", "Ett gammalt meddelande."},
	} {
		key, args, ok := app.ParseMsg(tc.msg)
		text := tc.msg
		if ok {
			text = msgs[tc.lang][key]
			for k, v := range args {
				text = strings.ReplaceAll(text, "{"+k+"}", v)
			}
		}
		if text != tc.want {
			t.Errorf("%q in %s = %q, want %q", tc.msg, tc.lang, text, tc.want)
		}
	}
}

// TestErrorsSpeakTheRequestsLanguage checks that the JSON API
// answers domain errors in Swedish by default and in English when the
// visitor chose English, field messages and arguments included.
func TestErrorsSpeakTheRequestsLanguage(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ lang, message, code string }{
		{"", "Kontrollera fälten.", "Kommunkoden hör inte till något län."},
		{"?lang=en", "Check the fields.", "The municipality code belongs to no county."},
	} {
		resp := f.do(request{method: "POST", path: "/api/v1/members" + tc.lang, role: "admin",
			body: `{"name":"Ny kommun","municipality_code":"0000"}`})
		e := decode[errorAnswer](t, resp)
		if resp.StatusCode != 422 || e.Error.Message != tc.message || e.Error.Fields["municipality_code"] != tc.code {
			t.Errorf("%q: %d %+v", tc.lang, resp.StatusCode, e.Error)
		}
	}
}
