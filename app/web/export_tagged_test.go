package web_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/export"
)

// TestStatementPDFIsTagged: with Chromium the public PDF of a published
// statement is a tagged PDF (pdfinfo: "Tagged: yes") whose text holds the
// title, both references and the signatories, å/ä/ö intact. Without
// Chromium the test skips, and fails when CI is true.
func TestStatementPDFIsTagged(t *testing.T) {
	t.Parallel()
	chromium, err := export.FindChromium(os.Getenv("SAMSYN_CHROMIUM"))
	pdfinfo, ierr := exec.LookPath("pdfinfo")
	if err != nil || ierr != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatalf("CI requires Chromium and poppler-utils: %v %v", err, ierr)
		}
		t.Skipf("Chromium or pdfinfo missing (%v %v); set CI=true to make this an error", err, ierr)
	}
	f := newFixture(t)
	p := export.NewPrinter(chromium)
	t.Cleanup(p.Close)
	f.srv.SetPrinterForTest(p)
	st := f.mustResponse(app.StatementPublished)
	f.mustCall(200, "secretariat", "PUT", "/api/v1/statements/"+st.ID+"/reference", `{"reference":"IK 2026/14"}`)
	pdf, _ := f.download("", "/stallningstaganden/"+st.Slug+".pdf")
	file := filepath.Join(t.TempDir(), "remissvar.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Tagged: yes") {
		t.Errorf("pdfinfo does not say Tagged: yes:\n%s", info)
	}
	text := pdfToText(t, pdf)
	for _, want := range []string{"Remissvar om miljöprövning", "Er referens: Fi2024/01234", "Vår referens: IK 2026/14",
		"Skellefteå", "Sören Signer, KSO", "Elnät i Övre Norrland", st.ContentHash} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "inte taggad") {
		t.Error("the tagged PDF carries the untagged note")
	}
}

// TestUntaggedPDFSaysSo: without a printer the PDF is fpdf's, and says
// that it is not tagged and where the accessible edition is.
func TestUntaggedPDFSaysSo(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementPublished)
	pdf, _ := f.download("", "/stallningstaganden/"+st.Slug+".pdf")
	if text := pdfToText(t, pdf); text != "" && !strings.Contains(text, "Denna PDF är inte taggad för skärmläsare") {
		t.Errorf("the untagged PDF does not say so: %.300s", text)
	}
}
