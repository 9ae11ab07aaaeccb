"""The print parts of an SOP page: the page setup and furniture (paper size, margins,
page numbers, the QR code of an SOP in force, the KONSEP/DICABUT watermark) and the
page plan of the procedure table (`print_layout`), fed by the validated model.

The page setup is a <style> written into the SOP page, so the paper size is a site
setting: `@page` with its size and margin boxes, and the print sizes as CSS custom
properties for `docs/assets/print.css`. Chromium 131 and later print CSS margin boxes
(page numbers, QR code) in its own print dialog and in the PDF export alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .. import print_layout
from ..index import JENIS_LABEL, Portal, sop_url
from ..loader import SopRecord
from ..model import Rujukan, Sop
from ..print_layout import DEFAULT_KERTAS, PX, Bagan, IdentityText, Kertas, PrintPlan, RowText
from ..versi import versi_record
from . import render_template, tanggal
from .flowchart_svg import Drawing, connector_width
from .qr import qr_data_uri
from .riwayat import versi_url
from .rows import Row


@dataclass(frozen=True)
class PrintSettings:
    """The site's print settings (mkdocs.yml `extra: portal_sop:` and `site_url`)."""

    kertas: Kertas = DEFAULT_KERTAS
    site_url: str | None = None  # the public site's address; None: no QR code
    pdf: bool = False  # the build publishes PDFs (make pdf): pages link to them
    qr_cache: Path | None = None  # where QR codes are kept between builds (render/qr.py)

    def public_url(self, sop_id: str) -> str | None:
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + sop_url(sop_id)

    def check_url(self, kode: str) -> str | None:
        """The public verification page of a version code (where the QR code leads)."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + versi_url(kode)


def css_string(text: str) -> str:
    """A CSS string literal holding any text: everything but plain letters, digits and a
    few safe marks is a hex escape, so nothing can end the string or the <style>."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:-()")
    out = []
    for char in text:
        if char == "\n":
            out.append("\\A ")
        elif char in safe:
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")  # the space ends the escape (and is eaten)
    return '"' + "".join(out) + '"'


def footer_text(sop: Sop, public_url: str | None, versi: str) -> str:
    """The middle of every page's footer: what the paper is, its version code, and
    where the original is."""
    name = sop.nama + (f" · Nomor {sop.nomor}" if sop.nomor else "") + f" · Kode versi: {versi}"
    if sop.status == "konsep":
        return f"KONSEP, belum disahkan: tidak berlaku sebagai pedoman resmi.\n{name}"
    if sop.status == "dicabut":
        return f"DICABUT: SOP ini tidak berlaku lagi.\n{name}"
    if public_url:
        return f"{name}\nPeriksa keberlakuan: {public_url}"
    return name


def render_cetak(record: SopRecord, root: str, settings: PrintSettings) -> str:
    """The page setup and furniture of an SOP page (see the module docstring)."""
    sop = record.sop
    versi = versi_record(record)
    public_url = settings.check_url(versi) if sop.status == "berlaku" else None
    qr = qr_data_uri(public_url, settings.qr_cache) if public_url else None
    return render_template(
        "sop_cetak.html",
        record=record,
        root=root,
        kertas=settings.kertas,
        margins=Markup(
            f"{print_layout.MARGIN_TOP:g}mm {print_layout.MARGIN_SIDE:g}mm "
            f"{print_layout.MARGIN_BOTTOM:g}mm {print_layout.MARGIN_SIDE:g}mm"
        ),
        variables=Markup(print_layout.css_variables()),
        footer=Markup(css_string(footer_text(sop, public_url, versi))),
        qr=Markup(css_string(qr)) if qr else None,
        public_url=public_url,
        pdf_url=f"{root}pdf/{record.id}.pdf" if settings.pdf else None,
    )


# ----------------------------------------------------------------- the page plan


def _lines(values: Sequence[str]) -> list[str]:
    return [str(v) for v in values]


def identity_text(portal: Portal, record: SopRecord) -> IdentityText:
    sop = record.sop
    contacts = [
        f"{label}: {value}"
        for label, value in (("Telepon", sop.telepon), ("Email", sop.email), ("Website", sop.website))
        if value
    ]
    pengesah = sop.disahkan_oleh
    related = []
    for item in sop.keterkaitan:
        if isinstance(item, Rujukan):
            target = portal.by_id.get(item.sop)
            related.append(f"{JENIS_LABEL[item.jenis]}: {target.sop.nama if target else item.sop}")
        else:
            related.append(item)
    return IdentityText(
        kop=[sop.instansi, sop.unit],
        kop_small=[t for t in (sop.alamat, "   ".join(contacts)) if t],
        has_logo=bool(sop.logo),
        fields=[
            sop.nomor or "-",
            tanggal(sop.tanggal_pembuatan),
            tanggal(sop.tanggal_revisi),
            tanggal(sop.tanggal_efektif),
        ],
        pengesah=[
            t
            for t in (
                pengesah.jabatan,
                pengesah.nama or "-",
                pengesah.pangkat,
                f"NIP. {pengesah.nip}" if pengesah.nip else None,
            )
            if t
        ],
        nama=sop.nama,
        boxes=[
            _lines(sop.dasar_hukum),
            _lines(sop.kualifikasi_pelaksana),
            related,
            _lines(sop.peralatan_perlengkapan),
            _lines(sop.peringatan),
            _lines(sop.pencatatan_pendataan),
        ],
    )


def row_texts(portal: Portal, rows: Sequence[Row], chart: Drawing) -> list[RowText]:
    out = []
    for row in rows:
        top, bottom = chart.reach(row.number)
        step = row.step
        notes = [step.keterangan] if step.keterangan else []
        if step.sop:
            target = portal.by_id.get(step.sop)
            notes.append("Melalui SOP: " + (target.sop.nama if target else step.sop))
        if row.flow:
            notes.append(row.flow)
        out.append(
            RowText(
                kegiatan=step.kegiatan,
                kelengkapan=_lines(step.kelengkapan),
                waktu=step.waktu or "",
                output=_lines(step.output),
                keterangan=notes,
                bagan=Bagan(
                    top * PX,
                    bottom * PX,
                    max(0, chart.edge_reach(row.number, below=False) - top) * PX,
                    max(0, chart.edge_reach(row.number, below=True) - bottom) * PX,
                ),
            )
        )
    return out


def print_plan(
    portal: Portal, record: SopRecord, rows: Sequence[Row], kertas: Kertas, chart: Drawing
) -> PrintPlan:
    """Where the printed procedure table of an SOP breaks into pages, on a paper size,
    for its flowchart `chart` (the columns' widths and the rows' needs). A pelaksana
    column holding an off-page connector at a break is made wide enough to keep it clear
    of its sides (`connector_width`), and the pages planned again (rarely: a connector
    on a side lane of a narrow column)."""
    roles = record.sop.pelaksana
    texts, ident = row_texts(portal, rows, chart), identity_text(portal, record)
    role_px = [chart.width(k) for k in range(len(roles))]
    while True:
        plan = print_layout.plan_pages(kertas, roles, role_px, texts, ident)
        needs = [connector_width(chart.layout, k, plan.breaks) for k in range(len(roles))]
        narrow = [k for k, need in enumerate(needs) if plan.columns.roles[k] / PX < need - 0.01]
        if not narrow:
            return plan
        # widths only grow, to one of finitely many needs: this ends
        role_px = [max(px, needs[k]) if k in narrow else px for k, px in enumerate(role_px)]


_TRUE = {"1", "true", "yes", "ya", "on"}


def print_settings(options: object, site_url: str | None, qr_cache: Path | None = None) -> PrintSettings:
    """The print settings from mkdocs.yml: `extra: portal_sop:` (a mapping with `kertas`
    and `pdf`) and `site_url`; `qr_cache` as given. Raises ValueError with the message
    for the editor."""
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise ValueError(f"extra.portal_sop: diharapkan pemetaan (kertas, pdf), ditemukan {options!r}")
    unknown = sorted(set(options) - {"kertas", "pdf", "tinjau_setiap"})
    if unknown:
        found = ", ".join(map(repr, unknown))
        raise ValueError(
            f"extra.portal_sop: kunci tidak dikenal {found}: diharapkan kertas, pdf, tinjau_setiap"
        )
    pdf = options.get("pdf")
    return PrintSettings(
        kertas=print_layout.resolve_kertas(options.get("kertas")),
        site_url=site_url or None,
        pdf=pdf is True or str(pdf).strip().lower() in _TRUE,
        qr_cache=qr_cache,
    )


NO_SITE_URL = (
    "site_url tidak diisi di mkdocs.yml: SOP yang berlaku dicetak tanpa kode QR (kode QR "
    "menautkan salinan kertas ke halamannya di portal). Isi site_url dengan alamat publik portal."
)


__all__ = [
    "NO_SITE_URL",
    "PrintSettings",
    "css_string",
    "footer_text",
    "print_plan",
    "print_settings",
    "render_cetak",
]
