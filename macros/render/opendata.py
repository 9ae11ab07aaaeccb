"""The open-data catalog: `sop.json` (full validated data) and `sop.csv` (a table)."""

from __future__ import annotations

import csv
import io
import json
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


def render_json(portal: Portal) -> str:
    return json.dumps([catalog_entry(portal, r) for r in portal.records], ensure_ascii=False, indent=1)


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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in portal.records:
        sop = record.sop
        writer.writerow(
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
    return out.getvalue()
