// Samsyn @mentions: typing "@" and a few letters of a name in a comment
// offers the matching people (a listbox below the field, arrow keys to
// move, Enter or Tab to choose, Escape to close); choosing writes "@Full
// Name". The server finds mentions by the whole name, so without this
// script typing the name by hand works just the same.
(function () {
  "use strict";
  var fields = document.querySelectorAll("textarea[data-mentions]");
  if (!fields.length || !window.fetch) { return; }
  var seq = 0;
  function setup(field, i) {
    var list = document.createElement("ul");
    list.id = "mention-list-" + i;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", field.getAttribute("data-mentions"));
    list.hidden = true;
    field.parentNode.insertBefore(list, field.nextSibling);
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", list.id);
    var items = [], active = -1, start = -1;
    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      field.removeAttribute("aria-activedescendant");
    }
    function mark(n) {
      active = n;
      items.forEach(function (li, k) { li.setAttribute("aria-selected", k === n ? "true" : "false"); });
      if (n >= 0) { field.setAttribute("aria-activedescendant", items[n].id); }
    }
    function choose(n) {
      var name = items[n].getAttribute("data-name");
      var caret = field.selectionStart;
      field.value = field.value.slice(0, start) + "@" + name + " " + field.value.slice(caret);
      var at = start + name.length + 2;
      field.setSelectionRange(at, at);
      close();
      field.focus();
    }
    function show(people) {
      close();
      people.forEach(function (p, k) {
        var li = document.createElement("li");
        li.id = list.id + "-" + k;
        li.setAttribute("role", "option");
        li.setAttribute("data-name", p.name);
        li.textContent = p.name + (p.detail ? " – " + p.detail : "");
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(k); });
        list.appendChild(li);
        items.push(li);
      });
      if (items.length) {
        list.hidden = false;
        mark(0);
      }
    }
    field.addEventListener("input", function () {
      var before = field.value.slice(0, field.selectionStart);
      var m = /(^|\s)@([^\s@][^@\n]{0,30})$/.exec(before);
      if (!m || m[2].split(" ").length > 3) { close(); return; }
      start = before.length - m[2].length - 1;
      var mine = ++seq;
      fetch("/api/v1/mentions?q=" + encodeURIComponent(m[2]), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (d) { if (mine === seq) { show(d.items || []); } })
        .catch(close);
    });
    field.addEventListener("keydown", function (e) {
      if (list.hidden) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
      else if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    field.addEventListener("blur", close);
  }
  Array.prototype.forEach.call(fields, setup);
})();
