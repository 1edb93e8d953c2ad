package regeringen

import (
	"bytes"
	"context"
	"net/http"

	"github.com/samsyn/samsyn/app"
)

// ListingFetcher fetches the watched listing for app.RemissWatch:
// conditionally, with a User-Agent that says who asks and where to read
// about it. The address comes from the configuration, not from a form, so
// it may be on any host.
type ListingFetcher struct {
	Client    *http.Client // nil: a client with FetchTimeout
	UserAgent string       // e.g. "Samsyn/1.2 (remissbevakning; +https://samsyn.example.se)"
}

var _ app.ListingFetcher = ListingFetcher{}

// FetchListing asks for the page at rawURL unless it is unchanged since
// etag and lastModified (304).
func (f ListingFetcher) FetchListing(ctx context.Context, rawURL, etag, lastModified string) (*app.ListingAnswer, error) {
	a, err := politeGet{client: f.Client, userAgent: f.UserAgent, accept: "text/html", limit: MaxPageSize}.get(ctx, rawURL, etag, lastModified)
	if err != nil {
		return nil, err
	}
	if a.notModified {
		return &app.ListingAnswer{NotModified: true, ETag: etag, LastModified: lastModified}, nil
	}
	page, err := Parse(bytes.NewReader(a.body), a.final)
	if err != nil {
		return nil, err
	}
	return &app.ListingAnswer{Intakes: page.Intakes(), ETag: a.etag, LastModified: a.lastModified}, nil
}
