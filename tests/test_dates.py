"""Indonesian dates: the forms editors write, the long form pages show, ISO for data."""

from __future__ import annotations

import pytest

from macros.dates import Tanggal, is_blank, parse_tanggal


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2019-08-01", Tanggal(2019, 8, 1)),
        ("2019-8-1", Tanggal(2019, 8, 1)),
        ("1 Agustus 2019", Tanggal(2019, 8, 1)),
        ("01 Agustus 2019", Tanggal(2019, 8, 1)),
        ("1 agustus 2019", Tanggal(2019, 8, 1)),
        ("1 AGUSTUS 2019", Tanggal(2019, 8, 1)),
        ("  1   Agustus\t2019 ", Tanggal(2019, 8, 1)),
        ("28 Juli 2023", Tanggal(2023, 7, 28)),
        ("5 Mei 2020", Tanggal(2020, 5, 5)),
        ("29 Februari 2024", Tanggal(2024, 2, 29)),
        ("1 Des 2019", Tanggal(2019, 12, 1)),  # abbreviated month names
        ("1 Nopember 2020", Tanggal(2020, 11, 1)),  # older spellings
        ("Pebruari 2020", Tanggal(2020, 2)),
        ("Januari 2023", Tanggal(2023, 1)),  # month only
        ("2023-01", Tanggal(2023, 1)),
    ],
)
def test_parse(written: str, expected: Tanggal) -> None:
    assert parse_tanggal(written) == expected


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("1 Agustos 2019", "nama bulan 'Agustos' tidak dikenal"),
        ("1 August 2019", "nama bulan 'August' tidak dikenal"),
        ("kemarin", "bentuk tanggal tidak dikenal"),
        ("1/8/2019", "bentuk tanggal tidak dikenal"),
        ("1 Agustus, 2019", "bentuk tanggal tidak dikenal"),
        ("2019", "bentuk tanggal tidak dikenal"),
        ("", "bentuk tanggal tidak dikenal"),
    ],
)
def test_unreadable(written: str, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        parse_tanggal(written)


@pytest.mark.parametrize(
    "written", ["31 Februari 2019", "29 Februari 2023", "2019-02-31", "2019-13-01", "0 Mei 2020"]
)
def test_impossible_dates(written: str) -> None:
    with pytest.raises(ValueError):
        parse_tanggal(written)


@pytest.mark.parametrize(
    ("tanggal", "long", "iso"),
    [
        (Tanggal(2019, 8, 1), "1 Agustus 2019", "2019-08-01"),
        (Tanggal(2016, 1, 1), "1 Januari 2016", "2016-01-01"),
        (Tanggal(2023, 7, 28), "28 Juli 2023", "2023-07-28"),
        (Tanggal(2020, 11, 30), "30 November 2020", "2020-11-30"),
        (Tanggal(2023, 1), "Januari 2023", "2023-01"),
        (Tanggal(2024, 12), "Desember 2024", "2024-12"),
    ],
)
def test_long_form_and_iso(tanggal: Tanggal, long: str, iso: str) -> None:
    assert (tanggal.long(), str(tanggal), tanggal.iso()) == (long, long, iso)


def test_round_trip_through_the_long_form() -> None:
    for month in range(1, 13):
        tanggal = Tanggal(2021, month, 9)
        assert parse_tanggal(tanggal.long()) == tanggal
        assert parse_tanggal(Tanggal(2021, month).long()) == Tanggal(2021, month)


def test_order_puts_a_month_before_its_days() -> None:
    dates = [Tanggal(2023, 1, 2), Tanggal(2022, 12, 31), Tanggal(2023, 1), Tanggal(2023, 1, 1)]
    assert sorted(dates) == [
        Tanggal(2022, 12, 31),
        Tanggal(2023, 1),
        Tanggal(2023, 1, 1),
        Tanggal(2023, 1, 2),
    ]
    assert max(dates) == Tanggal(2023, 1, 2)


def test_impossible_tanggal_cannot_be_made() -> None:
    with pytest.raises(ValueError):
        Tanggal(2019, 2, 31)


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), ("  ", True), ("-", True), ("null", True), ("~", True), ("1 Mei 2020", False)],
)
def test_blank(text: str, blank: bool) -> None:
    assert is_blank(text) is blank
