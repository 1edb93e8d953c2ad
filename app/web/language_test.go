package web_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/templates"
)

// englishStatus is an English status word where a Swedish page names a
// status: after an arrow ("→ draft") or as a raw signature decision.
var englishStatus = regexp.MustCompile(`→ ?(incoming|assessing|drafting|signing|submitted|declined|missed|draft|published|withdrawn|pending|dismissed|accepted)\b|\b(KS|KSAU|delegation|other)\s*·|\bdelegation\b`)

// catalogueKeyShape matches a word shaped like a message key.
var catalogueKeyShape = regexp.MustCompile(`\b[a-z][a-z0-9_]*(\.[a-z0-9_]+){1,4}\b`)

// TestSwedishPagesShowNoKeysOrEnglish renders every page of the role
// table, as staff and as a member, in Swedish, after the kinds of change
// whose history pages show (an import, a status correction, a triage
// decision, a note), and finds no catalogue key (audit.consultation.import)
// and no English status word (→ draft, delegation) in what people read.
func TestSwedishPagesShowNoKeysOrEnglish(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	prefixes := keyPrefixes(t)
	table := roleTable(f)
	staff := f.byRole["secretariat"]
	id := f.assessedRemiss(t, staff, "Remiss om vätgas", "vatgas", "KN2026/7001", "Anteckning.")
	extra := []string{"/internt/remisser/" + id, "/internt/inkorg?visa=dismissed", "/internt/inkorg?visa=accepted"}
	seen := map[string]bool{}
	var problems []string
	check := func(role, path string) {
		if seen[role+path] {
			return
		}
		seen[role+path] = true
		resp := f.do(request{method: "GET", path: path, role: role, headers: map[string]string{"Accept": "text/html"}})
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			return
		}
		doc := mustDoc(t, resp)
		doc.Find("script, style").Remove()
		text := strings.Join(strings.Fields(doc.Find("body").Text()), " ")
		for _, k := range catalogueKeyShape.FindAllString(text, -1) {
			if prefixes[strings.SplitN(k, ".", 2)[0]] {
				problems = append(problems, role+" "+path+": key "+k)
			}
		}
		for _, m := range englishStatus.FindAllString(text, -1) {
			problems = append(problems, role+" "+path+": English "+m)
		}
	}
	for _, rc := range table {
		if rc.method != "GET" || strings.HasPrefix(rc.path, "/api/") {
			continue
		}
		for i, role := range roles {
			if rc.want[i] == 200 && (role == "secretariat" || role == "signerA" || role == "") {
				check(role, rc.path)
			}
		}
	}
	for _, p := range extra {
		check("secretariat", p)
	}
	// One naming scheme: a link in the work menu never has the name of a
	// link to another page in the public menu.
	resp := f.do(request{method: "GET", path: "/internt/remisser", role: "admin", headers: map[string]string{"Accept": "text/html"}})
	doc := mustDoc(t, resp)
	public := map[string]string{}
	doc.Find("header nav:not(.work) a, nav:not(.work) ul a").Each(func(_ int, a *goquery.Selection) {
		public[strings.TrimSpace(a.Text())] = a.AttrOr("href", "")
	})
	doc.Find("nav.work a").Each(func(_ int, a *goquery.Selection) {
		name, href := strings.TrimSpace(a.Text()), a.AttrOr("href", "")
		if other, ok := public[name]; ok && other != href {
			problems = append(problems, fmt.Sprintf("menus: %q goes to %s in one and %s in the other", name, href, other))
		}
	})
	if len(public) < 4 {
		t.Errorf("found %d links in the public menu", len(public))
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	if len(seen) < 40 {
		t.Errorf("only %d pages rendered", len(seen))
	}
}

// keyPrefixes are the first words of every catalogue key.
func keyPrefixes(t *testing.T) map[string]bool {
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for k := range msgs["sv"] {
		out[strings.SplitN(k, ".", 2)[0]] = true
	}
	delete(out, "")
	return out
}

// assessedRemiss imports a remiss from regeringen.se's path slug, adds an
// internal note and moves it to assessing with a deadline in 60 days: a
// consultation whose page shows every part. It returns its id.
func (f *fixture) assessedRemiss(t *testing.T, staff *app.User, title, slug, ref, note string) string {
	t.Helper()
	ctx := context.Background()
	res, err := f.services.Imports.Import(ctx, staff, []*app.RemissIntake{{Title: title,
		SourceURL: "https://www.regeringen.se/remisser/2026/05/" + slug + "/", Reference: ref, Issuer: "Klimat- och näringslivsdepartementet"}})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ConsultationID
	if _, err := f.services.Consultations.AddNote(ctx, staff, id, note); err != nil {
		t.Fatal(err)
	}
	if _, err := f.services.Consultations.Revise(ctx, staff, id, 0, func(in *app.ConsultationInput) {
		in.Status, in.Deadline = "assessing", app.DateOf(time.Now()).AddDays(60).String()
	}); err != nil {
		t.Fatal(err)
	}
	return id
}
