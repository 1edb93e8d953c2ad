package regeringen

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
)

// parseRemiss reads a single remiss page.
func parseRemiss(doc *goquery.Document, base *url.URL, pageURL string) *Remiss {
	main := doc.Find("main").First()
	body := main.Find(".col-1").First()
	if body.Length() == 0 {
		body = main
	}
	r := &Remiss{URL: pageURL}
	h1 := main.Find("h1").First()
	vignette := text(h1.Find(".h1-vignette"))
	r.Title = collapse(strings.TrimSuffix(text(h1), vignette))
	r.setReferences(references(vignette))
	if r.Reference == "" {
		r.setReferences(diarieInText(body))
	}
	r.Series = series(r.Title)
	if r.Series == "" {
		r.Series = series(text(body.Find(".ingress").First()))
	}
	r.Department = department(main.Find(".categories-text a"))
	r.Published, _ = ParseDate(timeOf(main.Find(".date-publ-updated .published time").First()))
	r.Updated, _ = ParseDate(timeOf(main.Find(".date-publ-updated .updated time").First()))
	r.Deadline, r.DeadlineText = deadline(body)
	invitees := linksAfter(body, "Remissinstanser", base)
	if len(invitees) > 0 {
		r.InviteesURL = invitees[0].URL
	}
	r.Documents = dedupe(append(invitees, shortcuts(main, base)...))
	r.Answers = linksAfter(body, "Remissvar", base)
	r.Missing = r.missing(AllFields...)
	return r
}

// diarieInText finds "Diarienummer: X" in the body text of pages that do
// not show it under the heading.
func diarieInText(body *goquery.Selection) []string {
	t := text(body)
	i := strings.Index(strings.ToLower(t), "diarienummer")
	if i < 0 {
		return nil
	}
	rest := t[i+len("diarienummer"):]
	if len(rest) > 80 {
		rest = rest[:80]
	}
	return references(rest)
}

// department is the first ministry among the category links, else the
// first link.
func department(links *goquery.Selection) string {
	first := ""
	found := ""
	links.EachWithBreak(func(_ int, a *goquery.Selection) bool {
		t := text(a)
		if first == "" {
			first = t
		}
		if strings.Contains(strings.ToLower(t), "departement") {
			found = t
			return false
		}
		return true
	})
	if found != "" {
		return found
	}
	return first
}

// timeOf is a time element's datetime, else its text.
func timeOf(s *goquery.Selection) string {
	if v, ok := s.Attr("datetime"); ok && strings.TrimSpace(v) != "" {
		if _, ok := ParseDate(v); ok {
			return v
		}
	}
	return text(s)
}

// deadline finds the deadline sentence in the body's paragraphs.
func deadline(body *goquery.Selection) (app.Date, string) {
	var d app.Date
	sentence := ""
	body.Find("p, li, div").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.Children().Filter("p, div, ul, ol").Length() > 0 {
			return true // only the innermost blocks
		}
		t := text(s)
		if date, ok := ParseDeadline(t); ok {
			d, sentence = date, t
			return false
		}
		return true
	})
	return d, sentence
}

// linksAfter returns the links in the block that follows the heading
// starting with label ("Remissinstanser:", "Remissvar:").
func linksAfter(body *goquery.Selection, label string, base *url.URL) []app.Link {
	var out []app.Link
	body.Find("h2, h3").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		if !strings.HasPrefix(text(h), label) {
			return true
		}
		out = links(h.NextFiltered("div, ul, ol, p"), base)
		return false
	})
	return out
}

// shortcuts are the "Genväg"/"Genvägar" boxes beside the text: the report
// or memorandum the remiss is about.
func shortcuts(main *goquery.Selection, base *url.URL) []app.Link {
	var out []app.Link
	main.Find(".island").Each(func(_ int, box *goquery.Selection) {
		if strings.HasPrefix(text(box.Find("h2").First()), "Genväg") {
			out = append(out, links(box, base)...)
		}
	})
	return out
}

func links(s *goquery.Selection, base *url.URL) []app.Link {
	var out []app.Link
	s.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if u := absolute(base, strings.TrimSpace(href)); u != "" && text(a) != "" {
			out = append(out, app.Link{Title: text(a), URL: u})
		}
	})
	return out
}

func dedupe(ls []app.Link) []app.Link {
	var out []app.Link
	seen := map[string]bool{}
	for _, l := range ls {
		if !seen[l.URL] {
			seen[l.URL] = true
			out = append(out, l)
		}
	}
	return out
}
