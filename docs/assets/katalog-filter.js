/* Portal SOP: the catalog filter (macros/templates/catalog.html).
 *
 * Progressive: without JavaScript the form stays hidden and the whole catalog shows.
 * With it, the form filters the rows in place by instansi, unit, status, kategori and
 * words in the name or number (every word must occur; case and accents ignored), with
 * no server and nothing fetched. The filter is kept in the address (?kata=...&status=...,
 * so a filtered list can be bookmarked or shared; not "q", which opens Material's search).
 */
(function () {
  "use strict";

  var form = document.getElementById("sop-filter");
  var catalog = document.querySelector(".sop-katalog");
  if (!form || !catalog) return;

  var FIELDS = ["kata", "instansi", "unit", "status", "kategori"];
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

  function apply() {
    var kata = words(value("kata"));
    var instansi = value("instansi");
    narrowUnits(instansi);
    var unit = value("unit");
    var status = value("status");
    var kategori = value("kategori");
    var shown = 0;
    units.forEach(function (section) {
      var here = (!instansi || section.getAttribute("data-instansi") === instansi) &&
        (!unit || section.getAttribute("data-unit") === unit);
      var visible = 0;
      Array.prototype.forEach.call(section.querySelectorAll("tr[data-teks]"), function (row) {
        var text = row.getAttribute("data-teks");
        var ok = here &&
          (!status || row.getAttribute("data-status") === status) &&
          (!kategori || JSON.parse(row.getAttribute("data-kategori") || "[]").indexOf(kategori) >= 0) &&
          kata.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !ok;
        if (ok) visible += 1;
      });
      section.hidden = visible === 0;
      shown += visible;
    });
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
