"""Reading Waktu (free text as printed) and adding it up along the main path.

`10 menit`, `1 Jam`, `1-3 Hari`, `30 menit - 3 Jam`, `1 minggu`, `3 hari kerja`,
`1,5 jam` are read; `-` or empty means no time. Seconds, minutes and hours carry
into each other; days, working days, weeks, months and years are kept apart,
because an SOP's "1 hari" is not 24 hours and a working day is not a calendar day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

# Unit name as shown -> words that mean it (lowercase).
UNITS: dict[str, tuple[str, ...]] = {
    "detik": ("detik", "dtk"),
    "menit": ("menit", "mnt"),
    "jam": ("jam",),
    "hari kerja": ("hari kerja", "hk"),
    "hari": ("hari",),
    "minggu": ("minggu", "pekan"),
    "bulan": ("bulan",),
    "tahun": ("tahun",),
}
ORDER = ("tahun", "bulan", "minggu", "hari kerja", "hari", "jam", "menit", "detik")
_SECONDS = {"detik": 1, "menit": 60, "jam": 3600}

_WORD = "|".join(sorted((w for ws in UNITS.values() for w in ws), key=len, reverse=True))
_NUM = r"[0-9]+(?:[.,][0-9]+)?"  # ASCII digits (`\d` takes '²' and '١' too)
_PATTERN = re.compile(
    rf"^(?P<a>{_NUM})\s*(?P<ua>{_WORD})?\s*(?:(?:-|–|—|s\.?\s*d\.?|sampai|hingga)\s*"
    rf"(?P<b>{_NUM})\s*)?(?P<ub>{_WORD})$",
    re.IGNORECASE,
)
_UNIT_OF = {w: unit for unit, words in UNITS.items() for w in words}
_PART = re.compile(rf"({_NUM})\s*({_WORD})", re.IGNORECASE)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


@dataclass(frozen=True)
class Amount:
    """An amount of time kept per unit kind; seconds hold detik, menit and jam."""

    parts: tuple[tuple[str, Decimal], ...] = ()

    @classmethod
    def of(cls, value: Decimal, unit: str) -> Amount:
        if unit in _SECONDS:
            return cls((("detik", value * _SECONDS[unit]),))
        return cls(((unit, value),))

    def __add__(self, other: Amount) -> Amount:
        total: dict[str, Decimal] = dict(self.parts)
        for unit, value in other.parts:
            total[unit] = total.get(unit, Decimal(0)) + value
        return Amount(tuple((u, total[u]) for u in ORDER if total.get(u)))

    def __bool__(self) -> bool:
        return any(v for _, v in self.parts)

    def text(self) -> str:
        """Indonesian text: `3 hari 2 jam 35 menit`."""
        values = dict(self.parts)
        out: list[str] = []
        for unit in ORDER:
            if unit in _SECONDS:
                continue
            if values.get(unit):
                out.append(f"{_fmt(values[unit])} {unit}")
        seconds = values.get("detik", Decimal(0))
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        for value, unit in ((hours, "jam"), (minutes, "menit"), (secs, "detik")):
            if value:
                out.append(f"{_fmt(value)} {unit}")
        return " ".join(out) or "0 menit"

    def text_by_kind(self) -> str:
        """As `text`, with working days set apart from calendar time when both occur
        (they do not add up): `1 hari kerja + 2 hari 1 jam`."""
        working = [part for part in self.parts if part[0] == "hari kerja"]
        rest = [part for part in self.parts if part[0] != "hari kerja"]
        if not working or not rest:
            return self.text()
        return f"{Amount(tuple(working)).text()} + {Amount(tuple(rest)).text()}"


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Waktu:
    """A step's time: as written, and read as a range when it can be."""

    text: str
    low: Amount | None = None
    high: Amount | None = None

    @property
    def readable(self) -> bool:
        return self.low is not None

    @property
    def blank(self) -> bool:
        return self.text.strip() in ("", "-")


# A number of Waktu has at most this many digits (a step takes 999999 days at most);
# longer ones are refused by the model (`long_number`), and reading never sees them,
# so reading stays linear in the text (a run of n digits costs the patterns n^2).
MAX_DIGITS = 6
_DIGIT_RUN = re.compile(r"[0-9]+")


def long_number(text: str) -> str | None:
    """The first run of digits longer than MAX_DIGITS, if any."""
    return next((m[0] for m in _DIGIT_RUN.finditer(text) if len(m[0]) > MAX_DIGITS), None)


def parse_waktu(text: str) -> Waktu:
    """Read a Waktu text; unreadable text keeps low/high None."""
    value = " ".join(text.split())
    if value in ("", "-"):
        return Waktu(text, Amount(), Amount())
    if long_number(value) is not None:
        return Waktu(text)
    match = _PATTERN.match(value)
    if not match:
        return _compound(text, value)
    unit_b = _UNIT_OF[match["ub"].lower()]
    unit_a = _UNIT_OF[match["ua"].lower()] if match["ua"] else unit_b
    if match["b"] is None:
        if match["ua"]:  # '10 menit menit'
            return Waktu(text)
        amount = Amount.of(_number(match["a"]), unit_b)
        return Waktu(text, amount, amount)
    return Waktu(text, Amount.of(_number(match["a"]), unit_a), Amount.of(_number(match["b"]), unit_b))


def _compound(text: str, value: str) -> Waktu:
    """'2 jam 30 menit': several amounts written one after another."""
    parts = _PART.findall(value)
    if len(parts) < 2 or _PART.sub("", value).strip():
        return Waktu(text)
    amount = Amount()
    for number, word in parts:
        amount = amount + Amount.of(_number(number), _UNIT_OF[word.lower()])
    return Waktu(text, amount, amount)


@dataclass(frozen=True)
class Total:
    """The total time of the main path."""

    low: Amount = field(default_factory=Amount)
    high: Amount = field(default_factory=Amount)
    unreadable: tuple[int, ...] = ()  # step numbers whose Waktu could not be read

    @property
    def complete(self) -> bool:
        return not self.unreadable

    def text(self) -> str:
        low, high = self.low.text(), self.high.text()
        return low if low == high else f"{low} – {high}"

    def shown(self) -> str:
        """What a page shows: working days and calendar time apart (`text_by_kind`),
        a range's ends in brackets when they are such sums."""
        low, high = self.low.text_by_kind(), self.high.text_by_kind()
        if low == high:
            return low
        if " + " in low or " + " in high:
            return f"({low}) – ({high})"
        return f"{low} – {high}"


def total_of(steps: Iterable[tuple[int, Waktu | None]]) -> Total:
    low, high, unreadable = Amount(), Amount(), []
    for number, waktu in steps:
        if waktu is None:
            continue
        if not waktu.readable:
            unreadable.append(number)
            continue
        assert waktu.low is not None and waktu.high is not None
        low, high = low + waktu.low, high + waktu.high
    return Total(low, high, tuple(unreadable))
