/* Portal SOP: Material's search worker, answered by Pagefind.
 *
 * Material for MkDocs runs its search in a web worker and talks to it with four
 * messages (SETUP, READY, QUERY, RESULT; its integrations/search/worker). The portal
 * keeps Material's search box, result list, keyboard handling and highlighting, and
 * points that worker at this file (overrides/main.html), which answers the same
 * messages from the Pagefind index that the build writes to /pagefind/ with the
 * Indonesian stemmer (macros/search.py). Everything is loaded from the site itself.
 *
 * SOP pages come first: every other page (the editor guide, the portal's own pages)
 * carries the Pagefind filter jenis:halaman and a low weight (macros/edge/internals.py
 * mark_body); each search is also made with that filter, and the pages it finds are
 * listed after the SOP pages, each part best first.
 *
 * Results are given as Material renders them: one group per page, the page first
 * (title = the SOP's name, text = unit, nomor and status, then Pagefind's excerpt),
 * then its matching sections. Titles and metadata are escaped here; Pagefind's
 * excerpts are escaped text with <mark> around the matches.
 *
 * Indonesian word forms (assets/bentuk-kata.js, shared with the catalog filter): each
 * query word is also searched in its other forms (kirim -> mengirim), and the results
 * merged. A query that finds nothing is checked against the index's own vocabulary
 * (pagefind/kosakata.json, loaded only then): each unknown word is replaced by its
 * nearest known word, that query is searched, and its results come first with the
 * line "Mungkin maksud Anda: ...".
 *
 * What a search costs (bench/run.py, search_cost): each Pagefind file is fetched only
 * when a search needs it. The worker
 * - answers SETUP with READY at once and loads Pagefind (its code, WebAssembly and
 *   metadata) with the first query that has a word in it: opening a page fetches no
 *   Pagefind file. Material sends the box's text right after READY, so an address
 *   with ?q= is still searched as the page opens.
 * - searches only once no new query has come for QUIET ms. Material sends a query on
 *   every key; while one types, each query replaces the one waiting, so the index
 *   chunks and fragments of the prefixes typed on the way are not fetched. An answer
 *   is posted only while its query is the newest: a slow search never overwrites the
 *   results of a later one.
 * - loads the details (one fragment file each) of the best LIMIT pages only.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType */
/* Pages whose details are loaded and sent per query. Material renders a RESULT's first
   10 items at once and the rest only when the list is scrolled to its end; the worker
   is not told of that scroll (the protocol has no message for it), so it cannot load a
   next batch on demand. It sends the 10 that appear at once instead of loading 30
   details nobody may scroll to. The price: no further results on scroll (a longer
   query narrows them), and Material's count is the number of items sent, not of pages
   found; overrides/main.html therefore words it "N dokumen paling sesuai" (the N
   best), which stays true whether more pages matched or not. */
var LIMIT = 10;
var QUIET = 200; /* ms without a new query before searching (Material: one per key) */
var VARIANT = 0.9; /* score factor of a page found only through another word form */
var BASE = new URL("../pagefind/", self.location.href).href;

var engine = null;
var latest = 0; /* number of the newest query */
var waiting = 0; /* timer of the query that waits for the box to be quiet */

/* Pagefind, loaded at the first call; after a failed load the next query tries again. */
function pagefind() {
  if (!engine) {
    engine = import(BASE + "pagefind.js").then(function (pf) {
      return pf.options({ basePath: BASE, baseUrl: "/", excerptLength: 24 })
        .then(function () { return pf.init(); })
        .then(function () { return pf; });
    });
    engine.catch(function () { engine = null; });
  }
  return engine;
}

importScripts("bentuk-kata.js"); /* self.PortalKata */
var forms = self.PortalKata.forms;
var queryWords = self.PortalKata.queryWords;

/* The original query, and the query with one word replaced by each of its other forms. */
function queries(words) {
  var out = [{ text: words.join(" "), factor: 1 }];
  words.forEach(function (word, i) {
    forms(word).slice(1).forEach(function (form) {
      var copy = words.slice();
      copy[i] = form;
      out.push({ text: copy.join(" "), factor: VARIANT });
    });
  });
  return out;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* Words Pagefind marked in an excerpt (already escaped text). */
function marked(excerpt, into) {
  var re = /<mark>([^<]*)<\/mark>/g, m;
  while ((m = re.exec(excerpt || ""))) {
    m[1].toLowerCase().split(/[^\p{L}\p{N}]+/u).forEach(function (w) { if (w) into[w] = true; });
  }
  return into;
}

/* A title with the words that matched (or begin with a query word) in <mark>. */
function highlight(title, terms, words) {
  return escapeHtml(title).replace(/[\p{L}\p{N}]+/gu, function (w) {
    var lower = w.toLowerCase();
    var hit = terms[lower] || words.some(function (q) { return q.length > 2 && lower.indexOf(q) === 0; });
    return hit ? "<mark>" + w + "</mark>" : w;
  });
}

function sitePath(url) {
  return String(url || "").replace(/^\//, "");
}

function group(data, score, words) {
  var meta = data.meta || {};
  var terms = marked(data.excerpt, {});
  (data.sub_results || []).forEach(function (sub) { marked(sub.excerpt, terms); });
  if (!Object.keys(terms).length) words.forEach(function (w) { terms[w] = true; });
  var details = [meta.unit, meta.nomor, meta.status].filter(Boolean).map(escapeHtml);
  var text = (details.length ? '<span class="sop-cari__meta">' + details.join(" · ") + "</span> " : "") +
    (data.excerpt || "");
  var page = {
    location: sitePath(data.url),
    title: highlight(meta.title || data.url, terms, words),
    text: text,
    score: score,
    terms: terms
  };
  var sections = (data.sub_results || [])
    .filter(function (sub) { return sub.url && sub.url.indexOf("#") > 0 && /<mark>/.test(sub.excerpt || ""); })
    .slice(0, 3)
    .map(function (sub) {
      return {
        location: sitePath(sub.url),
        title: highlight(sub.title || "", terms, words),
        text: sub.excerpt,
        score: score / 2,
        terms: terms
      };
    });
  return [page].concat(sections);
}

/* The ids of the pages that are not SOPs among the results of these search texts (a
   Set): the same searches with the filter jenis:halaman, which read the same index
   chunks. (A search for the filter alone, with no words, would fetch every chunk of
   the index: megabytes on a large portal.) */
function otherPages(pf, texts) {
  return Promise.all(texts.map(function (text) {
    return pf.search(text, { filters: { jenis: "halaman" } }).then(
      function (response) { return response.results.map(function (r) { return r.id; }); },
      function () { return []; }
    );
  })).then(function (lists) { return new Set([].concat.apply([], lists)); });
}

/* The result groups of a query's words, or null when a newer query came while Pagefind
   searched (the details are then not loaded). */
function search(words, id) {
  return pagefind().then(function (pf) {
    var all = queries(words);
    var runs = all.map(function (q) {
      return pf.search(q.text).then(function (response) {
        return response.results.map(function (r) {
          return { result: r, score: r.score * q.factor, original: q.factor === 1 };
        });
      });
    });
    var texts = all.map(function (q) { return q.text; });
    return Promise.all([Promise.all(runs), otherPages(pf, texts)]).then(function (both) {
      var lists = both[0], other = both[1];
      if (id !== latest) return null;
      /* A page keeps its best score; its excerpt comes from the words as typed when
         those found it. */
      var best = new Map();
      lists.forEach(function (list) {
        list.forEach(function (hit) {
          var known = best.get(hit.result.id);
          if (!known) {
            best.set(hit.result.id, hit);
          } else {
            var score = Math.max(known.score, hit.score);
            if (hit.original && !known.original) best.set(hit.result.id, hit);
            best.get(hit.result.id).score = score;
          }
        });
      });
      var top = Array.from(best.values())
        .sort(function (a, b) {
          return (other.has(a.result.id) - other.has(b.result.id)) || b.score - a.score;
        })
        .slice(0, LIMIT);
      return Promise.all(top.map(function (hit) { return hit.result.data(); })).then(function (pages) {
        return {
          items: pages.map(function (data, i) { return group(data, top[i].score, words); })
        };
      });
    });
  });
}

/* The index's vocabulary (most frequent words first), loaded at the first query that
   finds nothing; an empty list when it cannot be loaded. */
var vocabulary = null;
function loadVocabulary() {
  if (!vocabulary) {
    vocabulary = fetch(BASE + "kosakata.json")
      .then(function (response) { return response.ok ? response.json() : { kata: [] }; })
      .then(function (data) { return Array.isArray(data.kata) ? data.kata : []; })
      .catch(function () { vocabulary = null; return []; });
  }
  return vocabulary;
}

/* For a query that found nothing: the query with each unknown word replaced by the
   nearest word of the vocabulary, searched; its results follow a first item
   "Mungkin maksud Anda: ..." that opens the search for the corrected words. */
function suggest(words, id) {
  return loadVocabulary().then(function (known) {
    var changed = false;
    var corrected = words.map(function (word) {
      var near = self.PortalKata.nearest(word, known);
      if (near) changed = true;
      return near || word;
    });
    if (!changed || id !== latest) return { items: [] };
    return search(corrected, id).then(function (result) {
      if (!result || !result.items.length) return result || { items: [] };
      var text = corrected.join(" ");
      var note = {
        location: "?q=" + encodeURIComponent(text),
        title: "Mungkin maksud Anda: <mark>" + escapeHtml(text) + "</mark>",
        text: '<span class="sop-cari__saran">Tidak ada hasil untuk \u201c' + escapeHtml(words.join(" ")) +
          "\u201d. Di bawah ini hasil untuk \u201c" + escapeHtml(text) + "\u201d.</span>",
        score: result.items[0][0].score + 1,
        terms: {}
      };
      return { items: [[note]].concat(result.items), suggestion: text };
    });
  });
}

/* Post a result unless a newer query has come since query `id`. */
function answer(id, result) {
  if (id === latest && result) self.postMessage({ type: RESULT, data: result });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    self.postMessage({ type: READY }); /* Pagefind is loaded by the first query */
  } else if (message.type === QUERY) {
    var id = ++latest;
    var typed = queryWords(String(message.data || ""));
    clearTimeout(waiting);
    if (!typed.length) {
      answer(id, { items: [] });
      return;
    }
    pagefind().catch(function () {}); /* load while the reader goes on typing */
    waiting = setTimeout(function () {
      search(typed, id).then(function (result) {
        return result && !result.items.length ? suggest(typed, id) : result;
      }).then(
        function (result) { answer(id, result); },
        function (error) {
          console.warn("Pencarian gagal:", error);
          answer(id, { items: [] });
        }
      );
    }, QUIET);
  }
});
