"""The printed SOP in the system's Chromium: the PDF export (`macros/pdf.py`, the same
print engine and stylesheet as the browser's own print dialog), read back with pypdf
and, for the QR code, rendered to pixels with pdftoppm.

Two builds of the fixture site `tests/fixtures_print/cetak/` (A4 with PDF links, and
F4), each exported to PDF: every SOP and the unit's book.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from helpers import Build, make_project, run_builds
from pypdf import PdfReader
from test_print import CETAK, DRAFT, LONG, REVOKED, SITE_URL, UNIT, configure

from macros.index import load_portal
from macros.pdf import Export, book_path, export, pdf_path
from macros.render.qr import qr_code
from macros.versi import versi_record

MM = 72 / 25.4  # PDF points per millimetre
PAPERS = {"A4": (297.0, 210.0), "F4": (330.0, 215.0)}
HEADER = ("No", "Kegiatan", "Pelaksana", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan")
ROLES = ("Pemohon", "Petugas Loket", "Kasi Pelayanan", "Tim Teknis", "Sekretaris Camat", "Camat")


class Exported(NamedTuple):
    build: Build
    project: Path
    result: Export


@pytest.fixture(scope="module")
def exported(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Exported]:
    jobs, projects = [], []
    for kertas in PAPERS:
        tmp = tmp_path_factory.mktemp(f"pdf-{kertas}")
        project = make_project(tmp, CETAK / "sop_src")
        configure(project, kertas=kertas, pdf=True)
        jobs.append((project, tmp / "site"))
        projects.append(project)
    out = {}
    for kertas, build, project in zip(PAPERS, run_builds(jobs), projects, strict=True):
        assert build.returncode == 0, build.output
        out[kertas] = Exported(build, project, export(build.site, project, browser=browser, log=False))
    return out


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeezed(text: str) -> str:
    """Text without any whitespace: line wrapping does not matter."""
    return re.sub(r"\s+", "", text)


def kegiatan(sop_id: str) -> list[str]:
    return [step.kegiatan for step in load_portal(CETAK).get(sop_id).sop.langkah]


def steps_per_page(path: Path, sop_id: str) -> list[list[int]]:
    """The step numbers whose whole activity text is on each page (one page each)."""
    texts = [squeezed(t) for t in pages_text(path)]
    out: list[list[int]] = [[] for _ in texts]
    for number, text in enumerate(kegiatan(sop_id), start=1):
        found = [i for i, page in enumerate(texts) if squeezed(text) in page]
        assert len(found) == 1, f"langkah {number} ({text!r}) on pages {found}: cut, lost or repeated"
        out[found[0]].append(number)
    return out


def sop_html(site: Path, sop_id: str) -> str:
    return (site / "sop" / sop_id / "index.html").read_text(encoding="utf-8")


def planned_pages(html: str) -> list[list[int]]:
    """The page plan written into the page: rows, and a new page at each sop-cetak-awal."""
    pages: list[list[int]] = [[]]
    if re.search(r'<table class="sop-prosedur"[^>]* data-cetak-halaman-baru[ >]', html):
        pages.append([])
    for number, attrs in re.findall(r'<tr id="langkah-(\d+)" data-langkah="\d+"([^>]*)>', html):
        if "sop-cetak-awal" in attrs:
            pages.append([])
        pages[-1].append(int(number))
    return pages


# ----------------------------------------------------------------- paper


@pytest.mark.parametrize("kertas", list(PAPERS))
def test_every_page_has_the_configured_paper_in_landscape(exported: dict[str, Exported], kertas: str) -> None:
    width, height = PAPERS[kertas]
    done = exported[kertas]
    paths = [item.path for item in done.result.sops] + done.result.books
    assert len(done.result.sops) == 5 and len(done.result.books) == 2
    for path in paths:
        for number, page in enumerate(PdfReader(path).pages, start=1):
            w, h = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
            where = f"{path.name} hal. {number}: {w:.1f} x {h:.1f} mm"
            assert abs(w - width) < 0.5 and abs(h - height) < 0.5, where


# ----------------------------------------------------------------- the table across pages


@pytest.mark.parametrize("kertas", list(PAPERS))
def test_the_long_sop_breaks_where_the_page_plan_says(exported: dict[str, Exported], kertas: str) -> None:
    done = exported[kertas]
    html = (done.build.site / "sop" / LONG / "index.html").read_text(encoding="utf-8")
    found = steps_per_page(pdf_path(done.build.site, LONG), LONG)
    assert found == planned_pages(html)  # no row cut, none moved by the browser
    assert sum(1 for page in found if page) >= 2


@pytest.mark.parametrize("kertas", list(PAPERS))
def test_the_column_header_is_repeated_on_every_page_with_steps(
    exported: dict[str, Exported], kertas: str
) -> None:
    path = pdf_path(exported[kertas].build.site, LONG)
    texts = pages_text(path)
    for number, steps in enumerate(steps_per_page(path, LONG)):
        if not steps:
            continue
        flat = squeezed(texts[number])
        for label in (*HEADER, *ROLES):
            assert squeezed(label) in flat, f"hal. {number + 1}: '{label}' missing from the table header"


def test_off_page_connectors_join_the_pages(exported: dict[str, Exported]) -> None:
    path = pdf_path(exported["A4"].build.site, LONG)
    texts = pages_text(path)
    pages = steps_per_page(path, LONG)
    table = [i for i, steps in enumerate(pages) if steps]
    html = sop_html(exported["A4"].build.site, LONG)
    seen: set[str] = set()
    for before, after in itertools.pairwise(table):
        last = pages[before][-1]
        # The letters drawn at this break (A, B, ... through the SOP), from the page itself.
        marks = set(
            re.findall(rf'data-langkah="{last}"[^>]*data-simbol="penghubung".*?<text[^>]*>([A-Z]+)<', html)
        )
        assert marks, f"no connector at the bottom of hal. {before + 1} (after langkah {last})"
        assert not marks & seen  # lettered through the whole SOP, never reused
        seen |= marks
        for mark in marks:
            for page in (before, after):
                assert re.search(rf"(?<![A-Za-z]){mark}(?![A-Za-z])", texts[page]), (mark, page + 1)


def test_pages_are_numbered(exported: dict[str, Exported]) -> None:
    for item in exported["A4"].result.sops:
        texts = pages_text(item.path)
        for number, text in enumerate(texts, start=1):
            assert f"Hal. {number} dari {len(texts)}" in text


# ----------------------------------------------------------------- approval


def test_the_signature_block_is_printed(exported: dict[str, Exported]) -> None:
    first = squeezed(pages_text(pdf_path(exported["A4"].build.site, LONG))[0])
    for text in (
        "Disahkan oleh",
        "Camat Contoh",
        "Drs. SUKARNO HADI, M.Si",
        "Pembina Tingkat I (IV/b)",
        "NIP. 19700512 199503 1 004",
        "PEMERINTAH KABUPATEN CONTOH",
        "Nama SOP",
        "Pelayanan Izin Usaha Mikro dan Kecil (IUMK)",
    ):
        assert squeezed(text) in first, text


def test_konsep_is_marked_on_every_page_of_drafts_only(exported: dict[str, Exported]) -> None:
    site = exported["A4"].build.site
    for text in pages_text(pdf_path(site, DRAFT)):
        assert "KONSEP" in text
    for sop_id in (LONG, REVOKED, f"{UNIT}/penomoran-surat"):
        assert not any("KONSEP" in t for t in pages_text(pdf_path(site, sop_id))), sop_id
    for text in pages_text(pdf_path(site, REVOKED)):
        assert "DICABUT" in text


# ----------------------------------------------------------------- the QR code on paper


Box = tuple[float, float, float, float]


def _grey(path: Path, page: int, box_mm: Box, dpi: int = 300) -> list[list[int]]:
    """Pixels (0 black .. 255 white) of a box (x, y, w, h in mm from the top left) of a page."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    x, y, w, h = (round(v / 25.4 * dpi) for v in box_mm)
    out = path.parent / f"{path.stem}-{page}-crop"
    crop = ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", *pages, *crop, str(path), str(out)], check=True
    )
    data = out.with_suffix(".pgm").read_bytes()
    magic, width, height, maxval, rest = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    cols, rows = int(width), int(height)
    return [list(rest[r * cols : (r + 1) * cols]) for r in range(rows)]


def _read_modules(pixels: list[list[int]], size: int) -> list[list[bool]]:
    """Sample a QR code's modules: the dark pixels' bounding box is the symbol."""
    dark = [(r, c) for r, row in enumerate(pixels) for c, v in enumerate(row) if v < 128]
    assert dark, "no QR code printed"
    top, bottom = min(r for r, _ in dark), max(r for r, _ in dark)
    left, right = min(c for _, c in dark), max(c for _, c in dark)
    step_y, step_x = (bottom - top + 1) / size, (right - left + 1) / size
    return [
        [pixels[int(top + (i + 0.5) * step_y)][int(left + (j + 0.5) * step_x)] < 128 for j in range(size)]
        for i in range(size)
    ]


def test_the_qr_code_on_every_page_encodes_the_public_page(exported: dict[str, Exported]) -> None:
    # Issue 15: the public page of the printed copy's version, v/<versi>/ (was: sop/<id>/).
    path = pdf_path(exported["A4"].build.site, LONG)
    versi = versi_record(load_portal(exported["A4"].project).get(LONG))
    code = qr_code(f"{SITE_URL}v/{versi}/")
    expected = [[bool(v) for v in row] for row in code.matrix]
    height = PAPERS["A4"][1]
    for page in range(1, len(PdfReader(path).pages) + 1):
        pixels = _grey(path, page, (9.0, height - 19.5, 22.0, 19.5))
        assert _read_modules(pixels, len(expected)) == expected, f"hal. {page}"


def test_drafts_print_no_qr_code(exported: dict[str, Exported]) -> None:
    path = pdf_path(exported["A4"].build.site, DRAFT)
    pixels = _grey(path, 1, (9.0, PAPERS["A4"][1] - 19.5, 22.0, 19.5))
    assert not any(v < 128 for row in pixels for v in row)


# ----------------------------------------------------------------- the unit's book


def test_the_unit_book_has_a_cover_a_table_of_contents_and_every_sop(exported: dict[str, Exported]) -> None:
    done = exported["A4"]
    portal = load_portal(done.project)
    unit = portal.unit_of[LONG]
    path = book_path(done.build.site, unit)
    reader = PdfReader(path)
    texts = [page.extract_text() for page in reader.pages]
    total = len(texts)
    sops = [item for item in done.result.sops if portal.unit_of[item.record.id] is unit]
    assert len(sops) == 4
    assert total == 2 + sum(item.pages for item in sops)
    cover, toc = squeezed(texts[0]), texts[1]
    assert squeezed("PEMERINTAH KABUPATEN CONTOH") in cover and squeezed("KANTOR KECAMATAN CONTOH") in cover
    assert squeezed("STANDAR OPERASIONAL PROSEDUR") in cover
    assert "Daftar Isi".upper() in toc.upper()
    starts = {}
    for item in sops:
        name = item.record.sop.nama
        line = next((li for li in toc.splitlines() if name in li), None)
        assert line, f"{name} missing from the table of contents"
        page = int(line.split()[-1])
        starts[item.record.id] = page
        assert "Hal. 1 dari" in texts[page - 1] and squeezed(name) in squeezed(texts[page - 1])
    assert starts[LONG] == 3  # in force first
    for number in range(2, total + 1):
        assert f"hlm. {number} dari {total}" in texts[number - 1]
    assert "hlm." not in texts[0]
    titles = [item.title for item in reader.outline]  # type: ignore[union-attr]
    assert titles[:2] == ["Sampul", "Daftar Isi"]
    assert set(titles[2:]) == {item.record.sop.nama for item in sops}


def test_a_dark_screen_still_prints_black_on_white(browser: Any, exported: dict[str, Exported]) -> None:
    """The reader's dark palette (Material's slate scheme) never reaches the paper."""
    from macros.pdf import serve

    site = exported["A4"].build.site
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        with serve(site) as base:
            page.goto(f"{base}sop/{DRAFT}/")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            path = site / "dark.pdf"
            path.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        context.close()
    corner = _grey(path, 1, (0.0, 0.0, 8.0, 8.0), dpi=72)  # the page margin
    assert min(v for row in corner for v in row) > 240
    cell = _grey(path, 1, (80.0, 30.0, 10.0, 5.0), dpi=72)  # inside the identity table
    assert sum(v for row in cell for v in row) / sum(len(row) for row in cell) > 200


WIDE = "kab-contoh/kec-lain/rekomendasi-keramaian"


@pytest.mark.parametrize("kertas", list(PAPERS))
def test_a_table_with_many_roles_is_shrunk_to_the_paper_width(
    browser: Any, exported: dict[str, Exported], kertas: str
) -> None:
    """Eleven pelaksana columns do not fit A4 at full size: the table is printed smaller,
    whole, every column on the paper, every step on its planned page."""
    from macros.pdf import serve
    from macros.print_layout import INSET

    site = exported[kertas].build.site
    html = (site / "sop" / WIDE / "index.html").read_text(encoding="utf-8")
    scale = re.search(r"--cetak-skala: ([0-9.]+)", html)
    assert scale and float(scale.group(1)) < (1 if kertas == "A4" else 1.001)  # F4 is wide enough
    width_mm = PAPERS[kertas][0] - 2 * 10.0
    context = browser.new_context(viewport={"width": round(width_mm / 25.4 * 96), "height": 800})
    # Print media at the printed width: the layout Chromium paginates.
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        with serve(site) as base:
            page.goto(f"{base}sop/{WIDE}/")
            table = page.locator("table.sop-prosedur")
            right = table.evaluate("t => t.getBoundingClientRect().right / window.innerWidth")
    finally:
        context.close()
    assert right * width_mm <= width_mm - INSET / 2  # inside the page, its outer rule too
    texts = pages_text(pdf_path(site, WIDE))
    found = steps_per_page(pdf_path(site, WIDE), WIDE)
    assert found == planned_pages(html)
    for number, steps in enumerate(found):
        if steps:
            assert squeezed("Keterangan") in squeezed(texts[number]) and "Bupati" in texts[number]


BROKEN_WORDS_JS = """() => {
  const out = [];
  for (const th of document.querySelectorAll('table.sop-prosedur th.sop-role')) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size !== 1) out.push(`${th.textContent}: ${m[0]}`);
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("kertas", list(PAPERS))
def test_role_names_in_the_printed_header_break_between_words_only(
    browser: Any, exported: dict[str, Exported], kertas: str
) -> None:
    """In print, at the printed width, every word of a pelaksana's name in the table
    header stays on one line ('Kasi Pemerintahan', never 'Kasi Pemerint' / 'ahan'),
    also in the table of eleven pelaksana printed smaller."""
    from macros.pdf import serve

    site = exported[kertas].build.site
    width_mm = PAPERS[kertas][0] - 2 * 10.0
    context = browser.new_context(viewport={"width": round(width_mm / 25.4 * 96), "height": 800})
    broken, names = {}, 0
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        with serve(site) as base:
            for record in load_portal(exported[kertas].project).records:
                page.goto(f"{base}sop/{record.id}/")
                names += page.locator("table.sop-prosedur th.sop-role").count()
                found = page.evaluate(BROKEN_WORDS_JS)
                if found:
                    broken[record.id] = found
    finally:
        context.close()
    assert names >= 20
    assert broken == {}
