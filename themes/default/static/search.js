// Search for the notice board. Loaded only on the search page; the index
// (a manifest and shard files written by `wuye build`) is fetched on the
// first search, and only the shards the query needs. Mirrors
// src/render/search.rs: same normalisation, unigrams for one character,
// bigrams otherwise, every gram must match.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || !window.fetch) { return; }
  box.hidden = false;
  // With JS on, the "needs JavaScript" sentence is wrong; keep the link.
  var nojs = document.getElementById("search-nojs");
  var browse = document.getElementById("search-browse");
  if (nojs && browse) { nojs.hidden = true; browse.hidden = false; }
  var form = box.querySelector("form");
  var input = box.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = box.getAttribute("data-root") || "./";
  var manifest = null;
  var shards = {};
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  function normalize(text) {
    var out = "";
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (c >= 0xff01 && c <= 0xff5e) { ch = String.fromCodePoint(c - 0xfee0); }
      else if (c === 0x3000) { ch = " "; }
      out += ch.toLowerCase();
    }
    return out;
  }

  function grams(query) {
    var runs = [], current = [];
    for (var ch of normalize(query)) {
      if (WORD.test(ch)) { current.push(ch); }
      else if (current.length) { runs.push(current); current = []; }
    }
    if (current.length) { runs.push(current); }
    var set = {};
    runs.forEach(function (run) {
      if (run.length === 1) { set[run[0]] = true; }
      for (var i = 0; i + 1 < run.length; i++) { set[run[i] + run[i + 1]] = true; }
    });
    return Object.keys(set);
  }

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  function loadManifest() {
    if (!manifest) { manifest = getJSON(box.getAttribute("data-index")); }
    return manifest;
  }

  function shardFor(m, gram) {
    var n = gram.codePointAt(0) % m.shards;
    var file = m.files[n];
    if (!file) { return Promise.resolve({}); }
    if (!shards[n]) { shards[n] = getJSON(root + file); }
    return shards[n];
  }

  function say(text) { status.textContent = text; }

  function run(query) {
    list.textContent = "";
    var wanted = grams(query);
    if (!wanted.length) { say(""); return; }
    say(box.getAttribute("data-loading"));
    loadManifest().then(function (m) {
      return Promise.all(wanted.map(function (g) { return shardFor(m, g); })).then(function (loaded) {
        var hits = null;
        wanted.forEach(function (g, i) {
          var posting = loaded[i][g] || [];
          hits = hits === null ? posting.slice() : hits.filter(function (d) { return posting.indexOf(d) >= 0; });
        });
        var q = normalize(query.trim());
        hits = (hits || []).map(function (d) {
          return [normalize(m.docs[d].t).indexOf(q) >= 0 ? 0 : 1, d];
        }).sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
        show(m, hits.map(function (h) { return h[1]; }), query.trim());
      });
    }).catch(function () {
      manifest = null;
      say(box.getAttribute("data-failed"));
    });
  }

  function show(m, hits, query) {
    if (!hits.length) { say(box.getAttribute("data-none").replace("{q}", query)); return; }
    say(box.getAttribute("data-count").replace("{n}", String(hits.length)));
    hits.forEach(function (d) {
      var doc = m.docs[d];
      var li = document.createElement("li");
      li.className = "notice-item" + (doc.x ? " is-expired" : "");
      var meta = document.createElement("p");
      meta.className = "item-meta";
      meta.textContent = [doc.c, doc.x ? box.getAttribute("data-expired") : "", doc.d].filter(Boolean).join(" · ");
      var h = document.createElement("h3");
      h.className = "item-title";
      var a = document.createElement("a");
      a.href = root + doc.u;
      a.textContent = doc.t;
      h.appendChild(a);
      li.appendChild(meta);
      li.appendChild(h);
      list.appendChild(li);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    }
    run(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
