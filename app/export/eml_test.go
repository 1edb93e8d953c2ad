package export_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app/export"
)

func TestEML(t *testing.T) {
	t.Parallel()
	d := sampleDocument()
	pdf, docx := []byte("%PDF-1.7 fake ååå"), []byte("PK fake docx")
	out, err := export.EML(d, "fi.remissvar@regeringskansliet.se", "Karin Kansli <kansli@example.se>", pdf, docx)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not an RFC 5322 message: %v\n%s", err, out)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Remissvar från Industrikommunerna: Fi2024/01234 En ny ordning för miljöprövning (SOU 2026:14)"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	if raw := h.Get("Subject"); !strings.HasPrefix(raw, "=?") {
		t.Errorf("subject not RFC 2047-encoded: %q", raw)
	}
	if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "fi.remissvar@regeringskansliet.se" {
		t.Errorf("To = %v, %v", to, err)
	}
	if from, err := h.AddressList("From"); err != nil || from[0].Address != "kansli@example.se" || from[0].Name != "Karin Kansli" {
		t.Errorf("From = %v, %v", from, err)
	}
	if h.Get("Date") == "" || h.Get("Message-Id") == "" || h.Get("X-Unsent") != "1" {
		t.Errorf("headers: %v", h)
	}
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	files := map[string][]byte{}
	var text string
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		if p.FileName() == "" {
			text = decodeQP(t, p.Header.Get("Content-Transfer-Encoding"), body)
			continue
		}
		if p.Header.Get("Content-Transfer-Encoding") != "base64" {
			t.Errorf("%s not base64", p.FileName())
		}
		raw, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(strings.ReplaceAll(string(body), "\r\n", ""), "\n", ""))
		if err != nil {
			t.Fatal(err)
		}
		files[p.FileName()] = raw
	}
	if !bytes.Equal(files["Remissvar Fi2024-01234 Industrikommunerna.pdf"], pdf) ||
		!bytes.Equal(files["Remissvar Fi2024-01234 Industrikommunerna.docx"], docx) {
		t.Errorf("attachments: %v", keys(files))
	}
	for _, want := range []string{"Industrikommunerna remissvar på remissen En ny ordning för miljöprövning", "Fi2024/01234", "Karin Kansli"} {
		if !strings.Contains(text, want) {
			t.Errorf("cover text lacks %q: %q", want, text)
		}
	}
}

func TestEMLWithoutRecipientAndBadSender(t *testing.T) {
	t.Parallel()
	if _, err := export.EML(sampleDocument(), "", "kansli@example.se", []byte("x"), nil); err != nil {
		t.Errorf("draft without recipient: %v", err)
	}
	if _, err := export.EML(sampleDocument(), "", "inte en adress", nil, nil); err == nil {
		t.Error("bad sender accepted")
	}
}

func decodeQP(t *testing.T, cte string, body []byte) string {
	t.Helper()
	switch strings.ToLower(cte) {
	case "quoted-printable":
		b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	case "base64":
		b, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(body), "\r\n", ""))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return string(body)
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestParseRegistryAddresses reads "Issuer=address;…" with spaces around
// the parts, and names a pair without an address.
func TestParseRegistryAddresses(t *testing.T) {
	m, err := export.ParseRegistryAddresses(" Finansdepartementet = fi.remissvar@regeringskansliet.se; ;Energimyndigheten=registrator@energimyndigheten.se")
	if err != nil || len(m) != 2 || m["Finansdepartementet"] != "fi.remissvar@regeringskansliet.se" ||
		m["Energimyndigheten"] != "registrator@energimyndigheten.se" {
		t.Fatalf("parsed %v, %v", m, err)
	}
	if _, err := export.ParseRegistryAddresses("Finansdepartementet"); err == nil || !strings.Contains(err.Error(), `"Finansdepartementet"`) {
		t.Fatalf("err = %v, want it to name the pair", err)
	}
}
