"""sop.schema.json: generated from the model, in sync, and in agreement with the
validator on what the format accepts and on its structural errors.

Front matter is read with the project's YAML reader (`macros.yamlio.parse_yaml`), as
the loader reads it. The validator's verdict comes from `make check`'s code on a tiny
project in tmp_path, with a `_unit.yml` and a second SOP to refer to.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import PROJECT, write_files

from macros.cli import check_sources, main, render_schema, render_skeleton
from macros.yamlio import parse_yaml, split_front_matter

SCHEMA_PATH = PROJECT / "sop.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATORS = [jsonschema.Draft202012Validator, jsonschema.Draft7Validator]

UNIT_DIR = "sop_src/unit"
UNIT = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Kalipare\n"
OTHER = """\
---
nama: SOP Lain
status: konsep
tanggal_pembuatan: 2024-01-01
disahkan_oleh: {jabatan: Camat}
pelaksana: [Staf]
langkah: [{kegiatan: Mengarsipkan, pelaksana: Staf}]
---
"""

# A valid SOP in force, key by key, so a case can replace, drop or add a key.
BASE = {
    "nama": "nama: Penyusunan Laporan Kinerja",
    "nomor": 'nomor: "070 / / 35.07.11/2019"',
    "tanggal_pembuatan": "tanggal_pembuatan: 2016-01-01",
    "tanggal_revisi": "tanggal_revisi: 2019-08-01",
    "tanggal_efektif": "tanggal_efektif: 1 Agustus 2019",
    "disahkan_oleh": (
        "disahkan_oleh:\n  jabatan: Camat Kalipare\n  nama: NEPO MARIS, S.Pd, MM\n"
        '  pangkat: Pembina\n  nip: "19631116 199010 2 002"'
    ),
    "pelaksana": "pelaksana: [Camat, Staf]",
    "langkah": (
        "langkah:\n"
        "  - kegiatan: Memerintahkan penyusunan\n    pelaksana: Camat\n    waktu: 10 menit\n"
        "  - kegiatan: Menyusun laporan\n    pelaksana: Staf\n    waktu: 1 hari"
    ),
}


def front(**changes: str | None) -> str:
    """BASE with keys replaced (a YAML block), dropped (None) or added (a new key)."""
    blocks = {**BASE, **changes}
    return "\n".join(block for block in blocks.values() if block is not None) + "\n"


def steps(*blocks: str) -> str:
    return "langkah:\n" + "".join(textwrap.indent(textwrap.dedent(b).strip(), "  ") + "\n" for b in blocks)


# Accepted by the format (SOP-FORMAT.md) and so by both.
VALID: dict[str, str] = {
    "base": front(),
    "ISO date quoted": front(tanggal_pembuatan='tanggal_pembuatan: "2016-01-01"'),
    "long date": front(tanggal_pembuatan="tanggal_pembuatan: 01 Januari 2016"),
    "long date lowercase": front(tanggal_efektif="tanggal_efektif: 1 agustus 2019"),
    "long date old spelling": front(tanggal_efektif="tanggal_efektif: 1 Nopember 2019"),
    "month only": front(tanggal_efektif="tanggal_efektif: Januari 2023"),
    "month only ISO": front(tanggal_pembuatan="tanggal_pembuatan: 2023-01"),
    "revision dash": front(tanggal_revisi='tanggal_revisi: "-"'),
    "revision empty": front(tanggal_revisi="tanggal_revisi:"),
    "revision absent": front(tanggal_revisi=None),
    "NIP as number": front(
        disahkan_oleh="disahkan_oleh:\n  jabatan: Camat\n  nama: Nepo\n  nip: 196311161990102002"
    ),
    "NIP without spaces as text": front(
        disahkan_oleh='disahkan_oleh:\n  jabatan: Camat\n  nama: Nepo\n  nip: "196311161990102002"'
    ),
    "NIP dash": front(disahkan_oleh='disahkan_oleh:\n  jabatan: Camat\n  nama: Nepo\n  nip: "-"'),
    "signer without pangkat and NIP": front(disahkan_oleh="disahkan_oleh: {jabatan: Camat, nama: Nepo}"),
    "boxes as text": front(
        dasar_hukum="dasar_hukum: Peraturan Presiden Nomor 29 Tahun 2014",
        peringatan="peringatan: Laporan terlambat",
        kategori="kategori: Perencanaan",
    ),
    "boxes as lists": front(
        dasar_hukum="dasar_hukum:\n  - Perpres 29/2014\n  - PermenPAN-RB 53/2014",
        kualifikasi_pelaksana="kualifikasi_pelaksana: [Mampu mengoperasikan komputer]",
        peralatan_perlengkapan="peralatan_perlengkapan: [Komputer, Printer]",
        pencatatan_pendataan="pencatatan_pendataan: []",
        kategori="kategori: [Perencanaan, Kinerja]",
    ),
    "empty boxes": front(dasar_hukum="dasar_hukum:", peringatan="peringatan:"),
    "keterkaitan one text": front(keterkaitan="keterkaitan: Dokumen Renstra"),
    "keterkaitan empty": front(keterkaitan="keterkaitan:"),
    "keterkaitan text and references": front(
        keterkaitan=(
            "keterkaitan:\n  - Dokumen Renstra\n  - {sop: unit/lain, jenis: lanjutan}\n  - sop: unit/lain"
        )
    ),
    "letterhead in front matter": front(
        instansi="instansi: Pemerintah Provinsi Jambi",
        unit="unit: BPKPD",
        alamat="alamat: Jalan Ahmad Yani",
        telepon="telepon: 0741 123456",
        email="email: bpkpd@jambiprov.go.id",
        website="website: bpkpd.jambiprov.go.id",
    ),
    "instansi and unit empty (from _unit.yml)": front(instansi="instansi:", unit="unit:"),
    "nomor as a number": front(nomor="nomor: 12"),
    "konsep without nomor, date and signer name": front(
        nomor=None,
        tanggal_efektif=None,
        disahkan_oleh="disahkan_oleh: {jabatan: Camat}",
        status="status: konsep",
    ),
    "dicabut replaced": front(status="status: dicabut", diganti_oleh="diganti_oleh: unit/lain"),
    "steps: every key": front(
        langkah=steps(
            """
            - kegiatan: Menerima berkas
              pelaksana: [Camat, Staf]
              kelengkapan: [KTP, Surat pengantar]
              waktu: 1-3 Hari
              output: Berkas
              keterangan: Lewat aplikasi
              sop: unit/lain
              ke: [2, 3]
            """,
            """
            - kegiatan: Memeriksa berkas
              pelaksana: Camat
              keputusan: {Ya: 3, Tidak: 1}
            """,
            """
            - kegiatan: Menerima berkas lewat email
              pelaksana: Staf
              mulai: true
              selesai: true
            """,
        )
    ),
    "steps: decision looping to itself": front(
        langkah=steps(
            "- {kegiatan: Mengetik, pelaksana: Staf}",
            "- {kegiatan: Memeriksa, pelaksana: Camat, keputusan: {Belum: 2, Lanjut: 3, Ulang: 1}}",
            "- {kegiatan: Menandatangani, pelaksana: Camat}",
        )
    ),
    "skeleton of make new": render_skeleton(
        "Rapat", "unit", {"instansi": "X", "unit": "Y"}, {"instansi": "_unit.yml", "unit": "_unit.yml"}
    ),
    "skeleton of make new without _unit.yml": render_skeleton("Rapat", "unit", {}, {}),
}

# Structural errors: rejected by both.
INVALID: dict[str, str] = {
    "missing nama": front(nama=None),
    "missing tanggal_pembuatan": front(tanggal_pembuatan=None),
    "missing disahkan_oleh": front(disahkan_oleh=None),
    "missing jabatan": front(disahkan_oleh="disahkan_oleh: {nama: Nepo}"),
    "missing pelaksana": front(pelaksana=None),
    "missing langkah": front(langkah=None),
    "step without kegiatan": front(langkah=steps("- pelaksana: Camat")),
    "step without pelaksana": front(langkah=steps("- kegiatan: Memerintahkan")),
    "unknown key": front(nam="nam: Typo"),
    "unknown step key": front(langkah=steps("- {kegiatan: A, pelaksana: Camat, keteranagn: x}")),
    "unknown signer key": front(disahkan_oleh="disahkan_oleh: {jabatan: Camat, nama: N, gelar: S.Pd}"),
    "unknown reference key": front(keterkaitan="keterkaitan: [{sop: unit/lain, jenis: lanjutan, x: 1}]"),
    "keterkaitan one reference, not in a list": front(keterkaitan="keterkaitan: {sop: unit/lain}"),
    "reference without sop": front(keterkaitan="keterkaitan: [{jenis: lanjutan}]"),
    "nama blank": front(nama='nama: ""'),
    "nama a list": front(nama="nama: [a, b]"),
    "langkah a text": front(langkah="langkah: Memerintahkan"),
    "langkah a mapping": front(langkah="langkah: {kegiatan: A, pelaksana: Camat}"),
    "langkah empty": front(langkah="langkah: []"),
    "pelaksana a text": front(
        pelaksana="pelaksana: Camat", langkah=steps("- {kegiatan: A, pelaksana: Camat}")
    ),
    "pelaksana empty": front(pelaksana="pelaksana: []"),
    "pelaksana twice": front(pelaksana="pelaksana: [Camat, Staf, Camat]"),
    "disahkan_oleh a text": front(disahkan_oleh="disahkan_oleh: Camat Kalipare"),
    "kegiatan a list": front(langkah=steps("- {kegiatan: [A, B], pelaksana: Camat}")),
    "ke a text": front(
        langkah=steps("- {kegiatan: A, pelaksana: Camat, ke: dua}", "- {kegiatan: B, pelaksana: Staf}")
    ),
    "ke zero": front(
        langkah=steps("- {kegiatan: A, pelaksana: Camat, ke: 0}", "- {kegiatan: B, pelaksana: Staf}")
    ),
    "mulai a text": front(
        langkah=steps("- {kegiatan: A, pelaksana: Camat}", "- {kegiatan: B, pelaksana: Staf, mulai: ya}")
    ),
    "keputusan a list": front(
        langkah=steps(
            "- {kegiatan: A, pelaksana: Camat, keputusan: [1, 2]}", "- {kegiatan: B, pelaksana: Staf}"
        )
    ),
    "keputusan one branch": front(
        langkah=steps(
            "- {kegiatan: A, pelaksana: Camat, keputusan: {Ya: 2}}", "- {kegiatan: B, pelaksana: Staf}"
        )
    ),
    "keputusan target a text": front(
        langkah=steps(
            "- {kegiatan: A, pelaksana: Camat, keputusan: {Ya: dua, Tidak: 1}}",
            "- {kegiatan: B, pelaksana: Staf}",
        )
    ),
    "dasar_hukum a mapping": front(dasar_hukum="dasar_hukum: {a: b}"),
    "date a number": front(tanggal_pembuatan="tanggal_pembuatan: 2016"),
    "date in another form": front(tanggal_pembuatan="tanggal_pembuatan: 2016/01/01"),
    "date a word": front(tanggal_pembuatan="tanggal_pembuatan: kemarin"),
    "tanggal_pembuatan dash": front(tanggal_pembuatan='tanggal_pembuatan: "-"'),
    "NIP too short": front(disahkan_oleh='disahkan_oleh: {jabatan: Camat, nama: N, nip: "1963 1116"}'),
    "NIP with letters": front(
        disahkan_oleh='disahkan_oleh: {jabatan: Camat, nama: N, nip: "19631116 199010 2 00A"}'
    ),
    "NIP a short number": front(disahkan_oleh="disahkan_oleh: {jabatan: Camat, nama: N, nip: 12345}"),
    "NIP true": front(disahkan_oleh="disahkan_oleh: {jabatan: Camat, nama: N, nip: true}"),
    "unknown status": front(status="status: aktif"),
    "unknown jenis": front(keterkaitan="keterkaitan: [{sop: unit/lain, jenis: sebelum}]"),
    "sop id with capitals": front(
        langkah=steps("- {kegiatan: A, pelaksana: Camat, sop: Unit/Lain}", "- {kegiatan: B, pelaksana: Staf}")
    ),
    "berlaku without nomor": front(nomor=None),
    "berlaku without tanggal_efektif": front(tanggal_efektif=None),
    "berlaku with tanggal_efektif dash": front(tanggal_efektif='tanggal_efektif: "-"'),
    "berlaku without signer name": front(disahkan_oleh="disahkan_oleh: {jabatan: Camat}"),
    "explicit berlaku without nomor": front(nomor="nomor:", status="status: berlaku"),
    "front matter a list": "- nama: A\n",
}

# What only the validator can know (other files, meaning, names): the schema accepts,
# the validator rejects. Listed so the boundary stays visible.
VALIDATOR_ONLY: dict[str, str] = {
    "unknown month name": front(tanggal_efektif="tanggal_efektif: 1 Agustos 2019"),
    "impossible date": front(tanggal_efektif="tanggal_efektif: 31 Februari 2019"),
    "role not in pelaksana": front(
        langkah=steps("- {kegiatan: A, pelaksana: Kasubag}", "- {kegiatan: B, pelaksana: Staf}")
    ),
    "target beyond the last step": front(
        langkah=steps("- {kegiatan: A, pelaksana: Camat, ke: 5}", "- {kegiatan: B, pelaksana: Staf}")
    ),
    "last step with ke": front(
        langkah=steps("- {kegiatan: A, pelaksana: Camat}", "- {kegiatan: B, pelaksana: Staf, ke: 1}")
    ),
    "reference to a missing SOP": front(keterkaitan="keterkaitan: [{sop: unit/tidak-ada}]"),
}

# Where the schema is stricter: it names the canonical (lowercase) values only.
SCHEMA_ONLY: dict[str, str] = {
    "status capitalised": front(status="status: Berlaku"),
    "jenis capitalised": front(keterkaitan="keterkaitan: [{sop: unit/lain, jenis: Lanjutan}]"),
}


def parse_front(text: str) -> Any:
    if text.startswith("---\n"):
        parts = split_front_matter(text)
        assert parts is not None
        return parse_yaml(parts[0], line_offset=1)
    return parse_yaml(text)


def schema_accepts(text: str, validator: type[Any] = jsonschema.Draft202012Validator) -> bool:
    return bool(validator(SCHEMA).is_valid(parse_front(text)))


def validator_accepts(tmp_path: Path, text: str) -> list[str]:
    """The problems `make check` reports for the file (empty: accepted)."""
    source = text if text.startswith("---\n") else f"---\n{text}---\n"
    write_files(tmp_path / UNIT_DIR, {"_unit.yml": UNIT, "lain.md": OTHER})
    (tmp_path / UNIT_DIR / "kasus.md").write_text(source, encoding="utf-8")
    result = check_sources(tmp_path)
    return [str(p) for p in result.errors]


# ---------------------------------------------------------------- the file


def test_schema_file_is_in_sync_with_the_model() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), "run `make schema`"
    assert main(["schema", "--check"]) == 0


@pytest.mark.parametrize("validator", VALIDATORS)
def test_schema_is_a_valid_schema(validator: Any) -> None:
    validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_describes_keys_in_indonesian() -> None:
    properties = SCHEMA["properties"]
    assert properties["tanggal_pembuatan"]["title"] == "Tanggal Pembuatan"
    assert properties["pencatatan_pendataan"]["title"] == "Pencatatan dan Pendataan"
    assert SCHEMA["$defs"]["Langkah"]["description"] == "Satu langkah prosedur (satu baris tabel flowchart)."
    assert '"label":' not in json.dumps(SCHEMA)  # labels became titles
    assert set(SCHEMA["required"]) == {"nama", "tanggal_pembuatan", "disahkan_oleh", "pelaksana", "langkah"}


# ---------------------------------------------------------------- agreement


@pytest.mark.parametrize("path", sorted((PROJECT / "sop_src").rglob("[!_]*.md")), ids=lambda p: p.name)
def test_schema_accepts_the_sample_sops(path: Path) -> None:
    assert schema_accepts(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(VALID))
def test_both_accept(tmp_path: Path, name: str) -> None:
    text = VALID[name]
    assert validator_accepts(tmp_path, text) == []
    for validator in VALIDATORS:
        assert schema_accepts(text, validator), validator.__name__


@pytest.mark.parametrize("name", list(INVALID))
def test_both_reject(tmp_path: Path, name: str) -> None:
    text = INVALID[name]
    assert validator_accepts(tmp_path, text) != []
    for validator in VALIDATORS:
        assert not schema_accepts(text, validator), validator.__name__


@pytest.mark.parametrize("name", list(VALIDATOR_ONLY))
def test_only_the_validator_rejects(tmp_path: Path, name: str) -> None:
    text = VALIDATOR_ONLY[name]
    assert validator_accepts(tmp_path, text) != []
    assert schema_accepts(text)


@pytest.mark.parametrize("name", list(SCHEMA_ONLY))
def test_only_the_schema_rejects(tmp_path: Path, name: str) -> None:
    text = SCHEMA_ONLY[name]
    assert validator_accepts(tmp_path, text) == []
    assert not schema_accepts(text)
