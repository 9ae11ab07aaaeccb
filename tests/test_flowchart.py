"""The official flowchart layout (macros/flowchart.py) and its drawing in the table
(macros/render/flowchart_svg.py): rows, columns, symbols and arrows per step, routes
that never cross a symbol nor run along another arrow, and page-break connectors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from helpers import FIXTURES, PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mermaid import BIG, ROLES

from macros import flow
from macros.flowchart import Layout, Panah, Point, chain, crossings, layout, port_point
from macros.index import Portal, load_portal
from macros.model import Langkah
from macros.render.flowchart_svg import HEAD, HH, HW, Cell, Label, Local, draw, label_width, px_x, px_y
from macros.render.sop import render_prosedur


def make(*specs: dict[str, Any]) -> tuple[Langkah, ...]:
    return tuple(
        Langkah.model_validate({"kegiatan": f"langkah {n}", "pelaksana": "Staf", **spec})
        for n, spec in enumerate(specs, start=1)
    )


@pytest.fixture(scope="module")
def samples() -> Portal:
    return load_portal(PROJECT)


@pytest.fixture(scope="module")
def good_flow() -> Portal:
    return load_portal(FIXTURES / "good-flow")


def rule(steps: tuple[Langkah, ...], number: int) -> str:
    """The symbol rule, written out independently of flow.symbol."""
    step = steps[number - 1]
    if step.keputusan:
        return "keputusan"
    if number == 1 or step.mulai:
        return "mulai"
    if number == len(steps) or step.selesai:
        return "selesai"
    return "proses"


def arrows(plan: Layout) -> list[tuple[int, int, int, int, str | None, str]]:
    return [(a.source, a.source_kolom, a.target, a.target_kolom, a.label, a.route) for a in plan.panah]


# ---------------------------------------------------------------- rows, columns, symbols


def test_every_step_is_a_row_with_a_symbol_in_each_of_its_columns(samples: Portal, good_flow: Portal) -> None:
    for record in [*samples.records, *good_flow.records]:
        sop = record.sop
        plan = layout(sop.pelaksana, sop.langkah)
        assert plan.rows == len(sop.langkah)
        for number, step in enumerate(sop.langkah, start=1):
            nodes = plan.nodes_of(number)
            assert sorted(n.kolom for n in nodes) == sorted(sop.pelaksana.index(r) for r in step.pelaksana)
            assert {n.pelaksana for n in nodes} == set(step.pelaksana)
            assert {n.simbol for n in nodes} == {rule(sop.langkah, number)}, (record.id, number)


def test_symbol_rule_order() -> None:
    steps = make(
        {"mulai": True, "keputusan": {"Ya": 2, "Tidak": 3}},  # decision wins over start
        {"selesai": True},
        {"mulai": True, "selesai": True},  # start wins over end
        {},  # the last step ends
    )
    plan = layout(["Staf"], steps)
    assert [n.simbol for n in plan.simpul] == ["keputusan", "selesai", "mulai", "selesai"]


def test_several_roles_are_joined_along_the_row_in_written_order() -> None:
    roles = ["Camat", "Sekretaris", "Kasubbag", "Staf"]
    steps = make(
        {"pelaksana": "Staf"},
        {"pelaksana": ["Sekretaris", "Camat"]},  # written right to left
        {"pelaksana": ["Camat", "Kasubbag", "Staf"]},  # left to right, three columns
        {"pelaksana": "Staf"},
    )
    assert chain(roles, steps[1]) == [1, 0]
    assert chain(roles, steps[2]) == [0, 2, 3]
    plan = layout(roles, steps)
    assert arrows(plan) == [
        (1, 3, 2, 1, None, "down"),  # into the first symbol of the chain
        (2, 1, 2, 0, None, "across"),
        (2, 0, 3, 0, None, "down"),  # out of the last
        (3, 0, 3, 2, None, "across"),
        (3, 2, 3, 3, None, "across"),
        (3, 3, 4, 3, None, "down"),
    ]
    across = [a for a in plan.panah if a.route == "across"]
    assert [(a.exit, a.entry) for a in across] == [("W", "E"), ("E", "W"), ("E", "W")]


# ---------------------------------------------------------------- arrows of the samples


def test_arrows_of_kalipare(samples: Portal) -> None:
    sop = samples.get("kab-malang/kec-kalipare/penyusunan-lkj").sop
    plan = layout(sop.pelaksana, sop.langkah)
    # Camat 0, Sekcam 1, Tim 2, Kasubag Evapor 3, Staf 4, Kasubag Umum 5
    assert arrows(plan) == [
        (1, 0, 2, 1, None, "down"),
        (2, 1, 3, 2, None, "down"),
        (3, 2, 4, 2, None, "down"),
        (4, 2, 5, 4, None, "down"),
        (5, 4, 6, 3, None, "down"),
        (6, 3, 7, 2, "Ya", "down"),
        (6, 3, 5, 4, "Tidak", "loop"),
        (7, 2, 8, 1, "Ya", "down"),
        (7, 2, 6, 3, "Tidak", "loop"),
        (8, 1, 9, 0, None, "down"),
        (9, 0, 10, 0, None, "down"),
        (10, 0, 11, 5, None, "down"),
        (11, 5, 12, 4, None, "down"),
    ]
    by_pair = {(a.source, a.target): a for a in plan.panah}
    straight = by_pair[(3, 4)]
    assert (straight.exit, straight.entry, straight.points) == (
        "S",
        "N",
        (port_point(3, 2, "S"), port_point(4, 2, "N")),
    )
    elbow = by_pair[(1, 2)]  # out of the side, down into the top
    assert (elbow.exit, elbow.entry, elbow.points) == (
        "E",
        "N",
        (Point(1, 0, 0, 1), Point(1, 1), Point(2, 1, -1)),
    )
    for loop in (by_pair[(6, 5)], by_pair[(7, 6)]):  # both loops run up a side lane
        assert loop.lane is not None
        assert loop.exit in ("E", "W") and loop.entry in ("N", "E", "W")


def test_several_starts_and_ends_and_a_decision_back_to_itself(good_flow: Portal) -> None:
    sop = good_flow.records[0].sop
    plan = layout(sop.pelaksana, sop.langkah)
    # Camat 0, Sekcam 1, Kasi Trantib 2, Staf 3
    assert arrows(plan) == [
        (1, 3, 2, 3, None, "down"),
        (2, 3, 3, 2, "Y", "down"),
        (2, 3, 1, 3, "T", "loop"),
        (3, 2, 3, 1, None, "across"),
        (3, 1, 4, 2, "Teknis", "down"),
        (3, 1, 5, 0, "Administratif", "down"),
        (4, 2, 5, 0, "Selesai", "down"),
        (4, 2, 4, 2, "Ulangi", "loop"),
        (5, 0, 5, 1, None, "across"),
        (5, 1, 6, 3, None, "down"),
        (7, 3, 5, 0, None, "loop"),  # a second start joins the flow
    ]
    assert [n.simbol for n in plan.simpul if n.langkah in (6, 7, 8)] == ["selesai", "mulai", "mulai"]
    assert not [a for a in plan.panah if a.source in (6, 8)]  # ends have no way out
    self_loop = next(a for a in plan.panah if (a.source, a.source_kolom) == (a.target, a.target_kolom))
    assert self_loop.exit != self_loop.entry
    assert len(self_loop.points) >= 4


def test_every_flow_edge_is_drawn_once(samples: Portal, good_flow: Portal) -> None:
    for record in [*samples.records, *good_flow.records]:
        sop = record.sop
        plan = layout(sop.pelaksana, sop.langkah)
        drawn = sorted((a.source, a.target, a.label) for a in plan.panah if a.route != "across")
        assert drawn == sorted((e.source, e.target, e.label) for e in flow.all_edges(sop.langkah))


# ---------------------------------------------------------------- route geometry


def check_geometry(plan: Layout) -> None:
    """Every arrow: from its source's port to its target's port, in straight runs, never
    through a symbol, never along another arrow's line (unless both join into the same
    port or leave by the same port)."""
    boxes = [(n.kolom * 100, n.langkah * 100) for n in plan.simpul]
    runs: list[tuple[tuple[int, int, int, int], Panah]] = []
    for arrow in plan.panah:
        assert arrow.points[0] == port_point(arrow.source, arrow.source_kolom, arrow.exit)
        assert arrow.points[-1] == port_point(arrow.target, arrow.target_kolom, arrow.entry)
        assert arrow.entry != "S"
        if arrow.route == "across":  # a hand-over between two roles of one step
            assert arrow.source == arrow.target and arrow.label is None
            assert (arrow.exit, arrow.entry) in (("E", "W"), ("W", "E"))
        else:
            assert arrow.route == ("down" if arrow.target > arrow.source else "loop")
        for a, b in arrow.segments:
            assert (a.gx == b.gx) != (a.gy == b.gy), f"not a straight run: {a} {b}"
            x1, x2 = sorted((a.gx, b.gx))
            y1, y2 = sorted((a.gy, b.gy))
            for bx, by in boxes:
                assert not (x1 < bx + 10 and x2 > bx - 10 and y1 < by + 10 and y2 > by - 10), arrow
            runs.append(((x1, y1, x2, y2), arrow))
    for i, (one, first) in enumerate(runs):
        for other, second in runs[i + 1 :]:
            if first is second:
                continue
            same_way_in = (first.target, first.target_kolom, first.entry) == (
                second.target,
                second.target_kolom,
                second.entry,
            )
            same_way_out = (first.source, first.source_kolom, first.exit) == (
                second.source,
                second.source_kolom,
                second.exit,
            )
            if same_way_in or same_way_out:
                continue
            vertical = one[0] == one[2] == other[0] == other[2] and min(one[3], other[3]) > max(
                one[1], other[1]
            )
            horizontal = one[1] == one[3] == other[1] == other[3] and min(one[2], other[2]) > max(
                one[0], other[0]
            )
            assert not (vertical or horizontal), (first, second)


def test_geometry_of_the_samples(samples: Portal, good_flow: Portal) -> None:
    for record in [*samples.records, *good_flow.records]:
        check_geometry(layout(record.sop.pelaksana, record.sop.langkah))


@st.composite
def flows(draw_: st.DrawFn) -> tuple[list[str], tuple[Langkah, ...]]:
    """Random valid flows: up to 8 roles, 17 steps, several roles per step, decisions
    with 2-3 branches anywhere (also back to themselves), `ke`, extra starts and ends."""
    roles = [f"P{i}" for i in range(draw_(st.integers(1, 8)))]
    count = draw_(st.integers(1, 17))
    specs: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        spec: dict[str, Any] = {
            "kegiatan": f"langkah {number}",
            "pelaksana": draw_(st.lists(st.sampled_from(roles), min_size=1, max_size=4, unique=True)),
        }
        kind = draw_(st.sampled_from(["lanjut", "lanjut", "keputusan", "ke", "selesai"]))
        if kind == "keputusan" and count > 1:
            targets = draw_(st.lists(st.integers(1, count), min_size=2, max_size=3))
            spec["keputusan"] = {f"c{i}": t for i, t in enumerate(targets)}
        elif kind == "ke" and number < count:
            spec["ke"] = draw_(st.lists(st.integers(1, count), min_size=1, max_size=2))
        elif kind == "selesai":
            spec["selesai"] = True
        spec["mulai"] = draw_(st.booleans()) and draw_(st.booleans())
        specs.append(spec)
    return roles, tuple(Langkah.model_validate(s) for s in specs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows())
def test_geometry_of_random_flows(case: tuple[list[str], tuple[Langkah, ...]]) -> None:
    roles, steps = case
    plan = layout(roles, steps)
    check_geometry(plan)
    for number in range(1, len(steps) + 1):
        assert {n.simbol for n in plan.nodes_of(number)} == {rule(steps, number)}


# ---------------------------------------------------------------- the drawing


def test_lines_stretch_with_the_row() -> None:
    """Pieces reaching a cell's edge are given in percent of the cell (an edge at 0%/100%,
    or at -50%/50% from the centre, where the piece's other end is in pixels), so however
    tall a row grows, they run edge to edge and meet the next row."""
    drawing = draw(["A", "B"], make({"pelaksana": "A"}, {"pelaksana": "B"}))
    # 1 -> 2: out of A's right side, along row 1's centre line, down B's column into its top
    assert drawing.cell(1, 0).local == [Local(HW, 0, "50%", 0)]
    assert drawing.cell(1, 1).local == [
        Local("-50%", 0, 0, 0),  # from the left edge to the centre
        Local(0, 0, 0, "50%"),  # from the centre to the bottom edge
    ]
    assert drawing.cell(2, 1).local == [Local(0, "-50%", 0, -HH)]  # top edge to the symbol
    through = draw(["Staf"], make({}, {}, {}, {"keputusan": {"x": 1, "y": 5}}, {}))
    for row in (2, 3):  # the loop 4 -> 1 runs up a side lane through rows 2 and 3
        full = [ln for ln in through.cell(row, 0).lines if (ln.y1, ln.y2) == ("0", "100%")]
        assert len(full) == 1 and abs(full[0].tx) > HW


def test_no_line_piece_reaches_outside_its_cell() -> None:
    """A PDF keeps a line the SVG clips whole: a piece longer than its cell would be a
    line the paper does not show for whoever reads the printed PDF's drawing (the
    importer). Edge-to-edge pieces span the cell exactly (shifted only across); every
    other piece runs from the centre's coordinates to at most an edge (+-50%)."""
    steps = make({}, {"keputusan": {"Ya": 4, "Tidak": 1}}, {"ke": 5}, {}, {"keputusan": {"x": 2, "y": 6}}, {})
    drawings = [
        draw(["A", "B"], make({"pelaksana": "A"}, {"pelaksana": "B"})),
        draw(["Staf", "Kasi", "Camat"], steps),
        draw(["Staf"], make({}, {}, {}, {"keputusan": {"x": 1, "y": 5}}, {})),
    ]
    pieces = 0
    for drawing in drawings:
        for cell in drawing.cells.values():
            for line in cell.lines:
                pieces += 1
                flat = line.y1 == line.y2 == "50%"
                along, shift = ((line.x1, line.x2), line.tx) if flat else ((line.y1, line.y2), line.ty)
                assert along == ("0", "100%") and shift == 0, line
            for local in cell.local:
                pieces += 1
                ends = (local.x1, local.y1, local.x2, local.y2)
                assert all(isinstance(v, int) or v in ("-50%", "50%") for v in ends), local
    assert pieces > 20


def test_arrowheads_and_labels() -> None:
    steps = make({}, {"keputusan": {"Ya": 3, "Tidak": 1}}, {})
    drawing = draw(["Staf"], steps)
    assert drawing.cell(2, 0).simbol == "keputusan"
    labels = {lb.text for lb in drawing.cell(2, 0).labels}
    assert labels == {"Ya", "Tidak"}
    assert f"0,{-HH}" in " ".join(drawing.cell(3, 0).heads)  # into the top of step 3
    assert any(h.startswith(f"{HW},0") or h.startswith(f"{-HW},0") for h in drawing.cell(1, 0).heads)


def _label_clear(cell: Cell, label: Label, half: int) -> None:
    """A label inside its cell, clear of every vertical line beside it and of the
    symbol, and its lines as wide as the place it was given at most."""
    width = max(label_width(line) for line in label.lines)
    assert -half < label.x and label.x + width < half, (label, half)
    assert label.top >= HH or label.bottom <= -HH  # above or below the symbol
    for run in cell.runs:
        if run.vertical and run.spans(label.top, label.bottom):
            assert not label.x <= run.at <= label.x + width, (label, run)
        if not run.vertical:
            assert not label.top <= run.at <= label.bottom, (label, run)


def test_long_branch_labels_are_whole_wrapped_and_inside_their_cell() -> None:
    long = "Tidak lengkap dan perlu diperbaiki"
    drawing = draw(["Staf"], make({}, {"keputusan": {"Ya": 3, long: 1}}, {}))
    cell = drawing.cell(2, 0)
    label = next(lb for lb in cell.labels if lb.text == long)
    assert " ".join(label.lines) == long and len(label.lines) > 1  # wrapped at spaces, never cut
    assert "…" not in "".join(label.lines)
    assert next(lb for lb in cell.labels if lb.text != long).lines == ("Ya",)
    for lb in cell.labels:
        _label_clear(cell, lb, drawing.width(0) // 2)
    top, bottom = drawing.reach(2)  # the row grows to hold the label
    assert drawing.row_px(2) >= 2 * max(-label.top, label.bottom) and max(top, bottom) > HH + HEAD


def test_every_label_of_the_samples_and_fixtures_is_whole_and_clear(
    samples: Portal, good_flow: Portal
) -> None:
    big = tuple(Langkah.model_validate(s) for s in BIG)
    drawings = [draw(r.sop.pelaksana, r.sop.langkah) for p in (samples, good_flow) for r in p.records]
    drawings.append(draw(ROLES, big))
    seen = 0
    for drawing in drawings:
        for cell in drawing.cells.values():
            kolom = drawing.layout.pelaksana.index(cell.pelaksana)
            for label in cell.labels:
                seen += 1
                assert "".join(label.lines).replace(" ", "") == label.text.replace(" ", "")
                _label_clear(cell, label, drawing.width(kolom) // 2)
            others = [(lb.x, lb.right, lb.top, lb.bottom) for lb in cell.labels]
            for i, a in enumerate(others):  # labels of one cell never overlap
                for b in others[i + 1 :]:
                    assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
    assert seen >= 20


def test_crossing_lines_hop(samples: Portal) -> None:
    """Wherever a horizontal run of one arrow crosses a vertical run of another, the
    cell of the crossing draws a hop there; nowhere else."""
    found = 0
    for record in samples.records:
        drawing = draw(record.sop.pelaksana, record.sop.langkah)
        plan = drawing.layout
        expected = set()
        runs = [(i, a, b) for i, arrow in enumerate(plan.panah) for a, b in arrow.segments]
        for i, ha, hb in runs:
            for j, va, vb in runs:
                same_net = (plan.panah[i].target, plan.panah[i].target_kolom, plan.panah[i].entry) == (
                    plan.panah[j].target,
                    plan.panah[j].target_kolom,
                    plan.panah[j].entry,
                )
                if ha.gy != hb.gy or va.gx != vb.gx or same_net:
                    continue
                if min(ha.gx, hb.gx) < va.gx < max(ha.gx, hb.gx) and min(va.gy, vb.gy) < ha.gy < max(
                    va.gy, vb.gy
                ):
                    expected.add((ha.row, va.col, px_x(va.gx - va.col * 100), px_y(ha.gy - ha.row * 100)))
        drawn = {(row, col, h.x, h.y) for (row, col), c in drawing.cells.items() for h in c.hops}
        assert drawn == expected, record.id
        found += len(drawn)
    assert found >= 1  # penyusunan-lkj crosses once


def test_page_break_gets_a_pair_of_connectors_per_line() -> None:
    steps = make({}, {"keputusan": {"Ya": 3, "Tidak": 1}}, {}, {})
    plan = layout(["Staf"], steps)
    below_two = crossings(plan, 2)
    assert len(below_two) == 1 and below_two[0].dx == 0  # 2 -> 3 straight down
    below_one = crossings(plan, 1)
    assert len(below_one) == 2  # 1 -> 2 down the centre, and the loop 2 -> 1 up its lane
    drawing = draw(["Staf"], steps, breaks={1})
    bottom = drawing.cell(1, 0).connectors
    top = drawing.cell(2, 0).connectors
    assert [c.at for c in bottom] == ["bottom", "bottom"] and [c.at for c in top] == ["top", "top"]
    assert [c.text for c in bottom] == [c.text for c in top] == ["A", "B"]
    assert not draw(["Staf"], steps).cell(1, 0).connectors  # no break, no connector


# ---------------------------------------------------------------- in the page


class _Symbols(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []
        self.titles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "data-simbol" in values:
            self.found.append(values | {"tag": tag})

    def handle_endtag(self, tag: str) -> None:
        pass


def test_table_has_exactly_the_symbols_the_rule_gives(samples: Portal, good_flow: Portal) -> None:
    for portal in (samples, good_flow):
        for record in portal.records:
            html = render_prosedur(portal, record, "../../../")
            parser = _Symbols()
            parser.feed(html)
            found = sorted(
                (int(s["data-langkah"] or 0), s["data-pelaksana"], s["data-simbol"])
                for s in parser.found
                if s["data-simbol"] != "penghubung"  # page-break connectors: see below
            )
            sop = record.sop
            expected = sorted(
                (n, role, rule(sop.langkah, n))
                for n, step in enumerate(sop.langkah, 1)
                for role in step.pelaksana
            )
            assert found == expected, record.id
            assert html.count("<title>Langkah ") == len(expected)
            connectors = [s for s in parser.found if s["data-simbol"] == "penghubung"]
            assert len(connectors) % 2 == 0  # one at the bottom of a page, one at the top of the next
            assert "sop-simbol--" not in html  # the placeholders are gone
            assert all(s["tag"] == "g" for s in parser.found)


def test_role_names_and_labels_are_escaped_in_the_svg() -> None:
    from macros.loader import SopRecord
    from macros.model import Sop

    hostile, other = 'A "<b>x</b>"', "B & {{ c }}"
    sop = Sop.model_validate(
        {
            "nama": "Uji",
            "instansi": "I",
            "unit": "U",
            "tanggal_pembuatan": "2024-01-01",
            "status": "konsep",
            "disahkan_oleh": {"jabatan": "Camat"},
            "pelaksana": [hostile, other],
            "langkah": [
                {"kegiatan": "k", "pelaksana": hostile},
                {"kegiatan": "k", "pelaksana": other, "keputusan": {"<i>Ya</i>": 3, "T": 1}},
                {"kegiatan": "k", "pelaksana": hostile},
            ],
        }
    )
    record = SopRecord("x/y", "sop_src/x/y.md", sop, "")
    html = render_prosedur(Portal([record], []), record, "../")
    assert "<b>x</b>" not in html and "<i>Ya</i>" not in html
    parser = _Symbols()
    parser.feed(html)
    assert {s["data-pelaksana"] for s in parser.found} == {hostile, other}
    assert "&lt;i&gt;Ya&lt;/i&gt;" in html
    assert not re.search(r"\{\{\s*c\s*\}\}", html)


def test_local_pieces_are_within_the_column() -> None:
    plan_cells = draw(["A", "B"], make({"pelaksana": "A", "keputusan": {"x": 1, "y": 2}}, {"pelaksana": "B"}))
    assert any(cell.local for cell in plan_cells.cells.values())
    for cell in plan_cells.cells.values():
        for piece in cell.local:
            assert isinstance(piece, Local)
            xs = (piece.x1, piece.x2)
            assert all(abs(x) < 60 if isinstance(x, int) else x in ("-50%", "50%") for x in xs)


def test_the_renderer_reads_the_grid_slots_the_layout_places() -> None:
    """The grid's geometry is defined once (flowchart.CELL, EDGE, TRACK, LANE_STEP):
    the renderer turns a point back into its slot, whatever the numbers."""
    from macros.flowchart import CELL, Point, slot_x, slot_y
    from macros.render.flowchart_svg import HH, HW, LANE0, PITCH, TRACK, px_x, px_y

    for dx in range(-12, 13):
        point = Point(3, 2, 0, dx)
        assert slot_x(point.gx - point.col * CELL) == dx
    for dy in range(-2, 3):
        point = Point(4, 0, dy, 0)
        assert slot_y(point.gy - point.row * CELL) == dy
    assert [px_x(Point(0, 0, 0, dx).gx) for dx in (0, 1, -1, 2, 3, -4)] == [
        0,
        HW,
        -HW,
        LANE0,
        LANE0 + PITCH,
        -(LANE0 + 2 * PITCH),
    ]
    assert [px_y(Point(0, 0, dy, 0).gy) for dy in (0, 1, -2)] == [0, HH, -TRACK]
