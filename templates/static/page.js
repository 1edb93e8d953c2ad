// What every page does, from a file (the CSP allows no inline script):
// messages are said once, and a form with errors starts at its summary.
(function () {
  "use strict";
  if (window.samsynPage) { return; } // loaded by a confirmation and a form's errors both
  window.samsynPage = true;
  // A confirmation belongs to the page a form led to. A page the browser
  // restores from its back/forward cache drops it, as the server does
  // when the page is loaded again.
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) { return; }
    var shown = document.querySelectorAll("[data-flash]");
    for (var i = 0; i < shown.length; i++) { shown[i].parentNode.removeChild(shown[i]); }
  });
  // A form sent back with errors: focus moves to the summary at the top
  // (a heading and a link to each field), so that it is read first. Each
  // link is given its field's label first ("Title: This field is
  // required."), as two fields may have the same message.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) {
    var links = summary.querySelectorAll('a[href^="#"]');
    for (var j = 0; j < links.length; j++) {
      var field = document.getElementById(links[j].getAttribute("href").slice(1));
      var label = field && (field.tagName === "FIELDSET" ? field.querySelector("legend") : document.querySelector('label[for="' + field.id + '"]'));
      var name = label ? label.textContent.replace(/\*/g, "").trim() : "";
      if (name) { links[j].textContent = name + ": " + links[j].textContent; }
    }
    summary.focus();
  }
})();
