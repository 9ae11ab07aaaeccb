"""Change notices: the page "Perubahan terbaru" (the newest changes across the portal,
overall and per unit), the unit pages' section of the same, and the Atom feeds
(RFC 4287) `perubahan.xml` and `<url_unit>perubahan.xml` staff subscribe to.

An entry is a version of an SOP that readers saw change (`macros/riwayat.py`): a new
SOP, a revision, a change of status, or the SOP's deletion. Versions that do not
validate never reached the portal and are no entry. Entries are newest first (the
commit's date; an uncommitted version takes the build date, so `SOURCE_DATE_EPOCH`
makes the feeds reproducible), ties by SOP id. An entry's id is a `urn:uuid:` (UUID
version 5) of the SOP id and its version code, the same in every build.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from ..dates import Tanggal
from ..index import Portal, Unit, sop_url
from ..riwayat import Riwayat, Versi
from . import render_template
from .riwayat import versi_url

FEED = "perubahan.xml"
PAGE = "perubahan/"  # the portal-wide page
TITLE = "Perubahan Terbaru"
FEED_ENTRIES = 50  # entries in a feed
PAGE_ENTRIES = 100  # entries on the portal-wide page
UNIT_ENTRIES = 10  # entries on a unit page
ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-5b7a-9c4e-2a1d7b3e9f60")  # this portal generator's

JENIS = {"baru": "SOP baru", "revisi": "Revisi", "status": "Status diubah", "dihapus": "Dihapus"}
_STATUS_TITLE = {"berlaku": "Mulai berlaku", "konsep": "Kembali menjadi konsep", "dicabut": "Dicabut"}


@dataclass(frozen=True)
class Kabar:
    """One change readers saw: `jenis` baru, revisi, status or dihapus."""

    jenis: str
    nama: str  # the SOP's name in that version (for a deletion: its last)
    judul: str  # the entry's title
    ringkasan: str  # what changed, in words
    versi: Versi  # the version (for a deletion: the deletion; `kode` is the last valid one's)
    kode: str  # the version code its link leads to (v/<kode>/)
    sop_id: str  # the SOP's id in that version
    halaman: str | None  # the SOP's page today (None: no longer in the portal)
    instansi: str
    unit: str
    waktu: datetime  # timezone-aware

    @property
    def tanda(self) -> str:
        """What happened, as its title says it ("Revisi", "Dicabut", "SOP baru"...)."""
        return self.judul.removesuffix(f": {self.nama}")

    @property
    def id(self) -> str:
        key = f"{self.sop_id}/{self.kode}"
        if self.jenis == "dihapus":
            key += f"/dihapus/{self.versi.commit}"
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def _title(jenis: str, nama: str, status: str | None) -> str:
    if jenis == "baru":
        return f"SOP baru: {nama}"
    if jenis == "status":
        return f"{_STATUS_TITLE.get(status or '', 'Status diubah')}: {nama}"
    if jenis == "dihapus":
        return f"Dihapus dari portal: {nama}"
    return f"Revisi: {nama}"


def kabar(riwayat: Riwayat, today: date) -> list[Kabar]:
    """Every change of every SOP, newest first; none without a history (no git, a
    shallow clone: when the SOPs changed is not known)."""
    if riwayat.notice:
        return []
    built = datetime.combine(today, time(), UTC)  # an uncommitted version's date
    out: list[Kabar] = []
    for history in riwayat.histories:
        page = history.sop_id if history.current else None
        last: Versi | None = None  # the last valid version
        for version in history.versions:
            if version.dihapus and last is not None and last.kode:
                jenis, shown = "dihapus", last
            elif not version.valid or (last is not None and last.kode == version.kode):
                continue  # never shown, or shown already (again valid after a broken version)
            elif last is None:
                jenis, shown = "baru", version
            else:
                jenis, shown = ("status" if last.status != version.status else "revisi"), version
            out.append(
                Kabar(
                    jenis,
                    shown.nama,
                    _title(jenis, shown.nama, shown.status),
                    "; ".join(version.perubahan),
                    version,
                    shown.kode or "",
                    shown.sop_id,
                    page,
                    shown.instansi,
                    shown.unit,
                    version.waktu or built,
                )
            )
            last = None if jenis == "dihapus" else version
    out.sort(key=lambda k: k.sop_id)
    out.sort(key=lambda k: k.waktu, reverse=True)
    return out


PerUnit = dict[tuple[str, str], list[Kabar]]  # (instansi, unit) -> its changes, newest first


def by_unit(entries: list[Kabar]) -> PerUnit:
    """Every unit's changes, in one pass over them all (pages, feeds and the preview
    each ask per unit)."""
    grouped: PerUnit = {}
    for entry in entries:
        grouped.setdefault((entry.instansi, entry.unit), []).append(entry)
    return grouped


def of_unit(grouped: PerUnit, unit: Unit) -> list[Kabar]:
    return grouped.get((unit.instansi, unit.unit), [])


def unit_feed(unit: Unit) -> str:
    """The feed of a unit, relative to the site root."""
    return f"{unit.url}{FEED}"


# ---------------------------------------------------------------- pages


def render_kabar_page(
    portal: Portal, entries: list[Kabar], grouped: PerUnit, root: str, notice: str | None = None
) -> str:
    """The portal-wide page: the newest changes, and per unit (`grouped`: `by_unit`) its
    latest and its feed; `notice`: why there is no history."""
    units = [(u, of_unit(grouped, u)) for u in portal.units]
    return render_template(
        "kabar.html",
        entries=entries[:PAGE_ENTRIES],
        total=len(entries),
        units=units,
        notice=notice,
        root=root,
        feed=FEED,
        unit_feed=unit_feed,
        **_shown(),
    )


def render_unit_kabar(mine: list[Kabar], unit: Unit, root: str) -> str:
    """The section "Perubahan terbaru" of a unit page: `mine`, the unit's changes."""
    return render_template(
        "unit_kabar.html",
        entries=mine[:UNIT_ENTRIES],
        total=len(mine),
        root=root,
        feed=unit_feed(unit),
        page=PAGE,
        **_shown(),
    )


def _shown() -> dict[str, object]:
    return {
        "versi_url": versi_url,
        "JENIS": JENIS,
        "hari": lambda k: Tanggal.of(k.waktu).long(),
    }


# ---------------------------------------------------------------- Atom


def render_feed(
    entries: list[Kabar],
    *,
    title: str,
    path: str,
    page: str,
    author: str,
    site_url: str | None,
    today: date,
) -> str:
    """An Atom feed (RFC 4287) of the newest `FEED_ENTRIES` entries. `path`: the feed's
    place in the site, `page`: the page it is the feed of (both relative to the site
    root). Links are absolute with the site's address, else relative to the feed."""
    base = site_url.rstrip("/") + "/" if site_url else "../" * path.count("/")
    ElementTree.register_namespace("", ATOM)

    def el(parent: Element, name: str, text: str | None = None, **attrs: str) -> Element:
        node = ElementTree.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        node.text = text
        return node

    shown = entries[:FEED_ENTRIES]
    built = datetime.combine(today, time(), UTC)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    el(feed, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, (site_url or '') + '|' + path)}")
    el(feed, "title", title)
    el(feed, "updated", _rfc3339(max((k.waktu for k in shown), default=built)))
    el(feed, "link", rel="self", type="application/atom+xml", href=base + path if site_url else _self(path))
    el(feed, "link", rel="alternate", type="text/html", href=base + page)
    author_el = el(feed, "author")
    el(author_el, "name", author)
    el(feed, "generator", "Portal SOP")
    for k in shown:
        entry = el(feed, "entry")
        el(entry, "id", k.id)
        el(entry, "title", k.judul)
        el(entry, "updated", _rfc3339(k.waktu))
        el(entry, "link", rel="alternate", type="text/html", href=base + versi_url(k.kode))
        if k.halaman:
            el(entry, "link", rel="related", type="text/html", href=base + sop_url(k.halaman))
        el(entry, "summary", k.ringkasan or k.judul)
        el(entry, "category", term=k.jenis, label=JENIS[k.jenis])
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _self(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _rfc3339(when: datetime) -> str:
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


__all__ = [
    "FEED",
    "JENIS",
    "PAGE",
    "TITLE",
    "Kabar",
    "by_unit",
    "kabar",
    "of_unit",
    "render_feed",
    "render_kabar_page",
    "render_unit_kabar",
    "unit_feed",
]
