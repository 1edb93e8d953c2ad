// What every page does, from a file (the CSP allows no inline script):
// messages are said once, and a form with errors starts at its summary.
(function () {
  "use strict";
  // A confirmation belongs to the page a form led to. A page the browser
  // restores from its back/forward cache drops it, as the server does
  // when the page is loaded again.
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) { return; }
    var shown = document.querySelectorAll("[data-flash]");
    for (var i = 0; i < shown.length; i++) { shown[i].parentNode.removeChild(shown[i]); }
  });
  // A form sent back with errors: focus moves to the summary at the top
  // (a heading and a link to each field), so that it is read first.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) { summary.focus(); }
})();
