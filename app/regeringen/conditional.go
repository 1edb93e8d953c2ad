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

// politeGet is one conditional GET of the watch and the harvest: a
// User-Agent that says who asks, If-None-Match and If-Modified-Since from
// the validators remembered, within FetchTimeout.
type politeGet struct {
	client    *http.Client // nil: a client with FetchTimeout
	userAgent string
	accept    string
	limit     int64 // the largest body read
}

// answer is what one politeGet gave: 304 (notModified), or a body and its
// validators.
type answer struct {
	notModified  bool
	body         []byte
	etag         string
	lastModified string
	final        *url.URL // where redirects led
}

// get asks for rawURL unless it is unchanged since etag and lastModified.
// A 5xx or 429, or no answer at all, is an *app.WatchFailure (retried
// later); another status, or an address that is no http(s) address, is an
// EINVALID app.Error saying why.
func (g politeGet) get(ctx context.Context, rawURL, etag, lastModified string) (*answer, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fetchFailed("Adressen är ingen fullständig http- eller https-adress.")
	}
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fetchFailed("Adressen kunde inte användas.")
	}
	req.Header.Set("User-Agent", g.userAgent)
	req.Header.Set("Accept", g.accept)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	client := g.client
	if client == nil {
		client = &http.Client{Timeout: FetchTimeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, &app.WatchFailure{Err: fetchFailed(whyNot(u.Hostname(), err))}
	}
	defer resp.Body.Close()
	status := fmt.Sprintf("Sidan kunde inte hämtas: servern svarade %d (%s).", resp.StatusCode, http.StatusText(resp.StatusCode))
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &answer{notModified: true, etag: etag, lastModified: lastModified}, nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		return nil, &app.WatchFailure{Err: fetchFailed(status)}
	case resp.StatusCode != http.StatusOK:
		return nil, fetchFailed(status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, g.limit+1))
	if err != nil {
		return nil, &app.WatchFailure{Err: fetchFailed(whyNot(u.Hostname(), err))}
	}
	if int64(len(body)) > g.limit {
		return nil, app.Errorf(app.ETOOLARGE, "Filen är större än %d MiB.", g.limit>>20)
	}
	return &answer{body: body, etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified"),
		final: resp.Request.URL}, nil
}
