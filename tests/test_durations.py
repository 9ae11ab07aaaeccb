"""Reading Waktu as printed and adding it up."""

from __future__ import annotations

import pytest

from macros.durations import parse_waktu, total_of


def _read(text: str) -> tuple[str, str] | None:
    waktu = parse_waktu(text)
    if not waktu.readable:
        return None
    assert waktu.low is not None and waktu.high is not None
    return waktu.low.text(), waktu.high.text()


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10 menit", "10 menit", "10 menit"),
        ("10 Menit", "10 menit", "10 menit"),
        ("1 Jam", "1 jam", "1 jam"),
        ("1-3 Hari", "1 hari", "3 hari"),
        ("1 - 3 hari", "1 hari", "3 hari"),
        ("1–3 hari", "1 hari", "3 hari"),
        ("1 s.d. 3 hari", "1 hari", "3 hari"),
        ("1 sampai 3 hari", "1 hari", "3 hari"),
        ("30 menit - 3 Jam", "30 menit", "3 jam"),
        ("1 minggu", "1 minggu", "1 minggu"),
        ("1 - 2 minggu", "1 minggu", "2 minggu"),
        ("3 hari kerja", "3 hari kerja", "3 hari kerja"),
        ("5 HK", "5 hari kerja", "5 hari kerja"),
        ("30 detik", "30 detik", "30 detik"),
        ("90 menit", "1 jam 30 menit", "1 jam 30 menit"),
        ("1,5 jam", "1 jam 30 menit", "1 jam 30 menit"),
        ("2 jam 30 menit", "2 jam 30 menit", "2 jam 30 menit"),
        ("2 bulan", "2 bulan", "2 bulan"),
        ("1 tahun", "1 tahun", "1 tahun"),
    ],
)
def test_readable(text: str, low: str, high: str) -> None:
    assert _read(text) == (low, high)
    assert parse_waktu(text).text == text  # kept as written


@pytest.mark.parametrize("text", ["-", "", "  ", " - "])
def test_no_time(text: str) -> None:
    waktu = parse_waktu(text)
    assert waktu.readable and waktu.blank
    assert _read(text) == ("0 menit", "0 menit")


@pytest.mark.parametrize(
    "text", ["segera", "sesuai kebutuhan", "10 menit menit", "10", "menit", "2 harian", "1 jam lebih"]
)
def test_unreadable(text: str) -> None:
    waktu = parse_waktu(text)
    assert not waktu.readable
    assert (waktu.low, waktu.high, waktu.text) == (None, None, text)


def test_total_keeps_days_apart_from_hours() -> None:
    total = total_of(
        (n, parse_waktu(t))
        for n, t in enumerate(
            ["10 menit", "20 menit", "1 hari", "1 hari", "1 hari", "30 menit", "15 menit"], 1
        )
    )
    assert (total.text(), total.complete, total.unreadable) == ("3 hari 1 jam 15 menit", True, ())


def test_total_of_ranges_is_a_range() -> None:
    total = total_of(
        [(1, parse_waktu("1-3 Hari")), (2, parse_waktu("30 menit - 3 Jam")), (3, parse_waktu("10 menit"))]
    )
    assert total.text() == "1 hari 40 menit – 3 hari 3 jam 10 menit"


def test_units_that_do_not_carry() -> None:
    steps = ["1 minggu", "3 hari kerja", "2 hari", "2 bulan", "1 tahun", "90 detik"]
    total = total_of((n, parse_waktu(t)) for n, t in enumerate(steps, 1))
    assert total.text() == "1 tahun 2 bulan 1 minggu 3 hari kerja 2 hari 1 menit 30 detik"


def test_unreadable_waktu_marks_the_total_incomplete() -> None:
    total = total_of(
        [
            (1, parse_waktu("10 menit")),
            (2, parse_waktu("segera")),
            (3, None),
            (4, parse_waktu("-")),
            (5, parse_waktu("kapan saja")),
        ]
    )
    assert (total.text(), total.complete, total.unreadable) == ("10 menit", False, (2, 5))


def test_empty_total() -> None:
    total = total_of([])
    assert (total.text(), total.complete) == ("0 menit", True)


def test_a_shown_total_sets_working_days_apart() -> None:
    """Working days and calendar days do not add up: a page says so with a "+"."""
    mixed = total_of(
        [(1, parse_waktu("1 hari kerja")), (2, parse_waktu("2 hari")), (3, parse_waktu("1 jam"))]
    )
    assert mixed.text() == "1 hari kerja 2 hari 1 jam"  # open data keeps the plain text
    assert mixed.shown() == "1 hari kerja + 2 hari 1 jam"
    assert total_of([(1, parse_waktu("3 hari kerja"))]).shown() == "3 hari kerja"
    assert total_of([(1, parse_waktu("2 hari")), (2, parse_waktu("30 menit"))]).shown() == "2 hari 30 menit"
    ranged = total_of([(1, parse_waktu("1-2 hari kerja")), (2, parse_waktu("1 jam"))])
    assert ranged.shown() == "(1 hari kerja + 1 jam) – (2 hari kerja + 1 jam)"
    assert total_of([(1, parse_waktu("1-2 jam"))]).shown() == "1 jam – 2 jam"
