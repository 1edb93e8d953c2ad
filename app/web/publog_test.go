package web_test

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// TestPublicationLogPages: a publish and a withdraw through the API each
// append one entry at once; the JSON log verifies under the key the site
// publishes; the page lists both, newest first, in Swedish and English.
func TestPublicationLogPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementWithdrawn, "Elnät i norr")
	other := f.mustStatement(app.StatementPublished, "Kompetens i söder")

	resp := f.do(request{method: "GET", path: "/.well-known/samsyn-publication-key"})
	b, _ := io.ReadAll(resp.Body)
	block, _ := pem.Decode(b)
	if resp.StatusCode != 200 || block == nil {
		t.Fatalf("key: %d %q", resp.StatusCode, b)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	log := decode[struct {
		Items []struct {
			Seq              int64
			At, Slug, Action string
			ContentHash      string `json:"content_hash"`
			PrevHash         string `json:"prev_hash"`
			EntryHash        string `json:"entry_hash"`
			Signature        string
		}
		Total int
	}](t, f.do(request{method: "GET", path: "/publiceringslogg.json"}))
	var entries []*app.PublicationEntry
	for _, it := range log.Items {
		at, err := time.Parse(time.RFC3339, it.At)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, &app.PublicationEntry{Seq: it.Seq, At: at, Slug: it.Slug, Action: it.Action,
			ContentHash: it.ContentHash, PrevHash: it.PrevHash, EntryHash: it.EntryHash, Signature: it.Signature})
	}
	if log.Total != 3 || len(entries) != 3 {
		t.Fatalf("%d entries, want 3: %+v", log.Total, log.Items)
	}
	if err := app.VerifyPublicationLog(entries, k.(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	got := entries[0].Action + " " + entries[0].Slug + ", " + entries[1].Action + " " + entries[1].Slug + ", " + entries[2].Action + " " + entries[2].Slug
	if want := "publish " + st.Slug + ", withdraw " + st.Slug + ", publish " + other.Slug; got != want || entries[0].ContentHash != st.ContentHash {
		t.Fatalf("entries %q, want %q", got, want)
	}
	for lang, words := range map[string][]string{"sv": {"Publiceringslogg", "Tillbakadragen", "samsyn verify-log http://localhost:8080/publiceringslogg.json"},
		"en": {"Publication log", "Withdrawn", "Check the log yourself"}} {
		page := mustDoc(t, f.do(request{method: "GET", path: "/publiceringslogg?lang=" + lang}))
		text := page.Find("main").Text()
		for _, w := range words {
			if !strings.Contains(text, w) {
				t.Errorf("%s page lacks %q", lang, w)
			}
		}
		if first, _ := page.Find("ol.publog li").First().Attr("id"); first != "post-3" {
			t.Errorf("%s page: first entry %q, want the newest, post-3", lang, first)
		}
	}
}
