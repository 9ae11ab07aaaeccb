"""The editor's commands (`python -m macros.cli`): check, new, schema; and the editor
guide's examples, which must be what the validator really accepts and prints.

Projects are written into tmp_path and passed with `--root`; nothing here writes into
the repository.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import PROJECT, write_files

from macros.cli import main, render_schema, slug_of
from macros.errors import SourceErrors
from macros.index import load_portal
from macros.loader import SYMLINK
from macros.model import Langkah, Pengesah, Sop
from macros.yamlio import parse_yaml, split_front_matter

UNIT_DIR = "sop_src/kab-malang/kec-kalipare"
UNIT = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Kalipare\n"
GUIDE = PROJECT / "docs" / "panduan"


def run(root: Path, *argv: str) -> tuple[int, list[str]]:
    """Run the command line in-process; return the exit code and the printed lines."""
    out = io.StringIO()
    code = main(["--root", str(root), *argv], out=out)
    return code, out.getvalue().splitlines()


def sop(*, nama: str = "Pengiriman Surat", status: str = "konsep", body: str) -> str:
    """A small SOP file: identity keys and the given procedure keys (YAML)."""
    return (
        f"---\nnama: {nama}\nstatus: {status}\ntanggal_pembuatan: 2024-01-01\n"
        f"disahkan_oleh:\n  jabatan: Camat Kalipare\n{body}---\n"
    )


# ---------------------------------------------------------------- check


def test_check_passes_on_the_sample_sources() -> None:
    code, lines = run(PROJECT, "check")
    count = len(list((PROJECT / "sop_src").rglob("[!_.]*.md")))
    assert code == 0, "\n".join(lines)
    assert lines[-1].startswith(f"{count} SOP diperiksa, tidak ada masalah")


BROKEN = {
    "_unit.yml": UNIT,
    "lkj.md": sop(
        body=(
            "pelaksana: [Camat, Kasubag Evapor]\n"
            "langkah:\n"
            "  - kegiatan: Memerintahkan penyusunan\n    pelaksana: Camat\n    keteranagn: x\n"
            "  - kegiatan: Memeriksa konsep\n    pelaksana: Kasubag\n"
        )
    ),
    "rapat.md": sop(
        nama="Rapat",
        body=("pelaksana: [Camat, Sekcam]\nlangkah:\n  - kegiatan: Memimpin rapat\n    pelaksana: Camat\n"),
    ),
}
LKJ = f"{UNIT_DIR}/lkj.md"
BROKEN_LINES = [
    f"{LKJ}: langkah[1].keteranagn: kunci 'keteranagn' tidak dikenal. Maksud Anda 'keterangan'?",
    f"{LKJ}: langkah[2].pelaksana: 'Kasubag' tidak ada di daftar pelaksana (Camat, Kasubag Evapor). "
    "Maksud Anda 'Kasubag Evapor'?",
    f"peringatan: {UNIT_DIR}/rapat.md: pelaksana: pelaksana 'Sekcam' tidak dipakai oleh langkah mana pun",
    "2 masalah di 1 berkas; 1 peringatan di 1 berkas.",
]


def test_check_prints_every_problem_and_fails(tmp_path: Path) -> None:
    write_files(tmp_path / UNIT_DIR, BROKEN)
    code, lines = run(tmp_path, "check")
    assert code == 1
    assert lines == BROKEN_LINES


def test_check_prints_the_same_errors_as_the_build(tmp_path: Path) -> None:
    write_files(tmp_path / UNIT_DIR, BROKEN)
    with pytest.raises(SourceErrors) as raised:
        load_portal(tmp_path)
    _, lines = run(tmp_path, "check")
    errors = [line for line in lines[:-1] if not line.startswith("peringatan: ")]
    assert errors == [str(p) for p in raised.value.problems]


def test_check_warnings_fail_only_when_strict(tmp_path: Path) -> None:
    write_files(tmp_path / UNIT_DIR, {"_unit.yml": UNIT, "rapat.md": BROKEN["rapat.md"]})
    code, lines = run(tmp_path, "check")
    assert code == 0
    assert lines[-1] == "1 SOP diperiksa, tidak ada masalah; 1 peringatan di 1 berkas."
    code, lines = run(tmp_path, "check", "--strict")
    assert code == 1
    assert lines[-1] == (
        "1 SOP diperiksa, tidak ada masalah, tetapi 1 peringatan di 1 berkas "
        "(--strict: peringatan dihitung sebagai masalah)."
    )


def test_check_names_the_line_of_broken_yaml(tmp_path: Path) -> None:
    body = "pelaksana: [Staf]\nlangkah:\n  - kegiatan: Catatan: isi formulir\n    pelaksana: Staf\n"
    write_files(tmp_path / UNIT_DIR, {"_unit.yml": UNIT, "cuti.md": sop(body=body)})
    code, lines = run(tmp_path, "check")
    assert code == 1
    assert lines == [
        f"{UNIT_DIR}/cuti.md: baris 9: tanda ':' tidak diharapkan di sini "
        "(beri tanda kutip pada teks yang memuat ': ')",
        "1 masalah di 1 berkas.",
    ]


def test_check_without_sources(tmp_path: Path) -> None:
    code, lines = run(tmp_path, "check")
    assert code == 1
    assert lines == ["sop_src: folder sumber SOP tidak ditemukan", "1 masalah di 1 berkas."]


def test_check_writes_github_annotations_on_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = dict(BROKEN)
    files["cuti.md"] = sop(body="pelaksana: [Staf]\nlangkah:\n  - kegiatan: a: b\n    pelaksana: Staf\n")
    write_files(tmp_path / UNIT_DIR, files)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, lines = run(tmp_path, "check")
    annotations = [line for line in lines if line.startswith("::")]
    file_prop = f"file={UNIT_DIR}/cuti.md"
    assert annotations[0].startswith(f"::error {file_prop},line=9,title=SOP tidak valid::baris 9: ")
    assert (
        f"::error file={LKJ},title=SOP tidak valid::langkah[1].keteranagn: kunci 'keteranagn' "
        "tidak dikenal. Maksud Anda 'keterangan'?"
    ) in annotations
    assert annotations[-1].startswith(f"::warning file={UNIT_DIR}/rapat.md,title=Peringatan SOP::")
    monkeypatch.delenv("GITHUB_ACTIONS")
    _, lines = run(tmp_path, "check")
    assert not [line for line in lines if line.startswith("::")]


# ---------------------------------------------------------------- new


def front_matter(path: Path) -> dict[str, object]:
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    assert parts is not None
    data = parse_yaml(parts[0], line_offset=1)
    assert isinstance(data, dict)
    return data


def test_new_writes_a_skeleton_that_passes_check(tmp_path: Path) -> None:
    write_files(tmp_path / UNIT_DIR, {"_unit.yml": UNIT})
    code, lines = run(tmp_path, "new", "kab-malang/kec-kalipare", "Pengiriman Surat Keluar")
    target = tmp_path / UNIT_DIR / "pengiriman-surat-keluar.md"
    assert code == 0
    assert lines[0] == f"Berkas dibuat: {UNIT_DIR}/pengiriman-surat-keluar.md (status konsep)."
    data = front_matter(target)
    assert data["nama"] == "Pengiriman Surat Keluar"
    assert data["status"] == "konsep"
    assert data["instansi"] is None and data["unit"] is None  # from _unit.yml
    assert f"# instansi dan unit diambil dari {UNIT_DIR}/_unit.yml:" in target.read_text()
    code, lines = run(tmp_path, "check")
    assert (code, lines) == (0, ["1 SOP diperiksa, tidak ada masalah."])


def test_new_skeleton_has_every_key(tmp_path: Path) -> None:
    run(tmp_path, "new", "kab-a", "Rapat Koordinasi")
    data = front_matter(tmp_path / "sop_src/kab-a/rapat-koordinasi.md")
    assert list(data) == list(Sop.model_fields)
    assert isinstance(data["disahkan_oleh"], dict) and isinstance(data["langkah"], list)
    assert list(data["disahkan_oleh"]) == list(Pengesah.model_fields)
    assert list(data["langkah"][0]) == list(Langkah.model_fields)


def test_new_without_unit_file_writes_valid_placeholders(tmp_path: Path) -> None:
    (tmp_path / "sop_src").mkdir()
    code, lines = run(tmp_path, "new", "kab-baru/kec-baru", "Rapat Koordinasi")
    assert code == 0
    assert lines[1].startswith("Folder ini belum punya _unit.yml dengan instansi dan unit")
    data = front_matter(tmp_path / "sop_src/kab-baru/kec-baru/rapat-koordinasi.md")
    assert data["instansi"] == "Tulis nama instansi, mis. Pemerintah Kabupaten Malang"
    assert (run(tmp_path, "check")[0]) == 0


def test_new_with_only_instansi_from_a_parent_unit_file(tmp_path: Path) -> None:
    write_files(tmp_path / "sop_src/kab-malang", {"_unit.yml": "instansi: Pemerintah Kabupaten Malang\n"})
    code, _ = run(tmp_path, "new", "kab-malang/kec-baru", "Rapat")
    data = front_matter(tmp_path / "sop_src/kab-malang/kec-baru/rapat.md")
    assert code == 0
    assert data["instansi"] is None
    assert data["unit"] == "Tulis nama unit kerja, mis. Kantor Kecamatan Kalipare"
    assert run(tmp_path, "check")[0] == 0


def test_new_never_overwrites(tmp_path: Path) -> None:
    write_files(tmp_path / UNIT_DIR, {"_unit.yml": UNIT, "rapat.md": "isi lama\n"})
    code, lines = run(tmp_path, "new", "kab-malang/kec-kalipare", "Rapat")
    assert code == 1
    assert lines == [
        f"{UNIT_DIR}/rapat.md sudah ada; berkas tidak ditimpa. Sunting berkas itu, atau pilih nama SOP lain."
    ]
    assert (tmp_path / UNIT_DIR / "rapat.md").read_text() == "isi lama\n"


@pytest.mark.parametrize(
    "folder",
    ["Kab-Malang", "kab malang", "../luar", "_draf", "kab_malang", "kab-malang//x", "kab.malang", ""],
)
def test_new_rejects_a_bad_folder_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    (tmp_path / "sop_src").mkdir()
    code, lines = run(tmp_path, "new", folder, "Rapat")
    assert (code, lines) == (2, [])
    assert capsys.readouterr().err.startswith("galat: ")
    assert not list((tmp_path / "sop_src").iterdir())
    assert not (tmp_path / "luar").exists()


def test_new_writes_nothing_through_a_linked_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "luar").mkdir()
    (tmp_path / "project/sop_src").mkdir(parents=True)
    (tmp_path / "project/sop_src/kab-lain").symlink_to(tmp_path / "luar", target_is_directory=True)
    code, lines = run(tmp_path / "project", "new", "kab-lain/kec-b", "Rapat")
    assert (code, lines) == (2, [])
    assert capsys.readouterr().err == f"galat: sop_src/kab-lain: {SYMLINK}\n"
    assert not list((tmp_path / "luar").iterdir())


def test_new_accepts_the_folder_as_a_path_under_sop_src(tmp_path: Path) -> None:
    code, lines = run(tmp_path, "new", "sop_src/kab-a/kec-b/", "Rapat")
    assert code == 0
    assert lines[0] == "Berkas dibuat: sop_src/kab-a/kec-b/rapat.md (status konsep)."


@pytest.mark.parametrize(
    ("nama", "slug"),
    [
        ("Penyusunan Laporan Kinerja (LKj)", "penyusunan-laporan-kinerja-lkj"),
        ("  Surat   Keterangan Ahli Waris — Desa ", "surat-keterangan-ahli-waris-desa"),
        ("Pelayanan Émigrasi 2024", "pelayanan-emigrasi-2024"),
        (
            "Penyusunan Laporan Kinerja Instansi Pemerintah dan Perjanjian Kinerja Tahunan Kecamatan",
            "penyusunan-laporan-kinerja-instansi-pemerintah-dan",
        ),
    ],
)
def test_new_file_name_from_the_sop_name(nama: str, slug: str) -> None:
    assert slug_of(nama) == slug
    assert len(slug) <= 60


def test_new_keeps_a_name_with_yaml_characters(tmp_path: Path) -> None:
    nama = "Surat \"Keterangan\": Domisili #1 {x} [y] 'z'"
    code, _ = run(tmp_path, "new", "kab-a", nama)
    assert code == 0
    assert front_matter(tmp_path / "sop_src/kab-a/surat-keterangan-domisili-1-x-y-z.md")["nama"] == nama
    assert run(tmp_path, "check")[0] == 0


@pytest.mark.parametrize("nama", ["", "   ", "!!!", "—", "baris\x07bunyi"])
def test_new_rejects_a_name_without_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nama: str
) -> None:
    code, _ = run(tmp_path, "new", "kab-a", nama)
    assert code == 2
    assert capsys.readouterr().err.startswith("galat: nama SOP ")


# ---------------------------------------------------------------- schema command


def test_schema_writes_the_generated_schema(tmp_path: Path) -> None:
    target = tmp_path / "skema.json"
    code, lines = run(PROJECT, "schema", "--output", str(target))
    assert (code, lines) == (0, [f"Ditulis: {target}"])
    assert target.read_text(encoding="utf-8") == render_schema()
    assert run(PROJECT, "schema", "--check", "--output", str(target)) == (
        0,
        [f"{target} sesuai dengan model."],
    )
    target.write_text("{}\n")
    assert run(PROJECT, "schema", "--check", "--output", str(target))[0] == 1


# ---------------------------------------------------------------- entry point


def test_the_module_runs_and_does_not_import_mkdocs(tmp_path: Path) -> None:
    code = "import sys, macros.cli; print('mkdocs' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
    done = subprocess.run(
        [sys.executable, "-m", "macros.cli", "--root", str(tmp_path), "new", "kab-a", "Rapat"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sop_src/kab-a/rapat.md").is_file()


# ---------------------------------------------------------------- the editor guide


def guide_examples() -> list[tuple[str, str]]:
    """The complete SOP files shown in the guide (a code block after `<!-- contoh-lengkap`)."""
    found = []
    for page in sorted(GUIDE.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for n, match in enumerate(re.finditer(r"<!-- contoh-lengkap.*?-->\n```yaml\n(.*?)```", text, re.S)):
            found.append((f"{page.name}#{n + 1}", match.group(1)))
    return found


def test_the_guide_has_complete_examples() -> None:
    assert {name.split("#")[0] for name, _ in guide_examples()} >= {"format.md", "alur.md", "mengajukan.md"}


@pytest.mark.parametrize(("name", "text"), guide_examples())
def test_guide_example_passes_check(tmp_path: Path, name: str, text: str) -> None:
    write_files(tmp_path / UNIT_DIR, {"_unit.yml": UNIT, "contoh.md": text})
    code, lines = run(tmp_path, "check")
    assert (code, lines) == (0, ["1 SOP diperiksa, tidak ada masalah."]), name


# The broken files behind the messages quoted in docs/panduan/galat.md, in rounds
# (some checks run only once a file's shape is right).
GALAT_ROUNDS: list[dict[str, str]] = [
    {
        "kab-malang/kec-kalipare/_unit.yml": UNIT,
        "kab-malang/kec-kalipare/penyusunan-lkj.md": """\
            ---
            nama: Penyusunan Laporan Kinerja (LKj)
            nomor: "070 / / 35.07.11/2019"
            tanggal_pembuatan: 01 Januari 2016
            tanggal_revisi: 1 Agustos 2019
            tanggal_efektif: 01 Agustus 2019
            disahkan_oleh:
              jabatan: Camat Kalipare
              nama: NEPO MARIS, S.Pd, MM
              nip: "19631116 199010 2 00"
            pelaksana: [Camat, Sekcam, Tim, Kasubag Evapor, Staf, Kasubag Umum]
            langkah:
              - kegiatan: Memerintahkan untuk penyusunan LKj
                pelaksana: Camat
              - kegiatan: Membentuk Tim, memberi pengarahan
                pelaksana: Sekcam
              - kegiatan: Mengumpulkan bahan
                pelaksana: Tim
              - kegiatan: Memeriksa konsep LKj
                pelaksana: Kasubag
                keputusan: {Ya: 7, Tidak: 3}
              - kegiatan: Mengetik konsep
                pelaksana: Staf
                keteranagn: diketik ulang
            ---
            """,
        "kab-malang/kec-kalipare/pengiriman-surat.md": """\
            ---
            nama: Pengiriman Surat
            status: berlaku
            tanggal_pembuatan: 2019-08-01
            disahkan_oleh:
              jabatan: Camat Kalipare
            pelaksana: [Kasubag Umum, Staf]
            langkah:
              - kegiatan: Menandatangani surat
                pelaksana: Kasubag Umum
                keputusan: {Ya: 2}
              - kegiatan: Mengirim surat
                pelaksana: Staf
            ---
            """,
        "kab-malang/kec-kalipare/rapat.md": """\
            ---
            nama: Rapat Koordinasi
            status: konsep
            tanggal_pembuatan: 2024-01-01
            disahkan_oleh:
              jabatan: Camat Kalipare
            pelaksana: [Camat, Sekcam, Staf]
            langkah:
              - kegiatan: Mengundang peserta
                pelaksana: Staf
                selesai: true
              - kegiatan: Memimpin rapat
                pelaksana: Camat
            ---
            """,
        "kab-malang/kec-kalipare/cuti.md": """\
            ---
            nama: Permohonan Cuti
            status: konsep
            tanggal_pembuatan: 2024-01-01
            disahkan_oleh:
              jabatan: Camat Kalipare
            pelaksana: [Staf]
            langkah:
              - kegiatan: Catatan: isi formulir cuti
                pelaksana: Staf
            ---
            """,
    },
    {
        "kab-malang/kec-kalipare/_unit.yml": UNIT,
        "kab-malang/kec-kalipare/pengiriman-surat.md": """\
            ---
            nama: Pengiriman Surat
            tanggal_pembuatan: 2019-08-01
            disahkan_oleh:
              jabatan: Camat Kalipare
            pelaksana: [Kasubag Umum, Staf]
            langkah:
              - kegiatan: Menandatangani surat
                pelaksana: Kasubag Umum
              - kegiatan: Mengirim surat
                pelaksana: Staf
            ---
            """,
        "kab-malang/kec-kalipare/rapat.md": """\
            ---
            nama: Rapat Koordinasi
            status: Draf
            disahkan_oleh: Camat Kalipare
            pelaksana: Camat
            langkah:
              - kegiatan: Memimpin rapat
                pelaksana: Camat
                ke: dua
            ---
            """,
        "kab-lain/dinas/izin.md": """\
            ---
            nama: Izin Usaha
            status: konsep
            tanggal_pembuatan: 2024-01-01
            disahkan_oleh:
              jabatan: Kepala Dinas
            pelaksana: [Staf]
            langkah:
              - kegiatan: Menerima berkas
                pelaksana: Staf
            ---
            """,
    },
    {
        "kab-malang/kec-kalipare/_unit.yml": UNIT,
        "kab-malang/kec-kalipare/pengiriman-surat.md": """\
            ---
            nama: Pengiriman Surat
            status: konsep
            tanggal_pembuatan: 2019-08-01
            disahkan_oleh:
              jabatan: Camat Kalipare
            pelaksana: [Kasubag Umum, Staf]
            langkah:
              - kegiatan: Menandatangani surat
                pelaksana: Kasubag Umum
              - kegiatan: Mengirim surat
                pelaksana: Staf
                sop: kab-malang/kec-kalipare/pengarsipan-surat
            ---
            """,
        "kab-malang/kec-kalipare/pengarsipan.md": """\
            ---
            nama: Pengarsipan Surat
            status: konsep
            tanggal_pembuatan: 2024-01-01
            disahkan_oleh:
              jabatan: Camat Kalipare
            pelaksana: [Staf]
            langkah:
              - kegiatan: Mengarsipkan surat
                pelaksana: Staf
            ---
            """,
    },
]
# The limits of one file: a valid SOP with a long body, written unindented.
_SHORT = textwrap.dedent(GALAT_ROUNDS[2]["kab-malang/kec-kalipare/pengarsipan.md"])
GALAT_ROUNDS.append(
    {
        "kab-malang/kec-kalipare/cuti.md": _SHORT + "x" * (1_204_377 - len(_SHORT)),
        "kab-malang/kec-kalipare/rapat.md": _SHORT + "x" * 120_000,
    }
)


def test_error_lines_in_the_guide_are_real_validator_output(tmp_path: Path) -> None:
    printed: set[str] = set()
    summaries = []
    for n, files in enumerate(GALAT_ROUNDS):
        write_files(tmp_path / str(n) / "sop_src", files)
        _, lines = run(tmp_path / str(n), "check")
        printed.update(lines)
        summaries.append(lines[-1])
    assert summaries[0] == "7 masalah di 3 berkas; 2 peringatan di 1 berkas."
    galat = (GUIDE / "galat.md").read_text(encoding="utf-8")
    assert f"`{summaries[0]}`" in galat
    quoted = [
        line
        for block in re.findall(r"```text\n(.*?)```", galat, re.S)
        for line in block.splitlines()
        if line.startswith(("sop_src/", "peringatan: "))
    ]
    assert len(quoted) >= 15
    assert [line for line in quoted if line not in printed] == []


def test_the_suggestion_quoted_in_the_guide_is_what_check_prints_for_the_samples() -> None:
    galat = (GUIDE / "galat.md").read_text(encoding="utf-8")
    quoted = [
        line
        for block in re.findall(r"```text\n(.*?)```", galat, re.S)
        for line in block.splitlines()
        if line.startswith("saran: ")
    ]
    code, printed = run(PROJECT, "check")
    assert code == 0
    assert quoted and [line for line in quoted if line not in printed] == []
