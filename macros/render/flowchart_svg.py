"""The official flowchart drawn inside the procedure table: one small SVG per cell.

No JavaScript and no measuring. Each pelaksana cell of each row holds up to two
absolutely positioned SVGs covering the cell (`templates/_flowchart.html`):

- `fc-lines`: the pieces of arrow lines crossing the cell. A piece running from edge
  to edge is given in percent of the cell (its edges 0%/100%) shifted across by a
  fixed number of pixels with `transform="translate(...)"`; every other piece in an
  SVG whose origin is the cell's centre, its ends in pixels from there, an end on
  the cell's edge at -50%/50% of the cell. So a line stretches with the row: however
  tall a row grows when its text wraps, the vertical pieces of all its cells run
  from edge to edge and meet the pieces of the rows above and below, and the
  horizontal pieces run on the row's centre line, where the symbols sit. No piece
  reaches outside its cell, not even where the SVG would clip it: a PDF keeps a
  clipped line whole, and whoever reads the printed PDF's drawing (the importer) sees
  only the lines the paper shows. Strokes are never scaled (no viewBox, no
  preserveAspectRatio="none"), so lines stay crisp on screen and paper.
- `fc-marks`: the fixed-size parts, centred in the cell: the symbol (an element with
  data-langkah, data-pelaksana, data-simbol and a <title>), arrowheads, branch labels,
  hops and off-page connectors (print only, with the line's piece between a connector
  and the page's edge painted out: the flow ends at it). The symbols are opaque and drawn above every line, so
  a line may run to the cell's centre and disappear under its symbol.

Every row gets the height its cells need (`Drawing.row_px`): the symbol, an arrowhead
into its top, the tracks above and below it, its branch labels, and at a printed page's
edge the off-page connectors, each kept CONNECTOR_ROOM clear of the row's rule, the
column's sides, the other connectors and every mark of its cell (`Drawing.edge_reach`,
`connector_width`). A branch label is never cut: it is wrapped into the free
space above or below its symbol, beside its way out (`_place_label`), clear of every
line, the other labels and the cell's edges, and the row grows to hold it; the columns are made wide enough
for a label's longest word. Where two arrows' lines cross, the horizontal one hops over
the vertical one (a small arc), so a crossing never reads as a join.

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
from ..print_layout import text_width

HW = 22  # symbol half width (px)
HH = 11  # symbol half height
TRACK = 20  # the tracks just above/below a symbol
LANE0 = 30  # first side lane, from the column's centre
PITCH = 5  # between side lanes
HEAD = 6  # arrowhead length
ROW_MIN = 2 * TRACK + 16  # a row's height on screen at least (print: what it needs)
CLEAR = 3  # free space between a mark and a line, a symbol or the cell's edge
LABEL_SIZE = 8  # branch labels: font size (px, bold) and line height
LABEL_LINE = 10
LABEL_SAFETY = 1.12  # labels are measured wider than Arial (the screen's font may differ)
LABEL_MAX = 112  # a column widened for a label's longest word, up to this width (px)
CONNECTOR = 20  # an off-page connector (pentagon): its height and width (px)
CONNECTOR_WIDTH = 18
# The least room (px: 2.4 mm printed at full size) between an off-page connector and the
# row's rule, the column's sides, another connector, and the symbol, arrowheads, labels,
# hops and horizontal lines of its cell.
CONNECTOR_ROOM = 9
STUB_CLEAR = 1  # the line piece beyond a connector is painted out up to this near the edge
HOP = 5  # a hop's radius

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
    """A line piece from edge to edge of a cell: percentages, shifted by (tx, ty) pixels
    across its own direction."""

    x1: str
    y1: str
    x2: str
    y2: str
    tx: int
    ty: int


@dataclass(frozen=True)
class Local:
    """A line piece within the cell, in pixels from the cell's centre; an end on the
    cell's edge is "-50%" or "50%" (of the cell, from its centre)."""

    x1: int | str
    y1: int | str
    x2: int | str
    y2: int | str


@dataclass(frozen=True)
class Label:
    """A branch label, whole, in lines: the first baseline at (x, y), left aligned."""

    text: str
    lines: tuple[str, ...]
    x: int
    y: int
    top: int  # the box it was placed in, in pixels from the cell's centre
    bottom: int
    right: int

    @property
    def dy(self) -> int:
        return LABEL_LINE


@dataclass(frozen=True)
class Hop:
    """Where a horizontal line crosses a vertical one: an arc over it."""

    x: int
    y: int

    @property
    def arc(self) -> str:
        return f"M{self.x - HOP},{self.y} a{HOP},{HOP} 0 0 1 {2 * HOP},0"


@dataclass(frozen=True)
class Run:
    """A line piece in a cell, in pixels from the centre; None: the cell's edge."""

    vertical: bool
    at: int  # x of a vertical piece, y of a horizontal one
    lo: int | None
    hi: int | None

    def spans(self, lo: float, hi: float) -> bool:
        """Does the piece overlap the open interval (lo, hi) along its own axis?"""
        return (self.lo is None or self.lo < hi) and (self.hi is None or self.hi > lo)


@dataclass(frozen=True)
class Connector:
    """An off-page connector (pentagon) at the bottom or top edge of a cell."""

    text: str
    dx: int  # pixels from the column's centre
    at: str  # 'bottom' | 'top'
    langkah: int
    pelaksana: str
    level: int = 0  # 1, 2, ...: moved away from the edge, clear of a neighbour's

    @property
    def shift(self) -> int:
        """Its y offset from the cell's edge: CONNECTOR_ROOM from the edge, and from the
        connector of the level before it."""
        step = CONNECTOR + CONNECTOR_ROOM
        return -step * (self.level + 1) if self.at == "bottom" else CONNECTOR_ROOM + step * self.level

    @property
    def stub(self) -> tuple[float, float]:
        """The y span (from the cell's edge) of the line's piece between the connector
        and the edge, painted out in print: the flow ends at the connector on one page
        and starts at it on the next. It stops short of the table's rule."""
        if self.at == "bottom":
            return self.shift + CONNECTOR, -STUB_CLEAR
        return STUB_CLEAR, self.shift

    @property
    def points(self) -> str:
        """The pentagon, its top side at y 0 and its point CONNECTOR below."""
        w, side = CONNECTOR_WIDTH // 2, CONNECTOR * 3 // 5
        return f"{-w},0 {w},0 {w},{side} 0,{CONNECTOR} {-w},{side}"


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
    runs: list[Run] = field(default_factory=list)
    hops: list[Hop] = field(default_factory=list)
    entries: set[str] = field(default_factory=set)  # ports arrows enter the symbol by

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
        return bool(self.simbol or self.heads or self.labels or self.connectors or self.hops)

    def reach(self) -> tuple[int, int]:
        """How far (px) the cell's marks reach above and below its centre line (without
        off-page connectors): a row is at least twice the larger of the two."""
        top = bottom = HH + CLEAR if self.simbol else CLEAR
        if "N" in self.entries:
            top = max(top, HH + HEAD + CLEAR)
        for run in self.runs:
            if not run.vertical and run.at < 0:
                top = max(top, -run.at + CLEAR)
            elif not run.vertical and run.at > 0:
                bottom = max(bottom, run.at + CLEAR)
        for label in self.labels:
            top = max(top, -label.top + CLEAR)
            bottom = max(bottom, label.bottom + CLEAR)
        return top, bottom

    def extent(self) -> tuple[int, int]:
        """How far (px) the cell's marks reach above and below its centre line, every
        one of them (an arrowhead into the symbol's bottom and the hops too), without
        the clearance `reach` adds."""
        top, bottom = (r - CLEAR for r in self.reach())
        if "S" in self.entries:
            bottom = max(bottom, HH + HEAD)
        for hop in self.hops:  # the arc above the line, the gap's mark below it
            top, bottom = max(top, HOP - hop.y), max(bottom, hop.y + 4)
        return top, bottom


@dataclass
class Drawing:
    """The flowchart of one SOP, cell by cell."""

    layout: Layout
    cells: dict[tuple[int, int], Cell]
    widths: tuple[int, ...] = ()  # of the columns (`width`), computed once by `draw`

    def cell(self, langkah: int, kolom: int) -> Cell:
        return self.cells[(langkah, kolom)]

    def width(self, kolom: int) -> int:
        """The minimum width (px) of a pelaksana column: the symbol and its lanes, and
        room for the longest word of a branch label beside the centre line (up to
        LABEL_MAX; a longer word is broken)."""
        return self.widths[kolom] if kolom < len(self.widths) else _column_width(self.layout, kolom)

    def row_px(self, langkah: int, top_edge: bool = False, bottom_edge: bool = False) -> int:
        """The height (px) a row's pelaksana cells need: twice the farthest reach of
        their marks from the centre line; `top_edge`/`bottom_edge`: the row starts/ends
        a printed page and holds off-page connectors there."""
        top, bottom = self.reach(langkah)
        if top_edge:
            top = max(top, self.edge_reach(langkah, below=False))
        if bottom_edge:
            bottom = max(bottom, self.edge_reach(langkah, below=True))
        return 2 * max(top, bottom)

    def edge_reach(self, langkah: int, below: bool) -> int:
        """How far (px) from its centre line row `langkah` must reach towards a printed
        page's edge below it (`below`) or above it, for the off-page connectors of that
        break: each CONNECTOR_ROOM from the edge, from the one before it (connectors of
        close lines stand one behind the other) and from every mark of its cell."""
        found = flowchart.crossings(self.layout, langkah if below else langkah - 1)
        need = 0
        for crossing, level in zip(found, _levels(found), strict=True):
            marks = self.cells[(langkah, crossing.kolom)].extent()[1 if below else 0]
            need = max(need, marks + (level + 1) * (CONNECTOR + CONNECTOR_ROOM) + CONNECTOR_ROOM)
        return need

    def screen_px(self, langkah: int) -> int:
        """A row's flowchart height on screen: ROW_MIN, or more when its marks need it."""
        return max(ROW_MIN, self.row_px(langkah))

    def reach(self, langkah: int) -> tuple[int, int]:
        cells = [self.cells[(langkah, k)] for k in range(len(self.layout.pelaksana))]
        reaches = [c.reach() for c in cells] or [(CLEAR, CLEAR)]
        return max(t for t, _ in reaches), max(b for _, b in reaches)


def _lane_reach(layout: Layout, kolom: int) -> int:
    lanes = layout.lanes_used(kolom)
    return LANE0 + (lanes - 1) * PITCH if lanes else HW + 2


def _column_width(layout: Layout, kolom: int) -> int:
    reach = _lane_reach(layout, kolom)
    base = 2 * (reach + 5)
    words = [w for a in layout.panah if a.label and a.source_kolom == kolom for w in a.label.split()]
    longest = max((label_width(w) for w in words), default=0)
    return max(base, min(LABEL_MAX, 2 * (_LABEL_INNER + longest + CLEAR)))


_LABEL_INNER = HEAD // 2 + 1 + CLEAR  # a label's nearest x to the centre line (and its arrowheads)


def label_width(text: str) -> int:
    return int(text_width(text, LABEL_SIZE, bold=True) * LABEL_SAFETY) + 1


def _piece(axis: str, fixed_px: int, lo: int | None, hi: int | None) -> Line | Local:
    """One piece of a line inside a cell.

    `axis` is the direction the line runs ('x' or 'y'); `fixed_px` its other coordinate
    in pixels from the centre; `lo`/`hi` its ends in pixels from the centre, or None for
    the cell's edge on that side.
    """
    if lo is None and hi is None:  # edge to edge
        if axis == "x":
            return Line("0", "50%", "100%", "50%", 0, fixed_px)
        return Line("50%", "0", "50%", "100%", fixed_px, 0)
    start: int | str = "-50%" if lo is None else lo  # an edge: half the cell from the centre
    end: int | str = "50%" if hi is None else hi
    if axis == "x":
        return Local(start, fixed_px, end, fixed_px)
    return Local(fixed_px, start, fixed_px, end)


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
        lo_px = None if lo == start else along(lo - k * CELL)
        hi_px = None if hi == end else along(hi - k * CELL)
        _add(cells[key], _piece(axis, across, lo_px, hi_px))
        run = Run(vertical, across, lo_px, hi_px)
        if run not in cells[key].runs:
            cells[key].runs.append(run)


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


def _wrap(text: str, room: int) -> tuple[str, ...]:
    """A label in lines at most `room` px wide, broken at spaces; a word wider than the
    room is broken where it must (never cut short)."""
    lines: list[str] = []
    for word in text.split():
        while label_width(word) > room and len(word) > 1:
            cut = max(1, max(n for n in range(1, len(word) + 1) if label_width(word[:n]) <= room or n == 1))
            if lines and label_width(lines[-1] + " " + word[:cut]) <= room:
                lines[-1] += " " + word[:cut]
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if lines and label_width(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines) or ("",)


# The quarters of a cell a label may take, by the port its arrow leaves: (x side, y side).
_QUARTERS: dict[str, tuple[tuple[int, int], ...]] = {
    "S": ((1, 1), (-1, 1)),
    "E": ((1, -1), (1, 1)),
    "W": ((-1, -1), (-1, 1)),
    "N": ((1, -1), (-1, -1)),
}


def _place_label(cell: Cell, half: int, text: str, port: Port) -> Label:
    """Put a branch label in its cell, above or below the symbol (beyond the track there,
    if a line runs on it), on the side of its way out or across the centre where no line
    runs down it: in the widest gap between the vertical lines, the labels already
    placed and the cell's edges `half` px out, clear of each. Of the places tried, the
    one breaking no word, then the one reaching least far from the centre line (the
    row's height), then the fewest lines."""
    best: tuple[tuple[int, int, int, int, int], Label] | None = None
    quarters = _QUARTERS[port]
    quarters += tuple(q for q in ((1, 1), (-1, 1), (1, -1), (-1, -1)) if q not in quarters)
    for rank, (side, up) in enumerate(quarters):
        start = HH + CLEAR
        for run in cell.runs:  # a track on that side: the label goes beyond it
            if not run.vertical and run.at * up > 0:
                start = max(start, abs(run.at) + CLEAR + 1)
        lines: tuple[str, ...] = ("",)
        left, gap_right, fits = 0, 0, True
        for _ in range(3):  # the band's height decides which lines it meets, and back
            height = len(lines) * LABEL_LINE
            lo, hi = (start, start + height) if up > 0 else (-start - height, -start)
            taken = sorted(
                [
                    (
                        r.at - (_LABEL_INNER if r.at == 0 else CLEAR),
                        r.at + (_LABEL_INNER if r.at == 0 else CLEAR),
                    )
                    for r in cell.runs
                    if r.vertical and r.spans(lo - CLEAR, hi + CLEAR)
                ]
                + [
                    (o.x - CLEAR, o.right + CLEAR)
                    for o in cell.labels
                    if o.top < hi + CLEAR and o.bottom > lo - CLEAR
                ]
            )
            gaps, edge = [], -half + CLEAR
            for a, b in taken:
                gaps.append((edge, a))
                edge = max(edge, b)
            gaps.append((edge, half - CLEAR))
            fitting = [(a, b) for a, b in gaps if b - a > 0 and (b * side > 0 if side > 0 else a < 0)]
            fits = bool(fitting)
            a, b = max(fitting or [(0, 4)], key=lambda g: (g[1] - g[0], g[0] * side))
            left, gap_right = a, b
            lines = _wrap(text, max(b - a, 4))
        height = len(lines) * LABEL_LINE
        top, bottom = (start, start + height) if up > 0 else (-start - height, -start)
        width = max(label_width(line) for line in lines)
        # next to its own line: a side way out's label at the gap's outer end (the
        # line runs that way), a way down's or up's at the end nearest the centre
        outward = port in ("E", "W")
        if (side > 0) == outward:
            left = gap_right - width
        label = Label(text, lines, left, top + LABEL_SIZE, top, bottom, left + width)
        broken = sum(1 for line in lines for word in line.split() if word not in text.split())
        away = 0 if rank < 2 else 1  # a quarter away from the way out: only when needed
        score = (0 if fits else 1, broken + away, max(-top, bottom), len(lines), rank)
        if best is None or score < best[0]:
            best = (score, label)
    assert best is not None
    return best[1]


def _hops(plan: Layout, cells: dict[tuple[int, int], Cell]) -> None:
    """Where a horizontal run of one arrow crosses a vertical run of another (their
    interiors meet), a hop in the cell of the crossing."""
    runs = [
        (index, a, b)
        for index, arrow in enumerate(plan.panah)
        for a, b in arrow.segments
        if a.gx != b.gx or a.gy != b.gy
    ]
    nets = [(a.target, a.target_kolom, a.entry) for a in plan.panah]
    # Vertical runs filed by row and x, so a horizontal run (which lies in one row) looks
    # at the x values it spans, not at every run of the SOP. Within a row only the part of
    # a run in that row matters: runs alike there (same part, same arrow target) are filed
    # once, the first (a long SOP's fallback routes share their lanes).
    by_row: dict[int, dict[int, dict[tuple[int, int, tuple[int, int, str]], int]]] = {}
    for j, (index, va, vb) in enumerate(runs):
        if va.gx != vb.gx:
            continue
        low, high = sorted((va.gy, vb.gy))
        for row in range(low // CELL, high // CELL + 1):
            part = (max(low, row * CELL - 1), min(high, row * CELL + CELL), nets[index])
            by_row.setdefault(row, {}).setdefault(va.gx, {}).setdefault(part, j)
    for index, ha, hb in runs:
        y = ha.gy
        if y != hb.gy:
            continue
        x1, x2 = sorted((ha.gx, hb.gx))
        firsts = []  # (the first vertical run crossing this one at x, x)
        for x, parts in by_row.get(y // CELL, {}).items():
            if x1 < x < x2:
                crossing = [j for (lo, hi, net), j in parts.items() if lo < y < hi and net != nets[index]]
                if crossing:
                    firsts.append((min(crossing), x))
        for j, _ in sorted(firsts):
            va = runs[j][1]
            key = (ha.row, va.col)
            hop = Hop(px_x(va.gx - va.col * CELL), px_y(ha.gy - ha.row * CELL))
            if key in cells and hop not in cells[key].hops:
                cells[key].hops.append(hop)


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
        target.entries.add(arrow.entry)
        if head not in target.heads:
            target.heads.append(head)
    widths = tuple(_column_width(plan, kolom) for kolom in range(len(roles)))
    # the longest labels first: they get the widest gaps
    for arrow in sorted((a for a in plan.panah if a.label), key=lambda a: -label_width(a.label or "")):
        cell = cells[(arrow.source, arrow.source_kolom)]
        half = widths[arrow.source_kolom] // 2
        cell.labels.append(_place_label(cell, half, arrow.label or "", arrow.exit))
    _hops(plan, cells)
    lettered = 0  # connectors are lettered A, B, ... through the whole SOP
    for row in sorted(set(breaks)):
        if not 1 <= row < plan.rows:
            continue
        found = flowchart.crossings(plan, row)
        for crossing, level in zip(found, _levels(found), strict=True):
            text = _connector_name(lettered)
            lettered += 1
            dx = _connector_x(crossing)
            role = roles[crossing.kolom]
            cells[(row, crossing.kolom)].connectors.append(Connector(text, dx, "bottom", row, role, level))
            cells[(row + 1, crossing.kolom)].connectors.append(
                Connector(text, dx, "top", row + 1, role, level)
            )
    return Drawing(plan, cells, widths)


def _connector_x(crossing: flowchart.Crossing) -> int:
    """The x (px from its column's centre) of the line a page break's connector sits on."""
    return px_x(Point(0, 0, 0, crossing.dx).gx)


def _levels(found: Sequence[flowchart.Crossing]) -> list[int]:
    """How far from the edge each connector of a break is drawn (in connectors): lines
    closer than a pentagon's width and CONNECTOR_ROOM (side lanes of one column) get
    theirs one behind the other, so no pentagon hides or touches another."""
    levels: list[int] = []
    for i, crossing in enumerate(found):
        level = 0
        if i and found[i - 1].kolom == crossing.kolom:
            gap = abs(_connector_x(crossing) - _connector_x(found[i - 1]))
            level = levels[-1] + 1 if gap < CONNECTOR_WIDTH + CONNECTOR_ROOM else 0
        levels.append(level)
    return levels


def connector_width(layout: Layout, kolom: int, breaks: Collection[int]) -> int:
    """The least width (px) of a pelaksana column whose off-page connectors at these
    page breaks (rows after which a page ends) keep CONNECTOR_ROOM from its sides."""
    found = [c for row in breaks for c in flowchart.crossings(layout, row) if c.kolom == kolom]
    reach = [abs(_connector_x(c)) for c in found]
    return 2 * (max(reach) + CONNECTOR_WIDTH // 2 + CONNECTOR_ROOM) if reach else 0


def _connector_name(number: int) -> str:
    """A connector's letter, counted through the SOP: A, B, ..., Z, AA, AB, ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


__all__ = [
    "HH",
    "HW",
    "ROW_MIN",
    "Cell",
    "Drawing",
    "Hop",
    "Label",
    "Line",
    "Local",
    "Run",
    "connector_width",
    "draw",
    "px_x",
    "px_y",
]
