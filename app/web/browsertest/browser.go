// Package browsertest drives Samsyn's real pages in headless Chromium for
// tests: it starts Debian's chromium through chromedp, checks pages for
// accessibility with axe-core (WCAG 2.1 A and AA), and takes screenshots.
//
// It is imported only by tests. Without Chromium or npm the tests skip with a
// clear message, except when the environment variable CI is true: then a
// missing tool fails the test, so that CI never passes by skipping.
//
//	func TestStartPage(t *testing.T) {
//		srv := httptest.NewServer(handler)
//		t.Cleanup(srv.Close)
//		ctx := browsertest.NewBrowser(t)
//		browsertest.CheckA11y(t, ctx, srv.URL+"/")
//		browsertest.Screenshot(t, ctx, srv.URL+"/", filepath.Join(t.TempDir(), "start-375.png"), 375)
//	}
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	// startTimeout bounds the start of Chromium; a start that stalls fails the test.
	startTimeout = 60 * time.Second
	// closeTimeout bounds the graceful close of Chromium in t.Cleanup.
	closeTimeout = 10 * time.Second
	// actionTimeout bounds each helper of this package when ctx has no deadline,
	// so that a selector that never matches fails instead of hanging.
	actionTimeout = 30 * time.Second
)

// inCI reports whether the environment variable CI is true: then missing
// tools fail the test instead of skipping it.
func inCI() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// unavailable skips the test because a tool is missing, or fails it in CI.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if inCI() {
		t.Fatalf("CI requires %s", msg)
	}
	t.Skipf("skipping browser test: %s (set CI=true to make this an error)", msg)
}

// chromiumPath finds the Chromium binary: $SAMSYN_CHROMIUM, then chromium or
// chromium-browser on PATH, then /usr/bin/chromium.
func chromiumPath() (string, error) {
	if p := os.Getenv("SAMSYN_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium or chromium-browser on PATH")
}

// NewBrowser starts a headless Chromium with a fresh profile in t.TempDir()
// and returns a chromedp context for one tab of it. Pass the context to the
// helpers of this package or to chromedp.Run and chromedp.Do. The browser
// closes in t.Cleanup.
//
// Without Chromium the test skips, or fails when CI is true. Install it with
// `apt-get install chromium`, or point $SAMSYN_CHROMIUM at a Chrome binary.
func NewBrowser(t testing.TB) context.Context {
	t.Helper()
	path, err := chromiumPath()
	if err != nil {
		unavailable(t, "Chromium (Debian package chromium): %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()), // before t.Cleanup below: removed after the browser stops
		chromedp.NoSandbox,                // Chromium refuses to run as root with the sandbox
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "sv-SE"),
		chromedp.WindowSize(1280, 800),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		closeCtx, cancelClose := context.WithTimeout(ctx, closeTimeout)
		defer cancelClose()
		_ = chromedp.Cancel(closeCtx) // the process is gone either way; nothing to report
		cancel()
		cancelAlloc()
	})
	if err := start(ctx); err != nil {
		t.Fatalf("start Chromium %s: %v", path, err)
	}
	return ctx
}

// start runs the first, empty action on ctx, which starts the browser. The
// first Run must not have a deadline (it would bound the browser's life), so
// the timeout is a timer here.
func start(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(startTimeout):
		return fmt.Errorf("no answer after %s", startTimeout)
	}
}

// withTimeout gives ctx the default action timeout unless it has a deadline.
func withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, actionTimeout)
}

// Navigate loads url in the tab of ctx and waits until the page has loaded
// and its body is ready.
func Navigate(ctx context.Context, url string) error {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		return fmt.Errorf("navigate to %s: %w", url, err)
	}
	return nil
}

// Text returns the visible text (innerText) of the first element that matches
// the CSS selector on the current page. It waits for the element until the
// deadline of ctx, or 30 seconds.
func Text(ctx context.Context, selector string) (string, error) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		return "", fmt.Errorf("text of %q: %w", selector, err)
	}
	return s, nil
}

// Screenshot loads url at a viewport width in CSS pixels (for example 375
// for a phone, 1280 for a desktop) and writes a full-page PNG to path. It
// resets the viewport afterwards.
func Screenshot(t testing.TB, ctx context.Context, url, path string, width int) {
	t.Helper()
	png, err := screenshot(ctx, url, width)
	if err != nil {
		t.Fatalf("screenshot of %s at %dpx: %v", url, width, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("screenshot of %s: %v", url, err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("screenshot of %s: %v", url, err)
	}
}

// ScreenshotHere writes a full-page PNG of the page the tab shows now, at
// a viewport width, to path; the viewport is reset afterwards.
func ScreenshotHere(t testing.TB, ctx context.Context, path string, width int) {
	t.Helper()
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	defer func() { _ = chromedp.Do(ctx, chromedp.ResetViewport()) }()
	err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 800))
	var png []byte
	if err == nil {
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	}
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		t.Fatalf("screenshot at %dpx: %v", width, err)
	}
}

func screenshot(ctx context.Context, url string, width int) ([]byte, error) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 800)); err != nil {
		return nil, err
	}
	defer func() { _ = chromedp.Do(ctx, chromedp.ResetViewport()) }() // best effort: the tab stays usable
	if err := Navigate(ctx, url); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.FullScreenshot(100))
}
