"""Which version is in force, on the pages: an SOP's "Riwayat" section (its versions,
newest first, with what changed in words) and the verification page of a version
(`v/<versi>/`, where the QR code of a printed copy leads). Fed by `macros/riwayat.py`."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from markupsafe import Markup

from ..index import Portal
from ..riwayat import Putusan, Riwayat, RiwayatSop, Versi, tanggal_of, verdicts
from ..versi import versi_record
from . import render_template

VERSI_DIR = "v"


def versi_url(kode: str) -> str:
    """The verification page of a version, relative to the site root."""
    return f"{VERSI_DIR}/{kode}/"


def versi_address(site_url: str, kode: str) -> str:
    """The public address of a verification page (its canonical link, its sitemap entry)."""
    return site_url.rstrip("/") + "/" + versi_url(kode)


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
    canonical = versi_address(site_url, kode) if site_url else None
    return render_template(
        "versi_halaman.html", kode=kode, isi=isi, site_name=site_name, root=root, canonical=canonical
    )


def current_versions(portal: Portal, riwayat: Riwayat) -> list[str]:
    """The version codes of today's SOPs (in force, draft or revoked) that have a
    verification page, in the order of the SOP ids, each once."""
    codes = (versi_record(record) for record in portal.records)
    return list(dict.fromkeys(kode for kode in codes if kode in riwayat.by_kode))


def sitemap_with_versions(sitemap: str, portal: Portal, riwayat: Riwayat, site_url: str | None) -> str:
    """The site's sitemap.xml (as MkDocs wrote it: one <url> per page) with the
    verification page of every SOP's current version added, dated like the pages (the
    build date). Superseded versions are left out: they are reached from the Riwayat of
    their SOP and by the QR codes of old copies, and would grow the sitemap with every
    revision, past the protocol's 50,000 addresses per file. Without `site_url` MkDocs
    lists no page, and this adds none."""
    end = sitemap.rfind("</urlset>")
    if not site_url or end < 0:
        return sitemap
    lastmod = portal.hari_ini.isoformat()
    entries = "".join(
        f"\n    <url>\n         <loc>{escape(versi_address(site_url, kode))}</loc>\n"
        f"         <lastmod>{lastmod}</lastmod>\n    </url>"
        for kode in current_versions(portal, riwayat)
    )
    head = sitemap[:end].rstrip()
    return f"{head}{entries}\n{sitemap[end:]}"


__all__ = [
    "VERSI_DIR",
    "current_versions",
    "render_sop_riwayat",
    "render_versi_document",
    "render_versi_page",
    "sitemap_with_versions",
    "versi_address",
    "versi_url",
]
