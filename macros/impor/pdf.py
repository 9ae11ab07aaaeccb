"""The PDF reader: a signed or printed SOP AP (vector PDF) -> Draft.

pdfplumber reads the text layer (words with positions) and the vector drawing;
geometry.py reduces the drawing to segments, symbols and arrowheads. The reader then
finds the procedure table by its header (No | Kegiatan | pelaksana... | Kelengkapan |
Waktu | Output | Keterangan), its columns (grid lines, else header positions) and
rows (grid lines, else the step numbers), places each symbol in its row and role
column, and follows the arrows between symbols (arrowheads tell the direction;
labels are the short texts lying along an arrow that leaves a diamond). Everything
before the table is the identity section, read by its printed labels.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import UnreadableDocument
from .draft import Draft, DraftStep, Kind
from .geometry import Box, Segment, Symbol, box_distance, clip, cluster, read_drawing
from .identity import read_identity
from .page import Page, Word, text_lines

SEP = 1.0  # tolerance for "on a line"
TOUCH = 3.2  # an arrow end this close to a symbol touches it
FOOTER = re.compile(
    r"ditandatangani secara elektronik|Balai Sertifikasi Elektronik|Pindai kode QR|kode QR di samping",
    re.I,
)


@dataclass
class Column:
    name: str  # no, kegiatan, pelaksana, kelengkapan, waktu, output, keterangan
    x0: float
    x1: float
    role: str = ""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Layout:
    """The table's columns, found in the header."""

    columns: list[Column]
    header_bottom: float
    top: float = 0.0  # top of the header's text (the table starts above it)

    def named(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def roles(self) -> list[Column]:
        return [c for c in self.columns if c.name == "pelaksana"]


@dataclass
class Row:
    page: Page
    top: float
    bottom: float
    symbols: list[Symbol] = field(default_factory=list)


# ---------------------------------------------------------------- loading


WATERMARK_SIZE = 30.0  # letters this large (a KONSEP watermark) are not content


def _upright(char: dict[str, Any]) -> bool:
    """Text set straight (pdfplumber wants an exact zero; signing wrappers leave 1e-8)."""
    a, b, c, d = (float(v) for v in (char.get("matrix") or (1, 0, 0, 1, 0, 0))[:4])
    return abs(b) < 1e-3 * abs(a or 1) and abs(c) < 1e-3 * abs(d or 1)


def _words(page: Any) -> list[Word]:
    """Words of a page; text drawn twice (outline + fill) once, rotated or huge letters dropped."""
    from pdfplumber.utils.text import WordExtractor

    seen: set[tuple[str, float, float]] = set()
    chars = []
    for char in page.chars:
        matrix = char.get("matrix") or (0, 0, 0, 0, 0, char["top"])
        key = (char["text"], round(char["x0"], 1), round(float(matrix[5]), 1))  # same glyph, same baseline
        if key in seen or not _upright(char) or float(char["size"]) >= WATERMARK_SIZE:
            continue
        seen.add(key)
        chars.append({**char, "upright": True, "size": round(float(char["size"]), 1)})
    extractor = WordExtractor(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size"])
    return [
        Word(w["text"], Box(w["x0"], w["top"], w["x1"], w["bottom"]), round(float(w["size"]), 1))
        for w in extractor.extract_words(chars)
        if w["text"].strip()
    ]


def _without_notice(words: list[Word]) -> list[Word]:
    """Words less the electronic-signature notice printed on every page."""
    notice: set[int] = set()
    for line in text_lines(words, gap=12):
        if FOOTER.search(" ".join(w.text for w in line)):
            notice.update(id(w) for w in line)
    return [w for w in words if id(w) not in notice]


def load_pages(path: Path) -> list[Page]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        raise UnreadableDocument(
            f"{path.name}: berkas PDF tidak dapat dibuka ({type(exc).__name__})"
        ) from None
    pages: list[Page] = []
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                words = _without_notice(_words(page))
                drawing = read_drawing([*page.lines, *page.rects, *page.curves])
                # A frame around a short label is as small as an arrowhead; arrowheads hold no text.
                drawing.heads = [
                    h for h in drawing.heads if not any(h.contains((w.box.cx, w.box.cy)) for w in words)
                ]
                pictures = [Box(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
            except Exception:  # one broken page never stops the others
                words, drawing, pictures = [], read_drawing([]), []
            pages.append(Page(number, float(page.width), float(page.height), words, drawing, pictures))
    return pages


# ---------------------------------------------------------------- lines of text


def join(words: Sequence[Word]) -> str:
    """Text of words in reading order (lines top to bottom, words left to right)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box.cy, w.box.x0)):
        if lines and abs(lines[-1][-1].box.cy - word.box.cy) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.box.x0)) for line in lines)


def flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- header and columns

_KEGIATAN = re.compile(
    r"^(uraian|aktivitas|aktifitas|kegiatan|prosedur)([/ ]*(kegiatan|aktivitas|prosedur))?\.?$", re.I
)
_HEAD_WORDS = {
    "kelengkapan": re.compile(r"^(persyaratan/?\s*)?kelengkapan|^persyaratan|^input$|^masukan$", re.I),
    "waktu": re.compile(r"^waktu:?$", re.I),
    "output": re.compile(r"^(output|keluaran)(/\w+)?:?$", re.I),
    "keterangan": re.compile(r"^ket(erangan|\.)?$", re.I),
}


def _find(words: list[Word], pattern: str, near: Box | None = None, dy: float = 30) -> Word | None:
    rx = re.compile(pattern, re.I)
    found = [w for w in words if rx.match(w.text) and (near is None or abs(w.box.cy - near.cy) <= dy)]
    if near is not None:
        found.sort(key=lambda w: abs(w.box.cy - near.cy))
    return found[0] if found else None


def _verticals(page: Page, top: float, bottom: float) -> list[float]:
    """x of vertical grid lines crossing the band top..bottom (lines and cell edges)."""
    xs = [
        s.x0
        for s in page.drawing.segments
        if s.vertical and min(s.y0, s.y1) <= top + 2 and max(s.y0, s.y1) >= bottom - 2
    ]
    for box in page.drawing.fills:
        across = box.top <= top + 2 and box.bottom >= bottom - 2 and box.height < page.height * 0.5
        if across and not _text_shading(box, page.words):
            xs += [box.x0, box.x1]
    return cluster(xs, 2.5)


def _text_shading(box: Box, words: list[Word]) -> bool:
    """The shading behind one line of a cell's text (narrower than the cell): its edges
    are not the grid's."""
    if box.height >= 14:
        return False
    return any(box.contains((w.box.cx, w.box.cy)) and w.box.height >= 0.6 * box.height for w in words)


def find_layout(page: Page) -> Layout | None:
    """The table header on a page: columns with their names and roles. Of the words that
    could title the Kegiatan column, the one with the most header words around it wins
    (the same words occur in running text, e.g. in the Peringatan box)."""
    best: tuple[int, Word, Word | None, dict[str, Word]] | None = None
    for keg in (w for w in page.words if _KEGIATAN.match(w.text)):
        no = _find([w for w in page.words if w.box.x1 <= keg.box.x0], r"^no\.?$", keg.box, 25)
        heads = {
            name: _find([w for w in page.words if w.box.x0 > keg.box.x1], rx.pattern, keg.box, 35)
            for name, rx in _HEAD_WORDS.items()
        }
        found = {k: v for k, v in heads.items() if v is not None and _HEAD_WORDS[k].match(v.text.rstrip(":"))}
        if len(found) < 2 or (no is None and len(found) < 3):
            continue
        xs = [found[k].box.x0 for k in _HEAD_WORDS if k in found]
        in_order = xs == sorted(xs) and all(b - a > 15 for a, b in itertools.pairwise(xs))
        score = len(found) + (2 if no is not None else 0) + (2 if in_order else 0)
        if best is None or score > best[0]:
            best = (score, keg, no, found)
    return _layout(page, *best[1:]) if best is not None else None


def _layout(page: Page, keg: Word, no: Word | None, heads: dict[str, Word]) -> Layout:
    band_top = _header_top(page, keg)
    band_bottom = max(keg.box.bottom, *(w.box.bottom for w in heads.values()))
    header_bottom = _header_bottom(page, keg, band_bottom)
    xs = _verticals(page, keg.box.top, keg.box.bottom)
    first_mutu = min(w.box.x0 for w in heads.values())
    body = _verticals(page, header_bottom + 2, header_bottom + 6)  # the first row's cell walls

    def around(word: Word) -> tuple[float, float]:
        """The grid lines left and right of a header word (crossing the word's own line or
        the first row under it)."""
        xs = cluster([*_verticals(page, word.box.cy - 1, word.box.cy + 1), *body], 2.5)
        left = [x for x in xs if x <= word.box.x0 + 1]
        right = [x for x in xs if x >= word.box.x1 - 1]
        return (left[-1] if left else word.box.x0 - 4, right[0] if right else word.box.x1 + 4)

    kegiatan = Column("kegiatan", *around(keg))
    # Without a "No" title the numbers share the Kegiatan column (read from its text).
    number = Column("no", *around(no)) if no is not None else Column("no", kegiatan.x0, kegiatan.x0)
    lefts = [x for x in body if kegiatan.x0 - 40 <= x < kegiatan.x0 - 8]
    if no is None and lefts:  # a narrow first column under the Kegiatan title: the numbers
        number = Column("no", lefts[-1], kegiatan.x0)
    columns = [number, kegiatan]
    role_left = columns[1].x1
    mutu_word = min(heads.values(), key=lambda w: w.box.x0)
    role_right = around(mutu_word)[0] if xs else first_mutu - 4
    role_words = [
        w
        for w in page.words
        if role_left < w.box.cx < role_right
        and band_top - 2 <= w.box.top
        and w.box.bottom <= header_bottom + 1
    ]
    role_words = _without_title(page, role_words, role_left, role_right)
    role_xs = _role_rules(page, role_words, role_left, role_right)
    columns += _role_columns(role_words, role_left, role_right, role_xs)
    for name, word in sorted(heads.items(), key=lambda kv: kv[1].box.x0):
        x0, x1 = around(word)
        columns.append(Column(name, x0, x1))
    if not xs:  # no grid: boundaries halfway between neighbouring header words
        for left, right in itertools.pairwise(columns):
            middle = (left.x1 + right.x0) / 2 if left.x1 < right.x0 else (left.cx + right.cx) / 2
            left.x1 = right.x0 = middle
    return Layout(columns, header_bottom, band_top)


def _role_rules(page: Page, words: list[Word], left: float, right: float) -> list[float]:
    """x of the grid lines between the role columns: vertical lines and cell edges
    crossing the middle line of the role names, less the lines that are no column rule.
    A rule starts at a rule (the table's top, the line under "Pelaksana", a cell's
    edge) and runs beside the names; a flow line reaching up into the header from a
    cell below (drawn longer than its clipped cell by a printer) starts in the middle of
    the header cell, and a line down the middle of a column crosses the name centred
    there."""
    if not words:
        return []
    middle = sorted(w.box.cy for w in words)[len(words) // 2]
    found: list[tuple[float, float, float]] = []  # x, top, bottom
    for seg in page.drawing.segments:
        top, bottom = min(seg.y0, seg.y1), max(seg.y0, seg.y1)
        if seg.vertical and top <= middle + 1 and bottom >= middle - 1 and not _hangs(page, seg.x0, top):
            found.append((seg.x0, top, bottom))
    for box in page.drawing.fills:
        across = box.top <= middle + 1 and box.bottom >= middle - 1 and box.height < page.height * 0.5
        if across and not _text_shading(box, page.words):
            found += [(box.x0, box.top, box.bottom), (box.x1, box.top, box.bottom)]
    kept = [
        x
        for x, top, bottom in found
        if left + 3 < x < right - 3
        and not any(
            w.box.x0 + 1 < x < w.box.x1 - 1 and w.box.bottom > top and w.box.top < bottom for w in words
        )
    ]
    return cluster(kept, 2.5)


def _hangs(page: Page, x: float, y: float) -> bool:
    """Whether a vertical line's top end (x, y) meets no other line: no horizontal rule
    or cell edge runs through it and no vertical line goes on above it."""
    for seg in page.drawing.segments:
        if (
            seg.horizontal
            and abs(seg.y0 - y) <= 2
            and min(seg.x0, seg.x1) - 2 <= x <= max(seg.x0, seg.x1) + 2
        ):
            return False
        if (
            seg.vertical
            and abs(seg.x0 - x) <= 1
            and min(seg.y0, seg.y1) < y - 1
            and max(seg.y0, seg.y1) >= y - 2
        ):
            return False
    return not any(
        (abs(b.top - y) <= 2 or abs(b.bottom - y) <= 2) and b.x0 - 2 <= x <= b.x1 + 2
        for b in page.drawing.fills
    )


def _cells(page: Page) -> list[Box]:
    """Filled or framed rectangles that can be cells: not the shading behind one line of text."""
    return [b for b in page.drawing.fills if b.height >= 14 and b.height < page.height * 0.5]


def _header_top(page: Page, keg: Word) -> float:
    """The table's top edge above the header (at most 32 pt above the Kegiatan title)."""
    ys = [
        s.y0
        for s in page.drawing.segments
        if s.horizontal and min(s.x0, s.x1) <= keg.box.cx <= max(s.x0, s.x1) and s.y0 < keg.box.top
    ]
    ys += [b.top for b in _cells(page) if b.x0 <= keg.box.cx <= b.x1 and b.top < keg.box.top]
    ys = [y for y in ys if y >= keg.box.top - 32]
    words = [w.box.top for w in page.words if abs(w.box.cy - keg.box.cy) <= 32]
    return max(ys) if ys else min(words)  # no line crosses a title spanning the header rows


def _header_bottom(page: Page, keg: Word, band_bottom: float) -> float:
    ys = [
        s.y0
        for s in page.drawing.segments
        if s.horizontal and min(s.x0, s.x1) <= keg.box.cx <= max(s.x0, s.x1) and s.y0 > keg.box.bottom - 1
    ]
    ys += [b.bottom for b in _cells(page) if b.x0 <= keg.box.cx <= b.x1 and b.bottom > keg.box.bottom]
    below = [y for y in ys if y >= band_bottom - 1]
    return min(below) if below else band_bottom + 2


def _without_title(page: Page, words: list[Word], left: float, right: float) -> list[Word]:
    """The title over all role columns ("Pelaksana", sometimes another word) is not a role:
    it sits above a grid line that runs across every role column."""
    if not words:
        return words
    top = min(w.box.top for w in words)
    bottom = max(w.box.bottom for w in words)
    across = [
        s.y0
        for s in page.drawing.segments
        if s.horizontal
        and min(s.x0, s.x1) <= left + 3
        and max(s.x0, s.x1) >= right - 3
        and top < s.y0 < bottom - 4
    ]
    across += [
        b.bottom
        for b in page.drawing.fills
        if b.x0 <= left + 3 and b.x1 >= right - 3 and top < b.bottom < bottom - 4
    ]
    if across:
        below = [w for w in words if w.box.top > max(across) - 1]
        if below:
            return below
    top_line = [w for w in words if w.box.top - top < 3]
    rest = [w for w in words if w not in top_line]
    if rest and len(top_line) == 1 and re.match(r"^pelaksana$", top_line[0].text, re.I):
        return rest
    return words


def cell_text(words: Sequence[Word]) -> str:
    """A cell's text on one line: lines joined; a word broken at the cell's edge
    ("Pemerintaha" / "n") joined back."""
    lines = join(words).split("\n")
    out = lines[0] if lines else ""
    for line in lines[1:]:
        first = line.split()[0] if line.split() else ""
        broken = first.isalpha() and first.islower() and len(first) == 1 and len(out.split()[-1]) >= 6
        out = f"{out}{line}" if broken else f"{out} {line}"
    return flat(out)


def _role_columns(words: list[Word], left: float, right: float, xs: list[float]) -> list[Column]:
    """One column per role between Kegiatan and Mutu Baku; names joined across lines."""
    words = [w for w in words if not re.fullmatch(r"\(?\d{1,2}\)?", w.text)]  # a column-number row
    bounds = [left, *xs, right]
    if len(bounds) > 2:
        cols = [Column("pelaksana", a, b) for a, b in itertools.pairwise(bounds) if b - a > 8]
        for col in cols:
            col.role = cell_text([w for w in words if col.x0 < w.box.cx < col.x1])
        named = [c for c in cols if c.role]
        if named:
            return named
    # No grid lines between roles: group the header words by gaps.
    groups: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.box.x0):
        if groups and word.box.x0 - max(w.box.x1 for w in groups[-1]) < 6:
            groups[-1].append(word)
        else:
            groups.append([word])
    cols = [
        Column("pelaksana", min(w.box.x0 for w in g), max(w.box.x1 for w in g), cell_text(g)) for g in groups
    ]
    for a, b in itertools.pairwise(cols):
        a.x1 = b.x0 = (a.x1 + b.x0) / 2
    if cols:
        cols[0].x0, cols[-1].x1 = left, right
    return cols


# ---------------------------------------------------------------- rows


def _row_lines(page: Page, layout: Layout, top: float) -> list[float]:
    """y of the rules between the rows: rules across the Kegiatan column. When the
    numbers have a column of their own, a rule must cross it too: a rule across the
    Kegiatan cell alone divides one step's text (its sub-items each in a cell of their
    own) while the step's number, and its row, run on."""
    keg, no = layout.named("kegiatan"), layout.named("no")
    assert keg is not None
    ys = _rules_across(page, keg, top)
    if no is not None and no.x1 - no.x0 > 8:
        numbered = _rules_across(page, no, top)
        if len(numbered) >= 2:
            ys = [y for y in ys if any(abs(y - n) <= 2.5 for n in numbered)]
    return ys


def _rules_across(page: Page, col: Column, top: float) -> list[float]:
    """y of the rules and cell edges below `top` running across a whole column."""
    ys = [y for y, x0, x1 in _rules(page, top) if x0 <= col.x0 + 3 and x1 >= col.x1 - 3]
    for b in page.drawing.fills:
        if b.x0 <= col.x0 + 3 and b.x1 >= col.x1 - 3 and b.height < page.height * 0.5 and b.bottom >= top - 2:
            ys += [b.top, b.bottom] if b.top >= top - 2 else [b.bottom]
    return cluster(ys, 2.0)


def _rules(page: Page, top: float) -> list[tuple[float, float, float]]:
    """Horizontal rules below `top` as (y, x0, x1): pieces drawn end to end on one line
    (a rule cut at every cell edge, or at every word of a justified cell) joined."""
    flat = [s for s in page.drawing.segments if s.horizontal and s.y0 >= top - 2]
    pieces = sorted((s.y0, min(s.x0, s.x1), max(s.x0, s.x1)) for s in flat)
    lines: list[list[tuple[float, float, float]]] = []  # pieces on one line (y within 1 pt)
    for piece in pieces:
        if lines and piece[0] - lines[-1][-1][0] <= 1.0:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    rules: list[tuple[float, float, float]] = []
    for line in lines:
        y = line[0][0]
        x0, x1 = None, None
        for _, a, b in sorted(line, key=lambda p: p[1]):
            if x0 is None or x1 is None or a - x1 > 2.0:
                if x0 is not None and x1 is not None:
                    rules.append((y, x0, x1))
                x0, x1 = a, b
            else:
                x1 = max(x1, b)
        if x0 is not None and x1 is not None:
            rules.append((y, x0, x1))
    return rules


def _rows_by_numbers(page: Page, layout: Layout, top: float, bottom: float) -> list[tuple[float, float]]:
    no = layout.named("no")
    assert no is not None
    numbers = sorted(
        (
            w
            for w in page.words
            if no.x0 <= w.box.cx <= no.x1 and top < w.box.top < bottom and _number(w.text)
        ),
        key=lambda w: w.box.top,
    )
    if not numbers:
        return [(top, bottom)] if bottom - top > 10 else []
    centers = [w.box.cy for w in numbers]
    edges = [top, *((a + b) / 2 for a, b in itertools.pairwise(centers)), bottom]
    return list(itertools.pairwise(edges))


def _number(text: str) -> int | None:
    m = re.match(r"^(\d{1,3})\.?$", text.strip())
    return int(m.group(1)) if m else None


def page_rows(page: Page, layout: Layout, top: float) -> list[tuple[float, float]]:
    lines = [y for y in _row_lines(page, layout, top) if y >= top - 2]
    if len(lines) >= 2:
        return [(a, b) for a, b in itertools.pairwise(lines) if b - a > 7]
    bottom = max(
        (w.box.bottom for w in page.words if w.box.top > top and not FOOTER.search(w.text)), default=top
    )
    return _rows_by_numbers(page, layout, top, bottom + 2)


# ---------------------------------------------------------------- the reader


def read_pdf(path: Path) -> Draft:
    pages = load_pages(path)
    draft = Draft(source=path.name)
    if not any(p.words for p in pages):
        if any(p.pictures for p in pages):
            raise UnreadableDocument(
                f"{path.name}: dokumen berupa gambar (hasil pindai) tanpa lapisan teks; "
                "tidak ada yang dapat dibaca tanpa OCR"
            )
        raise UnreadableDocument(f"{path.name}: dokumen tidak memuat teks yang dapat dibaca")
    found = next(((i, lay) for i, p in enumerate(pages) if (lay := find_layout(p)) is not None), None)
    if found is None:
        read_identity(pages, None, draft)
        pictures = any(b.width * b.height > 0.15 * p.width * p.height for p in pages for b in p.pictures)
        # Letters drawn as outlines: a page full of drawing with hardly any text.
        outlined = any(
            len(p.words) < 60
            and len(p.drawing.segments) + len(p.drawing.symbols) + len(p.drawing.heads) > 150
            for p in pages
        )
        if pictures or outlined:
            draft.notes.append(
                "tabel prosedur berupa gambar (bukan teks dan garis): langkah, pelaksana dan simbol "
                "tidak dapat dibaca; isi dari dokumen asli"
            )
        else:
            draft.notes.append("tabel prosedur (No | Kegiatan | Pelaksana | Mutu Baku) tidak ditemukan")
        return draft
    index, layout = found
    read_identity(pages, (index, _table_top(pages[index], layout)), draft)
    TableReader(pages, index, layout, draft).read()
    return draft


def _table_top(page: Page, layout: Layout) -> float:
    return layout.top - 3


@dataclass
class _Sym:
    symbol: Symbol
    page: int
    step: int | None  # index into steps (0-based), None for connectors
    role: int | None = None  # index into roles
    spans: list[int] = field(default_factory=list)  # other roles a wide box also covers


_BRANCH = r"[^→;,\n]+?\s→\s\d+"
_MORE = r"[^→;,]+?\s→\s\d+"  # later branches may wrap onto the next line
_NEXT = r"Lanjut\ske\s\d+(?:,\s\d+)*"
_FLOW = re.compile(rf"^(?:Mulai; )?(?:{_BRANCH}(?:,\s{_MORE})+|{_NEXT})$")
_FLOW_TAIL = re.compile(rf"(?:^|\n)((?:Mulai(?:;\s|$))?(?:Selesai|{_BRANCH}(?:,\s{_MORE})+|{_NEXT})?)$")
_VIA_SOP = re.compile(r"(?:^|\n)Melalui SOP:\s*(.+)$", re.S)


def read_printed_flow(step: DraftStep, lines: list[str], count: int) -> None:
    """The flow the portal prints in words at the end of the Keterangan cell: it names
    the branches in order with their targets, so it is taken over the arrows."""
    text = "\n".join(lines).strip()
    tail = _FLOW_TAIL.search(text)
    flow_text = " ".join(tail.group(1).split()) if tail is not None else ""
    if tail is not None:
        text = text[: tail.start(1)].strip()
    via = _VIA_SOP.search(text)
    if via is not None:
        name = " ".join(via.group(1).split())
        text = text[: via.start()].strip()
        step.doubt("sop", f"langkah ini dijalankan melalui SOP lain ('{name}'): tulis id-nya di kunci sop")
    step.keterangan = " ".join(text.split())
    if not flow_text:
        return
    if flow_text.startswith("Mulai"):
        step.kind = "mulai"
        flow_text = flow_text.removeprefix("Mulai").lstrip("; ")
    if flow_text == "Selesai":
        step.kind = "selesai"
    elif flow_text.startswith("Lanjut ke "):
        step.ke = [int(n) for n in flow_text.removeprefix("Lanjut ke ").split(", ")]
    elif "→" in flow_text:
        branches: dict[str, int | None] = {}
        for part in re.findall(r"([^→;,]+?) → (\d+)", flow_text):
            branches[part[0].strip()] = int(part[1])
        if len(branches) >= 2:
            step.kind = "keputusan"
            step.branches = branches
            step.doubts.pop("keputusan", None)


class TableReader:
    """Rows, symbols and arrows of the procedure table over its pages."""

    def __init__(self, pages: list[Page], first: int, layout: Layout, draft: Draft) -> None:
        self.pages, self.first, self.layout, self.draft = pages, first, layout, draft
        self.roles = layout.roles
        self.steps: list[DraftStep] = []
        self.syms: list[_Sym] = []
        self.rows: list[tuple[int, float, float]] = []  # page index, top, bottom per step
        self.ket_lines: list[list[str]] = []  # the Keterangan cell's lines per step

    def read(self) -> None:
        draft = self.draft
        names: list[str] = []
        for col in self.roles:  # two columns with one title: the steps must tell them apart
            base, n = col.role, 2
            while col.role in names:
                col.role, n = f"{base} ({n})", n + 1
            if col.role != base:
                draft.doubt(
                    "pelaksana",
                    f"nama pelaksana '{base}' tertulis lebih dari sekali; kolom berikutnya diberi nomor",
                )
            names.append(col.role)
        draft.pelaksana = names
        if not self.roles:
            draft.doubt("pelaksana", "kolom pelaksana tidak ditemukan di kepala tabel")
        layout = self.layout
        for index in range(self.first, len(self.pages)):
            page = self.pages[index]
            top = layout.header_bottom
            if index > self.first:
                again = find_layout(page)
                top = again.header_bottom if again is not None else 0.0
            self._read_page(index, page, top)
        if not self.steps:
            draft.doubt("langkah", "baris langkah tidak ditemukan di tabel prosedur")
            return
        if self._drawn_as_picture():
            draft.notes.append(
                "bagan alir di kolom pelaksana berupa gambar: pelaksana, simbol dan panah tidak dapat "
                "dibaca; isi dari dokumen asli"
            )
        self._merged_cells()
        FlowReader(self).read()
        self._pictured_arrows()
        if self._portal_print():
            for step, lines in zip(self.steps, self.ket_lines, strict=True):
                read_printed_flow(step, lines, len(self.steps))
        draft.langkah = self.steps

    def _merged_cells(self) -> None:
        """A Mutu Baku cell merged over several rows (no rule between them in that column)
        holds one value for each of those steps."""
        keg = self.layout.named("kegiatan")
        for name in ("kelengkapan", "waktu", "output"):
            col = self.layout.named(name)
            if col is None or keg is None:
                continue
            group = [0]
            for i in range(1, len(self.steps) + 1):
                joined = (
                    i < len(self.steps)
                    and self._no_rule_between(i - 1, i, col.cx)
                    and not self._no_rule_between(i - 1, i, keg.cx)  # rows ruled, this cell not
                )
                if joined:
                    group.append(i)
                    continue
                values = [getattr(self.steps[g], name) for g in group if getattr(self.steps[g], name)]
                if len(group) > 1 and len(values) == 1:
                    for g in group:
                        setattr(self.steps[g], name, values[0])
                        self.steps[g].doubt(
                            name, "sel Mutu Baku digabung untuk beberapa langkah; nilainya disalin"
                        )
                group = [i]

    def _no_rule_between(self, a: int, b: int, x: float) -> bool:
        """Whether rows a and b (on one page, adjacent) share a cell at x: no rule between them."""
        page_a, _, bottom = self.rows[a]
        page_b, top, _ = self.rows[b]
        if page_a != page_b or abs(bottom - top) > 2:
            return False
        page = self.pages[page_a]
        for seg in page.drawing.segments:
            if (
                seg.horizontal
                and abs(seg.y0 - top) < 2.5
                and min(seg.x0, seg.x1) - 1 <= x <= max(seg.x0, seg.x1) + 1
            ):
                return False
        return not any(
            (abs(c.top - top) < 2.5 or abs(c.bottom - top) < 2.5) and c.x0 <= x <= c.x1 for c in _cells(page)
        )

    def _pictured_arrows(self) -> None:
        """Arrows drawn as pictures (thin pictures in the role columns with no text on
        them; a label's text box may be a picture too) cannot be followed: the steps whose
        symbols they touch, whose flow was guessed, are marked, and the document."""
        if not self.roles:
            return
        x0, x1 = self.roles[0].x0, self.roles[-1].x1
        found = 0
        for index in sorted({page for page, _, _ in self.rows}):
            page = self.pages[index]
            top = min(t for p, t, _ in self.rows if p == index)
            bottom = max(b for p, _, b in self.rows if p == index)
            for pic in page.pictures:
                short, long = sorted((pic.width, pic.height))
                thin = short <= 16 and long >= 12 and long >= 1.5 * short
                inside = pic.x1 > x0 and pic.x0 < x1 and pic.bottom > top and pic.top < bottom
                if not (thin and inside) or any(pic.contains((w.box.cx, w.box.cy)) for w in page.words):
                    continue
                found += 1
                near = pic.grow(6)
                for sym in self.syms:
                    if sym.page == index and sym.step is not None and near.overlaps(sym.symbol.box):
                        step = self.steps[sym.step]
                        step.doubt(
                            "keputusan" if step.kind == "keputusan" else "ke",
                            "panah di dekat simbol ini berupa gambar; alurnya ditebak",
                        )
        if found:
            self.draft.notes.append(
                f"{found} potong panah bagan alir berupa gambar: alur di sekitarnya tidak dapat dibaca "
                "dan ditebak; periksa langkah bertanda PERIKSA dengan dokumen asli"
            )

    def _drawn_as_picture(self) -> bool:
        """A picture over the role columns where the rows found no symbol."""
        if not self.roles:
            return False
        x0, x1 = self.roles[0].x0, self.roles[-1].x1
        drawn = {s.page for s in self.syms if s.step is not None}
        for index, top, bottom in self.rows:
            if index in drawn:
                continue
            for pic in self.pages[index].pictures:
                if pic.x1 > x0 and pic.x0 < x1 and pic.bottom > top and pic.top < bottom and pic.width > 30:
                    return True
        return False

    def _portal_print(self) -> bool:
        """The portal prints the flow in words in the Keterangan column ('Ya → 7, Tidak → 5',
        'Lanjut ke 3', 'Selesai') and "Hal. x dari y" in the page margin."""
        if any(_FLOW.match(line) for lines in self.ket_lines for line in lines):
            return True
        last = self.pages[-1]
        footer = join([w for w in last.words if w.box.top > last.height * 0.9])
        return bool(re.search(r"^Hal\. \d+ dari \d+$", footer, re.M))

    def _cell(self, words: list[Word], name: str) -> str:
        col = self.layout.named(name)
        if col is None:
            return ""
        return join([w for w in words if col.x0 <= w.box.cx <= col.x1])

    def _read_page(self, index: int, page: Page, top: float) -> None:
        rows = page_rows(page, self.layout, top)
        table_bottom = rows[-1][1] if rows else top
        left = self.layout.columns[0].x0
        right = self.layout.columns[-1].x1
        role_x0 = self.roles[0].x0 if self.roles else 0
        role_x1 = self.roles[-1].x1 if self.roles else 0
        placed: set[int] = set()
        for row_top, row_bottom in rows:
            words = [
                w
                for w in page.words
                if row_top <= w.box.cy <= row_bottom and left - 2 <= w.box.cx <= right + 2
            ]
            syms = [
                (i, s)
                for i, s in enumerate(page.drawing.symbols)
                if row_top <= s.box.cy <= row_bottom
                and role_x0 - 2 <= s.box.cx <= role_x1 + 2
                and (s.shape == "ketupat" or s.box.height < (row_bottom - row_top) + 2)
                and not _is_cell(s, row_top, row_bottom, self.roles)
                and not _label_frame(s, page.words)
            ]
            number_text = flat(self._cell(words, "no"))
            keg = self.layout.named("kegiatan")
            kegiatan = cell_text([w for w in words if keg is not None and keg.x0 <= w.box.cx <= keg.x1])
            leading = re.match(r"^(\d{1,3})\.?\s+(?=\S)", kegiatan)
            if not number_text and leading:
                number_text, kegiatan = leading.group(1), kegiatan[leading.end() :]
            steps_syms = [(i, s) for i, s in syms if s.shape != "segilima"]
            if not number_text and not kegiatan and not steps_syms:
                continue
            if self._column_numbers(words):
                continue
            if not number_text and not steps_syms and self.steps and kegiatan:
                # A row cut by the page break: its text continues the previous step.
                prev = self.steps[-1]
                prev.kegiatan = f"{prev.kegiatan} {kegiatan}".strip()
                continue
            step = DraftStep(kegiatan=kegiatan, nomor=_number(number_text) if number_text else None)
            if number_text and step.nomor is None:
                step.doubt("kegiatan", f"nomor langkah tertulis '{number_text}' bukan angka")
            numbered = [x.nomor for x in self.steps if x.nomor is not None]
            if step.nomor == 1 and numbered and max(numbered) > 1:
                step.doubt(
                    "kegiatan",
                    "penomoran mulai lagi dari 1: mungkin tabel prosedur lain di dokumen yang sama",
                )
            self._mutu(words, step, page)
            if any(s.shape == "ketupat" and s.box.height > row_bottom - row_top + 2 for _, s in syms):
                step.doubt("keputusan", "belah ketupat melewati garis barisnya; dianggap milik langkah ini")
            self.steps.append(step)
            self.rows.append((index, row_top, row_bottom))
            for i, sym in syms:
                placed.add(i)
                self._place(index, sym, None if sym.shape == "segilima" else len(self.steps) - 1)
        # Symbols outside every row band (end capsules under the table, connectors).
        for i, sym in enumerate(page.drawing.symbols):
            if i in placed or not (role_x0 - 2 <= sym.box.cx <= role_x1 + 2) or sym.box.cy < top:
                continue
            if (
                sym.box.height > 60
                or sym.box.width > (role_x1 - role_x0) * 0.8
                or _label_frame(sym, page.words)
            ):
                continue
            if sym.shape == "segilima" or sym.box.cy > table_bottom:
                owner: int | None = None
                if sym.shape != "segilima" and self.steps and sym.box.cy - table_bottom < 60:
                    owner = len(self.steps) - 1
                    self.steps[owner].doubt(
                        "pelaksana", "simbol di luar baris tabel; dianggap milik langkah ini"
                    )
                self._place(index, sym, owner)

    def _column_numbers(self, words: list[Word]) -> bool:
        """The optional row of column numbers under the header (1 2 3 ...)."""
        texts = [w.text.strip("()") for w in sorted(words, key=lambda w: w.box.x0)]
        return len(texts) >= 4 and all(t.isdigit() for t in texts) and texts[:2] == ["1", "2"]

    def _mutu(self, words: list[Word], step: DraftStep, page: Page) -> None:
        step.kelengkapan = self._items(words, "kelengkapan", page)
        step.output = self._items(words, "output", page)
        step.waktu = flat(self._cell(words, "waktu"))
        ket = self._cell(words, "keterangan")
        step.keterangan = flat(ket)
        self.ket_lines.append(ket.split("\n") if ket else [])

    def _items(self, words: list[Word], name: str, page: Page) -> list[str]:
        """A Mutu Baku cell as a list: each bullet (drawn or typed) starts an item."""
        col = self.layout.named(name)
        if col is None:
            return []
        inside = [w for w in words if col.x0 <= w.box.cx <= col.x1]
        if not inside:
            return []
        top, bottom = min(w.box.top for w in inside), max(w.box.bottom for w in inside)
        dots = [d for d in page.drawing.dots if col.x0 <= d.cx <= col.x1 and top - 2 <= d.cy <= bottom + 2]
        if len(dots) < 2:
            return [cell_text(inside)]
        starts = sorted(d.cy for d in dots)
        items: list[list[Word]] = [[] for _ in starts]
        for w in inside:
            index = max((i for i, y in enumerate(starts) if y <= w.box.bottom + 1), default=0)
            items[index].append(w)
        return [cell_text(item) for item in items if item]

    def _place(self, page: int, symbol: Symbol, step: int | None) -> None:
        role = None
        for i, col in enumerate(self.roles):
            if col.x0 - 1 <= symbol.box.cx <= col.x1 + 1:
                role = i
                if step is not None and min(symbol.box.cx - col.x0, col.x1 - symbol.box.cx) < 2:
                    self.steps[step].doubt("pelaksana", "simbol tepat di batas dua kolom pelaksana")
                break
        spans: list[int] = []
        if symbol.shape in ("kotak", "kapsul") and step is not None:
            # A box drawn across two role columns (one task done together) covers both.
            for i, col in enumerate(self.roles):
                overlap = min(symbol.box.x1, col.x1) - max(symbol.box.x0, col.x0)
                if i != role and overlap >= max(0.5 * (col.x1 - col.x0), 12):
                    spans.append(i)
            if spans:
                self.steps[step].doubt("pelaksana", "simbol melintasi beberapa kolom pelaksana")
        self.syms.append(_Sym(symbol, page, step, role, spans))


def _label_frame(symbol: Symbol, words: list[Word]) -> bool:
    """A frame drawn tight around one line of short text (a branch label in a text box
    on its arrow) is part of the arrow, not a step's symbol."""
    box = symbol.box
    if symbol.shape != "kotak" or box.height > 12:
        return False
    inside = [w for w in words if box.contains((w.box.cx, w.box.cy))]
    if not inside or any(len(w.text) > 24 for w in inside):
        return False
    return box.height < 2.2 * max(w.box.height for w in inside)


def _is_cell(symbol: Symbol, top: float, bottom: float, roles: list[Column]) -> bool:
    """A rectangle filling its whole cell is grid or shading, not a symbol (a capsule
    never is, however wide; a diamond never, however tall: a tight row's decision
    fills it from rule to rule, or runs over them)."""
    box = symbol.box
    if symbol.shape == "ketupat":
        return False
    if box.height >= (bottom - top) - 3:
        return True
    return symbol.shape == "kotak" and any(abs(box.x0 - c.x0) < 2 and abs(box.x1 - c.x1) < 2 for c in roles)


# ---------------------------------------------------------------- flow


_YES = re.compile(
    r"^(ya|y|yes|ok|ada|setuju|sesuai|sudah|lengkap|benar|layak|valid|lulus|lolos|diterima|disetujui|perlu)\b",
    re.I,
)
_NO = re.compile(r"^(tidak|tdk|t|no|n|belum|tolak|ditolak|perbaiki|revisi|kurang|salah|gagal)\b", re.I)


_OPPOSITE = {"ya": "Tidak", "y": "T", "yes": "No", "tidak": "Ya", "t": "Y", "no": "Yes"}


def _opposite(label: str) -> str:
    """The other answer of a yes/no branch label ("Ya" -> "Tidak", "Tidak lengkap" ->
    "Lengkap", "Sudah sesuai" -> "Belum sesuai"), or "" when the label is no such answer."""
    words = label.split()
    if not words:
        return ""
    head, rest = words[0], " ".join(words[1:])
    if not rest:
        opposite = _OPPOSITE.get(head.lower(), "")
        return opposite if head[:1].isupper() or not opposite else opposite.lower()
    if head.lower() in ("tidak", "belum"):
        return rest[:1].upper() + rest[1:] if head[:1].isupper() else rest
    if head.lower() == "sudah":
        return f"{'Belum' if head[:1].isupper() else 'belum'} {rest}"
    return ""


def _branch_rank(label: str) -> int:
    if _NO.match(label):
        return 2
    return 0 if _YES.match(label) else 1


def _next_to(a: Word, b: Word) -> bool:
    """Whether two words belong to one label: neighbours on a line, or on adjacent
    lines starting (or centred) at the same place."""
    height = max(a.box.height, b.box.height)
    if abs(a.box.cy - b.box.cy) < 3:
        gap = b.box.x0 - a.box.x1 if b.box.x0 >= a.box.x0 else a.box.x0 - b.box.x1
        return -1 <= gap < height
    gap = b.box.top - a.box.bottom if b.box.top >= a.box.top else a.box.top - b.box.bottom
    aligned = abs(a.box.x0 - b.box.x0) < 8 or abs(a.box.cx - b.box.cx) < 8
    return 0 <= gap < 3 and aligned


def _extend_labels(owner: dict[int, list[tuple[float, Word]]], words: list[Word]) -> None:
    """A label's other words ("Tidak" + "lengkap") go with the arrow its nearest word is near."""
    taken = {id(w) for found in owner.values() for _, w in found}
    grew = True
    while grew:
        grew = False
        for found in owner.values():
            for distance, o in list(found):
                for w in words:
                    if id(w) in taken or len(w.text) > 24:
                        continue
                    if _next_to(o, w):
                        taken.add(id(w))
                        found.append((distance + 0.1, w))
                        grew = True


REACH = 10.0  # an arrow end pointing at a symbol this far from it still reaches it


def _loose_ends(comp: list[Segment]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The ends of an arrow's lines that join no other line, with the direction the
    line runs there. A line drawn as the outline of a stroke (two parallel sides joined
    by tiny caps) ends where its sides end: parallel lines and caps do not join it."""
    lines = [s for s in comp if s.length >= 2 and (s.horizontal or s.vertical)]
    out = []
    for seg in lines:
        for p, q in ((seg.ends[1], seg.ends[0]), seg.ends):
            joined = any(
                other is not seg and other.horizontal != seg.horizontal and other.distance(p) <= 2.0
                for other in lines
            )
            if not joined:
                out.append((p, ((p[0] - q[0]) / seg.length, (p[1] - q[1]) / seg.length)))
    return out


def _gap(a: Box, b: Box) -> float:
    """Distance between two rectangles (0 when they overlap)."""
    dx = max(a.x0 - b.x1, b.x0 - a.x1, 0.0)
    dy = max(a.top - b.bottom, b.top - a.bottom, 0.0)
    return math.hypot(dx, dy)


def _reaches(p: tuple[float, float], direction: tuple[float, float], box: Box) -> bool:
    """Whether a line ending at p, continued straight on, meets the box within REACH."""
    dx, dy = direction
    if abs(dx) < 0.5:  # vertical
        if not box.x0 - TOUCH <= p[0] <= box.x1 + TOUCH:
            return False
        gap = box.top - p[1] if dy > 0 else p[1] - box.bottom
    else:
        if not box.top - TOUCH <= p[1] <= box.bottom + TOUCH:
            return False
        gap = box.x0 - p[0] if dx > 0 else p[0] - box.x1
    return -TOUCH <= gap <= REACH


_END_WORDS = re.compile(r"\b(selesai|berakhir|akhir|tamat)\b", re.I)
_START_WORDS = re.compile(r"\b(mulai|dimulai|awal)\b", re.I)


class FlowReader:
    """Arrows between symbols: step kinds, `ke`, decision branches and their labels."""

    def __init__(self, table: TableReader) -> None:
        self.t = table
        self.out: dict[
            int, list[tuple[int | None, list[Word], int]]
        ] = {}  # sym -> (target sym, labels, page)
        self.incoming: dict[int, int] = {}
        self.sources: dict[int, list[int]] = {}  # sym -> the syms whose arrows end at it
        # Lines running off the bottom of a page's table and onto the top of the next
        # one without a connector: (page, sym, x, label words) and (page, syms, x).
        self.leaving: list[tuple[int, int, float, list[tuple[float, Word]]]] = []
        self.arriving: list[tuple[int, list[int], float]] = []

    def read(self) -> None:
        t = self.t
        for index in sorted({s.page for s in t.syms}):
            self._page_flow(index)
        for page, src, x, words in self.leaving:
            origin = t.syms[src].symbol.box
            labels = [
                w
                for _, w in sorted(
                    words, key=lambda dw: abs(dw[1].box.cx - origin.cx) + abs(dw[1].box.cy - origin.cy)
                )
            ]
            for dst_page, dsts, dst_x in self.arriving:
                if dst_page == page + 1 and abs(dst_x - x) <= 8:
                    for dst in dsts:
                        self.out.setdefault(src, []).append((dst, labels, dst_page))
                        self.incoming[dst] = self.incoming.get(dst, 0) + 1
                        self.sources.setdefault(dst, []).append(src)
        self._assign()

    def _table_edges(self, index: int) -> tuple[float, float]:
        rows = [(top, bottom) for page, top, bottom in self.t.rows if page == index]
        return min((r[0] for r in rows), default=0.0), max((r[1] for r in rows), default=0.0)

    def _leaving(self, index: int, src: int, comp: list[Segment], words: list[tuple[float, Word]]) -> None:
        """A line from a symbol that runs down off the bottom of the page's table."""
        _, bottom = self._table_edges(index)
        for p, (_, dy) in _loose_ends(comp):
            if dy > 0.5 and p[1] >= bottom - 4:
                self.leaving.append((index, src, p[0], words))
                return

    def _arriving(self, index: int, dsts: list[int], comp: list[Segment]) -> None:
        """A line that comes down from the top of the page's table into symbols."""
        top, _ = self._table_edges(index)
        for p, (_, dy) in _loose_ends(comp):
            if dy < -0.5 and p[1] <= top + 4:
                self.arriving.append((index, dsts, p[0]))
                return

    def _segments(self, index: int) -> list[Segment]:
        page = self.t.pages[index]
        roles = self.t.roles
        if not roles:
            return []
        x0, x1 = roles[0].x0 - 3, roles[-1].x1 + 3
        xs = [c.x0 for c in roles] + [roles[-1].x1]
        rows = [(top, bottom) for p, top, bottom in self.t.rows if p == index]
        ys = [y for r in rows for y in r]
        symbols = [s.symbol.box for s in self.t.syms if s.page == index]
        first_top = min(ys, default=0.0)
        top = first_top - 40
        inner = [b.grow(-1.2) for b in symbols]
        out = []
        for seg in page.drawing.segments:
            if not (x0 <= seg.x0 <= x1 and x0 <= seg.x1 <= x1 and min(seg.y0, seg.y1) >= top):
                continue
            if seg.vertical and any(abs(seg.x0 - x) < 1.6 for x in xs) and seg.length > 20:
                continue
            if seg.horizontal and any(abs(seg.y0 - y) < 1.6 for y in ys) and seg.length > 30:
                continue
            if seg.horizontal and seg.y0 < first_top - 1:
                continue  # header lines
            out += clip(seg, inner)
        return out

    def _page_flow(self, index: int) -> None:
        t = self.t
        segs = self._segments(index)
        parent = list(range(len(segs)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        boxes = [
            (min(g.x0, g.x1) - 2, min(g.y0, g.y1) - 2, max(g.x0, g.x1) + 2, max(g.y0, g.y1) + 2) for g in segs
        ]
        order = sorted(range(len(segs)), key=lambda k: boxes[k][0])
        for n, i in enumerate(order):  # sweep along x: only segments whose boxes meet are compared
            a, (_, ay0, ax1, ay1) = segs[i], boxes[i]
            for j in order[n + 1 :]:
                bx0, by0, _, by1 = boxes[j]
                if bx0 > ax1:
                    break
                if by0 > ay1 or by1 < ay0:
                    continue
                b = segs[j]
                if any(b.distance(p) <= 2.0 for p in a.ends) or any(a.distance(p) <= 2.0 for p in b.ends):
                    parent[find(i)] = find(j)
        # An elbow drawn as separate arrows, an arrowhead at each bend: lines whose ends
        # meet at one arrowhead are one arrow.
        for head in t.pages[index].drawing.heads:
            near = head.grow(2.5)
            at = [i for i, g in enumerate(segs) if any(near.contains(p) for p in g.ends)]
            for i in at[1:]:
                parent[find(i)] = find(at[0])
        comps: dict[int, list[Segment]] = {}
        for i, seg in enumerate(segs):
            comps.setdefault(find(i), []).append(seg)
        page = t.pages[index]
        heads = page.drawing.heads
        here = [(k, s) for k, s in enumerate(t.syms) if s.page == index]
        inside = [s.symbol.box for _, s in here]
        label_words = [
            w
            for w in page.words
            if not any(b.grow(1).contains((w.box.cx, w.box.cy)) for b in inside)
            and t.roles
            and t.roles[0].x0 <= w.box.cx <= t.roles[-1].x1
        ]
        comp_list = list(comps.values())
        owner: dict[int, list[tuple[float, Word]]] = {}
        for w in label_words:
            if len(w.text) > 24:
                continue
            best = min(
                ((min(box_distance(seg, w.box) for seg in comp), c) for c, comp in enumerate(comp_list)),
                default=None,
            )
            if best is not None and best[0] <= max(7.0, w.box.height):
                owner.setdefault(best[1], []).append((best[0], w))
        _extend_labels(owner, label_words)
        for c, comp in enumerate(comp_list):
            ends = [p for seg in comp for p in seg.ends]
            comp_heads = [h for h in heads if any(h.grow(2.5).contains(p) for p in ends)]
            touched: list[int] = []
            targets: list[int] = []
            for k, s in here:
                box = s.symbol.box.grow(TOUCH)
                if any(box.contains(p) for p in ends) or any(box.overlaps(h) for h in comp_heads):
                    touched.append(k)
                    if any(box.overlaps(h) for h in comp_heads):
                        targets.append(k)
            if len(touched) < 2 or (comp_heads and not targets):
                # An arrow that stops short of a symbol: follow its loose ends straight on.
                for p, direction in _loose_ends(comp):
                    headed = any(h.grow(2.5).contains(p) for h in comp_heads)
                    for k, s in here:
                        if (k not in touched or headed) and _reaches(p, direction, s.symbol.box):
                            if k not in touched:
                                touched.append(k)
                            if headed and k not in targets:
                                targets.append(k)
            if len(touched) == 1 and not targets:
                self._leaving(index, touched[0], comp, owner.get(c, []))
            if not touched or (len(touched) == 1 and not comp_heads):
                continue
            if len(touched) >= 2 and set(targets) == set(touched) and comp_heads:
                # A short arrow whose head comes near both ends: each head points at the
                # symbol nearest to it.
                targets = list(
                    dict.fromkeys(
                        min(touched, key=lambda k: _gap(t.syms[k].symbol.box, h)) for h in comp_heads
                    )
                )
            if not targets and len(touched) >= 2:
                order = sorted(touched, key=lambda k: (t.syms[k].step or 0, t.syms[k].symbol.box.cy))
                targets = order[1:]
            sources = [k for k in touched if k not in targets]
            if not sources:
                self._arriving(index, targets, comp)
            for src in sources:
                origin = t.syms[src].symbol.box
                labels = [
                    w
                    for _, w in sorted(
                        owner.get(c, []),
                        key=lambda dw: abs(dw[1].box.cx - origin.cx) + abs(dw[1].box.cy - origin.cy),
                    )
                ]
                for dst in targets:
                    self.out.setdefault(src, []).append((dst, labels, index))
                    self.incoming[dst] = self.incoming.get(dst, 0) + 1
                    self.sources.setdefault(dst, []).append(src)
                if not targets:
                    self.out.setdefault(src, []).append((None, labels, index))

    def _target_step(self, k: int | None, page: int) -> int | None:
        t = self.t
        if k is None:
            return None
        sym = t.syms[k]
        if sym.symbol.shape != "segilima":
            return sym.step
        # An off-page connector: continue from the matching connector on the next page
        # (the same mark inside it, else the one nearest its column).
        mark = self._mark(k)
        nexts = [
            j for j, other in enumerate(t.syms) if other.page == page + 1 and other.symbol.shape == "segilima"
        ]
        nexts.sort(
            key=lambda j: (
                bool(mark) and self._mark(j) != mark,
                abs(t.syms[j].symbol.box.cx - sym.symbol.box.cx),
            )
        )
        for j in nexts:
            for dst, _, _ in self.out.get(j, []):
                if dst is not None and t.syms[dst].step is not None:
                    return t.syms[dst].step
        later = [i for i, (p, _, _) in enumerate(t.rows) if p > page]
        return later[0] if later else None

    def _mark(self, k: int) -> str:
        """The text printed inside a symbol (an off-page connector's number or letter)."""
        sym = self.t.syms[k]
        box = sym.symbol.box
        words = [w for w in self.t.pages[sym.page].words if box.contains((w.box.cx, w.box.cy))]
        return " ".join(w.text for w in words)

    def _assign(self) -> None:
        t = self.t
        n = len(t.steps)
        by_step: dict[int, list[int]] = {}
        for k, s in enumerate(t.syms):
            if s.step is not None:
                by_step.setdefault(s.step, []).append(k)
        used_labels: set[int] = set()
        for i, step in enumerate(t.steps):
            ks = sorted(by_step.get(i, []), key=lambda k: t.syms[k].symbol.box.cx)
            roles = sorted(
                {r for k in ks if (r := t.syms[k].role) is not None}
                | {r for k in ks for r in t.syms[k].spans}
            )
            step.pelaksana = list(dict.fromkeys(t.roles[r].role for r in roles))
            if not ks:
                step.doubt("pelaksana", "tidak ada simbol di baris ini; pelaksana tidak terbaca")
            shapes = [t.syms[k].symbol.shape for k in ks]
            outs = [(k, o) for k in ks for o in self.out.get(k, [])]
            if "ketupat" in shapes:
                step.kind = "keputusan"
                diamonds = [k for k in ks if t.syms[k].symbol.shape == "ketupat"]
                self._branches(step, i, diamonds, used_labels)
            else:
                if "kapsul" in shapes:
                    step.kind = self._terminal_kind(step, i, n, ks)
                targets = []
                for _, (dst, _, page) in outs:
                    target = self._target_step(dst, page)
                    if target is not None and target != i and target not in targets:
                        targets.append(target)
                if targets and targets != [i + 1] and step.kind != "selesai":
                    step.ke = [x + 1 for x in sorted(targets)]
                if not outs and step.kind != "selesai" and i < n - 1 and ks:
                    step.doubt(
                        "ke", "panah keluar dari langkah ini tidak ditemukan; dianggap ke langkah berikutnya"
                    )

    def _from_elsewhere(self, k: int, i: int) -> bool:
        """Whether an arrow from another step (or a connector) ends at symbol k of step i."""
        return any(self.t.syms[src].step != i for src in self.sources.get(k, []))

    def _leaves(self, k: int, i: int) -> bool:
        """Whether an arrow leaves symbol k of step i for another step."""
        return any(self._target_step(dst, page) not in (None, i) for dst, _, page in self.out.get(k, []))

    def _terminal_kind(self, step: DraftStep, i: int, n: int, ks: list[int]) -> Kind:
        """A row with a capsule: start, end, or (a parallel branch ending or starting
        beside a symbol the flow goes on through) a plain step. The capsule's own arrows
        decide; without them the step's text, then the arrows of the row."""
        if i == 0:
            return "mulai"
        if i == n - 1:
            return "selesai"
        caps = [k for k in ks if self.t.syms[k].symbol.shape == "kapsul"]
        others = [k for k in ks if k not in caps]
        has_in = any(self.incoming.get(k) for k in caps)
        has_out = any(self._leaves(k, i) for k in caps)
        if has_in and not has_out:
            if any(self._leaves(k, i) for k in others):
                step.doubt("ke", "simbol selesai di samping simbol yang alurnya berlanjut; dibaca proses")
                return "proses"
            return "selesai"
        if has_out and not has_in:
            if any(self._from_elsewhere(k, i) for k in others):
                step.doubt("ke", "simbol mulai di samping simbol yang menerima alur; dibaca proses")
                return "proses"
            return "mulai"
        step.doubt("ke", "simbol mulai/selesai tanpa panah yang jelas")
        if _END_WORDS.search(step.kegiatan):
            return "selesai"
        if _START_WORDS.search(step.kegiatan):
            return "mulai"
        reached = any(self._from_elsewhere(k, i) for k in ks)
        leaves = any(self._leaves(k, i) for k in ks)
        return "mulai" if leaves and not reached else "selesai"

    def _branches(self, step: DraftStep, i: int, diamonds: list[int], used: set[int]) -> None:
        """The branches leaving a decision row. An arrow from a diamond to another symbol
        of its own row either goes back to where the row's work starts (the symbol an
        arrow from another step enters: the step repeats) or hands on to that symbol
        (a second diamond, two reviewers), whose own arrows then carry the branch and,
        when they have none, its label."""
        branches: dict[str, int | None] = {}
        seen: set[tuple[int, int | None]] = set()
        unlabeled: list[str] = []  # placeholders for branches whose label was not found
        inherited: dict[int, list[Word]] = {}
        queue = list(diamonds)
        visited: set[int] = set()
        while queue:
            k = queue.pop(0)
            if k in visited:
                continue
            visited.add(k)
            for dst, labels, page in self.out.get(k, []):
                target = self._target_step(dst, page)
                if (
                    dst is not None
                    and target == i
                    and dst != k
                    and (self.t.syms[dst].symbol.shape == "ketupat" or not self._from_elsewhere(dst, i))
                ):
                    if labels and dst not in inherited:
                        inherited[dst] = labels
                    queue.append(dst)
                    continue
                if not labels and k in inherited:
                    labels = inherited[k]
                key = (id(labels), target)
                if key in seen:
                    continue
                seen.add(key)
                label = self._label(labels, used)
                if not label:
                    label = f"Cabang {len(branches) + 1}"
                    unlabeled.append(label)
                if label in branches:
                    if branches[label] == (None if target is None else target + 1):
                        continue
                    label = f"{label} ({len(branches) + 1})"
                    step.doubt("keputusan", "dua cabang berlabel sama")
                branches[label] = None if target is None else target + 1
        if len(unlabeled) == 1:
            branches = self._name_unlabeled(step, branches, unlabeled[0], diamonds, used)
        elif unlabeled:
            step.doubt("keputusan", "label cabang tidak ditemukan di dekat panah")
        if len(branches) < 2:
            step.doubt("keputusan", "cabang keputusan tidak lengkap terbaca")
        # The first branch is the main path: "Ya" before "Tidak", whatever the drawing order.
        order = sorted(branches, key=lambda label: _branch_rank(label))
        step.branches = {label: branches[label] for label in order}

    def _name_unlabeled(
        self,
        step: DraftStep,
        branches: dict[str, int | None],
        placeholder: str,
        diamonds: list[int],
        used: set[int],
    ) -> dict[str, int | None]:
        """The one branch whose arrow carries no label: a yes/no word printed by the
        diamond (at a corner rather than along the line), else the opposite of the
        other branch's yes/no label."""
        t = self.t
        label = ""
        near: list[tuple[float, Word]] = []
        for k in diamonds:
            box = t.syms[k].symbol.box
            page = t.pages[t.syms[k].page]
            inside = [s.symbol.box.grow(1) for s in t.syms if s.page == t.syms[k].page]
            for w in page.words:
                if id(w) in used or not (_YES.match(w.text) or _NO.match(w.text)) or len(w.text) > 24:
                    continue
                if any(b.contains((w.box.cx, w.box.cy)) for b in inside):
                    continue
                gap = max(
                    box.x0 - w.box.x1, w.box.x0 - box.x1, box.top - w.box.bottom, w.box.top - box.bottom, 0
                )
                if gap <= 12:
                    near.append((gap, w))
        if len(near) == 1:
            word = near[0][1]
            used.add(id(word))
            label = word.text
            step.doubt("keputusan", f"label '{label}' tercetak di dekat belah ketupat, bukan di panahnya")
        else:
            others = [other for other in branches if other != placeholder]
            label = _opposite(others[0]) if len(others) == 1 else ""
            if label:
                step.doubt(
                    "keputusan", f"label cabang tidak tercetak; ditebak '{label}', lawan dari '{others[0]}'"
                )
        if not label or label in branches:
            step.doubt("keputusan", "label cabang tidak ditemukan di dekat panah")
            return branches
        return {(label if name == placeholder else name): target for name, target in branches.items()}

    @staticmethod
    def _label(labels: list[Word], used: set[int]) -> str:
        """The label nearest the diamond on this arrow, with the words printed next to
        it (on its line, or on the lines just above or below), in reading order."""
        for w in labels:
            if id(w) in used:
                continue
            used.add(id(w))
            parts = [w]
            grew = True
            while grew:
                grew = False
                for x in labels:
                    if id(x) not in used and any(_next_to(p, x) for p in parts):
                        used.add(id(x))
                        parts.append(x)
                        grew = True
            lines: list[list[Word]] = []
            for p in sorted(parts, key=lambda p: p.box.top):
                if lines and abs(p.box.top - lines[-1][0].box.top) < 3:
                    lines[-1].append(p)
                else:
                    lines.append([p])
            return " ".join(p.text for line in lines for p in sorted(line, key=lambda p: p.box.x0))
        return ""
