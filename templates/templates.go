// Package templates embeds Samsyn's HTML layouts and pages, its static
// assets (served under content-hashed URLs) and its message catalogues in
// Swedish and English.
package templates

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed layouts/*.html pages/*.html
var Views embed.FS

//go:embed static
var staticFS embed.FS

//go:embed messages/*.json
var messagesFS embed.FS

// Languages lists the supported languages; the first is the default.
var Languages = []string{"sv", "en"}

// Asset is one static file with its content-hashed URL.
type Asset struct {
	Name        string // e.g. "app.css"
	URL         string // e.g. "/static/app.3f2a9c1b.css"
	ContentType string
	Body        []byte
}

// Assets reads every static file and gives it a URL that changes whenever
// its content does, so it can be cached for ever.
func Assets() (map[string]*Asset, error) {
	out := map[string]*Asset{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		out[name] = &Asset{Name: name, Body: body, ContentType: contentType(ext),
			URL: "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext}
		return nil
	})
	return out, err
}

func contentType(ext string) string {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml; charset=utf-8"
	case ".png":
		return "image/png"
	}
	return "application/octet-stream"
}

// Messages returns the message catalogue of each language: key → text.
// Each feature keeps its own files, messages/<feature>.<lang>.json; a key
// defined twice, or missing in any language, is an error.
func Messages() (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		files, err := fs.Glob(messagesFS, "messages/*."+lang+".json")
		if err != nil {
			return nil, err
		}
		out[lang] = map[string]string{}
		for _, f := range files {
			if err := mergeMessages(out[lang], f); err != nil {
				return nil, err
			}
		}
	}
	for _, lang := range Languages {
		for key := range out[lang] {
			for _, other := range Languages {
				if _, ok := out[other][key]; !ok {
					return nil, fmt.Errorf("message %q is in %s but missing in %s", key, lang, other)
				}
			}
		}
	}
	return out, nil
}

func mergeMessages(into map[string]string, file string) error {
	b, err := messagesFS.ReadFile(file)
	if err != nil {
		return err
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	for k, v := range m {
		if _, dup := into[k]; dup {
			return fmt.Errorf("%s: message %q is defined twice", file, k)
		}
		into[k] = v
	}
	return nil
}
