"""Review periods and the calendar of monitoring and evaluation.

`tinjau_setiap` (`6 bulan`, `1 tahun`, `2 tahun`) is read as `waktu` reads a duration,
limited to whole calendar units (hari, minggu, bulan, tahun): a review period is a
date on the calendar, never working days. Adding months keeps the day of the month
and falls back to the month's last day (31 Agustus + 6 bulan = 28 or 29 Februari,
29 Februari + 1 tahun = 28 Februari). The build date is `SOURCE_DATE_EPOCH` when set
(a reproducible build), else today.
"""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .durations import parse_waktu

DEFAULT_SETIAP = "1 tahun"
MONITORING_SETIAP = "6 bulan"  # Permenpan-RB 35/2012: monitoring every six months
_UNITS = ("hari", "minggu", "bulan", "tahun")
SETIAP_EXPECTED = (
    "jangka waktu seperti 6 bulan, 1 tahun atau 2 tahun (hari, minggu, bulan atau tahun, bilangan bulat)"
)


@dataclass(frozen=True)
class Setiap:
    """A whole number of calendar units."""

    jumlah: int
    satuan: str  # one of _UNITS

    def text(self) -> str:
        return f"{self.jumlah} {self.satuan}"

    def after(self, start: date) -> date:
        """The date `self` after `start`."""
        if self.satuan == "hari":
            return start + timedelta(days=self.jumlah)
        if self.satuan == "minggu":
            return start + timedelta(weeks=self.jumlah)
        months = self.jumlah * (12 if self.satuan == "tahun" else 1)
        return add_months(start, months)


def add_months(start: date, months: int) -> date:
    """`start` plus whole months; a day the target month lacks becomes its last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def parse_setiap(text: str) -> Setiap:
    """Read a review period; raise ValueError with the Indonesian reason."""
    waktu = parse_waktu(text)
    if waktu.blank or not waktu.readable or waktu.low != waktu.high or waktu.low is None:
        raise ValueError(f"diharapkan {SETIAP_EXPECTED}, ditemukan '{text.strip()}'")
    parts = waktu.low.parts
    if len(parts) != 1 or parts[0][0] not in _UNITS:
        raise ValueError(f"diharapkan {SETIAP_EXPECTED}, ditemukan '{text.strip()}'")
    unit, value = parts[0]
    if value != value.to_integral_value() or value < 1:
        raise ValueError(f"diharapkan {SETIAP_EXPECTED}, ditemukan '{text.strip()}'")
    return Setiap(int(value), unit)


MONITORING = parse_setiap(MONITORING_SETIAP)


def _tinjau_setiap(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str):
        kind = "angka" if isinstance(value, (int, float)) and not isinstance(value, bool) else "nilai"
        raise PydanticCustomError(
            "tinjau_setiap",
            "diharapkan {expected}, ditemukan {kind} '{found}'",
            {"expected": SETIAP_EXPECTED, "kind": kind, "found": str(value).lower()},
        )
    text = " ".join(value.split())
    if not text:
        return None
    try:
        parse_setiap(text)
    except ValueError as exc:
        raise PydanticCustomError("tinjau_setiap", str(exc)) from None
    return text


TinjauSetiap = Annotated[
    str | None,
    BeforeValidator(_tinjau_setiap),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": r"^\s*[0-9]+\s*(hari|minggu|pekan|bulan|tahun)\s*$",
                },
                {"type": "null"},
            ]
        }
    ),
]


def site_setiap(options: object) -> Setiap:
    """The site-wide review period, `extra.portal_sop.tinjau_setiap` in mkdocs.yml
    (default 1 tahun). Raises ValueError with the message for the editor."""
    value = options.get("tinjau_setiap") if isinstance(options, dict) else None
    if value is None or (isinstance(value, str) and not value.strip()):
        return parse_setiap(DEFAULT_SETIAP)
    if not isinstance(value, str):
        raise ValueError(f"extra.portal_sop.tinjau_setiap: diharapkan {SETIAP_EXPECTED}, ditemukan {value!r}")
    try:
        return parse_setiap(value)
    except ValueError as exc:
        raise ValueError(f"extra.portal_sop.tinjau_setiap: {exc}") from None


def build_date(environ: dict[str, str] | None = None) -> date:
    """The build's date: `SOURCE_DATE_EPOCH` (seconds, UTC) when set, else today."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                f"SOURCE_DATE_EPOCH: diharapkan bilangan detik sejak 1970-01-01, ditemukan '{epoch}'"
            ) from None
    return date.today()


@dataclass(frozen=True)
class Semester:
    """A monitoring period: the first or second half of a year."""

    tahun: int
    ke: int  # 1 or 2

    @classmethod
    def of(cls, day: date) -> Semester:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def mulai(self) -> date:
        return date(self.tahun, 1 if self.ke == 1 else 7, 1)

    @property
    def akhir(self) -> date:
        return date(self.tahun, 6, 30) if self.ke == 1 else date(self.tahun, 12, 31)

    def contains(self, day: date) -> bool:
        return self.mulai <= day <= self.akhir

    def label(self) -> str:
        return f"Semester {'I' * self.ke} {self.tahun}"

    def slug(self) -> str:
        return f"{self.tahun}-semester-{self.ke}"


__all__ = [
    "DEFAULT_SETIAP",
    "MONITORING",
    "Semester",
    "Setiap",
    "TinjauSetiap",
    "add_months",
    "build_date",
    "parse_setiap",
    "site_setiap",
]
