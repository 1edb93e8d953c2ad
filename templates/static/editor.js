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

// Nothing typed is lost: the editor warns before leaving with unsaved
// changes, keeps a copy of the text in this browser while one types, and
// offers it back when the page shows another text (a save that never
// reached the server: a lost connection, an expired session).
(function () {
  "use strict";
  var form = document.getElementById("redigera-form");
  if (!form || !window.localStorage) { return; }
  var key = "samsyn-utkast-" + form.getAttribute("action");
  var fields = ["title", "summary", "body", "topics"];
  function values() {
    var out = {};
    fields.forEach(function (n) { if (form.elements[n]) { out[n] = form.elements[n].value; } });
    return out;
  }
  var loaded = JSON.stringify(values()), dirty = false;
  var stored = null;
  try { stored = window.localStorage.getItem(key); } catch (e) { return; }
  if (stored && stored !== loaded) {
    var note = document.getElementById("osparad-kopia");
    var button = note && note.querySelector("button");
    if (note && button) {
      note.hidden = false;
      button.addEventListener("click", function () {
        var copy = JSON.parse(stored);
        fields.forEach(function (n) { if (form.elements[n] && n in copy) { form.elements[n].value = copy[n]; } });
        dirty = true;
        note.hidden = true;
      });
    }
  } else if (stored) {
    window.localStorage.removeItem(key); // saved: the copy is the text
  }
  form.addEventListener("input", function () {
    dirty = true;
    try { window.localStorage.setItem(key, JSON.stringify(values())); } catch (e) {}
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
})();

// A read-only copy of text that could not be saved gets a copy button.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { navigator.clipboard.writeText(source.value); });
  });
})();

// Presence: who else has this draft open, at most 25 s stale (a heartbeat
// every 10 s while the page is visible).
(function () {
  "use strict";
  var el = document.querySelector("[data-presence]");
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!el || !meta || !window.fetch) { return; }
  function beat() {
    if (document.hidden) { return; }
    fetch(el.getAttribute("data-presence"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": meta.getAttribute("content") },
      body: "{}"
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (data && data.text !== el.textContent) { show(data); }
    }).catch(function () {});
  }
  // show puts the text in place, the names (Swedish content) marked
  // lang="sv" on a page in another language, as the server renders it.
  function show(data) {
    var names = (data.others || []).map(function (o) { return o.name; }).join(", ");
    var at = names ? data.text.lastIndexOf(names) : -1;
    if (at <= 0 || document.documentElement.lang === "sv") { el.textContent = data.text; return; }
    el.textContent = data.text.slice(0, at);
    var span = document.createElement("span");
    span.lang = "sv";
    span.textContent = names;
    el.appendChild(span);
  }
  setInterval(beat, 10000);
})();
