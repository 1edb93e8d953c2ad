package export_test

import (
	"strings"
	"testing"

	"github.com/gomutex/godocx/packager"

	"github.com/samsyn/samsyn/app/export"
)

// TestDOCXReadsBackWithHeadings opens the generated file with a DOCX
// reader (godocx's own unpacker) and checks that the title and every
// Markdown heading come back as paragraphs with Word heading styles.
func TestDOCXReadsBackWithHeadings(t *testing.T) {
	t.Parallel()
	out, err := export.DOCX(sampleDocument())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := packager.Unpack(&out)
	if err != nil {
		t.Fatalf("a DOCX reader cannot open the file: %v", err)
	}
	headings := 0
	for _, child := range doc.Document.Body.Children {
		if child.Para == nil {
			continue
		}
		style, err := child.Para.GetStyle()
		if err != nil || style.Name == nil {
			continue
		}
		if strings.HasPrefix(strings.ToLower(style.Name.Val), "heading") {
			headings++
		}
	}
	want := 1 + strings.Count("\n"+sampleBody, "\n#")
	if headings < want {
		t.Fatalf("%d paragraphs with heading styles, want at least %d (title + Markdown headings)", headings, want)
	}
}
