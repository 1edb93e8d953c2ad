package web

import (
	"crypto/x509"
	"encoding/pem"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// The publication log's public face (app/publog.go): the page
// /publiceringslogg, newest first; the whole log as JSON for verify-log
// and anyone else, oldest first; and the network's public key.

const publogKeyPath = "/.well-known/samsyn-publication-key"

func (s *Server) publogRoutes(site fiber.Router) {
	site.Get("/publiceringslogg.json", s.publogJSON)
	site.Get("/publiceringslogg", s.publogPage)
	site.Get(publogKeyPath, s.publogKey)
}

// publogEntryOut is one entry as JSON: At in the hashed form's layout.
type publogEntryOut struct {
	Seq         int64  `json:"seq"`
	At          string `json:"at"`
	Slug        string `json:"slug"`
	Action      string `json:"action"`
	ContentHash string `json:"content_hash"`
	PrevHash    string `json:"prev_hash"`
	EntryHash   string `json:"entry_hash"`
	Signature   string `json:"signature"`
}

type publogOut struct {
	Format    string           `json:"format"`
	Algorithm string           `json:"algorithm"`
	KeyURL    string           `json:"key_url"`
	Items     []publogEntryOut `json:"items"`
	Total     int              `json:"total"`
}

func publogEntryJSON(e *app.PublicationEntry) publogEntryOut {
	return publogEntryOut{Seq: e.Seq, At: app.FormatEntryTime(e.At), Slug: e.Slug, Action: e.Action,
		ContentHash: e.ContentHash, PrevHash: e.PrevHash, EntryHash: e.EntryHash, Signature: e.Signature}
}

// publogJSON: GET /publiceringslogg.json, every entry from the first.
func (s *Server) publogJSON(c *fiber.Ctx) error {
	entries, err := s.deps.Publications.Entries(c.UserContext(), 0, 0)
	if err != nil {
		return err
	}
	out := publogOut{Format: "samsyn-publication-log-v1", Algorithm: "Ed25519",
		KeyURL: s.publogBase() + publogKeyPath, Items: make([]publogEntryOut, len(entries)), Total: len(entries)}
	for i, e := range entries {
		out.Items[i] = publogEntryJSON(e)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	return c.JSON(out)
}

// publogKey: GET /.well-known/samsyn-publication-key, the Ed25519 public
// key (PEM, SubjectPublicKeyInfo) that verifies every entry's signature.
func (s *Server) publogKey(c *fiber.Ctx) error {
	der, err := x509.MarshalPKIXPublicKey(s.deps.Publications.PublicKey())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return c.Send(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

type publogPage struct {
	Layout
	Entries          []publogRow
	Total            int
	JSONURL, KeyURL  string
	Command          string
	PrevPage, NextPg int
}

type publogRow struct {
	Seq                              int64
	At, AtISO, Slug, ActionKey       string
	ContentHash, PrevHash, EntryHash string
}

const publogPerPage = 100

// publogPage: GET /publiceringslogg?sida=N, newest first.
func (s *Server) publogPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	total, err := s.deps.Publications.Count(ctx)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(c.Query("sida"))
	page = max(1, min(page, (total+publogPerPage-1)/publogPerPage))
	newest := int64(total - (page-1)*publogPerPage) // seq of the page's first row
	from := max(0, newest-publogPerPage)
	entries, err := s.deps.Publications.Entries(ctx, from, int(newest-from))
	if err != nil {
		return err
	}
	base := s.publogBase()
	p := publogPage{Layout: s.layout(c, "publog.title"), Total: total, JSONURL: base + "/publiceringslogg.json",
		KeyURL: base + publogKeyPath}
	p.Command = "samsyn verify-log " + p.JSONURL + " --key " + p.KeyURL + " --texts"
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		p.Entries = append(p.Entries, publogRow{Seq: e.Seq, At: localTime(e.At), AtISO: app.FormatEntryTime(e.At),
			Slug: e.Slug, ActionKey: "publog.action." + e.Action, ContentHash: e.ContentHash, PrevHash: e.PrevHash, EntryHash: e.EntryHash})
	}
	if page > 1 {
		p.PrevPage = page - 1
	}
	if from > 0 {
		p.NextPg = page + 1
	}
	return s.render(c, fiber.StatusOK, "publog", p)
}

func (s *Server) publogBase() string { return strings.TrimRight(s.cfg.BaseURL, "/") }
