"""The printed SOP: paper sizes, column widths, and where the pages of the procedure
table break.

Plain Python, no rendering. The official table is printed landscape on the paper size
the site sets (`extra: portal_sop: kertas:` in mkdocs.yml). Pages break at build time,
not in the browser: every row's printed height is estimated from its content, the text
of every column (Arial metrics, the sizes of the print stylesheet, which reads them
from `css_variables`, with a safety margin) and what its flowchart cells need (`Bagan`:
the symbols, arrowheads, tracks and branch labels, and off-page connectors at a page's
edge; printed at exactly that height), rows are packed onto pages greedily, and the table is forced to break
after the last row that surely fits. So the browser's own print and the PDF export give
the same pages, and the flowchart draws its off-page connectors (pentagons) exactly at
the breaks (`render/flowchart_svg.draw(breaks=...)`). An estimate too large only leaves
some space at the bottom of a page; it never lets the browser break a page where no
connector is drawn.

All lengths are millimetres.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

PX = 25.4 / 96  # one CSS pixel
PT = 25.4 / 72  # one point


# ----------------------------------------------------------------- paper


@dataclass(frozen=True)
class Kertas:
    """A paper size, landscape (width > height)."""

    nama: str
    lebar: float
    tinggi: float
    label: str

    @property
    def css_size(self) -> str:
        return f"{_mm(self.lebar)} {_mm(self.tinggi)}"


KERTAS: dict[str, Kertas] = {
    "A4": Kertas("A4", 297.0, 210.0, "A4 (297 × 210 mm)"),
    "F4": Kertas("F4", 330.0, 215.0, "F4/Folio (330 × 215 mm)"),
    "Letter": Kertas("Letter", 279.4, 215.9, "Letter (279,4 × 215,9 mm)"),
}
_ALIASES = {"folio": "F4", "f4/folio": "F4"}
DEFAULT_KERTAS = KERTAS["A4"]


def resolve_kertas(value: object) -> Kertas:
    """The paper named in the site configuration (case-insensitive; 'Folio' is F4)."""
    if value is None:
        return DEFAULT_KERTAS
    if isinstance(value, str):
        key = value.strip().lower()
        key = _ALIASES.get(key, key)
        for name, kertas in KERTAS.items():
            if name.lower() == key.lower():
                return kertas
    choices = ", ".join(KERTAS)
    raise ValueError(
        f"extra.portal_sop.kertas: ukuran kertas tidak dikenal: diharapkan salah satu dari "
        f"{choices} (atau Folio), ditemukan {value!r}"
    )


# ----------------------------------------------------------------- the print sizes

# Page margins: the bottom one holds the page furniture (QR code, name, page number).
MARGIN_TOP = 10.0
MARGIN_SIDE = 10.0
MARGIN_BOTTOM = 20.0
INSET = 0.6  # inside the side margins, so the tables' outer rules are not clipped

FONT = 8 * PT  # the procedure table
FONT_ID = 9 * PT  # the identity section
FONT_KOP = 10.5 * PT  # instansi and unit in the letterhead (bold, upper case)
LINE = 1.2  # line height, in em
PAD_Y = 0.8  # cell padding
PAD_X = 1.5
RULE = 0.25  # table rules
TTD = 18.0  # the blank space for signature and stamp
LOGO = 20.0  # the letterhead logo's height
ID_LABEL = 36.0  # the label column of the identity table
LIST_INDENT = 1.2  # list indent (em); the marker hangs in it
GAP = 3.0  # between the identity tables
GAP_TABLE = 4.0  # before the procedure table

# Safety: text is wrapped in narrower boxes than printed (more lines), rows of text are
# taken taller, and the bottom of every page is kept free. Measured against Chromium
# (tests/test_pdf.py), the estimate is a few per cent above the printed heights.
WIDTH_SAFETY = 0.97
HEIGHT_SAFETY = 1.03
PAGE_SLACK = 2.0
FALLBACK = 0.3  # em: the taller line of a character set in a fallback font (→)

# Column widths of the procedure table: fixed ones, minimums and shares of what is left.
COL_NO = 8.0
ROLE_MIN = 15.0
ROLE_MAX = 30.0
ROLE_WORD_MAX = 40.0  # a pelaksana column widened for its name's longest word, up to this
TEXT_MIN = {"kegiatan": 35.0, "kelengkapan": 22.0, "waktu": 16.0, "output": 22.0, "keterangan": 22.0}
TEXT_SHARE = {"kegiatan": 0.34, "kelengkapan": 0.14, "waktu": 0.05, "output": 0.14, "keterangan": 0.18}
ROLE_SHARE = 0.06


def css_variables() -> str:
    """The print sizes as CSS custom properties (read by docs/assets/print.css)."""
    values = {
        "--cetak-sisi": _mm(INSET),
        "--cetak-huruf": f"{FONT / PT:g}pt",
        "--cetak-huruf-identitas": f"{FONT_ID / PT:g}pt",
        "--cetak-huruf-kop": f"{FONT_KOP / PT:g}pt",
        "--cetak-baris": f"{LINE:g}",
        "--cetak-pad-y": _mm(PAD_Y),
        "--cetak-pad-x": _mm(PAD_X),
        "--cetak-garis": _mm(RULE),
        "--cetak-ttd": _mm(TTD),
        "--cetak-logo": _mm(LOGO),
        "--cetak-label": _mm(ID_LABEL),
        "--cetak-indent": f"{LIST_INDENT:g}em",
        "--cetak-jarak": _mm(GAP),
        "--cetak-jarak-tabel": _mm(GAP_TABLE),
    }
    return "; ".join(f"{k}: {v}" for k, v in values.items())


def _mm(value: float) -> str:
    return f"{round(value, 2):g}mm"


# ----------------------------------------------------------------- text metrics

# Advance widths of Arial/Helvetica (and the metric-compatible Liberation Sans), in
# 1/1000 em, for printable ASCII from the space (32) to the tilde (126).
_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space .. /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 .. ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ .. O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P .. _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` .. o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p .. ~
]  # fmt: skip
_OTHER = 700  # anything else (accented letters, dashes): wide enough
_FALLBACK_WIDTHS = {"→": 850}  # the flow's arrow, set in a fallback font (DejaVu Sans: 838)
_BOLD = 1.1


@lru_cache(maxsize=65536)
def _units(text: str) -> int:
    """The width of a text in 1/1000 em (words repeat: cached)."""
    return sum(_WIDTHS[ord(c) - 32] if 32 <= ord(c) <= 126 else _FALLBACK_WIDTHS.get(c, _OTHER) for c in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The printed width of a text on one line."""
    return _units(text) / 1000 * size * (_BOLD if bold else 1.0)


@lru_cache(maxsize=65536)
def _paragraphs(text: str) -> tuple[tuple[int, ...], ...]:
    """A text's paragraphs as the widths of their words, in 1/1000 em (cached: a text is
    measured at many widths while the print layout fits its columns)."""
    return tuple(tuple(_units(word) for word in paragraph.split()) for paragraph in text.splitlines() or [""])


@lru_cache(maxsize=65536)
def _needs_fallback(text: str) -> bool:
    return any(ord(c) > 0x24F for c in text)


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines a text takes in a box `width` wide, wrapped at spaces; a word wider
    than the box is broken anywhere (the print stylesheet sets overflow-wrap: anywhere)."""
    room = max(width * WIDTH_SAFETY, size)
    factor = _BOLD if bold else 1.0
    space = text_width(" ", size, bold)
    total = 0
    for paragraph in _paragraphs(text):
        lines, used = 1, 0.0
        for units in paragraph:
            w = units / 1000 * size * factor  # = text_width(word, size, bold), exactly
            if w > room:  # broken inside the word: whole lines of it, the rest continues
                if used:
                    lines += 1
                extra, rest = divmod(w, room)
                lines += int(extra) - (1 if rest == 0 else 0)
                used = rest
                continue
            if used and used + space + w > room:
                lines += 1
                used = w
            else:
                used = used + space + w if used else w
        total += lines
    return total


def text_height(text: str, width: float, size: float, bold: bool = False) -> float:
    """A text's lines; a line holding a character the print font lacks (an arrow, say)
    is set in a fallback font whose line box is taller: FALLBACK em more, once."""
    extra = FALLBACK * size if _needs_fallback(text) else 0.0
    return line_count(text, width, size, bold) * size * LINE + extra


def block_height(values: Sequence[str], width: float, size: float) -> float:
    """A cell holding a list of values: one value as text, several as a list."""
    if not values:
        return size * LINE
    if len(values) == 1:
        return text_height(values[0], width, size)
    inner = width - (LIST_INDENT + 0.2) * size
    return sum(text_height(v, inner, size) for v in values)


def cell_height(content: float) -> float:
    return content + 2 * PAD_Y + RULE


# ----------------------------------------------------------------- what is printed


@dataclass(frozen=True)
class Bagan:
    """What a row's flowchart cells need (mm, from render/flowchart_svg.Drawing.reach):
    how far their marks reach above and below the centre line, and the room an
    off-page connector adds at a printed page's top or bottom edge."""

    top: float = 8.0
    bottom: float = 8.0
    edge_top: float = 0.0  # starting a page: the connectors of the break above
    edge_bottom: float = 0.0  # ending a page: the connectors of the break below

    def height(self, first: bool = False, final: bool = False) -> float:
        """The cells' height: the symbols sit on the row's centre line."""
        top = self.top + (self.edge_top if first else 0.0)
        return 2 * max(top, self.bottom + (self.edge_bottom if final else 0.0))


@dataclass(frozen=True)
class RowText:
    """The text of one row of the procedure table, as printed, and its flowchart's needs."""

    kegiatan: str
    kelengkapan: Sequence[str] = ()
    waktu: str = ""
    output: Sequence[str] = ()
    keterangan: Sequence[str] = ()  # one block per line (remarks, 'Melalui SOP: ...', the flow)
    bagan: Bagan = Bagan()


@dataclass(frozen=True)
class IdentityText:
    """The text of Bagian Identitas, as printed."""

    kop: Sequence[str]  # instansi, unit (bold, upper case)
    kop_small: Sequence[str] = ()  # address and contacts
    has_logo: bool = False
    fields: Sequence[str] = ()  # Nomor, Tanggal Pembuatan, Revisi, Efektif (values)
    pengesah: Sequence[str] = ()  # jabatan, nama, pangkat, NIP (lines below the space)
    nama: str = ""
    boxes: Sequence[Sequence[str]] = field(default_factory=tuple)  # the six boxes, in grid order


@dataclass(frozen=True)
class Columns:
    """Widths of the procedure table's columns, as printed."""

    no: float
    kegiatan: float
    roles: tuple[float, ...]
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float

    @property
    def all(self) -> tuple[float, ...]:
        """In table order."""
        return (
            self.no,
            self.kegiatan,
            *self.roles,
            self.kelengkapan,
            self.waktu,
            self.output,
            self.keterangan,
        )

    @property
    def total(self) -> float:
        return sum(self.all)


def role_min(name: str) -> float:
    """The narrowest pelaksana column whose header holds every word of the role's name
    whole (bold, at the table's font, inside the cell's padding), up to ROLE_WORD_MAX:
    a name breaks between words only, never inside one (a longer word still breaks)."""
    longest = max((text_width(word, FONT, bold=True) for word in name.split()), default=0.0)
    return min(longest / WIDTH_SAFETY + 2 * PAD_X + RULE, ROLE_WORD_MAX)


def columns(
    kertas: Kertas, role_px: Sequence[int], rows: Sequence[RowText] = (), names: Sequence[str] = ()
) -> tuple[Columns, float]:
    """Column widths for a paper, and the scale (<= 1) the table is printed at when even
    the minimum widths do not fit. `role_px` is each pelaksana column's minimum width
    (px) for its flowchart (render/flowchart_svg.Drawing.width), `names` the roles' names
    (each column at least as wide as its name's longest word, `role_min`). The columns
    and the table's outer rule fill the width between the margins. The pelaksana columns
    get a share of what is left above the minimums; the rest goes to the text columns
    where it makes the table shortest (`_fit_text`), and what shortens nothing by the
    fixed shares, so a table with little text keeps the usual proportions."""
    width = kertas.lebar - 2 * (MARGIN_SIDE + INSET) - RULE
    named = [*names, *[""] * (len(role_px) - len(names))]
    roles = [max(px * PX, ROLE_MIN, role_min(name)) for px, name in zip(role_px, named, strict=True)]
    needed = COL_NO + sum(roles) + sum(TEXT_MIN.values())
    scale = min(1.0, width / needed)
    width = width / scale
    rest = max(width - needed, 0.0)
    if roles:
        share = rest * ROLE_SHARE / len(roles)
        grown = [min(max(r, r + share), max(r, ROLE_MAX)) for r in roles]
        rest -= sum(grown) - sum(roles)
        roles = grown
    text = _fit_text(rows, rest)
    return (
        Columns(
            COL_NO,
            text["kegiatan"],
            tuple(roles),
            text["kelengkapan"],
            text["waktu"],
            text["output"],
            text["keterangan"],
        ),
        scale,
    )


FIT_STEP = 2.0  # mm: the text columns' widths are tried on a grid of this step


def _fit_text(rows: Sequence[RowText], rest: float) -> dict[str, float]:
    """The text columns' widths: from their minimums, `rest` mm handed out in steps.
    Each step widens one column to its next breakpoint (the least width at which one of
    its texts takes fewer lines): the column whose breakpoint lowers the table the most
    per millimetre (the sum of the rows' heights, each the tallest of its columns or its
    flowchart cells), else the one that shortens the most rows it holds up (two columns
    holding a row together are each widened in turn). Width that shortens nothing is
    shared by TEXT_SHARE, so a table with little text keeps the usual proportions.
    Heights are computed once per column and width tried, on a grid: linear in the text."""
    widths = dict(TEXT_MIN)
    floors = [row.bagan.height() + RULE for row in rows]

    @cache
    def heights(key: str, width: float) -> tuple[float, ...]:
        return tuple(_column_height(key, row, width) for row in rows)

    def row_heights(trial: dict[str, float]) -> list[float]:
        columns = [heights(k, w) for k, w in trial.items()]
        return [
            max(floor, cell_height(max(col[i] for col in columns)) * HEIGHT_SAFETY)
            for i, floor in enumerate(floors)
        ]

    def widened(key: str) -> Callable[[float], list[float]]:
        """The rows' heights with column `key` at a trial width, the others as they are."""
        others = [heights(k, w) for k, w in widths.items() if k != key]
        tallest = [max(col[i] for col in others) for i in range(len(rows))]

        def trial(width: float) -> list[float]:
            return [
                max(floor, cell_height(max(other, own)) * HEIGHT_SAFETY)
                for floor, other, own in zip(floors, tallest, heights(key, width), strict=True)
            ]

        return trial

    current = row_heights(widths)
    while rows:
        best: tuple[float, float, str, float] | None = None
        for key in TEXT_MIN:
            candidate = _breakpoint(key, widths, rest, current, heights, widened(key))
            if candidate is not None and (best is None or candidate[:2] > best[:2]):
                best = candidate
        if best is None or best[:2] <= (0.0, 0.0):
            break
        _, _, key, extra = best
        widths[key] += extra
        rest -= extra
        current = row_heights(widths)
    shares = sum(TEXT_SHARE.values())
    return {k: w + rest * TEXT_SHARE[k] / shares for k, w in widths.items()}


def _breakpoint(
    key: str,
    widths: dict[str, float],
    rest: float,
    current: list[float],
    heights: Callable[[str, float], tuple[float, ...]],
    trial: Callable[[float], list[float]],
) -> tuple[float, float, str, float] | None:
    """The least widening of column `key` (within `rest`) that lowers the table or a row
    the column holds up, as (table mm saved per mm, held rows' mm saved per mm, key,
    widening); None when no widening within reach does either."""
    now = heights(key, widths[key])
    extra = FIT_STEP
    while extra <= rest + 1e-9:
        wider = heights(key, widths[key] + extra)
        if wider != now:
            after = trial(widths[key] + extra)
            gain = (sum(current) - sum(after)) / extra
            # the rows this column holds up (its text is the row's tallest), made shorter
            held = sum(
                a - b
                for a, b, row in zip(now, wider, current, strict=True)
                if cell_height(a) * HEIGHT_SAFETY >= row - 1e-9
            )
            if gain > 0 or held > 0:
                return gain, held / extra, key, extra
        extra += FIT_STEP
    return None


def _column_height(key: str, row: RowText, width: float) -> float:
    """The height of the text of one column of a row (without the cell's padding)."""
    inner = width - 2 * PAD_X
    if key == "kegiatan":
        return text_height(row.kegiatan, inner, FONT)
    if key == "kelengkapan":
        return block_height(row.kelengkapan, inner, FONT)
    if key == "waktu":
        return text_height(row.waktu, inner, FONT)
    if key == "output":
        return block_height(row.output, inner, FONT)
    return sum(text_height(t, inner, FONT) + 0.8 for t in row.keterangan)


def header_height(cols: Columns, roles: Sequence[str]) -> float:
    """The table header (two rows, repeated on every page)."""

    def h(text: str, width: float) -> float:
        return cell_height(text_height(text, width - 2 * PAD_X, FONT, bold=True))

    top = max(h("Pelaksana", sum(cols.roles)), h("Mutu Baku", cols.kelengkapan + cols.waktu + cols.output))
    second = max(
        [h(r, w) for r, w in zip(roles, cols.roles, strict=True)]
        + [h("Kelengkapan", cols.kelengkapan), h("Waktu", cols.waktu), h("Output", cols.output)]
    )
    spanning = max(h("No", cols.no), h("Kegiatan", cols.kegiatan), h("Keterangan", cols.keterangan))
    return max(top + second, spanning)


def row_height(row: RowText, cols: Columns, first: bool = False, final: bool = False) -> float:
    """One row of the procedure table: its tallest text, or its flowchart cells' height;
    `first`/`final`: it starts/ends a page after/before another (off-page connectors)."""
    widths = {k: getattr(cols, k) for k in TEXT_MIN}
    content = max(_column_height(k, row, w) for k, w in widths.items())
    return max(cell_height(content) * HEIGHT_SAFETY, row.bagan.height(first, final) + RULE)


def identity_height(ident: IdentityText, kertas: Kertas) -> float:
    """Bagian Identitas: the letterhead table, then the six boxes."""
    width = kertas.lebar - 2 * (MARGIN_SIDE + INSET)
    kop_w = width * 0.4 - 2 * PAD_X
    value_w = width * 0.6 - ID_LABEL - 2 * PAD_X
    kop = (LOGO + 1.5 if ident.has_logo else 0.0) + sum(
        text_height(t.upper(), kop_w, FONT_KOP, bold=True) for t in ident.kop
    )
    kop += sum(text_height(t, kop_w, FONT_ID * 0.9) + 1.0 for t in ident.kop_small)
    label_rows = [cell_height(text_height(v, value_w, FONT_ID)) for v in ident.fields]
    pengesah = TTD + sum(text_height(t, value_w, FONT_ID, bold=True) for t in ident.pengesah)
    label_rows.append(cell_height(pengesah))
    label_rows.append(cell_height(text_height(ident.nama, value_w, FONT_ID, bold=True)))
    table = max(sum(label_rows), cell_height(kop))
    box_w = width / 2 - 2 * PAD_X
    boxes = 0.0
    for pair in range(0, len(ident.boxes), 2):
        boxes += cell_height(FONT_ID * LINE * 1.2)  # the box titles (bold, one line)
        boxes += max(cell_height(block_height(b, box_w, FONT_ID)) for b in ident.boxes[pair : pair + 2])
    return table + GAP + boxes


# ----------------------------------------------------------------- the page plan


@dataclass(frozen=True)
class PrintPlan:
    """How an SOP's table is printed: column widths, scale, the rows of each page, and
    the height of each row's flowchart cells (at a page's edge with the connectors)."""

    kertas: Kertas
    columns: Columns
    scale: float
    table_on_new_page: bool  # the table starts on a fresh page (not below the identity)
    pages: tuple[tuple[int, ...], ...]  # the step numbers on each page holding the table
    bagan: tuple[float, ...] = ()  # the flowchart cells' height (mm) of step n at [n - 1]

    @property
    def breaks(self) -> tuple[int, ...]:
        """Rows after which a printed page ends (the flowchart's connector rows)."""
        return tuple(page[-1] for page in self.pages[:-1])

    @property
    def starts(self) -> frozenset[int]:
        """Rows that begin a new printed page (forced break before them)."""
        return frozenset(page[0] for page in self.pages[1:])

    @property
    def edges(self) -> frozenset[int]:
        """Rows next to a page break: they carry the off-page connectors."""
        return self.starts | frozenset(self.breaks)


def content_height(kertas: Kertas) -> float:
    return kertas.tinggi - MARGIN_TOP - MARGIN_BOTTOM


ORPHAN = 2  # the fewest rows the table starts with below the identity section


def plan_pages(
    kertas: Kertas, roles: Sequence[str], role_px: Sequence[int], rows: Sequence[RowText], ident: IdentityText
) -> PrintPlan:
    """Break the procedure table into pages (see the module docstring). The table starts
    below the identity section when its header and its first rows fit there (at least
    ORPHAN of them, or all) and starting there saves a sheet, else on the next page."""
    cols, scale = columns(kertas, role_px, rows, roles)
    page = content_height(kertas) - PAGE_SLACK
    table_page = page / scale  # the table is printed scaled: more of it fits
    head = header_height(cols, roles)
    last = len(rows)

    @cache
    def height(number: int, first: bool, final: bool) -> float:
        return row_height(rows[number - 1], cols, first and number != 1, final and number != last)

    def pack(room: float) -> list[list[int]]:
        """Each page takes as many rows as fit (at least one), the last of them with its
        connectors below: a row that does not fit as the last one may still fit with
        the rows after it (the SOP's last row has no connectors)."""
        pages: list[list[int]] = []
        start = 1
        while start <= last:
            first = bool(pages)  # its first row holds the connectors of the break above
            used, end = head, start
            for number in range(start, last + 1):
                opening = first and number == start
                if used + height(number, opening, True) <= room:
                    end = number
                used += height(number, opening, False)
                if used > room:  # a row ending the page is never lower: no later end fits
                    break
            pages.append(list(range(start, end + 1)))
            start, room = end + 1, table_page
        return pages

    ident_height = identity_height(ident, kertas) + GAP_TABLE
    below = (page - ident_height) / scale if ident_height < page else 0.0
    pages = pack(below)
    too_few = len(pages[0]) < min(ORPHAN, last)
    new_page = bool(rows) and (head + height(1, False, last == 1) > below or too_few)
    fresh = pack(table_page) if rows else pages
    if new_page or (rows and len(fresh) + 1 <= len(pages)):
        # on a fresh page when it must, or when that takes no more sheets: the
        # procedure whole on its own page(s), with fewer breaks and connectors
        new_page, pages = True, fresh
    starts = {p[0] for p in pages[1:]}
    ends = {p[-1] for p in pages[:-1]}
    bagan = tuple(r.bagan.height(n in starts, n in ends) for n, r in enumerate(rows, start=1))
    return PrintPlan(kertas, cols, scale, new_page, tuple(tuple(p) for p in pages), bagan)


def pages_estimate(plan: PrintPlan) -> int:
    """How many sheets the SOP takes: the identity page(s) and the table pages."""
    return len(plan.pages) + (1 if plan.table_on_new_page else 0)


__all__ = [
    "DEFAULT_KERTAS",
    "KERTAS",
    "Bagan",
    "Columns",
    "IdentityText",
    "Kertas",
    "PrintPlan",
    "RowText",
    "columns",
    "content_height",
    "css_variables",
    "line_count",
    "pages_estimate",
    "plan_pages",
    "resolve_kertas",
    "role_min",
    "row_height",
    "text_width",
]
