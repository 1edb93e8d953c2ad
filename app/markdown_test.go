package app_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/samsyn/samsyn/app"
)

// xssPayloads are known ways to get script into a page through Markdown.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`[klicka](javascript:alert(1))`,
	`[klicka](JaVaScRiPt:alert(1))`,
	`[klicka](&#106;avascript:alert(1))`,
	`![bild](javascript:alert(1))`,
	`<a href="javascript:alert(1)">x</a>`,
	`<svg onload=alert(1)>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	"```html\n<script>alert(1)</script>\n```",
	`<details open ontoggle=alert(1)>`,
	`<a href="https://ok.example" onclick="alert(1)">x</a>`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
}

// dangerous parses rendered HTML and reports the first element or
// attribute that could run script, or "".
func dangerous(out string) string {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "svg", "math", "style", "form", "object", "embed", "base", "meta", "link":
				return "<" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "srcdoc", a.Key == "formaction":
					return a.Key
				case (a.Key == "href" || a.Key == "src" || a.Key == "action") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")):
					return a.Key + "=" + v
				}
			}
		}
	}
}

func TestRenderMarkdownRemovesScript(t *testing.T) {
	t.Parallel()
	for _, p := range xssPayloads {
		out := string(app.RenderMarkdown("Text före.\n\n" + p + "\n\nText efter."))
		if bad := dangerous(out); bad != "" {
			t.Errorf("%q rendered as %q (contains %s)", p, out, bad)
		}
		if !strings.Contains(out, "Text efter.") {
			t.Errorf("%q swallowed the following text: %q", p, out)
		}
	}
}

func TestRenderMarkdownKeepsProse(t *testing.T) {
	t.Parallel()
	out := string(app.RenderMarkdown("## Elnätet\n\n- **Kapacitet** i *Norrbotten*\n- [Regeringen](https://www.regeringen.se)\n\n| a | b |\n|---|---|\n| å | ö |"))
	for _, want := range []string{"<h2", "Elnätet</h2>", "<li><strong>Kapacitet</strong>", `href="https://www.regeringen.se"`, "<table>", "<td>å</td>"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %s", want, out)
		}
	}
}

func FuzzRenderMarkdown(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := string(app.RenderMarkdown(src))
		if bad := dangerous(out); bad != "" {
			t.Fatalf("%q rendered as %q (contains %s)", src, out, bad)
		}
	})
}
