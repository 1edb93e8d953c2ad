// Package pdftext reads the text layer of PDF files with PDFium compiled to
// WebAssembly (github.com/klippa-app/go-pdfium, run by wazero): pure Go, no
// cgo and no system package. It gives each page's text and the paragraphs of
// the whole document, with line-end hyphenation undone.
package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// ErrNoText is a PDF with no text layer worth the name (a scan): it is
// reported as such, never read as an empty answer.
var ErrNoText = errors.New("pdftext: the PDF has no text layer (a scan?)")

// ErrNotPDF is input PDFium cannot open.
var ErrNotPDF = errors.New("pdftext: not a readable PDF")

// minLetters is how many letters a document must hold to count as text.
const minLetters = 40

// Document is the text of one PDF.
type Document struct {
	Pages      []string // each page's text as PDFium gives it, lines joined by "\n"
	Paragraphs []string // the whole document's paragraphs (see Paragraphs)
}

// Text is the document's paragraphs joined by blank lines: the text a
// quote from it must be a substring of.
func (d Document) Text() string { return JoinParagraphs(d.Paragraphs) }

// Extractor reads PDFs. Its PDFium instance starts on first use (compiling
// the WebAssembly takes a few seconds), and calls are served one at a time.
type Extractor struct {
	once sync.Once
	pool pdfium.Pool
	inst pdfium.Pdfium
	err  error
	mu   sync.Mutex
}

// New returns an Extractor that starts PDFium when first asked.
func New() *Extractor { return &Extractor{} }

func (e *Extractor) start() error {
	e.once.Do(func() {
		cfg := webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: runtimeConfig()}
		e.pool, e.err = webassembly.Init(cfg)
		if e.err != nil {
			e.err = fmt.Errorf("pdftext: start PDFium: %w", e.err)
			return
		}
		e.inst, e.err = e.pool.GetInstance(time.Minute)
		if e.err != nil {
			e.err = fmt.Errorf("pdftext: PDFium instance: %w", e.err)
		}
	})
	return e.err
}

// runtimeConfig keeps wazero's compiled code in the user's cache folder when
// there is one, so a second start takes a fraction of the first.
func runtimeConfig() wazero.RuntimeConfig {
	// PDFium's WebAssembly needs exception handling (as go-pdfium's default).
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	dir, err := os.UserCacheDir()
	if err != nil {
		return rc
	}
	cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "samsyn", "wazero"))
	if err != nil {
		return rc
	}
	return rc.WithCompilationCache(cache)
}

// Close stops PDFium.
func (e *Extractor) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pool == nil {
		return nil
	}
	if e.inst != nil {
		_ = e.inst.Close()
	}
	err := e.pool.Close()
	e.pool, e.inst = nil, nil
	return err
}

// Extract reads the text of one PDF. A PDF with next to no letters gives
// ErrNoText; bytes PDFium cannot open give ErrNotPDF.
func (e *Extractor) Extract(ctx context.Context, pdf []byte) (Document, error) {
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	if err := e.start(); err != nil {
		return Document{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inst == nil {
		return Document{}, errors.New("pdftext: extractor closed")
	}
	pages, err := e.pages(ctx, pdf)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Pages: pages, Paragraphs: Paragraphs(pages)}
	if letters(pages) < minLetters {
		return doc, ErrNoText
	}
	return doc, nil
}

func (e *Extractor) pages(ctx context.Context, pdf []byte) ([]string, error) {
	data := pdf
	opened, err := e.inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPDF, err)
	}
	defer e.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})
	count, err := e.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPDF, err)
	}
	pages := make([]string, 0, count.PageCount)
	for i := 0; i < count.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: opened.Document, Index: i}}
		text, err := e.inst.GetPageText(&requests.GetPageText{Page: page})
		if err != nil {
			return nil, fmt.Errorf("pdftext: page %d: %w", i+1, err)
		}
		pages = append(pages, normalizeLines(text.Text))
	}
	return pages, nil
}

func letters(pages []string) int {
	n := 0
	for _, p := range pages {
		for _, r := range p {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}
