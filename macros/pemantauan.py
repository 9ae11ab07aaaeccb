"""Monitoring and evaluation records (`_pemantauan/*.yml`): their model and validation.

One YAML file per round in a `_pemantauan/` folder of a unit folder (shared
SOP-FORMAT.md, "Monitoring, evaluation and review"). The loader reads the files
(`read_records`: YAML, the model, the keys of the other `jenis`); the index checks what
needs every SOP (`check_records`: ids that exist and lie in the record's folder, an SOP
named twice, warnings for a record dated after the build date or naming an SOP not in
force). Messages are Indonesian, with the file and the field path, like the SOPs'.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .dates import EXPECTED as DATE_EXPECTED
from .dates import Tanggal
from .errors import Problem, describe, field_path, suggestion
from .model import NipField, OptionalText, RequiredTanggal, SopId, Text
from .sources import SRC_DIR
from .validation import translate
from .yamlio import ParseCache, Unreadable, YamlError, read_source

FOLDER = "_pemantauan"
JENIS = ("monitoring", "evaluasi")
PENILAIAN = ("berjalan-baik", "tidak-berjalan-baik")
PENILAIAN_LABEL = {
    "berjalan-baik": "Berjalan dengan baik",
    "tidak-berjalan-baik": "Tidak berjalan dengan baik",
}
REKOMENDASI = ("tetap", "revisi", "cabut")
REKOMENDASI_LABEL = {"tetap": "Tetap", "revisi": "Revisi", "cabut": "Cabut"}
JAWABAN = ("ya", "tidak")
# The seven evaluation questions (Permenpan-RB 35/2012), in their printed order and words.
KRITERIA: dict[str, str] = {
    "mendorong_kinerja": "Mampu mendorong peningkatan kinerja",
    "mudah_dipahami": "Mudah dipahami",
    "mudah_dilaksanakan": "Mudah dilaksanakan",
    "semua_berperan": "Semua orang dapat menjalankan perannya masing-masing",
    "mengatasi_masalah": "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "menjawab_kebutuhan": "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "sinergi": "Sistem berjalan sinergi satu dengan lainnya",
}


def _pilihan(choices: tuple[str, ...]) -> Any:
    """A value among `choices` (any case); the message lists them and suggests one."""

    def check(value: Any) -> str:
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in choices:
            shown = f"'{value.strip()}'" if isinstance(value, str) else describe(value)
            raise PydanticCustomError(
                "pilihan",
                "diharapkan salah satu dari {choices}, ditemukan {found}.{hint}",
                {"choices": ", ".join(choices), "found": shown, "hint": suggestion(text or "", choices)},
            )
        return text

    return BeforeValidator(check)


def _full_date(value: Any) -> Any:
    """A record's date is a day: a month alone (`Januari 2025`) is not enough."""
    if isinstance(value, str):
        text = " ".join(value.split())
        parts = text.split(" ")
        month_only = (len(parts) == 2 and not parts[0].isdigit()) or (
            text.count("-") == 1 and text[:4].isdigit()
        )
        if month_only:
            raise PydanticCustomError(
                "tanggal",
                "diharapkan tanggal lengkap (hari, bulan, tahun) seperti 2025-06-30 atau 30 Juni 2025, "
                "ditemukan bulan saja '{found}'",
                {"found": text},
            )
    return value


Jawaban = Annotated[Literal["ya", "tidak"], _pilihan(JAWABAN), WithJsonSchema({"enum": list(JAWABAN)})]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _label(label: str, description: str, **default: Any) -> Any:
    return Field(description=description, json_schema_extra={"label": label}, **default)


class Penilai(_Model):
    """Who assessed (for an evaluation: the head of the team)."""

    jabatan: Text = _label("Jabatan", "Jabatan penilai (untuk evaluasi: ketua tim).")
    nama: OptionalText = _label("Nama", "Nama lengkap penilai dengan gelar.", default=None)
    nip: NipField = _label("NIP", "18 angka; spasi boleh (19631116 199010 2 002).", default=None)


Kriteria = type(
    "Kriteria",
    (_Model,),
    {
        "__doc__": "The seven evaluation questions, each answered ya or tidak.",
        "__annotations__": dict.fromkeys(KRITERIA, Jawaban),
        **{key: _label(question, f"{question}: ya atau tidak.") for key, question in KRITERIA.items()},
    },
)


class Hasil(_Model):
    """One SOP assessed in a round."""

    sop: SopId = _label("SOP", "Id SOP yang dinilai (path di bawah sop_src/ tanpa .md).")
    penilaian: Annotated[Literal["berjalan-baik", "tidak-berjalan-baik"], _pilihan(PENILAIAN)] | None = (
        _label(
            "Penilaian terhadap penerapan",
            "berjalan-baik atau tidak-berjalan-baik; wajib untuk monitoring (tidak untuk evaluasi).",
            default=None,
        )
    )
    kriteria: Kriteria | None = _label(  # type: ignore[valid-type]
        "Kriteria",
        "Tujuh pertanyaan evaluasi, masing-masing ya atau tidak; wajib untuk evaluasi (tidak untuk "
        "monitoring).",
        default=None,
    )
    catatan: OptionalText = _label("Catatan hasil penilaian", "Catatan hasil penilaian.", default=None)
    tindakan: OptionalText = _label(
        "Tindakan yang harus diambil", "Tindakan yang harus diambil.", default=None
    )
    rekomendasi: Annotated[Literal["tetap", "revisi", "cabut"], _pilihan(REKOMENDASI)] | None = _label(
        "Rekomendasi",
        "tetap, revisi atau cabut (hanya untuk evaluasi); kosong: tetap bila ketujuh kriteria ya, selain "
        "itu revisi.",
        default=None,
    )

    @property
    def jumlah_ya(self) -> int:
        return sum(1 for key in KRITERIA if getattr(self.kriteria, key) == "ya") if self.kriteria else 0

    @property
    def rekomendasi_akhir(self) -> str | None:
        """The evaluation's outcome: as written, else tetap when all seven are ya, else revisi."""
        if self.kriteria is None:
            return None
        return self.rekomendasi or ("tetap" if self.jumlah_ya == len(KRITERIA) else "revisi")


def _hasil_list(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and not value:
        raise PydanticCustomError(
            "hasil", "diharapkan sedikitnya satu butir hasil (satu per SOP), ditemukan daftar kosong"
        )
    return value


class Rekaman(_Model):
    """One round of monitoring or evaluation."""

    jenis: Annotated[Literal["monitoring", "evaluasi"], _pilihan(JENIS)] = _label(
        "Jenis", "monitoring (setiap 6 bulan) atau evaluasi (sedikitnya setahun sekali)."
    )
    tanggal: Annotated[RequiredTanggal, BeforeValidator(_full_date)] = _label(
        "Tanggal", "Tanggal penilaian, lengkap: 2025-06-30 atau 30 Juni 2025."
    )
    periode: OptionalText = _label("Periode", "Mis. Semester II 2025; dicetak pada formulir.", default=None)
    penilai: Penilai = _label("Penilai", "Siapa yang menilai: jabatan (wajib), nama, nip.")
    hasil: Annotated[tuple[Hasil, ...], BeforeValidator(_hasil_list)] = _label(
        "Hasil", "Satu butir per SOP yang dinilai; satu SOP paling banyak sekali per berkas."
    )


RECORD_KEYS = tuple(Rekaman.model_fields)
_KEYS_AT = {
    "": RECORD_KEYS,
    "penilai": tuple(Penilai.model_fields),
    "hasil": tuple(Hasil.model_fields),
    "kriteria": tuple(KRITERIA),
}
_EXPECTED = {
    "jenis": "monitoring atau evaluasi",
    "tanggal": "tanggal seperti 2025-06-30 atau 30 Juni 2025",
    "penilai": "pemetaan dengan jabatan, nama, nip",
    "hasil": "daftar hasil, satu butir per SOP",
    "jabatan": "teks jabatan",
    "sop": "id SOP",
    **{key: f"ya atau tidak ({question})" for key, question in KRITERIA.items()},
}


@dataclass(frozen=True)
class RecordFile:
    """One record file: where it is, its round (None when invalid) and the SOPs it names."""

    src: str  # project-relative, e.g. sop_src/kab-malang/kec-kalipare/_pemantauan/2025-semester-1.yml
    folder: str  # the unit folder under sop_src/, e.g. kab-malang/kec-kalipare
    rekaman: Rekaman | None
    refs: tuple[tuple[str, str], ...]  # (field path, SOP id) of every readable `hasil[i].sop`
    instansi: str | None = None  # the folder's unit defaults (`_unit.yml`)
    unit: str | None = None

    @property
    def name(self) -> str:
        return self.src.rsplit("/", 1)[-1]


def _loc_keys(loc: tuple[str | int, ...]) -> tuple[str, ...]:
    names = [p for p in loc[:-1] if isinstance(p, str)]
    return _KEYS_AT.get(names[-1] if names else "", RECORD_KEYS)


def validate_record(data: Any) -> tuple[Rekaman | None, list[tuple[str, str]]]:
    """Validate one record file's data: the model, then the keys of the other `jenis`.
    Returns the record (None when invalid) and every error as (field path, message)."""
    if not isinstance(data, Mapping):
        return None, [
            ("", f"isi berkas pemantauan harus berupa pemetaan (kunci: nilai), ditemukan {describe(data)}")
        ]
    errors: list[tuple[str, str]] = []
    record: Rekaman | None = None
    try:
        record = Rekaman.model_validate(data)
    except ValidationError as exc:
        errors.extend(_messages(exc))
    wrong_kind = _jenis_keys(data)
    # A key of the other jenis is reported once, not also for what it holds.
    stray = tuple(path for path, message in wrong_kind if message.startswith("kunci"))
    errors = [(p, m) for p, m in errors if not p.startswith(stray) or not stray]
    errors.extend(wrong_kind)
    return (record if not errors else None), errors


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    """`validation.translate`, with the keys and expectations of a record file."""
    fixes: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        raw = tuple(error["loc"])
        loc = tuple(p for p in raw[:-1] if isinstance(p, int) or p in _ALL_KEYS) + raw[-1:]
        path = field_path(loc)
        if error["type"] == "extra_forbidden" and loc:
            key, allowed = str(loc[-1]), _loc_keys(loc)
            hint = suggestion(key, allowed)
            fixes[path] = f"kunci '{key}' tidak dikenal.{hint}" + (
                "" if hint else f" Kunci yang dikenal: {', '.join(allowed)}."
            )
        elif error["type"] == "missing" and loc and str(loc[-1]) in _EXPECTED:
            fixes[path] = f"wajib diisi: diharapkan {_EXPECTED[str(loc[-1])]}, tidak ditemukan"
    out = []
    for path, message in translate(exc, keys=RECORD_KEYS):
        if path == "tanggal":  # a record's date is a day, never a month alone
            message = message.replace(DATE_EXPECTED, _EXPECTED["tanggal"])
        out.append((path, fixes.get(path, message)))
    return list(dict.fromkeys(out))


_ALL_KEYS = {key for keys in _KEYS_AT.values() for key in keys} | {"kriteria"}


def _jenis_keys(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """With monitoring, each item needs `penilaian` and has no `kriteria` or
    `rekomendasi`; with evaluasi, it needs `kriteria` and has no `penilaian`."""
    jenis = data.get("jenis")
    jenis = jenis.strip().lower() if isinstance(jenis, str) else None
    items = data.get("hasil")
    if jenis not in JENIS or not isinstance(items, list):
        return []
    needed, other = (
        ("penilaian", ("kriteria", "rekomendasi")) if jenis == "monitoring" else ("kriteria", ("penilaian",))
    )
    expected = (
        "berjalan-baik atau tidak-berjalan-baik"
        if jenis == "monitoring"
        else "pemetaan tujuh kriteria (ya/tidak)"
    )
    out: list[tuple[str, str]] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            continue
        if item.get(needed) is None:
            out.append(
                (
                    f"hasil[{number}].{needed}",
                    f"wajib diisi untuk jenis {jenis}: diharapkan {expected}, tidak ditemukan",
                )
            )
        for key in other:
            if key in item:
                out.append(
                    (
                        f"hasil[{number}].{key}",
                        f"kunci '{key}' tidak dipakai pada jenis {jenis}: hapus kunci ini, "
                        f"atau tulis 'jenis: {'evaluasi' if jenis == 'monitoring' else 'monitoring'}'",
                    )
                )
    return out


_SOP_ID: TypeAdapter[str] = TypeAdapter(SopId)


def _refs(data: Any) -> tuple[tuple[str, str], ...]:
    """The readable SOP ids a record names (for the checks that need every SOP, even
    when another part of the file is invalid)."""
    items = data.get("hasil") if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        return ()
    out = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Mapping) and item.get("sop") is not None:
            try:
                out.append((f"hasil[{number}].sop", _SOP_ID.validate_python(item["sop"])))
            except ValidationError:
                continue
    return tuple(out)


def record_folders(root: Path) -> list[Path]:
    """Every `_pemantauan/` folder (or link by that name) under the source folder,
    sorted; no link is followed and folders starting with '.' are not searched."""
    found = []
    for top, dirs, _files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if FOLDER in dirs:
            found.append(Path(top, FOLDER))
        dirs[:] = [d for d in dirs if not d.startswith("_")]
    return sorted(found)


_LINK = (
    "tautan simbolik (symlink) tidak diizinkan: diharapkan berkas atau folder biasa di "
    "dalam repositori, ditemukan tautan (isi dan tujuannya tidak dibaca)"
)


def read_records(
    root: Path,
    project: Path,
    defaults: Callable[[Path], dict[str, Any]],
    problems: list[Problem],
    cache: ParseCache | None = None,
) -> list[RecordFile]:
    """Read every record file under the source folder `root`; add every problem to
    `problems`. `defaults(folder)`: the unit defaults of a folder (`_unit.yml`)."""
    cache = cache or ParseCache(None)
    out: list[RecordFile] = []
    for folder in record_folders(root):
        rel_folder = folder.relative_to(project).as_posix()
        if folder.is_symlink():
            problems.append(Problem(rel_folder, "", _LINK))
            continue
        unit = folder.parent.relative_to(root).as_posix()
        given = defaults(folder.parent)
        for path in sorted(folder.iterdir()):
            rel = path.relative_to(project).as_posix()
            if path.name.startswith("."):
                continue
            if path.is_symlink():
                problems.append(Problem(rel, "", _LINK))
            elif path.suffix not in (".yml", ".yaml") or not path.is_file():
                problems.append(
                    Problem(
                        rel, "", f"folder {FOLDER}/ hanya berisi berkas rekaman .yml: ditemukan '{path.name}'"
                    )
                )
            else:
                record = _read_one(path, rel, problems, cache)
                if record is not None:
                    rekaman, refs = record
                    out.append(
                        RecordFile(
                            rel,
                            "" if unit == "." else unit,
                            rekaman,
                            refs,
                            given.get("instansi"),
                            given.get("unit"),
                        )
                    )
    return out


def _read_one(
    path: Path, rel: str, problems: list[Problem], cache: ParseCache
) -> tuple[Rekaman | None, tuple[tuple[str, str], ...]] | None:
    try:
        text = read_source(path)  # (the size limit and the encoding messages of every source)
    except Unreadable as exc:
        problems.append(Problem(rel, f"baris {exc.line}" if exc.line else "", exc.reason))
        return None
    try:
        data = cache.parse(text)
    except YamlError as exc:
        problems.append(Problem(rel, f"baris {exc.line}" if exc.line else "", exc.reason))
        return None
    rekaman, errors = validate_record(data)
    problems.extend(Problem(rel, p, m) for p, m in errors)
    return rekaman, _refs(data)


@dataclass(frozen=True)
class SopInfo:
    """What the record checks need of an SOP."""

    status: str


def check_records(
    files: list[RecordFile], sops: Mapping[str, SopInfo], known: set[str], today: date
) -> list[Problem]:
    """The checks that need every SOP: each named SOP exists (`known`: every SOP file,
    valid or not) and lies in the record's unit folder or below, once per file; warnings
    for a record dated after `today` and for an SOP that is not in force."""
    out: list[Problem] = []
    for record in files:
        seen: dict[str, str] = {}
        prefix = f"{record.folder}/" if record.folder else ""
        for path, sop_id in record.refs:
            if sop_id not in known:
                out.append(
                    Problem(
                        record.src,
                        path,
                        f"SOP '{sop_id}' tidak ada: diharapkan id SOP yang ada di {SRC_DIR}/."
                        f"{suggestion(sop_id, sorted(i for i in known if i.startswith(prefix)))}",
                    )
                )
            elif not sop_id.startswith(prefix):
                out.append(
                    Problem(
                        record.src,
                        path,
                        f"SOP '{sop_id}' di luar folder unit rekaman ini: diharapkan SOP di "
                        f"{SRC_DIR}/{record.folder}/ atau di bawahnya",
                    )
                )
            elif sop_id in seen:
                out.append(
                    Problem(
                        record.src,
                        path,
                        f"SOP '{sop_id}' sudah dinilai di {seen[sop_id]}: satu SOP paling banyak sekali "
                        "per berkas",
                    )
                )
            elif sop_id in sops and sops[sop_id].status != "berlaku":
                out.append(
                    Problem(
                        record.src,
                        path,
                        f"SOP '{sop_id}' berstatus {sops[sop_id].status}, tidak berlaku: pemantauan dan "
                        "evaluasi "
                        "hanya untuk SOP yang berlaku",
                        "warning",
                    )
                )
            seen.setdefault(sop_id, path)
        if record.rekaman is not None and record.rekaman.tanggal.as_date > today:
            out.append(
                Problem(
                    record.src,
                    "tanggal",
                    f"tanggal {record.rekaman.tanggal.long()} sesudah tanggal pembangunan situs "
                    f"({_long(today)}): periksa tanggalnya",
                    "warning",
                )
            )
    return out


def _long(day: date) -> str:
    return Tanggal.of(day).long()


__all__ = [
    "FOLDER",
    "JENIS",
    "KRITERIA",
    "PENILAIAN",
    "PENILAIAN_LABEL",
    "REKOMENDASI",
    "REKOMENDASI_LABEL",
    "Hasil",
    "Penilai",
    "RecordFile",
    "Rekaman",
    "SopInfo",
    "check_records",
    "read_records",
    "record_folders",
    "validate_record",
]
