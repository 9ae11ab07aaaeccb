// Portal SOP: draws the swimlane diagrams (<pre class="sop-mermaid">) of an SOP page with
// the copy of Mermaid the site serves itself (assets/vendor/mermaid/, pinned in
// package-lock.json, copied by `make vendor`). Nothing is fetched from another site.
//
// Mermaid is loaded only when a diagram is about to be seen (its tab opened, or it is
// scrolled into view), and each diagram is redrawn when the reader switches between
// the light and dark palettes. Without JavaScript the page shows the official table
// and the step list; the diagram's <noscript> says so.

const MERMAID = new URL("vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
let loading = null;
let counter = 0;

function scheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
}

function load() {
  if (!loading) {
    loading = import(MERMAID.href).then((module) => module.default);
  }
  return loading;
}

// Mermaid scales a diagram down to the column's width, which makes 6 lanes of text
// unreadable; keep its natural size and let the frame scroll sideways instead.
function natural(svg) {
  const box = svg && svg.viewBox && svg.viewBox.baseVal;
  if (!box || !box.width) return;
  svg.setAttribute("width", String(Math.ceil(box.width)));
  svg.setAttribute("height", String(Math.ceil(box.height)));
  svg.style.maxWidth = "none";
}

async function draw(figure) {
  const source = figure.querySelector("pre.sop-mermaid");
  const target = figure.querySelector(".sop-bagan__gambar");
  const status = figure.querySelector(".sop-bagan__status");
  if (!source || !target) return;
  const theme = scheme();
  if (figure.dataset.drawn === theme) return;
  figure.dataset.drawn = theme;
  if (status && !target.firstChild) status.textContent = "Memuat bagan…";
  try {
    const mermaid = await load();
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme,
      maxTextSize: 1000000,
      // dark: Mermaid's grey behind edge labels gives #ccc text only 4.4:1; darken it
      themeVariables: theme === "dark" ? { fontSize: "12px", edgeLabelBackground: "#2e2e2e" } : { fontSize: "12px" },
      flowchart: { wrappingWidth: 130, htmlLabels: true, nodeSpacing: 30, rankSpacing: 40 },
      swimlane: { useMaxWidth: false },
      themeCSS: ".label foreignObject div, .nodeLabel, .edgeLabel { overflow-wrap: anywhere; }",
    });
    counter += 1;
    const { svg } = await mermaid.render(`sop-bagan-${counter}`, source.textContent);
    target.innerHTML = svg;
    natural(target.querySelector("svg"));
    figure.dataset.status = "ok";
    if (status) status.textContent = "";
  } catch (error) {
    figure.dataset.status = "gagal";
    figure.dataset.drawn = "";
    if (status) status.textContent = "Bagan tidak dapat digambar. Lihat tabel resmi atau daftar langkah.";
    console.error("Portal SOP: bagan alir gagal digambar", error);
  }
}

const figures = Array.from(document.querySelectorAll("figure.sop-bagan"));
if (figures.length) {
  const seen = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) draw(entry.target);
      }
    },
    { rootMargin: "600px 0px" },
  );
  figures.forEach((figure) => {
    seen.observe(figure);
    // the reader opened the diagram's tab: draw now, wherever the page has scrolled to
    const tabs = figure.closest(".tabbed-set");
    if (tabs) tabs.addEventListener("change", () => figure.offsetParent !== null && draw(figure));
  });
  new MutationObserver(() => {
    figures.filter((f) => f.dataset.drawn).forEach((f) => draw(f));
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}
