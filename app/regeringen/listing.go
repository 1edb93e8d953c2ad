package regeringen

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// trailingRefsRE splits a listing title from the diarienummer appended
// to it: "Remiss av … (SOU 2026:14), KN2026/00741".
var trailingRefsRE = regexp.MustCompile(`^(.*?)((?:,\s*[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}(?:19|20)\d\d/\d{1,7})+)\s*$`)

// listingFields are what a listing entry can show; the deadline, invitees
// and documents are only on the remiss's own page.
var listingFields = AllFields

// parseListing reads the entries of the listing page.
func parseListing(doc *goquery.Document, base *url.URL) []*Remiss {
	var out []*Remiss
	doc.Find("main .sortcompact").Each(func(_ int, e *goquery.Selection) {
		a := e.Find(`a[href*="/remisser/"]`).First()
		href, _ := a.Attr("href")
		u := absolute(base, strings.TrimSpace(href))
		if u == "" {
			return
		}
		r := &Remiss{URL: u, Title: text(a)}
		if m := trailingRefsRE.FindStringSubmatch(r.Title); m != nil {
			r.Title = strings.TrimSpace(m[1])
			r.setReferences(references(m[2]))
		}
		r.Series = series(r.Title)
		meta := e.Find(".block--timeLinks").First()
		times := meta.Find("time")
		r.Published, _ = ParseDate(timeOf(times.First()))
		if strings.Contains(text(meta), "Uppdaterad") && times.Length() > 1 {
			r.Updated, _ = ParseDate(timeOf(times.Eq(1)))
		}
		if _, after, ok := strings.Cut(text(meta), " från "); ok {
			dept, _, _ := strings.Cut(after, ",")
			r.Department = strings.TrimSpace(dept)
		}
		r.Missing = r.missing(listingFields...)
		out = append(out, r)
	})
	return out
}
