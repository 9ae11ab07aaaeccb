"""The printed SOP without a browser: paper sizes, the page plan of the procedure table,
the page setup and furniture written into SOP pages (paper size, QR code, watermarks,
signature block, PDF link), and the site settings behind them.

The fixture site `tests/fixtures_print/cetak/` holds a 17-step, 6-role SOP in force
(`izin-usaha`), a draft (`konsep-arsip`) and a revoked one (`izin-lama`). What only a
browser shows (pages, repeated header, QR code on paper) is tests/test_pdf.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import TESTS, Build, make_project, page_text, run_builds

from macros import print_layout
from macros.index import Portal, load_portal
from macros.print_layout import KERTAS, Bagan, PrintPlan, RowText, line_count, resolve_kertas, text_width
from macros.render.print_parts import NO_SITE_URL, css_string, print_settings
from macros.render.qr import qr_data_uri
from macros.render.sop import render_prosedur

PRINT_FIXTURES = TESTS / "fixtures_print"
CETAK = PRINT_FIXTURES / "cetak"
UNIT = "kab-contoh/kec-contoh"
LONG = f"{UNIT}/izin-usaha"
DRAFT = f"{UNIT}/konsep-arsip"
REVOKED = f"{UNIT}/izin-lama"
SITE_URL = "https://sop.example.org/"
A4_WIDTH = 297 - 2 * (10 + print_layout.INSET) - print_layout.RULE  # what the table may fill


def configure(
    project: Path, kertas: str | None = "A4", pdf: bool = False, site_url: bool = True, strict: bool = True
) -> None:
    """Edit a tiny project's mkdocs.yml (a copy of the real one): paper, PDF links,
    site_url, strict."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "kertas: A4" in text and "pdf: !ENV [PORTAL_SOP_PDF, false]" in text and "\nsite_url:" in text
    if kertas is not None:
        text = text.replace("kertas: A4", f"kertas: {kertas}")
    text = text.replace("pdf: !ENV [PORTAL_SOP_PDF, false]", f"pdf: {'true' if pdf else 'false'}")
    if not site_url:
        text = re.sub(r"\nsite_url: .*", "", text)
    if not strict:
        text = text.replace("\nstrict: true\n", "\nstrict: false\n")
    config.write_text(text, encoding="utf-8")


def css_unescape(text: str) -> str:
    """A CSS string's content as a CSS reader gets it (hex escapes end with one eaten space)."""
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), text)


def qr_in_style(style: str) -> str | None:
    """The data URI of the QR code in the page's bottom-left margin box, if any."""
    match = re.search(r'@bottom-left \{ content: url\("([^"]*)"\)', style)
    return css_unescape(match.group(1)) if match else None


def page_of(build: Build, sop_id: str) -> str:
    return (build.site / "sop" / sop_id / "index.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------- settings


def test_paper_sizes_are_landscape_and_a4_is_the_default() -> None:
    assert resolve_kertas(None) is KERTAS["A4"]
    assert (KERTAS["A4"].lebar, KERTAS["A4"].tinggi) == (297.0, 210.0)
    assert (KERTAS["F4"].lebar, KERTAS["F4"].tinggi) == (330.0, 215.0)
    assert KERTAS["Letter"].css_size == "279.4mm 215.9mm"
    assert resolve_kertas("folio") is KERTAS["F4"]
    assert resolve_kertas(" letter ") is KERTAS["Letter"]


def test_an_unknown_paper_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError) as info:
        resolve_kertas("A3")
    assert str(info.value) == (
        "extra.portal_sop.kertas: ukuran kertas tidak dikenal: diharapkan salah satu dari "
        "A4, F4, Letter (atau Folio), ditemukan 'A3'"
    )


def test_print_settings_read_the_site_configuration() -> None:
    settings = print_settings({"kertas": "F4", "pdf": 1}, SITE_URL)
    assert (settings.kertas.nama, settings.pdf) == ("F4", True)
    assert settings.public_url(LONG) == f"{SITE_URL}sop/{LONG}/"
    assert print_settings(None, None).public_url(LONG) is None
    assert print_settings({"pdf": False}, None).pdf is False
    with pytest.raises(
        ValueError, match="kunci tidak dikenal 'kertass': diharapkan kertas, pdf, tinjau_setiap"
    ):
        print_settings({"kertass": "A4"}, None)


def test_css_strings_cannot_end_the_string_or_the_style() -> None:
    text = 'a"b\\c</style><script>x</script>\nNomor 070 / / 35'
    quoted = css_string(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not set('"<>&') & set(inner)
    # A CSS reader gets the text back: hex escapes end with one eaten space.
    assert css_unescape(inner) == text


# ----------------------------------------------------------------- text metrics and the page plan


def test_the_width_table_covers_printable_ascii() -> None:
    assert len(print_layout._WIDTHS) == 126 - 32 + 1
    assert text_width("m", 10) > text_width("i", 10)


def test_lines_wrap_at_spaces_and_long_words_break() -> None:
    size = print_layout.FONT
    one = text_width("Menerima berkas", size)
    assert line_count("Menerima berkas", one / print_layout.WIDTH_SAFETY + 0.1, size) == 1
    assert line_count("Menerima berkas permohonan", one / print_layout.WIDTH_SAFETY + 0.1, size) == 2
    assert line_count("x" * 200, 20, size) >= 200 * text_width("x", size) // 20
    assert line_count("satu\ndua", 100, size) == 2


@pytest.fixture(scope="module")
def cetak_portal() -> Portal:
    return load_portal(CETAK)


def _plan(portal: Portal, sop_id: str, kertas: str) -> PrintPlan:
    from macros.render.flowchart_svg import draw
    from macros.render.print_parts import print_plan
    from macros.render.rows import rows

    record = portal.get(sop_id)
    chart = draw(record.sop.pelaksana, record.sop.langkah)
    return print_plan(portal, record, rows(record), KERTAS[kertas], chart)


def test_the_long_sop_breaks_into_pages_in_order(cetak_portal: Portal) -> None:
    plan = _plan(cetak_portal, LONG, "A4")
    assert len(plan.pages) >= 2
    assert [n for page in plan.pages for n in page] == list(range(1, 18))
    assert plan.breaks == tuple(page[-1] for page in plan.pages[:-1])
    assert plan.starts == {page[0] for page in plan.pages[1:]}
    assert abs(plan.columns.total - A4_WIDTH) < 0.01
    assert plan.scale == 1.0


def test_a_taller_paper_never_needs_more_pages(cetak_portal: Portal) -> None:
    a4, f4 = _plan(cetak_portal, LONG, "A4"), _plan(cetak_portal, LONG, "F4")
    assert len(f4.pages) <= len(a4.pages)


def test_a_short_sop_follows_its_identity_section_on_the_first_page(cetak_portal: Portal) -> None:
    plan = _plan(cetak_portal, DRAFT, "A4")
    assert (plan.table_on_new_page, plan.pages) == (False, ((1, 2, 3),))


def test_many_roles_shrink_the_table_to_the_paper() -> None:
    rows = [RowText("Kegiatan")] * 3
    ident = print_layout.IdentityText(kop=["A", "B"])
    roles = [f"Pelaksana {i}" for i in range(12)]
    plan = print_layout.plan_pages(KERTAS["A4"], roles, [120] * 12, rows, ident)
    assert plan.scale < 1
    assert abs(plan.columns.total * plan.scale - A4_WIDTH) < 0.01


def test_a_role_column_holds_every_word_of_its_name_whole() -> None:
    """The header breaks a pelaksana's name between words only: each column is at least
    as wide as its name's longest word (bold, inside the padding), also when the
    flowchart alone would want it narrower; a word wider than ROLE_WORD_MAX breaks."""
    names = ["Camat", "Sekretaris", "Kasubbag Perencanaan dan Keuangan", "Kasi Pemerintahan", "Pelaksana"]
    rows = [RowText("Kegiatan " * 12, ["Berkas"], "1 hari", ["Hasil"], ["Catatan"])] * 10
    ident = print_layout.IdentityText(kop=["A", "B"])
    plan = print_layout.plan_pages(KERTAS["A4"], names, [60] * len(names), rows, ident)
    for name, width in zip(names, plan.columns.roles, strict=True):
        inner = width - 2 * print_layout.PAD_X
        for word in name.split():
            assert line_count(word, inner, print_layout.FONT, bold=True) == 1, (name, word, width)
    assert print_layout.role_min("Perencanaan") > print_layout.ROLE_MIN
    assert print_layout.role_min("x" * 300) == print_layout.ROLE_WORD_MAX
    assert abs(plan.columns.total * plan.scale - A4_WIDTH) < 0.01


def test_every_sample_sop_prints_on_two_pages_identity_then_procedure() -> None:
    """Up to 12 steps and 6 pelaksana of ordinary text: the procedure fits one A4 page
    (it printed on two, at a fixed 17 mm a row, before rows were sized by content)."""
    samples = load_portal(TESTS.parent)
    for record in samples.records:
        plan = _plan(samples, record.id, "A4")
        assert print_layout.pages_estimate(plan) == 2, record.id
        assert plan.table_on_new_page and len(plan.pages) == 1, record.id
    lkj = samples.get("kab-malang/kec-kalipare/penyusunan-lkj")
    assert (len(lkj.sop.langkah), len(lkj.sop.pelaksana)) == (12, 6)


def test_rows_are_as_tall_as_their_content() -> None:
    cols, _ = print_layout.columns(KERTAS["A4"], [68] * 6)
    short = RowText("Mencatat surat", bagan=Bagan(5.3, 3.7, 6.4, 6.4))
    assert print_layout.row_height(short, cols) == pytest.approx(2 * 5.3 + print_layout.RULE)
    at_break = print_layout.row_height(short, cols, final=True)  # room for the connector below
    assert at_break == pytest.approx(2 * (3.7 + 6.4) + print_layout.RULE)
    long = RowText("Memeriksa " * 40, ["Formulir permohonan"] * 4, bagan=Bagan(5.3, 3.7, 6.4, 6.4))
    assert print_layout.row_height(long, cols) > 25
    labelled = RowText("Mencatat surat", bagan=Bagan(5.3, 12.0, 6.4, 6.4))  # a label below the symbol
    assert print_layout.row_height(labelled, cols) == pytest.approx(24.0 + print_layout.RULE)


def test_text_width_goes_where_it_makes_the_table_shortest() -> None:
    """Steps with two-item Kelengkapan lists and no Keterangan: the width left over goes
    to Kelengkapan (whose lists set every row's height), not by the fixed shares to an
    empty Keterangan; the table is lower than with the shares alone."""
    bagan = Bagan(5.3, 3.7, 6.4, 6.4)
    lists = ["Surat permohonan dari pemohon", "Fotokopi kartu keluarga"]
    rows = [RowText("Memeriksa berkas", lists, "1 hari", ["Berkas"], bagan=bagan)] * 12
    cols, _ = print_layout.columns(KERTAS["A4"], [68] * 6, rows)
    keys = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")
    rest = sum(getattr(cols, k) for k in keys) - sum(print_layout.TEXT_MIN.values())
    shares = print_layout.TEXT_SHARE
    even = {k: print_layout.TEXT_MIN[k] + rest * shares[k] / sum(shares.values()) for k in keys}
    by_shares = replace(cols, **even)
    assert cols.kelengkapan > by_shares.kelengkapan and cols.keterangan < by_shares.keterangan
    fitted = sum(print_layout.row_height(r, cols) for r in rows)
    shared = sum(print_layout.row_height(r, by_shares) for r in rows)
    assert fitted < shared - 12 * 3  # a line less in every row
    assert sum(cols.all) == pytest.approx(sum(by_shares.all))  # the same table width


def test_text_width_follows_the_shares_when_nothing_is_gained() -> None:
    rows = [RowText("Mencatat surat", bagan=Bagan(5.3, 3.7, 6.4, 6.4))] * 10
    cols, _ = print_layout.columns(KERTAS["A4"], [68] * 6, rows)
    plain, _ = print_layout.columns(KERTAS["A4"], [68] * 6)
    assert cols == plain
    assert cols.kegiatan / cols.waktu > 2


def test_connectors_are_drawn_at_the_planned_breaks(cetak_portal: Portal) -> None:
    plan = _plan(cetak_portal, LONG, "A4")
    html = render_prosedur(cetak_portal, cetak_portal.get(LONG), "../../../../")
    connectors = re.findall(
        r'<g class="fc-simbol fc-simbol--penghubung" data-langkah="(\d+)" data-pelaksana="([^"]+)" '
        r'data-simbol="penghubung"',
        html,
    )
    rows = {int(n) for n, _ in connectors}
    assert rows == set(plan.breaks) | plan.starts
    for row in plan.breaks:  # a pair for every line crossing the break: bottom, then top
        below = sorted(p for n, p in connectors if int(n) == row)
        above = sorted(p for n, p in connectors if int(n) == row + 1 and row + 1 in plan.starts)
        assert below and below == above
    for row in plan.starts:
        assert re.search(rf'<tr id="langkah-{row}" data-langkah="{row}" class="[^"]*sop-cetak-awal', html)


ROOM_MM = 2.3  # the least room around an off-page connector, printed at full size


def _box(points: str, dx: float = 0, dy: float = 0) -> tuple[float, float, float, float]:
    """The bounding box (x0, x1, y0, y1) of SVG polygon points, shifted."""
    xs, ys = zip(*(tuple(float(v) for v in p.split(",")) for p in points.split()), strict=True)
    return (min(xs) + dx, max(xs) + dx, min(ys) + dy, max(ys) + dy)


def _gap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    dx = max(b[0] - a[1], a[0] - b[1], 0.0)
    dy = max(b[2] - a[3], a[2] - b[3], 0.0)
    return float((dx * dx + dy * dy) ** 0.5)


Room = list[tuple[str, str, float]]


def connector_room(chart: Any, heights: dict[int, float], widths: list[float]) -> Room:
    """Every off-page connector's room (px) to what is around it in its cell, the cell
    `heights[row]` x `widths[column]` px (its centre at 0, 0): to the row's rule at its
    edge, the column's sides, the other connectors, and the symbol, arrowheads, labels,
    hops and lines (a vertical line of another arrow: unless the connectors stand one
    behind the other, where their lines cannot be wider apart than their lanes). As
    (connector, what, room)."""
    from macros.render import flowchart_svg as fs

    found = []
    for (row, col), cell in chart.cells.items():
        if not cell.connectors:
            continue
        w, h = widths[col], heights[row]
        marks: list[tuple[str, tuple[float, ...]]] = []
        if cell.simbol:
            marks.append(("simbol", (-fs.HW, fs.HW, -fs.HH, fs.HH)))
        marks += [("panah", _box(head)) for head in cell.heads]
        marks += [("label", (lb.x, lb.right, lb.top, lb.bottom)) for lb in cell.labels]
        marks += [("lompatan", (hp.x - 6, hp.x + 6, hp.y - fs.HOP, hp.y + 4)) for hp in cell.hops]
        stacked = any(k.level for k in cell.connectors)
        for run in cell.runs:
            edge = w / 2 if not run.vertical else h / 2
            lo = -edge if run.lo is None else run.lo
            hi = edge if run.hi is None else run.hi
            if not run.vertical:
                marks.append(("garis", (lo, hi, run.at, run.at)))
            elif not stacked and all(run.at != k.dx for k in cell.connectors):
                marks.append(("garis", (run.at, run.at, lo, hi)))
        edges = {"bottom": h / 2, "top": -h / 2}
        boxes = [(k, _box(k.points, k.dx, edges[k.at] + k.shift)) for k in cell.connectors]
        for k, box in boxes:
            name = f"{k.text} (langkah {row}, kolom {col}, {k.at})"
            # the line's piece beyond it is painted out, up to the rule and not over it
            start, end = k.stub if k.at == "bottom" else k.stub[::-1]
            assert start + edges[k.at] == (box[3] if k.at == "bottom" else box[2])
            assert 0.5 <= abs(end) <= 1.5, (name, k.stub)
            found.append((name, "tepi baris", h / 2 - box[3] if k.at == "bottom" else box[2] + h / 2))
            found.append((name, "sisi kolom", min(box[0] + w / 2, w / 2 - box[1])))
            found += [(name, f"penghubung {j.text}", _gap(box, other)) for j, other in boxes if j is not k]
            found += [(name, what, _gap(box, mark)) for what, mark in marks]
    return found


def cramped(room: Room) -> list[tuple[str, str, float]]:
    """The rooms under ROOM_MM, in mm."""
    in_mm = [(n, what, px * print_layout.PX) for n, what, px in room]
    return [(n, what, round(mm, 2)) for n, what, mm in in_mm if mm < ROOM_MM]


@pytest.mark.parametrize("kertas", ["A4", "F4", "Letter"])
def test_off_page_connectors_keep_their_room(cetak_portal: Portal, kertas: str) -> None:
    """Each connector at a planned break stays ROOM_MM clear of the row's rule, the
    column's sides, the other connectors and every mark of its cell, in a row of the
    height the plan prints it at (the least: text may only make it taller)."""
    from macros.render.flowchart_svg import draw

    plan = _plan(cetak_portal, LONG, kertas)
    record = cetak_portal.get(LONG)
    chart = draw(record.sop.pelaksana, record.sop.langkah, plan.breaks)
    heights = {n: mm / print_layout.PX for n, mm in enumerate(plan.bagan, start=1)}
    widths = [mm / print_layout.PX for mm in plan.columns.roles]
    room = connector_room(chart, heights, widths)
    assert len({name for name, _, _ in room}) >= 2 * len(plan.breaks) >= 2
    assert not cramped(room), kertas


def test_connectors_of_close_lines_stand_apart_one_behind_the_other(cetak_portal: Portal) -> None:
    """A break below step 9 of the long SOP: two lines cross it on side lanes 5 px apart
    in one column, and a third down the centre. Their connectors stand one behind the
    other, each with its room; the row and the column are made as tall and as wide as
    that needs (`Drawing.row_px`, `connector_width`)."""
    from macros.render.flowchart_svg import connector_width, draw

    record = cetak_portal.get(LONG)
    chart = draw(record.sop.pelaksana, record.sop.langkah, {9})
    assert any(k.level for c in chart.cells.values() for k in c.connectors)
    heights = {9: chart.row_px(9, bottom_edge=True), 10: chart.row_px(10, top_edge=True)}
    roles = range(len(record.sop.pelaksana))
    widths = [max(chart.width(k), connector_width(chart.layout, k, {9})) for k in roles]
    room = connector_room(chart, heights, widths)
    assert len({name for name, _, _ in room}) == 6
    assert not cramped(room)


def test_a_row_that_cannot_end_a_page_may_still_fit_with_the_rows_after_it() -> None:
    """The connectors below a row take room only if the page ends there: rows whose
    breaks would need much room all fit on one page when the table ends on it."""
    rows = [RowText("Mencatat surat", bagan=Bagan(5.0, 5.0, 0.0, 40.0))] * 15
    ident = print_layout.IdentityText(kop=["A", "B"])
    plan = print_layout.plan_pages(KERTAS["A4"], ["Staf"], [68], rows, ident)
    assert plan.pages == (tuple(range(1, 16)),)


# ----------------------------------------------------------------- built pages

SCENARIOS: dict[str, dict[str, Any]] = {
    "a4-pdf": {"kertas": "A4", "pdf": True},
    "f4": {"kertas": "Folio"},
    "no-site-url": {"site_url": False},
    "bad-paper": {"kertas": "A3"},
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    jobs = []
    for name, options in SCENARIOS.items():
        tmp = tmp_path_factory.mktemp(name)
        project = make_project(tmp, CETAK / "sop_src")
        configure(project, **options)
        jobs.append((project, tmp / "site"))
    results = run_builds(jobs)
    return dict(zip(SCENARIOS, results, strict=True))


def _page_style(html: str) -> str:
    match = re.search(r'<div class="sop-cetak"[^>]*>\s*<style>(.*?)</style>', html, re.S)
    assert match, "the SOP page has no print setup"
    return match.group(1)


def test_pages_set_the_configured_paper(builds: dict[str, Build]) -> None:
    assert builds["a4-pdf"].returncode == 0, builds["a4-pdf"].output
    assert builds["f4"].returncode == 0, builds["f4"].output
    assert "size: 297mm 210mm;" in _page_style(page_of(builds["a4-pdf"], LONG))
    assert "size: 330mm 215mm;" in _page_style(page_of(builds["f4"], LONG))
    assert 'data-kertas="F4"' in page_of(builds["f4"], DRAFT)


def test_an_sop_in_force_carries_the_qr_code_of_its_verification_page(builds: dict[str, Build]) -> None:
    # Issue 15: the QR code leads to the page of the printed copy's version (v/<versi>/),
    # which tells whether that version is still the one in force (before: the SOP's page).
    html = page_of(builds["a4-pdf"], LONG)
    versi = re.search(r'data-versi="([0-9a-f]{12})"', html)
    assert versi, "the SOP page shows no version code"
    url = f"{SITE_URL}v/{versi[1]}/"
    assert f'data-url="{url}"' in html
    assert qr_in_style(_page_style(html)) == qr_data_uri(url)
    assert "sop-tanda-air" not in html
    check = (builds["a4-pdf"].site / "v" / versi[1] / "index.html").read_text(encoding="utf-8")
    assert "<strong>Versi ini berlaku</strong>" in check
    assert f'href="../../sop/{LONG}/"' in check


def test_qr_codes_are_kept_between_builds_and_a_bad_kept_file_is_drawn_again(tmp_path: Path) -> None:
    url = f"{SITE_URL}v/0123456789ab/"
    drawn = qr_data_uri(url)
    assert qr_data_uri(url, tmp_path) == drawn
    (kept,) = tmp_path.iterdir()
    assert kept.read_text(encoding="ascii") == drawn  # the next build reads it
    kept.write_text("data:image/svg+xml,x');}</style><script>alert(1)</script>", encoding="ascii")
    assert qr_data_uri(url, tmp_path) == drawn  # not a data URI as segno writes it: drawn again
    assert kept.read_text(encoding="ascii") == drawn
    assert qr_data_uri(url, tmp_path / "not" / "yet") == drawn  # the folder is made
    (tmp_path / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    assert qr_data_uri(url, tmp_path / "blocked") == drawn  # an unwritable cache is no error


@pytest.mark.parametrize(("sop_id", "mark"), [(DRAFT, "KONSEP"), (REVOKED, "DICABUT")])
def test_drafts_and_revoked_sops_are_marked_and_carry_no_qr_code(
    builds: dict[str, Build], sop_id: str, mark: str
) -> None:
    html = page_of(builds["a4-pdf"], sop_id)
    style = _page_style(html)
    assert "@bottom-left { content: none;" in style and qr_in_style(style) is None
    assert "data-url=" not in html
    watermark = f'<div class="sop-tanda-air sop-tanda-air--{mark.lower()}" aria-hidden="true">{mark}</div>'
    assert watermark in html


def test_a_draft_offers_no_space_to_sign(builds: dict[str, Build]) -> None:
    text = page_text(page_of(builds["a4-pdf"], DRAFT))
    assert "Disahkan oleh Camat Contoh KONSEP: belum disahkan" in text
    signed = page_text(page_of(builds["a4-pdf"], LONG))
    assert (
        "Disahkan oleh Camat Contoh Drs. SUKARNO HADI, M.Si Pembina Tingkat I (IV/b) "
        "NIP. 19700512 199503 1 004"
    ) in signed


def test_pdf_builds_link_every_sop_to_its_pdf(builds: dict[str, Build]) -> None:
    html = page_of(builds["a4-pdf"], LONG)
    assert f'<a href="../../../../pdf/{LONG}.pdf" download>Unduh PDF</a>' in html
    assert "Unduh PDF" not in page_of(builds["f4"], LONG)


def test_without_site_url_the_build_warns_and_prints_no_qr_code(builds: dict[str, Build]) -> None:
    build = builds["no-site-url"]
    assert build.returncode != 0  # strict: the warning fails the build
    assert f"WARNING -  {NO_SITE_URL}" in build.output


def test_without_site_url_a_lenient_build_has_no_qr_code(tmp_path: Path) -> None:
    from helpers import run_build

    project = make_project(tmp_path, CETAK / "sop_src")
    configure(project, site_url=False, strict=False)
    build = run_build(project, tmp_path / "site", strict=False)
    assert build.returncode == 0, build.output
    assert NO_SITE_URL in build.output
    html = page_of(build, LONG)
    assert "@bottom-left { content: none;" in _page_style(html) and "data-url=" not in html


def test_an_unknown_paper_fails_the_build(builds: dict[str, Build]) -> None:
    build = builds["bad-paper"]
    assert build.returncode != 0
    assert "extra.portal_sop.kertas: ukuran kertas tidak dikenal" in build.output
    assert "ditemukan 'A3'" in build.output


def test_the_print_stylesheet_is_published(builds: dict[str, Build]) -> None:
    html = page_of(builds["a4-pdf"], LONG)
    assert re.search(r'<link rel="stylesheet" href="(\.\./)+assets/print\.css">', html)
    assert (builds["a4-pdf"].site / "assets" / "print.css").is_file()


def test_pdf_builds_link_every_unit_page_to_its_book(builds: dict[str, Build]) -> None:
    page = builds["a4-pdf"].site / "katalog" / "pemerintah-kabupaten-contoh" / "kantor-kecamatan-contoh"
    html = (page / "index.html").read_text(encoding="utf-8")
    book = "../../../pdf/unit/pemerintah-kabupaten-contoh/kantor-kecamatan-contoh.pdf"
    assert f'<a href="{book}" download>Unduh buku SOP unit ini (PDF)</a>' in html
    other = builds["f4"].site / "katalog" / "pemerintah-kabupaten-contoh" / "kantor-kecamatan-contoh"
    assert "Unduh buku" not in (other / "index.html").read_text(encoding="utf-8")
