package app_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/samsyn/samsyn/app"
)

func TestWordDiff(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ a, b, want string }{
		{"Nätverket tillstyrker förslaget.", "Nätverket avstyrker förslaget.", "Nätverket [-tillstyrker-]{+avstyrker+} förslaget."},
		{"Elnät och energi", "Elnät, energi och vätgas", "Elnät{+, energi+} och [-energi-]{+vätgas+}"},
		{"", "Ny text", "{+Ny text+}"},
		{"Samma", "Samma", "Samma"},
		{"Ett\n\nTvå", "Ett\r\n\r\nTvå", "Ett[-\n\n-]{+\r\n\r\n+}Två"},
	} {
		var b strings.Builder
		for _, c := range app.WordDiff(tc.a, tc.b) {
			switch c.Op {
			case app.DiffInsert:
				b.WriteString("{+" + c.Text + "+}")
			case app.DiffDelete:
				b.WriteString("[-" + c.Text + "-]")
			default:
				b.WriteString(c.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", tc.a, tc.b, b.String(), tc.want)
		}
	}
}

func TestDiffHTMLEscapesAndLabels(t *testing.T) {
	t.Parallel()
	chunks := app.WordDiff("<b>gammal</b> text", `<script>alert(1)</script> text`)
	out := string(app.DiffHTML(chunks, app.DiffLabels{Inserted: "tillagt:", Deleted: "borttaget:", End: "slut"}))
	if d := dangerous(out); d != "" || strings.Contains(out, "<script") || strings.Contains(out, "<b>") {
		t.Fatalf("diff HTML lets markup through (%s): %s", d, out)
	}
	if !strings.Contains(out, `<ins><span class="visually-hidden">[tillagt: </span>`) ||
		!strings.Contains(out, `<del><span class="visually-hidden">[borttaget: </span>`) {
		t.Fatalf("changes are not announced to screen readers: %s", out)
	}
}

// sides rebuilds both texts from a diff.
func sides(chunks []app.DiffChunk) (string, string) {
	var a, b strings.Builder
	for _, c := range chunks {
		if c.Op != app.DiffInsert {
			a.WriteString(c.Text)
		}
		if c.Op != app.DiffDelete {
			b.WriteString(c.Text)
		}
	}
	return a.String(), b.String()
}

// FuzzWordDiff checks that any two texts diff into chunks that rebuild
// both exactly, and that the HTML never carries markup from the input.
func FuzzWordDiff(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add("Nätverket tillstyrker", p)
	}
	f.Add("a b c", "a c b")
	f.Add("", "\x00\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip()
		}
		chunks := app.WordDiff(a, b)
		if ga, gb := sides(chunks); ga != a || gb != b {
			t.Fatalf("diff of %q → %q rebuilds %q → %q", a, b, ga, gb)
		}
		out := string(app.DiffHTML(chunks, app.DiffLabels{Inserted: "+", Deleted: "-", End: "."}))
		if d := dangerous(out); d != "" {
			t.Fatalf("diff HTML of %q → %q has %s: %s", a, b, d, out)
		}
	})
}

func TestParagraphs(t *testing.T) {
	t.Parallel()
	ps := app.Paragraphs("# Rubrik\n\nFörsta stycket med **fet** text.\n\n- ett\n- två\n\n<script>alert(1)</script>\n\nSista.")
	if len(ps) != 4 {
		t.Fatalf("got %d paragraphs: %+v", len(ps), ps)
	}
	if ps[0].N != 1 || !strings.HasPrefix(string(ps[0].HTML), "<h1") || ps[1].Excerpt != "Första stycket med fet text." ||
		!strings.HasPrefix(string(ps[2].HTML), "<ul>") || ps[3].Excerpt != "Sista." {
		t.Fatalf("paragraphs: %+v", ps)
	}
}

// FuzzParagraphs checks that splitting rendered Markdown into paragraphs
// never lets script through and never loses text.
func FuzzParagraphs(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add(p)
		f.Add("Stycke ett\n\n" + p + "\n\nStycke tre")
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range app.Paragraphs(src) {
			if d := dangerous(string(p.HTML)); d != "" {
				t.Fatalf("paragraph %d of %q has %s: %s", p.N, src, d, p.HTML)
			}
		}
	})
}
