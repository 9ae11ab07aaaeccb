/* Portal SOP: Indonesian word forms and spelling, shared by the search worker
 * (assets/pagefind-material.js, through importScripts) and the catalog filter
 * (assets/katalog-filter.js, through a script tag). Defines self.PortalKata.
 *
 * forms(word): Pagefind's Snowball stemmer strips meN-/peN- but cannot restore the
 * first letter of a root that the prefix replaced (kirim -> mengirim, terima ->
 * menerima, periksa -> memeriksa, mohon -> memohon), so such a root and its derived
 * forms stem apart. Each query word is therefore also searched in its other forms.
 *
 * nearest(word, vocabulary): the closest word of the index's own vocabulary
 * (macros/search.py writes pagefind/kosakata.json, most frequent words first) within
 * a bounded edit distance: 1 for words of up to 5 letters, 2 for longer ones.
 */
(function (scope) {
  "use strict";

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

  /* A query's words, in lower case. */
  function queryWords(text) {
    return String(text).toLowerCase().split(/\s+/).filter(Boolean);
  }

  /* Edit distance (insert, delete, replace, swap of neighbours) of a and b, or
     limit + 1 as soon as it is known to exceed limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        next.push(d);
        if (d < least) least = d;
      }
      if (least > limit) return limit + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }

  /* The vocabulary word nearest to `word` (the more frequent on a tie), or null when
     the word is itself known, too short, or nothing is near enough. */
  function nearest(word, vocabulary) {
    if (word.length < 4 || vocabulary.indexOf(word) >= 0) return null;
    var limit = word.length <= 5 ? 1 : 2, best = null, bestDistance = limit + 1;
    for (var k = 0; k < vocabulary.length && bestDistance > 1; k++) {
      var d = distance(word, vocabulary[k], limit);
      if (d < bestDistance) {
        best = vocabulary[k];
        bestDistance = d;
      }
    }
    return best;
  }

  scope.PortalKata = { forms: forms, queryWords: queryWords, distance: distance, nearest: nearest };
})(self);
