"""What an editor is told: the exact problem lines for each rule of SOP-FORMAT.md
"Validation", and the inputs the format accepts.

Every test writes source files into tmp_path and loads them the way the build does
(`load_portal`); problems are compared as the lines an editor reads (`str(problem)`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import write_files

from macros.dates import Tanggal
from macros.errors import SourceErrors
from macros.index import Portal, load_portal
from macros.loader import load_sources
from macros.model import Rujukan

FILE = "sop_src/kab-malang/kec-kalipare/lkj.md"
UNIT_FILE = "sop_src/kab-malang/kec-kalipare/_unit.yml"
UNIT = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Kalipare\n"
COLON = "tanda ':' tidak diharapkan di sini (beri tanda kutip pada teks yang memuat ': ')"
NO_FRONT_MATTER = (
    "front matter tidak ditemukan: diharapkan berkas diawali baris '---', "
    "data SOP dalam YAML, lalu baris '---'"
)
DATE = "tanggal seperti 2019-08-01 atau 1 Agustus 2019 (atau bulan saja: Januari 2023)"
SOP_KEYS = (
    "nama, nomor, instansi, unit, alamat, telepon, email, website, logo, tanggal_pembuatan, "
    "tanggal_revisi, tanggal_efektif, disahkan_oleh, dasar_hukum, kualifikasi_pelaksana, "
    "keterkaitan, peralatan_perlengkapan, peringatan, pencatatan_pendataan, status, "
    "diganti_oleh, kategori, tinjau_setiap, pelaksana, langkah"
)

# A valid SOP, key by key, so a test can drop or replace one key.
BLOCKS = {
    "nama": "nama: Penyusunan Laporan Kinerja\n",
    "nomor": 'nomor: "070 / / 35.07.11/2019"\n',
    "tanggal_pembuatan": "tanggal_pembuatan: 2016-01-01\n",
    "tanggal_efektif": "tanggal_efektif: 1 Agustus 2019\n",
    "disahkan_oleh": (
        "disahkan_oleh:\n"
        "  jabatan: Camat Kalipare\n"
        "  nama: NEPO MARIS, S.Pd, MM\n"
        '  nip: "19631116 199010 2 002"\n'
    ),
    "pelaksana": "pelaksana: [Camat, Staf]\n",
    "langkah": (
        "langkah:\n"
        "  - kegiatan: Memerintahkan penyusunan LKj\n"
        "    pelaksana: Camat\n"
        "    waktu: 10 menit\n"
        "  - kegiatan: Menyusun konsep LKj\n"
        "    pelaksana: Staf\n"
        "    waktu: 1 hari\n"
    ),
}


def front(extra: str = "", **blocks: str | None) -> str:
    """The valid front matter with some keys replaced (text) or dropped (None), plus extra."""
    unknown = set(blocks) - set(BLOCKS)
    assert not unknown, f"no such block: {unknown}"
    parts = [blocks.get(key, text) if key in blocks else text for key, text in BLOCKS.items()]
    return "".join(p for p in parts if p) + extra


def steps(*items: str) -> str:
    """A `langkah:` block from one flow-style mapping per step."""
    return "langkah:\n" + "".join(f"  - {item}\n" for item in items)


def sop_file(front_matter: str, body: str = "") -> str:
    return f"---\n{front_matter}---\n{body}"


def project(tmp_path: Path, files: dict[str, str], unit: str | None = UNIT) -> Path:
    """Write source files (paths relative to the project) and the unit file."""
    if unit is not None:
        files = {UNIT_FILE: unit, **files}
    write_files(tmp_path, files)
    return tmp_path


def problems(tmp_path: Path, files: dict[str, str], unit: str | None = UNIT) -> list[str]:
    """The problem lines of a project that must be refused."""
    with pytest.raises(SourceErrors) as caught:
        load_portal(project(tmp_path, files, unit))
    lines = [str(p) for p in caught.value.problems]
    assert str(caught.value) == "\n".join(lines)
    return lines


def errors(tmp_path: Path, front_matter: str, body: str = "") -> list[str]:
    """The problem lines of one SOP file (FILE) that must be refused."""
    return problems(tmp_path, {FILE: sop_file(front_matter, body)})


def accepted(tmp_path: Path, files: dict[str, str], unit: str | None = UNIT) -> Portal:
    """The portal of a project that must be accepted (fails listing the problems)."""
    try:
        return load_portal(project(tmp_path, files, unit))
    except SourceErrors as exc:  # pragma: no cover - shown when a test fails
        pytest.fail(f"valid sources refused:\n{exc}")


def accept(tmp_path: Path, front_matter: str, body: str = "") -> Portal:
    return accepted(tmp_path, {FILE: sop_file(front_matter, body)})


def at(path: str, message: str, file: str = FILE) -> str:
    return f"{file}: {path}: {message}"


def missing(expected: str) -> str:
    return f"wajib diisi: diharapkan {expected}, tidak ditemukan"


# ---------------------------------------------------------------- YAML


def test_the_valid_base_is_accepted(tmp_path: Path) -> None:
    portal = accept(tmp_path, front())
    assert [r.id for r in portal.records] == ["kab-malang/kec-kalipare/lkj"]
    assert portal.warnings == []


def test_yaml_that_does_not_parse_names_its_line(tmp_path: Path) -> None:
    # Line 1 is the opening '---', so the front matter's second line is line 3 of the file.
    text = front(nomor="nomor: 070: 35.07.11/2019\n")
    assert errors(tmp_path, text) == [
        f"{FILE}: baris 3: tanda ':' tidak diharapkan di sini (beri tanda kutip pada teks yang memuat ': ')"
    ]


def test_yaml_error_deep_in_the_steps_names_the_file_line(tmp_path: Path) -> None:
    text = front(langkah=steps("{kegiatan: a, pelaksana: Camat}") + "  - kegiatan: b\n\tpelaksana: Staf\n")
    line = sop_file(text).splitlines().index("\tpelaksana: Staf") + 1
    assert errors(tmp_path, text) == [
        f"{FILE}: baris {line}: karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi"
    ]


def test_a_key_written_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    text = front(extra="nama: Nama Lain\n")
    line = sop_file(text).splitlines().index("nama: Nama Lain") + 1
    assert line == 18
    assert errors(tmp_path, text) == [f"{FILE}: baris {line}: kunci 'nama' ditulis dua kali"]


def test_yaml_error_in_a_unit_file_counts_lines_of_that_file(tmp_path: Path) -> None:
    unit = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor: Kecamatan\n"
    lines = problems(tmp_path, {FILE: sop_file(front())}, unit=unit)
    assert lines[0] == f"{UNIT_FILE}: baris 2: {COLON}"


# ---------------------------------------------------------------- missing keys


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("nama", "teks nama"),
        ("tanggal_pembuatan", DATE),
        ("disahkan_oleh", "pemetaan dengan jabatan, nama, pangkat, nip"),
        ("pelaksana", "daftar nama pelaksana"),
        ("langkah", "daftar langkah"),
    ],
)
def test_missing_required_key(tmp_path: Path, key: str, expected: str) -> None:
    assert errors(tmp_path, front(**{key: None})) == [at(key, missing(expected))]


def test_required_keys_left_empty(tmp_path: Path) -> None:
    text = front(nama="nama:\n", tanggal_pembuatan='tanggal_pembuatan: "-"\n')
    assert errors(tmp_path, text) == [
        at("nama", "wajib diisi: diharapkan teks, ditemukan kosong"),
        at("tanggal_pembuatan", f"wajib diisi: diharapkan {DATE}, ditemukan '-'"),
    ]


def test_missing_jabatan_of_disahkan_oleh(tmp_path: Path) -> None:
    text = front(disahkan_oleh="disahkan_oleh:\n  nama: NEPO MARIS\n")
    assert errors(tmp_path, text) == [at("disahkan_oleh.jabatan", missing("teks jabatan"))]


def test_missing_kegiatan_and_pelaksana_of_a_step(tmp_path: Path) -> None:
    text = front(langkah=steps("{kegiatan: a, pelaksana: Camat}", "{waktu: 1 jam}", "{kegiatan: c}"))
    assert errors(tmp_path, text) == [
        at("langkah[2].kegiatan", missing("teks kegiatan")),
        at("langkah[2].pelaksana", missing("nama pelaksana atau daftar nama pelaksana")),
        at("langkah[3].pelaksana", missing("nama pelaksana atau daftar nama pelaksana")),
    ]


def test_instansi_and_unit_absent_from_front_matter_and_unit_file(tmp_path: Path) -> None:
    hint = " (tulis di front matter atau di _unit.yml pada folder ini atau di atasnya)"
    assert problems(tmp_path, {FILE: sop_file(front())}, unit=None) == [
        at("instansi", missing("teks nama instansi") + hint),
        at("unit", missing("teks nama unit kerja") + hint),
    ]


def test_empty_pelaksana_and_langkah(tmp_path: Path) -> None:
    assert errors(tmp_path, front(pelaksana="pelaksana: []\n", langkah="langkah: []\n")) == [
        at("pelaksana", "diharapkan sedikitnya satu pelaksana, ditemukan daftar kosong"),
        at("langkah", "diharapkan sedikitnya satu langkah, ditemukan daftar kosong"),
    ]


def test_empty_role_list_of_a_step(tmp_path: Path) -> None:
    text = front(langkah=steps("{kegiatan: a, pelaksana: Camat}", "{kegiatan: b, pelaksana: []}"))
    assert errors(tmp_path, text) == [
        at("langkah[2].pelaksana", "diharapkan sedikitnya satu nama pelaksana, ditemukan daftar kosong")
    ]


# ---------------------------------------------------------------- unknown keys


def test_unknown_top_level_key_suggests_the_closest(tmp_path: Path) -> None:
    assert errors(tmp_path, front(extra="namma: x\n")) == [
        at("namma", "kunci 'namma' tidak dikenal. Maksud Anda 'nama'?")
    ]


def test_unknown_key_without_a_close_match_lists_the_known_keys(tmp_path: Path) -> None:
    assert errors(tmp_path, front(extra="xyz: 1\n")) == [
        at("xyz", f"kunci 'xyz' tidak dikenal. Kunci yang dikenal: {SOP_KEYS}.")
    ]


def test_unknown_key_in_a_step(tmp_path: Path) -> None:
    text = front(
        langkah=steps("{kegiatan: a, pelaksana: Camat}", "{kegiatan: b, pelaksana: Staf, wakt: 1 jam}")
    )
    assert errors(tmp_path, text) == [
        at("langkah[2].wakt", "kunci 'wakt' tidak dikenal. Maksud Anda 'waktu'?")
    ]


def test_unknown_key_in_disahkan_oleh(tmp_path: Path) -> None:
    text = front(disahkan_oleh="disahkan_oleh:\n  jabatan: Camat\n  nama: X\n  pangkt: Pembina\n")
    assert errors(tmp_path, text) == [
        at("disahkan_oleh.pangkt", "kunci 'pangkt' tidak dikenal. Maksud Anda 'pangkat'?")
    ]


def test_unknown_key_in_a_keterkaitan_reference(tmp_path: Path) -> None:
    text = front(extra="keterkaitan:\n  - Dokumen Renstra\n  - {sop: kab-malang/lain, jeniss: lanjutan}\n")
    # Only the reference's own problem: a mapping is a reference, not text gone wrong.
    assert errors(tmp_path, text) == [
        at("keterkaitan[2].jeniss", "kunci 'jeniss' tidak dikenal. Maksud Anda 'jenis'?")
    ]


def test_unknown_key_in_the_unit_file(tmp_path: Path) -> None:
    unit = UNIT + "almat: Jalan Raya\n"
    lines = problems(tmp_path, {FILE: sop_file(front())}, unit=unit)
    assert at("almat", "kunci 'almat' tidak dikenal. Maksud Anda 'alamat'?", UNIT_FILE) in lines


def test_step_key_written_at_the_top_level(tmp_path: Path) -> None:
    assert errors(tmp_path, front(extra="langkah_x: 1\n")) == [
        at("langkah_x", "kunci 'langkah_x' tidak dikenal. Maksud Anda 'langkah'?")
    ]


# ---------------------------------------------------------------- wrong types


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ({"nama": "nama: [a, b]\n"}, at("nama", "diharapkan teks, ditemukan daftar 2 butir")),
        ({"nama": "nama: true\n"}, at("nama", "diharapkan teks, ditemukan nilai benar/salah 'true'")),
        ({"nomor": "nomor: {a: 1}\n"}, at("nomor", "diharapkan teks, ditemukan pemetaan (kunci: a)")),
        (
            {"pelaksana": "pelaksana: {a: 1}\n"},
            at("pelaksana", "diharapkan daftar, ditemukan pemetaan (kunci: a)"),
        ),
        ({"pelaksana": "pelaksana: Camat\n"}, at("pelaksana", "diharapkan daftar, ditemukan teks 'Camat'")),
        (
            {"langkah": "langkah:\n  kegiatan: a\n  pelaksana: Camat\n"},
            at("langkah", "diharapkan daftar, ditemukan pemetaan (kunci: kegiatan, pelaksana)"),
        ),
        (
            {"disahkan_oleh": "disahkan_oleh: Camat Kalipare\n"},
            at("disahkan_oleh", "diharapkan pemetaan (kunci: nilai), ditemukan teks 'Camat Kalipare'"),
        ),
        (
            {"tanggal_efektif": "tanggal_efektif: 20190801\n"},
            at("tanggal_efektif", f"diharapkan {DATE}, ditemukan angka '20190801'"),
        ),
    ],
)
def test_wrong_type_of_an_identity_key(tmp_path: Path, blocks: dict[str, str], expected: str) -> None:
    assert errors(tmp_path, front(**blocks)) == [expected]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "dasar_hukum: {Perpres: 29}\n",
            at("dasar_hukum", "diharapkan teks atau daftar teks, ditemukan pemetaan (kunci: Perpres)"),
        ),
        ("keterkaitan: [[a]]\n", at("keterkaitan[1]", "diharapkan teks, ditemukan daftar 1 butir")),
        (
            "status: berlku\n",
            at(
                "status",
                "diharapkan salah satu dari konsep, berlaku, dicabut, ditemukan 'berlku'. "
                "Maksud Anda 'berlaku'?",
            ),
        ),
        (
            "keterkaitan: [{sop: kab-malang/a, jenis: lanjut}]\n",
            at(
                "keterkaitan[1].jenis",
                "diharapkan salah satu dari terkait, prasyarat, lanjutan, bagian-dari, ditemukan 'lanjut'. "
                "Maksud Anda 'lanjutan'?",
            ),
        ),
        (
            "keterkaitan: [{sop: Kab Malang/A}]\n",
            at(
                "keterkaitan[1].sop",
                "diharapkan id SOP (path berkas di bawah sop_src/ tanpa .md, huruf kecil, angka dan '-', "
                "mis. kab-malang/kec-kalipare/pengiriman-surat), ditemukan teks 'Kab Malang/A'",
            ),
        ),
        ("keterkaitan: [{jenis: terkait}]\n", at("keterkaitan[1].sop", missing("id SOP"))),
    ],
)
def test_wrong_type_of_an_optional_key(tmp_path: Path, extra: str, expected: str) -> None:
    assert errors(tmp_path, front(extra=extra)) == [expected]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            "{kegiatan: a, pelaksana: Camat, ke: dua}",
            at("langkah[1].ke", "diharapkan nomor langkah (angka 1, 2, ...), ditemukan teks 'dua'"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, ke: 0}",
            at("langkah[1].ke", "diharapkan nomor langkah (angka 1, 2, ...), ditemukan angka '0'"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, ke: [2, dua]}",
            at("langkah[1].ke[2]", "diharapkan nomor langkah (angka 1, 2, ...), ditemukan teks 'dua'"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, keputusan: {Ya: dua, Tidak: 2}}",
            at("langkah[1].keputusan.Ya", "diharapkan nomor langkah (angka 1, 2, ...), ditemukan teks 'dua'"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, keputusan: [1, 2]}",
            at(
                "langkah[1].keputusan",
                "diharapkan pemetaan label cabang ke nomor langkah (mis. {Ya: 7, Tidak: 5}), "
                "ditemukan daftar 2 butir",
            ),
        ),
        (
            "{kegiatan: [a, b], pelaksana: Camat}",
            at("langkah[1].kegiatan", "diharapkan teks, ditemukan daftar 2 butir"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, waktu: [1 jam]}",
            at("langkah[1].waktu", "diharapkan teks, ditemukan daftar 1 butir"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, selesai: ya}",
            at("langkah[1].selesai", "diharapkan true atau false, ditemukan teks 'ya'"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, mulai: 1}",
            at("langkah[1].mulai", "diharapkan true atau false, ditemukan angka '1'"),
        ),
        (
            "Memerintahkan",
            at("langkah[1]", "diharapkan pemetaan (kunci: nilai), ditemukan teks 'Memerintahkan'"),
        ),
    ],
)
def test_wrong_type_in_a_step(tmp_path: Path, step: str, expected: str) -> None:
    text = front(langkah=steps(step, "{kegiatan: b, pelaksana: Staf}"))
    assert errors(tmp_path, text) == [expected]


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, {FILE: sop_file("- nama\n- nomor\n")}) == [
        f"{FILE}: front matter harus berupa pemetaan (kunci: nilai), ditemukan daftar 2 butir"
    ]
    assert problems(tmp_path, {FILE: sop_file("")}) == [
        f"{FILE}: front matter harus berupa pemetaan (kunci: nilai), ditemukan kosong"
    ]


def test_unit_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    lines = problems(tmp_path, {FILE: sop_file(front())}, unit="- Pemerintah Kabupaten Malang\n")
    assert (
        lines[0]
        == f"{UNIT_FILE}: isi _unit.yml harus berupa pemetaan (kunci: nilai), ditemukan daftar 1 butir"
    )


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("1 Agustos 2019", "nama bulan 'Agustos' tidak dikenal"),
        ("31 Februari 2019", "tanggal tidak ada"),
        ("2019-02-31", "tanggal tidak ada"),
        ("2019-13-01", "tanggal tidak ada"),
        ("0 Mei 2020", "tanggal tidak ada"),
        ("2020-05-00", "tanggal tidak ada"),
        ("kemarin sore", "bentuk tanggal tidak dikenal"),
        ("1/8/2019", "bentuk tanggal tidak dikenal"),
    ],
)
def test_unreadable_date(tmp_path: Path, written: str, reason: str) -> None:
    text = front(tanggal_efektif=f"tanggal_efektif: {written}\n")
    assert errors(tmp_path, text) == [
        at(
            "tanggal_efektif",
            f"tanggal tidak dapat dibaca ({reason}): diharapkan {DATE}, ditemukan '{written}'",
        )
    ]


def test_every_unreadable_date_is_reported(tmp_path: Path) -> None:
    text = front(
        tanggal_pembuatan="tanggal_pembuatan: 1 Agustos 2019\n",
        extra="tanggal_revisi: 32 Mei 2020\n",
    )
    assert errors(tmp_path, text) == [
        at(
            "tanggal_pembuatan",
            f"tanggal tidak dapat dibaca (nama bulan 'Agustos' tidak dikenal): diharapkan {DATE}, "
            "ditemukan '1 Agustos 2019'",
        ),
        at(
            "tanggal_revisi",
            f"tanggal tidak dapat dibaca (tanggal tidak ada): diharapkan {DATE}, ditemukan '32 Mei 2020'",
        ),
    ]


# ---------------------------------------------------------------- NIP


def _with_nip(nip: str) -> str:
    return front(
        disahkan_oleh=f"disahkan_oleh:\n  jabatan: Camat Kalipare\n  nama: NEPO MARIS\n  nip: {nip}\n"
    )


NIP_EXPECTED = "NIP tidak valid: diharapkan 18 angka (spasi boleh, mis. 19631116 199010 2 002)"


@pytest.mark.parametrize(
    ("nip", "found"),
    [
        ('"1963111619901"', "'1963111619901' (13 angka)"),
        ("1234", "'1234' (4 angka)"),
        ('"19631116 199010 2 0021"', "'19631116 199010 2 0021' (19 angka)"),
        (
            '"19631116 199010 2 00A"',
            "'19631116 199010 2 00A' (17 angka, dengan karakter selain angka dan spasi)",
        ),
        (
            '"19631116-199010-2-002"',
            "'19631116-199010-2-002' (18 angka, dengan karakter selain angka dan spasi)",
        ),
    ],
)
def test_malformed_nip(tmp_path: Path, nip: str, found: str) -> None:
    assert errors(tmp_path, _with_nip(nip)) == [at("disahkan_oleh.nip", f"{NIP_EXPECTED}, ditemukan {found}")]


def test_nip_of_the_wrong_type(tmp_path: Path) -> None:
    assert errors(tmp_path, _with_nip("[1]")) == [
        at("disahkan_oleh.nip", "diharapkan NIP 18 angka, ditemukan daftar 1 butir")
    ]


@pytest.mark.parametrize(
    ("nip", "kept"),
    [
        ("196311161990102002", "196311161990102002"),  # unquoted: YAML reads a number
        ('"19631116 199010 2 002"', "19631116 199010 2 002"),  # spaces kept as written
        ("19631116 199010 2 002", "19631116 199010 2 002"),
        ('"-"', None),
        ("", None),
    ],
)
def test_nip_accepted_and_kept_as_written(tmp_path: Path, nip: str, kept: str | None) -> None:
    assert accept(tmp_path, _with_nip(nip)).records[0].sop.disahkan_oleh.nip == kept


# ---------------------------------------------------------------- roles


ROLES6 = "pelaksana: [Camat, Sekcam, Tim, Kasubag Evapor, Staf, Kasubag Umum]\n"


def test_role_not_in_pelaksana_reads_as_the_format_example(tmp_path: Path) -> None:
    # SOP-FORMAT.md, "Validation": the example an editor gets, for an equivalent input.
    text = front(
        pelaksana=ROLES6,
        langkah=steps(
            "{kegiatan: Memerintahkan, pelaksana: Camat}",
            "{kegiatan: Membentuk Tim, pelaksana: Sekcam}",
            "{kegiatan: Mengumpulkan bahan, pelaksana: Tim}",
            "{kegiatan: Memeriksa konsep, pelaksana: Kasubag}",
            "{kegiatan: Mengetik, pelaksana: Staf}",
            "{kegiatan: Mengagenda, pelaksana: Kasubag Umum}",
        ),
    )
    lines = problems(tmp_path, {"sop_src/kab-malang/kec-kalipare/penyusunan-lkj.md": sop_file(text)})
    assert lines == [
        "sop_src/kab-malang/kec-kalipare/penyusunan-lkj.md: langkah[4].pelaksana: 'Kasubag' tidak ada di "
        "daftar pelaksana (Camat, Sekcam, Tim, Kasubag Evapor, Staf, Kasubag Umum). "
        "Maksud Anda 'Kasubag Evapor'?"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Camt", " Maksud Anda 'Camat'?"),
        ("camat", " Maksud Anda 'Camat'?"),  # names match exactly
        ("Kasubag Umm", " Maksud Anda 'Kasubag Umum'?"),
        ("Bendahara", ""),
    ],
)
def test_role_not_in_pelaksana(tmp_path: Path, written: str, hint: str) -> None:
    text = front(
        pelaksana=ROLES6,
        langkah=steps(
            "{kegiatan: a, pelaksana: [Camat, Sekcam, Tim, Kasubag Evapor, Staf, Kasubag Umum]}",
            f"{{kegiatan: b, pelaksana: {written}}}",
        ),
    )
    assert errors(tmp_path, text) == [
        at(
            "langkah[2].pelaksana",
            f"'{written}' tidak ada di daftar pelaksana "
            f"(Camat, Sekcam, Tim, Kasubag Evapor, Staf, Kasubag Umum).{hint}",
        )
    ]


def test_unknown_role_among_several_names_its_position(tmp_path: Path) -> None:
    text = front(langkah=steps("{kegiatan: a, pelaksana: Camat}", "{kegiatan: b, pelaksana: [Staf, Camt]}"))
    assert errors(tmp_path, text) == [
        at(
            "langkah[2].pelaksana[2]",
            "'Camt' tidak ada di daftar pelaksana (Camat, Staf). Maksud Anda 'Camat'?",
        )
    ]


def test_role_names_must_be_unique(tmp_path: Path) -> None:
    assert errors(tmp_path, front(pelaksana="pelaksana: [Camat, Staf, Camat]\n")) == [
        at("pelaksana", "nama pelaksana harus unik, ditemukan 'Camat' dua kali")
    ]


def test_role_names_ignore_surrounding_spaces(tmp_path: Path) -> None:
    text = front(langkah=steps('{kegiatan: a, pelaksana: " Camat "}', "{kegiatan: b, pelaksana: Staf}"))
    assert accept(tmp_path, text).records[0].sop.langkah[0].pelaksana == ("Camat",)


# ---------------------------------------------------------------- flow


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            "{kegiatan: a, pelaksana: Camat, ke: 5}",
            at("langkah[1].ke", "diharapkan nomor langkah 1 sampai 3, ditemukan 5"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, ke: [2, 7]}",
            at("langkah[1].ke[2]", "diharapkan nomor langkah 1 sampai 3, ditemukan 7"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, keputusan: {Ya: 2, Tidak: 9}}",
            at("langkah[1].keputusan.Tidak", "diharapkan nomor langkah 1 sampai 3, ditemukan 9"),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, keputusan: {Ya: 2}}",
            at(
                "langkah[1].keputusan",
                "keputusan memerlukan sedikitnya dua cabang (mis. {Ya: 7, Tidak: 5}), "
                "ditemukan 1 cabang (Ya)",
            ),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, keputusan: {}}",
            at(
                "langkah[1].keputusan",
                "keputusan memerlukan sedikitnya dua cabang (mis. {Ya: 7, Tidak: 5}), ditemukan 0 cabang",
            ),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, ke: 2, keputusan: {Ya: 2, Tidak: 3}}",
            at(
                "langkah[1].ke", "langkah keputusan menentukan tujuannya lewat cabang 'keputusan'; hapus 'ke'"
            ),
        ),
        (
            "{kegiatan: a, pelaksana: Camat, ke: 2, selesai: true}",
            at("langkah[1].selesai", "langkah yang selesai tidak berlanjut, tetapi ada 'ke'"),
        ),
    ],
)
def test_flow_targets(tmp_path: Path, step: str, expected: str) -> None:
    text = front(langkah=steps(step, "{kegiatan: b, pelaksana: Staf}", "{kegiatan: c, pelaksana: Staf}"))
    assert errors(tmp_path, text) == [expected]


def test_last_step_cannot_continue(tmp_path: Path) -> None:
    text = front(langkah=steps("{kegiatan: a, pelaksana: Camat}", "{kegiatan: b, pelaksana: Staf, ke: 1}"))
    assert errors(tmp_path, text) == [
        at("langkah[2].ke", "langkah terakhir selalu mengakhiri alur; hapus 'ke' atau pindahkan langkah ini")
    ]


def test_unused_role_is_a_warning(tmp_path: Path) -> None:
    portal = accept(tmp_path, front(pelaksana="pelaksana: [Camat, Staf, Bendahara]\n"))
    assert [str(w) for w in portal.warnings] == [
        at("pelaksana", "pelaksana 'Bendahara' tidak dipakai oleh langkah mana pun")
    ]
    assert {w.severity for w in portal.warnings} == {"warning"}


def test_unreachable_step_is_a_warning(tmp_path: Path) -> None:
    text = front(
        langkah=steps(
            "{kegiatan: a, pelaksana: Camat, selesai: true}",
            "{kegiatan: b, pelaksana: Staf}",
            "{kegiatan: c, pelaksana: Staf}",
        )
    )
    message = "langkah ini tidak dapat dicapai dari titik mulai mana pun (tambahkan 'mulai: true' atau 'ke')"
    assert [str(w) for w in accept(tmp_path, text).warnings] == [
        at("langkah[2]", message),
        at("langkah[3]", message),
    ]


# ---------------------------------------------------------------- references


def _other(nomor: str, extra: str = "") -> str:
    return sop_file(front(nomor=f'nomor: "{nomor}"\n', extra=extra))


def test_references_to_missing_ids(tmp_path: Path) -> None:
    extra = (
        "keterkaitan:\n"
        "  - Dokumen Renstra Kecamatan\n"
        "  - {sop: kab-malang/kec-kalipare/pengiriman-surat, jenis: lanjutan}\n"
        "  - {sop: kab-malang/kec-kalipare/lkj-lama}\n"
        "status: dicabut\n"
        "diganti_oleh: kab-malang/kec-kalipare/lkj-baru\n"
    )
    text = front(
        extra=extra,
        langkah=steps(
            "{kegiatan: a, pelaksana: Camat, sop: kab-malang/kec-kalipare/pengiriman-surat}",
            "{kegiatan: b, pelaksana: Staf, sop: kab-malang/surat}",
        ),
    )
    files = {FILE: sop_file(text), "sop_src/kab-malang/kec-kalipare/pengiriman-surat.md": _other("071")}
    expected = "diharapkan id SOP yang ada di sop_src/."
    hint = "Maksud Anda 'kab-malang/kec-kalipare/lkj'?"
    assert problems(tmp_path, files) == [
        at("keterkaitan[3].sop", f"SOP 'kab-malang/kec-kalipare/lkj-lama' tidak ada: {expected} {hint}"),
        at("langkah[2].sop", f"SOP 'kab-malang/surat' tidak ada: {expected}"),
        at("diganti_oleh", f"SOP 'kab-malang/kec-kalipare/lkj-baru' tidak ada: {expected} {hint}"),
    ]


def test_reference_to_itself(tmp_path: Path) -> None:
    text = front(extra="keterkaitan: [{sop: kab-malang/kec-kalipare/lkj}]\n")
    assert errors(tmp_path, text) == [
        at("keterkaitan[1].sop", "SOP tidak dapat merujuk dirinya sendiri ('kab-malang/kec-kalipare/lkj')")
    ]


def test_reference_to_an_invalid_sop_is_not_also_unknown(tmp_path: Path) -> None:
    broken = "sop_src/kab-malang/kec-kalipare/broken.md"
    files = {
        FILE: sop_file(front(extra="keterkaitan: [{sop: kab-malang/kec-kalipare/broken}]\n")),
        broken: sop_file(front(nama=None, nomor='nomor: "071"\n')),
    }
    assert problems(tmp_path, files) == [at("nama", missing("teks nama"), broken)]


def test_two_sops_of_one_unit_with_the_same_nomor(tmp_path: Path) -> None:
    second = "sop_src/kab-malang/kec-kalipare/pengiriman-surat.md"
    # Same unit through its front matter, from another folder, with spacing that differs.
    third = "sop_src/kab-malang/lain/arsip.md"
    files = {
        FILE: sop_file(front()),
        second: _other("070 / / 35.07.11/2019"),
        third: _other("070 /  / 35.07.11/2019", extra=UNIT),
    }
    assert problems(tmp_path, files) == [
        at(
            "nomor",
            f"nomor '070 / / 35.07.11/2019' sudah dipakai oleh {FILE} di unit yang sama "
            "(Kantor Kecamatan Kalipare): diharapkan nomor unik",
            second,
        ),
        at(
            "nomor",
            f"nomor '070 /  / 35.07.11/2019' sudah dipakai oleh {FILE} di unit yang sama "
            "(Kantor Kecamatan Kalipare): diharapkan nomor unik",
            third,
        ),
    ]


def test_the_same_nomor_in_two_units_is_fine(tmp_path: Path) -> None:
    files = {
        FILE: sop_file(front()),
        "sop_src/kab-malang/kec-lain/lkj.md": sop_file(
            front(extra="instansi: Pemerintah Kabupaten Malang\nunit: Kantor Kecamatan Lain\n")
        ),
    }
    assert len(accepted(tmp_path, files).records) == 2


# ---------------------------------------------------------------- status berlaku


def test_berlaku_requires_nomor_tanggal_efektif_and_the_signers_name(tmp_path: Path) -> None:
    text = front(
        nomor=None, tanggal_efektif=None, disahkan_oleh="disahkan_oleh:\n  jabatan: Camat Kalipare\n"
    )
    tail = "ditemukan kosong (atau tulis 'status: konsep' untuk draf)"
    assert errors(tmp_path, text) == [
        at("nomor", f"wajib diisi bila status berlaku: diharapkan teks nomor SOP, {tail}"),
        at("tanggal_efektif", f"wajib diisi bila status berlaku: diharapkan {DATE}, {tail}"),
        at("disahkan_oleh.nama", f"wajib diisi bila status berlaku: diharapkan nama pengesah, {tail}"),
    ]


@pytest.mark.parametrize("status", ["konsep", "dicabut"])
def test_konsep_and_dicabut_need_no_nomor(tmp_path: Path, status: str) -> None:
    text = front(
        nomor=None,
        tanggal_efektif=None,
        disahkan_oleh="disahkan_oleh:\n  jabatan: Camat Kalipare\n",
        extra=f"status: {status}\n",
    )
    sop = accept(tmp_path, text).records[0].sop
    assert (sop.status, sop.nomor, sop.tanggal_efektif, sop.disahkan_oleh.nama) == (status, None, None, None)


# ---------------------------------------------------------------- files


def test_bad_file_and_folder_names(tmp_path: Path) -> None:
    files = {
        "sop_src/kab-malang/kec-kalipare/Penyusunan_LKj.md": sop_file(front()),
        "sop_src/Kab Malang/lkj.md": sop_file(front()),
    }
    expected = "tidak valid: diharapkan huruf kecil, angka dan '-' saja (id SOP dipakai di alamat halaman)"
    assert problems(tmp_path, files) == [
        f"sop_src/Kab Malang/lkj.md: nama berkas/folder 'Kab Malang' {expected}",
        f"sop_src/kab-malang/kec-kalipare/Penyusunan_LKj.md: nama berkas/folder 'Penyusunan_LKj' {expected}",
    ]


def test_files_without_front_matter(tmp_path: Path) -> None:
    expected = NO_FRONT_MATTER
    files = {
        "sop_src/kab-malang/catatan.md": "# Catatan\n\nTanpa front matter.\n",
        "sop_src/kab-malang/terpotong.md": "---\nnama: Tanpa penutup\n",
    }
    assert problems(tmp_path, files) == [
        f"sop_src/kab-malang/catatan.md: {expected}",
        f"sop_src/kab-malang/terpotong.md: {expected}",
    ]


def test_names_starting_with_underscore_or_dot_and_other_files_are_not_sops(tmp_path: Path) -> None:
    files = {
        FILE: sop_file(front()),
        "sop_src/kab-malang/_draf.md": "bukan SOP",
        "sop_src/kab-malang/.tersembunyi.md": "bukan SOP",
        "sop_src/_arsip/lama.md": "bukan SOP",
        "sop_src/kab-malang/catatan.txt": "bukan SOP",
        "sop_src/kab-malang/logo.png": "",
    }
    assert [r.id for r in accepted(tmp_path, files).records] == ["kab-malang/kec-kalipare/lkj"]


def test_sop_id_is_the_path_under_sop_src(tmp_path: Path) -> None:
    record = accept(tmp_path, front()).records[0]
    assert (record.id, record.src) == ("kab-malang/kec-kalipare/lkj", FILE)


# ---------------------------------------------------------------- every problem, one run


def test_all_problems_of_all_files_are_reported_in_one_run(tmp_path: Path) -> None:
    second = "sop_src/kab-malang/kec-kalipare/pengiriman-surat.md"
    files = {
        FILE: sop_file(front(nama=None, extra="namma: x\n")),
        second: sop_file(
            front(
                nomor='nomor: "071"\n',
                tanggal_efektif="tanggal_efektif: 31 Februari 2019\n",
                langkah=steps("{kegiatan: a, pelaksana: Camt, ke: 9}", "{kegiatan: b, pelaksana: Staf}"),
            )
        ),
        "sop_src/kab-malang/tanpa.md": "tanpa front matter\n",
    }
    lines = problems(tmp_path, files)
    assert lines == [
        at("nama", missing("teks nama")),
        at("namma", "kunci 'namma' tidak dikenal. Maksud Anda 'nama'?"),
        at(
            "tanggal_efektif",
            f"tanggal tidak dapat dibaca (tanggal tidak ada): diharapkan {DATE}, "
            "ditemukan '31 Februari 2019'",
            second,
        ),
        at(
            "langkah[1].pelaksana",
            "'Camt' tidak ada di daftar pelaksana (Camat, Staf). Maksud Anda 'Camat'?",
            second,
        ),
        at("langkah[1].ke", "diharapkan nomor langkah 1 sampai 2, ditemukan 9", second),
        "sop_src/kab-malang/tanpa.md: front matter tidak ditemukan: diharapkan berkas diawali baris '---', "
        "data SOP dalam YAML, lalu baris '---'",
    ]


def test_load_sources_keeps_the_valid_sops_and_every_problem(tmp_path: Path) -> None:
    files = {
        FILE: sop_file(front()),
        "sop_src/kab-malang/kec-kalipare/rusak.md": sop_file(front(nama=None, nomor='nomor: "071"\n')),
    }
    loaded = load_sources(project(tmp_path, files))
    assert [r.id for r in loaded.records] == ["kab-malang/kec-kalipare/lkj"]
    assert [str(p) for p in loaded.errors] == [
        "sop_src/kab-malang/kec-kalipare/rusak.md: nama: " + missing("teks nama")
    ]


def test_positions_count_from_one(tmp_path: Path) -> None:
    text = front(
        extra="keterkaitan:\n  - {sop: x, jenis: salah}\n",
        langkah=steps("{kegiatan: a, pelaksana: Camt}", "{kegiatan: b, pelaksana: Staf}"),
    )
    paths = [line.split(": ")[1] for line in errors(tmp_path, text)]
    assert paths == ["keterkaitan[1].jenis", "langkah[1].pelaksana"]


# ---------------------------------------------------------------- accepted inputs


@pytest.mark.parametrize(
    ("written", "iso", "long"),
    [
        ("2019-08-01", "2019-08-01", "1 Agustus 2019"),
        ('"2019-08-01"', "2019-08-01", "1 Agustus 2019"),
        ("1 Agustus 2019", "2019-08-01", "1 Agustus 2019"),
        ("01 agustus 2019", "2019-08-01", "1 Agustus 2019"),
        ("1 AGUSTUS 2019", "2019-08-01", "1 Agustus 2019"),
        ("Januari 2023", "2023-01", "Januari 2023"),
        ("2023-01", "2023-01", "Januari 2023"),
    ],
)
def test_date_forms(tmp_path: Path, written: str, iso: str, long: str) -> None:
    sop = accept(tmp_path, front(tanggal_efektif=f"tanggal_efektif: {written}\n")).records[0].sop
    assert sop.tanggal_efektif is not None
    assert (sop.tanggal_efektif.iso(), sop.tanggal_efektif.long()) == (iso, long)


@pytest.mark.parametrize("written", ['"-"', "", "null", "~", '""'])
def test_no_date(tmp_path: Path, written: str) -> None:
    sop = accept(tmp_path, front(extra=f"tanggal_revisi: {written}\n")).records[0].sop
    assert sop.tanggal_revisi is None


def test_text_or_list_fields(tmp_path: Path) -> None:
    extra = (
        "dasar_hukum: Peraturan Presiden Nomor 29 Tahun 2014\n"
        "kualifikasi_pelaksana:\n  - Mampu menyusun LKj\n  - Mampu mengoperasikan komputer\n"
        "keterkaitan: Dokumen Renstra Kecamatan\n"
        "peralatan_perlengkapan:\n"
        'peringatan: ""\n'
        "pencatatan_pendataan: [Dokumen LKj, '', null]\n"
    )
    text = front(
        extra=extra,
        langkah=steps(
            "{kegiatan: a, pelaksana: Camat, kelengkapan: Surat masuk, output: [Disposisi, Tim]}",
            "{kegiatan: b, pelaksana: Staf, kelengkapan: [DPA, LRA], output: Konsep}",
        ),
    )
    sop = accept(tmp_path, text).records[0].sop
    assert sop.dasar_hukum == ("Peraturan Presiden Nomor 29 Tahun 2014",)
    assert sop.kualifikasi_pelaksana == ("Mampu menyusun LKj", "Mampu mengoperasikan komputer")
    assert sop.keterkaitan == ("Dokumen Renstra Kecamatan",)
    assert (sop.peralatan_perlengkapan, sop.peringatan) == ((), ())
    assert sop.pencatatan_pendataan == ("Dokumen LKj",)
    assert [(s.kelengkapan, s.output) for s in sop.langkah] == [
        (("Surat masuk",), ("Disposisi", "Tim")),
        (("DPA", "LRA"), ("Konsep",)),
    ]


def test_keterkaitan_mixes_text_and_references(tmp_path: Path) -> None:
    extra = (
        "keterkaitan:\n"
        "  - Dokumen Renstra\n"
        "  - {sop: kab-malang/kec-kalipare/surat, jenis: prasyarat}\n"
        "  - {sop: kab-malang/kec-kalipare/surat.md}\n"
    )
    files = {
        FILE: sop_file(front(extra=extra)),
        "sop_src/kab-malang/kec-kalipare/surat.md": _other("071"),
    }
    sop = accepted(tmp_path, files).get("kab-malang/kec-kalipare/lkj").sop
    assert sop.keterkaitan == (
        "Dokumen Renstra",
        Rujukan(sop="kab-malang/kec-kalipare/surat", jenis="prasyarat"),
        Rujukan(sop="kab-malang/kec-kalipare/surat", jenis="terkait"),
    )


def test_several_roles_per_step(tmp_path: Path) -> None:
    text = front(
        pelaksana="pelaksana: [Camat, Sekcam, Staf]\n",
        langkah=steps("{kegiatan: a, pelaksana: [Camat, Sekcam]}", "{kegiatan: b, pelaksana: [Staf, Camat]}"),
    )
    sop = accept(tmp_path, text).records[0].sop
    assert [s.pelaksana for s in sop.langkah] == [("Camat", "Sekcam"), ("Staf", "Camat")]


def test_custom_decision_labels_loops_and_self_loops(tmp_path: Path) -> None:
    text = front(
        langkah=steps(
            "{kegiatan: a, pelaksana: Camat}",
            "{kegiatan: Memeriksa, pelaksana: Camat, keputusan: {Y: 3, T: 1}}",
            "{kegiatan: Memilah, pelaksana: Staf, keputusan: {Teknis: 4, Administratif: 3}}",
            "{kegiatan: Memeriksa kelengkapan, pelaksana: Staf, keputusan: {Lengkap: 5, Tidak lengkap: 4}}",
            "{kegiatan: e, pelaksana: Staf}",
        )
    )
    portal = accept(tmp_path, text)
    assert [s.keputusan for s in portal.records[0].sop.langkah] == [
        None,
        {"Y": 3, "T": 1},
        {"Teknis": 4, "Administratif": 3},
        {"Lengkap": 5, "Tidak lengkap": 4},
        None,
    ]
    assert portal.warnings == []


def test_several_starts_and_ends(tmp_path: Path) -> None:
    text = front(
        langkah=steps(
            "{kegiatan: a, pelaksana: Camat, ke: 3}",
            "{kegiatan: b, pelaksana: Staf, mulai: true}",
            "{kegiatan: c, pelaksana: Staf, selesai: true}",
            "{kegiatan: d, pelaksana: Camat, mulai: true, ke: [5, 3]}",
            "{kegiatan: e, pelaksana: Camat}",
        )
    )
    portal = accept(tmp_path, text)
    steps_ = portal.records[0].sop.langkah
    assert [(s.mulai, s.selesai, s.ke) for s in steps_] == [
        (False, False, (3,)),
        (True, False, None),
        (False, True, None),
        (True, False, (5, 3)),
        (False, False, None),
    ]
    assert portal.warnings == []


def test_yaml_1_2_words_stay_text(tmp_path: Path) -> None:
    text = front(
        nama="nama: Ya\n",
        disahkan_oleh="disahkan_oleh:\n  jabatan: On\n  nama: No\n  pangkat: Off\n",
        pelaksana="pelaksana: [Camat, yes, n]\n",
        langkah=steps(
            "{kegiatan: a, pelaksana: Camat, keputusan: {Ya: 2, Tidak: 3}}",
            "{kegiatan: On, pelaksana: yes}",
            "{kegiatan: Off, pelaksana: n, waktu: No}",
        ),
    )
    sop = accept(tmp_path, text).records[0].sop
    assert (sop.nama, sop.disahkan_oleh.jabatan, sop.disahkan_oleh.nama, sop.disahkan_oleh.pangkat) == (
        "Ya",
        "On",
        "No",
        "Off",
    )
    assert sop.pelaksana == ("Camat", "yes", "n")
    assert sop.langkah[0].keputusan == {"Ya": 2, "Tidak": 3}
    assert [s.kegiatan for s in sop.langkah[1:]] == ["On", "Off"]
    assert sop.langkah[2].waktu == "No"


def test_numbers_keep_how_they_were_written(tmp_path: Path) -> None:
    text = front(nomor="nomor: 070\n", nama="nama: 1.50\n", extra="dasar_hukum: [007, 1e3]\n")
    sop = accept(tmp_path, text).records[0].sop
    assert (sop.nomor, sop.nama, sop.dasar_hukum) == ("070", "1.50", ("007", "1e3"))


def test_unit_file_defaults_and_front_matter_overrides(tmp_path: Path) -> None:
    files = {
        "sop_src/kab-malang/_unit.yml": (
            "instansi: Pemerintah Kabupaten Malang\nunit: Sekretariat\nalamat: Kepanjen\n"
        ),
        "sop_src/kab-malang/kec-kalipare/_unit.yml": "unit: Kantor Kecamatan Kalipare\n",
        FILE: sop_file(front(extra="alamat: Jalan Raya Kalipare\n")),
        "sop_src/kab-malang/kec-kalipare/surat.md": _other("071"),
    }
    portal = accepted(tmp_path, files, unit=None)
    lkj, surat = (portal.get(f"kab-malang/kec-kalipare/{name}").sop for name in ("lkj", "surat"))
    assert (lkj.instansi, lkj.unit, lkj.alamat) == (
        "Pemerintah Kabupaten Malang",
        "Kantor Kecamatan Kalipare",
        "Jalan Raya Kalipare",
    )
    assert surat.alamat == "Kepanjen"


def test_the_body_is_kept_as_written(tmp_path: Path) -> None:
    body = "Catatan {{ config }} dan {% raw %}.\n"
    assert accept(tmp_path, front(), body=body).records[0].body == body


def test_status_defaults_to_berlaku(tmp_path: Path) -> None:
    sop = accept(tmp_path, front()).records[0].sop
    assert sop.status == "berlaku"
    assert sop.tanggal_pembuatan == Tanggal(2016, 1, 1)


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda text: ("\ufeff" + text).encode(), id="bom"),
        pytest.param(lambda text: text.replace("\n---\n", "\n...\n", 1).encode(), id="yaml-end-marker"),
    ],
)
def test_line_endings_bom_and_end_marker(tmp_path: Path, encode: Any) -> None:
    path = project(tmp_path, {}) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode(sop_file(front(), body="Isi.\n")))
    record = load_portal(tmp_path).records[0]
    assert (record.sop.nama, record.body) == ("Penyusunan Laporan Kinerja", "Isi.\n")


def test_yaml_error_line_with_crlf_and_bom(tmp_path: Path) -> None:
    path = project(tmp_path, {}) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\ufeff" + sop_file(front(nomor="nomor: 070: 35.07.11/2019\n"))
    path.write_bytes(text.replace("\n", "\r\n").encode())
    with pytest.raises(SourceErrors) as caught:
        load_portal(tmp_path)
    assert [str(p) for p in caught.value.problems] == [f"{FILE}: baris 3: {COLON}"]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = project(tmp_path, {}) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        sop_file(front(nama="nama: Penyusunan Laporan Kinerja Camat Kalipare Ñ\n")).encode("latin-1")
    )
    with pytest.raises(SourceErrors) as caught:
        load_portal(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{FILE}: baris 2: berkas harus berenkode UTF-8, ditemukan byte 0xD1 yang bukan UTF-8 "
        "(enkode lain, mis. Windows-1252); simpan ulang sebagai UTF-8"
    ]


# ---------------------------------------------------------------- later additions


@pytest.mark.parametrize(
    ("yaml_line", "message"),
    [
        (
            "kategori: [Surat, Rapat",
            "daftar dalam kurung siku [ ... ] tidak ditutup dengan ']' atau butirnya tidak dipisah koma",
        ),
        (
            "kategori: {a: 1",
            "pemetaan dalam kurung kurawal { ... } tidak ditutup dengan '}' atau butirnya tidak dipisah koma",
        ),
        ("kategori: @surat", "karakter '@' tidak boleh mengawali nilai; beri tanda kutip pada teksnya"),
        (
            "kategori: *surat",
            "kategori: alias YAML '*surat' tidak diizinkan: sumber SOP tidak memakai jangkar '&' dan "
            "alias '*'; tulis nilainya langsung (beri tanda kutip pada teks yang diawali '*')",
        ),
        (
            'kategori: "Surat" masuk',
            "ada teks sesudah nilai berkutip, atau indentasi tidak rata (beri tanda kutip pada seluruh teks)",
        ),
    ],
)
def test_yaml_errors_are_told_in_indonesian(tmp_path: Path, yaml_line: str, message: str) -> None:
    lines = errors(tmp_path, front(yaml_line + "\n"))
    assert len(lines) == 1
    assert lines[0].startswith(f"{FILE}: baris ")
    assert lines[0].endswith(message)


def test_a_broken_unit_file_is_not_repeated_as_missing_instansi(tmp_path: Path) -> None:
    unit = "instansi: Pemerintah Kabupaten Malang\nunit: Kantor: Kecamatan\n"
    assert problems(tmp_path, {FILE: sop_file(front())}, unit=unit) == [f"{UNIT_FILE}: baris 2: {COLON}"]


def test_a_flow_that_never_ends_is_a_warning(tmp_path: Path) -> None:
    portal = accept(
        tmp_path,
        front(
            langkah=steps(
                "{kegiatan: Menyusun konsep, pelaksana: Staf}",
                "{kegiatan: Memeriksa konsep, pelaksana: Camat, keputusan: {Ya: 1, Tidak: 1}}",
            )
        ),
    )
    assert [str(w) for w in portal.warnings] == [
        at(
            "langkah",
            "alur tidak pernah selesai: tidak ada langkah selesai yang dapat dicapai (langkah terakhir "
            "berupa keputusan? tambahkan langkah penutup atau 'selesai: true')",
        )
    ]
