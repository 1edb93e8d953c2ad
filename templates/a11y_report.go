package templates

import (
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
)

//go:embed a11y/*.json
var a11yFS embed.FS

// A11yReport is what one browser test checked for accessibility, as the
// test wrote it when run with SAMSYN_A11Y_REPORT=write. The accessibility
// statement (/tillganglighet) is rendered from these reports, and a plain
// test of each suite fails when the committed report no longer names the
// pages, views and journeys the suite runs, so the statement cannot drift
// from the tests; CI only reads them.
type A11yReport struct {
	Suite    string   `json:"suite"`              // "reflow" or "keyboard"
	Test     string   `json:"test"`               // the Go test that ran, e.g. "TestReflowInChromium"
	Date     string   `json:"date"`               // the day of the run, YYYY-MM-DD in Stockholm
	Tools    []string `json:"tools"`              // e.g. "axe-core 4.14.1", "Chromium 131"
	Views    []string `json:"views,omitempty"`    // browser windows, e.g. "320px", "zoom400"
	Checks   []string `json:"checks"`             // what was checked, one line each
	Pages    []string `json:"pages,omitempty"`    // routes checked, e.g. "/internt/remisser"
	Journeys []string `json:"journeys,omitempty"` // keyboard-only tasks carried out
	Failures []string `json:"failures"`           // what failed in that run; none is []
}

// A11yReports reads the committed reports, sorted by suite.
func A11yReports() ([]A11yReport, error) {
	files, err := fs.Glob(a11yFS, "a11y/*.json")
	if err != nil {
		return nil, err
	}
	var out []A11yReport
	for _, f := range files {
		b, err := a11yFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var r A11yReport
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b A11yReport) int { return cmp.Compare(a.Suite, b.Suite) })
	return out, nil
}
