"""The Mermaid swimlane writer (macros/render/mermaid.py): lanes, nodes, shapes, edges,
and the escaping that keeps any SOP text a label."""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import FIXTURES, PROJECT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.index import Portal, load_portal
from macros.model import Langkah
from macros.render.mermaid import escape_text, render_bagan, write_mermaid

ROLES = ["Pemohon", "Petugas Loket", "Kasi Pelayanan", "Sekcam", "Camat", "Arsiparis"]


def step(kegiatan: str, pelaksana: str | list[str], **more: Any) -> dict[str, Any]:
    return {"kegiatan": kegiatan, "pelaksana": pelaksana, **more}


# 17 steps, 6 lanes, four rework loops, a second start, two steps with two roles:
# the flow the layouts were compared on (see the module docstring).
BIG = [
    step("Mengajukan permohonan surat keterangan beserta berkas persyaratan", "Pemohon"),
    step("Menerima berkas dan mencatat di buku agenda pelayanan", "Petugas Loket"),
    step("Memeriksa kelengkapan berkas", "Petugas Loket", keputusan={"Lengkap": 5, "Tidak lengkap": 4}),
    step("Melengkapi berkas yang kurang", "Pemohon", ke=2),
    step("Meneruskan berkas kepada Kasi Pelayanan", "Petugas Loket"),
    step("Memverifikasi isi permohonan dan data kependudukan", "Kasi Pelayanan"),
    step("Menilai kesesuaian data", "Kasi Pelayanan", keputusan={"Sesuai": 9, "Perlu klarifikasi": 8}),
    step("Mengklarifikasi data kepada pemohon", ["Kasi Pelayanan", "Pemohon"], ke=6),
    step("Menyusun konsep surat keterangan", "Kasi Pelayanan"),
    step("Memeriksa konsep surat", "Sekcam", keputusan={"Setuju": 12, "Perbaiki": 11}),
    step("Memperbaiki konsep surat sesuai catatan", "Kasi Pelayanan", ke=10),
    step("Memaraf konsep surat", "Sekcam"),
    step("Menandatangani surat keterangan", "Camat", keputusan={"Ya": 14, "Tidak": 9}),
    step("Memberi nomor dan stempel surat", "Petugas Loket"),
    step("Menyerahkan surat kepada pemohon", ["Petugas Loket", "Pemohon"], selesai=True),
    step("Memindai dan mengarsipkan salinan surat", "Arsiparis", mulai=True),
    step("Mencatat dalam register arsip", "Arsiparis"),
]


def steps_of(specs: list[dict[str, Any]]) -> tuple[Langkah, ...]:
    return tuple(Langkah.model_validate(s) for s in specs)


# ---------------------------------------------------------------- the grammar written

LABEL = r'"(?:[^"#;<>%{}|\[\]`:&$\\\n\r]|#\d+;|<br>)*"'
NODE_ID = r"n\d+(?:_\d+)?"
LINE = re.compile(
    "|".join(
        [
            r"swimlane-beta TB",
            rf"  subgraph lane\d+\[{LABEL}\]",
            rf"    {NODE_ID}(?:\(\[{LABEL}\]\)|\[\[{LABEL}\]\]|\[{LABEL}\]|\{{{LABEL}\}})",
            rf"    lane\d+_kosong\[{LABEL}\]",
            rf"    {NODE_ID}_ulang@\{{ shape: sm-circ \}}",
            r"  end",
            rf"  {NODE_ID}(?:_ulang)? -->(?:\|{LABEL}\|)? {NODE_ID}(?:_ulang)?",
            rf"  {NODE_ID} {NODE_ID}(?:_ulang)?_ke_{NODE_ID}@<-->(?:\|{LABEL}\|)? {NODE_ID}(?:_ulang)?",
            rf"  {NODE_ID} ~~~ {NODE_ID}",
            rf"  class {NODE_ID}(?:,{NODE_ID})* sop-(?:mulai|selesai|keputusan)",
        ]
    )
)


def check_grammar(source: str) -> None:
    """Every line is one of the statements the writer makes, with text only inside
    quoted labels: nothing in an SOP's text can add or change a statement."""
    assert source.endswith("\n")
    for line in source.splitlines():
        assert LINE.fullmatch(line), f"unexpected line: {line!r}"


def decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", "\n"))


def labels(source: str) -> list[str]:
    return [decode(m) for m in re.findall(r'"((?:[^"])*)"', source)]


# ---------------------------------------------------------------- structure


def test_big_flow() -> None:
    source = write_mermaid(ROLES, steps_of(BIG))
    check_grammar(source)
    lines = source.splitlines()
    assert lines[0] == "swimlane-beta TB"
    lanes = re.findall(r'subgraph (lane\d+)\["([^"]*)"\]', source)
    assert lanes == [(f"lane{i}", role) for i, role in enumerate(ROLES, start=1)]  # declared order
    # a step with two roles is a node in each lane, joined like in the table
    assert '    n8_3["8. Mengklarifikasi data kepada pemohon"]' in lines
    assert '    n8_1["8. Mengklarifikasi data kepada pemohon"]' in lines
    assert '  n7 -->|"Perlu klarifikasi"| n8_3' in lines
    assert "  n8_3 --> n8_1" in lines
    # the rework loop leaves the last role of the step; an arrow back to an earlier step
    # is written from that step (an acyclic graph keeps the steps in order), its edge id
    # naming its true direction: n8_1 -> n6
    assert "  n6 n8_1_ke_n6@<--> n8_1" in lines
    assert '  n9 n13_ke_n9@<-->|"Tidak"| n13' in lines
    assert "  n2 n4_ke_n2@<--> n4" in lines
    assert '    n16(["16. Memindai dan mengarsipkan salinan surat"])' in lines  # a second start
    assert "  class n3,n7,n10,n13 sop-keputusan" in lines
    assert "  class n1,n16 sop-mulai" in lines
    # every node sits in its role's lane
    lane_of: dict[str, str] = {}
    current = ""
    for line in lines:
        if line.startswith("  subgraph"):
            current = line.split("[", 1)[1].strip('"]')
        elif line.startswith("    n"):
            lane_of[line.split("[", 1)[0].split("(", 1)[0].split("{", 1)[0].strip()] = current
    for number, spec in enumerate(BIG, start=1):
        roles = spec["pelaksana"] if isinstance(spec["pelaksana"], list) else [spec["pelaksana"]]
        for role in roles:
            node = f"n{number}" if len(roles) == 1 else f"n{number}_{ROLES.index(role) + 1}"
            assert lane_of[node] == role


def test_shapes_follow_the_symbols() -> None:
    source = write_mermaid(
        ["A"], steps_of([step("a", "A"), step("b", "A", keputusan={"Y": 3, "T": 1}), step("c", "A")])
    )
    assert '    n1(["1. a"])' in source  # stadium: mulai
    assert '    n2{"2. b"}' in source  # rhombus: keputusan
    assert '    n3(["3. c"])' in source  # stadium: selesai
    source = write_mermaid(["A"], steps_of([step("a", "A"), step("b", "A"), step("c", "A")]))
    assert '    n2["2. b"]' in source  # rectangle: proses


def test_a_decision_back_to_itself_goes_round_a_small_circle() -> None:
    source = write_mermaid(
        ["A"], steps_of([step("a", "A"), step("b", "A", keputusan={"Lagi": 2, "Y": 3}), step("c", "A")])
    )
    check_grammar(source)
    lines = source.splitlines()
    assert "    n2_ulang@{ shape: sm-circ }" in lines
    assert '  n2 -->|"Lagi"| n2_ulang' in lines
    assert "  n2 n2_ulang_ke_n2@<--> n2_ulang" in lines  # back from the circle: n2_ulang -> n2
    assert "  n2 --> n2" not in source and "| n2\n" not in source


def test_an_unused_role_still_gets_its_lane() -> None:
    source = write_mermaid(["A", "B"], steps_of([step("a", "A")]))
    check_grammar(source)
    assert '  subgraph lane2["B"]' in source
    assert "lane2_kosong" in source


def test_samples_and_fixture(samples: Portal) -> None:
    for portal in (samples, load_portal(FIXTURES / "good-flow")):
        for record in portal.records:
            source = write_mermaid(record.sop.pelaksana, record.sop.langkah)
            check_grammar(source)


@pytest.fixture(scope="module")
def samples() -> Portal:
    return load_portal(PROJECT)


# ---------------------------------------------------------------- escaping

HOSTILE = [
    'kutip " ganda',
    "kurung [siku] {kurawal} (biasa)",
    "pagar # dan #35; dan #quot;",
    "pipa | titik koma ;",
    "panah --> B",
    "end",
    "click n1 call alert(1)",
    "%%{init: {'theme': 'dark'}}%%",
    "%% komentar",
    "<b>tebal</b> <script>alert(1)</script> <img src=x onerror=alert(1)>",
    "baris satu\nbaris dua\r\nbaris tiga",
    "emoji 👍🏽 dan bendera 🇮🇩",
    "عربي: مرحبا بالعالم",
    "`markdown` **tebal** $$x^2$$",
    "style n1 fill:#f00;",
    "a &amp; b &lt; c",
    "\\n garis miring terbalik",
    "ﬂ°°35¶ß",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_a_label(text: str) -> None:
    steps = steps_of([step(text, text), step("b", "Staf", keputusan={text: 1, "T": 2}), step(text, text)])
    source = write_mermaid([text, "Staf"], steps)
    check_grammar(source)
    normal = "\n".join(text.splitlines())
    assert normal in labels(source)  # the role, as a lane title
    assert f"1. {normal}" in labels(source)  # the step, as a node


def test_escape_text() -> None:
    assert escape_text('a "b" #c;') == "a #34;b#34; #35;c#59;"
    assert escape_text("x\ny") == "x<br>y"
    assert escape_text("Surat (Disposisi), 1-3 Hari / Kasi") == "Surat (Disposisi), 1-3 Hari / Kasi"
    assert escape_text("عربي") == "عربي"
    assert escape_text("👍") == "#128077;"


texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40).filter(lambda t: t.strip())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roles=st.lists(texts, min_size=1, max_size=4, unique_by=str.strip), kegiatan=texts, branch=texts)
def test_any_text_in_every_field_stays_inside_quoted_labels(
    roles: list[str], kegiatan: str, branch: str
) -> None:
    roles = [r.strip() for r in roles]
    specs = [
        step(kegiatan, roles[0]),
        step(kegiatan, roles, keputusan={branch: 3, branch + "x": 1}),
        step(kegiatan, roles[-1]),
    ]
    source = write_mermaid(roles, steps_of(specs))
    check_grammar(source)
    found = labels(source)
    for role in roles:
        assert "\n".join(role.splitlines()) in found
    assert "\n".join(branch.strip().splitlines()) in found


def test_html_of_the_diagram(samples: Portal) -> None:
    record = samples.records[0]
    html = render_bagan(record, "../../../")
    assert '<pre class="sop-mermaid" hidden>swimlane-beta TB' in html
    assert '<script type="module" src="../../../assets/sop-bagan.js"></script>' in html
    assert "{" not in html.split("<pre", 1)[1].split("</pre>", 1)[0]  # braces as references
    assert "unpkg" not in html and "cdn" not in html.lower()


def test_a_step_through_another_sop_is_a_named_subprocess() -> None:
    from macros.model import Langkah
    from macros.render.mermaid import write_mermaid

    steps = [
        Langkah.model_validate({"kegiatan": "Menyiapkan undangan", "pelaksana": "Staf"}),
        Langkah.model_validate(
            {"kegiatan": "Mengirim undangan", "pelaksana": "Staf", "sop": "kab-x/kec-y/pengiriman-surat"}
        ),
        Langkah.model_validate({"kegiatan": "Mencatat", "pelaksana": "Staf"}),
        Langkah.model_validate({"kegiatan": "Mengarsipkan", "pelaksana": "Staf"}),
    ]
    source = write_mermaid(["Staf"], steps, subproses={"kab-x/kec-y/pengiriman-surat": "Pengiriman Surat"})
    (line,) = [x for x in source.splitlines() if x.startswith("    n2")]
    assert line.strip().startswith('n2[["') and line.endswith('"]]')
    assert "melalui SOP Pengiriman Surat" in line
    assert '    n3["3. Mencatat"]' in source  # an ordinary process stays a box
    check_grammar(source)


# ---------------------------------------------------------------- the order of the steps

EDGE = re.compile(r"  (n[\w]+) (?:[\w]+@<-->|-->|~~~)(?:\|\"[^\"]*\"\|)? (n[\w]+)$")


def written_graph(source: str) -> dict[str, set[str]]:
    """The graph as Mermaid reads it: each edge from its left node to its right one."""
    graph: dict[str, set[str]] = {}
    for line in source.splitlines():
        match = EDGE.match(line)
        if match:
            graph.setdefault(match[2], set()).add(match[1])
    return graph


def test_the_graph_has_no_cycle_and_every_step_follows_the_one_before() -> None:
    """swimlane-beta breaks cycles where its depth-first search happens to meet them
    (steps 48, 49 and 60 of a 60-step SOP were drawn beside step 1): the writer gives
    it none, and a link (an arrow or an invisible one) from each step to the next."""
    from graphlib import TopologicalSorter

    from test_browser_flowchart import LARGEST

    for roles, specs in ((ROLES, BIG), LARGEST):
        steps = steps_of(specs)
        source = write_mermaid(roles, steps)
        check_grammar(source)
        graph = written_graph(source)
        order = list(TopologicalSorter(graph).static_order())  # raises CycleError on a cycle
        first_place = {}
        for place, node in enumerate(order):
            first_place.setdefault(int(re.match(r"n(\d+)", node)[1]), place)  # type: ignore[index]
        numbers = sorted(first_place)
        assert numbers == list(range(1, len(steps) + 1))
        assert [first_place[n] for n in numbers] == sorted(first_place.values()), "steps in order"
    # the rework loops are still there, as arrows back (their ids name them)
    source = write_mermaid(ROLES, steps_of(BIG))
    assert {m for m in re.findall(r"(n\w+_ke_n\w+)@", source)} == {
        "n4_ke_n2",
        "n8_1_ke_n6",
        "n11_ke_n10",
        "n13_ke_n9",
    }
    assert "  n15_1 ~~~ n16" in source.splitlines()  # the second start follows step 15
    assert "  n1 ~~~ n2" not in source  # an arrow joins them already


def test_lanes_follow_who_acts_first() -> None:
    """A flow that starts in the table's last column (Staf) no longer runs right to
    left: the lanes are ordered by the first step of each role, unused roles last."""
    roles = ["Camat", "Sekcam", "Staf", "Arsiparis"]
    steps = steps_of(
        [step("a", "Staf"), step("b", "Sekcam"), step("c", "Camat"), step("d", ["Staf", "Camat"])]
    )
    source = write_mermaid(roles, steps)
    check_grammar(source)
    lanes = re.findall(r'subgraph (lane\d+)\["([^"]*)"\]', source)
    assert lanes == [("lane3", "Staf"), ("lane2", "Sekcam"), ("lane1", "Camat"), ("lane4", "Arsiparis")]
