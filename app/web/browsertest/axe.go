package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeTimeout bounds one accessibility check when ctx has no deadline.
const axeTimeout = 2 * time.Minute

// wcagTags are the axe-core rule tags of WCAG 2.1 levels A and AA, the level
// that Swedish law (DOS-lagen) requires of public-sector sites.
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one failed axe-core rule on a page.
type Violation struct {
	ID      string          `json:"id"`     // rule id, e.g. "image-alt"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that fails a rule.
type ViolationNode struct {
	Target         []string `json:"target"` // CSS selectors that find the element
	HTML           string   `json:"html"`
	FailureSummary string   `json:"failureSummary"`
}

// String formats the violation for a test log, with at most five elements
// and their HTML shortened.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    … and %d more elements", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n    %s: %s", strings.Join(n.Target, " "), truncate(oneLine(n.HTML), 200))
		if n.FailureSummary != "" {
			fmt.Fprintf(&b, "\n      %s", truncate(oneLine(n.FailureSummary), 300))
		}
	}
	return b.String()
}

// AxeOption changes what an accessibility check covers.
type AxeOption func(*axeConfig)

type axeConfig struct {
	disabled []string
	exclude  []string
}

// DisableRules turns off axe rules by id, for a known and documented exception.
func DisableRules(ids ...string) AxeOption {
	return func(c *axeConfig) { c.disabled = append(c.disabled, ids...) }
}

// Exclude leaves the elements that match the CSS selectors out of the check.
func Exclude(selectors ...string) AxeOption {
	return func(c *axeConfig) { c.exclude = append(c.exclude, selectors...) }
}

// CheckA11y loads url in the tab of ctx, runs axe-core against WCAG 2.1 A and
// AA, and reports each violation with t.Errorf. Without axe-core the test
// skips, or fails when CI is true.
func CheckA11y(t testing.TB, ctx context.Context, url string, opts ...AxeOption) {
	t.Helper()
	AxeSource(t)
	vs, err := Axe(ctx, url, opts...)
	if err != nil {
		t.Fatalf("accessibility check of %s: %v", url, err)
	}
	for _, v := range vs {
		t.Errorf("accessibility violation (WCAG 2.1 AA) on %s: %s", url, v)
	}
}

// Axe loads url in the tab of ctx, runs axe-core against WCAG 2.1 A and AA and
// returns the violations; none is an empty slice. It gives up after two
// minutes unless ctx has an earlier deadline.
func Axe(ctx context.Context, url string, opts ...AxeOption) ([]Violation, error) {
	src, err := loadAxe()
	if err != nil {
		return nil, fmt.Errorf("axe-core %s: %w", AxeVersion, err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, axeTimeout)
		defer cancel()
	}
	if err := Navigate(ctx, url); err != nil {
		return nil, err
	}
	return axeHere(ctx, src, url, opts)
}

// CheckA11yHere runs axe-core on the page the tab of ctx shows now — one a
// form's answer left there, which no URL loads again — at each viewport
// width (CSS pixels) and in the reflow views every check adds, 320 CSS px
// and 200 % zoom (ExtraViews), and reports each violation with t.Errorf,
// naming the page label. In the reflow views it also reports what
// ReflowProblems finds.
func CheckA11yHere(t testing.TB, ctx context.Context, label string, widths ...int) {
	t.Helper()
	var views []View
	for _, w := range widths {
		views = append(views, Width(int64(w)))
	}
	CheckA11yIn(t, ctx, label, append(views, ExtraViews...)...)
}

// ExtraViews are the reflow views that CheckA11yHere adds to the widths it
// is given: 320 CSS px and a 1280 px window at 200 % zoom.
var ExtraViews = []View{Narrow, Zoom200}

// CheckA11yIn runs axe-core on the page the tab of ctx shows now in each
// view, and in views narrower than a desktop (under 1000 CSS px) the
// reflow check, reporting each problem with t.Errorf.
func CheckA11yIn(t testing.TB, ctx context.Context, label string, views ...View) {
	t.Helper()
	AxeSource(t)
	src, err := loadAxe()
	if err != nil {
		t.Fatalf("axe-core %s: %v", AxeVersion, err)
	}
	ctx, cancel := context.WithTimeout(ctx, axeTimeout)
	defer cancel()
	defer func() { _ = chromedp.Do(ctx, chromedp.ResetViewport()) }()
	for _, v := range views {
		if err := Emulate(ctx, v); err != nil {
			t.Fatalf("view %s for %s: %v", v, label, err)
		}
		vs, err := axeHere(ctx, src, label, nil)
		if err != nil {
			t.Fatalf("accessibility check of %s at %s: %v", label, v, err)
		}
		for _, x := range vs {
			t.Errorf("accessibility violation (WCAG 2.1 AA) on %s at %s: %s", label, v, x)
		}
		if v.Width >= 1000 {
			continue
		}
		ps, err := ReflowProblems(ctx)
		if err != nil {
			t.Fatalf("reflow check of %s at %s: %v", label, v, err)
		}
		for _, p := range ps {
			t.Errorf("reflow (WCAG 1.4.10) on %s at %s: %s", label, v, p)
		}
	}
}

// AxeCheck names what Axe and AxeHere check, for reports: WCAG 2.1 A and
// AA with axe-core.
const AxeCheck = "axe-wcag21aa"

// AxeHere runs axe-core against WCAG 2.1 A and AA on the page the tab of
// ctx shows now, in its present view, and returns the violations.
func AxeHere(ctx context.Context) ([]Violation, error) {
	src, err := loadAxe()
	if err != nil {
		return nil, fmt.Errorf("axe-core %s: %w", AxeVersion, err)
	}
	ctx, cancel := context.WithTimeout(ctx, axeTimeout)
	defer cancel()
	return axeHere(ctx, src, "this page", nil)
}

// axeHere runs axe-core (src) on the page the tab shows.
func axeHere(ctx context.Context, src, url string, opts []AxeOption) ([]Violation, error) {
	// Runtime.evaluate is not subject to the page's Content-Security-Policy.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		return nil, fmt.Errorf("inject axe-core into %s: %w", url, err)
	}
	expr, err := axeRunScript(opts)
	if err != nil {
		return nil, err
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core on %s: %w", url, err)
	}
	if vs == nil {
		vs = []Violation{}
	}
	return vs, nil
}

// axeRunScript returns the expression that runs axe and keeps only the
// fields of Violation.
func axeRunScript(opts []AxeOption) (string, error) {
	var c axeConfig
	for _, o := range opts {
		o(&c)
	}
	var axeContext any // null: the whole document
	if len(c.exclude) > 0 {
		axeContext = map[string]any{"exclude": c.exclude}
	}
	rules := map[string]any{}
	for _, id := range c.disabled {
		rules[id] = map[string]bool{"enabled": false}
	}
	options := map[string]any{
		"runOnly":     map[string]any{"type": "tag", "values": wcagTags},
		"resultTypes": []string{"violations"},
		"rules":       rules,
	}
	ctxJSON, err := json.Marshal(axeContext)
	if err != nil {
		return "", err
	}
	optJSON, err := json.Marshal(options)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(`(async (context, options) => {
	const result = await axe.run(context ?? document, options);
	return result.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({
			target: n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : String(s)),
			html: n.html, failureSummary: n.failureSummary || "",
		})),
	}));
})(%s, %s)`, ctxJSON, optJSON), nil
}

// oneLine joins the lines of s with "; " and collapses runs of spaces.
func oneLine(s string) string {
	var parts []string
	for line := range strings.Lines(s) {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			parts = append(parts, line)
		}
	}
	return strings.ReplaceAll(strings.Join(parts, "; "), ":; ", ": ")
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
