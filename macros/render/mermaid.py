"""The swimlane diagram as Mermaid source: one lane per pelaksana, one node per step and role.

The text is generated from the same logical flow as the official table
(`flowchart.connections`): a step is a node in the lane of each of its roles; the
roles of one step are joined by arrows in the same order as in the table; every
flow arrow leaves the step's last node and enters its first; decision branches carry
their labels. Shapes follow the official symbols: stadium for mulai/selesai, rectangle
for proses, rhombus for keputusan.

Safety: SOP text is data. Node ids are generated (`n7`, `n8_2` for step 8 in the
second pelaksana column, lanes `lane1`...), never taken from text. Every label is a
quoted Mermaid string in which every character other than letters, digits, marks,
spaces and a few harmless punctuation marks is written as a Mermaid entity code
(`#35;` for `#`, `#34;` for `"`). Mermaid turns those into HTML character references
only after parsing, so no text can end a string, start a directive (`%%{init}%%`),
add a statement (`end`, `click`, `-->`, `;`), a comment, HTML or a Markdown/KaTeX
label. Line breaks become `<br>` (the only markup written). Long labels wrap in the
browser (`wrappingWidth` in `docs/assets/sop-bagan.js`).

Which layout reads best: compared in Chromium with the pinned Mermaid 12.3.0, on a
17-step, 6-lane procedure with four rework loops, a second start and two steps with
two roles (the `BIG` flow of tests/test_mermaid.py), and on the samples:

- `flowchart TB|LR` with one `subgraph` per lane: dagre places each subgraph where
  its edges pull it, as a box around its nodes, not as a band. With TB the six lanes
  were stacked vertically (the diagram became a 2800 px tall column of boxes); with
  LR they were scattered and out of the declared order (the last lane first). It
  does not read as a swimlane at all.
- `swimlane-beta` (new in Mermaid 11.16; same syntax, each top-level subgraph a lane):
  full-length lanes in the declared order, nodes kept in rank order, orthogonal edges
  with labels. `TB` gives columns headed by the role names, left to right in the
  table's order, with the flow running down: the official table's picture, which
  staff know, and lane titles stay horizontal. `LR` puts the 17 steps along a very
  wide strip with the lane titles turned sideways. Its one weakness: a long loop
  back is sometimes routed around the whole diagram.

So the portal writes `swimlane-beta TB` (`KIND`, `DIRECTION`), with an acyclic graph
and invisible links that keep the steps in order (`write_mermaid`), and the lanes
ordered by the first step each role acts in (`lane_order`): in the table's order a flow
that starts with the last column (Staf) ran right to left. The browser
(`docs/assets/sop-bagan.js`) fits the drawing to its frame and lets the reader zoom,
move and open it full screen, with the lane names in a row that stays above it.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Literal

from markupsafe import Markup, escape

from ..flowchart import Sambungan, Simpul, connections
from ..loader import SopRecord
from ..model import Langkah
from . import render_template

Kind = Literal["swimlane-beta", "flowchart"]
Direction = Literal["LR", "TB"]
KIND: Kind = "swimlane-beta"
DIRECTION: Direction = "TB"

# Kept as written inside a quoted label; everything else becomes an entity code.
_PLAIN_PUNCTUATION = frozenset(" .,-()/'!?+_")
_SHAPES = {
    "mulai": ('(["', '"])'),
    "selesai": ('(["', '"])'),
    "proses": ('["', '"]'),
    "keputusan": ('{"', '"}'),
    "subproses": ('[["', '"]]'),
}


def _plain(char: str) -> bool:
    if char in _PLAIN_PUNCTUATION:
        return True
    category = unicodedata.category(char)
    return category[0] in "LNM" and char.isprintable()


def escape_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: entity codes for anything special.

    Every line break (any of str.splitlines') becomes `<br>`.
    """
    lines = text.splitlines() or [""]
    return "<br>".join("".join(c if _plain(c) else f"#{ord(c)};" for c in line) for line in lines)


def quoted(text: str) -> str:
    return '"' + escape_text(text) + '"'


def node_id(node: Simpul, multi: bool) -> str:
    """`n7` for a step with one role; `n8_2` for step 8 in the 2nd pelaksana column."""
    return f"n{node.langkah}_{node.kolom + 1}" if multi else f"n{node.langkah}"


def step_label(number: int, step: Langkah, subproses: Mapping[str, str] | None = None) -> str:
    """The node's text; a step carried out through another SOP names it on a second line."""
    label = f"{number}. {step.kegiatan}"
    if step.sop:
        label += f"\n(melalui SOP {(subproses or {}).get(step.sop, step.sop)})"
    return label


def _reading_order(nodes: Sequence[Simpul], links: Sequence[Sambungan]) -> dict[tuple[int, int], int]:
    """Each node's place in reading order: by step, and within a step in the order its
    roles are joined (the table's chain)."""
    keys = [n.key for n in nodes]
    for link in links:
        if link.across:  # keep the chain's order within the step
            keys.remove(link.target)
            keys.insert(keys.index(link.source) + 1, link.target)
    ordered = sorted(keys, key=lambda key: key[0])  # stable: the chain order stays
    return {key: place for place, key in enumerate(ordered)}


def lane_order(roles: Sequence[str], steps: Sequence[Langkah]) -> list[int]:
    """The lanes left to right (role indexes): by the first step each role acts in, so
    the flow starts at the left and moves right; roles without a step come last, in
    their written order. (The official table keeps the written order.)"""
    first: dict[int, int] = {}
    for number, step in enumerate(steps, start=1):
        for role in step.pelaksana:
            if role in roles:
                first.setdefault(roles.index(role), number)
    return sorted(range(len(roles)), key=lambda column: (first.get(column, len(steps) + 1), column))


def back_edge_id(source: str, target: str) -> str:
    """The edge id of an arrow back to an earlier step: `n4_ke_n2`. assets/sop-bagan.js
    draws its arrowhead at the earlier step only (see `write_mermaid`)."""
    return f"{source}_ke_{target}"


def write_mermaid(
    roles: Sequence[str],
    steps: Sequence[Langkah],
    kind: Kind = KIND,
    direction: Direction = DIRECTION,
    subproses: Mapping[str, str] | None = None,
) -> str:
    """The Mermaid source of an SOP's swimlane diagram. A process step carried out
    through another SOP (`sop:`) is a sub-process: Mermaid's subroutine shape, named
    with that SOP's name from `subproses` (id -> nama).

    Steps run top to bottom in step order. swimlane-beta ranks the nodes along the
    edges after breaking every cycle with a depth-first search that visits successors
    in the string order of their ids ("n12" before "n9"), so left to itself it may
    break a loop at a forward arrow and draw a later step above an earlier one (steps
    48, 49 and 60 beside step 1 of a 60-step SOP). So the graph it gets has no cycle:
    an arrow back to an earlier step (a rework loop) is written from the earlier step
    to the later one with arrowheads at both ends and an edge id (`back_edge_id`), and
    assets/sop-bagan.js removes the head at the later end; and an invisible link
    (`~~~`) joins each step to the next where no arrow does, so no step ranks above
    the one before it (a second start follows the steps before it). Mermaid ranks a
    hand-over to another lane level with its source: a step may stand beside the one
    before it, never above it.
    """
    nodes, links = connections(roles, steps)
    multi = {n.langkah for n in nodes if len(steps[n.langkah - 1].pelaksana) > 1}
    ids = {n.key: node_id(n, n.langkah in multi) for n in nodes}
    place = _reading_order(nodes, links)
    # A decision back to itself goes out to a small circle and back: swimlane-beta in
    # Mermaid 12.3.0 fails on an edge from a node to itself ("reading 'filter'").
    repeats = {link.source for link in links if link.source == link.target}
    out = [f"{kind} {direction}"]
    for column in lane_order(roles, steps):
        role = roles[column]
        out.append(f"  subgraph lane{column + 1}[{quoted(role)}]")
        lane_nodes = [n for n in nodes if n.kolom == column]
        for node in lane_nodes:
            step = steps[node.langkah - 1]
            opening, closing = _SHAPES["subproses" if node.simbol == "proses" and step.sop else node.simbol]
            label = escape_text(step_label(node.langkah, step, subproses))
            out.append(f"    {ids[node.key]}{opening}{label}{closing}")
            if node.key in repeats:
                out.append(f"    {ids[node.key]}_ulang@{{ shape: sm-circ }}")
        if not lane_nodes:  # an unused role still gets its lane
            out.append(f'    lane{column + 1}_kosong["{escape_text("(tidak ada langkah)")}"]')
        out.append("  end")
    forward: set[tuple[str, str]] = set()
    for link in links:
        source, target = ids[link.source], ids[link.target]
        label = f"|{quoted(link.label)}|" if link.label is not None else ""
        if link.source == link.target:
            out.append(f"  {source} -->{label} {source}_ulang")
            out.append(f"  {source} {back_edge_id(source + '_ulang', source)}@<--> {source}_ulang")
        elif place[link.target] < place[link.source]:
            out.append(f"  {target} {back_edge_id(source, target)}@<-->{label} {source}")
        else:
            out.append(f"  {source} -->{label} {target}")
            forward.add((source, target))
    firsts: dict[int, str] = {}
    lasts: dict[int, str] = {}
    for key in sorted(place, key=place.__getitem__):
        firsts.setdefault(key[0], ids[key])
        lasts[key[0]] = ids[key]
    numbers = sorted(firsts)
    pins = [(lasts[a], firsts[b]) for a, b in itertools.pairwise(numbers)]
    out += [f"  {a} ~~~ {b}" for a, b in pins if (a, b) not in forward]
    for simbol in ("mulai", "selesai", "keputusan"):
        members = [ids[n.key] for n in nodes if n.simbol == simbol]
        if members:
            out.append(f"  class {','.join(members)} sop-{simbol}")
    return "\n".join(out) + "\n"


def render_bagan(record: SopRecord, root: str, subproses: Mapping[str, str] | None = None) -> str:
    """The diagram's HTML: the Mermaid source in a <pre>, drawn by `assets/sop-bagan.js`.
    `subproses`: the names of the SOPs the steps are carried out through (id -> nama)."""
    sop = record.sop
    source = str(escape(write_mermaid(sop.pelaksana, sop.langkah, subproses=subproses)))
    # braces as character references too, like every other text of the page (render.text_html)
    source = source.replace("{", "&#123;").replace("}", "&#125;")
    return render_template("sop_bagan.html", record=record, source=Markup(source), root=root)


__all__ = [
    "DIRECTION",
    "KIND",
    "back_edge_id",
    "escape_text",
    "lane_order",
    "node_id",
    "quoted",
    "render_bagan",
    "write_mermaid",
]
