"""Indonesian dates: read the forms editors write, show the long form.

Accepted: ISO `2019-08-01`, the printed long form `1 Agustus 2019` / `01 Agustus 2019`
(month names in Indonesian, any case), and month-only `Januari 2023` / `2023-01`.
Empty, `null` and `-` mean no date. Month names come from Babel's Indonesian locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, total_ordering

from babel.dates import format_date, get_month_names

_LOCALE = "id"
_MONTHS: dict[str, int] = {}
for _width in ("wide", "abbreviated"):
    for _number, _name in get_month_names(_width, locale=_LOCALE).items():
        _MONTHS[_name.lower()] = _number
_MONTHS["nopember"] = 11  # a common spelling on older documents
_MONTHS["pebruari"] = 2

# ASCII digits only: `\d` and int() also take superscript, fullwidth or Arabic-Indic digits.
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?$")
_LONG = re.compile(r"^(?:([0-9]{1,2})\s+)?([A-Za-z]+)\.?\s+([0-9]{4})$")

EXPECTED = "tanggal seperti 2019-08-01 atau 1 Agustus 2019 (atau bulan saja: Januari 2023)"


@total_ordering
@dataclass(frozen=True)
class Tanggal:
    """A calendar date, or a month when the paper gives only the month."""

    year: int
    month: int
    day: int | None = None

    def __post_init__(self) -> None:
        _ = self.as_date  # raises ValueError when impossible (day 0 included)

    @classmethod
    def of(cls, day: date) -> Tanggal:
        """The day of a `date` (or a `datetime`)."""
        return cls(day.year, day.month, day.day)

    @property
    def as_date(self) -> date:
        return date(self.year, self.month, 1 if self.day is None else self.day)

    def iso(self) -> str:
        """ISO 8601: `2019-08-01`, or `2023-01` for a month."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def long(self) -> str:
        """The Indonesian long form: `1 Agustus 2019`, or `Januari 2023`."""
        return _long(self.year, self.month, self.day)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tanggal):
            return NotImplemented
        return (self.year, self.month, self.day or 0) < (other.year, other.month, other.day or 0)

    def __str__(self) -> str:
        return self.long()


@lru_cache(maxsize=4096)
def _long(year: int, month: int, day: int | None) -> str:
    """Babel's formatting, once per date (catalogs show thousands of dates)."""
    pattern = "MMMM y" if day is None else "d MMMM y"
    return format_date(date(year, month, 1 if day is None else day), format=pattern, locale=_LOCALE)


def is_blank(text: str) -> bool:
    return text.strip() in ("", "-", "null", "~")


class TanggalError(ValueError):
    """A date that cannot be read; its text is the reason, in Indonesian."""


def parse_tanggal(text: str) -> Tanggal:
    """Read a date as editors write it; raise TanggalError if its form cannot be read,
    ValueError if it names no real day (31 Februari)."""
    value = " ".join(text.split())
    iso = _ISO.match(value)
    if iso:
        year, month, day = iso.groups()
        return Tanggal(int(year), int(month), int(day) if day else None)
    long = _LONG.match(value)
    if long:
        day, month_name, year = long.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise TanggalError(f"nama bulan '{month_name}' tidak dikenal")
        return Tanggal(int(year), month, int(day) if day else None)
    other = next((c for c in value if c.isdigit() and c not in "0123456789"), None)
    if other is not None:
        raise TanggalError(f"angka ditulis dengan 0-9 saja, ditemukan '{other}'")
    raise TanggalError("bentuk tanggal tidak dikenal")
