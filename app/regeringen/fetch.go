package regeringen

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
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
		return nil, fetchFailed(whyNot(u.Hostname(), err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fetchFailed(fmt.Sprintf("Sidan kunde inte hämtas: servern svarade %d (%s).", resp.StatusCode,
			http.StatusText(resp.StatusCode)))
	}
	return Parse(io.LimitReader(resp.Body, MaxPageSize+1), resp.Request.URL)
}

// fetchFailed is the error of a page that could not be fetched: the
// reason is the message itself, not only a field's, so that no one is told
// to check the fields when the fault is the network's or the server's.
func fetchFailed(msg string) error {
	return &app.Error{Code: app.EINVALID, Message: msg, Fields: map[string]string{"url": msg}}
}

// whyNot says why a request to host got no answer: the name did not
// resolve, the server refused or did not answer in time, the secure
// connection failed, or a redirect led off the site.
func whyNot(host string, err error) string {
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	var netErr net.Error
	switch {
	case errors.As(err, &dns):
		return fmt.Sprintf("Sidan kunde inte hämtas: namnet %s kunde inte slås upp (DNS). Kontrollera adressen.", host)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("Sidan kunde inte hämtas: %s vägrade anslutningen.", host)
	case errors.As(err, &cert):
		return fmt.Sprintf("Sidan kunde inte hämtas: %s har inget giltigt certifikat (TLS).", host)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("Sidan kunde inte hämtas: %s svarade inte inom %d sekunder.", host, int(FetchTimeout.Seconds()))
	case errors.Is(err, errRedirectAway):
		return "Sidan kunde inte hämtas: den skickade vidare till en annan webbplats än regeringen.se."
	}
	return fmt.Sprintf("Sidan kunde inte hämtas från %s: anslutningen bröts.", host)
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
