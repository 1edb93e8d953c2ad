package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/templates"
)

// ReportEnv names the environment variable that makes a browser test write
// its accessibility report: SAMSYN_A11Y_REPORT=write.
const ReportEnv = "SAMSYN_A11Y_REPORT"

// WriteReport writes r, dated today in Stockholm and with the browser's
// version before r.Tools, to path (a file under templates/a11y) when
// SAMSYN_A11Y_REPORT is "write"; otherwise it does nothing. CI never sets
// it: a person runs the browser tests so, looks at the result and commits
// it, and CheckReport keeps it honest.
func WriteReport(t testing.TB, ctx context.Context, path string, r templates.A11yReport) {
	t.Helper()
	if os.Getenv(ReportEnv) != "write" {
		return
	}
	r.Date = app.DateOf(time.Now()).String()
	if v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{}); err == nil {
		r.Tools = append([]string{strings.Replace(v.Product, "/", " ", 1)}, r.Tools...)
	}
	if r.Failures == nil {
		r.Failures = []string{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(r)
	if err == nil {
		err = os.WriteFile(path, b.Bytes(), 0o644)
	}
	if err != nil {
		t.Fatalf("write the accessibility report: %v", err)
	}
	t.Logf("wrote the accessibility report %s", path)
}

// CheckReport fails the test when the committed report at path names
// other views, checks, pages or journeys than want: the statement would
// then describe tests that no longer run. Date, tools and failures are
// the run's and not compared.
func CheckReport(t testing.TB, path string, want templates.A11yReport, rerun string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the accessibility report: %v (write it with %s=write %s)", err, ReportEnv, rerun)
	}
	var got templates.A11yReport
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	same := got.Suite == want.Suite && got.Test == want.Test && slices.Equal(got.Views, want.Views) &&
		slices.Equal(got.Checks, want.Checks) && slices.Equal(got.Pages, want.Pages) && slices.Equal(got.Journeys, want.Journeys)
	if !same {
		t.Errorf("%s no longer describes what %s runs; run %s=write %s and commit it.\n committed: %v %v %v\n runs:      %v %v %v",
			path, want.Test, ReportEnv, rerun, got.Views, got.Pages, got.Journeys, want.Views, want.Pages, want.Journeys)
	}
}
