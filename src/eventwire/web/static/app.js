// eventwire dashboard: show the record behind a highlighted span of an article.
// Article data is untrusted: everything is written with textContent, never as HTML.
(function () {
  "use strict";
  var data = document.getElementById("record-data");
  var text = document.getElementById("article-text");
  var panel = document.getElementById("record-panel");
  if (!data || !text || !panel) { return; }
  var record = JSON.parse(data.textContent);
  var kinds = { actors: "actor", quotes: "quote", events: "event", places: "place" };
  var byId = {};
  Object.keys(kinds).forEach(function (key) {
    (record[key] || []).forEach(function (item) { byId[item.id] = { kind: kinds[key], item: item }; });
  });
  function actorName(id) {
    var found = byId[id];
    return found && found.kind === "actor" ? found.item.name : id;
  }
  function el(tag, content, cls) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    if (cls) { node.className = cls; }
    return node;
  }
  function summary(kind, item) {
    var rows = [];
    if (kind === "actor") {
      rows = [["name", item.name], ["kind", item.kind], ["country", item.country], ["sector", item.sector],
              ["aliases", (item.aliases || []).join(", ")], ["mentions", (item.mentions || []).length]];
    } else if (kind === "quote") {
      rows = [["kind", item.kind], ["speaker", item.speaker ? actorName(item.speaker) : (item.speaker_span || {}).text],
              ["cue", (item.cue || {}).text], ["content", (item.content || {}).text]];
    } else if (kind === "event") {
      rows = [["type", item.type], ["quad", item.quad], ["source", (item.source || []).map(actorName).join(", ")],
              ["target", (item.target || []).map(actorName).join(", ")], ["status", item.status],
              ["date", item.date], ["intensity", item.intensity], ["place", item.place ? (byId[item.place] || {item: {name: item.place}}).item.name : null],
              ["sentence", (item.sentence || {}).text]];
    } else if (kind === "place") {
      rows = [["name", item.name], ["country", item.country], ["lat, lon", item.lat === null ? null : item.lat + ", " + item.lon],
              ["feature", item.feature]];
    }
    var table = el("table");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      var tr = el("tr");
      tr.appendChild(el("th", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    return table;
  }
  function select(refs) {
    Array.prototype.forEach.call(text.querySelectorAll(".hl.selected"), function (n) { n.classList.remove("selected"); });
    panel.replaceChildren();
    refs.forEach(function (ref) {
      var found = byId[ref];
      if (!found) { return; }
      Array.prototype.forEach.call(text.querySelectorAll("[data-refs]"), function (n) {
        if (n.getAttribute("data-refs").split(" ").indexOf(ref) >= 0) { n.classList.add("selected"); }
      });
      var box = el("div", null, "record");
      box.setAttribute("data-record", ref);
      box.appendChild(el("h3", found.kind + " " + ref));
      box.appendChild(summary(found.kind, found.item));
      var details = el("details");
      details.appendChild(el("summary", "record (JSON)"));
      details.appendChild(el("pre", JSON.stringify(found.item, null, 2)));
      box.appendChild(details);
      panel.appendChild(box);
    });
    if (!panel.firstChild) { panel.appendChild(el("p", "No record here.", "muted")); }
  }
  text.addEventListener("click", function (event) {
    var span = event.target.closest ? event.target.closest("[data-refs]") : null;
    if (!span) { return; }
    var refs = span.getAttribute("data-refs").split(" ").filter(Boolean);
    if (refs.length) { select(refs); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-show]"), function (node) {
    node.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { return; }
      select([node.getAttribute("data-show")]);
      var first = text.querySelector(".hl.selected");
      if (first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-toggle]"), function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
  var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  if (hash && byId[hash]) {
    select([hash]);
    var first = text.querySelector(".hl.selected");
    if (first) { first.scrollIntoView({ block: "center" }); }
  }
})();
