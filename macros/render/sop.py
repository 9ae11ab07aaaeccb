"""The parts of an SOP page: header, identity section, procedure table, relations."""

from __future__ import annotations

from markupsafe import Markup

from .. import flow
from ..index import Link, Portal, sop_url
from ..loader import SopRecord
from ..model import Rujukan
from ..print_layout import DEFAULT_KERTAS, Kertas
from ..sources import published_path
from ..versi import versi_record
from . import render_template
from .body import render_body
from .flowchart_svg import draw
from .mermaid import render_bagan
from .print_parts import print_plan
from .rows import rows
from .steps import render_langkah


def render_header(portal: Portal, record: SopRecord, root: str) -> str:
    sop = record.sop
    replaced = [
        portal.get(link.id) for link in portal.backlinks.get(record.id, []) if link.jenis == "diganti"
    ]
    return render_template(
        "sop_header.html",
        record=record,
        unit=portal.unit_of[record.id],
        root=root,
        total=flow.total_time(sop.langkah),
        replacement=portal.by_id.get(sop.diganti_oleh) if sop.diganti_oleh else None,
        replaced=replaced,
        versi=versi_record(record),
    )


def logo_url(path: str | None, root: str) -> str | None:
    """Where a logo (project-relative path) is published in the site."""
    return root + published_path(path) if path else None


def render_identitas(portal: Portal, record: SopRecord, root: str, fold: bool = False) -> str:
    """Bagian Identitas. `fold`: the SOP page's version, folded on a phone (a <details>
    with its script, assets/sop-identitas.js); the import review page shows it plain."""
    return render_template(
        "sop_identitas.html",
        record=record,
        root=root,
        portal=portal,
        logo_url=logo_url(record.sop.logo, root),
        fold=fold,
    )


def render_prosedur(portal: Portal, record: SopRecord, root: str, kertas: Kertas = DEFAULT_KERTAS) -> str:
    """The procedure in three views (content tabs): the official table with its
    flowchart, the step list (what a phone shows first) and the swimlane diagram.
    `kertas`: the paper the table is printed on, which decides where its printed pages
    break (the off-page connectors are drawn there)."""
    steps = record.sop.langkah
    table_rows = rows(record)
    chart = draw(record.sop.pelaksana, steps)
    plan = print_plan(portal, record, table_rows, kertas, chart)
    if plan.breaks:
        chart = draw(record.sop.pelaksana, steps, plan.breaks, chart.layout)
    return render_template(
        "sop_prosedur.html",
        record=record,
        rows=table_rows,
        root=root,
        portal=portal,
        total=flow.total_time(steps),
        main_path=flow.main_path(steps),
        chart=chart,
        plan=plan,
        langkah_html=Markup(render_langkah(portal, record, root)),
        bagan_html=Markup(render_bagan(record, root, _subprocess_names(portal, record))),
    )


def _subprocess_names(portal: Portal, record: SopRecord) -> dict[str, str]:
    """The names of the SOPs this SOP's steps are carried out through."""
    ids = {step.sop for step in record.sop.langkah if step.sop}
    return {i: portal.by_id[i].sop.nama for i in ids if i in portal.by_id}


def outgoing_links(record: SopRecord) -> list[Link]:
    links = [Link(item.sop, item.jenis) for item in record.sop.keterkaitan if isinstance(item, Rujukan)]
    for step in record.sop.langkah:
        if step.sop and Link(step.sop, "langkah-melalui") not in links:
            links.append(Link(step.sop, "langkah-melalui"))
    return links


def render_relasi(portal: Portal, record: SopRecord, root: str) -> str:
    return render_template(
        "sop_relasi.html",
        record=record,
        root=root,
        portal=portal,
        outgoing=outgoing_links(record),
        incoming=portal.backlinks.get(record.id, []),
    )


def render_uraian(record: SopRecord) -> str:
    return render_body(record.body)


__all__ = [
    "render_header",
    "render_identitas",
    "render_prosedur",
    "render_relasi",
    "render_uraian",
    "rows",
    "sop_url",
]
