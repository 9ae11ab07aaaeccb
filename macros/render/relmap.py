"""The relation map of a unit page: how the unit's SOPs connect, drawn at build time.

Two views of the same edges (`relations.unit_map`), no JavaScript:

- an arc diagram (inline SVG): one row per connected SOP, full names on the left,
  each relation an arc on the right from the referring SOP to the referred one,
  coloured by its kind. Rows follow the graph (each connected group together, in
  breadth-first order), so most arcs are short. Drawn only up to `MAX_NODES` rows:
  beyond that a diagram stops being readable and the table below says it all.
- a table of the relations (the accessible text view, and the only view when the
  diagram is not drawn), then the unit's SOPs without any relation.

The SVG is decorative for assistive technology (`aria-hidden`); the table carries the
same content.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from ..index import JENIS_LABEL, Portal, Unit, sop_url
from ..loader import SopRecord
from ..relations import Edge, UnitMap, unit_map
from . import render_template

MAX_NODES = 60
ROW = 28  # px between rows
TOP = 18
CHAR = 7.4  # average width of a character at the diagram's 14px (for the label column)
ARC_ROOM = 260  # how far right an arc may reach
MAX_LABEL = 58  # characters of a name in the diagram (the table shows it whole)

# The kind of a relation as read from the referring SOP, and its meaning.
# The labels are the SOP pages' (index.JENIS_LABEL): one wording per kind everywhere.
EDGE_KINDS: dict[str, tuple[str, str, str]] = {
    # jenis: (label, meaning, colour)
    "terkait": (JENIS_LABEL["terkait"], "saling berhubungan", "#6b7280"),
    "prasyarat": (JENIS_LABEL["prasyarat"], "SOP yang dirujuk dijalankan lebih dulu", "#2563eb"),
    "lanjutan": (JENIS_LABEL["lanjutan"], "SOP yang dirujuk menyusul SOP ini", "#0d9488"),
    "bagian-dari": (JENIS_LABEL["bagian-dari"], "SOP ini bagian dari SOP yang dirujuk", "#9333ea"),
    "langkah": (
        JENIS_LABEL["langkah-melalui"],
        f"sebuah langkah dijalankan melalui SOP yang dirujuk (di halaman SOP itu: {JENIS_LABEL['langkah']})",
        "#d97706",
    ),
    "diganti-oleh": (JENIS_LABEL["diganti-oleh"], "SOP yang dicabut dan penggantinya", "#dc2626"),
}


@dataclass(frozen=True)
class Node:
    record: SopRecord
    y: int
    own: bool  # one of the unit's SOPs (else another unit's)
    label: str  # the name, shortened for the diagram

    @property
    def url(self) -> str:
        return sop_url(self.record.id)

    @property
    def title(self) -> str:
        """The whole name (and the unit of another unit's SOP), on one line."""
        sop = self.record.sop
        return _one_line(sop.nama if self.own else f"{sop.nama} ({sop.unit})")


@dataclass(frozen=True)
class Arc:
    edge: Edge
    d: str  # SVG path
    colour: str
    dashed: bool
    title: str  # plain text, escaped by the template


@dataclass(frozen=True)
class Row:
    """One relation in the table."""

    source: SopRecord
    target: SopRecord
    jenis: str
    source_own: bool
    target_own: bool

    @property
    def label(self) -> str:
        return EDGE_KINDS[self.jenis][0]


@dataclass
class RelMap:
    map: UnitMap
    nodes: list[Node]
    arcs: list[Arc]
    rows: list[Row]
    drawn: bool  # False: too many SOPs for a readable diagram (or none connected)
    width: int
    height: int
    label_end: int  # labels end here (text-anchor: end); the dots sit just right of it

    @property
    def node_x(self) -> int:
        return self.label_end + 12

    @property
    def isolated(self) -> list[SopRecord]:
        return self.map.isolated()

    @property
    def kinds(self) -> list[tuple[str, str, str, str]]:
        """(jenis, label, meaning, colour) of the kinds present, in a fixed order."""
        present = {e.jenis for e in self.map.edges}
        return [(k, *v) for k, v in EDGE_KINDS.items() if k in present]


def _order(own: list[SopRecord], umap: UnitMap) -> list[str]:
    """Rows: each connected group together, breadth-first from its first own SOP."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in umap.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    names = {r.id: r.sop.nama.lower() for r in [*own, *umap.others]}
    mine = {r.id for r in own}
    seen: set[str] = set()
    order: list[str] = []
    for start in [r.id for r in own if r.id in neighbours]:
        if start in seen:
            continue
        queue = deque([start])
        seen.add(start)
        while queue:
            current = queue.popleft()
            order.append(current)
            for nxt in sorted(neighbours[current] - seen, key=lambda i: (i not in mine, names[i], i)):
                seen.add(nxt)
                queue.append(nxt)
    return order


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str) -> str:
    text = _one_line(text)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def layout(own: list[SopRecord], umap: UnitMap) -> tuple[list[Node], list[Arc], int]:
    """Rows, arcs, and where the label column ends."""
    by_id = {r.id: r for r in [*own, *umap.others]}
    mine = {r.id for r in own}
    nodes = [
        Node(by_id[i], TOP + n * ROW, i in mine, _shorten(by_id[i].sop.nama))
        for n, i in enumerate(_order(own, umap))
    ]
    label_end = int(8 + CHAR * max((len(n.label) for n in nodes), default=10))
    x = label_end + 12 + 6  # just right of the dots
    ys = {node.record.id: node.y for node in nodes}
    arcs: list[Arc] = []
    parallel: dict[frozenset[str], int] = defaultdict(int)
    drawn_terkait: set[frozenset[str]] = set()
    for edge in umap.edges:
        pair = frozenset((edge.source, edge.target))
        if edge.jenis == "terkait":  # symmetric: one line, without arrowhead, per pair
            if pair in drawn_terkait:
                continue
            drawn_terkait.add(pair)
        y1, y2 = ys[edge.source], ys[edge.target]
        extra = 12 * parallel[pair]
        parallel[pair] += 1
        ry = abs(y2 - y1) / 2
        rx = min(ARC_ROOM - 24, 14 + ry * 0.8 + extra)
        sweep = 1 if y2 > y1 else 0  # always bulge to the right
        d = f"M{x},{y1} A{rx:.1f},{ry:.1f} 0 0 {sweep} {x},{y2}"
        label, _meaning, colour = EDGE_KINDS[edge.jenis]
        source, target = by_id[edge.source].sop.nama, by_id[edge.target].sop.nama
        title = _one_line(f"{source} — {label} → {target}")
        arcs.append(Arc(edge, d, colour, edge.jenis == "diganti-oleh", title))
    return nodes, arcs, label_end


def build_relmap(portal: Portal, unit: Unit) -> RelMap:
    umap = unit_map(unit.records, portal.records)
    mine = {r.id for r in unit.records}
    rows = [
        Row(portal.get(e.source), portal.get(e.target), e.jenis, e.source in mine, e.target in mine)
        for e in umap.edges
    ]
    connected = len(umap.connected)
    drawn = 0 < connected <= MAX_NODES
    nodes, arcs, label_end = layout(unit.records, umap) if drawn else ([], [], 0)
    height = TOP * 2 + max(len(nodes) - 1, 0) * ROW
    return RelMap(umap, nodes, arcs, rows, drawn, label_end + 12 + ARC_ROOM, height, label_end)


def render_relmap(portal: Portal, unit: Unit, root: str) -> str:
    return render_template(
        "unit_relasi.html",
        relmap=build_relmap(portal, unit),
        root=root,
        unit=unit,
    )


__all__ = ["EDGE_KINDS", "MAX_NODES", "RelMap", "build_relmap", "layout", "render_relmap"]
