package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app/export"
	"github.com/samsyn/samsyn/app/web"
)

// Config is the whole configuration, read once from the environment
// (12-factor); every variable is optional.
type Config struct {
	Addr     string // SAMSYN_ADDR, default :8080
	DataDir  string // SAMSYN_DATA_DIR, default ./data
	MongoURI string // SAMSYN_MONGODB_URI; empty: embedded FerretDB
	MongoDB  string // SAMSYN_MONGODB_DB, default samsyn
	MeiliURL string // SAMSYN_MEILI_URL; empty: embedded Bleve
	MeiliKey string // SAMSYN_MEILI_KEY
	// MeiliPublicSearchKey and MeiliInternalSearchKey are
	// SAMSYN_MEILI_PUBLIC_SEARCH_KEY and SAMSYN_MEILI_INTERNAL_SEARCH_KEY:
	// search-only keys of each index, made beforehand, so that
	// SAMSYN_MEILI_KEY needs no right to manage keys.
	MeiliPublicSearchKey, MeiliInternalSearchKey string
	Search                                       string // SAMSYN_SEARCH: "on" (default) or "off" (no search engine)
	LogFormat                                    string // SAMSYN_LOG_FORMAT: "text" (default) or "json"
	// MetricsToken is SAMSYN_METRICS_TOKEN: when set, /metrics answers only
	// requests with "Authorization: Bearer <token>".
	MetricsToken string
	BaseURL      string // SAMSYN_BASE_URL, default http://localhost:<port>
	SMTPURL      string // SAMSYN_SMTP_URL
	MailFrom     string // SAMSYN_MAIL_FROM
	NetworkName  string // SAMSYN_NETWORK_NAME
	// Registries is SAMSYN_REGISTRY_ADDRESSES: "Issuer=address;Issuer=address",
	// where consultation responses to each issuer are e-mailed.
	Registries string
	// TrustedProxies is SAMSYN_TRUSTED_PROXIES: comma-separated IP addresses
	// and CIDR ranges of reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies string
	// PublicationKeyFile is SAMSYN_PUBLICATION_KEY_FILE: the Ed25519 key
	// (PEM, PKCS #8) that signs the publication log, made on first start;
	// default publication-key.pem in the data dir. Replicas share one.
	PublicationKeyFile string
	// Chromium is SAMSYN_CHROMIUM: the browser that prints tagged PDFs;
	// default chromium (or chromium-browser, google-chrome) on PATH. Without
	// one, PDFs are untagged and say so.
	Chromium string
	// WatchURL is SAMSYN_REMISS_WATCH_URL: a listing of remisser fetched on
	// a schedule into triage; empty: no watch. WatchEvery is
	// SAMSYN_REMISS_WATCH_EVERY (a Go duration, default 6h).
	WatchURL   string
	WatchEvery string
	// HarvestEvery is SAMSYN_HARVEST_EVERY: when set (a Go duration, e.g.
	// 24h), the answers other bodies sent to the remisser in the register
	// are harvested from their pages on regeringen.se that far apart per
	// remiss; empty: no scheduled harvest.
	HarvestEvery string
	// HarvestPause is SAMSYN_HARVEST_PAUSE: the wait between two requests
	// of a harvest (a Go duration, default 1s).
	HarvestPause string
}

// ConfigFromEnv reads the configuration with getenv and fills defaults.
func ConfigFromEnv(getenv func(string) string) Config {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Addr: get("SAMSYN_ADDR", ":8080"), DataDir: get("SAMSYN_DATA_DIR", "./data"),
		MongoURI: get("SAMSYN_MONGODB_URI", ""), MongoDB: get("SAMSYN_MONGODB_DB", "samsyn"),
		MeiliURL: get("SAMSYN_MEILI_URL", ""), MeiliKey: get("SAMSYN_MEILI_KEY", ""),
		MeiliPublicSearchKey:   get("SAMSYN_MEILI_PUBLIC_SEARCH_KEY", ""),
		MeiliInternalSearchKey: get("SAMSYN_MEILI_INTERNAL_SEARCH_KEY", ""),
		Search:                 strings.ToLower(get("SAMSYN_SEARCH", "on")), LogFormat: strings.ToLower(get("SAMSYN_LOG_FORMAT", "text")),
		MetricsToken: get("SAMSYN_METRICS_TOKEN", ""),
		BaseURL:      get("SAMSYN_BASE_URL", ""), SMTPURL: get("SAMSYN_SMTP_URL", ""),
		MailFrom: get("SAMSYN_MAIL_FROM", ""), NetworkName: get("SAMSYN_NETWORK_NAME", "Industrikommunerna"),
		Registries: get("SAMSYN_REGISTRY_ADDRESSES", ""), TrustedProxies: get("SAMSYN_TRUSTED_PROXIES", ""),
		WatchURL: get("SAMSYN_REMISS_WATCH_URL", ""), WatchEvery: get("SAMSYN_REMISS_WATCH_EVERY", "6h"),
		HarvestEvery: get("SAMSYN_HARVEST_EVERY", ""), HarvestPause: get("SAMSYN_HARVEST_PAUSE", "1s"),
	}
	c.Chromium = get("SAMSYN_CHROMIUM", "")
	c.PublicationKeyFile = get("SAMSYN_PUBLICATION_KEY_FILE", filepath.Join(c.DataDir, "publication-key.pem"))
	c.setDefaultBaseURL()
	return c
}

func (c *Config) setDefaultBaseURL() {
	if c.BaseURL != "" {
		return
	}
	_, port, err := net.SplitHostPort(c.Addr)
	if err != nil || port == "" || port == "0" {
		port = "8080"
	}
	c.BaseURL = "http://localhost:" + port
}

// Validate reports every problem with the configuration at once.
func (c Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("SAMSYN_ADDR %q: want host:port, e.g. :8080", c.Addr))
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		errs = append(errs, errors.New("SAMSYN_MONGODB_URI must start with mongodb:// or mongodb+srv://"))
	}
	if strings.ContainsAny(c.MongoDB, "/\\. \"$") || len(c.MongoDB) > 60 {
		errs = append(errs, fmt.Errorf("SAMSYN_MONGODB_DB %q is not a valid database name", c.MongoDB))
	}
	if c.WatchURL != "" && !isHTTPURL(c.WatchURL) {
		errs = append(errs, errors.New("SAMSYN_REMISS_WATCH_URL must be an http(s) URL"))
	}
	if d, err := time.ParseDuration(c.WatchEvery); err != nil || d < time.Minute {
		errs = append(errs, fmt.Errorf("SAMSYN_REMISS_WATCH_EVERY %q: want a duration of at least 1m, e.g. 6h", c.WatchEvery))
	}
	if d, err := time.ParseDuration(c.HarvestEvery); c.HarvestEvery != "" && (err != nil || d < time.Minute) {
		errs = append(errs, fmt.Errorf("SAMSYN_HARVEST_EVERY %q: want a duration of at least 1m, e.g. 24h", c.HarvestEvery))
	}
	if d, err := time.ParseDuration(c.HarvestPause); err != nil || d < 0 || d > time.Minute {
		errs = append(errs, fmt.Errorf("SAMSYN_HARVEST_PAUSE %q: want a duration from 0s to 1m, e.g. 1s", c.HarvestPause))
	}
	if c.MeiliURL != "" && !isHTTPURL(c.MeiliURL) {
		errs = append(errs, errors.New("SAMSYN_MEILI_URL must be an http(s) URL"))
	}
	if c.Search != "on" && c.Search != "off" {
		errs = append(errs, fmt.Errorf("SAMSYN_SEARCH %q: want on or off", c.Search))
	}
	if (c.MeiliPublicSearchKey == "") != (c.MeiliInternalSearchKey == "") {
		errs = append(errs, errors.New("SAMSYN_MEILI_PUBLIC_SEARCH_KEY and SAMSYN_MEILI_INTERNAL_SEARCH_KEY go together: set both or neither"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("SAMSYN_LOG_FORMAT %q: want text or json", c.LogFormat))
	}
	if !isHTTPURL(c.BaseURL) {
		errs = append(errs, fmt.Errorf("SAMSYN_BASE_URL %q must be an absolute http(s) URL", c.BaseURL))
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
			errs = append(errs, errors.New("SAMSYN_SMTP_URL must look like smtp://user:pass@host:587"))
		}
		if c.MailFrom == "" {
			errs = append(errs, errors.New("SAMSYN_MAIL_FROM is required when SAMSYN_SMTP_URL is set"))
		}
	}
	if _, err := c.RegistryAddresses(); err != nil {
		errs = append(errs, err)
	}
	for _, p := range c.TrustedProxyList() {
		if _, err := web.ParseTrustedProxy(p); err != nil {
			errs = append(errs, fmt.Errorf("SAMSYN_TRUSTED_PROXIES: %q is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)", p))
		}
	}
	if len(c.NetworkName) > 100 {
		errs = append(errs, errors.New("SAMSYN_NETWORK_NAME is longer than 100 characters"))
	}
	return errors.Join(errs...)
}

// SearchOff reports whether SAMSYN_SEARCH=off: the server runs without a
// search engine.
func (c Config) SearchOff() bool { return c.Search == "off" }

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// LogValue prints the configuration with secrets masked.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr), slog.String("data_dir", c.DataDir),
		slog.String("mongodb_uri", maskURL(c.MongoURI)), slog.String("mongodb_db", c.MongoDB),
		slog.String("meili_url", maskURL(c.MeiliURL)), slog.String("meili_key", mask(c.MeiliKey)),
		slog.String("meili_public_search_key", mask(c.MeiliPublicSearchKey)),
		slog.String("meili_internal_search_key", mask(c.MeiliInternalSearchKey)),
		slog.String("search", c.Search), slog.String("log_format", c.LogFormat),
		slog.String("metrics_token", mask(c.MetricsToken)),
		slog.String("base_url", c.BaseURL), slog.String("smtp_url", maskURL(c.SMTPURL)),
		slog.String("mail_from", c.MailFrom), slog.String("network_name", c.NetworkName),
		slog.String("trusted_proxies", c.TrustedProxies))
}

// TrustedProxyList splits SAMSYN_TRUSTED_PROXIES into its entries.
func (c Config) TrustedProxyList() []string {
	var out []string
	for _, p := range strings.Split(c.TrustedProxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func mask(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}

// maskURL hides the password of a URL's user info.
func maskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return mask(s)
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return u.String()
}

// RegistryAddresses parses SAMSYN_REGISTRY_ADDRESSES into issuer → address.
func (c Config) RegistryAddresses() (map[string]string, error) {
	m, err := export.ParseRegistryAddresses(c.Registries)
	if err != nil {
		return nil, fmt.Errorf("SAMSYN_REGISTRY_ADDRESSES: %w", err)
	}
	return m, nil
}
