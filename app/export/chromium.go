package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Printer prints HTML to tagged PDF with headless Chromium
// (Page.printToPDF with generateTaggedPDF): a structure tree of headings,
// paragraphs, lists and tables in reading order, the language and the
// title, which Swedish public bodies' documents must have (DOS-lagen).
// fpdf cannot tag; where Chromium is missing, callers fall back to PDF.
//
// One browser is started on the first print and kept; each print gets a
// tab of its own. A browser that died is started again on the next print.
type Printer struct {
	path string
	sem  chan struct{} // prints at a time

	mu      sync.Mutex
	browser context.Context
	stop    func()
	profile string
}

// FindChromium returns the path of Chromium: configured when it is not
// empty, else chromium, chromium-browser or google-chrome on PATH.
func FindChromium(configured string) (string, error) {
	if configured != "" {
		return exec.LookPath(configured)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium, chromium-browser or google-chrome on PATH")
}

// NewPrinter returns a printer that runs the Chromium at path.
func NewPrinter(path string) *Printer {
	return &Printer{path: path, sem: make(chan struct{}, 2)}
}

// PDF prints html (a whole, self-contained document: PrintHTML) to a
// tagged A4 PDF with page numbers.
func (p *Printer) PDF(ctx context.Context, html []byte) ([]byte, error) {
	select {
	case p.sem <- struct{}{}:
		defer func() { <-p.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	out, err := p.print(ctx, html)
	if err != nil && ctx.Err() == nil { // the browser may have died: once more with a new one
		p.restart()
		out, err = p.print(ctx, html)
	}
	return out, err
}

func (p *Printer) print(ctx context.Context, html []byte) ([]byte, error) {
	browser, err := p.ensure()
	if err != nil {
		return nil, err
	}
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	stopWhenDone := context.AfterFunc(ctx, cancel) // the request's deadline ends the tab
	defer stopWhenDone()
	tagged, outline, css, bg, hf := true, true, true, true, true
	setContent := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return chromedp.Void{}, err
		}
		_, err = cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank"), setContent); err != nil {
		return nil, fmt.Errorf("print with Chromium: %w", err)
	}
	out, err := chromedp.Run(tab, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
		p.GenerateTaggedPDF, p.GenerateDocumentOutline, p.PreferCSSPageSize, p.PrintBackground = &tagged, &outline, &css, &bg
		p.DisplayHeaderFooter, p.HeaderTemplate = &hf, `<span></span>`
		p.FooterTemplate = `<div style="font-size:8pt;width:100%;text-align:right;margin-right:20mm">Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>`
	}))
	if err != nil {
		return nil, fmt.Errorf("print with Chromium: %w", err)
	}
	return out, nil
}

// ensure starts the browser unless it runs.
func (p *Printer) ensure() (context.Context, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.browser != nil && p.browser.Err() == nil {
		return p.browser, nil
	}
	p.closeLocked()
	profile, err := os.MkdirTemp("", "samsyn-print-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(p.path), chromedp.UserDataDir(profile),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("blink-settings", "scriptEnabled=false"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil { // starts the process
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(profile)
		return nil, fmt.Errorf("start Chromium %s: %w", p.path, err)
	}
	p.browser, p.profile = browser, profile
	p.stop = func() { cancelBrowser(); cancelAlloc() }
	return browser, nil
}

func (p *Printer) restart() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeLocked()
}

// Close stops the browser.
func (p *Printer) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeLocked()
}

func (p *Printer) closeLocked() {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
	if p.profile != "" {
		_ = os.RemoveAll(p.profile)
		p.profile = ""
	}
	p.browser = nil
}
