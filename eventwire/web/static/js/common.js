// Shared by every page: API calls, forms that keep URLs short, and event lists built as text
// (never as markup: whatever an article says stays text).
"use strict";
(function () {
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};

  // Empty fields are left out of the URL, so a filtered view is a short link to share.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.name && field.value === "") field.disabled = true;
      });
    });
  });
  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });

  async function api(path, params) {
    const query = params ? "?" + new URLSearchParams(params).toString() : "";
    const response = await fetch(path + query, {headers: {"Accept": "application/json"}});
    const body = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail : response.statusText;
      throw new Error(detail || ("HTTP " + response.status));
    }
    return body;
  }

  // The page's own filters (URL query), without the ones a chart sets itself.
  function pageParams(drop) {
    const params = new URLSearchParams(window.location.search);
    (drop || []).forEach(function (name) { params.delete(name); });
    return Object.fromEntries(params.entries());
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([key, value]) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    });
    (children || []).forEach(function (child) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function message(container, text, isError) {
    container.replaceChildren(el("p", {class: "message" + (isError ? " error" : "")}, [text]));
  }

  function actorText(name, code) {
    if (!name && !code) return "—";
    return code ? (name || code) + " (" + code + ")" : name;
  }

  // A list of events (API records) with their evidence, each linking to its mentions.
  function eventList(items) {
    const list = el("ul", {class: "events"});
    items.forEach(function (e) {
      const flags = [];
      if (e.negated) flags.push(el("span", {class: "flag negated"}, ["negated"]));
      if (e.hypothetical) flags.push(el("span", {class: "flag hypothetical"}, ["hypothetical"]));
      list.append(el("li", {}, [
        el("span", {class: "date"}, [e.date || "undated"]), " ",
        el("bdi", {}, [actorText(e.source_name, e.source_code)]), " ",
        el("a", {class: "code", href: "/events/" + encodeURIComponent(e.cluster_id)},
           [el("code", {}, [e.cameo || "?"]), " " + (e.cameo_name || "")]), " ",
        el("bdi", {}, [actorText(e.target_name, e.target_code)]), " ", ...flags,
        " · " + e.num_mentions + " mention(s)",
        el("div", {class: "evidence"}, [el("bdi", {class: "text"}, [e.sentence || ""])]),
      ]));
    });
    return list;
  }

  function quadClass(q) { return "q" + (q || 0); }

  window.ew = {api: api, pageParams: pageParams, el: el, message: message, eventList: eventList,
               quadClass: quadClass, QUADS: QUADS};
})();
