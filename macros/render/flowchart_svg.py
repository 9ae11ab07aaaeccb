"""The official flowchart drawn inside the procedure table: one small SVG per cell.

No JavaScript and no measuring. Each pelaksana cell of each row holds up to two
absolutely positioned SVGs covering the cell (`templates/_flowchart.html`):

- `fc-lines`: the pieces of arrow lines crossing the cell. Every coordinate is a
  percentage of the cell (its edges 0%/100%, its centre 50%) shifted by a fixed
  number of pixels with `transform="translate(...)"`, and the SVG clips what lies
  outside the cell. So a line stretches with the row: however tall a row grows
  when its text wraps, the vertical pieces of all its cells run from edge to edge
  and meet the pieces of the rows above and below, and the horizontal pieces run
  on the row's centre line, where the symbols sit. Strokes are never scaled (no
  viewBox, no preserveAspectRatio="none"), so lines stay crisp on screen and paper.
- `fc-marks`: the fixed-size parts, centred in the cell: the symbol (an element with
  data-langkah, data-pelaksana, data-simbol and a <title>), arrowheads, branch labels
  and off-page connectors. The symbols are opaque and drawn above every line, so a
  line may run to the cell's centre and disappear under its symbol.

The layout (which cells, which lines, which symbol) is `macros.flowchart`; here it is
only turned into pixels: a symbol is 2*HW x 2*HH pixels, lanes sit LANE0 + k*PITCH
pixels from the column's centre.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .. import flowchart
from ..flowchart import CELL, HALF, Layout, Point, Port
from ..model import Langkah

HW = 26  # symbol half width (px)
HH = 14  # symbol half height
TRACK = 24  # the tracks just above/below a symbol
LANE0 = 36  # first side lane, from the column's centre
PITCH = 6  # between side lanes
HEAD = 7  # arrowhead length
ROW_MIN = 2 * TRACK + 16  # a row's minimum height, so tracks and arrowheads fit

SIMBOL_LABEL = {
    "mulai": "Mulai",
    "proses": "Proses",
    "keputusan": "Keputusan",
    "selesai": "Selesai",
    "penghubung": "Penghubung",
}


def px_x(offset: int) -> int:
    """Grid x offset (flowchart.Point.gx within a column) to pixels from the column's
    centre: by its slot (`flowchart.slot_x`), the symbol's edge or a side lane."""
    slot = flowchart.slot_x(offset)
    size = abs(slot)
    value = 0 if size == 0 else HW if size == 1 else LANE0 + (size - 2) * PITCH
    return value if slot >= 0 else -value


def px_y(offset: int) -> int:
    """Grid y offset (within a row) to pixels from the row's centre line."""
    slot = flowchart.slot_y(offset)
    value = (0, HH, TRACK)[abs(slot)]
    return value if slot >= 0 else -value


@dataclass(frozen=True)
class Line:
    """A line piece in cell coordinates: percentages, shifted by (tx, ty) pixels."""

    x1: str
    y1: str
    x2: str
    y2: str
    tx: int
    ty: int


@dataclass(frozen=True)
class Local:
    """A line piece within the cell, in pixels from the cell's centre."""

    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class Label:
    text: str  # as shown: long labels are cut (the Keterangan column has them in full)
    x: int
    y: int
    anchor: str  # start | end
    full: str = ""  # the whole label, as a tooltip, when `text` is cut


@dataclass(frozen=True)
class Connector:
    """An off-page connector (pentagon) at the bottom or top edge of a cell."""

    text: str
    dx: int  # pixels from the column's centre
    at: str  # 'bottom' | 'top'
    langkah: int
    pelaksana: str


@dataclass
class Cell:
    """What one pelaksana cell of one row draws."""

    langkah: int
    pelaksana: str
    simbol: str | None = None
    lines: list[Line] = field(default_factory=list)
    local: list[Local] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)  # polygon points
    labels: list[Label] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)

    @property
    def simbol_label(self) -> str:
        return SIMBOL_LABEL[self.simbol] if self.simbol else ""

    @property
    def shape(self) -> str:
        """The symbol's SVG element (rect or polygon), attributes only."""
        if self.simbol in ("mulai", "selesai"):
            return f'rect x="{-HW}" y="{-HH}" width="{2 * HW}" height="{2 * HH}" rx="{HH}"'
        if self.simbol == "keputusan":
            return f'polygon points="0,{-HH} {HW},0 0,{HH} {-HW},0"'
        return f'rect x="{-HW}" y="{-HH}" width="{2 * HW}" height="{2 * HH}"'

    @property
    def has_marks(self) -> bool:
        return bool(self.simbol or self.heads or self.labels or self.connectors)


@dataclass
class Drawing:
    """The flowchart of one SOP, cell by cell."""

    layout: Layout
    cells: dict[tuple[int, int], Cell]

    def cell(self, langkah: int, kolom: int) -> Cell:
        return self.cells[(langkah, kolom)]

    def width(self, kolom: int) -> int:
        """The minimum width (px) of a pelaksana column: the symbol and its lanes."""
        lanes = self.layout.lanes_used(kolom)
        reach = LANE0 + (lanes - 1) * PITCH if lanes else HW + 4
        label_room = 4 if not lanes else 0
        return 2 * (reach + 6) + label_room


def _piece(axis: str, fixed_px: int, lo: int | None, hi: int | None) -> Line | Local:
    """One piece of a line inside a cell.

    `axis` is the direction the line runs ('x' or 'y'); `fixed_px` its other coordinate
    in pixels from the centre; `lo`/`hi` its ends in pixels from the centre, or None for
    the cell's edge on that side.
    """
    if lo is not None and hi is not None:
        if axis == "x":
            return Local(lo, fixed_px, hi, fixed_px)
        return Local(fixed_px, lo, fixed_px, hi)
    if lo is None and hi is None:
        a, b, shift = "0", "100%", 0
    elif lo is None:  # from the edge to a point: a line one cell long, ending at the point, clipped
        a, b, shift = "-50%", "50%", hi or 0
    else:  # from a point to the far edge
        a, b, shift = "50%", "150%", lo
    if axis == "x":
        return Line(a, "50%", b, "50%", shift, fixed_px)
    return Line("50%", a, "50%", b, fixed_px, shift)


def _slice(cells: dict[tuple[int, int], Cell], a: Point, b: Point) -> None:
    """Cut one straight run of an arrow into the pieces each cell draws: a vertical run
    at row boundaries, a horizontal one at column boundaries."""
    vertical = a.gx == b.gx
    if vertical:  # along y, in column a.col (rows start at 1)
        axis, across, along = "y", px_x(a.gx - a.col * CELL), px_y
        low, high = sorted((a.gy, b.gy))
        first = max(1, (low + HALF) // CELL)
    else:  # along x, in row a.row
        axis, across, along = "x", px_y(a.gy - a.row * CELL), px_x
        low, high = sorted((a.gx, b.gx))
        first = (low + HALF) // CELL
    for k in range(first, (high - HALF) // CELL + 2):
        start, end = k * CELL - HALF, k * CELL + HALF
        lo, hi = max(low, start), min(high, end)
        key = (k, a.col) if vertical else (a.row, k)
        if hi <= lo or key not in cells:
            continue
        piece = _piece(
            axis,
            across,
            None if lo == start else along(lo - k * CELL),
            None if hi == end else along(hi - k * CELL),
        )
        _add(cells[key], piece)


def _add(cell: Cell, piece: Line | Local) -> None:
    target: list[Line] | list[Local] = cell.local if isinstance(piece, Local) else cell.lines
    if piece not in target:
        target.append(piece)  # type: ignore[arg-type]


def _head(port: Port) -> str:
    """The arrowhead entering a symbol through `port`, as polygon points."""
    w = HEAD // 2
    if port == "N":
        return f"0,{-HH} {-w},{-HH - HEAD} {w},{-HH - HEAD}"
    if port == "W":
        return f"{-HW},0 {-HW - HEAD},{-w} {-HW - HEAD},{w}"
    if port == "E":
        return f"{HW},0 {HW + HEAD},{-w} {HW + HEAD},{w}"
    return f"0,{HH} {-w},{HH + HEAD} {w},{HH + HEAD}"


def _label(text: str, port: Port) -> Label:
    shown, full = (text, "") if len(text) <= 14 else (text[:13] + "…", text)
    if port == "E":
        return Label(shown, HW + 3, -4, "start", full)
    if port == "W":
        return Label(shown, -HW - 3, -4, "end", full)
    return Label(shown, 5, HH + 11, "start", full)


def draw(
    roles: Sequence[str],
    steps: Sequence[Langkah],
    breaks: Collection[int] = (),
    layout: Layout | None = None,
) -> Drawing:
    """Draw the flowchart of an SOP; `breaks` are rows after which a printed page ends.
    `layout`: the SOP's `flowchart.layout(roles, steps)` when already computed (routing
    the arrows is most of a build's time: drawing again with page breaks reuses it)."""
    plan = layout if layout is not None else flowchart.layout(roles, steps)
    cells = {(row, col): Cell(row, role) for row in range(1, plan.rows + 1) for col, role in enumerate(roles)}
    for node in plan.simpul:
        cells[node.key].simbol = node.simbol
    for arrow in plan.panah:
        for a, b in arrow.segments:
            _slice(cells, a, b)
        head = _head(arrow.entry)
        target = cells[(arrow.target, arrow.target_kolom)]
        if head not in target.heads:
            target.heads.append(head)
        if arrow.label:
            cells[(arrow.source, arrow.source_kolom)].labels.append(_label(arrow.label, arrow.exit))
    lettered = 0  # connectors are lettered A, B, ... through the whole SOP
    for row in sorted(set(breaks)):
        if not 1 <= row < plan.rows:
            continue
        for crossing in flowchart.crossings(plan, row):
            text = _connector_name(lettered)
            lettered += 1
            dx = px_x(Point(0, 0, 0, crossing.dx).gx)
            role = roles[crossing.kolom]
            cells[(row, crossing.kolom)].connectors.append(Connector(text, dx, "bottom", row, role))
            cells[(row + 1, crossing.kolom)].connectors.append(Connector(text, dx, "top", row + 1, role))
    return Drawing(plan, cells)


def _connector_name(number: int) -> str:
    """A connector's letter, counted through the SOP: A, B, ..., Z, AA, AB, ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


__all__ = ["HH", "HW", "ROW_MIN", "Cell", "Drawing", "Line", "Local", "draw", "px_x", "px_y"]
