package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// selectWords selects the first ten characters of the first text of
// paragraph 2 (past its number) and answers the selected text.
const selectWords = `(function () {
  var p = document.getElementById("stycke-2");
  var walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, { acceptNode: function (n) {
    if (n.parentNode.classList.contains("para-n")) { return NodeFilter.FILTER_REJECT; }
    return n.data.trim().length > 12 ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
  } });
  var t = walk.nextNode(), start = t.data.search(/\S/), r = document.createRange();
  r.setStart(t, start);
  r.setEnd(t, start + 10);
  var s = getSelection();
  s.removeAllRanges();
  s.addRange(r);
  return s.toString();
})()`

// TestQuoteSelectionInChromium: selecting words in a paragraph of a draft
// and pressing "quote the selected text" fills in the comment form's
// paragraph and quote; the comment then sits on that paragraph with the
// words as its quote, and the page still passes axe.
func TestQuoteSelectionInChromium(t *testing.T) {
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	draft := demoStatementIDs(t, inst)["industriell-omstallning-kraver-statlig-partner"]
	loginInBrowser(t, ctx, inst)
	url := inst.URL + "/internt/stallningstaganden/" + draft
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, url); err != nil {
		t.Fatal(err)
	}
	selected, err := chromedp.Run(actx, chromedp.Evaluate[string](selectWords))
	if err != nil || strings.TrimSpace(selected) == "" {
		t.Fatalf("select words: %q %v", selected, err)
	}
	if err := chromedp.Do(actx, chromedp.WaitVisible(chromedp.CSS("#quote-selection")),
		chromedp.Click(chromedp.CSS("#quote-selection"))); err != nil {
		t.Fatalf("quote the selection: %v", err)
	}
	quote, qerr := chromedp.Run(actx, chromedp.Value(chromedp.CSS("#f-quote")))
	anchor, aerr := chromedp.Run(actx, chromedp.Value(chromedp.CSS("#f-anchor")))
	want := strings.Join(strings.Fields(selected), " ")
	if qerr != nil || aerr != nil || quote != want || anchor != "2" {
		t.Fatalf("form: quote %q anchor %q, want %q on 2 (%v %v)", quote, anchor, want, qerr, aerr)
	}
	if err := chromedp.Do(actx, chromedp.SendKeys(chromedp.CSS("#f-comment"), "Stämmer siffran?"),
		chromedp.Submit(chromedp.CSS("#f-comment")), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatalf("comment: %v", err)
	}
	quotes, err := chromedp.Run(actx, chromedp.Evaluate[string](
		`Array.from(document.getElementById("stycke-2").parentNode.querySelectorAll(".comment-quote")).map(function (q) { return q.textContent; }).join("|")`))
	if err != nil || !strings.Contains(quotes, want) {
		t.Fatalf("paragraph 2's quotes %q, want %q (%v)", quotes, want, err)
	}
	browsertest.CheckA11y(t, ctx, url)
}
