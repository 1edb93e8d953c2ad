package regeringen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

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
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fetchFailed("Bevakningens adress är ingen fullständig http- eller https-adress.")
	}
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fetchFailed("Bevakningens adress kunde inte användas.")
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: FetchTimeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, &app.WatchFailure{Err: fetchFailed(whyNot(u.Hostname(), err))}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &app.ListingAnswer{NotModified: true, ETag: etag, LastModified: lastModified}, nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		return nil, &app.WatchFailure{Err: fetchFailed(fmt.Sprintf("Sidan kunde inte hämtas: servern svarade %d (%s).",
			resp.StatusCode, http.StatusText(resp.StatusCode)))}
	case resp.StatusCode != http.StatusOK:
		return nil, fetchFailed(fmt.Sprintf("Sidan kunde inte hämtas: servern svarade %d (%s).", resp.StatusCode,
			http.StatusText(resp.StatusCode)))
	}
	page, err := Parse(io.LimitReader(resp.Body, MaxPageSize+1), resp.Request.URL)
	if err != nil {
		return nil, err
	}
	return &app.ListingAnswer{Intakes: page.Intakes(), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified")}, nil
}
