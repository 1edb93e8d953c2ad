package browsertest

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// View is a browser window as WCAG 1.4.10 (Reflow) tests it: a width and
// height in CSS pixels at a device scale. Zoom is emulated as the browser
// does it: a 1280 × 800 window at 400 % zoom lays pages out in 320 × 200
// CSS pixels at four device pixels each.
type View struct {
	Name          string  // e.g. "320px", "zoom400"
	Width, Height int64   // CSS pixels
	Scale         float64 // device pixels per CSS pixel
}

// String names the view for test logs and the accessibility report.
func (v View) String() string { return v.Name }

// Zoom is a 1280 × 800 window zoomed to percent.
func Zoom(percent int) View {
	s := float64(percent) / 100
	return View{Name: fmt.Sprintf("zoom%d", percent), Width: int64(1280 / s), Height: int64(800 / s), Scale: s}
}

// Width is a window width in CSS pixels at 100 % (800 px high).
func Width(px int64) View {
	return View{Name: fmt.Sprintf("%dpx", px), Width: px, Height: 800, Scale: 1}
}

// Reflow views the WCAG success criterion 1.4.10 names: 320 CSS pixels,
// and a 1280 px window at 400 % and at 200 % zoom.
var (
	Narrow  = Width(320)
	Zoom400 = Zoom(400)
	Zoom200 = Zoom(200)
)

// Emulate sets the tab of ctx to the view; chromedp.ResetViewport undoes it.
func Emulate(ctx context.Context, v View) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(v.Width, v.Height, chromedp.EmulateScale(v.Scale)))
}

// ReflowProblems checks the page the tab shows now, in its present view,
// for what WCAG 1.4.10 forbids and returns each problem found (none is an
// empty slice):
//   - the page scrolls sideways (documentElement.scrollWidth > window width);
//   - an element reaches outside the window and is not inside a labelled
//     (aria-label or aria-labelledby), focusable (tabindex ≥ 0)
//     role="region" that scrolls (overflow-x auto or scroll) and itself
//     fits the window;
//   - a date (2026-12-16) or a reference (Fi2026/02110, SOU 2026:14)
//     breaks over two lines;
//   - a word of a heading, link, cell or paragraph breaks between two
//     letters or digits although it would fit on one line of its box.
func ReflowProblems(ctx context.Context) ([]string, error) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	ps, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](reflowScript))
	if err != nil {
		return nil, fmt.Errorf("reflow check: %w", err)
	}
	if ps == nil {
		ps = []string{}
	}
	return ps, nil
}

// ReflowChecks name what ReflowProblems checks, for reports (the
// accessibility statement words them as a11y.check.<name>): no sideways
// scrolling of the page; nothing wider than the window outside a labelled,
// focusable table region; no date or reference broken over two lines; no
// word broken between letters where it fits on a line.
var ReflowChecks = []string{"no-page-scroll", "wide-only-in-region", "dates-references-whole", "words-whole"}

const reflowScript = `(() => {
const vw = document.documentElement.clientWidth;
const out = [];
const text = e => (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
	(e.classList.length ? "." + [...e.classList].join(".") : "");
const labelled = r => {
	if ((r.getAttribute("aria-label") || "").trim() !== "") return true;
	const ids = (r.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
	return ids.length > 0 && ids.every(id => { const l = document.getElementById(id); return l && l.textContent.trim() !== ""; });
};
const region = e => {
	for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
		const r = p.getBoundingClientRect();
		if (p.getAttribute("role") === "region" && p.tabIndex >= 0 && labelled(p) &&
			/auto|scroll/.test(getComputedStyle(p).overflowX) && r.left >= -1 && r.right <= vw + 1) return p;
	}
	return null;
};
const hidden = e => {
	for (let p = e; p && p !== document.body; p = p.parentElement) {
		const r = p.getBoundingClientRect(), s = getComputedStyle(p);
		if (r.right <= 0 || (r.width <= 1 && r.height <= 1) || s.visibility === "hidden" || s.clip !== "auto") return true;
	}
	return false;
};
if (document.documentElement.scrollWidth > vw) {
	out.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " px wide in a " + vw + " px window");
}
const reported = new Set();
for (const e of document.body.querySelectorAll("*")) {
	const r = e.getBoundingClientRect();
	if (r.width === 0 || r.height === 0 || (r.left >= -1 && r.right <= vw + 1)) continue;
	if (hidden(e) || region(e)) continue;
	let p = e.parentElement;
	while (p && !reported.has(p)) p = p.parentElement;
	reported.add(e);
	if (p) continue;
	out.push(name(e) + " \"" + text(e) + "\" spans " + Math.round(r.left) + "–" + Math.round(r.right) +
		" px of a " + vw + " px window outside a labelled, focusable scroll region");
}
const tokens = /\d{4}-\d{2}-\d{2}|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}\d{4}\/\d{2,6}|(?:SOU|Ds|Dir\.|Prop\.) \d{4}(?:\/\d{2})?:\d+/g;
const lines = range => new Set([...range.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top))).size;
const block = e => { while (e && /^inline/.test(getComputedStyle(e).display)) e = e.parentElement; return e; };
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const range = document.createRange();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
	const parent = n.parentElement;
	if (!parent || parent.closest("script, style, svg, textarea, pre, [hidden]") || hidden(parent)) continue;
	for (const m of n.data.matchAll(tokens)) {
		range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
		if (lines(range) > 1) out.push("\"" + m[0] + "\" breaks over two lines in " + name(parent));
	}
	if (!parent.closest("h1, h2, h3, h4, a, td, th, caption, dd, li, p, label, summary")) continue;
	for (const m of n.data.matchAll(/[^\s\-–—]{4,}/g)) {
		range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
		if (lines(range) < 2) continue;
		let at = 1; // the first character on the next line
		for (; at < m[0].length; at++) {
			range.setEnd(n, m.index + at + 1);
			if (lines(range) > 1) break;
		}
		range.setEnd(n, m.index + m[0].length);
		if (!/[\p{L}\p{N}]{2}/u.test(m[0].slice(at - 1, at + 1))) continue; // a break the language allows: after ?, / or (
		const b = block(parent), s = getComputedStyle(b);
		const room = b.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
		const width = [...range.getClientRects()].reduce((w, q) => w + q.width, 0);
		if (width <= room) out.push("the word \"" + m[0] + "\" breaks in " + name(parent) + " although it fits (" +
			Math.round(width) + " of " + Math.round(room) + " px)");
	}
}
return out.slice(0, 20);
})()`
