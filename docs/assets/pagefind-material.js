/* Portal SOP: Material's search worker, answered by Pagefind.
 *
 * Material for MkDocs runs its search in a web worker and talks to it with four
 * messages (SETUP, READY, QUERY, RESULT; its integrations/search/worker). The portal
 * keeps Material's search box, result list, keyboard handling and highlighting, and
 * points that worker at this file (overrides/main.html), which answers the same
 * messages from the Pagefind index that the build writes to /pagefind/ with the
 * Indonesian stemmer (macros/search.py). Everything is loaded from the site itself.
 *
 * Results are given as Material renders them: one group per page, the page first
 * (title = the SOP's name, text = unit, nomor and status, then Pagefind's excerpt),
 * then its matching sections. Titles and metadata are escaped here; Pagefind's
 * excerpts are escaped text with <mark> around the matches.
 *
 * Indonesian word forms: Pagefind's Snowball stemmer strips meN-/peN- but cannot
 * restore the first letter of a root that the prefix replaced (kirim -> mengirim,
 * terima -> menerima, periksa -> memeriksa, mohon -> memohon), so such a root and its
 * derived forms stem apart. Each query word is therefore also searched in its other
 * form (`forms`), and the results merged.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType */
var LIMIT = 30; /* pages whose details are loaded (Material shows 10, more on scroll) */
var VARIANT = 0.9; /* score factor of a page found only through another word form */
var BASE = new URL("../pagefind/", self.location.href).href;

var engine = null;
var latest = 0;

function pagefind() {
  if (!engine) {
    engine = import(BASE + "pagefind.js").then(function (pf) {
      return pf.options({ basePath: BASE, baseUrl: "/", excerptLength: 24 })
        .then(function () { return pf.init(); })
        .then(function () { return pf; });
    });
  }
  return engine;
}

var VOWEL = "[aiueo]";
var DERIVED = [ /* derived form -> root */
  [new RegExp("^(?:meng|peng)(" + VOWEL + ".{2,})$"), "k$1"],
  [new RegExp("^(?:men|pen)(" + VOWEL + ".{2,})$"), "t$1"],
  [new RegExp("^(?:mem|pem)(" + VOWEL + ".{2,})$"), "p$1"],
  [new RegExp("^(?:me|pe)(m" + VOWEL + ".{2,})$"), "$1"]
];
var ROOT = [ /* root -> derived form */
  [new RegExp("^k(" + VOWEL + ".{2,})$"), "meng$1"],
  [new RegExp("^t(" + VOWEL + ".{2,})$"), "men$1"],
  [new RegExp("^p(" + VOWEL + ".{2,})$"), "mem$1"],
  [new RegExp("^(m" + VOWEL + ".{2,})$"), "me$1"]
];
/* A word that already carries a prefix or suffix is not taken for a root
   ("permohonan" must not become "memermohonan"). */
var AFFIXED = /^(?:me|pem|pen|peng|peny|di|ber|ke)|(?:an|kan|nya|lah|kah)$/;

function rewrite(word, rules, out) {
  rules.forEach(function (rule) {
    if (rule[0].test(word)) {
      var other = word.replace(rule[0], rule[1]);
      if (out.indexOf(other) < 0) out.push(other);
    }
  });
}

/* The word and its other forms (at most four in all). */
function forms(word) {
  var out = [word];
  var stripped = /^(?:di|ter)(.{4,})$/.exec(word); /* dikirim, diterima -> kirim, terima */
  if (stripped && out.indexOf(stripped[1]) < 0) out.push(stripped[1]);
  out.slice().forEach(function (w) {
    rewrite(w, DERIVED, out);
    if (!AFFIXED.test(w)) rewrite(w, ROOT, out);
  });
  return out.slice(0, 4);
}

/* The original query, and the query with one word replaced by each of its other forms. */
function queries(text) {
  var words = text.toLowerCase().split(/\s+/).filter(Boolean);
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

function search(text) {
  var words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return Promise.resolve({ items: [] });
  return pagefind().then(function (pf) {
    var runs = queries(text).map(function (q) {
      return pf.search(q.text).then(function (response) {
        return response.results.map(function (r) {
          return { result: r, score: r.score * q.factor, original: q.factor === 1 };
        });
      });
    });
    return Promise.all(runs).then(function (lists) {
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
        .sort(function (a, b) { return b.score - a.score; })
        .slice(0, LIMIT);
      return Promise.all(top.map(function (hit) { return hit.result.data(); })).then(function (pages) {
        return {
          items: pages.map(function (data, i) { return group(data, top[i].score, words); })
        };
      });
    });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    pagefind().then(
      function () { self.postMessage({ type: READY }); },
      function (error) {
        console.warn("Pencarian tidak tersedia: indeks Pagefind tidak dapat dimuat.", error);
        self.postMessage({ type: READY });
      }
    );
  } else if (message.type === QUERY) {
    var id = ++latest;
    search(String(message.data || "").trim()).then(
      function (result) { if (id === latest) self.postMessage({ type: RESULT, data: result }); },
      function (error) {
        console.warn("Pencarian gagal:", error);
        if (id === latest) self.postMessage({ type: RESULT, data: { items: [] } });
      }
    );
  }
});
