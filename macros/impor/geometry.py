"""Vector shapes of a PDF page as the importer sees them: segments, symbols, arrowheads.

pdfplumber gives lines, rectangles and curves as drawn; generators draw the same
flowchart in many ways (stroked lines, thin filled rectangles, filled outlines of
strokes, double contours, shapes drawn twice). This module reduces them to three
things: line segments (grid and arrows), closed symbols classified by their outline
(box, diamond, capsule, pentagon) and small arrowheads. Lines stroked in white are
not ink (the portal's print paints the gap of a hop white), and a hop (a small arc a
line makes over another line it crosses) is the line running on straight: its chord,
so two lines that cross never join. Coordinates are PDF points from the top-left
corner (pdfplumber's `top`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Point = tuple[float, float]
Shape = Literal["kotak", "ketupat", "kapsul", "segilima"]

THIN = 2.6  # a filled shape thinner than this is a line
HEAD = 11.0  # closed shapes smaller than this (both sides) are arrowheads
MIN_SYMBOL = 6.0
HOP = 11.0  # a hop's chord is at most this long (an arrowhead's size)


@dataclass(frozen=True)
class Segment:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= 1.5 and abs(self.y1 - self.y0) > 1.5

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= 1.5 and abs(self.x1 - self.x0) > 1.5

    @property
    def length(self) -> float:
        return math.hypot(self.x1 - self.x0, self.y1 - self.y0)

    @property
    def ends(self) -> tuple[Point, Point]:
        return (self.x0, self.y0), (self.x1, self.y1)

    def distance(self, p: Point) -> float:
        (ax, ay), (bx, by) = self.ends
        dx, dy = bx - ax, by - ay
        if dx == dy == 0:
            return math.hypot(p[0] - ax, p[1] - ay)
        t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def box_distance(seg: Segment, box: Box) -> float:
    """Distance from a segment to a rectangle (0 when they cross)."""
    xs = (box.x0, box.cx, box.x1)
    ys = (box.top, box.cy, box.bottom)
    inside = [p for p in seg.ends if box.contains(p)]
    if inside:
        return 0.0
    near = min(seg.distance((x, y)) for x in xs for y in ys)
    # the segment's ends against the box
    for px, py in seg.ends:
        dx = max(box.x0 - px, 0.0, px - box.x1)
        dy = max(box.top - py, 0.0, py - box.bottom)
        near = min(near, math.hypot(dx, dy))
    return near


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def grow(self, d: float) -> Box:
        return Box(self.x0 - d, self.top - d, self.x1 + d, self.bottom + d)

    def contains(self, p: Point) -> bool:
        return self.x0 <= p[0] <= self.x1 and self.top <= p[1] <= self.bottom

    def overlaps(self, other: Box) -> bool:
        return not (
            other.x0 > self.x1 or other.x1 < self.x0 or other.top > self.bottom or other.bottom < self.top
        )


@dataclass(frozen=True)
class Symbol:
    shape: Shape
    box: Box


@dataclass
class Drawing:
    """What one page draws."""

    segments: list[Segment]
    symbols: list[Symbol]
    heads: list[Box]  # arrowheads
    fills: list[Box]  # filled or stroked rectangles larger than a line (cells, shading, boxes)
    dots: list[Box] = field(default_factory=list)  # list bullets drawn as tiny discs


def _subpaths(obj: dict[str, Any]) -> list[list[Point]]:
    """On-curve points of each subpath (Bezier curves add their midpoint)."""
    path = obj.get("path") or []
    out: list[list[Point]] = []
    current: list[Point] = []
    for op in path:
        kind = op[0]
        if kind == "m":
            if len(current) > 1:
                out.append(current)
            current = [op[1]]
        elif kind == "l":
            current.append(op[1])
        elif kind == "c" and current:
            p0, (c1, c2, p3) = current[-1], op[1:4]
            mid = tuple(
                0.125 * a + 0.375 * b + 0.375 * c + 0.125 * d
                for a, b, c, d in zip(p0, c1, c2, p3, strict=True)
            )
            current += [(mid[0], mid[1]), p3]
        elif kind == "h" and current:
            current.append(current[0])
    if len(current) > 1:
        out.append(current)
    if not out and obj.get("pts"):
        out.append([(float(x), float(y)) for x, y in obj["pts"]])
    return out


def _box_of(points: Sequence[Point]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _vertices(norm: Sequence[Point]) -> list[Point]:
    """Distinct points of an outline (normalised), in order."""
    out: list[Point] = []
    for p in norm:
        if not out or math.dist(p, out[-1]) > 0.08:
            out.append(p)
    if len(out) > 1 and math.dist(out[0], out[-1]) <= 0.08:
        out.pop()
    return out


def classify(points: Sequence[Point]) -> Shape | None:
    """The flowchart symbol an outline draws, from where its points lie in its box."""
    box = _box_of(points)
    if box.width < MIN_SYMBOL or box.height < MIN_SYMBOL:
        return None
    hw, hh = box.width / 2, box.height / 2
    norm = [((x - box.cx) / hw, (y - box.cy) / hh) for x, y in points]
    corners = sum(1 for u, v in norm if abs(u) > 0.9 and abs(v) > 0.9)
    vertices = _vertices(norm)
    if len(vertices) == 5:
        # The off-page connector ("home plate"): two corners on one side, a tip opposite.
        corner = [(u, v) for u, v in vertices if abs(u) > 0.9 and abs(v) > 0.9]
        tips = [
            (u, v) for u, v in vertices if (abs(u) < 0.1 and abs(v) > 0.9) or (abs(v) < 0.1 and abs(u) > 0.9)
        ]
        if len(corner) == 2 and len(tips) == 1:
            return "segilima"
    diagonal = sum(1 for u, v in norm if abs(abs(u) + abs(v) - 1) < 0.12)
    flat = sum(1 for u, v in norm if abs(v) > 0.95 and 0.25 < abs(u) < 0.85)
    n = len(norm)
    sides = {(round(u), round(v)) for u, v in norm if abs(u) > 0.9 or abs(v) > 0.9}
    # Square corners (a box, a document's flat top) or straight upright sides (a box with
    # rounded corners) make a process box; a capsule's ends are round from top to bottom.
    upright = sum(1 for u, v in norm if abs(u) > 0.995 and abs(v) > 0.35)
    if corners >= 2 or upright >= 2:
        return "kotak"
    if diagonal >= 0.8 * n and flat == 0:
        return "ketupat"
    if flat >= 1 and sides:
        return "kapsul"
    if diagonal >= 0.6 * n:
        return "ketupat"
    return "kapsul" if n >= 8 else None


def _round(points: Sequence[Point]) -> bool:
    """A tiny disc (a list bullet), not a tiny triangle or square (an arrowhead):
    Bezier arcs give a disc many distinct outline points."""
    box = _box_of(points)
    if box.width <= 0 or box.height <= 0:
        return False
    norm = [((x - box.cx) / (box.width / 2), (y - box.cy) / (box.height / 2)) for x, y in points]
    return len(_vertices(norm)) >= 6


def _area(points: Sequence[Point]) -> float:
    """Shoelace area: the outline of a stroked line encloses almost nothing."""
    total = 0.0
    for (ax, ay), (bx, by) in zip(points, [*points[1:], points[0]], strict=True):
        total += ax * by - bx * ay
    return abs(total) / 2


def _as_segments(points: Sequence[Point]) -> list[Segment]:
    return [Segment(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(points) if a != b]


def _thin_segment(box: Box) -> Segment:
    if box.width >= box.height:
        return Segment(box.x0, box.cy, box.x1, box.cy)
    return Segment(box.cx, box.top, box.cx, box.bottom)


def _white(color: object) -> bool:
    """A colour that paints the paper's white: grey 1, RGB 1 1 1 or CMYK 0 0 0 0 (a
    grey may come as a bare number)."""
    if isinstance(color, (int, float)) and not isinstance(color, bool):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if not all(isinstance(v, (int, float)) for v in color):
        return False  # a pattern
    if len(color) == 4:
        return all(v <= 0.02 for v in color)
    return all(v >= 0.98 for v in color)


def _visible(obj: dict[str, Any]) -> bool:
    """Whether a drawn object shows on the page: a stroke or a fill that is not white
    (a white stroke is the gap of a hop or an eraser; white on white, a text box's
    background)."""
    stroke = obj.get("stroke", obj.get("object_type") == "line") and not _white(obj.get("stroking_color"))
    fill = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroke or fill)


def _hop_chord(points: Sequence[Point]) -> Segment | None:
    """The chord of a hop: an open path (an arc, or a square step) leaving a straight
    line and coming back to it, small, bulging to one side by a quarter to three
    quarters of its chord; None for anything else."""
    (ax, ay), (bx, by) = points[0], points[-1]
    chord = math.dist(points[0], points[-1])
    if len(points) < 3 or not 2.0 <= chord <= HOP:
        return None
    box = _box_of(points)
    if abs(ay - by) <= 0.5:
        along, bulge = box.width, box.height
    elif abs(ax - bx) <= 0.5:
        along, bulge = box.height, box.width
    else:
        return None
    if along > chord + 0.5 or not 0.25 * chord <= bulge <= 0.75 * chord:
        return None
    return Segment(ax, ay, bx, by)


def _on_a_line(chord: Segment, segments: Sequence[Segment]) -> bool:
    """Whether both ends of a hop's chord lie on lines running the chord's way (the line
    that hops: drawn on under the arc, or stopping where the arc starts and ends)."""
    same = [s for s in segments if s.horizontal == chord.horizontal and s.vertical == chord.vertical]
    return all(any(s.distance(p) <= 1.0 for s in same) for p in chord.ends)


def read_drawing(objects: Iterable[dict[str, Any]]) -> Drawing:
    """Segments, symbols and arrowheads of a page's lines, rects and curves."""
    segments: list[Segment] = []
    symbols: list[Symbol] = []
    heads: list[Box] = []
    fills: list[Box] = []
    dots: list[Box] = []
    hops: list[tuple[Segment, list[Segment]]] = []  # a hop's chord, and its path's pieces
    for obj in objects:
        kind = obj.get("object_type")
        if not _visible(obj):
            # White on white (a text box's background): no symbol, line or arrowhead;
            # a filled rectangle may still be a cell of the grid.
            if kind == "rect" and obj.get("fill"):
                fills.append(Box(obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
            continue
        if kind == "line":
            pts = obj.get("pts") or []
            segments += _as_segments([(float(x), float(y)) for x, y in pts])
            continue
        for points in _subpaths(obj):
            box = _box_of(points)
            tiny = 1.2 <= box.width <= 4 and abs(box.width - box.height) < 0.6
            if kind == "curve" and tiny and _round(points):
                dots.append(box)
                continue
            if box.width <= THIN or box.height <= THIN:
                if box.width > 1 or box.height > 1:
                    segments.append(_thin_segment(box))
                continue
            closed = kind == "rect" or math.dist(points[0], points[-1]) < 1.5
            if box.width < HEAD and box.height < HEAD:
                if closed:
                    heads.append(box)
                elif kind == "curve" and (chord := _hop_chord(points)) is not None:
                    hops.append((chord, _as_segments(points)))
                else:
                    segments += _as_segments(points)
                continue
            if kind == "rect":
                fills.append(box)
                symbols.append(Symbol("kotak", box))
                continue
            solid = closed and _area(points) > 0.3 * box.width * box.height
            shape = classify(points) if solid else None
            if shape is None:
                segments += _as_segments(points)
                symbols += _diamond_loops(points)
            else:
                symbols.append(Symbol(shape, box))
                if shape == "kotak":
                    fills.append(box)  # a cell drawn as a path is grid too
    for chord, pieces in hops:
        segments += [chord] if _on_a_line(chord, segments) else pieces
    segments, drawn = _diamond_lines(segments)
    return Drawing(segments, _dedupe(symbols + drawn), heads, fills, dots)


def _symbol_sized(box: Box) -> bool:
    return min(box.width, box.height) >= MIN_SYMBOL and max(box.width, box.height) >= HEAD


def _diamond_loops(points: Sequence[Point]) -> list[Symbol]:
    """Diamonds inside one outline that is no symbol itself: where the outline comes
    back to a point it passed, the part between is a closed loop (a diamond and the
    arrows leaving it drawn as one filled outline of their strokes: the diamond's
    inner contour is such a loop)."""
    found: list[Symbol] = []
    seen: dict[tuple[int, int], int] = {}
    for j, (x, y) in enumerate(points):
        key = (round(x * 2), round(y * 2))  # the same point within a quarter point
        i = seen.get(key)
        seen[key] = j
        if i is None or j - i < 4:
            continue
        loop = points[i : j + 1]
        box = _box_of(loop)
        solid = _area(loop) > 0.3 * box.width * box.height
        if _symbol_sized(box) and solid and classify(loop) == "ketupat":
            found.append(Symbol("ketupat", box))
    return found


def _diamond_lines(segments: list[Segment]) -> tuple[list[Segment], list[Symbol]]:
    """Diamonds drawn as separate slanting lines (four strokes, or two open halves):
    slanting lines joined end to end into a closed figure that classifies as a
    diamond are that symbol, not lines of an arrow."""
    slanting = [k for k, s in enumerate(segments) if not s.horizontal and not s.vertical and s.length >= 4]
    parent = {k: k for k in slanting}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    cells: dict[tuple[int, int], list[tuple[int, Point]]] = {}  # ends on a 2 pt grid
    for k in slanting:
        for p in segments[k].ends:
            cells.setdefault((int(p[0] // 2), int(p[1] // 2)), []).append((k, p))
    for (cx, cy), here in cells.items():
        near = [e for dx in (-1, 0, 1) for dy in (-1, 0, 1) for e in cells.get((cx + dx, cy + dy), [])]
        for a, p in here:
            for b, q in near:
                if a != b and math.dist(p, q) <= 1.5:
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for k in slanting:
        groups.setdefault(find(k), []).append(k)
    used: set[int] = set()
    symbols: list[Symbol] = []
    for group in groups.values():
        if not 4 <= len(group) <= 24:  # a diamond has four sides, two contours at most
            continue
        ends = [p for k in group for p in segments[k].ends]
        closed = all(sum(1 for q in ends if math.dist(p, q) <= 1.5) >= 2 for p in ends)
        box = _box_of(ends)
        if closed and _symbol_sized(box) and classify(ends) == "ketupat":
            symbols.append(Symbol("ketupat", box))
            used.update(group)
    return [s for k, s in enumerate(segments) if k not in used], symbols


def _dedupe(symbols: list[Symbol]) -> list[Symbol]:
    """One symbol per place: drawn twice, double contours, outline + fill."""
    kept: list[Symbol] = []
    for sym in sorted(symbols, key=lambda s: -(s.box.width * s.box.height)):
        for i, other in enumerate(kept):
            near = abs(sym.box.cx - other.box.cx) < 4 and abs(sym.box.cy - other.box.cy) < 4
            if near and sym.box.width > 0.6 * other.box.width and sym.box.height > 0.6 * other.box.height:
                if other.shape == "kotak" and sym.shape != "kotak":
                    kept[i] = Symbol(sym.shape, sym.box)  # a curve inside a frame names it
                break
        else:
            kept.append(sym)
    return kept


def cluster(values: Iterable[float], tol: float) -> list[float]:
    """Sorted values, those closer than tol merged into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def clip(seg: Segment, boxes: Sequence[Box]) -> list[Segment]:
    """The parts of a segment outside every box (lines hidden behind a filled symbol)."""
    parts = [(0.0, 1.0)]
    dx, dy = seg.x1 - seg.x0, seg.y1 - seg.y0
    for box in boxes:
        t0, t1 = 0.0, 1.0
        for p, q in (
            (-dx, seg.x0 - box.x0),
            (dx, box.x1 - seg.x0),
            (-dy, seg.y0 - box.top),
            (dy, box.bottom - seg.y0),
        ):
            if p == 0:
                if q < 0:
                    t0, t1 = 1.0, 0.0
                continue
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
        if t0 >= t1:
            continue
        parts = [
            piece
            for a, b in parts
            for piece in ((a, min(b, t0)), (max(a, t1), b))
            if piece[1] - piece[0] > 1e-6
        ]
    out = []
    for a, b in parts:
        piece = Segment(seg.x0 + a * dx, seg.y0 + a * dy, seg.x0 + b * dx, seg.y0 + b * dy)
        if piece.length > 0.8:
            out.append(piece)
    return out
