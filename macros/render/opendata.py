"""The open-data catalog: `sop.json` (full validated data, the exact text) and
`sop.csv` (a table, safe to open in a spreadsheet: see `neutralise_cell`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from .. import flow
from ..index import Portal, sop_url
from ..loader import SopRecord


def catalog_entry(portal: Portal, record: SopRecord) -> dict[str, Any]:
    """One SOP as open data: the catalog fields first, then the full validated data."""
    sop = record.sop
    data = sop.model_dump(mode="json")
    total = flow.total_time(sop.langkah)
    entry: dict[str, Any] = {
        "id": record.id,
        "nomor": sop.nomor,
        "nama": sop.nama,
        "instansi": sop.instansi,
        "unit": sop.unit,
        "status": sop.status,
        "tanggal_efektif": sop.tanggal_efektif.iso() if sop.tanggal_efektif else None,
        "url": sop_url(record.id),
        "sumber": record.src,
        "total_waktu": {
            "teks": total.text(),
            "lengkap": total.complete,
            "langkah_tak_terbaca": list(total.unreadable),
        },
        "dirujuk_oleh": [
            {"sop": link.id, "jenis": link.jenis} for link in portal.backlinks.get(record.id, [])
        ],
    }
    entry.update({k: v for k, v in data.items() if k not in entry})
    for number, step in enumerate(entry["langkah"], start=1):
        step["nomor"] = number
        step["simbol"] = flow.symbol(sop.langkah, number)
    return entry


class _PerRecord:
    """Texts made from one record each, kept for the next call while the record (the
    same object: the loader reuses unchanged SOPs) and what else goes in (`extra`) stay
    the same, so a preview server that rebuilds after every edit redoes only the
    edited SOPs."""

    def __init__(self) -> None:
        self.kept: dict[int, tuple[SopRecord, str, str]] = {}  # id(record) -> (record, extra, text)

    def texts(
        self, records: list[SopRecord], make: Callable[[SopRecord], str], extra: Callable[[SopRecord], str]
    ) -> list[str]:
        kept: dict[int, tuple[SopRecord, str, str]] = {}
        for record in records:
            added = extra(record)
            hit = self.kept.get(id(record))
            if hit is None or hit[0] is not record or hit[1] != added:
                hit = (record, added, make(record))
            kept[id(record)] = hit
        self.kept = kept
        return [kept[id(r)][2] for r in records]


_JSON_ENTRIES = _PerRecord()
_CSV_ROWS = _PerRecord()


def render_json(portal: Portal) -> str:
    """`sop.json`: the list of catalog entries, exactly as `json.dumps(..., indent=1)`
    writes it, entry by entry."""

    def entry(record: SopRecord) -> str:
        text = json.dumps(catalog_entry(portal, record), ensure_ascii=False, indent=1)
        return " " + text.replace("\n", "\n ")

    texts = _JSON_ENTRIES.texts(portal.records, entry, lambda r: repr(portal.backlinks.get(r.id, [])))
    return "[\n" + ",\n".join(texts) + "\n]" if texts else "[]"


CSV_COLUMNS = (
    "id",
    "nomor",
    "nama",
    "instansi",
    "unit",
    "status",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh_jabatan",
    "disahkan_oleh_nama",
    "pelaksana",
    "jumlah_langkah",
    "total_waktu",
    "url",
)


def render_csv(portal: Portal) -> str:
    return _csv_line(CSV_COLUMNS) + "".join(_CSV_ROWS.texts(portal.records, _csv_row, lambda r: ""))


# OWASP, "CSV Injection": a spreadsheet reads a cell starting with one of these as a
# formula (`=HYPERLINK(...)` becomes a live link, `=WEBSERVICE(...)` sends data away).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> str:
    """A cell as text a spreadsheet shows and never evaluates: a single quote goes in
    front of a cell starting with a formula character (OWASP's advice; spreadsheets
    take it as "this is text" and do not show it), with no exception for values that
    look harmless ("-", "-5"): only editors' text can start so, as the numbers and dates
    the portal writes never do. A cell that already starts with a quote gets one too,
    so the rule reverses exactly: drop one leading quote from every cell that has one
    (`sop.json` keeps the exact text)."""
    text = str(value)
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def _csv_line(values: Sequence[object]) -> str:
    """One row; every cell neutralised and, as OWASP also advises, in double quotes
    (a quote inside doubled), so no separator in a cell starts a new one."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow([neutralise_cell(v) for v in values])
    return out.getvalue()


def _csv_row(record: SopRecord) -> str:
    sop = record.sop
    return _csv_line(
        [
            record.id,
            sop.nomor or "",
            sop.nama,
            sop.instansi,
            sop.unit,
            sop.status,
            sop.tanggal_pembuatan.iso(),
            sop.tanggal_revisi.iso() if sop.tanggal_revisi else "",
            sop.tanggal_efektif.iso() if sop.tanggal_efektif else "",
            sop.disahkan_oleh.jabatan,
            sop.disahkan_oleh.nama or "",
            "; ".join(sop.pelaksana),
            len(sop.langkah),
            flow.total_time(sop.langkah).text(),
            sop_url(record.id),
        ]
    )
