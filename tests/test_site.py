"""Tiny end-to-end sites, one folder per scenario under tests/fixtures/, built with
`mkdocs build --strict` into tmp_path.

Good scenarios build and publish every SOP (its page, sop.json, sop.csv). Broken
scenarios fail, name the file and the field, and write no SOP page at all: each also
holds a valid SOP (`ok.md`), which must not be published either.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from helpers import FIXTURES, Build, make_project, page_text, run_builds, sop_pages

UNIT_DIR = "sop_src/kab-contoh/kec-contoh"

GOOD: dict[str, list[str]] = {
    "good-minimal": ["kab-contoh/kec-contoh/minimal"],
    "good-flow": ["kab-contoh/kec-contoh/alur"],
    "good-empty-optional": ["kab-contoh/kec-contoh/kosong"],
    "good-long-lists": ["kab-contoh/kec-contoh/panjang"],
    "good-status": [
        "kab-contoh/kec-contoh/arsip",
        "kab-contoh/kec-contoh/surat-baru",
        "kab-contoh/kec-contoh/surat-lama",
    ],
    # A frozen copy of the sample SOPs, the renderers' golden files' source (test_golden.py).
    "good-portal": [
        "kab-balangan/kec-tebing-tinggi/penyusunan-lkip",
        "kab-malang/kec-kalipare/pemeriksaan-berkas-permohonan",
        "kab-malang/kec-kalipare/penerimaan-surat-masuk",
        "kab-malang/kec-kalipare/pengiriman-surat",
        "kab-malang/kec-kalipare/penyusunan-lkj",
        "kab-malang/kec-kalipare/persiapan-rapat-koordinasi",
        "prov-jambi/bpkpd/penyusunan-lkj",
    ],
    # A unit with monitoring and evaluation records of both kinds (test_pemantauan_pages.py).
    "good-pemantauan": [
        "kab-contoh/kec-contoh/konsep",
        "kab-contoh/kec-contoh/lain",
        "kab-contoh/kec-contoh/ok",
    ],
}

# Scenario -> the problems the output must name: (file, field path, words of the message).
BROKEN: dict[str, list[tuple[str, str, str]]] = {
    "broken-yaml": [(f"{UNIT_DIR}/rusak.md", "baris 3", "tanda ':' tidak diharapkan di sini")],
    "broken-missing-key": [(f"{UNIT_DIR}/rusak.md", "nama", "wajib diisi")],
    "broken-unknown-key": [(f"{UNIT_DIR}/rusak.md", "langkah[2].wakt", "Maksud Anda 'waktu'?")],
    "broken-wrong-type": [(f"{UNIT_DIR}/rusak.md", "pelaksana", "diharapkan daftar, ditemukan pemetaan")],
    "broken-date": [(f"{UNIT_DIR}/rusak.md", "tanggal_efektif", "ditemukan '31 Februari 2024'")],
    "broken-nip": [(f"{UNIT_DIR}/rusak.md", "disahkan_oleh.nip", "NIP tidak valid")],
    "broken-role": [(f"{UNIT_DIR}/rusak.md", "langkah[2].pelaksana", "'Camt' tidak ada di daftar pelaksana")],
    "broken-target": [(f"{UNIT_DIR}/rusak.md", "langkah[1].ke", "diharapkan nomor langkah 1 sampai 2")],
    "broken-decision": [(f"{UNIT_DIR}/rusak.md", "langkah[1].keputusan", "sedikitnya dua cabang")],
    "broken-reference": [
        (f"{UNIT_DIR}/rusak.md", "keterkaitan[1].sop", "SOP 'kab-contoh/kec-contoh/tidak-ada' tidak ada")
    ],
    "broken-duplicate-nomor": [(f"{UNIT_DIR}/rusak.md", "nomor", "sudah dipakai oleh")],
    "broken-berlaku": [(f"{UNIT_DIR}/rusak.md", "nomor", "wajib diisi bila status berlaku")],
    "broken-file-name": [(f"{UNIT_DIR}/Surat_Pengantar.md", "", "nama berkas/folder 'Surat_Pengantar'")],
    "broken-no-front-matter": [(f"{UNIT_DIR}/rusak.md", "", "front matter tidak ditemukan")],
    "broken-unit-file": [(f"{UNIT_DIR}/_unit.yml", "websit", "Maksud Anda 'website'?")],
    "broken-pemantauan-monitoring": [
        (f"{UNIT_DIR}/_pemantauan/2024-semester-1.yml", "hasil[1].penilaian", "ditemukan 'baik'")
    ],
    "broken-pemantauan-evaluasi": [
        (
            f"{UNIT_DIR}/_pemantauan/2024-evaluasi.yml",
            "hasil[1].kriteria.sinergi",
            "wajib diisi: diharapkan ya atau tidak",
        )
    ],
}

CATALOG_KEYS = ("id", "nomor", "nama", "instansi", "unit", "status", "tanggal_efektif", "url", "langkah")
ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _build_all(tmp_path_factory: pytest.TempPathFactory, scenarios: list[str]) -> dict[str, Build]:
    jobs = []
    for scenario in scenarios:
        tmp = tmp_path_factory.mktemp(scenario)
        jobs.append((make_project(tmp, FIXTURES / scenario / "sop_src"), tmp / "site"))
    return dict(zip(scenarios, run_builds(jobs), strict=True))


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return _build_all(tmp_path_factory, list(GOOD))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    return _build_all(tmp_path_factory, [*BROKEN, "strict-warning-unused-role"])


def test_every_fixture_folder_is_a_scenario() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == {*GOOD, *BROKEN, "strict-warning-unused-role"}


# ---------------------------------------------------------------- good sites


@pytest.mark.parametrize("scenario", list(GOOD))
def test_good_scenario_builds_strictly(good: dict[str, Build], scenario: str) -> None:
    build = good[scenario]
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output and "ERROR" not in build.output, build.output
    expected = [build.site / "sop" / sop_id / "index.html" for sop_id in GOOD[scenario]]
    assert sop_pages(build.site) == sorted(expected)


def _catalog(build: Build) -> list[dict[str, Any]]:
    data = json.loads((build.site / "sop.json").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.mark.parametrize("scenario", list(GOOD))
def test_sop_json_holds_every_sop(good: dict[str, Build], scenario: str) -> None:
    build = good[scenario]
    catalog = _catalog(build)
    assert [entry["id"] for entry in catalog] == GOOD[scenario]
    for entry in catalog:
        missing = [key for key in CATALOG_KEYS if key not in entry]
        assert not missing, f"{entry['id']}: {missing}"
        assert entry["url"] == f"sop/{entry['id']}/"
        assert (build.site / entry["url"] / "index.html").is_file()
        assert entry["status"] in ("berlaku", "konsep", "dicabut")
        if entry["status"] == "berlaku":
            assert ISO_DATE.match(entry["tanggal_efektif"]), entry["tanggal_efektif"]
            assert entry["nomor"]
        for number, step in enumerate(entry["langkah"], start=1):
            assert step["nomor"] == number
            assert step["simbol"] in ("mulai", "proses", "keputusan", "selesai")
            assert step["kegiatan"] and step["pelaksana"]


@pytest.mark.parametrize("scenario", list(GOOD))
def test_sop_csv_has_a_header_and_one_row_per_sop(good: dict[str, Build], scenario: str) -> None:
    build = good[scenario]
    rows = list(csv.reader(io.StringIO((build.site / "sop.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["id", "nomor", "nama", "instansi", "unit", "status"]
    assert {"tanggal_efektif", "url"} <= set(header)
    assert [row[0] for row in body] == GOOD[scenario]
    assert all(len(row) == len(header) for row in body)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    for entry in _catalog(build):
        row = by_id[entry["id"]]
        assert (row["nama"], row["url"], row["tanggal_efektif"]) == (
            entry["nama"],
            entry["url"],
            entry["tanggal_efektif"] or "",
        )


def _page(build: Build, sop_id: str) -> str:
    return page_text((build.site / "sop" / sop_id / "index.html").read_text(encoding="utf-8"))


def test_minimal_sop_data(good: dict[str, Build]) -> None:
    (entry,) = _catalog(good["good-minimal"])
    assert {k: entry[k] for k in CATALOG_KEYS[:-1]} == {
        "id": "kab-contoh/kec-contoh/minimal",
        "nomor": "470/001/35.07.11/2024",
        "nama": "Pelayanan Surat Keterangan",
        "instansi": "Pemerintah Kabupaten Contoh",
        "unit": "Kantor Kecamatan Contoh",
        "status": "berlaku",
        "tanggal_efektif": "2024-01-15",
        "url": "sop/kab-contoh/kec-contoh/minimal/",
    }
    assert entry["tanggal_pembuatan"] == "2024-01-02"
    assert entry["disahkan_oleh"]["jabatan"] == "Camat Contoh"
    assert [(s["kegiatan"], s["pelaksana"], s["simbol"]) for s in entry["langkah"]] == [
        ("Membuat surat keterangan", ["Staf"], "mulai")
    ]


def test_flow_scenario_page_and_data(good: dict[str, Build]) -> None:
    build = good["good-flow"]
    (entry,) = _catalog(build)
    assert [s["simbol"] for s in entry["langkah"]] == [
        "mulai",
        "keputusan",
        "keputusan",
        "keputusan",
        "proses",
        "selesai",
        "mulai",
        "mulai",
    ]
    assert entry["langkah"][2]["pelaksana"] == ["Kasi Trantib", "Sekcam"]
    assert entry["langkah"][1]["keputusan"] == {"Y": 3, "T": 1}
    assert entry["disahkan_oleh"]["nip"] == "197001011990031001"
    text = _page(build, "kab-contoh/kec-contoh/alur")
    for words in (
        "Y → 3, T → 1",
        "Teknis → 4, Administratif → 5",
        "Selesai → 5, Ulangi → 4",
        "Mulai; Selesai",
    ):
        assert words in text
    html = (build.site / "sop/kab-contoh/kec-contoh/alur/index.html").read_text(encoding="utf-8")
    # Several roles per step: the activity is drawn in each of those columns, in the same row.
    row = re.search(r'<tr id="langkah-3".*?</tr>', html, re.S)
    assert row is not None
    symbols = r'data-pelaksana="([^"]+)" data-simbol="(?!penghubung")'  # not the print's connectors
    assert re.findall(symbols, row.group(0)) == ["Sekcam", "Kasi Trantib"]


def test_empty_optional_fields(good: dict[str, Build]) -> None:
    build = good["good-empty-optional"]
    (entry,) = _catalog(build)
    assert (entry["nomor"], entry["tanggal_efektif"], entry["tanggal_revisi"]) == ("070", "2023-01", None)
    assert (entry["dasar_hukum"], entry["keterkaitan"], entry["pencatatan_pendataan"]) == ([], [], [])
    assert entry["peringatan"] == ["-"]  # a dash written in a text box is text, kept as written
    assert entry["disahkan_oleh"]["nip"] is None
    text = _page(build, "kab-contoh/kec-contoh/kosong")
    assert "Tanggal Pembuatan Januari 2023 Tanggal Revisi - Tanggal Efektif Januari 2023" in text
    assert "Dasar Hukum Kualifikasi Pelaksana - -" in text
    assert "Uraian" not in text  # no body, no section


def test_long_lists(good: dict[str, Build]) -> None:
    build = good["good-long-lists"]
    (entry,) = _catalog(build)
    assert len(entry["langkah"]) == 40 and len(entry["dasar_hukum"]) == 15
    html = (build.site / "sop/kab-contoh/kec-contoh/panjang/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<tr id="langkah-\d+"', html)) == 40
    assert entry["total_waktu"]["teks"] == "13 jam 40 menit"  # 1 + 2 + ... + 40 minutes


def test_revoked_and_draft(good: dict[str, Build]) -> None:
    build = good["good-status"]
    statuses = {e["id"]: e["status"] for e in _catalog(build)}
    assert statuses == {
        "kab-contoh/kec-contoh/arsip": "konsep",
        "kab-contoh/kec-contoh/surat-baru": "berlaku",
        "kab-contoh/kec-contoh/surat-lama": "dicabut",
    }
    old = _page(build, "kab-contoh/kec-contoh/surat-lama")
    assert "DICABUT — SOP ini sudah tidak berlaku. Penggantinya: Pelayanan Surat Keterangan Domisili" in old
    html = (build.site / "sop/kab-contoh/kec-contoh/surat-lama/index.html").read_text(encoding="utf-8")
    assert 'href="../../../../sop/kab-contoh/kec-contoh/surat-baru/"' in html
    new = _page(build, "kab-contoh/kec-contoh/surat-baru")
    assert "Menggantikan SOP yang dicabut: Pelayanan Surat Keterangan Domisili (lama)" in new
    draft = _page(build, "kab-contoh/kec-contoh/arsip")
    assert "KONSEP — SOP ini masih draf dan belum disahkan." in draft
    assert "Konsep: belum disahkan." in draft
    # References read from both sides: 'lanjutan' one way is 'prasyarat' the other way.
    assert "SOP ini merujuk: Lanjutan: Pengarsipan Surat Keluar" in new
    assert "Dirujuk oleh: Pengganti dari: Pelayanan Surat Keterangan Domisili (lama)" in new
    assert "Dirujuk oleh: Prasyarat: Pelayanan Surat Keterangan Domisili" in draft
    assert "Dipakai di langkah: Pelayanan Surat Keterangan Domisili" in draft


# ---------------------------------------------------------------- broken sites


@pytest.mark.parametrize("scenario", list(BROKEN))
def test_broken_scenario_fails_and_publishes_nothing(broken: dict[str, Build], scenario: str) -> None:
    build = broken[scenario]
    assert build.returncode != 0, build.output
    assert "Sumber SOP tidak valid" in build.output
    for file, field, words in BROKEN[scenario]:
        where = f"{file}: {field}: " if field else f"{file}: "
        lines = [line for line in build.output.splitlines() if line.startswith(where)]
        assert lines, f"no problem for {where!r} in:\n{build.output}"
        assert any(words in line for line in lines), lines
    assert sop_pages(build.site) == []
    assert not (build.site / "sop.json").exists()


def test_strict_build_fails_on_a_warning(broken: dict[str, Build]) -> None:
    build = broken["strict-warning-unused-role"]
    assert build.returncode != 0
    warning = f"{UNIT_DIR}/rusak.md: pelaksana: pelaksana 'Bendahara' tidak dipakai oleh langkah mana pun"
    assert warning in build.output
    assert "mode strict menganggapnya galat, situs tidak dibangun" in build.output
    assert sop_pages(build.site) == []  # a strict build fails before writing any page


# ---------------------------------------------------------------- browser


def test_sop_page_in_the_browser(good: dict[str, Build], page: Any) -> None:
    site = good["good-minimal"].site
    page.goto((site / "sop/kab-contoh/kec-contoh/minimal/index.html").as_uri())
    assert page.locator("h1.sop-title").inner_text() == "Pelayanan Surat Keterangan"
    assert page.title() == "Pelayanan Surat Keterangan - Portal SOP"
    assert page.locator("table.sop-prosedur tbody tr").count() == 1
