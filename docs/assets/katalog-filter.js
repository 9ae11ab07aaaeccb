/* Portal SOP: the catalog filter (macros/templates/catalog.html).
 *
 * Progressive: without JavaScript the form stays hidden and the whole catalog shows.
 * With it, the form filters the rows in place by instansi, unit, status, kategori and
 * words in the name or number (every word must occur; case and accents ignored), with
 * no server and nothing fetched. The filter is kept in the address (?kata=...&status=...,
 * so a filtered list can be bookmarked or shared; not "q", which opens Material's search).
 *
 * Word forms: a word also finds the SOPs whose name the site search finds by it, with
 * the same Indonesian stemmer (Pagefind's index of the site, the SOP name being the
 * text of weight NAME_WEIGHT, templates/sop_header.html) and the same other forms
 * (assets/bentuk-kata.js): "kirim" finds "Pengiriman Surat". The rows matched by the
 * words as typed show at once; those found through Pagefind follow when it answers
 * (Pagefind is loaded at the first word typed; without it the filter keeps to the
 * words as typed).
 *
 * The counts in the lists follow the filter: each option counts the SOPs that the
 * other choices and the words leave.
 */
(function () {
  "use strict";

  var form = document.getElementById("sop-filter");
  var catalog = document.querySelector(".sop-katalog");
  if (!form || !catalog) return;

  var FIELDS = ["kata", "instansi", "unit", "status", "kategori"];
  var NAME_WEIGHT = 10; /* data-pagefind-weight of an SOP's name (templates/sop_header.html) */
  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : location.href).href;
  var kata = self.PortalKata;
  var units = Array.prototype.slice.call(catalog.querySelectorAll(".sop-katalog__unit"));
  var groups = Array.prototype.slice.call(catalog.querySelectorAll(".sop-katalog__instansi"));
  var total = catalog.querySelectorAll("tr[data-teks]").length;
  var count = form.querySelector(".sop-filter__count");
  var none = catalog.querySelector(".sop-filter__none");

  /* The same normal form as render/katalog.py search_text: lower case, no accents. */
  function words(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .split(/\s+/).filter(Boolean);
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function value(name) {
    var el = field(name);
    return el ? el.value : "";
  }

  /* Units of the chosen instansi only; a unit of another instansi is cleared. */
  function narrowUnits(instansi) {
    var select = field("unit");
    if (!select) return;
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      var other = Boolean(instansi) && group.getAttribute("data-instansi") !== instansi;
      group.hidden = other;
      group.disabled = other;
    });
    var chosen = select.selectedOptions[0];
    if (chosen && chosen.parentElement.disabled) select.value = "";
  }

  /* Every row with what the filter compares: its fields and its page (site path). */
  var rows = [];
  units.forEach(function (section) {
    Array.prototype.forEach.call(section.querySelectorAll("tr[data-teks]"), function (row) {
      var link = row.querySelector("a[href]");
      rows.push({
        row: row,
        section: section,
        instansi: section.getAttribute("data-instansi"),
        unit: section.getAttribute("data-unit"),
        status: row.getAttribute("data-status"),
        kategori: JSON.parse(row.getAttribute("data-kategori") || "[]"),
        teks: row.getAttribute("data-teks"),
        path: link ? link.href.replace(ROOT, "").split("#")[0] : ""
      });
    });
  });

  /* Pagefind's answers: {word: {path: true}} of the SOPs whose name it matches. */
  var stemmed = {};
  var engine = null;

  function pagefind() {
    if (!engine) {
      var base = ROOT + "pagefind/";
      engine = import(base + "pagefind.js").then(function (pf) {
        return pf.options({ basePath: base, baseUrl: "/" }).then(function () { return pf; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* The SOP pages whose name Pagefind matches by `word` or one of its other forms. */
  function lookUp(word) {
    var forms = kata ? kata.forms(word) : [word];
    return pagefind().then(function (pf) {
      return Promise.all(forms.map(function (form) {
        /* SOP pages only (others carry jenis:halaman): one detail file per SOP found. */
        return pf.search(form, { filters: { not: { jenis: "halaman" } } }).then(function (response) {
          return Promise.all(response.results.map(function (r) { return r.data(); }));
        });
      }));
    }).then(function (lists) {
      var found = {};
      lists.forEach(function (pages) {
        pages.forEach(function (page) {
          var inName = (page.weighted_locations || []).some(function (l) { return l.weight === NAME_WEIGHT; });
          if (inName) found[String(page.url).replace(/^\//, "")] = true;
        });
      });
      return found;
    });
  }

  /* Ask Pagefind about the words it has not answered yet; filter again when it has. */
  function stem(list) {
    list.forEach(function (word) {
      if (stemmed[word]) return;
      stemmed[word] = {};
      lookUp(word).then(
        function (found) { stemmed[word] = found; apply(); },
        function () {} /* no index (lunr search, file://): the words as typed only */
      );
    });
  }

  function matchesWord(entry, word) {
    return entry.teks.indexOf(word) >= 0 || Boolean(stemmed[word] && stemmed[word][entry.path]);
  }

  /* Whether a row passes every choice but `except` (a field name, or "" for none). */
  function passes(entry, chosen, except) {
    return (except === "instansi" || !chosen.instansi || entry.instansi === chosen.instansi) &&
      (except === "unit" || !chosen.unit || entry.unit === chosen.unit) &&
      (except === "status" || !chosen.status || entry.status === chosen.status) &&
      (except === "kategori" || !chosen.kategori || entry.kategori.indexOf(chosen.kategori) >= 0) &&
      chosen.kata.every(function (word) { return matchesWord(entry, word); });
  }

  /* Each option's count: the rows the other choices leave with this option chosen. */
  function recount(chosen) {
    ["instansi", "unit", "status", "kategori"].forEach(function (name) {
      var select = field(name);
      if (!select) return;
      var left = rows.filter(function (entry) { return passes(entry, chosen, name); });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        if (!option.hasAttribute("data-label")) {
          option.setAttribute("data-label", option.textContent.replace(/ \(\d+\)$/, ""));
        }
        var n = left.filter(function (entry) {
          return name === "kategori" ? entry.kategori.indexOf(option.value) >= 0 : entry[name] === option.value;
        }).length;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
      });
    });
  }

  function apply() {
    var instansi = value("instansi");
    narrowUnits(instansi);
    var chosen = {
      kata: words(value("kata")),
      instansi: instansi,
      unit: value("unit"),
      status: value("status"),
      kategori: value("kategori")
    };
    stem(chosen.kata);
    var shown = 0;
    var visible = new Map();
    rows.forEach(function (entry) {
      var ok = passes(entry, chosen, "");
      entry.row.hidden = !ok;
      if (ok) {
        visible.set(entry.section, (visible.get(entry.section) || 0) + 1);
        shown += 1;
      }
    });
    units.forEach(function (section) {
      section.hidden = !visible.has(section);
      var number = section.querySelector(".sop-katalog__jumlah");
      if (number) number.textContent = "(" + (visible.get(section) || 0) + " SOP)";
    });
    recount(chosen);
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".sop-katalog__unit:not([hidden])");
    });
    var filtered = FIELDS.some(function (name) { return value(name) !== ""; });
    count.textContent = filtered
      ? "Menampilkan " + shown + " dari " + total + " SOP."
      : "Menampilkan semua " + total + " SOP.";
    none.hidden = shown > 0;
    remember();
  }

  function remember() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (value(name)) params.set(name, value(name));
    });
    var query = params.toString();
    history.replaceState(history.state, "", query ? "?" + query + location.hash : location.pathname + location.hash);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var el = field(name);
      var wanted = params.get(name);
      if (!el || wanted === null) return;
      if (el.tagName === "SELECT") {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === wanted; });
        if (known) el.value = wanted;
      } else {
        el.value = wanted;
      }
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  restore();
  form.hidden = false;
  apply();
})();
