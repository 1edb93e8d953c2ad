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
// both exactly. (web's FuzzDiffHTML checks the markup made of them.)
func FuzzWordDiff(f *testing.F) {
	f.Add("Nätverket tillstyrker", "<script>alert(1)</script>")
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
	})
}
