package web_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
)

// download fetches path as role and fails unless it is a 200 attachment.
func (f *fixture) download(role, path string) (body []byte, filename string) {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: path, role: role})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		f.t.Fatalf("GET %s as %q: %d %s", path, role, resp.StatusCode, b)
	}
	_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if err != nil {
		f.t.Fatalf("Content-Disposition %q: %v", resp.Header.Get("Content-Disposition"), err)
	}
	return b, params["filename"]
}

// mustResponse publishes a consultation response to a registered
// consultation, signed by memberA.
func (f *fixture) mustResponse(status app.StatementStatus) stmtJSON {
	f.t.Helper()
	var c struct{ ID string }
	mustUnmarshal(f.t, f.mustCall(201, "secretariat", "POST", "/api/v1/consultations",
		`{"title":"En ny ordning för miljöprövning","reference":"Fi2024/01234","issuer":"Finansdepartementet","deadline":"2030-05-29"}`), &c)
	return f.mustStatementFrom(status, fmt.Sprintf(`{"kind":"consultation_response","consultation_id":%q,`+
		`"title":"Remissvar om miljöprövning","summary":"Vi tillstyrker.","body":"# Synpunkter\n\n1. Kortare handläggning\n2. Elnät i Övre Norrland"}`, c.ID))
}

func TestStatementPDFDownload(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementPublished)
	pdf, name := f.download("", "/stallningstaganden/"+st.Slug+".pdf")
	if name != "Remissvar Fi2024-01234 Industrikommunerna.pdf" {
		t.Errorf("file name %q", name)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Fatal("not a PDF with an embedded TrueType font")
	}
	text := pdfToText(t, pdf)
	for _, want := range []string{"Remissvar om miljöprövning", "Fi2024/01234", "En ny ordning för miljöprövning",
		"Finansdepartementet", "Skellefteå", "Sören Signer, KSO", "Beslut: kommunstyrelsen (KS) " + inDays(-1) + " § 12, dnr KS 2026/41",
		"godkänt digitalt och saknar därför underskrift", "Elnät i Övre Norrland", st.ContentHash} {
		if text != "" && !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestStatementDOCXDownload(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementPublished)
	docx, name := f.download("", "/stallningstaganden/"+st.Slug+".docx")
	if name != "Remissvar Fi2024-01234 Industrikommunerna.docx" {
		t.Errorf("file name %q", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var doc string
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	for _, want := range []string{`w:val="Heading1"`, `w:val="Heading2"`, `w:val="ListNumber"`, "Elnät i Övre Norrland", "Skellefteå"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
}

// TestStatementEMLDownload checks the secretariat's submission package: a
// draft to the ministry's registry with both files attached.
func TestStatementEMLDownload(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementPublished)
	eml, name := f.download("secretariat", "/internt/stallningstaganden/"+st.ID+"/remissvar.eml")
	if name != "Remissvar Fi2024-01234 Industrikommunerna.eml" {
		t.Errorf("file name %q", name)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Remissvar från Industrikommunerna: Fi2024/01234 En ny ordning för miljöprövning" {
		t.Errorf("subject %q", subject)
	}
	if to := msg.Header.Get("To"); !strings.Contains(to, "fi.remissvar@regeringskansliet.se") {
		t.Errorf("To %q", to)
	}
	if from := msg.Header.Get("From"); !strings.Contains(from, "kansli@example.se") {
		t.Errorf("From %q", from)
	}
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var files []string
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		if p.FileName() != "" {
			files = append(files, p.FileName())
		}
	}
	if strings.Join(files, "|") != "Remissvar Fi2024-01234 Industrikommunerna.pdf|Remissvar Fi2024-01234 Industrikommunerna.docx" {
		t.Errorf("attachments %q", files)
	}
	if status, _ := f.call("secretariat", "GET", "/internt/stallningstaganden/"+st.ID+"/remissvar.eml?to=inte-en-adress", ""); status != 422 {
		t.Errorf("bad ?to=: %d, want 422", status)
	}
}

// TestDraftExportIsMarked: members may download a draft internally, and
// it says so; the public URL does not know it.
func TestDraftExportIsMarked(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementSigning)
	pdf, _ := f.download("memberB", "/internt/stallningstaganden/"+st.ID+"/remissvar.pdf")
	if text := pdfToText(t, pdf); text != "" && !strings.Contains(text, "UNDER UNDERTECKNANDE – ej publicerat") {
		t.Errorf("draft PDF not marked: %q", text[:min(300, len(text))])
	}
	for _, role := range roles {
		if status, _ := f.call(role, "GET", "/stallningstaganden/"+st.Slug+".pdf", ""); status != 404 {
			t.Errorf("public PDF of a statement in signing as %q: %d, want 404", role, status)
		}
	}
}

// pdfToText extracts text with poppler's pdftotext (installed by .ci/run);
// "" when it is missing, and the caller then skips the text checks.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI requires pdftotext (Debian poppler-utils)")
		}
		t.Log("pdftotext not installed: PDF text not checked")
		return ""
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestStatementPagesLinkTheDownloads: the public page offers PDF and Word;
// the member page offers the submission package, the e-mail draft to staff.
func TestStatementPagesLinkTheDownloads(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementPublished)
	pub := mustDoc(t, f.do(request{method: "GET", path: "/stallningstaganden/" + st.Slug}))
	for _, href := range []string{"/stallningstaganden/" + st.Slug + ".pdf", "/stallningstaganden/" + st.Slug + ".docx"} {
		if pub.Find(`a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("public page lacks a link to %s", href)
		}
	}
	eml := `a[href="/internt/stallningstaganden/` + st.ID + `/remissvar.eml"]`
	if n := mustDoc(t, f.do(request{method: "GET", path: "/internt/stallningstaganden/" + st.ID, role: "secretariat"})).Find(eml).Length(); n != 1 {
		t.Errorf("staff page: %d links to the e-mail draft, want 1", n)
	}
	if n := mustDoc(t, f.do(request{method: "GET", path: "/internt/stallningstaganden/" + st.ID, role: "memberA"})).Find(eml).Length(); n != 0 {
		t.Errorf("member page links the staff-only e-mail draft")
	}
}

// TestRegistryAddressConfiguredPerIssuer: an address configured for the
// issuer wins over the built-in table of ministries.
func TestRegistryAddressConfiguredPerIssuer(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080",
		RegistryAddresses: map[string]string{"finansdepartementet": "registrator@fi.example.se"}})
	st := f.mustResponse(app.StatementPublished)
	eml, _ := f.download("secretariat", "/internt/stallningstaganden/"+st.ID+"/remissvar.eml")
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	if to := msg.Header.Get("To"); !strings.Contains(to, "registrator@fi.example.se") {
		t.Fatalf("To %q, want the configured registry address", to)
	}
}
