"""The change sentences field by field (macros/perubahan.py): every field of the model
the page shows is told when it changes, so a field added to `Sop` without a sentence
fails here."""

from __future__ import annotations

from typing import Any

import pytest

from macros.model import BOXES, Sop
from macros.perubahan import describe

BASE: dict[str, Any] = {
    "nama": "Pelayanan Surat",
    "instansi": "Pemerintah Kabupaten Contoh",
    "unit": "Kecamatan Contoh",
    "tanggal_pembuatan": "2024-01-01",
    "disahkan_oleh": {"jabatan": "Camat"},
    "pelaksana": ["Staf", "Camat"],
    "langkah": [
        {"kegiatan": "Menerima berkas", "pelaksana": "Staf", "waktu": "1 hari"},
        {"kegiatan": "Menandatangani surat", "pelaksana": "Camat", "waktu": "1 hari"},
    ],
}

# Each field of Sop: a new value, and the sentence that tells it.
CHANGES: dict[str, tuple[Any, list[str]]] = {
    "nama": ("Pelayanan Surat Keterangan", ["Nama SOP: Pelayanan Surat → Pelayanan Surat Keterangan"]),
    "nomor": ("470/001", ["Nomor SOP: - → 470/001"]),
    "instansi": (
        "Pemerintah Kota Contoh",
        ["Instansi: Pemerintah Kabupaten Contoh → Pemerintah Kota Contoh"],
    ),
    "unit": ("Kelurahan Contoh", ["Unit: Kecamatan Contoh → Kelurahan Contoh"]),
    "alamat": ("Jl. Raya 1", ["Alamat: - → Jl. Raya 1"]),
    "telepon": ("0341 123", ["Telepon: - → 0341 123"]),
    "email": ("kec@contoh.go.id", ["Email: - → kec@contoh.go.id"]),
    "website": ("contoh.go.id", ["Website: - → contoh.go.id"]),
    "logo": ("docs/assets/logo.png", []),  # not in the version code either (macros/versi.py)
    "tanggal_pembuatan": ("2024-02-01", ["Tanggal Pembuatan: 1 Januari 2024 → 1 Februari 2024"]),
    "tanggal_revisi": ("2024-03-01", ["Tanggal Revisi: - → 1 Maret 2024"]),
    "tanggal_efektif": ("2024-04-01", ["Tanggal Efektif: - → 1 April 2024"]),
    "disahkan_oleh": ({"jabatan": "Camat", "nama": "Drs. Budi"}, ["Pengesah: Camat → Camat, Drs. Budi"]),
    "dasar_hukum": (["UU 1/2024"], ["Dasar Hukum diubah: ditambahkan 'UU 1/2024'"]),
    "kualifikasi_pelaksana": (["S1"], ["Kualifikasi Pelaksana diubah: ditambahkan 'S1'"]),
    "keterkaitan": (
        [{"sop": "contoh/lain", "jenis": "prasyarat"}],
        ["Keterkaitan diubah: ditambahkan 'contoh/lain (prasyarat)'"],
    ),
    "peralatan_perlengkapan": (["Komputer"], ["Peralatan/Perlengkapan diubah: ditambahkan 'Komputer'"]),
    "peringatan": (["Surat terlambat"], ["Peringatan diubah: ditambahkan 'Surat terlambat'"]),
    "pencatatan_pendataan": (["Buku agenda"], ["Pencatatan dan Pendataan diubah: ditambahkan 'Buku agenda'"]),
    "status": ("konsep", ["Status: berlaku → konsep"]),
    "diganti_oleh": ("contoh/baru", ["Diganti oleh SOP 'contoh/baru'"]),
    "kategori": (["Surat"], ["Kategori diubah: ditambahkan 'Surat'"]),
    "tinjau_setiap": ("6 bulan", ["Tinjau setiap: - → 6 bulan"]),
    "pelaksana": (["Staf Umum", "Camat"], ["Pelaksana 'Staf' diganti 'Staf Umum'"]),
    "langkah": (
        [
            {"kegiatan": "Menerima berkas", "pelaksana": "Staf", "waktu": "2 hari"},
            {"kegiatan": "Menandatangani surat", "pelaksana": "Camat", "waktu": "1 hari"},
        ],
        ["Waktu langkah 1: 1 hari → 2 hari", "Total waktu: 2 hari → 3 hari"],
    ),
}


def sop(**changed: Any) -> Sop:
    return Sop.model_validate({**BASE, **changed})


def test_every_field_of_the_model_has_a_change_here() -> None:
    assert list(CHANGES) == list(Sop.model_fields)
    assert set(BOXES) < set(Sop.model_fields)


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_change_of_one_field_is_told_in_words(name: str) -> None:
    value, sentences = CHANGES[name]
    if name == "pelaksana":  # a renamed role: its steps follow it
        steps = [
            {**step, "pelaksana": "Staf Umum" if step["pelaksana"] == "Staf" else step["pelaksana"]}
            for step in BASE["langkah"]
        ]
        after = sop(pelaksana=value, langkah=steps)
    else:
        after = sop(**{name: value})
    assert describe(sop(), "", after, "") == sentences
    assert describe(sop(), "Uraian.", sop(), "Uraian.") == []


def test_a_new_sop_and_a_changed_body() -> None:
    assert describe(None, "", sop(), "") == ["SOP baru: Pelayanan Surat"]
    assert describe(sop(), "Uraian.", sop(), "Uraian baru.") == ["Uraian diubah"]


def test_a_body_changed_only_in_spacing_is_no_change() -> None:
    # The version code reads the body normalised (macros/versi.py): spaces at line ends
    # and extra blank lines change nothing a reader sees, so no sentence tells them.
    assert describe(sop(), "Uraian.\n\nLagi.", sop(), "Uraian.   \n\n\n\nLagi.\n") == []
