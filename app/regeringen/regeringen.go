// Package regeringen reads remiss pages from regeringen.se: a single
// remiss (a government consultation sent out for comment) or the listing
// of remisser. It extracts what the page shows — title, diarienummer
// (registry reference), SOU/Ds number, department, published and updated
// dates, the deadline sentence, the invitee list and the documents — and
// reports every field it could not read instead of guessing it.
package regeringen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
)

// Field names, as reported in Remiss.Missing.
const (
	FieldTitle      = "title"
	FieldReference  = "reference"
	FieldSeries     = "series"
	FieldDepartment = "department"
	FieldPublished  = "published"
	FieldUpdated    = "updated"
	FieldDeadline   = "deadline"
	FieldInvitees   = "invitees"
	FieldDocuments  = "documents"
)

// Kind says what sort of page was read.
type Kind string

// The kinds of page the parser accepts.
const (
	KindRemiss  Kind = "remiss"
	KindListing Kind = "listing"
)

// Page is what one page gave: one remiss, or the entries of a listing.
type Page struct {
	Kind     Kind
	URL      string // the page's own (canonical) address, if known
	Remisser []*Remiss
}

// Remiss is one consultation as a page shows it. Zero fields were not on
// the page; Missing names them.
type Remiss struct {
	URL          string
	Title        string
	Reference    string   // the first diarienummer, as written, e.g. "KN2026/00741"
	ReferenceKey string   // Reference normalised (app.NormalizeReference)
	References   []string // every diarienummer the page gives
	Series       string   // report number, e.g. "SOU 2026:14" or "Ds 2026:15"
	Department   string   // the issuing ministry
	Published    app.Date
	Updated      app.Date
	Deadline     app.Date
	DeadlineText string // the sentence the deadline was read from
	InviteesURL  string // list of remissinstanser (often the remiss letter, a PDF)
	Documents    []app.Link
	Answers      []app.Link // remissvar already received
	Missing      []string
}

// ErrNotRemiss is returned (wrapped in an app.Error) for a page that is
// neither a remiss nor the listing of remisser.
var ErrNotRemiss = errors.New("not a remiss page")

// DefaultBase resolves relative links when the page names no address.
var DefaultBase = &url.URL{Scheme: "https", Host: "www.regeringen.se", Path: "/"}

// MaxPageSize is the largest page the parser reads.
const MaxPageSize = 5 << 20

// Parse reads a page. base is the address it was fetched from (nil for a
// file); the page's canonical link wins when present. A page that is not
// about remisser gives an EINVALID app.Error wrapping ErrNotRemiss.
func Parse(r io.Reader, base *url.URL) (*Page, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxPageSize+1))
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	if len(body) > MaxPageSize {
		return nil, app.Errorf(app.ETOOLARGE, "Sidan är större än %d MiB.", MaxPageSize>>20)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, notRemiss()
	}
	p := &Page{URL: canonical(doc, base)}
	pageBase := base
	if u, err := url.Parse(p.URL); err == nil && p.URL != "" {
		pageBase = u
	}
	if pageBase == nil {
		pageBase = DefaultBase
	}
	switch {
	case isListing(doc):
		p.Kind = KindListing
		p.Remisser = parseListing(doc, pageBase)
		if len(p.Remisser) == 0 {
			return nil, app.Errorf(app.EINVALID, "Listan över remisser är tom: ingen remiss kunde läsas.")
		}
	case isRemiss(doc, p.URL):
		p.Kind = KindRemiss
		p.Remisser = []*Remiss{parseRemiss(doc, pageBase, p.URL)}
	default:
		return nil, notRemiss()
	}
	return p, nil
}

func notRemiss() error {
	return &app.Error{Code: app.EINVALID, Message: "Sidan är ingen remiss från regeringen.se (varken en remiss eller listan över remisser).",
		Fields: map[string]string{"page": ErrNotRemiss.Error()}}
}

// canonical returns the page's own absolute address.
func canonical(doc *goquery.Document, base *url.URL) string {
	for _, sel := range []string{`link[rel="canonical"]`, `meta[property="og:url"]`, `meta[name="DC.Identifier"]`} {
		s := doc.Find(sel).First()
		v, ok := s.Attr("href")
		if !ok {
			v, ok = s.Attr("content")
		}
		if u := absolute(base, strings.TrimSpace(v)); ok && u != "" {
			return u
		}
	}
	if base != nil {
		return base.String()
	}
	return ""
}

// absolute resolves href against base (regeringen.se when nil) and keeps
// only http(s) addresses.
func absolute(base *url.URL, href string) string {
	if href == "" {
		return ""
	}
	if base == nil {
		base = DefaultBase
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// text is the visible text of s with white space collapsed.
func text(s *goquery.Selection) string { return collapse(s.Text()) }

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// isListing: the "Remisser" listing has a list of entries linking to
// remisser.
func isListing(doc *goquery.Document) bool {
	h1 := text(doc.Find("main h1").First())
	return strings.EqualFold(h1, "Remisser") && doc.Find(`main .sortcompact a[href*="/remisser/"]`).Length() > 0
}

var remissPathRE = regexp.MustCompile(`/remisser/\d{4}/\d{2}/[^/]+`)

// isRemiss: an article page categorised "Remiss", or at a remiss address,
// with a heading.
func isRemiss(doc *goquery.Document, pageURL string) bool {
	main := doc.Find("main").First()
	if main.Length() == 0 || text(main.Find("h1").First()) == "" {
		return false
	}
	category := strings.HasPrefix(text(main.Find(".categories-text").First()), "Remiss")
	tagged := false
	main.Find(".block--politikomrLinks a").Each(func(_ int, a *goquery.Selection) {
		tagged = tagged || text(a) == "Remiss"
	})
	return category || tagged || remissPathRE.MatchString(pageURL)
}

// missing lists the fields of r that are empty, in a fixed order.
func (r *Remiss) missing(fields ...string) []string {
	var out []string
	for _, f := range fields {
		empty := false
		switch f {
		case FieldTitle:
			empty = r.Title == ""
		case FieldReference:
			empty = r.Reference == ""
		case FieldSeries:
			empty = r.Series == ""
		case FieldDepartment:
			empty = r.Department == ""
		case FieldPublished:
			empty = r.Published.IsZero()
		case FieldUpdated:
			empty = r.Updated.IsZero()
		case FieldDeadline:
			empty = r.Deadline.IsZero()
		case FieldInvitees:
			empty = r.InviteesURL == ""
		case FieldDocuments:
			empty = len(r.Documents) == 0
		}
		if empty {
			out = append(out, f)
		}
	}
	return out
}

// AllFields lists every field a remiss page may give, in report order.
var AllFields = []string{FieldTitle, FieldReference, FieldSeries, FieldDepartment, FieldPublished,
	FieldUpdated, FieldDeadline, FieldInvitees, FieldDocuments}
