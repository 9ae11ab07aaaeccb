// Portal SOP: draws the swimlane diagrams (<pre class="sop-mermaid">) of an SOP page with
// the copy of Mermaid the site serves itself (assets/vendor/mermaid/, pinned in
// package-lock.json, copied by `make vendor`). Nothing is fetched from another site.
//
// Mermaid is loaded only when a diagram is about to be seen (its tab opened, or it is
// scrolled into view), and each diagram is redrawn when the reader switches between
// the light and dark palettes. Without JavaScript the page shows the official table
// and the step list; the diagram's <noscript> says so.
//
// The drawn diagram opens fitted to its frame (never enlarged past its natural size)
// and can be zoomed and moved: the buttons above it, Ctrl + wheel or a pinch, dragging,
// and the keyboard on the focused frame (+ - 0, arrows, F). "Layar penuh" lays it over
// the whole window (Esc closes); on a narrow screen a tap on the diagram does the same,
// while swiping still scrolls the page. The lane names are a row of their own above the
// drawing, placed over the part of each lane the frame shows, so they stay in sight at
// every zoom and pan; the row sticks under the site's header while the page scrolls past
// the diagram (portal-bagan.css).
// Everything is plain SVG viewBox arithmetic: no library beside Mermaid.

const MERMAID = new URL("vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
const NARROW = "(max-width: 44.9375em)"; // the narrow screens of portal-sop.css and portal-bagan.css
const MAX_ZOOM = 4; // times the natural size
const STEP = 1.25; // one zoom step (button, key)
const PAN = 60; // px per arrow key
const MIN_NAME = { across: 40, upright: 14 }; // px of a lane shown that can hold its name
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

// An arrow back to an earlier step is written from that step with heads at both ends
// (macros/render/mermaid.py, back_edge_id): keep the head at the earlier step only.
function backArrows(svg) {
  svg.querySelectorAll("path[data-id*='_ke_']").forEach((path) => path.removeAttribute("marker-end"));
}

// The pan and zoom of one drawn diagram: which part of the drawing (in its own units)
// the frame shows, written into the svg's viewBox.
class View {
  constructor(figure) {
    this.figure = figure;
    this.frame = figure.querySelector(".sop-bagan__bingkai");
    this.area = figure.querySelector(".sop-bagan__gambar");
    this.header = figure.querySelector(".sop-bagan__lajur");
    this.svg = null;
    this.pointers = new Map();
    this.moved = false;
    this.rowHeight = 0;
    this.listen();
  }

  attach(svg) {
    this.svg = svg;
    const box = svg.viewBox.baseVal;
    this.box = { x: box.x, y: box.y, width: box.width, height: box.height };
    svg.removeAttribute("style");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    backArrows(svg);
    this.lanes = Array.from(svg.querySelectorAll("g.cluster.swimlane")).map((lane) => {
      const rect = lane.querySelector("rect");
      const bounds = (rect || lane).getBBox();
      const names = Array.from(lane.querySelectorAll(".swimlane-label, .swimlane-title"));
      const name = names.map((label) => label.textContent.trim()).find(Boolean) || "";
      return { x: bounds.x, width: bounds.width, name };
    });
    this.lanes.sort((a, b) => a.x - b.x);
    this.header.replaceChildren(
      ...this.lanes.map((lane) => {
        const cell = document.createElement("span");
        cell.className = "sop-bagan__nama-lajur";
        cell.textContent = lane.name; // text, never markup
        return cell;
      }),
    );
    this.fit();
  }

  // The frame's size: inline, as tall as the fitted drawing (at most most of the
  // window); full screen, the window.
  size() {
    return { width: this.area.clientWidth, height: this.area.clientHeight };
  }

  fit() {
    if (!this.svg || !this.area.clientWidth) return;
    const { width, height } = this.box;
    const full = this.figure.classList.contains("sop-bagan--penuh");
    // the names first placed at the scale the width allows, so the row (and the room
    // it leaves the drawing) is the same each time the diagram is fitted
    this.rowHeight = 0;
    this.scale = Math.min(1, this.area.clientWidth / width);
    this.x = this.box.x - (this.area.clientWidth / this.scale - width) / 2;
    this.names(this.area.clientWidth);
    if (!full) {
      const room = Math.max(220, window.innerHeight * 0.75 - this.header.offsetHeight);
      this.area.style.height = `${Math.ceil(Math.min(room, Math.max(160, height * this.scale)))}px`;
    } else {
      this.area.style.height = "";
    }
    const frame = this.size();
    this.fitted = Math.min(1, frame.width / width, frame.height / height);
    this.scale = this.fitted;
    // centred in the frame
    this.x = this.box.x - (frame.width / this.scale - width) / 2;
    this.y = this.box.y - (frame.height / this.scale - height) / 2;
    this.draw();
  }

  draw() {
    const frame = this.size();
    const w = frame.width / this.scale;
    const h = frame.height / this.scale;
    this.svg.setAttribute("viewBox", `${this.x} ${this.y} ${w} ${h}`);
    this.figure.dataset.skala = this.scale.toFixed(3);
    this.figure.dataset.pas = String(Math.abs(this.scale - this.fitted) < 1e-6);
    this.names(frame.width);
    stuck();
  }

  // Each name over the part of its lane the frame shows, so a lane moved half out of
  // the frame keeps its name readable; a sliver of a lane shows none. The row grows for
  // a name wrapped over more lines but does not shrink until the next fit, so moving
  // the drawing does not make the row (and the page under it) jump.
  names(across) {
    const upright = this.lanes.some((lane) => lane.width * this.scale < 56);
    this.header.classList.toggle("sop-bagan__lajur--tegak", upright);
    const least = upright ? MIN_NAME.upright : MIN_NAME.across;
    const cells = this.header.children;
    this.lanes.forEach((lane, i) => {
      const cell = cells[i];
      const whole = lane.width * this.scale;
      const left = (lane.x - this.x) * this.scale;
      const shownLeft = Math.max(0, left);
      const shown = Math.min(across, left + whole) - shownLeft;
      cell.hidden = shown < Math.min(least, whole) - 0.5;
      cell.style.left = `${shownLeft}px`;
      cell.style.width = `${Math.max(0, shown)}px`;
    });
    this.header.style.minHeight = "";
    this.rowHeight = Math.max(this.rowHeight, this.header.offsetHeight);
    this.header.style.minHeight = `${this.rowHeight}px`;
  }

  zoom(factor, at) {
    if (!this.svg) return;
    const frame = this.size();
    const point = at || { x: frame.width / 2, y: frame.height / 2 };
    const scale = Math.min(MAX_ZOOM, Math.max(this.fitted / 2, this.scale * factor));
    this.x += point.x / this.scale - point.x / scale;
    this.y += point.y / this.scale - point.y / scale;
    this.scale = scale;
    this.draw();
  }

  pan(dx, dy) {
    if (!this.svg) return;
    this.x -= dx / this.scale;
    this.y -= dy / this.scale;
    this.draw();
  }

  full(on) {
    const open = on ?? !this.figure.classList.contains("sop-bagan--penuh");
    this.figure.classList.toggle("sop-bagan--penuh", open);
    document.documentElement.classList.toggle("sop-bagan-terbuka", open);
    const button = this.figure.querySelector("[data-bagan=penuh]");
    if (button) {
      button.setAttribute("aria-pressed", String(open));
      button.textContent = open ? "Tutup layar penuh" : "Layar penuh";
    }
    this.fit();
    this.area.focus({ preventScroll: true });
  }

  local(event) {
    const rect = this.area.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  listen() {
    this.figure.querySelectorAll("[data-bagan]").forEach((button) =>
      button.addEventListener("click", () => {
        const action = button.dataset.bagan;
        if (action === "perbesar") this.zoom(STEP);
        else if (action === "perkecil") this.zoom(1 / STEP);
        else if (action === "pas") this.fit();
        else if (action === "penuh") this.full();
      }),
    );
    this.area.addEventListener("keydown", (event) => {
      const keys = {
        "+": () => this.zoom(STEP),
        "=": () => this.zoom(STEP),
        "-": () => this.zoom(1 / STEP),
        0: () => this.fit(),
        ArrowLeft: () => this.pan(PAN, 0),
        ArrowRight: () => this.pan(-PAN, 0),
        ArrowUp: () => this.pan(0, PAN),
        ArrowDown: () => this.pan(0, -PAN),
        f: () => this.full(),
        F: () => this.full(),
        Escape: () => this.figure.classList.contains("sop-bagan--penuh") && this.full(false),
      };
      const action = keys[event.key];
      if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        action();
      }
    });
    // Ctrl + wheel (and a touchpad's pinch) zooms; the plain wheel too in full screen.
    this.area.addEventListener(
      "wheel",
      (event) => {
        if (!this.svg) return;
        if (!event.ctrlKey && !this.figure.classList.contains("sop-bagan--penuh")) return;
        event.preventDefault();
        this.zoom(Math.exp(-event.deltaY / 300), this.local(event));
      },
      { passive: false },
    );
    this.area.addEventListener("pointerdown", (event) => {
      this.pointers.set(event.pointerId, this.local(event));
      this.moved = false;
      if (this.grabs()) this.area.setPointerCapture(event.pointerId);
    });
    this.area.addEventListener("pointermove", (event) => {
      const before = this.pointers.get(event.pointerId);
      if (!before) return;
      const now = this.local(event);
      if (Math.hypot(now.x - before.x, now.y - before.y) > 3) this.moved = true;
      if (!this.grabs()) return;
      if (this.pointers.size === 2) {
        const [a, b] = Array.from(this.pointers.values());
        const other = a === before ? b : a;
        const apart = Math.hypot(before.x - other.x, before.y - other.y) || 1;
        const centre = { x: (now.x + other.x) / 2, y: (now.y + other.y) / 2 };
        this.zoom(Math.hypot(now.x - other.x, now.y - other.y) / apart, centre);
      } else {
        this.pan(now.x - before.x, now.y - before.y);
      }
      this.pointers.set(event.pointerId, now);
    });
    const up = (event) => {
      const tap = !this.moved && this.pointers.size === 1;
      this.pointers.delete(event.pointerId);
      // on a narrow screen a tap opens the diagram over the whole window
      if (event.type === "pointerup" && tap && this.svg && !this.grabs()) this.full(true);
    };
    this.area.addEventListener("pointerup", up);
    this.area.addEventListener("pointercancel", up);
    // a new width fits the diagram again; a phone's address bar coming and going
    // (the height alone) keeps the reader's zoom
    let width = window.innerWidth;
    window.addEventListener("resize", () => {
      if (!this.svg) return;
      if (window.innerWidth !== width || this.figure.dataset.pas === "true") this.fit();
      else this.draw();
      width = window.innerWidth;
    });
  }

  // Whether dragging moves the diagram: not inline on a narrow screen, where a swipe
  // scrolls the page and a tap opens the full screen.
  grabs() {
    return this.figure.classList.contains("sop-bagan--penuh") || !window.matchMedia(NARROW).matches;
  }
}

// While a row of lane names sticks under the site's header, Material's "Kembali ke atas"
// button (shown while the page scrolls up) moves below the row instead of covering a name.
const rows = [];
let checking = false;

function stuck() {
  if (checking) return;
  checking = true;
  requestAnimationFrame(() => {
    checking = false;
    let bottom = 0;
    for (const row of rows) {
      const box = row.getBoundingClientRect();
      const moved = row.parentElement.getBoundingClientRect().top < box.top - 1;
      if (moved && box.height && box.bottom > 0) bottom = Math.max(bottom, box.bottom);
    }
    const html = document.documentElement;
    html.classList.toggle("sop-bagan-lekat", bottom > 0);
    if (bottom) html.style.setProperty("--sop-bagan-lajur-bawah", `${Math.ceil(bottom)}px`);
  });
}

const views = new WeakMap();

function viewOf(figure) {
  if (!views.has(figure)) views.set(figure, new View(figure));
  return views.get(figure);
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
    viewOf(figure).attach(target.querySelector("svg"));
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
  rows.push(...figures.map((figure) => figure.querySelector(".sop-bagan__lajur")).filter(Boolean));
  window.addEventListener("scroll", stuck, { passive: true });
  figures.forEach((figure) => {
    seen.observe(figure);
    viewOf(figure);
    // the reader opened the diagram's tab: draw now, wherever the page has scrolled to;
    // a diagram drawn while its tab was hidden is fitted once it can be measured
    const tabs = figure.closest(".tabbed-set");
    if (tabs)
      tabs.addEventListener("change", () => {
        if (figure.offsetParent === null) return;
        if (figure.dataset.status === "ok") viewOf(figure).fit();
        draw(figure);
      });
  });
  new MutationObserver(() => {
    // a diagram out of sight is drawn again when its tab opens (it cannot be measured hidden)
    figures
      .filter((f) => f.dataset.drawn)
      .forEach((f) => (f.offsetParent === null ? (f.dataset.drawn = "") : draw(f)));
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}
