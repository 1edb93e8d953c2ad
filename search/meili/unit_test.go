package meili

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// These cases need no server: they cover what this package adds on top of
// Meilisearch — escaping, filters, paging and the document shape.

func TestMarkup(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Elnätet " + preTag + "förstärks" + postTag + " nu", "Elnätet <mark>förstärks</mark> nu"},
		{preTag + "<script>" + postTag + `alert("x")`, `<mark>&lt;script&gt;</mark>alert(&#34;x&#34;)`},
		{"</mark><b>fet</b> & mer", "&lt;/mark&gt;&lt;b&gt;fet&lt;/b&gt; &amp; mer"},
		{postTag + "lös" + preTag + "öppen", "lös<mark>öppen</mark>"},
		{preTag + preTag + "dubbel" + postTag + postTag, "<mark>dubbel</mark>"},
	}
	for _, c := range cases {
		if got := markup(c.in); got != c.want {
			t.Errorf("markup(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzMarkup(f *testing.F) {
	f.Add("Elnätet " + preTag + "<script>" + postTag + " </mark>")
	f.Fuzz(func(t *testing.T, s string) {
		out := markup(s)
		rest := strings.ReplaceAll(strings.ReplaceAll(out, "<mark>", ""), "</mark>", "")
		if strings.ContainsAny(rest, "<>\"'") {
			t.Fatalf("markup(%q) = %q leaves markup", s, out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("markup(%q) = %q is unbalanced", s, out)
		}
	})
}

func TestSnippetPrefersHighlightedBody(t *testing.T) {
	h := hit{Formatted: map[string]json.RawMessage{
		"title":   json.RawMessage(`"` + preTag + `Elnätet` + postTag + ` i norr"`),
		"summary": json.RawMessage(`"Kort <i>text</i>"`),
		"body":    json.RawMessage(`"…om ` + preTag + `elnätet` + postTag + ` <script>…"`),
	}}
	if got, want := snippet(h), "…om <mark>elnätet</mark> &lt;script&gt;…"; got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
	delete(h.Formatted, "body")
	h.Formatted["title"] = json.RawMessage(`"Elnätet"`)
	if got, want := snippet(h), "Kort &lt;i&gt;text&lt;/i&gt;"; got != want {
		t.Errorf("snippet without highlight = %q, want %q", got, want)
	}
}

func TestFilters(t *testing.T) {
	q := app.SearchQuery{Kind: "joint_statement", Topic: "elnät", Member: `a" OR kind = "b\`, Year: 2025}
	want := []string{
		`kind = "joint_statement"`, `topics = "elnät"`,
		`members = "a\" OR kind = \"b\\"`, `year = "2025"`,
	}
	got := filters(q)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("filters = %q, want %q", got, want)
	}
	if f := filters(app.SearchQuery{Text: "x"}); f != nil {
		t.Errorf("filters without filters = %q, want none", f)
	}
}

func TestWindow(t *testing.T) {
	cases := []struct {
		p          app.Page
		page, size int64
	}{
		{app.Page{}, 1, 20},
		{app.Page{Number: 3, Size: 10}, 3, 10},
		{app.Page{Number: -2, Size: 1000}, 1, 100},
		{app.Page{Number: int(^uint(0) >> 1), Size: 100}, maxTotalHits/100 + 2, 100},
	}
	for _, c := range cases {
		if page, size := window(c.p); page != c.page || size != c.size {
			t.Errorf("window(%+v) = %d, %d; want %d, %d", c.p, page, size, c.page, c.size)
		}
	}
}

func TestToDocument(t *testing.T) {
	newYear := time.Date(2025, time.January, 1, 0, 30, 0, 0, app.Stockholm)
	d := toDocument(app.SearchDoc{
		ID: "s2", Title: "Till" + preTag + "stånd" + postTag, Topics: []string{"", "tillstånd"},
		PublishedAt: newYear,
	})
	if d.Year != "2025" || d.PublishedAt != newYear.UnixMilli() {
		t.Errorf("year %q, published_at %d; want 2025 (Stockholm) and %d", d.Year, d.PublishedAt, newYear.UnixMilli())
	}
	if d.Title != "Tillstånd" || len(d.Topics) != 1 {
		t.Errorf("title %q, topics %q; want tags stripped and empty topics dropped", d.Title, d.Topics)
	}
	if undated := toDocument(app.SearchDoc{ID: "d"}); undated.Year != "" || undated.PublishedAt != 0 {
		t.Errorf("undated document got year %q, published_at %d", undated.Year, undated.PublishedAt)
	}
}

func TestOpenRejectsBadPrefixAndDeadServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if _, err := Open(ctx, "http://127.0.0.1:1", "", WithIndexPrefix("bad prefix/")); err == nil {
		t.Error("Open with a bad index prefix succeeded")
	}
	_, err := Open(ctx, "http://127.0.0.1:1", "")
	if err == nil || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Open on a closed port = %v, want a prompt connection error", err)
	}
}

func TestIndexRejectsBadIDsWithoutCallingTheServer(t *testing.T) {
	e := &Engine{public: &Index{uid: "never_used"}} // a nil client would fail loudly
	err := e.public.Index(t.Context(), app.SearchDoc{ID: "has space"})
	if app.ErrorCode(err) != app.EINVALID {
		t.Errorf("Index with a bad id = %v, want %s", err, app.EINVALID)
	}
	if err := e.public.Delete(t.Context(), "", "has space"); err != nil {
		t.Errorf("Delete of ids that cannot exist = %v, want nil", err)
	}
}
