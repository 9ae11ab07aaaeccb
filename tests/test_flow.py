"""Flow semantics (SOP-FORMAT.md "Flow semantics"): starts, ends, symbols, arrows,
reach, the main path and its total time."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import PROJECT

from macros import flow
from macros.index import Portal, load_portal
from macros.model import Langkah


def make(*specs: dict[str, Any]) -> tuple[Langkah, ...]:
    """Steps from partial specs; kegiatan and pelaksana are filled in."""
    return tuple(
        Langkah.model_validate({"kegiatan": f"langkah {n}", "pelaksana": "Staf", **spec})
        for n, spec in enumerate(specs, start=1)
    )


@pytest.fixture(scope="module")
def samples() -> Portal:
    return load_portal(PROJECT)


# ---------------------------------------------------------------- the sample SOPs


@pytest.mark.parametrize(
    ("sop_id", "path", "total"),
    [
        ("kab-malang/kec-kalipare/penyusunan-lkj", list(range(1, 13)), "3 hari 2 jam 35 menit"),
        ("kab-balangan/kec-tebing-tinggi/penyusunan-lkip", list(range(1, 11)), "10 hari 8 jam 10 menit"),
        ("prov-jambi/bpkpd/penyusunan-lkj", list(range(1, 11)), "5 hari 3 jam 50 menit"),
    ],
)
def test_main_path_and_total_of_the_samples(
    samples: Portal, sop_id: str, path: list[int], total: str
) -> None:
    steps = samples.get(sop_id).sop.langkah
    assert flow.main_path(steps) == path
    result = flow.total_time(steps)
    assert (result.text(), result.complete) == (total, True)
    assert flow.unreachable(steps) == []


def test_symbols_of_kalipare(samples: Portal) -> None:
    steps = samples.get("kab-malang/kec-kalipare/penyusunan-lkj").sop.langkah
    symbols = [flow.symbol(steps, n) for n in range(1, len(steps) + 1)]
    assert symbols == ["mulai"] + ["proses"] * 4 + ["keputusan"] * 2 + ["proses"] * 4 + ["selesai"]
    assert flow.edges(steps, 6) == [flow.Edge(6, 7, "Ya"), flow.Edge(6, 5, "Tidak")]
    assert flow.edges(steps, 7) == [flow.Edge(7, 8, "Ya"), flow.Edge(7, 6, "Tidak")]
    assert (flow.starts(steps), flow.ends(steps)) == ([1], [12])


def test_jambi_decision_with_y_label(samples: Portal) -> None:
    steps = samples.get("prov-jambi/bpkpd/penyusunan-lkj").sop.langkah
    assert flow.edges(steps, 7) == [flow.Edge(7, 8, "Y"), flow.Edge(7, 5, "Tidak")]


# ---------------------------------------------------------------- symbols, starts and ends


def test_symbol_rule() -> None:
    steps = make(
        {},  # 1: the first step starts
        {},  # 2
        {"keputusan": {"Ya": 4, "Tidak": 2}},  # 3: a decision is a diamond
        {"selesai": True},  # 4: an extra end
        {"mulai": True},  # 5: an extra start
        {"mulai": True, "selesai": True},  # 6: start wins over end
        {"mulai": True, "keputusan": {"A": 8, "B": 9}},  # 7: decision wins over start
        {"ke": 9},  # 8
        {},  # 9: the last step ends
    )
    assert [flow.symbol(steps, n) for n in range(1, 10)] == [
        "mulai",
        "proses",
        "keputusan",
        "selesai",
        "mulai",
        "mulai",
        "keputusan",
        "proses",
        "selesai",
    ]
    assert flow.starts(steps) == [1, 5, 6, 7]
    assert flow.ends(steps) == [4, 6, 9]


def test_first_step_that_is_a_decision_is_still_a_start() -> None:
    steps = make({"keputusan": {"Ya": 2, "Tidak": 3}}, {"selesai": True}, {})
    assert flow.symbol(steps, 1) == "keputusan"
    assert flow.starts(steps) == [1]


def test_single_step_starts_and_ends() -> None:
    steps = make({})
    assert (flow.starts(steps), flow.ends(steps), flow.symbol(steps, 1)) == ([1], [1], "mulai")
    assert flow.edges(steps, 1) == []
    assert flow.main_path(steps) == [1]


# ---------------------------------------------------------------- arrows


def test_edges() -> None:
    steps = make({}, {"ke": [4, 1]}, {"selesai": True}, {"keputusan": {"Lengkap": 5, "Tidak lengkap": 4}}, {})
    assert flow.all_edges(steps) == [
        flow.Edge(1, 2),
        flow.Edge(2, 4),
        flow.Edge(2, 1),
        flow.Edge(4, 5, "Lengkap"),
        flow.Edge(4, 4, "Tidak lengkap"),
    ]


def test_two_branches_may_lead_to_the_same_step() -> None:
    steps = make({"keputusan": {"Teknis": 2, "Administratif": 2}}, {})
    assert flow.edges(steps, 1) == [flow.Edge(1, 2, "Teknis"), flow.Edge(1, 2, "Administratif")]


# ---------------------------------------------------------------- reach


def test_unreachable_steps() -> None:
    steps = make({"ke": 3}, {}, {"selesai": True}, {}, {})
    assert flow.unreachable(steps) == [2, 4, 5]


def test_extra_starts_make_steps_reachable() -> None:
    steps = make({"selesai": True}, {"mulai": True}, {})
    assert flow.unreachable(steps) == []


def test_loops_do_not_hang() -> None:
    steps = make({}, {"keputusan": {"Ya": 3, "Tidak": 1}}, {"keputusan": {"Ulang": 3, "Selesai": 4}}, {})
    assert flow.unreachable(steps) == []
    assert flow.main_path(steps) == [1, 2, 3, 4]


# ---------------------------------------------------------------- main path and total


def test_main_path_takes_the_first_branch() -> None:
    steps = make(
        {"waktu": "10 menit"},
        {"keputusan": {"Ya": 4, "Tidak": 3}, "waktu": "5 menit"},
        {"waktu": "1 hari", "selesai": True},
        {"waktu": "1 jam"},
    )
    assert flow.main_path(steps) == [1, 2, 4]
    assert flow.total_time(steps).text() == "1 jam 15 menit"


def test_main_path_skips_a_rework_branch_written_first() -> None:
    # The first branch leads back to a step already on the path: the next one moves on.
    steps = make({}, {}, {"keputusan": {"Tidak": 2, "Ya": 4}}, {})
    assert flow.main_path(steps) == [1, 2, 3, 4]


def test_main_path_counts_each_step_once() -> None:
    steps = make(
        {"waktu": "1 jam"}, {"keputusan": {"Ulang": 2, "Lanjut": 3}, "waktu": "1 jam"}, {"waktu": "1 jam"}
    )
    assert flow.main_path(steps) == [1, 2, 3]
    assert flow.total_time(steps).text() == "3 jam"


def test_main_path_follows_ke_and_stops_at_an_end() -> None:
    steps = make({"ke": 3, "waktu": "1 hari"}, {"waktu": "9 hari"}, {"selesai": True, "waktu": "2 hari"}, {})
    assert flow.main_path(steps) == [1, 3]
    assert flow.total_time(steps).text() == "3 hari"


def test_total_incomplete_when_a_waktu_on_the_main_path_cannot_be_read() -> None:
    steps = make({"waktu": "10 menit"}, {"waktu": "segera"}, {"waktu": "-"}, {})
    total = flow.total_time(steps)
    assert (total.text(), total.complete, total.unreadable) == ("10 menit", False, (2,))


def test_unreadable_waktu_off_the_main_path_does_not_matter() -> None:
    steps = make({"ke": 3, "waktu": "10 menit"}, {"waktu": "segera"}, {"waktu": "5 menit"})
    total = flow.total_time(steps)
    assert (total.text(), total.complete) == ("15 menit", True)
