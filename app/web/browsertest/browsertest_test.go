package browsertest_test

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

const accessiblePage = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sök ställningstaganden – Samsyn</title>
</head>
<body>
<header><p><a href="/">Samsyn</a></p></header>
<main>
<h1>Sök ställningstaganden</h1>
<form action="/sok" method="get" role="search">
<label for="q">Sökord</label>
<input id="q" name="q" type="search">
<button type="submit">Sök</button>
</form>
<p id="traffar">Inga träffar än.</p>
</main>
</body>
</html>`

const inaccessiblePage = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Trasig sida</title></head>
<body>
<img src="/logo.png">
<form><input type="text" name="q"></form>
</body>
</html>`

func serve(t *testing.T, html string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'") // as the app sends
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(html))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

func TestCheckA11yPassesAccessiblePage(t *testing.T) {
	t.Parallel()
	url := serve(t, accessiblePage)
	ctx := browsertest.NewBrowser(t)
	browsertest.CheckA11y(t, ctx, url)

	got, err := browsertest.Text(ctx, "#traffar")
	if err != nil {
		t.Fatal(err)
	}
	if got != "Inga träffar än." {
		t.Errorf("Text(#traffar) = %q, want %q", got, "Inga träffar än.")
	}
}

func TestAxeFindsViolations(t *testing.T) {
	t.Parallel()
	browsertest.AxeSource(t) // skip early, or fail in CI, without axe-core
	url := serve(t, inaccessiblePage)
	ctx := browsertest.NewBrowser(t)

	vs, err := browsertest.Axe(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
		if len(v.Nodes) == 0 || v.Nodes[0].HTML == "" {
			t.Errorf("violation %s names no element: %+v", v.ID, v)
		}
	}
	for _, want := range []string{"image-alt", "label", "html-has-lang"} {
		if !slices.Contains(ids, want) {
			t.Errorf("violations %v lack %q", ids, want)
		}
	}
	if len(vs) > 0 {
		t.Logf("as CheckA11y reports it:\n%s", vs[0])
	}

	vs, err = browsertest.Axe(ctx, url, browsertest.DisableRules("label"), browsertest.Exclude("img"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.ID == "label" || v.ID == "image-alt" {
			t.Errorf("options ignored: got %s", v)
		}
	}
}

func TestScreenshotWidths(t *testing.T) {
	t.Parallel()
	// Content, not an inline style: the Content-Security-Policy blocks those.
	tall := strings.Replace(accessiblePage, "</main>", strings.Repeat("<p>Rad.</p>\n", 150)+"</main>", 1)
	url := serve(t, tall)
	ctx := browsertest.NewBrowser(t)
	dir := t.TempDir()
	for _, width := range []int{375, 1280} {
		path := filepath.Join(dir, "sok", fmt.Sprintf("sok-%d.png", width))
		browsertest.Screenshot(t, ctx, url, path, width)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%d px: not a PNG: %v", width, err)
		}
		if img.Width != width || img.Height < 3000 {
			t.Errorf("screenshot is %d×%d px, want %d px wide and the full page (≥ 3000 px) high",
				img.Width, img.Height, width)
		}
	}
}
