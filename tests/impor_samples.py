"""Sample SOP documents for the importer's tests, drawn with tests/pdfmaker.py.

`sample_pdf()` is a two-page SOP AP as a word processor prints it: the identity
section (letterhead, labelled cells, the six boxes) and the procedure table with a
start capsule, a step done by two roles, a decision with custom labels (one branch
looping back) and an end capsule. `picture_pdf()` has the same identity page and a
procedure table that is only a picture.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from pdfmaker import PageDrawing, make_pdf

ROLES = ("Petugas", "Kasi", "Camat")
COLUMNS = (40, 60, 200, 280, 360, 440, 540, 600, 700, 800)  # No..Keterangan boundaries
ROWS = (40, 70, 120, 170, 220, 270)  # header, then one row per step
ROLE_X = (240, 320, 400)  # centres of the role columns
DASAR = ["1. Undang-Undang Nomor 1 Tahun 2000;", "2. Peraturan Bupati Nomor 2 Tahun 2020"]


def identity_page() -> PageDrawing:
    page = PageDrawing()
    for y in (40, 60, 80, 100, 120, 200, 230, 250, 300, 320, 360, 380, 420):
        page.line(40, y, 800, y)
    for x in (40, 800):
        page.line(x, 40, x, 420)
    page.line(420, 40, 420, 420)
    page.line(520, 40, 520, 230)
    page.text(120, 90, "PEMERINTAH KABUPATEN CONTOH", 11)
    page.text(140, 110, "KECAMATAN CONTOH", 11)
    labels = (
        ("Nomor SOP", "070/12/35.07.11/2024", 44),
        ("Tanggal Pembuatan", "01-08-2019", 64),
        ("Tanggal Revisi", "-", 84),
        ("Tanggal Efektif", "2 Juni 2025", 104),
    )
    for label, value, top in labels:
        page.text(424, top, label)
        page.text(524, top, value)
    page.text(424, 124, "Disahkan oleh")
    page.text(560, 124, "Camat Contoh")
    page.text(560, 166, "DRS. BUDI SANTOSO, M.Si")
    page.text(560, 176, "Pembina")
    page.text(560, 186, "NIP. 19631116 199010 2 002")
    page.text(424, 210, "Nama SOP")
    page.text(524, 210, "Pelayanan Izin Contoh")
    boxes = (
        (
            "DASAR HUKUM :",
            ["1. Undang-Undang Nomor 1 Tahun 2000;", "2. Peraturan Bupati Nomor 2 Tahun 2020"],
            44,
            234,
        ),
        ("KUALIFIKASI PELAKSANA :", ["1. Memahami tata naskah dinas"], 424, 234),
        ("KETERKAITAN", ["-"], 44, 304),
        ("PERALATAN/PERLENGKAPAN", [], 424, 304),
        ("PERINGATAN", ["Izin terlambat bila SOP tidak diikuti"], 44, 364),
        ("PENCATATAN DAN PENDATAAN", ["Buku register"], 424, 364),
    )
    for title, items, x, top in boxes:
        page.text(x, top, title)
        for n, item in enumerate(items, start=1):
            page.text(x, top + 10 * n + 8, item)
    # Numbers in a column of their own, "2." centred beside its item's two lines.
    page.text(424, 322, "1.")
    page.text(440, 322, "Komputer")
    page.text(424, 337, "2.")
    page.text(440, 332, "Printer dan pemindai")
    page.text(440, 342, "untuk berkas")
    return page


def table_page(symbols: bool = True, merged: bool = False) -> PageDrawing:
    """The procedure table; without `symbols` its flowchart is a picture instead; `merged`:
    steps 3 and 4 share one Waktu cell (no rule between them in that column)."""
    page = PageDrawing(picture=not symbols)
    for y in ROWS:
        if merged and y == ROWS[4]:
            page.line(40, y, 540, y)
            page.line(600, y, 800, y)
        else:
            page.line(40, y, 800, y)
    for x in COLUMNS:
        page.line(x, 40, x, 270)
    heads = ("No", "Kegiatan", *ROLES, "Kelengkapan", "Waktu", "Output", "Keterangan")
    for (x0, _x1), head in zip(itertools.pairwise(COLUMNS), heads, strict=True):
        page.text(x0 + 3, 52, head)
    steps = (
        ("Menerima permohonan", "Formulir", "5 menit", "Berkas"),
        ("Memeriksa berkas bersama", "Berkas", "10 menit", "Berkas diperiksa"),
        ("Menyetujui izin", "Berkas diperiksa", "1 hari", "Keputusan"),
        ("Menyerahkan izin", "Izin", "5 menit", "Izin diterima"),
    )
    for n, (kegiatan, kelengkapan, waktu, output) in enumerate(steps, start=1):
        top = ROWS[n] + 6
        page.text(44, top, str(n))
        page.text(63, top, kegiatan)
        page.text(443, top, kelengkapan)
        if not (merged and n == 4):
            page.text(543, top + (25 if merged and n == 3 else 0), waktu)
        page.text(603, top, output)
    page.text(703, ROWS[1] + 6, "Loket depan")
    if not symbols:
        return page
    page.capsule(240, 95)
    page.box(220, 137, 260, 153)
    page.box(300, 137, 340, 153)
    page.diamond(400, 195)
    page.capsule(240, 245)
    page.arrow([(240, 102), (240, 137)])
    page.arrow([(260, 145), (300, 145)])
    page.arrow([(320, 153), (320, 195), (380, 195)])
    page.arrow([(400, 205), (400, 245), (260, 245)])
    page.text(403, 212, "Setuju", 7)
    page.arrow([(420, 195), (432, 195), (432, 130), (330, 130), (330, 137)])
    page.text(421, 186, "Tolak", 7)
    return page


def sample_pdf() -> bytes:
    return make_pdf([identity_page(), table_page()])


def merged_cell_pdf() -> bytes:
    return make_pdf([identity_page(), table_page(merged=True)])


def pictured_flowchart_pdf() -> bytes:
    return make_pdf([identity_page(), table_page(symbols=False)])


def picture_pdf() -> bytes:
    picture = PageDrawing(picture=True)
    return make_pdf([identity_page(), picture])


def _table_grid(page: PageDrawing, rows: tuple[float, ...], steps: tuple[str, ...]) -> None:
    """The grid, the one-row header of table_page and the steps' numbers and text."""
    for y in rows:
        page.line(40, y, 800, y)
    for x in COLUMNS:
        page.line(x, rows[0], x, rows[-1])
    heads = ("No", "Kegiatan", *ROLES, "Kelengkapan", "Waktu", "Output", "Keterangan")
    for (x0, _x1), head in zip(itertools.pairwise(COLUMNS), heads, strict=True):
        page.text(x0 + 3, rows[0] + 12, head)
    _steps(page, rows[1:], steps)


def _steps(page: PageDrawing, tops: tuple[float, ...], steps: tuple[str, ...]) -> None:
    """Each step's number, kegiatan and waktu in its row (the rows start at `tops`; the
    last one is the table's bottom edge)."""
    for n, (top, kegiatan) in enumerate(zip(tops, steps, strict=False), start=1):
        page.text(44, top + 6, str(n))
        page.text(63, top + 6, kegiatan)
        page.text(543, top + 6, "5 menit")


def crossing_pdf(hop: str = "portal") -> bytes:
    """Two arrows that cross: 1 -> 2 runs right along row 1 and the branch 'Tolak' of the
    decision 3 runs up a lane to step 1, across it. `hop`: how the crossing is drawn:
    'none' (the lines simply cross), 'portal' (the horizontal line arcs over the
    vertical one, drawn on under a white stroke, as the portal prints) or 'gap' (the
    horizontal line stops and an arc bridges the gap)."""
    page = PageDrawing()
    _table_grid(page, ROWS, ("Menerima berkas", "Mencatat berkas", "Memeriksa berkas", "Menyerahkan izin"))
    page.capsule(240, 95)
    page.box(380, 137, 420, 153)
    page.diamond(320, 195)
    page.capsule(240, 245)
    if hop == "gap":
        page.line(260, 95, 281.25, 95)
        page.arrow([(288.75, 95), (400, 95), (400, 137)])
    else:
        page.arrow([(260, 95), (400, 95), (400, 137)])
    page.arrow([(400, 153), (400, 195), (340, 195)])
    page.arrow([(320, 205), (320, 245), (260, 245)])
    page.text(323, 212, "Setuju", 7)
    page.arrow([(300, 195), (285, 195), (285, 78), (240, 78), (240, 88)])
    page.text(262, 184, "Tolak", 7)
    if hop != "none":
        page.hop(285, 95, gap=hop == "gap")
    return make_pdf([identity_page(), page])


def header_line_pdf(line_x: float) -> bytes:
    """The portal's two-row header (Pelaksana over the role names, a name on one line
    or two) and a flow line running from step 1 up into the header at `line_x`, in the
    first role column, where a printer drew it longer than its clipped cell: through
    the name 'Petugas Loket' (x 240) or through the space between its words (x 245)."""
    page = PageDrawing()
    rows = (40, 55, 80, 130, 180, 230)
    for y in (rows[0], *rows[2:]):
        page.line(40, y, 800, y)
    page.line(COLUMNS[2], rows[1], COLUMNS[5], rows[1])  # under "Pelaksana"
    page.line(COLUMNS[5], rows[1], COLUMNS[8], rows[1])  # under "Mutu Baku"
    for x in COLUMNS:
        spans = x in COLUMNS[2:9] and x not in (COLUMNS[2], COLUMNS[5], COLUMNS[8])
        page.line(x, rows[1] if spans else rows[0], x, rows[-1])
    heads = (
        (44, 60, "No"),
        (63, 60, "Kegiatan"),
        (300, 44, "Pelaksana"),
        (470, 44, "Mutu Baku"),
        (703, 60, "Keterangan"),
        (214.4, 64, "Petugas"),  # Helvetica 8 pt: 29.4 pt wide, then a space
        (246.0, 64, "Loket"),
        (312, 59, "Kasi"),
        (301, 68, "Pelayanan"),
        (388, 64, "Camat"),
        (443, 64, "Kelengkapan"),
        (543, 64, "Waktu"),
        (603, 64, "Output"),
    )
    for x, top, text in heads:
        page.text(x, top, text)
    _steps(page, rows[2:], ("Menerima berkas", "Memeriksa berkas", "Menyerahkan izin"))
    page.capsule(line_x, 105)
    page.box(300, 147, 340, 163)
    page.capsule(400, 205)
    page.line(line_x, 62, line_x, 98)  # above the capsule: the line drawn too long
    page.arrow([(line_x, 112), (line_x, 125), (320, 125), (320, 147)])
    page.arrow([(340, 155), (400, 155), (400, 198)])
    return make_pdf([identity_page(), page])


ROW = 50.0  # row height of procedure_pdf()'s table


def row_y(number: int) -> float:
    """The middle of step `number`'s row in procedure_pdf()'s table."""
    return ROWS[0] + 30 + ROW * (number - 0.5)


def procedure_pdf(
    steps: list[str],
    draw: Callable[[PageDrawing], None],
    roles: tuple[str, ...] = ROLES,
    more: Callable[[PageDrawing], None] | None = None,
    split: int = 0,
    untitled_numbers: bool = False,
) -> bytes:
    """The identity page and a procedure table of `steps` (one row each, rows ROW high,
    role columns centred on ROLE_X); `draw` draws the flowchart on it. With `split`, the
    steps after the first `split` go on a second page under a repeated header (their
    rows numbered from 1 again for row_y), drawn on by `more`. With `untitled_numbers`
    the numbers' column has no title of its own (one title spans it and Kegiatan) and
    the role titles are set on grey shading narrower than their cells."""
    first = steps[:split] if split else steps
    pages = [_procedure_page(first, 1, roles, untitled_numbers)]
    draw(pages[0])
    if split:
        pages.append(_procedure_page(steps[split:], split + 1, roles, untitled_numbers))
        if more is not None:
            more(pages[1])
    return make_pdf([identity_page(), *pages])


def _procedure_page(
    steps: list[str], start: int, roles: tuple[str, ...], untitled: bool = False
) -> PageDrawing:
    page = PageDrawing()
    bottom = ROWS[0] + 30 + ROW * len(steps)
    for y in (ROWS[0], ROWS[0] + 30, *(ROWS[0] + 30 + ROW * n for n in range(1, len(steps) + 1))):
        page.line(40, y, 800, y)
    for x in COLUMNS:
        page.line(x, ROWS[0] + 30 if untitled and x == COLUMNS[1] else 40, x, bottom)
    heads = ("No", "Kegiatan", *roles, "Kelengkapan", "Waktu", "Output", "Keterangan")
    for (x0, x1), head in zip(itertools.pairwise(COLUMNS), heads, strict=True):
        if untitled and head == "No":
            continue
        if untitled and head in roles:  # a name over two lines, each on its own shading
            for n, word in enumerate(head.split(maxsplit=1)):
                page.shade(x0 + 5, 44 + 11 * n, x1 - 5, 54 + 11 * n)
                page.text(x0 + 8, 45 + 11 * n, word)
            continue
        page.text(x0 + 3, 52, "Uraian Kegiatan" if untitled and head == "Kegiatan" else head)
    for n, kegiatan in enumerate(steps, start=1):
        page.text(44, row_y(n) - 4, str(start + n - 1))
        page.text(63, row_y(n) - 4, kegiatan)
    return page
