package regeringen_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

const base = "https://www.regeringen.se"

func mustParse(t *testing.T, name string) *regeringen.Page {
	t.Helper()
	p, err := regeringen.Parse(bytes.NewReader(regeringentest.Read(t, name)), nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// TestSharedRemissPages checks that each captured remiss page gives
// exactly the fields it shows, and names the ones it lacks.
func TestSharedRemissPages(t *testing.T) {
	tests := []struct {
		file    string
		want    regeringen.Remiss
		docs    []string // document URLs, in order
		answers int
	}{
		{"case-open.html", regeringen.Remiss{
			URL:          base + "/remisser/2026/07/remiss-av--ds-202615-galdenarens-avtal-i-konkurs/",
			Title:        "Remiss av Ds 2026:15 Gäldenärens avtal i konkurs",
			Series:       "Ds 2026:15",
			Department:   "Justitiedepartementet",
			Published:    app.NewDate(2026, 7, 2),
			Deadline:     app.NewDate(2026, 10, 30),
			DeadlineText: "Remissvaren ska ha kommit in till Justitiedepartementet senast den 30 oktober 2026.",
			InviteesURL:  base + "/contentassets/52ffae5758bd45af85eb030f1c58d0a0/remiss-av-promemorian-galdenarens-avtal-i-konkurs.pdf",
			Missing:      []string{"reference", "updated"},
		}, []string{
			base + "/contentassets/52ffae5758bd45af85eb030f1c58d0a0/remiss-av-promemorian-galdenarens-avtal-i-konkurs.pdf",
			base + "/rattsliga-dokument/departementsserien-och-promemorior/2026/07/ds-202615/",
		}, 0},
		{"case-closed.html", regeringen.Remiss{
			URL:          base + "/remisser/2026/04/remiss-av-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614/",
			Title:        "Remiss av Ädelmetallutredningen – en moderniserad reglering av handel med ädelmetallarbeten (SOU 2026:14)",
			Reference:    "KN2026/00741",
			ReferenceKey: "KN2026/741",
			References:   []string{"KN2026/00741"},
			Series:       "SOU 2026:14",
			Department:   "Klimat- och näringslivsdepartementet",
			Published:    app.NewDate(2026, 4, 9),
			Updated:      app.NewDate(2026, 6, 30),
			Deadline:     app.NewDate(2026, 6, 30),
			DeadlineText: "Sista dag att svara på remissen är den 30 juni 2026.",
			InviteesURL:  base + "/contentassets/8cbfd0696c2641c9b4caa992a1f82a8c/remissinstanser-for-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614.pdf",
		}, []string{
			base + "/contentassets/8cbfd0696c2641c9b4caa992a1f82a8c/remissinstanser-for-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614.pdf",
			base + "/rattsliga-dokument/statens-offentliga-utredningar/2026/03/sou-202614/",
		}, 17},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := mustParse(t, tt.file)
			if p.Kind != regeringen.KindRemiss || len(p.Remisser) != 1 || p.URL != tt.want.URL {
				t.Fatalf("kind %q, %d remisser, url %q", p.Kind, len(p.Remisser), p.URL)
			}
			got := *p.Remisser[0]
			var docs []string
			for _, d := range got.Documents {
				docs = append(docs, d.URL)
				if d.Title == "" || !strings.HasPrefix(d.URL, "https://") {
					t.Errorf("document %+v", d)
				}
			}
			if !reflect.DeepEqual(docs, tt.docs) {
				t.Errorf("documents\n got %q\nwant %q", docs, tt.docs)
			}
			if len(got.Answers) != tt.answers {
				t.Errorf("%d answers, want %d", len(got.Answers), tt.answers)
			}
			got.Documents, got.Answers = nil, nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestSharedListing checks the listing's 20 entries: every entry has a
// title, an address and a published date, the deadline, invitees and
// documents are reported missing (they are only on a remiss's own page),
// and chosen entries are read exactly.
func TestSharedListing(t *testing.T) {
	p := mustParse(t, "listing.html")
	if p.Kind != regeringen.KindListing || len(p.Remisser) != 20 || p.URL != base+"/remisser/" {
		t.Fatalf("kind %q, %d entries, url %q", p.Kind, len(p.Remisser), p.URL)
	}
	byURL := map[string]*regeringen.Remiss{}
	for _, r := range p.Remisser {
		byURL[r.URL] = r
		if r.Title == "" || r.Published.IsZero() || !strings.HasPrefix(r.URL, base+"/remisser/2026/") {
			t.Errorf("entry %+v", r)
		}
		if tail := strings.Join(r.Missing, ","); !strings.HasSuffix(tail, "deadline,invitees,documents") {
			t.Errorf("%s: missing %v", r.Title, r.Missing)
		}
	}
	want := []regeringen.Remiss{{
		URL:       base + "/remisser/2026/04/remiss-av-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614/",
		Title:     "Remiss av Ädelmetallutredningen – en moderniserad reglering av handel med ädelmetallarbeten (SOU 2026:14)",
		Reference: "KN2026/00741", ReferenceKey: "KN2026/741", References: []string{"KN2026/00741"},
		Series: "SOU 2026:14", Department: "Klimat- och näringslivsdepartementet",
		Published: app.NewDate(2026, 4, 9), Updated: app.NewDate(2026, 6, 30),
		Missing: []string{"deadline", "invitees", "documents"},
	}, {
		URL:    base + "/remisser/2026/07/remiss-av--ds-202615-galdenarens-avtal-i-konkurs/",
		Title:  "Remiss av Ds 2026:15 Gäldenärens avtal i konkurs",
		Series: "Ds 2026:15", Department: "Justitiedepartementet", Published: app.NewDate(2026, 7, 2),
		Missing: []string{"reference", "updated", "deadline", "invitees", "documents"},
	}, {
		URL:       base + "/remisser/2026/06/remiss-av-polismyndighetens-hemstallningar-om-andring-i-4-kap.-5-och-10--lagen-2017496-om-internationellt-polisiart-samarbete",
		Title:     "Remiss av Polismyndighetens hemställningar om ändring i 4 kap. 5 och 10 §§ lagen (2017:496) om internationellt polisiärt samarbete",
		Reference: "Ju2023/01911", ReferenceKey: "JU2023/1911", References: []string{"Ju2023/01911", "Ju2026/01273"},
		Department: "Justitiedepartementet", Published: app.NewDate(2026, 6, 30), Updated: app.NewDate(2026, 7, 2),
		Missing: []string{"series", "deadline", "invitees", "documents"},
	}, {
		URL:       base + "/remisser/2026/07/remiss-av-promemoria-andring-av-detaljplan/",
		Title:     "Remiss av promemoria Ändring av detaljplan",
		Reference: "LI2026/01339", ReferenceKey: "LI2026/1339", References: []string{"LI2026/01339"},
		Published: app.NewDate(2026, 7, 2),
		Missing:   []string{"series", "department", "updated", "deadline", "invitees", "documents"},
	}}
	for _, w := range want {
		got, ok := byURL[w.URL]
		if !ok {
			t.Errorf("no entry %s", w.URL)
			continue
		}
		if !reflect.DeepEqual(*got, w) {
			t.Errorf("\n got %+v\nwant %+v", *got, w)
		}
	}
}

func TestNotARemissPage(t *testing.T) {
	for _, page := range []string{
		"",
		"not html at all",
		`<html><head><title>Hej</title></head><body><main><h1>Pressmeddelande</h1><p>Text.</p></main></body></html>`,
		`<html><body><main><h1>Remisser</h1><ul><li>inga länkar</li></ul></main></body></html>`,
	} {
		_, err := regeringen.Parse(strings.NewReader(page), nil)
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "regeringen.se") {
			t.Errorf("%.40q: %v, want a clear EINVALID", page, err)
		}
	}
	big := strings.Repeat("a", regeringen.MaxPageSize+1)
	if _, err := regeringen.Parse(strings.NewReader(big), nil); app.ErrorCode(err) != app.ETOOLARGE {
		t.Errorf("huge page: %v", err)
	}
}

// TestRemissVariants covers what the captured pages do not: the
// diarienummer in the body, other deadline phrasings, relative links
// resolved against the address the page came from, and a page with
// nothing but a heading.
func TestRemissVariants(t *testing.T) {
	page := `<html><body><main class="article"><div class="col-1">
<div class="categories-text">Remiss från <a href="/tx/1">Finansdepartementet</a></div>
<h1>Remiss av promemorian Skatt på el</h1>
<p>Diarienummer: Fi2026/00123</p>
<h2>Remissinstanser</h2><ul><li><a href="instanser.pdf">Remissinstanser</a></li></ul>
<p>Svar ska ha kommit in senast 2026-11-02. Svaren publiceras.</p></div></main></body></html>`
	from, _ := url.Parse("https://www.regeringen.se/remisser/2026/09/skatt-pa-el/")
	p, err := regeringen.Parse(strings.NewReader(page), from)
	if err != nil {
		t.Fatal(err)
	}
	r := p.Remisser[0]
	if r.Reference != "Fi2026/00123" || r.Department != "Finansdepartementet" || r.Deadline != app.NewDate(2026, 11, 2) ||
		r.InviteesURL != "https://www.regeringen.se/remisser/2026/09/skatt-pa-el/instanser.pdf" ||
		!reflect.DeepEqual(r.Missing, []string{"series", "published", "updated"}) {
		t.Errorf("%+v", r)
	}
	bare := `<html><body><main><h1>Remiss av något</h1></main></body></html>`
	p, err = regeringen.Parse(strings.NewReader(bare), &url.URL{Scheme: "https", Host: "www.regeringen.se", Path: "/remisser/2026/01/x/"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"reference", "series", "department", "published", "updated", "deadline", "invitees", "documents"}
	if got := p.Remisser[0].Missing; !reflect.DeepEqual(got, want) {
		t.Errorf("missing %v, want %v", got, want)
	}
}

func TestParseDeadline(t *testing.T) {
	tests := []struct {
		in   string
		want app.Date
	}{
		{"Remissvaren ska ha kommit in till Justitiedepartementet senast den 30 oktober 2026.", app.NewDate(2026, 10, 30)},
		{"Sista dag att svara på remissen är den 30 juni 2026.", app.NewDate(2026, 6, 30)},
		{"Svaren ska ha kommit in senast 2026-11-02.", app.NewDate(2026, 11, 2)},
		{"Sista svarsdag: 15 jan. 2027", app.NewDate(2027, 1, 15)},
		{"SENAST DEN 1 DECEMBER 2026", app.NewDate(2026, 12, 1)},
		{"senast den 31 februari 2026", app.Date{}},
		{"Publicerad 02 juli 2026", app.Date{}},
		{"senast den 40 maj 2026", app.Date{}},
	}
	for _, tt := range tests {
		got, ok := regeringen.ParseDeadline(tt.in)
		if got != tt.want || ok == tt.want.IsZero() {
			t.Errorf("%q: %s %v, want %s", tt.in, got, ok, tt.want)
		}
	}
}

// TestFetchSaysWhy: a page that cannot be fetched is refused with the
// reason — the name does not resolve (DNS), the server's HTTP status, the
// page is no remiss — as the message itself, never "check the fields".
func TestFetchSaysWhy(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/press/":
			_, _ = w.Write([]byte("<html><body><main><h1>Pressmeddelande</h1></main></body></html>"))
		default:
			http.Error(w, "nere", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	for url, want := range map[string]string{
		"http://finns-inte.invalid/remisser/": "(DNS)",
		srv.URL + "/remisser/":                "503 (Service Unavailable)",
		srv.URL + "/press/":                   "ingen remiss",
	} {
		_, err := regeringen.Fetch(context.Background(), nil, url)
		if msg := app.ErrorMessage(err); app.ErrorCode(err) != app.EINVALID || !strings.Contains(msg, want) {
			t.Errorf("%s: %v, want a message saying %q", url, err, want)
		}
	}
}
