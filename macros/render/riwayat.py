"""Which version is in force, on the pages: an SOP's "Riwayat" section (its versions,
newest first, with what changed in words) and the verification page of a version
(`v/<versi>/`, where the QR code of a printed copy leads). Fed by `macros/riwayat.py`."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from ..index import Portal
from ..riwayat import Putusan, Riwayat, RiwayatSop, Versi, tanggal_of, verdicts
from . import render_template

VERSI_DIR = "v"


def versi_url(kode: str) -> str:
    """The verification page of a version, relative to the site root."""
    return f"{VERSI_DIR}/{kode}/"


def _shown(today: date) -> dict[str, object]:
    return {"versi_url": versi_url, "hari": lambda v: tanggal_of(v, today).long()}


def render_sop_riwayat(riwayat: Riwayat, history: RiwayatSop | None, root: str, today: date) -> str:
    """The "Riwayat" section of an SOP page."""
    versions: list[Versi] = history.newest_first() if history else []
    return render_template(
        "sop_riwayat.html", versions=versions, notice=riwayat.notice, root=root, **_shown(today)
    )


def render_versi_page(portal: Portal, riwayat: Riwayat, kode: str, root: str) -> str:
    """The verification page of a version code: the verdict for each SOP that had it."""
    found: list[Putusan] = verdicts(riwayat, kode, portal.hari_ini)
    return render_template(
        "versi.html",
        kode=kode,
        verdicts=found,
        portal=portal,
        notice=riwayat.notice,
        root=root,
        **_shown(portal.hari_ini),
    )


def render_versi_document(
    portal: Portal, riwayat: Riwayat, kode: str, site_name: str, site_url: str | None
) -> str:
    """The verification page `v/<kode>/index.html` as a whole, self-contained document:
    a page through the theme would weigh about 20 KB and take a site build's time per
    page, for three pages per SOP and more."""
    root = "../../"
    isi = Markup(render_versi_page(portal, riwayat, kode, root))
    canonical = site_url.rstrip("/") + "/" + versi_url(kode) if site_url else None
    return render_template(
        "versi_halaman.html", kode=kode, isi=isi, site_name=site_name, root=root, canonical=canonical
    )


__all__ = ["VERSI_DIR", "render_sop_riwayat", "render_versi_document", "render_versi_page", "versi_url"]
