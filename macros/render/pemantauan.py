"""After signing, on the pages: an SOP's overdue notice and its "Pemantauan dan
evaluasi" section, a unit's monitoring page (`<url_unit>pemantauan/`: the state at a
glance, the latest rounds as the official tables, the blank forms to print) and the
portal-wide page (`pemantauan/`). Fed by `macros/tinjau.py`; the forms print landscape
on the site's paper (`extra.portal_sop.kertas`), their header repeated on every page,
with page numbers, as the SOP print copy does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .. import print_layout
from ..dates import Tanggal
from ..index import Portal, Unit
from ..loader import SopRecord
from ..pemantauan import KRITERIA, PENILAIAN_LABEL, REKOMENDASI_LABEL, Hasil, RecordFile
from ..print_layout import DEFAULT_KERTAS, Kertas
from ..tinjau import Siklus
from . import render_template
from .sop import logo_url

UNIT_PAGE = "pemantauan/"  # below a unit's page: <url_unit>pemantauan/
PORTAL_PAGE = "pemantauan/"  # the portal-wide page, below the site root


def unit_pemantauan_url(unit: Unit) -> str:
    return f"{unit.url}{UNIT_PAGE}"


def _globals() -> dict[str, object]:
    return {
        "KRITERIA": KRITERIA,
        "PENILAIAN_LABEL": PENILAIAN_LABEL,
        "REKOMENDASI_LABEL": REKOMENDASI_LABEL,
        "hari": lambda day: Tanggal.of(day).long() if day else "-",
    }


def render_sop_tinjau(siklus: Siklus, record: SopRecord) -> str:
    """The notice near the top of an SOP page: a review or monitoring overdue, an
    evaluation asking for revision or revocation that still stands. Empty otherwise."""
    state = siklus.of(record.id)
    if not (state.terlambat or state.rekomendasi):
        return ""
    return render_template("sop_tinjau.html", state=state, **_globals())


def render_sop_pemantauan(portal: Portal, siklus: Siklus, record: SopRecord, root: str) -> str:
    """The section "Pemantauan dan evaluasi" of an SOP page."""
    unit = portal.unit_of[record.id]
    return render_template(
        "sop_pemantauan.html",
        record=record,
        state=siklus.of(record.id),
        root=root,
        unit_url=unit_pemantauan_url(unit),
        hari_ini=siklus.hari_ini,
        **_globals(),
    )


@dataclass(frozen=True)
class Formulir:
    """A printable form: blank (a period's) or a filled round."""

    id: str  # the element id (print one form: `#<id>`)
    jenis: str  # monitoring or evaluasi
    judul: str
    periode: str
    rows: Sequence[tuple[SopRecord, Hasil | None]]
    record_file: RecordFile | None = None  # a filled round


Rounds = dict[str, list[tuple[RecordFile, list[Hasil]]]]  # kind -> `Siklus.rounds_of`


def _forms(
    portal: Portal, siklus: Siklus, unit: Unit, rounds: Rounds
) -> tuple[list[Formulir], list[Formulir]]:
    """(the latest filled round of each kind, the two blank forms of the current period)."""
    in_force = [r for r in unit.records if siklus.of(r.id).berlaku]
    filled = []
    for jenis, judul in (("monitoring", "Monitoring terakhir"), ("evaluasi", "Evaluasi terakhir")):
        if rounds[jenis]:
            record_file, results = rounds[jenis][0]
            assert record_file.rekaman is not None
            periode = record_file.rekaman.periode or record_file.rekaman.tanggal.long()
            rows = [(portal.get(h.sop), h) for h in results]
            filled.append(Formulir(f"{jenis}-terakhir", jenis, judul, periode, rows, record_file))
    year = siklus.hari_ini.year
    blank = [
        Formulir(
            "formulir-monitoring",
            "monitoring",
            "Formulir monitoring",
            siklus.semester.label(),
            [(r, None) for r in in_force],
        ),
        Formulir(
            "formulir-evaluasi",
            "evaluasi",
            "Formulir evaluasi",
            f"Tahun {year}",
            [(r, None) for r in in_force],
        ),
    ]
    return filled, blank


# A form's bottom margin holds the page number only (an SOP's also holds its QR code
# and footer: print_layout.MARGIN_BOTTOM).
FORM_MARGIN_BOTTOM = 14.0


def _page_setup(kertas: Kertas) -> Markup:
    """The <style> of a page that prints forms: landscape on the site's paper, page numbers."""
    margins = (
        f"{print_layout.MARGIN_TOP:g}mm {print_layout.MARGIN_SIDE:g}mm {FORM_MARGIN_BOTTOM:g}mm "
        f"{print_layout.MARGIN_SIDE:g}mm"
    )
    return Markup(
        "<style>@page { size: "
        + kertas.css_size
        + "; margin: "
        + margins
        + '; @bottom-right { content: "Hal. " counter(page) " dari " counter(pages); '
        'font: 8pt "Liberation Sans", Arial, Helvetica, sans-serif; color: #222; } }</style>'
    )


def render_unit_pemantauan(
    portal: Portal, siklus: Siklus, unit: Unit, root: str, kertas: Kertas = DEFAULT_KERTAS
) -> str:
    """A unit's monitoring and evaluation page."""
    rounds = {jenis: siklus.rounds_of(unit, jenis) for jenis in ("monitoring", "evaluasi")}
    filled, blank = _forms(portal, siklus, unit, rounds)
    # The letterhead names the unit; its logo is its SOPs' (from _unit.yml). A unit
    # without SOPs has no logo and no form to print, but its page still renders.
    logo = unit.records[0].sop.logo if unit.records else None
    every = sorted(
        [item for items in rounds.values() for item in items],
        key=lambda item: (item[0].rekaman.tanggal, item[0].src) if item[0].rekaman else (None, item[0].src),
        reverse=True,
    )
    return render_template(
        "unit_pemantauan.html",
        unit=unit,
        root=root,
        ringkasan=siklus.ringkasan(unit),
        states=[
            (r, siklus.of(r.id))
            for r in unit.records
            if siklus.of(r.id).berlaku or siklus.of(r.id).monitoring
        ],
        jadwal=siklus.jadwal([unit]),
        filled=filled,
        blank=blank,
        rounds=every,
        kop=unit,
        logo_url=logo_url(logo, root),
        hari_ini=siklus.hari_ini,
        semester=siklus.semester.label(),
        setup=_page_setup(kertas),
        kertas=kertas,
        **_globals(),
    )


def render_portal_pemantauan(portal: Portal, siklus: Siklus, root: str) -> str:
    """The portal-wide page: per instansi and unit the counts, and every review or
    monitoring overdue or due within 30 days."""
    return render_template(
        "pemantauan.html",
        root=root,
        groups=[(instansi, [siklus.ringkasan(u) for u in units]) for instansi, units in portal.instansi()],
        jadwal=siklus.jadwal(),
        hari_ini=siklus.hari_ini,
        setiap=siklus.setiap.text(),
        unit_pemantauan_url=unit_pemantauan_url,
        **_globals(),
    )


__all__ = [
    "PORTAL_PAGE",
    "UNIT_PAGE",
    "render_portal_pemantauan",
    "render_sop_pemantauan",
    "render_sop_tinjau",
    "render_unit_pemantauan",
    "unit_pemantauan_url",
]
