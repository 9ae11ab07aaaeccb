"""The portal index: ids, units, references, backlinks, and the global checks.

Built once from the loaded records, before anything renders. Everything a page
needs about other SOPs (titles of linked SOPs, what refers to this one, the unit's
list) comes from here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import Problem, SourceErrors, suggestion
from .loader import Loaded, SopRecord, load_sources
from .model import Rujukan
from .pemantauan import RecordFile, SopInfo, check_records
from .periode import build_date
from .relations import suggest_references
from .sources import SRC_DIR, sop_id_of_file

# How a relation reads from the other side: X prasyarat of Y -> Y lanjutan of X.
INVERSE = {"terkait": "terkait", "prasyarat": "lanjutan", "lanjutan": "prasyarat", "bagian-dari": "mencakup"}
# One wording per kind on every page (the SOP's related list, the unit's relation map);
# the other side of a directed kind reads as its inverse.
JENIS_LABEL = {
    "terkait": "terkait",
    "prasyarat": "prasyarat",
    "lanjutan": "lanjutan",
    "bagian-dari": "bagian dari",
    "mencakup": "mencakup",
    "langkah-melalui": "langkah melalui",  # a step of this SOP is carried out through the other
    "langkah": "dipakai di langkah",  # the other side: a step of the other SOP runs through this one
    "diganti-oleh": "diganti oleh",
    "diganti": "pengganti dari",
}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unit"


@dataclass(frozen=True)
class Link:
    """A relation between two SOPs as seen from one of them."""

    id: str
    jenis: str  # a key of JENIS_LABEL

    @property
    def label(self) -> str:
        return JENIS_LABEL[self.jenis]


@dataclass
class Unit:
    """An organisation unit: every SOP with the same instansi and unit."""

    instansi: str
    unit: str
    slug: str
    records: list[SopRecord] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"katalog/{self.slug}/"


@dataclass
class Portal:
    records: list[SopRecord]
    warnings: list[Problem]
    errors: list[Problem] = field(default_factory=list)  # only when built leniently
    suggestions: list[Problem] = field(default_factory=list)  # severity "saran", never fatal
    by_id: dict[str, SopRecord] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    unit_of: dict[str, Unit] = field(default_factory=dict)
    backlinks: dict[str, list[Link]] = field(default_factory=dict)
    pemantauan: list[RecordFile] = field(default_factory=list)  # valid monitoring/evaluation records
    hari_ini: date = field(default_factory=date.today)  # the build date (SOURCE_DATE_EPOCH when set)

    def get(self, sop_id: str) -> SopRecord:
        return self.by_id[sop_id]

    def instansi(self) -> list[tuple[str, list[Unit]]]:
        groups: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units:
            groups[unit.instansi].append(unit)
        return sorted(groups.items(), key=lambda kv: kv[0].lower())

    def recent(self, count: int = 10) -> list[SopRecord]:
        def changed(record: SopRecord) -> tuple[str, str]:
            sop = record.sop
            dates = [d for d in (sop.tanggal_revisi, sop.tanggal_efektif, sop.tanggal_pembuatan) if d]
            return (max(dates).iso() if dates else "", record.id)

        return sorted(self.records, key=changed, reverse=True)[:count]

    def counts(self) -> dict[str, int]:
        out = {
            "sop": len(self.records),
            "unit": len(self.units),
            "instansi": len({u.instansi for u in self.units}),
        }
        for status in ("berlaku", "konsep", "dicabut"):
            out[status] = sum(1 for r in self.records if r.sop.status == status)
        return out


def sop_url(sop_id: str) -> str:
    """The page of an SOP, relative to the site root."""
    return f"sop/{sop_id}/"


def build_portal(loaded: Loaded, lenient: bool = False) -> Portal:
    """Index the records and run the checks that need every SOP.

    Raises SourceErrors on any error; with `lenient` (the preview server), keeps the
    SOPs without errors and records the errors in `Portal.errors` instead.
    """
    today = _today()
    problems = list(loaded.problems)
    problems += _check_references(loaded.records, _all_ids(loaded))
    problems += _check_numbers(loaded.records)
    problems += record_problems(loaded, today)
    errors = sorted((p for p in problems if p.severity == "error"), key=lambda p: p.file)
    if errors and not lenient:
        raise SourceErrors(errors)
    broken = {p.file for p in errors}
    problems = [p for p in problems if p.severity == "error" or p.file not in broken]
    portal = Portal(
        records=sorted((r for r in loaded.records if r.src not in broken), key=lambda r: r.id),
        warnings=[p for p in problems if p.severity == "warning"],
        errors=errors,
        pemantauan=[f for f in loaded.pemantauan if f.rekaman is not None and f.src not in broken],
        hari_ini=today,
    )
    portal.by_id = {r.id: r for r in portal.records}
    _index_units(portal)
    _index_backlinks(portal)
    portal.suggestions = suggest_references(portal.records)
    return portal


def _today() -> date:
    try:
        return build_date()
    except ValueError as exc:
        raise SourceErrors([Problem("SOURCE_DATE_EPOCH", "", str(exc))]) from None


def record_problems(loaded: Loaded, today: date) -> list[Problem]:
    """The checks of the monitoring and evaluation records that need every SOP."""
    if not loaded.pemantauan:
        return []
    sops = {r.id: SopInfo(r.sop.status) for r in loaded.records}
    return check_records(loaded.pemantauan, sops, _all_ids(loaded), today)


def _all_ids(loaded: Loaded) -> set[str]:
    """Ids of every SOP file, valid or not: a reference to an invalid SOP is not also 'unknown'."""
    ids = {r.id for r in loaded.records}
    for problem in loaded.problems:
        sop_id = sop_id_of_file(problem.file)
        if sop_id is not None:
            ids.add(sop_id)
    return ids


def _check_references(records: list[SopRecord], known: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for record in records:
        sop = record.sop
        refs: list[tuple[str, str]] = []
        for i, item in enumerate(sop.keterkaitan):
            if isinstance(item, Rujukan):
                refs.append((f"keterkaitan[{i + 1}].sop", item.sop))
        for i, step in enumerate(sop.langkah):
            if step.sop:
                refs.append((f"langkah[{i + 1}].sop", step.sop))
        if sop.diganti_oleh:
            refs.append(("diganti_oleh", sop.diganti_oleh))
        for path, target in refs:
            if target == record.id:
                out.append(Problem(record.src, path, f"SOP tidak dapat merujuk dirinya sendiri ('{target}')"))
            elif target not in known:
                out.append(
                    Problem(
                        record.src,
                        path,
                        f"SOP '{target}' tidak ada: diharapkan id SOP yang "
                        f"ada di sop_src/.{suggestion(target, sorted(known))}",
                    )
                )
    return out


def _check_numbers(records: list[SopRecord]) -> list[Problem]:
    """Two SOPs of one unit must not share a nomor."""
    seen: dict[tuple[str, str, str], SopRecord] = {}
    out: list[Problem] = []
    for record in sorted(records, key=lambda r: r.src):
        sop = record.sop
        if not sop.nomor or sop.nomor.strip() == "-":
            continue
        key = (sop.instansi, sop.unit, " ".join(sop.nomor.split()))
        if key in seen:
            out.append(
                Problem(
                    record.src,
                    "nomor",
                    f"nomor '{sop.nomor}' sudah dipakai oleh "
                    f"{seen[key].src} di unit yang sama ({sop.unit}): diharapkan nomor unik",
                )
            )
        else:
            seen[key] = record
    return out


def _index_units(portal: Portal) -> None:
    units: dict[tuple[str, str], Unit] = {}
    slugs: set[str] = set()
    for record in portal.records:
        key = (record.sop.instansi, record.sop.unit)
        if key not in units:
            slug = f"{slugify(key[0])}/{slugify(key[1])}"
            base, n = slug, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            units[key] = Unit(key[0], key[1], slug)
        units[key].records.append(record)
        portal.unit_of[record.id] = units[key]
    portal.units = sorted(units.values(), key=lambda u: (u.instansi.lower(), u.unit.lower()))
    for unit in portal.units:
        unit.records.sort(key=lambda r: (r.sop.nama.lower(), r.id))


def _index_backlinks(portal: Portal) -> None:
    back: dict[str, list[Link]] = defaultdict(list)
    for record in portal.records:
        sop = record.sop
        for item in sop.keterkaitan:
            if isinstance(item, Rujukan):
                back[item.sop].append(Link(record.id, INVERSE[item.jenis]))
        for step in sop.langkah:
            if step.sop and Link(record.id, "langkah") not in back[step.sop]:
                back[step.sop].append(Link(record.id, "langkah"))
        if sop.diganti_oleh:
            back[sop.diganti_oleh].append(Link(record.id, "diganti"))
    portal.backlinks = {k: sorted(v, key=lambda link: link.id) for k, v in back.items()}


def load_portal(project: Path, src_dir: str = SRC_DIR, lenient: bool = False) -> Portal:
    """Load, validate and index every SOP; raise SourceErrors listing every problem
    (unless `lenient`: see build_portal)."""
    return build_portal(load_sources(project, src_dir), lenient)
