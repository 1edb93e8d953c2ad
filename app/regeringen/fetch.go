package regeringen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
)

// FetchTimeout bounds one fetch of a page.
const FetchTimeout = 20 * time.Second

// Fetch downloads the page at rawURL (http or https, at most
// MaxPageSize, within FetchTimeout) and parses it. client may be nil.
func Fetch(ctx context.Context, client *http.Client, rawURL string) (*Page, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, app.FieldError("url", "Ange en fullständig adress som börjar med https://.")
	}
	if client == nil {
		client = &http.Client{}
	}
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, app.FieldError("url", "Adressen kunde inte användas.")
	}
	req.Header.Set("User-Agent", "Samsyn remissimport")
	req.Header.Set("Accept", "text/html")
	resp, err := client.Do(req)
	if err != nil {
		return nil, app.FieldError("url", "Sidan kunde inte hämtas: servern svarade inte.")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, app.FieldError("url", fmt.Sprintf("Sidan kunde inte hämtas: servern svarade %d.", resp.StatusCode))
	}
	return Parse(io.LimitReader(resp.Body, MaxPageSize+1), resp.Request.URL)
}

// OnRegeringen reports whether rawURL is a page of regeringen.se: the
// only site the web form fetches from, so that it cannot be used to reach
// other hosts.
func OnRegeringen(rawURL string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	return err == nil && u.Scheme == "https" && (u.Host == "www.regeringen.se" || u.Host == "regeringen.se")
}
