package regeringen

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
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

// Open reads the page src names: a URL (http or https) is fetched, anything
// else is read as a saved file.
func Open(ctx context.Context, src string) (*Page, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return Fetch(ctx, nil, src)
	}
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	defer f.Close()
	return Parse(f, nil)
}

// OnRegeringen reports whether rawURL is a page of regeringen.se: the
// only site the web form fetches from, so that it cannot be used to reach
// other hosts.
func OnRegeringen(rawURL string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	return err == nil && u.Scheme == "https" && (u.Host == "www.regeringen.se" || u.Host == "regeringen.se")
}
