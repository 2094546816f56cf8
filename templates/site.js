/* grant-digest: client-side filters and search (progressive enhancement).
   Without JavaScript the page lists every call and the form stays hidden. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".js-call"));
  var sections = Array.prototype.slice.call(document.querySelectorAll(".js-section"));
  var status = document.getElementById("f-status");
  var query = document.getElementById("f-q");
  var index = null;      // [[id, text], ...] once loaded
  var loading = false;
  var timer = null;

  function words(text) {
    return text.toLowerCase().replace(/[’ʼ]/g, "'").split(/[\s,.;:!?()"«»]+/).filter(Boolean).map(stem);
  }
  // A light stem for Ukrainian and English endings: "громади" finds "громадам".
  function stem(word) {
    if (word.length >= 7) { return word.slice(0, -2); }
    if (word.length >= 5) { return word.slice(0, -1); }
    return word;
  }
  function listHas(list, value) { return (" " + list + " ").indexOf(" " + value + " ") !== -1; }

  function loadIndex(then) {
    if (index) { then(); return; }
    if (loading) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-search-index");
    script.onload = function () { index = window.GD_SEARCH_INDEX || []; then(); };
    script.onerror = function () { index = []; then(); };
    document.head.appendChild(script);
  }

  function searchIds(q) {
    var terms = words(q);
    if (!terms.length) { return null; }
    var ids = {};
    for (var i = 0; i < index.length; i++) {
      var text = index[i][1], all = true;
      for (var j = 0; j < terms.length; j++) { if (text.indexOf(terms[j]) === -1) { all = false; break; } }
      if (all) { ids[index[i][0]] = true; }
    }
    return ids;
  }

  function apply() {
    var oblast = form.elements.oblast.value, applicant = form.elements.applicant.value;
    var theme = form.elements.theme.value, programme = form.elements.programme.value;
    var q = query.value.trim();
    if (q && !index) { loadIndex(apply); return; }
    var ids = q ? searchIds(q) : null;
    var shown = {};
    cards.forEach(function (card) {
      var d = card.dataset, ok = true;
      if (oblast && d.regions && !listHas(d.regions, "UA") && !listHas(d.regions, oblast)) { ok = false; }
      if (ok && applicant && d.applicants && !listHas(d.applicants, applicant)) { ok = false; }
      if (ok && theme && d.themes && !listHas(d.themes, theme)) { ok = false; }
      if (ok && programme && d.programme !== programme) { ok = false; }
      if (ok && ids && !ids[d.id]) { ok = false; }
      card.classList.toggle("js-hidden", !ok);
      if (ok) { shown[d.id] = true; }
    });
    sections.forEach(function (section) {
      var visible = section.querySelectorAll(".js-call:not(.js-hidden)").length;
      var count = section.querySelector(".js-count");
      if (count) { count.textContent = String(visible); }
      var empty = section.querySelector(".js-empty");
      if (empty) { empty.hidden = visible > 0; }
    });
    var total = Object.keys(shown).length;
    var filtered = oblast || applicant || theme || programme || q;
    status.textContent = filtered ? form.getAttribute("data-matches").replace("{count}", String(total)) : "";
    var params = [];
    ["q", "oblast", "applicant", "theme", "programme"].forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) { params.push(name + "=" + encodeURIComponent(value)); }
    });
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", params.length ? "?" + params.join("&") : window.location.pathname); } catch (e) { /* file:// */ }
    }
  }

  // Restore filters from the address (?oblast=UA-46&q=...), so a filtered view can be shared.
  var search = window.location.search.replace(/^\?/, "").split("&");
  search.forEach(function (pair) {
    var kv = pair.split("="), el = kv[0] && form.elements[kv[0]];
    if (el && kv.length === 2) { el.value = decodeURIComponent(kv[1].replace(/\+/g, " ")); }
  });

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  query.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  query.addEventListener("focus", function () { loadIndex(function () {}); });
  apply();
}());
