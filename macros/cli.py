"""Command line for editors and CI: check the sources, start a new SOP, write the JSON Schema.

    python -m macros.cli check [--strict]          (make check)
    python -m macros.cli new <folder> "<nama SOP>"  (make new UNIT=... NAMA="...")
    python -m macros.cli schema [--check]          (make schema)
    python -m macros.cli impor --unit <folder> <berkas>...  (make impor BERKAS=... UNIT=...)
    python -m macros.cli tinjau                     (make tinjau)
    python -m macros.cli pemantauan <folder> <jenis>  (make pemantauan UNIT=... JENIS=...)

Plain Python over the core; no mkdocs import. `check` runs the same loader and
index as the build (`load_sources` then `build_portal`, i.e. `load_portal`), so it
prints the same messages without rendering a page. What the user reads is
Indonesian.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .dates import Tanggal
from .errors import Problem, SourceErrors
from .index import build_portal, load_portal, record_problems, slugify
from .loader import SYMLINK, UNIT_FILE, apply_unit_defaults, linked_part, load_sources
from .loader import unit_defaults as load_unit_defaults
from .model import SOP_ID, STATUS, UNIT_KEYS, Sop
from .pemantauan import FOLDER as PEMANTAUAN_FOLDER
from .pemantauan import JENIS as PEMANTAUAN_JENIS
from .pemantauan import KRITERIA, Rekaman
from .periode import Semester, build_date, site_setiap
from .sources import SRC_DIR
from .tinjau import SEGERA_HARI, Siklus
from .validation import validate_sop
from .yamlio import parse_yaml, split_front_matter

PROJECT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = "sop.schema.json"
RECORD_SCHEMA_FILE = "pemantauan.schema.json"  # `_pemantauan/*.yml` (monitoring and evaluation)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# ---------------------------------------------------------------- check


@dataclass(frozen=True)
class CheckResult:
    checked: int  # SOP files read (valid or not)
    errors: list[Problem]
    warnings: list[Problem]
    suggestions: tuple[Problem, ...] = ()  # severity "saran": printed, never a failure


def check_sources(project: Path, src_dir: str = SRC_DIR) -> CheckResult:
    """Validate every source exactly as the build does, without rendering.

    This is `load_portal` in two steps, so the warnings are kept when the index
    raises `SourceErrors` (the exception carries the errors only). As in the preview,
    a file with errors shows only its errors: its warnings often echo them.
    """
    loaded = load_sources(project, src_dir)
    errors: list[Problem] = []
    suggestions: tuple[Problem, ...] = ()
    try:
        suggestions = tuple(build_portal(loaded).suggestions)
    except SourceErrors as exc:
        errors = exc.problems
    broken = {p.file for p in errors}
    warnings = [p for p in loaded.warnings if p.file not in broken]
    with contextlib.suppress(ValueError):  # a bad SOURCE_DATE_EPOCH: build_portal reported it
        today = build_date()
        warnings += [
            p for p in record_problems(loaded, today) if p.severity == "warning" and p.file not in broken
        ]
    try:
        site_setiap(site_options(project))
    except ValueError as exc:  # the build stops on it too (hooks.on_config)
        errors = [*errors, Problem("mkdocs.yml", "", str(exc))]
    files = {r.src for r in loaded.records}
    files |= {p.file for p in loaded.problems if p.file.endswith(".md")}
    return CheckResult(len(files), errors, warnings, suggestions)


def _count(problems: list[Problem], word: str) -> str:
    files = len({p.file for p in problems})
    return f"{len(problems)} {word} di {files} berkas"


def summary(result: CheckResult, strict: bool) -> str:
    """One Indonesian line: how many SOPs were checked and what was found."""
    warned = _count(result.warnings, "peringatan") if result.warnings else ""
    if result.errors:
        line = _count(result.errors, "masalah")
        return f"{line}; {warned}." if warned else f"{line}."
    line = f"{result.checked} SOP diperiksa, tidak ada masalah"
    if not warned:
        return f"{line}."
    if strict:
        return f"{line}, tetapi {warned} (--strict: peringatan dihitung sebagai masalah)."
    return f"{line}; {warned}."


def _github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the problem shows on the pull request."""
    kind = "error" if problem.severity == "error" else "warning"
    props = f"file={_escape(problem.file, prop=True)}"
    if problem.path.startswith("baris ") and problem.path[6:].isdigit():
        props += f",line={problem.path[6:]}"
    title = "SOP tidak valid" if kind == "error" else "Peringatan SOP"
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return f"::{kind} {props},title={_escape(title, prop=True)}::{_escape(message)}"


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def run_check(project: Path, strict: bool, out: TextIO, github: bool = False) -> int:
    result = check_sources(project)
    for problem in result.errors:
        print(problem, file=out)
    for problem in result.warnings:
        print(f"peringatan: {problem}", file=out)
    for problem in result.suggestions:
        print(f"saran: {problem}", file=out)
    if github:
        for problem in [*result.errors, *result.warnings]:
            print(_github_annotation(problem), file=out)
    print(summary(result, strict), file=out)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    return EXIT_PROBLEMS if failed else EXIT_OK


# ---------------------------------------------------------------- new

_MAX_SLUG = 60


class UsageError(Exception):
    """A bad argument; the message is for the editor (Indonesian)."""


def clean_folder(folder: str) -> str:
    """The unit folder under sop_src/, as the editor may type it ('sop_src/a/b/' -> 'a/b')."""
    text = folder.strip().strip("/").removeprefix(f"{SRC_DIR}/")
    if not text:
        raise UsageError(
            'folder unit wajib diisi, mis. make new UNIT=kab-malang/kec-kalipare NAMA="Pengiriman Surat"'
        )
    if not SOP_ID.match(text):
        raise UsageError(
            f"nama folder '{folder}' tidak valid: diharapkan huruf kecil, angka dan '-' saja, "
            "dipisah '/' (mis. kab-malang/kec-kalipare)"
        )
    return text


def slug_of(nama: str) -> str:
    """The file name of a new SOP: ASCII, lowercase, '-' between words, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    if not any(c.isalnum() for c in ascii_text):
        raise UsageError(f"nama SOP '{nama}' tidak memuat huruf atau angka untuk nama berkas")
    slug = slugify(nama)
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("-", 1)[0]
    return slug


def _clean_name(nama: str) -> str:
    text = " ".join(nama.split())
    if not text:
        raise UsageError('nama SOP wajib diisi, mis. NAMA="Pengiriman Surat"')
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise UsageError("nama SOP memuat karakter kendali; tulis teks biasa satu baris")
    return text


def unit_defaults(project: Path, folder: str) -> tuple[dict[str, str], dict[str, str]]:
    """instansi/unit that `_unit.yml` files give a folder (the loader's rules: nearest
    wins), and where each comes from."""
    values, origins = load_unit_defaults(project, folder)
    keys = [key for key in ("instansi", "unit") if values.get(key)]
    return {key: " ".join(str(values[key]).split()) for key in keys}, {key: origins[key] for key in keys}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_skeleton(nama: str, folder: str, defaults: dict[str, str], sources: dict[str, str]) -> str:
    """The front matter of a new SOP: every key, short Indonesian hints as comments."""
    today = date.today().isoformat()
    if "instansi" in defaults and "unit" in defaults:
        where = sorted(set(sources.values()))
        unit_block = (
            f"# instansi dan unit diambil dari {', '.join(where)}:\n"
            f"# {defaults['instansi']} / {defaults['unit']}. Isi hanya bila SOP ini berbeda.\n"
            "instansi:\n"
            "unit:\n"
        )
    else:
        lines = [
            f"# Folder ini belum mendapat instansi/unit dari {UNIT_FILE}. Ganti contoh di bawah, atau",
            f"# (lebih baik) buat {SRC_DIR}/{folder}/{UNIT_FILE} berisi instansi, unit dan kop surat,",
            "# lalu kosongkan kedua kunci ini.",
        ]
        for key, example in (
            ("instansi", "Tulis nama instansi, mis. Pemerintah Kabupaten Malang"),
            ("unit", "Tulis nama unit kerja, mis. Kantor Kecamatan Kalipare"),
        ):
            if key in defaults:
                lines.append(f"# {key} diambil dari {sources[key]}: {defaults[key]}")
                lines.append(f"{key}:")
            else:
                lines.append(f"{key}: {_q(example)}")
        unit_block = "\n".join(lines) + "\n"
    return f"""---
# SOP baru, dibuat dengan `make new`. Baris yang diawali '#' adalah petunjuk dan boleh
# dihapus. Panduan lengkap: halaman Panduan Editor di portal. Periksa dengan `make check`.

# ---------------- Bagian Identitas ----------------
nama: {_q(nama)}
# Nomor SOP seperti tertulis (mis. 070/123/35.07.11/2024); wajib bila status berlaku.
nomor:
{unit_block}# Kop surat (alamat, telepon, email, website, logo): kosongkan untuk memakai {UNIT_FILE}.
alamat:
telepon:
email:
website:
logo:
# Tanggal: 2024-08-01 atau 1 Agustus 2024 (atau bulan saja: Agustus 2024).
tanggal_pembuatan: {today}
# Tanggal revisi; kosong atau "-" pada terbitan pertama.
tanggal_revisi: "-"
# Tanggal pengesahan (= mulai berlaku); wajib bila status berlaku.
tanggal_efektif:
disahkan_oleh:
  jabatan: {_q("Tulis jabatan pengesah, mis. Camat Kalipare")}
  # Nama lengkap dengan gelar; wajib bila status berlaku.
  nama:
  # Pangkat/golongan, mis. Pembina.
  pangkat:
  # NIP 18 angka, spasi boleh; tulis dalam tanda kutip: "19631116 199010 2 002".
  nip:
# Enam kotak berikut: teks, atau daftar (setiap butir diawali "- "). Kotak kosong dicetak "-".
dasar_hukum:
#  - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP
kualifikasi_pelaksana:
# Teks biasa, atau rujukan ke SOP lain: - {{sop: id/sop/lain, jenis: lanjutan}}
# (jenis: terkait, prasyarat, lanjutan, bagian-dari).
keterkaitan:
peralatan_perlengkapan:
# Akibat bila SOP tidak dilaksanakan.
peringatan:
pencatatan_pendataan:
# {", ".join(STATUS)}: konsep = draf (belum disahkan).
status: konsep
# Untuk SOP yang dicabut: id SOP penggantinya (path di bawah {SRC_DIR}/ tanpa .md).
diganti_oleh:
# Kategori untuk penjelajahan (tidak wajib).
kategori:
# Jangka tinjau ulang (6 bulan, 1 tahun, 2 tahun); kosong: dari {UNIT_FILE} atau mkdocs.yml, bawaan 1 tahun.
tinjau_setiap:

# ---------------- Bagian Flowchart ----------------
# Jabatan pelaksana (bukan nama orang), satu kolom masing-masing, sesuai urutan kolom.
pelaksana:
  - Pelaksana 1
  - Pelaksana 2
# Langkah-langkah, berurutan; nomor langkah = urutannya (1, 2, ...).
langkah:
  # Langkah 1: titik mulai.
  - kegiatan: {_q("Tulis kegiatan pertama dengan kata kerja aktif, mis. Menerima berkas")}
    # Nama dari daftar pelaksana di atas, atau daftar beberapa nama.
    pelaksana: Pelaksana 1
    # Mutu Baku: kelengkapan (teks atau daftar), waktu (mis. 10 menit, 1-3 hari), output.
    kelengkapan:
    waktu:
    output:
    keterangan:
    # Id SOP lain bila langkah ini dijalankan lewat SOP itu.
    sop:
    # Keputusan (belah ketupat): label cabang ke nomor langkah, mis. {{Ya: 3, Tidak: 1}}.
    keputusan:
    # Nomor langkah berikutnya bila bukan langkah sesudahnya.
    ke:
    # true: titik mulai tambahan / alur berakhir di langkah ini.
    mulai:
    selesai:
  # Langkah 2: langkah terakhir selalu mengakhiri alur.
  - kegiatan: {_q("Tulis kegiatan kedua")}
    pelaksana: Pelaksana 2
    kelengkapan:
    waktu:
    output:
---
"""


def _validate_skeleton(text: str, defaults: dict[str, str]) -> list[str]:
    """Errors the skeleton would get from `make check` (expected: none)."""
    parts = split_front_matter(text)
    if parts is None:
        return ["front matter tidak ditemukan"]
    data = parse_yaml(parts[0], line_offset=1)
    apply_unit_defaults(data, dict(defaults))
    _, errors, _ = validate_sop(data)
    return [f"{path}: {message}" for path, message in errors]


def run_new(project: Path, folder: str, nama: str, out: TextIO) -> int:
    folder = clean_folder(folder)
    nama = _clean_name(nama)
    target = project / SRC_DIR / folder / f"{slug_of(nama)}.md"
    rel = target.relative_to(project).as_posix()
    link = linked_part(target, project / SRC_DIR)
    if link is not None:  # nothing is written through a link (it may lead outside)
        raise UsageError(f"{link.relative_to(project).as_posix()}: {SYMLINK}")
    defaults, sources = unit_defaults(project, folder)
    text = render_skeleton(nama, folder, defaults, sources)
    errors = _validate_skeleton(text, defaults)
    if errors:  # a bug here, not the editor's mistake
        raise RuntimeError("kerangka SOP tidak valid:\n" + "\n".join(errors))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        print(
            f"{rel} sudah ada; berkas tidak ditimpa. Sunting berkas itu, atau pilih nama SOP lain.",
            file=out,
        )
        return EXIT_PROBLEMS
    print(f"Berkas dibuat: {rel} (status konsep).", file=out)
    if "instansi" not in defaults or "unit" not in defaults:
        print(
            f"Folder ini belum punya {UNIT_FILE} dengan instansi dan unit: contoh isian ditulis di "
            "berkas SOP; ganti sebelum diajukan.",
            file=out,
        )
    print("Isi datanya, lalu jalankan `make check`.", file=out)
    return EXIT_OK


# ---------------------------------------------------------------- tinjau, pemantauan


def site_options(project: Path) -> dict[str, Any]:
    """`extra.portal_sop` of the project's mkdocs.yml (tags such as `!ENV` read as
    empty); empty when there is none."""
    import yaml

    class _Tolerant(yaml.SafeLoader):
        pass

    _Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    path = project / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Tolerant) if path.is_file() else {}
    except (OSError, yaml.YAMLError):
        return {}
    extra = config.get("extra") if isinstance(config, dict) else None
    options = extra.get("portal_sop") if isinstance(extra, dict) else None
    return options if isinstance(options, dict) else {}


def _siklus(project: Path) -> Siklus:
    try:
        setiap = site_setiap(site_options(project))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        portal = load_portal(project, lenient=True)
    except SourceErrors as exc:  # (a bad SOURCE_DATE_EPOCH)
        raise UsageError(str(exc)) from None
    return Siklus(portal, setiap)


def run_tinjau(project: Path, out: TextIO) -> int:
    """The reviews and monitorings overdue or due within 30 days, for the terminal.
    Never a failure: being overdue is shown, not an error."""
    siklus = _siklus(project)
    today = Tanggal.of(siklus.hari_ini).long()
    due = siklus.jadwal()
    if siklus.portal.errors:
        print(
            f"({len(siklus.portal.errors)} masalah pada sumber; jalankan `make check`. SOP yang valid "
            "didaftar.)",
            file=out,
        )
    if not due:
        print(
            f"Per {today} tidak ada tinjau ulang atau monitoring SOP yang terlambat atau jatuh tempo dalam "
            f"{SEGERA_HARI} hari.",
            file=out,
        )
        return EXIT_OK
    print(
        f"Tinjau ulang dan monitoring SOP per {today} (terlambat, atau jatuh tempo dalam {SEGERA_HARI} "
        "hari):",
        file=out,
    )
    for item in due:
        state = "TERLAMBAT" if item.terlambat else "segera"
        print(
            f"  {state:<9}  {item.apa:<12}  {Tanggal.of(item.tanggal).long():<17}  {item.record.id}  "
            f"({item.record.sop.nama}; {item.unit.unit})",
            file=out,
        )
    late = sum(1 for item in due if item.terlambat)
    print(
        f"{len(due)} jadwal: {late} terlambat, {len(due) - late} jatuh tempo dalam {SEGERA_HARI} hari.",
        file=out,
    )
    return EXIT_OK


def render_record(jenis: str, folder: str, ids: list[tuple[str, str]], today: date) -> str:
    """A new record file for a round: every SOP in force of the unit, answers empty."""
    if jenis == "monitoring":
        periode = Semester.of(today).label()
        hint = "# penilaian: berjalan-baik atau tidak-berjalan-baik (wajib)."
    else:
        periode = f"Tahun {today.year}"
        hint = "# kriteria: ketujuh pertanyaan, ya atau tidak; rekomendasi: tetap, revisi atau cabut."
    jabatan = "Tulis jabatan penilai, mis. Sekretaris" if jenis == "monitoring" else "Tulis jabatan ketua tim"
    lines = [
        f"# {jenis.capitalize()} SOP {periode}, dibuat dengan `make pemantauan`: satu butir per SOP yang",
        f"# berlaku di {SRC_DIR}/{folder}/. Isi jawabannya, lalu jalankan `make check`.",
        hint,
        f"jenis: {jenis}",
        f"tanggal: {today.isoformat()}",
        f"periode: {_q(periode)}",
        "penilai:",
        f"  jabatan: {_q(jabatan)}",
        "  nama:",
        "  nip:",
        "hasil:",
    ]
    for sop_id, nama in ids:
        lines.append(f"  - sop: {sop_id}  # {nama}")
        if jenis == "monitoring":
            lines.append("    penilaian:")
        else:
            lines.append("    kriteria:")
            lines += [f"      {key}:  # {question}" for key, question in KRITERIA.items()]
            lines.append("    rekomendasi:")
        lines += ["    catatan:", "    tindakan:"]
    return "\n".join(lines) + "\n"


def run_pemantauan(project: Path, folder: str, jenis: str, out: TextIO) -> int:
    folder = clean_folder(folder)
    jenis = jenis.strip().lower()
    if jenis not in PEMANTAUAN_JENIS:
        raise UsageError(f"JENIS harus monitoring atau evaluasi, ditemukan '{jenis}'")
    siklus = _siklus(project)
    today = siklus.hari_ini
    ids = [
        (r.id, " ".join(r.sop.nama.split()))
        for r in siklus.portal.records
        if r.id.startswith(f"{folder}/") and r.sop.status == "berlaku"
    ]
    if not ids:
        raise UsageError(f"tidak ada SOP berlaku di {SRC_DIR}/{folder}/ atau di bawahnya")
    name = f"{Semester.of(today).slug()}.yml" if jenis == "monitoring" else f"{today.year}-evaluasi.yml"
    target = project / SRC_DIR / folder / PEMANTAUAN_FOLDER / name
    rel = target.relative_to(project).as_posix()
    link = linked_part(target, project / SRC_DIR)
    if link is not None:
        raise UsageError(f"{link.relative_to(project).as_posix()}: {SYMLINK}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(render_record(jenis, folder, ids, today))
    except FileExistsError:
        print(f"{rel} sudah ada; berkas tidak ditimpa. Sunting berkas itu.", file=out)
        return EXIT_PROBLEMS
    print(
        f"Berkas dibuat: {rel} ({len(ids)} SOP berlaku). Isi jawabannya, lalu jalankan `make check`.",
        file=out,
    )
    return EXIT_OK


# ---------------------------------------------------------------- schema

_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The model's docstrings are English (code); the schema is read by editors.
_MODEL_TEXT = {
    "Sop": (
        "Front matter SOP",
        "Data satu SOP (Bagian Identitas dan Bagian Flowchart) dalam front matter berkas "
        f"{SRC_DIR}/**/*.md. instansi dan unit boleh diambil dari {UNIT_FILE}. Dibuat dari model "
        f"portal (`make schema`); pemeriksaan lengkap (nama pelaksana, nomor langkah, rujukan "
        f"SOP, tanggal) tetap oleh `make check`.",
    ),
    "Langkah": ("Langkah", "Satu langkah prosedur (satu baris tabel flowchart)."),
    "Pengesah": ("Disahkan oleh", "Pejabat yang mengesahkan SOP."),
    "Rujukan": ("Rujukan SOP", "Rujukan ke SOP lain: {sop: <id>, jenis: <jenis>}."),
    "Penilai": ("Penilai", "Siapa yang menilai: jabatan (wajib), nama, nip."),
    "Hasil": ("Hasil", "Hasil penilaian satu SOP."),
    "Kriteria": ("Kriteria evaluasi", "Tujuh pertanyaan evaluasi, masing-masing ya atau tidak."),
}


def _localise(node: Any) -> None:
    """Field labels become titles; model titles and descriptions become Indonesian."""
    if isinstance(node, list):
        for item in node:
            _localise(item)
        return
    if not isinstance(node, dict):
        return
    if "label" in node and isinstance(node["label"], str):
        node["title"] = node.pop("label")
    elif node.get("type") == "object" and node.get("title") in _MODEL_TEXT:
        node["title"], node["description"] = _MODEL_TEXT[node["title"]]
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for sub in value.values():
                _localise(sub)
        elif key in ("items", "additionalProperties", "anyOf", "allOf", "oneOf", "not"):
            _localise(value)


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an SOP's front matter, generated from the model.

    Added to what pydantic generates, each restating a rule the model checks in code:
    instansi/unit may come from `_unit.yml` (neither required nor non-empty here),
    `keterkaitan` may be one text or empty, `pelaksana` and `langkah` are non-empty and
    role names unique, and what status `berlaku` (the default) requires. Only keywords
    that draft-07 also knows are used.
    """
    generated = Sop.model_json_schema(mode="validation")
    _localise(generated)
    properties: dict[str, Any] = generated["properties"]
    for key in ("instansi", "unit"):  # empty here means "from _unit.yml"
        properties[key]["type"] = [*properties[key]["type"], "null"]
    properties["pelaksana"].update(minItems=1, uniqueItems=True)
    # keterkaitan: like the other boxes, also one text alone or empty (the model's _listify).
    related = properties["keterkaitan"]
    item = related.pop("items")
    related.pop("type")
    related["anyOf"] = [{"type": ["string", "number", "null"]}, {"type": "array", "items": item}]
    properties["langkah"]["minItems"] = 1
    filled = {"type": ["string", "number"], "pattern": r"\S"}
    in_force = {
        "required": ["nomor", "tanggal_efektif", "disahkan_oleh"],
        "properties": {
            "nomor": filled,
            "tanggal_efektif": {
                k: v for k, v in properties["tanggal_pembuatan"].items() if k in ("type", "pattern")
            },
            "disahkan_oleh": {"required": ["nama"], "properties": {"nama": filled}},
        },
    }
    title, description = _MODEL_TEXT["Sop"]
    return {
        "$schema": _SCHEMA_DIALECT,
        "title": title,
        "description": description,
        "type": "object",
        "properties": properties,
        "required": [k for k in generated["required"] if k not in UNIT_KEYS],
        "additionalProperties": False,
        # Status berlaku (also when status is not written) needs nomor, tanggal_efektif
        # and the signer's name.
        "if": {
            "required": ["status"],
            "properties": {"status": {"enum": [s for s in STATUS if s != "berlaku"]}},
        },
        "else": in_force,
        "$defs": generated["$defs"],
    }


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def build_record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a monitoring or evaluation record file,
    generated from its model. Added: `hasil` is not empty, and each item's keys follow
    `jenis` (penilaian with monitoring; kriteria, and rekomendasi, with evaluasi)."""
    generated = Rekaman.model_json_schema(mode="validation")
    _localise(generated)
    properties: dict[str, Any] = generated["properties"]
    properties["hasil"]["minItems"] = 1
    properties["tanggal"]["pattern"] = (
        r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})\s*$"  # a day
    )
    return {
        "$schema": _SCHEMA_DIALECT,
        "title": "Rekaman pemantauan SOP",
        "description": (
            f"Satu putaran monitoring atau evaluasi SOP: berkas {SRC_DIR}/<unit>/_pemantauan/*.yml. "
            "Dibuat dari model portal (`make schema`); pemeriksaan lengkap (id SOP, folder unit, "
            "tanggal) tetap oleh `make check`."
        ),
        "type": "object",
        "properties": properties,
        "required": generated["required"],
        "additionalProperties": False,
        "if": {"properties": {"jenis": {"const": "monitoring"}}},
        "then": {
            "properties": {
                "hasil": {
                    "items": {
                        "required": ["penilaian"],
                        "not": {"anyOf": [{"required": ["kriteria"]}, {"required": ["rekomendasi"]}]},
                    }
                }
            }
        },
        "else": {
            "properties": {"hasil": {"items": {"required": ["kriteria"], "not": {"required": ["penilaian"]}}}}
        },
        "$defs": generated["$defs"],
    }


def render_record_schema() -> str:
    return json.dumps(build_record_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema(project: Path, output: Path | None, check: bool, out: TextIO) -> int:
    if output is not None:
        return _write_schema(project, output, render_schema(), check, out)
    status = _write_schema(project, project / SCHEMA_FILE, render_schema(), check, out)
    return max(
        status, _write_schema(project, project / RECORD_SCHEMA_FILE, render_record_schema(), check, out)
    )


def _write_schema(project: Path, target: Path, text: str, check: bool, out: TextIO) -> int:
    shown = target.relative_to(project).as_posix() if target.is_relative_to(project) else str(target)
    if check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{shown} tidak sesuai dengan model; jalankan `make schema`.", file=out)
            return EXIT_PROBLEMS
        print(f"{shown} sesuai dengan model.", file=out)
        return EXIT_OK
    target.write_text(text, encoding="utf-8")
    print(f"Ditulis: {shown}", file=out)
    return EXIT_OK


# ---------------------------------------------------------------- entry point


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m macros.cli",
        description=(
            "Alat editor Portal SOP: periksa sumber, buat SOP baru, tulis JSON Schema, impor dokumen."
        ),
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=PROJECT,
        help="folder proyek yang berisi sop_src/ (bawaan: folder proyek ini)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="perintah")
    check = commands.add_parser(
        "check", help="periksa semua SOP di sop_src/ tanpa membangun situs (make check)"
    )
    check.add_argument("--strict", action="store_true", help="peringatan juga menggagalkan pemeriksaan")
    new = commands.add_parser("new", help="buat kerangka SOP baru berstatus konsep (make new)")
    new.add_argument("folder", help="folder unit di bawah sop_src/, mis. kab-malang/kec-kalipare")
    new.add_argument("nama", help='nama SOP, mis. "Pengiriman Surat"')
    schema = commands.add_parser("schema", help=f"tulis {SCHEMA_FILE} dari model (make schema)")
    schema.add_argument("--check", action="store_true", help=f"hanya periksa bahwa {SCHEMA_FILE} mutakhir")
    schema.add_argument("--output", type=Path, help=f"tulis ke berkas lain (bawaan: {SCHEMA_FILE})")
    impor = commands.add_parser(
        "impor", help="impor dokumen SOP (PDF, Excel .xlsx, Word .docx) sebagai konsep (make impor)"
    )
    impor.add_argument(
        "--unit", required=True, help="folder unit di bawah sop_src/, mis. kab-malang/kec-kalipare"
    )
    impor.add_argument("berkas", nargs="+", type=Path, help="berkas yang diimpor (.pdf, .xlsx, .docx)")
    commands.add_parser(
        "tinjau",
        help="daftar tinjau ulang dan monitoring yang terlambat atau jatuh tempo dalam 30 hari (make tinjau)",
    )
    record = commands.add_parser(
        "pemantauan", help="mulai berkas rekaman monitoring atau evaluasi untuk satu unit (make pemantauan)"
    )
    record.add_argument("folder", help="folder unit di bawah sop_src/, mis. kab-malang/kec-kalipare")
    record.add_argument("jenis", help="monitoring atau evaluasi")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    project: Path = args.root.resolve()
    try:
        if args.command == "check":
            github = os.environ.get("GITHUB_ACTIONS") == "true"
            return run_check(project, args.strict, stream, github=github)
        if args.command == "new":
            return run_new(project, args.folder, args.nama, stream)
        if args.command == "tinjau":
            return run_tinjau(project, stream)
        if args.command == "pemantauan":
            return run_pemantauan(project, args.folder, args.jenis, stream)
        if args.command == "impor":
            from .impor.command import run_impor

            folder = clean_folder(args.unit)
            defaults, _ = unit_defaults(project, folder)
            return run_impor(project, args.berkas, folder, defaults, stream)
        return run_schema(project, args.output, args.check, stream)
    except UsageError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
