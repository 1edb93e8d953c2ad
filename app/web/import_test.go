package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
	"github.com/samsyn/samsyn/app/web"
)

func init() { roleTables = append(roleTables, importRoles) }

// importRoles covers the intake page and the calendar routes.
func importRoles(f *fixture) []roleCase {
	unknown := "/calendar/" + strings.Repeat("0", 64) + ".ics"
	return []roleCase{
		{"GET", "/admin/import", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", "/admin/import", "", [6]int{403, 403, 403, 403, 422, 422}}, // anonymous: no CSRF token
		{"GET", "/internt/kalender", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/me/calendar", "{}", [6]int{401, 201, 201, 201, 201, 201}},
		{"DELETE", "/api/v1/me/calendar", "{}", [6]int{401, 204, 204, 204, 204, 204}},
		{"GET", unknown, "", [6]int{404, 404, 404, 404, 404, 404}},
		{"GET", "/calendar/not-a-token.ics", "", [6]int{404, 404, 404, 404, 404, 404}},
	}
}

// multipartBody builds an upload of the import form.
func multipartBody(t *testing.T, fields map[string]string, file string, content []byte) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if file != "" {
		fw, err := w.CreateFormFile("remiss_file", file)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	_ = w.Close()
	return b.String(), w.FormDataContentType()
}

func (f *fixture) importedCount() int {
	_, n, err := mongodb.NewConsultationStore(f.db).ListConsultations(context.Background(), app.ConsultationFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestImportPage(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", BodyLimit: 2 << 20})
	closed := regeringentest.Read(t, "case-closed.html")
	upload := func(role string, fields map[string]string, name string, content []byte) (int, string) {
		body, ct := multipartBody(t, fields, name, content)
		resp := f.do(request{method: "POST", path: "/admin/import", body: body, contentType: ct, role: role,
			headers: map[string]string{"Accept": "text/html"}})
		doc := mustDoc(t, resp)
		return resp.StatusCode, strings.Join(strings.Fields(doc.Find("main").Text()), " ")
	}
	status, text := upload("secretariat", nil, "case-closed.html", closed)
	if status != 200 || !strings.Contains(text, "Tillagd: 1") || !strings.Contains(text, "KN2026/00741") {
		t.Fatalf("first upload: %d %s", status, text)
	}
	status, text = upload("admin", nil, "case-closed.html", closed)
	if status != 200 || !strings.Contains(text, "Oförändrad: 1") || !strings.Contains(text, "Tillagd: 0") {
		t.Fatalf("second upload: %d %s", status, text)
	}
	status, text = upload("admin", nil, "case-open.html", regeringentest.Read(t, "case-open.html"))
	if status != 200 || !strings.Contains(text, "diarienummer, uppdateringsdatum") {
		t.Fatalf("open page upload: %d %s", status, text)
	}
	if n := f.importedCount(); n != 2 {
		t.Fatalf("%d consultations after two pages", n)
	}

	// Bad input: a clear message on the page, 422, nothing changed.
	for name, in := range map[string]struct {
		fields  map[string]string
		file    string
		content []byte
		want    string
	}{
		"nothing":      {nil, "", nil, "Välj en sparad sida"},
		"not a remiss": {nil, "x.html", []byte("<html><body><main><h1>Pressmeddelande</h1></main></body></html>"), "ingen remiss"},
		"other host":   {map[string]string{"remiss_url": "http://127.0.0.1:1/remisser/"}, "", nil, "regeringen.se"},
		"file and url": {map[string]string{"remiss_url": "https://www.regeringen.se/remisser/"}, "c.html", closed, "inte båda"},
		"not a url":    {map[string]string{"remiss_url": "javascript:alert(1)"}, "", nil, "regeringen.se"},
	} {
		status, text := upload("admin", in.fields, in.file, in.content)
		if status != 422 || !strings.Contains(text, in.want) {
			t.Errorf("%s: %d %s", name, status, text)
		}
	}
	if n := f.importedCount(); n != 2 {
		t.Fatalf("bad input changed the register: %d consultations", n)
	}
	resp := f.do(request{method: "GET", path: "/admin/import", role: "admin", headers: map[string]string{"Accept": "text/html"}})
	if doc := mustDoc(t, resp); resp.StatusCode != 200 || doc.Find(`input[type=file][name=remiss_file]`).Length() != 1 {
		t.Fatalf("import page: %d", resp.StatusCode)
	}
}
