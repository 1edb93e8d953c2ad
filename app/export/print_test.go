package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app/export"
)

// needTool returns the path of a program the test needs; without it the
// test skips, or fails when CI is true (CI installs Chromium and
// poppler-utils, and must never pass by skipping).
func needTool(t *testing.T, find func() (string, error), what string) string {
	t.Helper()
	p, err := find()
	if err == nil {
		return p
	}
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("CI requires %s: %v", what, err)
	}
	t.Skipf("skipping: %s is missing (%v); set CI=true to make this an error", what, err)
	return ""
}

func lookPath(name string) func() (string, error) {
	return func() (string, error) { return exec.LookPath(name) }
}

// TaggedPDFText prints d with Chromium and returns pdfinfo's and
// pdftotext's output.
func taggedPDF(t *testing.T, d export.Document) (info, text string) {
	t.Helper()
	chromium := needTool(t, func() (string, error) { return export.FindChromium(os.Getenv("SAMSYN_CHROMIUM")) },
		"Chromium (Debian package chromium)")
	pdfinfo := needTool(t, lookPath("pdfinfo"), "pdfinfo (Debian package poppler-utils)")
	pdftotext := needTool(t, lookPath("pdftotext"), "pdftotext (Debian package poppler-utils)")
	html, err := export.PrintHTML(d)
	if err != nil {
		t.Fatal(err)
	}
	p := export.NewPrinter(chromium)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	pdf, err := p.PDF(ctx, html)
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("SAMSYN_SCREENSHOTS") // to look at it
	if dir == "" {
		dir = t.TempDir()
	}
	file := filepath.Join(dir, "remissvar-tagged.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	i, err := exec.Command(pdfinfo, file).Output()
	if err != nil {
		t.Fatal(err)
	}
	x, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(i), string(x)
}

// TestPrintedPDFIsTagged: the statement printed by Chromium is a tagged
// PDF (pdfinfo: "Tagged: yes") titled as the statement, whose text holds
// the title, both references and the signatories, å, ä and ö intact.
func TestPrintedPDFIsTagged(t *testing.T) {
	t.Parallel()
	d := sampleDocument()
	info, text := taggedPDF(t, d)
	if !regexpMatch(`(?m)^Tagged:\s+yes$`, info) {
		t.Errorf("pdfinfo does not say Tagged: yes:\n%s", info)
	}
	if !regexpMatch(`(?m)^Title:\s+`+d.Title+`$`, info) {
		t.Errorf("pdfinfo's title is not %q:\n%s", d.Title, info)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{d.Title, "Er referens: Fi2024/01234", "Vår referens: 2026/3f9a1c2b", "Skellefteå kommun",
		"Sören Signer", "Oxelösunds kommun", "Åsa Öberg", "Undertecknande medlemmar", "Nätverket tillstyrker"} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
