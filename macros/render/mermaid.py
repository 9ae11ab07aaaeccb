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

So the portal writes `swimlane-beta TB` (`KIND`, `DIRECTION`), drawn at its natural
size (12 px text, labels wrapped at 130 px) in a frame that scrolls sideways, since
scaling six lanes down to the column's width makes the text unreadable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Literal

from markupsafe import Markup, escape

from ..flowchart import Simpul, connections
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


def write_mermaid(
    roles: Sequence[str],
    steps: Sequence[Langkah],
    kind: Kind = KIND,
    direction: Direction = DIRECTION,
    subproses: Mapping[str, str] | None = None,
) -> str:
    """The Mermaid source of an SOP's swimlane diagram. A process step carried out
    through another SOP (`sop:`) is a sub-process: Mermaid's subroutine shape, named
    with that SOP's name from `subproses` (id -> nama)."""
    nodes, links = connections(roles, steps)
    multi = {n.langkah for n in nodes if len(steps[n.langkah - 1].pelaksana) > 1}
    ids = {n.key: node_id(n, n.langkah in multi) for n in nodes}
    # A decision back to itself goes out to a small circle and back: swimlane-beta in
    # Mermaid 12.3.0 fails on an edge from a node to itself ("reading 'filter'").
    repeats = {link.source for link in links if link.source == link.target}
    out = [f"{kind} {direction}"]
    for column, role in enumerate(roles):
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
    for link in links:
        source, target = ids[link.source], ids[link.target]
        arrow = f" -->|{quoted(link.label)}| " if link.label is not None else " --> "
        if link.source == link.target:
            out.append(f"  {source}{arrow}{source}_ulang")
            out.append(f"  {source}_ulang --> {target}")
        else:
            out.append(f"  {source}{arrow}{target}")
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


__all__ = ["DIRECTION", "KIND", "escape_text", "node_id", "quoted", "render_bagan", "write_mermaid"]
