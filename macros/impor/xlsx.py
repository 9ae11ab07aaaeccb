"""Read an SOP drawn in Excel (.xlsx) into a Draft.

Excel-drawn SOPs keep the identity section and the procedure table in cells and the
flowchart as shapes on the sheet. The cells are read with openpyxl (merged cells
resolved); the shapes come from the sheet's drawing part (`xl/drawings/drawingN.xml`),
read with lxml, because openpyxl drops shapes:

- each shape's kind is its preset geometry (`a:prstGeom/@prst`): terminators
  (capsules), process rectangles, decisions (diamonds), off-page connectors
  (`flowChartOffpageConnector`, `homePlate`); text boxes (`txBox="1"`) are labels;
- each anchor (`twoCellAnchor` from/to cell and offset, `oneCellAnchor` and
  `absoluteAnchor` with an extent, groups with their child transforms) gives the
  shape's rectangle on the sheet, hence its table row (step) and role column(s);
- connectors (`cxnSp`) glued with `a:stCxn` / `a:endCxn` give the flow explicitly;
  unglued lines are followed by where their ends lie, with a doubt;
- a decision's branch label is the text box nearest to where the branch leaves
  the diamond.

Everything this reader is unsure of becomes a doubt on the Draft (see draft.py).
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .draft import Draft, DraftStep

# ---------------------------------------------------------------- XML names

_NS = {
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"

# Preset geometries by what they mean in an SOP flowchart.
TERMINATORS = frozenset({"flowChartTerminator", "roundRect", "flowChartAlternateProcess"})
DECISIONS = frozenset({"flowChartDecision", "diamond"})
OFFPAGE = frozenset({"flowChartOffpageConnector", "homePlate", "flowChartConnector", "ellipse"})
LINES = frozenset(
    {"line", "straightConnector1", "bentConnector2", "bentConnector3", "bentConnector4", "curvedConnector3"}
)
PROCESSES = frozenset(
    {
        "flowChartProcess",
        "rect",
        "flowChartDocument",
        "flowChartMultidocument",
        "flowChartPredefinedProcess",
        "flowChartInputOutput",
        "parallelogram",
        "flowChartManualOperation",
        "flowChartPreparation",
        "flowChartMagneticDisk",
        "can",
        "flowChartPunchedCard",
        "snip1Rect",
    }
)

EMU_PER_POINT = 12700
EMU_PER_PIXEL = 9525
DEFAULT_COL_WIDTH = 8.43  # characters, Excel's default
DEFAULT_ROW_HEIGHT = 15.0  # points

# ---------------------------------------------------------------- cell labels

_IDENTITY_LABELS = {
    "nomor sop": "nomor",
    "no sop": "nomor",
    "tanggal pembuatan": "tanggal_pembuatan",
    "tgl pembuatan": "tanggal_pembuatan",
    "tanggal revisi": "tanggal_revisi",
    "tgl revisi": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif",
    "tgl efektif": "tanggal_efektif",
    "tanggal pengesahan": "tanggal_efektif",
    "tanggal berlaku": "tanggal_efektif",
    "nama sop": "nama",
    "judul sop": "nama",
    "disahkan oleh": "disahkan_oleh",
}
_BOX_LABELS = {
    "dasar hukum": "dasar_hukum",
    "kualifikasi pelaksana": "kualifikasi_pelaksana",
    "kualifikasi pelaksanaan": "kualifikasi_pelaksana",
    "keterkaitan": "keterkaitan",
    "peralatan perlengkapan": "peralatan_perlengkapan",
    "peralatan dan perlengkapan": "peralatan_perlengkapan",
    "peringatan": "peringatan",
    "pencatatan dan pendataan": "pencatatan_pendataan",
    "pencatatan pendataan": "pencatatan_pendataan",
}
_KEGIATAN = frozenset(
    {"kegiatan", "aktivitas", "aktivitas kegiatan", "uraian kegiatan", "uraian prosedur", "uraian aktivitas"}
)
_MUTU = {
    "kelengkapan": "kelengkapan",
    "persyaratan kelengkapan": "kelengkapan",
    "persyaratan": "kelengkapan",
    "waktu": "waktu",
    "output": "output",
    "keluaran": "output",
    "keterangan": "keterangan",
    "ket": "keterangan",
}
_GROUP_HEADERS = frozenset({"pelaksana", "mutu baku", "mutu buku"})
_NO = frozenset({"no", "nomor", "no urut"})
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.,)]|[a-z][.)]|[-•*·])\s+", re.IGNORECASE)
_NIP = re.compile(r"\bNIP\b\.?\s*:?\s*([\d ]{18,30})", re.IGNORECASE)
_PANGKAT = re.compile(
    r"\b(pembina|penata|pengatur|juru|pembina utama|(?:I|II|III|IV)\s*/\s*[a-e])\b", re.IGNORECASE
)


def _key(text: str) -> str:
    """A label as matched: lower case, letters and digits separated by single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def _clean(value: Any) -> str:
    """A cell's text with its lines joined (a wrapped label is one name)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _lines(value: Any) -> list[str]:
    return [" ".join(line.split()) for line in str(value or "").splitlines() if line.strip()]


def _items(texts: list[str]) -> list[str]:
    """List items from cell texts: numbered or bulleted lines start items, other
    lines continue the item above."""
    items: list[str] = []
    for text in texts:
        for line in _lines(text):
            if _ITEM.match(line) or not items:
                items.append(_ITEM.sub("", line).strip())
            else:
                items[-1] = f"{items[-1]} {line}"
    return [item for item in items if item]


# ---------------------------------------------------------------- the sheet grid


class Grid:
    """Cell edges of one sheet in EMU, to place shapes in rows and columns."""

    def __init__(self, sheet: Worksheet, max_col: int, max_row: int) -> None:
        default_width = sheet.sheet_format.defaultColWidth or sheet.sheet_format.baseColWidth or None
        default_height = sheet.sheet_format.defaultRowHeight or DEFAULT_ROW_HEIGHT
        widths: dict[int, float] = {}
        for dim in sheet.column_dimensions.values():
            lo, hi = (dim.min or 0), (dim.max or 0)
            if not lo:
                continue
            for col in range(lo, hi + 1):
                if dim.hidden:
                    widths[col] = 0.0
                elif dim.width:
                    widths[col] = float(dim.width)
        self.col_edges = [0.0]
        for col in range(1, max_col + 2):
            width = widths.get(col, float(default_width or DEFAULT_COL_WIDTH))
            self.col_edges.append(self.col_edges[-1] + _width_emu(width))
        self.row_edges = [0.0]
        for row in range(1, max_row + 2):
            dim = sheet.row_dimensions.get(row)
            height = 0.0 if dim is not None and dim.hidden else (dim.height if dim and dim.ht else None)
            points = default_height if height is None else height
            self.row_edges.append(self.row_edges[-1] + points * EMU_PER_POINT)

    def x(self, col0: int, offset: float) -> float:
        """EMU of a 0-based column index plus an offset in EMU."""
        return self._edge(self.col_edges, col0) + offset

    def y(self, row0: int, offset: float) -> float:
        return self._edge(self.row_edges, row0) + offset

    @staticmethod
    def _edge(edges: list[float], index: int) -> float:
        if index < len(edges):
            return edges[index]
        step = edges[-1] - edges[-2] if len(edges) > 1 else DEFAULT_ROW_HEIGHT * EMU_PER_POINT
        return edges[-1] + (index - len(edges) + 1) * step

    def col_span(self, col: int) -> tuple[float, float]:
        """EMU from-to of a 1-based column."""
        return self.x(col - 1, 0), self.x(col, 0)

    def row_at(self, y: float) -> int:
        """1-based row containing y."""
        return max(1, bisect_right(self.row_edges, y))


def _width_emu(characters: float) -> float:
    """Excel's column width in characters to EMU (Calibri 11: 7 px per character)."""
    if characters <= 0:
        return 0.0
    pixels = math.trunc((256 * characters + math.trunc(128 / 7)) / 256 * 7)
    return float(pixels * EMU_PER_PIXEL)


# ---------------------------------------------------------------- shapes


@dataclass
class Shape:
    """One drawn object, placed in sheet EMU."""

    id: str
    kind: str  # terminator, process, decision, offpage, textbox, line, unknown
    prst: str
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    start: str | None = None  # connectors: glued shape ids
    end: str | None = None
    start_site: int | None = None  # connectors: connection site index on the glued shape
    end_site: int | None = None
    arrow_at_start: bool = False
    arrow_at_end: bool = True
    flip_h: bool = False
    flip_v: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def ends(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """A line's start and end points (flips swap the corners)."""
        sx, ex = (self.x1, self.x0) if self.flip_h else (self.x0, self.x1)
        sy, ey = (self.y1, self.y0) if self.flip_v else (self.y0, self.y1)
        return (sx, sy), (ex, ey)

    def distance(self, x: float, y: float) -> float:
        """From a point to this shape's rectangle (0 inside)."""
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.y0 - y, 0.0, y - self.y1)
        return math.hypot(dx, dy)


def _text(node: Any) -> str:
    paragraphs = []
    for para in node.iterfind(".//a:p", _NS):
        paragraphs.append("".join(t.text or "" for t in para.iterfind(".//a:t", _NS)))
    return " ".join(" ".join(paragraphs).split())


def _kind(prst: str, node: Any) -> str:
    if node.tag == f"{{{_NS['xdr']}}}cxnSp" or prst in LINES:
        return "line"
    non_visual = node.find("xdr:nvSpPr/xdr:cNvSpPr", _NS)
    if non_visual is not None and non_visual.get("txBox") == "1":
        return "textbox"
    if prst in TERMINATORS:
        return "terminator"
    if prst in DECISIONS:
        return "decision"
    if prst in OFFPAGE:
        return "offpage"
    if prst in PROCESSES:
        return "process" if prst != "rect" or not _is_bare(node) else "textbox"
    return "unknown"


def _is_bare(node: Any) -> bool:
    """A rectangle with neither fill nor outline and with text: a label, not a step."""
    props = node.find("xdr:spPr", _NS)
    if props is None:
        return False
    no_fill = props.find("a:noFill", _NS) is not None
    line = props.find("a:ln", _NS)
    no_line = line is not None and line.find("a:noFill", _NS) is not None
    return no_fill and no_line and bool(_text(node))


class _Placer:
    """Turns anchors and group transforms into EMU rectangles."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid

    def anchor(self, anchor: Any) -> tuple[float, float, float, float] | None:
        tag = etree.QName(anchor).localname
        start = anchor.find("xdr:from", _NS)
        if tag == "twoCellAnchor" and start is not None and anchor.find("xdr:to", _NS) is not None:
            x0, y0 = self._marker(start)
            x1, y1 = self._marker(anchor.find("xdr:to", _NS))
            return x0, y0, x1, y1
        ext = anchor.find("xdr:ext", _NS)
        if ext is None:
            return None
        cx, cy = float(ext.get("cx", 0)), float(ext.get("cy", 0))
        if tag == "oneCellAnchor" and start is not None:
            x0, y0 = self._marker(start)
            return x0, y0, x0 + cx, y0 + cy
        pos = anchor.find("xdr:pos", _NS)
        if tag == "absoluteAnchor" and pos is not None:
            x0, y0 = float(pos.get("x", 0)), float(pos.get("y", 0))
            return x0, y0, x0 + cx, y0 + cy
        return None

    def _marker(self, marker: Any) -> tuple[float, float]:
        def number(name: str) -> int:
            found = marker.find(f"xdr:{name}", _NS)
            return int(found.text) if found is not None and found.text else 0

        return (
            self.grid.x(number("col"), number("colOff")),
            self.grid.y(number("row"), number("rowOff")),
        )


@dataclass
class _Transform:
    """Child coordinates of a group to sheet EMU."""

    scale_x: float = 1.0
    scale_y: float = 1.0
    shift_x: float = 0.0
    shift_y: float = 0.0

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale_x + self.shift_x, y * self.scale_y + self.shift_y


def _xfrm(node: Any, path: str) -> tuple[float, float, float, float] | None:
    xfrm = node.find(path, _NS)
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", _NS), xfrm.find("a:ext", _NS)
    if off is None or ext is None:
        return None
    x, y = float(off.get("x", 0)), float(off.get("y", 0))
    return x, y, x + float(ext.get("cx", 0)), y + float(ext.get("cy", 0))


def read_shapes(drawing: bytes, grid: Grid) -> list[Shape]:
    """Every shape, connector and text box of one drawing part."""
    root = etree.fromstring(drawing)
    placer = _Placer(grid)
    shapes: list[Shape] = []
    for anchor in root:
        if not isinstance(anchor.tag, str):
            continue
        box = placer.anchor(anchor)
        if box is None:
            continue
        for child in anchor:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name in ("sp", "cxnSp"):
                shapes.extend(_shape(child, box, None))
            elif name == "grpSp":
                shapes.extend(_group(child, box))
    return shapes


def _group(group: Any, box: tuple[float, float, float, float]) -> Iterator[Shape]:
    """The shapes of a group placed by the anchor `box`; nested groups recurse."""
    xfrm = group.find("xdr:grpSpPr/a:xfrm", _NS)
    transform = _Transform(shift_x=box[0], shift_y=box[1])
    if xfrm is not None:
        child_off, child_ext = xfrm.find("a:chOff", _NS), xfrm.find("a:chExt", _NS)
        if child_off is not None and child_ext is not None:
            ch_cx, ch_cy = float(child_ext.get("cx", 0)) or 1.0, float(child_ext.get("cy", 0)) or 1.0
            transform.scale_x = (box[2] - box[0]) / ch_cx
            transform.scale_y = (box[3] - box[1]) / ch_cy
            transform.shift_x = box[0] - float(child_off.get("x", 0)) * transform.scale_x
            transform.shift_y = box[1] - float(child_off.get("y", 0)) * transform.scale_y
    for child in group:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name in ("sp", "cxnSp"):
            yield from _shape(child, None, transform)
        elif name == "grpSp":
            inner = _xfrm(child, "xdr:grpSpPr/a:xfrm")
            if inner is not None:
                x0, y0 = transform.apply(inner[0], inner[1])
                x1, y1 = transform.apply(inner[2], inner[3])
                yield from _group(child, (x0, y0, x1, y1))


def _shape(
    node: Any, box: tuple[float, float, float, float] | None, transform: _Transform | None
) -> Iterator[Shape]:
    is_connector = etree.QName(node).localname == "cxnSp"
    props = "xdr:nvCxnSpPr" if is_connector else "xdr:nvSpPr"
    c_nv = node.find(f"{props}/xdr:cNvPr", _NS)
    shape_id = c_nv.get("id", "") if c_nv is not None else ""
    geometry = node.find("xdr:spPr/a:prstGeom", _NS)
    prst = geometry.get("prst", "") if geometry is not None else ""
    if transform is not None:
        own = _xfrm(node, "xdr:spPr/a:xfrm")
        if own is None:
            return
        x0, y0 = transform.apply(own[0], own[1])
        x1, y1 = transform.apply(own[2], own[3])
        box = (x0, y0, x1, y1)
    if box is None:
        return
    xfrm = node.find("xdr:spPr/a:xfrm", _NS)
    shape = Shape(
        id=shape_id,
        kind=_kind(prst, node),
        prst=prst,
        text=_text(node),
        x0=min(box[0], box[2]),
        y0=min(box[1], box[3]),
        x1=max(box[0], box[2]),
        y1=max(box[1], box[3]),
        flip_h=xfrm is not None and xfrm.get("flipH") in ("1", "true"),
        flip_v=xfrm is not None and xfrm.get("flipV") in ("1", "true"),
    )
    if shape.kind == "line":
        glue = node.find(f"{props}/xdr:cNvCxnSpPr", _NS)
        if glue is not None:
            st, en = glue.find("a:stCxn", _NS), glue.find("a:endCxn", _NS)
            shape.start = st.get("id") if st is not None else None
            shape.end = en.get("id") if en is not None else None
            shape.start_site = _site(st)
            shape.end_site = _site(en)
        line = node.find("xdr:spPr/a:ln", _NS)
        head = line.find("a:headEnd", _NS) if line is not None else None
        tail = line.find("a:tailEnd", _NS) if line is not None else None
        shape.arrow_at_start = head is not None and head.get("type", "none") != "none"
        tail_arrow = tail is not None and tail.get("type", "none") != "none"
        # no arrowhead drawn at all: assume the line runs from its start to its end
        shape.arrow_at_end = tail_arrow or not shape.arrow_at_start
    yield shape


def _site(glue: Any) -> int | None:
    if glue is None or not str(glue.get("idx", "")).isdigit():
        return None
    return int(glue.get("idx"))


# ---------------------------------------------------------------- the workbook


@dataclass
class _Cells:
    """A sheet's cell texts with merged ranges resolved."""

    sheet: Worksheet
    values: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) top-left only
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = field(default_factory=dict)
    raw: dict[tuple[int, int], Any] = field(default_factory=dict)

    @classmethod
    def read(cls, sheet: Worksheet) -> _Cells:
        cells = cls(sheet)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or str(cell.value).strip() == "":
                    continue
                cells.values[(cell.row, cell.column)] = str(cell.value)
                cells.raw[(cell.row, cell.column)] = cell.value
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    cells.merged[(r, c)] = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
        return cells

    def span(self, row: int, col: int) -> tuple[int, int, int, int]:
        return self.merged.get((row, col), (row, col, row, col))

    def text(self, row: int, col: int) -> str:
        top, left, _, _ = self.span(row, col)
        return self.values.get((top, left), "")

    def owner(self, row: int, col: int) -> tuple[int, int]:
        top, left, _, _ = self.span(row, col)
        return top, left

    def row_texts(self, row: int) -> list[tuple[int, str]]:
        return sorted((c, t) for (r, c), t in self.values.items() if r == row)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.values), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.values), default=0)


def _sheet_drawings(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Sheet name -> its drawing part (only sheets that have one)."""
    names = set(archive.namelist())

    def rels(part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        rel_part = posixpath.join(folder, "_rels", base + ".rels")
        if rel_part not in names:
            return {}
        root = etree.fromstring(archive.read(rel_part))
        found = {}
        for rel in root.iterfind("rel:Relationship", _NS):
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            found[rel.get("Id", "")] = path
            found["type:" + rel.get("Id", "")] = rel.get("Type", "")
        return found

    workbook = etree.fromstring(archive.read("xl/workbook.xml"))
    book_rels = rels("xl/workbook.xml")
    drawings: dict[str, bytes] = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        part = book_rels.get(sheet.get(f"{{{_NS['r']}}}id", ""), "")
        if part not in names:
            continue
        sheet_rels = rels(part)
        root = etree.fromstring(archive.read(part))
        node = root.find("m:drawing", _NS)
        if node is None:
            continue
        rel_id = node.get(f"{{{_NS['r']}}}id", "")
        target = sheet_rels.get(rel_id, "")
        if target in names and sheet_rels.get("type:" + rel_id) == _DRAWING_REL:
            drawings[sheet.get("name", "")] = archive.read(target)
    return drawings


def read_xlsx(path: Path) -> Draft:
    """Read an Excel SOP into a Draft (identity from cells, flow from shapes)."""
    from . import UnreadableDocument

    try:
        workbook = load_workbook(path, data_only=True)
        with zipfile.ZipFile(path) as archive:
            drawings = _sheet_drawings(archive)
    except Exception as exc:  # openpyxl and lxml raise many kinds; a bad file is never a crash
        raise UnreadableDocument(f"{path.name}: berkas Excel tidak dapat dibuka ({exc})") from exc
    draft = Draft(source=path.name)
    reader = _Reader(draft)
    sheets = [(sheet, _Cells.read(sheet)) for sheet in workbook.worksheets]
    for _, cells in sheets:
        reader.identity(cells)
    for sheet, cells in sheets:
        reader.procedure(sheet, cells, drawings.get(sheet.title))
    reader.finish()
    if not draft.nama and not draft.langkah:
        raise UnreadableDocument(f"{path.name}: tidak ditemukan identitas maupun tabel prosedur SOP")
    return draft


# ---------------------------------------------------------------- identity


class _Reader:
    """Fills one Draft from the sheets of one workbook."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.symbols: list[_Symbol] = []  # every step symbol, all sheets
        self.lines: list[tuple[int, Shape]] = []  # (sheet index, connector)
        self.labels: list[tuple[int, Shape]] = []  # (sheet index, text box)
        self.offpage: list[_Symbol] = []
        self.sheet_index = 0
        self.offset = 0  # steps read from earlier sheets

    def identity(self, cells: _Cells) -> None:
        draft = self.draft
        box_cells: list[tuple[int, int, str]] = []
        for (row, col), text in sorted(cells.values.items()):
            label, _, rest = text.partition(":")
            key = _key(label)
            if key in _BOX_LABELS:
                box_cells.append((row, col, _BOX_LABELS[key]))
                if rest.strip() and not getattr(draft, _BOX_LABELS[key]):
                    setattr(draft, _BOX_LABELS[key], _items([rest]))
                continue
            name = _IDENTITY_LABELS.get(key)
            if name is None:
                continue
            value = rest.strip() or self._right_of(cells, row, col)
            if name == "disahkan_oleh":
                self._pengesah(cells, row, col, value)
            elif value and not getattr(draft, name):
                setattr(draft, name, value)
        if box_cells:
            self._boxes(cells, box_cells)
            self._letterhead(cells, min(r for r, _, _ in box_cells))

    @staticmethod
    def _right_of(cells: _Cells, row: int, col: int) -> str:
        _, _, _, right = cells.span(row, col)
        for c, text in cells.row_texts(row):
            if c > right and text.strip() not in (":", ""):
                return _clean(text.lstrip(": "))
        return ""

    def _pengesah(self, cells: _Cells, row: int, col: int, first: str) -> None:
        """Jabatan, nama, pangkat, NIP: the lines right of (and below) the label,
        down to the next identity label."""
        _, _, bottom, right = cells.span(row, col)
        lines: list[str] = []
        for r in range(row, cells.max_row + 1):
            if r > bottom and any(
                _key(t.partition(":")[0]) in _IDENTITY_LABELS for c, t in cells.row_texts(r) if c <= right
            ):
                break
            for c, text in cells.row_texts(r):
                if c > right and (r, c) == cells.owner(r, c):
                    lines.extend(line for line in _lines(text) if line not in (":",))
            if r - row > 12:
                break
        pengesah: dict[str, str] = {}
        rest: list[str] = []
        for line in lines:
            nip = _NIP.search(line)
            if nip:
                pengesah["nip"] = " ".join(nip.group(1).split())
            elif _PANGKAT.search(line) and "pangkat" not in pengesah and "jabatan" in pengesah:
                pengesah["pangkat"] = line
            else:
                rest.append(line.lstrip(": "))
        if rest:
            pengesah["jabatan"] = rest[0]
        if len(rest) > 1:
            pengesah["nama"] = rest[-1]
            if len(rest) > 2:
                self.draft.doubt(
                    "disahkan_oleh", "lebih dari dua baris di kotak pengesahan: " + "; ".join(rest)
                )
        for name, value in pengesah.items():
            self.draft.disahkan_oleh.setdefault(name, value)
        if first and not rest:
            self.draft.disahkan_oleh.setdefault("jabatan", first)

    def _boxes(self, cells: _Cells, labels: list[tuple[int, int, str]]) -> None:
        """Each box's items: the cells below its label, in its columns, down to the
        next label in those columns."""
        for row, col, name in labels:
            if getattr(self.draft, name):
                continue
            _, _, bottom, right = cells.span(row, col)
            same_row = sorted(c for r, c, _ in labels if r == row and c > col)
            limit = same_row[0] - 1 if same_row else max(right, cells.max_col)
            below = sorted(r for r, c, _ in labels if r > row and col <= c <= limit)
            end = below[0] - 1 if below else self._table_start(cells, row)
            texts = [
                text
                for (r, c), text in sorted(cells.values.items())
                if bottom < r <= end and col <= c <= limit
            ]
            setattr(self.draft, name, _items(texts))

    @staticmethod
    def _table_start(cells: _Cells, after: int) -> int:
        for r in range(after + 1, cells.max_row + 1):
            if any(_key(t) in _KEGIATAN for _, t in cells.row_texts(r)):
                return r - 1
        return cells.max_row

    def _letterhead(self, cells: _Cells, first_box_row: int) -> None:
        """The text above the first box, left of the identity labels: instansi lines,
        then the unit on the last line."""
        if self.draft.instansi:
            return
        label_cols = [
            c
            for (r, c), t in cells.values.items()
            if r < first_box_row and _key(t.partition(":")[0]) in _IDENTITY_LABELS
        ]
        limit = min(label_cols) if label_cols else cells.max_col + 1
        lines: list[str] = []
        for (r, c), text in sorted(cells.values.items()):
            if r < first_box_row and c < limit:
                lines.extend(_lines(text))
        if not lines:
            return
        if len(lines) == 1:
            self.draft.instansi = lines[0]
            self.draft.doubt("unit", "kop hanya satu baris: unit tidak terbaca")
            return
        self.draft.unit = lines[-1]
        self.draft.instansi = " ".join(lines[:-1])

    # ------------------------------------------------------------ procedure table

    def procedure(self, sheet: Worksheet, cells: _Cells, drawing: bytes | None) -> None:
        table = _Table.find(cells)
        if table is None:
            return
        self.sheet_index += 1
        names = [name for _, _, name in table.roles]
        if not self.draft.pelaksana:
            self.draft.pelaksana = names
        elif names != self.draft.pelaksana:
            self.draft.doubt(
                "pelaksana", f"kolom pelaksana lembar '{sheet.title}' berbeda dengan lembar pertama"
            )
        bands = table.bands(cells)
        steps = [table.step(cells, band) for band in bands]
        if drawing is None:
            self.draft.notes.append(
                f"Lembar '{sheet.title}': tabel prosedur tanpa gambar bagan; "
                "pelaksana dan alur tidak terbaca."
            )
            for step in steps:
                step.doubt("pelaksana", "tidak ada simbol bagan di lembar ini")
        else:
            grid = Grid(
                sheet,
                max(cells.max_col, table.last_col) + 2,
                max(cells.max_row, bands[-1][1] if bands else 0) + 50,
            )
            self._place(grid, table, bands, steps, read_shapes(drawing, grid))
        self.offset += len(steps)
        self.draft.langkah.extend(steps)

    def _place(
        self,
        grid: Grid,
        table: _Table,
        bands: list[tuple[int, int]],
        steps: list[DraftStep],
        shapes: list[Shape],
    ) -> None:
        if not bands:
            return
        tops = [grid.y(b[0] - 1, 0) for b in bands]
        bottoms = [grid.y(b[1], 0) for b in bands]
        cols = [
            ((grid.col_span(first)[0], grid.col_span(last)[1]), name) for first, last, name in table.roles
        ]
        for shape in shapes:
            if shape.kind == "line":
                self.lines.append((self.sheet_index, shape))
                continue
            if shape.kind == "textbox":
                self.labels.append((self.sheet_index, shape))
                continue
            if shape.y1 < tops[0] - 1 and shape.kind != "offpage":
                continue  # above the table (a logo, the letterhead)
            index = _band_of(shape.cy, tops, bottoms)
            inside = tops[0] <= shape.cy <= bottoms[-1] and tops[index] <= shape.cy <= bottoms[index]
            roles, border = _columns_of(shape, cols)
            symbol = _Symbol(self.sheet_index, shape, self.offset + index + 1, roles)
            if shape.kind == "offpage":
                self.offpage.append(symbol)
                continue
            if not roles:
                continue  # outside the role columns: not a step symbol
            step = steps[index]
            self.symbols.append(symbol)
            for role in roles:
                if role not in step.pelaksana:
                    step.pelaksana.append(role)
            if border:
                step.doubt("pelaksana", "simbol di batas dua kolom pelaksana")
            if not inside:
                step.doubt("pelaksana", "simbol di luar baris tabel; dimasukkan ke baris terdekat")
            if shape.kind == "unknown":
                step.doubt(
                    "kegiatan", f"bentuk '{shape.prst or 'bebas'}' tidak dikenal; dianggap kotak proses"
                )
        order = {name: i for i, (_, _, name) in enumerate(table.roles)}
        for step in steps:
            step.pelaksana.sort(key=lambda name: order.get(name, len(order)))

    def finish(self) -> None:
        """Flow between steps, decisions with their branches, symbol kinds."""
        flow = _Flow(self.symbols, self.offpage, self.lines, self.labels)
        count = len(self.draft.langkah)
        for number, step in enumerate(self.draft.langkah, start=1):
            own = [s for s in self.symbols if s.step == number]
            if not own:
                if not step.doubts.get("pelaksana"):
                    step.doubt("pelaksana", "tidak ada simbol di baris ini")
                continue
            diamonds = [s for s in own if s.shape.kind == "decision"]
            terminals = [s for s in own if s.shape.kind == "terminator"]
            nexts = flow.successors(own, number)
            if diamonds:
                step.kind = "keputusan"
                step.branches = flow.branches(diamonds, number, step)
                continue
            incoming = flow.has_incoming(own, number)
            if terminals and (number == 1 or not incoming) and nexts:
                step.kind = "mulai"
            elif terminals and not (nexts - {number}):
                step.kind = "selesai"
            elif terminals:
                step.kind = "mulai" if number == 1 else "selesai"
                step.doubt("kind", "kapsul di tengah alur (ada panah masuk dan keluar)")
            targets = sorted(nexts - {number})
            if step.kind == "selesai":
                continue
            if not targets:
                if number < count and self.lines:
                    step.doubt("ke", "tidak ada panah keluar yang terbaca; dianggap ke langkah berikutnya")
                continue
            if targets != [number + 1]:
                step.ke = targets


# ---------------------------------------------------------------- table structure


@dataclass
class _Table:
    header_top: int
    header_bottom: int
    no_col: int | None
    kegiatan_col: int
    roles: list[tuple[int, int, str]]  # (first column, last column, role name)
    mutu: dict[str, int]  # kelengkapan/waktu/output/keterangan -> column
    last_col: int

    @classmethod
    def find(cls, cells: _Cells) -> _Table | None:
        """The first procedure table of a sheet: its header is the kegiatan cell's rows,
        plus the sub-header row under a group header (Pelaksana, Mutu Baku)."""
        for (row, col), text in sorted(cells.values.items()):
            if _key(text) not in _KEGIATAN:
                continue
            top, _, bottom, right = cells.span(row, col)
            for c, t in cells.row_texts(top):
                if _key(t) in _GROUP_HEADERS:
                    bottom = max(bottom, cells.span(top, c)[2] + 1)
            max_col = max((c for r in range(top, bottom + 1) for c, _ in cells.row_texts(r)), default=right)
            mutu: dict[str, int] = {}
            roles: list[tuple[int, int, str]] = []
            c = right + 1
            while c <= max_col:
                label, span = _header_label(cells, top, bottom, c)
                key = _key(label)
                if key in _MUTU:
                    mutu.setdefault(_MUTU[key], c)
                elif label and not mutu:
                    roles.append((c, span, _clean(label)))
                c = span + 1
            no_col = next((c for c in range(1, col) if _key(cells.text(top, c)) in _NO), None)
            if not roles:
                continue
            numbers = [t for _, t in cells.row_texts(bottom + 1)]
            if numbers and all(_COLUMN_NUMBERS.match(t.strip()) for t in numbers):
                bottom += 1  # a row of column numbers "(1) (2) (3)" belongs to the header
            return cls(top, bottom, no_col, col, _distinct(roles), mutu, max_col)
        return None

    def bands(self, cells: _Cells) -> list[tuple[int, int]]:
        """(first row, last row) of each step: a step starts where a kegiatan cell (or a
        number) starts, and runs to the row before the next one."""
        starts: list[int] = []
        last_row = self.header_bottom
        for r in range(self.header_bottom + 1, cells.max_row + 1):
            texts = cells.row_texts(r)
            if not texts:
                continue
            kegiatan = cells.owner(r, self.kegiatan_col) == (r, self.kegiatan_col) and cells.text(
                r, self.kegiatan_col
            )
            number = (
                self.no_col is not None
                and cells.owner(r, self.no_col) == (r, self.no_col)
                and cells.text(r, self.no_col)
            )
            if _key(str(kegiatan or "")) in _KEGIATAN:
                continue  # a repeated header
            if kegiatan or number:
                starts.append(r)
            last_row = max(last_row, cells.span(r, self.kegiatan_col)[2], r)
        return [(s, (starts[i + 1] - 1 if i + 1 < len(starts) else last_row)) for i, s in enumerate(starts)]

    def step(self, cells: _Cells, band: tuple[int, int]) -> DraftStep:
        def column_text(col: int | None) -> list[str]:
            if col is None:
                return []
            texts = []
            for r in range(band[0], band[1] + 1):
                if cells.owner(r, col) == (r, col) and cells.text(r, col):
                    texts.append(cells.text(r, col))
            return texts

        step = DraftStep(kegiatan=" ".join(_clean(t) for t in column_text(self.kegiatan_col)))
        number = " ".join(column_text(self.no_col)).strip().rstrip(".")
        if number.isdigit():
            step.nomor = int(number)
        step.kelengkapan = _items(column_text(self.mutu.get("kelengkapan")))
        step.waktu = " ".join(_clean(t) for t in column_text(self.mutu.get("waktu")))
        step.output = _items(column_text(self.mutu.get("output")))
        step.keterangan = " ".join(_clean(t) for t in column_text(self.mutu.get("keterangan")))
        top = cells.span(band[0], self.mutu.get("waktu", self.kegiatan_col))
        if top[2] > band[1]:
            step.doubt("waktu", "sel mutu baku digabung dengan baris berikutnya")
        return step


def _header_label(cells: _Cells, top: int, bottom: int, col: int) -> tuple[str, int]:
    """The lowest header text of a column (a group header spanning several columns is
    not a column's own name) and the last column that text spans."""
    for r in range(bottom, top - 1, -1):
        text = cells.text(r, col)
        if not text:
            continue
        _, left, _, span_right = cells.span(r, col)
        if span_right > left and _key(text) in _GROUP_HEADERS:
            continue
        return text, max(span_right, col)
    return "", col


def _distinct(roles: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Role names are unique in the format: a repeated header gets its column letter."""
    seen: set[str] = set()
    out = []
    for first, last, name in roles:
        if name in seen:
            name = f"{name} ({get_column_letter(first)})"
        seen.add(name)
        out.append((first, last, name))
    return out


def _band_of(y: float, tops: list[float], bottoms: list[float]) -> int:
    for index, (top, bottom) in enumerate(zip(tops, bottoms, strict=True)):
        if top <= y <= bottom:
            return index
    return min(range(len(tops)), key=lambda i: min(abs(y - tops[i]), abs(y - bottoms[i])))


def _columns_of(shape: Shape, cols: list[tuple[tuple[float, float], str]]) -> tuple[list[str], bool]:
    """The role columns a symbol stands in, and whether it sits on a border.

    A symbol about one column wide belongs to the column of its centre; a wide one
    (drawn across several columns) to every column it covers for most of its width.
    """
    width = shape.x1 - shape.x0
    covered = []
    for (left, right), name in cols:
        overlap = min(right, shape.x1) - max(left, shape.x0)
        if right > left and overlap > 0.6 * (right - left):
            covered.append(name)
    if len(covered) > 1:
        return covered, False
    for (left, right), name in cols:
        if left <= shape.cx < right:
            margin = min(shape.cx - left, right - shape.cx)
            border = margin < 0.1 * (right - left) and width > 2 * margin
            return [name], border
    return [], False


# ---------------------------------------------------------------- flow


@dataclass(eq=False)
class _Symbol:
    sheet: int
    shape: Shape
    step: int  # step number (from 1, across sheets)
    roles: list[str]


class _Flow:
    """The directed graph of symbols, off-page connectors made transparent."""

    def __init__(
        self,
        symbols: list[_Symbol],
        offpage: list[_Symbol],
        lines: list[tuple[int, Shape]],
        labels: list[tuple[int, Shape]],
    ) -> None:
        self.symbols = symbols
        self.nodes: dict[tuple[int, str], _Symbol] = {(s.sheet, s.shape.id): s for s in symbols + offpage}
        self.offpage = {id(s) for s in offpage}
        self.edges: dict[int, list[tuple[_Symbol, Shape]]] = {}  # id(source) -> (target, line)
        self.incoming: dict[int, int] = {}
        self.unglued = False
        self.labels = labels
        self.used_labels: set[int] = set()
        for sheet, line in lines:
            pair = self._ends(sheet, line)
            if pair is None:
                continue
            source, target = pair if line.arrow_at_end else pair[::-1]
            self.edges.setdefault(id(source), []).append((target, line))
            self.incoming[id(target)] = self.incoming.get(id(target), 0) + 1
        self.by_label: dict[str, list[_Symbol]] = {}
        for s in offpage:
            self.by_label.setdefault(s.shape.text.strip().casefold(), []).append(s)

    def _ends(self, sheet: int, line: Shape) -> tuple[_Symbol, _Symbol] | None:
        start = self.nodes.get((sheet, line.start or ""))
        end = self.nodes.get((sheet, line.end or ""))
        (sx, sy), (ex, ey) = line.ends()
        if start is None:
            start = self._nearest(sheet, sx, sy, exclude=end)
            self.unglued = self.unglued or start is not None
        if end is None:
            end = self._nearest(sheet, ex, ey, exclude=start)
        if start is None or end is None or start is end:
            return None
        return start, end

    def _nearest(self, sheet: int, x: float, y: float, exclude: _Symbol | None) -> _Symbol | None:
        best, best_distance = None, float("inf")
        for symbol in self.nodes.values():
            if symbol.sheet != sheet or symbol is exclude:
                continue
            size = max(symbol.shape.x1 - symbol.shape.x0, symbol.shape.y1 - symbol.shape.y0)
            distance = symbol.shape.distance(x, y)
            if distance <= 0.25 * size + EMU_PER_POINT * 4 and distance < best_distance:
                best, best_distance = symbol, distance
        return best

    def _out(self, symbol: _Symbol, seen: set[int] | None = None) -> list[tuple[_Symbol, Shape]]:
        """Edges leaving a symbol, through off-page connectors."""
        seen = seen if seen is not None else set()
        found: list[tuple[_Symbol, Shape]] = []
        for target, line in self.edges.get(id(symbol), []):
            if id(target) in self.offpage:
                if id(target) in seen:
                    continue
                seen.add(id(target))
                partners = [target] + [
                    p for p in self.by_label.get(target.shape.text.strip().casefold(), []) if p is not target
                ]
                for partner in partners:
                    for onward, _ in self._out(partner, seen):
                        found.append((onward, line))
            else:
                found.append((target, line))
        return found

    def successors(self, own: list[_Symbol], number: int) -> set[int]:
        steps: set[int] = set()
        for symbol in own:
            for target, _ in self._out(symbol):
                if target.step != number:
                    steps.add(target.step)
        return steps

    def has_incoming(self, own: list[_Symbol], number: int) -> bool:
        for source in self.symbols:
            if source.step == number:
                continue
            if any(target in own for target, _ in self._out(source)):
                return True
        return False

    def branches(self, diamonds: list[_Symbol], number: int, step: DraftStep) -> dict[str, int | None]:
        """Label -> target step of each branch leaving the step's decision; a branch to
        another diamond of the same row continues with that diamond's branches."""
        inner = {id(d) for d in diamonds}
        pending = [d for d in diamonds if not self._fed_by(d, diamonds)] or diamonds[:1]
        visited: set[int] = set()
        found: list[tuple[_Symbol, _Symbol, Shape]] = []  # (diamond, target, line)
        while pending:
            diamond = pending.pop(0)
            if id(diamond) in visited:
                continue
            visited.add(id(diamond))
            for target, line in self._out(diamond):
                if id(target) in inner:
                    pending.append(target)
                else:
                    found.append((diamond, target, line))
        labels = self._labels(found)
        out: dict[str, int | None] = {}
        unlabelled = 0
        for index, (_, target, _) in enumerate(found):
            label = labels.get(index, "")
            if not label:
                unlabelled += 1
                label = f"Cabang {index + 1}"
            while label in out:
                label += " *"
            out[label] = target.step
        if unlabelled:
            step.doubt("keputusan", f"{unlabelled} cabang tanpa label yang terbaca")
        if len(out) < 2:
            step.doubt("keputusan", "kurang dari dua cabang terbaca dari belah ketupat")
        return out

    def _fed_by(self, diamond: _Symbol, diamonds: list[_Symbol]) -> bool:
        return any(diamond in [t for t, _ in self._out(d)] for d in diamonds if d is not diamond)

    def _labels(self, found: list[tuple[_Symbol, _Symbol, Shape]]) -> dict[int, str]:
        """Branch index -> label: the connector's own text, else the text boxes nearest
        to where the branches leave their diamonds, nearest pairs first."""
        labels = {index: line.text for index, (_, _, line) in enumerate(found) if line.text}
        pairs = []
        for index, (diamond, _, line) in enumerate(found):
            if index in labels:
                continue
            x, y = _exit(diamond.shape, line)
            size = max(diamond.shape.x1 - diamond.shape.x0, diamond.shape.y1 - diamond.shape.y0)
            for sheet, box in self.labels:
                if sheet != diamond.sheet or id(box) in self.used_labels or not box.text:
                    continue
                distance = box.distance(x, y)
                if distance <= 1.5 * size:
                    pairs.append((distance, index, box))
        for _, index, box in sorted(pairs, key=lambda p: (p[0], p[1])):
            if index in labels or id(box) in self.used_labels:
                continue
            labels[index] = box.text
            self.used_labels.add(id(box))
        return labels


def _exit(shape: Shape, line: Shape) -> tuple[float, float]:
    """Where a line leaves a shape: its glued connection site (0 top, 1 left, 2 bottom,
    3 right, as DrawingML numbers them for flowchart shapes), else its nearer end."""
    site = line.start_site if line.start == shape.id else line.end_site if line.end == shape.id else None
    points = {
        0: (shape.cx, shape.y0),
        1: (shape.x0, shape.cy),
        2: (shape.cx, shape.y1),
        3: (shape.x1, shape.cy),
    }
    if site in points:
        return points[site]
    (sx, sy), (ex, ey) = line.ends()
    return (sx, sy) if shape.distance(sx, sy) <= shape.distance(ex, ey) else (ex, ey)


__all__ = ["Grid", "Shape", "read_shapes", "read_xlsx"]
