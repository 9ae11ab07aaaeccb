"""The open-data catalog: `sop.json` (full validated data, the exact text, with each
SOP's review and monitoring state) and `sop.csv` (a table, safe to open in a
spreadsheet: see `neutralise_cell`); the monitoring and evaluation records:
`pemantauan.json` and `pemantauan.csv`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from .. import flow
from ..index import Portal, sop_url
from ..loader import SopRecord
from ..pemantauan import KRITERIA, Hasil, RecordFile
from ..periode import DEFAULT_SETIAP, parse_setiap
from ..tinjau import Keadaan, Siklus
from ..versi import versi_record


def catalog_entry(portal: Portal, record: SopRecord, siklus: Siklus | None = None) -> dict[str, Any]:
    """One SOP as open data: the catalog fields first, then the full validated data."""
    sop = record.sop
    state = (siklus or _siklus(portal)).of(record.id)
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
        "versi": versi_record(record),
        **lifecycle(portal, state),
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


def _siklus(portal: Portal) -> Siklus:
    return Siklus(portal, parse_setiap(DEFAULT_SETIAP))


def lifecycle(portal: Portal, state: Keadaan) -> dict[str, Any]:
    """An SOP's unit page and review state, as `sop.json` publishes them."""
    monitoring, evaluasi = state.monitoring_terakhir, state.evaluasi_terakhir
    return {
        "url_unit": portal.unit_of[state.sop_id].url,
        "tinjau_berikutnya": state.tinjau_berikutnya.isoformat() if state.tinjau_berikutnya else None,
        "perlu_tinjau": state.perlu_tinjau,
        "pemantauan_terakhir": (
            {"tanggal": monitoring.tanggal.iso(), "penilaian": monitoring.hasil.penilaian}
            if monitoring
            else None
        ),
        "evaluasi_terakhir": (
            {
                "tanggal": evaluasi.tanggal.iso(),
                "jumlah_ya": evaluasi.hasil.jumlah_ya,
                "rekomendasi": evaluasi.hasil.rekomendasi_akhir,
            }
            if evaluasi
            else None
        ),
    }


def _state_key(state: Keadaan) -> str:
    """What of an SOP's state its entry shows (for `_PerRecord`)."""
    m, e = state.monitoring_terakhir, state.evaluasi_terakhir
    return repr(
        (
            state.tinjau_berikutnya,
            state.perlu_tinjau,
            m and (m.tanggal, m.hasil.penilaian),
            e and (e.tanggal, e.hasil.jumlah_ya, e.hasil.rekomendasi_akhir),
        )
    )


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


def render_json(portal: Portal, siklus: Siklus | None = None) -> str:
    """`sop.json`: the list of catalog entries, exactly as `json.dumps(..., indent=1)`
    writes it, entry by entry."""
    cycle = siklus or _siklus(portal)

    def entry(record: SopRecord) -> str:
        text = json.dumps(catalog_entry(portal, record, cycle), ensure_ascii=False, indent=1)
        return " " + text.replace("\n", "\n ")

    def extra(record: SopRecord) -> str:
        return repr(portal.backlinks.get(record.id, [])) + _state_key(cycle.of(record.id))

    texts = _JSON_ENTRIES.texts(portal.records, entry, extra)
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


# ---------------------------------------------------------------- monitoring and evaluation


def _hasil_entry(portal: Portal, hasil: Hasil) -> dict[str, Any]:
    record = portal.by_id.get(hasil.sop)
    return {
        "sop": hasil.sop,
        "nama": record.sop.nama if record else None,
        "url": sop_url(hasil.sop) if record else None,
        "penilaian": hasil.penilaian,
        "kriteria": hasil.kriteria.model_dump() if hasil.kriteria is not None else None,
        "jumlah_ya": hasil.jumlah_ya if hasil.kriteria is not None else None,
        "rekomendasi": hasil.rekomendasi_akhir,
        "catatan": hasil.catatan,
        "tindakan": hasil.tindakan,
    }


def _unit_of(portal: Portal, record_file: RecordFile) -> tuple[str | None, str | None]:
    """The instansi and unit of a record: its folder's `_unit.yml`, else its first SOP's."""
    if record_file.instansi and record_file.unit:
        return record_file.instansi, record_file.unit
    assert record_file.rekaman is not None
    first = portal.by_id.get(record_file.rekaman.hasil[0].sop)
    return (first.sop.instansi, first.sop.unit) if first else (record_file.instansi, record_file.unit)


def _ordered(portal: Portal) -> list[RecordFile]:
    return sorted(
        portal.pemantauan, key=lambda f: (f.folder, f.rekaman.tanggal if f.rekaman else None, f.src)
    )


def pemantauan_entry(portal: Portal, record_file: RecordFile) -> dict[str, Any]:
    """One round as open data."""
    rekaman = record_file.rekaman
    assert rekaman is not None
    instansi, unit = _unit_of(portal, record_file)
    return {
        "sumber": record_file.src,
        "folder_unit": record_file.folder,
        "instansi": instansi,
        "unit": unit,
        "jenis": rekaman.jenis,
        "tanggal": rekaman.tanggal.iso(),
        "periode": rekaman.periode,
        "penilai": rekaman.penilai.model_dump(),
        "hasil": [_hasil_entry(portal, h) for h in rekaman.hasil],
    }


def render_pemantauan_json(portal: Portal) -> str:
    """`pemantauan.json`: every monitoring and evaluation round, by unit folder and date."""
    return json.dumps([pemantauan_entry(portal, f) for f in _ordered(portal)], ensure_ascii=False, indent=1)


PEMANTAUAN_COLUMNS = (
    "sumber",
    "instansi",
    "unit",
    "jenis",
    "tanggal",
    "periode",
    "penilai_jabatan",
    "penilai_nama",
    "penilai_nip",
    "sop",
    "nama_sop",
    "penilaian",
    *KRITERIA,
    "jumlah_ya",
    "rekomendasi",
    "catatan",
    "tindakan",
)


def render_pemantauan_csv(portal: Portal) -> str:
    """`pemantauan.csv`: one row per SOP per round, every cell neutralised like `sop.csv`."""
    rows = [_csv_line(PEMANTAUAN_COLUMNS)]
    for record_file in _ordered(portal):
        entry = pemantauan_entry(portal, record_file)
        penilai = entry["penilai"]
        for hasil in entry["hasil"]:
            kriteria = hasil["kriteria"] or {}
            rows.append(
                _csv_line(
                    [
                        entry["sumber"],
                        entry["instansi"] or "",
                        entry["unit"] or "",
                        entry["jenis"],
                        entry["tanggal"],
                        entry["periode"] or "",
                        penilai["jabatan"],
                        penilai["nama"] or "",
                        penilai["nip"] or "",
                        hasil["sop"],
                        hasil["nama"] or "",
                        hasil["penilaian"] or "",
                        *(kriteria.get(key, "") for key in KRITERIA),
                        "" if hasil["jumlah_ya"] is None else hasil["jumlah_ya"],
                        hasil["rekomendasi"] or "",
                        hasil["catatan"] or "",
                        hasil["tindakan"] or "",
                    ]
                )
            )
    return "".join(rows)
