package web

import (
	"slices"
	"sync"

	"github.com/samsyn/samsyn/templates"
)

// loadA11yReports reads the browser tests' reports once: they are
// committed with the code and change only with it.
var loadA11yReports = sync.OnceValues(templates.A11yReports)

// a11yTests is what the accessibility statement says about testing, read
// from the reports the browser tests wrote (templates/a11y): which
// suites ran, on which pages and in which windows, when, and what failed.
type a11yTests struct {
	Suites   []templates.A11yReport
	Failures []string // every suite's, in order
	Tested   string   // the latest run, YYYY-MM-DD
	Pages    int      // pages checked for reflow and by axe-core
}

func newA11yTests(reports []templates.A11yReport) a11yTests {
	t := a11yTests{Suites: reports}
	for _, r := range reports {
		t.Failures = append(t.Failures, r.Failures...)
		t.Tested = max(t.Tested, r.Date)
		t.Pages += len(r.Pages)
	}
	return t
}

// Suite returns the report of a suite, or an empty one.
func (t a11yTests) Suite(name string) templates.A11yReport {
	if i := slices.IndexFunc(t.Suites, func(r templates.A11yReport) bool { return r.Suite == name }); i >= 0 {
		return t.Suites[i]
	}
	return templates.A11yReport{}
}
