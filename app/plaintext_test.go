package app_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// plainTextByRegexp is PlainText as it was written first, with one
// multi-line regexp over the whole text: the reference stripMarks must
// agree with.
func plainTextByRegexp(md string) string {
	s := refLink.ReplaceAllString(md, "$1")
	return refInline.Replace(refMarks.ReplaceAllString(s, ""))
}

var (
	refLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	refMarks  = regexp.MustCompile("(?m)^\\s{0,3}(#{1,6}\\s+|>\\s?|[-*+]\\s+|\\d+[.)]\\s+)")
	refInline = strings.NewReplacer("**", "", "__", "", "`", "")
)

var plainTextSeeds = []string{
	"", "# Rubrik\n\nText om **stålet** och [elnätet](https://example.se).",
	"## Två\n- en\n- två\n\n1. ett\n2) två\n> citat\n>\n>inget mellanslag",
	"#\n\n\nfoo", "# \n- x", "   # tre mellanslag\n    # fyra mellanslag\n\t- tabb",
	"\r\n# efter CR LF\r\n- punkt\r\n", "####### sju\n###### sex", "1.\n2.x\n3. y",
	"text # inte rubrik\nrad - inte lista", "![bild](a.png) och [länk](b) ](", "åäö\n\f# formfeed",
}

func TestPlainTextAsTheMultilineRegexp(t *testing.T) {
	t.Parallel()
	g := &corpus.Generator{Seed: 9}
	for i := range 50 {
		plainTextSeeds = append(plainTextSeeds, g.Draft(i, "").Body)
	}
	for _, md := range plainTextSeeds {
		if got, want := app.PlainText(md), plainTextByRegexp(md); got != want {
			t.Errorf("PlainText(%q)\n = %q\nwant %q", md, got, want)
		}
	}
	if got := app.PlainText("## Elnätet\n- Stålet i [Luleå](https://lulea.se)\n> **Vätgas**"); got != "Elnätet\nStålet i Luleå\nVätgas" {
		t.Errorf("PlainText = %q", got)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range plainTextSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if got, want := app.PlainText(md), plainTextByRegexp(md); got != want {
			t.Errorf("PlainText(%q)\n = %q\nwant %q", md, got, want)
		}
	})
}

func BenchmarkPlainText(b *testing.B) {
	body := strings.Repeat((&corpus.Generator{Seed: 9}).Draft(1, "").Body+"\n\n", 3)
	for b.Loop() {
		app.PlainText(body)
	}
}
