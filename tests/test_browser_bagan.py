"""The swimlane diagram as a reader meets it, and the steps within reach on a phone, in
headless Chromium (the sites and helpers of test_browser_flowchart.py):

- steps run top to bottom in step order: the centre of step n is never above the
  centre of the step before it (on the main path, and in step numbers);
- on open the whole drawing lies inside its frame, and every lane name is shown, in
  full, inside the frame and the window, in the lane row above the drawing;
- the lane names stay in sight when the page scrolls past the diagram's top (the row
  sticks under the site's header) and while the drawing is moved and zoomed (each name
  over the part of its lane the frame shows);
- the buttons, the keyboard and Ctrl + wheel zoom, the arrows move, "0" fits again,
  "Layar penuh" lays the diagram over the window, and on a phone a tap does;
- for SOPs of 4, 6 and 12 pelaksana, at 1366 and 390 px, in both palettes;
- on a 390 px phone the first screen holds the name, unit, status, total time and a
  link to the steps, which brings the step list into view; the identity section is
  folded (a third of a screen at most before the steps), opens by the jump bar's link
  or its summary, and shows whole on wide screens, in print and without JavaScript.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from test_browser_flowchart import HOSTILE_ROLE, HOSTILE_ROLE_2, Site, _open, hard_site, samples_site

from macros import flow
from macros.render.mermaid import lane_order

__all__ = ["hard_site", "samples_site"]  # the module-scoped sites, shared by import

# (site, SOP id, number of pelaksana)
DIAGRAMS = [
    ("samples", "kab-balangan/kec-tebing-tinggi/penyusunan-lkip", 4),
    ("samples", "kab-malang/kec-kalipare/penyusunan-lkj", 6),
    ("hard", "kab-uji/kec-uji/besar", 6),
    ("hard", "kab-uji/kec-uji/terbesar", 12),
]


def every_diagram(test: Any) -> Any:
    """Run a test for each diagram of DIAGRAMS at 1366 and 390 px."""
    ids = [d[1].rsplit("/", 1)[1] for d in DIAGRAMS]
    by_diagram = pytest.mark.parametrize(("which", "sop_id", "roles"), DIAGRAMS, ids=ids)
    return pytest.mark.parametrize("width", [1366, 390])(by_diagram(test))


MEASURE_JS = """() => {
  const figure = document.querySelector('figure.sop-bagan');
  const area = figure.querySelector('.sop-bagan__gambar');
  const svg = area.querySelector('svg');
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                     width: r.width, height: r.height});
  const lanes = Array.from(svg.querySelectorAll('g.cluster.swimlane'))
    .map(g => box(g.getBoundingClientRect()));
  const nodes = Array.from(svg.querySelectorAll('g.node')).map(n => {
    const m = n.id.match(/-n(\\d+)(?:_\\d+)?-\\d+$/);
    const r = n.getBoundingClientRect();
    return m ? [Number(m[1]), r.top + r.height / 2] : null;
  }).filter(Boolean);
  const names = Array.from(figure.querySelectorAll('.sop-bagan__nama-lajur')).map(e => ({
    text: e.textContent, elements: e.children.length, box: box(e.getBoundingClientRect()),
    clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1,
  }));
  const back = Array.from(svg.querySelectorAll("path[data-id*='_ke_']")).map(p =>
    [p.getAttribute('marker-start'), p.getAttribute('marker-end')]);
  return {frame: box(area.getBoundingClientRect()),
          header: box(figure.querySelector('.sop-bagan__lajur').getBoundingClientRect()),
          lanes, nodes, names, back, viewBox: svg.getAttribute('viewBox'),
          scale: Number(figure.dataset.skala), fitted: figure.dataset.pas === 'true',
          full: figure.classList.contains('sop-bagan--penuh'),
          window: [innerWidth, innerHeight]};
}"""


def _diagram(page: Any) -> dict[str, Any]:
    page.click("label[for=__tabbed_sop_3]")
    page.wait_for_selector("figure.sop-bagan[data-status=ok] .sop-bagan__gambar svg", timeout=30_000)
    page.locator("figure.sop-bagan").scroll_into_view_if_needed()
    measured: dict[str, Any] = page.evaluate(MEASURE_JS)
    return measured


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.5) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def _centres(measured: dict[str, Any]) -> dict[int, float]:
    """The highest centre of each step's nodes (a step with two roles has two)."""
    centres: dict[int, float] = {}
    for number, y in measured["nodes"]:
        centres[number] = min(y, centres.get(number, y))
    return centres


@pytest.fixture(scope="module")
def sites(samples_site: Site, hard_site: Site) -> dict[str, Site]:
    return {"samples": samples_site, "hard": hard_site}


@every_diagram
def test_in_order_fitted_with_every_lane_named(
    browser: Any, sites: dict[str, Site], which: str, sop_id: str, roles: int, width: int
) -> None:
    site = sites[which]
    record = site.portal.get(sop_id)
    assert len(record.sop.pelaksana) == roles
    scheme = "dark" if roles == 6 else "light"  # both palettes across the cases
    context, page, _ = _open(browser, f"{site.url}sop/{sop_id}/", width, color_scheme=scheme)
    try:
        measured = _diagram(page)
        # order: the main path, then every step after the one before it
        centres = _centres(measured)
        steps = record.sop.langkah
        assert sorted(centres) == list(range(1, len(steps) + 1))
        path = flow.main_path(steps)
        assert [(a, b) for a, b in itertools.pairwise(path) if centres[b] < centres[a] - 1] == []
        assert [n for n in range(2, len(steps) + 1) if centres[n] < centres[n - 1] - 1] == []
        # fit: the whole drawing (every lane, top to bottom) inside the frame, on open
        assert measured["fitted"] and measured["scale"] <= 1
        assert len(measured["lanes"]) == roles
        assert all(_inside(lane, measured["frame"]) for lane in measured["lanes"]), measured
        assert measured["frame"]["bottom"] <= measured["window"][1] + 1, "the frame fits the window"
        # every lane name in full, in order, inside the frame's width and the window
        names = measured["names"]
        roles_in_order = [record.sop.pelaksana[c] for c in lane_order(record.sop.pelaksana, steps)]
        assert [n["text"] for n in names] == roles_in_order
        for name in names:
            assert name["box"]["width"] > 0 and name["box"]["height"] > 0 and not name["clipped"], name
            assert name["box"]["left"] >= measured["frame"]["left"] - 1.5, name
            assert name["box"]["right"] <= measured["frame"]["right"] + 1.5, name
            assert name["box"]["top"] >= 0 and name["box"]["bottom"] <= measured["window"][1], name
        # arrows back to an earlier step keep one head, at the earlier step
        assert all(start and not end for start, end in measured["back"])
    finally:
        context.close()


# Where each lane and its name are, and whether the name is what the reader sees at its
# centre (not the site's header, not the drawing passing under the row).
IN_SIGHT_JS = """() => {
  const figure = document.querySelector('figure.sop-bagan');
  const area = figure.querySelector('.sop-bagan__gambar');
  const row = figure.querySelector('.sop-bagan__lajur');
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const lanes = Array.from(area.querySelectorAll('svg g.cluster.swimlane'))
    .map(g => box((g.querySelector('rect') || g).getBoundingClientRect()))
    .sort((a, b) => a.left - b.left);
  const names = Array.from(row.querySelectorAll('.sop-bagan__nama-lajur')).map(e => {
    const r = e.getBoundingClientRect();
    const shown = r.width > 0 && r.height > 0;
    const hit = shown && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {text: e.textContent, shown, box: box(r), on_top: Boolean(hit && e.contains(hit)),
            hit: hit ? hit.outerHTML.slice(0, 80) : null,
            clipped: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1};
  });
  return {frame: box(area.getBoundingClientRect()),
          outer: box(figure.querySelector('.sop-bagan__bingkai').getBoundingClientRect()),
          header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          upright: row.classList.contains('sop-bagan__lajur--tegak'),
          lanes, names, height: innerHeight};
}"""


def _names_in_sight(seen: dict[str, Any]) -> int:
    """Check that every lane the frame shows has its name in full, over the part of the
    lane shown, below the site's header and inside the window, and that a lane out of the
    frame shows none. Returns how many lanes the frame cuts yet keep their name."""
    frame, least = seen["frame"], 14 if seen["upright"] else 40  # MIN_NAME of sop-bagan.js
    assert len(seen["lanes"]) == len(seen["names"])
    cut = 0
    for lane, name in zip(seen["lanes"], seen["names"], strict=True):
        left, right = max(lane["left"], frame["left"]), min(lane["right"], frame["right"])
        if right - left <= 0:
            assert not name["shown"], (name, lane, frame)
            continue
        if right - left < min(least, lane["right"] - lane["left"]) + 2:
            continue  # a sliver: its name may go
        assert name["shown"] and name["on_top"] and not name["clipped"], (name["hit"], name, lane, frame)
        assert name["box"]["left"] >= left - 1.5 and name["box"]["right"] <= right + 1.5, (name, lane)
        assert name["box"]["top"] >= seen["header"] - 0.5, (name, seen["header"])
        assert name["box"]["bottom"] <= seen["height"], name
        cut += lane["left"] < frame["left"] - 1 or lane["right"] > frame["right"] + 1
    return cut


@every_diagram
def test_lane_names_stay_in_sight_while_scrolling_and_panning(
    browser: Any, sites: dict[str, Site], which: str, sop_id: str, roles: int, width: int
) -> None:
    site = sites[which]
    context, page, _ = _open(browser, f"{site.url}sop/{sop_id}/", width)
    try:
        opened = _diagram(page)
        assert len(opened["lanes"]) == roles
        # the page scrolled on past the diagram's top (with room below it, as a longer
        # page would have): the row of names stays under the site's header
        page.evaluate(
            "() => document.querySelector('.md-content').append(Object.assign("
            "document.createElement('div'), {style: 'height: 200vh'}))"
        )
        frame = page.evaluate(
            "() => document.querySelector('.sop-bagan__gambar').getBoundingClientRect().height"
        )
        past = min(120.0, frame / 3)
        page.evaluate(
            "past => window.scrollBy(0, document.querySelector('.sop-bagan__bingkai')"
            ".getBoundingClientRect().top + past)",
            past,
        )
        scrolled = page.evaluate(IN_SIGHT_JS)
        assert scrolled["outer"]["top"] < -past / 2, "the diagram's top is above the window"
        assert all(n["shown"] for n in scrolled["names"])
        _names_in_sight(scrolled)
        # moved down the drawing, then zoomed in and moved across it, the page still
        # scrolled (focused as a click focuses it, without scrolling the page)
        page.evaluate("() => document.querySelector('.sop-bagan__gambar').focus({preventScroll: true})")
        for key in ["ArrowDown"] * 3:
            page.keyboard.press(key)
        down = page.evaluate(IN_SIGHT_JS)
        assert all(n["shown"] for n in down["names"])
        _names_in_sight(down)
        page.keyboard.press("+")
        page.keyboard.press("+")
        page.keyboard.press("+")
        cut = 0
        for _ in range(12):
            page.keyboard.press("ArrowRight")
            across = page.evaluate(IN_SIGHT_JS)
            cut += _names_in_sight(across)
        assert cut > 0, "some lane was cut by the frame's edge and kept its name"
        assert not all(n["shown"] for n in across["names"]), "lanes moved out of the frame"
    finally:
        context.close()


def test_zoom_pan_and_full_screen(browser: Any, hard_site: Site) -> None:
    context, page, _ = _open(browser, f"{hard_site.url}sop/kab-uji/kec-uji/besar/", 1366)
    try:
        opened = _diagram(page)
        fitted = opened["scale"]
        page.click("[data-bagan=perbesar]")
        bigger = page.evaluate(MEASURE_JS)
        assert bigger["scale"] > fitted and not bigger["fitted"]
        page.click("[data-bagan=perkecil]")
        assert page.evaluate(MEASURE_JS)["scale"] == pytest.approx(fitted, rel=1e-3)
        # the keyboard on the focused frame
        page.focus(".sop-bagan__gambar")
        page.keyboard.press("+")
        page.keyboard.press("+")
        zoomed = page.evaluate(MEASURE_JS)
        assert zoomed["scale"] > fitted * 1.5
        page.keyboard.press("ArrowRight")
        moved = page.evaluate(MEASURE_JS)
        assert float(moved["viewBox"].split()[0]) > float(zoomed["viewBox"].split()[0])
        # the lane names follow the drawing
        assert moved["names"][0]["box"]["left"] < zoomed["names"][0]["box"]["left"]
        page.keyboard.press("0")
        again = page.evaluate(MEASURE_JS)
        assert again["fitted"] and again["viewBox"] == opened["viewBox"]
        # Ctrl + wheel (a touchpad's pinch) zooms at the pointer
        frame = again["frame"]
        page.mouse.move(frame["left"] + frame["width"] / 2, frame["top"] + frame["height"] / 2)
        page.keyboard.down("Control")
        page.mouse.wheel(0, -300)
        page.keyboard.up("Control")
        page.wait_for_function(f"Number(document.querySelector('figure.sop-bagan').dataset.skala) > {fitted}")
        # dragging moves it
        before = page.evaluate(MEASURE_JS)["viewBox"]
        page.mouse.down()
        page.mouse.move(frame["left"] + frame["width"] / 2 - 80, frame["top"] + frame["height"] / 2 - 40)
        page.mouse.up()
        assert page.evaluate(MEASURE_JS)["viewBox"] != before
        # full screen: over the whole window, fitted again, every lane named; Esc closes
        page.click("[data-bagan=penuh]")
        full = page.evaluate(MEASURE_JS)
        assert full["full"] and full["fitted"]
        assert full["frame"]["width"] > 1300 and full["frame"]["bottom"] <= 900
        assert all(_inside(lane, full["frame"]) for lane in full["lanes"])
        assert all(n["box"]["top"] >= 0 and not n["clipped"] for n in full["names"])
        assert page.get_attribute("[data-bagan=penuh]", "aria-pressed") == "true"
        page.keyboard.press("Escape")
        assert not page.evaluate(MEASURE_JS)["full"]
    finally:
        context.close()


def test_a_tap_opens_the_diagram_full_screen_on_a_phone(browser: Any, samples_site: Site) -> None:
    url = f"{samples_site.url}sop/kab-malang/kec-kalipare/penyusunan-lkj/"
    context, page, _ = _open(browser, url, 390, has_touch=True, is_mobile=True)
    try:
        opened = _diagram(page)
        assert opened["fitted"] and not opened["full"]
        frame = opened["frame"]
        page.touchscreen.tap(frame["left"] + frame["width"] / 2, frame["top"] + frame["height"] / 2)
        page.wait_for_selector("figure.sop-bagan.sop-bagan--penuh")
        full = page.evaluate(MEASURE_JS)
        assert full["fitted"] and full["frame"]["height"] > opened["frame"]["height"]
        assert all(_inside(lane, full["frame"]) for lane in full["lanes"])
        sop = samples_site.portal.get("kab-malang/kec-kalipare/penyusunan-lkj").sop
        assert sorted(n["text"] for n in full["names"]) == sorted(sop.pelaksana)
        page.click("[data-bagan=penuh]")  # "Tutup layar penuh"
        assert not page.evaluate(MEASURE_JS)["full"]
    finally:
        context.close()


def test_hostile_lane_names_stay_text(browser: Any, hard_site: Site) -> None:
    context, page, requests = _open(browser, f"{hard_site.url}sop/kab-uji/kec-uji/jahil/", 1366)
    try:
        measured = _diagram(page)
        assert [n["text"] for n in measured["names"]] == [HOSTILE_ROLE, HOSTILE_ROLE_2]
        assert all(n["elements"] == 0 for n in measured["names"])  # no <b> made of a name
        assert not [u for u in requests if u.startswith("dialog:")]
    finally:
        context.close()


# ---------------------------------------------------------------- the steps on a phone

FIRST_SCREEN_JS = """() => {
  const seen = sel => { const e = document.querySelector(sel); if (!e) return null;
    const r = e.getBoundingClientRect(); const style = getComputedStyle(e);
    return style.display !== 'none' && style.visibility !== 'hidden' && r.height > 0
      && r.top >= 0 && r.bottom <= innerHeight; };
  return {title: seen('.sop-title'), unit: seen('.sop-facts [data-unit]'), status: seen('.sop-status'),
          total: seen('.sop-facts div:last-child dd'), jump: seen('.sop-lompat__utama')};
}"""

# The identity section: folded or open, its summary shown or not, and how many of its
# cells (letterhead, the six rows, the six boxes) the reader can see.
IDENTITY_JS = """() => {
  const fold = document.querySelector('.sop-identitas-lipat');
  const cells = Array.from(document.querySelectorAll('.sop-identitas :is(th, td), .sop-kotak :is(th, td)'));
  const top = sel => document.querySelector(sel).getBoundingClientRect().top;
  return {open: fold.open, summary: fold.querySelector('summary').checkVisibility(),
          cells: cells.length, seen: cells.filter(c => c.checkVisibility()).length,
          rows: document.querySelectorAll('.sop-identitas tr').length,
          before_steps: (top('#prosedur') - top('#identitas-sop')) / innerHeight,
          jump_bar: getComputedStyle(document.querySelector('.sop-lompat')).display};
}"""

CELLS = 25  # 1 letterhead + 6 rows of 2 + 6 boxes of 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_steps_are_one_tap_away_on_a_phone(browser: Any, samples_site: Site, scheme: str) -> None:
    for record in samples_site.portal.records:
        context, page, _ = _open(browser, f"{samples_site.url}sop/{record.id}/", 390, color_scheme=scheme)
        try:
            page.set_viewport_size({"width": 390, "height": 844})
            first = page.evaluate(FIRST_SCREEN_JS)
            assert first == {"title": True, "unit": True, "status": True, "total": True, "jump": True}, (
                record.id
            )
            # the identity is folded: its heading and summary stand before the steps,
            # not two screens of tables
            identity = page.evaluate(IDENTITY_JS)
            assert (identity["open"], identity["summary"], identity["seen"]) == (False, True, 0), record.id
            assert 0 < identity["before_steps"] < 1 / 3, (record.id, identity)
            page.click(".sop-lompat__utama")
            page.wait_for_function("location.hash === '#prosedur'")
            steps = page.evaluate(
                "() => { const r = document.querySelector('.sop-view--langkah').getBoundingClientRect();"
                " return [r.top, r.height, innerHeight]; }"
            )
            assert steps[1] > 0 and 0 <= steps[0] < steps[2] / 2, (record.id, steps)
        finally:
            context.close()


def test_the_folded_identity_opens_by_its_link_and_its_summary(browser: Any, samples_site: Site) -> None:
    url = f"{samples_site.url}sop/kab-malang/kec-kalipare/penyusunan-lkj/"
    context, page, _ = _open(browser, url, 390)
    try:
        assert page.evaluate(IDENTITY_JS)["open"] is False
        page.click(".sop-lompat a[href='#identitas-sop']")  # the jump bar's link
        opened = page.evaluate(IDENTITY_JS)
        assert (opened["open"], opened["cells"], opened["seen"]) == (True, CELLS, CELLS)
        page.click(".sop-identitas-lipat > summary")
        assert page.evaluate(IDENTITY_JS)["seen"] == 0
        page.click(".sop-identitas-lipat > summary")
        assert page.evaluate(IDENTITY_JS)["seen"] == CELLS
        # a link from elsewhere to the identity finds it open
        page.goto(url + "#identitas-sop")
        assert page.evaluate(IDENTITY_JS)["open"] is True
    finally:
        context.close()


def test_wide_screens_and_print_show_the_identity_whole(browser: Any, samples_site: Site) -> None:
    url = f"{samples_site.url}sop/kab-malang/kec-kalipare/penyusunan-lkj/"
    context, page, _ = _open(browser, url, 1366)
    try:
        wide = page.evaluate(IDENTITY_JS)
        assert (wide["jump_bar"], wide["open"], wide["summary"], wide["seen"]) == ("none", True, False, CELLS)
    finally:
        context.close()
    # printed from a phone, where the section was folded
    context, page, _ = _open(browser, url, 390)
    try:
        assert page.evaluate(IDENTITY_JS)["seen"] == 0
        page.emulate_media(media="print")
        printed = page.evaluate(IDENTITY_JS)
        assert (printed["jump_bar"], printed["summary"], printed["seen"], printed["rows"]) == (
            "none",
            False,
            CELLS,
            6,
        )
    finally:
        context.close()


def test_without_javascript_the_identity_is_whole_and_still_folds(browser: Any, samples_site: Site) -> None:
    url = f"{samples_site.url}sop/kab-malang/kec-kalipare/penyusunan-lkj/"
    context, page, _ = _open(browser, url, 390, java_script_enabled=False)
    try:
        shown = page.evaluate(IDENTITY_JS)  # Playwright's own evaluate runs; the page's scripts do not
        assert (shown["open"], shown["summary"], shown["seen"]) == (True, True, CELLS)
        page.click(".sop-identitas-lipat > summary")
        assert page.evaluate(IDENTITY_JS)["seen"] == 0
    finally:
        context.close()
