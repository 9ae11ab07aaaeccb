"""Monitoring and evaluation records (`_pemantauan/*.yml`), `tinjau_setiap`, and the
review and monitoring dates: the exact lines an editor reads for every rule of
SOP-FORMAT.md "Monitoring, evaluation and review", and the date computations at the
edges (leap day, month ends, no records, an evaluation before the last revision)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import PROJECT, write_files

from macros.cli import check_sources, render_record_schema
from macros.errors import SourceErrors
from macros.index import Portal, load_portal
from macros.pemantauan import KRITERIA
from macros.periode import Semester, add_months, build_date, parse_setiap, site_setiap
from macros.tinjau import Siklus
from macros.yamlio import parse_yaml

UNIT_DIR = "sop_src/kab-malang/kec-kalipare"
REC = f"{UNIT_DIR}/_pemantauan/r.yml"
UNIT = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Kalipare\n"
SEVEN = (
    "{mendorong_kinerja: ya, mudah_dipahami: ya, mudah_dilaksanakan: ya, semua_berperan: ya, "
    "mengatasi_masalah: ya, menjawab_kebutuhan: ya, sinergi: ya}"
)


def sop(status: str = "berlaku", efektif: str = "2024-01-31", revisi: str = "", extra: str = "") -> str:
    return (
        "---\nnama: SOP Contoh\nnomor: 'N/1'\ntanggal_pembuatan: 2023-01-01\n"
        f"tanggal_efektif: {efektif}\ntanggal_revisi: {revisi}\nstatus: {status}\n"
        "disahkan_oleh: {jabatan: Camat, nama: Budi}\npelaksana: [Staf]\n"
        f"langkah: [{{kegiatan: Mengarsipkan, pelaksana: Staf}}]\n{extra}---\n"
    )


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    base = {
        f"{UNIT_DIR}/_unit.yml": UNIT,
        f"{UNIT_DIR}/a.md": sop(),
        f"{UNIT_DIR}/konsep.md": sop(status="konsep").replace("N/1", "N/2"),
        "sop_src/lain/_unit.yml": "instansi: Pemerintah Kota Lain\nunit: Dinas Lain\n",
        "sop_src/lain/b.md": sop(),
    }
    base.update(files)
    write_files(tmp_path, {k: v for k, v in base.items() if v is not None})
    return tmp_path


def lines(tmp_path: Path, files: dict[str, str], today: str = "1735689600") -> list[str]:
    """Every problem line, errors then warnings, as `make check` prints them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", today)  # 2025-01-01
        result = check_sources(project(tmp_path, files))
    return [str(p) for p in result.errors] + [f"peringatan: {p}" for p in result.warnings]


def monitoring(*items: str, tanggal: str = "2024-12-20", head: str = "") -> str:
    return f"jenis: monitoring\ntanggal: {tanggal}\n{head}penilai: {{jabatan: Sekcam}}\nhasil:\n" + "".join(
        f"  - {item}\n" for item in items
    )


def evaluasi(*items: str, tanggal: str = "2024-12-20") -> str:
    return f"jenis: evaluasi\ntanggal: {tanggal}\npenilai: {{jabatan: Ketua Tim}}\nhasil:\n" + "".join(
        f"  - {item}\n" for item in items
    )


A = "kab-malang/kec-kalipare/a"


def at(path: str, message: str, file: str = REC) -> str:
    return f"{file}: {path}: {message}" if path else f"{file}: {message}"


# ---------------------------------------------------------------- accepted


def test_valid_records_of_both_kinds_pass(tmp_path: Path) -> None:
    files = {
        REC: monitoring(
            f"{{sop: {A}, penilaian: Berjalan-Baik, catatan: baik}}", head="periode: Semester II 2024\n"
        ),
        f"{UNIT_DIR}/_pemantauan/e.yml": evaluasi(
            f"{{sop: {A}, kriteria: {SEVEN}}}", tanggal="20 Desember 2024"
        ),
    }
    assert lines(tmp_path, files) == []


# ---------------------------------------------------------------- errors, exactly


def test_every_error_of_a_monitoring_file_at_once(tmp_path: Path) -> None:
    text = (
        "jenis: monitoring\ntanggal: Juni 2024\npenilai: {jabatn: Sekcam, nip: 123}\nlokasi: x\nhasil:\n"
        f"  - {{sop: {A}, penilaian: baik, kriteria: {{sinergi: ya}}, rekomendasi: revisi}}\n"
        "  - {sop: kab-malang/kec-kalipare/tidak-ada, catatn: x}\n"
        "  - {sop: lain/b, penilaian: berjalan-baik}\n"
        f"  - {{sop: {A}, penilaian: tidak-berjalan-baik}}\n"
    )
    assert lines(tmp_path, {REC: text}) == [
        at(
            "tanggal",
            "diharapkan tanggal lengkap (hari, bulan, tahun) seperti 2025-06-30 atau 30 Juni 2025, "
            "ditemukan bulan saja 'Juni 2024'",
        ),
        at("penilai.jabatan", "wajib diisi: diharapkan teks jabatan, tidak ditemukan"),
        at(
            "penilai.nip",
            "NIP tidak valid: diharapkan 18 angka (spasi boleh, mis. 19631116 199010 2 002), ditemukan "
            "'123' (3 angka)",
        ),
        at("penilai.jabatn", "kunci 'jabatn' tidak dikenal. Maksud Anda 'jabatan'?"),
        at(
            "hasil[1].penilaian",
            "diharapkan salah satu dari berjalan-baik, tidak-berjalan-baik, ditemukan 'baik'.",
        ),
        at("hasil[2].catatn", "kunci 'catatn' tidak dikenal. Maksud Anda 'catatan'?"),
        at(
            "lokasi",
            "kunci 'lokasi' tidak dikenal. Kunci yang dikenal: jenis, tanggal, periode, penilai, hasil.",
        ),
        at(
            "hasil[1].kriteria",
            "kunci 'kriteria' tidak dipakai pada jenis monitoring: hapus kunci ini, atau tulis 'jenis: "
            "evaluasi'",
        ),
        at(
            "hasil[1].rekomendasi",
            "kunci 'rekomendasi' tidak dipakai pada jenis monitoring: hapus kunci ini, atau tulis 'jenis: "
            "evaluasi'",
        ),
        at(
            "hasil[2].penilaian",
            "wajib diisi untuk jenis monitoring: diharapkan berjalan-baik atau tidak-berjalan-baik, tidak "
            "ditemukan",
        ),
        at(
            "hasil[2].sop",
            "SOP 'kab-malang/kec-kalipare/tidak-ada' tidak ada: diharapkan id SOP yang ada di sop_src/. "
            "Maksud Anda 'kab-malang/kec-kalipare/a'?",
        ),
        at(
            "hasil[3].sop",
            "SOP 'lain/b' di luar folder unit rekaman ini: diharapkan SOP di "
            "sop_src/kab-malang/kec-kalipare/ "
            "atau di bawahnya",
        ),
        at(
            "hasil[4].sop",
            f"SOP '{A}' sudah dinilai di hasil[1].sop: satu SOP paling banyak sekali per berkas",
        ),
    ]


def test_every_error_of_an_evaluation_file(tmp_path: Path) -> None:
    text = (
        "jenis: evaluasi\ntanggal: 2024-13-01\nhasil:\n"
        f"  - {{sop: {A}, penilaian: berjalan-baik, rekomendasi: ubah,"
        " kriteria: {mudah_dipahami: ya, sinergi: mungkin, mendorong_kinerja: true, lain: ya,"
        " mudah_dilaksanakan: Ya, semua_berperan: tidak, mengatasi_masalah: ya}}\n"
        "  - {sop: kab-malang/kec-kalipare/konsep}\n"
    )
    assert lines(tmp_path, {REC: text}) == [
        at(
            "tanggal",
            "tanggal tidak dapat dibaca (tanggal tidak ada): diharapkan tanggal seperti 2025-06-30 atau "
            "30 Juni 2025, ditemukan '2024-13-01'",
        ),
        at("penilai", "wajib diisi: diharapkan pemetaan dengan jabatan, nama, nip, tidak ditemukan"),
        at(
            "hasil[1].kriteria.mendorong_kinerja",
            "diharapkan salah satu dari ya, tidak, ditemukan nilai benar/salah 'true'.",
        ),
        at(
            "hasil[1].kriteria.menjawab_kebutuhan",
            "wajib diisi: diharapkan ya atau tidak (Mampu menjawab kebutuhan peningkatan kinerja "
            "organisasi), "
            "tidak ditemukan",
        ),
        at("hasil[1].kriteria.sinergi", "diharapkan salah satu dari ya, tidak, ditemukan 'mungkin'."),
        at(
            "hasil[1].kriteria.lain",
            "kunci 'lain' tidak dikenal. Kunci yang dikenal: mendorong_kinerja, mudah_dipahami, "
            "mudah_dilaksanakan, semua_berperan, mengatasi_masalah, menjawab_kebutuhan, sinergi.",
        ),
        at("hasil[1].rekomendasi", "diharapkan salah satu dari tetap, revisi, cabut, ditemukan 'ubah'."),
        at(
            "hasil[1].penilaian",
            "kunci 'penilaian' tidak dipakai pada jenis evaluasi: hapus kunci ini, atau tulis 'jenis: "
            "monitoring'",
        ),
        at(
            "hasil[2].kriteria",
            "wajib diisi untuk jenis evaluasi: diharapkan pemetaan tujuh kriteria (ya/tidak), tidak "
            "ditemukan",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- a\n- b\n",
            at("", "isi berkas pemantauan harus berupa pemetaan (kunci: nilai), ditemukan daftar 2 butir"),
        ),
        ("jenis: [monitoring\n", at("baris 2", "")),
        (
            "jenis: harian\ntanggal: 2024-12-01\npenilai: {jabatan: X}\nhasil: []\n",
            "",
        ),
    ],
)
def test_unreadable_or_wrong_shapes(tmp_path: Path, text: str, expected: str) -> None:
    found = lines(tmp_path, {REC: text})
    assert found
    if text.startswith("jenis: harian"):
        assert found == [
            at("jenis", "diharapkan salah satu dari monitoring, evaluasi, ditemukan 'harian'."),
            at("hasil", "diharapkan sedikitnya satu butir hasil (satu per SOP), ditemukan daftar kosong"),
        ]
    elif expected.endswith(": "):
        assert found[0].startswith(expected)  # the YAML reader's own reason follows
    else:
        assert found == [expected]


def test_other_files_and_links_in_the_records_folder(tmp_path: Path) -> None:
    root = project(
        tmp_path, {f"{UNIT_DIR}/_pemantauan/catatan.txt": "x", f"{UNIT_DIR}/_pemantauan/.gitkeep": ""}
    )
    (root / UNIT_DIR / "_pemantauan" / "tautan.yml").symlink_to(root / UNIT_DIR / "_unit.yml")
    result = check_sources(root)
    assert [str(p) for p in result.errors] == [
        f"{UNIT_DIR}/_pemantauan/catatan.txt: folder _pemantauan/ hanya berisi berkas rekaman .yml: "
        "ditemukan 'catatan.txt'",
        f"{UNIT_DIR}/_pemantauan/tautan.yml: tautan simbolik (symlink) tidak diizinkan: diharapkan berkas "
        "atau "
        "folder biasa di dalam repositori, ditemukan tautan (isi dan tujuannya tidak dibaca)",
    ]


def test_errors_fail_the_build_like_an_sop(tmp_path: Path) -> None:
    with pytest.raises(SourceErrors) as caught:
        load_portal(project(tmp_path, {REC: monitoring(f"{{sop: {A}}}")}))
    assert [str(p) for p in caught.value.problems] == [
        at(
            "hasil[1].penilaian",
            "wajib diisi untuk jenis monitoring: diharapkan berjalan-baik atau tidak-berjalan-baik, tidak "
            "ditemukan",
        )
    ]


# ---------------------------------------------------------------- warnings


def test_warnings_future_date_and_sop_not_in_force(tmp_path: Path) -> None:
    text = monitoring(
        f"{{sop: {A}, penilaian: berjalan-baik}}",
        "{sop: kab-malang/kec-kalipare/konsep, penilaian: berjalan-baik}",
        tanggal="2025-02-01",
    )
    assert lines(tmp_path, {REC: text}) == [
        "peringatan: "
        + at(
            "hasil[2].sop",
            "SOP 'kab-malang/kec-kalipare/konsep' berstatus konsep, tidak berlaku: pemantauan dan evaluasi "
            "hanya untuk SOP yang berlaku",
        ),
        "peringatan: "
        + at(
            "tanggal",
            "tanggal 1 Februari 2025 sesudah tanggal pembangunan situs (1 Januari 2025): periksa tanggalnya",
        ),
    ]


# ---------------------------------------------------------------- tinjau_setiap


def test_tinjau_setiap_errors_in_an_sop_and_a_unit_file(tmp_path: Path) -> None:
    files = {
        f"{UNIT_DIR}/a.md": sop(extra="tinjau_setiap: 3 hari kerja\n"),
        "sop_src/lain/_unit.yml": "instansi: Pemerintah Kota Lain\nunit: Dinas Lain\ntinjau_setiap: 12\n",
    }
    expected = (
        "jangka waktu seperti 6 bulan, 1 tahun atau 2 tahun (hari, minggu, bulan atau tahun, bilangan bulat)"
    )
    assert lines(tmp_path, files) == [
        f"{UNIT_DIR}/a.md: tinjau_setiap: diharapkan {expected}, ditemukan '3 hari kerja'",
        f"sop_src/lain/_unit.yml: tinjau_setiap: diharapkan {expected}, ditemukan angka '12'",
    ]


def _portal(tmp_path: Path, files: dict[str, str], today: str) -> Portal:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(date.fromisoformat(today).strftime("%s")) + 43200))
        return load_portal(project(tmp_path, files))


def test_nearest_tinjau_setiap_wins(tmp_path: Path) -> None:
    files = {
        f"{UNIT_DIR}/_unit.yml": UNIT + "tinjau_setiap: 2 tahun\n",
        f"{UNIT_DIR}/a.md": sop(efektif="2024-01-31", extra="tinjau_setiap: 6 bulan\n"),
        f"{UNIT_DIR}/c.md": sop(efektif="2024-01-31").replace("N/1", "N/3"),
    }
    siklus = Siklus(_portal(tmp_path, files, "2024-06-01"), site_setiap({"tinjau_setiap": "3 tahun"}))
    assert siklus.of(A).tinjau_berikutnya == date(2024, 7, 31)
    assert siklus.of("kab-malang/kec-kalipare/c").tinjau_berikutnya == date(2026, 1, 31)
    assert siklus.of("lain/b").tinjau_berikutnya == date(2027, 1, 31)  # mkdocs.yml's
    assert Siklus(siklus.portal, site_setiap(None)).of("lain/b").tinjau_berikutnya == date(2025, 1, 31)


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day a year on
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # month end into a leap February
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 12, 31), 6, date(2025, 6, 30)),
        (date(2024, 7, 15), 6, date(2025, 1, 15)),
    ],
)
def test_add_months_at_the_edges(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("6 bulan", date(2024, 7, 31)),
        ("1 tahun", date(2025, 1, 31)),
        ("2 Tahun", date(2026, 1, 31)),
        ("2 minggu", date(2024, 2, 14)),
        ("30 hari", date(2024, 3, 1)),
    ],
)
def test_review_periods(text: str, after: date) -> None:
    assert parse_setiap(text).after(date(2024, 1, 31)) == after


@pytest.mark.parametrize("text", ["", "-", "1,5 tahun", "3 hari kerja", "2 jam", "1-2 tahun", "setahun"])
def test_unreadable_review_periods(text: str) -> None:
    with pytest.raises(ValueError, match="diharapkan jangka waktu seperti 6 bulan"):
        parse_setiap(text)


def test_build_date_follows_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1709164800"}) == date(2024, 2, 29)
    assert build_date({}) == date.today()
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH: diharapkan bilangan detik"):
        build_date({"SOURCE_DATE_EPOCH": "kemarin"})


def test_semesters() -> None:
    assert Semester.of(date(2025, 6, 30)).label() == "Semester I 2025"
    assert Semester.of(date(2025, 7, 1)).label() == "Semester II 2025"
    assert Semester.of(date(2025, 7, 1)).contains(date(2025, 12, 31))


def test_no_records_counts_from_tanggal_efektif(tmp_path: Path) -> None:
    siklus = Siklus(_portal(tmp_path, {}, "2024-07-31"), parse_setiap("1 tahun"))
    state = siklus.of(A)
    assert (state.tinjau_berikutnya, state.pantau_berikutnya) == (date(2025, 1, 31), date(2024, 7, 31))
    assert not state.perlu_pantau  # due today is not overdue
    state = Siklus(_portal(tmp_path / "b", {}, "2024-08-01"), parse_setiap("1 tahun")).of(A)
    assert state.perlu_pantau and not state.perlu_tinjau
    assert not siklus.of("kab-malang/kec-kalipare/konsep").berlaku
    assert siklus.of("kab-malang/kec-kalipare/konsep").tinjau_berikutnya is None


def test_latest_records_move_the_dates(tmp_path: Path) -> None:
    files = {
        REC: monitoring(f"{{sop: {A}, penilaian: tidak-berjalan-baik}}", tanggal="2024-08-31"),
        f"{UNIT_DIR}/_pemantauan/lama.yml": monitoring(
            f"{{sop: {A}, penilaian: berjalan-baik}}", tanggal="2024-03-01"
        ),
        f"{UNIT_DIR}/_pemantauan/e.yml": evaluasi(
            f"{{sop: {A}, kriteria: {SEVEN.replace('sinergi: ya', 'sinergi: tidak')}}}", tanggal="2024-02-29"
        ),
    }
    state = Siklus(_portal(tmp_path, files, "2024-12-01"), parse_setiap("1 tahun")).of(A)
    assert state.pantau_berikutnya == date(2025, 2, 28)  # 31 August + 6 months
    assert state.tinjau_berikutnya == date(2025, 2, 28)  # leap day + 1 year
    assert [p.tanggal.iso() for p in state.monitoring] == ["2024-08-31", "2024-03-01"]
    assert state.rekomendasi is not None and state.rekomendasi.hasil.rekomendasi_akhir == "revisi"
    assert state.evaluasi[0].hasil.jumlah_ya == 6


def test_a_revision_after_the_evaluation_wins(tmp_path: Path) -> None:
    files = {
        f"{UNIT_DIR}/a.md": sop(efektif="2023-01-10", revisi="2024-05-31"),
        f"{UNIT_DIR}/_pemantauan/e.yml": evaluasi(
            f"{{sop: {A}, kriteria: {SEVEN}, rekomendasi: cabut}}", tanggal="2024-03-01"
        ),
    }
    state = Siklus(_portal(tmp_path, files, "2024-12-01"), parse_setiap("6 bulan")).of(A)
    assert state.tinjau_berikutnya == date(2024, 11, 30)  # from the revision, not the evaluation
    assert state.perlu_tinjau
    assert state.rekomendasi is None  # revised since: the recommendation no longer stands
    assert state.evaluasi[0].hasil.rekomendasi_akhir == "cabut"


# ---------------------------------------------------------------- schema


def test_record_schema_in_sync_and_valid() -> None:
    assert (PROJECT / "pemantauan.schema.json").read_text(encoding="utf-8") == render_record_schema()
    schema: dict[str, Any] = json.loads(render_record_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted(PROJECT.glob("sop_src/**/_pemantauan/*.yml")), ids=lambda p: p.name)
def test_record_schema_accepts_the_sample(path: Path) -> None:
    schema = json.loads(render_record_schema())
    jsonschema.Draft202012Validator(schema).validate(parse_yaml(path.read_text(encoding="utf-8")))


def test_record_schema_rejects_keys_of_the_other_jenis() -> None:
    schema = json.loads(render_record_schema())
    data = parse_yaml(monitoring(f"{{sop: {A}, kriteria: {SEVEN}}}"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)
    data = parse_yaml(evaluasi(f"{{sop: {A}, kriteria: {SEVEN}}}", tanggal="Desember 2024"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


# ---------------------------------------------------------------- open data and commands


def _epoch(day: str) -> str:
    return str(int(date.fromisoformat(day).strftime("%s")) + 43200)


def test_open_data_lifecycle_fields_and_records(tmp_path: Path) -> None:
    from macros.render.opendata import render_json, render_pemantauan_csv, render_pemantauan_json

    files = {
        REC: monitoring(f"{{sop: {A}, penilaian: tidak-berjalan-baik, catatan: '=HYPERLINK(\"x\")'}}"),
        f"{UNIT_DIR}/_pemantauan/e.yml": evaluasi(
            f"{{sop: {A}, kriteria: {SEVEN.replace('sinergi: ya', 'sinergi: tidak')}}}", tanggal="2024-12-21"
        ),
    }
    portal = _portal(tmp_path, files, "2025-01-02")
    entries = {e["id"]: e for e in json.loads(render_json(portal))}
    entry = entries[A]
    assert entry["url_unit"] == "katalog/pemerintah-kabupaten-malang/kantor-kecamatan-kalipare/"
    assert entry["tinjau_berikutnya"] == "2025-12-21" and entry["perlu_tinjau"] is False
    assert entry["pemantauan_terakhir"] == {"tanggal": "2024-12-20", "penilaian": "tidak-berjalan-baik"}
    assert entry["evaluasi_terakhir"] == {"tanggal": "2024-12-21", "jumlah_ya": 6, "rekomendasi": "revisi"}
    konsep = entries["kab-malang/kec-kalipare/konsep"]
    assert (konsep["tinjau_berikutnya"], konsep["perlu_tinjau"], konsep["pemantauan_terakhir"]) == (
        None,
        False,
        None,
    )
    assert (entries["lain/b"]["tinjau_berikutnya"], entries["lain/b"]["perlu_tinjau"]) == (
        "2025-01-31",
        False,
    )
    rounds = json.loads(render_pemantauan_json(portal))
    assert [(r["jenis"], r["tanggal"], r["unit"]) for r in rounds] == [
        ("monitoring", "2024-12-20", "Kantor Kecamatan Kalipare"),
        ("evaluasi", "2024-12-21", "Kantor Kecamatan Kalipare"),
    ]
    assert rounds[0]["hasil"][0]["catatan"] == '=HYPERLINK("x")'  # the exact text in JSON
    assert rounds[1]["hasil"][0]["kriteria"]["sinergi"] == "tidak"
    csv_text = render_pemantauan_csv(portal)
    assert '"\'=HYPERLINK(""x"")"' in csv_text  # neutralised like sop.csv
    assert csv_text.count("\n") == 3


def test_make_tinjau_lists_overdue_and_due_soon(tmp_path: Path) -> None:
    import io

    from macros.cli import main

    root = project(tmp_path, {f"{UNIT_DIR}/c.md": sop(efektif="2024-07-20").replace("N/1", "N/3")})
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", _epoch("2025-01-05"))
        assert main(["--root", str(root), "tinjau"], out=out) == 0
    assert out.getvalue().splitlines() == [
        "Tinjau ulang dan monitoring SOP per 5 Januari 2025 (terlambat, atau jatuh tempo dalam 30 hari):",
        f"  TERLAMBAT  Monitoring    31 Juli 2024       {A}  (SOP Contoh; Kantor Kecamatan Kalipare)",
        "  TERLAMBAT  Monitoring    31 Juli 2024       lain/b  (SOP Contoh; Dinas Lain)",
        "  segera     Monitoring    20 Januari 2025    kab-malang/kec-kalipare/c  (SOP Contoh; Kantor "
        "Kecamatan Kalipare)",
        f"  segera     Tinjau ulang  31 Januari 2025    {A}  (SOP Contoh; Kantor Kecamatan Kalipare)",
        "  segera     Tinjau ulang  31 Januari 2025    lain/b  (SOP Contoh; Dinas Lain)",
        "5 jadwal: 2 terlambat, 3 jatuh tempo dalam 30 hari.",
    ]


def test_make_pemantauan_starts_a_record_of_every_sop_in_force(tmp_path: Path) -> None:
    import io

    from macros.cli import main

    root = project(tmp_path, {})
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", _epoch("2025-08-01"))
        assert (
            main(["--root", str(root), "pemantauan", "kab-malang/kec-kalipare", "monitoring"], out=out) == 0
        )
        assert (
            main(["--root", str(root), "pemantauan", "kab-malang/kec-kalipare", "monitoring"], out=out) == 1
        )
        target = root / UNIT_DIR / "_pemantauan" / "2025-semester-2.yml"
        data = parse_yaml(target.read_text(encoding="utf-8"))
        assert data["periode"] == "Semester II 2025" and data["tanggal"] == "2025-08-01"
        assert [item["sop"] for item in data["hasil"]] == [A]  # in force only, this folder only
        assert [str(p) for p in check_sources(root).errors] == [
            f"{UNIT_DIR}/_pemantauan/2025-semester-2.yml: hasil[1].penilaian: wajib diisi untuk jenis "
            "monitoring: "
            "diharapkan berjalan-baik atau tidak-berjalan-baik, tidak ditemukan"
        ]
        text = target.read_text(encoding="utf-8").replace("penilaian:", "penilaian: berjalan-baik")
        target.write_text(
            text.replace('"Tulis jabatan penilai, mis. Sekretaris"', "Sekcam"), encoding="utf-8"
        )
        assert check_sources(root).errors == []
        assert main(["--root", str(root), "pemantauan", "kab-malang/kec-kalipare", "evaluasi"], out=out) == 0
        data = parse_yaml((root / UNIT_DIR / "_pemantauan" / "2025-evaluasi.yml").read_text(encoding="utf-8"))
        assert list(data["hasil"][0]["kriteria"]) == list(KRITERIA)
    assert out.getvalue().splitlines()[1] == (
        f"{UNIT_DIR}/_pemantauan/2025-semester-2.yml sudah ada; berkas tidak ditimpa. Sunting berkas itu."
    )


def test_make_check_reads_the_site_review_period(tmp_path: Path) -> None:
    root = project(tmp_path, {})
    (root / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  pencarian: !ENV [X, pagefind]\n  portal_sop:\n    tinjau_setiap: sebentar\n",
        encoding="utf-8",
    )
    assert [str(p) for p in check_sources(root).errors] == [
        "mkdocs.yml: extra.portal_sop.tinjau_setiap: diharapkan jangka waktu seperti 6 bulan, 1 tahun atau "
        "2 tahun (hari, minggu, bulan atau tahun, bilangan bulat), ditemukan 'sebentar'"
    ]
