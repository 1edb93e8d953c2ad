package web_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// mustCSV fetches path as role and parses it: UTF-8 with a BOM, semicolons.
func (f *fixture) mustCSV(role, path string) (raw string, rows [][]string) {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: path, role: role})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		f.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		f.t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		f.t.Errorf("Content-Disposition %q", cd)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		f.t.Fatalf("no UTF-8 byte order mark: %q", b[:min(10, len(b))])
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		f.t.Fatalf("GET %s: bad CSV: %v\n%s", path, err, b)
	}
	return string(b), rows
}

func TestConsultationsCSV(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	title := "Remiss om el; nät, \"tillstånd\"\noch åäö ÅÄÖ é"
	f.mustCall(201, "secretariat", "POST", "/api/v1/consultations",
		`{"title":"Remiss om el; nät, \"tillstånd\"\noch åäö ÅÄÖ é","reference":"Fi2024/01234","issuer":"Finansdepartementet","received_on":"2026-03-02","deadline":"2030-05-29","topics":["energi","elnät"]}`)
	f.mustCall(201, "secretariat", "POST", "/api/v1/consultations",
		`{"title":"=HYPERLINK(\"http://evil\")","reference":"Ju2025/7","issuer":"Ju","deadline":"2030-06-30"}`)
	for _, path := range []string{"/internt/remisser.csv", "/api/v1/consultations.csv"} {
		raw, rows := f.mustCSV("secretariat", path)
		if len(rows) != 3 {
			t.Fatalf("%s: %d rows, want header and 2", path, len(rows))
		}
		if got := strings.Join(rows[0][:4], "|"); got != "Diarienummer|Titel|Avsändare|Betänkande" {
			t.Errorf("%s: header %q", path, got)
		}
		byRef := map[string][]string{}
		for _, r := range rows[1:] {
			byRef[r[0]] = r
		}
		r := byRef["Fi2024/01234"]
		if r == nil || r[1] != title || r[2] != "Finansdepartementet" || r[6] != "2030-05-29" || r[11] != "energi, elnät" {
			t.Errorf("%s: row %q", path, r)
		}
		if !strings.Contains(raw, `"Remiss om el; nät, ""tillstånd""`+"\r\noch åäö ÅÄÖ é\"") {
			t.Errorf("%s: field not quoted as RFC 4180 says", path)
		}
		if r := byRef["Ju2025/7"]; r == nil || !strings.HasPrefix(r[1], "'=") {
			t.Errorf("%s: formula not defused: %q", path, r)
		}
	}
}

func TestSignaturesCSV(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pub := f.mustStatement(app.StatementPublished, "Underskrifter; \"citat\", åäö")
	f.mustStatement(app.StatementDraft, "Utkast utan underskrifter")
	_, rows := f.mustCSV("admin", "/internt/signaturer.csv")
	if len(rows) != 2 {
		t.Fatalf("%d rows, want header and one signature: %q", len(rows), rows)
	}
	r := rows[1]
	want := map[int]string{0: "Underskrifter; \"citat\", åäö", 1: "published", 3: pub.ContentHash, 4: "Skellefteå",
		5: "Undertecknat", 6: "Sören Signer", 7: "KSO", 8: "KS", 10: "§ 12", 11: "KS 2026/41"}
	for i, w := range want {
		if r[i] != w {
			t.Errorf("column %d (%s) = %q, want %q", i, rows[0][i], r[i], w)
		}
	}
}
