"""The three views of an SOP's procedure in headless Chromium (the system browser):

- the official table draws exactly the symbols the rule gives, one per step and role;
- the swimlane diagram is drawn by the site's own copy of Mermaid (an <svg>, no
  "Syntax error"), with any text in labels shown as text;
- the view a reader sees first follows the screen's width, with and without
  JavaScript, and print shows the table only;
- no request leaves the site.

Sites are built from the project's sop_src/ and from a fixture of hard cases (the
17-step, 6-lane flow, the good-flow fixture, hostile text in every field), into
tmp_path, and served on 127.0.0.1. Skipped with a reason when Chromium is missing,
unless PORTAL_SOP_REQUIRE_BROWSER=1 (the `browser` fixture of conftest.py).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import FIXTURES, PROJECT, make_project, run_build
from test_mermaid import BIG, ROLES, step

from macros import flow
from macros.index import Portal, load_portal

VENDOR = PROJECT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"

HOSTILE_ROLE = 'Kasi "<b>Umum</b>" #35; | end'
HOSTILE_ROLE_2 = "%%{init: {'theme':'forest'}}%% click n1 call alert(1)"
HOSTILE_STEPS = [
    {"kegiatan": "<img src=x onerror=alert(1)> --> n2; end", "pelaksana": HOSTILE_ROLE},
    {
        "kegiatan": "Memeriksa {{ berkas }} {% if x %} [x] (y) {z}\nbaris kedua",
        "pelaksana": [HOSTILE_ROLE_2, HOSTILE_ROLE],
        "keputusan": {'Ya "<i>benar</i>"': 3, "Tidak |#quot;| ;": 1},
    },
    {"kegiatan": "عربي: مرحبا 👍🏽 `kode` $$x^2$$ &amp;", "pelaksana": HOSTILE_ROLE_2},
]


def sop_file(nama: str, pelaksana: list[str], langkah: list[dict[str, Any]]) -> str:
    data = {
        "nama": nama,
        "instansi": "Pemerintah Kabupaten Uji",
        "unit": "Kecamatan Uji",
        "status": "konsep",
        "tanggal_pembuatan": "2024-01-01",
        "disahkan_oleh": {"jabatan": "Camat Uji"},
        "pelaksana": pelaksana,
        "langkah": langkah,
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


class Site(NamedTuple):
    url: str  # http://127.0.0.1:<port>/
    portal: Portal


def _serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _vendor_present() -> None:
    if not VENDOR.is_file():
        reason = f"{VENDOR.relative_to(PROJECT)} is missing: run `make vendor` (npm ci + copy)"
        if os.environ.get("PORTAL_SOP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def _site(tmp: Path, sources: Path | dict[str, str]) -> Iterator[Site]:
    _vendor_present()
    project = make_project(tmp, sources)
    built = run_build(project, tmp / "site")
    assert built.returncode == 0, built.output
    server, url = _serve(built.site)
    try:
        yield Site(url, load_portal(project))
    finally:
        server.shutdown()
        server.server_close()


def _largest() -> tuple[list[str], list[dict[str, Any]]]:
    """The largest SOP the portal promises to draw: 60 steps, 12 roles, a rework loop
    every seventh step, hand-overs between two roles, a second start and an early end."""
    roles = [f"Jabatan {n}" for n in range(1, 13)]
    steps: list[dict[str, Any]] = []
    for n in range(1, 61):
        who: str | list[str] = roles[(n - 1) % 12]
        more: dict[str, Any] = {"waktu": f"{n % 5 + 1} jam"}
        if n % 7 == 0:
            more["keputusan"] = {"Ya": n + 1, "Tidak": n - 3}
        elif n % 11 == 0:
            who = [roles[(n - 1) % 12], roles[n % 12]]
        if n == 45:
            more["selesai"] = True
        if n == 46:
            more["mulai"] = True
        steps.append(
            step(f"Kegiatan nomor {n} dengan uraian yang cukup panjang untuk dibungkus", who, **more)
        )
    return roles, steps


LARGEST = _largest()


@pytest.fixture(scope="module")
def samples_site(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _site(tmp_path_factory.mktemp("samples"), PROJECT / "sop_src")


@pytest.fixture(scope="module")
def hard_site(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    good_flow = FIXTURES / "good-flow" / "sop_src"
    sources = {
        str(path.relative_to(good_flow)): path.read_text(encoding="utf-8")
        for path in good_flow.rglob("*")
        if path.is_file()
    }
    sources["kab-uji/kec-uji/besar.md"] = sop_file("Surat Keterangan (17 langkah)", ROLES, BIG)
    sources["kab-uji/kec-uji/terbesar.md"] = sop_file("Pengadaan (60 langkah, 12 pelaksana)", *LARGEST)
    sources["kab-uji/kec-uji/satu.md"] = sop_file("Satu langkah", ["Staf"], [step("Mencatat surat", "Staf")])
    sources["kab-uji/kec-uji/jahil.md"] = sop_file(
        'Teks "<b>jahil</b>" {{ x }}', [HOSTILE_ROLE, HOSTILE_ROLE_2], HOSTILE_STEPS
    )
    yield from _site(tmp_path_factory.mktemp("hard"), sources)


def _all_pages(site: Site) -> list[tuple[str, Any]]:
    return [(f"{site.url}sop/{r.id}/", r) for r in site.portal.records]


def _open(browser: Any, url: str, width: int = 1280, **options: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # a dialog (alert) would mean some text ran as script: record it as a request nobody made
    page.on("dialog", lambda dialog: (requests.append(f"dialog:{dialog.message}"), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, requests


def _outside(requests: list[str], site: Site) -> list[str]:
    """Requests that left the site (data: URLs are not requests to anywhere)."""
    host = urlsplit(site.url).netloc
    return [u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != host]


def _dialogs(requests: list[str]) -> list[str]:
    return [u for u in requests if u.startswith("dialog:")]


def _expected_symbols(record: Any) -> list[list[Any]]:
    steps = record.sop.langkah
    return sorted(
        [n, role, flow.symbol(steps, n)] for n, step in enumerate(steps, 1) for role in step.pelaksana
    )


SYMBOLS_JS = """() => Array.from(document.querySelectorAll('.sop-prosedur [data-simbol]'))
  .filter(e => e.dataset.simbol !== 'penghubung')
  .map(e => [Number(e.dataset.langkah), e.dataset.pelaksana, e.dataset.simbol])"""

DIAGRAM_JS = """() => {
  const figure = document.querySelector('figure.sop-bagan');
  const svg = figure && figure.querySelector('.sop-bagan__gambar svg');
  return {
    status: figure && figure.dataset.status,
    drawn: figure && figure.dataset.drawn,
    svg: Boolean(svg),
    errorIcon: Boolean(figure && figure.querySelector('.error-icon, .error-text')),
    text: figure ? figure.innerText : '',
    nodes: svg ? Array.from(svg.querySelectorAll('g.node')).map(n => [n.id, n.textContent]) : [],
    lanes: svg ? Array.from(svg.querySelectorAll('.swimlane-label, .swimlane-title'))
      .map(n => n.textContent).filter(t => t) : [],
    edgeLabels: svg ? Array.from(svg.querySelectorAll('.edgeLabel')).map(n => n.textContent) : [],
    foreign: svg ? Array.from(svg.querySelectorAll('foreignObject *'))
      .map(e => e.localName).filter(n => !['div', 'span', 'p', 'br'].includes(n)) : [],
  };
}"""


def _show_diagram(page: Any) -> dict[str, Any]:
    page.click("label[for=__tabbed_sop_3]")  # opening the tab is enough to draw it
    page.wait_for_selector("figure.sop-bagan[data-status]", state="attached", timeout=30_000)
    result: dict[str, Any] = page.evaluate(DIAGRAM_JS)
    return result


def _check_page(browser: Any, site: Site, url: str, record: Any) -> dict[str, Any]:
    context, page, requests = _open(browser, url)
    try:
        symbols = sorted(page.evaluate(SYMBOLS_JS))
        assert symbols == _expected_symbols(record), record.id
        visible = page.evaluate(
            "() => Array.from(document.querySelectorAll('.sop-prosedur .fc-simbol'))"
            ".filter(e => !e.closest('[data-simbol=penghubung]') && e.dataset.simbol !== 'penghubung')"
            ".every(e => e.getBoundingClientRect().width > 20)"
        )
        assert visible, "every symbol of the table is drawn at its size on a wide screen"
        diagram = _show_diagram(page)
        assert diagram["status"] == "ok" and diagram["svg"], diagram["text"]
        assert "Syntax error" not in diagram["text"] and not diagram["errorIcon"]
        nodes = len([1 for step in record.sop.langkah for _ in step.pelaksana])
        steps = [node for node, _ in diagram["nodes"] if "_ulang-" not in node]  # not the repeat circles
        assert len(steps) == nodes
        assert sorted(diagram["lanes"]) == sorted(record.sop.pelaksana)
        assert diagram["foreign"] == [], "labels hold text only"
        assert _outside(requests, site) == [] and _dialogs(requests) == []
        assert any("/assets/vendor/mermaid/" in u for u in requests), "Mermaid came from the site itself"
        return diagram
    finally:
        context.close()


# ---------------------------------------------------------------- every sample SOP


def test_every_sample_page(browser: Any, samples_site: Site) -> None:
    pages = _all_pages(samples_site)
    assert len(pages) >= 3
    for url, record in pages:
        _check_page(browser, samples_site, url, record)


def test_hard_cases(browser: Any, hard_site: Site) -> None:
    for url, record in _all_pages(hard_site):
        diagram = _check_page(browser, hard_site, url, record)
        if record.id.endswith("jahil"):
            assert sorted(diagram["lanes"]) == sorted([HOSTILE_ROLE, HOSTILE_ROLE_2])
            texts = " ".join(text for _, text in diagram["nodes"])
            assert "1. <img src=x onerror=alert(1)> --> n2; end" in texts
            assert "{{ berkas }} {% if x %} [x] (y) {z}" in texts
            assert "عربي: مرحبا 👍🏽 `kode` $$x^2$$ &amp;" in texts
            assert {'Ya "<i>benar</i>"', "Tidak |#quot;| ;"} <= set(diagram["edgeLabels"])


# ---------------------------------------------------------------- which view first


VIEWS_JS = """() => Object.fromEntries(['tabel', 'langkah', 'bagan'].map(v => {
  const block = document.querySelector('.sop-view--' + v);
  return [v, block ? getComputedStyle(block).display !== 'none' : null];
}))"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(("width", "first"), [(390, "langkah"), (1280, "tabel")])
def test_first_view_follows_the_width(
    browser: Any, samples_site: Site, width: int, first: str, javascript: bool
) -> None:
    url, _ = _all_pages(samples_site)[0]
    context, page, requests = _open(browser, url, width, java_script_enabled=javascript)
    try:
        views = page.evaluate(VIEWS_JS)
        assert views == {v: v == first for v in ("tabel", "langkah", "bagan")}
        page.click("label[for=__tabbed_sop_1]")  # the reader's choice wins over the width
        assert page.evaluate(VIEWS_JS) == {"tabel": True, "langkah": False, "bagan": False}
        assert _outside(requests, samples_site) == []
    finally:
        context.close()


def test_print_shows_the_table_only(browser: Any, samples_site: Site) -> None:
    url, _ = _all_pages(samples_site)[0]
    context, page, _ = _open(browser, url, 390)
    try:
        page.emulate_media(media="print")
        assert page.evaluate(VIEWS_JS) == {"tabel": True, "langkah": False, "bagan": False}
        labels = page.evaluate(
            "getComputedStyle(document.querySelector('.sop-views .tabbed-labels')).display"
        )
        assert labels == "none"
    finally:
        context.close()


def test_step_list_links_to_branch_targets(browser: Any, samples_site: Site) -> None:
    record = next(r for r in samples_site.portal.records if any(s.keputusan for s in r.sop.langkah))
    context, page, _ = _open(browser, f"{samples_site.url}sop/{record.id}/", 390)
    try:
        links = page.evaluate(
            "() => Array.from(document.querySelectorAll('.sop-langkah__tujuan a'))"
            ".map(a => [a.getAttribute('href'), Boolean(document.querySelector(a.getAttribute('href')))])"
        )
        assert links and all(found for _, found in links)
    finally:
        context.close()


def test_dark_palette_redraws_the_diagram(browser: Any, samples_site: Site) -> None:
    url, _ = _all_pages(samples_site)[0]
    context, page, _ = _open(browser, url, 1280, color_scheme="dark")
    try:
        diagram = _show_diagram(page)
        assert diagram["status"] == "ok" and diagram["drawn"] == "dark"
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
        page.wait_for_function("document.querySelector('figure.sop-bagan').dataset.drawn === 'default'")
        page.wait_for_selector("figure.sop-bagan[data-status=ok] .sop-bagan__gambar svg")
    finally:
        context.close()


# ---------------------------------------------------------------- accessibility (axe-core)

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
AXE_JS = """async () => {
  const result = await axe.run({include: [['.sop-views']]}, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
  });
  return result.violations.map(v => `${v.id} (${v.impact}): ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "tab"), [(1280, None), (390, None), (1280, 2), (1280, 3)])
def test_axe_finds_nothing_in_the_three_views(
    browser: Any, samples_site: Site, width: int, tab: int | None, scheme: str
) -> None:
    """axe-core (pinned in package-lock.json, injected from node_modules/, never served)
    on the procedure views: the table, the step list, and the drawn diagram."""
    if not AXE.is_file():
        reason = "node_modules/axe-core is missing: run `npm ci`"
        if os.environ.get("PORTAL_SOP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    record = next(r for r in samples_site.portal.records if any(s.keputusan for s in r.sop.langkah))
    context, page, _ = _open(browser, f"{samples_site.url}sop/{record.id}/", width, color_scheme=scheme)
    try:
        if tab is not None:
            page.click(f"label[for=__tabbed_sop_{tab}]")
        if tab == 3:
            page.wait_for_selector("figure.sop-bagan[data-status=ok]", state="attached", timeout=30_000)
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(AXE_JS) == []
    finally:
        context.close()


# The whole page (Material's chrome included): no serious or critical violation.
AXE_PAGE_JS = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  });
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""
WHOLE_PAGES = [
    "",
    "katalog/",
    "katalog/pemerintah-kabupaten-malang/kantor-kecamatan-kalipare/",
    "sop/kab-malang/kec-kalipare/penyusunan-lkj/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", WHOLE_PAGES)
def test_axe_finds_nothing_on_home_and_catalog(
    browser: Any, samples_site: Site, path: str, scheme: str
) -> None:
    """axe-core on whole pages: home, catalog, an SOP page, a unit page, both palettes."""
    if not AXE.is_file():
        reason = "node_modules/axe-core is missing: run `npm ci`"
        if os.environ.get("PORTAL_SOP_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    context, page, requests = _open(browser, f"{samples_site.url}{path}", 1280, color_scheme=scheme)
    try:
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(AXE_PAGE_JS) == []
        assert all(url.startswith(samples_site.url) for url in requests), requests
    finally:
        context.close()
