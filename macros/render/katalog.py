"""The catalog page, the unit pages and the category (kategori) tags.

The catalog lists every SOP grouped by instansi and unit; without JavaScript that list
is the whole page. `assets/katalog-filter.js` adds a filter form (instansi, unit,
status, kategori, words in the name or number) that hides rows in place, in the
browser, without a server. Each row carries what the filter needs as data attributes.

Categories: an SOP's optional `kategori` values become tags of its page for Material's
tags plugin (the listing is `docs/kategori.md`). MkDocs renders templates without
autoescaping and Material prints tag names as they are, so a tag name is written as
escaped HTML text (`Pelayanan &amp; Perizinan`), braces included, on one line.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..index import Portal, Unit
from ..loader import SopRecord
from . import STATUS_LABEL, render_template, text_html
from .relmap import render_relmap


def tag_name(kategori: str) -> str:
    """A kategori as a tag name that is safe to print unescaped."""
    return str(text_html(" ".join(kategori.split())))


def tag_names(record: SopRecord) -> list[str]:
    """The tags of an SOP's page: its kategori, once each."""
    return list(dict.fromkeys(tag_name(k) for k in record.sop.kategori))


def tags_front_matter(record: SopRecord) -> str:
    """The `tags:` lines of a generated page's front matter (JSON strings are YAML)."""
    names = tag_names(record)
    if not names:
        return ""
    return "tags:\n" + "".join(f"  - {json.dumps(name, ensure_ascii=False)}\n" for name in names)


def search_text(*parts: str) -> str:
    """What the filter's words are matched against: lower case, without accents."""
    text = unicodedata.normalize("NFKD", " ".join(parts))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _attribute(value: str) -> str:
    return str(escape(value)).replace("{", "&#123;").replace("}", "&#125;")


def filter_attributes(record: SopRecord) -> Markup:
    """The data attributes of a catalog row: what the catalog filter matches against
    (data-teks: name and number; data-kategori: a JSON list), escaped."""
    sop = record.sop
    teks = _attribute(search_text(sop.nama, sop.nomor or ""))
    kategori = _attribute(json.dumps(list(dict.fromkeys(sop.kategori)), ensure_ascii=False))
    return Markup(f' data-teks="{teks}" data-kategori="{kategori}"')


@dataclass(frozen=True)
class Pilihan:
    """One option of a filter list: value (what rows carry) and label."""

    value: str
    label: str
    count: int


def _options(values: Iterable[tuple[str, str]]) -> list[Pilihan]:
    counted: dict[str, tuple[str, int]] = {}
    for value, label in values:
        old = counted.get(value, (label, 0))
        counted[value] = (old[0], old[1] + 1)
    return sorted(
        (Pilihan(v, label, n) for v, (label, n) in counted.items()), key=lambda p: p.label.casefold()
    )


def render_katalog(portal: Portal, root: str) -> str:
    units = portal.units
    records = [r for u in units for r in u.records]
    return render_template(
        "catalog.html",
        groups=portal.instansi(),
        root=root,
        instansi_options=_options((u.slug.split("/")[0], u.instansi) for u in units for _ in u.records),
        unit_groups=[
            (instansi, [Pilihan(u.slug, u.unit, len(u.records)) for u in members])
            for instansi, members in portal.instansi()
        ],
        status_options=[
            Pilihan(s, label, n)
            for s, label in STATUS_LABEL.items()
            if (n := sum(1 for r in records if r.sop.status == s))
        ],
        kategori_options=_options((k, k) for r in records for k in dict.fromkeys(r.sop.kategori)),
        filter_attributes=filter_attributes,
    )


def render_unit(portal: Portal, unit: Unit, root: str, pdf: bool = False) -> str:
    """A unit's page: its SOPs by status, its relation map, and (`pdf`: the build
    publishes PDFs, `make pdf`) the link to the unit's book."""
    counts = {s: sum(1 for r in unit.records if r.sop.status == s) for s in ("berlaku", "konsep", "dicabut")}
    relmap = Markup(render_relmap(portal, unit, root))
    book = f"{root}pdf/unit/{unit.slug}.pdf" if pdf else None
    return render_template("unit.html", unit=unit, root=root, counts=counts, relmap=relmap, book_url=book)


__all__ = [
    "Pilihan",
    "filter_attributes",
    "render_katalog",
    "render_unit",
    "search_text",
    "tag_name",
    "tag_names",
    "tags_front_matter",
]
