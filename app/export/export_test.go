package export_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/export"
)

// sampleBody has every construct the writers handle.
const sampleBody = `Industrikommunerna välkomnar förslaget men vill se **snabbare tillståndsprövning** och *förutsägbara* regler.

# Sammanfattning av våra synpunkter

1. Handläggningstiderna måste kortas.
2. Elnätet behöver byggas ut före 2030.
   - Särskilt i norra Sverige.
   - Även regionnäten.
3. Kompetensförsörjningen är avgörande.

## Närmare om tillstånd

- Länsstyrelserna behöver resurser.
- Miljöprövningsdelegationernas praxis bör samordnas.

> Ett citat från en medlem: "Vi kan inte vänta."

Läs mer på [vår webbplats](https://example.se/ik) eller <https://regeringen.se>.

| Kommun | Ärenden |
| --- | --- |
| Skellefteå | 12 |
| Oxelösund | 3 |

---

Slutligen: café, résumé och Öresund.
`

func sampleDocument() export.Document {
	return export.Document{
		Kind: "Remissvar", Title: "Remissvar om en snabbare miljöprövning",
		ConsultationTitle: "En ny ordning för miljöprövning (SOU 2026:14)", Diarienummer: "Fi2024/01234",
		OurReference: "2026/3f9a1c2b", Network: "Industrikommunerna", Addressee: "Finansdepartementet",
		Language: "sv", Summary: "Nätverket tillstyrker förslaget med förbehåll för elnätet.",
		Body: sampleBody, ApprovedDigitally: true, ContentHash: strings.Repeat("ab", 32),
		Published: time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC), URL: "https://samsyn.example.se/stallningstaganden/remissvar-om-en-snabbare-miljoprovning",
		Signatories: []export.Signatory{
			{Member: "Skellefteå kommun", Name: "Sören Signer", Title: "kommunstyrelsens ordförande", DecidedBy: "KS",
				DecidedOn: app.NewDate(2026, 3, 2), Paragraph: "§ 87", MemberReference: "KS 2026/233"},
			{Member: "Oxelösunds kommun", Name: "Åsa Öberg", Title: "kommundirektör", DecidedBy: "delegation",
				DecidedOn: app.NewDate(2026, 3, 5), Paragraph: "12", Reservation: "Oxelösund anser att elnätet ska prioriteras först."},
		},
	}
}

func TestMandateLine(t *testing.T) {
	t.Parallel()
	d := sampleDocument()
	for i, want := range []string{
		"Beslut: kommunstyrelsen (KS) 2026-03-02 § 87, dnr KS 2026/233",
		"Beslut: delegationsbeslut 2026-03-05 § 12",
	} {
		if got := d.Signatories[i].MandateLine(); got != want {
			t.Errorf("MandateLine %d = %q, want %q", i, got, want)
		}
	}
}

func TestPDF(t *testing.T) {
	t.Parallel()
	out, err := export.PDF(sampleDocument())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", out[:min(20, len(out))])
	}
	for _, want := range []string{"/FontFile2", "/MediaBox [0 0 595.28 841.89]", "/Lang (sv)"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	if dir := os.Getenv("SAMSYN_EXPORT_SAMPLES"); dir != "" { // for looking at it
		_ = os.WriteFile(filepath.Join(dir, "sample.pdf"), out, 0o644)
	}
	text := pdfText(t, out)
	if text == "" {
		return
	}
	for _, want := range []string{"Remissvar om en snabbare miljöprövning", "Fi2024/01234", "2026/3f9a1c2b",
		"Finansdepartementet", "En ny ordning för miljöprövning", "Skellefteå kommun", "Oxelösunds kommun",
		"Åsa Öberg, kommundirektör", "Beslut: kommunstyrelsen (KS) 2026-03-02 § 87, dnr KS 2026/233",
		"Beslut: delegationsbeslut 2026-03-05 § 12", "godkänt digitalt och saknar därför underskrift",
		"Sammanfattning av våra synpunkter", "Handläggningstiderna", "café, résumé och Öresund", "Sida 1 av"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
}

// pdfText extracts the text with poppler's pdftotext, or skips that part
// when it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI requires pdftotext (Debian poppler-utils)")
		}
		t.Log("pdftotext not installed (Debian poppler-utils): text not checked")
		return ""
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestDOCX(t *testing.T) {
	t.Parallel()
	out, err := export.DOCX(sampleDocument())
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SAMSYN_EXPORT_SAMPLES"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "sample.docx"), out, 0o644)
	}
	parts := unzip(t, out)
	doc := parts["word/document.xml"]
	for _, want := range []string{`<w:pStyle w:val="Heading1">`, `<w:pStyle w:val="Heading2">`, `<w:pStyle w:val="Heading3">`,
		`<w:pStyle w:val="ListNumber">`, `<w:pStyle w:val="ListBullet2">`, `<w:pStyle w:val="ListBullet">`, `<w:numPr>`,
		`<w:pStyle w:val="Quote">`, "Remissvar om en snabbare miljöprövning", "Åsa Öberg", "café, résumé och Öresund",
		"Beslut: kommunstyrelsen (KS) 2026-03-02 § 87, dnr KS 2026/233", "godkänt digitalt och saknar därför underskrift",
		"<w:b", "<w:i"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/numbering.xml"], `<w:startOverride w:val="1"`) {
		t.Error("numbered lists do not restart at 1")
	}
	core := parts["docProps/core.xml"]
	for _, want := range []string{"<dc:title>Remissvar om en snabbare miljöprövning</dc:title>",
		"<dc:creator>Industrikommunerna</dc:creator>", "<dc:language>sv-SE</dc:language>"} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s in %s", want, core)
		}
	}
	if !strings.Contains(parts["word/styles.xml"], `w:lang w:val="sv-SE"`) {
		t.Error("styles.xml: default language is not sv-SE")
	}
	if strings.Contains(parts["word/_rels/document.xml.rels"], "javascript:") {
		t.Error("unsafe link kept")
	}
}

func unzip(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if _, ok := out[need]; !ok {
			t.Fatalf("docx lacks %s", need)
		}
	}
	return out
}

// TestDOCXOpensInLibreOffice converts the document to PDF with LibreOffice
// when it is installed (it is not on CI) and checks the text survived.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("libreoffice")
	if err != nil {
		bin, err = exec.LookPath("soffice")
	}
	if err != nil {
		t.Skip("LibreOffice not installed (Debian libreoffice-writer-nogui): conversion not tried")
	}
	if testing.Short() {
		t.Skip("slow: converts with LibreOffice")
	}
	out, err := export.DOCX(sampleDocument())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "Remissvar Fi2024-01234 Industrikommunerna.docx")
	if err := os.WriteFile(src, out, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, src)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, msg)
	}
	pdf, err := os.ReadFile(strings.TrimSuffix(src, ".docx") + ".pdf")
	if err != nil {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
	if text := pdfText(t, pdf); text != "" {
		for _, want := range []string{"Remissvar om en snabbare miljöprövning", "Åsa Öberg", "Skellefteå kommun"} {
			if !strings.Contains(text, want) {
				t.Errorf("converted PDF lacks %q", want)
			}
		}
	}
}

func TestFileName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ kind, dnr, network, ext, want string }{
		{"Remissvar", "Fi2024/01234", "Industrikommunerna", "pdf", "Remissvar Fi2024-01234 Industrikommunerna.pdf"},
		{"Remissvar", "Fi2024/01234", "Industrikommunerna", "docx", "Remissvar Fi2024-01234 Industrikommunerna.docx"},
		{"Remissvar", `KN2025\00012: "utkast"?`, "Nätverket <Norr> | Syd", ".PDF", "Remissvar KN2025-00012- utkast Nätverket Norr Syd.pdf"},
		{"Remissvar", "", "Industrikommunerna", "pdf", "Remissvar Industrikommunerna.pdf"},
		{"", "", "", "pdf", "Dokument.pdf"},
		{"  ..Remissvar..  ", " Ju2026/7\t\n", " Sverige. ", "pdf", "Remissvar Ju2026-7 Sverige.pdf"},
		{"Remissvar", "A\x00B\x1fC\u200bD", "Öresund", "pdf", "Remissvar ABCD Öresund.pdf"},
		{"CON", "", "", "txt", "CON_.txt"},
		{"nul", "", "", "pdf", "nul_.pdf"},
		{"Remissvar", "Fi2024/01234", "Ska\u030aneregionen", "pdf", "Remissvar Fi2024-01234 Skåneregionen.pdf"}, // NFC
		{"Remissvar", strings.Repeat("å", 200), "X", "pdf", "Remissvar " + strings.Repeat("å", 70) + ".pdf"},
		{"Remissvar", "Fi2024/01234", "Industrikommunerna", "p/d f", "Remissvar Fi2024-01234 Industrikommunerna.pdf"},
	} {
		if got := export.FileName(c.kind, c.dnr, c.network, c.ext); got != c.want {
			t.Errorf("FileName(%q, %q, %q, %q) = %q, want %q", c.kind, c.dnr, c.network, c.ext, got, c.want)
		}
	}
}

func TestContentDisposition(t *testing.T) {
	t.Parallel()
	got := export.ContentDisposition("Remissvar Fi2024-01234 Skellefteå.pdf")
	want := `attachment; filename="Remissvar Fi2024-01234 Skelleftea.pdf"; filename*=utf-8''Remissvar%20Fi2024-01234%20Skellefte%C3%A5.pdf`
	if got != want {
		t.Errorf("ContentDisposition = %s, want %s", got, want)
	}
}

func TestMinistryOf(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ dnr, issuer, want string }{
		{"Fi2024/01234", "", "fi.remissvar@regeringskansliet.se"},
		{"KN2025/00321", "Klimat- och näringslivsdepartementet", "kn.remissvar@regeringskansliet.se"},
		{"", "Justitiedepartementet", "ju.remissvar@regeringskansliet.se"},
		{"", "Naturvårdsverket", ""},
	} {
		m, _ := export.MinistryOf(c.dnr, c.issuer)
		if m.Registry != c.want {
			t.Errorf("MinistryOf(%q, %q) = %q, want %q", c.dnr, c.issuer, m.Registry, c.want)
		}
	}
}
