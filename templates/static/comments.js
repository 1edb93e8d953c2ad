// Samsyn comments: quote the words a comment is about by selecting them
// in the text, then pressing "quote the selected text", which fills in
// the comment form's paragraph and quote. Progressive enhancement:
// without this script both are filled in by hand.
(function () {
  "use strict";
  var button = document.getElementById("quote-selection");
  var anchor = document.getElementById("f-anchor");
  var quote = document.getElementById("f-quote");
  var body = document.getElementById("f-comment");
  if (!button || !anchor || !quote || !window.getSelection) { return; }
  var last = null;
  function blockOf(node) {
    for (var n = node; n; n = n.parentNode) {
      if (n.nodeType === 1 && n.classList.contains("para") && /^stycke-\d+$/.test(n.id)) { return n; }
    }
    return null;
  }
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) { return; }
    var range = sel.getRangeAt(0);
    var block = blockOf(range.startContainer);
    var text = sel.toString().replace(/\s+/g, " ").trim();
    if (block && block === blockOf(range.endContainer) && text) {
      last = { n: block.id.slice("stycke-".length), text: text.slice(0, 1000) };
      button.parentNode.hidden = false;
    }
  });
  button.addEventListener("click", function () {
    if (!last) { return; }
    anchor.value = last.n;
    quote.value = last.text;
    (body || quote).focus();
  });
})();
