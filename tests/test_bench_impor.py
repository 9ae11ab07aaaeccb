"""The importer's evaluation (`python -m bench.impor`): the scorer on small keys and
outputs written here (never real documents), and the command on a stand-in importer."""

from __future__ import annotations

import io
import json
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench import impor

KEY: dict[str, Any] = {
    "nama": "Pengelolaan Surat Keluar",
    "nomor": "SOP-001/17000/2025",
    "instansi": "Badan Pusat Statistik Provinsi Contoh",
    "unit": "Tim Umum",
    "tanggal_pembuatan": "2 Juni 2025",
    "tanggal_revisi": None,
    "tanggal_efektif": "2025-06-02",
    "disahkan_oleh": {"jabatan": "Kepala", "nama": "Budi, M.E.", "nip": "19660825 198802 1 001"},
    "dasar_hukum": ["Undang-Undang Nomor 16 Tahun 1997;", "Peraturan Nomor 1 Tahun 2023"],
    "peralatan_perlengkapan": ["PC", "Printer"],
    "pelaksana": ["Anggota Tim", "Ketua Tim", "Kepala"],
    "langkah": [
        {"kegiatan": "Membuat draf surat", "pelaksana": "Anggota Tim", "waktu": "30 menit"},
        {"kegiatan": "Mencatat nomor surat", "pelaksana": ["Anggota Tim", "Ketua Tim"], "waktu": "5 menit"},
        {"kegiatan": "Memeriksa draf surat", "pelaksana": "Ketua Tim", "keputusan": {"Ya": 4, "Tidak": 1}},
        {"kegiatan": "Menandatangani surat", "pelaksana": "Kepala", "ke": 6},
        {"kegiatan": "Mengarsipkan surat", "pelaksana": "Anggota Tim", "selesai": True},
        {"kegiatan": "Mengirim surat", "pelaksana": "Anggota Tim", "output": ["Surat terkirim"]},
    ],
}


def source(data: dict[str, Any], comment: str = "") -> str:
    return "---\n" + comment + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def mutated(**changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(yaml.safe_dump(KEY))
    data.update(changes)
    return data


def rates(key: dict[str, Any], out: dict[str, Any] | str) -> dict[str, tuple[int, int]]:
    text = out if isinstance(out, str) else source(out)
    result = impor.score(source(key), text)
    return {name: (t.right, t.total) for name, t in result.tallies.items()}


def test_a_key_scored_against_itself_is_all_right() -> None:
    got = rates(KEY, KEY)
    assert all(right == total for right, total in got.values())
    assert got["pelaksana_langkah"] == (6, 6)
    assert got["simbol"] == (6, 6)
    assert got["cabang"] == (2, 2)
    # nama, nomor, instansi, unit, 2 dates, jabatan, nama, nip (revisi and pangkat empty in both)
    assert got["identitas"] == (9, 9)
    # steps 1, 2 go on to the next one, step 4 to step 6; decisions and ends do not count
    assert got["alur"] == (3, 3)


def test_identity_is_normalised_dates_as_dates_nip_by_digits() -> None:
    out = mutated(
        nama="  pengelolaan   SURAT keluar ",
        nomor="SOP-001 / 17000 / 2025",
        tanggal_pembuatan="2025-06-02",
        tanggal_efektif="02 juni 2025",
        tanggal_revisi="-",
        disahkan_oleh={"jabatan": "KEPALA", "nama": "Budi,  M.E.", "nip": 196608251988021001},
    )
    assert rates(KEY, out)["identitas"] == (9, 9)


def test_each_wrong_identity_field_counts_once() -> None:
    out = mutated(
        tanggal_efektif="3 Juni 2025",
        disahkan_oleh={
            "jabatan": "Kepala",
            "nama": "Budi, M.E.",
            "nip": "19660825 198802 1 002",
            "pangkat": "X",
        },
    )
    result = impor.score(source(KEY), source(out))
    # the invented pangkat is counted too: 10 fields, 3 wrong
    assert (result.tallies["identitas"].right, result.tallies["identitas"].total) == (7, 10)
    assert result.errors["identitas: tanggal_efektif salah"] == 1
    assert result.errors["identitas: disahkan_oleh.nip salah"] == 1
    assert result.errors["identitas: disahkan_oleh.pangkat berlebih"] == 1
    out = mutated(nama="Pengelolaan Surat", unit="Tim Umum Provinsi")
    errors = impor.score(source(KEY), source(out)).errors
    assert errors["identitas: nama salah (sebagian dari yang benar)"] == 1
    assert errors["identitas: unit salah (memuat yang benar dan teks lain)"] == 1


def test_a_missing_or_extra_role_on_a_step_is_wrong() -> None:
    out = mutated()
    out["langkah"][1]["pelaksana"] = "Anggota Tim"  # one of two columns missed
    out["langkah"][0]["pelaksana"] = ["Anggota Tim", "Kepala"]  # a column too many
    result = impor.score(source(KEY), source(out))
    assert (result.tallies["pelaksana_langkah"].right, result.tallies["pelaksana_langkah"].total) == (4, 6)
    assert result.errors["pelaksana langkah: kolom kurang"] == 1
    assert result.errors["pelaksana langkah: kolom berlebih"] == 1


def test_role_spelling_is_judged_apart_from_the_columns() -> None:
    out = mutated(pelaksana=["Anggota  Tim", "Ketua Tim (Umum)", "Kepala"])
    for step in out["langkah"]:
        roles = step["pelaksana"] if isinstance(step["pelaksana"], list) else [step["pelaksana"]]
        step["pelaksana"] = [r.replace("Ketua Tim", "Ketua Tim (Umum)") for r in roles]
    got = rates(KEY, out)
    assert got["pelaksana_langkah"] == (6, 6)  # same columns, by position
    assert got["nama_pelaksana"] == (2, 3)  # "Anggota  Tim" is the same spelling, "(Umum)" is not


def test_symbol_kinds() -> None:
    out = mutated()
    del out["langkah"][2]["keputusan"]  # the diamond read as a rectangle
    out["langkah"][4].pop("selesai")  # an end read as a plain step
    result = impor.score(source(KEY), source(out))
    assert (result.tallies["simbol"].right, result.tallies["simbol"].total) == (4, 6)
    assert result.errors["simbol: keputusan terbaca proses"] == 1
    assert result.errors["simbol: selesai terbaca proses"] == 1
    assert result.tallies["cabang"].right == 0
    assert result.errors["cabang: langkah keputusan tanpa cabang"] == 2


def test_branch_labels_are_trimmed_and_caseless_targets_must_match() -> None:
    out = mutated()
    out["langkah"][2]["keputusan"] = {" ya. ": 4, "TIDAK": 1}
    assert rates(KEY, out)["cabang"] == (2, 2)
    out["langkah"][2]["keputusan"] = {"Y": 4, "Tidak": 2}
    result = impor.score(source(KEY), source(out))
    assert result.tallies["cabang"].right == 0
    assert result.errors["cabang: label salah"] == 1
    assert result.errors["cabang: tujuan salah"] == 1


def test_unlabelled_branches_in_the_key_compare_targets_only() -> None:
    key = mutated()
    key["langkah"][2]["keputusan"] = {"?kiri": 4, "?kanan": 1}
    out = mutated()
    out["langkah"][2]["keputusan"] = {"A": 1, "B": 4}
    assert rates(key, out)["cabang"] == (2, 2)
    out["langkah"][2]["keputusan"] = {"A": 1, "B": 5}
    assert rates(key, out)["cabang"] == (1, 2)


def test_a_dropped_step_is_aligned_by_text_and_targets_are_translated() -> None:
    out = mutated()
    del out["langkah"][1]  # step 2 missing: every later number shifts by one
    out["langkah"][1]["keputusan"] = {"Ya": 3, "Tidak": 1}
    out["langkah"][2]["ke"] = 5
    result = impor.score(source(KEY), source(out))
    assert result.tallies["pelaksana_langkah"].right == 5
    assert result.tallies["simbol"].right == 5  # step 2 has no partner
    assert result.tallies["cabang"].right == 2  # Ya: 3 in the output is Ya: 4 in the key
    # 1 -> 2 is wrong (the output goes on to what is step 3 of the key), step 2 has no
    # partner, 4 -> 6 is right
    assert (result.tallies["alur"].right, result.tallies["alur"].total) == (1, 3)
    assert result.errors["langkah kunci tanpa pasangan"] == 1
    assert result.errors["jumlah langkah: keluaran sedikit kurang"] == 1


def test_an_invented_step_is_counted_and_the_rest_stays_aligned() -> None:
    out = mutated()
    out["langkah"].insert(0, {"kegiatan": "Halaman 2", "pelaksana": "Kepala"})
    out["langkah"][1]["mulai"] = True
    out["langkah"][3]["keputusan"] = {"Ya": 5, "Tidak": 2}
    out["langkah"][4]["ke"] = 7
    result = impor.score(source(KEY), source(out))
    assert result.errors["langkah keluaran berlebih"] == 1
    assert result.tallies["pelaksana_langkah"].right == 6
    assert result.tallies["cabang"].right == 2
    assert result.tallies["simbol"].right == 6


def test_texts_and_mutu_baku_ignore_layout_and_list_numbering() -> None:
    out = mutated()
    out["langkah"][0]["kegiatan"] = "Membuat  draf\nsurat"
    out["langkah"][5]["output"] = "1. Surat terkirim"
    out["dasar_hukum"] = ["1. Undang-Undang Nomor 16 Tahun 1997;", "2) Peraturan Nomor 1 Tahun 2023"]
    got = rates(KEY, out)
    assert got["kegiatan"] == (6, 6)
    assert got["mutu_baku"] == (3, 3)
    assert got["kotak"] == (2, 2)


def test_an_unreadable_output_scores_nothing_but_does_not_fail() -> None:
    result = impor.score(source(KEY), "no front matter here")
    assert result.tallies["pelaksana_langkah"].right == 0
    assert result.tallies["pelaksana_langkah"].total == 6
    assert result.errors["keluaran tidak terbaca (front matter/YAML)"] == 1


def test_validation_is_the_portals_check() -> None:
    broken = mutated()
    broken["langkah"][0]["pelaksana"] = "Sekretaris"
    draft = mutated(status="konsep", nomor=None, instansi=None, unit=None)  # unit folder gives these
    errors = impor.validate_outputs({"a": source(KEY), "b": source(broken), "c": source(draft)})
    assert errors["a"] == [] and errors["c"] == []
    assert any(e.startswith("langkah[1].pelaksana") for e in errors["b"])
    assert impor._problem_kind(errors["b"][0]) == "langkah[].pelaksana"


# ---------------------------------------------------------------- the command


class Unreadable(Exception):
    pass


def _fake_importer(path: Path) -> Any:
    """Stands in for macros.impor.import_file: reads a tiny text 'document'."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("crash"):
        raise KeyError("boom")
    if text.startswith("unreadable"):
        raise Unreadable("tabel prosedur berupa gambar")
    if text.startswith("slow"):
        time.sleep(0.05)
    return types.SimpleNamespace(text=text.split("\n", 1)[1])


@pytest.fixture
def fake_importer(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("macros.impor")
    module.import_file = _fake_importer  # type: ignore[attr-defined]
    module.UnreadableDocument = Unreadable  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "macros.impor", module)


def test_the_command_scores_keyed_documents_and_all_with_semua(tmp_path: Path, fake_importer: None) -> None:
    docs, keys = tmp_path / "docs", tmp_path / "keys"
    (docs / "a").mkdir(parents=True)
    (keys / "a").mkdir(parents=True)
    (docs / "a" / "one.pdf").write_text("ok\n" + source(KEY), encoding="utf-8")
    (keys / "a" / "one.md").write_text(source(KEY), encoding="utf-8")
    worse = mutated()
    worse["langkah"][2]["keputusan"] = {"Ya": 4, "Tidak": 2}
    (docs / "two.pdf").write_text("slow\n" + source(worse), encoding="utf-8")
    (keys / "two.md").write_text(source(KEY), encoding="utf-8")
    (keys / "missing.md").write_text(source(KEY), encoding="utf-8")
    (keys / "SCORES.md").write_text("# Notes, not a key\n", encoding="utf-8")
    (docs / "crash.pdf").write_text("crash\n", encoding="utf-8")
    (docs / "image.xlsx").write_text("unreadable\n", encoding="utf-8")
    (docs / "invalid.docx").write_text("ok\n" + source(mutated(pelaksana=["X"])), encoding="utf-8")
    (docs / "notes.txt").write_text("not a document", encoding="utf-8")

    out = io.StringIO()
    assert impor.main(["--dokumen", str(docs), "--kunci", str(keys), "--json", "-"], out=out) == 0
    summary = json.loads(out.getvalue())
    assert summary["dokumen_berkunci"] == 2 and summary["dokumen_diimpor"] == 2
    assert summary["kunci_tanpa_dokumen"] == ["missing.md"]
    assert summary["ukuran"]["cabang"] == {"tepat": 3, "jumlah": 4, "persen": 75.0}
    assert summary["ukuran"]["pelaksana_langkah"]["persen"] == 100.0
    assert summary["crash"] == 0

    out = io.StringIO()
    impor.main(["--dokumen", str(docs), "--kunci", str(keys), "--semua", "--json", "-"], out=out)
    summary = json.loads(out.getvalue())
    assert summary["dokumen_diimpor"] == 5
    assert summary["crash"] == 1 and summary["tak_terbaca"] == 1 and summary["tidak_valid"] == 1
    line = _fake_importer.__code__.co_firstlineno + 4  # the raise in _fake_importer
    assert summary["jenis_kesalahan"][f"crash: KeyError di test_bench_impor.py:{line} (_fake_importer)"] == 1
    assert summary["detik"]["maks"] >= 0.05  # wall clock: the stand-in sleeps
    assert summary["detik_cpu"]["maks"] < summary["detik"]["maks"]  # sleeping costs no CPU
    by_name = {d["dokumen"]: d for d in summary["per_dokumen"]}
    assert by_name["two.pdf"]["ukuran"]["cabang"] == [1, 2]
    assert by_name["image.xlsx"]["status"] == "tak-terbaca"


def test_the_printed_report_names_the_targets(tmp_path: Path, fake_importer: None) -> None:
    docs, keys = tmp_path / "docs", tmp_path / "keys"
    docs.mkdir()
    keys.mkdir()
    (docs / "one.pdf").write_text("ok\n" + source(KEY), encoding="utf-8")
    (keys / "one.md").write_text(source(KEY), encoding="utf-8")
    out = io.StringIO()
    impor.main(["--dokumen", str(docs), "--kunci", str(keys), "--json", str(tmp_path / "r.json")], out=out)
    text = out.getvalue()
    assert "one.pdf: ok" in text
    assert "langkah dengan himpunan pelaksana tepat: 6/6 = 100.0% (sasaran 95%)" in text
    assert "cabang keputusan dengan label dan tujuan tepat: 2/2 = 100.0% (sasaran 85%)" in text
    assert json.loads((tmp_path / "r.json").read_text())["dokumen_berkunci"] == 1
    out = io.StringIO()
    impor.main(["--dokumen", str(docs), "--kunci", str(keys), "--markdown"], out=out)
    table = out.getvalue()
    assert (
        "| paling sedikit 95% langkah dengan himpunan pelaksana tepat | 100,0% (6 dari 6) | tercapai |"
        in table
    )
    assert "| 0 crash pada semua dokumen | 0 dari 1 dokumen | tercapai |" in table
    assert "| . | 1 | 1 | 0 | 0 | 0 |" in table  # documents at the folder's top level
    assert "one.pdf" not in table  # counts per folder only, never document names
    assert impor.main(["--dokumen", str(tmp_path / "nope"), "--kunci", str(keys)], out=io.StringIO()) == 2
