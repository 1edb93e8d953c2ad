// Samsyn statement editor: live preview of the Markdown body, rendered by
// the server's one pipeline (POST /api/v1/preview). Progressive
// enhancement: without this script the form saves as usual.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var sections = document.querySelectorAll("[data-preview-for]");
  if (!meta || !window.fetch) { return; }
  sections.forEach(function (section) {
    var source = document.getElementById(section.getAttribute("data-preview-for"));
    var target = section.querySelector(".prose");
    if (!source || !target) { return; }
    var timer = null, seq = 0;
    function render() {
      var mine = ++seq;
      fetch("/api/v1/preview", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": meta.getAttribute("content") },
        body: JSON.stringify({ body: source.value })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (data && mine === seq) { target.innerHTML = data.html; } // sanitised by the server
      }).catch(function () {});
    }
    section.hidden = false;
    source.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
    render();
  });
})();
