"""The official flowchart (Permenpan-RB 35/2012, Bagian Flowchart) as a layout.

Plain data, independent of any rendering. The table has one row per step and one
column per pelaksana; the flow is drawn inside the pelaksana columns. This module
decides, for every step, the row, the columns (role indexes) it occupies and its
symbol, and for every arrow its source and target (step and column), its label and
its route through the grid. The SVG renderer (`render/flowchart_svg.py`) and the
Mermaid writer (`render/mermaid.py`) read it.

The grid
--------
A point is addressed as (row, column, dy, dx): `row` is the step number, `col` the
role index (0-based, in the SOP's `pelaksana` order), and two small slot numbers place
it inside that cell, relative to the cell's centre, so that a drawing stays correct
whatever height a row gets from its wrapped text:

- dy: 0 the row's centre line, +-1 the symbol's top/bottom edge (ports N and S),
  +-2 a track just above/below the symbol (for arrows that join from a side lane);
- dx: 0 the column's centre, +-1 the symbol's left/right edge (ports W and E),
  +-(2 + k) side lane k, in the margin between the symbol and the column's edge.

Horizontal runs only happen on a row's centre line (or the tracks just above and
below its symbol), i.e. only in the rows of the arrow's own source and target;
vertical runs happen on a column's centre or on a side lane. Lanes never meet a
symbol (symbols are centred and narrower than the column), so a loop back up or a
jump over other steps can always be drawn along a lane.

Rules
-----
- Symbol, applied to every role of a step: `keputusan` if the step has a decision;
  else `mulai` if it is the first step or has `mulai: true`; else `selesai` if it is
  the last step or has `selesai: true`; else `proses` (`flow.symbol`).
- A step with several roles is drawn in each of their columns, in the same row. Its
  symbols are chained by arrows along the row ("across"), in column order, from the
  role written first towards the other end: arrows into the step enter the first
  symbol of the chain, arrows out of it leave from the last.
- Arrows follow the flow (`flow.edges`): to the next step, to `ke`, to every branch
  of a decision (with the branch label). Each is routed by trying, cheapest first:
  straight down a column; an elbow (out of the side, down into the top; or out of
  the bottom, across into the side); a route along a side lane (out of a side or the
  bottom, or out of the top to go back up from a symbol nothing else enters; along
  the lane; into a side or the top). A route may not cross a symbol, may not run
  along another arrow's line (except arrows joining into the same port, or branches
  leaving by the same port), and a port is either the way out of one arrow or the
  way in of any number; a decision with more branches than free ports shares one.
  Routes are chosen greedily: arrows to the next row first, then longer jumps, then
  loops back, shortest first. When nothing fits (not reached in 5,000 random flows of
  up to 8 roles and 17 steps), the plainest lane route is drawn anyway; so is every
  arrow left once the router has spent its work budget (`WORK_BUDGET`: only SOPs of
  hundreds of steps with many jumps reach it), so routing never grows past it.
- Page breaks: `crossings(layout, row)` lists the lines that cross the boundary
  below a row; where the printed table breaks there, each gets a pair of off-page
  connectors (pentagons, `penghubung`), drawn by the renderer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from typing import Literal, NamedTuple

from . import flow
from .model import Langkah

Port = Literal["N", "S", "E", "W"]
Route = Literal["across", "down", "loop"]

LANES = 4  # side lanes per side of a column (more only when nothing else fits)

# Geometry in grid units (for crossing and overlap checks; the renderer turns slots,
# not units, into pixels): rows and columns are CELL apart; within a cell, slot 1 (a
# symbol's edge) is EDGE from the centre, slot 2 (a track, or side lane 0) is TRACK,
# and each further side lane LANE_STEP beyond.
CELL = 100
HALF = CELL // 2  # a cell's boundary, from its centre
EDGE = 10
TRACK = 20
LANE_STEP = 4
_OUT_PORTS: tuple[Port, ...] = ("E", "W", "S")
_IN_PORTS: tuple[Port, ...] = ("N", "E", "W")


class Point(NamedTuple):
    """A point of the grid (see the module docstring). A named tuple: the router
    makes hundreds of thousands of them."""

    row: int
    col: int
    dy: int = 0
    dx: int = 0

    @property
    def gx(self) -> int:
        """Global x, for geometry only: columns are CELL apart."""
        return self.col * CELL + _offset_x(self.dx)

    @property
    def gy(self) -> int:
        """Global y, for geometry only: rows are CELL apart."""
        return self.row * CELL + _offset_y(self.dy)


@cache
def _offset_x(dx: int) -> int:
    size = abs(dx)
    value = 0 if size == 0 else EDGE if size == 1 else TRACK + LANE_STEP * (size - 2)
    return value if dx >= 0 else -value


@cache
def _offset_y(dy: int) -> int:
    value = (0, EDGE, TRACK)[min(abs(dy), 2)]
    return value if dy >= 0 else -value


def slot_x(offset: int) -> int:
    """The dx slot of an x offset within a cell (Point.gx - col * CELL): the inverse of
    the geometry above, for the renderer."""
    size = abs(offset)
    slot = 0 if size == 0 else 1 if size == EDGE else 2 + (size - TRACK) // LANE_STEP
    return slot if offset >= 0 else -slot


def slot_y(offset: int) -> int:
    """The dy slot of a y offset within a cell (Point.gy - row * CELL)."""
    slot = {0: 0, EDGE: 1, TRACK: 2}[abs(offset)]
    return slot if offset >= 0 else -slot


def lane_dx(side: int, index: int) -> int:
    """The dx slot of side lane `index` on `side` (-1 left, +1 right)."""
    return side * (2 + index)


@dataclass(frozen=True)
class Simpul:
    """A drawn symbol: one step in one role's column."""

    langkah: int  # step number = row
    kolom: int  # role index, 0-based
    pelaksana: str  # the role as written in the SOP's pelaksana list
    simbol: flow.Simbol

    @property
    def key(self) -> tuple[int, int]:
        return (self.langkah, self.kolom)


@dataclass(frozen=True)
class Panah:
    """An arrow: from a symbol to a symbol, along `points` (a polyline on the grid)."""

    source: int  # step
    source_kolom: int
    target: int  # step
    target_kolom: int
    label: str | None  # the decision branch, if any
    route: Route  # across: within a row; down: to a later row; loop: back up (or to itself)
    exit: Port
    entry: Port
    points: tuple[Point, ...]
    lane: tuple[int, int, int] | None = None  # (column, side, index) of the side lane used

    @property
    def segments(self) -> list[tuple[Point, Point]]:
        return list(pairwise(self.points))


@dataclass(frozen=True)
class Layout:
    """The official flowchart of one SOP."""

    pelaksana: tuple[str, ...]
    rows: int
    simpul: tuple[Simpul, ...]
    panah: tuple[Panah, ...]
    work: int = 0  # what the router looked at (see WORK_BUDGET)
    unchecked: int = 0  # arrows drawn by the plainest route once the budget was spent

    def nodes_of(self, langkah: int) -> list[Simpul]:
        return [s for s in self.simpul if s.langkah == langkah]

    def node_at(self, langkah: int, kolom: int) -> Simpul | None:
        return next((s for s in self.simpul if s.langkah == langkah and s.kolom == kolom), None)

    @cached_property
    def crossings_by_row(self) -> dict[int, list[Crossing]]:
        return _crossings_by_row(self)

    def lanes_used(self, kolom: int) -> int:
        """How many side lanes a column needs on its widest side (for its width)."""
        used = [p.lane[2] + 1 for p in self.panah if p.lane is not None and p.lane[0] == kolom]
        return max(used, default=0)


# ----------------------------------------------------------------- the logical flow


def chain(roles: Sequence[str], step: Langkah) -> list[int]:
    """The columns of a step, in the order its symbols are joined along the row.

    Column order, starting from the end nearest the role written first: `[Sekretaris,
    Camat]` with Camat's column left of Sekretaris' is joined Sekretaris -> Camat.
    """
    columns = sorted({roles.index(r) for r in step.pelaksana if r in roles})
    if columns and roles.index(step.pelaksana[0]) == columns[-1] and len(columns) > 1:
        columns.reverse()
    return columns


@dataclass(frozen=True)
class Sambungan:
    """A logical arrow between two symbols (no geometry): what Mermaid draws too."""

    source: tuple[int, int]  # (step, column)
    target: tuple[int, int]
    label: str | None
    across: bool  # between two roles of one step


def connections(roles: Sequence[str], steps: Sequence[Langkah]) -> tuple[list[Simpul], list[Sambungan]]:
    """The symbols and the arrows between them, in reading order."""
    nodes: list[Simpul] = []
    chains: dict[int, list[int]] = {}
    for number, step in enumerate(steps, start=1):
        columns = chain(roles, step)
        chains[number] = columns
        symbol = flow.symbol(steps, number)
        nodes += [Simpul(number, c, roles[c], symbol) for c in sorted(columns)]
    links: list[Sambungan] = []
    for number in range(1, len(steps) + 1):
        columns = chains[number]
        links += [Sambungan((number, a), (number, b), None, across=True) for a, b in pairwise(columns)]
        for edge in flow.edges(steps, number):
            if not columns or not chains[edge.target]:
                continue
            links.append(
                Sambungan((number, columns[-1]), (edge.target, chains[edge.target][0]), edge.label, False)
            )
    return nodes, links


# ----------------------------------------------------------------- routing

_Seg = tuple[int, int, int, int]  # x1, y1, x2, y2 (normalised: x1 <= x2, y1 <= y2)
_Net = tuple[int, int, str]  # arrows into the same port of the same symbol may share lines


def _norm(a: Point, b: Point) -> _Seg:
    return (min(a.gx, b.gx), min(a.gy, b.gy), max(a.gx, b.gx), max(a.gy, b.gy))


@dataclass
class _Drawn:
    seg: _Seg
    net: _Net
    source: _Net  # the source symbol and its exit port: branches sharing a way out may share lines


@dataclass
class _Candidate:
    points: tuple[Point, ...]
    exit: Port
    entry: Port
    cost: float
    lane: tuple[int, int, int] | None = None


# The router's work budget: how many drawn lines, bends, symbols and lanes it may look
# at for one SOP. An SOP of a few dozen steps needs a few thousand; past the budget
# (thousands of steps with many jumps: checking every route against every line drawn
# grows with the square of the steps), the remaining arrows take the plainest lane
# route unchecked (`_fallback`), so no SOP can make the build hang.
WORK_BUDGET = 1_000_000


def _bucket(y: int) -> int:
    """The row band of a global y: the drawn lines are filed by the bands they span."""
    return y // CELL


@dataclass
class _Router:
    nodes: dict[tuple[int, int], Simpul]
    receives: set[tuple[int, int]] = field(default_factory=set)  # symbols some arrow enters
    drawn: list[_Drawn] = field(default_factory=list)
    bends: list[tuple[int, int, _Net, _Net]] = field(default_factory=list)
    ports: dict[tuple[int, int, str], tuple[str, _Net | None]] = field(default_factory=dict)
    lanes: dict[tuple[int, int, int], list[tuple[int, int, _Net]]] = field(default_factory=dict)
    verticals: dict[int, list[tuple[int, int, _Net]]] = field(default_factory=dict)  # x -> (y1, y2, net)
    # Indexes, so a check looks only at what lies in the rows a route spans: drawn lines
    # and bends by row band, symbols' columns by row.
    drawn_by_band: dict[int, list[int]] = field(default_factory=dict)
    bends_by_band: dict[int, list[int]] = field(default_factory=dict)
    columns_by_row: dict[int, list[int]] = field(default_factory=dict)
    work: int = 0  # what the checks have looked at so far (see WORK_BUDGET)
    budget: int = WORK_BUDGET
    unchecked: int = 0  # arrows given the fallback route because the budget was spent

    def __post_init__(self) -> None:
        for row, col in self.nodes:
            self.columns_by_row.setdefault(row, []).append(col)

    @property
    def spent(self) -> bool:
        return self.work > self.budget

    # -- geometry checks ---------------------------------------------------

    def _hits_symbol(self, seg: _Seg) -> bool:
        x1, y1, x2, y2 = seg
        for row in range((y1 - EDGE) // CELL, (y2 + EDGE) // CELL + 1):
            columns = self.columns_by_row.get(row, ())
            self.work += 1 + len(columns)
            by = row * CELL
            for col in columns:
                bx = col * CELL
                # open box: touching a port on the boundary is fine
                if x1 < bx + EDGE and x2 > bx - EDGE and y1 < by + EDGE and y2 > by - EDGE:
                    return True
        return False

    def _near(self, index: dict[int, list[int]], y1: int, y2: int) -> list[int]:
        """The entries of an index filed in the row bands from y1 to y2, each once."""
        found: set[int] = set()
        for band in range(_bucket(y1), _bucket(y2) + 1):
            entries = index.get(band, ())
            self.work += 1 + len(entries)
            found.update(entries)
        return sorted(found)

    def conflicts(self, points: Sequence[Point], net: _Net, source: _Net) -> tuple[bool, int]:
        """(hard conflict, crossings) of a candidate path against what is drawn.

        Lines may be shared only by arrows joining into the same port (`net`) or leaving
        by the same port (`source`, when a decision has more branches than free ports).
        """
        crossings = 0
        segs = [_norm(a, b) for a, b in pairwise(points)]
        inner = [(p.gx, p.gy) for p in points[1:-1]]
        for seg in segs:
            if seg[0] == seg[2] and seg[1] == seg[3]:
                return True, 0
            if self._hits_symbol(seg):
                return True, 0
            for i in self._near(self.drawn_by_band, seg[1], seg[3]):
                other = self.drawn[i]
                if other.net == net or other.source == source:
                    continue
                relation = _relation(seg, other.seg)
                if relation == "overlap":
                    return True, 0
                if relation == "cross":
                    crossings += 1
        for x, y in inner:  # a bend on someone else's line reads as a junction
            for i in self._near(self.drawn_by_band, y, y):
                o = self.drawn[i]
                if o.net != net and o.source != source and _on(x, y, o.seg):
                    return True, 0
        for seg in segs:
            for i in self._near(self.bends_by_band, seg[1], seg[3]):
                x, y, other_net, other_source = self.bends[i]
                if other_net != net and other_source != source and _on(x, y, seg):
                    return True, 0
        return False, crossings

    # -- ports ---------------------------------------------------------------

    def can_exit(self, node: tuple[int, int], port: Port, relaxed: bool = False) -> bool:
        used = self.ports.get((*node, port))
        return used is None or (relaxed and used[0] == "out")

    def can_enter(self, node: tuple[int, int], port: Port) -> bool:
        used = self.ports.get((*node, port))
        return used is None or used[0] == "in"

    def commit(self, source: tuple[int, int], target: tuple[int, int], cand: _Candidate) -> None:
        net: _Net = (*target, cand.entry)
        way_out: _Net = (*source, cand.exit)
        self.ports[way_out] = ("out", None)
        self.ports[net] = ("in", net)
        if self.spent:
            return  # nothing is checked any more: lines need not be filed
        for a, b in pairwise(cand.points):
            seg = _norm(a, b)
            self._file(self.drawn_by_band, len(self.drawn), seg[1], seg[3])
            self.drawn.append(_Drawn(seg, net, way_out))
            if seg[0] == seg[2]:
                self.verticals.setdefault(seg[0], []).append((seg[1], seg[3], net))
        for p in cand.points[1:-1]:
            self._file(self.bends_by_band, len(self.bends), p.gy, p.gy)
            self.bends.append((p.gx, p.gy, net, way_out))

    def _file(self, index: dict[int, list[int]], entry: int, y1: int, y2: int) -> None:
        for band in range(_bucket(y1), _bucket(y2) + 1):
            self.work += 1
            index.setdefault(band, []).append(entry)

    # -- candidates ----------------------------------------------------------

    def free_lane(self, col: int, side: int, y1: int, y2: int, net: _Net, limit: int) -> int | None:
        lo, hi = min(y1, y2), max(y1, y2)
        for index in range(limit):
            x = col * CELL + _offset_x(lane_dx(side, index))
            lines = self.verticals.get(x, ())
            self.work += 1 + len(lines)
            if not any(other != net and a < hi and b > lo for a, b, other in lines):
                return index
        return None


def _relation(a: _Seg, b: _Seg) -> str:
    """'overlap' (collinear, sharing a stretch), 'cross' (perpendicular, interiors meet) or ''."""
    a_vertical, b_vertical = a[0] == a[2], b[0] == b[2]
    if a_vertical == b_vertical:
        if a_vertical and a[0] == b[0]:
            return "overlap" if min(a[3], b[3]) > max(a[1], b[1]) else ""
        if not a_vertical and a[1] == b[1]:
            return "overlap" if min(a[2], b[2]) > max(a[0], b[0]) else ""
        return ""
    v, h = (a, b) if a_vertical else (b, a)
    if h[0] < v[0] < h[2] and v[1] < h[1] < v[3]:
        return "cross"
    return ""


def _on(x: int, y: int, seg: _Seg) -> bool:
    return seg[0] <= x <= seg[2] and seg[1] <= y <= seg[3]


_PORT_SLOT = {"N": (-1, 0), "S": (1, 0), "E": (0, 1), "W": (0, -1)}  # (dy, dx) of each port


def port_point(row: int, col: int, port: Port) -> Point:
    return Point(row, col, *_PORT_SLOT[port])


def _simplify(points: Iterable[Point]) -> tuple[Point, ...]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    xy: list[tuple[int, int]] = []  # the global coordinates of `out`
    for p in points:
        x, y = p.gx, p.gy
        if xy and xy[-1] == (x, y):
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = xy[-2], xy[-1]
            if (ax == bx == x) or (ay == by == y):
                out[-1], xy[-1] = p, (x, y)
                continue
        out.append(p)
        xy.append((x, y))
    return tuple(out)


def _bends(points: Sequence[Point]) -> int:
    return max(len(points) - 2, 0)


def _length(points: Sequence[Point]) -> int:
    xy = [(p.gx, p.gy) for p in points]
    return sum(abs(ax - bx) + abs(ay - by) for (ax, ay), (bx, by) in pairwise(xy))


# An arrow to a later row in another column may cross over in any row between: only
# the first MIDDLE_ROWS of them are tried (a jump over 2,000 rows is not tried 2,000 ways).
MIDDLE_ROWS = 50


def _direct(s: int, cs: int, t: int, ct: int) -> list[_Candidate]:
    """Routes without a side lane, for an arrow to a later row."""
    out: list[_Candidate] = []
    if t <= s:
        return out
    if cs == ct:
        out.append(_Candidate((port_point(s, cs, "S"), port_point(t, ct, "N")), "S", "N", 0.0))
        return out
    toward: Port = "E" if ct > cs else "W"
    facing: Port = "W" if ct > cs else "E"
    out.append(
        _Candidate((port_point(s, cs, toward), Point(s, ct), port_point(t, ct, "N")), toward, "N", 1.0)
    )
    out.append(
        _Candidate((port_point(s, cs, "S"), Point(t, cs), port_point(t, ct, facing)), "S", facing, 1.2)
    )
    for middle in range(s + 1, min(t, s + 1 + MIDDLE_ROWS)):
        out.append(
            _Candidate(
                (port_point(s, cs, "S"), Point(middle, cs), Point(middle, ct), port_point(t, ct, "N")),
                "S",
                "N",
                5.0,
            )
        )
    return out


def _via_lane(
    router: _Router, s: int, cs: int, t: int, ct: int, entry_port: Port, lanes: int
) -> list[_Candidate]:
    """Routes along a side lane: out of a side or the bottom, along the lane, into a side or the top."""
    out: list[_Candidate] = []
    net: _Net = (t, ct, entry_port)
    source_x = {p: port_point(s, cs, p).gx for p in ("E", "W")}
    target_x = {p: port_point(t, ct, p).gx for p in ("E", "W")}
    columns = range(min(cs, ct), max(cs, ct) + 1)
    probes = [(col, side, col * CELL + _offset_x(lane_dx(side, 0))) for col in columns for side in (1, -1)]
    end_dy = -2 if entry_port == "N" else 0
    y2 = t * CELL + _offset_y(end_dy)
    for exit_port in (*_OUT_PORTS, "N"):
        # out of the top only to go back up, and only from a symbol nothing enters
        # (else the top is kept as the way in), unless nothing else is left
        if exit_port == "N" and (t >= s or ((s, cs) in router.receives and lanes <= LANES)):
            continue
        start_dy = {"S": 2, "N": -2}.get(exit_port, 0)
        y1 = s * CELL + _offset_y(start_dy)
        if y1 == y2:
            continue
        for col, side, probe in probes:
            if exit_port == "E" and probe <= source_x["E"]:
                continue
            if exit_port == "W" and probe >= source_x["W"]:
                continue
            if entry_port == "E" and probe <= target_x["E"]:
                continue
            if entry_port == "W" and probe >= target_x["W"]:
                continue
            index = router.free_lane(col, side, y1, y2, net, lanes)
            if index is None:
                continue
            dx = lane_dx(side, index)
            points: list[Point] = [port_point(s, cs, exit_port)]
            if exit_port in ("S", "N"):
                points.append(Point(s, cs, start_dy, 0))
            points += [Point(s, col, start_dy, dx), Point(t, col, end_dy, dx)]
            if entry_port == "N":
                points.append(Point(t, ct, -2, 0))
            points.append(port_point(t, ct, entry_port))
            path = _simplify(points)
            cost = 3.0 + index * 0.5 + {"S": 1.0, "N": 1.5}.get(exit_port, 0.0)
            cost += 0.5 if entry_port == "N" else 0.0
            out.append(_Candidate(path, exit_port, entry_port, cost, (col, side, index)))
    return out


def _route(router: _Router, s: int, cs: int, t: int, ct: int, label: str | None) -> Panah:
    source, target = (s, cs), (t, ct)
    best: tuple[float, _Candidate] | None = None
    for relaxed in (False, True):
        if router.spent:
            break
        candidates = _direct(s, cs, t, ct)
        # A lane route costs LANE_FLOOR at least: when a route without one is cheaper,
        # the lanes need not be looked at (the same choice, found sooner).
        best = _cheapest(router, candidates, source, target, relaxed)
        if best is not None and best[0] <= LANE_FLOOR:
            break
        for entry in _IN_PORTS:
            candidates += _via_lane(router, s, cs, t, ct, entry, LANES * 3 if relaxed else LANES)
        best = _cheapest(router, candidates, source, target, relaxed)
        if best is not None:
            break
    # nothing clean (or no budget left): draw the plainest lane route anyway, never fail
    if best is None and router.spent:
        router.unchecked += 1
    cand = _fallback(s, cs, t, ct) if best is None else best[1]
    router.commit(source, target, cand)
    route: Route = "down" if t > s else "loop"
    return Panah(s, cs, t, ct, label, route, cand.exit, cand.entry, cand.points, cand.lane)


LANE_FLOOR = 3.0  # the least cost of a route along a side lane (`_via_lane`)


def _cheapest(
    router: _Router,
    candidates: list[_Candidate],
    source: tuple[int, int],
    target: tuple[int, int],
    relaxed: bool,
) -> tuple[float, _Candidate] | None:
    """The cheapest candidate that can be drawn, with its cost (crossings included)."""
    (s, cs), (t, ct) = source, target
    best: tuple[float, _Candidate] | None = None
    # cheapest first: crossings only add to a route's own cost, so stop once no
    # remaining route can beat the best one found
    ranked = sorted(
        ((c.cost + 0.5 * _bends(c.points) + _length(c.points) / 400, i, c) for i, c in enumerate(candidates)),
        key=lambda item: (item[0], item[1]),
    )
    for own, _, cand in ranked:
        if (best is not None and own >= best[0]) or router.spent:
            break
        if not router.can_exit(source, cand.exit, relaxed) or not router.can_enter(target, cand.entry):
            continue
        hard, crossings = router.conflicts(cand.points, (t, ct, cand.entry), (s, cs, cand.exit))
        if hard:
            continue
        cost = own + 2.0 * crossings
        if best is None or cost < best[0]:
            best = (cost, cand)
    return best


def _fallback(s: int, cs: int, t: int, ct: int) -> _Candidate:
    dx = lane_dx(1, LANES - 1)
    points = _simplify(
        (
            port_point(s, cs, "E"),
            Point(s, cs, 0, dx),
            Point(t, cs, -2, dx),
            Point(t, ct, -2, 0),
            port_point(t, ct, "N"),
        )
    )
    return _Candidate(points, "E", "N", 99.0, (cs, 1, LANES - 1))


def layout(roles: Sequence[str], steps: Sequence[Langkah], budget: int = WORK_BUDGET) -> Layout:
    """Lay out the official flowchart of an SOP (roles = its `pelaksana`)."""
    roles = tuple(roles)
    nodes, links = connections(roles, steps)
    router = _Router({n.key: n for n in nodes}, {link.target for link in links}, budget=budget)
    arrows: list[tuple[int, Panah]] = []

    across = [(i, link) for i, link in enumerate(links) if link.across]
    for index, link in across:
        (row, a), (_, b) = link.source, link.target
        exit_port: Port = "E" if b > a else "W"
        entry_port: Port = "W" if b > a else "E"
        cand = _Candidate(
            (port_point(row, a, exit_port), port_point(row, b, entry_port)), exit_port, entry_port, 0
        )
        router.commit(link.source, link.target, cand)
        arrows.append((index, Panah(row, a, row, b, None, "across", exit_port, entry_port, cand.points)))

    def order(item: tuple[int, Sambungan]) -> tuple[int, int, int, int]:
        _, link = item
        (s, _cs), (t, _ct) = link.source, link.target
        kind = 0 if t == s + 1 else 1 if t > s else 2
        return (kind, abs(t - s), s, item[0])

    for index, link in sorted(((i, lk) for i, lk in enumerate(links) if not lk.across), key=order):
        (s, cs), (t, ct) = link.source, link.target
        arrows.append((index, _route(router, s, cs, t, ct, link.label)))

    return Layout(
        pelaksana=roles,
        rows=len(steps),
        simpul=tuple(nodes),
        panah=tuple(arrow for _, arrow in sorted(arrows, key=lambda item: item[0])),
        work=router.work,
        unchecked=router.unchecked,
    )


# ----------------------------------------------------------------- page breaks


@dataclass(frozen=True)
class Crossing:
    """A line crossing the boundary below a row: where a page break needs connectors."""

    kolom: int
    dx: int
    panah: int  # index into Layout.panah


def crossings(plan: Layout, row: int) -> list[Crossing]:
    """The vertical lines crossing the boundary between `row` and `row + 1`, left to right.

    Lines of arrows joining into the same port cross once.
    """
    return plan.crossings_by_row.get(row, [])


def _crossings_by_row(plan: Layout) -> dict[int, list[Crossing]]:
    """`crossings` of every row at once: each vertical run is looked at once, not once per
    row (a long SOP's printed table asks for every row)."""
    found: dict[int, dict[tuple[int, int], Crossing]] = {}
    for index, arrow in enumerate(plan.panah):
        for a, b in arrow.segments:
            if a.gx != b.gx:
                continue
            low, high = sorted((a.gy, b.gy))
            # the rows whose lower boundary (row * CELL + HALF) lies strictly inside the run
            for row in range((low - HALF) // CELL + 1, -((HALF - high) // CELL)):
                found.setdefault(row, {}).setdefault((a.col, a.dx), Crossing(a.col, a.dx, index))
    return {row: sorted(seen.values(), key=lambda c: (c.kolom, c.dx)) for row, seen in found.items()}


__all__ = [
    "CELL",
    "HALF",
    "LANES",
    "Crossing",
    "Layout",
    "Panah",
    "Point",
    "Port",
    "Route",
    "Sambungan",
    "Simpul",
    "chain",
    "connections",
    "crossings",
    "layout",
    "port_point",
    "slot_x",
    "slot_y",
]
