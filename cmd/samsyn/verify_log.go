package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
)

// verifyLogCommand: samsyn verify-log URL|FILE [--key URL|FILE] checks a
// publication log (/publiceringslogg.json) end to end: sequence, chain and
// every signature, and names the first entry that breaks. It needs no data
// dir: anyone can run it against any network's site.
func (e *env) verifyLogCommand() *cobra.Command {
	var keyFrom string
	var texts bool
	cmd := &cobra.Command{
		Use:   "verify-log URL|FILE",
		Short: "Check a publication log's chain and signatures, naming the first entry that breaks",
		Long: "Reads a publication log (a site's /publiceringslogg.json, or a saved copy) and the network's\n" +
			"public key (--key: a URL or a PEM file; for a URL log, by default the site's\n" +
			"/.well-known/samsyn-publication-key), then checks that the entries are numbered 1, 2, 3, …,\n" +
			"that each entry's hash matches its fields and names the entry before, and that every signature\n" +
			"verifies. Exits non-zero, naming the first entry that breaks, when one does. With --texts (a URL\n" +
			"log), it also downloads the canonical text of every statement the log says is published\n" +
			"(/stallningstaganden/{slug}.txt) and checks that its SHA-256 is the content hash logged.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if keyFrom == "" {
				u, err := url.Parse(args[0])
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
					return errors.New("--key URL|FILE is needed for a log read from a file")
				}
				keyFrom = u.Scheme + "://" + u.Host + "/.well-known/samsyn-publication-key"
			}
			key, err := readPublicKey(ctx, keyFrom)
			if err != nil {
				return err
			}
			entries, err := readPublicationLog(ctx, args[0])
			if err != nil {
				return err
			}
			if err := app.VerifyPublicationLog(entries, key); err != nil {
				return fmt.Errorf("the publication log does not verify: %w", err)
			}
			fmt.Fprintf(e.stdout, "OK: %d entries; numbering, hash chain and every signature verify under key %s.\n",
				len(entries), base64.StdEncoding.EncodeToString(key))
			if texts {
				n, err := verifyTexts(ctx, args[0], entries)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "OK: the %d published texts are the ones logged.\n", n)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&keyFrom, "key", "", "the network's public key: a URL or a PEM file")
	cmd.Flags().BoolVar(&texts, "texts", false, "also check each published statement's text against the logged content hash")
	return cmd
}

// fetch reads a URL (http or https) or a file.
func fetch(ctx context.Context, from string) ([]byte, error) {
	if !strings.HasPrefix(from, "http://") && !strings.HasPrefix(from, "https://") {
		return os.ReadFile(from)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, from, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", from, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1<<30))
}

func readPublicKey(ctx context.Context, from string) (ed25519.PublicKey, error) {
	b, err := fetch(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("read the key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PUBLIC KEY" {
		return nil, fmt.Errorf("%s is not a PEM public key", from)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", from, err)
	}
	key, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s is not an Ed25519 key", from)
	}
	return key, nil
}

// readPublicationLog reads /publiceringslogg.json's shape, {"items":[…]}.
func readPublicationLog(ctx context.Context, from string) ([]*app.PublicationEntry, error) {
	b, err := fetch(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("read the log: %w", err)
	}
	var doc struct {
		Items []struct {
			Seq         int64  `json:"seq"`
			At          string `json:"at"`
			Slug        string `json:"slug"`
			Action      string `json:"action"`
			ContentHash string `json:"content_hash"`
			PrevHash    string `json:"prev_hash"`
			EntryHash   string `json:"entry_hash"`
			Signature   string `json:"signature"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s is not a publication log: %w", from, err)
	}
	out := make([]*app.PublicationEntry, len(doc.Items))
	for i, it := range doc.Items {
		at, err := time.Parse(time.RFC3339Nano, it.At)
		if err != nil {
			return nil, fmt.Errorf("entry %d: time %q: %w", i+1, it.At, err)
		}
		out[i] = &app.PublicationEntry{Seq: it.Seq, At: at, Slug: it.Slug, Action: it.Action, ContentHash: it.ContentHash,
			PrevHash: it.PrevHash, EntryHash: it.EntryHash, Signature: it.Signature}
	}
	return out, nil
}

// verifyTexts checks, for every statement whose last entry in the log is a
// publication, that the site's canonical text of it has the content hash
// logged, and returns how many it checked.
func verifyTexts(ctx context.Context, logURL string, entries []*app.PublicationEntry) (int, error) {
	u, err := url.Parse(logURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return 0, errors.New("--texts needs the log's URL")
	}
	last := map[string]*app.PublicationEntry{}
	var order []string
	for _, e := range entries {
		if _, seen := last[e.Slug]; !seen {
			order = append(order, e.Slug)
		}
		last[e.Slug] = e
	}
	n := 0
	for _, slug := range order {
		e := last[slug]
		if e.Action != app.ActionPublish {
			continue
		}
		text, err := fetch(ctx, u.Scheme+"://"+u.Host+"/stallningstaganden/"+url.PathEscape(slug)+".txt")
		if err != nil {
			return n, fmt.Errorf("the text of %s (entry %d): %w", slug, e.Seq, err)
		}
		sum := sha256.Sum256(text)
		if got := hex.EncodeToString(sum[:]); got != e.ContentHash {
			return n, fmt.Errorf("the text of %s has SHA-256 %s, but entry %d logged %s: it was changed after publication", slug, got, e.Seq, e.ContentHash)
		}
		n++
	}
	return n, nil
}
