// Package web serves Samsyn over HTTP with Fiber: the JSON API under
// /api/v1, the server-rendered pages, and the middleware that guards them
// (request ids, deadlines, sessions, CSRF, security headers, rate limits).
// It reaches stores and search only through the interfaces of package app.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/samsyn/samsyn/app"
)

// Deps are what the server needs from the rest of the program: the
// domain's services (every read and change goes through them) and the
// search engine, health check, logger and metrics registry.
type Deps struct {
	*app.Services
	Search app.SearchEngine
	// Ready reports whether the store answers; /readyz uses it.
	Ready    func(ctx context.Context) error
	Logger   *slog.Logger
	Registry *prometheus.Registry
	// Printer prints statements to tagged PDF (headless Chromium,
	// export.Printer); nil where there is none: the PDF is then fpdf's,
	// untagged, and says so.
	Printer PDFPrinter
}

// PDFPrinter prints a whole HTML document to PDF.
type PDFPrinter interface {
	PDF(ctx context.Context, html []byte) ([]byte, error)
}

// Config is the server's part of the configuration.
type Config struct {
	BaseURL        string // e.g. https://samsyn.example.se; decides cookie security
	NetworkName    string
	BodyLimit      int           // bytes; larger bodies get 413
	RequestTimeout time.Duration // deadline of each request's context
	// LoginLimit is how many failed logins an account, and five times as
	// many an IP address, may make within LoginWindow.
	LoginLimit  int
	LoginWindow time.Duration
	// RegistryAddresses maps an issuer (ministry or agency, compared without
	// case) to the registry address its consultation responses go to; it
	// overrides the built-in table of ministries.
	RegistryAddresses map[string]string
	// TrustedProxies are the reverse proxies (IP addresses or CIDR ranges)
	// whose X-Forwarded-For header is believed; from anyone else it is
	// ignored and the peer address is the client's.
	TrustedProxies []string
	// MetricsToken, when set, is the bearer token /metrics asks for.
	MetricsToken string
}

// Server is the HTTP server.
type Server struct {
	deps    Deps
	cfg     Config
	app     *fiber.App
	views   *views
	secure  bool // cookies Secure and __Host- prefixed
	log     *slog.Logger
	metrics *httpMetrics
	proxies trustedProxies
	bg      sync.WaitGroup // background work (reset mails); Shutdown waits
	silent  silentConns    // connections that have sent nothing yet
}

// New builds the server and parses every template; a template error stops
// start-up.
func New(deps Deps, cfg Config) (*Server, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("base URL %q is not an absolute URL", cfg.BaseURL)
	}
	v, err := loadViews(cfg.NetworkName)
	if err != nil {
		return nil, err
	}
	proxies, err := parseTrustedProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	m, err := newHTTPMetrics(deps.Registry)
	if err != nil {
		return nil, fmt.Errorf("register metrics: %w", err)
	}
	s := &Server{deps: deps, cfg: cfg, views: v, log: deps.Logger, metrics: m, proxies: proxies,
		secure: u.Scheme == "https" || !isLoopback(u.Hostname())}
	s.app = fiber.New(proxies.fiberConfig(fiber.Config{
		AppName:               "samsyn",
		ErrorHandler:          s.handleError,
		BodyLimit:             cfg.BodyLimit,
		ReadTimeout:           15 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           60 * time.Second,
		ReadBufferSize:        8192, // also the limit on request line and headers: 8 KiB (SECURITY.md)
		DisableStartupMessage: true,
		StrictRouting:         false,
	}, cfg.TrustedProxies))
	s.routes()
	return s, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// App returns the Fiber app, for tests (app.Test) and for Listen.
func (s *Server) App() *fiber.App { return s.app }

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	err := s.app.Listener(s.silent.listener(ln))
	if err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting connections and waits for requests in flight
// and for background work they started, at most until ctx ends. A
// connection that has sent nothing for silentGrace is closed, not waited
// for.
func (s *Server) Shutdown(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- s.app.ShutdownWithContext(ctx) }()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var err error
	for waiting := true; waiting; {
		select {
		case err = <-done:
			waiting = false
		case <-tick.C:
			s.silent.closeOlderThan(silentGrace)
		}
	}
	s.waitBackground(ctx)
	return err
}

// wantsJSON reports whether the answer should be JSON rather than HTML.
func wantsJSON(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Path(), "/api/") {
		return true
	}
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/html")
}
