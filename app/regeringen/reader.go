package regeringen

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/samsyn/samsyn/app"
)

// Reader reads remiss pages of regeringen.se for the domain: it is the
// app.RemissReader that cmd wires into the services.
type Reader struct {
	// Client fetches pages; nil follows redirects only within
	// regeringen.se, at most five.
	Client *http.Client
}

var _ app.RemissReader = Reader{}

// Parse reads a saved page.
func (r Reader) Parse(src io.Reader) ([]*app.RemissIntake, error) {
	page, err := Parse(src, nil)
	if err != nil {
		return nil, err
	}
	return page.Intakes(), nil
}

// Fetch fetches the page at rawURL, which must be on regeringen.se, so
// that the form that asks for it cannot be used to reach other hosts.
func (r Reader) Fetch(ctx context.Context, rawURL string) ([]*app.RemissIntake, error) {
	if !OnRegeringen(rawURL) {
		return nil, app.FieldError("url", "Ange en adress på https://www.regeringen.se/.")
	}
	client := r.Client
	if client == nil {
		client = onRegeringenClient
	}
	page, err := Fetch(ctx, client, rawURL)
	if err != nil {
		return nil, err
	}
	return page.Intakes(), nil
}

// errRedirectAway is a redirect off regeringen.se, which is not followed.
var errRedirectAway = errors.New("redirect away from regeringen.se")

// onRegeringenClient follows redirects only within regeringen.se.
var onRegeringenClient = &http.Client{
	Timeout: FetchTimeout,
	CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 || !OnRegeringen(req.URL.String()) {
			return errRedirectAway
		}
		return nil
	},
}
