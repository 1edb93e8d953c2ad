package regeringen

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"

	"github.com/samsyn/samsyn/app"
)

// MaxDocumentSize is the largest PDF the harvest reads.
const MaxDocumentSize = 40 << 20

// HarvestFetcher fetches remiss pages and their PDFs for app.Harvester,
// conditionally, with a User-Agent that says who asks. The addresses come
// from the register and the pages it fetched, not from a form.
type HarvestFetcher struct {
	Client    *http.Client // nil: a client with FetchTimeout
	UserAgent string       // e.g. "Samsyn/1.2 (remissvar; +https://samsyn.example.se)"
}

var _ app.HarvestFetcher = HarvestFetcher{}

// FetchRemissPage reads the answers and the invitee list a remiss page
// links, unless the page is unchanged since etag and lastModified. A page
// that is no single remiss is EINVALID.
func (f HarvestFetcher) FetchRemissPage(ctx context.Context, rawURL, etag, lastModified string) (*app.RemissPageAnswer, error) {
	a, err := politeGet{client: f.Client, userAgent: f.UserAgent, accept: "text/html", limit: MaxPageSize}.get(ctx, rawURL, etag, lastModified)
	if err != nil {
		return nil, err
	}
	if a.notModified {
		return &app.RemissPageAnswer{NotModified: true, ETag: etag, LastModified: lastModified}, nil
	}
	page, err := Parse(bytes.NewReader(a.body), a.final)
	if err != nil {
		return nil, err
	}
	if page.Kind != KindRemiss {
		return nil, notRemiss()
	}
	r := page.Remisser[0]
	return &app.RemissPageAnswer{Answers: r.AnswerLinks(), InviteesURL: r.InviteesURL, ETag: a.etag,
		LastModified: a.lastModified}, nil
}

// FetchDocument downloads a PDF (at most MaxDocumentSize) unless it is
// unchanged since etag and lastModified.
func (f HarvestFetcher) FetchDocument(ctx context.Context, rawURL, etag, lastModified string) (*app.DocumentAnswer, error) {
	a, err := politeGet{client: f.Client, userAgent: f.UserAgent, accept: "application/pdf", limit: MaxDocumentSize}.get(ctx, rawURL, etag, lastModified)
	if err != nil {
		return nil, err
	}
	return &app.DocumentAnswer{NotModified: a.notModified, Body: a.body, ETag: a.etag, LastModified: a.lastModified}, nil
}

// fileNote is what regeringen.se appends to a link's text: "(pdf 119 kB)".
var fileNote = regexp.MustCompile(`(?i)\s*\((?:pdf|docx?|xlsx?|odt|rtf)[^)]*\)\s*$`)

// AnswerLinks are the answers the page lists: the organisation (the
// link's text without the file note) and the PDF's absolute address.
func (r *Remiss) AnswerLinks() []app.AnswerLink {
	out := make([]app.AnswerLink, 0, len(r.Answers))
	for _, l := range r.Answers {
		name := strings.TrimSpace(fileNote.ReplaceAllString(l.Title, ""))
		out = append(out, app.AnswerLink{Organisation: name, URL: l.URL})
	}
	return out
}
