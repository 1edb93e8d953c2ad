package export_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/samsyn/samsyn/app/export"
)

// FuzzFileName checks that any input gives a name every OS accepts.
func FuzzFileName(f *testing.F) {
	for _, s := range []string{"Fi2024/01234", `a\b:c*d?e"f<g>h|i`, "CON", " . ", "\x00\x7f\u202e", strings.Repeat("ö", 300), "\xff\xfe"} {
		f.Add("Remissvar", s, "Industrikommunerna", "pdf")
	}
	f.Fuzz(func(t *testing.T, kind, dnr, network, ext string) {
		name := export.FileName(kind, dnr, network, ext)
		if name == "" || !utf8.ValidString(name) {
			t.Fatalf("invalid name %q", name)
		}
		if strings.ContainsAny(name, `/\:*?"<>|`) {
			t.Fatalf("reserved character in %q", name)
		}
		for _, r := range name {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("control character %U in %q", r, name)
			}
		}
		if name != strings.TrimSpace(name) || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
			t.Fatalf("untrimmed %q", name)
		}
		if len(name) > 255 {
			t.Fatalf("%d bytes: %q", len(name), name)
		}
	})
}

var fuzzSeeds = []string{
	sampleBody, "", "#", "- ", "1. a\n   1. b\n      1. c\n         1. d\n            1. e\n               1. f",
	strings.Repeat(">", 200) + " djup", strings.Repeat("- ", 100) + "x", "<script>alert(1)</script>",
	"[x](javascript:alert(1)) ![bild](http://x/y.png)", "```\nkod\n\x00\x01\x1b\n```", "| a |\n|---|\n| " + strings.Repeat("b ", 5000) + "|",
	"|" + strings.Repeat(" a |", 60) + "\n|" + strings.Repeat("---|", 60), strings.Repeat("ord ", 20000), "😀 \U0010FFFF \uFFFE \xff",
	"a  \nb\\\nc", "<https://example.se> foo@example.se www.example.se", "***fet kursiv*** ~~struken~~ `kod`",
}

// FuzzPDF checks that no Markdown makes the PDF writer panic or fail.
func FuzzPDF(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := sampleDocument()
		d.Body, d.Summary, d.Title = body, body, firstLine(body)
		out, err := export.PDF(d)
		if err != nil {
			t.Fatalf("PDF: %v", err)
		}
		if !strings.HasPrefix(string(out[:5]), "%PDF-") {
			t.Fatal("not a PDF")
		}
	})
}

// FuzzDOCX checks that no Markdown makes the Word writer panic or fail.
func FuzzDOCX(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := sampleDocument()
		d.Body, d.Summary, d.Title = body, body, firstLine(body)
		out, err := export.DOCX(d)
		if err != nil {
			t.Fatalf("DOCX: %v", err)
		}
		unzip(t, out)
	})
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	if len(line) > 300 {
		return line[:300]
	}
	return line
}
